"""Hostile input, property-tested (hypothesis): random bytes, broken UTF-8, huge lines, deeply nested
HTML, zero-width and bidi controls, NUL bytes, truncated gzip, a 10 MB article.

For every input, through the real readers and the real per-article function (the full default
pipeline, built once): no exception, one record per article that is either a coded error record or
a valid record whose every span satisfies ``text[start:end] == surface`` (entities, quotes, events,
quantities, dates, meta.dateline), written as UTF-8 without error, within generous time and memory
bounds per article (correctness bounds against runaway behaviour, not speed benchmarks).
"""
from __future__ import annotations

import gzip
import json
import tempfile
import time
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.errors import CODES
from marsad.io.readers import iter_records
from marsad.parallel import process_record
from tests.conftest import assert_offsets

pytestmark = pytest.mark.slow

SENTENCES = [
    "قُتِلَ خمسةُ أشخاصٍ وأصيب ١٢ آخرون في انفجار سيارة مفخخة وسط المدينة.",
    "وقال المتحدث باسم وزارة الداخلية إن «التحقيقات جارية لمعرفة الجهة المسؤولة».",
    "حلب - أعلنت فصائل المعارضة السيطرة على ثلاث قرى في الريف الجنوبي يوم الأحد الماضي.",
    "واعتقلت الشرطة نحو عشرين متظاهراً أمام مبنى المحافظة، بحسب شهود عيان.",
    "ودعت الأمم المتحدة إلى وقف فوري لإطلاق النار وفتح ممرات إنسانية.",
]
CONTROLS = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
            "\u2066", "\u2067", "\u2068", "\u2069", "\ufeff", "\u0640", "\u064b", "\u0651", "\u0670", "\x00",
            "\r", "\u2028", "\u2029", "\x85", "\t", "\x0c", "\u00a0", "\U0001F600", "\u0301", "\n",
            '"', "«", "»", ".", "،", "؟", "-", ":", "٣", "7", "(", ")"]
ALPHABET = st.sampled_from(CONTROLS + list("ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإؤئةى ") + list("abcXYZ 019.,"))

# per article: generous correctness bounds (seconds, bytes allocated at peak)
TIME_S = 30.0
MEM_BYTES = 300 * 2**20
COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                    HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def pipeline():
    from marsad.pipeline import Pipeline

    pl = Pipeline()
    process_record({"id": "warm", "text": SENTENCES[0]}, pl)  # lazy resources load outside the bounds
    return pl


def check_record(out: dict, *, time_s: float = TIME_S, mem: int = MEM_BYTES, elapsed: float, peak: int) -> None:
    assert elapsed < time_s, f"{out.get('id')}: {elapsed:.1f} s"
    assert peak < mem, f"{out.get('id')}: {peak / 2**20:.0f} MB"
    json.dumps(out, ensure_ascii=False).encode("utf-8")  # writable as UTF-8 (no lone surrogates)
    assert out["schema"] == "marsad.doc/1" and isinstance(out["id"], str)
    if "error" in out:
        code = out["error"]["code"]
        assert code in CODES, code
        assert code not in ("E109", "E110"), out["error"]["message"]  # a stage crashed or ran away
        assert set(out) == {"schema", "id", "error"}
        return
    text = out["text"]
    assert_offsets(out)
    for b in out["blocks"]:
        assert 0 <= b["start"] <= b["end"] <= len(text)
    dl = out["meta"].get("dateline")
    if dl is not None:
        assert text[dl["start"]:dl["end"]] == dl["text"]


def analyse(pl, rec: dict, **bounds) -> dict:
    tracemalloc.start()
    t0 = time.perf_counter()
    try:
        out = process_record(rec, pl, keep=True).record
    finally:
        elapsed = time.perf_counter() - t0
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    check_record(out, elapsed=elapsed, peak=peak, **bounds)
    return out


def analyse_file(pl, path: Path) -> list[dict]:
    t0 = time.perf_counter()
    records = list(iter_records([path]))  # the readers never raise on bad content
    assert time.perf_counter() - t0 < TIME_S, f"reading {path.name}"
    if not path.name.endswith((".jsonl", ".jsonl.gz")):  # an empty JSONL file holds no article
        assert len(records) == 1, path
    return [analyse(pl, r) for r in records]


hostile_text = st.lists(st.one_of(st.sampled_from(SENTENCES), st.text(ALPHABET, max_size=60)),
                        min_size=1, max_size=25).map(" ".join)


@settings(max_examples=40, **COMMON)
@given(text=hostile_text)
def test_hostile_text(pipeline, text):
    out = analyse(pipeline, {"id": "t", "text": text, "published": "2020-01-05"})
    if "error" not in out:
        assert out["text"] == text  # the original text, untouched


@settings(max_examples=40, **COMMON)
@given(base=st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=8).map("\n".join),
       inserts=st.lists(st.tuples(st.floats(0, 1), st.sampled_from(CONTROLS)), max_size=40))
def test_controls_inside_words(pipeline, base, inserts):
    text = base
    for frac, ch in sorted(inserts, reverse=True):
        i = int(frac * len(text))
        text = text[:i] + ch + text[i:]
    analyse(pipeline, {"id": "c", "text": text})


@settings(max_examples=40, **COMMON)
@given(data=st.binary(max_size=4000), ext=st.sampled_from([".txt", ".html", ".jsonl"]))
def test_random_bytes(pipeline, data, ext):
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"x{ext}"
        p.write_bytes(data)
        analyse_file(pipeline, p)


@settings(max_examples=40, **COMMON)
@given(text=st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6).map("\n".join),
       cuts=st.lists(st.tuples(st.floats(0, 1), st.binary(min_size=1, max_size=3)), min_size=1, max_size=6),
       ext=st.sampled_from([".txt", ".jsonl"]))
def test_broken_utf8(pipeline, text, cuts, ext):
    raw = text.encode("utf-8") if ext == ".txt" else json.dumps({"id": "b", "text": text},
                                                                  ensure_ascii=False).encode("utf-8")
    for frac, junk in sorted(cuts, reverse=True):
        i = int(frac * len(raw))
        raw = raw[:i] + junk + raw[i + 1:]  # overwrite a byte: often the middle of a 2-byte letter
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"b{ext}"
        p.write_bytes(raw)
        analyse_file(pipeline, p)


@settings(max_examples=15, **COMMON)
@given(depth=st.integers(1, 20000), tag=st.sampled_from(["div", "span", "table", "b", "article", "section"]),
       closed=st.booleans())
def test_deeply_nested_html(pipeline, depth, tag, closed):
    body = "<p>" + SENTENCES[0] + "</p><p>" + SENTENCES[2] + "</p>"
    html = "<html><body>" + f"<{tag}>" * depth + body
    if closed:
        html += f"</{tag}>" * depth + "</body></html>"
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "n.html"
        p.write_text(html, encoding="utf-8")
        analyse_file(pipeline, p)


def test_many_paragraphs_html(tmp_path):
    p = tmp_path / "many.html"
    p.write_text("<html><body>" + "<p>" * 3000 + "<p>" + SENTENCES[0] + "</p>", encoding="utf-8")
    t0 = time.perf_counter()
    (rec,) = iter_records([p])
    assert time.perf_counter() - t0 < 5.0 and "error" not in rec


@settings(max_examples=20, **COMMON)
@given(n=st.integers(1, 12), cut=st.floats(0, 1))
def test_truncated_gzip(pipeline, n, cut):
    lines = "".join(json.dumps({"id": f"g{i}", "text": SENTENCES[i % 5]}, ensure_ascii=False) + "\n"
                    for i in range(n))
    blob = gzip.compress(lines.encode("utf-8"))
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "t.jsonl.gz"
        p.write_bytes(blob[: int(cut * len(blob))])
        outs = analyse_file(pipeline, p)
    assert len(outs) <= n + 1
    assert all("error" not in o for o in outs[:-1])  # only the last can be the read error


def test_nul_bytes_inside_text(pipeline):
    text = ("\n".join(SENTENCES) + "\n") * 40  # past the 8 KB sniffing window
    for i in range(9000, len(text), 997):
        text = text[:i] + "\x00" + text[i:]
    analyse(pipeline, {"id": "nul", "text": text})
    assert analyse(pipeline, {"id": "nul0", "text": "\x00" + text})["error"]["code"] == "E102"


def test_huge_lines(pipeline, monkeypatch, tmp_path):
    monkeypatch.setenv("MARSAD_MAX_LINE_BYTES", "200000")
    p = tmp_path / "h.jsonl"
    long_word = "ب" * 300_000  # one line far past the limit, one long word within it
    with p.open("w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "h1", "text": long_word}, ensure_ascii=False) + "\n")
        f.write(json.dumps({"id": "h2", "text": "ت" * 90_000 + " " + SENTENCES[1]}, ensure_ascii=False) + "\n")
        f.write(json.dumps({"id": "h3", "text": SENTENCES[3]}, ensure_ascii=False) + "\n")
    outs = analyse_file(pipeline, p)
    assert [o["id"] for o in outs] == ["h:1", "h2", "h3"]
    assert outs[0]["error"]["code"] == "E106" and "error" not in outs[2]


def test_ten_megabyte_article(pipeline, tmp_path):
    text = ("\n".join(SENTENCES) + "\n") * (10 * 2**20 // len(("\n".join(SENTENCES) + "\n").encode()))
    assert len(text.encode("utf-8")) > 9.5 * 2**20
    # as a JSONL record: over MARSAD_MAX_DOC_CHARS, an E106 record, quickly and without copies
    out = analyse(pipeline, {"id": "big", "text": text}, time_s=10, mem=64 * 2**20)
    assert out["error"]["code"] == "E106"
    # as a .txt file: refused from its size, before it is read
    (tmp_path / "big.txt").write_text(text, encoding="utf-8")
    tracemalloc.start()
    recs = list(iter_records([tmp_path / "big.txt"]))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert recs[0]["error"]["code"] == "E106" and peak < 2**20


def test_long_hostile_article_is_analysed_within_bounds(pipeline):
    """An article as long as the corpus's longest (~34,000 characters), full of controls."""
    parts, i = [], 0
    while sum(map(len, parts)) < 34_000:
        s = SENTENCES[i % 5]
        ch = CONTROLS[i % len(CONTROLS)].replace("\x00", "\u200b")  # NUL makes it E102 (tested above)
        parts.append(s[: 10 + i % 20] + ch + s[10 + i % 20:])
        i += 1
    out = analyse(pipeline, {"id": "long", "text": "\n".join(parts)}, time_s=60)
    assert "error" not in out and out["entities"]
