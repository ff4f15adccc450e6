"""Word-list rules of the entities stage: tokens, trigger-word organisations, country forces,
titled persons.  The word lists are data (``resources/data/actors/rules.json`` and
``demonyms.tsv``); this module only applies them.

All positions here are clean-view offsets (the folded view has the same indices).
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate, compress, repeat
from operator import is_

from marsad.arabic.normalise import key as fold_key
from marsad.ner import NAMES_NAME
from marsad.ner.features import load_names
from marsad.resources import data_dir
from marsad.resources.actors import CONJ, PREP, WORD_RE, clitic_stems

_AR_WORD = re.compile(r"[\u0621-\u064a]+")
#: WORD_RE as a capturing split: "gap, word, gap, word, ..., gap" in one C-speed call.
_SPLIT_RE = re.compile(f"({WORD_RE.pattern})")
try:  # the same split without the regex engine's category tests (marsad/arabic/_tokenkernel.c)
    from marsad.arabic._tokenkernel import word_split as _word_split
except ImportError:  # pragma: no cover - depends on the build
    _word_split = _SPLIT_RE.split
QUOTES = "\"'("
CLOSERS = "\"')"


#: Bits of :attr:`Tok.fl`: which rules a word form can start.  A bit is clear only when no
#: reading of the form can match there, so a rule may skip the token without looking at it; a
#: token made without the classification has ``fl == -1`` (every bit set: check everything).
TRIGGER, FORCE, NORP, PERSON, COREF, KB = 1, 2, 4, 8, 16, 32


class Tok:
    """A word token: clean-view span, folded form, the text before it, clitic readings, flags."""

    __slots__ = ("cs", "ce", "f", "gap", "stems", "fl", "after")

    def __init__(self, cs: int, ce: int, f: str, gap: str, stems: list[tuple[int, str]], fl: int = -1,
                 after: str = "") -> None:
        self.cs = cs
        self.ce = ce
        self.f = f  # folded
        self.gap = gap  # clean text between the previous token (or the region start) and this one
        self.stems = stems
        self.fl = fl
        self.after = after  # the last token of a region only: clean text up to the region end

    @property
    def definite(self) -> bool:
        return self.f.startswith("ال") and len(self.f) > 3


@dataclass(slots=True)
class Cand:
    """A candidate mention: clean span, type, grouping identity, and what is known of the actor."""

    cs: int
    ce: int
    type: str
    ident: str
    name: str
    source: str  # "kb" | "rule" | "ner"
    key: str | None = None
    country: str | None = None
    category: str | None = None
    inter: int | None = None
    # heads and shorts are only read or replaced, never changed in place: one shared empty default
    heads: set | frozenset = frozenset()
    affil: str | None = None  # ident of an organisation named with a person (rule persons)
    title: tuple = ()  # folded title tokens that introduced a person
    via_head: str | None = None  # named as trigger + a generic head: may be an earlier actor
    shorts: set | frozenset = frozenset()  # short forms valid after this mention
    # a trigger and definite common-looking words (حركة التجارة العالمية، تنظيم الحفل): kept only
    # when the tagger also sees a name there (Entities drops it otherwise)
    weak: bool = False


def surface_name(clean: str, cs: int, ce: int, stem: str) -> str:
    """The name as written, given back the alef of ال that ل + ال (لل) swallowed."""
    name = clean[cs:ce]
    if stem.startswith("ال") and fold_key(name[:2]) != "ال":
        return "ا" + name
    return name


def folded_set(words) -> frozenset[str]:
    return frozenset(fold_key(w) for w in words)


def person_name(name: str, titles: frozenset[str]) -> str:
    """A person's canonical name: ``name`` without the titles and ranks (folded ``titles``) in
    front of it, as long as two words of the name are left (الدكتور عادل الطريفي → عادل الطريفي,
    سمو الأمير فيصل بن سلمان → فيصل بن سلمان; الملك عبدالله and الرئيس السيسي stay: one word
    alone would not say who; nor does الشيخ عبد الله: عبد and أبو make one name with the word after
    them).  An ordinal after a rank goes with it (الرقيب أول), also when the rank itself was left
    out of the name (أول صدقي صبحي, from الفريق أول صدقي صبحي → صدقي صبحي)."""
    while True:
        cut = name.find(" ")
        if cut > 0 and name[:cut] in _RANK_ORDINALS:
            rest = name[cut + 1:].lstrip()
            if len([w for w in rest.split() if fold_key(w) not in _NAME_JOINERS]) >= 2:
                name = rest
                continue
        if cut < 0 or fold_key(name[:cut]) not in titles:
            return name
        rest = name[cut + 1:].lstrip()
        first, _, after = rest.partition(" ")
        if first in _RANK_ORDINALS and after:
            rest = after.lstrip()
        words = [w for w in rest.split() if fold_key(w) not in _NAME_JOINERS]
        if len(words) < 2:
            return name
        name = rest


#: words that make one name with the word after them, or join names (not a name of their own)
_NAME_JOINERS = frozenset(fold_key(w) for w in ("عبد", "أبو", "أبي", "أبا", "بن", "بنت", "ابن", "آل"))
#: ordinals that belong to the rank before them (رقيب أول، ملازم ثاني)
_RANK_ORDINALS = frozenset({"أول", "اول", "ثاني", "ثان"})


class Rules:
    """The loaded word lists, folded."""

    def __init__(self, raw: dict | None = None, demonyms: list[tuple[str, str, list[str]]] | None = None):
        d = data_dir() / "actors"
        raw = raw or json.loads((d / "rules.json").read_text(encoding="utf-8"))
        if demonyms is None:
            demonyms = []
            for line in (d / "demonyms.tsv").read_text(encoding="utf-8").splitlines():
                if line.strip() and not line.startswith("#"):
                    cc, country, adj = line.split("\t")[:3]
                    demonyms.append((cc, country, [a.strip() for a in adj.split(";") if a.strip()]))
        self.triggers: dict[str, str] = {}
        for typ, words in raw["triggers"].items():
            for w in words:
                self.triggers[fold_key(w)] = typ
        self.strict = folded_set(raw["strict"])
        #: definite feminine adjectives that end a person's name (the institution named after the
        #: person goes on: جامعة الإمام محمد بن سعود الإسلامية، مدينة الملك عبدالعزيز الطبية)
        self.name_adjectives = folded_set(raw.get("name_adjectives", ()))
        self.weak = folded_set(raw.get("weak_triggers", ()))
        self.definite_triggers = {fold_key(k): v for k, v in raw["definite_triggers"].items()}
        self.generic = folded_set(raw["generic"])
        self.media_desc = folded_set(raw["media_descriptors"])
        self.heads = folded_set(raw["heads"])
        self.roles = folded_set(raw["roles"])
        self.official = folded_set(raw["official_roles"])
        self.titles = folded_set(raw["titles"])
        # the titles without the article (as coreference compares them), when that leaves > 1 letter
        self.bare_titles = frozenset(w[2:] if w.startswith("ال") and len(w) > 3 else w for w in self.titles)
        self.ranks = folded_set(raw["ranks"])
        #: taken off the front of a person's canonical name (see :func:`person_name`)
        self.name_titles = self.ranks | folded_set(raw.get("name_titles", ()))
        self.stop = folded_set(raw["stop"])
        self.stop_written = frozenset(raw["stop"])  # as written: إن (فإن) but not ان (فان دايك)
        self.name_stop = self.stop | folded_set(raw.get("name_stop", []))
        self.ner_keep = folded_set(raw.get("ner_keep", []))
        # units after numbers (non_count_units.tsv: ريال، دولار، كيلومتر، عام): a tagger span that is
        # one of these alone is the unit (مليون ريال), not an organisation or a place
        units = data_dir() / "non_count_units.tsv"
        self.units = frozenset(
            fold_key(ln.split("\t")[0]) for ln in units.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")) if units.exists() else frozenset()
        # على folds to علي (a name): a stop word written with ى is only that word when written with ى
        self.stop_maqsura = frozenset(fold_key(w) for w in raw["stop"] if w.endswith("ى"))
        self.given = folded_set(raw.get("given", []))
        self.not_persons = folded_set(raw.get("not_persons", []))
        self.not_orgs = folded_set(raw.get("not_orgs", []))
        self.split_heads = folded_set(raw.get("split_heads", []))
        # ranks that are also everyday nouns (الفريق the team, المواطن the citizen): a name after
        # one must open with a known given name (given, ner_given_names.tsv) or عبد
        self.loose_ranks = folded_set(raw.get("loose_ranks", []))
        names = data_dir() / NAMES_NAME
        self.given_names = self.given | (load_names(names) if names.exists() else frozenset())
        self.force_heads = {tuple(WORD_RE.findall(fold_key(k))): v for k, v in raw["force_heads"].items()}
        self.force_types = raw["force_types"]
        self.state_units = folded_set(raw.get("state_units", []))
        self.not_media = folded_set(raw.get("not_media", []))
        self.force_by_first: dict[str, list] = {}
        for head, kind in sorted(self.force_heads.items(), key=lambda x: -len(x[0])):
            self.force_by_first.setdefault(head[0], []).append((head, kind))
        # adjective (folded, no article) -> country code; and country code -> adjectives
        self.adj_cc: dict[str, str] = {}
        self.cc_adj: dict[str, set[str]] = {}
        self.country_name: dict[str, str] = {}
        for cc, country, adjs in demonyms:
            self.country_name[cc] = country
            for a in adjs:
                fa = fold_key(a)
                if " " in fa:
                    continue
                self.adj_cc[fa] = cc
                self.cc_adj.setdefault(cc, set()).add(fa)
        self._bits: dict[str, int] | None = None  # see _stem_bits

    def _stem_bits(self) -> dict[str, int]:
        """Reading → the rule bits it gives (see :meth:`form_flags`): each list's words, and the
        plural nisba stems spelt out from the adjectives (ال + X + يين / يون for an adjective
        X + ي: exactly the readings for which :meth:`nisba_cc` says "plural")."""
        bits: dict[str, int] = {}

        def put(words, bit: int) -> None:
            for w in words:
                bits[w] = bits.get(w, 0) | bit

        put(self.triggers, TRIGGER)
        put(self.definite_triggers, TRIGGER)
        put(self.force_by_first, FORCE)
        put((f"ال{a[:-1]}{suf}" for a, cc in self.adj_cc.items() if cc and a.endswith("ي")
             for suf in ("يين", "يون")), NORP)
        put(self.titles, PERSON)
        put(self.roles, COREF)
        put((f"ال{h}" for h in self.heads), COREF)
        return bits

    def form_flags(self, f: str, stems: list[tuple[int, str]]) -> int:
        """The rule bits (:data:`TRIGGER` ... :data:`COREF`) of a folded word form with these clitic
        readings: the exact per-token tests with which each rule starts, done once per form
        (through one table of readings, built on first use)."""
        if self._bits is None:
            self._bits = self._stem_bits()
        get = self._bits.get
        fl = PERSON if f in self.ranks or f in self.titles else 0
        for _, s in stems:
            fl |= get(s, 0)
        return fl

    def flagger(self, extra: dict[str, int] | None = None):
        """A function giving a folded word form's :meth:`form_flags` (or-ed with ``extra``'s bits
        of its readings) from the form alone: see :func:`reading_bits`."""
        if self._bits is None:
            self._bits = self._stem_bits()
        table = dict(self._bits)
        for w, bit in (extra or {}).items():
            table[w] = table.get(w, 0) | bit
        get = table.get
        ranks = self.ranks

        def flags(f: str) -> int:
            # titles are readings of the table; a rank is a whole form only
            return reading_bits(get, f) | (PERSON if f in ranks else 0)
        return flags

    def not_person(self, key: str) -> bool:
        """A tagger person span that is no person: its folded key is a ``not_persons`` entry
        of rules.json, or one followed by more words (الكورنيش الشمالي)."""
        if not self.not_persons:
            return False
        return key in self.not_persons or any(key.startswith(x + " ") for x in self.not_persons)

    def nisba_cc(self, stem: str) -> tuple[str | None, str]:
        """Country code of a definite nisba adjective (التركي, التركية, الأمريكيين); and its form."""
        if not stem.startswith("ال"):
            return None, ""
        s = stem[2:]
        for suf, form in (("يين", "plural"), ("يون", "plural"), ("يه", "fem"), ("ي", "masc")):
            if s.endswith(suf):
                base = s[: len(s) - len(suf)] + "ي"
                if base in self.adj_cc:
                    return self.adj_cc[base], form
        return None, ""


def reading_bits(get, f: str) -> int:
    """``get(s, 0)`` or-ed over the :func:`clitic_stems` readings ``s`` of the (non-empty) folded
    form ``f``: the readings spelt out as clitic_stems makes them (a conjunction و/ف, then a
    preposition ب/ل/ك, and ل + ال written لل given back its alef), without building the list:
    the flags of a new word form (tens per article) cost the table lookups only."""
    fl = get(f, 0)
    n = len(f)
    c = f[0]
    if c in CONJ:
        if n >= 4:  # the form without the conjunction, of 3+ letters
            s = f[1:]
            fl |= get(s, 0)
            if s[0] in PREP:
                fl |= get(s[1:], 0)
                if s[0] == "ل" and s[1] == "ل":
                    fl |= get("ا" + s[1:], 0)
    elif c in PREP and n >= 3:
        fl |= get(f[1:], 0)
        if c == "ل" and f[1] == "ل":
            fl |= get("ا" + f[1:], 0)
    return fl


class Region:
    """The tokens of one region, a read-only sequence of :class:`Tok` made on first access.

    ``fls``: the :attr:`Tok.fl` of each token; ``marked``: the indices of those whose form has a flag bit (the only tokens at which a
    rule, an alias or a coreferent mention other than a document's own short forms and titles
    can start; about one token in ten); ``forms``: the folded forms of all tokens, in order;
    ``starts``: their clean-view start offsets, in order (for bisection without making tokens).

    Why lazy: a region has hundreds of tokens and the rules, the alias matcher and coreference
    look at the marked ones and a few neighbours; making a Python object for every token was
    most of the tokeniser's cost (a faster split or cache saved nothing next to it)."""

    __slots__ = ("marked", "forms", "fls", "_parts", "_start", "_stems", "_toks", "_bounds", "_starts")

    def __init__(self, parts: list[str], start: int, fls: list[int], stems: dict) -> None:
        self._parts = parts  # [gap, word, gap, word, ..., gap]: WORD_RE split of the region
        self._start = start
        self._stems = stems  # form -> its clitic readings (a form missing: computed when needed)
        self.forms = parts[1::2]
        self.fls = fls  # per token: :attr:`Tok.fl`, without making the token
        self.marked = list(compress(range(len(fls)), fls))
        self._toks: list[Tok | None] = [None] * len(fls)
        self._bounds: list[int] | None = None
        self._starts: list[int] | None = None

    def _offsets(self) -> list[int]:
        """[region start, start of token 0, its end, start of token 1, ...]: the running sum of
        the lengths of the split's parts."""
        if self._bounds is None:
            self._bounds = list(accumulate(map(len, self._parts), initial=self._start))
        return self._bounds

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = self._offsets()[1:-1:2]
        return self._starts

    def first_at(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect_left(self.starts, pos)

    def __len__(self) -> int:
        return len(self._toks)

    def __bool__(self) -> bool:
        return bool(self._toks)

    def __iter__(self):
        return map(self.__getitem__, range(len(self._toks)))

    def __getitem__(self, i):
        t = self._toks[i]  # IndexError past either end, as for a list
        if t is None:
            n = len(self._toks)
            if i < 0:
                i += n
            b = self._bounds or self._offsets()
            parts = self._parts
            f = parts[2 * i + 1]
            st = self._stems.get(f)
            if st is None:  # readings are worked out for the forms of the tokens made only
                st = clitic_stems(f)
                if len(self._stems) < _CACHE_MAX:
                    self._stems[f] = st
            t = self._toks[i] = Tok(b[2 * i + 1], b[2 * i + 2], f, parts[2 * i], st, self.fls[i],
                                    parts[-1] if i == n - 1 else "")
        elif t.__class__ is list:  # i is a slice: a list of tokens, as a list's slice is
            return [self[k] for k in range(*i.indices(len(self._toks)))]
        return t

    def gap(self, i: int) -> str:
        """:attr:`Tok.gap` of token ``i`` (0 <= i < len), without making the token."""
        return self._parts[2 * i]

    def quote_openers(self) -> list[int]:
        """Indices of the tokens whose gap holds a double quote (« and » are " in the clean view)
        or an opening parenthesis (وكالة أنباء الإمارات (وام))."""
        return [i for i, g in enumerate(self._parts[0:2 * len(self._toks):2]) if '"' in g or "(" in g]

    def gap_after(self, i: int) -> str:
        """The text between token ``i`` (0 <= i < len) and the next one, or the region end."""
        return self._parts[2 * i + 2]

    def bounds(self) -> tuple[int, int]:
        """Start of the first token and end of the last (a non-empty region)."""
        b = self._offsets()
        return b[1], b[-2]


_CACHE_MAX = 100_000


def tokenise(folded: str, regions: list[tuple[int, int]], *, cache: dict | None = None,
             stems: dict | None = None, flags=None, form_flags=None) -> list[Region]:
    """Word tokens (``WORD_RE`` over ``folded``) of each region, a :class:`Region` per region.

    :attr:`Tok.fl` of a form comes from ``form_flags`` (form → int, e.g. :meth:`Rules.flagger`)
    or else ``flags`` (form, clitic readings → int, e.g. :meth:`Rules.form_flags`); it is -1
    without either.  ``cache`` (word form → flags) and ``stems`` (word form → clitic readings,
    filled as tokens are made) may be kept between documents (up to 100,000 forms each).  The
    gaps are taken from the folded view: folding maps letters to letters only, so the text
    between two words is the same in the clean and folded views."""
    cache = {} if cache is None else cache
    stems = {} if stems is None else stems
    out = []
    split = _word_split
    get = cache.get
    for rs, re_ in regions:
        parts = split(folded[rs:re_])  # [gap, word, gap, word, ..., gap]
        forms = parts[1::2]
        fls = list(map(get, forms))
        if None in fls:
            # forms not seen before: classify each distinct one once (picked out without a
            # Python loop over the region's tokens)
            new: dict[str, int] = {}
            for f in set(compress(forms, map(is_, fls, repeat(None)))):
                if form_flags is not None:
                    fl = form_flags(f)
                elif flags is not None:
                    fl = flags(f, clitic_stems(f))
                else:
                    fl = -1
                new[f] = fl
                if len(cache) < _CACHE_MAX:
                    cache[f] = fl
            # a new form's answer, any other token's the one read (new.get's default)
            fls = list(map(new.get, forms, fls))
        out.append(Region(parts, rs, fls, stems))
    return out


def _flagged(toks: Region, bit: int) -> list[int]:
    """Indices of the tokens whose form has ``bit`` set: the only ones a rule can start at."""
    fls = toks.fls
    return [i for i in toks.marked if fls[i] & bit]


def joined(toks: Region, j: int) -> bool:
    """Token j follows token j-1 with only spaces (or a hyphen) between them."""
    if not 0 < j < len(toks):
        return False
    g = toks.gap(j)  # read without making the token
    return g == " " or (g.strip(" -") == "" and "\n" not in g)


def _quoted(toks: Region, j: int, limit: int = 6) -> int | None:
    """If token j opens a quote/parenthesis (its gap has one), the index of the last quoted token."""
    if j >= len(toks) or "\n" in toks.gap(j):
        return None
    g = toks.gap(j).strip()
    if not g or g[-1] not in QUOTES or any(ch not in QUOTES for ch in g):
        return None
    for k in range(j, min(len(toks), j + limit)):
        after = toks.gap_after(k)  # up to the next token or the region end
        if "\n" in after:
            return None
        if any(ch in CLOSERS for ch in after):
            return k
        if after.strip(" -"):
            return None  # other punctuation inside the quote: not a short name
    return None


def quoted_outlets(toks: Region, outlets: dict[tuple[str, ...], str]) -> list[tuple[int, int, str]]:
    """(start, end, actor key) of known outlets named in quotes without their head word
    (لـ«الشرق الأوسط», قالت «عكاظ»): ``outlets`` maps the folded words of a MEDIA actor's name
    after its head word (صحيفة الشرق الأوسط → الشرق الأوسط) to its key.  In quotes such a name is
    the outlet, not the region."""
    out = []
    for j in toks.quote_openers():
        q = _quoted(toks, j)
        if q is not None:
            key = outlets.get(tuple(toks.forms[j:q + 1]))
            if key is not None:
                out.append((toks[j].cs, toks[q].ce, key))
    return out


def trigger_cands(toks: list[Tok], rules: Rules, clean: str) -> list[Cand]:
    """Organisations named by a trigger word: كتائب المقاومة, لموقع (إرفع صوتك), المقاومة الموصلية."""
    out: list[Cand] = []
    n = len(toks)
    for i in _flagged(toks, TRIGGER):
        t = toks[i]
        for off, stem in t.stems:
            typ = rules.triggers.get(stem)
            if typ is None and stem in rules.definite_triggers and i + 1 < n and joined(toks, i + 1):
                nxt = toks[i + 1]
                if nxt.definite and nxt.f.endswith("يه") and nxt.f not in rules.generic:
                    typ = rules.definite_triggers[stem]
                    cs = t.cs + off
                    name = surface_name(clean, cs, nxt.ce, stem)
                    out.append(Cand(cs, nxt.ce, typ, f"rule:{fold_key(name)}", name, "rule",
                                    heads={stem[2:]}))
                break
            if typ is None:
                continue
            j = i + 1
            if typ == "MEDIA":
                while j < n and joined(toks, j) and toks[j].f in rules.media_desc:
                    j += 1
            q = _quoted(toks, j)
            if q is not None:
                cs, ce = toks[j].cs, toks[q].ce
                name = clean[cs:ce]
                out.append(Cand(cs, ce, typ, f"rule:{fold_key(name)}", name, "rule",
                                heads={stem}))
                break
            if j != i + 1 or j >= n or not joined(toks, j):
                break
            first = toks[j]
            if first.f in rules.generic or first.f in rules.stop or first.f in rules.triggers:
                break
            k = j
            if not first.definite:
                if not (k + 1 < n and joined(toks, k + 1) and toks[k + 1].definite
                        and toks[k + 1].f not in rules.stop and len(first.f) >= 3):
                    break
                k += 1
            while k + 1 < n and k + 1 - j < 4 and joined(toks, k + 1) and toks[k + 1].definite \
                    and toks[k + 1].f not in rules.stop and toks[k + 1].f not in rules.generic:
                k += 1
            unit = stem.endswith("قوات") and first.f in rules.state_units
            if unit:
                # قوات مكافحة الشغب الغاز (VSO: أطلقت قوات … الغاز): the unit's name is its construct
                # and the adjectives after it (قوات حرس الحدود السعودية), not the verb's object
                k = min(k, j if first.definite else j + 1)
                while k + 1 < n and k + 1 - j < 4 and joined(toks, k + 1) and toks[k + 1].definite \
                        and toks[k + 1].f.endswith(("يه", "ي")):
                    k += 1
            if stem in rules.strict and k == j:
                break
            cs, ce = t.cs + off, toks[k].ce
            name = clean[cs:ce]
            if typ == "MEDIA" and first.f in rules.not_media:
                typ = "ORG"   # وكالة الفضاء الأوروبية، قناة السويس: an agency, a canal, no outlet
            c = Cand(cs, ce, typ, f"rule:{fold_key(name)}", name, "rule", heads={stem})
            if unit:
                c.type, c.category = "STATE_FORCE", "state forces"   # قوات مكافحة الشغب: riot police
            if k == j and first.definite and first.f[2:] in rules.heads:
                c.via_head = first.f[2:]  # كتائب المقاومة after المقاومة الموصلية: the same group
            elif k == j and first.definite and first.f.endswith(("ين", "ون")):
                c.shorts = {(first.f[:-2] + "ين",), (first.f[:-2] + "ون",)}  # جيش المجاهدين → المجاهدون
            else:  # تنظيم الحفل، حركة التجارة: the masdar or common noun, unless the tagger sees a name
                c.weak = first.definite and stem in rules.weak and not unit
            out.append(c)
            break
    return out


def force_cands(toks: list[Tok], rules: Rules, clean: str) -> list[Cand]:
    """A country's forces or government named by a head and a demonym: الجيش التركي, القوات الروسية."""
    out: list[Cand] = []
    n = len(toks)
    for i in _flagged(toks, FORCE):
        t = toks[i]
        for off, stem in t.stems:
            for head, kind in rules.force_by_first.get(stem, ()):
                if i + len(head) >= n:
                    continue
                if any(toks[i + h].f != head[h] or not joined(toks, i + h) for h in range(1, len(head))):
                    continue
                j = i + len(head)
                if not joined(toks, j):
                    continue
                cc, form = rules.nisba_cc(toks[j].f)
                if cc is None or form == "plural":
                    continue
                # the adjective agrees with the first noun of the phrase: after a title (وزير الدفاع
                # الأمريكي, رئيس الحكومة الفرنسي) it is the person's, so no ministry or government is
                # named (an army still is: قائد الجيش الليبي); after a construct noun (وزارة الدفاع الجزائرية, قوات الأمن السعودية) it is
                # that noun's; else the head's first word's (ة or a plural in ات: feminine)
                prev = toks[i - 1].f if i > 0 and not off and joined(toks, i) else ""
                if kind == "government" and (prev in rules.titles or prev in rules.bare_titles):
                    continue   # (قائد الجيش الليبي still names the Libyan army)
                agree = prev if prev and not prev.startswith("ال") and prev.endswith(("ه", "ات")) else stem
                if (form == "fem") != agree.endswith(("ه", "ات")):
                    continue
                typ = rules.force_types[kind]
                cs = t.cs + off
                ident = f"{'gov' if typ == 'ORG' else 'mil'}_{cc}" if kind in ("army", "forces", "government") \
                    else f"{kind.replace(' ', '_')}_{cc}"
                out.append(Cand(cs, toks[j].ce, typ, ident, surface_name(clean, cs, toks[j].ce, stem), "rule",
                                country=cc,
                                category="state forces" if typ == "STATE_FORCE" else None,
                                inter=1 if typ == "STATE_FORCE" else None))
    return out


def norp_cands(toks: list[Tok], rules: Rules, clean: str) -> list[Cand]:
    """Peoples named by a plural demonym: العراقيين, السوريون."""
    out = []
    for i in _flagged(toks, NORP):
        t = toks[i]
        for off, stem in t.stems:
            cc, form = rules.nisba_cc(stem)
            if cc and form == "plural":
                out.append(Cand(t.cs + off, t.ce, "NORP", f"norp_{cc}", surface_name(clean, t.cs + off, t.ce, stem),
                                "rule", country=cc))
                break
    return out


_CLITIC_FIRST = frozenset("وفبلك")


def _name_tokens(toks: Region, j: int, rules: Rules, *, min_len: int = 2, taken=b"",
                 clean: str | None = None) -> int | None:
    """Index of the last token of a person's name starting at j (2-3 words), or None.
    ``taken``: a mask of clean-view offsets (a byte set at each one inside another mention).
    With ``clean`` (the clean view), a name spelt like a stop word but with ي is a name: علي,
    not على (the folded forms are the same)."""
    n = len(toks)
    if j >= n or not joined(toks, j):
        return None
    forms, starts = toks.forms, toks.starts  # read without making tokens
    f = forms[j]
    # a definite word opens no name, with a clitic either: والفنون after "جمعية الثقافة" is the
    # rest of the organisation's name (جمعية الثقافة والفنون), not a person
    if f.startswith(("ال", "وال", "بال", "لل")) and len(f) > 3:  # (not فال: فالح is a name)
        return None
    k = j - 1
    while k + 1 < n and k + 1 - j < 3 and (k + 1 == j or joined(toks, k + 1)):
        f = forms[k + 1]
        cs = starts[k + 1]
        stop = f in rules.name_stop and not (
            clean is not None and f in rules.stop_maqsura and clean[cs + len(f) - 1:cs + len(f)] == "ي")
        if stop or f in rules.titles or f in rules.triggers or not _AR_WORD.fullmatch(f) \
                or len(f) < 2 or (cs < len(taken) and taken[cs]):
            break
        if f[0] in _CLITIC_FIRST and any(st in rules.titles or st in rules.triggers for _, st in toks[k + 1].stems[1:]):
            break  # ومديرة معهد …: "and" + a title or a trigger word opens no name
        if k >= j and f[0] in "وف" and (f[1:3] == "ال" or f[1:] in rules.name_stop):
            break  # حسن حكيموف والمندوب، محمد المطرودي وذلك: "and" + a definite or stop word ends it
        if k >= j and prep_article(f):
            break  # فهد المشيقح بالجهاز: ب/ك + the article ends a name (not المستنصر بالله)
        if k > j and f in rules.name_adjectives:
            break  # جامعة الإمام محمد بن سعود الإسلامية: a feminine adjective ends the name
        k += 1
    if k - j + 1 < min_len:
        return None
    return k


_PREP_ARTICLE = re.compile(r"^[وف]?[بك]ال\w{3,}$")


def prep_article(f: str) -> bool:
    """A folded word is ب/ك (و/ف before them allowed) + the article + a word (بالجهاز، كالطحاوي):
    no name goes on with it, except بالله (المستنصر بالله) and foreign names in بالا (بالاسيو)."""
    return bool(_PREP_ARTICLE.match(f)) and f != "بالله" and not f.startswith("بالا")


def _given_at(toks, j: int, rules: Rules) -> bool:
    """Token j is a known given name or starts with عبد, or a military أول/ركن comes first
    (الفريق أول صدقي صبحي: the rank, whatever the name)."""
    forms, n = toks.forms, len(toks)
    return j < n and (forms[j] in ("اول", "ركن") or forms[j] in rules.given_names or forms[j].startswith("عبد"))


_NO_OFFICE = frozenset({"الملك", "ولي", "السلطان"})  # (الأمير، الشيخ … are ranks: rules.ranks)


def _office_then_given(toks, i: int, rules: Rules) -> int | None:
    """For an indefinite title at token i in construct with one or two words (its office or
    place: محافظ البصرة، وزير الداخلية، رئيس بلدية غزة), the index of the given name right after
    them, or None.  The words are joined, none is a given name, a title or a trigger word."""
    forms, n = toks.forms, len(toks)
    if forms[i].startswith("ال"):
        return None   # المتحدث، القيادي … take no genitive office
    for j in (i + 2, i + 3):
        if j >= n or not all(joined(toks, x) for x in range(i + 1, j + 1)):
            return None
        w = forms[j - 1]
        if w in rules.given_names or w in rules.titles or w in rules.triggers or w in rules.ranks \
                or w[2:] in rules.titles or w in _NO_OFFICE or not _AR_WORD.fullmatch(w) \
                or (w[0] == "ي" and len(w) > 3):
            # (مطار الملك عبدالعزيز: a king's name; نائب المستشارة أنجيلا ميركل: the title is the
            # deputy's, the name his superior's; يدعى وحيد: a verb, no office)
            return None
        if _given_at(toks, j, rules) and forms[j] not in ("اول", "ركن"):
            return j
    return None


def _after_place_phrase(toks, j: int, kinds: frozenset[str]) -> int:
    """The token after a place phrase at j ("بمدينة عدن", "في محافظة لحج": a place-kind or site
    word of ``kinds``, with ب or after في, and the next word, joined), else j."""
    n, k = len(toks), j
    if k < n and toks[k].f == "في" and k + 1 < n and joined(toks, k + 1):
        k += 1
    # (the kind word after في, or with ب on it: a bare محافظة after an organisation may be its name)
    if k + 1 < n and (k > j or toks[k].f[:1] == "ب") and joined(toks, k + 1) \
            and any(st in kinds for _, st in toks[k].stems):
        return k + 2
    return j


def person_cands(toks: list[Tok], rules: Rules, clean: str, orgs: list[Cand], *,
                 place_kinds: frozenset[str] = frozenset()) -> list[Cand]:
    """Persons introduced by a rank (العميد أحمد عسيري) or a title with an organisation
    (القيادي في الحزب الديمقراطي الكردستاني سعيد مموزيني).  ``place_kinds``: the words that open
    a place phrase between the organisation and the name (بمدينة عدن)."""
    out: list[Cand] = []
    todo = _flagged(toks, PERSON)
    if not todo:
        return out
    taken = bytearray(max((c.ce for c in orgs), default=0))  # the characters inside an org
    for c in orgs:
        if c.ce > c.cs:
            taken[c.cs:c.ce] = b"\x01" * (c.ce - c.cs)
    by_start = {}
    for c in orgs:
        by_start.setdefault(c.cs, c)
    n = len(toks)
    for i in todo:
        t = toks[i]
        title = None
        j = None
        affil = None
        if t.f in rules.ranks:
            title, j = (t.f,), i + 1
            if t.f in rules.loose_ranks and not _given_at(toks, j, rules):
                continue  # الفريق يملك قدرا وافيا، المواطن بإعطاء نسبة: the noun, no rank
        elif t.f in rules.titles or any(s in rules.titles for _, s in t.stems[1:]):
            title = (t.f,)
            j = i + 1
            if j < n and joined(toks, j) and toks[j].f in ("في", "ب", "باسم", "من"):
                j += 1
            # the organisation: a known candidate starting at token j (clitics allowed)
            org = None
            if j < n:
                for off, _ in toks[j].stems:
                    org = by_start.get(toks[j].cs + off)
                    if org:
                        break
            if org is None or org.type not in ("ORG", "ARMED_GROUP", "STATE_FORCE", "MEDIA"):
                # a title in construct with its office or place, then a given name (محافظ البصرة
                # أسعد العيداني، وزير الداخلية سالم نور): the name from the given name on
                j = _office_then_given(toks, i, rules)
                if j is None:
                    continue
                title = tuple(toks.forms[i:j])
                k = _name_tokens(toks, j, rules, taken=taken, clean=clean)
                if k is not None:
                    cs, ce = toks[j].cs, toks[k].ce
                    name = clean[cs:ce]
                    out.append(Cand(cs, ce, "PERSON", f"person:{fold_key(name)}", name, "rule", title=title))
                continue
            affil = org.ident
            title = tuple(x.f for x in toks[i:j]) + tuple(WORD_RE.findall(fold_key(org.name)))
            j = toks.first_at(org.ce)  # the first token at or after the organisation
            if j == n:
                continue
            k = _after_place_phrase(toks, j, place_kinds)
            if k > j and _given_at(toks, k, rules):
                j = k  # المتحدث باسم المقاومة بمدينة عدن علي الأحمدي: the name after the place
        if title is None or j is None:
            continue
        k = _name_tokens(toks, j, rules, taken=taken, clean=clean)
        if k is None:
            continue
        cs, ce = toks[j].cs, toks[k].ce
        name = clean[cs:ce]
        out.append(Cand(cs, ce, "PERSON", f"person:{fold_key(name)}", name, "rule", affil=affil,
                        title=title))
    return out
