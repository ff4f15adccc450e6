"""The entities stage on Arabic written for these tests: linking, coreference, rules, offsets.

The NER tagger is switched off so that these tests exercise the knowledge base, the rules and
coreference on their own (the tagger has its own tests)."""
from __future__ import annotations

import pytest

from marsad.io.readers import make_doc
from marsad.pipeline import Pipeline, load_stage
from marsad.stages.entities import Entities


@pytest.fixture(scope="module")
def run():
    p = Pipeline([load_stage("marsad.stages.structure:Structure"), load_stage("marsad.stages.segment:Segment"),
                  Entities(use_tagger=False)])

    def _run(text: str):
        d = p(make_doc({"id": "t", "text": text}))
        assert d.error is None, d.error
        for e in d.entities:
            for m in e.mentions:
                assert d.text[m.start:m.end] == m.text
        return d

    return _run


def ent(doc, surface: str):
    """The entity one of whose mentions reads ``surface``."""
    hits = [e for e in doc.entities if any(m.text == surface for m in e.mentions)]
    assert len(hits) == 1, (surface, [(e.name, [m.text for m in e.mentions]) for e in doc.entities])
    return hits[0]


def test_ids_in_order_and_one_entity_per_actor(run):
    d = run("اشتبك الجيش العراقي مع داعش قرب المدينة.\nوقال بيان إن الجيش العراقي طرد عناصر داعش من القرية.")
    assert [e.id for e in d.entities] == [f"e{i}" for i in range(1, len(d.entities) + 1)]
    army = ent(d, "الجيش العراقي")
    assert army.id == "e1" and len(army.mentions) == 2 and army.type == "STATE_FORCE"
    assert army.extra["kb"] == "iq_army" and army.extra["source"] == "kb" and army.extra["country"] == "IQ"
    isis = ent(d, "داعش")
    assert isis.wikidata == "Q2429253" and isis.name_en == "Islamic State"


def test_clitic_prefix_is_not_part_of_the_mention(run):
    d = run("ووصلت تعزيزات للحشد الشعبي وبالتنسيق مع قوات البيشمركة ولحزب الله.")
    assert ent(d, "لحشد الشعبي").extra["kb"] == "iq_pmf"
    assert ent(d, "قوات البيشمركة").type == "STATE_FORCE"
    assert ent(d, "حزب الله").extra["kb"] == "lb_hezbollah"


def test_offsets_hold_with_diacritics_and_tatweel(run):
    text = "قَالَ مُقْتَدَى الصَّدْر إنّ سَرايا السّـلام جاهزة."
    d = run(text)
    sadr = next(e for e in d.entities if e.extra["kb"] == "iq_muqtada")
    assert sadr.mentions[0].text == "مُقْتَدَى الصَّدْر"
    saraya = next(e for e in d.entities if e.extra["kb"] == "iq_saraya_salam")
    assert saraya.mentions[0].text == "سَرايا السّـلام"


def test_surname_after_full_name(run):
    d = run("التقى أسامة النجيفي وفدا عشائريا في أربيل.\nوقال النجيفي إن المعركة قريبة.")
    e = ent(d, "أسامة النجيفي")
    assert [m.text for m in e.mentions] == ["أسامة النجيفي", "النجيفي"]


def test_surname_alone_before_full_name_is_not_linked(run):
    d = run("وقال النجيفي إن المعركة قريبة.")
    assert not any(e.type == "PERSON" for e in d.entities)


def test_appositive_title_refers_back(run):
    d = run("وصرح أسامة النجيفي، رئيس مجلس النواب العراقي السابق، بأن الوضع خطير.\n"
            "وأضاف رئيس مجلس النواب العراقي السابق أن الحل سياسي.")
    e = ent(d, "أسامة النجيفي")
    assert "رئيس مجلس النواب العراقي السابق" in [m.text for m in e.mentions]
    assert len(e.mentions) == 2  # the appositive itself is not a second mention
    assert ent(d, "مجلس النواب العراقي").type == "ORG"


def test_titled_person_and_role_descriptor(run):
    d = run("أكد القيادي في الاتحاد الوطني الكردستاني هيوا رشيد كاكه أن الهجوم فشل.\n"
            "ولفت المسؤول الكردي إلى أن القوات تتقدم.")
    p = ent(d, "هيوا رشيد كاكه")
    assert p.type == "PERSON" and p.name == "هيوا رشيد كاكه" and p.extra["source"] == "rule"
    assert "المسؤول الكردي" in [m.text for m in p.mentions]
    assert ent(d, "الاتحاد الوطني الكردستاني").extra["kb"] == "iq_puk"


def test_descriptor_with_another_nationality_is_not_linked(run):
    d = run("أكد القيادي في الاتحاد الوطني الكردستاني هيوا رشيد كاكه أن الهجوم فشل.\n"
            "ولفت المسؤول التركي إلى أن القوات تتقدم.")
    p = ent(d, "هيوا رشيد كاكه")
    assert all(m.text != "المسؤول التركي" for m in p.mentions)


def test_organisation_anaphor(run):
    d = run("سيطر تنظيم داعش على القرية.\nوقال التنظيم في بيان إنه قتل جنديين، ثم انسحب التنظيم الإرهابي.")
    isis = ent(d, "تنظيم داعش")
    texts = [m.text for m in isis.mentions]
    assert texts.count("التنظيم") == 2


def test_anaphor_picks_the_latest_actor_with_that_head(run):
    d = run("أعلنت حركة حماس موقفها، ثم ردت حركة فتح.\nوقالت الحركة إنها ترفض الاتفاق.")
    fatah = ent(d, "حركة فتح")
    assert "الحركة" in [m.text for m in fatah.mentions]
    hamas = ent(d, "حركة حماس")
    assert "الحركة" not in [m.text for m in hamas.mentions]


def test_anaphor_without_antecedent_is_not_an_entity(run):
    d = run("قال التنظيم إنه سيواصل القتال.")
    assert d.entities == []


def test_plural_and_derived_forms(run):
    d = run("فر الدواعش من المدينة بعد أن هاجمها الجيش التركي.\nواحتفل العراقيون بخروج داعش.")
    isis = ent(d, "الدواعش")
    assert isis.extra["kb"] == "isis" and "داعش" in [m.text for m in isis.mentions]
    turk = ent(d, "الجيش التركي")
    assert turk.type == "STATE_FORCE" and turk.extra["country"] == "TR" and turk.extra["source"] in ("kb", "rule")
    assert ent(d, "العراقيون").type == "NORP"


def test_demonym_pattern_for_a_country_not_in_the_kb(run):
    d = run("وصلت القوات الكينية إلى الحدود.")
    e = ent(d, "القوات الكينية")
    assert e.type == "STATE_FORCE" and e.extra["country"] == "KE" and e.extra["kb"] is None


def test_trigger_rules_for_unlisted_organisations(run):
    d = run("وقال مقاتل في كتائب الفجر الجديد لموقع (صوت الحرية) إن المعركة بدأت، "
            "بحسب ما نقلت صحيفة \"المرآة\".")
    assert ent(d, "كتائب الفجر الجديد").type == "ARMED_GROUP"
    media = ent(d, "صوت الحرية")
    assert media.type == "MEDIA" and media.name == "صوت الحرية" and media.extra["source"] == "rule"
    assert ent(d, "المرآة").type == "MEDIA"


def test_trigger_words_with_descriptions_make_no_entity(run):
    d = run("شكل الأهالي كتائب مسلحة بقيادة كتائب القتال على جبهة الموصل، عبر مواقع التواصل الاجتماعي.")
    assert [e for e in d.entities if e.type in ("ARMED_GROUP", "ORG", "MEDIA")] == []


def test_everyday_nouns_after_weak_triggers_make_no_entity(run):
    # تنظيم/حركة/تطبيق/شبكة + definite words is organising, traffic, applying or a network here,
    # and with the tagger off nothing else sees a name; quoted names and known groups stay
    d = run("قامت البلدية بتنظيم الحفل وسط المدينة، وتراجعت حركة التجارة العالمية، وطالب الأهالي "
            "بتطبيق النظام الجديد وتحسين شبكة الطرق الحديثة.")
    assert [e for e in d.entities if e.type in ("ARMED_GROUP", "ORG", "MEDIA")] == []
    # قناة السويس is the canal, not a television channel
    assert [e for e in run("عبرت السفن قناة السويس صباح اليوم.").entities if e.type == "MEDIA"] == []
    d = run("وأعلن تنظيم \"جند الخلافة\" مسؤوليته، بينما هاجم تنظيم الشباب المتطرف قاعدة عسكرية.")
    assert ent(d, "جند الخلافة").type == "ARMED_GROUP"
    assert ent(d, "تنظيم الشباب").extra["kb"] == "so_shabaab"


def test_a_name_after_a_title_and_organisation_is_no_definite_word(run):
    # والفنون continues the organisation (جمعية الثقافة والفنون), it opens no person's name; فالح does
    d = run("وقال مدير جمعية الثقافة والفنون بجدة الفنان السعودي إن المعرض ناجح.")
    assert [e for e in d.entities if e.type == "PERSON"] == []
    d = run("وقال المتحدث باسم حركة النهضة فالح العيساوي إن الحوار مستمر.")
    assert ent(d, "فالح العيساوي").type == "PERSON"


def test_a_name_after_a_title_and_its_office_or_place(run):
    # a title in construct with its office or place (محافظ الوادي، رئيس حكومة الإقليم), then a
    # given name: the person is named from the given name on, and "and" + a definite word ends it
    d = run("وأكد محافظ الوادي أسعد الجبوري أن الطريق سيفتح غدا.")
    assert ent(d, "أسعد الجبوري").type == "PERSON"
    d = run("والتقى رئيس حكومة الإقليم حسن كاظم والمندوب الدائم للمنظمة.")
    assert ent(d, "حسن كاظم").type == "PERSON"
    # no given name after the office: nobody; a king's name in an airport's name: nobody either
    assert [e for e in run("وأكد محافظ الوادي أن الطريق سيفتح غدا.").entities if e.type == "PERSON"] == []
    d = run("ووصل مدير مطار الملك عبدالعزيز الدولي إلى المؤتمر.")
    assert [e for e in d.entities if e.type == "PERSON"] == []
    # a title after the title names another person's office: the name is the superior's
    d = run("وقال نائب الرئيسة سلمى حداد إن الاجتماع تأجل.")
    assert all("نائب" not in m.text for e in d.entities for m in e.mentions)
    # a verb between the title and the name is no office (شيخ يدعى وحيد …)
    d = run("وظهر شيخ يدعى وحيد يقود مجموعة مسلحة.")
    assert [e for e in d.entities if e.type == "PERSON"] == []


def test_police_and_security_units_are_state_forces(run):
    d = run("وأطلقت قوات مكافحة الشغب الغاز على المحتجين، فيما انتشرت قوات حرس الحدود قرب المعبر.")
    assert ent(d, "قوات مكافحة الشغب").type == "STATE_FORCE"
    assert ent(d, "قوات حرس الحدود").type == "STATE_FORCE"
    assert ent(run("وهاجمت قوات الرمال الجنوبية القرية."), "قوات الرمال الجنوبية").type == "ARMED_GROUP"
    # the unit's name keeps its adjectives, not the object of a verb before it (VSO)
    assert ent(run("وأغلقت قوات الدرك الوطنية المعبر."), "قوات الدرك الوطنية").type == "STATE_FORCE"


def test_agencies_and_canals_are_no_outlets(run):
    # وكالة / قناة name an outlet (وكالة الأنباء، قناة الوادي) but not the agency or the canal
    # their first word after them names (not_media in actors/rules.json)
    d = run("وقالت وكالة الفضاء الأوروبية إن المسبار وصل، وأعلنت وكالة الاستخبارات الوطنية نتائج التحقيق.")
    assert ent(d, "وكالة الفضاء الأوروبية").type == "ORG"
    assert ent(d, "وكالة الاستخبارات").type == "ORG"
    assert ent(run("وقالت قناة الوادي الفضائية إن الملاحة مستمرة."), "قناة الوادي").type == "MEDIA"


def test_loose_ranks_need_a_given_name(run):
    # الفريق is the team and المواطن the citizen unless a given name (or أول/ركن) follows
    for text in ("وقال المدرب إن الفريق يملك قدرا وافيا من الخبرة.", "وطالب المواطن بإعطاء نسبة للكفيل."):
        assert [e for e in run(text).entities if e.type == "PERSON"] == [], text
    assert ent(run("أكد اللواء منصور التركي أن الوضع آمن."), "منصور التركي").type == "PERSON"
    assert ent(run("استقبل الفريق أول صدقي صبحي الوفد."), "أول صدقي صبحي").type == "PERSON"


def test_media_platform_named_after_a_descriptor(run):
    d = run("نشرت الجماعة رسالة عبر موقع التواصل الاجتماعي \"فيسبوك\" مساء أمس.")
    fb = ent(d, "فيسبوك")
    assert fb.type == "MEDIA" and fb.extra["kb"] == "facebook"
    assert len(d.entities) == 1


def test_group_named_by_trigger_and_head_joins_the_earlier_group(run):
    d = run("تقاتل المقاومة الأنبارية في المدينة.\nوقالت كتائب المقاومة إنها صدت الهجوم، وأكدت المقاومة ذلك.")
    e = ent(d, "المقاومة الأنبارية")
    assert {m.text for m in e.mentions} == {"المقاومة الأنبارية", "كتائب المقاومة", "المقاومة"}


def test_short_kb_alias_needs_the_full_name_first(run):
    d = run("وقعت مواجهة عنيفة، ولم يكن صدام حاضرا.")
    assert not any(e.type == "PERSON" for e in d.entities)
    d = run("حكم صدام حسين العراق طويلا.\nوكان ضباط صدام في الجيش.")
    assert [m.text for m in ent(d, "صدام حسين").mentions] == ["صدام حسين", "صدام"]


def test_and_plus_a_title_opens_no_name(run):
    # ومديرة معهد الصداع: "and director of the institute" after a title and organisation, no person
    d = run("وقالت رئيسة جمعية الصداع الأميركية ومديرة معهد الصداع في نيويورك إن النتائج مهمة.")
    assert [e for e in d.entities if e.type == "PERSON"] == []


def test_an_ordinal_is_no_surname(run):
    # الثاني of عبدالله الثاني is no short form: not النائب الثاني, not كانون الثاني
    d = run("استقبل الملك عبدالله الثاني ولي العهد النائب الثاني لرئيس الوزراء.\nوفي كانون الثاني زار الأردن.")
    king = ent(d, "الملك عبدالله الثاني")
    assert [m.text for m in king.mentions] == ["الملك عبدالله الثاني"]


def test_abd_names_match_joined_or_apart(run):
    # the knowledge base spells it عبد الله الثاني; عبدالله الثاني is the same name
    d = run("زار عبدالله الثاني الرياض.\nثم التقى عبد الفتاح السيسي وعبدالفتاح السيسي مرة ثانية.")
    assert ent(d, "عبدالله الثاني").extra["kb"] == "jo_abdullah"
    sisi = ent(d, "عبد الفتاح السيسي")
    assert "عبدالفتاح السيسي" in [m.text for m in sisi.mentions]


def test_king_salman_relief_centre_is_an_organisation(run):
    d = run("وصلت قافلة يقدمها مركز الملك سلمان للإغاثة والأعمال الإنسانية إلى عدن.")
    assert ent(d, "مركز الملك سلمان للإغاثة والأعمال الإنسانية").type == "ORG"
    assert not any(e.type == "PERSON" for e in d.entities)


def test_a_known_outlet_named_in_quotes_without_its_head_word(run):
    # لـ«الشرق الأوسط» is the newspaper (صحيفة الشرق الأوسط in the KB); unquoted it is the region
    d = run("وقال مسؤول عراقي لـ«الشرق الأوسط» إن الهجوم وقع فجرا، وأضاف أن الأزمة تهدد الشرق الأوسط كله.")
    paper = [e for e in d.entities if e.extra.get("kb") == "sa_asharq"]
    assert len(paper) == 1 and [m.text for m in paper[0].mentions] == ["الشرق الأوسط"]
    assert paper[0].mentions[0].start == d.text.index("الشرق الأوسط")


def test_quoted_names_count_only_in_quotes_or_parentheses(run):
    # وام, الميادين, الأهرام are `quoted` names: the outlets in «» or (), common words elsewhere
    d = run("وذكرت وكالة أنباء الإمارات (وام) أن الوفد وصل. وغنت أم كلثوم وأم ليلى في الميادين العامة.\n"
            "وقالت «الميادين» إن الجيش تقدم، ونقلت «الأهرام» عن مصدر أن الأهرام مغلقة أمام الزوار.")
    by_kb = {}
    for e in d.entities:
        if e.extra.get("kb"):
            by_kb.setdefault(e.extra["kb"], []).extend(m.text for m in e.mentions)
    assert sorted(by_kb.get("ae_wam", [])) == ["وام", "وكالة أنباء الإمارات"], by_kb
    assert by_kb.get("lb_mayadeen") == ["الميادين"] and by_kb.get("eg_ahram") == ["الأهرام"], by_kb
    mayadeen = [e for e in d.entities if e.extra.get("kb") == "lb_mayadeen"][0]
    assert d.text[mayadeen.mentions[0].start - 1] == "«"


def test_a_country_adjective_must_agree_with_the_force_or_government_head(run):
    # الحكومة الكينية is the government; in "رئيس الحكومة الكيني" the adjective is the prime
    # minister's (masculine), so no government is named (nor a ministry in وزير الخارجية الكيني)
    d = run("وقالت الحكومة الكينية إن الجيش الكيني انتشر.\n"
            "وقال رئيس الحكومة الكيني إن وزير الخارجية الكيني سافر.")
    names = sorted(m.text for e in d.entities for m in e.mentions)
    assert names == ["الجيش الكيني", "الحكومة الكينية"], names


def test_a_person_s_canonical_name_has_no_title():
    # the whole pipeline (the tagger's spans take titles in): a mention keeps the title the text
    # gives; the entity's name, which the store and exports group by, does not
    from marsad.pipeline import analyse
    from marsad.stages.entity_rules import Rules, person_name

    titles = Rules().name_titles
    titled = 0
    for text in ("قال الدكتور عادل الطريفي وزير الإعلام إن الوفد وصل.",
                 "وأكد المهندس عادل فقيه أن المشروع اكتمل، فيما استقبل الأمير مشعل بن ماجد الوفد."):
        rec = analyse(text)
        for e in rec["entities"]:
            if e["type"] != "PERSON" or e.get("kb"):
                continue
            for m in e["mentions"]:
                assert rec["text"][m["start"]:m["end"]] == m["text"]
                if person_name(m["text"], titles) != m["text"]:
                    titled += 1
                    assert e["name"] == person_name(m["text"], titles), (m["text"], e["name"])
    assert titled >= 1  # (the tagger took a title in somewhere)


def test_person_name_keeps_a_title_that_says_who():
    from marsad.stages.entity_rules import Rules, person_name

    titles = Rules().name_titles
    assert person_name("الملك عبدالله", titles) == "الملك عبدالله"  # one word would not say who
    assert person_name("الشيخ عبد الله", titles) == "الشيخ عبد الله"  # عبد الله is one name
    assert person_name("الشيخ عبد الله بن زايد", titles) == "عبد الله بن زايد"
    assert person_name("الشهيد الرقيب أول سيف يوسف الفلاسي", titles) == "سيف يوسف الفلاسي"
    assert person_name("د. أحمد زويل", titles) == "أحمد زويل"
    assert person_name("أحمد زويل", titles) == "أحمد زويل"


def test_person_name_drops_the_ordinal_of_a_rank_left_out():
    from marsad.stages.entity_rules import Rules, person_name

    titles = Rules().name_titles
    # الفريق أول صدقي صبحي: the tagger's span can start at the rank's ordinal
    assert person_name("أول صدقي صبحي", titles) == "صدقي صبحي"
    assert person_name("الفريق أول صدقي صبحي", titles) == "صدقي صبحي"
    assert person_name("أول عبد الله", titles) == "أول عبد الله"  # one name left: kept as it is


def test_an_institution_s_adjective_is_not_part_of_its_namesake_s_name():
    from marsad.pipeline import analyse

    rec = analyse("وأعلنت جامعة الإمام محمد بن سعود الإسلامية فتح باب القبول، وقال الفريق أول صدقي صبحي إن "
                  "القوات جاهزة.")
    persons = {e["name"] for e in rec["entities"] if e["type"] == "PERSON"}
    assert not any(p.endswith("الإسلامية") for p in persons), persons
    assert "صدقي صبحي" in persons, persons
