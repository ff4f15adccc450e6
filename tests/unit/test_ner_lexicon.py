"""The NER lexicon: the committed file of the bundled sources, and building from other data."""
from __future__ import annotations

import gzip
import json

from marsad.arabic.normalise import key
from marsad.ner.lexicon import LEXICON_FILE, build_lexicon, dump_lexicon, load_lexicon, read_lexicon
from marsad.resources import PACKAGE_DATA, catalogue, sha256

REBUILD = "python -m marsad.build.ner_lexicon"


def test_committed_lexicon_equals_a_fresh_build():
    committed = PACKAGE_DATA / LEXICON_FILE
    assert committed.exists(), f"{LEXICON_FILE} is missing: run {REBUILD}"
    fresh = build_lexicon()
    text = gzip.decompress(committed.read_bytes()).decode("utf-8")
    # the text, not the gzip bytes: another zlib may compress the same text differently
    assert text == dump_lexicon(fresh), (
        f"{LEXICON_FILE} is stale (actors/*.jsonl, place_stopwords.tsv or the gazetteer changed): "
        f"run {REBUILD} and commit it with catalogue.json")
    assert read_lexicon(text) == fresh
    info = catalogue()["files"].get(LEXICON_FILE)
    assert info and info["sha256"] == sha256(committed), f"catalogue entry out of date: run {REBUILD}"
    assert info["licence"] and "GeoNames" in info["attribution"]


def test_bundled_data_loads_the_committed_file():
    lex = load_lexicon()
    assert lex == read_lexicon(gzip.decompress((PACKAGE_DATA / LEXICON_FILE).read_bytes()).decode("utf-8"))
    assert lex[key("عصائب أهل الحق")] == ("KO",)


def test_dump_and_read_round_trip():
    lex = {key("نهر الورد"): ("GT",), key("جماعة السهم الأزرق"): ("GA", "KO"), key("سالم"): ("KP",)}
    text = dump_lexicon(lex)
    assert text.startswith("#") and text.splitlines()[1:] == sorted(text.splitlines()[1:])
    assert read_lexicon(text) == lex


def test_other_data_dir_builds_from_its_sources(tmp_path, monkeypatch):
    # a data directory with the bundled gazetteer and a knowledge base of one invented actor
    for name in ("gazetteer.sqlite", "place_stopwords.tsv", "place_common.tsv"):
        (tmp_path / name).symlink_to(PACKAGE_DATA / name)
    (tmp_path / "actors").mkdir()
    rec = {"key": "test-blue-arrow", "name": "جماعة السهم الأزرق", "type": "ARMED_GROUP",
           "aliases": ["كتائب السهم"]}
    (tmp_path / "actors" / "test.jsonl").write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    monkeypatch.setenv("MARSAD_DATA_DIR", str(tmp_path))
    lex = load_lexicon()
    assert lex[key("جماعة السهم الأزرق")] == ("KO",) and lex[key("كتائب السهم")] == ("KO",)
    assert key("عصائب أهل الحق") not in lex  # the bundled KB is not read
    assert any(x.startswith("G") for x in lex[key("الفلوجة")])  # the gazetteer still is
    assert lex == build_lexicon()
