"""The full default pipeline runs crash-free on real data: no record carries an E109 (a stage
raised an unexpected error) and every span obeys the offset invariant.

Runs in-process over an evenly spread sample of each evaluation set the shared scorer feeds to
``marsad extract`` (GSR event sentences, IDRISI tweets, CoNLL NER sentences joined with spaces as
the scorer does) and of the first 5,000 SaudiNewsNet articles.  Texts are read from ../shared at run time.
"""
from __future__ import annotations

import csv
import json
from itertools import islice
from pathlib import Path

import pytest

from marsad.io.readers import iter_records, make_doc
from marsad.pipeline import default_pipeline
from tests.conftest import assert_offsets

pytestmark = pytest.mark.shared

SAMPLE = 300
CORPUS_SAMPLE = 200  # articles are ~20x longer than the sentences and tweets: keeps the file under a minute


def _spread(items: list, n: int = SAMPLE) -> list:
    """``n`` items evenly spread over ``items`` (all of them when there are fewer)."""
    if len(items) <= n:
        return items
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def _gsr(shared: Path) -> list[dict]:
    rows = []
    for p in sorted((shared / "eval" / "events").glob("*.csv")):
        with p.open(encoding="utf-8", newline="") as fh:
            rows += [{"id": f"{p.stem}-{i}", "text": r["text"]} for i, r in enumerate(csv.DictReader(fh))]
    return _spread(rows)


def _tweets(shared: Path) -> list[dict]:
    p = shared / "eval" / "geo" / "idrisi_ar_train.jsonl"
    rows = [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    return _spread([{"id": f"t{i}", "text": r.get("text") or ""} for i, r in enumerate(rows)])


def _conll_sentences(path: Path) -> list[list[str]]:
    sents, cur = [], []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        line = line.replace("\u200e", "").replace("\u200f", "").strip()
        if not line:
            if cur:
                sents.append(cur)
                cur = []
            continue
        parts = line.split()
        if len(parts) >= 2:
            cur.append(parts[0])
    if cur:
        sents.append(cur)
    return sents


def _ner(shared: Path) -> list[dict]:
    rows = []
    for p in sorted((shared / "eval" / "ner").glob("*.conll")):
        rows += [{"id": f"{p.stem}-{i}", "text": " ".join(s)} for i, s in enumerate(_conll_sentences(p))]
    return _spread(rows)


def _corpus(shared: Path) -> list[dict]:
    p = shared / "corpus" / "saudinewsnet.jsonl.gz"
    if not p.exists():
        pytest.skip(f"{p} is not present")
    return _spread(list(islice(iter_records([p]), 5000)), CORPUS_SAMPLE)


@pytest.mark.parametrize("load", [_gsr, _tweets, _ner, _corpus], ids=["gsr", "tweets", "ner", "corpus"])
def test_pipeline_does_not_crash(shared: Path, load) -> None:
    recs = load(shared)
    assert len(recs) >= 100
    pipe = default_pipeline()
    crashed, spans = [], 0
    for rec in recs:
        out = pipe(make_doc(rec)).to_json()
        err = out.get("error")
        if err is not None and err.get("code") == "E109":
            crashed.append((rec["id"], err["message"]))
            continue
        if err is None:
            spans += assert_offsets(out, rec["text"])
    assert not crashed, f"{len(crashed)} of {len(recs)} documents crashed: {crashed[:5]}"
    assert spans > 0
