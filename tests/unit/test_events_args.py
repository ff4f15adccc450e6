"""Event arguments on Arabic written for these tests: member words, relative heads, pronoun
possessors, zero subjects, first-person speakers, trigger words inside names."""
from __future__ import annotations

from marsad.stages.events import Events
from tests.unit.events_util import of_type, run


def default_events():
    """The events stage with its default bars, runnable without the entities stage."""
    ev = Events()
    ev.requires = frozenset(ev.requires - {"entities"})
    return ev


def by_trigger(d):
    return {v["trigger"]["text"]: v for v in d.events}


def test_member_words_lead_to_the_group(base, events):
    text = "وتواصل فرار العشرات من مسلحي جبهة الصخر نحو الحدود. وقتلت الطائرات عناصر جبهة الصخر."
    d = run(base, events, text, [("ARMED_GROUP", "جبهة الصخر")])
    v = by_trigger(d)
    assert v["فرار"]["actor"] == ["e1"]
    assert v["وقتلت"]["recipient"] == ["e1"]
    # تابعة ل "belonging to" after a member word leads on to the group too
    d = run(base, events, "وقصفت طائرة تابعة لجبهة الصخر مواقع في الوادي.", [("ARMED_GROUP", "جبهة الصخر")])
    assert by_trigger(d)["وقصفت"]["actor"] == ["e1"]


def test_plural_construct_subject_of_a_verb(base, events):
    d = run(base, events, "وهاجم مقاتلو لواء النسور حاجزا لقوات الدرك.",
            [("ARMED_GROUP", "لواء النسور"), ("STATE_FORCE", "قوات الدرك")])
    v = by_trigger(d)["وهاجم"]
    assert v["actor"] == ["e1"] and v["recipient"] == ["e2"]


def test_relative_clause_head_is_the_actor(base, events):
    d = run(base, events, "تقدمت قوات الحرس الجمهوري التي تحاصر البلدة منذ أسبوع.",
            [("STATE_FORCE", "قوات الحرس الجمهوري"), ("PLACE", "البلدة")])
    assert by_trigger(d)["تحاصر"]["actor"] == ["e1"]
    # a relative clause on a common noun does not borrow a subject from elsewhere
    d = run(base, events, "قال سليم داود إن الدفعة التي انسحبت كانت صغيرة.", [("PERSON", "سليم داود")])
    assert by_trigger(d)["انسحبت"]["actor"] == []


def test_pronoun_possessor_of_a_nominal_trigger(base, events):
    text = "وزاد طيران التحالف الجنوبي من غاراته على مخازن الوقود."
    d = run(base, events, text, [("STATE_FORCE", "التحالف الجنوبي")])
    v = by_trigger(d)["غاراته"]
    assert v["actor"] == ["e1"] and v["mode"] == "aerial"


def test_zero_subject_verb_takes_the_previous_sentence_subject(base, events):
    text = "أعلنت كتيبة الفجر مسؤوليتها عن العملية. ثم انسحبت من القرية بعد ساعات."
    d = run(base, events, text, [("ARMED_GROUP", "كتيبة الفجر"), ("PLACE", "القرية")])
    v = by_trigger(d)["انسحبت"]
    assert v["type"] == "RETREAT" and v["actor"] == ["e1"] and v["location"] == ["e2"]
    # the carried subject does not count as a participant named in the sentence
    assert "participants" not in v["specificity"]["signals"]


def test_first_person_verb_takes_the_speaker(base, events):
    text = 'وقال حزب الوادي في بيانه: "نحن لا نقبل وصاية أحد على قرارنا".'
    v = of_type(base, events, "REJECT", text, [("ORG", "حزب الوادي")], quotes=True)
    assert v and v[0]["actor"] == ["e1"]


def test_trigger_word_inside_a_name_is_no_event(base, events):
    d = run(base, events, "وصل وفد التحالف الشعبي إلى العاصمة.", [("ORG", "التحالف الشعبي")])
    assert all(v["type"] != "COOPERATE" for v in d.events)
    d = run(base, events, "أعلنت الحكومة تحالفا مع حزب الوادي.", [("ORG", "حزب الوادي")])
    assert any(v["type"] == "COOPERATE" for v in d.events)


def test_nisba_adjective_is_not_its_noun(base, events):
    d = run(base, events, "نشر الخبر على مواقع التواصل الاجتماعي.")
    assert all(v["type"] != "CONSULT" for v in d.events)
    d = run(base, events, "عقد الوزير سالم نور اجتماعا مطولا أمس.", [("PERSON", "سالم نور")])
    assert any(v["type"] == "CONSULT" for v in d.events)


def test_stated_intention_to_attack_is_a_threat(base, events):
    d = run(base, events, "أعلنت جماعة الرمال خطة للهجوم على قاعدة الساحل.",
            [("ARMED_GROUP", "جماعة الرمال")])
    v = [x for x in d.events if x["trigger"]["text"] == "للهجوم"]
    assert v and v[0]["type"] == "THREATEN" and v[0]["mode"] == "violence" and v[0]["status"] == "planned"
    assert v[0]["actor"] == ["e1"]
    # an attack that happened stays ASSAULT
    d = run(base, events, "هاجمت جماعة الرمال قاعدة الساحل.", [("ARMED_GROUP", "جماعة الرمال")])
    assert [x["type"] for x in d.events] == ["ASSAULT"]


def test_plural_noun_after_lam_is_not_purpose(base, events):
    d = run(base, events, "واصلت الطائرات الحربية لغاراتها على المعابر.")
    assert any(x["type"] == "ASSAULT" and x["status"] != "planned" for x in d.events)


def test_lam_possessor_and_political_subject(base, events):
    text = 'وأعلن القائد انطلاق تحركات مستقبلية لـ "لواء الجبل" نحو الساحل.'
    v = of_type(base, events, "MOBILIZE", text, [("ARMED_GROUP", "لواء الجبل")])
    assert v and v[0]["actor"] == ["e1"] and v[0]["status"] == "planned"
    text = "وأعلن مقاتلو حركة الأمل، في مؤتمر صحفي، استعدادهم لدعم جبهة الوادي."
    v = of_type(base, events, "SUPPORT", text, [("ARMED_GROUP", "حركة الأمل"), ("ARMED_GROUP", "جبهة الوادي")])
    assert v and v[0]["actor"] == ["e1"] and v[0]["recipient"] == ["e2"] and v[0]["status"] == "planned"


def test_political_statement_defaults(base):
    ev = default_events()
    d = run(base, ev, "وقال قادة حزب الوادي: لا نقبل وصاية أحد.", [("ORG", "حزب الوادي")])
    assert any(x["type"] == "REJECT" and "present-verb" in x["specificity"]["signals"] for x in d.events)


def test_present_verb_opening_its_sentence_is_an_ongoing_event(base):
    ev = default_events()
    d = run(base, ev, "تحاصر القوات الحكومية بلدة الوادي منذ أمس.",
            [("STATE_FORCE", "القوات الحكومية"), ("PLACE", "بلدة الوادي")])
    v = [x for x in d.events if x["type"] == "COERCE"]
    assert v and v[0]["status"] == "ongoing" and "present-verb" in v[0]["specificity"]["signals"]
    # later in its sentence the present verb scores nothing (a background or habitual mention)
    d = run(base, Events(min_score=-50), "قال الأهالي إن القوات الحكومية تحاصر بلدة الوادي منذ شهرين.",
            [("STATE_FORCE", "القوات الحكومية"), ("PLACE", "بلدة الوادي")])
    assert all("present-verb" not in x["specificity"]["signals"] for x in d.events)


def test_demonstrative_marks_a_reference_back(base):
    ev = Events(min_score=-50)
    ev.requires = frozenset(ev.requires - {"entities"})
    d = run(base, ev, "وتحدث الوزير سالم نور عن هذه التحركات العسكرية في الإقليم.", [("PERSON", "سالم نور")])
    assert any("anaphoric(-2)" in x["specificity"]["signals"] for x in d.events if x["type"] == "MOBILIZE")


def test_at_least_is_no_target_and_a_reference_point_is_no_location(base, events):
    # على الأقل is "at least", not "against": لوغار is no recipient; لوغار جنوب كابل happened in
    # لوغار (ولاية is a place-kind word), كابل only locates it; the victims named after مقتل in the
    # same clause are the recipient of the strike
    text = "أسفرت غارة أمس عن مقتل عشرة جنود أفغان على الأقل في ولاية لوغار جنوب كابل."
    v = of_type(base, events, "ASSAULT", text, [("NORP", "أفغان"), ("PLACE", "لوغار"), ("PLACE", "كابل")])
    assert v and v[0]["location"] == ["e2"] and v[0]["recipient"] == ["e1"], v
    # a distance between the place and the direction word: still a reference point
    text = "وانفجرت سيارة مفخخة أمس في بلدة المقدادية (100 كلم شمال شرقي بغداد)."
    v = of_type(base, events, "ASSAULT", text, [("PLACE", "المقدادية"), ("PLACE", "بغداد")])
    assert v and v[0]["location"] == ["e1"], v
    # a place after a direction word with no place before it is the location
    v = of_type(base, events, "ASSAULT", "وانفجرت سيارة مفخخة أمس جنوب بغداد.", [("PLACE", "بغداد")])
    assert v and v[0]["location"] == ["e1"], v


def test_the_one_who_fired_it_is_the_agent(base, events):
    # بصاروخ أطلقته قوة X: X fired it, so X is the actor of the killing
    text = "وقتل خمسة جنود وأصيب ثمانية آخرون بصاروخ أطلقته قوة الحلف أمس."
    v = of_type(base, events, "ASSAULT", text, [("STATE_FORCE", "قوة الحلف")])
    assert v and v[0]["actor"] == ["e1"], v


def test_verb_inflected_for_a_plural_subject_takes_the_entity_after_it_as_object(base, events):
    # a verb before its subject stays singular: هددوا/يتهمون already carry theirs
    text = "وكان مقاتلون من جماعة الرمال هددوا قوة الحلف بهجمات جديدة."
    v = of_type(base, events, "THREATEN", text, [("ARMED_GROUP", "جماعة الرمال"), ("STATE_FORCE", "قوة الحلف")])
    assert v and v[0]["actor"] == ["e1"] and v[0]["recipient"] == ["e2"], v
    text = "وكان مسلحون قد هاجموا كمينا لقوة الحلف قرب الميناء."
    v = of_type(base, events, "ASSAULT", text, [("STATE_FORCE", "قوة الحلف")])
    assert v and v[0]["actor"] == [] and v[0]["recipient"] == ["e1"], v
    # a complementiser with the subject pronoun before the verb: the entity after it is its object
    text = "وقالت جماعة الرمال إنها قصفت مواقع لقوة الحلف قرب الميناء."
    v = of_type(base, events, "ASSAULT", text, [("ARMED_GROUP", "جماعة الرمال"), ("STATE_FORCE", "قوة الحلف")])
    assert v and v[0]["actor"] == ["e1"] and v[0]["recipient"] == ["e2"], v
    # a singular verb before its subject: the entity after it is the subject (VSO)
    text = "وهددت جماعة الرمال قوة الحلف بهجمات جديدة."
    v = of_type(base, events, "THREATEN", text, [("ARMED_GROUP", "جماعة الرمال"), ("STATE_FORCE", "قوة الحلف")])
    assert v and v[0]["actor"] == ["e1"] and v[0]["recipient"] == ["e2"], v


def test_coordinated_subject_makes_both_actors(base, events):
    text = "وتوصلت حكومة الوادي وجماعة الرمال إلى اتفاق يقضي بتبادل الأسرى."
    v = of_type(base, events, "AGREE", text, [("ORG", "حكومة الوادي"), ("ARMED_GROUP", "جماعة الرمال")])
    assert v and v[0]["actor"] == ["e1", "e2"], v
    # not coordinated (a word between): only the nearest
    text = "وقالت حكومة الوادي إن جماعة الرمال توصلت إلى اتفاق مع الوسطاء."
    v = of_type(base, events, "AGREE", text, [("ORG", "حكومة الوادي"), ("ARMED_GROUP", "جماعة الرمال")])
    assert v and v[0]["actor"] == ["e2"], v


def test_after_anna_with_a_pronoun_a_marked_object_makes_the_verb_active(base, events):
    # أنه قتل نحو عشرين مسلحاً: the army killed (object marked: -ين number word, tanween fath)
    text = "وأعلنت قوة الحلف أنها قتلت نحو عشرين مسلحاً قرب الميناء."
    v = of_type(base, events, "ASSAULT", text, [("STATE_FORCE", "قوة الحلف")])
    assert v and v[0]["actor"] == ["e1"] and "passive" not in v[0]["rule"], v
    # أنه قتل 5 أشخاص: unmarked, read as passive (5 were killed): the announcer killed nobody
    text = "وذكرت قوة الحلف أنه قتل 5 أشخاص في انفجار قرب الميناء."
    d = run(base, events, text, [("STATE_FORCE", "قوة الحلف")])
    v = [x for x in d.events if x["type"] == "ASSAULT" and x["trigger"]["text"] == "قتل"]
    assert v and v[0]["actor"] == [], v


def test_definite_words_after_anna_are_the_subject(base, events):
    # غير أن السلطات اتهمت جماعة الرمال: the authorities (no entity) accuse, the group is accused
    text = "ولم يعرف منفذ الهجوم، غير أن السلطات اتهمت جماعة الرمال بالوقوف وراءه."
    v = of_type(base, events, "ACCUSE", text, [("ARMED_GROUP", "جماعة الرمال")])
    assert v and v[0]["actor"] == [] and v[0]["recipient"] == ["e1"], v
    # an entity among those words is the actor; a far one before them is not
    text = "وقال سالم نور إن قوة الحلف اعتقلت عناصر من جماعة الرمال."
    v = of_type(base, events, "COERCE", text, [("PERSON", "سالم نور"), ("STATE_FORCE", "قوة الحلف"), ("ARMED_GROUP", "جماعة الرمال")])
    assert v and v[0]["actor"] == ["e2"] and v[0]["recipient"] == ["e3"], v
    text = "وقال سالم نور إن الكتيبة اعتقلت عناصر من جماعة الرمال."
    v = of_type(base, events, "COERCE", text, [("PERSON", "سالم نور"), ("ARMED_GROUP", "جماعة الرمال")])
    assert v and v[0]["actor"] == [] and v[0]["recipient"] == ["e2"], v


def test_location_after_an_appositive_kind_word(base, events):
    # وسط العاصمة الوادية الوادي: the kind word and its adjective stand between the cue and the name
    text = "قتل عشرة أشخاص أمس في تفجير استهدف سوقا وسط العاصمة الرملية الوادي."
    v = of_type(base, events, "ASSAULT", text, [("PLACE", "الوادي")])
    assert v and v[0]["location"] == ["e1"], v
    # a ل genitive after the kind word names the country of an unnamed capital: no location there
    text = "قتل عشرة أشخاص أمس في تفجير استهدف سوقا في العاصمة الاتحادية للوادي."
    v = of_type(base, events, "ASSAULT", text, [("PLACE", "الوادي")])
    assert v and v[0]["location"] == [], v


def test_members_of_a_group_named_without_its_head_word(base, events):
    # مقتل خمسة من عناصر تنظيم «الرمال»: the mention is الرمال, the head word تنظيم is left out
    text = "وأعلن الجيش مقتل خمسة من عناصر تنظيم الرمال في البلدة."
    v = of_type(base, events, "ASSAULT", text, [("ARMED_GROUP", "الرمال")])
    assert v and v[0]["recipient"] == ["e1"], v


def test_a_reporter_before_anna_or_a_colon_is_not_the_actor(base, events):
    # قال مصدر في الوزارة بأن انفجار السيارة …: the ministry reports, it did not blow anything up
    text = "وأفاد مصدر في وزارة الصحة بأن انفجار السيارة المفخخة خلف خمسة قتلى."
    v = of_type(base, events, "ASSAULT", text, [("ORG", "وزارة الصحة")])
    assert v and v[0]["actor"] == [], v
    text = "وفي أخبار اليوم من قوة الحلف: هاجم مسلحون مركزا للشرطة في البلدة."
    v = of_type(base, events, "ASSAULT", text, [("STATE_FORCE", "قوة الحلف")])
    assert v and v[0]["actor"] == [], v
    # without a barrier the subject before the verb still acts
    v = of_type(base, events, "ASSAULT", "وقوة الحلف هاجمت مركزا للمسلحين في البلدة.", [("STATE_FORCE", "قوة الحلف")])
    assert v and v[0]["actor"] == ["e1"], v


def test_a_clause_inside_a_relative_clause_is_not_the_relative_verb(base, events):
    # الحادث الذي وقع عندما انفجرت قنبلة: the explosion is reported, not backgrounded by الذي
    d = run(base, events, "وأفاد مسؤول بأن الحادث الذي وقع عندما انفجرت قنبلة أمام المقر لم يسفر عن إصابات.")
    v = [x for x in d.events if x["trigger"]["text"] == "انفجرت"]
    # the verb scores as a finite verb (with the relative penalty a noun of the group had scored best)
    assert v and "finite-verb" in v[0]["specificity"]["signals"], v
    assert "relative-clause(-2)" not in v[0]["specificity"]["signals"], v
    d = run(base, events, "وقال الوزير إن المسلحين الذين هاجموا المقر فروا إلى الجبال.")
    v = [x for x in d.events if x["trigger"]["text"] == "هاجموا"]
    assert v and "relative-clause(-2)" in v[0]["specificity"]["signals"], v


def test_claim_of_responsibility_names_the_attacker(base):
    ev = default_events()
    text = ("قتل عشرة أشخاص على الأقل أمس في تفجير انتحاري استهدف سوقا في بلدة الوادي.\n"
            "وأعلنت جماعة الرمال مسؤوليتها عن الهجوم في بيان على الإنترنت.")
    v = of_type(base, ev, "ASSAULT", text, [("ARMED_GROUP", "جماعة الرمال"), ("PLACE", "بلدة الوادي")])
    assert v and all(x["actor"] == ["e1"] for x in v), v
    assert all("claim of responsibility" in x["rule"] for x in v)
    # nobody claimed it: no actor
    text = ("قتل عشرة أشخاص على الأقل أمس في تفجير انتحاري استهدف سوقا في بلدة الوادي.\n"
            "ولم تعلن جماعة الرمال مسؤوليتها عن الهجوم حتى الآن.")
    v = of_type(base, ev, "ASSAULT", text, [("ARMED_GROUP", "جماعة الرمال"), ("PLACE", "بلدة الوادي")])
    assert v and all(x["actor"] == [] for x in v), v
    # an attack whose attacker is named keeps it
    text = ("وهاجمت قوة الحلف مواقع في بلدة الوادي أمس.\n"
            "وأعلنت جماعة الرمال مسؤوليتها عن تفجير آخر.")
    d = run(base, ev, text, [("STATE_FORCE", "قوة الحلف"), ("ARMED_GROUP", "جماعة الرمال"),
                             ("PLACE", "بلدة الوادي")])
    v = [x for x in d.events if x["type"] == "ASSAULT" and x["trigger"]["text"] == "وهاجمت"]
    assert v and v[0]["actor"] == ["e1"], v


def test_titled_subject_after_the_verb(base, events):
    # VSO with a title before the name: the named person is the subject, the next entity the object
    text = "وبعد ساعات على الانفجار، اتهم رئيس الوزراء الوادي سالم نور جماعة الرمال بالوقوف وراء الهجوم."
    v = of_type(base, events, "ACCUSE", text, [("PERSON", "سالم نور"), ("ARMED_GROUP", "جماعة الرمال")])
    assert v and v[0]["actor"] == ["e1"] and v[0]["recipient"] == ["e2"], v
    # after a relative pronoun the titled person is the object: the relative's head is the subject
    text = "وقال كمال حسن الذي التقى رئيس الحكومة سالم نور أمس إن اللقاء كان مثمرا."
    d = run(base, events, text, [("PERSON", "كمال حسن"), ("PERSON", "سالم نور")])
    v = [x for x in d.events if x["type"] == "CONSULT" and x["trigger"]["text"] == "التقى"]
    assert v and v[0]["actor"] == ["e1"] and v[0]["recipient"] == ["e2"], v


def test_a_verbal_noun_after_a_judging_verb_has_no_author_from_its_subject(base, events):
    # أدانت X مقتل …: X judges the killing; who killed is not said (the verb before or after X)
    for text in ("أدانت منظمة الرصد الحقوقية مقتل 12 مدنيا في قصف على بلدة الوادي أمس.",
                 "منظمة الرصد الحقوقية نددت أمس بمقتل 12 مدنيا في قصف على بلدة الوادي."):
        v = of_type(base, events, "ASSAULT", text, [("ORG", "منظمة الرصد الحقوقية")])
        assert len(v) == 1 and v[0]["actor"] == [], text
    # an accusation names the author: the accused before the verbal noun stays its actor
    v = of_type(base, events, "ASSAULT", "واتهم الوزير لواء النسور بقتل 12 مدنيا في بلدة الوادي أمس.",
                [("ARMED_GROUP", "لواء النسور")])
    assert [x["actor"] for x in v] == [["e1"]]
    # a relative clause between the judging verb and the noun has its own subject, the author
    text = ("ندد الرئيس بالجريمة التي نفذها مسلحو لواء النسور فجر أمس وأدت إلى مقتل 3 مدنيين "
            "في بلدة الوادي.")
    v = of_type(base, events, "ASSAULT", text, [("ARMED_GROUP", "لواء النسور")])
    assert len(v) == 1 and v[0]["actor"] == ["e1"]


def test_the_source_reporting_a_killing_is_not_its_author(base, events):
    text = "أعلنت وزارة الصحة مقتل خمسة أشخاص في انفجار سيارة مفخخة في بلدة الوادي أمس."
    v = of_type(base, events, "ASSAULT", text, [("ORG", "وزارة الصحة")], quotes=True)
    assert len(v) == 1 and v[0]["actor"] == []
    # … unless it says that it did it (إنه: the pronoun is the source itself)
    text = "قال جيش الوادي إنه تمكن من مقتل قيادي بارز في لواء النسور في غارة أمس."
    v = of_type(base, events, "ASSAULT", text, [("STATE_FORCE", "جيش الوادي"), ("ARMED_GROUP", "لواء النسور")],
                quotes=True)
    assert len(v) == 1 and v[0]["actor"] == ["e1"]


def test_attack_markers_name_the_author_of_an_attack_only(base, events):
    # نفذها X after "the crime which": X carried out the crime, X does not condemn it
    text = "وندد وزير الداخلية بالجريمة التي نفذها لواء النسور في بلدة الوادي أمس."
    v = of_type(base, events, "ACCUSE", text, [("ARMED_GROUP", "لواء النسور")])
    assert len(v) == 1 and "e1" not in v[0]["actor"]
    # the same marker after an attack names its author
    text = "وقتل خمسة مدنيين في هجوم شنه لواء النسور على بلدة الوادي أمس."
    v = of_type(base, events, "ASSAULT", text, [("ARMED_GROUP", "لواء النسور")])
    assert v and all(x["actor"] == ["e1"] for x in v)


def test_a_count_after_a_verb_whose_subject_is_named_before_it_is_its_object(base, events):
    # SVO, with قد between: لواء النسور abducted the 23, they were not abducted by nobody
    text = "وكانت جماعة الصخر قد خطفت 23 من عمال شركة الوادي في البلدة أمس."
    v = of_type(base, events, "ASSAULT", text, [("ARMED_GROUP", "جماعة الصخر")])
    assert len(v) == 1 and v[0]["actor"] == ["e1"]
    text = "وقال جيش الوادي إن جنوده قتلوا خمسة مسلحين أمس خلال غارة شمال البلدة."
    v = of_type(base, events, "ASSAULT", text, [("STATE_FORCE", "جيش الوادي")])
    assert len(v) == 1 and v[0]["actor"] == ["e1"]
    # without a name before it, a count after the verb still reads as its victims
    v = of_type(base, events, "ASSAULT", "قتل 5 أشخاص في انفجار عبوة ناسفة في البلدة أمس.")
    assert len(v) == 1 and v[0]["actor"] == []
    # a name after a preposition is no subject: the fighters of the group were killed
    text = "وأعلن الجيش أن نحو 260 مقاتلا من جماعة الصخر قتلوا ومئات جرحوا خلال أسبوع من الغارات."
    v = of_type(base, events, "ASSAULT", text, [("ARMED_GROUP", "جماعة الصخر")])
    assert all("e1" not in x["actor"] for x in v)


def test_a_verb_with_an_object_pronoun_has_its_subject_after_it(base, events):
    # هدنة … من طرف جماعة الصخر طلبها الرئيس: the president asked for it
    text = "وبدأ سريان هدنة من طرف جماعة الصخر طلبها رئيس الوادي سليم العارف أمس."
    v = of_type(base, events, "REQUEST", text, [("ARMED_GROUP", "جماعة الصخر"), ("PERSON", "سليم العارف")])
    assert v and all(x["actor"] != ["e1"] for x in v)


def test_a_country_named_as_the_subject_of_a_verb_is_its_actor(base, events):
    # VSO with the feminine verb a country takes, SVO after a complementiser, a support verb
    for text in ("قصفت سلطانة مواقع لجماعة الصخر في بلدة الوادي أمس.",
                 "وقال المتحدث إن سلطانة قصفت مواقع لجماعة الصخر في بلدة الوادي أمس.",
                 "وشنت سلطانة غارات جوية على مواقع جماعة الصخر في بلدة الوادي أمس."):
        d = run(base, events, text, [("PLACE", "سلطانة"), ("ARMED_GROUP", "جماعة الصخر")],
                countries={"سلطانة"})
        v = [x for x in d.events if x["type"] == "ASSAULT"]
        assert len(v) == 1 and v[0]["actor"] == ["e1"] and v[0]["recipient"] == ["e2"], text
    # a masculine verb before a country has its subject elsewhere: the country is visited
    d = run(base, events, "وزار سلطانة مرات عدة خلال العام الماضي.", [("PLACE", "سلطانة")], countries={"سلطانة"})
    assert all("e1" not in x["actor"] for x in d.events)
    # a country word after a noun is an adjective or a genitive, no subject (جنديا سلطانيا قتل)
    d = run(base, events, "وقال المتحدث إن جنديا سلطانة قتل أيضا في الهجوم.", [("PLACE", "سلطانة")],
            countries={"سلطانة"})
    assert all("e1" not in x["actor"] for x in d.events)
    # a city is never an actor
    d = run(base, events, "قصفت سلطانة مواقع لجماعة الصخر أمس.",
            [("PLACE", "سلطانة"), ("ARMED_GROUP", "جماعة الصخر")], countries=())
    assert all("e1" not in x["actor"] for x in d.events)


def test_the_subject_of_a_support_verb_is_the_agent_of_its_verbal_noun(base):
    # شنت الجماعة غارات / الجماعة نفذت ضربة: a named participant, so the event passes the bar
    ev = default_events()
    for text in ("وشنت جماعة الصخر هجوما على مواقع قوات الدرك في بلدة الوادي أمس.",
                 "وقالت مصادر إن جماعة الصخر نفذت هجوما على مواقع قوات الدرك في بلدة الوادي أمس."):
        v = of_type(base, ev, "ASSAULT", text, [("ARMED_GROUP", "جماعة الصخر"), ("STATE_FORCE", "قوات الدرك")])
        assert len(v) == 1 and v[0]["actor"] == ["e1"] and v[0]["recipient"] == ["e2"], text


def test_the_town_attacked_is_where_the_attack_happened(base, events):
    text = "وشنت الطائرات الحربية غارات على مدينة الوادي أمس ما أسفر عن مقتل 12 مدنيا."
    v = of_type(base, events, "ASSAULT", text, [("ARMED_GROUP", "جماعة الصخر"), ("PLACE", "مدينة الوادي")])
    assert v and v[0]["location"] == ["e2"]


def test_a_country_object_of_a_statement_is_its_recipient(base, events):
    # اتهمت سلطانة الوادي …: VSO, the second country is the accused; SVO likewise
    for text in ("اتهمت سلطانة الوادي بدعم جماعة الصخر في المنطقة.",
                 "وسلطانة اتهمت الوادي بدعم جماعة الصخر في المنطقة."):
        d = run(base, events, text, [("PLACE", "سلطانة"), ("PLACE", "الوادي")], countries={"سلطانة", "الوادي"})
        v = [x for x in d.events if x["type"] == "ACCUSE"]
        assert len(v) == 1 and v[0]["actor"] == ["e1"] and v[0]["recipient"] == ["e2"], text
    # an attack's country object stays its place
    d = run(base, events, "قصفت سلطانة الوادي أمس بالصواريخ.", [("PLACE", "سلطانة"), ("PLACE", "الوادي")],
            countries={"سلطانة", "الوادي"})
    v = [x for x in d.events if x["type"] == "ASSAULT"]
    assert v and all("e2" not in x["recipient"] and "e2" not in x["actor"] for x in v)


def test_the_countries_that_sign_an_agreement_are_its_parties(base, events):
    # وقع / أبرم (+ feminine for a country, VSO) or a country right before it (SVO): the signing
    # country is a state, and so is one coordinated with it (و glued), for the agreement noun
    d = run(base, events, "ووقعت سلطانة والوادي اتفاقا لوقف إطلاق النار في بلدة السهل أمس.",
            [("PLACE", "سلطانة"), ("PLACE", "الوادي")], countries={"سلطانة", "الوادي"})
    v = [x for x in d.events if x["type"] == "AGREE"]
    assert len(v) == 1 and v[0]["actor"] == ["e1", "e2"]
    d = run(base, events, "وقال المتحدث إن سلطانة أبرمت اتفاقا مع الوادي أمس.",
            [("PLACE", "سلطانة"), ("PLACE", "الوادي")], countries={"سلطانة", "الوادي"})
    v = [x for x in d.events if x["type"] == "AGREE"]
    assert len(v) == 1 and v[0]["actor"] == ["e1"]


def test_signing_verbs_and_conjuncts_only_for_two_sided_nouns(base, events):
    # an attack verb's coordinated second country is not made a party (it stays a place)
    d = run(base, events, "قصفت سلطانة والوادي مواقع لجماعة الصخر أمس.",
            [("PLACE", "سلطانة"), ("PLACE", "الوادي"), ("ARMED_GROUP", "جماعة الصخر")],
            countries={"سلطانة", "الوادي"})
    v = [x for x in d.events if x["type"] == "ASSAULT"]
    assert len(v) == 1 and v[0]["actor"] == ["e1"] and "e2" not in v[0]["recipient"]
    # bare عقد is the verbal noun "holding" as often as a verb: no signing subject before it
    d = run(base, events, "تعتزم سلطانة والوادي عقد جولة جديدة من المباحثات حول اتفاقية للتجارة.",
            [("PLACE", "سلطانة"), ("PLACE", "الوادي")], countries={"سلطانة", "الوادي"})
    assert all(not x["actor"] for x in d.events if x["type"] == "AGREE")
