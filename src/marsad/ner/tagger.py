"""The statistical NER tagger: a linear-chain CRF over the tokens of a Doc, trained with
python-crfsuite (:mod:`marsad.ner.train`) and decoded with numpy (:mod:`marsad.ner.fastcrf`,
label for label python-crfsuite's own decoding, about four times cheaper).

Usage (the entities stage)::

    tagger = Tagger.load()              # the bundled model (resources/data/ner.crfsuite)
    spans = tagger.tag(doc)             # [(start, end, type)], original offsets

``doc`` must have been through Structure and Segment.  Every sentence the segmenter produced is
tagged, whatever its block kind (title, heading, body, caption, dateline).  A span never starts
with a proclitic (و ف ب ل ك split off by the segmenter) and never ends with a pronoun suffix; the
article ال stays (الموصل).  Types: PERSON, ORG, PLACE, NORP, MISC.

The model opens lazily on the first call and is then reused; a Tagger holds no state that
changes between documents except its feature cache, so output is deterministic.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from marsad.doc import Doc
from marsad.errors import MarsadError
from marsad.ner import MODEL_NAME, NAMES_NAME, TRIGGERS_NAME
from marsad.ner.features import Features, load_names, load_triggers


def decode(labels: list[str]) -> list[tuple[int, int, str]]:
    """Item spans (i, j, type) of a BIO label sequence; a stray I- starts a span."""
    spans: list[tuple[int, int, str]] = []
    start, typ = 0, None
    for i, lab in enumerate(labels):
        if lab == "O":  # most labels: only ends an open span
            if typ is not None:
                spans.append((start, i, typ))
                typ = None
            continue
        t = lab[2:] if lab[:2] in ("B-", "I-") else None
        if typ is not None and (t is None or lab[:2] == "B-" or t != typ):
            spans.append((start, i, typ))
            typ = None
        if t is not None and typ is None:
            start, typ = i, t
    if typ is not None:
        spans.append((start, len(labels), typ))
    return spans


def _whole_tail(words) -> bool:
    """The span's last token keeps its end: a definite word has no pronoun suffix (الشعبي of
    الحشد الشعبي, the segmenter's ال + شعب + ي), a ة is none (بلدة, folded to بلده), and a name's
    final ي is a nisba, not "my" (نزار مدني).  The segmenter's analysis is left as it is: the
    model was trained on it (docs/ner.md)."""
    return len(words) > 1 and words[-1].role == "suffix" and (
        words[-1].form in ("ة", "ي") or any(w.role == "article" for w in words))


def make_features(*, triggers: Path | None = None, gazetteer: dict | None = None,
                  lexicon: bool = True) -> Features:
    """The feature extractor used at training and run time (same triggers, same segmenter, same
    lexicon of knowledge-base and gazetteer names)."""
    from marsad.resources import path as data_path
    from marsad.stages.segment import Segment

    seg = Segment()
    trig = load_triggers(triggers or data_path(TRIGGERS_NAME), seg.split_clitics)
    lex = None
    if lexicon:
        from marsad.ner.lexicon import load_lexicon

        lex = load_lexicon()
    return Features(triggers=trig, names=load_names(data_path(NAMES_NAME)), gazetteer=gazetteer, lexicon=lex)


#: Token forms that end a name inside a tagged span: "كركوك، الرمادي" are two places.
_SPLIT_PUNCT = frozenset({",", "،", "؛", ";"})


def split_coordination(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Token spans split where a second name is coordinated: at a token with و + a preposition
    (كركوك وبالرمادي, بغداد ولأربيل) and at a comma; a name does not continue through either,
    while و alone (وزارة التربية والتعليم, البوسنة والهرسك) stays inside."""
    if not spans:
        return spans
    tokens = doc.tokens
    need = {t for a, b, _ in spans for t in range(a, b)}
    pre: dict[int, str] = {}
    for t in need:  # the pieces of the spans' tokens only (doc.words is built lazily)
        for role, norm in doc.token_pieces(t):
            if role == "prefix":
                pre[t] = pre.get(t, "") + norm
    out = []
    for a, b, typ in spans:
        start = a
        for t in range(a, b):
            if tokens[t].norm in _SPLIT_PUNCT:
                if t > start:
                    out.append((start, t, typ))
                start = t + 1
            elif t > start and len(pre.get(t, "")) >= 2 and pre[t][0] == "و" and pre[t][1] in "بلك":
                if t > start:
                    out.append((start, t, typ))
                start = t
        if b > start:
            out.append((start, b, typ))
    return out


def _keeps_fa(pieces) -> bool:
    """A lone ف split off a name-initial token with no article is kept: conjunction ف before a bare
    name is rare, names starting with ف are common (فرانكفورت, فيينا, فرناندو)."""
    return (len(pieces) >= 2 and pieces[0].role == "prefix" and pieces[0].norm == "ف"
            and pieces[1].role == "stem")


class Tagger:
    """CRF named-entity tagger over segmented Docs."""

    def __init__(self, model_path: Path, *, features: Features | None = None) -> None:
        self.model_path = Path(model_path)
        self._features = features
        self._crf = None
        self._fast = None
        self._run_features: Features | None = None
        self._bio: list[tuple[str | None, str | None]] | None = None

    @classmethod
    def load(cls, path: str | Path | None = None, *, features: Features | None = None) -> Tagger:
        """A tagger for the model at ``path`` (default: the bundled model); opened on first use."""
        if path is None:
            from marsad.resources import path as data_path

            p = data_path(MODEL_NAME)
        else:
            p = Path(path)
            if not p.exists():
                raise MarsadError("E205", f"NER model {p} not found")
        return cls(p, features=features)

    @property
    def features(self) -> Features:
        if self._features is None:
            self._features = make_features()
        return self._features

    @property
    def crf(self):
        if self._crf is None:
            import pycrfsuite

            t = pycrfsuite.Tagger()
            try:
                t.open(str(self.model_path))
            except (OSError, ValueError) as exc:
                raise MarsadError("E205", f"NER model {self.model_path} cannot be read: {exc}") from exc
            self._crf = t
        return self._crf

    @property
    def fast(self):
        """The run-time decoder (:class:`marsad.ner.fastcrf.FastCRF`: python-crfsuite's labels,
        computed with numpy from per-form scores), opened on first use."""
        if self._fast is None:
            from marsad.ner.fastcrf import FastCRF

            self._fast = FastCRF(self.model_path, self.features)
        return self._fast

    @property
    def run_features(self) -> Features:
        """The feature extractor without the token features the model does not know, as UTF-8
        bytes (what python-crfsuite is given; the labels are those of every feature): for
        :attr:`crf`, while tagging uses :attr:`fast`."""
        if self._run_features is None:
            self._run_features = self.features.restricted(self.fast.attributes)
        return self._run_features

    # ------------------------------------------------------------------ tagging
    def labels(self, doc: Doc) -> list[tuple[list[int], list[str]]]:
        """(token indices, BIO labels) per sentence."""
        cuts, lab = self.fast.decode(doc)
        names = self.fast.labels
        labs = [names[k] for k in lab.tolist()]
        return [(list(range(a, b)), labs[a:b]) for a, b in zip(cuts, cuts[1:], strict=False)]

    def tag_tokens(self, doc: Doc) -> list[tuple[int, int, str]]:
        """Entity spans as token index ranges (first, last + 1, type)."""
        cuts, lab = self.fast.decode(doc)
        return split_coordination(doc, self._spans(cuts, lab))

    def _spans(self, cuts: list[int], lab) -> list[tuple[int, int, str]]:
        """:func:`decode`'s spans of every sentence, read from the tokens not labelled O only
        (about one in ten): a span is a run of such tokens within one sentence, and O, a
        sentence end or a gap ends it just as an O label does in :func:`decode`."""
        fast = self.fast
        if self._bio is None:  # (prefix, type) of each label id; (None, None): O or unknown
            self._bio = [(x[:2], x[2:]) if x[:2] in ("B-", "I-") else (None, None) for x in fast.labels]
        bio = self._bio
        at = np.flatnonzero(lab != fast.o)
        if not len(at):
            return []
        firsts = set(cuts)
        out: list[tuple[int, int, str]] = []
        start, typ, last = 0, None, -2
        for p, k in zip(at.tolist(), lab[at].tolist(), strict=True):
            if typ is not None and (p != last + 1 or p in firsts):  # an O, or a new sentence
                out.append((start, last + 1, typ))
                typ = None
            pre, t = bio[k]
            if t is None:  # a label that is neither B- nor I-: ends a span, starts none
                if typ is not None:
                    out.append((start, last + 1, typ))
                    typ = None
            elif typ is not None and pre == "I-" and t == typ:
                last = p
            else:
                if typ is not None:
                    out.append((start, last + 1, typ))
                start, typ, last = p, t, p
        if typ is not None:
            out.append((start, last + 1, typ))
        return out

    def tag(self, doc: Doc) -> list[tuple[int, int, str]]:
        """Entity spans (start, end, type) in original offsets, in text order."""
        toks = self.tag_tokens(doc)
        if not toks:
            return []
        # the pieces of span head and tail tokens only (doc.words is built lazily)
        by_token = {t: doc.token_words(t) for a, b, _ in toks for t in (a, b - 1)}
        out = []
        for a, b, typ in toks:
            start, end = doc.tokens[a].start, doc.tokens[b - 1].end
            head = by_token.get(a, ())
            if len(head) == 1 and self.features.name_clitic(head[0].norm, head):
                start = doc.offsets.to_original(doc.clean_index(head[0].start) + 1)
            elif not _keeps_fa(head):
                for w in head:
                    if w.role != "prefix":
                        start = w.start
                        break
            tail = by_token.get(b - 1, ())
            if not _whole_tail(tail):
                for w in reversed(tail):
                    if w.role != "suffix":
                        end = w.end
                        break
            if end > start:
                out.append((start, end, typ))
        return out
