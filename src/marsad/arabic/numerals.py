"""Arabic number expressions: digits, number words, vague quantities and their bounds.

:class:`NumberReader` finds number expressions in the *folded* view of a text (see
:mod:`marsad.arabic.normalise`: ASCII digits, no diacritics, أإآ→ا, ة→ه, ى→ي, ئ→ي) and returns
:class:`NumberSpan` objects in that view's offsets, which are the clean view's offsets
(``Doc.orig_span`` maps them to the original).  It reads:

* digits with thousands separators and decimals (``1,500``, ``2.5``), and digits with a
  multiplier word (``60 ألف``, ``3 آلاف``, ``1.5 مليون``);
* number words in every gender and case form, compounds joined by و (``خمسة وعشرون``,
  ``ثلاثة آلاف وخمسمائة``), teens (``أحد عشر``), hundreds (``مئتي``, ``ثلاثمائة``, ``ثلاث مئة``)
  and multipliers (``ستين ألف``, ``ألفان``);
* vague words as ranges: بضعة 3-9, عشرات 10-99, مئات 100-999, آلاف 1000-9999, and their
  products (``عشرات الآلاف`` 10,000-99,999);
* bounding phrases (``نحو``, ``أكثر من``, ``ما لا يقل عن``, ``أقل من``, ``تقريباً``) as qualifiers.

It also says when a number is *not* a count (``skip``): years, phone numbers and identifiers,
times, ages, durations, money, percentages, measures.  The lexicons are data files
(``number_words.tsv``, ``quantity_modifiers.tsv``, ``non_count_units.tsv``,
``non_count_cues.tsv``) so users can extend them.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate, compress, repeat
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from marsad.arabic.normalise import key

#: Token pattern over the folded view: a number with separators, a letter run, or one symbol.
TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[^\s\w]")
#: TOKEN_RE as a capturing split, led by a cheap range test for the common case: a run of
#: basic Arabic letters (all of them in ``[^\W\d_]``) not followed by another letter is exactly
#: the letter-run token there; when a letter outside the range follows (tatweel, پ, Latin), the
#: possessive run cannot give back, the first alternative fails, and TOKEN_RE's own
#: alternatives take the position.  The same tokens; the range test costs less than the
#: category tests of ``[^\W\d_]`` (split ~12% faster on corpus articles).
_TOKEN_SPLIT_RE = re.compile(r"([\u0621-\u063a\u0641-\u064a]++(?![^\W\d_])|" + TOKEN_RE.pattern + ")")
_DIGITS_RE = re.compile(r"^(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)$")
#: Proclitics a number word or noun may carry (folded): conjunction, preposition, article.
_PROCLITIC_RE = re.compile(r"^(?:[وف])?(?:[بلك])?(?:ال|ل)?")
_NUM_PROCLITIC_RE = re.compile(r"^(?:و|ف)?(?:بال|لل|ال|ب|ل)?")
_SUFFIXES = ("هما", "هم", "هن", "ها", "نا", "ه", "ا")
_ORDINAL_BEFORE_TEN = frozenset(key(w) for w in (
    "الحادي", "حادي", "الحادية", "الثاني", "ثاني", "الثانية", "الثالث", "الثالثة", "ثالث",
    "الرابع", "الرابعة", "رابع", "الخامس", "الخامسة", "خامس", "السادس", "السادسة", "سادس",
    "السابع", "السابعة", "سابع", "الثامن", "الثامنة", "ثامن", "التاسع", "التاسعة", "تاسع",
))
#: Year span accepted for a standalone four-digit number.
YEAR_MIN, YEAR_MAX = 1800, 2100


class Tok(NamedTuple):
    start: int
    end: int
    text: str


def tokenize(folded: str) -> list[Tok]:
    """Tokens of the folded view (numbers, letter runs, single symbols) with their offsets."""
    return tokenize_words(folded)[0]


def tokenize_words(folded: str) -> tuple[list[Tok], list[str]]:
    """:func:`tokenize`'s tokens and their texts (``[t.text for t in toks]``, without a pass)."""
    # One C-level split into [gap, token, gap, token, ..., gap]; the running sum of the piece
    # lengths gives every token's start and end (the same tokens as TOKEN_RE.finditer, faster).
    parts = _TOKEN_SPLIT_RE.split(folded)
    acc = list(accumulate(map(len, parts), initial=0))
    words = parts[1::2]
    return list(map(tuple.__new__, repeat(Tok), zip(acc[1:-1:2], acc[2::2], words, strict=True))), words


def opener_regex(forms: Iterable[str]) -> re.Pattern:
    """A regex matching, at a token start, a digit or one of ``forms`` with optional proclitics."""
    alt = "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))
    return re.compile(r"(?<![^\W\d_])(?:\d|(?:[وف])?(?:بال|لل|ال|ب|ل|ك)?(?:" + alt + r")(?![^\W\d_]))")


_LETTERS_RE = re.compile(r"[^\W\d_]+")
_OPENER_CLITICS = [c + p for c in ("", "و", "ف") for p in ("", "بال", "لل", "ال", "ب", "ل", "ك")]


class Openers:
    """The tokens at which :func:`opener_regex` (``forms``) matches, found from the tokens of
    :func:`tokenize` with set probes instead of running the regex over the whole text.

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

    def indices(self, folded: str, toks: list[Tok], *, words: list[str] | None = None,
                digits: list[int] | None = None, scan: OpenerScan | None = None) -> list[int]:
        """Ascending indices of the tokens where an opener starts (``words``: the token texts,
        ``digits``: :func:`digit_openers`, ``scan``: an :meth:`OpenerGroup.scan` of the same
        words by a group holding these openers, when the caller has them already)."""
        if self._regex is not None:
            index = {t.start: k for k, t in enumerate(toks)}
            return [index[m.start()] for m in self._regex.finditer(folded) if m.start() in index]
        if scan is not None and self in scan.members:
            # the words in any of the group's forms, in order, hold every word in ours
            hits = list(compress(scan.idx, map(self.forms.__contains__, scan.words)))
        else:
            if words is None:
                words = [t[2] for t in toks]
            hits = list(compress(range(len(words)), map(self.forms.__contains__, words)))
        if digits is None:
            digits = digit_openers(folded, toks, [t[2] for t in toks] if words is None else words)
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


def digit_openers(folded: str, toks: list[Tok], words: list[str]) -> list[int]:
    """Indices of the digit tokens not glued to a preceding letter (``ب91`` is not an opener)."""
    out = []
    for k in compress(range(len(words)), map(str.isdecimal, map(itemgetter(0), words))):
        s = toks[k][0]
        p = folded[s - 1] if s else " "
        if not (p.isalnum() and not p.isdecimal()):
            out.append(k)
    return out


@dataclass(slots=True)
class NumberSpan:
    """One number expression in folded/clean offsets.

    Exact numbers have ``value``; vague words have ``low``/``high``; ``qualifier`` is exact,
    approx, at_least or at_most.  ``at_least N`` keeps ``value=N, low=N``; ``at_most N`` keeps
    ``value=N, high=N``.  ``skip`` names why the number is not a count (year, phone, id, time,
    age, money, percent, measure), else None.
    """

    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    tok_first: int  # first token of the number itself (after any modifier)
    tok_last: int  # last token of the number itself (before any post-modifier)
    digits: bool = False
    skip: str | None = None
    weak_skip: bool = False  # skip came from the number's shape alone (a 4-digit year-like number)
    is_range: bool = False  # "5-7", "بين 5 و7", "من 5 إلى 7"
    words: list[str] = field(default_factory=list)


@dataclass(slots=True)
class NumberLexicon:
    words: dict[str, list[tuple[float, str, float | None]]]
    modifiers: list[tuple[tuple[str, ...], str, str]]  # (folded tokens, qualifier, pre|post)
    units: dict[str, str]
    cues: dict[str, str]

    @classmethod
    def load(cls, data_dir: Path | None = None) -> NumberLexicon:
        from marsad import resources

        def p(name: str) -> Path:
            return (data_dir / name) if data_dir else resources.path(name)

        words: dict[str, list[tuple[float, str, float | None]]] = {}
        for row in _rows(p("number_words.tsv")):
            high = float(row[3]) if len(row) > 3 and row[3] else None
            words.setdefault(key(row[0]), []).append((float(row[1]), row[2], high))
        mods = [(tuple(key(r[0]).split()), r[1], r[2]) for r in _rows(p("quantity_modifiers.tsv"))]
        mods.sort(key=lambda m: -len(m[0]))
        units = {key(r[0]): r[1] for r in _rows(p("non_count_units.tsv"))}
        cues = {key(r[0]): r[1] for r in _rows(p("non_count_cues.tsv"))}
        return cls(words, mods, units, cues)


def _rows(path: Path) -> Iterable[list[str]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.rstrip("\n").split("\t")


def strip_clitics(word: str, known: dict | frozenset | set, *, suffixes: bool = True) -> str | None:
    """The form of ``word`` (folded) found in ``known`` after removing proclitics (and, unless
    ``suffixes=False``, a pronoun suffix or accusative alif)."""
    if word in known:
        return word
    m = _PROCLITIC_RE.match(word)
    cands = [word]
    if m and m.end():
        # try every shorter proclitic split too (و+ال, و, ال ...)
        for i in range(1, m.end() + 1):
            cands.append(word[i:])
    for c in cands:
        if len(c) < 2:
            continue
        if c in known:
            return c
        if not suffixes:
            continue
        for suf in _SUFFIXES:
            if c.endswith(suf) and len(c) - len(suf) >= 2 and c[: -len(suf)] in known:
                return c[: -len(suf)]
    return None


class CliticLookup:
    """``strip_clitics(word, known, suffixes=...)`` remembered per word (the lexicon does not change
    after loading, so the answer for a word never does); at most ``size`` words are kept."""

    __slots__ = ("known", "suffixes", "size", "_memo")

    def __init__(self, known: dict | frozenset | set, *, suffixes: bool = True, size: int = 50_000) -> None:
        self.known, self.suffixes, self.size = known, suffixes, size
        self._memo: dict[str, str | None] = {}

    def __call__(self, word: str) -> str | None:
        try:
            return self._memo[word]
        except KeyError:
            pass
        hit = strip_clitics(word, self.known, suffixes=self.suffixes)
        if len(self._memo) >= self.size:
            self._memo.clear()
        self._memo[word] = hit
        return hit


def _num(text: str) -> float:
    return float(text.replace(",", ""))


def _clean_num(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


class NumberReader:
    """Finds number expressions in a folded text.  Build once, call :meth:`find` per text."""

    def __init__(self, lexicon: NumberLexicon | None = None) -> None:
        self.lex = lexicon or NumberLexicon.load()
        self._words = self.lex.words
        self._opener = Openers(self._words)
        self._cue_of = CliticLookup(self.lex.cues)
        self._unit_of = CliticLookup(self.lex.units)
        # modifiers indexed by the word next to the number (last word of "pre", first of "post")
        self._pre: dict[str, list] = {}
        self._post: dict[str, list] = {}
        for m in self.lex.modifiers:
            if m[2] == "pre":
                self._pre.setdefault(m[0][-1], []).append(m)
            else:
                self._post.setdefault(m[0][0], []).append(m)

    # ------------------------------------------------------------ word lookups
    def _word(self, tok: str, *, first: bool) -> tuple[str, list] | None:
        """(form, entries) of a number word token; non-first tokens may only carry و."""
        if tok in self._words:
            return tok, self._words[tok]
        if first:
            m = _NUM_PROCLITIC_RE.match(tok)
            if m and m.end():
                f = tok[m.end():]
                # ب/ل/ف/ك before a short word is more often part of another word (لست)
                if f in self._words and (len(f) >= 4 or m.group() in ("و", "ال", "وال")):
                    return f, self._words[f]
                if tok[1:] in self._words and tok[0] == "و":
                    return tok[1:], self._words[tok[1:]]
            return None
        if tok.startswith("و") and tok[1:] in self._words:
            return tok[1:], self._words[tok[1:]]
        return None

    @staticmethod
    def _entry(entries: list, *types: str) -> tuple[float, str, float | None] | None:
        for e in entries:
            if e[1] in types:
                return e
        return None

    # ------------------------------------------------------------ main scan
    def find(self, folded: str, tokens: list[Tok] | None = None, *, words: list[str] | None = None,
             digits: list[int] | None = None, scan: OpenerScan | None = None) -> list[NumberSpan]:
        """Number expressions in ``folded`` (``words``/``digits``/``scan`` as in
        :meth:`Openers.indices`)."""
        toks = tokens if tokens is not None else tokenize(folded)
        out: list[NumberSpan] = []
        done = -1
        for i in self._opener.indices(folded, toks, words=words, digits=digits, scan=scan):
            if i <= done:
                continue
            span = self._read_at(folded, toks, i)
            if span is None:
                continue
            self._range(folded, toks, span)
            self._modifiers(folded, toks, span)
            self._check(folded, toks, span)
            out.append(span)
            done = span.tok_last
        return out

    def _read_at(self, folded: str, toks: list[Tok], i: int) -> NumberSpan | None:
        t = toks[i].text
        if t[0].isdigit():
            return self._read_digits(folded, toks, i)
        hit = self._word(t, first=True)
        if hit is None:
            return None
        return self._read_words(toks, i, hit)

    def _read_digits(self, folded: str, toks: list[Tok], i: int) -> NumberSpan | None:
        t = toks[i]
        if not _DIGITS_RE.match(t.text):
            # 1,5 or 1.2.3: keep the leading integer only
            lead = re.match(r"\d+", t.text).group()
            value = float(lead)
        else:
            value = _num(t.text)
        last = i
        # digits + multiplier: 60 ألف, 3 آلاف, 1.5 مليون
        if i + 1 < len(toks):
            hit = self._word(toks[i + 1].text, first=True)
            e = hit and self._entry(hit[1], "mult")
            if e:
                value *= e[0]
                last = i + 1
        return NumberSpan(t.start, toks[last].end, value, None, None, "exact", i, last, digits=True)

    def _read_words(self, toks: list[Tok], i: int, hit: tuple[str, list]) -> NumberSpan | None:
        form, entries = hit
        n = len(toks)
        # vague words (بضعة، عشرات، مئات، آلاف), possibly multiplied: عشرات الآلاف, بضعة آلاف
        vague = self._entry(entries, "vague")
        exact_types = ("unit", "ten", "hundred", "mult", "dualmult", "teenpre")
        if vague:
            low, high = vague[0], vague[2]
            last = i
            if i + 1 < n:
                nxt = self._word(toks[i + 1].text, first=True)
                m = nxt and self._entry(nxt[1], "mult")
                if m:
                    low, high, last = low * m[0], (high + 1) * m[0] - 1, i + 1
                elif nxt and self._entry(nxt[1], "hundred") and form in ("بضع", "بضعه"):
                    low, high, last = low * 100, (high + 1) * 100 - 1, i + 1
                elif nxt and nxt[0] in ("عشرات",) and form in ("بضع", "بضعه"):
                    low, high, last = 30, 90, i + 1
            return NumberSpan(toks[i].start, toks[last].end, None, low, high, "approx", i, last,
                              words=[form])
        if not any(e[1] in exact_types for e in entries):
            return None
        parts: list[tuple[float, str]] = []
        words: list[str] = []
        j = i
        prev_type = None
        while j < n:
            if j == i:
                f, ents = form, entries
            else:
                tj = toks[j].text
                direct = tj in self._words
                h = self._word(tj, first=False)
                if h is None:
                    break
                f, ents = h
                # without و only: a multiplier, عشر after a unit (teens), مئة after a unit
                if direct and not self._entry(ents, "mult", "dualmult") and not (
                        (self._entry(ents, "ten") and f in ("عشر", "عشره") and prev_type in ("unit", "teenpre"))
                        or (self._entry(ents, "hundred") and prev_type == "unit")):
                    break
                if not direct and self._entry(ents, "mult") and not self._entry(ents, "unit"):
                    break  # "وألف" starts a new number
            e = (self._entry(ents, "teenpre") if j == i else None) or self._entry(ents, *exact_types)
            if e is None:
                break
            # "خمسة وسبعة" is two numbers (5 and 7), not 12: a و-part must be of another rank
            if j > i and not direct and (e[1] == prev_type in ("unit", "ten", "hundred")
                                         or (prev_type == "unit" and e[1] == "hundred")):
                break
            parts.append((e[0], e[1]))
            words.append(f)
            prev_type = e[1]
            j += 1
        if not parts:
            return None
        value = self._combine(parts)
        if value is None:
            return None
        return NumberSpan(toks[i].start, toks[j - 1].end, value, None, None, "exact", i, j - 1,
                          words=words)

    @staticmethod
    def _combine(parts: list[tuple[float, str]]) -> float | None:
        total, cur = 0.0, 0.0
        prev = None
        for k, (v, typ) in enumerate(parts):
            if typ == "teenpre":
                nxt = parts[k + 1] if k + 1 < len(parts) else None
                if not nxt or nxt[0] != 10:
                    return None
                cur += v
            elif typ == "ten" and v == 10 and prev in ("unit", "teenpre"):
                cur += 10  # ثلاثة عشر
            elif typ == "hundred" and prev == "unit" and v == 100:
                cur = cur * 100  # ثلاث مئة
            elif typ in ("mult", "dualmult"):
                if typ == "dualmult" and cur == 0:
                    cur = v
                else:
                    m = v / 2 if typ == "dualmult" else v
                    cur = (cur or 1) * m
                total += cur
                cur = 0
            else:
                cur += v
            prev = typ
        return total + cur

    # ------------------------------------------------------------ ranges
    def _range(self, folded: str, toks: list[Tok], span: NumberSpan) -> None:
        """Widen ``span`` to a range: ``5-7``, ``بين 5 و7``, ``من 5 إلى 7`` (low < high)."""
        if span.value is None:
            return
        i, j, n = span.tok_first, span.tok_last, len(toks)
        second = None
        if span.digits and j + 2 < n and toks[j + 1].text == "-" and toks[j + 2].text.isdigit() \
                and toks[j + 1].start == toks[j].end and toks[j + 2].start == toks[j + 1].end \
                and not (j + 3 < n and toks[j + 3].text in ("-", "/") and toks[j + 3].start == toks[j + 2].end):
            second = self._read_at(folded, toks, j + 2)
        elif i > 0 and toks[i - 1].text in ("بين", "وبين") and j + 1 < n:
            k = j + 2 if toks[j + 1].text == "و" else j + 1
            if k < n and (k == j + 2 or toks[k].text.startswith("و")):
                second = self._read_at(folded, toks, k)
        elif i > 0 and toks[i - 1].text in ("من", "ومن") and j + 2 < n and toks[j + 1].text in ("الي", "حتي"):
            second = self._read_at(folded, toks, j + 2)
        if second is None or second.value is None or not span.value < second.value:
            return
        if span.digits and 1800 <= span.value <= 2100 and 1800 <= second.value <= 2100:
            span.skip, span.weak_skip = "year", False  # 2015-2016
        start = toks[i - 1].start if toks[i - 1 if i else 0].text in ("بين", "وبين", "من", "ومن") \
            and not (span.digits and folded[span.end:span.end + 1] == "-") else span.start
        span.start, span.end, span.tok_last = start, second.end, second.tok_last
        span.low, span.high, span.value, span.qualifier = span.value, second.value, None, "approx"
        span.is_range = True

    # ------------------------------------------------------------ modifiers
    def _modifiers(self, folded: str, toks: list[Tok], span: NumberSpan) -> None:
        i = span.tok_first
        prev = toks[i - 1].text if i > 0 else ""
        cands = self._pre.get(prev, [])
        if prev[:1] in ("و", "ف"):
            cands = cands + self._pre.get(prev[1:], [])
        for phrase, qual, _pos in cands:
            k = len(phrase)
            if i - k >= 0:
                got = [toks[i - k + x].text for x in range(k)]
                if got[0] != phrase[0] and got[0] in ("و" + phrase[0], "ف" + phrase[0]):
                    got[0] = phrase[0]
                if tuple(got) == phrase:
                    span.start = toks[i - k].start
                    self._qualify(span, qual)
                    return
        # right after the number, or after its counted noun (12 شخصاً تقريباً)
        for j in (span.tok_last + 1, span.tok_last + 2):
            for phrase, qual, _pos in self._post.get(toks[j].text if j < len(toks) else "", ()):
                k = len(phrase)
                if j + k <= len(toks):
                    got = tuple(toks[j + x].text for x in range(k))
                    if got == phrase:
                        span.end = toks[j + k - 1].end
                        self._qualify(span, qual)
                        return

    @staticmethod
    def _qualify(span: NumberSpan, qual: str) -> None:
        if span.value is None:  # vague words keep their range
            if qual == "at_least":
                span.qualifier = "at_least"
            return
        span.qualifier = qual
        if qual == "at_least":
            span.low = span.value
        elif qual == "at_most":
            span.high = span.value

    # ------------------------------------------------------------ not a count
    def _check(self, folded: str, toks: list[Tok], span: NumberSpan) -> None:
        i, j = span.tok_first, span.tok_last
        first = toks[i]
        if span.digits:
            digits = first.text
            before = folded[first.start - 1] if first.start > 0 else " "
            after = folded[first.end] if first.end < len(folded) else " "
            plain = digits.replace(",", "").replace(".", "")
            if before == "+" or digits.startswith("00") or (len(plain) >= 7 and "," not in digits):
                span.skip = "phone"
                return
            if len(plain) > 1 and plain.startswith("0"):
                span.skip = "id"
                return
            if before.isascii() and (before.isalpha() or before in "/:#@$-_.\\") or \
                    after.isascii() and (after.isalpha() or after in "/:#@$_\\"):
                span.skip = "id"
                return
            if (after == "-" and not span.is_range) or (after == "." and first.end + 1 < len(folded)
                                and folded[first.end + 1].isdigit()):
                span.skip = "id"
                return
            # digit groups separated by spaces: phone numbers written "0933 123 456"
            if i + 1 < len(toks) and toks[i + 1].text.isdigit() and toks[i + 1].start - first.end <= 1:
                span.skip = "phone"
                return
            if i > 0 and toks[i - 1].text.isdigit() and first.start - toks[i - 1].end <= 1:
                span.skip = "phone"
                return
            if j == i and "," not in digits and "." not in digits and len(digits) == 4 \
                    and YEAR_MIN <= int(digits) <= YEAR_MAX:
                span.skip, span.weak_skip = "year", True
            if "." in digits and span.value is not None and not span.value.is_integer() \
                    and j == i:
                span.skip = "measure"  # 2.5 alone is a measure, never a head count
        # ordinals: الثالث عشر
        if span.words and span.words[0] in ("عشر", "عشره") and i > 0 \
                and toks[i - 1].text in _ORDINAL_BEFORE_TEN:
            span.skip = "ordinal"
            return
        # cue before the number (skipping a modifier, an article-like "ال" token)
        k = span.tok_first - 1
        while k >= 0 and toks[k].text in ("ال", "-"):
            k -= 1
        if k >= 0:
            c = self._cue_of(toks[k].text)
            if c is not None:
                span.skip, span.weak_skip = self.lex.cues[c], False
                return
        # unit after the number
        m = span.tok_last + 1
        if m < len(toks):
            u = toks[m].text
            if u == "%" or u == "٪":
                span.skip = "percent"
                return
            f = self._unit_of(u)
            if f is not None:
                span.skip = self.lex.units[f]
                return
            if u == "في" and m + 1 < len(toks) and toks[m + 1].text in ("المئه", "المايه", "الميه"):
                span.skip = "percent"
                return


def as_dict(span: NumberSpan) -> dict:
    """JSON-ready value fields of a span (``value``/``low``/``high``/``qualifier``)."""
    return {"value": _clean_num(span.value), "low": _clean_num(span.low),
            "high": _clean_num(span.high), "qualifier": span.qualifier}
