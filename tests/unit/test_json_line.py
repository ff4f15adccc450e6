"""The records' JSON lines (marsad.parallel.json_line): orjson and the standard encoder agree."""
import json

import pytest

import marsad.parallel as par
from marsad.io.readers import make_doc
from marsad.pipeline import default_pipeline

TEXTS = [
    "الموصل - قال مصدر أمني رفض الكشف عن اسمه لوكالة الأنباء إن مسلحين قتلوا ثلاثة جنود "
    "وأصابوا 12 آخرين في هجوم على نقطة تفتيش جنوب المدينة صباح أمس الأحد.",
    "نفى المتحدث باسم وزارة الدفاع العراقية ما تناقلته وسائل إعلام عن انسحاب القوات من قضاء "
    "سنجار، وقال: «لن نترك المدينة».",
    "",
]


@pytest.fixture(scope="module")
def records():
    pl = default_pipeline()
    return [pl(make_doc({"id": f"j{i}", "text": t, "published": "2016-03-01"})).to_json()
            for i, t in enumerate(TEXTS)]


def _standard(out):
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"), check_circular=False)


def test_line_is_the_record_compact_and_unescaped(records):
    for out in records:
        line = par.json_line(out)
        assert "\n" not in line
        assert json.loads(line) == out
        assert line == _standard(out)  # byte for byte, whichever encoder wrote it
    assert "الموصل" in par.json_line(records[0])  # UTF-8 text, no \u escapes
    assert any(e["mentions"] for e in records[0]["entities"])


def test_orjson_and_standard_encoder_give_the_same_bytes(records, monkeypatch):
    if par._orjson is None:
        pytest.skip("orjson is not installed")
    fast = [par.json_line(out) for out in records]
    monkeypatch.setattr(par, "_orjson", None)
    assert [par.json_line(out) for out in records] == fast


def test_a_record_orjson_refuses_is_written_by_the_standard_encoder():
    # a lone surrogate (orjson refuses it) and an integer key (orjson refuses it by default)
    out = {"id": "x", "text": "a\ud800b", "n": {1: "one"}}
    line = par.json_line(out)
    assert json.loads(line) == {"id": "x", "text": "a\ud800b", "n": {"1": "one"}}
