"""Train the NER CRF: ``python -m marsad.ner.train --data ../shared/eval/ner --out
src/marsad/resources/data/ner.crfsuite``.

Each training sentence (tokens joined by single spaces) goes through the same Doc → Structure →
Segment path as run-time text; gold character spans are aligned to our tokens and labelled BIO
(a token is inside an entity when it overlaps the gold span).  Data: NewsFANE minus every 10th
sentence (held out), AQMAR, Wojood sample train + val (never test).  L1 regularisation and a
minimum feature frequency keep the model small.  The output is recorded in the data catalogue
with its licence (CC BY-SA 3.0, inherited from NewsFANE and AQMAR) and attribution.
"""
from __future__ import annotations

import argparse
import time
from bisect import bisect_left
from pathlib import Path

from marsad.doc import Doc
from marsad.ner import MODEL_NAME
from marsad.ner.corpora import dev_sentences, training_sentences
from marsad.ner.features import Features
from marsad.ner.tagger import make_features

LICENCE = "CC BY-SA 3.0"
ATTRIBUTION = (
    "Trained by Marsad on NewsFANE Gold (Alotaibi & Lee 2014, CC BY-SA 3.0), AQMAR Arabic Wikipedia "
    "NER corpus (Mohit et al. 2012, CC BY-SA 3.0) and the Wojood sample (Jarrar et al. 2022, SinaLab); "
    "see NOTICE.md"
)


def analyse(text: str, structure, segment, *, id: str = "s") -> Doc:
    """A Doc through Structure and Segment, exactly as the tagger sees text at run time."""
    return segment(structure(Doc(text, id=id)))


def bio(doc: Doc, spans: list[tuple[int, int, str]], idx: list[int]) -> list[str]:
    """BIO labels for the tokens ``idx`` (one sentence) from gold character spans."""
    toks = doc.tokens
    starts = [toks[i].start for i in idx]
    labels = ["O"] * len(idx)
    for s, e, typ in spans:
        k = bisect_left(starts, s)
        if k > 0 and toks[idx[k - 1]].end > s:
            k -= 1
        first = True
        while k < len(idx) and toks[idx[k]].start < e:
            labels[k] = ("B-" if first else "I-") + typ
            first = False
            k += 1
    return labels


def build(data: Path, feats: Features, *, nested: str = "mapped", limit: int = 0, dev: bool = False):
    """Yield (features, labels) for every training sentence (without the dev part if ``dev``)."""
    from marsad.stages.segment import Segment
    from marsad.stages.structure import Structure

    structure, segment = Structure(), Segment()
    for n, (text, spans) in enumerate(training_sentences(data, nested=nested, dev=dev)):
        if limit and n >= limit:
            break
        doc = analyse(text, structure, segment)
        for idx, xs in feats.sentences(doc):
            yield xs, bio(doc, spans, idx)


def dev_score(data: Path, model: Path, feats: Features) -> dict:
    """Exact-span F1 (PERSON / ORG / PLACE) of ``model`` on the development part."""
    from marsad.ner.tagger import Tagger
    from marsad.stages.segment import Segment
    from marsad.stages.structure import Structure

    structure, segment = Structure(), Segment()
    tagger = Tagger(model, features=feats)
    counts = {t: [0, 0, 0] for t in ("PERSON", "ORG", "PLACE")}
    for text, spans in dev_sentences(data):
        doc = analyse(text, structure, segment)
        tok = [(t.start, t.end) for t in doc.tokens]

        def tspan(s, e, _tok=tok):  # character span → (first, last) token, as the scorer does
            ks = [k for k, (a, b) in enumerate(_tok) if a < e and b > s]
            return (ks[0], ks[-1]) if ks else None

        gold = {(tspan(s, e), t) for s, e, t in spans if t in counts}
        pred = {(tspan(s, e), t) for s, e, t in tagger.tag(doc) if t in counts}
        for t, c in counts.items():
            g = {x for x in gold if x[1] == t}
            p = {x for x in pred if x[1] == t}
            c[0] += len(g & p)
            c[1] += len(p - g)
            c[2] += len(g - p)

    def f1(tp, fp, fn):
        return round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0

    res = {t: f1(*c) for t, c in counts.items()}
    res["micro"] = f1(*(sum(c[i] for c in counts.values()) for i in range(3)))
    return res


def train(data: Path, out: Path, *, c1: float, c2: float, iterations: int, minfreq: int,
          nested: str = "mapped", limit: int = 0, record: bool = True, dev: bool = False,
          lexicon: bool = True) -> dict:
    import pycrfsuite

    t0 = time.perf_counter()
    feats = make_features(lexicon=lexicon)
    trainer = pycrfsuite.Trainer(verbose=False)
    n_seq = n_tok = 0
    for xs, ys in build(data, feats, nested=nested, limit=limit, dev=dev):
        trainer.append(xs, ys)
        n_seq += 1
        n_tok += len(ys)
    t1 = time.perf_counter()
    trainer.set_params({
        "c1": c1, "c2": c2, "max_iterations": iterations, "feature.minfreq": minfreq,
        "feature.possible_transitions": True,
    })
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    t2 = time.perf_counter()
    info = {"sequences": n_seq, "tokens": n_tok, "features_s": round(t1 - t0, 1),
            "train_s": round(t2 - t1, 1), "bytes": out.stat().st_size,
            "params": {"c1": c1, "c2": c2, "iterations": iterations, "minfreq": minfreq, "nested": nested,
                       "lexicon": lexicon}}
    if dev:
        info["dev"] = dev_score(data, out, feats)
        return info  # a tuning model is never recorded in the catalogue
    if record and out.resolve().parent == _package_data().resolve() and out.name == MODEL_NAME:
        from marsad.resources import record as record_file

        record_file(MODEL_NAME, built_by="python -m marsad.ner.train --data ../shared/eval/ner "
                    "--out src/marsad/resources/data/ner.crfsuite", licence=LICENCE, attribution=ATTRIBUTION)
    return info


def _package_data() -> Path:
    from marsad.resources import PACKAGE_DATA

    return PACKAGE_DATA


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m marsad.ner.train", description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/eval/ner"), help="folder of the CoNLL corpora")
    ap.add_argument("--out", type=Path, default=_package_data() / MODEL_NAME)
    ap.add_argument("--c1", type=float, default=0.3, help="L1 weight (sparsity: model size)")
    ap.add_argument("--c2", type=float, default=0.01, help="L2 weight")
    ap.add_argument("--iterations", type=int, default=100)
    ap.add_argument("--minfreq", type=int, default=2, help="drop features seen fewer times")
    ap.add_argument("--nested", choices=("mapped", "outer"), default="mapped",
                    help="Wojood nesting: keep our types nested in other types (mapped) or the outer level only")
    ap.add_argument("--limit", type=int, default=0, help="train on the first N sentences only (quick checks)")
    ap.add_argument("--no-lexicon", action="store_true",
                    help="without the knowledge-base/gazetteer lexicon features (tuning comparison only: the "
                         "tagger always computes them)")
    ap.add_argument("--dev", action="store_true",
                    help="tuning: leave the development part out of training and print its F1 (Wojood val, "
                         "NewsFANE i %% 10 == 8); never write such a model to the package")
    a = ap.parse_args(argv)
    if not (a.data / "newsfane_gold_2014.conll").exists():
        ap.error(f"{a.data} does not hold the NER corpora (newsfane_gold_2014.conll ...)")
    info = train(a.data, a.out, c1=a.c1, c2=a.c2, iterations=a.iterations, minfreq=a.minfreq,
                 nested=a.nested, limit=a.limit, dev=a.dev, lexicon=not a.no_lexicon)
    print(info)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
