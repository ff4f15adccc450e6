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


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon row, as it applies to one word form."""

    type: str
    mode: str | None
    kind: str          # verb | noun | phrase
    form: str          # perfect | imperfect | passive | noun | phrase
    role: str | None   # actor | recipient | both | None
    conf: str          # high | low
    neg: str | None    # type when negated
    rule: str          # "event_triggers.tsv:<line> <forms>"
    words: tuple[str, ...] = ()   # phrase: following words


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
        self.perform_words: set[str] = set()
        self.finite_words: set[str] = set()
        self.bars: dict[str, int] = {}
        self._load_triggers(triggers_file)
        self._load_modality(modality_file)
        self._keys_cache: dict[str, tuple[tuple[str, str, str], ...]] = {}

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
            if kind == "bar":   # per-type offset of the specificity bar
                self.bars[typ] = int(forms.strip())
                continue
            sets = {"time": self.time_words, "happen": self.happen_words, "frame": self.frame_words,
                    "lead": self.lead_words, "sub": self.sub_words, "light": self.light_words,
                    "undergo": self.undergo_words, "crowd": self.crowd_words, "member": self.member_words,
                    "quantity": self.quantity_words, "occur": self.occur_words, "head": self.head_words,
                    "during": self.during_words, "agent": self.agent_words,
                    "perform": self.perform_words, "finite": self.finite_words}
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
            base = dict(type=typ, mode=_col(mode), kind=kind, role=_col(role), conf=conf or "high",
                        neg=_col(neg), rule=rule)
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
        lst = self.words.setdefault(form, [])
        if all(x.rule != e.rule or x.form != e.form for x in lst):
            lst.append(e)

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
        for p, flags in _PREFIXES:
            if norm.startswith(p) and len(norm) - len(p) >= 2:
                rest = norm[len(p):]
                if p in ("لل", "ولل", "فلل"):
                    flags = flags or "l"
                out.append((rest, flags or "al", ""))
                if not p.endswith(("ال", "لل")):   # the article never takes a pronoun suffix:
                    stems.append((rest, flags or "al"))   # الاجتماعي is a nisba, not اجتماع+ي
        for st, flags in stems:
            for s in _SUFFIXES:
                if st.endswith(s) and len(st) - len(s) >= 3:
                    out.append((st[: -len(s)], flags, s))
        res = tuple(out)
        if len(self._keys_cache) < 200_000:
            self._keys_cache[norm] = res
        return res

    def match_word(self, norm: str) -> tuple[list[Entry], str, str] | None:
        """Entries for a token, with the proclitic flags and suffix that were stripped."""
        for k, flags, suf in self.keys(norm):
            if k in self.stop and not suf and flags in ("", "w", "f", "al"):
                return None
            es = self.words.get(k)
            if es:
                if "s" in flags:   # future س only on imperfect verbs
                    es = [e for e in es if e.form == "imperfect"]
                elif flags.startswith(("al", "b", "k", "l")) or flags in ("wb", "fb", "wk", "wl", "fl"):
                    # the article or a preposition never precedes a finite verb (العذب is not عذب)
                    es = [e for e in es if e.kind != "verb"]
                if not es:
                    continue
                return es, flags, suf
        return None

    def member(self, norm: str) -> str:
        """"m" for a word standing for its group before a name (عناصر، مقاتلو، طيران), "pron" for one
        with a pronoun suffix (مسلحيه), "q" for a quantity word (العديد، عشرات), else ""."""
        w = norm[1:] if norm[:1] in ("و", "ف") else norm
        definite = w.startswith(("ال", "بال", "لل"))
        for k, _flags, suf in self.keys(norm):
            if k in self.member_words and not definite:   # a construct head has no article
                return "pron" if suf and suf not in ("ي", "ا") else "m"
            if k in self.quantity_words and not suf:
                return "q"
        return ""

    def has_key(self, norm: str, word: str) -> bool:
        return any(k == word for k, _, _ in self.keys(norm))
