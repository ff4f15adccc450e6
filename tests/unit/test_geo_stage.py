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
