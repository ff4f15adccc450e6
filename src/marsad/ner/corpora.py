"""Reading the NER training corpora (CoNLL token/tag files) and mapping their types to ours.

The corpora are read at training and benchmark time from ``../shared/eval/ner`` and are never
copied into the project.  Each sentence becomes ``(text, spans)``: its tokens joined by single
spaces (as the scorer does) and the gold entities as character spans ``(start, end, type)`` of
that text, with types in :data:`marsad.ner.TYPES`.

* NewsFANE Gold: 45 fine types, folded as in the scorer (people, organisations, places) plus
  ``Group`` → NORP and the remaining named things (books, films, software ...) → MISC.
* AQMAR: PER / LOC / ORG and MIS0..MIS3 → MISC.
* Wojood: nested, one tag column per level.  PERS → PERSON, ORG → ORG, GPE/LOC/FAC → PLACE,
  NORP → NORP; DATE, OCC, EVENT and the numeric types are not named entities for us (O).  With
  ``nested="mapped"`` (the default) a span of ours nested inside an outer span of another type
  (an ORG inside an OCC "secretary of the ... committee") is kept, as a flat corpus would tag it;
  ``nested="outer"`` keeps only the first column.

NewsFANE has no held-out split of its own: sentence ``i`` is held out for evaluation when
``i % HOLDOUT_EVERY == HOLDOUT_EVERY - 1`` (every 10th sentence, 476 of 4,760).
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

HOLDOUT_EVERY = 10

NEWSFANE_TYPES = {
    **{k: "PERSON" for k in ("Politician", "Athlete", "Artist", "Other_PER", "Religious_PER", "Scientist",
                             "Businessperson", "Lawyer", "Engineer", "Police")},
    **{k: "ORG" for k in ("Government", "Non-Governmental", "Sports", "Media", "Commercial", "Educational",
                          "Medical-Science", "Entertainment", "Religious_ORG")},
    **{k: "PLACE" for k in ("Nation", "Population-Center", "State-or-Province", "GPE-Cluster",
                            "County-or-District", "Continent", "Water-Body", "Land-Region-Natural", "Land",
                            "Celestial", "Building-Grounds", "Airport", "Subarea-Facility", "Path")},
    "Group": "NORP",
}
GENERIC_TYPES = {"PER": "PERSON", "PERS": "PERSON", "PERSON": "PERSON", "ORG": "ORG", "LOC": "PLACE",
                 "GPE": "PLACE", "FAC": "PLACE", "NORP": "NORP"}

Sentence = list[tuple[str, list[str]]]  # (token, [tag per level])


def read_conll(path: Path) -> list[Sentence]:
    """Sentences of a CoNLL file: blank (or whitespace/bidi-mark only) lines separate them."""
    sents: list[Sentence] = []
    cur: Sentence = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        parts = line.replace("\u200e", "").replace("\u200f", "").split()
        if len(parts) < 2:
            if not parts and cur:
                sents.append(cur)
                cur = []
            continue
        cur.append((parts[0], parts[1:]))
    if cur:
        sents.append(cur)
    return sents


def map_type(label: str, scheme: str) -> str | None:
    """Our type for a corpus label (without its B-/I- prefix), None when it is not ours."""
    if scheme == "newsfane":
        return NEWSFANE_TYPES.get(label, "MISC")
    if scheme == "aqmar" and label.upper().startswith("MIS"):
        return "MISC"
    return GENERIC_TYPES.get(label.upper())


def _column_spans(tags: list[str], scheme: str) -> list[tuple[int, int, str]]:
    """Token spans (i, j, type) of one BIO column; I- after another type starts a new span."""
    spans: list[tuple[int, int, str]] = []
    start, typ = 0, None
    for i, tag in enumerate([*tags, "O"]):
        if tag[:2] in ("B-", "I-") and len(tag) > 2:
            t = map_type(tag[2:], scheme)
            begin = tag[0] == "B" or t != typ
        else:
            t, begin = None, True
        if typ is not None and (t is None or begin):
            spans.append((start, i, typ))
            typ = None
        if t is not None and typ is None:
            start, typ = i, t
    return spans


def token_spans(sent: Sentence, scheme: str, *, nested: str = "mapped") -> list[tuple[int, int, str]]:
    """Entity token spans of a sentence; inner levels fill in where outer ones have none of ours."""
    levels = max(len(tags) for _, tags in sent)
    chosen: list[tuple[int, int, str]] = []
    for lv in range(levels if nested == "mapped" else 1):
        col = [tags[lv] if lv < len(tags) else "O" for _, tags in sent]
        for s, e, t in _column_spans(col, scheme):
            if all(e <= cs or s >= ce for cs, ce, _ in chosen):
                chosen.append((s, e, t))
    return sorted(chosen)


def to_text(sent: Sentence, spans: list[tuple[int, int, str]]) -> tuple[str, list[tuple[int, int, str]]]:
    """The sentence text (tokens joined by single spaces) and its spans in character offsets."""
    pos, n = [], 0
    for tok, _ in sent:
        pos.append((n, n + len(tok)))
        n += len(tok) + 1
    text = " ".join(tok for tok, _ in sent)
    return text, [(pos[s][0], pos[e - 1][1], t) for s, e, t in spans]


CORPORA = (
    ("newsfane_gold_2014.conll", "newsfane"),
    ("aqmar.conll", "aqmar"),
    ("wojood_sample_train.conll", "wojood"),
    ("wojood_sample_val.conll", "wojood"),
)


def training_sentences(data: Path, *, nested: str = "mapped",
                       dev: bool = False) -> Iterator[tuple[str, list[tuple[int, int, str]]]]:
    """Every training sentence as (text, char spans): NewsFANE minus its held-out part, AQMAR,
    Wojood train + val.  Wojood test is never read here.  With ``dev`` the development part
    (:func:`dev_sentences`) is left out too, for tuning."""
    for name, scheme in CORPORA:
        if dev and name == DEV_WOJOOD:
            continue
        p = Path(data) / name
        if not p.exists():
            continue
        for i, sent in enumerate(read_conll(p)):
            if scheme == "newsfane" and (is_heldout(i) or dev and is_dev(i)):
                continue
            yield to_text(sent, token_spans(sent, scheme, nested=nested))


#: The development part used to tune training options (never the evaluation sets): Wojood val
#: and NewsFANE sentences i % 10 == 8 (the sentence before each held-out one).
DEV_WOJOOD = "wojood_sample_val.conll"


def is_dev(i: int) -> bool:
    return i % HOLDOUT_EVERY == HOLDOUT_EVERY - 2


def dev_sentences(data: Path, *, nested: str = "mapped") -> list[tuple[str, list[tuple[int, int, str]]]]:
    """The development sentences as (text, char spans)."""
    out = []
    p = Path(data) / "newsfane_gold_2014.conll"
    out += [to_text(s, token_spans(s, "newsfane", nested=nested)) for i, s in enumerate(read_conll(p)) if is_dev(i)]
    p = Path(data) / DEV_WOJOOD
    out += [to_text(s, token_spans(s, "wojood", nested=nested)) for s in read_conll(p)]
    return out


def is_heldout(i: int) -> bool:
    return i % HOLDOUT_EVERY == HOLDOUT_EVERY - 1


def newsfane_heldout(data: Path) -> list[Sentence]:
    """The held-out NewsFANE sentences (for the benchmark; written to a temp file, never committed)."""
    p = Path(data) / "newsfane_gold_2014.conll"
    return [s for i, s in enumerate(read_conll(p)) if is_heldout(i)]
