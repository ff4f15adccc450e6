"""Article structure: title, dateline, byline, sub-headings, captions, footer and signature.

Every line of the article becomes a :class:`~marsad.doc.Block` of one kind.  Only ``body`` blocks
are analysed for events, quotes and counts; the rest stay addressable (their offsets are kept)
and feed ``meta``: ``title``, ``dateline`` (span + text), ``authors`` and ``outlet``.

The patterns (byline cues, footer and caption markers, outlet words) are data in
``resources/data/structure.json`` so a user can add their outlets' habits.
"""
from __future__ import annotations

import json
import re
from functools import cached_property

from marsad.arabic.normalise import key as fkey
from marsad.doc import Block, Doc
from marsad.ner import NAMES_NAME
from marsad.ner.features import load_names
from marsad.resources import path as data_path

_SENT_END = re.compile(r"[.!?؟:\"'”»)…]\s*$")


def _at_most(line: str, n: int) -> bool:
    """Whether ``line`` has at most ``n`` whitespace-separated words (``str.split`` and the
    regex ``\\S+`` use the same notion of whitespace), without splitting a long line whole."""
    return len(line.split(None, n)) <= n
_ARABIC_WORD = re.compile(r"^[\u0621-\u064a\u0671-\u06d3\u064b-\u0652\u0640]+$")
_MARKS = r"[\u200e\u200f\ufeff\u202a-\u202e\u2066-\u2069]*"
#: one to three words of a credit line: no digit, quote, bracket, colon, comma, dash or slash
_SEG = r"[^\s\d\"«(:،,.\-ـ–—/\u200e\u200f]{2,}(?:[^\S\n]+[^\s\d\"«(:،,.\-ـ–—/]{2,}){0,2}"
_CREDIT_SEG = re.compile(r"\([^()\n]*\)|" + _SEG)


def _line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, stripped of surrounding whitespace."""
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        s, e = pos, pos + len(line)
        pos = e
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


_REGEX_SPECIAL = frozenset(".^$*+?{}[]\\|()")
_BACKREF = re.compile(r"\\\d|\(\?P=")


def _footer_test(patterns: list[str]):
    r"""A function telling whether a line holds any of the footer ``patterns`` (regexes).

    It answers as ``re.compile("|".join(patterns)).search(line)`` does, faster: a pattern
    without regex metacharacters matches exactly itself, so it is a substring test (C-speed
    scans), and the other patterns are searched one by one (the joined alternation is tried at
    every position of a long last paragraph, and an alternative like an e-mail address's
    ``[\w.+-]+@`` restarts inside every word).  A line matches the alternation iff it matches
    one of its alternatives.  When the joined pattern carries global flags (a leading ``(?i)``
    applies to every alternative) or a pattern refers back to a group (whose number is another
    in the joined pattern), the joined regex is kept as it is.
    """
    joined = re.compile("|".join(patterns))
    if joined.flags != re.compile("").flags or any(_BACKREF.search(q) for q in patterns):
        return lambda line: joined.search(line) is not None
    literals = tuple(q for q in patterns if q and _REGEX_SPECIAL.isdisjoint(q))
    regexes = tuple(re.compile(q) for q in patterns if not q or not _REGEX_SPECIAL.isdisjoint(q))

    def test(line: str) -> bool:
        return any(q in line for q in literals) or any(r.search(line) is not None for r in regexes)

    return test


class Structure:
    """Split an article into typed blocks and fill ``meta`` (title, dateline, authors, outlet)."""

    name = "structure"
    requires = frozenset({"text"})
    provides = frozenset({"blocks", "meta"})

    def __init__(self, *, patterns: dict | None = None) -> None:
        self._patterns = patterns

    @cached_property
    def pat(self) -> dict:
        p = self._patterns or json.loads(data_path("structure.json").read_text(encoding="utf-8"))
        alt = lambda words: "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # noqa: E731
        return {
            "byline": re.compile(
                r"(?<![^\s:،,\-])(?P<cue>" + alt(p["byline_cues"]) + r")(?!\w)\s*[:：]?\s*"
                r"(?P<name>[^\s:،,()\-ـ–—]+(?:\s+[^\s:،,()\-ـ–—]+){0,3})\s*[:：]?\s*$"
            ),
            # "علي حفول- سبق- نجران: ...", "واس- الطائف: ...": segments joined by dashes, closed by a colon
            # (a bracketed photo credit may sit among them: "سلطان السلمي- (تصوير: مشعل الزهراني)- سبق- جدة:")
            "credit": re.compile(_MARKS + r"(?P<chain>" + _SEG + r"(?:[^\S\n]*[-–—ـ]+[^\S\n]*(?:" + _SEG
                                 + r"|\([^()\n]{2,40}\))){1,4})[^\S\n]*(?::\s*|$)"),
            "dateline": re.compile(
                _MARKS +
                r"(?P<place>[^\s\d\"«(:،,.\-ـ–—/\u200e\u200f]{2,}(?:\s+[^\s\d\"«(:،,.\-ـ–—/]{2,}){0,2})"
                r"\s*(?:\((?P<agency>[^)\n]{2,40})\))?(?:\s*[-–—]+|\s+ـ+|\s*/|\s*:)\s+"
            ),
            "footer": _footer_test(p["footer_patterns"]),
            "byline_cues": tuple(p["byline_cues"]),
            "caption": re.compile(r"^\W{0,3}(?:" + alt(p["caption_cues"]) + r")"),
            "outlet_words": tuple(p["outlet_words"]),
            "not_place": frozenset(p["dateline_stopwords"]),
            "agencies": frozenset(fkey(a) for a in p.get("credit_agencies", ())),
            "cues": frozenset(fkey(c) for c in p["byline_cues"] + p["dateline_stopwords"]),
        }

    @cached_property
    def _given(self) -> frozenset[str]:
        """Folded given names (``ner_given_names.tsv``): a credit segment opening with one names
        a reporter, not a place."""
        return load_names(data_path(NAMES_NAME))

    @cached_property
    def _outlet_words(self) -> frozenset[str]:
        return frozenset(fkey(w) for w in self.pat["outlet_words"])

    @cached_property
    def _speech(self) -> frozenset[str]:
        """Folded one-word reporting verbs of ``speech_cues.tsv`` ("وأضاف: ..." opens a quote,
        not a dateline), with and without و/ف."""
        out = set()
        for line in data_path("speech_cues.tsv").read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) >= 2 and not line.startswith("#") and cols[1] in ("verb", "participle") \
                    and " " not in cols[0]:
                f = fkey(cols[0])
                out |= {f, "و" + f, "ف" + f}
        return frozenset(out)

    # ------------------------------------------------------------------ main
    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        lines = _line_spans(text)
        kinds = ["body"] * len(lines)
        if not lines:
            doc.blocks = []
            return doc
        # footer: boilerplate lines at the end (contacts, phones, rights, follow-us)
        i = len(lines) - 1
        while i > 0 and self._is_footer(text[lines[i][0]:lines[i][1]]):
            kinds[i] = "footer"
            i -= 1
        # signature: a short outlet line closing the article ("منتديات ...", "المصدر: ...")
        if i > 0 and self._is_signature(text[lines[i][0]:lines[i][1]]):
            kinds[i] = "signature"
            doc.meta["outlet"] = doc.meta.get("outlet") or text[lines[i][0]:lines[i][1]].removeprefix(
                "المصدر:").strip()
        # title: a short first line without final punctuation (unless the record gave one)
        first = 0
        given_title = doc.meta.get("title")
        if len(lines) > 1:
            s, e = lines[0]
            line = text[s:e]
            if given_title and " ".join(line.split()) == " ".join(str(given_title).split()):
                kinds[0] = "title"
                first = 1
            elif (not given_title and _at_most(line, 16) and not _SENT_END.search(line)
                  and not self._byline(line, 0, len(line)) and not self._dateline(text, s, e)
                  and self._credit_segs(text, s, e) is None):
                kinds[0] = "title"
                doc.meta["title"] = line
                first = 1
        # dateline and byline in the first lines
        split_at: dict[int, int] = {}
        credit_at: dict[int, list[Block]] = {}  # a credit line's leading blocks (byline, dateline)
        for k in range(first, min(first + 2, len(lines))):
            s, e = lines[k]
            cr = self._credit(doc, text, s, e)
            if cr is not None:
                credit_at[k], split_at[k] = cr
                break
            dl = self._dateline(text, s, e)
            if dl and doc.meta.get("dateline") is None:
                ds, de, rest = dl
                doc.meta["dateline"] = {"start": ds, "end": de, "text": text[ds:de]}
                agency = self.pat["dateline"].match(text, s, e).group("agency")
                if agency:
                    doc.meta["agency"] = agency.strip()
                by = self._byline(text, rest, e)
                # the dateline opens the line: a byline or the first paragraph follows it
                if by and by.start() <= rest + 1:
                    self._author(doc, by)
                    kinds[k] = "byline"
                split_at[k] = rest
                break
            by = self._byline(text, s, e)
            if by and _at_most(text[s:e], 8):
                self._author(doc, by)
                kinds[k] = "byline"
        # captions and sub-headings inside the article
        for k in range(first, len(lines)):
            if kinds[k] != "body":
                continue
            s, e = lines[k]
            line = text[s:e]
            if self.pat["caption"].match(line):
                kinds[k] = "caption"
            elif (0 < k < len(lines) - 1 and _at_most(line, 7) and not _SENT_END.search(line)
                  and not line.startswith(('"', "«", "-", "*"))):
                kinds[k] = "heading"
        blocks = []
        for k, ((s, e), kind) in enumerate(zip(lines, kinds, strict=True)):
            if k in credit_at:  # a credit line ("رغد عشميل – عين اليوم") may be the whole line
                blocks += credit_at[k]
                s = split_at[k]
                if s >= e:
                    continue
            elif k in split_at:
                de = split_at[k]
                while de > s and text[de - 1].isspace():
                    de -= 1
                blocks.append(Block("dateline", s, de))
                s = split_at[k]
            blocks.append(Block(kind, s, e))
        doc.blocks = blocks
        return doc

    # ------------------------------------------------------------------ helpers
    def _byline(self, text: str, s: int, e: int) -> re.Match | None:
        """``pat["byline"].search(text, s, e)``, skipped when no cue word occurs in the span: every
        match starts with a cue (the pattern's literal alternatives), so a line without one has
        none, and a few substring scans settle most lines (the regex tries every position)."""
        for cue in self.pat["byline_cues"]:
            if text.find(cue, s, e) >= 0:
                return self.pat["byline"].search(text, s, e)
        return None

    def _is_footer(self, line: str) -> bool:
        return self.pat["footer"](line)

    def _is_signature(self, line: str) -> bool:
        words = line.split(None, 6)  # all the words when there are at most 6
        if not 1 <= len(words) <= 6 or _SENT_END.search(line) and not line.endswith(":"):
            return False
        return line.startswith("المصدر") or any(w.startswith(self.pat["outlet_words"]) for w in words[:2])

    def _credit(self, doc: Doc, text: str, s: int, e: int) -> tuple[list[Block], int] | None:
        """A credit line's head: "مراسل- سبق- نجران: ...", "واس- الطائف: ...", "محمد أحمد- سبق: ...",
        or a whole line "رغد عشميل – عين اليوم".

        Two to five short segments joined by dashes, closed by a colon or the end of the line, at
        least one of them an agency or outlet (``credit_agencies`` in structure.json) or a
        reporter (a segment opening with a given name).  Reporters become authors, the first
        agency ``meta.agency``, and the last other segment the dateline (none when the line ends
        with the agency or a cue such as متابعة).  Returns the blocks before the text (a byline
        for the credits, then the dateline) and where the text starts; None when the line opens
        otherwise."""
        found = self._credit_segs(text, s, e)
        if found is None:
            return None
        end, segs = found
        for kind, a, b in segs:
            if kind == "person":
                self._add_author(doc, a, text[a:b])
            elif kind == "agency" and not doc.meta.get("agency"):
                doc.meta["agency"] = text[a:b]
        head_end, tail = end, None
        kind, a, b = segs[-1]
        if kind == "place" and doc.meta.get("dateline") is None:
            doc.meta["dateline"] = {"start": a, "end": b, "text": text[a:b]}
            head_end = a
            de = end
            while text[de - 1].isspace():
                de -= 1
            tail = Block("dateline", a, de)
        blocks = []
        be = head_end
        while be > s and text[be - 1].isspace():
            be -= 1
        if be > s:
            blocks.append(Block("byline", s, be))
        if tail is not None:
            blocks.append(tail)
        return blocks, end

    def _credit_segs(self, text: str, s: int, e: int) -> tuple[int, list[tuple[str, int, int]]] | None:
        """Where a credit head ends and its segments, each (kind, start, end) with kind agency,
        cue, person or place; None when the line does not open with one (see :meth:`_credit`)."""
        m = self.pat["credit"].match(text, s, e)
        if not m:
            return None
        segs = []
        for g in _CREDIT_SEG.finditer(text, m.start("chain"), m.end("chain")):
            if g.group().startswith("("):  # a photo credit
                continue
            f = fkey(g.group())
            words = f.split(" ")
            kind = ("agency" if f in self.pat["agencies"] else "cue" if f in self.pat["cues"]
                    else "person" if len(words) >= 2 and (words[0] in self._given or words[0].startswith("عبد"))
                    else "place" if all(_ARABIC_WORD.match(w) for w in g.group().split()) else "other")
            segs.append((kind, g.start(), g.end()))
        first = next((i for i, x in enumerate(segs) if x[0] in ("agency", "person")), None)
        if first is None:
            return None
        # "عافت الزويد – سبق – حفر الباطن:": who comes before the agency, with a place after it,
        # is the reporter (given name or not)
        if segs[first][0] == "agency" and segs[-1][0] == "place" and first < len(segs) - 1:
            segs = [("person" if i < first and k == "place" and " " in text[a:b].strip() else k, a, b)
                    for i, (k, a, b) in enumerate(segs)]
        return m.end(), segs

    def _dateline(self, text: str, s: int, e: int) -> tuple[int, int, int] | None:
        m = self.pat["dateline"].match(text, s, e)
        if not m:
            return None
        place = m.group("place")
        words = place.split()
        if any(w in self.pat["not_place"] for w in words) or not all(_ARABIC_WORD.match(w) for w in words):
            return None
        first = fkey(words[0])
        # "وأضاف: ...", "تقرير: ...", "عمر إبراهيم - ...", "جريدة فلسطين / ...": a reporting verb, a
        # byline cue, a person's or an outlet's name, not a place
        if first in self._speech or first in self.pat["cues"] or len(words) >= 2 and (
                first in self._given or first.startswith("عبد") or first in self._outlet_words):
            return None
        if m.end() >= e:  # a dateline opens a paragraph; it is never the whole line
            return None
        sep = text[m.start("place") + len(place):m.end()]
        # "بغداد/ ..." or "بغداد: ..." are datelines only when short
        if ("/" in sep or ":" in sep) and len(words) > 2:
            return None
        return m.start("place"), m.start("place") + len(place), m.end()

    @classmethod
    def _author(cls, doc: Doc, m: re.Match) -> None:
        name = m.group("name").strip()
        cls._add_author(doc, m.start("name"), name)

    @staticmethod
    def _add_author(doc: Doc, start: int, name: str) -> None:
        if name and name not in doc.meta["authors"]:
            doc.meta["authors"].append(name)
            doc.meta.setdefault("author_spans", []).append(
                {"start": start, "end": start + len(name), "text": name}
            )
