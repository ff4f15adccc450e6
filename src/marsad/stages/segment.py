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
from functools import cached_property

from marsad.arabic.normalise import DIACRITICS, TATWEEL, extend_over_marks
from marsad.doc import ANALYSED, NAMED, Doc, Sentence, Token, Word
from marsad.resources import path as data_path

_AR = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff"
TOKEN_RE = re.compile(
    rf"(?P<ar>[{_AR}]+)"
    r"|(?P<num>\d+(?:[.,]\d+)*)"
    r"|(?P<lat>[A-Za-z\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f]*(?:['\-][A-Za-z0-9\u00c0-\u024f]+)*)"
    r"|(?P<other>\S)"
)
# Sentence ends: . ! ? … (clean view: ؟ is already '?'), optionally followed by closing quotes.
_END_RE = re.compile(r"(?:[.!?]+|…)[\"')\]]*(?=\s|$)|\n")
_ABBREV_BEFORE = re.compile(rf"(?:^|[\s(])(?:[{_AR}A-Za-z]|{{abbr}})$")

_TRAILING = frozenset(DIACRITICS) | {TATWEEL}

#: Sentence text is never split inside a quote, unless the quote runs longer than this.
MAX_QUOTE_CHARS = 600


class Segment:
    """Sentences, tokens and clitic-split words for the blocks of a Doc."""

    name = "segment"
    requires = frozenset({"blocks"})
    provides = frozenset({"sentences", "tokens", "words"})

    def __init__(self, *, lexicon: dict | None = None) -> None:
        self._lexicon = lexicon
        self._cache: dict[str, tuple[tuple[str, int, int], ...]] = {}

    @cached_property
    def lex(self) -> dict:
        raw = self._lexicon or json.loads(data_path("clitics.json").read_text(encoding="utf-8"))
        from marsad.arabic.normalise import fold

        return {
            "no_split": frozenset(fold(w) for w in raw["no_split"]),
            "known": frozenset(fold(w) for w in raw["known_stems"]),
            "suffixes": tuple(sorted((fold(s) for s in raw["suffixes"]), key=len, reverse=True)),
            "abbr": re.compile(
                _ABBREV_BEFORE.pattern.replace("{abbr}", "|".join(re.escape(a) for a in raw["abbreviations"]))
            ),
        }

    # ------------------------------------------------------------------ main
    def __call__(self, doc: Doc) -> Doc:
        doc.sentences, doc.tokens, doc.words = [], [], []
        clean, folded = doc.clean, doc.folded
        to_clean = doc.clean_index
        for bi, b in enumerate(doc.blocks):
            if b.kind not in NAMED and b.kind != "dateline":
                continue
            cs, ce = to_clean(b.start), to_clean(b.end)
            for ss, se in self.split_sentences(clean, cs, ce):
                si = len(doc.sentences)
                os_, oe = doc.orig_span(ss, se)
                doc.sentences.append(Sentence(os_, oe, bi))
                self._tokens(doc, clean, folded, ss, se, si)
        return doc

    def _tokens(self, doc: Doc, clean: str, folded: str, ss: int, se: int, si: int) -> None:
        # The hot loop of the text layer: offsets are mapped inline through the clean→original
        # array (identity when cleaning deleted nothing, the common case), clitic splits come
        # from a per-form cache.
        tokens, words = doc.tokens, doc.words
        c2o = doc.clean_to_original
        text = doc.text
        tlen = len(text)
        cache = self._cache
        split = self.split_clitics
        for m in TOKEN_RE.finditer(clean, ss, se):
            cs, ce = m.span()
            if c2o is None:
                os_, oe = cs, ce
            else:
                os_, oe = c2o[cs], c2o[ce - 1] + 1
                if oe < tlen and text[oe] in _TRAILING:
                    oe = extend_over_marks(text, oe)
            form = m.group()
            norm = folded[cs:ce]
            kind = m.lastgroup
            ti = len(tokens)
            tokens.append(Token(os_, oe, form, norm, si, kind == "ar" or kind == "lat"))
            if kind != "ar":
                words.append(Word(os_, oe, form, norm, "stem", ti))
                continue
            pieces = cache.get(norm)
            if pieces is None:
                pieces = split(norm)
            if len(pieces) == 1:
                words.append(Word(os_, oe, form, norm, "stem", ti))
                continue
            for role, a, b in pieces:
                if c2o is None:
                    ws, we = cs + a, cs + b
                else:
                    ws, we = c2o[cs + a], c2o[cs + b - 1] + 1
                    if we < tlen and text[we] in _TRAILING:
                        we = extend_over_marks(text, we)
                words.append(Word(ws, we, form[a:b], norm[a:b], role, ti))

    # ------------------------------------------------------------------ sentences
    def split_sentences(self, clean: str, start: int, end: int) -> list[tuple[int, int]]:
        """Sentence spans (clean-view offsets) in ``clean[start:end]``, trimmed of spaces."""
        out: list[tuple[int, int]] = []
        s = start
        quote_open_at = -1
        abbr = self.lex["abbr"]
        pos = start
        for m in _END_RE.finditer(clean, start, end):
            # quotes between the last boundary and this candidate
            for k in range(pos, m.start()):
                if clean[k] == '"':
                    quote_open_at = -1 if quote_open_at >= 0 else k
            pos = m.start()
            if m.group() != "\n":
                if quote_open_at >= 0 and m.start() - quote_open_at < MAX_QUOTE_CHARS:
                    continue
                if clean[m.start()] == "." and (
                    abbr.search(clean, max(start, m.start() - 12), m.start())
                    or (m.end() < end and clean[m.end():m.end() + 1].isdigit())
                ):
                    continue
                # closing quotes included in the match toggle the quote state
                for ch in m.group():
                    if ch == '"':
                        quote_open_at = -1 if quote_open_at >= 0 else m.start()
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
        if n <= 2 or w in lex["no_split"]:
            return (("stem", 0, n),)
        pieces: list[tuple[str, int, int]] = []
        i = 0
        if w[0] in "وف" and n >= 4:
            rest = w[1:]
            if rest.startswith(("ال", "لل", "بال", "كال")) or (
                len(rest) >= 3 and w not in lex["known"]
                and not (w[0] == "و" and rest in ("ان", "لا"))
            ):
                pieces.append(("prefix", 0, 1))
                i = 1
        rest = w[i:]
        if rest.startswith(("بال", "كال")) and len(rest) >= 5:
            pieces += [("prefix", i, i + 1), ("article", i + 1, i + 3)]
            i += 3
        elif rest.startswith("لل") and len(rest) >= 4 and rest not in lex["no_split"]:
            pieces += [("prefix", i, i + 1), ("article", i + 1, i + 2)]
            i += 2
        elif rest.startswith("ال") and len(rest) >= 4:
            pieces.append(("article", i, i + 2))
            i += 2
        elif rest[:1] in "بلك" and rest[1:] in lex["known"] and rest not in lex["known"]:
            pieces.append(("prefix", i, i + 1))
            i += 1
        stem_end = n
        for suf in lex["suffixes"]:
            if w.endswith(suf) and n - len(suf) - i >= 2 and w[i:n - len(suf)] in lex["known"]:
                stem_end = n - len(suf)
                break
        pieces.append(("stem", i, stem_end))
        if stem_end < n:
            pieces.append(("suffix", stem_end, n))
        return tuple(pieces)


def analysed_sentences(doc: Doc) -> list[int]:
    """Indices of sentences in analysed (body) blocks."""
    return [i for i, s in enumerate(doc.sentences) if doc.blocks[s.block].kind in ANALYSED]
