"""Offset-preserving Arabic normalisation.

Two views of a text are used throughout Marsad:

* ``clean``: the original with diacritics, tatweel and invisible marks removed, Arabic-Indic and
  Persian digits turned into ASCII digits, and punctuation variants unified.  Removing characters
  changes offsets, so :func:`clean` returns an :class:`OffsetMap` that maps every index of the
  clean string back to the original.
* ``fold``: a 1:1 character fold of the clean view (alef variants, alef maqsura, teh marbuta,
  hamza carriers) used as a matching key.  Because it never changes length, offsets in the folded
  string are offsets in the clean string.

Why our own module rather than a library: pyarabic and camel_tools offer ``strip_tashkeel`` /
``dediac`` style functions, but they return a new string with no way back to the original
offsets, and every Marsad output must point at the original text.  A character table applied with
``str.translate`` plus a deletion index gives both the clean text and the offset map in one pass
at C speed (well above 10 MB/s), which a per-character library call cannot.  The character maps
are data (the dictionaries below), in the camel_tools manner.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from itertools import count
from operator import sub

# ---------------------------------------------------------------- character maps (data)
#: Arabic diacritics (harakat, tanwin, shadda, sukun, superscript alef, Quranic marks) and tatweel.
DIACRITICS = (
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670"]
    + [chr(c) for c in range(0x06D6, 0x06DD)]
    + [chr(c) for c in range(0x06DF, 0x06E9)]
    + [chr(c) for c in range(0x06EA, 0x06EE)]
)
TATWEEL = "\u0640"
#: The three tanwin marks (fathatan, dammatan, kasratan): written on nouns and adjectives, never verbs.
TANWEEN = "\u064b\u064c\u064d"
FATHATAN = "\u064b"
#: Invisible marks: bidi controls, zero-width characters, BOM, soft hyphen, Arabic letter mark.
INVISIBLE = (
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\u2060\ufeff\u00ad\u061c\u180e"
)
#: Digits: Arabic-Indic (U+0660..) and Extended/Persian (U+06F0..) to ASCII.
DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
#: Punctuation variants unified to one ASCII form each (same length: one char to one char).
PUNCTUATION = {
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "〝": '"', "〞": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "‹": '"', "›": '"',
    "،": ",", "؛": ";", "؟": "?", "٪": "%", "٫": ".", "٬": ",", "۔": ".",
    "–": "-", "—": "-", "‒": "-", "―": "-", "−": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2002": " ", "\u2003": " ",
    "\u3000": " ", "\u2028": "\n", "\u2029": "\n", "\r": "\n", "\t": " ", "\f": "\n", "\v": "\n",
}
#: Letter folding used for matching keys (1:1, so folded offsets equal clean offsets).
FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ئ": "ي", "ي": "ي",
    "ة": "ه", "ۀ": "ه", "ہ": "ه", "ھ": "ه",
    "ؤ": "و", "ک": "ك", "ڪ": "ك",
    "گ": "ك", "پ": "ب", "چ": "ج", "ژ": "ز", "ڤ": "ف",
}

_DELETE = set(DIACRITICS) | {TATWEEL} | set(INVISIBLE)


def _presentation_forms() -> dict[str, str]:
    """Arabic presentation forms (U+FB50..FDFF, U+FE70..FEFF) that NFKC maps to one letter."""
    out = {}
    for cp in list(range(0xFB50, 0xFE00)) + list(range(0xFE70, 0xFF00)):
        ch = chr(cp)
        n = unicodedata.normalize("NFKC", ch)
        if len(n) == 1 and n != ch:
            out[ch] = n
    return out


_CLEAN_MAP: dict[str, str] = {**_presentation_forms(), **DIGITS, **PUNCTUATION, **{c: "" for c in _DELETE}}
_CLEAN_TABLE = str.maketrans({k: (v or None) for k, v in _CLEAN_MAP.items()})
# Only the letters that fold to a different letter (FOLD also lists some identities, e.g. ي):
# a short string none of them occurs in is its own fold, found by one regex scan.
_FOLD_ITEMS = tuple((a, b) for a, b in FOLD.items() if a != b)
_FOLD_TABLE = str.maketrans(dict(_FOLD_ITEMS))
_FOLD_RE = re.compile("[" + re.escape("".join(a for a, _ in _FOLD_ITEMS)) + "]")
# Which characters of a text need changing: one C-speed scan, then one str.replace per distinct
# character present (news text has a handful), which is several times faster than str.translate
# with a dict on non-Latin text.
_CHANGE_RE = re.compile("[" + re.escape("".join(sorted(_CLEAN_MAP))) + "]")
_DIAC_RE = re.compile("[" + re.escape("".join(DIACRITICS) + TATWEEL) + "]")


# ---------------------------------------------------------------- small pure functions
def strip_diacritics(s: str) -> str:
    """Remove harakat, tanwin, shadda, sukun, Quranic marks and tatweel."""
    return _DIAC_RE.sub("", s)


def fold(s: str) -> str:
    """1:1 letter fold for matching: أإآٱ→ا, ى→ي, ة→ه, ؤ→و, ئ→ي, Persian letters to Arabic."""
    if len(s) < 64:
        return s.translate(_FOLD_TABLE) if _FOLD_RE.search(s) else s
    for a, b in _FOLD_ITEMS:
        if a in s:
            s = s.replace(a, b)
    return s


def key(s: str) -> str:
    """Matching key of any string: cleaned, folded, whitespace collapsed."""
    if _CHANGE_RE.search(s):  # translate is the identity when no character of the table occurs
        s = s.translate(_CLEAN_TABLE)
    return " ".join(fold(s).split())


def ascii_digits(s: str) -> str:
    """Arabic-Indic and Persian digits to ASCII."""
    return s.translate(str.maketrans(DIGITS))


# ---------------------------------------------------------------- offset map
@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps indices of a string with characters deleted back to the original string.

    ``marks[k]`` is the clean index at which the k-th deleted original character would sit; a
    clean index ``j`` therefore maps to ``j + bisect_right(marks, j)``.  Memory is one int per
    deleted character, so a text with no diacritics costs nothing.
    """

    marks: tuple[int, ...]
    original_length: int

    def to_original(self, j: int) -> int:
        """Original index of the character at clean index ``j`` (a start offset)."""
        return j + bisect_right(self.marks, j) if self.marks else j

    def end_to_original(self, j: int) -> int:
        """Original end offset (exclusive) for a clean end offset ``j``.

        The span is extended over diacritics and tatweel that follow its last letter, so that a
        word keeps its vowel marks, but not over invisible marks that follow it.
        """
        if j <= 0:
            return 0
        return self.to_original(j - 1) + 1

    def array(self, clean_length: int) -> list[int]:
        """Original index of every clean index, as a list (built from C-speed ranges)."""
        out: list[int] = []
        prev = 0
        for k, m in enumerate(self.marks):
            if m > prev:
                out.extend(range(prev + k, m + k))
                prev = m
        out.extend(range(prev + len(self.marks), clean_length + len(self.marks)))
        return out

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.to_original(start), self.end_to_original(end)


def clean(text: str) -> tuple[str, OffsetMap]:
    """Return the clean view of ``text`` and the map from its indices to ``text``'s."""
    present = set(_CHANGE_RE.findall(text))
    if not present:
        return text, OffsetMap((), len(text))
    cleaned = text
    deleted = []
    for ch in present:
        rep = _CLEAN_MAP[ch]
        if not rep:
            deleted.append(ch)
        cleaned = cleaned.replace(ch, rep)
    if not deleted:
        return cleaned, OffsetMap((), len(text))
    # The k-th deleted character (original index p_k, ascending) sits at clean index p_k - k.
    # Its positions come from str.find per deleted character present (a handful of distinct
    # marks, ~8 occurrences in a news article): C-speed scans instead of a regex pass over the
    # whole text.
    pos: list[int] = []
    for ch in deleted:
        i = text.find(ch)
        while i >= 0:
            pos.append(i)
            i = text.find(ch, i + 1)
    pos.sort()
    return cleaned, OffsetMap(tuple(map(sub, pos, count())), len(text))


_TRAILING_MARKS = frozenset(DIACRITICS) | {TATWEEL}


def extend_over_marks(text: str, end: int) -> int:
    """Move ``end`` past diacritics/tatweel that belong to the letter before it."""
    n = len(text)
    while end < n and text[end] in _TRAILING_MARKS:
        end += 1
    return end
