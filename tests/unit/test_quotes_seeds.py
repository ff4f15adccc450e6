"""Quotes on the shared seed articles (read at run time from ../shared, skipped when absent):
the offset invariant on real text, body blocks only, and the scorer's quote figures."""
from __future__ import annotations

import importlib.util
import json

import pytest

from marsad.io.readers import make_doc
from marsad.pipeline import Pipeline, load_stage
from tests.conftest import assert_offsets

STAGES = ("structure:Structure", "segment:Segment", "entities:Entities", "quotes:Quotes")


@pytest.fixture(scope="module")
def seeds(shared):
    pipe = Pipeline([load_stage("marsad.stages." + s) for s in STAGES])
    out = {}
    for gf in sorted((shared / "eval" / "seeds").glob("*.gold.json")):
        gid = json.loads(gf.read_text(encoding="utf-8"))["id"]
        text = gf.with_name(gf.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
        out[gid] = pipe(make_doc({"id": gid, "text": text}))
    return out


@pytest.mark.shared
def test_seed_quotes_keep_offsets_and_stay_in_body_blocks(seeds):
    for doc in seeds.values():
        rec = doc.to_json()
        assert_offsets(rec)
        assert doc.quotes
        for q in doc.quotes:
            b = doc.block_of(q["cue"]["start"])
            assert b is not None and b.kind == "body"
            assert b.start <= q["content"]["start"] < q["content"]["end"] <= b.end


@pytest.mark.shared
def test_seed_quote_figures_meet_the_bar(seeds, shared):
    spec = importlib.util.spec_from_file_location("marsad_eval", shared / "eval" / "marsad_eval.py")
    ev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ev)
    res, _ = ev.score_docs(shared / "eval" / "seeds", {k: d.to_json() for k, d in seeds.items()})
    assert res["quotes"]["f1"] >= 0.9
    assert res["quote_speaker_acc"]["acc"] >= 0.9
    assert res["quote_via_acc"]["acc"] >= 0.8
