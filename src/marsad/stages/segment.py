"""Sentences, tokens and clitic-split words.

Works on the clean view (no diacritics or tatweel, ASCII digits, unified punctuation) and writes
every span in original offsets.

Why our own segmenter: camel_tools' morphological tokenisers need its data package downloaded at
run time (impossible offline here) and return strings, not offsets; pyarabic's tokenizer has no
offsets either.  Marsad needs every piece addressable in the original text, so the rules live
here, with their word lists as data (``resources/data/clitics.json``).

Clitic rules (conservative, precision first): a conjunction و/ف, a preposition ب/ك/ل and the
article ال are split when the article is present (وبالموصل → و+ب+ال+موصل; للموصل → ل+ل+موصل);
a lone conjunction is split when what remains is at least three letters and the word is not a
known و/ف-initial word (وزير, فلسطين ...); a lone preposition or a pronoun suffix only when what
remains is a known stem.  Results are cached per distinct token.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_right
from functools import cached_property

from marsad.arabic.normalise import DIACRITICS, TATWEEL, extend_over_marks, fold
from marsad.doc import ANALYSED, NAMED, Doc, Sentence, Token
from marsad.resources import path as data_path

_AR = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff"
TOKEN_RE = re.compile(
    rf"(?P<ar>[{_AR}]+)"
    r"|(?P<num>\d+(?:[.,]\d+)*)"
    r"|(?P<lat>[A-Za-z\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f]*(?:['\-][A-Za-z0-9\u00c0-\u024f]+)*)"
    r"|(?P<other>\S)"
)
# The same tokens with the whitespace before each: every alternative of TOKEN_RE starts with a
# non-space character and any non-space character starts one (``other``), so the greedy ``\s*``
# never gives anything back and findall yields exactly TOKEN_RE's tokens in order, each with the
# gap before it; offsets follow by adding lengths, with no Match object per token.
_GAP_TOKEN_RE = re.compile(r"(\s*)(" + re.sub(r"\(\?P<\w+>", "(?:", TOKEN_RE.pattern) + ")")
# Sentence ends: . ! ? … (clean view: ؟ is already '?'), optionally followed by closing quotes:
# the matches of END_PATTERN.  _END_RE spells it with one alternative per first character, each
# opening with that literal, so the regex engine skips to those characters at C speed instead of
# trying the pattern at every position (the first characters are disjoint, and [.!?]+ is one of
# them followed by [.!?]*, greedy alike: the same matches).
END_PATTERN = r"(?:[.!?]+|…)[\"')\]]*(?=\s|$)|\n"
_CLOSE = r"[\"')\]]*(?=\s|$)"
_END_RE = re.compile("|".join([r"\n", *(re.escape(c) + r"[.!?]*" + _CLOSE for c in ".!?"), "…" + _CLOSE]))
_ABBREV_BEFORE = rf"(?:^|[\s(])(?:[{_AR}A-Za-z]|{{abbr}})$"  # compiled in Segment.lex

_TRAILING = frozenset(DIACRITICS) | {TATWEEL}
_TRAILING_CHARS = "".join(sorted(_TRAILING))

try:  # the token loop in C (setup.py builds it when a compiler is there); else the Python loop
    from marsad.arabic import _tokenkernel as _KERNEL
except ImportError:  # pragma: no cover - depends on the build
    _KERNEL = None

# The first letters of a (folded) token a proclitic rule of Segment._split can apply to.
_PROCLITIC_FIRST = frozenset("وفبكلا")

#: Sentence text is never split inside a quote, unless the quote runs longer than this.
MAX_QUOTE_CHARS = 600


class Segment:
    """Sentences, tokens and clitic-split words for the blocks of a Doc."""

    name = "segment"
    requires = frozenset({"blocks"})
    provides = frozenset({"sentences", "tokens", "words"})

    def __init__(self, *, lexicon: dict | None = None, compiled: bool = True) -> None:
        """``compiled=False`` runs the token loop in Python even where its C version is built
        (tests compare the two)."""
        self._lexicon = lexicon
        self._kernel = _KERNEL if compiled else None
        self._cache: dict[str, tuple[tuple[str, int, int], ...]] = {}  # folded form -> pieces
        self._forms: dict[str, tuple] = {}  # clean form -> (norm, is_word, pieces), see _form
        self._kinds: dict[str, str] = {}  # first character -> TOKEN_RE alternative, see _form

    @cached_property
    def lex(self) -> dict:
        raw = self._lexicon or json.loads(data_path("clitics.json").read_text(encoding="utf-8"))
        known = frozenset(fold(w) for w in raw["known_stems"])
        suffixes = tuple(sorted((fold(s) for s in raw["suffixes"]), key=len, reverse=True))
        # known stem (2+ letters) + pronoun suffix -> suffix length, the longest suffix first, as
        # the suffix loop of the rule tries them: one lookup instead of one test per suffix
        stem_suffix: dict[str, int] = {}
        for suf in suffixes:
            for stem in known:
                if len(stem) >= 2:
                    stem_suffix.setdefault(stem + suf, len(suf))
        return {
            "no_split": frozenset(fold(w) for w in raw["no_split"]),
            "known": known,
            "suffixes": suffixes,
            "stem_suffix": stem_suffix,
            "abbr": re.compile(
                _ABBREV_BEFORE.replace("{abbr}", "|".join(re.escape(a) for a in raw["abbreviations"]))
            ),
        }

    # ------------------------------------------------------------------ main
    def __call__(self, doc: Doc) -> Doc:
        doc.sentences, doc.tokens = [], []
        norms: list[str] = []
        cuts = [0]  # see Doc.sent_cuts
        split = doc.defer_words()  # Words are built only if read (see Doc.words)
        clean = doc.clean
        to_clean = doc.clean_index
        for bi, b in enumerate(doc.blocks):
            if b.kind not in NAMED and b.kind != "dateline":
                continue
            cs, ce = to_clean(b.start), to_clean(b.end)
            for ss, se in self.split_sentences(clean, cs, ce):
                si = len(doc.sentences)
                os_, oe = doc.orig_span(ss, se)
                doc.sentences.append(Sentence(os_, oe, bi))
                self._tokens(doc, clean, ss, se, si, split, norms)
                if len(norms) > cuts[-1]:
                    cuts.append(len(norms))
        doc.set_norms(norms)
        doc.set_sent_cuts(cuts)
        return doc

    def _form(self, form: str, norm: str) -> tuple:
        """What every token with this clean form shares: (norm, is_word, pieces).

        A token's kind (Arabic, number, Latin, other) is decided by its first character (the
        alternatives of TOKEN_RE start with disjoint character classes) and its folded form
        ``norm`` is ``fold(form)`` (the fold is character by character, so the folded view's
        slice is the fold of the clean slice): both depend on the form alone (the kind is
        remembered per first character).  ``pieces`` is
        None for a one-piece token (the Word shares the Token's strings), else (role, start, end,
        form piece, norm piece) for each clitic piece.
        """
        kinds = self._kinds
        kind = kinds.get(form[0])
        if kind is None:  # the alternative that matches the first character alone is the form's
            kind = TOKEN_RE.match(form[0]).lastgroup
            if len(kinds) < 10_000:
                kinds[form[0]] = kind
        pieces = None
        if kind == "ar":
            split = self._split(norm)  # no need for the norm cache: this result is cached by form
            if len(split) > 1:
                pieces = tuple([(role, a, b, form[a:b], norm[a:b]) for role, a, b in split])
        entry = (norm, kind == "ar" or kind == "lat", pieces)
        if len(self._forms) < 200_000:
            self._forms[form] = entry
        return entry

    def _tokens(self, doc: Doc, clean: str, ss: int, se: int, si: int, split: dict, norms: list[str]) -> None:
        # The hot loop of the text layer: everything that depends only on a token's form (folded
        # form, kind, clitic pieces and their strings) comes from one per-form cache lookup.
        # Words are not built here: only the pieces of tokens that split are recorded, by token
        # index, and Doc builds the Words from them and the tokens when they are read.
        tokens = doc.tokens
        marks = doc.offsets.marks
        k = bisect_right(marks, ss) if marks else 0
        plain = k == len(marks) or marks[k] > se
        if self._kernel is not None:  # the same loop in C (marsad/arabic/_tokenkernel.c)
            self._kernel.tokens(clean, ss, se, k, None if plain else marks, doc.text, doc.folded,
                                self._forms, self._form, Token, si, split, tokens, _TRAILING_CHARS,
                                norms)
            return
        tappend, nappend = tokens.append, norms.append
        forms = self._forms
        folded = doc.folded
        if plain:
            # No character was deleted inside the sentence or right after it (marks[k] is the
            # clean index a deleted character precedes), so every clean index j in [ss, se] maps
            # to j + k, and no token end can be followed by a deleted vowel mark to extend over.
            # Offsets are counted in original positions from the start (ss + k), so a token
            # costs two new ints (its start and end); a token's index is only needed when it
            # splits (len(tokens) before it is appended).
            pos = ss + k  # original offset where the previous token ended
            for gap, form in _GAP_TOKEN_RE.findall(clean, ss, se):
                cs = pos + len(gap)
                pos = cs + len(form)
                entry = forms.get(form)
                if entry is None:
                    entry = self._form(form, folded[cs - k:pos - k])
                norm, is_word, pieces = entry
                if pieces is not None:
                    split[len(tokens)] = pieces
                tappend(Token(cs, pos, form, norm, si, is_word))
                nappend(norm)
            return
        # offsets mapped through the offset map, ends extended over vowel marks
        to_original, end_to_original = doc.offsets.to_original, doc.offsets.end_to_original
        text = doc.text
        tlen = len(text)
        ce = ss
        for gap, form in _GAP_TOKEN_RE.findall(clean, ss, se):
            cs = ce + len(gap)
            ce = cs + len(form)
            entry = forms.get(form)
            if entry is None:
                entry = self._form(form, folded[cs:ce])
            norm, is_word, pieces = entry
            os_, oe = to_original(cs), end_to_original(ce)
            if oe < tlen and text[oe] in _TRAILING:
                oe = extend_over_marks(text, oe)
            if pieces is not None:
                split[len(tokens)] = pieces
            tappend(Token(os_, oe, form, norm, si, is_word))
            nappend(norm)

    # ------------------------------------------------------------------ sentences
    def split_sentences(self, clean: str, start: int, end: int) -> list[tuple[int, int]]:
        """Sentence spans (clean-view offsets) in ``clean[start:end]``, trimmed of spaces."""
        out: list[tuple[int, int]] = []
        s = start
        quote_open_at = -1
        abbr = self.lex["abbr"]
        pos = start
        for m in _END_RE.finditer(clean, start, end):
            mstart = m.start()
            # quotes between the last boundary and this candidate: each one toggles the state and
            # an opening one records where it is, so after n > 0 of them the state is open iff
            # (n odd) xor (open before), and if open, it was opened by the last of them
            n = clean.count('"', pos, mstart)
            if n:
                if (n & 1) != (quote_open_at >= 0):
                    quote_open_at = clean.rfind('"', pos, mstart)
                else:
                    quote_open_at = -1
            pos = mstart
            if m.group() != "\n":
                if quote_open_at >= 0 and mstart - quote_open_at < MAX_QUOTE_CHARS:
                    continue
                if clean[mstart] == "." and (
                    abbr.search(clean, max(start, mstart - 12), mstart)
                    or (m.end() < end and clean[m.end():m.end() + 1].isdigit())
                ):
                    continue
            # a boundary: the quote state restarts with the next sentence (closing quotes
            # included in the match belong to this one)
            e = m.end()
            pos = e
            self._add(out, clean, s, e)
            s = e
            quote_open_at = -1
        self._add(out, clean, s, end)
        return out

    @staticmethod
    def _add(out: list, clean: str, s: int, e: int) -> None:
        while s < e and clean[s].isspace():
            s += 1
        while e > s and clean[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))

    # ------------------------------------------------------------------ clitics
    def split_clitics(self, w: str) -> tuple[tuple[str, int, int], ...]:
        """Pieces of a folded Arabic token as (role, start, end) relative to the token."""
        hit = self._cache.get(w)
        if hit is not None:
            return hit
        res = self._split(w)
        if len(self._cache) < 200_000:
            self._cache[w] = res
        return res

    def _split(self, w: str) -> tuple[tuple[str, int, int], ...]:
        n = len(w)
        lex = self.lex
        no_split = lex["no_split"]
        if n <= 2 or w in no_split:
            return (("stem", 0, n),)
        if w[0] not in _PROCLITIC_FIRST:
            # every proclitic rule below needs w to start with one of these letters (و/ف, ب/ك/ل,
            # the ا of ال), so only the pronoun suffix rule can apply (most new forms)
            suf = lex["stem_suffix"].get(w, 0)
            return (("stem", 0, n - suf), ("suffix", n - suf, n)) if suf else (("stem", 0, n),)
        known = lex["known"]
        pieces: list[tuple[str, int, int]] = []
        i = 0
        if w[0] in "وف" and n >= 4:
            rest = w[1:]
            if rest.startswith(("ال", "لل", "بال", "كال")) or (
                len(rest) >= 3 and w not in known
                and not (w[0] == "و" and rest in ("ان", "لا"))
            ):
                pieces.append(("prefix", 0, 1))
                i = 1
        rest = w[i:]
        if rest.startswith(("بال", "كال")) and len(rest) >= 5:
            pieces += [("prefix", i, i + 1), ("article", i + 1, i + 3)]
            i += 3
            rest = w[i:]
        elif rest.startswith("لل") and len(rest) >= 4 and rest not in no_split:
            pieces += [("prefix", i, i + 1), ("article", i + 1, i + 2)]
            i += 2
            rest = w[i:]
        elif rest.startswith("ال") and len(rest) >= 4:
            pieces.append(("article", i, i + 2))
            i += 2
            rest = w[i:]
        elif rest[:1] in "بلك" and rest[1:] in known and rest not in known:
            pieces.append(("prefix", i, i + 1))
            i += 1
            rest = w[i:]
        # the longest pronoun suffix whose remaining stem (2+ letters) is known
        stem_end = n - lex["stem_suffix"].get(rest, 0)
        pieces.append(("stem", i, stem_end))
        if stem_end < n:
            pieces.append(("suffix", stem_end, n))
        return tuple(pieces)


def analysed_sentences(doc: Doc) -> list[int]:
    """Indices of sentences in analysed (body) blocks."""
    return [i for i, s in enumerate(doc.sentences) if doc.blocks[s.block].kind in ANALYSED]
