"""NER accuracy and speed of the CRF tagger (marsad.ner).

* Accuracy: the shared scorer's ``ner`` subcommand, run over (1) ``wojood_sample_test.conll``
  (never trained on) and (2) the held-out NewsFANE part (every 10th sentence; written to a temp
  file at run time, never committed), with ``--cmd "python -m marsad.ner.evalcmd {input} {output}"``
  (Structure + Segment + tagger only).  With ``--extract`` the same two sets are also scored
  through the full ``marsad extract`` (once the entities stage uses the tagger).
* Speed: tokens/s of ``Tagger.tag`` alone (features + CRF decoding, one core, after Structure
  and Segment), over the Wojood test and held-out NewsFANE sentences grouped into articles of
  ~20 sentences, best of 3 runs.

    .venv/bin/python benchmarks/ner.py [--extract] [--model PATH]

Writes ``benchmarks/results/ner.json``.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"
NER = SHARED / "ner"
SCORER = SHARED / "marsad_eval.py"


def score(conll: Path, cmd: str, newsfane: bool) -> dict:
    with tempfile.TemporaryDirectory() as td:
        out = Path(td) / "res.json"
        argv = [sys.executable, str(SCORER), "--cmd", cmd, "--json", str(out), "ner", str(conll)]
        if newsfane:
            argv.append("--newsfane")
        proc = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT)
        if proc.returncode != 0:
            raise SystemExit(f"scorer failed: {proc.stderr[-2000:]}")
        print(proc.stdout)
        return json.loads(out.read_text(encoding="utf-8"))


def write_conll(sents, path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for s in sents:
            for tok, tags in s:
                f.write(f"{tok}\t{tags[0]}\n")
            f.write("\n")


def speed(texts: list[str], model: Path | None) -> dict:
    from marsad.doc import Doc
    from marsad.ner.tagger import Tagger
    from marsad.stages.segment import Segment
    from marsad.stages.structure import Structure

    structure, segment = Structure(), Segment()
    docs = [segment(structure(Doc(t, id=f"d{i}"))) for i, t in enumerate(texts)]
    ntok = sum(len(d.tokens) for d in docs)
    tagger = Tagger.load(model)
    tagger.tag(docs[0])  # open the model, fill nothing else
    best = None
    for _ in range(3):
        t0 = time.perf_counter()
        for d in docs:
            tagger.tag(d)
        dt = time.perf_counter() - t0
        best = dt if best is None or dt < best else best
    return {"tokens": ntok, "seconds": round(best, 3), "tokens_per_s": round(ntok / best)}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", type=Path, default=None)
    ap.add_argument("--extract", action="store_true", help="also score through the full marsad extract")
    a = ap.parse_args()
    if not NER.is_dir():
        print(f"skipped: {NER} (evaluation data) is not present")
        return 0
    sys.path.insert(0, str(ROOT / "src"))
    from marsad.ner.corpora import newsfane_heldout, read_conll

    py = sys.executable
    cmd = f"{py} -m marsad.ner.evalcmd {{input}} {{output}}" + (f" --model {a.model}" if a.model else "")
    res: dict = {"command": " ".join(sys.argv), "model": str(a.model or "bundled ner.crfsuite")}
    held = newsfane_heldout(NER)
    with tempfile.TemporaryDirectory() as td:
        heldp = Path(td) / "newsfane_heldout.conll"
        write_conll(held, heldp)
        res["wojood_test"] = score(NER / "wojood_sample_test.conll", cmd, False)
        res["newsfane_heldout"] = score(heldp, cmd, True)
        if a.extract:
            ext = f"{py} -m marsad.cli.main extract {{input}} --out {{output}}"
            res["extract_wojood_test"] = score(NER / "wojood_sample_test.conll", ext, False)
            res["extract_newsfane_heldout"] = score(heldp, ext, True)
    sents = read_conll(NER / "wojood_sample_test.conll") + held
    texts = []
    for k in range(0, len(sents), 20):
        texts.append("\n".join(" ".join(t for t, _ in s) for s in sents[k:k + 20]))
    res["speed"] = speed(texts, a.model)
    print("tagger speed:", res["speed"])
    out = ROOT / "benchmarks" / "results" / "ner.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
