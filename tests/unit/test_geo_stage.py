"""The geocode stage on Arabic sentences written for these tests."""
from __future__ import annotations

import pytest

from marsad.doc import Doc, Entity, Mention
from marsad.stages.geocode import Geocode
from marsad.stages.segment import Segment
from marsad.stages.structure import Structure


@pytest.fixture(scope="module")
def stages():
    return Structure(), Segment(), Geocode()


def run(stages, text, entities=()):
    st, sg, geo = stages
    d = sg(st(Doc(text, id="t")))
    for i, (etype, surface) in enumerate(entities, 1):
        s = text.index(surface)
        d.entities.append(Entity(id=f"e{i}", type=etype, name=surface,
                                 mentions=[Mention(s, s + len(surface), surface)]))
    return geo(d)


def places(d):
    return {m.text: e for e in d.entities if e.type == "PLACE" for m in e.mentions}


def test_offsets_are_original_text(stages):
    text = "قصفت الطائرات مواقعَ في الرَّقّة وبالموصل أمس، ونزح السكان إلى أربيل."
    d = run(stages, text)
    ents = [e for e in d.entities if e.type == "PLACE"]
    assert ents
    for e in ents:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
    got = places(d)
    assert got["الرَّقّة"].place["country"] == "SY"
    # the clitics و+ب are outside the mention
    assert got["الموصل"].place["country"] == "IQ"
    assert got["أربيل"].place["admin1"] is not None


def test_tripoli_decided_by_context(stages):
    lb = places(run(stages, "شهدت مدينة طرابلس في شمال لبنان اشتباكات بين مسلحين."))
    ly = places(run(stages, "اندلعت اشتباكات في طرابلس بين كتائب ليبية قرب مطار معيتيقة."))
    assert lb["طرابلس"].place["country"] == "LB"
    assert ly["طرابلس"].place["country"] == "LY"


def test_nearby_place_pulls_ambiguous_name(stages):
    d = run(stages, "تقدمت القوات على جبهة بعشيقة (شرق الموصل) وسيطرت على قريتين.")
    p = places(d)["بعشيقة"].place
    assert p["country"] == "IQ" and abs(p["lat"] - 36.45) < 0.2


def test_one_entity_per_place_and_ids_continue(stages):
    text = "قال محمد الأحمد إن الموصل تحررت، وإن سكان الموصل عادوا."
    d = run(stages, text, [("PERSON", "محمد الأحمد")])
    mosul = [e for e in d.entities if e.type == "PLACE"]
    assert len(mosul) == 1 and len(mosul[0].mentions) == 2
    assert mosul[0].id == "e2"
    assert mosul[0].extra["geo"]["source"].startswith(("wof:", "gn:"))


def test_month_and_person_are_not_places(stages):
    d = run(stages, "في تموز الماضي زار الرئيس عباس القاهرة، والتقى بالشيخ حمص العلي.")
    got = places(d)
    assert "تموز" not in got
    assert "القاهرة" in got and got["القاهرة"].place["country"] == "EG"
    assert "حمص" not in got  # right after a title word: a person's name


def test_person_entity_is_never_a_place(stages):
    text = "أعلن عبد الله بغداد أن اللجنة ستجتمع."
    d = run(stages, text, [("PERSON", "عبد الله بغداد")])
    assert not [e for e in d.entities if e.type == "PLACE"]


def test_existing_place_entity_resolved_and_dateline_linked(stages):
    text = "أربيل - قال مسؤول كردي إن التنظيم نقل عناصره إلى مدينة سرت الخاضعة له في ليبيا."
    d = run(stages, text, [("PLACE", "سرت")])
    sirte = d.entities[0]
    assert sirte.place["country"] == "LY" and abs(sirte.place["lon"] - 16.59) < 0.3
    dl = d.meta["dateline"]
    assert dl is not None and d.entity(dl["entity"]).place["country"] == "IQ"


def test_demonym_gives_context_but_no_mention(stages):
    d = run(stages, "أكد المسؤولون العراقيون أن الرمادي آمنة.")
    got = places(d)
    assert "العراقيون" not in got
    assert got["الرمادي"].place["country"] == "IQ"


def test_hashtag_names(stages):
    text = "أمطار غزيرة في #حفر_الباطن وتعطل المدارس"
    got = places(run(stages, text))
    e = next(iter(got.values()))
    assert e.place["country"] == "SA"
    m = e.mentions[0]
    assert text[m.start:m.end] == m.text and "حفر" in m.text


def test_common_words_are_not_places(stages):
    d = run(stages, "أصدر المكتب بيانا الآن يكشف عن موقع جديد وأجزاء كبيرة من الحدود الشرقية.")
    assert not [e for e in d.entities if e.type == "PLACE"]


def _run_ent(stages, text, ents):
    """Like run(), with (type, surface, extra) entities as the entities stage would give them."""
    st, sg, geo = stages
    d = sg(st(Doc(text, id="t")))
    for i, (etype, surface, extra) in enumerate(ents, 1):
        s = text.index(surface)
        d.entities.append(Entity(id=f"e{i}", type=etype, name=surface, extra=dict(extra),
                                 mentions=[Mention(s, s + len(surface), surface)]))
    return geo(d)


def test_place_inside_an_organisation_name(stages):
    text = "أعلنت جامعة القاهرة تعليق الدراسة بعد الحادث."
    d = _run_ent(stages, text, [("ORG", "جامعة القاهرة", {"source": "ner"})])
    p = places(d)
    assert p["القاهرة"].place["country"] == "EG"
    assert any(e.type == "ORG" for e in d.entities)  # the organisation stays


def test_an_outlet_named_after_a_place_is_not_that_place(stages):
    # a newspaper's, radio's or agency's name: inside an organisation's mention or in free text
    text = "نشرت صحيفة الموصل تقريراً عن إعادة الإعمار في حين نقلت وكالة بغداد عن مسؤول أن العمل بدأ."
    d = _run_ent(stages, text, [("MEDIA", "صحيفة الموصل", {"source": "ner"})])
    assert not places(d)
    # the same name after another word is the place; a canal is not an outlet
    d = run(stages, "وصل الوفد إلى الموصل ثم عبرت السفن قناة السويس.")
    assert places(d)["الموصل"].place["country"] == "IQ" and places(d)["السويس"].place["country"] == "EG"


def test_overlong_ner_place_span_is_placed_at_the_name_inside(stages):
    # the tagger's span keeps its extent and becomes a mention of the one place named inside it
    text = "أغلقت السلطات مطار الكويت الدولي بسبب الأمطار الغزيرة."
    d = _run_ent(stages, text, [("PLACE", "الكويت الدولي", {"source": "ner"})])
    p = places(d)
    assert p["الكويت الدولي"].place["country"] == "KW" and "الكويت" not in p
    assert not [e for e in d.entities if e.type == "PLACE" and e.place is None]
    for e in d.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text


def test_ner_common_word_is_not_a_place(stages):
    # سيول: floods here, not Seoul; a NER PLACE span on it is dropped
    d = _run_ent(stages, "جرفت سيول قوية عددا من السيارات في الوادي.", [("PLACE", "سيول", {"source": "ner"})])
    assert "سيول" not in places(d)
    assert not [e for e in d.entities if e.type == "PLACE"]


def test_homonym_needs_its_country(stages):
    assert "سيول" not in places(run(stages, "اجتاحت سيول جارفة عدة قرى صباح اليوم."))
    got = places(run(stages, "وصل الوفد إلى سيول عاصمة كوريا الجنوبية أمس."))
    assert got["سيول"].place["country"] == "KR"


def test_definite_name_after_preposition_or_as_hashtag(stages):
    p = places(run(stages, "سمعنا دوي انفجار قوي في المنيل مساء اليوم."))
    assert p["المنيل"].place["country"] == "EG"  # the Cairo district, not a far village
    assert abs(p["المنيل"].place["lat"] - 30.02) < 0.2
    assert "المنيل" in places(run(stages, "الدفاع المدني يطفئ الحريق #المنيل"))
    # frequent words that are also village names somewhere stay words
    d = run(stages, "اجتمع الأعضاء في الجمعية ثم عادوا إلى المنزل.")
    assert not {"الجمعية", "المنزل"} & set(places(d))


def test_unaccepted_lookups_give_no_country_context(stages):
    # عاجل / الأحوال are village names elsewhere; they must not pull العقبة to Yemen
    p = places(run(stages, "عاجل: تحذيرات من سيول قادمة إلى العقبة بسبب الأحوال الجوية"))
    assert p["العقبة"].place["country"] == "JO"


def test_known_name_after_a_site_word(stages):
    p = places(run(stages, "وقع الانفجار في ميناء بيروت قرب المستودعات."))
    assert p["بيروت"].place["country"] == "LB"
    # وادي is a word, never و + a place called ادي
    d = run(stages, "جرفت المياه سيارة في وادي الهيدان جنوب عمان.")
    assert "ادي" not in {m.text[-3:] for e in d.entities for m in e.mentions if m.text == "ادي"}
    assert not any(e.place and e.place["country"] == "ER" for e in d.entities if e.type == "PLACE")


def test_ner_place_spans_survive_with_their_extent(stages):
    text = "عبر المهاجرون نهر النيجر ثم وصلوا إلى قرية كفر منصور الشرقية، وبقي آخرون في وادي الضباب."
    d = _run_ent(stages, text, [("PLACE", "نهر النيجر", {"source": "ner"}),
                                ("PLACE", "قرية كفر منصور الشرقية", {"source": "ner"}),
                                ("PLACE", "وادي الضباب", {"source": "ner"})])
    p = places(d)
    for surface in ("نهر النيجر", "قرية كفر منصور الشرقية", "وادي الضباب"):
        assert surface in p  # resolved through the name inside it, or kept with place null
    assert p["نهر النيجر"].place is not None
    assert not any(m.text in ("النيجر", "كفر") for e in d.entities for m in e.mentions)


def test_dateline_is_a_town_not_a_village_or_a_part_of_it(stages):
    # a headline quoting the army: الجيش is also a Yemeni village, never a dateline
    d = run(stages, "الجيش: مقتل عشرة مسلحين في اشتباكات\nأعلن الجيش مقتل عشرة مسلحين.")
    assert "الجيش" not in places(d) and "entity" not in (d.meta["dateline"] or {})
    # a reporter's name in the dateline's place: غالب (a village) is a part of it, not the dateline
    d = run(stages, "غالب السهلي - أعلنت الشرطة القبض على ثلاثة متهمين بالسرقة.\nوأحيلوا إلى النيابة.")
    assert d.meta["dateline"]["text"] == "غالب السهلي"
    assert "غالب" not in places(d) and "entity" not in d.meta["dateline"]
    # a town is linked, from a plain dateline or from a credit line
    for text in ("بيشة: هطلت أمطار غزيرة على المحافظة أمس.\nوحذر الدفاع المدني.",
                 "ناصر القحطاني- سبق- بيشة: هطلت أمطار غزيرة على المحافظة أمس.\nوحذر الدفاع المدني."):
        d = run(stages, text)
        dl = d.meta["dateline"]
        assert dl["text"] == "بيشة" and d.entity(dl["entity"]).place["country"] == "SA", text
        assert "ناصر" not in places(d)


def test_frequent_words_and_like_readings_are_not_places(stages):
    # a frequent word after a preposition is not its village, even with the country named
    d = run(stages, "قال مسؤول عراقي في بغداد إن القضية أحيلت إلى القضاء وإن الكثير من المتهمين فروا من العراق.")
    got = places(d)
    assert "القضاء" not in got and "الكثير" not in got and got["بغداد"].place["country"] == "IQ"
    # كبيرا is "big", not ك + بيرا (Beira); لأول and الأم are words, not Laval and Ilam
    assert not places(run(stages, "حقق الفريق فوزا كبيرا لأول مرة وقالت الأم إنها سعيدة."))
    # a homonym (الباب: the door / al-Bab) is the town only with its country in the document
    assert not places(run(stages, "فتح الحارس الباب للزوار صباح أمس."))
    assert places(run(stages, "سيطر التنظيم على مدينة الباب شمال حلب في سوريا."))["الباب"].place["country"] == "SY"


def test_a_one_word_city_found_by_lookup_gives_no_country_for_villages(stages):
    # صنعاء alone does not make حرب (war) after إلى a Yemeni village; the country named does not either
    # when the word is that common, but a village with its country named stays (بعشيقة, العراق)
    assert "حرب" not in places(run(stages, "وصل الوفد إلى صنعاء أمس ثم تحدث عن الحاجة إلى حرب طويلة."))
    d = run(stages, "انسحب المسلحون من بعشيقة شمال العراق بعد معارك عنيفة.")
    assert places(d)["بعشيقة"].place["country"] == "IQ"


def test_middle_of_the_middle_east_is_no_place(stages):
    # الأوسط after الشرق ("east", a trigger word) is the Middle East, not the Centre region of
    # Burkina Faso: a homonym, taken only with its country in the document
    assert "الأوسط" not in places(run(stages, "تشهد منطقة الشرق الأوسط توترا متصاعدا منذ أشهر."))


def test_common_words_read_as_towns(stages):
    # بأنه (that he) folds to Baneh (Iran), معسكر (camp) is Mascara (Algeria), ولي العهد a district of Mecca
    d = run(stages, "وأكد الحارس بأنه سيعود إلى معسكر التدريب بعد أن استقبل ولي العهد الفريق.")
    assert not places(d)


def test_authorities_is_no_moroccan_city(stages):
    # GeoNames lists سلطات ("authorities") among Settat's names, and Settat is big enough to be
    # taken without a cue: 32 false places in the first 2,000 corpus articles (a stop word now)
    d = run(stages, "وقالت سلطات الطيران المدني إن رؤساء سلطات النقد سيجتمعون غدا.")
    assert not places(d)
    assert places(run(stages, "وقع الحادث في مدينة سطات المغربية."))


def test_frequent_words_after_a_site_word_and_body_words(stages):
    # بطريق مباشر "in a direct way" (مباشر is an Egyptian village), الرأس "the head" (الراس, a Saudi
    # town written الرس), مركز سكر "a diabetes centre" (سكر: Sukkur in Pakistan), جبال "mountains"
    text = ("ومن قدم دعما بطريق مباشر أو غير مباشر يعاقب. ويعاني المريض من ألم في الرأس. "
            "وافتتح مركز سكر في المستشفى.")
    assert not places(run(stages, text))
    d = _run_ent(stages, "وعاش سنوات في جبال بعيدة.", [("PLACE", "جبال", {"source": "ner"})])
    assert not [e for e in d.entities if e.type == "PLACE" and e.place]
    # a site word and a place's own name still name it
    assert places(run(stages, "وقع الانفجار على طريق بغداد قرب الحدود."))["بغداد"].place["country"] == "IQ"


def test_homonym_near_needs_a_cue_or_a_place_nearby(stages):
    # الخبر is "the news" in a Saudi article about Riyadh, Khobar next to Dammam or after محافظة
    d = run(stages, "قال مسؤول في الرياض إن السعودية رحبت بالقرار. رابط الخبر في الموقع.")
    assert "الخبر" not in places(d)
    d = run(stages, "يوجد كورنيش في الدمام والخبر والقطيف بالسعودية.")
    assert places(d)["الخبر"].place["country"] == "SA"
    assert places(run(stages, "افتتح مشروع في محافظة الخبر بالسعودية."))


def test_frequent_words_are_no_places_and_keep_their_clitic_letter(stages):
    # البيض (eggs, whites) is El Bayadh only where the document names Algeria; بعيدة (far) is
    # read whole, not as ب + عيدة; الضواحي (the suburbs) and مسجد (a mosque) are no places
    text = ("وارتفعت أسعار البيض في الأسواق. وتعد الجفرة منطقة بعيدة عن الطرق. "
            "وخرج سكان الضواحي إلى الشوارع. وصلى المصلون في مسجد الحي.")
    names = set(places(run(stages, text)))
    assert not names & {"البيض", "بعيدة", "عيدة", "الضواحي", "مسجد"}, names
    d = run(stages, "وزار الوفد مدينة البيض في الجزائر أمس.")
    assert "البيض" in places(d) and places(d)["البيض"].place["country"] == "DZ"


def test_site_phrase_is_not_placed_at_a_town_of_another_country(stages):
    # منطقة X with X unknown is placed at the nearest resolved town: not at an Algerian town of
    # the next sentence when its own sentence is in Kuwait
    text = "وفجر انتحاري نفسه في منطقة الصوابر شرق الكويت.\nوزار الوفد ولاية البيض في الجزائر."
    d = run(stages, text)
    by_text = places(d)
    assert "منطقة الصوابر" not in by_text or by_text["منطقة الصوابر"].place["country"] == "KW", \
        {k: v.place for k, v in by_text.items()}


def test_a_kind_word_and_a_frequent_adjective_are_no_place(stages):
    # دولة غنية (a rich state), مناطق تركية (Turkish areas): غنية and تركية are frequent words that
    # are also villages; a kind word before them does not make them places
    text = "وكانت الجنوب دولة غنية في الماضي. وحضر الشبان من إسطنبول ومناطق تركية أخرى."
    names = set(places(run(stages, text)))
    assert not names & {"غنية", "تركية"}, names


def test_an_unknown_site_phrase_needs_a_tagger_place(stages):
    # منطقة/سد/طريق + a word the tagger did not find as a place is no site (منطقة اليورو the
    # eurozone, سد حاجته "met his need")
    text = "وقال الوزير في بغداد إن منطقة اليورو تواجه أزمة، وإن المال سد حاجته أمس."
    d = run(stages, text)
    assert not [m for e in d.entities for m in e.mentions if m.text.startswith(("منطقة", "سد"))], \
        [(m.text, e.name) for e in d.entities for m in e.mentions]


def test_short_frequent_words_are_no_villages_but_a_village_word_still_names_one(stages):
    # حكم (rule), قلب (heart), أحد (one) are three-letter frequent words and also small places;
    # "قرية حضر" names the village Hadar whatever the word's frequency
    text = "وخلال المائة يوم من حكم الملك في اليمن، عاد أحد الوزراء إلى قلب المدينة."
    names = set(places(run(stages, text)))
    assert not names & {"حكم", "قلب", "أحد"}, names
    d = run(stages, "وهاجم مسلحون قرية حضر الدرزية في ريف القنيطرة جنوب سوريا.")
    assert "حضر" in places(d), set(places(d))


def test_a_definite_word_after_a_preposition_needs_its_country_in_the_document(stages):
    # في المعابد، في الأشهر: definite words that are also villages or towns somewhere (Yemen,
    # Turkey); in a document that names other countries, a preposition before them is no evidence
    text = "وقضى الزوار يومهم في المعابد، وارتفعت الأسعار في الأشهر الأخيرة في السعودية."
    names = set(places(run(stages, text)))
    assert names == {"السعودية"}, names


def test_a_site_phrase_is_not_anchored_to_a_word_free_lookup_refuses(stages):
    # الربيع (spring) is a Yemeni village that free lookup does not take in "الربيع العربي"; an
    # unknown site phrase nearby must not be placed there
    text = "واستمرت الاعتداءات على السكان في حي غلاطة. وقال الكاتب إن الربيع العربي انتهى."
    d = run(stages, text, [("PLACE", "حي غلاطة")])
    for e in d.entities:
        assert not (e.place and e.place.get("country") == "YE"), (e.name, e.place)


def test_a_kind_word_and_an_adjective_is_a_description_not_a_place(stages):
    """A tagger PLACE span like قرية مجاورة ("a neighbouring village") names nothing: dropped.
    A kind word and a name (قرية عطارة, a gazetteer key) or a definite word stays."""
    st, sg, geo = stages
    text = "قتل ثلاثة مدنيين في قرية مجاورة، فيما نزحت عائلات إلى منطقة نائية ثم إلى قرية عطارة."
    d = sg(st(Doc(text, id="t")))
    for i, surface in enumerate(("قرية مجاورة", "منطقة نائية", "قرية عطارة"), 1):
        s = text.index(surface)
        d.entities.append(Entity(id=f"e{i}", type="PLACE", name=surface, extra={"source": "ner"},
                                 mentions=[Mention(s, s + len(surface), surface)]))
    got = places(geo(d))
    assert "قرية مجاورة" not in got and "منطقة نائية" not in got
    assert "قرية عطارة" in got


def test_plural_kind_words(stages):
    """مدن جنين ونابلس: a plural kind word is a cue like مدينة; after one, an indefinite feminine
    word is an adjective (قرى أمامية "front-line villages"), not a village of that name."""
    d = run(stages, "اعتقلت القوات عشرة شبان خلال مداهمات في مدن جنين ونابلس.")
    got = places(d)
    assert any(e.place and e.place["geonames_id"] == 283506 for e in got.values())   # Jenin
    d = run(stages, "وتعرضت قرى أمامية في القطاع للقصف.")
    assert "أمامية" not in places(d)


@pytest.mark.parametrize("text,word", [
    ("وأكد الطبيب أن العين تحتاج إلى عناية خاصة بعد العملية.", "العين"),
    ("ويتميز الشاطئ بجمال ساحر يجذب الزوار، فالطبيعة جمال لا يوصف.", "جمال"),
    ("وقال إن إيران لن تقف عند هذا الحد في دعمها للجماعات في اليمن.", "الحد"),
])
def test_frequent_words_that_name_big_places_need_their_country(stages, text, word):
    """العين (Al Ain), جمال (Jemmal), الحد (Al Hidd) are homonym-near stop words: the common word
    unless the document names the place's country and a kind word or a place nearby."""
    assert word not in places(run(stages, text))


def test_a_make_after_a_model_word_is_no_place(stages):
    """طائرة من طراز X، صواريخ من نوع X: X is a make or model, not a place (place_cues `model`)."""
    st, sg, geo = stages
    text = "أسقطت الفصائل طائرة من طراز زورقانوف قرب الحدود."
    d = sg(st(Doc(text, id="t")))
    s = text.index("زورقانوف")
    d.entities.append(Entity(id="e1", type="PLACE", name="زورقانوف", extra={"source": "ner"},
                             mentions=[Mention(s, s + 8, "زورقانوف")]))
    assert "زورقانوف" not in places(geo(d))


def test_a_name_listed_after_a_place_of_its_country(stages):
    # طولكرم and قلقيلية are not big enough to be taken on their own, and وطولكرم has a clitic: after
    # نابلس (and then after طولكرم) in a list they are places of the same country
    p = places(run(stages, "داهمت قوات الاحتلال منازل في نابلس وطولكرم وقلقيلية فجر الثلاثاء."))
    assert {k: e.place["country"] for k, e in p.items()} == {"نابلس": "PS", "طولكرم": "PS", "قلقيلية": "PS"}
    assert p["طولكرم"].name_en == "Tulkarm"
    # a name the scan sets aside (no cue before it) is put back for the test: المسيمير after ردفان
    p = places(run(stages, "اندلعت معارك في ردفان والمسيمير بمحافظة لحج."))
    assert p["المسيمير"].place["country"] == "YE"
    # the same name after a word, or after a country (a list of countries), is not taken
    assert not places(run(stages, "قال إن المدارس وطولكرم هادئة."))
    p = places(run(stages, "تضامن مع الشعوب في فلسطين واليمن والشعبين في سوريا والعراق."))
    assert "الشعبين" not in p and p["اليمن"].place["country"] == "YE"
    # frequent words are not names: رصد "monitoring" (a Yemeni district), سائر "all other"
    assert set(places(run(stages, "وصل الوزير إلى عدن ورصد ما يجري فيها."))) == {"عدن"}
    assert set(places(run(stages, "اعتاد الناس في بغداد وسائر المدن على السهر."))) == {"بغداد"}


def test_frequent_words_that_name_big_places(stages):
    # names of big places (taken without a cue) that are frequent words: مالي "financial" is
    # Mali only after a cue word; عشاق "lovers" (Uşak), ف + اتن (Athens) in the name فاتن, سوري
    # "Syrian" (Surrey), أمان "safety", شهر رمضان, حصار "siege" (Hisar), كوادر "cadres" (Gwadar),
    # سوياً "together" (Seville) are no places
    assert not places(run(stages, "قدمت الحكومة دعم مالي كبير للشركات الصغيرة."))
    for text in ("انتشرت القوات الفرنسية في شمال مالي منذ سنوات.", "وصل الوفد إلى مالي أمس."):
        assert places(run(stages, text))["مالي"].place["country"] == "ML"
    text = ("وأشاد عشاق الفن بالفيلم. وقالت الممثلة فاتن إن الدور صعب. واعتقل شاب سوري الجنسية. "
            "ويعيش الناس في أمان تام خلال شهر رمضان. وفرض الجيش حصار على الحي بعد انسحاب كوادر "
            "الحزب، وعملوا سوياً.")
    assert not places(run(stages, text))
    # الطبقة "the class" is Tabqa only where Syria is named; الأحمدي, a surname, is Kuwait's city
    # only where Kuwait is
    assert not places(run(stages, "تعاني الطبقة الوسطى من الغلاء. وقال المتحدث علي الأحمدي إن الأسعار ترتفع."))
    assert places(run(stages, "سيطرت القوات على مدينة الطبقة في ريف الرقة بسوريا."))["الطبقة"].place["country"] == "SY"
    assert places(run(stages, "تقع مدينة الأحمدي جنوب الكويت."))["الأحمدي"].place["country"] == "KW"


def test_more_frequent_words_that_name_big_places(stages):
    # session 12: big places whose names are frequent words, found with wordfreq and checked in
    # corpus contexts: دوماً "always" (Douma), لوم "blame" (Lomé), أمن "security" (Emmen), دولي
    # "international" (Develi), معسكر "camp" (Mascara), قوله "his saying" (Kavala), تويوتا, and
    # the names فلاديمير, ستيف, سالم
    text = ("كان دوماً يحب القراءة دون أي لوم من أهله. وقالت مديرية أمن المحافظة إن مطار دولي جديد "
            "سيفتتح قرب معسكر التدريب. واستشهد الخطيب بقوله تعالى. واشترى سيارة تويوتا جديدة. "
            "وقال فلاديمير وستيف وسالم إنهم سعداء.")
    assert not places(run(stages, text))
    # المشروبات الغازية "soft drinks" (El Ghaziye) and الحمى الصفراء "yellow fever" (As Safra) are
    # homonym-near: the common word where no kind word or nearby place backs the name
    text = "حذر الأطباء في لبنان من المشروبات الغازية. وانتشرت الحمى الصفراء في اليمن."
    assert set(places(run(stages, text))) == {"لبنان", "اليمن"}
    # where the country is named, a homonym is the place: دوما in Syria, معان in Jordan
    p = places(run(stages, "قصفت الطائرات مدينة دوما في ريف دمشق بسوريا."))
    assert p["دوما"].place["country"] == "SY"
    p = places(run(stages, "غمرت السيول شوارع معان جنوب الأردن."))
    assert p["معان"].place["country"] == "JO"
    # المنطقة الشمالية / الوسطى name a region of any country (Israel's districts in the gazetteer)
    assert not places(run(stages, "وقال قائد المنطقة الشمالية إن التدريبات انتهت، وكذلك في المنطقة الوسطى."))
    # روسيا البيضاء is Belarus (it had been روسيا + the adjective البيضاء)
    p = places(run(stages, "وصل الرئيس إلى مينسك عاصمة روسيا البيضاء أمس."))
    assert p["روسيا البيضاء"].place["country"] == "BY"


def test_the_capital_named_by_its_country_adjective(stages):
    # "العاصمة الهندية" ("the Indian capital") is New Delhi, over both words; the adjective alone
    # had been read as a name (الهندية, an Iraqi town)
    text = "انهار مبنى قديم في العاصمة الهندية أمس."
    p = places(run(stages, text))
    assert list(p) == ["العاصمة الهندية"]
    e = p["العاصمة الهندية"]
    assert (e.name_en, e.place["country"], e.place["geonames_id"]) == ("New Delhi", "IN", 1261481)
    m = e.mentions[0]
    assert text[m.start:m.end] == m.text
    # a clitic on العاصمة stays out of the span; the capital named after it is the same place
    p = places(run(stages, "عقد المنتدى بالعاصمة القطرية الدوحة يوم الأحد."))
    assert list(p) == ["العاصمة القطرية", "الدوحة"] and p["الدوحة"] is p["العاصمة القطرية"]
    assert p["الدوحة"].place["country"] == "QA"
    # only right after the word العاصمة, one space between
    assert not places(run(stages, "تعاني الطبقة العراقية من الغلاء."))
    assert not places(run(stages, "زار العاصمة، العراقية الأصل، والدها."))


def test_the_holy_capital_is_mecca(stages):
    # أمانة العاصمة المقدسة is the municipality of Mecca, not أمانة العاصمة (Baghdad, Sanaa)
    p = places(run(stages, "أطلقت أمانة العاصمة المقدسة مهرجانا للأطفال."))
    (e,) = p.values()
    assert e.place["country"] == "SA" and e.place["geonames_id"] == 104515


def test_a_continent_and_a_negotiator_are_no_towns():
    # through the tagger: the continent آسيا had been a Baghdad neighbourhood, شيرمان (Wendy
    # Sherman) Sherman, Texas; a continent has no point (أوروبا is no gazetteer name either)
    from marsad.io.readers import make_doc
    from marsad.pipeline import DEFAULT_STAGES, Pipeline, load_stage

    pl = Pipeline([load_stage(s) for s in DEFAULT_STAGES])
    d = pl(make_doc({"id": "t", "text": "وتراجعت الأسهم في أسواق آسيا وأوروبا أمس."}))
    assert not [e for e in d.entities if e.type == "PLACE" and e.place]
    d = pl(make_doc({"id": "t", "text": "وقالت ويندي شيرمان إن المحادثات ستستمر، وأضافت شيرمان أن الطرفين قريبان."}))
    assert not [e for e in d.entities if e.type == "PLACE"]
    # سان جرمان (the Paris club) is no town in Puerto Rico
    d = pl(make_doc({"id": "t", "text": "وانضم اللاعب الأرجنتيني إلى سان جرمان الموسم الماضي."}))
    assert not [e for e in d.entities if e.type == "PLACE" and e.place]


def test_a_namesake_town_does_not_outrank_the_city_for_its_country():
    # Geneva, Illinois got the boost of the USA being named and beat Geneva; a town outside the
    # conflict region with a namesake city 8 times its size gets no such boost (whole pipeline:
    # جنيف is found by the tagger)
    from marsad.io.readers import make_doc
    from marsad.pipeline import DEFAULT_STAGES, Pipeline, load_stage

    pl = Pipeline([load_stage(s) for s in DEFAULT_STAGES])

    def country(text, name):
        d = pl(make_doc({"id": "t", "text": text}))
        return next(e.place["country"] for e in d.entities if e.type == "PLACE" and e.name == name)

    assert country("قال وزير الخارجية الأمريكي إن المحادثات مع روسيا ستعقد في جنيف الأسبوع المقبل.",
                   "جنيف") == "CH"
    # the conflict region's namesakes keep it: Tripoli of Lebanon in a document about Lebanon
    assert country("اندلعت اشتباكات في طرابلس شمال لبنان أمس.", "طرابلس") == "LB"


def test_a_placed_tagger_entity_takes_the_gazetteer_name(stages):
    # the tagger's surface (a clitic, another spelling, a longer official name) stays the mention;
    # the entity's canonical name is the place's, the same in every article
    text = ("وصل الوفد بسوريا قادما من أمريكا، وأكدت الجمهورية الإسلامية الإيرانية دعمها، "
            "ثم توجه إلى اسكندرية مصر.")
    d = _run_ent(stages, text, [("PLACE", "بسوريا", {"source": "ner"}),
                                ("PLACE", "أمريكا", {"source": "ner"}),
                                ("PLACE", "الجمهورية الإسلامية الإيرانية", {"source": "ner"}),
                                ("PLACE", "اسكندرية", {"source": "ner"})])
    p = places(d)
    assert p["بسوريا"].name == "سوريا" and p["بسوريا"].place["country"] == "SY"
    assert p["أمريكا"].name == "الولايات المتحدة"
    assert p["الجمهورية الإسلامية الإيرانية"].name == "إيران"
    # the build writes the standard spelling of a name a source gives as اسكندريه
    assert p["اسكندرية"].name == "الاسكندرية" and p["اسكندرية"].place["country"] == "EG"
    for e in d.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text


def test_a_placed_knowledge_base_actor_keeps_its_name(stages):
    # (the gazetteer's name of the country is المملكة العربية السعودية)
    d = _run_ent(stages, "رحبت السعودية بالقرار.", [("PLACE", "السعودية", {"source": "kb", "kb": "saudi-test"})])
    (e,) = [e for e in d.entities if e.type == "PLACE"]
    assert e.place["country"] == "SA" and e.name == "السعودية"


def test_washington_is_the_capital(stages):
    # GeoNames gives Washington, D.C. no Arabic name: every واشنطن had been Washington, Utah
    for text, surface in (("وصل وزير الخارجية إلى واشنطن أمس.", "واشنطن"),
                          ("قال مسؤول في العاصمة الأمريكية إن الاجتماع تأجل.", "العاصمة الأمريكية")):
        p = places(run(stages, text))[surface].place
        assert p["country"] == "US" and abs(p["lat"] - 38.9) < 0.5 and abs(p["lon"] + 77.0) < 0.5, p


def test_a_tagger_span_read_through_a_proclitic_names_a_well_known_place(stages):
    # a foreign name opening with a letter like a proclitic is no village (بلوتو "Pluto" is not
    # ب + Le Thou in France, باور "Power" not ب + Iver); a name with a real proclitic still is
    text = "وقالت سامانثا باور إن بلوتو ليس كوكبا، وعاد السفير بمصر ثم لجنين وبواشنطن."
    d = _run_ent(stages, text, [("PLACE", "باور", {"source": "ner"}), ("PLACE", "بلوتو", {"source": "ner"}),
                                ("PLACE", "بمصر", {"source": "ner"}), ("PLACE", "لجنين", {"source": "ner"}),
                                ("PLACE", "بواشنطن", {"source": "ner"})])
    p = places(d)
    assert p["باور"].place is None and p["بلوتو"].place is None
    assert p["بمصر"].place["country"] == "EG" and p["لجنين"].place["country"] == "PS"
    assert p["بواشنطن"].place["country"] == "US"


def test_words_that_are_no_places_here(stages):
    # للبنين "for boys" is not Benin; كسروان is the Lebanese district, not Şirvan (ك + سروان)
    d = _run_ent(stages, "افتتحت كليات للبنين، وسافر الوفد إلى جبال كسروان.",
                 [("PLACE", "لبنين", {"source": "ner"}), ("PLACE", "كسروان", {"source": "ner"})])
    p = places(d)
    assert "لبنين" not in p
    assert p["كسروان"].place["country"] == "LB"


def test_a_feature_stays_a_place_with_no_point(stages):
    # Mars and the Nile are locations for a reader (and for NER corpora), but no point: not the
    # Saudi site مريخ nor the Iraqi district ناحية النيل; free lookup never takes them
    text = "تحدث العالم عن سطح المريخ وعن الحياة على ضفاف النيل."
    d = _run_ent(stages, text, [("PLACE", "المريخ", {"source": "ner"}), ("PLACE", "النيل", {"source": "ner"})])
    p = places(d)
    assert p["المريخ"].place is None and p["النيل"].place is None
    assert not [e for e in run(stages, text).entities if e.type == "PLACE"]


def test_a_club_named_after_its_city_is_no_place_in_a_sports_report(stages):
    sport = ("فاز برشلونة على ضيفه ليفربول بهدفين في المباراة التي أقيمت في برشلونة ضمن بطولة الكأس، "
             "وسجل اللاعب الهدف الأول في الشوط الثاني، فيما قال مدرب ميلان إن الفريق سيعود إلى الصدارة.")
    d = _run_ent(stages, sport, [("PLACE", "ليفربول", {"source": "ner"})])
    got = [(m.text, m.start) for e in d.entities if e.type == "PLACE" for m in e.mentions]
    second = sport.index("في برشلونة") + 3
    assert got == [("برشلونة", second)], got  # the city after في only
    assert [e.type for e in d.entities if e.name == "ليفربول"] == ["ORG"]  # the tagger's span: the club
    # a report that is not about sport: the city, and a club word still names the club
    d = run(stages, "وصل وزير الخارجية إلى برشلونة أمس، والتقى مدرب ليفربول السابق في فندق بالمدينة.")
    assert [m.text for e in d.entities if e.type == "PLACE" for m in e.mentions] == ["برشلونة"]


def test_tagger_spans_of_one_place_are_one_entity(stages):
    # أمريكا and الولايات المتحدة, المسجد الحرام and الكعبة: one entity each, the first one kept
    text = "وصل الوفد إلى أمريكا، وقالت الولايات المتحدة إنها ترحب. وأدى الحجاج الصلاة في المسجد الحرام وطافوا بالكعبة."
    d = _run_ent(stages, text, [("PLACE", "أمريكا", {"source": "ner"}), ("PLACE", "الولايات المتحدة", {"source": "ner"}),
                                ("PLACE", "المسجد الحرام", {"source": "ner"}), ("PLACE", "الكعبة", {"source": "ner"})])
    ents = [e for e in d.entities if e.type == "PLACE"]
    assert [(e.id, e.name, [m.text for m in e.mentions]) for e in ents] == [
        ("e1", "الولايات المتحدة", ["أمريكا", "الولايات المتحدة"]),
        ("e3", "المسجد الحرام", ["المسجد الحرام", "الكعبة"])]
    assert ents[1].place["kind"] == "site" and abs(ents[1].place["lat"] - 21.42) < 0.05


def test_holy_sites_and_regions_named_in_the_news(stages):
    for text, surface, cc in (("اقتحم مستوطنون باحات المسجد الأقصى أمس.", "المسجد الأقصى", "PS"),
                              ("صلى المعتمرون في المسجد النبوي فجر اليوم.", "المسجد النبوي", "SA"),
                              ("صوت الناخبون في اسكتلندا على الاستقلال.", "اسكتلندا", "GB"),
                              ("قصفت الطائرات بلدات في الغوطة أمس.", "الغوطة", "SY")):
        p = places(run(stages, text))
        assert p[surface].place["country"] == cc, (surface, p[surface].place)


def test_a_name_listed_with_countries_is_the_country(stages):
    # بنين in a list of countries is Benin, not Benin City (Nigeria named next to it)
    p = places(run(stages, "وتشارك في الدورة منتخبات نيجيريا وغانا وبنين وتوغو، وتقام المباريات في لاغوس."))
    assert p["بنين"].place["geonames_id"] == 2395170 and p["بنين"].place["kind"] == "country"
    assert p["نيجيريا"].place["country"] == "NG" and p["لاغوس"].place["country"] == "NG"
    # after a kind word and outside a list it stays the town
    p = places(run(stages, "وصل الوفد إلى مدينة بنين في جنوب نيجيريا أمس."))
    assert p["بنين"].place["geonames_id"] == 2347283
    # a capital listed among countries is the country (الجزائر، تونس)
    p = places(run(stages, "وتضم المجموعة مصر وليبيا وتونس والجزائر والمغرب."))
    assert all(p[n].place["kind"] == "country" for n in ("تونس", "الجزائر", "ليبيا"))
