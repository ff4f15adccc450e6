"""Shared fixtures: the repo root, ../shared (skipped with a reason when absent), the texts of the
shared corpus's first articles, and a helper that checks the offset invariant on every span of a
marsad.doc/1 record."""
from __future__ import annotations

import contextlib
import gzip
import json
from itertools import islice
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "eval").is_dir():
        pytest.skip("../shared (evaluation data) is not present on this machine")
    return SHARED


@pytest.fixture(scope="session")
def corpus_texts(shared):
    """``corpus_texts(n)``: the texts of the first ``n`` articles of the shared corpus ("-" for an
    empty one), read once per size; skipped when the corpus is absent."""
    path = shared / "corpus" / "saudinewsnet.jsonl.gz"
    if not path.exists():
        pytest.skip(f"{path} is not present")
    read: dict[int, list[str]] = {}

    def texts(n: int) -> list[str]:
        if n not in read:
            with gzip.open(path, "rt", encoding="utf-8") as f:
                read[n] = [json.loads(line).get("text") or "-" for line in islice(f, n)]
        return read[n]
    return texts


def iter_spans(obj, path="$"):
    """Yield (path, span dict) for every dict with start/end/text in a record."""
    if isinstance(obj, dict):
        if isinstance(obj.get("start"), int) and isinstance(obj.get("end"), int) and "text" in obj \
                and isinstance(obj.get("text"), str):
            yield path, obj
        for k, v in obj.items():
            if k != "text":
                yield from iter_spans(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from iter_spans(v, f"{path}[{i}]")


def assert_offsets(record: dict, text: str | None = None) -> int:
    """Every span's text equals text[start:end]; every start/end pair lies inside the text."""
    text = record.get("text") if text is None else text
    assert isinstance(text, str), "record has no text to check offsets against"
    n = 0
    for path, sp in iter_spans({k: v for k, v in record.items() if k != "text"}):
        assert 0 <= sp["start"] <= sp["end"] <= len(text), (path, sp)
        assert text[sp["start"]:sp["end"]] == sp["text"], (path, sp, text[sp["start"]:sp["end"]])
        n += 1
    for ev in record.get("events", []):
        for k in ("evidence",):
            if ev.get(k):
                assert 0 <= ev[k]["start"] < ev[k]["end"] <= len(text), (k, ev[k])
    for q in record.get("quotes", []):
        if q.get("content"):
            assert 0 <= q["content"]["start"] <= q["content"]["end"] <= len(text)
    return n


@pytest.fixture
def check_offsets():
    return assert_offsets


def child_pids(pid: int) -> list[int]:
    """The process ids of ``pid``'s children (Linux /proc), e.g. a process pool's workers."""
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            out += [int(x) for x in (task / "children").read_text().split()]
    return out
