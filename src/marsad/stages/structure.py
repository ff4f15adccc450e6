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

from marsad.doc import Block, Doc
from marsad.resources import path as data_path

_SENT_END = re.compile(r"[.!?؟:\"'”»)…]\s*$")


def _at_most(line: str, n: int) -> bool:
    """Whether ``line`` has at most ``n`` whitespace-separated words (``str.split`` and the
    regex ``\\S+`` use the same notion of whitespace), without splitting a long line whole."""
    return len(line.split(None, n)) <= n
_ARABIC_WORD = re.compile(r"^[\u0621-\u064a\u0671-\u06d3\u064b-\u0652\u0640]+$")


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
                r"(?<![^\s:،,\-])(?P<cue>" + alt(p["byline_cues"]) + r")\s*[:：]?\s*"
                r"(?P<name>[^\s:،,()\-ـ–—]+(?:\s+[^\s:،,()\-ـ–—]+){0,3})\s*[:：]?\s*$"
            ),
            "dateline": re.compile(
                r"[\u200e\u200f\ufeff\u202a-\u202e\u2066-\u2069]*"
                r"(?P<place>[^\s\d\"«(:،,.\-ـ–—/\u200e\u200f]{2,}(?:\s+[^\s\d\"«(:،,.\-ـ–—/]{2,}){0,2})"
                r"\s*(?:\((?P<agency>[^)\n]{2,40})\))?(?:\s*[-–—]+|\s+ـ+|\s*/|\s*:)\s+"
            ),
            "footer": _footer_test(p["footer_patterns"]),
            "byline_cues": tuple(p["byline_cues"]),
            "caption": re.compile(r"^\W{0,3}(?:" + alt(p["caption_cues"]) + r")"),
            "outlet_words": tuple(p["outlet_words"]),
            "not_place": frozenset(p["dateline_stopwords"]),
        }

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
                  and not self._byline(line, 0, len(line)) and not self._dateline(text, s, e)):
                kinds[0] = "title"
                doc.meta["title"] = line
                first = 1
        # dateline and byline in the first lines
        split_at: dict[int, int] = {}
        for k in range(first, min(first + 2, len(lines))):
            s, e = lines[k]
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
            if k in split_at:
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

    def _dateline(self, text: str, s: int, e: int) -> tuple[int, int, int] | None:
        m = self.pat["dateline"].match(text, s, e)
        if not m:
            return None
        place = m.group("place")
        words = place.split()
        if any(w in self.pat["not_place"] for w in words) or not all(_ARABIC_WORD.match(w) for w in words):
            return None
        if m.end() >= e:  # a dateline opens a paragraph; it is never the whole line
            return None
        sep = text[m.start("place") + len(place):m.end()]
        # "بغداد/ ..." or "بغداد: ..." are datelines only when short
        if ("/" in sep or ":" in sep) and len(words) > 2:
            return None
        return m.start("place"), m.start("place") + len(place), m.end()

    @staticmethod
    def _author(doc: Doc, m: re.Match) -> None:
        name = m.group("name").strip()
        if name and name not in doc.meta["authors"]:
            doc.meta["authors"].append(name)
            doc.meta.setdefault("author_spans", []).append(
                {"start": m.start("name"), "end": m.start("name") + len(name), "text": name}
            )
