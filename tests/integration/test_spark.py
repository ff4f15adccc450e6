"""marsad.spark in PySpark local mode gives exactly what single-process ``marsad extract`` gives.

The input mixes Arabic articles written for this test (diacritics, tatweel, a dateline, numbers,
quotes, bidi controls), broken lines (bad JSON, no text, empty text, a lone surrogate, no id) and,
when ../shared is present, a slice of the SaudiNewsNet corpus.  Skipped with a reason when
PySpark or Java is missing.
"""
from __future__ import annotations

import gzip
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED, assert_offsets

pytestmark = pytest.mark.slow

if importlib.util.find_spec("pyspark") is None:
    pytest.skip("pyspark is not installed (pip install 'marsad[spark]')", allow_module_level=True)
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Java is not installed (PySpark needs Java 17+)", allow_module_level=True)

ARTICLES = [
    {"id": "sp-1", "published": "2019-03-04", "title": "اشتباكات قرب الحدود",
     "text": "بغداد - قُتِلَ ثلاثةُ جنودٍ وأُصيبَ خمسة آخرون في هجومٍ شنّه مسلحون على نقطة تفتيش "
             "شمال المدينة فجر اليوم الاثنين.\nوقال المتحدث باسم الشرطة إن «قوات الأمن طوّقت المنطقة» "
             "وإن التحقيق ما زال جارياً."},
    {"id": "sp-2", "published": "2020-11-15",
     "text": "أعلنت وزارة الصحة ارتفاع عدد المصابين إلى ١٢٠ شخصاً، بينهم نحو عشرين طفلاً، "
             "بعد انفجار مستودع في الميناء.\n\nوأضاف البيان أن فرق الإنقاذ انتشلت 4 جثث حتى الآن."},
    {"id": "sp-3",
     "text": "الريـــاض\u200f — اجتمع وزير الخارجية مع نظيره الأردني لبحث \u202bالتعاون\u202c الأمني، "
             "وأكد الجانبان رفضهما \"أي تدخل خارجي\" في شؤون المنطقة."},
    {"title": "خبر بلا معرّف", "text": "تظاهر مئات الطلاب أمام مبنى البرلمان مطالبين بإصلاحات اقتصادية."},
    {"id": "sp-empty", "text": "   "},
    {"id": "sp-notext", "title": "بلا نص"},
]


def _write_input(path: Path) -> int:
    lines = [json.dumps(a, ensure_ascii=False) for a in ARTICLES]
    lines.insert(2, '{"id": "sp-broken", "text": "نص مقطوع')  # truncated JSON line
    lines.append('{"id": "sp-surrogate", "text": "\\ud83d عربي"}')  # lone surrogate escape
    lines.append("[1, 2, 3]")  # JSON, but not an object
    corpus = SHARED / "corpus" / "saudinewsnet.jsonl.gz"
    if corpus.exists():  # read at run time, never copied into the repository
        with gzip.open(corpus, "rt", encoding="utf-8") as f:
            for i, line in enumerate(f):
                if i >= 40:
                    break
                lines.append(line.rstrip("\n"))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def _extract(inp: Path, out: Path) -> list[dict]:
    proc = subprocess.run([sys.executable, "-m", "marsad.cli.main", "extract", str(inp), "--out", str(out),
                           "--workers", "1", "-q"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr  # some inputs are broken on purpose: error records
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def _env() -> dict:
    return dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    s = (SparkSession.builder.master("local[2]").appName("marsad-test")
         .config("spark.ui.enabled", "false").config("spark.log.level", "WARN").getOrCreate())
    yield s
    s.stop()


def _read(spark, out: Path) -> list[dict]:
    from marsad.spark import row_to_record

    return [row_to_record(r) for r in spark.read.parquet(str(out)).orderBy("seq").collect()]


def test_spark_submit_equals_extract(tmp_path, spark):
    inp = tmp_path / "mixed.jsonl"
    n_lines = _write_input(inp)
    expected = _extract(inp, tmp_path / "extract.jsonl")
    assert len(expected) == n_lines

    submit = Path(sys.executable).with_name("spark-submit")
    cmd = [str(submit) if submit.exists() else "spark-submit", "--master", "local[2]",
           "--conf", "spark.ui.enabled=false", "--conf", "spark.log.level=WARN",
           str(ROOT / "src" / "marsad" / "spark.py"), str(inp), "--out", str(tmp_path / "out.parquet")]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=_env(), timeout=600)
    log = proc.stdout + proc.stderr  # spark-submit merges the Python driver's stderr into stdout
    assert proc.returncode == 0, log[-3000:]  # error records present, others analysed: like extract
    assert f"marsad.spark: {n_lines} articles" in log

    got = _read(spark, tmp_path / "out.parquet")
    assert [r["id"] for r in got] == [r["id"] for r in expected]
    for g, e in zip(got, expected, strict=True):
        assert g == e, g["id"]
    by_id = {r["id"]: r for r in got}
    assert by_id["mixed:3"]["error"]["code"] == "E104"  # the truncated line, named by its line
    assert by_id["sp-surrogate"]["error"]["code"] == "E103"
    assert by_id["sp-empty"]["error"]["code"] == "E101"
    assert by_id["sp-notext"]["error"]["code"] == "E105"
    assert by_id["mixed:5"]["meta"]["title"] == "خبر بلا معرّف"  # id-less: extract's fallback id
    for r in got:
        if "error" not in r:
            assert_offsets(r)


def test_parquet_input_and_no_text(tmp_path, spark):
    from marsad.spark import main

    rows = [a for a in ARTICLES if isinstance(a.get("text"), str)]
    src = tmp_path / "in.parquet"
    spark.createDataFrame([(a.get("id"), a["text"], a.get("title"), a.get("published")) for a in rows],
                          "id string, text string, title string, published string").coalesce(1) \
        .write.parquet(str(src))
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in rows), encoding="utf-8")
    expected = _extract(jsonl, tmp_path / "extract.jsonl")

    rc = main([str(src), "--out", str(tmp_path / "out.parquet"), "--no-text", "--partitions", "3"])
    assert rc == 0  # the empty article is an error record, the others were analysed
    got = _read(spark, tmp_path / "out.parquet")
    assert len(got) == len(expected)
    for g, e in zip(got, expected, strict=True):
        e.pop("text", None)
        assert g == e  # incl. the id-less row: named "in:4" by its row, as JSONL names it by line
    assert all("text" not in g for g in got)
