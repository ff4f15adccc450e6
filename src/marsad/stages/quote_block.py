"""One body block read for the quotes stage (:mod:`marsad.stages.quotes`): speech cues, nominal
attributions, speaker resolution, content spans, outlet and channel.

:class:`BlockReader` is built only for blocks that contain a token at which an opening speech cue
can match; the lexicon matches it needs (cues, complements, channel cues, anonymity markers) are
found once per block by :meth:`marsad.stages.quote_lex.Phrases.scan`, so the rules below look a
token up in a dict instead of matching the lexicons again.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import attrgetter

from marsad.doc import Doc, Entity, Token
from marsad.stages.quote_lex import (
    Lexicon,
    QuotePair,
    QuoteRecord,
    Speaker,
    head_word,
    pair_quotes,
    positions,
)

SPEAKER_TYPES = frozenset({"PERSON", "ORG", "ARMED_GROUP", "STATE_FORCE", "MEDIA"})
GROUP_TYPES = frozenset({"ORG", "ARMED_GROUP", "STATE_FORCE", "MEDIA"})
RELATIVES = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي", "اللذان", "اللتان"})
FUNCTION_WORDS = frozenset({
    "في", "الي", "عن", "علي", "من", "ل", "ب", "مع", "خلال", "امس", "اليوم", "ايضا", "كذلك", "بدوره",
    "بدورها", "حينها", "عندها", "لاحقا", "اثناء", "عبر", "لدي", "امام", "قبل", "بعد", "انه", "ان",
    "فيه", "فيها", "له", "لها", "لهم", "منه", "منها",
})
POSSESSIVE = ("هم", "ها", "ه")
BREAK_FORMS = frozenset({",", ";", ".", "!", "?", "(", ")", ":", '"', "-"})
MAX_NP = 14
# words a sentence may open with before the subject of a later verb (وكانت مصادر أمنية أكدت، لكن X تحدث)
#: words that open no subject after a verb (لم يعلن سوى …، أكد جميعه)
_NOT_SUBJECTS = frozenset({"سوي", "جميعه", "جميعهم", "كلهم", "بعضهم", "ذلك", "هذا", "هذه", "تفاصيل"})
#: particles between a subject and its verb (وكانت X قد أعلنت)
_PARTICLES = frozenset({"قد", "لقد", "فقد", "وقد"})
#: words that end a speaker's description in ``speaker_text`` (folded): a time after the subject
#: (وقالت القيادة المشتركة أمس إن …) or the people spoken to (وقال رئيس الهيئة للصحفيين إن …).
#: Only the text is cut: the anonymity markers are still read over the whole subject.  The words of
#: _TIME_LEAD right before such a word go with it (أول من أمس، يوم أمس، في وقت مبكر أمس).
#: endings of a plural description in a construct (مسؤولو الأمن، مقاتلي التنظيم، أعضاء الفريق): still
#: people unnamed, unlike one office-holder (رئيس الوزراء)
_PLURAL_ENDS = ("و", "ي", "اء")
_TIME_LEAD = frozenset({"اول", "من", "يوم", "في", "وقت", "مبكر", "متاخر", "صباح", "مساء", "ظهر", "فجر"})
_SPEAKER_TEXT_END = frozenset({"امس", "اليوم", "الليله", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء",
                               "الخميس", "الجمعه", "السبت", "للصحفيين", "للصحافيين", "للصحافه",
                               "للاعلاميين", "للمراسلين", "لوسايل", "للتلفزيون"})
_OPENERS = frozenset({"كان", "وكان", "كانت", "وكانت", "قد", "وقد", "فقد", "لكن", "ولكن", "بينما", "فيما", "كما"})
_SENT, _START, _END = attrgetter("sent"), attrgetter("start"), attrgetter("end")


class DocMentions:
    """A document's mentions as (start, end, entity), sorted by start (longest first), with a
    block's ones found by bisection over the starts instead of a test of every mention per block."""

    __slots__ = ("items", "starts", "longest")

    def __init__(self, items: list) -> None:
        self.items = items
        self.starts = [m[0] for m in items]
        self.longest = max((m[1] - m[0] for m in items), default=0)

    def overlapping(self, lo: int, hi: int) -> list:
        """The mentions with end > lo and start < hi, in order.  Only those starting in
        [lo - longest, hi) are tested: one starting earlier ends by lo, one starting later is past."""
        return [m for m in self.items[bisect_left(self.starts, lo - self.longest):bisect_left(self.starts, hi)]
                if m[1] > lo]


class BlockReader:
    """Quotes and standalone attributions of one block, appended to ``found`` / ``attributions``."""

    def __init__(self, doc: Doc, lex: Lexicon, bi: int, toks: list[Token], norms: list[str], forms: set[str],
                 cue_at: dict[int, tuple[int, dict]], mentions: DocMentions,
                 found: list[QuoteRecord], attributions: list[dict], *, at: list[int] | None = None) -> None:
        self.doc, self.lex, self.bi, self.toks = doc, lex, bi, toks
        self.found, self.attributions = found, attributions
        self.norms = norms
        self.n = len(toks)
        # Lexicon matches at every token, computed once per block (a match depends only on the
        # norms): cue_at[k] is lex.cues.match(norms, k), via_at[k] is lex.via.match(norms, k).
        self.cue_at = cue_at
        comp = lex.complement_starts & forms   # elsewhere no match is a one-word complement
        self.complement_at = {k for k, (ln, info) in lex.cues.scan(norms, prefix=False, forms=comp, at=at).items()
                              if ln == 1 and info["kind"] == "complement"} if comp else set()
        self.via_at = lex.via.scan(norms, forms=forms, at=at)
        # a token's norm is fold(form) and fold keeps '"': the mark tokens are among those of norm '"'
        clean_pos = {k: doc.clean_index(toks[k].start) for k in positions(norms, ('"',)) if toks[k].form == '"'}
        self.pairs = pair_quotes(doc.clean, toks, clean_pos)
        self.pair_at = {p.open: p for p in self.pairs}
        self.pair_closing = {p.close: p for p in self.pairs if p.close is not None}
        lo, hi = toks[0].start, toks[-1].end
        self.mentions = mentions.overlapping(lo, hi)
        self._at: dict[int, list] | None = None   # see mentions_at, built on first use
        # sentence -> (its first token, one past its last token), in sentence order.  Segment
        # appends tokens sentence by sentence (Quotes._blocks finds a block's slice by the same
        # bisection), so a block's sentence numbers ascend and each sentence's tokens are one run:
        # found by bisection per sentence of the block instead of a Python step per token.
        self.sent_range: dict[int, tuple[int, int]] = {}
        sr, sent_of = self.sent_range, list(map(_SENT, toks))
        a, n = 0, len(toks)
        while a < n:
            sent = sent_of[a]
            z = bisect_left(sent_of, sent + 1, a, n)
            sr[sent] = (a, z)
            a = z
        self.anon: dict[int, int] = {}  # token -> marker end
        for k, (ln, _) in lex.anonymity.scan(norms, forms=forms, at=at).items():
            for j in range(k, k + ln):
                self.anon[j] = k + ln
        self.consumed: set[int] = set()
        self.nominals: list[dict] = []
        self.covered: list[tuple[int, int, QuoteRecord]] = []  # token ranges of quotations taken

    # ------------------------------------------------------------ small views
    def span(self, k0: int, k1: int) -> tuple[int, int]:
        return self.toks[k0].start, self.toks[k1 - 1].end

    def text(self, k0: int, k1: int) -> str:
        while k1 > k0 and self.toks[k1 - 1].form in BREAK_FORMS:
            k1 -= 1
        while k0 < k1 and self.toks[k0].form in BREAK_FORMS:
            k0 += 1
        if k1 <= k0:
            return ""
        if k1 < self.n and self.toks[k1].form == '"' and \
                sum(t.form == '"' for t in self.toks[k0:k1]) % 2:
            k1 += 1  # keep the closing mark of a quoted name
        s, e = self.span(k0, k1)
        return self.doc.text[s:e]

    def ents(self, k0: int, k1: int, *, stop_relative: bool = True) -> list[tuple[int, Entity]]:
        """(first token, entity) of mentions in tokens k0..k1, in order; stops at a relative pronoun."""
        out, seen = [], set()
        if self._at is None:
            self.mentions_at(k0)   # builds self._at (the per-token mention lists) once per block
        get, norms = self._at.get, self.norms
        for k in range(k0, k1):
            if stop_relative and norms[k] in RELATIVES:
                break
            for _s, _e, ent in get(k, ()):
                if ent.id not in seen and ent.type in SPEAKER_TYPES:
                    seen.add(ent.id)
                    out.append((k, ent))
        return out

    def mentions_at(self, k: int) -> list:
        """The block's mentions (start, end, entity) overlapping token ``k``, in mention order.

        Built once per block: tokens are disjoint and in text order, so both their starts and
        ends ascend, and a mention [s, e) overlaps exactly the tokens from the first that ends
        after s to the last that starts before e (two bisections instead of a scan per token)."""
        at = self._at
        if at is None:
            at = self._at = {}
            starts = list(map(_START, self.toks))
            ends = list(map(_END, self.toks))
            for m in self.mentions:
                for j in range(bisect_right(ends, m[0]), bisect_left(starts, m[1])):
                    at.setdefault(j, []).append(m)
        return at.get(k, ())

    def ent_at(self, k: int) -> Entity | None:
        at = self.mentions_at(k)
        return at[0][2] if at else None

    def cue(self, k: int) -> tuple[int, dict] | None:
        if k in self.anon or k in self.consumed or not self.toks[k].is_word:
            return None
        return self.cue_at.get(k)

    def is_complement(self, k: int) -> bool:
        return k in self.complement_at

    def in_quotation(self, k: int) -> QuoteRecord | None:
        for a, b, q in self.covered:
            if a < k < b:
                return q
        return None

    def quote_close(self, p: QuotePair) -> int:
        """Token index just past the content of a quotation (its closing mark or block end)."""
        return p.close if p.close is not None else self.n

    # ------------------------------------------------------------ main
    def run(self) -> None:
        nominal_at = [k for k, (_, info) in self.cue_at.items() if info["kind"] == "nominal"]
        if nominal_at:
            for s, (k0, k1) in sorted(self.sent_range.items()):
                here = [k for k in nominal_at if k0 <= k < k1]
                if here:  # a sentence without a nominal cue match has no nominal attribution
                    self.find_nominals(k0, k1, s, here)
        # Only tokens with a cue match can do anything here (elsewhere ``m`` is None and the scan
        # just steps on), so visit those, skipping the ones a longer cue already covered.
        k = 0
        for c in self.cue_at:
            if c < k:
                continue
            k = c
            owner = self.in_quotation(k)
            m = self.cue(k)
            if owner is not None and k not in self.anon and self.toks[k].is_word:
                m = self.cue_at.get(k)  # nominal cues were consumed; list them too
            if m is None:
                continue
            length, info = m
            if owner is not None:
                if info["kind"] in ("verb", "participle", "nominal"):
                    owner.nested.append({"cue": self.doc.span_json(*self.span(k, k + length)), "kind": info["kind"]})
            elif info["kind"] == "verb":
                self.verb(k, length, info)
            elif info["kind"] == "participle":
                self.participle(k, length)
            k += length
        self.keep_standalone_nominals()

    # ------------------------------------------------------------ nominal attributions
    def find_nominals(self, k0: int, k1: int, s: int, cands: list[int]) -> None:
        """Nominal attributions of sentence ``s``; ``cands`` (ascending) are its tokens whose cue
        match is nominal: only there can one start, so the scan jumps from one to the next."""
        k = k0
        for c in cands:
            if c < k:
                continue
            k = c
            m = self.cue(k)
            if not m or m[1]["kind"] != "nominal":
                continue
            a = k
            k += m[0]
            v = self.cue(k) if k < k1 else None
            if v and v[1]["kind"] == "verb":  # حسبما كشف X
                self.consumed.update(range(k, k + v[0]))
                k += v[0]
            b = k
            while b < k1 and b - k < 10 and self.toks[b].form not in (",", ";", ".", ":", "!", "?") \
                    and not self.is_complement(b):
                b += 1
            sp = self.describe(k, b, allow_zero=False)
            self.nominals.append({"a": a, "b": b, "sent": s, "speaker": sp, "used": False,
                                  "channel": "statement" if self.has_via_kind(k, b, "statement") else None})
            self.consumed.update(range(a, a + m[0]))
            k = b

    def keep_standalone_nominals(self) -> None:
        quoted = {q.sent for q in self.found if q.block == self.bi}
        for nm in self.nominals:
            if nm["used"] or nm["sent"] in quoted or self.in_quotation(nm["a"]):
                continue
            k0, k1 = self.sent_range[nm["sent"]]
            sp: Speaker | None = nm["speaker"]
            s, e = self.span(k0, k1)
            self.attributions.append({
                "start": s, "end": e, "cue": self.doc.span_json(*self.span(nm["a"], nm["a"] + 1)),
                "speaker": sp.entity if sp and not sp.anonymous else None,
                "speaker_text": sp.text if sp else self.text(nm["a"] + 1, nm["b"]),
                "anonymous": bool(sp and sp.anonymous),
            })

    def has_via_kind(self, k0: int, k1: int, kind: str) -> bool:
        for k in range(k0, k1):
            m = self.via_at.get(k)
            if m and m[1]["kind"] == kind:
                return True
        return False

    # ------------------------------------------------------------ speakers
    def describe(self, k0: int, k1: int, *, allow_zero: bool = True, pre: bool = False) -> Speaker | None:
        """The speaker named or described by tokens k0..k1 (a subject), or None (no subject)."""
        while k0 < k1 and (self.toks[k0].form in BREAK_FORMS or pre and self.norms[k0] in _OPENERS):
            k0 += 1   # (a subject before the verb: after وكانت، لكن …, not them)
        while pre and k1 > k0 and self.norms[k1 - 1] in _PARTICLES:
            k1 -= 1   # (… nor the قد before the verb)
        if k0 >= k1:
            return None
        first = self.norms[k0]
        if first in FUNCTION_WORDS or self.is_complement(k0):
            return None
        ents = [(k, e) for k, e in self.ents(k0, k1) if not (pre and self.in_nominal(k))]
        persons = [(k, e) for k, e in ents if e.type == "PERSON"]
        groups = [(k, e) for k, e in ents if e.type in GROUP_TYPES]
        d = self.lex.descriptor(first)
        possessive = False
        if d is None:
            for suf in POSSESSIVE:
                if first.endswith(suf) and len(first) - len(suf) >= 3:
                    stem = first[: -len(suf)]
                    d = self.lex.descriptor(stem)
                    if d is None and stem.endswith("ت"):  # قادتها: ة before a suffix
                        d = self.lex.descriptor(stem[:-1] + "ه")
                    if d:
                        possessive = True
                        break
        heads = frozenset(head_word(self.norms[k]) for k in range(k0, k1) if self.toks[k].is_word)

        def named(k: int, e: Entity, how: str = "named") -> Speaker:
            start = k0 if pre or k <= k0 + 6 else k
            end = k
            for _s, e_, ent in self.mentions_at(k):
                if ent is e:
                    while end + 1 < k1 and self.toks[end + 1].start < e_:
                        end += 1
            return Speaker(e.id, False, self.text(start, end + 1), how, heads=heads, end=end + 1)

        anon_marked = not self.anon.keys().isdisjoint(range(k0, k1))
        if d is None:
            if persons and (pre or persons[0][0] == k0 or persons[0][0] - k0 <= 4 and all(
                    self.toks[x].is_word and self.norms[x].startswith("ال") and self.norms[x] not in FUNCTION_WORDS
                    for x in range(k0, persons[0][0]))):
                # (definite words before the name are its rank or title: الأمير متعب بن عبد الله،
                # المدعية العامة الفيدرالية لوريتا لينش، الفريق الأول الركن …)
                return named(*persons[-1] if pre else persons[0])
            if groups and groups[0][0] <= k0 + 2 and not pre:  # وكالة "رويترز"، صحيفة "آس" الإسبانية
                return named(*groups[0])
            if groups and groups[0][0] == k0:
                return named(*groups[0])
            if pre and groups:  # ونشرت حركة التغيير بياناً ... قالت فيه
                speakers = [g for g in groups if g[1].type != "MEDIA"] or groups
                return named(*speakers[-1])
            return None if allow_zero else Speaker(None, anon_marked, self.text(k0, self._text_end(k0, k1)),
                                                   "unresolved", heads=heads)
        cls_, definite = d
        text = self.text(k0, self._text_end(k0, k1))
        if cls_ == "one_of":
            return Speaker(None, True, text, "anonymous", heads=heads)
        if anon_marked:
            return Speaker(None, True, text, "anonymous", heads=heads)
        if persons:
            return named(*(persons[-1] if pre else persons[0]))
        if possessive:
            owner = self.owner_before(k0)
            if owner is not None:
                return Speaker(owner.id, False, text, "possessive", heads=heads)
        if groups and (cls_ in ("role", "document") or (first.endswith("و") and groups[0][0] == k0 + 1)):
            return named(*groups[0])
        if not definite and cls_ in ("role", "descriptor") and not first.endswith(_PLURAL_ENDS) \
                and self._construct(k0, k1):
            # رئيس الوزراء البريطاني، وزير الخارجية النمساوي، سفيرة الولايات المتحدة: an office
            # named by the definite word after it (a construct) has one known holder, not a source
            # deliberately unnamed: an earlier speaker described so, else unresolved
            head = head_word(first)
            for q in reversed(self.found):
                if head in q.speaker.heads:
                    sp = q.speaker
                    return Speaker(sp.entity, sp.anonymous, text, "description", via=q.via, heads=heads | sp.heads)
            return Speaker(None, False, text, "unresolved", heads=heads)
        if not definite:
            return Speaker(None, True, text, "anonymous", heads=heads)
        return self.corefer(head_word(first), text, heads, group=cls_ in ("group", "document"))

    def _construct(self, k0: int, k1: int) -> bool:
        """The word after an indefinite description at k0 is definite, right after it (one space):
        the description is the head of a construct (رئيس الوزراء), so it is definite too."""
        if k0 + 1 >= k1:
            return False
        nxt = self.norms[k0 + 1]
        return self.toks[k0 + 1].is_word and nxt.startswith("ال") and len(nxt) > 3 \
            and nxt not in FUNCTION_WORDS and self.toks[k0].end + 1 == self.toks[k0 + 1].start

    def _text_end(self, k0: int, k1: int) -> int:
        """Where a description's text ends: before its first time or addressee word after the first
        word (_SPEAKER_TEXT_END), else at k1."""
        norms = self.norms
        k = next((k for k in range(k0 + 1, k1) if norms[k] in _SPEAKER_TEXT_END), k1)
        while k < k1 and k - 1 > k0 and norms[k - 1] in _TIME_LEAD:
            k -= 1   # أول من أمس، يوم أمس، في وقت مبكر أمس: the whole time phrase goes
        if all(norms[j] in _TIME_LEAD for j in range(k0, k)):
            return k1   # the subject is itself a time phrase: the text is left as it is
        return k

    def in_nominal(self, k: int) -> bool:
        return any(nm["a"] <= k < nm["b"] for nm in self.nominals)

    def owner_before(self, k: int) -> Entity | None:
        """The nearest organisation named before token k in its sentence (for مقاتلوها)."""
        s0, _ = self.sent_range[self.toks[k].sent]
        for _, e in reversed(self.ents(s0, k, stop_relative=False)):
            if e.type in GROUP_TYPES and e.type != "MEDIA":
                return e
        return None

    def corefer(self, head: str, text: str, heads: frozenset, *, group: bool = False) -> Speaker:
        for q in reversed(self.found):
            if head in q.speaker.heads:
                sp = q.speaker
                return Speaker(sp.entity, sp.anonymous, text, "description", via=q.via, heads=heads | sp.heads)
        if group:   # المحللون، العلماء: a group no earlier speaker was described as
            return Speaker(None, True, text, "anonymous", heads=heads)
        for q in reversed(self.found):
            if q.source:
                return Speaker(q.source, False, text, "description", heads=heads)
        return Speaker(None, True, text, "anonymous", heads=heads)

    def continuation(self, text: str = "") -> Speaker:
        if not self.found:
            return Speaker(None, False, text, "unresolved")
        # the latest speaker, passing over a bare subject (bare_subject: a noun phrase that named no
        # entity or description) when an earlier quote has a resolved one
        q = next((x for x in reversed(self.found) if x.speaker.how != "unresolved"), self.found[-1])
        sp = q.speaker
        return Speaker(sp.entity, sp.anonymous, sp.text, "continuation", via=q.via, heads=sp.heads)

    # ------------------------------------------------------------ cues
    def np_end(self, j: int, s1: int, info: dict) -> int:
        b = j
        while b < s1 and b - j < MAX_NP:
            t = self.toks[b]
            if t.form == '"' and b in self.pair_at and self.pair_at[b].words < 4 and b > j:
                # a quoted name: في "سرايا السلام".  One left open (its pair then runs to the block
                # end) or closed in a later sentence takes the rest of this sentence, never more.
                b = min(self.quote_close(self.pair_at[b]) + 1, s1)
                continue
            if t.form in BREAK_FORMS or self.is_complement(b):
                break
            if b > j and (self.via_at.get(b) or self.cue(b)):
                break
            if b > j and info["prep"] and self.norms[b] == info["prep"]:
                break
            b += 1
        return b

    def content_after(self, p: int, s1: int, info: dict, *, np_ok: bool) -> tuple[int, int, bool, QuotePair | None] | None:
        """(first token, end token, direct, quotation) of the content after token p, else None."""
        colon = False
        k = p
        limit = min(s1, p + 2) if info.get("strict") else s1  # strict: بيّن الوزير أن ... at once
        while k < limit:
            t = self.toks[k]
            if k in self.anon:
                k = self.anon[k]
                continue
            if t.form == ":":
                colon = True
                k += 1
                continue
            if t.form == '"' and k in self.pair_at:
                pr = self.pair_at[k]
                if pr.words >= 4 or (colon and pr.words >= 1):
                    return k + 1, self.quote_close(pr), True, pr
                k = self.quote_close(pr) + 1
                continue
            if colon and t.is_word:
                return k, s1, False, None
            w = self.norms[k]
            stripped = w[1:] if len(w) > 2 and w[0] in "وف" else w
            if self.is_complement(k) or (info["prep"] and w == info["prep"]) or \
                    (info["prep"] and info["prep"] == "ب" and stripped.startswith("ب") and self.is_complement(k)):
                return self.reported(k, s1)
            if k > p and self.cue(k) and self.cue(k)[1]["kind"] in ("verb", "participle"):
                break
            k += 1
        if np_ok:
            return self.np_content(p, s1)
        return None

    def reported(self, k: int, s1: int) -> tuple[int, int, bool, QuotePair | None]:
        """Reported content from token k to the sentence end; a quotation opening right after the
        complement makes it direct and may carry it past the sentence end."""
        for j in range(k + 1, min(k + 3, s1)):
            if self.toks[j].form == '"' and j in self.pair_at and self.pair_at[j].words >= 2:
                pr = self.pair_at[j]
                return k, max(s1, self.quote_close(pr)), True, pr
        return k, s1, False, None

    def np_content(self, p: int, s1: int) -> tuple[int, int, bool, None] | None:
        """Content of an object-taking verb: the first comma segment after the subject that is not
        an apposition, relative clause, anonymity marker or channel phrase."""
        segs, a = [], p
        for k in range(p, s1 + 1):
            if k == s1 or self.toks[k].form in (",", ";"):
                if k > a:
                    segs.append((a, k))
                a = k + 1
        for a, _ in segs:
            w = self.norms[a]
            if self.in_nominal(a) or w in RELATIVES or w in FUNCTION_WORDS or a in self.anon or self.via_at.get(a) \
                    or self.lex.descriptor(w) or self.ent_at(a) is not None or not self.toks[a].is_word:
                continue
            return a, s1, False, None
        return None

    def verb(self, k: int, length: int, info: dict) -> None:
        s = self.toks[k].sent
        s0, s1 = self.sent_range[s]
        j = k + length
        b = self.np_end(j, s1, info)
        subj = self.describe(j, b)
        after = j if subj is None else (subj.end if subj.end > j else b)
        content = self.content_after(after, s1, info, np_ok=info["np"])
        same_sent = [q for q in self.found if q.block == self.bi and q.sent == s]
        if content is None:
            content = self.quote_before(k, s0)
            if content is None:
                return
        c0, c1, direct, pr = content
        if subj is None:
            if same_sent and not self.is_first_cue(k, s0):
                self.extend(same_sent[-1], c0, c1, pr)
                return
            pre = self.describe(s0, k, pre=True) if self.subject_before(k, s0) else None
            if pre is not None:
                subj = pre
                subj.how = "preceding" if subj.how == "named" else subj.how
            else:
                subj = self.bare_subject(j, b, c0) or self.continuation()
        self.add(k, length, s, c0, c1, direct, pr, subj)

    def participle(self, k: int, length: int) -> None:
        s = self.toks[k].sent
        s0, s1 = self.sent_range[s]
        info = {"prep": None}
        content = self.content_after(k + length, s1, info, np_ok=False)
        if content is None:
            return
        c0, c1, direct, pr = content
        same = [q for q in self.found if q.block == self.bi and q.sent == s]
        if same:
            self.extend(same[-1], c0, c1, pr)
        else:
            self.add(k, length, s, c0, c1, direct, pr, self.continuation())

    def quote_before(self, k: int, s0: int) -> tuple[int, int, bool, QuotePair] | None:
        """``"..." قال X``: a quotation that closes right before the cue."""
        j = k - 1
        while j >= 0 and self.toks[j].form in (",", "-"):
            j -= 1
        pr = self.pair_closing.get(j)
        if pr is None or pr.words < 3 or self.in_quotation(pr.open + 1):
            return None
        return pr.open + 1, pr.close, True, pr

    def bare_subject(self, j: int, b: int, c0: int) -> Speaker | None:
        """The words right after the verb, up to its content, that name no entity or description
        (أعلنت خلية الإعلام الأمني العراقية، اليوم، …; كما أعلنت السلطات المحلية أن …): the verb's
        subject all the same, so the speaker's text (unresolved), not the previous speaker.  Only a
        noun phrase that starts with a word right after the verb and ends before the content (a
        content that starts at the verb, ضرورة … after أكد, is the object), at most 6 words."""
        if b <= j or b > c0 or b - j > 6:
            return None
        first = self.norms[j]
        if not self.toks[j].is_word or len(first) < 2 or first in FUNCTION_WORDS or self.is_complement(j) \
                or self.in_nominal(j) or self.via_at.get(j) or first in _PARTICLES or first in _OPENERS:
            return None
        if first[0] == "ل" or first.endswith("ا") and not first.startswith("ال") or first in _NOT_SUBJECTS:
            # لي، للصحافيين (to whom), قائلا، مبتسما (how: an indefinite accusative), سوى: no subject
            return None
        return Speaker(None, False, self.text(j, self._text_end(j, b)), "unresolved")

    def subject_before(self, k: int, s0: int) -> bool:
        """A subject before the verb: a name or description ending right before it (skipping
        punctuation and "according to" phrases), or any when the verb has a resumptive فيه."""
        if not any(self.toks[x].is_word for x in range(s0, k)):
            return False
        if k + 1 < self.n and self.norms[k + 1] in ("فيه", "فيها"):
            return True
        j = k - 1
        while j >= s0 and (self.toks[j].form in BREAK_FORMS or self.in_nominal(j)):
            j -= 1
        particle = j > s0 and self.norms[j] in _PARTICLES
        if particle:   # وكانت فصائل المعارضة المسلحة قد أعلنت: a name up to two words before قد
            j -= 1
        if j >= s0 and (self.ent_at(j) is not None or particle and any(
                (e := self.ent_at(x)) is not None and e.type in SPEAKER_TYPES for x in range(max(s0, j - 2), j)) or any(
                self.lex.descriptor(self.norms[x]) is not None for x in range(max(s0, j - 2), j + 1))
                        or any(self.lex.descriptor(self.norms[x]) for x in range(s0, min(s0 + 1, k)))):
            # a name or a description ending right before the verb, or its head up to two
            # adjectives back (السلطات المحلية تحدثت، مصادر أمنية عراقية أكدت)
            return True
        # a person, then an appositive between commas, then the verb: "لكن X، قائد الجيش في
        # الولاية، تحدث عن …" (the appositive is at most 10 words)
        if k - 1 > s0 and self.toks[k - 1].form == ",":
            for x in range(k - 2, max(s0, k - 12), -1):
                if self.toks[x].form == ",":
                    e = self.ent_at(x - 1)
                    return e is not None and e.type == "PERSON"
                if self.toks[x].form in BREAK_FORMS:
                    break
        return False

    def is_first_cue(self, k: int, s0: int) -> bool:
        return not any(q.cue[0] < self.toks[k].start for q in self.found
                       if q.block == self.bi and q.sent == self.toks[k].sent)

    # ------------------------------------------------------------ building quotes
    def trim(self, c0: int, c1: int) -> tuple[int, int]:
        while c1 > c0 and self.toks[c1 - 1].form in BREAK_FORMS:
            c1 -= 1
        while c0 < c1 and self.toks[c0].form in BREAK_FORMS:
            c0 += 1
        return c0, c1

    def extend(self, q: QuoteRecord, c0: int, c1: int, pr: QuotePair | None) -> None:
        c0, c1 = self.trim(c0, c1)
        if c1 > c0:
            q.end = max(q.end, self.toks[c1 - 1].end)
        if pr is not None:
            self.covered.append((pr.open, self.quote_close(pr), q))

    def add(self, k: int, length: int, s: int, c0: int, c1: int, direct: bool, pr: QuotePair | None,
            sp: Speaker) -> None:
        # a trailing "according to" phrase is attribution, not content
        for nm in self.nominals:
            if nm["sent"] == s and c0 < nm["a"] < c1 and not (pr and pr.open < nm["a"] < self.quote_close(pr)):
                c1 = nm["a"]
        c0, c1 = self.trim(c0, c1)
        if c1 <= c0:
            return
        s0, _ = self.sent_range[s]
        cue_first = not any(q.block == self.bi and q.sent == s for q in self.found)
        r0 = min(k, c0) if not cue_first else s0
        q = QuoteRecord(self.bi, s, self.span(k, k + length), self.toks[c0].start, self.toks[c1 - 1].end, direct,
                   sp, (self.toks[r0].start, self.toks[c0].start), cue_first)
        if pr is not None:
            q.direct_span = (pr.open, self.quote_close(pr))
            self.covered.append((pr.open, self.quote_close(pr), q))
        self.channel_and_via(q, r0, c0)
        for nm in self.nominals:
            if nm["sent"] == s and not (pr and pr.open < nm["a"] < self.quote_close(pr)):
                nsp: Speaker | None = nm["speaker"]
                nm["used"] = True
                if nsp is not None and nsp.entity != sp.entity:
                    q.according_to = None if nsp.anonymous else nsp.entity
                    q.according_to_text = nsp.text
                q.channel = q.channel or nm["channel"]
                self.channel_and_via(q, nm["a"], nm["b"])
        if q.via is None and sp.via is not None and sp.how in ("continuation", "description"):
            q.via = sp.via
        self.found.append(q)

    def channel_and_via(self, q: QuoteRecord, r0: int, r1: int) -> None:
        """Outlet and channel from tokens r0..r1 (the attribution frame)."""
        speaker = q.speaker.entity
        if q.via is None:
            for _, e in self.ents(r0, r1, stop_relative=False):
                if e.type == "MEDIA" and e.id != speaker and not self.in_quotation_entity(e, r0, r1):
                    q.via = e.id
                    q.via_text = e.name
                    break
        k = r0
        while k < r1:
            m = self.via_at.get(k)
            if not m:
                k += 1
                continue
            kind = m[1]["kind"]
            if kind == "statement":
                q.channel = q.channel or "statement"
            elif kind == "interview":
                q.channel = q.channel or "interview"
            elif kind == "platform_name":
                q.channel = q.channel or "social"
                e = self.ent_at(k)
                if q.via is None and e is not None:
                    q.via, q.via_text = e.id, e.name
                elif q.via_text is None:
                    q.via_text = self.text(k, k + m[0])
            if kind in ("outlet", "platform") and q.via is None:
                for x in range(k + m[0], min(k + m[0] + 5, r1)):
                    e = self.ent_at(x)
                    if e is not None and e.type not in ("PLACE", "PERSON", "NORP") and e.id != speaker:
                        q.via, q.via_text = e.id, e.name
                        break
            k += m[0]

    def in_quotation_entity(self, e: Entity, r0: int, r1: int) -> bool:
        """True when all of e's mentions in r0..r1 lie inside an already-taken quotation."""
        for k in range(r0, r1):
            if self.in_quotation(k) is None and any(ent is e for _s, _e, ent in self.mentions_at(k)):
                return False
        return True
