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

from dataclasses import dataclass, field

from marsad import settings
from marsad.arabic.counts import VICTIM_KINDS
from marsad.doc import ANALYSED, Doc
from marsad.resources import path as data_path
from marsad.stages.events_args import (
    ACTOR_TYPES,
    ARMED_TYPES,
    PASSIVE_PARTICLES,
    Mention,
    attribution_for,
    find_locations,
    find_roles,
    is_passive,
    pick_date,
    pick_quantities,
)
from marsad.stages.events_rules import Entry, Lexicon

CLAUSE_BREAK = frozenset({",", ";", ":", "(", ")"})
#: status precedence when several cues govern one trigger
_DEFINITE = ("ال", "وال", "فال", "بال", "لل", "كال", "ولل", "فلل", "وبال")
_RELATIVE = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "اللواتي", "اللاتي"})
_DEMONSTRATIVE = frozenset({"هذه", "هذا", "تلك", "ذلك", "هذين", "هاتين", "هذان", "هاتان", "هؤلاء", "اولئك"})
_COMPLEMENTISERS = frozenset({"ان", "بان", "انه", "انها", "بانه", "بانها"})
#: planned ASSAULT/COERCE become THREATEN with this mode (by the act's mode; "-" = any other)
THREAT_MODES = {"ASSAULT": {"-": "violence"},
                "COERCE": {"-": "restrict", "arrest": "arrest", "deport": "expel", "seize": "restrict"}}
_RANK = {"negated": 5, "possible": 4, "planned": 3, "ongoing": 2, "occurred": 1}


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
        by_sent: dict[int, list[int]] = {}
        for i, t in enumerate(doc.tokens):
            by_sent.setdefault(t.sent, []).append(i)
        mentions = self._mentions(doc)
        ctx: dict = {"subject": None}   # the previous sentence's subject (zero-subject verbs)
        for si, s in enumerate(doc.sentences):
            if doc.blocks and doc.blocks[s.block].kind not in ANALYSED:
                continue
            toks = [doc.tokens[i] for i in by_sent.get(si, ())]
            if toks:
                self._sentence(doc, s, toks, mentions, ctx)
        for k, ev in enumerate(doc.events, 1):
            ev["id"] = f"v{k}"
        return doc

    @staticmethod
    def _mentions(doc: Doc) -> list[tuple[int, int, str, str]]:
        out = [(m.start, m.end, e.id, e.type) for e in doc.entities for m in e.mentions]
        out.sort()
        return out

    # ------------------------------------------------------------------ one sentence
    def _sentence(self, doc: Doc, s, toks: list, mentions, ctx: dict) -> None:
        norms = [t.norm for t in toks]
        ments = self._sentence_mentions(toks, mentions)
        carried = ctx["subject"]
        subj = sentence_subject(norms, ments)
        if subj:
            ctx["subject"] = subj
        n = len(toks)
        clause_of = []
        c = 0
        for t in toks:
            if t.form in CLAUSE_BREAK:
                c += 1
            clause_of.append(c)
        bounds: dict[int, list[int]] = {}
        for i, ci in enumerate(clause_of):
            b = bounds.setdefault(ci, [i, i + 1])
            b[1] = i + 1
        hits = self._triggers(norms, n)
        # a trigger word inside a name (التحالف الدولي، حزب التحرير) is not an event
        hits = [h for h in hits if not any(m.first <= h.t0 <= m.last and m.last > m.first or
                                           m.first == h.t0 == m.last and m.etype != "PLACE" for m in ments)]
        if not hits:
            return
        quant_starts = {q.get("start") for q in doc.quantities}
        groups: dict[tuple[int, str], list[Hit]] = {}
        for h in hits:
            self._status(h, norms, clause_of)
            groups.setdefault((clause_of[h.t0], h.entry.type), []).append(h)
        for (ci, _typ), hs in groups.items():
            if not self.keep_low and all(h.entry.conf == "low" for h in hs):
                continue
            if all(h.entry.conf == "low" for h in hs) and not self._supported(hs, norms, bounds[ci], ments,
                                                                                quant_starts, toks):
                continue
            self._emit(doc, s, toks, norms, ments, bounds[ci], hs, quant_starts, hits, carried)

    def _triggers(self, norms: list[str], n: int) -> list[Hit]:
        lex = self.lex
        hits: list[Hit] = []
        i = 0
        while i < n:
            w = norms[i]
            got = None
            for k, flags, _ in lex.keys(w):
                for e in lex.phrases.get(k, ()):
                    m = len(e.words)
                    if i + m < n and all(lex.has_key(norms[i + 1 + j], e.words[j]) for j in range(m)):
                        got = Hit(e, i, i + 1 + m, flags)
                        break
                if got:
                    break
            if got is None:
                mw = lex.match_word(w)
                if mw:
                    es, flags, suf = mw
                    got = Hit(es[0], i, i + 1, flags, suf)
            if got is not None and got.entry.conf == "cued" and not self._cue_after(norms, got):
                got = None
            if got is not None:
                hits.append(got)
                i = got.t1
            else:
                i += 1
        return hits

    def _cue_after(self, norms: list[str], h: Hit) -> bool:
        """A ``cued`` trigger (أطلق، شن …) needs an instrument or trigger of its type within 5 words after it."""
        typ = h.entry.type
        for j in range(h.t1, min(len(norms), h.t1 + 5)):
            for k, _, _ in self.lex.keys(norms[j])[:4]:
                if any(mc.type == typ for mc in self.lex.mode_words.get(k, ())):
                    return True
            mw = self.lex.match_word(norms[j])
            if mw and any(e.type == typ and e.conf != "cued" for e in mw[0]):
                return True       # شن … هجوما: the launched thing is an attack
        return False

    def _status(self, h: Hit, norms: list[str], clause_of: list[int]) -> None:
        e = h.entry
        lex = self.lex
        ci = clause_of[h.t0]
        status, rule = "occurred", None
        if e.form == "imperfect":
            status = "planned" if "s" in h.flags else "ongoing"
        elif e.kind in ("noun", "phrase") and h.flags in ("l", "wl", "fl") and not norms[h.t0].endswith(
                ("ات", "اته", "اتها", "اتهم")) and not (
                h.t0 > 0 and any(k in lex.happen_words for n in norms[max(0, h.t0 - 3):h.t0]
                                 for k, _, _ in lex.keys(n)[:2])) and not self._light_verb(norms, h):
            # purpose ل (لتحرير), but not after تعرض/أدى (تعرض للخطف، أدى لمقتل: it happened)
            status, rule = "planned", "purpose ل + verbal noun"
        if e.form == "imperfect" and h.t0 > 0 and norms[h.t0 - 1] in ("ان", "لان", "وان"):
            status = "planned"
        best = 0
        # cues before the trigger, nearest first
        j = h.t0 - 1
        while j >= 0 and clause_of[j] == ci and h.t0 - j <= 10:
            for k, fl, suf in lex.keys(norms[j])[:3]:
                if fl not in ("", "w", "f") or suf:   # كما is not ك + ما
                    continue
                for cue in lex.cues.get(k, ()):
                    m = len(cue.words)
                    if cue.side != "before" or not all(
                            j + 1 + q < len(norms) and norms[j + 1 + q] == cue.words[1 + q] for q in range(m - 1)):
                        continue
                    gap = h.t0 - (j + m)
                    if gap < 0 or gap > cue.window or not self._applies(cue.applies, e):
                        continue
                    r = _RANK[cue.status]
                    if r > best:
                        best, status, rule = r, cue.status, cue.rule
                    break
                else:
                    continue
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

    def _supported(self, hs: list[Hit], norms, bound, ments, quant_starts, toks) -> bool:
        """A low-confidence trigger needs a mode cue, a count or an entity in its clause."""
        c0, c1 = bound
        typ = hs[0].entry.type
        for j in range(c0, c1):
            for k, _, _ in self.lex.keys(norms[j])[:4]:
                if any(mc.type == typ for mc in self.lex.mode_words.get(k, ())):
                    return True
            if toks[j].start in quant_starts:
                return True
        return any(c0 <= m.first < c1 and m.etype != "PLACE" for m in ments)

    def _sentence_mentions(self, toks: list, mentions) -> list[Mention]:
        out = []
        if not mentions:
            return out
        s0, s1 = toks[0].start, toks[-1].end
        starts = [t.start for t in toks]
        from bisect import bisect_right
        for ms, me, eid, etype in mentions:
            if me <= s0 or ms >= s1:
                continue
            first = max(0, bisect_right(starts, ms) - 1)
            last = max(first, bisect_right(starts, me - 1) - 1)
            out.append(Mention(first, last, eid, etype))
        return out

    # ------------------------------------------------------------------ building the event
    def _emit(self, doc: Doc, s, toks, norms, ments, bound, hs: list[Hit], quant_starts, hits,
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
        mode = self._mode(typ, e.mode, hs, norms, c0, c1)
        if status == "planned" and typ in THREAT_MODES:
            # PLOVER codes a stated intention to attack / arrest (يعتزم مهاجمة، قرارنا ضربها، للهجوم على)
            # as THREATEN, not as the act itself
            typ, mode = "THREATEN", THREAT_MODES[typ].get(mode or "-", THREAT_MODES[typ]["-"])
        tok0 = toks[main.t0]
        passive = e.form == "passive" or (
            e.kind == "verb" and is_passive(doc.text, tok0.start, tok0.end, self._prefix_len(main.flags)))
        if main.t0 > 0 and norms[main.t0 - 1] in PASSIVE_PARTICLES:
            passive = True
        number_after = main.t1 < len(toks) and (toks[main.t1].start in quant_starts or toks[main.t1].form.isdigit())
        actor_m = [m for m in ments if not (main.t0 <= m.first < main.t1)]
        attribution = attribution_for(doc, tok0.start, self.quote_finder())
        actors, recips, passive, from_outside = find_roles(
            norms=norms, ments=actor_m, t0=main.t0, t1=main.t1,
            c0=c0, c1=c1, kind=e.kind, role=e.role, passive=passive, number_after=number_after,
            member=self.lex.member, pron=bool(main.suf) and main.suf not in ("ي", "ا"), carried=carried,
            first_person=first_person(e, norms[main.t0]), speaker=(attribution or {}).get("speaker"),
            statement=self.lex.bars.get(typ, 0) < 0)
        places = [m for m in ments if m.etype == "PLACE"]
        location = find_locations(norms=norms, places=places, t0=main.t0, t1=main.t1, c0=c0, c1=c1,
                                  s_len=len(toks))
        recips = [r for r in recips if r not in location or typ != "ASSAULT" or len(recips) == 1]
        ev_start, ev_end = toks[c0].start, toks[c1 - 1].end
        if toks[c0].form in (",", ";", ":", "(", ")") and c1 - c0 > 1:
            ev_start = toks[c0 + 1].start
        trig = doc.span_json(toks[main.t0].start, toks[main.t1 - 1].end)
        date = pick_date(doc, s.start, s.end, trig["start"])
        quantities = pick_quantities(doc, ev_start, ev_end)
        score, why = self._specificity(doc, s, toks, norms, main, hs, hits, quantities, date,
                                       bool(recips or actors and not from_outside), bool(location))
        bar = self.lex.bars.get(typ, 0)
        # a planned/possible/negated act must be stated more concretely; a political statement of
        # intent or refusal (استعدادهم لدعم، لا نقبل) is itself the event, so no extra bar there
        low = e.conf == "low" and not (typ == "PROTEST" and self._crowd_subject(norms, hs))
        need = self.min_score + bar + (1 if low and bar >= 0 else 0) + (
            (2 if status == "negated" else 1) if status not in ("occurred", "ongoing") and bar >= 0 else 0)
        if self.min_score > 0 and score < need:
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

    def _specificity(self, doc: Doc, s, toks, norms, main: Hit, hs, hits, quantities, date,
                     has_args: bool, has_loc: bool) -> tuple[int, list[str]]:
        """How concretely the sentence reports one happening (not a generic or background mention).

        Trigger signals (best trigger of the group): a finite perfect/passive verb (+2) or an
        indefinite verbal noun (+1); a background governor right before it (بعد، إثر، غداة،
        محاكمة، ذكرى، تهمة، خطة … within 3 words: −3) or earlier in the sentence (−1).
        Particulars: a victim count (+2) or another count in the clause (+1), a time anchor
        (أمس، اليوم، فجر، a weekday, a resolved day date: +1), an instrument cue (+1), a
        consequence verb (أسفر، أدى، أوقع …: +1), participants (+1), a place (+1), a second trigger
        of the type (+1), lead position (+1).  A bare year without a time anchor −1, a question −3.
        """
        lex = self.lex
        why: list[str] = []
        typ = main.entry.type
        best_t, best_why = -99, []
        embedded_at: list[int] = []
        for h in sorted(hs, key=lambda x: x.t0):
            t, w = 0, []
            e = h.entry
            prev = norms[h.t0 - 1] if h.t0 > 0 else ""
            # a verb-looking word after a number or a construct head (17 تجمعا، اعمال قتل) is a noun
            as_noun = e.kind == "verb" and h.t0 > 0 and (
                prev.isdigit() or any(k in lex.head_words for k, _, _ in lex.keys(prev)[:2])
                or self._verb_before(prev))
            if as_noun:
                t, w = 0, ["verbal-noun"]
            elif e.kind == "verb" and e.form in ("perfect", "passive") or e.kind == "phrase" and any(
                    k in lex.finite_words for k, fl, _ in lex.keys(norms[h.t0])[:2] if fl in ("", "w", "f")):
                t, w = 2, ["finite-verb"]
            elif e.kind == "verb" and lex.bars.get(typ, 0) < 0:
                t, w = 1, ["present-verb"]     # يرفض، نطالب، لا نقبل: the statement is the act
            elif e.kind != "verb" and self._light_verb(norms, h):
                t, w = 2, ["light-verb"]
            elif e.kind != "verb" and self._occur_verb(norms, h):
                t, w = 2, ["occur-verb"]
            elif e.kind != "verb" and "al" not in h.flags and not norms[h.t0].startswith(_DEFINITE):
                t, w = 1, ["indefinite"]
            if h.t0 > 0 and norms[h.t0 - 1] in _DEMONSTRATIVE:
                t -= 2
                w.append("anaphoric(-2)")      # هذه التحركات: a reference back to a known event
            if any(n in _RELATIVE and not any(x in CLAUSE_BREAK for x in norms[j + 1:h.t0])
                   for j, n in enumerate(norms[:h.t0]) if h.t0 - j <= 4):
                t -= 2
                w.append("relative-clause(-2)")
            near = norms[max(0, h.t0 - 3):h.t0]
            if e.kind == "verb" and not as_noun:
                # a finite verb is governed only right after the word (بعد قتل) or after ان/ما
                # (بعد أن قتل، بعدما قتل): خلال الأسبوع الماضي قتل … is a new clause
                near = [n for j, n in enumerate(near) if j == len(near) - 1 or (
                    j == len(near) - 2 and norms[h.t0 - 1] in ("ان", "ما"))]
            if h.t0 > 0 and (any(k in lex.sub_words for n in near for k, _, _ in lex.keys(n)[:3]) or any(
                    k in lex.during_words for k, _, _ in lex.keys(norms[h.t0 - 1])[:2]) or any(
                    k in lex.frame_words for n in norms[max(0, h.t0 - 3):h.t0] for k, _, _ in lex.keys(n)[:3])):
                t -= 3
                w.append("embedded(-3)")
            elif any(k in lex.frame_words for n in norms[:h.t0] for k, _, _ in lex.keys(n)[:3]):
                t -= 1
                w.append("background-frame(-1)")
            if "embedded(-3)" in w:
                embedded_at.append(h.t1)
            elif h.t0 > 0 and norms[h.t0 - 1] in ("في", "بـ") and any(0 <= h.t0 - x <= 4 for x in embedded_at):
                t -= 3       # إثر مقتل جنديين في هجوم: the هجوم is the embedded killing's setting
                w.append("embedded(-3)")
            if t > best_t:
                best_t, best_why = t, w
        why += best_why
        if typ in ("ASSAULT", "COERCE") and any(
                q.get("kind") in VICTIM_KINDS for q in doc.quantities if s.start <= (q.get("start") or -1) < s.end):
            why.append("victim-count(+2)")
        elif quantities or (typ == "PROTEST" and any(k in lex.crowd_words for n in norms for k, _, _ in lex.keys(n)[:2])):
            why.append("count")
        anchor = any(n in lex.time_words for n in norms)
        if anchor or (date and len(str(date.get("start") or "")) >= 10):
            why.append("time")
        c0 = min(h.t0 for h in hs)
        if any(mc.type == typ for j in range(max(0, c0 - 8), min(len(norms), c0 + 12))
               for k, _, _ in lex.keys(norms[j])[:4] for mc in lex.mode_words.get(k, ())):
            why.append("instrument")
        trig_tok = {j for h in hs for j in range(h.t0, h.t1)}
        if any(k in lex.happen_words for j, n in enumerate(norms) if j not in trig_tok
               for k, _, _ in lex.keys(n)[:2]):
            why.append("consequence")
        if typ in ("ASSAULT", "COERCE") and any(
                h.entry.kind == "verb" and any(k in lex.agent_words for j in range(max(0, h.t0 - 2), min(len(norms), h.t1 + 2))
                                               if j not in trig_tok for k, _, _ in lex.keys(norms[j])[:2]) for h in hs):
            why.append("agent")   # مجهولون اغتالوا، خطفه مسلحون: the attackers are there, if unnamed
        elif typ in ("ASSAULT", "COERCE") and self._marked_agent(norms, hs):
            why.append("agent")   # خطف … على أيدي مسلحين، من قبل أربعة مسلحين
        if len({h.t0 for h in hits if h.entry.type == typ}) > 1:
            why.append("second-cue")
        if has_args:
            why.append("participants")
        if has_loc:
            why.append("place")
        if self._lead(norms, main.t0) or any(self._lead(norms, h.t0) for h in hs if h.entry.conf != "low"):
            why.append("lead")
        score = best_t + len(why) - len(best_why) + (1 if "victim-count(+2)" in why else 0)
        dated = [(sp.get("start"), sp.get("end")) for d in doc.dates
                 if d.get("precision") in ("month", "day") and isinstance(sp := d.get("span") or {}, dict)
                 and isinstance(sp.get("start"), int) and s.start <= sp["start"] < s.end
                 and not _since_before(toks, sp["start"])]
        if not anchor and any(t.form.isdigit() and len(t.form) == 4 and t.form[:2] in ("19", "20")
                              and not _day_before(toks, j) and not any(a <= t.start < b for a, b in dated)
                              for j, t in enumerate(toks)):
            score -= 1
            why.append("year(-1)")
        if any(t.form in ("?", "؟") for t in toks[-3:]):
            score -= 3
            why.append("question(-3)")
        return score, why

    def _verb_before(self, prev: str) -> bool:
        """A perfect-looking trigger right after a finite verb of the lexicon is its object, a verbal
        noun (تستهدف ضرب الاستقرار، يريد قتل): not a second finite verb."""
        mw = self.lex.match_word(prev)
        return bool(mw) and any(e.kind == "verb" for e in mw[0])

    def _lead(self, norms: list[str], t0: int) -> bool:
        """The trigger leads its sentence: first word(s), after a report verb (قال، أعلن …) or a
        complementiser (ان، بأن), or right after a colon near the start (a dateline or a dated list
        entry: «21 مايو 2005: اغتيال …»)."""
        lex = self.lex
        return t0 <= 1 or (t0 <= 12 and any(n in lex.lead_words for n in norms[max(0, t0 - 6):t0])) \
            or any(n in _COMPLEMENTISERS for n in norms[max(0, t0 - 3):t0]) \
            or (t0 <= 10 and norms[t0 - 1] == ":")

    def _marked_agent(self, norms: list[str], hs: list[Hit]) -> bool:
        """An unnamed-attacker word within 3 words after an agent marker (على أيدي مسلحين، من قبل
        أربعة مسلحين) in the 10 words after a trigger."""
        lex = self.lex
        for h in hs:
            for j in range(h.t1, min(len(norms), h.t1 + 10)):
                if norms[j] in (",", ";", ":", "."):
                    break
                if norms[j] in ("يد", "ايدي", "قبل") and j > 0 and norms[j - 1] in ("علي", "من") and any(
                        k in lex.agent_words for n in norms[j + 1:j + 4] for k, _, _ in lex.keys(n)[:2]):
                    return True
        return False

    def _crowd_subject(self, norms: list[str], hs: list[Hit]) -> bool:
        """تجمع مئات من …، احتشد آلاف الطلاب: a gathering verb whose subject, right after it, is a crowd
        size or quantity (تجمع عدد من أنصار …) is a protest report, not a low-confidence mention."""
        lex = self.lex
        for h in hs:
            if h.entry.kind != "verb" or h.entry.form != "perfect":
                continue
            for j in range(h.t1, min(len(norms), h.t1 + 3)):
                if any(k in lex.crowd_words or k in lex.quantity_words for k, _, _ in lex.keys(norms[j])[:2]):
                    return True
        return False

    def _occur_verb(self, norms: list[str], h: Hit) -> bool:
        """اندلعت (في المدينة) مظاهرات، وقعت اشتباكات، شهدت المدينة مظاهرات: a verb of taking place
        at most 3 words before the verbal noun, with no clause break or other trigger between."""
        lex = self.lex
        for j in range(h.t0 - 1, max(-1, h.t0 - 4), -1):
            n = norms[j]
            if n in (",", ";", ":", "(", ")", ".") or lex.match_word(n):
                return False
            if any(k in lex.occur_words for k, fl, _ in lex.keys(n)[:2] if fl in ("", "w", "f")):
                return True
        return False

    def _light_verb(self, norms: list[str], h: Hit) -> bool:
        """قام/قامت … ب + verbal noun (قامت الجماعة في ديسمبر بخطف), تعرض/تعرضت … ل + noun (تعرض
        قيادي في الحركة للخطف) within 8 words before it, or a perform verb with the noun as its
        object (نفذت ضربة جوية، وجهت عدة ضربات) within 3; no other verb trigger or sentence end between."""
        lex = self.lex
        bflag = h.flags.startswith(("b", "wb", "fb"))
        lflag = h.flags in ("l", "wl", "fl")
        for j in range(h.t0 - 1, max(-1, h.t0 - 9), -1):
            n = norms[j]
            k = lex.keys(n)[:2]
            if bflag and any(x in lex.light_words for x, _, _ in k):
                return True
            if lflag and any(x in lex.undergo_words for x, _, _ in k):
                return True
            if not bflag and not lflag and h.t0 - j <= 3 and any(
                    x in lex.perform_words for x, fl, _ in k if fl in ("", "w", "f")):
                return True
            mw = lex.match_word(n)
            if n in (".", "؟", "?", "!") or mw and any(e.kind == "verb" for e in mw[0]):
                return False      # another finite verb between: its own clause
        return False

    @staticmethod
    def _prefix_len(flags: str) -> int:
        return len(flags.replace("al", "").replace("s", "x"))

    def _mode(self, typ: str, mode: str | None, hs: list[Hit], norms, c0: int, c1: int) -> str | None:
        modes = [h.entry.mode for h in hs if h.entry.type == typ and h.entry.mode]
        if typ != "ASSAULT":
            return mode or (modes[0] if modes else None)
        found: list[str] = []
        j = c0
        while j < c1:
            step = 1
            for k, _, _ in self.lex.keys(norms[j])[:4]:
                for mc in self.lex.mode_words.get(k, ()):
                    m = len(mc.words)
                    if mc.type == typ and all(j + q < c1 and norms[j + q] == mc.words[q] for q in range(1, m)):
                        found.append(mc.mode)
                        step = m
                        break
                else:
                    continue
                break
            j += step
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


def _since_before(toks: list, start: int) -> bool:
    """The date starting at original offset ``start`` follows منذ/حتى (a period, not a report time)."""
    for j, t in enumerate(toks):
        if t.start >= start:
            return j > 0 and toks[j - 1].norm in ("منذ", "حتي", "ومنذ")
    return False


def _day_before(toks: list, j: int) -> bool:
    """The year at token ``j`` ends a full date (21 مايو (أيار) 2005): a day number shortly before it."""
    return any(t.form.isdigit() and len(t.form) <= 2 for t in toks[max(0, j - 6):j])


_PREP = frozenset({"من", "عن", "في", "الي", "علي", "ضد", "مع", "بين", "ل", "عبر", "لدي", "حسب", "وفق"})


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
