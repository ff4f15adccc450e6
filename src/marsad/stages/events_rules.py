"""Event trigger and modality lexicons, compiled for fast matching over folded words.

The lexicons are data (``resources/data/event_triggers.tsv``, ``modality.tsv``): each row says
which Arabic words code which PLOVER type/mode, or which cue words change an event's status.
They are compiled once per stage into plain dicts keyed by folded word forms:

* verbs are given as perfect/imperfect stems and inflected here (قتل → قتلت، قتلوا، يقتل، تقتلون …);
* nouns get their duals and -ات plurals;
* phrases are keyed by their first word and checked word by word;
* a token is looked up under a few candidate keys made by stripping proclitics (و، ف، ب، ل، ك،
  ال، س) and pronoun suffixes, so no per-sentence regular expression is ever built.

Every match remembers its lexicon row (``rule``) so a user can see why an event was coded.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import compress, islice
from operator import itemgetter

from marsad.arabic.normalise import fold, key
from marsad.resources import path as data_path

TYPES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
})
STATUSES = ("occurred", "ongoing", "planned", "possible", "negated")

# proclitic strings (folded), longest first, with what they tell about the word
_PREFIXES = (
    ("وبال", "wb"), ("فبال", "fb"), ("وكال", "wk"), ("ولل", "wl"), ("فلل", "fl"),
    ("وال", "w"), ("فال", "f"), ("بال", "b"), ("كال", "k"), ("لل", "l"),
    ("وب", "wb"), ("ول", "wl"), ("فب", "fb"), ("فل", "fl"), ("وس", "ws"), ("فس", "fs"),
    ("ال", ""), ("و", "w"), ("ف", "f"), ("ب", "b"), ("ل", "l"), ("ك", "k"), ("س", "s"),
)
_SUFFIXES = ("هما", "هم", "هن", "ها", "كم", "نا", "ه", "ي", "ا")
_PERFECT_SUFFIXES = ("", "ت", "وا", "ا", "تا", "ن", "نا", "تم", "تن", "و")
_IMPERFECT_PREFIXES = ("ي", "ت", "ن", "ا")
_IMPERFECT_SUFFIXES = ("", "ون", "ان", "ين", "وا", "ن", "و")
_NO_TAGS: frozenset[str] = frozenset()
_ENTRY_KEY, _TAG_KEY = 1, 2   # Lexicon._key_bits
_CACHE_MAX = 200_000  # word forms kept per cache (bounded: a long-running process sees new forms)
_TAIL = 5   # longest word ending Lexicon._key_bits pre-tests (see _key_tails; its test is written for 2..5)
_TAIL_SLICES = tuple(slice(-n, None) for n in range(_TAIL, 1, -1))   # the endings of 5..2 letters


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon row, as it applies to one word form."""

    type: str
    mode: str | None
    kind: str          # verb | noun | phrase
    form: str          # perfect | imperfect | passive | noun | phrase
    role: str | None   # actor | recipient | both | None
    conf: str          # high | low | cued
    neg: str | None    # type when negated
    rule: str          # "event_triggers.tsv:<line> <forms>"
    words: tuple[str, ...] = ()   # phrase: following words
    # conf "forces"/"troops" in the file: a low row that needs forces in its clause ("any": a force
    # word or an armed actor; "word": a force word, the thing deployed or sent)
    forces: str = ""
    # conf "judicial" in the file: a high row that is no event in a sentence naming a court or a
    # conviction (judicial phrase rows: a judicial execution)
    judicial: bool = False
    # conf "paired" in the file: a high row that is an event only with a partner or a contact verb
    # (Lexicon.paired)
    paired: bool = False
    # conf "concluded" in the file: a high row that is an event only after a conclusion word
    # (Lexicon.concluded: توصل إلى اتفاق، أبرمت اتفاقا، تم الاتفاق; alone الاتفاق names a known deal)
    concluded: bool = False


@dataclass(frozen=True, slots=True)
class Cue:
    status: str
    window: int
    applies: str
    side: str
    rule: str
    words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ModeCue:
    type: str
    mode: str
    words: tuple[str, ...]


def _col(v: str) -> str | None:
    v = v.strip()
    return None if v in ("", "-") else v


def _verb_forms(pair: str) -> list[tuple[str, str]]:
    """Inflected (form, aspect) pairs of a verb given as 'perfect/imperfect' folded stems."""
    if pair.startswith("="):
        return [(pair[1:], "perfect")]
    passive = pair.startswith("~")
    pair = pair.lstrip("~")
    perf, _, imp = pair.partition("/")
    out: list[tuple[str, str]] = []
    if perf and perf != "-":
        out += [(perf + s, "passive" if passive else "perfect") for s in _PERFECT_SUFFIXES]
    if imp and imp != "-":
        out += [(p + imp + s, "imperfect") for p in _IMPERFECT_PREFIXES for s in _IMPERFECT_SUFFIXES]
    return out


def _noun_forms(w: str) -> list[str]:
    out = [w]
    if w.endswith("ه"):
        b = w[:-1]
        out += [b + "ات", b + "تين", b + "تان", b + "تي"]
    elif not w.endswith(("ات", "ين", "ون")):
        out += [w + "ات", w + "ين", w + "ان"]
    return out


class Lexicon:
    """Compiled trigger, mode-cue and modality lexicons."""

    def __init__(self, *, triggers_file: str = "event_triggers.tsv", modality_file: str = "modality.tsv") -> None:
        self.words: dict[str, list[Entry]] = {}      # folded form -> entries (single-word triggers)
        self._word_rules: set[tuple[str, str, str]] = set()  # (form, rule, entry form) in words
        self.phrases: dict[str, list[Entry]] = {}    # first word -> phrase entries (longest first)
        self.stop: set[str] = set()
        self.mode_words: dict[str, list[ModeCue]] = {}
        self.cues: dict[str, list[Cue]] = {}         # first word -> modality cues (longest first)
        self.time_words: set[str] = set()
        self.happen_words: set[str] = set()
        self.frame_words: set[str] = set()
        self.lead_words: set[str] = set()
        self.sub_words: set[str] = set()
        self.light_words: set[str] = set()
        self.undergo_words: set[str] = set()
        self.crowd_words: set[str] = set()
        self.member_words: set[str] = set()
        self.quantity_words: set[str] = set()
        self.occur_words: set[str] = set()
        self.head_words: set[str] = set()
        self.during_words: set[str] = set()
        self.agent_words: set[str] = set()
        self.group_heads: set[str] = set()   # actors/rules.json's organisation triggers (_load_titles)
        self.title_words: set[str] = set()   # a VSO subject that opens with a title (_load_titles)
        self.animal_words: set[str] = set()  # animal rows: victims that make an ASSAULT no violence
        self.victim_words: set[str] = set()  # victim rows: people a counted subject before a verb is
        self.claim_words: set[str] = set()   # claim rows: مسؤولية and its forms
        self.claim_verbs: set[str] = set()   # claim_verb rows: prefixes of the verbs that claim
        self.claim_not: set[str] = set()     # claim_not rows: negations that cancel a claim
        self.harmed_words: set[str] = set()  # harmed_in rows: between a verb and the attack it suffered
        self.person_words: set[str] = set()  # persons rows: triggers naming the harmed (قتلى، جرحى)
        self.partner_words: set[str] = set()  # partner rows: مع، بين after a paired trigger
        self.contact_words: set[str] = set()  # contact rows: أجرى، تلقى before a paired trigger
        self.stance_words: set[str] = set()  # stance rows: أدان، ندد، رحب (judging the act they govern)
        self.conclude_words: set[str] = set()  # conclude rows: توصل، أبرم before a concluded trigger
        self.not_before: dict[str, set[str]] = {}  # not_before rows: type -> words that cancel a trigger
        self.not_after: dict[str, set[str]] = {}   # not_after rows: the same, 1-2 words before it
        # phrase rows (by first word: the words after it), read by phrase_at: accident (a death or
        # injury in a traffic accident, a collapse or a flood is no attack), festive (a crowd that
        # celebrates does not protest)
        self.phrase_tables: dict[str, dict[str, list[tuple[str, ...]]]] = {"accident": {}, "festive": {},
                                                                          "judicial": {}, "sports": {}}
        self.perform_words: set[str] = set()
        self.sign_words: set[str] = set()   # `sign` rows: وقع، أبرم، عقد (AGREE, CONSULT parties)
        self.finite_words: set[str] = set()
        self.bars: dict[str, int] = {}
        self._load_triggers(triggers_file)
        self._load_modality(modality_file)
        self._load_titles()
        #: every key :meth:`trigger` can find something under (a word, a phrase start or a stop word)
        self._entry_keys = frozenset(self.words) | frozenset(self.phrases) | frozenset(self.stop)
        self._keys_cache: dict[str, tuple[tuple[str, str, str], ...]] = {}
        # per phrase kind: the forms seen by phrase_at, and those of them a row may start at
        self._phrase_seen: dict[str, set[str]] = {k: set() for k in self.phrase_tables}
        self._phrase_starts: dict[str, set[str]] = {k: set() for k in self.phrase_tables}
        self._numbers: dict[str, frozenset[str]] | None = None   # see number_words
        # _PREFIXES / _SUFFIXES grouped by first / last letter (order kept): a word is tried only
        # against the affixes it can start / end with.  Per prefix: (prefix, its length, flags of
        # the stripped key, flags of the stem that may still lose a suffix or None)
        self._prefixes_by_first: dict[str, list[tuple[str, int, str, str | None]]] = {}
        for p, flags in _PREFIXES:
            if p in ("لل", "ولل", "فلل"):
                flags = flags or "l"
            stem_flags = None if p.endswith(("ال", "لل")) else flags or "al"
            self._prefixes_by_first.setdefault(p[0], []).append((p, len(p), flags or "al", stem_flags))
        self._suffixes_by_last: dict[str, list[tuple[str, int]]] = {}
        for sfx in _SUFFIXES:
            self._suffixes_by_last.setdefault(sfx[-1], []).append((sfx, len(sfx)))
        # before_cues finds cues only under the form itself or the form less a prefix whose key
        # flags are "", "w" or "f" (no suffix): keys that are endings of the form, at these cuts
        self._before_keys = frozenset(k for k, cs in self.cues.items() if any(c.side == "before" for c in cs))
        self._before_cuts = (0, *sorted({lp for lst in self._prefixes_by_first.values()
                                         for _, lp, fl, _ in lst if fl in ("", "w", "f")}))
        self._trigger_cache: dict[str, tuple] = {}
        self.tags_cache: dict[str, frozenset[str]] = {}   # :meth:`tags` results (read-only outside)
        self._inert: set[str] = set()   # forms whose trigger() is empty
        self._live: set[str] = set()    # forms whose trigger() is not empty
        self.before_cache: dict[str, tuple[Cue, ...]] = {}   # :meth:`before_cues` (read-only outside)
        self._tags_of_key: dict[str, list[tuple[str, int, bool]]] | None = None  # built on first use
        self._bits_of_key: dict[str, int] | None = None   # see _key_bits, built on first use
        self._bits_cache: dict[str, int] = {}
        self._tails: frozenset[str] | None = None   # see _key_tails, built with _bits_of_key
        #: live forms that start only phrases -> the keys one of which the next token must have
        self.phrase_only: dict[str, frozenset[str]] = {}
        # (tag, word set, how many of a form's keys are tried, only keys with no prefix or و/ف)
        self._tag_specs = (
            ("head2", self.head_words, 2, False), ("finite2f", self.finite_words, 2, True),
            ("sub3", self.sub_words, 3, False), ("during2", self.during_words, 2, False),
            ("frame3", self.frame_words, 3, False), ("crowd2", self.crowd_words, 2, False),
            ("quantity2", self.quantity_words, 2, False), ("happen2", self.happen_words, 2, False),
            ("agent2", self.agent_words, 2, False), ("light2", self.light_words, 2, False),
            ("undergo2", self.undergo_words, 2, False), ("perform2f", self.perform_words, 2, True),
            ("occur2f", self.occur_words, 2, True), ("sign2f", self.sign_words, 2, True),
        )
        self._key_sets: dict[str, frozenset[str]] = {}

    # ------------------------------------------------------------------ loading
    def _load_triggers(self, name: str) -> None:
        lines = data_path(name).read_text(encoding="utf-8").splitlines()
        for ln, line in enumerate(lines, 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t") + ["-"] * 8
            kind, forms, typ, mode, role, conf, neg = (c.strip() for c in cols[:7])
            alts = [fold(a.strip()) for a in forms.split(",") if a.strip()]
            rule = f"{name}:{ln} {forms.split(',')[0].strip()}"
            if kind == "stop":
                self.stop.update(alts)
                continue
            if kind in ("not_before", "not_after"):
                getattr(self, kind).setdefault(typ, set()).update(alts)
                continue
            if kind in self.phrase_tables:
                for a in alts:
                    ws = tuple(key(a).split())
                    self.phrase_tables[kind].setdefault(ws[0], []).append(ws[1:])
                continue
            if kind == "bar":   # per-type offset of the specificity bar
                self.bars[typ] = int(forms.strip())
                continue
            sets = {"time": self.time_words, "happen": self.happen_words, "frame": self.frame_words,
                    "lead": self.lead_words, "sub": self.sub_words, "light": self.light_words,
                    "undergo": self.undergo_words, "crowd": self.crowd_words, "member": self.member_words,
                    "quantity": self.quantity_words, "occur": self.occur_words, "head": self.head_words,
                    "during": self.during_words, "agent": self.agent_words,
                    "perform": self.perform_words, "sign": self.sign_words, "finite": self.finite_words, "title": self.title_words,
                    "animal": self.animal_words, "victim": self.victim_words, "claim": self.claim_words,
                    "claim_verb": self.claim_verbs, "claim_not": self.claim_not,
                    "harmed_in": self.harmed_words, "persons": self.person_words,
                    "partner": self.partner_words, "contact": self.contact_words,
                    "conclude": self.conclude_words, "stance": self.stance_words}
            if kind in sets:
                sets[kind].update(alts)
                continue
            if typ not in TYPES:
                continue
            if kind == "cue":
                for a in alts:
                    ws = tuple(key(a).split())
                    self.mode_words.setdefault(ws[0], []).append(ModeCue(typ, mode, ws))
                continue
            # "forces"/"troops": low-confidence rows that are events only with forces in their clause
            forces = {"forces": "any", "troops": "word"}.get(conf, "")
            judicial, paired, concluded = conf == "judicial", conf == "paired", conf == "concluded"
            base = dict(type=typ, mode=_col(mode), kind=kind, role=_col(role),
                        conf="low" if forces else "high" if judicial or paired or concluded else conf or "high",
                        forces=forces, judicial=judicial, paired=paired, concluded=concluded, neg=_col(neg),
                        rule=rule)
            if kind == "verb":
                for pair in alts:
                    for form, aspect in _verb_forms(pair):
                        self._add_word(form, Entry(form=aspect, **base))
            elif kind == "noun":
                for a in alts:
                    for form in _noun_forms(a):
                        self._add_word(form, Entry(form="noun", **base))
            elif kind == "phrase":
                for a in alts:
                    ws = tuple(key(a).split())
                    if len(ws) == 1:
                        self._add_word(ws[0], Entry(form="noun", **base))
                    else:
                        self.phrases.setdefault(ws[0], []).append(Entry(form="phrase", words=ws[1:], **base))
        for v in self.phrases.values():
            v.sort(key=lambda e: -len(e.words))
        # a phrase opened by a perfect verb of the lexicon (اطلقوا النار) is a finite report too
        self.finite_words.update(w for w in self.phrases if any(
            e.form in ("perfect", "passive") for e in self.words.get(w, ())))
        for v in self.mode_words.values():
            v.sort(key=lambda e: -len(e.words))

    def _add_word(self, form: str, e: Entry) -> None:
        """Append ``e`` to the form's entries unless one with its rule and form is there (the
        pairs seen kept in a set: a frequent form has hundreds of entries, and comparing with
        each was most of the lexicon's loading)."""
        k = (form, e.rule, e.form)
        if k not in self._word_rules:
            self._word_rules.add(k)
            self.words.setdefault(form, []).append(e)

    def _load_titles(self) -> None:
        """Titles a VSO subject may open with: the entities stage's titles, official roles and
        ranks (``actors/rules.json``, not its loose ranks: الفريق، المواطن …), with the `title` rows
        of the trigger file added (الملك، ولي العهد، المستشار)."""
        import json

        raw = json.loads(data_path("actors/rules.json").read_text(encoding="utf-8"))
        loose = set(raw.get("loose_ranks", ()))
        self.title_words.update(key(w) for k in ("titles", "official_roles", "ranks") for w in raw.get(k, ())
                                if w not in loose)
        # the organisation trigger words (تنظيم، حركة، جماعة، كتائب، حزب …): a group's head word
        self.group_heads.update(key(w) for typ in ("ARMED_GROUP", "ORG") for w in raw["triggers"].get(typ, ()))

    def _load_modality(self, name: str) -> None:
        lines = data_path(name).read_text(encoding="utf-8").splitlines()
        for ln, line in enumerate(lines, 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t") + ["-"] * 6
            forms, status, window, applies, side = (c.strip() for c in cols[:5])
            if status not in STATUSES:
                continue
            for a in forms.split(","):
                ws = tuple(key(a).split())
                if not ws:
                    continue
                cue = Cue(status, int(window or 3), applies or "any", side or "before",
                          f"{name}:{ln} {a.strip()}", ws)
                self.cues.setdefault(ws[0], []).append(cue)
        for v in self.cues.values():
            v.sort(key=lambda c: -len(c.words))

    # ------------------------------------------------------------------ word keys
    def keys(self, norm: str) -> tuple[tuple[str, str, str], ...]:
        """Candidate (key, prefix-flags, suffix) lookups for a folded token, least stripped first."""
        hit = self._keys_cache.get(norm)
        if hit is not None:
            return hit
        out: list[tuple[str, str, str]] = [(norm, "", "")]
        stems = [(norm, "")]
        n = len(norm)
        for p, lp, flags, stem_flags in self._prefixes_by_first.get(norm[:1], ()):
            if n - lp >= 2 and norm.startswith(p):
                rest = norm[lp:]
                out.append((rest, flags, ""))
                if stem_flags is not None:   # the article never takes a pronoun suffix:
                    stems.append((rest, stem_flags))   # الاجتماعي is a nisba, not اجتماع+ي
        sufs = self._suffixes_by_last.get(norm[-1:], ())   # every stem ends as the word does
        if sufs:
            for st, flags in stems:
                for sfx, ls in sufs:
                    if len(st) - ls >= 3 and st.endswith(sfx):
                        out.append((st[:-ls], flags, sfx))
        res = tuple(out)
        if len(self._keys_cache) < _CACHE_MAX:
            self._keys_cache[norm] = res
        return res

    def paired(self, norms: list[str], t0: int, t1: int) -> bool:
        """A paired trigger at [t0, t1) has its partner: a partner word (مع، بين, by its first keys:
        ومع) within the 4 words after it, or a contact verb within the 8 words before it, its subject
        between (تلقى الأمير محمد بن سلمان اتصالات، أجرى الوزير اتصالات), not across a sentence end."""
        after = range(t1, min(len(norms), t1 + 4))
        if any(k in self.partner_words for j in after for k, _f, _s in self.keys(norms[j])[:2]):
            return True
        return self._word_before(norms, t0, self.contact_words, 8)

    def concluded(self, norms: list[str], t0: int) -> bool:
        """A concluded trigger at ``t0`` follows a conclusion word (conclude rows: توصل، أبرم، وقع،
        تم …, by its first keys: وأبرمت → أبرم) within the 10 words before it, not across a
        sentence end (its subject, date and place may come between: ووقعت الولايات المتحدة وتركيا
        في فبراير في أنقرة اتفاقا; توصل الطرفان إلى اتفاق، تم الاتفاق)."""
        return self._word_before(norms, t0, self.conclude_words, 10)

    def _word_before(self, norms: list[str], t0: int, words: set[str], window: int) -> bool:
        """One of ``words`` (by a token's first keys) within the ``window`` tokens before ``t0``,
        not across a sentence end."""
        for j in range(t0 - 1, max(-1, t0 - 1 - window), -1):
            if norms[j] in (".", "?", "!", ":"):
                return False
            if any(k in words for k, _f, _s in self.keys(norms[j])[:2]):
                return True
        return False

    def cancelled(self, typ: str, nxt: str) -> bool:
        """The word after a trigger of ``typ`` is one of its ``not_before`` words (by the word's
        first keys: رأسه → رأس)."""
        words = self.not_before.get(typ)
        return bool(words) and any(k in words for k, _f, _s in self.keys(nxt)[:3])

    def cancelled_after(self, typ: str, norms: list[str], t0: int) -> bool:
        """One of the two words before a trigger of ``typ`` at ``t0`` is one of its ``not_after``
        words (by the word's first keys: بطائرة → طائره): طائرة إسرائيلية مسيرة is a drone."""
        words = self.not_after.get(typ)
        return bool(words) and any(k in words for j in range(max(0, t0 - 2), t0)
                                   for k, _f, _s in self.keys(norms[j])[:3])

    @property
    def number_words(self) -> dict[str, frozenset[str]]:
        """Folded number words -> their types (unit, ten, hundred, mult …): the counts stage's
        ``number_words.tsv`` as :class:`marsad.arabic.numerals.NumberLexicon` reads it (loaded on
        first use)."""
        if self._numbers is None:
            from marsad.arabic.numerals import NumberLexicon

            self._numbers = {w: frozenset(t for _v, t, _h in es) for w, es in NumberLexicon.load().words.items()}
        return self._numbers

    def count_word(self, norm: str) -> bool:
        """A figure or a number word that counts (not العشرات-style vague words): عشرة، 10، ألف."""
        return norm.isdigit() or bool(self.number_words.get(norm, frozenset()) - {"vague"})

    def phrase_at(self, kind: str, norms: list[str], lo: int, hi: int) -> bool:
        """A row of ``kind`` (accident, festive) in ``norms[lo:hi]``: its first word by the keys of a
        token (so with clitics and a pronoun: بحادث مروري، لمشاهدتها), the words after it exactly."""
        table = self.phrase_tables[kind]
        # A row can start only at a form one of whose first four keys is a row's first word: the
        # forms are sorted out once (remembered per kind, bounded), and only the tokens of such
        # forms are tried, found with C-level passes instead of a keys() call per token.
        span = norms[lo:hi]
        seen, starts = self._phrase_seen[kind], self._phrase_starts[kind]
        new = set(span) - seen
        if new:
            hits = {x for x in new if any(k in table for k, _f, _s in self.keys(x)[:4])}
            if len(seen) + len(new) <= _CACHE_MAX:
                seen |= new
                starts |= hits
            else:
                starts = starts | hits
        for j in compress(range(lo, hi), map(starts.__contains__, span)):
            for k, _flags, _suf in self.keys(norms[j])[:4]:
                for rest in table.get(k, ()):
                    if all(j + 1 + q < hi and norms[j + 1 + q] == w for q, w in enumerate(rest)):
                        return True
        return False

    def match_word(self, norm: str) -> tuple[list[Entry], str, str] | None:
        """Entries for a token, with the proclitic flags and suffix that were stripped."""
        for k, flags, suf in self.keys(norm):
            if k in self.stop and not suf and flags in ("", "w", "f", "al"):
                return None
            es = self.words.get(k)
            if es:
                if "s" in flags:   # future س only on imperfect verbs
                    es = [e for e in es if e.form == "imperfect"]
                elif flags.startswith(("al", "b", "k", "l")) or flags in ("wb", "fb", "wk", "wl", "fl") or (
                        flags in ("w", "f") and norm[1:3] == "ال" and len(norm) - len(suf) - len(k) == 3):
                    # the article or a preposition never precedes a finite verb (العذب is not عذب;
                    # والطالب is و + the student: وال / فال carry the flags of و / ف alone)
                    es = [e for e in es if e.kind != "verb"]
                if suf == "ي":
                    # a noun + ي is its nisba adjective (اجتماعي social, قتالي combat, هجومي
                    # offensive), not "my …" (a ة noun says that with ت: زيارتي); a verb's "me" is
                    # ني, never ي alone (وزارتي "my ministry" / "the two ministries" is no زارت + ي)
                    es = [e for e in es if e.kind != "verb" and k.endswith("ت")]
                if not es:
                    continue
                return es, flags, suf
        return None

    def member(self, norm: str) -> str:
        """"m" for a word standing for its group before a name (عناصر، مقاتلو، طيران), "pron" for one
        with a pronoun suffix (مسلحيه), "q" for a quantity word (العديد، عشرات), "h" for a group's
        head word that a name's mention may leave out (تنظيم of تنظيم «داعش»), else ""."""
        if norm in self.group_heads:
            return "h"
        w = norm[1:] if norm[:1] in ("و", "ف") else norm
        definite = w.startswith(("ال", "بال", "لل"))
        for k, _flags, suf in self.keys(norm):
            if k in self.member_words and not definite:   # a construct head has no article
                return "pron" if suf and suf not in ("ي", "ا") else "m"
            if k in self.quantity_words and not suf:
                return "q"
        return ""

    def key_set(self, norm: str) -> frozenset[str]:
        """The keys of :meth:`keys` of ``norm``, as a set (cached per form, bounded)."""
        ks = self._key_sets.get(norm)
        if ks is None:
            ks = frozenset(k for k, _, _ in self.keys(norm))
            if len(self._key_sets) < _CACHE_MAX:
                self._key_sets[norm] = ks
        return ks

    def has_key(self, norm: str, word: str) -> bool:
        return word in self.key_set(norm)

    def tags(self, norm: str) -> frozenset[str]:
        """The word classes a form belongs to, as the event rules test them (cached per form):
        ``"<class><n>"`` when one of its first n :meth:`keys` is in that class's word set (a
        trailing ``f``: only keys whose stripped prefix is none, و or ف), and ``"mode:<TYPE>"``
        when one of its first 4 keys is a one-word instrument cue of that type (``"mode+:<TYPE>"``:
        the first word of a longer one, see :meth:`instrument_at`)."""
        hit = self.tags_cache.get(norm)
        if hit is None:
            out = set()
            # most forms have no key in any class: tested without building their key tuples (the
            # first 4 keys are among all the keys tested)
            if self._key_bits(norm) & _TAG_KEY:
                for i, (k, fl, _) in enumerate(self.keys(norm)[:4]):
                    for name, depth, bare in self._tags_of_key.get(k, ()):
                        if i < depth and (not bare or fl in ("", "w", "f")):
                            out.add(name)
            hit = frozenset(out) if out else _NO_TAGS
            if len(self.tags_cache) < _CACHE_MAX:
                self.tags_cache[norm] = hit
        return hit

    def _key_tags(self) -> dict[str, list[tuple[str, int, bool]]]:
        """Key -> (tag, depth, bare) for every class word and instrument-cue first word, so a new
        form's tags cost one lookup per key instead of a test per class (see :meth:`tags`)."""
        out: dict[str, list[tuple[str, int, bool]]] = {}
        for name, words, depth, bare in self._tag_specs:
            for w in words:
                out.setdefault(w, []).append((name, depth, bare))
        for k, cues in self.mode_words.items():
            for mc in cues:
                # a one-word cue is an instrument by itself; the first word of a longer one only
                # with the words after it (see instrument_at)
                out.setdefault(k, []).append(("mode:" + mc.type if len(mc.words) == 1 else "mode+:" + mc.type,
                                              4, False))
        return out

    def instrument_at(self, norms: list[str], tags: frozenset[str], j: int, typ: str) -> bool:
        """An instrument cue of ``typ`` starts at token ``j`` (``tags`` = :meth:`tags` of it): a
        one-word cue, or every word of a longer one (فجر alone is "dawn", not فجر نفسه; غاز alone is
        not غاز مسيل للدموع)."""
        if "mode:" + typ in tags:
            return True
        # no "mode:" tag: none of the first 4 keys is a one-word cue of typ, so a cue found is a longer one
        return "mode+:" + typ in tags and self.instrument_cue(norms, j, typ, len(norms)) is not None

    def instrument_cue(self, norms: list[str], j: int, typ: str, end: int) -> ModeCue | None:
        """The first instrument cue of ``typ`` (in the order of the first 4 :meth:`keys` of
        ``norms[j]``, longest first per key) whose following words are ``norms[j + 1:end]``."""
        for k, _, _ in self.keys(norms[j])[:4]:
            for mc in self.mode_words.get(k, ()):
                m = len(mc.words)
                if mc.type == typ and all(j + q < end and norms[j + q] == mc.words[q] for q in range(1, m)):
                    return mc
        return None

    def before_cues(self, norm: str) -> tuple[Cue, ...]:
        """The modality cues with side "before" that can start at a token of form ``norm``: those
        of its first 3 :meth:`keys` with prefix flags "", "w" or "f" and no suffix (كما is not
        ك + ما), in key order and each key's cue order (longest first).  Cached per form."""
        hit = self.before_cache.get(norm)
        if hit is not None:
            return hit
        if not any(norm[c:] in self._before_keys for c in self._before_cuts):
            # the keys looked up below with those flags and no suffix are endings of the form at
            # these cuts: when none of them has a "before" cue (most new forms), the answer is
            # () without building the form's keys
            hit = ()
        else:
            cues = self.cues
            hit = tuple(cue for k, fl, suf in self.keys(norm)[:3] if fl in ("", "w", "f") and not suf
                        for cue in cues.get(k, ()) if cue.side == "before")
        if len(self.before_cache) < _CACHE_MAX:
            self.before_cache[norm] = hit
        return hit

    def _key_bits(self, norm: str) -> int:
        """Which tables one of :meth:`keys` of ``norm`` is in: ``_ENTRY_KEY`` (a trigger word,
        phrase start or stop word: :meth:`trigger` may find something) and ``_TAG_KEY`` (a class
        word or instrument cue word: :meth:`tags` may find something).  The same strippings as
        :meth:`keys`, without building the key tuples; one pass answers both questions for a new
        form (cached per form, bounded)."""
        hit = self._bits_cache.get(norm)
        if hit is not None:
            return hit
        kb = self._bits_of_key
        if kb is None:
            self._build_bits()
            kb = self._bits_of_key
        # Exact pre-test (most new forms, ~9 in 10, stop here; not remembered: live_forms keeps
        # them as inert and tags() caches its own answer): every key found below is
        # norm[lp:len(norm) - ls] with norm ending in that key + the stripped suffix (or none), and
        # for a form of 2+ letters that key has 2+ letters (a stripped form keeps 2, a suffix-less
        # stem 3), so norm's last min(len(key + suffix), _TAIL) letters, 2 to 5, are in _tails
        ends = self._tails
        if len(norm) >= 2 and not (norm[-5:] in ends or norm[-4:] in ends or norm[-3:] in ends
                                   or norm[-2:] in ends):
            return 0
        get = kb.get
        bits = get(norm, 0)
        n = len(norm)
        sufs = self._suffixes_by_last.get(norm[-1:], ())
        for sfx, ls in sufs:
            if n - ls >= 3 and norm.endswith(sfx):
                bits |= get(norm[:-ls], 0)
        for p, lp, _, stem_flags in self._prefixes_by_first.get(norm[:1], ()):
            if n - lp >= 2 and norm.startswith(p):
                rest = norm[lp:]
                bits |= get(rest, 0)
                if stem_flags is not None:
                    for sfx, ls in sufs:
                        if n - lp - ls >= 3 and rest.endswith(sfx):
                            bits |= get(rest[:-ls], 0)
        if len(self._bits_cache) < _CACHE_MAX:
            self._bits_cache[norm] = bits
        return bits

    def _build_bits(self) -> None:
        """Make ``_bits_of_key`` (key -> table bits) and ``_tails`` (see :meth:`_key_tails`)."""
        if self._tags_of_key is None:
            self._tags_of_key = self._key_tags()
        kb = self._bits_of_key = dict.fromkeys(self._tags_of_key, _TAG_KEY)
        for k in self._entry_keys:
            kb[k] = kb.get(k, 0) | _ENTRY_KEY
        self._tails = self._key_tails(kb)

    def _pretest(self, forms: set[str]) -> set[str]:
        """The part of ``forms`` that passes :meth:`_key_bits`' ending pre-test (a form shorter than
        2 letters always does); for every other form ``_key_bits`` is 0.  The same test, made over
        the whole set with C-level map/compress passes (one per ending length) instead of a call
        per form."""
        if self._tails is None:
            self._build_bits()
        ends = self._tails
        fl = list(forms)
        keep = set(compress(fl, map((2).__gt__, map(len, fl))))
        for sl in _TAIL_SLICES:
            keep.update(compress(fl, map(ends.__contains__, map(itemgetter(sl), fl))))
        return keep

    @staticmethod
    def _key_tails(table: dict[str, int]) -> frozenset[str]:
        """The endings a form must have for :meth:`_key_bits` to find one of ``table``'s keys:
        each key followed by nothing or a pronoun suffix, cut to its last ``_TAIL`` letters (the
        key's prefix is whatever precedes it, so only the ending can be told)."""
        return frozenset((k + s)[-_TAIL:] for k in table for s in ("",) + _SUFFIXES)

    def live_forms(self, norms: list[str]) -> set[str]:
        """The forms among ``norms`` that start a phrase or a word trigger (:meth:`trigger` is not
        empty).  Forms found to start nothing are remembered in a set (bounded), so a sentence of
        known inert words costs one set difference instead of a lookup per token."""
        live = set(norms) - self._inert
        new = live - self._live   # forms seen for the first time (or past the caches' bound)
        if new:
            # most new forms fail _key_bits' ending pre-test (so its bits are 0: they start
            # nothing, the loop below would turn them away): tested all at once, made inert here
            keep = self._pretest(new)
            if len(keep) < len(new):
                inert = new - keep
                live -= inert
                room = _CACHE_MAX - len(self._inert)
                self._inert.update(inert if len(inert) <= room else islice(inert, max(room, 0)))
                # their _key_bits is 0, so no tag key either: tags() would find none (the events
                # stage reads tags of every word of a sentence with a trigger)
                if len(self.tags_cache) + len(inert) <= _CACHE_MAX:
                    self.tags_cache.update(dict.fromkeys(inert, _NO_TAGS))
                new = keep
        for w in new:
            if not self._key_bits(w) & _ENTRY_KEY:   # no key to find anything under (most new forms)
                phrases, mw = (), None
            else:
                phrases, mw = self.trigger(w)
            if not phrases and mw is None:
                live.discard(w)
                if len(self._inert) < _CACHE_MAX:
                    self._inert.add(w)
                continue
            if mw is None and len(self.phrase_only) < _CACHE_MAX:
                # only a phrase can start here, and only before a token with its second word
                # among its keys (Events._triggers tests has_key(next token, e.words[0]) first)
                self.phrase_only[w] = frozenset(e.words[0] for e, _ in phrases)
            if len(self._live) < _CACHE_MAX:
                self._live.add(w)
        return live

    def trigger(self, norm: str) -> tuple[tuple[tuple[Entry, str], ...], tuple[list[Entry], str, str] | None]:
        """What a token can start: (phrase entries with the prefix flags of the key they were found
        under, in the order the keys and each key's phrases are tried; :meth:`match_word`).

        Both depend only on the form, so they are computed once per form (bounded cache); a form
        that starts nothing gives ``((), None)``."""
        hit = self._trigger_cache.get(norm)
        if hit is None:
            if not self._key_bits(norm) & _ENTRY_KEY:
                hit = ((), None)   # no key is a trigger, phrase start or stop word: nothing to find
            else:
                ks = self.keys(norm)
                phrases = tuple((e, flags) for k, flags, _ in ks for e in self.phrases.get(k, ()))
                hit = (phrases, self.match_word(norm))
            if len(self._trigger_cache) < _CACHE_MAX:
                self._trigger_cache[norm] = hit
        return hit
