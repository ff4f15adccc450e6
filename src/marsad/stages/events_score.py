"""Specificity of a coded event: how concretely its sentence reports one happening
(:func:`specificity`), and the clause tests it shares with the events stage (light and occur
verbs, lead position, unnamed agents).

Word-class tests read :meth:`marsad.stages.events_rules.Lexicon.tags` (the classes a form's first
keys fall in, cached per form); ``tg`` is that list for a sentence's norms, made once per sentence
that has a trigger, so a scan over the sentence is a list walk instead of key lookups per word.
"""
from __future__ import annotations

from itertools import compress
from typing import TYPE_CHECKING

from marsad.arabic.counts import VICTIM_KINDS
from marsad.doc import Doc
from marsad.stages.events_rules import Lexicon

if TYPE_CHECKING:
    from marsad.stages.events import Hit

CLAUSE_BREAK = frozenset({",", ";", ":", "(", ")"})
_DEFINITE = ("ال", "وال", "فال", "بال", "لل", "كال", "ولل", "فلل", "وبال")
_RELATIVE = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "اللواتي", "اللاتي"})
_DEMONSTRATIVE = frozenset({"هذه", "هذا", "تلك", "ذلك", "هذين", "هاتين", "هذان", "هاتان", "هؤلاء", "اولئك"})
#: words that open a clause of their own inside a relative clause (الحادث الذي وقع عندما انفجرت
#: قنبلة: the explosion is not the relative clause's verb)
_SUBORDINATORS = frozenset({"عندما", "حين", "حينما", "بعدما", "لما", "عندئذ", "اذ", "حيث"})
_COMPLEMENTISERS = frozenset({"ان", "بان", "انه", "انها", "بانه", "بانها"})


def specificity(lex: Lexicon, doc: Doc, s, toks, norms: list[str], tg: list[frozenset[str]], main: Hit, hs, hits,
                quantities, date, has_args: bool, has_loc: bool) -> tuple[int, list[str]]:
    """How concretely the sentence reports one happening (not a generic or background mention).

    Trigger signals (best trigger of the group): a finite perfect/passive verb (+2) or an
    indefinite verbal noun (+1); a background governor right before it (بعد، إثر، غداة،
    محاكمة، ذكرى، تهمة، خطة … within 3 words: −3) or earlier in the sentence (−1).
    Particulars: a victim count (+2) or another count in the clause (+1), a time anchor
    (أمس، اليوم، فجر، a weekday, a resolved day date: +1), an instrument cue (+1), a
    consequence verb (أسفر، أدى، أوقع …: +1), participants (+1), a place (+1), a second trigger
    of the type (+1), lead position (+1).  A bare year without a time anchor −1, a question −3.
    ``tg`` holds :meth:`Lexicon.tags` of every norm.
    """
    why: list[str] = []
    typ = main.entry.type
    best_t, best_why = -99, []
    embedded_at: list[int] = []
    # first background-frame word of the sentence (the tests below ask "one before the trigger?")
    # the tokens that have a word class (few): the whole-sentence tag scans below walk only these
    tagged = list(compress(enumerate(tg), tg))   # (j, tags) where the tags are not empty
    first_frame = next((j for j, x in tagged if "frame3" in x), len(tg))
    for h in sorted(hs, key=lambda x: x.t0):
        t, w = 0, []
        e = h.entry
        prev = norms[h.t0 - 1] if h.t0 > 0 else ""
        # a verb-looking word after a number or a construct head (17 تجمعا، اعمال قتل) is a noun
        as_noun = e.kind == "verb" and h.t0 > 0 and (
            prev.isdigit() or "head2" in tg[h.t0 - 1] or verb_before(lex, prev))
        if as_noun:
            t, w = 0, ["verbal-noun"]
        elif e.kind == "verb" and e.form in ("perfect", "passive") or e.kind == "phrase" and "finite2f" in tg[h.t0]:
            t, w = 2, ["finite-verb"]
        elif e.kind == "verb" and lex.bars.get(typ, 0) < 0:
            t, w = 1, ["present-verb"]     # يرفض، نطالب، لا نقبل: the statement is the act
        elif e.kind == "verb" and h.t0 <= 1 and h.status == "ongoing":
            t, w = 1, ["present-verb"]     # تحاصر القوات المدينة منذ شهرين: a sentence that opens on it
        elif e.kind != "verb" and light_verb(lex, norms, tg, h):
            t, w = 2, ["light-verb"]
        elif e.kind != "verb" and occur_verb(lex, norms, tg, h):
            t, w = 2, ["occur-verb"]
        elif e.kind != "verb" and "al" not in h.flags and not norms[h.t0].startswith(_DEFINITE):
            t, w = 1, ["indefinite"]
        if h.t0 > 0 and norms[h.t0 - 1] in _DEMONSTRATIVE:
            t -= 2
            w.append("anaphoric(-2)")      # هذه التحركات: a reference back to a known event
        if any(norms[j] in _RELATIVE and not any(x in CLAUSE_BREAK or x in _SUBORDINATORS for x in norms[j + 1:h.t0])
               for j in range(max(0, h.t0 - 4), h.t0)):
            t -= 2
            w.append("relative-clause(-2)")
        near = norms[max(0, h.t0 - 3):h.t0]
        if e.kind == "verb" and not as_noun:
            # a finite verb is governed only right after the word (بعد قتل) or after ان/ما
            # (بعد أن قتل، بعدما قتل): خلال الأسبوع الماضي قتل … is a new clause
            near = [n for j, n in enumerate(near) if j == len(near) - 1 or (
                j == len(near) - 2 and norms[h.t0 - 1] in ("ان", "ما"))]
        if h.t0 > 0 and (any("sub3" in lex.tags(n) for n in near) or "during2" in tg[h.t0 - 1] or any(
                "frame3" in x for x in tg[max(0, h.t0 - 3):h.t0])):
            t -= 3
            w.append("embedded(-3)")
        elif first_frame < h.t0:
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
    elif quantities or (typ == "PROTEST" and any("crowd2" in x for _, x in tagged)):
        why.append("count")
    anchor = not lex.time_words.isdisjoint(norms)
    if anchor or (date and len(str(date.get("start") or "")) >= 10):
        why.append("time")
    c0 = min(h.t0 for h in hs)
    # instrument_at is true only at a token tagged with one of these two (most tokens have neither)
    mode_tag, long_tag = "mode:" + typ, "mode+:" + typ
    a, b = c0 - 8, c0 + 12
    if any(a <= j < b and (mode_tag in x or long_tag in x) and lex.instrument_at(norms, x, j, typ)
           for j, x in tagged):
        why.append("instrument")
    trig_tok = {j for h in hs for j in range(h.t0, h.t1)}
    if any("happen2" in x and j not in trig_tok for j, x in tagged):
        why.append("consequence")
    if typ in ("ASSAULT", "COERCE") and any(
            h.entry.kind == "verb" and any("agent2" in tg[j] for j in range(max(0, h.t0 - 2), min(len(norms), h.t1 + 2))
                                           if j not in trig_tok) for h in hs):
        why.append("agent")   # مجهولون اغتالوا، خطفه مسلحون: the attackers are there, if unnamed
    elif typ in ("ASSAULT", "COERCE") and marked_agent(norms, tg, hs):
        why.append("agent")   # خطف … على أيدي مسلحين، من قبل أربعة مسلحين
    if len({h.t0 for h in hits if h.entry.type == typ}) > 1:
        why.append("second-cue")
    if has_args:
        why.append("participants")
    if has_loc:
        why.append("place")
    if lead(lex, norms, main.t0) or any(lead(lex, norms, h.t0) for h in hs if h.entry.conf != "low"):
        why.append("lead")
    score = best_t + len(why) - len(best_why) + (1 if "victim-count(+2)" in why else 0)
    # a bare year: a 19xx/20xx token that is not the end of a full date nor inside a dated span
    years = [] if anchor or not _may_have_year(doc, toks) else [
        j for j, t in enumerate(toks) if len(t.form) == 4 and t.form[:2] in ("19", "20") and t.form.isdigit()]
    dated = [(sp.get("start"), sp.get("end")) for d in doc.dates
             if d.get("precision") in ("month", "day") and isinstance(sp := d.get("span") or {}, dict)
             and isinstance(sp.get("start"), int) and s.start <= sp["start"] < s.end
             and not since_before(toks, sp["start"])] if years else []
    if any(not day_before(toks, j) and not any(a <= toks[j].start < b for a, b in dated) for j in years):
        score -= 1
        why.append("year(-1)")
    if any(t.form in ("?", "؟") for t in toks[-3:]):
        score -= 3
        why.append("question(-3)")
    return score, why


def _may_have_year(doc: Doc, toks) -> bool:
    """False when no token form can start with 19 or 20: token forms are slices of the clean view
    (ASCII digits), so none does when the clean text the tokens span contains neither."""
    span = doc.clean[doc.clean_index(toks[0].start):doc.clean_index(toks[-1].end)]
    return "19" in span or "20" in span


def verb_before(lex: Lexicon, prev: str) -> bool:
    """A perfect-looking trigger right after a finite verb of the lexicon is its object, a verbal
    noun (تستهدف ضرب الاستقرار، يريد قتل): not a second finite verb."""
    mw = lex.trigger(prev)[1]   # = lex.match_word(prev), cached
    return bool(mw) and any(e.kind == "verb" for e in mw[0])


def lead(lex: Lexicon, norms: list[str], t0: int) -> bool:
    """The trigger leads its sentence: first word(s), after a report verb (قال، أعلن …) or a
    complementiser (ان، بأن), or right after a colon near the start (a dateline or a dated list
    entry: «21 مايو 2005: اغتيال …»)."""
    return t0 <= 1 or (t0 <= 12 and not lex.lead_words.isdisjoint(norms[max(0, t0 - 6):t0])) \
        or not _COMPLEMENTISERS.isdisjoint(norms[max(0, t0 - 3):t0]) \
        or (t0 <= 10 and norms[t0 - 1] == ":")


def marked_agent(norms: list[str], tg: list[frozenset[str]], hs: list[Hit]) -> bool:
    """An unnamed-attacker word within 3 words after an agent marker (على أيدي مسلحين، من قبل
    أربعة مسلحين) in the 10 words after a trigger."""
    for h in hs:
        for j in range(h.t1, min(len(norms), h.t1 + 10)):
            if norms[j] in (",", ";", ":", "."):
                break
            if norms[j] in ("يد", "ايدي", "قبل") and j > 0 and norms[j - 1] in ("علي", "من") and any(
                    "agent2" in x for x in tg[j + 1:j + 4]):
                return True
    return False


def crowd_subject(lex: Lexicon, norms: list[str], hs: list[Hit]) -> bool:
    """تجمع مئات من …، احتشد آلاف الطلاب: a gathering verb whose subject, right after it, is a crowd
    size or quantity (تجمع عدد من أنصار …) is a protest report, not a low-confidence mention."""
    for h in hs:
        if h.entry.kind != "verb" or h.entry.form != "perfect":
            continue
        for j in range(h.t1, min(len(norms), h.t1 + 3)):
            tags = lex.tags(norms[j])
            if "crowd2" in tags or "quantity2" in tags:
                return True
    return False


def occur_verb(lex: Lexicon, norms: list[str], tg: list[frozenset[str]], h: Hit) -> bool:
    """اندلعت (في المدينة) مظاهرات، وقعت اشتباكات، شهدت المدينة مظاهرات: a verb of taking place
    at most 3 words before the verbal noun, with no clause break or other trigger between."""
    for j in range(h.t0 - 1, max(-1, h.t0 - 4), -1):
        n = norms[j]
        if n in (",", ";", ":", "(", ")", ".") or lex.trigger(n)[1]:
            return False
        if "occur2f" in tg[j]:
            return True
    return False


def light_verb(lex: Lexicon, norms: list[str], tg: list[frozenset[str]], h: Hit) -> bool:
    """قام/قامت … ب + verbal noun (قامت الجماعة في ديسمبر بخطف), تعرض/تعرضت … ل + noun (تعرض
    قيادي في الحركة للخطف) within 8 words before it, or a perform verb with the noun as its
    object (نفذت ضربة جوية، وجهت عدة ضربات) within 3; no other verb trigger or sentence end between."""
    bflag = h.flags.startswith(("b", "wb", "fb"))
    lflag = h.flags in ("l", "wl", "fl")
    for j in range(h.t0 - 1, max(-1, h.t0 - 9), -1):
        n = norms[j]
        tags = tg[j]
        if bflag and "light2" in tags:
            return True
        if lflag and "undergo2" in tags:
            return True
        if not bflag and not lflag and h.t0 - j <= 3 and "perform2f" in tags:
            return True
        mw = lex.trigger(n)[1]
        if n in (".", "؟", "?", "!") or mw and any(e.kind == "verb" for e in mw[0]):
            return False      # another finite verb between: its own clause
    return False


def since_before(toks: list, start: int) -> bool:
    """The date starting at original offset ``start`` follows منذ/حتى (a period, not a report time)."""
    for j, t in enumerate(toks):
        if t.start >= start:
            return j > 0 and toks[j - 1].norm in ("منذ", "حتي", "ومنذ")
    return False


def day_before(toks: list, j: int) -> bool:
    """The year at token ``j`` ends a full date (21 مايو (أيار) 2005): a day number shortly before it."""
    return any(t.form.isdigit() and len(t.form) <= 2 for t in toks[max(0, j - 6):j])
