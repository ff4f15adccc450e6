"""Quotes and attribution: who said what, named or anonymous, to or through which outlet.

For every body block the stage finds speech cues (``speech_cues.tsv``): reporting verbs (قال،
أكد، كشف عن ...), participles that continue the previous statement (قائلاً، مضيفاً) and nominal
attributions (بحسب، وفق، حسبما).  A verb cue opens a quote when content follows it: a colon, a
quotation, a complement (أن/إن and their suffixed forms), the verb's own preposition (كشف عن،
أشار إلى، شدد على) or, for verbs that take a plain object (أكد، رجح، أعلن), the first clause after the
speaker's description; or when a quotation ends right before it (``"...", قال X``).

Speaker resolution, in order:

* a PERSON named in the subject after the verb (before any relative clause), else a role with an
  organisation (المتحدث باسم الوزارة → the organisation), a plural construct (مقاتلو جيش X → X), a
  possessive (مقاتلوها → the organisation named before it);
* "one of"/indefinite descriptions (أحد مقاتلي ...، ناشط مدني، مصدر أمني) and anonymity markers
  (رفض ذكر اسمه ...) → ``speaker`` null, ``anonymous`` true, ``speaker_text`` the description;
* definite descriptions (المقاتل الشيعي، الناشط) → the latest earlier speaker described with the
  same head noun, else the latest named source;
* no subject after a sentence-initial cue (وأضاف، وأوضح) → the previous quote's speaker; a subject
  before the verb (``القيادي ... سعيد مموزيني أكّد``) → that entity; a second cue in the same
  sentence with no subject extends the quote already open there.

``via`` is a MEDIA entity named between the start of the attribution and the content (لـ"X"،
لموقع (X)، عبر موقع "فيسبوك"), or an entity right after a channel cue (``via_cues.tsv``); a
``channel`` (statement, interview, social) is added when a cue says so.  A nominal attribution
in the same sentence (بيان البغدادي، بحسب مموزيني ...) becomes ``according_to``; one with no quote
in its sentence is kept in ``doc.user_data["attributions"]`` for :func:`attribution_for_offset`.
Cues inside a direct quotation are the speaker's own words: they are listed in the outer quote's
``nested`` and never become quotes of their own.
"""
from __future__ import annotations

from bisect import bisect_left
from functools import cached_property
from itertools import compress, count
from operator import attrgetter

from marsad.doc import ANALYSED, Doc
from marsad.stages.quote_block import BlockReader, DocMentions
from marsad.stages.quote_lex import Lexicon, QuoteRecord

_OPENING_KINDS = frozenset({"verb", "participle", "nominal"})
_SENT = attrgetter("sent")


class Quotes:
    """Find quotes and reported speech in body blocks and resolve speaker and outlet."""

    name = "quotes"
    requires = frozenset({"sentences", "tokens", "entities", "blocks"})
    provides = frozenset({"quotes"})

    def __init__(self, *, lexicon: Lexicon | None = None) -> None:
        self._lexicon = lexicon

    @cached_property
    def lex(self) -> Lexicon:
        return self._lexicon or Lexicon.load()

    def __call__(self, doc: Doc) -> Doc:
        found: list[QuoteRecord] = []
        attributions: list[dict] = []
        opening = self.lex.opening
        tokens = doc.tokens
        norms_all = doc.norms
        # Every quote and every attribution starts at a verb, participle or nominal cue match,
        # so a block with no token that can begin one yields nothing: skip it before pairing
        # marks or scanning lexicons (``opening`` holds every form such a match can start at).
        # Tested over the document first, then per block, on the norms lists (no set built).
        if not opening.isdisjoint(norms_all):
            self._blocks(doc, tokens, norms_all, found, attributions)
        doc.quotes = [_to_json(doc, q, i + 1) for i, q in enumerate(found)]
        doc.user_data["attributions"] = attributions
        return doc

    def _blocks(self, doc: Doc, tokens: list, norms_all: list[str], found: list[QuoteRecord],
                attributions: list[dict]) -> None:
        cues, opening, any_start = self.lex.cues, self.lex.opening, self.lex.any_start
        mentions: DocMentions | None = None   # made for the first block that is read
        # Segment makes sentences block by block and tokens sentence by sentence, so a block's
        # tokens are one slice of doc.tokens: from the first token of its first sentence to the
        # first token after its last sentence, found by bisection.
        sents_of: dict[int, list[int]] = {}
        for si, sn in enumerate(doc.sentences):
            r = sents_of.get(sn.block)
            if r is None:
                sents_of[sn.block] = [si, si]
            else:
                r[1] = si
        n_tok = len(tokens)
        for bi, b in enumerate(doc.blocks):
            if b.kind not in ANALYSED or bi not in sents_of:
                continue
            s0, s1 = sents_of[bi]
            a = bisect_left(tokens, s0, 0, n_tok, key=_SENT)
            z = bisect_left(tokens, s1 + 1, a, n_tok, key=_SENT)
            norms = norms_all[a:z]
            if not norms or opening.isdisjoint(norms):
                continue
            toks = tokens[a:z]
            # The block's forms that can start a phrase of any of the lexicons: each scan
            # intersects its own starts (a subset of any_start) with them, which is what it would
            # get from set(norms), with a few forms to go through instead of the block's ~70
            # (``at``: the block's tokens of those forms, ascending, found in one C-level pass; every
            # scan of the block visits only these instead of passing over all its tokens again)
            at = list(compress(count(), map(any_start.__contains__, norms)))
            forms = set(map(norms.__getitem__, at))
            cue_at = cues.scan(norms, forms=forms, at=at)
            # a block whose matches are all complements (أن، إنه ...) opens nothing: its reader
            # would only step over them (BlockReader.run acts on verb, participle and nominal cues)
            if any(info["kind"] in _OPENING_KINDS for _, info in cue_at.values()):
                if mentions is None:
                    mentions = DocMentions(sorted(((m.start, m.end, e) for e in doc.entities for m in e.mentions),
                                                  key=lambda x: (x[0], -x[1])))
                BlockReader(doc, self.lex, bi, toks, norms, forms, cue_at, mentions, found, attributions,
                            at=at).run()


def _to_json(doc: Doc, q: QuoteRecord, n: int) -> dict:
    sp = q.speaker
    out = {
        "id": f"q{n}",
        "speaker": None if sp.anonymous else sp.entity,
        "speaker_text": sp.text,
        "anonymous": sp.anonymous,
        "via": q.via,
        "cue": doc.span_json(*q.cue),
        "direct": q.direct,
        "content": {"start": q.start, "end": q.end},
        "resolved_by": sp.how,
    }
    if q.via_text:
        out["via_text"] = q.via_text
    if q.channel:
        out["channel"] = q.channel
    if q.according_to or q.according_to_text:
        out["according_to"] = q.according_to
        out["according_to_text"] = q.according_to_text
    if q.nested:
        out["nested"] = q.nested
    return out


# ---------------------------------------------------------------- helpers for other stages
def quote_for_offset(doc: Doc, start: int) -> dict | None:
    """The quote whose content contains original offset ``start`` (the innermost one), else None."""
    best = None
    for q in doc.quotes:
        c = q["content"]
        if c["start"] <= start < c["end"] and (best is None or c["end"] - c["start"] <
                                                best["content"]["end"] - best["content"]["start"]):
            best = q
    return best


def attribution_for_offset(doc: Doc, start: int) -> dict | None:
    """``{"speaker", "anonymous", "via"}`` for a claim at ``start``: the quote that contains it (its
    outer source, ``according_to``, when it has one), else a sentence-level "according to"."""
    q = quote_for_offset(doc, start)
    if q is not None:
        if q.get("according_to"):
            return {"speaker": q["according_to"], "anonymous": False, "via": q["via"]}
        return {"speaker": q["speaker"], "anonymous": q["anonymous"], "via": q["via"]}
    for a in doc.user_data.get("attributions", ()):
        if a["start"] <= start < a["end"]:
            return {"speaker": a["speaker"], "anonymous": a["anonymous"], "via": None}
    return None
