"""Arguments of an event: actor, recipient, location, date, quantities and attribution.

Rules work on one sentence's tokens and the entity mentions inside it (token indices), using
Arabic clause cues:

* agent markers (من قبل، على يد، بواسطة، برصاص، بنيران …): the entity after them is the actor
  (and the trigger verb is read as passive);
* target markers (ضد، على، بحق، استهدف …): the entity after them is the recipient;
* a nominal trigger's genitive (مقتل X، هجوم X، اشتباكات بين X و Y) fills the role the lexicon
  row names (recipient / actor / both sides);
* a verb's subject is the entity right after it (VSO) or, failing that, the nearest entity
  before it in the sentence (SVO, or "X الذي/التي ... فعل" relative clauses); a passive verb
  (damma written, a listed passive form, a number right after it, or an agent marker) makes
  the entity after it the recipient;
* two-sided triggers put every side in ``actor``.

Locations are PLACE entities after a locative cue (في، ب، قرب، شمال …) in the trigger's clause
(after the trigger first), not every place of the sentence.
"""
from __future__ import annotations

from dataclasses import dataclass

#: STATE: a country named as the subject of a verb (قصفت إسرائيل، إيران نفذت), see Events._states
ACTOR_TYPES = frozenset({"PERSON", "ORG", "ARMED_GROUP", "STATE_FORCE", "NORP", "STATE"})
ARMED_TYPES = frozenset({"ARMED_GROUP", "STATE_FORCE"})

AGENT_MARKERS = (("من", "قبل"), ("علي", "يد"), ("علي", "ايدي"), ("بواسطه",), ("برصاص",), ("بنيران",),
                 ("بقذائف",), ("بغارات",), ("بغاره",), ("نفذها",), ("نفذه",), ("شنها",), ("شنه",),
                 ("نفذتها",), ("نفذته",), ("شنتها",), ("شنته",), ("اطلقها",), ("اطلقه",), ("اطلقتها",),
                 ("اطلقته",), ("القاها",), ("القتها",))
TARGET_MARKERS = (("ضد",), ("علي",), ("بحق",), ("استهدف",), ("استهدفت",), ("استهدفوا",),
                  ("مستهدفا",), ("مستهدفه",), ("بوجه",), ("لتحرير",))
# على + these is an idiom, not "against/on": على الأقل (at least), على الرغم, على خلفية, على حد …
ALA_IDIOMS = frozenset({"الاقل", "الرغم", "رغم", "خلفيه", "حد", "مدي", "مدار", "طول", "امتداد", "بعد",
                        "راس", "اثر", "الفور", "اعتبار", "اساس", "صعيد", "هامش", "مستوي", "غرار", "وقع",
                        "نحو", "قيد", "الارجح", "الاكثر", "التوالي", "الاطلاق", "حين", "حساب", "وشك"})
LOC_MARKERS = frozenset({"في", "قرب", "بالقرب", "شمال", "جنوب", "شرق", "غرب", "وسط", "داخل", "الي",
                         "نحو", "امام", "حول", "مدينه", "بلده", "منطقه", "محافظه", "قريه", "اقليم", "ولايه",
                         "قضاء", "ناحيه", "مديريه", "مقاطعه",
                         "شمالي", "جنوبي", "شرقي", "غربي", "ضواحي", "اطراف", "مدينة", "عند", "من"})
#: complementisers (folded) without a pronoun, and with the subject pronoun (إنها قصفت: the verb's
#: subject is in the complementiser)
ANNA = frozenset({"ان", "بان", "وان", "لان"})
PRONOUN_ANNA = frozenset({"انه", "انها", "انهم", "انهما", "انهن", "بانه", "بانها", "بانهم", "لانه", "لانها",
                          "لانهم", "وانه", "وانها", "وانهم"})
#: words that close the clause of an entity before them (a complementiser without a pronoun, a
#: colon): a subject guessed from before one is the reporter's, not the reported act's
_BARRIERS = ANNA | {":"}
PREPOSITIONS = frozenset({"من", "عن", "في", "الي", "علي", "ضد", "مع", "بين", "عبر", "لدي", "نحو", "حول"})
RELATIVE = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "اللواتي", "اللاتي"})
#: قد and its forms between a subject and its verb (وكانت الحركة قد خطفت)
QAD = frozenset({"قد", "لقد", "وقد", "فقد"})
PASSIVE_PARTICLES = frozenset({"تم", "جري", "يتم", "يجري", "وتم", "وجري"})
DAMMA = "\u064f"


@dataclass(slots=True)
class Mention:
    first: int   # sentence-local token index of the mention's first token
    last: int
    eid: str
    etype: str
    bare: bool = False   # no preposition glued before it inside its first token (لإسرائيل is not bare)
    start: int = -1      # its start offset in the text


def _index(markers) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Markers by their first word (order kept), so a token is checked against only its own."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for seq in markers:
        out.setdefault(seq[0], []).append(seq)
    return {k: tuple(v) for k, v in out.items()}


AGENT_INDEX = _index(AGENT_MARKERS)
#: the markers that name who carried out an attack, or with what fire (نفذها، شنتها، برصاص، بقذائف):
#: the agent of an attack only; a statement about an attack (ندد بالجريمة التي نفذها X) is not X's
AGENT_INDEX_ANY = _index([m for m in AGENT_MARKERS if len(m) > 1 or m == ("بواسطه",)])
TARGET_INDEX = _index(TARGET_MARKERS)


def _word_is(n: str, w: str) -> bool:
    """``n`` is ``w`` or و/ف + ``w``."""
    return n == w or (len(n) == len(w) + 1 and n[0] in "وف" and n.endswith(w))


def _seq_at(norms: list[str], i: int, seq: tuple[str, ...]) -> bool:
    if i + len(seq) > len(norms):
        return False
    return all(_word_is(norms[i + k], w) for k, w in enumerate(seq))


def _marked(norms: list[str], ments: list[Mention], markers, lo: int, hi: int, *,
            types=ACTOR_TYPES, reach: int = 3) -> list[tuple[int, Mention]]:
    """Entities right after a marker in [lo, hi): (marker index, mention).  ``markers`` is an index
    from :func:`_index` (or a sequence of marker tuples)."""
    index = markers if isinstance(markers, dict) else _index(markers)
    out = []
    for i in range(lo, min(hi, len(norms))):
        n = norms[i]
        cands = index.get(n)
        if cands is None and n[:1] in "وف":
            cands = index.get(n[1:])
        if not cands:
            continue
        for seq in cands:
            if _seq_at(norms, i, seq):
                j = i + len(seq)
                if seq == ("علي",) and j < len(norms) and norms[j] in ALA_IDIOMS:
                    break   # على الأقل، على الرغم، على خلفية …: no target after it
                for m in ments:
                    if j <= m.first <= j + reach and m.etype in types:
                        out.append((i, m))
                        break
                break
    return out


def is_passive(text: str, tok_start: int, tok_end: int, prefix_len: int) -> bool:
    """A damma written on the first letter of the stem (قُتل) or on an imperfect prefix (يُقتل)."""
    letters = 0
    i = tok_start
    while i < tok_end:
        ch = text[i]
        if "\u0621" <= ch <= "\u064a":
            letters += 1
            if letters == prefix_len + 1:
                j = i + 1
                while j < tok_end and "\u064b" <= text[j] <= "\u0652":
                    if text[j] == DAMMA:
                        return True
                    j += 1
                return False
        i += 1
    return False


def _definite(norm: str) -> bool:
    w = norm[1:] if norm[:1] in ("و", "ف") else norm
    return w.startswith("ال") and len(w) > 3


def _lam_possessor(norms: list[str], ments: list[Mention], t1: int, hi: int) -> Mention | None:
    """The possessor after ل of an indefinite nominal trigger (تحركات مستقبلية لـ"X"، هجمات لجماعة X),
    within two adjectives."""
    for j in range(t1, min(hi, t1 + 3)):
        w = norms[j]
        if w in ("ل", "لـ"):
            k = j + 1
            while k < hi and norms[k] in ('"', "«", "'", "“"):
                k += 1
            return next((m for m in ments if m.first == k and m.etype in ACTOR_TYPES), None)
        m = next((m for m in ments if m.first == j and m.etype in ACTOR_TYPES), None)
        if m is not None:
            return m if w.startswith("ل") else None
        if w in PREPOSITIONS or w[:1] in ("ب", "ل") or not w.isalpha():
            return None
    return None


def _reach(norms: list[str], ments: list[Mention], j: int, hi: int, member, *, steps: int = 4,
           counts: frozenset[int] | set[int] = frozenset()):
    """The entity a noun phrase starting at token ``j`` names, looking through member and
    quantity words (عناصر/مسلحي/مقاتلو/طيران X, العديد من X): a Mention, ``"pron"`` when a member
    word carries a pronoun suffix (مسلحيه: his fighters) or None.  ``member(norm)`` returns "m"
    (member word), "q" (quantity word, may be followed by من), "pron", "h" (a group head word, read
    only after a member word) or ""."""
    k, prev = 0, ""
    while j < hi and k <= steps:
        for m in ments:
            if m.first == j and m.etype in ACTOR_TYPES:
                return m
        kind = member(norms[j]) if member else ""
        if norms[j] == "من" and prev == "q":    # العديد من / عشرات من
            kind = "m"
        elif not kind and j in counts:
            kind = "q"    # a figure or a number word (Lexicon.count_word): عشرة جنود أفغان، 10 من الجنود
        if kind == "h":   # عناصر تنظيم داعش: the head word the name's mention leaves out
            kind = "m" if prev == "m" else ""
        if not kind:
            return None
        if kind == "pron":
            return "pron"
        prev = kind
        j += 1
        k += 1
    return None


def _judges(norms: list[str], stance: frozenset[int] | set[int], m: Mention, t0: int) -> bool:
    """Mention ``m`` is the subject of a judging verb (``stance`` positions) whose object is the
    verbal noun at ``t0``: the verb right after it (المنظمة أدانت مقتل) or up to three words before
    it (أدانت بشدة منظمة …), and no relative pronoun between it and the noun (… الجريمة التي
    نفذها مستوطنون وأدت إلى مقتل: the relative clause's subject is the author)."""
    if any(norms[x] in RELATIVE for x in range(m.last + 1, t0)):
        return False
    return m.last + 1 in stance or any(x in stance for x in range(m.first - 3, m.first))


#: the words after which a country followed by its verb opens a clause (أن الفلبين رفضت)
SUBJECT_OPENERS = ANNA | frozenset({"لكن", "ولكن", "بينما", "فيما", "حيث", "كما", "اذ", "عندما", "حين",
                                    "حينما", "ثم", "لما", "بعدما", "كانت", "وكانت", "فكانت", "كان",
                                    "وكان", "فقد", "وقد", "لقد", "و", "بل", "اما", "واما"})
#: token tags (events_rules.Lexicon.tags) of support, perform and finite-phrase verbs (قام، نفذ، شن، أطلق)
SUPPORT_TAGS = frozenset({"light2", "perform2f", "finite2f"})
#: with the nouns of two-sided acts (AGREE, CONSULT), the verbs that conclude or hold them too
#: (`sign` rows: وقعت تركيا وروسيا اتفاقا، أبرمت مصر اتفاقية), for countries_as_states
PARTY_TAGS = SUPPORT_TAGS | {"sign2f"}


def feminine(verb: str) -> bool:
    """A folded verb form inflected for a feminine (or a country's) subject: perfect in ت
    (رفضت، شنت، أدانت), imperfect in ت (ترفض، تتهم), after an optional و/ف."""
    v = verb[1:] if verb[:1] in ("و", "ف") and len(verb) > 3 else verb
    return v.endswith("ت") or v.startswith("ت")


def countries_as_states(toks, norms: list[str], tg, ments: list[Mention], c0: int, c1: int, *,
                        countries: frozenset[str] | set[str], verbs: set[tuple[int, int]],
                        objects: bool = False, support: frozenset[str] = SUPPORT_TAGS,
                        conjuncts: bool = False) -> list[Mention]:
    """``ments`` with the countries (ids in ``countries``) named as the subject of a verb re-typed
    STATE, an actor (قصفت إسرائيل مواقع، إن إيران نفذت ضربة، وكانت تركيا قد شنت …): right after a
    trigger verb (``verbs``: their token spans) or a support/perform verb inflected feminine, as a
    country's verb is (VSO: رفضت إيران; زار إيران has its subject elsewhere and Iran as object), or
    right before one, قد between allowed, at the start of its clause or after a complementiser or
    conjunction (SVO: أن الفلبين رفضت; not جنديا أوكرانيا قتل, an adjective).  Never after a glued
    preposition (لإسرائيل: not ``bare``).  Elsewhere a country is a place (في سوريا، الى العراق).

    With ``objects`` (a statement, not an act of force or a visit), a country that is the object of
    such a verb is a STATE too, so that it can be the recipient: right after the country subject of
    a VSO verb (اتهمت إيران الولايات المتحدة) or right after a verb whose subject is named before it
    (إيران اتهمت الولايات المتحدة، الحكومة رفضت مصر …).

    ``support``: the tags of the verbs that take a verbal noun (:data:`PARTY_TAGS` for the nouns
    of two-sided acts, with ``conjuncts``: then a country coordinated right after a country made a
    subject, و glued to it, is one of the parties too: وقعت تركيا وروسيا اتفاقا)."""
    if not countries:
        return ments
    verb_at = {a for a, _ in verbs}
    verb_end = {b for _, b in verbs}

    def verbal(j: int) -> bool:
        return j in verb_at or not tg[j].isdisjoint(support)

    out: list[Mention] = []
    for m in ments:
        if m.etype == "PLACE" and m.bare and m.eid in countries and c0 <= m.first and m.last < c1:
            before, after = m.first - 1, m.last + 1
            if after < c1 and norms[after] in QAD:
                after += 1
            if (before >= c0 and (m.first in verb_end or verbal(before)) and feminine(norms[before])) or (
                    after < c1 and verbal(after) and (
                        before < c0 or norms[before] in SUBJECT_OPENERS
                        or not toks[before].form.isalnum() or toks[m.first].start < m.start)) or (
                    conjuncts and out and out[-1].etype == "STATE" and out[-1].last == before
                    and norms[m.first][:1] == "و"):
                m = Mention(m.first, m.last, m.eid, "STATE", start=m.start)
        out.append(m)
    if objects:
        actor_end = {m.last for m in out if m.etype in ACTOR_TYPES}
        vso_end = {m.last for m in out if m.etype == "STATE" and m.first in verb_end}
        for k, m in enumerate(out):
            # after a VSO verb's country subject, or right after a verb whose subject (an actor,
            # maybe قد between) is named before it
            if m.etype == "PLACE" and m.bare and m.eid in countries and c0 <= m.first and m.last < c1 and (
                    m.first - 1 in vso_end or any(b == m.first and (
                        a - 1 in actor_end or a - 2 in actor_end and norms[a - 1] in QAD) for a, b in verbs)):
                out[k] = Mention(m.first, m.last, m.eid, "STATE", start=m.start)
    return out


def support_subject(norms: list[str], tg, ments: list[Mention], t0: int, c0: int) -> str | None:
    """The entity that is the subject of a support/perform verb governing the verbal noun at
    ``t0``: X right before the verb at t0-1 (قد between allowed: إسرائيل نفذت ضربة، الحركة قد شنت
    هجوما), or X between the verb and the noun (شنت إسرائيل غارات)."""
    svo = -1   # where an SVO subject must end: before the verb at t0-1 (and a قد before it)
    if t0 - 1 > c0 and not tg[t0 - 1].isdisjoint(SUPPORT_TAGS):
        svo = t0 - 2
        if svo > c0 and norms[svo] in QAD:
            svo -= 1
    for m in ments:
        if m.etype not in ACTOR_TYPES or m.first < c0:
            continue
        if m.last == t0 - 1 and m.first > c0 and not tg[m.first - 1].isdisjoint(SUPPORT_TAGS):
            return m.eid
        if m.last == svo:
            return m.eid
    return None


def named_subject_before(norms: list[str], ments: list[Mention], t0: int, member) -> bool:
    """The verb at ``t0`` follows its subject: an actor named right before it, or a group word
    with a pronoun (``member(norm) == "pron"``: جنوده، عناصرها), with only قد / لقد between (وكانت
    حركة X قد خطفت 23 …، إن جنوده قتلوا خمسة مسلحين).  A count after such a verb is its object,
    not the sign of a passive ("5 were killed")."""
    j = t0 - 1
    if j >= 0 and norms[j] in QAD:
        j -= 1
    if j < 0:
        return False
    # not a name after a preposition (260 مقاتلا من حزب X قتلوا: the fighters are the subject)
    return any(m.last == j and m.etype in ACTOR_TYPES and not (
        m.first > 0 and norms[m.first - 1] in PREPOSITIONS
        or norms[m.first].startswith(("لل", "بال", "ولل", "وبال"))) for m in ments) \
        or member(norms[j]) == "pron"


def find_roles(*, norms: list[str], ments: list[Mention], t0: int, t1: int, c0: int, c1: int,
               kind: str, role: str | None, passive: bool, number_after: bool, member=None,
               pron: bool = False, carried: str | None = None,
               first_person: bool = False, speaker: str | None = None, statement: bool = False,
               titles: frozenset[str] | set[str] = frozenset(),
               counts: frozenset[int] | set[int] = frozenset(),
               agreed: bool = False, near_subject: int = -1,
               harmed: bool = False, stance: frozenset[int] | set[int] = frozenset(),
               attack: bool = True) -> tuple[list[str], list[str], bool, bool]:
    """Actor and recipient entity ids for a trigger spanning tokens [t0, t1) in clause [c0, c1).

    ``member(norm)`` says whether a word stands for its group ("m": عناصر، مقاتلو، العديد …; "pron":
    the same with a pronoun suffix, مسلحيه); ``pron``: the trigger itself carries a possessive
    pronoun (غاراته، اغتصابه); ``carried``: the subject carried from the previous sentence, used for
    zero-subject verbs and pronoun possessors; ``first_person`` verbs (نقبل، قررنا) take ``speaker``;
    ``statement``: a political/strategic type, whose agentless verbal noun takes the sentence subject;
    ``titles``: the words a titled subject opens with (رئيس، وزير، المتحدث …); ``counts``: the
    tokens that are figures or number words (عشرة جنود: a count leads to the group like a quantity
    word); ``agreed``: a verb inflected for a plural subject (هاجموا، يقتلون), which in Arabic
    comes before it or is left out (a verb before its subject stays singular), or right after a
    complementiser carrying the subject pronoun (إنها قصفت): the entity after it is its object;
    ``near_subject``: the first token of the words right before the verb that are its subject
    (غير أن السلطات اتهمت), or -1: only an entity among them is the actor; ``harmed``: the
    verb is followed by the attack its subject suffered (قتل في هجوم), so that subject, named
    right before it, is the recipient and the words after it are no participants; ``stance``:
    the tokens that are verbs judging an act (أدان، ندد، رحب): an entity they have as subject
    right before a verbal noun (أدانت المنظمة مقتل …) is not the noun's agent; ``attack``: the
    trigger is an act of force, whose agent the attack markers name (نفذها، شنتها، برصاص); for
    other types only من قبل، على يد، بواسطة mark an agent.

    Returns (actor ids, recipient ids, passive?, carried?) where passive may be set by an agent
    marker and carried says the actor came from outside the clause (pronoun, zero subject).
    """
    actors: list[str] = []
    recips: list[str] = []
    n = len(norms)
    used_carry = False

    def add(lst: list[str], eid: str | None) -> None:
        if eid and eid not in lst and eid not in actors and eid not in recips:
            lst.append(eid)

    agents = _marked(norms, ments, AGENT_INDEX if attack else AGENT_INDEX_ANY, t1, min(n, c1 + 6))
    targets = _marked(norms, ments, TARGET_INDEX, t1, c1, types=ACTOR_TYPES | {"PLACE"})
    targets = [(i, m) for i, m in targets if not any(i == a for a, _ in agents)]
    for _, m in agents:
        add(actors, m.eid)
    if agents:
        passive = True
    for _, m in targets:
        if m.etype != "PLACE" or not recips:
            add(recips, m.eid)
    after = [m for m in ments if m.first >= t1 and m.first < c1 and m.etype in ACTOR_TYPES]
    before = [m for m in ments if m.last < t0 and m.etype in ACTOR_TYPES]
    # the referent of a pronoun: the nearest actor before the trigger in the sentence, else carried
    referent = before[-1].eid if before else carried
    # the genitive / VSO subject: right after the trigger, or after one word that is not itself a
    # prepositional or purpose phrase (ساعة الصفر لإسقاط الخلافة: الخلافة is not the subject)
    right_after = after[0] if after and (after[0].first == t1 or after[0].first == t1 + 1 and not (
        norms[t1][:1] in ("ل", "ب") or norms[t1] in PREPOSITIONS)) else None
    if right_after is None and kind == "verb" and titles and t1 < c1 and norms[t1] in titles and not (
            t0 > 0 and (norms[t0 - 1] in _OBJECT_CONTEXT or norms[t0 - 1] in RELATIVE or (
                norms[t0 - 1].endswith("ا") and len(norms[t0 - 1]) > 3 and norms[t0 - 1].isalpha()))):
        # اتهم رئيس الوزراء التركي أحمد داود أوغلو …: a titled VSO subject, the person it names
        # within 6 words, with no preposition or punctuation before it.  Not after a relative
        # pronoun, حيث or an indefinite noun (الذي التقى وزير الاقتصاد X، موقعا ينتقد رئيس
        # الوزراء X): there the verb's subject is before it and the titled person is its object
        for j in range(t1 + 1, min(c1, t1 + 7)):
            m = next((m for m in after if m.first == j), None)
            if m is not None:
                right_after = m if m.etype == "PERSON" else None
                break
            if norms[j] in PREPOSITIONS or not norms[j].isalpha():
                break
    if right_after is None:
        got = _reach(norms, ments, t1, c1, member, counts=counts)
        if got == "pron":
            right_after = Mention(t1, t1, referent, "PRON") if referent else None
        elif got is not None:
            right_after = got

    def with_partners(eid: str | None) -> list[str]:
        """``eid`` and the actors coordinated with it right before it (الحكومة وجماعة الحوثي:
        Y's first token is و + its first word, X ends just before it)."""
        if eid is None or not before or before[-1].eid != eid:
            return [eid] if eid else []
        out, k = [eid], len(before) - 1
        while k > 0 and before[k - 1].last == before[k].first - 1 and norms[before[k].first][:1] == "و":
            k -= 1
            out.append(before[k].eid)
        return out[::-1]

    def subject_before() -> str | None:
        """SVO subject / relative-clause head: the nearest actor before the trigger, else carried."""
        nonlocal used_carry
        if first_person and speaker:
            return speaker
        j = t0 - 2 if t0 > 1 and norms[t0 - 1] in QAD else t0 - 1
        if kind == "verb" and member and j >= c0 and member(norms[j]) == "pron":
            # إن جنوده قتلوا، عناصرها اعتقلوا: the group the pronoun stands for (else carried)
            used_carry = not before
            return referent
        if t0 > 0 and norms[t0 - 1] in RELATIVE:
            # "X التي تحاصر": the head right before the relative pronoun, else nobody
            head = [m for m in before if m.last >= t0 - 3]
            return head[-1].eid if head else None
        if near_subject >= 0:
            return before[-1].eid if before and before[-1].first >= near_subject else None
        if before:
            m = before[-1]
            if not first_person and any(norms[x] in _BARRIERS for x in range(m.last + 1, t0)):
                # قال مصدر في وزارة الصحة بأن انفجار السيارة …، 4 أخبار من 4 دول: هاجم …: the
                # reported clause has its own subject; the source is not it
                return None
            return m.eid
        if kind == "verb" and t1 < c1 and (_definite(norms[t1]) or member and member(norms[t1])):
            return None    # a definite noun right after the verb is its (unnamed) subject
        used_carry = carried is not None
        return carried

    if role == "both":
        for m in after:
            add(actors, m.eid)
        if not after and before:
            for eid in with_partners(before[-1].eid):
                add(actors, eid)
        return actors, recips, passive, used_carry

    if kind != "verb":   # nominal trigger: the genitive fills the row's role
        if right_after is None and role == "actor":
            right_after = _lam_possessor(norms, ments, t1, c1)
        if right_after is not None:
            if role == "actor":
                add(actors, right_after.eid)
            else:
                add(recips, right_after.eid)
        if not actors and role == "actor" and (pron or any(
                member and member(norms[j]) == "pron" for j in range(max(c0, t0 - 2), t0))):
            # غاراته / هجومهم / يطلب من مسلحيه ترك: the possessor is the pronoun's referent
            add(actors, referent)
            used_carry = not before
        elif not actors and role == "actor" and right_after is None and not recips:
            # a verbal noun with no agent of its own (بناء قاعدة للهجوم على X): the subject, a guess
            # from outside the noun phrase, so not a named participant
            for eid in with_partners(subject_before()):
                add(actors, eid)
            used_carry = True
        elif not actors and role == "recipient" and before and before[-1].last >= c0 and not (
                stance and _judges(norms, stance, before[-1], t0)) and (
                before[-1].eid != speaker
                or any(norms[x] in PRONOUN_ANNA for x in range(before[-1].last + 1, t0))):
            # "X ... مقتل Y": an entity earlier in the clause is the likely perpetrator; not the
            # source that reports the killing (أعلنت وزارة الصحة مقتل …) unless it says it did it
            # (قال الجيش إنه تمكن من مقتل …), nor one that condemns it (أدانت المنظمة مقتل …):
            # who did it is then unsaid
            add(actors, before[-1].eid)
        elif not actors and role == "recipient" and statement and before:
            # a political verbal noun (أعلن X، …، استعدادهم لدعم Y): the sentence's subject
            add(actors, before[0].eid if before[0].first <= 3 else before[-1].eid)
        return actors, recips, passive, used_carry

    if harmed:
        # بوتو، قد قتلت في هجوم انتحاري: the entity ending at most 3 tokens before the verb, with
        # no complementiser or colon between, is the one harmed (the attack phrase after the verb
        # names how, or by whom through an agent marker: agents above)
        if before and t0 - before[-1].last <= 4 and not any(
                norms[x] in _BARRIERS for x in range(before[-1].last + 1, t0)):
            add(recips, before[-1].eid)
        return actors, recips, True, used_carry
    if passive or number_after:
        if right_after is not None and not recips:
            add(recips, right_after.eid)
        elif after and not recips:
            add(recips, after[0].eid)
        return actors, recips, True, used_carry
    if right_after is not None and not first_person and not agreed:
        add(actors, right_after.eid)
        rest = [m for m in after if m.eid != right_after.eid and m.first > right_after.last]
        if rest and not recips:
            add(recips, rest[0].eid)
    else:
        if not actors:
            for eid in with_partners(subject_before()):
                add(actors, eid)
        if right_after is not None and agreed and not recips:
            add(recips, right_after.eid)   # هاجموا كمينا للشرطة: the police were attacked
        if after and not recips:
            add(recips, after[0].eid)
    return actors, recips, passive, used_carry


def appositive_kinds(kinds: frozenset[str] | set[str]) -> frozenset[str]:
    """The definite forms, bare and after ب, of place-kind words (``place_kind_words``): the
    appositive words that may stand between a locative cue and a name (وسط العاصمة الصومالية مقديشو)."""
    definite = {w if w.startswith("ال") else "ال" + w for w in kinds}
    return frozenset(definite | {"ب" + w for w in definite})


def find_locations(*, norms: list[str], places: list[Mention], t0: int, t1: int, c0: int, c1: int,
                   s_len: int, appositives: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """PLACE entity ids where the event happened: after a locative cue, in the trigger's clause.
    ``appositives`` (see :func:`appositive_kinds`) may stand between the cue and the name."""

    def cued(m: Mention) -> bool:
        if m.first == 0:
            return False
        f = m.first
        # an appositive before the name (وسط العاصمة الصومالية مقديشو، في مدينة الرقة السورية is
        # the plain case): step back over a definite kind word and its nisba adjective; not when
        # the name is a ل genitive (في العاصمة الاتحادية لباكستان: the capital of the country)
        while not norms[m.first].startswith("ل") and f > 0 and f - m.first > -3 and (norms[f - 1] in appositives or (
                norms[f - 1].startswith("ال") and norms[f - 1].endswith(("يه", "ي")) and f - 1 > 0
                and norms[f - 2] in appositives)):
            f -= 1
        p = norms[f - 1] if f > 0 else ""
        tok = norms[f]
        return (p in LOC_MARKERS or p[1:] in LOC_MARKERS or tok[:1] in "ب"
                or tok.startswith(("وب", "فب")))

    after = [m for m in places if t1 <= m.first < c1 and cued(m)]
    before = [m for m in places if c0 <= m.first < t0 and cued(m)]
    out: list[str] = []
    chosen = after or before
    for m in chosen:
        if m.eid not in out and not _reference_point(norms, m, chosen):
            out.append(m.eid)
    if not out:
        near = [m for m in places if t1 <= m.first < min(s_len, c1 + 12) and cued(m)]
        out = [near[0].eid] if near else []
    return out[:3]


def object_place(*, norms: list[str], places: list[Mention], ments: list[Mention], t1: int, c1: int,
                 kinds: frozenset[str] | set[str] = frozenset()) -> str | None:
    """The place an attack verb struck: a PLACE right after the verb, or after its subject named
    right after it, maybe after one kind word (قصفت الكتائب معبر كرم أبو سالم، هاجم التنظيم مدينة
    الرمادي، استهدف الطيران إدلب): the verb's object, with no preposition before it."""
    j = t1
    subj = next((m for m in ments if m.first == j and m.etype in ACTOR_TYPES), None)
    if subj is not None:
        j = subj.last + 1
    if j < c1 and norms[j] in kinds:   # (place_cues' kind and site words: مدينة، معبر)
        j += 1
    return next((m.eid for m in places if m.first == j and j < c1), None)


#: words after which a verb's subject was named before it (حيث سيلتقي الرئيس X: X is the object)
_OBJECT_CONTEXT = frozenset({"حيث", "وحيث", "عندما", "حين", "حينما", "بعدما", "كلما"})
_DIRECTIONS = frozenset({"شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي"})


def _reference_point(norms: list[str], m: Mention, places: list[Mention]) -> bool:
    """``m`` only locates another place: it follows a direction word that follows that place, maybe
    with a distance between (لوغار جنوب كابل، المقدادية (100 كلم شمال شرقي بغداد))."""
    j = m.first - 1
    if j < 0 or norms[j] not in _DIRECTIONS:
        return False
    while j > 0 and norms[j - 1] in _DIRECTIONS:   # شمال شرقي
        j -= 1
    return any(p is not m and j - 6 <= p.last < j for p in places)


def pick_date(doc, s_start: int, s_end: int, trig_start: int) -> dict | None:
    best, bd = None, None
    for d in doc.dates:
        sp = d.get("span") or {}
        ds = sp.get("start", d.get("start") if isinstance(d.get("start"), int) else None)
        if not isinstance(ds, int) or not (s_start <= ds < s_end):
            continue
        if not d.get("start") or isinstance(d.get("start"), int):
            continue
        dist = abs(ds - trig_start)
        if bd is None or dist < bd:
            best, bd = d, dist
    if best is None:
        return None
    return {"start": best.get("start"), "end": best.get("end") or best.get("start"), "text": best.get("text")}


def pick_quantities(doc, e_start: int, e_end: int) -> list[dict]:
    out = []
    for q in doc.quantities:
        s = q.get("start")
        if isinstance(s, int) and e_start <= s < e_end:
            out.append({k: v for k, v in q.items() if k != "evidence" and not k.startswith("_")})
    return out


def attribution_for(doc, start: int, finder) -> dict | None:
    if finder is None:
        return None
    try:
        q = finder(doc, start)
    except Exception:  # noqa: BLE001 - the quotes stage is optional for events
        return None
    if not q:
        return None
    if "content" in q and isinstance(q.get("content"), dict) and q.get("according_to"):
        return {"speaker": q["according_to"], "anonymous": False, "via": q.get("via")}
    return {"speaker": q.get("speaker"), "anonymous": bool(q.get("anonymous")), "via": q.get("via")}
