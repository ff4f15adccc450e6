"""The whole pipeline through the real CLI on the bundled samples and the shared seed articles:
every span of every record satisfies text[start:end] == surface, and article structure is right."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, assert_offsets


def extract(tmp_path: Path, *paths: Path, extra: tuple[str, ...] = ()) -> list[dict]:
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "marsad.cli.main", "extract", *map(str, paths), "--out", str(out), "-q",
         "--workers", "1", *extra],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert proc.returncode in (0, 1), proc.stderr
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_samples_offsets_everywhere(tmp_path):
    recs = extract(tmp_path, ROOT / "samples")
    assert len(recs) == 6 and not any("error" in r for r in recs)
    spans = sum(assert_offsets(r) for r in recs)
    assert spans > 10
    by_id = {r["id"]: r for r in recs}
    sirte = by_id["sirte-clashes"]
    assert sirte["meta"]["dateline"]["text"] == "سرت"
    assert sirte["meta"]["authors"] == ["ليلى المنصوري"]
    body = [sirte["text"][b["start"]:b["end"]] for b in sirte["blocks"] if b["kind"] == "body"]
    assert not any("00218912345678" in b for b in body)
    for q in sirte.get("quantities", []):
        assert q.get("value") != 218912345678


@pytest.mark.shared
def test_seed_003_dateline_author_footer(shared, tmp_path):
    recs = extract(tmp_path, shared / "eval" / "seeds" / "seed-003.txt")
    (r,) = recs
    assert r["id"] == "seed-003"
    assert r["meta"]["dateline"]["text"] == "أربيل"
    assert r["meta"]["authors"] == ["متين أمين"]
    footer = [b for b in r["blocks"] if b["kind"] == "footer"]
    assert footer and "0012022773659" in r["text"][footer[0]["start"]:footer[0]["end"]]
    for b in r["blocks"]:
        if b["kind"] == "body":
            assert "0012022773659" not in r["text"][b["start"]:b["end"]]
    for q in r.get("quantities", []):
        assert q.get("value") not in (12022773659, 2022773659)
    assert_offsets(r)


@pytest.mark.shared
def test_seeds_offsets(shared, tmp_path):
    recs = extract(tmp_path, shared / "eval" / "seeds")
    assert [r["id"] for r in recs] == ["seed-000", "seed-003"]
    for r in recs:
        assert_offsets(r)


@pytest.mark.shared
def test_corpus_slice_offsets(shared, tmp_path):
    """The first 300 real articles of the shared corpus: no crash, offsets hold everywhere."""
    import gzip
    import itertools

    src = shared / "corpus" / "saudinewsnet.jsonl.gz"
    part = tmp_path / "slice.jsonl"
    with gzip.open(src, "rt", encoding="utf-8") as f, part.open("w", encoding="utf-8") as g:
        for line in itertools.islice(f, 300):
            g.write(line)
    recs = extract(tmp_path, part)
    assert len(recs) == 300
    assert not [r["id"] for r in recs if "error" in r]
    for r in recs:
        assert_offsets(r)
