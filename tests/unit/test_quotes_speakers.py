"""Quotes stage: speaker resolution — anonymity markers, unnamed descriptions, coreference of
descriptions and pronouns, subjects before the verb, possessives, and nested attribution
(according to).  Arabic written for these tests; entities made by hand."""
from __future__ import annotations

import pytest

from marsad.stages.quotes import attribution_for_offset
from tests.unit.test_quotes_cues import content, eid, run


@pytest.mark.parametrize("sentence, described", [
    ("وقال ضابط في الشرطة، طلب عدم الكشف عن هويته، إن الهجوم وقع فجراً.", "ضابط في الشرطة"),
    ("وقال مسؤول أمني رفض ذكر اسمه إن الهجوم وقع فجراً.", "مسؤول أمني رفض ذكر اسمه"),
    ("وأكد موظف في البلدية، فضّل عدم الكشف عن اسمه، أن الهجوم وقع فجراً.", "موظف في البلدية"),
    ("وأفاد شهود عيان بأن الهجوم وقع فجراً.", "شهود عيان"),
    ("وذكرت مصادر مطلعة أن الهجوم وقع فجراً.", "مصادر مطلعة"),
    ("وقال ناشطون إن الهجوم وقع فجراً.", "ناشطون"),
    ("وروى أحد سكان الحي لمراسلنا أن الهجوم وقع فجراً.", "أحد سكان الحي لمراسلنا"),
])
def test_anonymous_sources(sentence, described):
    doc = run("تعرضت البلدة لهجوم مسلح أمس.\n" + sentence + "\n", [("الشرطة", "STATE_FORCE")])
    [q] = doc.quotes
    assert q["anonymous"] is True and q["speaker"] is None
    assert q["speaker_text"].startswith(described.split()[0])
    assert content(doc, q).endswith("وقع فجراً")


def test_a_report_is_the_source_not_the_last_person_quoted():
    # تقرير is a role-like description: its organisation speaks through it; "the report" later
    # refers back to it, not to the person quoted in between
    text = ("وقال الباحث سامي الحداد إن الأرقام مقلقة.\n"
            "وأصدرت منظمة الرمال تقريرا جديدا عن النزوح.\n"
            "وقال التقرير إن عشرة آلاف شخص نزحوا خلال شهر.\n")
    doc = run(text, [("سامي الحداد", "PERSON"), ("منظمة الرمال", "ORG")])
    q = [x for x in doc.quotes if "عشرة" in content(doc, x)]
    assert q and q[0]["speaker"] != eid(doc, "سامي الحداد") and q[0]["speaker_text"] == "التقرير"
    # a report of a named organisation speaks for it; an unattributed one is an unnamed source
    doc = run("وذكر تقرير منظمة الرمال أن عشرة آلاف شخص نزحوا.\n", [("منظمة الرمال", "ORG")])
    [q] = doc.quotes
    assert q["speaker"] == eid(doc, "منظمة الرمال") and q["anonymous"] is False
    doc = run("وذكر تقرير حديث أن عشرة آلاف شخص نزحوا.\n")
    [q] = doc.quotes
    assert q["speaker"] is None and q["anonymous"] is True and q["speaker_text"].startswith("تقرير")


def test_subject_before_qad_and_the_verb():
    # وكانت X (adjective) قد أعلنت: the subject stands before the particle قد
    doc = run("وكانت فصائل الوادي المسلحة قد أعلنت أنها سيطرت على التلة.\n", [("فصائل الوادي", "ARMED_GROUP")])
    [q] = doc.quotes
    assert q["speaker"] == eid(doc, "فصائل الوادي") and not q["speaker_text"].endswith("قد")
    doc = run("وكان سامي الحداد قد قال إن المياه انقطعت.\n", [("سامي الحداد", "PERSON")])
    [q] = doc.quotes
    assert q["speaker"] == eid(doc, "سامي الحداد") and q["speaker_text"] == "سامي الحداد"


def test_an_unrecognised_subject_after_the_verb_is_the_speaker_text():
    # a subject the stage cannot resolve still names the speaker; it does not inherit the last one
    text = ("وقال سامي الحداد إن المياه انقطعت عن الأحياء.\n"
            "كما أعلنت السلطات المحلية أن الطريق مغلق حتى الغد.\n")
    doc = run(text, [("سامي الحداد", "PERSON")])
    q1, q2 = doc.quotes
    assert q1["speaker"] == eid(doc, "سامي الحداد")
    assert q2["speaker"] is None and q2["speaker_text"] == "السلطات المحلية" and q2["resolved_by"] == "unresolved"
    # no subject (أكد أن …): the previous speaker continues; an adverb (قائلا) or a ل phrase is no subject
    doc = run("وقال سامي الحداد إن المياه انقطعت.\nوأضاف أن الإصلاح يحتاج أسبوعا.\n", [("سامي الحداد", "PERSON")])
    assert [q["speaker"] for q in doc.quotes] == [eid(doc, "سامي الحداد")] * 2
    # a later bare verb continues the resolved speaker, not a bare subject quoted in between
    text = ("وقالت الوزيرة سلمى حداد إن الاتفاق قريب.\n"
            "ونقلت تقارير صحفية أن الوزيرة تلقت دعوة.\n"
            "وقالت: «نحن مستعدون للحوار».\n")
    doc = run(text, [("سلمى حداد", "PERSON")])
    assert doc.quotes[-1]["speaker"] == eid(doc, "سلمى حداد")


def test_a_rank_before_a_known_name():
    doc = run("وأكد الأمير سالم بن فهد أن الاستعدادات اكتملت.\n", [("سالم بن فهد", "PERSON")])
    [q] = doc.quotes
    assert q["speaker"] == eid(doc, "سالم بن فهد") and q["speaker_text"] == "الأمير سالم بن فهد"


def test_name_refusal_phrase_is_not_a_cue():
    doc = run("وقال مسؤول رفض ذكر اسمه إن الطريق مغلق.\n")
    assert [q["cue"]["text"] for q in doc.quotes] == ["وقال"]


def test_unnamed_member_of_a_named_group_is_anonymous_not_the_group():
    doc = run('وكشف مقاتل بارز في "لواء الفتح" لوكالة "الأنباء الحرة" عن خطة للهجوم على المطار.\n',
              [("لواء الفتح", "ARMED_GROUP"), ("الأنباء الحرة", "MEDIA")])
    [q] = doc.quotes
    assert q["anonymous"] is True and q["speaker"] is None
    assert q["speaker_text"] == 'مقاتل بارز في "لواء الفتح"'
    assert q["via"] == eid(doc, "الأنباء الحرة")


def test_definite_description_refers_back_to_the_unnamed_source():
    text = ("وقال ناشط حقوقي من المدينة إن الاعتقالات طالت العشرات.\n"
            "وتابع الناشط أن الأهالي يخشون الخروج ليلاً.\n")
    doc = run(text)
    q1, q2 = doc.quotes
    assert q1["anonymous"] and q2["anonymous"] and q2["speaker"] is None
    assert q2["speaker_text"] == "الناشط" and q2["resolved_by"] == "description"


def test_definite_description_refers_back_to_a_named_speaker():
    text = ("وقال رئيس البلدية سامي الحداد إن المياه انقطعت عن الأحياء الغربية.\n"
            "وأشار المسؤول المحلي إلى أن الإصلاحات تحتاج أسبوعاً.\n")
    doc = run(text, [("سامي الحداد", "PERSON")])
    q1, q2 = doc.quotes
    assert q1["speaker"] == q2["speaker"] == eid(doc, "سامي الحداد")
    assert q2["anonymous"] is False


def test_description_picks_the_speaker_with_the_same_head_noun():
    text = ("وقال مقاتل في الفصيل إن الجبهة هادئة.\n"
            "وقال الوزير نادر الكبيسي إن الحكومة سترسل تعزيزات.\n"
            "وأوضح المقاتل أن الذخيرة تنفد.\n")
    doc = run(text, [("نادر الكبيسي", "PERSON")])
    q1, q2, q3 = doc.quotes
    assert q2["speaker"] == eid(doc, "نادر الكبيسي")
    assert q3["anonymous"] is True and q3["speaker"] is None


def test_subject_before_the_verb():
    text = 'القيادي في حركة النهضة رياض بن سالم أكد في حديث لقناة "الوطنية" أن الحوار متوقف.\n'
    doc = run(text, [("حركة النهضة", "ORG"), ("رياض بن سالم", "PERSON"), ("الوطنية", "MEDIA")])
    [q] = doc.quotes
    assert q["speaker"] == eid(doc, "رياض بن سالم")
    assert q["via"] == eid(doc, "الوطنية") and q["channel"] == "interview"
    assert q["speaker_text"].startswith("القيادي")


def test_plural_construct_speaks_for_the_group_and_possessive_resolves_to_its_owner():
    text = ("وأعلن مقاتلو جبهة الأحرار استعدادهم للانسحاب من الحي.\n"
            'وفق رسالة نشرتها جبهة الأحرار عبر "تلغرام"، قال قادتها إن الانسحاب سيبدأ غداً.\n')
    doc = run(text, [("جبهة الأحرار", "ARMED_GROUP"), ("تلغرام", "MEDIA")])
    q1, q2 = doc.quotes
    assert q1["speaker"] == eid(doc, "جبهة الأحرار")
    assert q2["via"] == eid(doc, "تلغرام")


def test_possessive_description():
    text = 'وفق رسالة نشرتها جبهة الأحرار عبر "تلغرام"، قال مقاتلوها فيها إن الانسحاب سيبدأ غداً.\n'
    doc = run(text, [("جبهة الأحرار", "ARMED_GROUP"), ("تلغرام", "MEDIA")])
    [q] = doc.quotes
    assert q["speaker"] == eid(doc, "جبهة الأحرار") and q["resolved_by"] == "possessive"
    assert q["via"] == eid(doc, "تلغرام")


def test_nested_attribution_according_to_before_the_verb():
    text = "بيان الجبهة الشعبية، بحسب عضوها سليم داود، شدد على أن المفاوضات فشلت.\n"
    doc = run(text, [("الجبهة الشعبية", "ORG"), ("سليم داود", "PERSON")])
    [q] = doc.quotes
    assert q["speaker"] == eid(doc, "الجبهة الشعبية")
    assert q["according_to"] == eid(doc, "سليم داود")
    assert q["channel"] == "statement"


def test_nested_attribution_after_the_clause():
    text = "وأعلنت الفصائل المسلحة رفضها للاتفاق، حسبما أفاد المرصد المحلي.\n"
    doc = run(text, [("الفصائل المسلحة", "ARMED_GROUP"), ("المرصد المحلي", "ORG")])
    [q] = doc.quotes
    assert q["speaker"] == eid(doc, "الفصائل المسلحة")
    assert q["according_to"] == eid(doc, "المرصد المحلي")
    assert content(doc, q) == "رفضها للاتفاق"  # the according-to phrase is not content
    att = attribution_for_offset(doc, q["content"]["start"])
    assert att == {"speaker": eid(doc, "المرصد المحلي"), "anonymous": False, "via": None}


def test_standalone_according_to_is_attribution_not_a_quote():
    text = "وقتل خمسة مدنيين في القصف، بحسب مصادر طبية.\n"
    doc = run(text)
    assert doc.quotes == []
    att = attribution_for_offset(doc, text.index("خمسة"))
    assert att == {"speaker": None, "anonymous": True, "via": None}


def test_cue_inside_a_direct_quote_is_not_a_new_quote():
    text = ('وقال هادي السامر: "حسب ما وصلنا، أكد القادة أن الهجوم تأجل. وأشار البيان إلى أن الخسائر كبيرة".\n'
            "وأضاف أن الطرق مقطوعة.\n")
    doc = run(text, [("هادي السامر", "PERSON")])
    q1, q2 = doc.quotes
    assert {n["cue"]["text"] for n in q1["nested"]} == {"حسب", "أكد", "وأشار"}
    assert q2["speaker"] == q1["speaker"]


def test_subject_before_the_verb_across_an_appositive_and_adjectives():
    # "X، قائد الجيش في الولاية، تحدث عن …": the person before the appositive speaks, not the
    # previous quote's speaker
    doc = run("وقال سالم نور إن القصف استمر حتى الظهر.\n"
              "لكن كمال حسن، قائد الشرطة في الولاية، تحدث عن مقتل ثمانية جنود فقط.\n",
              [("سالم نور", "PERSON"), ("كمال حسن", "PERSON"), ("الشرطة", "STATE_FORCE")])
    assert [q["speaker"] for q in doc.quotes] == [eid(doc, "سالم نور"), eid(doc, "كمال حسن")]
    # an unnamed description with adjectives before the verb: anonymous, not the previous speaker
    doc = run("وقال سالم نور إن القصف استمر حتى الظهر.\n"
              "وكانت مصادر أمنية محلية أكدت أن القصف توقف مساء.\n", [("سالم نور", "PERSON")])
    assert doc.quotes[1]["speaker"] is None and doc.quotes[1]["anonymous"] is True


@pytest.mark.parametrize("sentence, speaker", [
    ("وصرح وكيل محافظة الساحل كمال حسن لصحافيين أن القصف توقف.", "كمال حسن"),
    ("وقال السفير الوادي سالم نور إن القصف توقف.", "سالم نور"),
])
def test_titled_speakers_named_after_the_title(sentence, speaker):
    doc = run("تعرضت البلدة لهجوم مسلح أمس.\n" + sentence + "\n", [("كمال حسن", "PERSON"), ("سالم نور", "PERSON")])
    [q] = doc.quotes
    assert q["speaker"] == eid(doc, speaker) and q["anonymous"] is False


@pytest.mark.parametrize("sentence", [
    "ويقول المحللون إن القصف توقف.",
    "وأوضح العلماء أن القصف توقف.",
    "وقال خبراء عسكريون إن القصف توقف.",
])
def test_experts_and_analysts_are_anonymous(sentence):
    doc = run("وقال سالم نور إن البلدة تعرضت لهجوم.\n" + sentence + "\n", [("سالم نور", "PERSON")])
    assert doc.quotes[-1]["speaker"] is None and doc.quotes[-1]["anonymous"] is True


def test_a_name_after_several_title_words_is_the_speaker():
    # المدعية العامة الفيدرالية + a name: definite title words before a person, up to four
    text = ("وقال الباحث سامي الحداد إن الأرقام مقلقة.\n"
            "وقالت المدعية العامة الفيدرالية سلمى حداد إن التحقيق مستمر.\n"
            "وأكد الفريق الأول الركن مراد الزين أن القوات جاهزة.\n")
    doc = run(text, [("سامي الحداد", "PERSON"), ("سلمى حداد", "PERSON"), ("مراد الزين", "PERSON")])
    by = {content(doc, q).split()[1]: q for q in doc.quotes}
    assert by["التحقيق"]["speaker"] == eid(doc, "سلمى حداد"), doc.quotes
    assert by["القوات"]["speaker"] == eid(doc, "مراد الزين"), doc.quotes


def test_speaker_text_ends_before_a_time_or_the_people_spoken_to():
    # the description is the speaker's, the day and the addressee are not (the anonymity markers
    # are still read over the whole subject)
    from marsad.io.readers import make_doc
    from marsad.pipeline import Pipeline, load_stage

    pl = Pipeline([load_stage(s) for s in ("marsad.stages.structure:Structure", "marsad.stages.segment:Segment",
                                           "marsad.stages.entities:Entities", "marsad.stages.quotes:Quotes")])

    def speakers(text):
        d = pl(make_doc({"id": "t", "text": text}))
        return [(q["speaker_text"], q["anonymous"]) for q in d.quotes]

    assert speakers("وقالت مصادر محلية أمس إن القوات انسحبت من البلدة.") == [("مصادر محلية", True)]
    assert speakers("وقال متحدث عسكري في وقت مبكر أمس إن الهجوم فشل.") == [("متحدث عسكري", True)]
    assert speakers("وذكر تقرير إخباري اليوم الاثنين أن الأسعار ارتفعت.") == [("تقرير إخباري", True)]
    assert speakers("وقال مسؤول أمس رفض الكشف عن اسمه إن القوات انسحبت.") == [("مسؤول", True)]


def test_an_office_named_by_a_construct_is_no_anonymous_source():
    # رئيس الوزراء البريطاني, وزير الخارجية النمساوي: an office with a definite word after it has one
    # known holder (not "deliberately unnamed"); an indefinite مسؤول، مصدر أمني still is, and so are
    # plural descriptions in a construct (مسؤولو الأمن: unnamed people)
    from marsad.io.readers import make_doc
    from marsad.pipeline import Pipeline, load_stage

    pl = Pipeline([load_stage(s) for s in ("marsad.stages.structure:Structure", "marsad.stages.segment:Segment",
                                           "marsad.stages.entities:Entities", "marsad.stages.quotes:Quotes")])

    def anonymous(text):
        return [q["anonymous"] for q in pl(make_doc({"id": "t", "text": text})).quotes]

    assert anonymous("وقال وزير الخارجية النمساوي إن بلاده تدعم الاتفاق.") == [False]
    assert anonymous("وقال رئيس الوزراء البريطاني إن الحكومة ستدرس الطلب.") == [False]
    assert anonymous("وقال مسؤول أمني إن القوات انسحبت من البلدة.") == [True]
    assert anonymous("وقال مسؤولو الأمن إن الطريق أغلق بعد الهجوم.") == [True]
