"""Text-layer speed on one core: cleaning with the offset map, and structure + segmentation.

    python benchmarks/text_layer.py [--n 3000]

Reads the first N articles of ../shared/corpus/saudinewsnet.jsonl.gz, prints MB/s (UTF-8 input
bytes) for (a) `clean` + fold (the Doc's views) and (b) Doc + Structure + Segment (sentences,
tokens, clitic-split words), and writes benchmarks/results/text_layer.json.
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import json
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet.jsonl.gz"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=3000)
    a = ap.parse_args()
    if not CORPUS.exists():
        sys.exit(f"needs {CORPUS}")
    from marsad.arabic.normalise import clean, fold
    from marsad.doc import Doc
    from marsad.stages.segment import Segment
    from marsad.stages.structure import Structure

    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in itertools.islice(f, a.n)]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    t0 = time.perf_counter()
    for t in texts:
        c, _ = clean(t)
        fold(c)
    t_clean = time.perf_counter() - t0
    from marsad.parallel import tune_gc

    tune_gc()  # as in marsad extract
    st, sg = Structure(), Segment()
    st(Doc("تهيئة.", id="w"))

    def segment_all() -> tuple[float, int, int]:
        t0 = time.perf_counter()
        ntok = nwords = 0
        for i, t in enumerate(texts):
            d = sg(st(Doc(t, id=str(i))))
            ntok += len(d.tokens)
            nwords += len(d.words)
        return time.perf_counter() - t0, ntok, nwords

    # cold: every word form is new to the clitic cache; warm: a long run, where most forms recur
    t_cold, ntok, nwords = segment_all()
    t_seg, _, _ = segment_all()
    res = {
        "command": f"python benchmarks/text_layer.py --n {a.n}",
        "machine": {"python": platform.python_version(), "cpu": platform.processor() or platform.machine()},
        "articles": len(texts), "megabytes": round(mb, 2),
        "clean_fold_mb_per_s": round(mb / t_clean, 1),
        "structure_segment_mb_per_s": round(mb / t_seg, 2),
        "structure_segment_cold_cache_mb_per_s": round(mb / t_cold, 2),
        "structure_segment_articles_per_s": round(len(texts) / t_seg, 1),
        "tokens_per_s": round(ntok / t_seg), "tokens": ntok, "words": nwords,
    }
    print(json.dumps(res, indent=1))
    out = ROOT / "benchmarks" / "results" / "text_layer.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
