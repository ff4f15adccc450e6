"""Stage ``events``: PLOVER events coded from Arabic trigger words, with status and arguments.

For each analysed (body) sentence:

1. find triggers: single words looked up under clitic-stripped keys, multiword phrases
   (longest first), all from ``event_triggers.tsv`` (:mod:`marsad.stages.events_rules`);
2. split the sentence into clauses at ``، ؛ :`` and group triggers of one type in one clause
   into one event (مقتل … في هجوم … انفجار: one ASSAULT);
3. status from ``modality.tsv`` cues before/after the trigger in its clause (negation,
   intention, threat, condition, continuation), the future prefix س, an imperfect verb
   (ongoing) and the purpose ل on a verbal noun (لتحرير: planned);
4. refine the mode from instrument cue words in the clause (غارة → aerial, مفخخة → explosives …);
5. actor/recipient/location/date/quantities/attribution (:mod:`marsad.stages.events_args`);
6. ACLED event/sub-event type from ``acled_map.tsv``.

Every event carries ``rule``: the lexicon row (file:line and form) that coded it.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate, compress, count
from operator import attrgetter

from marsad import settings
from marsad.arabic.normalise import FATHATAN, TANWEEN
from marsad.doc import ANALYSED, Doc
from marsad.resources import path as data_path
from marsad.resources.gazetteer import place_kind_words
from marsad.stages.events_args import (
    ACTOR_TYPES,
    ANNA,
    ARMED_TYPES,
    PARTY_TAGS,
    PASSIVE_PARTICLES,
    PRONOUN_ANNA,
    RELATIVE,
    SUPPORT_TAGS,
    Mention,
    appositive_kinds,
    attribution_for,
    countries_as_states,
    find_locations,
    find_roles,
    is_passive,
    named_subject_before,
    object_place,
    pick_date,
    pick_quantities,
    support_subject,
)
from marsad.stages.events_rules import Entry, Lexicon
from marsad.stages.events_score import (
    _COMPLEMENTISERS,
    _DEFINITE,
    CLAUSE_BREAK,
    crowd_subject,
    light_verb,
    specificity,
    verb_before,
)

#: planned ASSAULT/COERCE become THREATEN with this mode (by the act's mode; "-" = any other)
THREAT_MODES = {"ASSAULT": {"-": "violence"},
                "COERCE": {"-": "restrict", "arrest": "arrest", "deport": "expel", "seize": "restrict"}}
_FORM = attrgetter("form")
_START = attrgetter("start")
#: status precedence when several cues govern one trigger
_RANK = {"negated": 5, "possible": 4, "planned": 3, "ongoing": 2, "occurred": 1}


class _Mentions:
    """A document's mentions (start, end, id, type), sorted, with the ones that can overlap a span
    found by bisection instead of a scan of the whole document per sentence."""

    __slots__ = ("items", "starts", "longest")

    def __init__(self, items: list[tuple[int, int, str, str]]) -> None:
        self.items = items
        self.starts = [m[0] for m in items]
        self.longest = max((m[1] - m[0] for m in items), default=0)

    def around(self, s0: int, s1: int) -> list[tuple[int, int, str, str]]:
        """Every mention overlapping [s0, s1), in order, plus possibly some that do not: one that
        starts before ``s0 - longest`` ends before ``s0``, one that starts at ``s1`` or later is past."""
        return self.items[bisect_left(self.starts, s0 - self.longest):bisect_left(self.starts, s1)]


@dataclass(slots=True)
class Hit:
    entry: Entry
    t0: int                 # sentence-local token span of the trigger
    t1: int
    flags: str = ""
    suf: str = ""           # pronoun suffix stripped from a single-word trigger (غارات+ه)
    status: str = "occurred"
    cue_rule: str | None = None
    extra: list[int] = field(default_factory=list)


#: types of acts of force: their agents may be named by the attack markers (events_args.find_roles)
_FORCE_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "THREATEN"})
#: statement types whose object country is their recipient (اتهمت إيران الولايات المتحدة)
_STATEMENT_TYPES = frozenset({"ACCUSE", "REJECT", "REQUEST", "SUPPORT", "COOPERATE", "AGREE", "THREATEN",
                              "SANCTION", "CONCEDE", "APPEAL"})
#: two-sided acts whose noun has its parties as the subject of the verb that concludes or holds it
#: (وقعت تركيا وروسيا اتفاقا، إن إيران وقعت اتفاقا: a country there is a state, see PARTY_TAGS)
_PARTY_TYPES = frozenset({"AGREE", "CONSULT"})
_YEAR_WORDS = frozenset({"عام", "العام", "سنه", "لعام", "بعام", "وعام"})
#: thousands and decimal separators inside a figure (15.000، 1,500، ١٬٥٠٠), removed by str.translate
_FIGURE_SEPARATORS = str.maketrans("", "", ".,\u066b\u066c")
#: determiners after which a verb-looking word is a noun: أي طالب، كل طالب (folded)
_NOUN_DETERMINERS = frozenset({"اي", "كل"})
#: types whose verbs take no object, so a count right after one is its subject, never a passive's
#: (تظاهر المئات من العراقيين، انسحب 200 جندي)
_NO_OBJECT = frozenset({"PROTEST", "RETREAT"})
#: the types still coded in a sentence about a match (sports rows): violence, protests, arrests and
#: deployments around a game are events; its meetings, agreements and refusals are sport
_SPORTS_KEEP = frozenset({"ASSAULT", "PROTEST", "COERCE", "MOBILIZE"})
#: the entity types that can claim an attack (Events._claims; the words are claim rows)
_CLAIMANT_TYPES = frozenset({"ARMED_GROUP", "ORG"})
#: endings of a verb inflected for a plural subject (هاجموا، يقتلون): see events_args.find_roles
_PLURAL_AGREEMENT = ("وا", "ون")


_TANWEEN = frozenset(TANWEEN)


def _has_tanween(text: str, tok) -> bool:
    """The token is written with a tanween mark (ً ٌ ٍ), as only nouns and adjectives are."""
    return not _TANWEEN.isdisjoint(text[tok.start:tok.end])


#: before a subject that comes first: a complementiser or لكن (لكن القوات انسحبت)
_ANNA = ANNA | {"لكن", "ولكن"}


def _subject_after_anna(norms: list[str], t0: int) -> int:
    """The first of 1-3 definite words between a complementiser and the verb at ``t0`` (غير أن
    السلطات اتهمت، إن القوات الحكومية قتلت), which are its subject (after أن the subject comes
    first, so the entity after the verb is its object); -1 when there are none."""
    j = t0 - 1
    while j >= 0 and t0 - j <= 3 and norms[j].startswith("ال") and len(norms[j]) > 3 and norms[j] not in RELATIVE:
        j -= 1
    return j + 1 if j < t0 - 1 and j >= 0 and norms[j] in _ANNA else -1


class Events:
    """PLOVER event coding (see module docstring)."""

    name = "events"
    requires = frozenset({"sentences", "tokens", "words", "entities", "blocks"})
    provides = frozenset({"events"})

    def __init__(self, *, lexicon: Lexicon | None = None, keep_low: bool = True, min_score: int | None = None) -> None:
        self._lex = lexicon
        self.min_score = settings.get("events_min_score") if min_score is None else min_score
        self._acled: dict | None = None
        self.keep_low = keep_low
        self._quote_finder = False  # resolved lazily: function or None
        # place_cues' kind and site words (object_place), and their definite forms (find_locations)
        self._kinds: frozenset[str] = frozenset()
        self._appositives: frozenset[str] | None = None
        self._anonymity = None  # the quotes lexicon's anonymity markers (_anonymity_marker)

    # ------------------------------------------------------------------ resources
    @property
    def lex(self) -> Lexicon:
        if self._lex is None:
            self._lex = Lexicon()
        return self._lex

    @property
    def acled(self) -> dict:
        if self._acled is None:
            self._acled = {}
            for line in data_path("acled_map.tsv").read_text(encoding="utf-8").splitlines():
                if not line.strip() or line.startswith("#"):
                    continue
                c = [x.strip() for x in line.split("\t")] + ["-"] * 5
                self._acled[(c[0], c[1], c[2])] = None if c[3] == "-" else (c[3], c[4])
        return self._acled

    def _anonymity_marker(self, norms: list[str], t0: int) -> bool:
        """An anonymity marker of the quotes lexicon (``anonymity.tsv``: رفض ذكر اسمه، طلب عدم
        الكشف عن هويته) starts at token ``t0``: the refusal or request withholds a source's name."""
        if self._anonymity is None:
            from marsad.stages.quote_lex import Lexicon as QuoteLexicon

            self._anonymity = QuoteLexicon.load().anonymity
        return self._anonymity.match(norms, t0) is not None

    def quote_finder(self):
        if self._quote_finder is False:
            try:
                from marsad.stages import quotes
            except Exception:  # noqa: BLE001 - quotes stage may be absent
                quotes = None
            self._quote_finder = getattr(quotes, "attribution_for_offset", None) or getattr(
                quotes, "quote_for_offset", None)
        return self._quote_finder

    # ------------------------------------------------------------------ main
    def __call__(self, doc: Doc) -> Doc:
        doc.events = []
        tokens = doc.tokens
        norms_all = doc.norms
        # A hit starts only at a token whose form is live (Lexicon.live_forms), so the document's
        # distinct forms are tested once here, and a sentence none of whose tokens is live goes
        # straight to ``pending`` (its subject is read only if a later sentence needs it) without
        # building anything for it.  No live form at all: no event in the document.
        live = self.lex.live_forms(norms_all)
        if not live:
            return doc
        sent_of = doc.sent_of
        n_tok, lo = len(tokens), 0
        lex = self.lex
        gated = live & lex.phrase_only.keys()
        if gated:
            # A form that starts only phrases (على of على جدران: over half of all live tokens)
            # makes its sentence live only where the next token of the same sentence has one of
            # the phrases' second words among its keys; elsewhere _triggers finds nothing at it.
            firm = live - gated
            live_sents = set(compress(sent_of, map(firm.__contains__, norms_all)))
            only, key_set = lex.phrase_only, lex.key_set
            for p in compress(range(n_tok - 1), map(gated.__contains__, norms_all)):
                si = sent_of[p]
                if si not in live_sents and sent_of[p + 1] == si and not only[norms_all[p]].isdisjoint(
                        key_set(norms_all[p + 1])):
                    live_sents.add(si)
        else:
            live_sents = set(compress(sent_of, map(live.__contains__, norms_all)))   # C-level, no per-token bytecode
        mentions = _Mentions(self._mentions(doc))
        # the previous sentences' subject (zero-subject verbs, see _carried); the sentences not
        # yet read for it, as (first token, one past the last); the quantity starts, made on first use
        ctx: dict = {"subject": None, "pending": [], "quant_starts": None}
        blocks = doc.blocks
        for si, s in enumerate(doc.sentences):
            if blocks and blocks[s.block].kind not in ANALYSED:
                continue
            # Tokens are in sentence order (segment appends them sentence by sentence), so a
            # sentence's tokens are one slice, found by bisection instead of regrouping them all.
            a = bisect_left(sent_of, si, lo, n_tok)
            lo = bisect_left(sent_of, si + 1, a, n_tok)
            if lo <= a:
                continue
            if si in live_sents:
                self._sentence(doc, s, tokens, norms_all, a, lo, live, mentions, ctx)
            else:
                ctx["pending"].append((a, lo))
        if doc.events:
            self._claims(doc, norms_all, sent_of)
        for k, ev in enumerate(doc.events, 1):
            ev["id"] = f"v{k}"
        return doc

    def _claims(self, doc: Doc, norms: list[str], sent_of: list[int]) -> None:
        """Claims of responsibility name the attacker of an attack reported without one: in
        "أعلنت حركة الشباب مسؤوليتها عن الهجوم" (تبنى، أعلن … مسؤولية, not after a negation: لم تتبن
        أي جهة المسؤولية) the armed group or organisation named between the verb and مسؤولية becomes
        the actor of the ASSAULT events with no actor in the claim's sentence or, failing that, in
        the nearest of the three sentences before it that has such events."""
        tokens = doc.tokens
        starts = [(m.start, m.end, e.id, e.type) for e in doc.entities if e.type in _CLAIMANT_TYPES
                  for m in e.mentions]
        if not starts:
            return
        lex = self.lex
        verbs = tuple(lex.claim_verbs)
        # the claim words' tokens, picked out without a Python loop over the document's tokens
        # (a per-token loop here was ~1.5% of a whole run)
        for p in compress(range(len(norms)), map(lex.claim_words.__contains__, norms)):
            si = sent_of[p]
            verb = next((j for j in range(p - 1, max(-1, p - 8), -1)
                         if sent_of[j] == si and norms[j].startswith(verbs)), None)
            if verb is None or any(norms[j] in lex.claim_not for j in range(max(0, verb - 2), p)):
                continue
            a, b = tokens[verb].end, tokens[p].start
            who = [eid for s0, e0, eid, _ in starts if a <= s0 and e0 <= b]
            if not who:
                continue
            bare = [ev for ev in doc.events if ev["type"] == "ASSAULT" and not ev["actor"]]
            for back in range(0, 4):
                sj = si - back
                if sj < 0:
                    break
                s = doc.sentences[sj]
                hit = [ev for ev in bare if s.start <= ev["trigger"]["start"] < s.end]
                if hit:
                    for ev in hit:
                        ev["actor"] = [who[0]]
                        ev["rule"] += f"; actor: claim of responsibility at {tokens[p].start}"
                    break

    @staticmethod
    def _mentions(doc: Doc) -> list[tuple[int, int, str, str]]:
        out = [(m.start, m.end, e.id, e.type) for e in doc.entities for m in e.mentions]
        out.sort()
        return out

    # ------------------------------------------------------------------ one sentence
    def _sentence(self, doc: Doc, s, tokens: list, norms_all: list[str], a: int, z: int, live: set[str],
                  mentions, ctx: dict) -> None:
        norms = norms_all[a:z]
        hits = self._triggers(norms, len(norms), live)
        if hits and any(h.suf == "ه" for h in hits):
            # folding wrote ة as ه: a word written with ة has no pronoun ه (وزارة is no و + زار + ه)
            hits = [h for h in hits if h.suf != "ه" or not tokens[a + h.t0].form.endswith("ة")]
        if hits and any(h.entry.type in self.lex.not_before for h in hits):
            # يقبل رأس والده (a kiss), تجمع بين (combines): no trigger (not_before rows)
            hits = [h for h in hits if not (h.t1 < len(norms) and self.lex.cancelled(h.entry.type, norms[h.t1]))]
        if hits and any(h.entry.type in self.lex.not_after for h in hits):
            # طائرة إسرائيلية مسيرة (a drone), no march (not_after rows)
            hits = [h for h in hits if not self.lex.cancelled_after(h.entry.type, norms, h.t0)]
        if hits and any(h.entry.kind == "verb" and self._paired_noun(norms, h.t0, h.t1) for h in hits):
            # طالب وطالبة "students, men and women": the verb-looking word is a noun
            hits = [h for h in hits if not (h.entry.kind == "verb" and self._paired_noun(norms, h.t0, h.t1))]
        if hits and any(h.entry.kind == "verb" and h.t0 > 0 and self._counted(norms, h.t0) for h in hits):
            # a perfect-verb form right after a figure is the counted noun (12 مليون طالب
            # "students", 1500 طالب): no verb follows a figure with nothing between (a year may:
            # وفي عام 2013 قتل; and a number word may be a subject: ثلاثة قتلوا)
            hits = [h for h in hits if not (h.entry.kind == "verb" and h.entry.form != "imperfect" and h.t0 > 0
                                            and self._counted(norms, h.t0))]
        if hits and any(h.entry.kind == "verb" for h in hits):
            # a word written with tanween (فجراً "at dawn", قتلاً) is a noun: verbs never take it
            hits = [h for h in hits if not (h.entry.kind == "verb" and h.t1 - h.t0 == 1 and _has_tanween(
                doc.text, tokens[a + h.t0]))]
        if not hits:
            # A sentence's subject is read only as the next sentences' ``carried`` subject, so
            # for most sentences (no trigger) it is found later, only if needed (_carried).
            ctx["pending"].append((a, z))
            return
        toks = tokens[a:z]
        carried = self._carried(ctx, tokens, norms_all, mentions)
        ments = self._sentence_mentions(toks, mentions, doc.text)
        subj = sentence_subject(norms, ments)
        if subj:
            ctx["subject"] = subj
        if ments:
            # a trigger word inside a name (التحالف الدولي، حزب التحرير) is not an event: a token
            # of a multi-token mention, or a one-token mention that is not a place
            inside = set()
            for m in ments:
                if m.last > m.first:
                    inside.update(range(m.first, m.last + 1))
                elif m.etype != "PLACE":
                    inside.add(m.first)
            hits = [h for h in hits if h.t0 not in inside]
            if not hits:  # most sentences: nothing below can emit an event
                return
        # clause_of[i]: clause breaks among tokens 0..i (a running count, so it never decreases
        # and a clause's tokens are the slice bisection finds for its number)
        clause_of = list(accumulate(map(CLAUSE_BREAK.__contains__, map(_FORM, toks)), initial=0))
        del clause_of[0]
        tags, known = self.lex.tags, self.lex.tags_cache
        # word classes, once per sentence: the cached ones in one C-level pass, the few new forms
        # (None from get: tags_cache never holds None) filled in after
        tg = list(map(known.get, norms))
        if None in tg:
            tg = [tags(w) if x is None else x for w, x in zip(norms, tg, strict=True)]
        quant_starts = ctx["quant_starts"]
        if quant_starts is None:  # the same for every sentence of the document
            quant_starts = ctx["quant_starts"] = {q.get("start") for q in doc.quantities}
        groups: dict[tuple[int, str], list[Hit]] = {}
        for h in hits:
            self._status(h, norms, tg, clause_of)
            groups.setdefault((clause_of[h.t0], h.entry.type), []).append(h)
        for (ci, _typ), hs in groups.items():
            if not self.keep_low and all(h.entry.conf == "low" for h in hs):
                continue
            bound = (bisect_left(clause_of, ci), bisect_right(clause_of, ci))
            if all(h.entry.conf == "low" for h in hs) and not self._supported(hs, norms, tg, bound, ments,
                                                                                quant_starts, toks):
                continue
            self._emit(doc, s, toks, norms, tg, ments, bound, hs, quant_starts, hits, carried)

    def _carried(self, ctx: dict, tokens: list, norms_all: list[str], mentions: _Mentions) -> str | None:
        """The subject of the latest earlier sentence that has one: ``ctx["subject"]`` holds it up to
        the sentences in ``ctx["pending"]`` (token ranges not yet read), read from the latest back."""
        pending = ctx["pending"]
        while pending:
            a, z = pending.pop()
            ments = self._sentence_mentions(tokens[a:z], mentions)
            subj = sentence_subject(norms_all[a:z], ments) if ments else None
            if subj:
                ctx["subject"] = subj
                break
        pending.clear()
        return ctx["subject"]

    def _triggers(self, norms: list[str], n: int, live: set[str]) -> list[Hit]:
        """Hits of the sentence ``norms``; ``live`` holds (at least) its forms that start something."""
        lex = self.lex
        trigger = lex.trigger
        hits: list[Hit] = []
        i = 0   # the first token not inside an earlier hit
        # only a token whose form is live can start a hit: visit those, in order
        for p in list(compress(count(), map(live.__contains__, norms))):
            if p < i:
                continue
            i = p
            phrases, mw = trigger(norms[i])
            got = None
            for e, flags in phrases:
                m = len(e.words)
                if i + m < n and all(lex.has_key(norms[i + 1 + j], e.words[j]) for j in range(m)):
                    got = Hit(e, i, i + 1 + m, flags)
                    break
            if got is None and mw:
                es, flags, suf = mw
                got = Hit(es[0], i, i + 1, flags, suf)
            if got is not None and got.entry.conf == "cued" and not self._cue_after(norms, got):
                got = None
            if got is not None and got.entry.paired and not lex.paired(norms, got.t0, got.t1):
                got = None   # الاتصالات alone: telecommunications (هيئة الاتصالات، قطاع الاتصالات)
            if got is not None and got.entry.concluded and not lex.concluded(norms, got.t0):
                got = None   # الاتفاق alone names a known deal (انتهكت إيران الاتفاق), no new one
            if got is not None:
                hits.append(got)
                i = got.t1
            else:
                i += 1
        return hits

    def _cue_after(self, norms: list[str], h: Hit) -> bool:
        """A ``cued`` trigger (أطلق، شن …) needs an instrument or trigger of its type within 5 words after it."""
        typ = h.entry.type
        lex = self.lex
        for j in range(h.t1, min(len(norms), h.t1 + 5)):
            if lex.instrument_at(norms, lex.tags(norms[j]), j, typ):
                return True
            mw = lex.trigger(norms[j])[1]   # = lex.match_word(norms[j]), cached
            if mw and any(e.type == typ and e.conf != "cued" for e in mw[0]):
                return True       # شن … هجوما: the launched thing is an attack
        return False

    def _status(self, h: Hit, norms: list[str], tg: list[frozenset[str]], clause_of: list[int]) -> None:
        e = h.entry
        lex = self.lex
        ci = clause_of[h.t0]
        status, rule = "occurred", None
        if e.form == "imperfect":
            status = "planned" if "s" in h.flags else "ongoing"
        elif e.kind in ("noun", "phrase") and h.flags in ("l", "wl", "fl") and not norms[h.t0].endswith(
                ("ات", "اته", "اتها", "اتهم")) and not (
                h.t0 > 0 and any("happen2" in x for x in tg[max(0, h.t0 - 3):h.t0])) and not light_verb(
                lex, norms, tg, h) and not any(k in lex.person_words for k, _, _ in lex.keys(norms[h.t0])[:3]):
            # purpose ل (لتحرير), but not after تعرض/أدى (تعرض للخطف، أدى لمقتل: it happened), nor
            # before the harmed people themselves (تقديم العلاج للمصابين: to the wounded)
            status, rule = "planned", "purpose ل + verbal noun"
        if e.form == "imperfect" and h.t0 > 0 and norms[h.t0 - 1] in ("ان", "لان", "وان"):
            status = "planned"
        best = 0
        # cues before the trigger, nearest first
        j = h.t0 - 1
        before_cues, known = lex.before_cues, lex.before_cache
        while j >= 0 and clause_of[j] == ci and h.t0 - j <= 10:
            w = norms[j]
            for cue in known[w] if w in known else before_cues(w):
                m = len(cue.words)
                if not all(j + 1 + q < len(norms) and norms[j + 1 + q] == cue.words[1 + q] for q in range(m - 1)):
                    continue
                gap = h.t0 - (j + m)
                if gap < 0 or gap > cue.window or not self._applies(cue.applies, e):
                    continue
                r = _RANK[cue.status]
                if r > best:
                    best, status, rule = r, cue.status, cue.rule
                break
            j -= 1
        # cues after the trigger
        j = h.t1
        while j < len(norms) and clause_of[j] == ci and j - h.t1 <= 10 and best == 0:
            for cue in lex.cues.get(norms[j], ()):
                m = len(cue.words)
                if cue.side == "after" and j - h.t1 <= cue.window and all(
                        j + q < len(norms) and norms[j + q] == cue.words[q] for q in range(m)):
                    status, rule, best = cue.status, cue.rule, _RANK[cue.status]
                    break
            j += 1
        h.status, h.cue_rule = status, rule

    @staticmethod
    def _applies(applies: str, e: Entry) -> bool:
        if applies == "any":
            return True
        if applies == "verb":
            return e.kind == "verb"
        if applies == "noun":
            return e.kind != "verb"
        if applies == "imperfect":
            return e.form == "imperfect"
        if applies == "perfect":
            return e.form in ("perfect", "passive")
        return True

    def _supported(self, hs: list[Hit], norms, tg, bound, ments, quant_starts, toks) -> bool:
        """A low-confidence trigger needs a mode cue, a count or an entity in its clause.  One of a
        ``forces`` row (توجه، تحركات: headed for, movements) needs forces there instead: a force
        word (a cue of its type: قوات، جنود، تعزيزات …) or an armed group or state force; one of a
        ``troops`` row (نشر، أرسل: deployed, sent) needs the force word, the thing deployed or sent
        (داعش ينشر صورا publishes).  A force word counts near the trigger: from 4 words before it
        (the subject: القوات توجهت) to 10 after it (the subject, then the object: أرسلت قيادة
        التنظيم خلال المدة الماضية أكثر من 200 مسلح); so does an armed actor (a long clause may name
        one far from an unrelated توجه: المنظمات كانت تتوجه إلى صنعاء … ارتكبها الحوثيون).  The
        words after it stop at a complementiser: what follows أن is another clause (بيان نشرته على
        صفحتها أن القوات ضبطت: the statement was published, nothing deployed)."""
        c0, c1 = bound
        typ = hs[0].entry.type
        need = {h.entry.forces for h in hs}
        if need != {""}:
            a = max(c0, min(h.t0 for h in hs) - 4)
            t1 = max(h.t1 for h in hs)
            b = min(c1, t1 + 10)
            b = next((j for j in range(t1, b) if norms[j] in _COMPLEMENTISERS), b)
            if any(self.lex.instrument_at(norms, tg[j], j, typ) for j in range(a, b)):
                return True
            return "word" not in need and any(a <= m.first < b and m.etype in ARMED_TYPES for m in ments)
        for j in range(c0, c1):
            if self.lex.instrument_at(norms, tg[j], j, typ):
                return True
            if toks[j].start in quant_starts:
                return True
        return any(c0 <= m.first < c1 and m.etype != "PLACE" for m in ments)

    def _sentence_mentions(self, toks: list, mentions: _Mentions, text: str = "") -> list[Mention]:
        out = []
        if not mentions.items:
            return out
        s0, s1 = toks[0].start, toks[-1].end
        starts = None   # made for the first mention inside (many sentences have none)
        for ms, me, eid, etype in mentions.around(s0, s1):
            if me <= s0 or ms >= s1:
                continue
            if starts is None:
                starts = list(map(_START, toks))
            first = max(0, bisect_right(starts, ms) - 1)
            last = max(first, bisect_right(starts, me - 1) - 1)
            # a PLACE starting inside its token after a glued preposition (لإسرائيل، بسوريا) can be
            # no subject; و/ف are conjunctions
            bare = etype == "PLACE" and not any(c in "بلك" for c in text[toks[first].start:ms])
            out.append(Mention(first, last, eid, etype, bare, ms))
        return out

    @staticmethod
    def _countries(doc: Doc, ments: list[Mention]) -> frozenset[str]:
        """Ids of the PLACE entities placed as countries, when the sentence has a bare PLACE."""
        if not any(m.etype == "PLACE" and m.bare for m in ments):
            return frozenset()
        return frozenset(e.id for e in doc.entities if e.type == "PLACE" and (e.place or {}).get("kind") == "country")

    # ------------------------------------------------------------------ building the event
    def _emit(self, doc: Doc, s, toks, norms, tg, ments, bound, hs: list[Hit], quant_starts, hits,
              carried: str | None = None) -> None:
        hs = sorted(hs, key=lambda h: (h.entry.conf != "high", h.t0))
        main = hs[0]
        e = main.entry
        c0, c1 = bound
        status = max((h.status for h in hs), key=lambda st: _RANK[st]) if any(
            h.status == "negated" for h in hs) else main.status
        typ = e.type
        if status == "negated" and e.neg:
            typ, status = e.neg, "occurred"
        mode = self._mode(typ, e.mode, hs, norms, tg, c0, c1)
        if typ == "PROTEST" and e.kind == "verb" and self._festive(norms, c0, c1, hits):
            return   # احتشد كثيرون لمشاهدة الألعاب النارية: a crowd at a celebration
        if typ == "ASSAULT" and any(n in self.lex.animal_words for n in norms[max(0, main.t0 - 4):main.t1 + 4]):
            return   # ذبح ٣٠ من الأبقار، قتل الطيور، نقل الذبائح إلى المسالخ وذبحها: butchery or culling
        if typ == "AGREE" and e.kind == "verb" and _agrees_that(norms, main.t1):
            return   # يتفق المحللون أن هذه الأشهر …: an opinion shared, no agreement reached
        if typ in ("REJECT", "REQUEST") and self._anonymity_marker(norms, main.t0):
            return   # الذي رفض ذكر اسمه، طالبا عدم الإشارة إلى اسمه: an anonymous source, no refusal
        if typ == "ASSAULT" and e.judicial and self.lex.phrase_at("judicial", norms, 0, len(norms)):
            # أعدم خمسة أدينوا بتهم الاغتصاب: a judicial execution, a sentence carried out, no attack
            # (the other triggers of its group are the charges)
            return
        if typ == "ASSAULT" and mode is None and all(h.entry.role not in ("actor", "both") for h in hs) \
                and self.lex.phrase_at("accident", norms, 0, len(norms)):
            # deaths or injuries (لقي مصرعه، أصيب) with no weapon and no attack word, in a sentence
            # that names an accident (حادث مروري، اصطدام، انهيار مبنى): no attack
            return
        if status == "planned" and typ in THREAT_MODES:
            # PLOVER codes a stated intention to attack / arrest (يعتزم مهاجمة، قرارنا ضربها، للهجوم على)
            # as THREATEN, not as the act itself
            typ, mode = "THREATEN", THREAT_MODES[typ].get(mode or "-", THREAT_MODES[typ]["-"])
        tok0 = toks[main.t0]
        ev_start, ev_end = toks[c0].start, toks[c1 - 1].end
        if toks[c0].form in (",", ";", ":", "(", ")") and c1 - c0 > 1:
            ev_start = toks[c0 + 1].start
        trig = doc.span_json(toks[main.t0].start, toks[main.t1 - 1].end)
        date = pick_date(doc, s.start, s.end, trig["start"])
        quantities = pick_quantities(doc, ev_start, ev_end)
        bar = self.lex.bars.get(typ, 0)
        # a planned/possible/negated act must be stated more concretely; a political statement of
        # intent or refusal (استعدادهم لدعم، لا نقبل) is itself the event, so no extra bar there
        low = e.conf == "low" and not (typ == "PROTEST" and crowd_subject(self.lex, norms, hs))
        need = self.min_score + bar + (1 if low and bar >= 0 else 0) + (
            (2 if status == "negated" else 1) if status not in ("occurred", "ongoing") and bar >= 0 else 0)
        # Participants and a place each add exactly one signal to the score, nothing else: with
        # both assumed, the score is an upper bound, so an event that fails the bar even then is
        # dropped before its arguments are looked for (most dropped events).
        best = specificity(self.lex, doc, s, toks, norms, tg, main, hs, hits, quantities, date, True, True)
        if e.kind != "verb" and ("al" in main.flags or norms[main.t0].startswith(_DEFINITE)) and not (
                "light-verb" in best[1] or "occur-verb" in best[1]) and any(
                v["type"] == typ and v["rule"].startswith(e.rule) and v["trigger"]["start"] < s.start
                for v in doc.events):
            # a definite noun whose row already coded an event of the type in an earlier sentence
            # (الاتفاق after اتفاق نووي) refers back to it: the agreement, not a new agreeing
            best = (best[0] - 2, [*best[1], "repeated(-2)"])
        if self.min_score > 0 and best[0] < need:
            return
        passive = e.form == "passive" or (
            e.kind == "verb" and is_passive(doc.text, tok0.start, tok0.end, self._prefix_len(main.flags)))
        if main.t0 > 0 and norms[main.t0 - 1] in PASSIVE_PARTICLES:
            passive = True
        if e.kind == "verb" and self._counted_victims_before(norms, main.t0):
            passive = True   # إن أكثر من 40 مدنياً قتلوا: the civilians were killed
        attack_at = self._harmed_in(norms, tg, main, hits) if typ == "ASSAULT" and e.kind == "verb" else -1
        harmed = attack_at >= 0
        if harmed:
            passive = True   # قد قتلت في هجوم انتحاري: she was killed in the attack
        # a count right after a verb reads it as passive (قتل 5 أشخاص "5 were killed"), but not
        # after من/عن, where the verb-looking word is a verbal noun (تمكنوا من قتل العشرات)
        near_subject = _subject_after_anna(norms, main.t0) if e.kind == "verb" else -1
        pron_subject = main.t0 > 0 and (norms[main.t0 - 1] in PRONOUN_ANNA or near_subject >= 0)
        party_noun = e.kind != "verb" and e.role == "both" and typ in _PARTY_TYPES
        ments = countries_as_states(
            toks, norms, tg, ments, c0, c1, countries=self._countries(doc, ments),
            verbs={(h.t0, h.t1) for h in hits if h.entry.kind == "verb" and h.entry.form != "passive"},
            objects=typ in _STATEMENT_TYPES, support=PARTY_TAGS if party_noun else SUPPORT_TAGS,
            conjuncts=party_noun)
        # the subject named right before the verb (SVO): what follows the verb is its object
        # (not with an object pronoun and a name within three words after the verb, its subject:
        # هدنة من طرف التحالف طلبها الرئيس هادي)
        subject_first = e.kind == "verb" and e.form != "passive" and named_subject_before(
            norms, ments, main.t0, self.lex.member) and not (main.suf not in ("", "ا") and any(
                main.t1 <= m.first < main.t1 + 3 and m.etype in ACTOR_TYPES for m in ments))
        # (a protest or a withdrawal has no object: تظاهر المئات، انسحب 200 جندي name its subject)
        number_after = typ not in _NO_OBJECT and main.t1 < len(toks) and (
            toks[main.t1].start in quant_starts or toks[main.t1].form.isdigit()) \
            and not (main.t0 > 0 and norms[main.t0 - 1] in ("من", "عن")) \
            and not (pron_subject and self._accusative(doc, toks, norms, main.t1)) \
            and not subject_first
        actor_m = [m for m in ments if not (main.t0 <= m.first < main.t1)]
        attribution = attribution_for(doc, tok0.start, self.quote_finder())
        if e.kind == "verb" and any(h.t0 == main.t1 and h.entry.kind != "verb" for h in hs):
            carried = None   # استهدف هجوم بسيارة مفخخة …: the verb's subject is the attack itself
        actors, recips, passive, from_outside = find_roles(
            norms=norms, ments=actor_m, t0=main.t0, t1=main.t1,
            c0=c0, c1=c1, kind=e.kind, role=e.role, passive=passive, number_after=number_after,
            member=self.lex.member, pron=bool(main.suf) and main.suf not in ("ي", "ا"), carried=carried,
            first_person=first_person(e, norms[main.t0]), speaker=(attribution or {}).get("speaker"),
            statement=self.lex.bars.get(typ, 0) < 0, titles=self.lex.title_words,
            counts={j for j in range(main.t1, c1) if self.lex.count_word(norms[j])},
            near_subject=near_subject, harmed=harmed,
            attack=typ in _FORCE_TYPES,
            stance=frozenset() if e.kind == "verb" else frozenset(
                j for j in range(c0, main.t0) if norms[j] in self.lex.stance_words
                or norms[j][:1] in ("و", "ف") and norms[j][1:] in self.lex.stance_words),
            agreed=e.kind == "verb" and (pron_subject or subject_first or (
                main.t1 - main.t0 == 1
                and norms[main.t0][:len(norms[main.t0]) - len(main.suf)].endswith(_PLURAL_AGREEMENT))))
        if harmed:
            # the attack's genitive, an armed actor right after it, is its author (قُتل جراء قصف
            # القوات الأوكرانية)
            author = next((m for m in actor_m if m.first == attack_at + 1 and m.etype in ARMED_TYPES), None)
            if author is not None and author.eid not in actors and author.eid not in recips:
                actors = [*actors, author.eid]
        if e.kind != "verb" and e.role != "both" and (from_outside or not actors):
            # X نفذت ضربة / شنت X غارات / قامت X باعتقال: the subject of the support verb right
            # before the verbal noun is its agent, named in the clause, not a guess from outside it
            subj = support_subject(norms, tg, actor_m, main.t0, c0)
            if subj is not None and subj not in recips and (not actors or subj in actors):
                actors, from_outside = [subj], False
        own_recips = recips   # the specificity signal counts the main trigger's own arguments
        if not recips and not harmed:
            # غارة … عن مقتل عشرة جنود أفغان: the group's victim noun names the recipient
            # (not the attack a harmed subject suffered: its genitive is the attacker, above)
            for h in hs:
                if h is not main and h.entry.kind == "noun" and h.entry.role == "recipient":
                    _, got, _, _ = find_roles(
                        norms=norms, ments=[m for m in actor_m if m.eid not in actors], t0=h.t0, t1=h.t1,
                        c0=c0, c1=c1, kind="noun", role="recipient", passive=False, number_after=False,
                        member=self.lex.member, pron=False, carried=None,
                        counts={j for j in range(h.t1, c1) if self.lex.count_word(norms[j])})
                    if got:
                        recips = got
                        break
        places = [m for m in ments if m.etype == "PLACE"]
        if self._appositives is None:
            self._kinds = place_kind_words(sites=True)
            self._appositives = appositive_kinds(self._kinds)
        location = find_locations(norms=norms, places=places, t0=main.t0, t1=main.t1, c0=c0, c1=c1,
                                  appositives=self._appositives,
                                  s_len=len(toks))
        if not location and typ == "ASSAULT" and e.kind == "verb" and not passive:
            hit = object_place(norms=norms, places=places, ments=actor_m, t1=main.t1, c1=c1, kinds=self._kinds)
            location = [hit] if hit else []
        has_loc = bool(location)
        if not location and typ == "ASSAULT" and recips:
            # غارات على مدينة إدلب: the place attacked (a target marker's place) is where it happened;
            # not a second specificity signal, the one mention already counts as the participant
            hit_places = {m.eid for m in places}
            location = [r for r in recips if r in hit_places][:1]
        recips = [r for r in recips if r not in location or typ != "ASSAULT" or len(recips) == 1]
        own_recips = [r for r in own_recips if r not in location or typ != "ASSAULT" or len(own_recips) == 1]
        has_args = bool(own_recips or actors and not from_outside)
        score, why = best
        if not (has_args and has_loc):
            # the same signals without the missing ones: each was appended once and added exactly 1
            # to the score (see specificity), nothing else depends on them
            why = [w for w in why if not (w == "participants" and not has_args or w == "place" and not has_loc)]
            score -= len(best[1]) - len(why)
        if self.min_score > 0 and score < need:
            return
        if typ not in _SPORTS_KEEP and self.lex.phrase_at("sports", norms, 0, len(norms)):
            # يلتقي الأهلي والزمالك على استاد …، اتفق النادي مع المدرب: a match, not a meeting
            # (tested last: a scan of the sentence, for the few events that pass the bar)
            return
        ev = {
            "id": "",
            "type": typ,
            "mode": mode,
            "acled": self._acled_for(doc, typ, mode, e.role == "both", recips),
            "actor": actors,
            "recipient": recips,
            "location": location,
            "date": date,
            "quantities": quantities,
            "status": status,
            "attribution": attribution,
            "trigger": trig,
            "evidence": {"start": ev_start, "end": ev_end},
            "rule": e.rule + (f"; status: {main.cue_rule}" if main.cue_rule else "")
                    + ("; passive" if passive and e.kind == "verb" else ""),
            "confidence": e.conf,
            "specificity": {"score": score, "signals": why},
        }
        doc.events.append(ev)

    def _counted_victims_before(self, norms: list[str], t0: int) -> bool:
        """The word before the verb at ``t0`` is a victim word (victim rows) counted by a figure or
        number word right before it (أكثر من 40 مدنياً قتلوا، ثلاثة أطفال أصيبوا)."""
        if t0 < 2:
            return False
        w = norms[t0 - 1]
        if not any(k in self.lex.victim_words for k, _f, _s in self.lex.keys(w)[:2]):
            return False
        return self.lex.count_word(norms[t0 - 2])

    def _harmed_in(self, norms: list[str], tg, main: Hit, hits: list[Hit]) -> int:
        """The token of the attack the verb's subject suffered, or -1: right after the verb, a
        harmed_in word and an attack noun or instrument (قتل في هجوم انتحاري، أصيبوا جراء القصف), or
        an attack noun with ب (قُتل بغارة إسرائيلية).  An active verb has its object in between (قتل
        الجيش مسلحين في غارة) or on itself (قتلهم في كمين), so this reads the verb as passive.  An
        instrument with ب is left out: an active verb takes it before its object (قصف بقذائف الهاون
        تل الشيخ)."""
        j = main.t1
        if main.suf or j >= len(norms):
            return -1
        bare = norms[j] in self.lex.harmed_words
        if bare:
            j += 1
            if j >= len(norms):
                return -1
        # (after في/جراء the word is a noun even where it reads as a verb too: جراء قصف القوات)
        if any(h.t0 == j and h.entry.type == "ASSAULT" and (bare or h.entry.kind != "verb" and "b" in h.flags)
               for h in hits):
            return j
        return j if bare and self.lex.instrument_at(norms, tg[j], j, "ASSAULT") else -1

    def _accusative(self, doc: Doc, toks, norms: list[str], t: int) -> bool:
        """The count phrase from token ``t`` is marked as an object: a number word in -ين (عشرين،
        ثلاثين) or a word written with tanween fath (مسلحاً) within 3 words.  After أنه a verb
        with such an object is active (أعلن الجيش أنه قتل نحو عشرين مسلحاً: the army killed);
        unmarked (أنه قتل 5 أشخاص) it is read as passive (5 were killed), the more frequent sense."""
        for j in range(t, min(len(toks), t + 3)):
            w = norms[j]
            if w.endswith("ين") and self.lex.count_word(w) or FATHATAN in doc.text[toks[j].start:toks[j].end]:
                return True
        return False

    def _counted(self, norms: list[str], t: int) -> bool:
        """The word before token ``t`` is a figure that is no year (1500 but not عام 2013) or a
        multiplier or hundreds word of ``number_words.tsv`` (مليون، ألف، مئة)."""
        w = norms[t - 1]
        if w.isdigit():
            return not (len(w) == 4 and w[:2] in ("19", "20") or t > 1 and norms[t - 2] in _YEAR_WORDS)
        if w[:1].isdigit() and w.translate(_FIGURE_SEPARATORS).isdigit():
            return True  # 15.000 طالب، 1,500 طالب: a figure with separators is no year
        if w in _NOUN_DETERMINERS or w[1:] in _NOUN_DETERMINERS and w[0] in "وفبل" \
                or w[2:] in _NOUN_DETERMINERS and w[0] in "وف" and w[1] in "بل":
            return True  # أي طالب، لأي طالب، وكل طالب "any / every student": a noun, no verb follows
        return not self.lex.number_words.get(w, frozenset()).isdisjoint(("mult", "dualmult", "hundred"))

    @staticmethod
    def _paired_noun(norms: list[str], t0: int, t1: int) -> bool:
        """A verb-looking word followed by و + itself + ة: a noun and its feminine (طالب وطالبة
        "students, men and women", معلم ومعلمة), no verb."""
        return t1 < len(norms) and t1 - t0 == 1 and norms[t1] == "و" + norms[t0] + "ه"

    def _festive(self, norms: list[str], c0: int, c1: int, hits) -> bool:
        """A festive row (احتفال، مهرجان، لمشاهدة …) in the clause, and no PROTEST noun or phrase
        trigger there (مظاهرة، احتجاجا على)."""
        if any(h.entry.type == "PROTEST" and h.entry.kind != "verb" and c0 <= h.t0 < c1 for h in hits):
            return False
        return self.lex.phrase_at("festive", norms, c0, c1)

    @staticmethod
    def _prefix_len(flags: str) -> int:
        return len(flags.replace("al", "").replace("s", "x"))

    def _verb_before(self, prev: str) -> bool:
        """See :func:`marsad.stages.events_score.verb_before`."""
        return verb_before(self.lex, prev)

    def _mode(self, typ: str, mode: str | None, hs: list[Hit], norms, tg, c0: int, c1: int) -> str | None:
        modes = [h.entry.mode for h in hs if h.entry.type == typ and h.entry.mode]
        if typ != "ASSAULT":
            return mode or (modes[0] if modes else None)
        found: list[str] = []
        mode_tag, long_tag = "mode:" + typ, "mode+:" + typ
        j = c0
        while j < c1:
            if mode_tag not in tg[j] and long_tag not in tg[j]:   # no instrument cue of this type starts here
                j += 1
                continue
            mc = self.lex.instrument_cue(norms, j, typ, c1)
            if mc is None:
                j += 1
            else:
                found.append(mc.mode)
                j += len(mc.words)
        # the most specific instrument wins
        for pref in ("suicide-attack", "drone", "unconventional", "aerial", "explosives", "heavy-weapons",
                     "crowd-control", "firearms", "primitive"):
            if (pref in found or pref in modes) and (
                    mode in (None, "firearms", "heavy-weapons", "explosives") or pref in ("suicide-attack", "drone")):
                return pref
        return mode or (modes[0] if modes else None)

    def _acled_for(self, doc: Doc, typ: str, mode: str | None, two_sided: bool, recips: list[str]) -> dict | None:
        table = self.acled
        sides = "2" if two_sided else "1"
        for k in ((typ, mode or "-", sides), (typ, mode or "-", "*"), (typ, "*", sides), (typ, "*", "*")):
            if k in table:
                v = table[k]
                if v is None:
                    return None
                et, sub = v
                if et == "Violence against civilians" and sub == "Attack" and recips:
                    types = {doc.entity(r).type for r in recips if doc.entity(r)}
                    if types & ARMED_TYPES:
                        et, sub = "Battles", "Armed clash"
                return {"event_type": et, "sub_event_type": sub}
        return None


_PREP = frozenset({"من", "عن", "في", "الي", "علي", "ضد", "مع", "بين", "ل", "عبر", "لدي", "حسب", "وفق"})


def _agrees_that(norms: list[str], t1: int) -> bool:
    """An agreement verb is followed, within 3 words (its subject, على), by أن and a clause that
    is no imperfect verb: a view shared (يتفق المحللون أن هذه الأشهر …، اتفق الجميع على أن
    للدبلوماسية …), not a course of action agreed (اتفقنا على أن تلتحق، وافق على أن يترك: أن + a
    verb, whose first letter is ي ت ن or ا)."""
    for j in range(t1, min(len(norms) - 1, t1 + 4)):
        if norms[j] in ("ان", "بان"):
            return norms[j + 1][:1] not in ("ي", "ت", "ن", "ا")
        if not norms[j].isalpha():
            return False
    return False


def sentence_subject(norms: list[str], ments: list[Mention]) -> str | None:
    """The sentence's subject for the next zero-subject verb: its first actor-type entity that is
    not the object of a preposition (a VSO subject or an SVO topic)."""
    for m in ments:
        if m.etype not in ACTOR_TYPES:
            continue
        if m.first > 0 and norms[m.first - 1] in _PREP:
            continue
        return m.eid
    return None


def first_person(e: Entry, norm: str) -> bool:
    """A first-person verb (نقبل، سنقاتل، قررنا): its actor is the speaker."""
    if e.kind != "verb":
        return False
    w = norm[1:] if norm[:1] in ("و", "ف") else norm
    if e.form == "imperfect":
        w = w[1:] if w[:1] == "س" and len(w) > 3 else w
        return w[:1] == "ن"
    return w.endswith("نا") and len(w) > 4
