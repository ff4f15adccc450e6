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
from pathlib import Path

from marsad.arabic.normalise import key
from marsad.arabic.numtokens import Openers, OpenerScan, Tokens, tokens

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
    after loading, so the answer for a word never does); at most ``size`` words are kept.

    A new word (2,000 articles bring ~26k) is looked up with one probe per proclitic split
    instead of one per split and pronoun suffix: :attr:`_stem_of` maps every known stem (2+
    letters) + suffix to the stem, filled suffix by suffix in :data:`_SUFFIXES` order, so a
    form with two readings keeps the one strip_clitics' suffix loop finds first."""

    __slots__ = ("known", "suffixes", "size", "_memo", "_stem_of")

    def __init__(self, known: dict | frozenset | set, *, suffixes: bool = True, size: int = 50_000) -> None:
        self.known, self.suffixes, self.size = known, suffixes, size
        self._memo: dict[str, str | None] = {}
        self._stem_of: dict[str, str] = {}
        if suffixes:
            for suf in _SUFFIXES:
                for stem in known:
                    if len(stem) >= 2:
                        self._stem_of.setdefault(stem + suf, stem)

    def __call__(self, word: str) -> str | None:
        try:
            return self._memo[word]
        except KeyError:
            pass
        hit = self._strip(word)
        if len(self._memo) >= self.size:
            self._memo.clear()
        self._memo[word] = hit
        return hit

    def _strip(self, word: str) -> str | None:
        """strip_clitics(word, known, suffixes=...), the suffix loop as one probe of _stem_of."""
        known = self.known
        if word in known:
            return word
        m = _PROCLITIC_RE.match(word)
        n = m.end() if m else 0
        stem_of = self._stem_of
        for i in range(n + 1):  # the word, then every shorter proclitic split (و+ال, و, ال ...)
            c = word[i:] if i else word
            if len(c) < 2:
                continue
            if c in known:
                return c
            stem = stem_of.get(c)
            if stem is not None:
                return stem
        return None


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
    def find(self, folded: str, toks: Tokens | None = None, *,
             digits: list[int] | None = None, scan: OpenerScan | None = None) -> list[NumberSpan]:
        """Number expressions in ``folded`` (``toks``: its tokens; ``digits``/``scan`` as in
        :meth:`Openers.indices`)."""
        if toks is None:
            toks = tokens(folded)
        out: list[NumberSpan] = []
        done = -1
        for i in self._opener.indices(folded, toks, digits=digits, scan=scan):
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

    def _read_at(self, folded: str, toks: Tokens, i: int) -> NumberSpan | None:
        t = toks.words[i]
        if t[0].isdigit():
            return self._read_digits(folded, toks, i)
        hit = self._word(t, first=True)
        if hit is None:
            return None
        return self._read_words(toks, i, hit)

    def _read_digits(self, folded: str, toks: Tokens, i: int) -> NumberSpan | None:
        t = toks.words[i]
        if not _DIGITS_RE.match(t):
            # 1,5 or 1.2.3: keep the leading integer only
            lead = re.match(r"\d+", t).group()
            value = float(lead)
        else:
            value = _num(t)
        last = i
        # digits + multiplier: 60 ألف, 3 آلاف, 1.5 مليون
        if i + 1 < len(toks.words):
            hit = self._word(toks.words[i + 1], first=True)
            e = hit and self._entry(hit[1], "mult")
            if e:
                value *= e[0]
                last = i + 1
        return NumberSpan(toks.starts[i], toks.ends[last], value, None, None, "exact", i, last, digits=True)

    def _read_words(self, toks: Tokens, i: int, hit: tuple[str, list]) -> NumberSpan | None:
        form, entries = hit
        n = len(toks.words)
        # vague words (بضعة، عشرات، مئات، آلاف), possibly multiplied: عشرات الآلاف, بضعة آلاف
        vague = self._entry(entries, "vague")
        exact_types = ("unit", "ten", "hundred", "mult", "dualmult", "teenpre")
        if vague:
            low, high = vague[0], vague[2]
            last = i
            if i + 1 < n:
                nxt = self._word(toks.words[i + 1], first=True)
                m = nxt and self._entry(nxt[1], "mult")
                if m:
                    low, high, last = low * m[0], (high + 1) * m[0] - 1, i + 1
                elif nxt and self._entry(nxt[1], "hundred") and form in ("بضع", "بضعه"):
                    low, high, last = low * 100, (high + 1) * 100 - 1, i + 1
                elif nxt and nxt[0] in ("عشرات",) and form in ("بضع", "بضعه"):
                    low, high, last = 30, 90, i + 1
            return NumberSpan(toks.starts[i], toks.ends[last], None, low, high, "approx", i, last,
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
                tj = toks.words[j]
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
        return NumberSpan(toks.starts[i], toks.ends[j - 1], value, None, None, "exact", i, j - 1,
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
    def _range(self, folded: str, toks: Tokens, span: NumberSpan) -> None:
        """Widen ``span`` to a range: ``5-7``, ``بين 5 و7``, ``من 5 إلى 7`` (low < high)."""
        if span.value is None:
            return
        i, j, n = span.tok_first, span.tok_last, len(toks.words)
        second = None
        if span.digits and j + 2 < n and toks.words[j + 1] == "-" and toks.words[j + 2].isdigit() \
                and toks.starts[j + 1] == toks.ends[j] and toks.starts[j + 2] == toks.ends[j + 1] \
                and not (j + 3 < n and toks.words[j + 3] in ("-", "/") and toks.starts[j + 3] == toks.ends[j + 2]):
            second = self._read_at(folded, toks, j + 2)
        elif i > 0 and toks.words[i - 1] in ("بين", "وبين") and j + 1 < n:
            k = j + 2 if toks.words[j + 1] == "و" else j + 1
            if k < n and (k == j + 2 or toks.words[k].startswith("و")):
                second = self._read_at(folded, toks, k)
        elif i > 0 and toks.words[i - 1] in ("من", "ومن") and j + 2 < n and toks.words[j + 1] in ("الي", "حتي"):
            second = self._read_at(folded, toks, j + 2)
        if second is None or second.value is None or not span.value < second.value:
            return
        if span.digits and 1800 <= span.value <= 2100 and 1800 <= second.value <= 2100:
            span.skip, span.weak_skip = "year", False  # 2015-2016
        start = toks.starts[i - 1] if toks.words[i - 1 if i else 0] in ("بين", "وبين", "من", "ومن") \
            and not (span.digits and folded[span.end:span.end + 1] == "-") else span.start
        span.start, span.end, span.tok_last = start, second.end, second.tok_last
        span.low, span.high, span.value, span.qualifier = span.value, second.value, None, "approx"
        span.is_range = True

    # ------------------------------------------------------------ modifiers
    def _modifiers(self, folded: str, toks: Tokens, span: NumberSpan) -> None:
        i = span.tok_first
        prev = toks.words[i - 1] if i > 0 else ""
        cands = self._pre.get(prev, [])
        if prev[:1] in ("و", "ف"):
            cands = cands + self._pre.get(prev[1:], [])
        for phrase, qual, _pos in cands:
            k = len(phrase)
            if i - k >= 0:
                got = [toks.words[i - k + x] for x in range(k)]
                if got[0] != phrase[0] and got[0] in ("و" + phrase[0], "ف" + phrase[0]):
                    got[0] = phrase[0]
                if tuple(got) == phrase:
                    span.start = toks.starts[i - k]
                    self._qualify(span, qual)
                    return
        # right after the number, or after its counted noun (12 شخصاً تقريباً)
        for j in (span.tok_last + 1, span.tok_last + 2):
            for phrase, qual, _pos in self._post.get(toks.words[j] if j < len(toks.words) else "", ()):
                k = len(phrase)
                if j + k <= len(toks.words):
                    got = tuple(toks.words[j + x] for x in range(k))
                    if got == phrase:
                        span.end = toks.ends[j + k - 1]
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
    def _check(self, folded: str, toks: Tokens, span: NumberSpan) -> None:
        i, j = span.tok_first, span.tok_last
        fstart, fend = toks.starts[i], toks.ends[i]
        if span.digits:
            digits = toks.words[i]
            before = folded[fstart - 1] if fstart > 0 else " "
            after = folded[fend] if fend < len(folded) else " "
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
            if (after == "-" and not span.is_range) or (after == "." and fend + 1 < len(folded)
                                and folded[fend + 1].isdigit()):
                span.skip = "id"
                return
            # digit groups separated by spaces: phone numbers written "0933 123 456"
            if i + 1 < len(toks.words) and toks.words[i + 1].isdigit() and toks.starts[i + 1] - fend <= 1:
                span.skip = "phone"
                return
            if i > 0 and toks.words[i - 1].isdigit() and fstart - toks.ends[i - 1] <= 1:
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
                and toks.words[i - 1] in _ORDINAL_BEFORE_TEN:
            span.skip = "ordinal"
            return
        # cue before the number (skipping a modifier, an article-like "ال" token)
        k = span.tok_first - 1
        while k >= 0 and toks.words[k] in ("ال", "-"):
            k -= 1
        if k >= 0:
            c = self._cue_of(toks.words[k])
            if c is not None:
                span.skip, span.weak_skip = self.lex.cues[c], False
                return
        # unit after the number
        m = span.tok_last + 1
        if m < len(toks.words):
            u = toks.words[m]
            if u == "%" or u == "٪":
                span.skip = "percent"
                return
            f = self._unit_of(u)
            if f is not None:
                span.skip = self.lex.units[f]
                return
            if u == "في" and m + 1 < len(toks.words) and toks.words[m + 1] in ("المئه", "المايه", "الميه"):
                span.skip = "percent"
                return


def as_dict(span: NumberSpan) -> dict:
    """JSON-ready value fields of a span (``value``/``low``/``high``/``qualifier``)."""
    return {"value": _clean_num(span.value), "low": _clean_num(span.low),
            "high": _clean_num(span.high), "qualifier": span.qualifier}
