"""Lexicons and quotation-mark pairing for the quotes stage (:mod:`marsad.stages.quotes`).

The word lists are data (``speech_cues.tsv``, ``anonymity.tsv``, ``via_cues.tsv``); this module
loads them into folded multi-word tables and pairs quotation marks.  In the clean view every
double quotation mark (« » “ ” „ ...) is the ASCII ``"``, so opening and closing marks look alike:
:func:`pair_quotes` tells them apart by what touches them (a mark followed by a letter and
preceded by a space, a colon or a one-letter proclitic like لـ opens; a mark preceded by a letter or
punctuation and followed by a space, punctuation or the end closes) and pairs them with a stack,
so quotes nested in quotes (``"نحن من "السنة، الشيعة"، وقلة"``) keep the outer quote whole, and an
opening mark never closed runs to the end of its block.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import compress, count
from operator import attrgetter

from marsad.arabic.normalise import key
from marsad.doc import Token
from marsad.resources import path as data_path

PROCLITICS = "وف"
_LETTERISH = set("ـ")  # tatweel joins a proclitic to the mark (لـ"X")
_IS_WORD = attrgetter("is_word")


def _read_tsv(name: str) -> list[list[str]]:
    rows = []
    for line in data_path(name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append([c.strip() for c in line.split("\t")])
    return rows


@dataclass(slots=True)
class Phrases:
    """Multi-word phrases keyed by their folded first word; longest match wins."""

    table: dict[str, list[tuple[tuple[str, ...], dict]]] = field(default_factory=dict)
    #: every token form at which :meth:`match` can succeed with ``prefix``: a first word, or one
    #: with a و/ف conjunction glued on (the prefixed form is longer than two letters)
    starts: set[str] = field(default_factory=set)
    #: token form -> None when a one-word phrase may match at it, else the second words of the
    #: phrases it may start (see :meth:`_seconds`); filled on first use per form
    _next: dict[str, frozenset[str] | None] = field(default_factory=dict)

    def add(self, form: str, info: dict) -> None:
        words = tuple(key(form).split())
        if words:
            self._next.clear()
            self.table.setdefault(words[0], []).append((words, info))
            self.table[words[0]].sort(key=lambda x: -len(x[0]))
            self.starts.add(words[0])
            if len(words[0]) >= 2:  # match() strips a conjunction only from words of 3+ letters
                self.starts.update(p + words[0] for p in PROCLITICS)

    def match(self, norms: list[str], k: int, *, prefix: bool = True) -> tuple[int, dict] | None:
        """(length in tokens, info) of the longest phrase starting at token ``k``, else None.

        With ``prefix`` the first word may carry a و/ف conjunction."""
        first = norms[k]
        cands = [first]
        if prefix and len(first) > 2 and first[0] in PROCLITICS:
            cands.append(first[1:])
        for c in cands:
            for words, info in self.table.get(c, ()):
                n = len(words)
                if n == 1 or k + n <= len(norms) and norms[k + 1] == words[1] and all(
                        norms[k + i] == words[i] for i in range(2, n)):
                    return n, info
        return None

    def _seconds(self, first: str, prefix: bool) -> frozenset[str] | None:
        """None when :meth:`match` may find a one-word phrase at a token of form ``first``, else
        the second words of the phrases it tries there (a match needs the next token to be one)."""
        cands = [first]
        if prefix and len(first) > 2 and first[0] in PROCLITICS:
            cands.append(first[1:])
        out: set[str] = set()
        for c in cands:
            for words, _ in self.table.get(c, ()):
                if len(words) == 1:
                    return None
                out.add(words[1])
        return frozenset(out)

    def starts_for(self, kinds: set[str]) -> frozenset[str]:
        """The part of :attr:`starts` at which a phrase whose info ``kind`` is in ``kinds`` begins."""
        out: set[str] = set()
        for first, entries in self.table.items():
            if any(info.get("kind") in kinds for _, info in entries):
                out.add(first)
                if len(first) >= 2:
                    out.update(p + first for p in PROCLITICS)
        return frozenset(out)

    def scan(self, norms: list[str], *, prefix: bool = True, forms: set[str] | None = None,
             at: list[int] | None = None) -> dict[int, tuple[int, dict]]:
        """:meth:`match` at every token, kept where it matched: {token index: (length, info)}.

        A token whose form is not in :attr:`starts` (without ``prefix``: not a first word) cannot
        match, so it costs one set lookup; the result is the same as calling :meth:`match` at
        every index, in ascending index order.  ``forms`` is ``set(norms)`` when the caller has it, or
        any part of it that holds all of its forms in :attr:`starts` (the gate is the same).  ``at``
        (with ``forms``): ascending indices of ``norms`` that include every token whose form is in
        ``forms``; only those are visited (no pass over the whole list)."""
        gate = (self.starts if prefix else self.table.keys()) & (set(norms) if forms is None else forms)
        out: dict[int, tuple[int, dict]] = {}
        if not gate:
            return out
        # a form that starts only longer phrases is tried only when the next token is one of
        # their second words (في starts في بيان ... and is mostly followed by anything else)
        nxt_of = self._next if prefix else {}
        last = len(norms) - 1
        # The tokens in the gate, ascending: picked from the caller's ``at``, else found at C level
        # instead of a Python test per token (a block has hundreds of tokens): one count/index
        # scan for a single form, else one set-membership pass.  Each way the same indices, in order.
        if at is not None:   # every token of a gate form is among ``at`` (gate is within forms)
            ks = [k for k in at if norms[k] in gate]
        elif len(gate) == 1:
            ks = positions(norms, gate)
        else:
            ks = list(compress(count(), map(gate.__contains__, norms)))
        for k in ks:
            w = norms[k]
            if prefix:
                nxt = nxt_of.get(w, False)
                if nxt is False:
                    nxt = nxt_of[w] = self._seconds(w, prefix)
                if nxt is not None and (k == last or norms[k + 1] not in nxt):
                    continue
            m = self.match(norms, k, prefix=prefix)
            if m is not None:
                out[k] = m
        return out


def positions(items: list[str], wanted) -> list[int]:
    """The indices of ``items`` whose value is in ``wanted`` (a few forms), ascending.

    Found by C-level ``count``/``index`` scans, one per wanted form, instead of a Python test
    per item: a block has hundreds of tokens and its gate a handful of forms."""
    out: list[int] = []
    for w in wanted:
        k = -1
        for _ in range(items.count(w)):
            k = items.index(w, k + 1)
            out.append(k)
    if len(wanted) > 1:
        out.sort()
    return out


@dataclass(slots=True)
class Lexicon:
    cues: Phrases
    anonymity: Phrases
    via: Phrases
    descriptors: dict[str, str]  # folded noun -> descriptor | group | one_of | role | document
    #: token forms at which a speech cue that can open a quote or attribution (a verb, participle
    #: or nominal cue, not a bare complement) may match: a block with none of them has no quote
    opening: frozenset[str] = frozenset()
    #: first words of one-word complement cues (أن، إنه ...): the only forms at which the longest
    #: cue match (no conjunction stripped) can be a one-word complement
    complement_starts: frozenset[str] = field(default=frozenset(), init=False)
    #: every form at which a cue, anonymity or via phrase may match (with or without a conjunction):
    #: a block's scans need only its forms that are among these (see quotes.Quotes._blocks)
    any_start: frozenset[str] = field(default=frozenset(), init=False)

    def __post_init__(self) -> None:
        self.complement_starts = frozenset(
            first for first, entries in self.cues.table.items()
            if any(len(words) == 1 and info["kind"] == "complement" for words, info in entries))
        self.any_start = frozenset(self.cues.starts | self.anonymity.starts | self.via.starts)

    @classmethod
    def load(cls) -> Lexicon:
        cues, anon, via = Phrases(), Phrases(), Phrases()
        descriptors: dict[str, str] = {}
        for row in _read_tsv("speech_cues.tsv"):
            form, kind = row[0], row[1]
            prep = row[2] if len(row) > 2 and row[2] != "-" else None
            obj = row[3] if len(row) > 3 else "clause"
            cues.add(form, {"kind": kind, "prep": key(prep) if prep else None, "np": obj == "np",
                            "strict": obj == "strict"})
        for row in _read_tsv("anonymity.tsv"):
            if row[1] == "marker":
                anon.add(row[0], {"kind": "marker"})
            else:
                descriptors[key(row[0])] = row[1]
        for row in _read_tsv("via_cues.tsv"):
            via.add(row[0], {"kind": row[1]})
        return cls(cues, anon, via, descriptors, cues.starts_for({"verb", "participle", "nominal"}))

    def descriptor(self, norm: str) -> tuple[str, bool] | None:
        """(class, definite) when a folded word is a speaker description (المقاتل، ناشط، أحد)."""
        w = norm
        if len(w) > 3 and w[0] in PROCLITICS and (w[1:] in self.descriptors or w[1:].startswith("ال")):
            w = w[1:]
        definite = False
        if w.startswith("ال") and len(w) > 3:
            w, definite = w[2:], True
        cls_ = self.descriptors.get(w)
        if cls_ is None:
            return None
        return cls_, definite


def head_word(norm: str) -> str:
    """A folded word without a و/ف prefix and the article: the key descriptions are compared by."""
    w = norm
    if len(w) > 3 and w[0] in PROCLITICS and w[1:3] == "ال":
        w = w[1:]
    if w.startswith("ال") and len(w) > 3:
        w = w[2:]
    return w


# ---------------------------------------------------------------- quotation marks
@dataclass(slots=True)
class QuotePair:
    open: int  # index (into the block's token list) of the opening mark
    close: int | None  # index of the closing mark; None = runs to the end of the block
    depth: int
    words: int = 0  # word tokens inside

    def inside(self, k: int, end: int) -> bool:
        return self.open < k < (self.close if self.close is not None else end)


def _mark_side(clean: str, c: int) -> str:
    """'open', 'close' or 'both' for a quotation mark at clean index ``c``."""
    prev = clean[c - 1] if c > 0 else " "
    nxt = clean[c + 1] if c + 1 < len(clean) else " "
    prev2 = clean[c - 2] if c > 1 else " "
    next_word = nxt.isalnum()
    prev_space = prev.isspace() or prev in "(:[{-/" or prev in _LETTERISH
    # a one-letter proclitic glued to the mark: ل"X" / ب"X" / و"X"
    if prev in "لبوفك" and not prev2.isalnum():
        prev_space = True
    prev_word = (prev.isalnum() or prev in ".!?%)") and not prev_space
    next_space = nxt.isspace() or nxt in ",.;:!?)]}-/"
    if next_word and prev_space:
        return "open"
    if prev_word and (next_space or not next_word):
        return "close"
    if next_word and prev_word:
        return "both"
    return "open" if next_word else "close"


def pair_quotes(clean: str, toks: list[Token], clean_pos) -> list[QuotePair]:
    """Pair the quotation marks among a block's tokens: ``clean_pos`` maps the index of every
    quotation-mark token (``form == '"'``) of the block, in ascending order, to its clean index."""
    pairs: list[QuotePair] = []
    stack: list[int] = []
    for k, c in clean_pos.items():
        side = _mark_side(clean, c)
        if side == "open" or (side == "both" and not stack):
            stack.append(k)
        elif stack:
            o = stack.pop()
            pairs.append(QuotePair(o, k, len(stack)))
    while stack:
        o = stack.pop()
        pairs.append(QuotePair(o, None, len(stack)))
    n = len(toks)
    for p in pairs:
        end = p.close if p.close is not None else n
        p.words = sum(map(_IS_WORD, toks[p.open + 1:end]))   # word tokens inside (is_word is a bool)
    pairs.sort(key=lambda p: p.open)
    return pairs


# ---------------------------------------------------------------- records
@dataclass(slots=True)
class Speaker:
    entity: str | None
    anonymous: bool
    text: str
    how: str  # named | preceding | continuation | description | anonymous | possessive | unresolved
    via: str | None = None  # inherited outlet (continuations)
    heads: frozenset = frozenset()
    end: int = -1  # block token index just past the words that name the speaker (-1: unknown)


@dataclass(slots=True)
class QuoteRecord:
    block: int
    sent: int
    cue: tuple[int, int]  # original offsets
    start: int  # content, original offsets
    end: int
    direct: bool
    speaker: Speaker
    region: tuple[int, int]  # original span searched for the outlet
    cue_first: bool
    via: str | None = None
    via_text: str | None = None
    channel: str | None = None
    according_to: str | None = None
    according_to_text: str | None = None
    nested: list = field(default_factory=list)
    direct_span: tuple[int, int] | None = None  # token range (block-level) of a quotation

    @property
    def source(self) -> str | None:
        """The outer source: who the outlet has it from."""
        return self.according_to or (None if self.speaker.anonymous else self.speaker.entity)
