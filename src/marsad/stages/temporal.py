"""Stage ``temporal``: counts (``doc.quantities``) and dates (``doc.dates``).

Reads the folded view of the Doc, finds dates first (so that a date's numbers are never counts),
then number expressions, their kinds and the entity they count; every output carries ORIGINAL
offsets.  Counts are kept only in ``body``, ``title`` and ``heading`` blocks (never in footers,
bylines, captions or signatures); dates are kept everywhere.  See docs/numbers-and-dates.md.

Quantity dicts follow the contract (``kind``, ``of``, ``value``, ``low``, ``high``,
``qualifier``, ``start``, ``end``, ``text``, ``evidence``); date dicts are
``{"start": "YYYY-MM-DD" | None, "end": ..., "precision", "resolved", "kind", "calendar",
"qualifier", "text", "span": {"start", "end"}, "block"}``.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from operator import itemgetter

from marsad.arabic import calendars as cal
from marsad.arabic.counts import CountReader
from marsad.arabic.dates import DateReader
from marsad.arabic.numerals import NumberReader, as_dict, strip_clitics
from marsad.arabic.numtokens import OpenerGroup, Openers, OpenerScan, Tokens, digit_openers, tokens
from marsad.doc import Doc

COUNT_BLOCKS = frozenset({"body", "title", "heading"})
OF_TYPES = frozenset({"ARMED_GROUP", "STATE_FORCE", "ORG", "NORP"})
_SENT_SPLIT = re.compile(r"[!?\n]+|\.(?!\d)")
#: fatha on the ي of a final -ين: the dual (مسلحَين), not the plural (مسلحِين / مسلحين)
_DUAL_FATHA = re.compile("\u064e[\u064a]\u0652?\u0646[\u064b-\u0652]*$")


class Temporal:
    name = "temporal"
    requires = frozenset({"tokens", "sentences", "blocks"})
    provides = frozenset({"quantities", "dates"})

    def __init__(self) -> None:
        self.numbers = NumberReader()
        self.counts = CountReader()
        self.dates = DateReader(numbers=self.numbers)
        self._duals = Openers(self.counts.lex.duals)
        # the three opener lookups of a text share one pass over its words
        self._openers = OpenerGroup(self.numbers._opener, self.dates._opener, self._duals,
                                    extra=(self.dates.past_words,))

    # ------------------------------------------------------------ helpers
    @staticmethod
    def _sentences(doc: Doc) -> list[tuple[int, int]]:
        """Sentence bounds in clean offsets (from doc.sentences, or split on punctuation)."""
        if doc.sentences:
            return [(doc.clean_index(s.start), doc.clean_index(s.end)) for s in doc.sentences]
        out, pos = [], 0
        for m in _SENT_SPLIT.finditer(doc.clean):
            out.append((pos, m.end()))
            pos = m.end()
        if pos < len(doc.clean):
            out.append((pos, len(doc.clean)))
        return out

    def _sentence_of(self, doc: Doc, starts: list[int]) -> Callable[[int], tuple[int, int, int, int]]:
        """``sent_of(cpos)``: the clean bounds of the sentence holding the token that starts at
        clean offset ``cpos`` (the last sentence starting at or before it) and the indices of its
        first token and of the token after it.

        With doc.sentences only the sentences asked for are mapped to clean offsets: the
        sentence is looked up in original offsets, which finds the same one, because the clean
        start ``clean_index(o)`` of a sentence starting at ``o`` is the first clean index ``j``
        with ``c2o[j] >= o`` (c2o, the clean → original map, strictly increasing), so
        ``clean_index(o) <= cpos`` exactly when ``o <= c2o[cpos]``."""
        if not doc.sentences:
            sents = self._sentences(doc)
            sent_starts = [a for a, _ in sents]

            def by_split(cpos: int) -> tuple[int, int, int, int]:
                k = max(0, bisect_right(sent_starts, cpos) - 1)
                cs, ce = sents[k] if sents else (0, len(doc.folded))
                return cs, ce, bisect_left(starts, cs), bisect_left(starts, ce)
            return by_split
        sentences = doc.sentences
        orig_starts = [x.start for x in sentences]
        to_original = doc.offsets.to_original
        found: dict[int, tuple[int, int, int, int]] = {}

        def sent_of(cpos: int) -> tuple[int, int, int, int]:
            k = max(0, bisect_right(orig_starts, to_original(cpos)) - 1)
            got = found.get(k)
            if got is None:
                cs, ce = doc.clean_index(sentences[k].start), doc.clean_index(sentences[k].end)
                got = found[k] = (cs, ce, bisect_left(starts, cs), bisect_left(starts, ce))
            return got
        return sent_of

    @staticmethod
    def _block_kind(doc: Doc, orig: int) -> str | None:
        if not doc.blocks:
            return None
        b = doc.block_of(orig)
        return b.kind if b else None

    # ------------------------------------------------------------ stage
    def __call__(self, doc: Doc) -> Doc:
        folded = doc.folded
        toks = tokens(folded)
        digits = digit_openers(folded, toks)
        scan = self._openers.scan(toks.words)
        published = cal.parse_iso(doc.meta.get("published"))
        date_spans = self.dates.find(folded, toks, published, digits=digits, scan=scan)
        doc.dates = []
        for d in date_spans:
            s, e = doc.orig_span(d.start, d.end)
            rec = d.as_dict()
            rec.update({"text": doc.text[s:e], "span": {"start": s, "end": e},
                        "block": self._block_kind(doc, s)})
            doc.dates.append(rec)
        doc.quantities = self._quantities(doc, toks, [(d.start, d.end) for d in date_spans], digits, scan)
        return doc

    def _quantities(self, doc: Doc, toks: Tokens, dates: list[tuple[int, int]], digits: list[int],
                    scan: OpenerScan) -> list[dict]:
        folded = doc.folded
        starts, ends, words = toks.starts, toks.ends, toks.words
        sent_of = self._sentence_of(doc, starts)
        actors: list = []  # _actor_mentions(doc), listed at the first record

        def record(cstart: int, cend: int, vals: dict, kind: str, cs: int, ce: int) -> dict:
            if not actors:
                actors.append(self._actor_mentions(doc))
            return self._record(doc, cstart, cend, vals, kind, cs, ce, actors[0])

        def in_date(a: int, b: int) -> bool:
            return any(a < de and b > ds for ds, de in dates)

        spans = self.numbers.find(folded, toks, digits=digits, scan=scan)
        if dates:
            spans = [s for s in spans if not in_date(s.start, s.end)]
        out: list[dict] = []
        heads_used: set[int] = set()
        for sp in spans:
            if sp.skip and not sp.weak_skip:
                continue  # not a count, whatever follows (only a shape-only skip can be undone below)
            cs, ce, floor, limit = sent_of(sp.start)
            first = bisect_left(starts, sp.start)
            kr = self.counts.kind(toks, first, sp.tok_last, text=folded, floor=floor, limit=limit)
            # a year-like number followed by a counted noun (2000 مقاتل) is a count after all
            if sp.skip and not (sp.weak_skip and kr.head is not None and kr.head == sp.tok_last + 1
                                and self.counts.noun_kind(words[kr.head])):
                continue
            if sp.value == 1 and not sp.digits and kr.kind == "other":
                continue  # "واحد" alone is "one of", not a count
            end = sp.end
            if kr.head is not None and kr.head <= sp.tok_last + 2 and ends[kr.head] > end:
                end = ends[kr.head]
                heads_used.add(kr.head)
            out.append(record(sp.start, end, as_dict(sp), kr.kind, cs, ce))
        # dual nouns: جنديين، قتيلين، مسلحَين = 2
        taken = [(q["_c"][0], q["_c"][1]) for q in out]
        if "\u064eي" in doc.text:  # a fatha before ين may mark a dual (مسلحَين): check every -ين word
            cands = [k for k, w in enumerate(words) if w.endswith(("ين", "ان"))]
        else:
            cands = self._duals.indices(folded, toks, digits=[], scan=scan)
        has_fatha_dual = bool(cands) and "\u064eي" in doc.text
        for k in cands:
            tstart, tend, text = starts[k], ends[k], words[k]
            if k in heads_used or any(tstart < b and tend > a for a, b in taken):
                continue
            dkind = self.counts.dual_kind(text)
            if dkind is None and has_fatha_dual and text.endswith("ين") and len(text) > 4:
                base = strip_clitics(text[:-2], self.counts.lex.nouns)
                if base is not None and text[:-2].endswith(base):
                    s, e = doc.orig_span(tstart, tend)
                    if _DUAL_FATHA.search(doc.text[s:e]):
                        dkind = self.counts.lex.nouns[base]
            if dkind is None:
                continue
            cs, ce, floor, limit = sent_of(tstart)
            kind = dkind
            if dkind not in ("killed", "wounded", "arrested", "kidnapped", "displaced"):
                _, ckind = self.counts.cue(toks, k, floor=floor, text=folded)
                kind = ckind or dkind
            end = tend
            # "قتيلين اثنين": the number word repeats the dual
            dup = [q for q in out if q["_c"][0] > tend and q["_c"][0] - tend <= 1 and q["value"] == 2]
            for q in dup:
                end = q["_c"][1]
                out.remove(q)
            vals = {"value": 2, "low": None, "high": None, "qualifier": "exact"}
            out.append(record(tstart, end, vals, kind, cs, ce))
        out.sort(key=lambda q: q["start"])
        kept = []
        for q in out:
            c = q.pop("_c")
            del c
            if doc.blocks and self._block_kind(doc, q["start"]) not in COUNT_BLOCKS:
                continue
            kept.append(q)
        return kept

    def _record(self, doc: Doc, cstart: int, cend: int, vals: dict, kind: str, cs: int, ce: int,
                actors: tuple[list[int], list[str]]) -> dict:
        s, e = doc.orig_span(cstart, cend)
        es, ee = doc.orig_span(cs, ce)
        while ee > es and doc.text[ee - 1] in " \n\t":
            ee -= 1
        while es < ee and doc.text[es] in " \n\t":
            es += 1
        return {"kind": kind, "of": self._of(doc, e, ee, actors), **vals, "start": s, "end": e,
                "text": doc.text[s:e], "evidence": {"start": es, "end": ee}, "_c": (cstart, cend)}

    @staticmethod
    def _actor_mentions(doc: Doc) -> tuple[list[int], list[str]]:
        """Starts (ascending) and entity ids of the mentions of OF_TYPES entities; mentions with
        the same start keep their entity/mention order (a stable sort)."""
        found = [(m.start, ent.id) for ent in doc.entities if ent.type in OF_TYPES for m in ent.mentions]
        found.sort(key=itemgetter(0))
        return [a for a, _ in found], [b for _, b in found]

    @staticmethod
    def _of(doc: Doc, after: int, sent_end: int, actors: tuple[list[int], list[str]]) -> str | None:
        """The entity counted: an actor mention that follows the count closely in the sentence.

        The nearest mention starting at or after ``after`` (the first of them in entity/mention
        order), if it starts in the sentence, within 40 characters and 4 words: a later mention
        is farther in characters and in words, so when the nearest fails every later one does.
        """
        starts, ids = actors
        k = bisect_left(starts, after)
        if k == len(starts):
            return None
        m = starts[k]
        if m < sent_end and m - after <= 40 and len(doc.text[after:m].split()) <= 4:
            return ids[k]
        return None
