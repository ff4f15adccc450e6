"""The one object every stage reads and writes: :class:`Doc`.

A Doc keeps the ORIGINAL text untouched.  Everything found in it (blocks, sentences, tokens,
clitic-split words, entities, events, quotes, quantities) is a span of original character
offsets, so ``doc.text[start:end]`` is always the surface.  The clean view (:attr:`Doc.clean`)
and the folded matching view (:attr:`Doc.folded`) share one index space, mapped back to the
original with :attr:`Doc.offsets`.

Stages take a Doc and return it (see :mod:`marsad.pipeline`).  :meth:`Doc.to_json` writes the
``marsad.doc/1`` contract.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import chain, count, repeat
from operator import add, sub
from typing import Any

from marsad import SCHEMA
from marsad.arabic.normalise import clean, extend_over_marks, fold

# Block kinds: what part of an article a line is.  Only ANALYSED kinds feed events, quotes and
# counts; entities also read the title, headings and captions (they name real actors).
BLOCK_KINDS = ("title", "dateline", "byline", "heading", "body", "caption", "footer", "signature")
ANALYSED = frozenset({"body"})
NAMED = frozenset({"title", "heading", "body", "caption"})


@dataclass(slots=True)
class Block:
    kind: str
    start: int
    end: int


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    block: int  # index into Doc.blocks


@dataclass(slots=True)
class Token:
    """A whitespace/punctuation-delimited token (original offsets)."""

    start: int
    end: int
    form: str  # clean form (no diacritics/tatweel, ASCII digits); the surface is text[start:end]
    norm: str  # folded form used for lookups
    sent: int
    is_word: bool  # Arabic or Latin letters (not digits or punctuation)


# The C token loop (marsad/arabic/_tokenkernel.c) fills a new Token's slots directly instead of
# calling __init__, which is the same only while __init__ stores its arguments and nothing else.
Token.__marsad_plain_init__ = not hasattr(Token, "__post_init__")


@dataclass(slots=True)
class Word:
    """A clitic-split piece of a token: proclitic, stem or enclitic (original offsets)."""

    start: int
    end: int
    form: str  # clean form; the surface is text[start:end]
    norm: str  # folded form
    role: str  # "prefix" | "article" | "stem" | "suffix"
    token: int


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Entity:
    id: str
    type: str
    name: str
    mentions: list[Mention] = field(default_factory=list)
    name_en: str | None = None
    wikidata: str | None = None
    place: dict | None = None
    extra: dict = field(default_factory=dict)  # kb key, actor category, scores, source

    def to_json(self) -> dict:
        d = {
            "id": self.id,
            "type": self.type,
            "name": self.name,
            "name_en": self.name_en,
            "wikidata": self.wikidata,
            "place": self.place,
            "mentions": [m.to_json() for m in self.mentions],
        }
        d.update(self.extra)
        return d


class Doc:
    """One article and everything Marsad found in it."""

    __slots__ = (
        "id", "text", "clean", "folded", "offsets", "meta", "blocks", "sentences", "tokens",
        "_words", "_split", "entities", "events", "quotes", "quantities", "dates", "error",
        "provided", "user_data", "_c2o", "_deleted", "_norms", "_cuts", "_sent_of",
    )

    def __init__(self, text: str, *, id: str, meta: dict | None = None) -> None:
        self.id = id
        self.text = text
        self.clean, self.offsets = clean(text)
        self._c2o: list[int] | None = None  # clean index -> original index, built on first use
        self._deleted: tuple[int, ...] | None = None  # original offsets of the deleted characters
        self._norms: tuple[list, list[str]] | None = None  # (the token list, its norms): see norms
        self._cuts: tuple[list, list[int]] | None = None  # (the token list, its cuts): see sent_cuts
        self._sent_of: tuple[list, list[int]] | None = None  # see sent_of
        self.folded = fold(self.clean)
        self.meta: dict[str, Any] = {
            "title": None, "dateline": None, "authors": [], "outlet": None, "published": None,
        }
        if meta:
            self.meta.update({k: v for k, v in meta.items() if v is not None})
        self.blocks: list[Block] = []
        self.sentences: list[Sentence] = []
        self.tokens: list[Token] = []
        self._words: list[Word] | None = []  # see the words property
        self._split: dict[int, tuple] | None = None
        self.entities: list[Entity] = []
        self.events: list[dict] = []
        self.quotes: list[dict] = []
        self.quantities: list[dict] = []
        self.dates: list[dict] = []
        self.error: dict | None = None
        self.provided: set[str] = set()
        self.user_data: dict[str, Any] = {}

    # ------------------------------------------------------------ tokens
    @property
    def norms(self) -> list[str]:
        """The folded form of every token, in token order: one list shared by the stages that
        read them all (made once per token list; read-only)."""
        got = self._norms
        tokens = self.tokens
        if got is None or got[0] is not tokens or len(got[1]) != len(tokens):
            got = self._norms = (tokens, [t.norm for t in tokens])
        return got[1]

    def set_norms(self, norms: list[str]) -> None:
        """Record the norms of the current tokens (the segmenter has them as it makes them)."""
        self._norms = (self.tokens, norms)

    @property
    def sent_cuts(self) -> list[int]:
        """[0, c1, c2, ..., len(tokens)]: where each run of tokens of one sentence starts, then the
        end (``tokens[c[k]:c[k + 1]]`` are the tokens of one sentence, in order; a sentence with
        no token has no run).  ``[0]`` without tokens.  Recorded by the segmenter as it makes
        the tokens; worked out from the tokens' sentence numbers otherwise (read-only)."""
        got = self._cuts
        tokens = self.tokens
        if got is None or got[0] is not tokens or got[1][-1] != len(tokens):
            n = len(tokens)
            cuts = [0]
            for i in range(1, n):
                if tokens[i].sent != tokens[i - 1].sent:
                    cuts.append(i)
            if n:
                cuts.append(n)
            got = self._cuts = (tokens, cuts)
        return got[1]

    def set_sent_cuts(self, cuts: list[int]) -> None:
        """Record :attr:`sent_cuts` of the current tokens (the segmenter has them)."""
        self._cuts = (self.tokens, cuts)

    @property
    def sent_of(self) -> list[int]:
        """The sentence number of every token, in token order (``tokens[i].sent``): one list
        shared by the stages that read them all, made from :attr:`sent_cuts` a run at a time
        (read-only)."""
        got = self._sent_of
        tokens = self.tokens
        if got is None or got[0] is not tokens or len(got[1]) != len(tokens):
            cuts = self.sent_cuts
            runs = map(repeat, [tokens[c].sent for c in cuts[:-1]], map(sub, cuts[1:], cuts[:-1]))
            got = self._sent_of = (tokens, list(chain.from_iterable(runs)))
        return got[1]

    # ------------------------------------------------------------ offsets
    @property
    def clean_to_original(self) -> list[int] | None:
        """Original index of every clean index (None when cleaning deleted nothing: identity)."""
        if not self.offsets.marks:
            return None
        if self._c2o is None:
            self._c2o = self.offsets.array(len(self.clean))
        return self._c2o

    def orig_span(self, cstart: int, cend: int) -> tuple[int, int]:
        """Original (start, end) for a span of the clean view, keeping trailing vowel marks."""
        marks = self.offsets.marks
        if not marks:
            return cstart, cend
        # OffsetMap.to_original / end_to_original, inlined (called for every sentence and place):
        # one bisection of the few marks each, less than building the whole clean -> original array
        start = cstart + bisect_right(marks, cstart) if cstart < len(self.clean) else len(self.text)
        if cend <= cstart:
            return start, start
        return start, extend_over_marks(self.text, cend + bisect_right(marks, cend - 1))

    def deleted_offsets(self) -> tuple[int, ...]:
        """Original offsets of the characters cleaning deleted, ascending: the k-th one is at
        ``marks[k] + k`` (see OffsetMap)."""
        d = self._deleted
        if d is None:
            d = self._deleted = tuple(map(add, self.offsets.marks, count()))
        return d

    def clean_index(self, orig: int) -> int:
        """Clean-view index of the first kept character at or after original index ``orig``."""
        marks = self.offsets.marks
        if not marks:
            return orig
        if orig <= self.offsets.original_length:
            # the kept characters before ``orig``: all of them but the deleted ones (one
            # bisection of the few deleted offsets; stages call this hundreds of times per article)
            d = self._deleted
            if d is None:
                d = self.deleted_offsets()
            return orig - bisect_left(d, orig)
        # the clean index j maps to j + bisect_right(marks, j); invert by search
        lo, hi = max(0, orig - len(marks)), min(orig, len(self.clean))
        while lo < hi:
            mid = (lo + hi) // 2
            if mid + bisect_right(marks, mid) < orig:
                lo = mid + 1
            else:
                hi = mid
        return lo

    # ------------------------------------------------------------ words (lazy)
    @property
    def words(self) -> list[Word]:
        """The clitic-split pieces of every token, in token order.

        The segment stage records only the pieces of the tokens that split (:meth:`defer_words`);
        most tokens are one piece sharing the token's span and strings, and only the NER reads a
        few tokens' pieces (:meth:`token_words`), so the ~1,000 Word objects of an article are
        built here, on first access, instead of for every article.
        """
        if self._words is None:
            self._words = [w for ti in range(len(self.tokens)) for w in self._make_words(ti)]
        return self._words

    @words.setter
    def words(self, value: list[Word]) -> None:
        self._words = value
        self._split = None

    def defer_words(self) -> dict[int, tuple]:
        """Make :attr:`words` lazy: the returned dict, filled by the segmenter, maps a token
        index to its pieces ((role, start, end, form, norm) with start/end relative to the
        token's clean form) for the tokens of more than one piece; any other token is one stem
        Word with the token's span and strings."""
        self._words = None
        self._split = {}
        return self._split

    def token_words(self, ti: int) -> list[Word]:
        """The Words of token ``ti`` (without building every token's Words)."""
        if self._words is not None:  # assigned, or already built: read it
            return [w for w in self._words if w.token == ti]
        return self._make_words(ti)

    def token_pieces(self, ti: int) -> list[tuple[str, str]]:
        """(role, folded form) of each piece of token ``ti``: what :meth:`token_words` gives,
        without making Word objects or mapping offsets."""
        if self._words is not None:
            return [(w.role, w.norm) for w in self._words if w.token == ti]
        pieces = self._split.get(ti)
        if pieces is None:
            return [("stem", self.tokens[ti].norm)]
        return [(role, pn) for role, _a, _b, _pf, pn in pieces]

    def _make_words(self, ti: int) -> list[Word]:
        t = self.tokens[ti]
        pieces = self._split.get(ti)
        if pieces is None:
            return [Word(t.start, t.end, t.form, t.norm, "stem", ti)]
        s = t.start
        if not self.offsets.marks:
            return [Word(s + a, s + b, pf, pn, role, ti) for role, a, b, pf, pn in pieces]
        # Map the pieces through the clean view as the token was: its clean start is the one
        # clean index mapping to its original start (the map is strictly increasing), and a
        # piece's end extends over deleted vowel marks after it.  Where no character was deleted
        # around the token this gives start + a / start + b, as above.
        marks, text = self.offsets.marks, self.text
        cs = self.clean_index(s)
        # the pieces' clean spans mapped as in orig_span (OffsetMap's formulas, inlined)
        return [Word(cs + a + bisect_right(marks, cs + a),
                     extend_over_marks(text, cs + b + bisect_right(marks, cs + b - 1)), pf, pn, role, ti)
                for role, a, b, pf, pn in pieces]

    def mention(self, start: int, end: int) -> Mention:
        return Mention(start, end, self.text[start:end])

    def span_json(self, start: int, end: int, **extra: Any) -> dict:
        d = {"start": start, "end": end, "text": self.text[start:end]}
        d.update(extra)
        return d

    # ------------------------------------------------------------ views
    def block_of(self, orig: int) -> Block | None:
        for b in self.blocks:
            if b.start <= orig < b.end:
                return b
        return None

    def sentence_tokens(self, i: int) -> list[Token]:
        return [t for t in self.tokens if t.sent == i]

    def entity(self, eid: str | None) -> Entity | None:
        if eid is None:
            return None
        for e in self.entities:
            if e.id == eid:
                return e
        return None

    # ------------------------------------------------------------ contract
    def to_json(self, *, include_text: bool = True, include_layers: bool = False) -> dict:
        if self.error is not None:
            out = {"schema": SCHEMA, "id": self.id, "error": self.error}
            return out
        out: dict[str, Any] = {
            "schema": SCHEMA,
            "id": self.id,
            "meta": {
                "title": self.meta.get("title"),
                "dateline": self.meta.get("dateline"),
                "authors": list(self.meta.get("authors") or []),
                "outlet": self.meta.get("outlet"),
                "published": self.meta.get("published"),
                **{k: v for k, v in self.meta.items()
                   if k not in ("title", "dateline", "authors", "outlet", "published")},
            },
            "entities": [e.to_json() for e in self.entities],
            "events": list(self.events),
            "quotes": list(self.quotes),
            "quantities": list(self.quantities),
            "dates": list(self.dates),
            "blocks": [
                {"kind": b.kind, "start": b.start, "end": b.end} for b in self.blocks
            ],
        }
        if include_text:
            out["text"] = self.text
        if include_layers:
            out["sentences"] = [{"start": s.start, "end": s.end} for s in self.sentences]
            out["tokens"] = [{"start": t.start, "end": t.end} for t in self.tokens]
            out["words"] = [
                {"start": w.start, "end": w.end, "role": w.role} for w in self.words
            ]
        return out

    @classmethod
    def failed(cls, *, id: str, code: str, message: str, meta: dict | None = None) -> Doc:
        d = cls("", id=id, meta=meta)
        d.error = {"code": code, "message": message}
        return d
