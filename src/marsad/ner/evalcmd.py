"""Run only Structure + Segment + the NER tagger over a JSONL input and write ``marsad.doc/1``
records (one entity per mention): ``python -m marsad.ner.evalcmd INPUT.jsonl OUTPUT.jsonl
[--model PATH]``.  Used by benchmarks/ner.py with the shared scorer's ``--cmd``."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from marsad.doc import Entity
from marsad.io.readers import make_doc
from marsad.ner.tagger import Tagger


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m marsad.ner.evalcmd")
    ap.add_argument("input", type=Path)
    ap.add_argument("output", type=Path)
    ap.add_argument("--model", type=Path, default=None)
    a = ap.parse_args(argv)
    from marsad.stages.segment import Segment
    from marsad.stages.structure import Structure

    structure, segment, tagger = Structure(), Segment(), Tagger.load(a.model)
    with a.input.open(encoding="utf-8") as fin, a.output.open("w", encoding="utf-8") as fout:
        for line in fin:
            if not line.strip():
                continue
            doc = make_doc(json.loads(line))
            if doc.error is None:
                doc = segment(structure(doc))
                for k, (s, e, t) in enumerate(tagger.tag(doc)):
                    doc.entities.append(Entity(f"e{k}", t, doc.text[s:e], [doc.mention(s, e)]))
            fout.write(json.dumps(doc.to_json(), ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
