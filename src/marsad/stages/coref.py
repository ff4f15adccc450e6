"""In-document coreference for the entities stage.

Given the named mentions (knowledge base, rules, NER) grouped into entities, add the later
mentions that refer back to them:

* short forms: a person's surname (النجيفي after أسامة النجيفي) and the knowledge base's
  ``short`` aliases, only once the actor was named in full;
* generic heads with the article (التنظيم, الحركة, السرايا, التيار ...): the most recently
  mentioned actor named with that head;
* appositive titles: "أسامة النجيفي، رئيس مجلس النواب العراقي السابق" makes a later
  "رئيس مجلس النواب العراقي السابق" him;
* role descriptors: "المسؤول الكردي" is the latest official whose organisation or country has
  the nisba كردي; "القيادي" alone the latest person introduced as القيادي.

Mentions are clean-view spans; nothing here creates an entity.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import compress

from marsad.arabic.normalise import key as fold_key
from marsad.resources.actors import WORD_RE, clitic_forms
from marsad.stages.entity_rules import COREF, Region, Rules, Tok, joined

#: Words after an anaphoric head that keep it anaphoric (التنظيم الإرهابي).
_ANAPHOR_MODS = frozenset(fold_key(w) for w in (
    "الإرهابي", "الإرهابية", "المتطرف", "المتطرفة", "المتشدد", "المتشددة", "المسلح", "المسلحة",
    "نفسه", "نفسها", "ذاته", "ذاتها", "المذكور", "المذكورة",
))
_PUNCT_END = set(",.;:!?\"()[]\n")


@dataclass(slots=True)
class Ent:
    ident: str
    type: str
    name: str
    source: str
    key: str | None = None
    name_en: str | None = None
    wikidata: str | None = None
    country: str | None = None
    category: str | None = None
    inter: int | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    heads: set = field(default_factory=set)
    shorts: set = field(default_factory=set)  # folded token tuples valid after the first mention
    nisba: set = field(default_factory=set)  # folded adjectives (كردي)
    roles: set = field(default_factory=set)  # folded role words without the article (قيادي)
    titles: set = field(default_factory=set)  # folded token tuples of appositive titles
    affil: set = field(default_factory=set)  # idents of organisations a person belongs to
    title_at: set = field(default_factory=set)  # where an appositive title stands (not a mention)

    @property
    def first(self) -> int:
        return min(s for s, _ in self.mentions)

    def last_before(self, pos: int) -> int:
        ends = [e for s, e in self.mentions if e <= pos]
        return max(ends) if ends else -1


def _strip_article(w: str) -> str:
    return w[2:] if w.startswith("ال") and len(w) > 3 else w


class _Taken:
    """Which clean-view characters already belong to a mention."""

    def __init__(self, n: int, spans) -> None:
        self.mask = mask = bytearray(n + 1)
        for s, e in spans:
            mask[s:e] = b"\x01" * (e - s)

    def append(self, span: tuple[int, int]) -> None:
        s, e = span
        self.mask[s:e] = b"\x01" * (e - s)

    def covered(self, s: int, e: int) -> bool:
        return 1 in self.mask[s:e]


def resolve(toks_by_region: list[Region], ents: list[Ent], rules: Rules, clean: str, *,
            covered=(), cache: dict[str, set] | None = None) -> None:
    """Add coreferent mentions to ``ents`` in place.  ``covered``: further spans no coreferent
    mention may overlap (a title the NER span of a name left out: الشيخ in "الشيخ حمد").
    ``cache`` (stem → :func:`clitic_forms`) may be kept between documents."""
    taken = _Taken(len(clean), [m for e in ents for m in e.mentions] + list(covered))
    _collect_titles(toks_by_region, ents, rules, clean)
    firsts = {id(e): e.first for e in ents if e.mentions}
    titles: dict[str, list] = {}
    shorts: dict[str, list] = {}
    for e in ents:
        for seq in e.titles:
            titles.setdefault(_strip_article(seq[0]), []).append((len(seq), seq, e))
        if id(e) in firsts:
            for seq in e.shorts:
                shorts.setdefault(seq[0], []).append((len(seq), seq, e))
    for d in (titles, shorts):
        for lst in d.values():
            lst.sort(key=lambda x: -x[0])
    # the persons a role descriptor can refer back to: their first mention stays where it is
    # (resolve only adds mentions after an entity's first, and takes mentions from NORP only)
    persons = [(e, firsts[id(e)]) for e in ents if e.type == "PERSON" and id(e) in firsts]
    ctx = (ents, rules, taken, firsts, titles, shorts, persons)
    # _try_at matches nothing (and returns 1) at a token none of whose readings is a role, a
    # head with the article (the COREF bit of its form), a short form or the first word of a
    # title of this document: such tokens are skipped.  A reading s with s in shorts or
    # _strip_article(s) in titles is one of ``keys``: theirs, and the titles' keys with the
    # article _strip_article takes off; ``forms`` are the word forms with such a reading.
    keys = set(shorts) | set(titles) | {"ال" + k for k in titles}
    cache = {} if cache is None else cache
    forms: set[str] = set()
    for k in keys:
        fk = cache.get(k)
        if fk is None:
            fk = clitic_forms(k)
            if len(cache) < 50_000:
                cache[k] = fk
        forms |= fk
    doc_forms: dict[str, bool] = {}
    for toks in toks_by_region:
        fls = toks.fls
        todo = [k for k in toks.marked if fls[k] & COREF]
        if not forms.isdisjoint(toks.forms):
            todo = sorted({*todo, *compress(range(len(fls)), map(forms.__contains__, toks.forms))})
        if not todo:
            continue
        i = 0
        starts, tforms, covered = toks.starts, toks.forms, taken.covered
        for k in todo:
            if k < i:
                continue
            if covered(starts[k], starts[k] + len(tforms[k])):
                i = k + 1  # inside a mention: no coreferent one starts here (no token made)
                continue
            t = toks[k]
            if not t.fl & COREF:
                hit = doc_forms.get(t.f)
                if hit is None:
                    hit = doc_forms[t.f] = any(st in shorts or _strip_article(st) in titles for _, st in t.stems)
                if not hit:
                    continue
            i = k + (_try_at(toks, k, ctx) or 1)


def _try_at(toks: list[Tok], i: int, ctx) -> int:
    ents, rules, taken, firsts, titles, shorts, persons = ctx
    t = toks[i]  # not inside a mention (the caller looked)
    # 1. titles (longest sequences first)
    for _, stem0 in t.stems:
        for ln, title, e in titles.get(_strip_article(stem0), ()):
            if i + ln > len(toks):
                continue
            for off, stem in t.stems:
                if stem != title[0] and _strip_article(stem) != _strip_article(title[0]):
                    continue
                if all(toks[i + h].f == title[h] and joined(toks, i + h) for h in range(1, ln)):
                    s, en = t.cs + off, toks[i + ln - 1].ce
                    if id(e) in firsts and firsts[id(e)] < s and toks[i].cs not in e.title_at:
                        # the title may contain an organisation's name: overlap allowed
                        _add(e, taken, s, en)
                        return ln
    # 2. role descriptors: المسؤول الكردي / القيادي
    for off, stem in t.stems:
        if stem not in rules.roles:
            continue
        adj = None
        end = t.ce
        if i + 1 < len(toks) and joined(toks, i + 1) and toks[i + 1].definite:
            a = _strip_article(toks[i + 1].f)
            if a.endswith("يه"):
                a = a[:-2] + "ي"
            if a.endswith("ي"):
                adj = a
                end = toks[i + 1].ce
        target = _descriptor_target(persons, _strip_article(stem), adj, t.cs, rules) if persons else None
        if target is not None:
            _add(target, taken, t.cs + off, end, replace_norp=ents)
            return 2 if adj else 1
        break
    # 3. short forms and surnames
    for off, stem in t.stems:
        for ln, sh, e in shorts.get(stem, ()):
            if firsts[id(e)] >= t.cs or i + ln > len(toks):
                continue
            if not all(toks[i + h].f == sh[h] and joined(toks, i + h) for h in range(1, ln)):
                continue
            # a surname right after a given name is another person's name (أثيل النجيفي)
            if ln == 1 and e.type == "PERSON" and i > 0 and joined(toks, i) and off == 0 \
                    and toks[i - 1].f in rules.given:
                continue
            _add(e, taken, t.cs + off, toks[i + ln - 1].ce)
            return ln
    # 4. anaphoric heads: التنظيم, الحركة, السرايا ...
    for off, stem in t.stems:
        if not stem.startswith("ال") or stem[2:] not in rules.heads:
            continue
        if i + 1 < len(toks) and joined(toks, i + 1) and toks[i + 1].definite \
                and toks[i + 1].f not in _ANAPHOR_MODS and toks[i + 1].f not in rules.stop:
            break
        head = stem[2:]
        best, best_end = None, -1
        for e in ents:
            if head in e.heads:
                le = e.last_before(t.cs)
                if le > best_end:
                    best, best_end = e, le
        if best is not None:
            _add(best, taken, t.cs + off, t.ce)
            return 1
        break
    return 1


def _add(e: Ent, taken: _Taken, s: int, en: int, replace_norp: list[Ent] | None = None) -> None:
    if replace_norp:
        for o in replace_norp:
            if o.type == "NORP":
                o.mentions = [(a, b) for a, b in o.mentions if not (a < en and s < b)]
    e.mentions.append((s, en))
    taken.append((s, en))


def _descriptor_target(persons: list[tuple[Ent, int]], role: str, adj: str | None, pos: int,
                       rules: Rules) -> Ent | None:
    """The latest person (of ``persons``: each with its first mention's start) named before
    ``pos`` with this role (and, with ``adj``, that nisba)."""
    best, best_end = None, -1
    official = ("ال" + role) in rules.official
    for e, first in persons:
        if first >= pos:
            continue
        if adj is not None:
            if adj not in e.nisba:
                continue
            if role not in e.roles and not (official and e.roles & {_strip_article(r) for r in rules.official}):
                continue
        elif role not in e.roles:
            continue
        le = e.last_before(pos)
        if le > best_end:
            best, best_end = e, le
    return best


def _collect_titles(toks_by_region: list[Region], ents: list[Ent], rules: Rules, clean: str) -> None:
    """Appositive titles after a person's first mention: "X، رئيس مجلس النواب العراقي السابق،"."""
    persons = [e for e in ents if e.type == "PERSON" and e.mentions]
    if not persons:
        return
    spans = [(*toks.bounds(), toks) for toks in toks_by_region if toks]
    for e in persons:
        s0, e0 = min(e.mentions)
        for lo, hi, toks in spans:
            if not lo <= s0 < hi:
                continue
            idx = toks.first_at(e0)  # the first token at or after e0 (tokens are in order)
            if idx == len(toks):
                break
            gap = toks.gap(idx).strip()
            if gap != ",":
                break
            f = toks.forms[idx]
            if not (f in rules.titles or _strip_article(f) in rules.bare_titles):
                break
            first = toks[idx]
            k = idx
            while k + 1 < len(toks) and joined(toks, k + 1) and k + 1 - idx < 8 \
                    and not (_PUNCT_END & set(toks[k + 1].gap)):
                k += 1
            title = tuple(t.f for t in toks[idx:k + 1])
            if len(title) >= 2:
                e.titles.add(title)
                e.title_at.add(first.cs)
            e.roles.add(_strip_article(first.f))
            break


#: words that join a given name to a father's (بن، ابن، بنت) and that start a compound name (عبد
#: العزيز) or a family name (آل سعود; folded آل is ال)
_NASAB = frozenset({"بن", "ابن", "بنت"})
_COMPOUND_FIRST = _NASAB | {"عبد", "ابو", "ابي", "ام"}


def person_shorts(name: str, rules: Rules, *, words=None) -> set[tuple[str, ...]]:
    """Short forms of a person's name: its last word when distinctive (a surname), and for a name
    with a father's name, the given name and the family name without it (عبدالرحمن بن عبدالعزيز
    السديس → عبدالرحمن السديس; فهد بن عبدالعزيز آل سعود → فهد آل سعود); ``words``: the words of
    its folded key when the caller has them."""
    toks = WORD_RE.findall(fold_key(name)) if words is None else words
    out = set()
    if len(toks) >= 2:
        last = toks[-1]
        # (name_stop: not an ordinal either: الثاني of عبدالله الثاني is no surname)
        if len(last) >= 3 and last not in rules.name_stop and last not in rules.given and last != "الله":
            out.add((last,))
    if len(toks) >= 4 and toks[1] in _NASAB:
        # the family name: the last word, or آل + it; a chain that ends on a father's name (محمد بن
        # سلمان بن عبد العزيز) has none
        fam = toks[-2:] if toks[-2] == "ال" else toks[-1:]
        before = toks[len(toks) - len(fam) - 1]
        if before not in _COMPOUND_FIRST and toks[-1] not in rules.name_stop and toks[-1] != "الله" \
                and len(toks) - len(fam) > 2:
            out.add((toks[0], *fam))
    return out
