"""The tokens the number and date readers work on, and the scans for the tokens that open them.

:func:`tokens` splits the *folded* view of a text (see :mod:`marsad.arabic.normalise`) into numbers
with their separators, letter runs and single symbols, as a :class:`Tokens` table of three parallel
lists (starts, ends, texts) in folded (= clean) offsets.  :class:`Openers` finds the tokens where a
reader can start (a digit or a form of its lexicon), :class:`OpenerGroup` shares one pass over the
words between several of them.  Split out of :mod:`marsad.arabic.numerals`.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from itertools import accumulate, compress
from typing import NamedTuple

#: Token pattern over the folded view: a number with separators, a letter run, or one symbol.
TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[^\s\w]")
#: TOKEN_RE as a capturing split, led by a cheap range test for the common case: a run of
#: basic Arabic letters (all of them in ``[^\W\d_]``) not followed by another letter is exactly
#: the letter-run token there; when a letter outside the range follows (tatweel, پ, Latin), the
#: possessive run cannot give back, the first alternative fails, and TOKEN_RE's own
#: alternatives take the position.  The same tokens; the range test costs less than the
#: category tests of ``[^\W\d_]`` (split ~12% faster on corpus articles).
_TOKEN_SPLIT_RE = re.compile(r"([\u0621-\u063a\u0641-\u064a]++(?![^\W\d_])|" + TOKEN_RE.pattern + ")")


try:  # TOKEN_RE's tokens found in C (setup.py builds it when a compiler is there); else the split
    from marsad.arabic import _tokenkernel as _KERNEL
except ImportError:  # pragma: no cover - depends on the build
    _KERNEL = None


class Tokens:
    """The tokens of a folded text as three parallel lists: ``starts[k]`` and ``ends[k]`` (folded
    = clean offsets) and ``words[k]``, the token's text.

    Why lists and not an object per token: the readers look at a few hundred of an article's
    ~450 tokens, by index, and a (start, end, text) tuple per token cost ~0.09 ms per article (a
    third of the tokenisation); the texts are made by the split anyway and the offsets are one
    running sum."""

    __slots__ = ("starts", "ends", "words")

    def __init__(self, starts: list[int], ends: list[int], words: list[str]) -> None:
        self.starts, self.ends, self.words = starts, ends, words


def tokens(folded: str) -> Tokens:
    """The tokens of the folded view (numbers, letter runs, single symbols) with their offsets."""
    if _KERNEL is not None:  # the same tokens, found in C (_tokenkernel.c): 2.5x faster
        return Tokens(*_KERNEL.word_tokens(folded))
    return python_tokens(folded)


def python_tokens(folded: str) -> Tokens:
    """:func:`tokens` without the C kernel."""
    # One C-level split into [gap, token, gap, token, ..., gap]; the running sum of the piece
    # lengths gives every token's start and end (the same tokens as TOKEN_RE.finditer, faster).
    parts = _TOKEN_SPLIT_RE.split(folded)
    acc = list(accumulate(map(len, parts), initial=0))
    return Tokens(acc[1:-1:2], acc[2::2], parts[1::2])


def opener_regex(forms: Iterable[str]) -> re.Pattern:
    """A regex matching, at a token start, a digit or one of ``forms`` with optional proclitics."""
    alt = "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))
    return re.compile(r"(?<![^\W\d_])(?:\d|(?:[وف])?(?:بال|لل|ال|ب|ل|ك)?(?:" + alt + r")(?![^\W\d_]))")


_LETTERS_RE = re.compile(r"[^\W\d_]+")
_OPENER_CLITICS = [c + p for c in ("", "و", "ف") for p in ("", "بال", "لل", "ال", "ب", "ل", "ك")]


class Openers:
    """The tokens at which :func:`opener_regex` (``forms``) matches, found from the tokens of
    :func:`tokens` with set probes instead of running the regex over the whole text.

    Why this is the same set: the regex matches only where no letter precedes, i.e. at the start
    of a letter-run token or at a digit; :meth:`NumberReader.find` and the date reader keep only
    matches at token starts.  A digit token starts with a decimal digit (``\\d`` is
    ``str.isdecimal``) and matches unless a letter (``[^\\W\\d_]``: alphanumeric, not a
    decimal digit) is glued before it; a letter-run token matches when the whole run is optional clitics + a
    form (the form must be followed by a non-letter), i.e. when it is in :attr:`forms`.  A form
    that is not a single letter run could match across tokens, so then the regex is used."""

    __slots__ = ("forms", "_regex")

    def __init__(self, forms: Iterable[str]) -> None:
        forms = set(forms)
        self.forms = frozenset(c + f for c in _OPENER_CLITICS for f in forms)
        self._regex = None if all(_LETTERS_RE.fullmatch(f) for f in forms) else opener_regex(forms)

    def indices(self, folded: str, toks: Tokens, *, digits: list[int] | None = None,
                scan: OpenerScan | None = None) -> list[int]:
        """Ascending indices of the tokens where an opener starts (``digits``:
        :func:`digit_openers`, ``scan``: an :meth:`OpenerGroup.scan` of the same words by a
        group holding these openers, when the caller has them already)."""
        if self._regex is not None:
            index = {s: k for k, s in enumerate(toks.starts)}
            return [index[m.start()] for m in self._regex.finditer(folded) if m.start() in index]
        if scan is not None and self in scan.members:
            # the words in any of the group's forms, in order, hold every word in ours
            hits = list(compress(scan.idx, map(self.forms.__contains__, scan.words)))
        else:
            words = toks.words
            hits = list(compress(range(len(words)), map(self.forms.__contains__, words)))
        if digits is None:
            digits = digit_openers(folded, toks)
        return sorted(hits + digits) if digits else hits  # disjoint: letter runs vs digit runs


class OpenerScan(NamedTuple):
    """The words of one text in any form of an :class:`OpenerGroup`: their token indices
    (ascending) and texts."""

    members: tuple[Openers, ...]
    extra: tuple[frozenset[str], ...]
    idx: list[int]
    words: list[str]

    def select(self, forms: frozenset[str]) -> list[int] | None:
        """Ascending indices of the words in ``forms``, one of the group's ``extra`` sets (None
        for another set: the scan may not hold its words)."""
        if not any(forms is x for x in self.extra):
            return None
        return list(compress(self.idx, map(forms.__contains__, self.words)))


class OpenerGroup:
    """Several :class:`Openers` (and ``extra`` word sets) looked up in the same text: one pass
    over its words finds those in any member's forms (a few dozen of an article's ~600), and
    each member's :meth:`Openers.indices` (or :meth:`OpenerScan.select`) filters that short list
    instead of probing every word again."""

    __slots__ = ("members", "extra", "forms")

    def __init__(self, *members: Openers, extra: tuple[frozenset[str], ...] = ()) -> None:
        self.members = members
        self.extra = extra
        self.forms = frozenset().union(*(m.forms for m in members), *extra)

    def scan(self, words: list[str]) -> OpenerScan:
        idx = list(compress(range(len(words)), map(self.forms.__contains__, words)))
        return OpenerScan(self.members, self.extra, idx, list(map(words.__getitem__, idx)))


#: A decimal digit that starts a digit token (TOKEN_RE's ``\d+(?:[.,]\d+)*``: no digit before it,
#: and no ``.``/``,`` after a digit, which the token before would have taken in) and is not glued
#: to a letter before it (``[^\W\d_]``: alphanumeric, not a decimal digit).  Letter runs and
#: symbols hold no decimal digit, so every digit is in a digit token; the leading ``\d`` lets the
#: scan skip to digits instead of trying the lookbehinds at every position.
_DIGIT_OPENER_RE = re.compile(r"\d(?<!\d\d)(?<!\d[.,]\d)(?<![^\W\d_]\d)")


def digit_openers(folded: str, toks: Tokens) -> list[int]:
    """Indices of the digit tokens not glued to a preceding letter (``ب91`` is not an opener)."""
    starts = toks.starts
    return [bisect_left(starts, m.start()) for m in _DIGIT_OPENER_RE.finditer(folded)]

