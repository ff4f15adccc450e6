"""Inputs: every kind of bad input becomes an error record; good ones keep order and metadata."""
from __future__ import annotations

import gzip
import json

import pytest

from marsad.errors import MarsadError
from marsad.io.readers import decode_bytes, iter_records, make_doc

GOOD = "أعلنت الشرطة اعتقال خمسة مشتبه بهم في البصرة."


def write(p, data):
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


def test_txt_html_jsonl_and_directory_order(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    write(d / "a.txt", GOOD)
    write(d / "b.html", "<html><head><title>عنوان الصفحة</title></head><body><nav>الرئيسية | أخبار</nav>"
                        "<article><h1>عنوان الخبر</h1><p>" + GOOD + "</p><p>وأضافت أن التحقيق مستمر.</p>"
                        "</article><footer>جميع الحقوق محفوظة</footer></body></html>")
    with gzip.open(d / "c.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "x1", "text": GOOD, "published": "2016-06-12T10:00:00", "outlet": "o"},
                           ensure_ascii=False) + "\n")
        f.write(json.dumps({"id": "x2", "text": GOOD}, ensure_ascii=False) + "\n")
    write(d / "ignored.csv", "a,b")
    recs = list(iter_records([d]))
    assert [r["id"] for r in recs] == ["a", "b", "x1", "x2"]
    assert recs[1]["title"] == "عنوان الخبر"
    assert "الرئيسية" not in recs[1]["text"] and "الحقوق" not in recs[1]["text"]
    assert recs[1]["text"].startswith(GOOD)
    doc = make_doc(recs[2])
    assert doc.meta["published"] == "2016-06-12" and doc.meta["outlet"] == "o"


def test_published_default_applies_only_when_missing(tmp_path):
    p = write(tmp_path / "a.jsonl", json.dumps({"id": "1", "text": GOOD, "published": "2015-01-02"}) + "\n"
              + json.dumps({"id": "2", "text": GOOD}) + "\n")
    recs = list(iter_records([p], published="2020-05-05"))
    assert [r["published"] for r in recs] == ["2015-01-02", "2020-05-05"]


@pytest.mark.parametrize(
    "name, data, code",
    [
        ("empty.txt", b"", "E101"),
        ("blank.txt", "  \n\u200f \n", "E101"),
        ("binary.txt", b"\x00\x01\x02PNG\x00\x00" * 50, "E102"),
        ("latin.txt", "أخبار".encode("cp1256"), "E103"),
        ("nobody.html", "<html><body><nav>قائمة</nav><script>x=1</script></body></html>", "E108"),
    ],
)
def test_bad_files_become_error_records(tmp_path, name, data, code):
    p = write(tmp_path / name, data)
    recs = list(iter_records([p]))
    assert len(recs) == 1
    doc = make_doc(recs[0])
    assert doc.error is not None and doc.error["code"] == code, doc.error
    assert code in doc.error["message"]


def test_bad_jsonl_lines_do_not_stop_the_file(tmp_path):
    lines = [
        json.dumps({"id": "ok1", "text": GOOD}, ensure_ascii=False),
        '{"id": "broken", "text": "نص مقطوع',                    # truncated
        json.dumps([1, 2]),                                          # not an object
        json.dumps({"id": "notext", "body": GOOD}),                  # no text
        json.dumps({"id": "empty", "text": ""}),                     # empty
        "",                                                          # blank line: skipped
        json.dumps({"id": "ok2", "text": GOOD}, ensure_ascii=False),
    ]
    p = write(tmp_path / "in.jsonl", "\n".join(lines).encode() + b"\n\xff\xfe\xfa\n")
    recs = list(iter_records([p]))
    docs = [make_doc(r) for r in recs]
    got = [(d.id, (d.error or {}).get("code")) for d in docs]
    assert got == [("ok1", None), ("in:2", "E104"), ("in:3", "E104"), ("notext", "E105"),
                   ("empty", "E101"), ("ok2", None), ("in:8", "E103")]


def test_truncated_gzip_reports_and_keeps_earlier_lines(tmp_path):
    body = b"".join(json.dumps({"id": f"d{i}", "text": GOOD * 20}, ensure_ascii=False).encode() + b"\n"
                    for i in range(200))
    full = gzip.compress(body)
    p = write(tmp_path / "cut.jsonl.gz", full[: len(full) // 2])
    recs = list(iter_records([p]))
    assert recs[0]["id"] == "d0"
    assert "error" in recs[-1] and recs[-1]["error"]["code"] == "E107"


def test_size_limits(tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_MAX_DOC_CHARS", "100")
    monkeypatch.setenv("MARSAD_MAX_LINE_BYTES", "1000")
    p = write(tmp_path / "big.jsonl", json.dumps({"id": "big", "text": "ا" * 5000}) + "\n"
              + json.dumps({"id": "mid", "text": "ب" * 200}, ensure_ascii=False) + "\n"
              + json.dumps({"id": "small", "text": "نص قصير"}) + "\n")
    docs = [make_doc(r) for r in iter_records([p])]
    assert [(d.id, (d.error or {}).get("code")) for d in docs] == [("big:1", "E106"), ("mid", "E106"),
                                                                     ("small", None)]
    t = write(tmp_path / "big.txt", "ا" * 1000)
    assert make_doc(next(iter_records([t]))).error["code"] == "E106"


def test_missing_path_is_a_usage_error(tmp_path):
    with pytest.raises(MarsadError) as e:
        list(iter_records([tmp_path / "nope.txt"]))
    assert e.value.code == "E201"


def test_decode_variants():
    assert decode_bytes("\ufeffنص".encode()) == "نص"
    assert decode_bytes("نص".encode("utf-16")) == "نص"
    with pytest.raises(MarsadError):
        decode_bytes(b"\xd9")


@pytest.mark.parametrize("s", ["", "خبر\tعاجل\r\nاليوم", "\x01\x02خبر\x7f\x0b\x0c\x1f\x0e", "é😀\u200f\x08",
                               "\ud800\x03", "a" * 50 + "\x1b"])
def test_control_count_equals_the_regex_count(s):
    from marsad.io.readers import _CONTROL, _count_control

    assert _count_control(s) == len(_CONTROL.findall(s))


@pytest.mark.parametrize("text, at", [("خبر \ud800 عاجل", 4), ("\udfff", 0), ("😀ب\udc00\ud800", 2)])
def test_lone_surrogate_is_reported_at_its_index(text, at):
    from marsad.io.readers import record_from_obj

    rec = record_from_obj({"id": "x", "text": text}, fallback="f", loc="in.jsonl:1")
    assert rec["error"]["code"] == "E103"
    assert f"lone surrogate at character {at}." in rec["error"]["message"]
    assert "error" not in record_from_obj({"id": "x", "text": "خبر 😀 عاجل"}, fallback="f", loc="in.jsonl:1")
