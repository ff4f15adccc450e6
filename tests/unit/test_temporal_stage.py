"""The temporal stage in the pipeline: offsets into the original text, block filtering, `of`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.doc import Doc, Entity, Mention
from marsad.pipeline import analyse
from marsad.stages.temporal import Temporal

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "seeds"

ARTICLE = """اشتباكات عنيفة شمال المدينة
قالت مصادر محلية إن أكثر من 200 مسلحاً هاجموا القرية فجر الأحد الماضي، ما أدى إلى مقتل ١٤ مدنياً وإصابة العشرات.
وأضافت المصادر أن القوات اعتقلت خمسة وعشرين مشتبهاً خلال اليومين الماضيين.
للتواصل معنا عبر واتساب على الرقم 00963933123456
"""


def test_offsets_and_kinds_in_pipeline():
    rec = analyse(ARTICLE, id="a1", published="2016-06-20")
    text = ARTICLE
    qs = rec["quantities"]
    for q in qs:
        assert text[q["start"]:q["end"]] == q["text"]
        assert text[q["evidence"]["start"]:q["evidence"]["end"]].strip()
    got = {(q["kind"], q["value"], q["low"], q["high"], q["qualifier"]) for q in qs}
    assert ("fighters", 200, 200, None, "at_least") in got
    assert ("killed", 14, None, None, "exact") in got
    assert ("wounded", None, 10, 99, "approx") in got
    assert ("arrested", 25, None, None, "exact") in got
    assert all(q["value"] not in (963933123456, 963933123456.0) for q in qs)
    dates = {(d["text"], d["start"], d["end"]) for d in rec["dates"]}
    assert ("الأحد الماضي", "2016-06-19", "2016-06-19") in dates
    assert ("خلال اليومين الماضيين", "2016-06-18", "2016-06-20") in dates


def test_diacritics_keep_original_offsets():
    text = "وقُتِلَ ثلاثةُ جنودٍ وأُصيبَ خمسةٌ آخرون في ١٢ حُزَيران ٢٠١٦."
    doc = Temporal()(Doc(text, id="d", meta={"published": "2016-06-20"}))
    assert [(q["kind"], q["value"]) for q in doc.quantities] == [("killed", 3), ("wounded", 5)]
    for q in doc.quantities:
        assert text[q["start"]:q["end"]] == q["text"]
    (d,) = doc.dates
    assert text[d["span"]["start"]:d["span"]["end"]] == d["text"] == "١٢ حُزَيران ٢٠١٦"
    assert d["start"] == "2016-06-12"


def test_of_is_the_counted_entity():
    text = "قتلت القوات 33 مسلحاً من داعش في المعارك"
    doc = Doc(text, id="d")
    s = text.index("داعش")
    doc.entities = [Entity("e1", "ARMED_GROUP", "داعش", [Mention(s, s + 4, "داعش")])]
    (q,) = Temporal()(doc).quantities
    assert (q["kind"], q["value"], q["of"]) == ("killed", 33, "e1")


def test_no_entities_means_no_of():
    (q,) = Temporal()(Doc("انتشر 500 مقاتل في المدينة", id="d")).quantities
    assert q["of"] is None


def test_unresolved_without_publication_date():
    doc = Temporal()(Doc("قتل جنديان أمس", id="d"))
    (d,) = doc.dates
    assert d["resolved"] is False and d["start"] is None and d["end"] is None


def test_empty_text():
    doc = Temporal()(Doc("", id="d"))
    assert doc.quantities == [] and doc.dates == []


@pytest.mark.shared
@pytest.mark.skipif(not SEEDS.exists(), reason="../shared/eval/seeds not available")
def test_seed_forbidden_numbers_are_never_counts():
    for gold_path in sorted(SEEDS.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = gold_path.with_name(gold["id"] + ".txt").read_text(encoding="utf-8")
        rec = analyse(text, id=gold["id"], published=gold.get("published"))
        forbidden = set(gold["meta"].get("not_quantities", []))
        assert not [q for q in rec["quantities"] if q.get("value") in forbidden]


def test_only_a_shape_skip_is_undone_by_a_counted_noun():
    # a year-like number before a counted noun is a count (its skip came from its shape alone);
    # a number skipped for its unit or cue (per cent, a phone number) stays skipped whatever
    # follows it, so the stage does not look for its kind at all
    text = "انتشر 2000 مقاتل في المدينة، وارتفعت الأسعار 30 بالمئة قتيل، واتصلوا بالرقم 00963933123456 جنديا"
    qs = Temporal()(Doc(text, id="d")).quantities
    assert [(q["text"], q["value"]) for q in qs] == [("2000 مقاتل", 2000)]
