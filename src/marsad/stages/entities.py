"""The entities stage: actors (knowledge base), trigger-word rules, the NER tagger when it is
installed, grouped into one entity per actor per document, with in-document coreference.

Sources, in order of trust where their spans overlap:

1. the actor knowledge base (``resources/actors.py``): known actors and their aliases;
2. rules (``entity_rules.py``): organisations named by a trigger word (كتائب المقاومة,
   لموقع (إرفع صوتك)), a country's forces named by a demonym (الجيش التركي), titled persons;
3. the statistical NER tagger (``marsad.ner.tagger``) when importable and its model is present:
   it adds names the first two do not know (a person, an organisation, a place).

Then coreference (``coref.py``) adds surnames, anaphoric heads, appositive titles and role
descriptors.  Entities get ids e1, e2 ... in order of first mention.
"""
from __future__ import annotations

import dataclasses
import logging
import re
from bisect import bisect_left, bisect_right

from marsad.arabic.normalise import TANWEEN
from marsad.arabic.normalise import key as fold_key
from marsad.doc import NAMED, Doc, Entity, Mention
from marsad.resources.actors import WORD_RE, ActorKB, alias_tokens
from marsad.resources.gazetteer import place_kind_words
from marsad.stages import coref
from marsad.stages.coref import Ent
from marsad.stages.entity_rules import (
    KB,
    Cand,
    Rules,
    force_cands,
    norp_cands,
    person_cands,
    person_name,
    prep_article,
    quoted_outlets,
    tokenise,
    trigger_cands,
)

log = logging.getLogger(__name__)

#: NER types kept, and the contract type they become.
NER_TYPES = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "PLACE": "PLACE", "LOC": "PLACE",
             "GPE": "PLACE", "NORP": "NORP"}
_SOURCE_RANK = {"kb": 0, "rule": 1, "ner": 2}
#: Blocks whose tagger spans are taken: the named blocks and the dateline (a place, or a name the
#: structure stage took for one: "سمير :" opening a one-line text).
_NER_BLOCKS = NAMED | {"dateline"}
_TANWEEN_RE = re.compile(f"[{TANWEEN}]")
#: Contract types that name the same kind of thing (the NER benchmarks' PER / ORG / LOC).
_KIND = {"PERSON": "PER", "ORG": "ORG", "ARMED_GROUP": "ORG", "STATE_FORCE": "ORG", "MEDIA": "ORG",
         "PLACE": "LOC"}
#: Folded words that join the parts of a person's name: the word after one is part of the name
#: (أبو طالب, آل ثاني), even when it is also a listed function word.
_NAME_LINKS = frozenset({"ابو", "ام", "بن", "ابن", "بنت", "عبد", "ال", "اب"})


def load_tagger():
    """The NER tagger if its package and model are installed, else None."""
    try:
        from marsad.ner.tagger import Tagger  # type: ignore[import-not-found]
    except ImportError:
        return None
    try:
        return Tagger.load()
    except Exception as exc:  # noqa: BLE001 - a missing or broken model means: run without it
        log.info("NER tagger not used: %s", exc)
        return None


def _overlap_free(cands: list[Cand], taken: list[Cand] = (), *, grow: bool = False) -> list[Cand]:
    """The candidates, in the order given, that overlap none of ``taken`` and, with ``grow``,
    none of those kept before them (a greedy choice in that order)."""
    if any(c.ce <= c.cs for c in cands) or any(k.ce <= k.cs for k in taken):
        # an empty span: the pairwise test, which a character mask cannot do
        kept: list[Cand] = []
        against = list(taken)
        for c in cands:
            if not any(k.cs < c.ce and c.cs < k.ce for k in against):
                kept.append(c)
                if grow:
                    against.append(c)
        return kept
    # non-empty spans overlap exactly when they share a character
    mask = bytearray(max(max((c.ce for c in cands), default=0), max((k.ce for k in taken), default=0)))
    for k in taken:
        mask[k.cs:k.ce] = b"\x01" * (k.ce - k.cs)
    kept = []
    for c in cands:
        if 1 not in mask[c.cs:c.ce]:
            kept.append(c)
            if grow:
                mask[c.cs:c.ce] = b"\x01" * (c.ce - c.cs)
    return kept


def _kind_word(w: str, kinds: frozenset[str]) -> bool:
    """A folded word is one of the place-kind words ``kinds``, with or without a clitic (بمدينة)."""
    return w in kinds or (len(w) > 3 and w[0] in "وفبل" and w[1:] in kinds)


def _kind_word_before(clean: str, cs: int, kinds: frozenset[str]) -> bool:
    """The word right before clean offset ``cs`` (one space between) is one of the place-kind
    words ``kinds`` (folded), with or without a clitic (في محافظة، بمدينة)."""
    if cs < 2 or clean[cs - 1] != " ":
        return False
    j = cs - 1
    while j > 0 and clean[j - 1].isalpha():
        j -= 1
    return _kind_word(fold_key(clean[j:cs - 1]), kinds)


class Entities:
    """Find, link and group the actors an article names."""

    name = "entities"
    requires = frozenset({"tokens", "words", "sentences", "blocks"})
    provides = frozenset({"entities"})

    def __init__(self, *, kb: ActorKB | None = None, rules: Rules | None = None, tagger=None,
                 use_tagger: bool = True) -> None:
        self._kb = kb
        self._rules = rules
        self._tagger = tagger
        self._tagger_loaded = tagger is not None or not use_tagger
        self._heads_cache: dict[str, set] = {}
        self._actor_cache: dict[tuple, tuple] = {}  # (actor key, type) -> (short forms, nisba)
        self._forms_cache: dict[str, int] = {}  # word form -> Tok.fl bits
        self._stems_cache: dict[str, list] = {}  # word form -> clitic readings
        self._flagger = None  # form -> Tok.fl bits (Rules.flagger with the KB bit)
        self._coref_cache: dict[str, set] = {}  # stem -> the word forms with that clitic reading
        self._names: dict[str, tuple] = {}  # name -> (folded key, its words)
        self._place_kinds: frozenset[str] | None = None  # see place_kinds
        self._phrase_kinds: frozenset[str] | None = None  # see phrase_kinds
        self._trim_cache: dict[str, tuple] = {}  # clean span -> _ner_span's answer
        self._outlets: dict[tuple[str, ...], str] | None = None  # see outlet_names

    @property
    def place_kinds(self) -> frozenset[str]:
        """The place-kind words of place_cues.tsv (محافظة، مدينة، مدن …): a tagger PERSON right
        after one is a PLACE (محافظة صلاح الدين: the province, not Saladin)."""
        if self._place_kinds is None:
            # in construct only (مدينة X, not "القرية X": برامج القرية إبراهيم …), and حي, which
            # place_cues.tsv lists as a site word
            self._place_kinds = frozenset(w for w in place_kind_words() if not w.startswith("ال")) | {"حي"}
        return self._place_kinds

    @property
    def phrase_kinds(self) -> frozenset[str]:
        """place_kinds and the site words of place_cues.tsv (منطقة، حي …) without the article:
        the words that open a place phrase (بمدينة عدن، بمنطقة الجوف)."""
        if self._phrase_kinds is None:
            self._phrase_kinds = self.place_kinds | frozenset(
                w for w in place_kind_words(sites=True) if not w.startswith("ال"))
        return self._phrase_kinds

    @property
    def rules(self) -> Rules:
        if self._rules is None:
            self._rules = Rules()
        return self._rules

    @property
    def kb(self) -> ActorKB:
        if self._kb is None:
            self._kb = ActorKB.load()
        return self._kb

    @property
    def outlet_names(self) -> dict[tuple[str, ...], str]:
        """Folded words of each MEDIA actor's name or alias after its head word (صحيفة, قناة,
        وكالة …: the rules' MEDIA triggers) -> its key: what a quoted outlet name reads.  Any
        actor's ``quoted`` names are read there too, whole (الميادين، الأهرام، وام: common words or
        places unquoted)."""
        if self._outlets is None:
            heads = {w for w, t in self.rules.triggers.items() if t == "MEDIA"}
            names: dict[tuple[str, ...], str] = {}
            for a in self.kb.actors.values():
                for alias in a.quoted:
                    names.setdefault(alias_tokens(alias), a.key)
                if a.type == "MEDIA":
                    for alias in (a.name, *a.aliases):
                        toks = alias_tokens(alias)
                        if len(toks) >= 2 and toks[0] in heads:
                            names.setdefault(toks[1:], a.key)
            self._outlets = names
        return self._outlets

    @property
    def tagger(self):
        if not self._tagger_loaded:
            self._tagger = load_tagger()
            self._tagger_loaded = True
        return self._tagger

    # ------------------------------------------------------------------ main
    def __call__(self, doc: Doc) -> Doc:
        regions, ner_regions = self._regions(doc)
        kb, rules = self.kb, self.rules
        if self._flagger is None:
            # rule bits and KB (an alias starts at a reading: kb.may_start) from one table
            self._flagger = rules.flagger(dict.fromkeys(kb.start_words(), KB))
        toks_by_region = tokenise(doc.folded, regions, cache=self._forms_cache, stems=self._stems_cache,
                                  form_flags=self._flagger)
        matches = kb.find_tokens(doc.folded, toks_by_region, mask=KB)
        cands: list[Cand] = []
        for m in matches:
            a = kb.actors[m.key]
            if m.short:  # short forms count only after a full mention: coref adds them
                continue
            cands.append(Cand(m.start, m.end, a.type, a.key, a.name, "kb", key=a.key, country=a.country,
                              category=a.actor_category, inter=a.inter))
        outlets = self.outlet_names
        for toks in toks_by_region:
            for cs, ce, key in quoted_outlets(toks, outlets):
                a = kb.actors[key]
                cands.append(Cand(cs, ce, a.type, a.key, a.name, "kb", key=a.key, country=a.country,
                                  category=a.actor_category, inter=a.inter))
        for toks in toks_by_region:
            cands += force_cands(toks, rules, doc.clean)
            cands += trigger_cands(toks, rules, doc.clean)
            cands += norp_cands(toks, rules, doc.clean)
        chosen = self._select(cands)
        kb_heads = self._kb_heads(chosen, toks_by_region)
        persons = []
        for toks in toks_by_region:
            persons += person_cands(toks, rules, doc.clean, chosen, place_kinds=self.phrase_kinds)
        ner = self._ner_cands(doc, ner_regions)
        if any(c.weak for c in chosen):
            chosen = _supported(chosen, ner)
        chosen = self._select(chosen + persons + ner)
        before = [(c.cs, c.ce) for c in chosen]
        chosen = self._respan(chosen, ner, doc.clean, goes_on=self._name_goes_on,
                              ends_name=self.rules.name_adjectives)
        ents = self._group(chosen, kb_heads)
        coref.resolve(toks_by_region, ents, rules, doc.clean, covered=before + self._titles_before(doc, chosen),
                      cache=self._coref_cache)
        doc.entities = self._emit(doc, ents)
        return doc

    # ------------------------------------------------------------------ pieces
    @staticmethod
    def _regions(doc: Doc) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Clean-view spans of the named blocks, and of those and the dateline (the tagger's),
        in one pass over the blocks."""
        if not doc.blocks:
            return [(0, len(doc.clean))], [(0, len(doc.clean))]
        ci = doc.clean_index
        named, ner = [], []
        for b in doc.blocks:
            if b.kind in _NER_BLOCKS:  # NAMED and the dateline
                r = (ci(b.start), ci(b.end))
                ner.append(r)
                if b.kind in NAMED:
                    named.append(r)
        return named, ner

    @staticmethod
    def _select(cands: list[Cand]) -> list[Cand]:
        """Non-overlapping candidates: knowledge base over rules over NER, then longest first."""
        order = sorted(cands, key=lambda c: (_SOURCE_RANK[c.source], -(c.ce - c.cs), c.cs))
        # a rule or NER span that only adds a trigger word to a known actor overlaps it: dropped
        kept = _overlap_free(order, grow=True)
        kept.sort(key=lambda c: c.cs)
        return kept

    def _titles_before(self, doc: Doc, chosen: list[Cand]) -> list[tuple[int, int]]:
        """Title words right before a person's mention ("الشيخ" in "السمو الشيخ جابر ..."): they
        introduce that person and are no coreferent mention of an earlier one."""
        rules = self.rules
        out = []
        for c in chosen:
            if c.type != "PERSON":
                continue
            words = list(WORD_RE.finditer(doc.folded, max(0, c.cs - 40), c.cs))
            if words and not doc.folded[words[-1].end():c.cs].strip():
                w = words[-1].group()
                if w in rules.titles or w in rules.ranks or w.removeprefix("ال") in rules.titles:
                    out.append((words[-1].start(), words[-1].end()))
        return out

    def _name_goes_on(self, extra: str) -> bool:
        """The words a tagger span adds after a known person's alias continue the name: its first
        word is a name link (بن، ابن، بنت، آل، أبو), a known given name, عبد…, or a definite
        masculine nisba (التونسي)."""
        words = self._words(extra)[1]
        if not words:
            return False
        w = words[0]
        return (w in _NAME_LINKS or w == "ابي" or w in self.rules.given_names
                or w.startswith("عبد") or w.startswith("ال") and w.endswith("ي") and len(w) > 4)

    @staticmethod
    def _respan(chosen: list[Cand], ner: list[Cand], clean: str, *, goes_on=None,
                ends_name: frozenset[str] = frozenset()) -> list[Cand]:
        """A knowledge-base or rule mention takes the boundaries of the one tagger span of the same
        kind (person / organisation / place) that overlaps it: the identity comes from the knowledge
        base, the extent of the name from the tagger, which learned it from annotated text ("الملك
        عبد الله الثاني" → "عبد الله الثاني", "الشرطة" → "الشرطة البريطانية", a rule's "X مؤتمرا" → X).
        Not when the tagger span also overlaps another chosen mention, nor, with ``goes_on`` (a test
        of the added text), past a known person's alias by words that do not continue a name, nor
        past a person's name by a word of ``ends_name`` (folded: جامعة الإمام محمد بن سعود
        الإسلامية, whose adjective is the university's)."""
        if not ner:
            return chosen
        out = []
        # tagger spans in order, non-empty and disjoint (as the tagger gives them): those
        # overlapping a mention are one slice of the list, found by bisection
        n_cs, n_ce = [n.cs for n in ner], [n.ce for n in ner]
        ordered = all(a < b for a, b in zip(n_cs, n_ce, strict=True)) and \
            all(a <= b for a, b in zip(n_ce, n_cs[1:], strict=False))
        for c in chosen:
            kind = _KIND.get(c.type)
            if c.source != "ner" and kind:
                near = ner[bisect_right(n_ce, c.cs):bisect_left(n_cs, c.ce)] if ordered else \
                    [n for n in ner if n.cs < c.ce and c.cs < n.ce]
                hits = [n for n in near if _KIND.get(n.type) == kind]
                if len(hits) == 1 and (hits[0].cs, hits[0].ce) != (c.cs, c.ce):
                    n = hits[0]
                    if c.type == "PERSON" and c.source == "rule" and c.ce >= n.ce \
                            and clean[c.cs:n.cs].strip() == "علي":
                        # the rule's name opens with علي, which the tagger left out (it reads it as
                        # the preposition على): علي سعيد الأحمدي keeps the rule's extent
                        pass
                    elif c.type == "PERSON" and n.ce > c.ce and ends_name and any(
                            fold_key(w) in ends_name for w in clean[c.ce:n.ce].split()):
                        pass
                    elif c.key and c.type == "PERSON" and n.ce > c.ce and goes_on is not None \
                            and not goes_on(clean[c.ce:n.ce]):
                        # a known person's name grows only by name words (بن سلمان بن عبد العزيز,
                        # التونسي); another word is the next phrase (هنأ الملك سلمان رئيسة ليتوانيا:
                        # not "سلمان رئيسة"; عمر حسن البشير بغصن)
                        pass
                    elif not any(k is not c and k.cs < n.ce and n.cs < k.ce for k in chosen):
                        c = dataclasses.replace(c, cs=n.cs, ce=n.ce,
                                                name=c.name if c.key else clean[n.cs:n.ce])
            out.append(c)
        # tagger spans the old extent hid and the new one frees ("X للجزيرة" → X, then الجزيرة)
        if any(a is not b for a, b in zip(out, chosen, strict=True)):
            ids = {id(k) for k in chosen}
            free = [n for n in _overlap_free(ner, out) if id(n) not in ids]
            if free:
                out = sorted(out + free, key=lambda c: c.cs)
        return out

    def _kb_heads(self, chosen: list[Cand], toks_by_region) -> dict[str, set]:
        """Generic heads of each actor: from its aliases (تنظيم الدولة → تنظيم) and from the
        word written just before its mention in this text (تنظيم "داعش", حركة حماس)."""
        heads: dict[str, set] = {}
        rules = self.rules
        for c in chosen:
            h = heads.setdefault(c.ident, set(c.heads))
            if c.key:
                h |= self._actor_heads(c.key)
            else:
                toks = self._words(c.name)[1]
                if toks and toks[0] in rules.heads:
                    h.add(toks[0])
        starts = {}
        for c in chosen:
            starts.setdefault(c.cs, c)
        pos = sorted(starts)
        for toks in toks_by_region:
            # a mention can start only inside a token (at a clitic reading's offset): look only
            # at the tokens (after the first) holding a mention start
            if len(toks) < 2:
                continue
            tok_cs = toks.starts
            a, b = bisect_left(pos, tok_cs[1]), bisect_left(pos, toks.bounds()[1])
            if a == b:
                continue
            for i in sorted({bisect_right(tok_cs, p) - 1 for p in pos[a:b]}):
                t = toks[i]
                c = None
                for off, _ in t.stems:
                    c = starts.get(t.cs + off)
                    if c:
                        break
                if c is None:
                    continue
                prev = toks[i - 1]
                for _, stem in prev.stems:
                    if stem in rules.heads and prev.ce <= c.cs and "\n" not in t.gap:
                        heads[c.ident].add(stem)
        return heads

    def _words(self, name: str) -> tuple[str, tuple[str, ...]]:
        """A name's folded key and its words (cached: the same names recur across articles)."""
        hit = self._names.get(name)
        if hit is None:
            fk = fold_key(name)
            hit = (fk, tuple(WORD_RE.findall(fk)))
            if len(self._names) < 50_000:
                self._names[name] = hit
        return hit

    def _actor_heads(self, k: str) -> set:
        """Heads of a knowledge-base actor from the first word of its names (cached)."""
        hit = self._heads_cache.get(k)
        if hit is None:
            a = self.kb.actors[k]
            hit = set()
            for alias in (a.name, *a.aliases, *a.heads):
                toks = WORD_RE.findall(fold_key(alias))
                if toks:
                    w = toks[0][2:] if toks[0].startswith("ال") else toks[0]
                    if w in self.rules.heads:
                        hit.add(w)
            self._heads_cache[k] = hit
        return hit

    def _actor_forms(self, a, typ: str) -> tuple[frozenset, frozenset]:
        """Short forms and nisba adjectives of a knowledge-base actor named as ``typ`` (they
        depend on nothing else: cached per actor)."""
        hit = self._actor_cache.get((a.key, typ))
        if hit is None:
            rules = self.rules
            shorts = {tuple(WORD_RE.findall(fold_key(s))) for s in a.short} | self._plural_shorts(a)
            nisba = {fold_key(x) for x in a.nisba}
            if a.country:
                nisba |= rules.cc_adj.get(a.country, set())
            if typ == "PERSON":
                for n in (a.name, *a.aliases):
                    shorts |= coref.person_shorts(n, rules)
            hit = self._actor_cache[(a.key, typ)] = (frozenset(shorts), frozenset(nisba))
        return hit

    def _plural_shorts(self, a) -> set:
        """جيش المجاهدين → المجاهدون / المجاهدين: a trigger and a plural noun name a group whose
        members' plural can stand for it once it was named."""
        out = set()
        for alias in (a.name, *a.aliases):
            toks = WORD_RE.findall(fold_key(alias))
            if len(toks) == 2 and toks[0] in self.rules.triggers and toks[1].startswith("ال") \
                    and toks[1].endswith(("ين", "ون")) and len(toks[1]) > 6:
                out |= {(toks[1][:-2] + "ين",), (toks[1][:-2] + "ون",)}
        return out

    def _split_coordinated(self, text: str, spans: list) -> list:
        """Tagger organisation spans that coordinate two organisations, split in two at the و
        that opens the second one with a head word of ``split_heads`` (صندوق النقد الدولي والمصرف
        المركزي الأوروبي، وزارة التربية والتعليم والمؤسسة العامة); the و is in neither."""
        heads = self.rules.split_heads
        if not heads or not any(NER_TYPES.get(t) == "ORG" and text.find(" و", a, b) >= 0 for a, b, t in spans):
            return spans
        out = []
        for a, b, t in spans:
            if NER_TYPES.get(t) == "ORG":
                p = text.find(" و", a, b)
                while p >= 0:
                    w = WORD_RE.match(text, p + 2)
                    if w and p > a and fold_key(w.group()) in heads:
                        out.append((a, p, t))
                        a = p + 2
                    p = text.find(" و", p + 2, b)
            out.append((a, b, t))
        return out

    def _ner_cands(self, doc: Doc, regions) -> list[Cand]:
        tagger = self.tagger
        if tagger is None:
            return []
        out = []
        ci = doc.clean_index
        starts = [a for a, _ in regions]
        spans = self._split_coordinated(doc.text, tagger.tag(doc))
        # half the articles have no tanween at all: then no edge word is an indefinite one
        tanween = bool(spans) and _TANWEEN_RE.search(doc.text) is not None
        marks = doc.offsets.marks  # none deleted: clean and original offsets are the same
        for start, end, typ in spans:
            t = NER_TYPES.get(typ)
            if t is None or end <= start:
                continue
            cs, ce = (ci(start), ci(end)) if marks else (start, end)
            if ce <= cs:
                continue
            # in document order, the region starting last at or before cs is the one that holds
            # the span (the full test when it does not: regions out of order or overlapping)
            r = bisect_right(starts, cs) - 1
            if not (r >= 0 and regions[r][0] <= cs and ce <= regions[r][1]) \
                    and not any(a <= cs and ce <= b for a, b in regions):
                continue
            # _trim looks for tanween only inside a word of the span, and each word's original
            # extent lies inside the span's (orig_span is monotone in both ends): with none in
            # the span, the answer is the one for a text without tanween (the cached one)
            if tanween and _TANWEEN_RE.search(doc.text, *doc.orig_span(cs, ce)) is not None:
                cs, ce = self._trim(doc, cs, ce)
                if cs is None:
                    continue
                name = doc.clean[cs:ce]
                fk, words = self._words(name)
            else:
                hit = self._ner_span(doc, cs, ce)
                if not hit:
                    continue
                s, e, name, fk, words = hit
                cs, ce = cs + s, cs + e
            if cs > 0 and name[:1] == "ل" and doc.clean[cs - 1] == "ل" and (
                    cs == 1 or not doc.clean[cs - 2].isalpha() or (
                        doc.clean[cs - 2] in "وف" and (cs == 2 or not doc.clean[cs - 3].isalpha()))):
                # a span starting inside لل (ل + ال, the article's alef not written: للفيفا،
                # وللولايات المتحدة): the name is given its alef back, as the rules' names are
                # (entity_rules.surface_name), so it is الفيفا and meets the same name elsewhere
                name = "ا" + name
                fk, words = self._words(name)
            if words and all(w in self.rules.units for w in words):
                continue  # مليون ريال، 500 كيلو غرام: the unit, not Real Madrid or a person
            while t == "PERSON" and len(words) > 1 and prep_article(words[-1]):
                # فهد المشيقح بالجهاز، عبد العزيز بالطائف: a name never ends in ب/ك + ال + a
                # word (المستنصر بالله and Palacio, بالاسيو, are names); the word is cut off
                cut = name.rstrip().rfind(" ")
                if cut <= 0:
                    break  # (words split on something other than a space: left as it is)
                name = name[:cut].rstrip()
                ce = cs + len(name)
                fk, words = self._words(name)
            if t == "PERSON" and words and words[-1].startswith("لل"):
                # a person's name never ends in ل + ال: the tagger's span is part of an
                # organisation's name (مدينة الملك عبدالعزيز للعلوم، بوبا للتأمين) or no name
                # (طارئ لليونان); a person's name before such a word (شتاينماير للصحافيين) is
                # rarer, and cutting the word off would keep the wrong ones as persons
                continue
            if t == "PERSON" and self.rules.not_person(fk):
                continue  # حسن الجوار (good neighbourliness), الكورنيش: the tagger's person errors
            if t == "ORG" and fk in self.rules.not_orgs:
                continue  # الحماس (enthusiasm), بتوقيت جرينتش: the tagger's organisation errors
            if t == "PERSON" and len(words) == 1 and words[0].endswith(("يين", "يون")) and (
                    words[0].startswith("ال") or words[0][:-2] in self.rules.adj_cc):
                # الأوروبيين، العثمانيين، الديمقراطيين، and without the article a demonym's plural
                # (مصريون، سعوديين): a group, not a person (نابليون is one)
                continue
            if t == "PERSON" and (_kind_word_before(doc.clean, cs, self.place_kinds) or (
                    len(words) > 1 and _kind_word(words[0], self.place_kinds))):
                # محافظة صلاح الدين، مدينة الحسن: a place named after a person; the tagger's
                # "بمدينة عدن" (a kind word opening the span): a place
                t = "PLACE"
            if t == "ORG" and words and words[0] in self.rules.triggers and not (
                    len(words) > 1 and words[1] in self.rules.not_media):
                t = self.rules.triggers[words[0]]   # (وكالة الطاقة الذرية stays an organisation)
            out.append(Cand(cs, ce, t, f"{t.lower()}:{fk}", name, "ner"))
        return out

    def _ner_span(self, doc: Doc, cs: int, ce: int) -> tuple:
        """:meth:`_trim` of a span holding no tanween, with the name it leaves: (start, end
        relative to ``cs``, name, its folded key, its words), or () when nothing is left.

        The answer depends on the span's clean text alone (the folded view is its letter-for-
        letter fold, and _trim reads nothing outside the span once tanween is ruled out), so it
        is cached by that text: tagger spans recur across articles."""
        key = doc.clean[cs:ce]
        hit = self._trim_cache.get(key)
        if hit is None:
            s, e = self._trim(doc, cs, ce, tanween=False)
            if s is None:
                hit = ()
            else:
                name = key[s - cs:e - cs]
                hit = (s - cs, e - cs, name, *self._words(name))
            if len(self._trim_cache) < 50_000:
                self._trim_cache[key] = hit
        return hit

    def _trim(self, doc: Doc, cs: int, ce: int, *, tanween: bool = True):
        """A NER span without function words or indefinite (tanween) words at its edges; (None,
        None) when nothing of a name is left or it is an anaphor or a description.

        Kept at the edges: the listed kind and institution words (``ner_keep``: وزارة, مدينة,
        قرية, شمال ...), a name spelt like a function word but with ي (علي, not على), and any word
        right after a name link (أبو طالب, آل ثاني).

        ``tanween``: False when the span has none (no word is then indefinite)."""
        rules = self.rules
        toks = list(WORD_RE.finditer(doc.folded, cs, ce))

        def cut(i: int) -> bool:
            m = toks[i]
            w = m.group()
            if w in rules.ner_keep or (w in _NAME_LINKS and i + 1 < len(toks)):
                return False  # أم القرى: a name link opening the name
            if w in rules.stop_maqsura and doc.clean[m.end() - 1] != "ى":
                return False  # علي (a name), not على
            if w in rules.stop:
                return not (i > 0 and toks[i - 1].group() in _NAME_LINKS)
            if w[:1] in "وف" and w[1:] not in rules.ner_keep \
                    and doc.clean[m.start() + 1:m.end()] in rules.stop_written:
                return True  # فإن، ويقول، وكانت: و/ف + a stop word as written (فان دايك stays)
            if not tanween:  # the span has none (the caller looked)
                return False
            s, e = doc.orig_span(m.start(), m.end())
            return _TANWEEN_RE.search(doc.text, s, e) is not None  # an indefinite noun or adverb (ميدانياً)

        while toks and cut(len(toks) - 1):
            toks.pop()
        while toks and cut(0):
            toks.pop(0)
        if not toks:
            return None, None
        first = toks[0].group()
        rest_generic = all(t.group() in rules.generic for t in toks[1:])
        if first.startswith("ال") and first[2:] in rules.heads and (
                rest_generic or not toks[1].group().startswith(("ال", "لل"))):
            # التنظيم, التنظيم الإرهابي, "التنظيم أرسلت": an anaphor, coreference handles it
            # (المجلس التنفيذي, الوكالة الدولية للطاقة الذرية stay: a definite head + a definite name)
            return None, None
        if first in rules.triggers and (len(toks) == 1 or rest_generic and rules.triggers[first] == "ARMED_GROUP"):
            return None, None  # كتائب القتال: a description (مجلس النواب, مجلس الشيوخ are names)
        return toks[0].start(), toks[-1].end()

    def _group(self, chosen: list[Cand], kb_heads: dict[str, set]) -> list[Ent]:
        rules, kb = self.rules, self.kb
        by_ident: dict[str, Ent] = {}
        for c in chosen:
            e = by_ident.get(c.ident)
            if e is None and c.via_head:
                # "كتائب المقاومة" after "المقاومة الموصلية": the most recent actor with that head
                prior = [x for x in by_ident.values() if c.via_head in x.heads and x.type == c.type]
                if prior:
                    e = max(prior, key=lambda x: max(b for _, b in x.mentions))
            if e is None and c.type == "PERSON":
                # صدام after صدام حسين: a short form of a person already named; a rule's name only
                # when the short form has two words (عبدالرحمن السديس after عبدالرحمن بن عبدالعزيز
                # السديس), never a surname alone (two people of one family)
                sh = self._words(c.name)[1]
                if c.source == "ner" or len(sh) >= 2:
                    prior = [x for x in by_ident.values() if sh in x.shorts]
                    if prior:
                        e = prior[-1]
            if e is None:
                a = kb.get(c.key)
                e = Ent(c.ident, c.type, a.name if a else c.name, c.source, key=c.key,
                        name_en=a.name_en if a else None, wikidata=a.wikidata if a else None,
                        country=c.country, category=c.category, inter=c.inter,
                        heads=set(kb_heads.get(c.ident, c.heads)))
                if a:
                    shorts, nisba = self._actor_forms(a, e.type)
                    e.shorts |= shorts
                    e.nisba |= nisba
                elif e.type == "PERSON":
                    e.shorts |= coref.person_shorts(e.name, rules, words=self._words(e.name)[1])
                by_ident[c.ident] = e
            e.mentions.append((c.cs, c.ce))
            e.shorts |= c.shorts
            if c.type == "PERSON":
                if c.title:
                    e.roles.add(coref._strip_article(c.title[0]))
                    if len(c.title) >= 2:
                        e.titles.add(c.title)
                if c.affil:
                    e.affil.add(c.affil)
        # a person takes the nisba of the organisations named with them
        for e in by_ident.values():
            for af in e.affil:
                o = by_ident.get(af)
                if o:
                    e.nisba |= o.nisba
        return list(by_ident.values())

    def _emit(self, doc: Doc, ents: list[Ent]) -> list[Entity]:
        out = []
        live = [e for e in ents if e.mentions]
        live.sort(key=lambda e: e.first)
        text = doc.text
        # without deleted marks the clean view is the original text: spans map to themselves
        span = doc.orig_span if doc.offsets.marks else None
        for n, e in enumerate(live, 1):
            mentions = []
            for cs, ce in sorted(set(e.mentions)):
                s, en = span(cs, ce) if span else (cs, ce)
                mentions.append(Mention(s, en, text[s:en]))
            extra = {"kb": e.key, "actor_category": e.category, "country": e.country,
                     "source": e.source}
            if e.inter is not None:
                extra["inter"] = e.inter
            # a person's mentions keep the titles the text gives them; the canonical name, which
            # the store and exports group by, does not (a knowledge-base name is kept as it is)
            name = person_name(e.name, self.rules.name_titles) if e.type == "PERSON" and not e.key else e.name
            out.append(Entity(f"e{n}", e.type, name, mentions, name_en=e.name_en, wikidata=e.wikidata,
                              extra=extra))
        return out


def _supported(chosen: list[Cand], ner: list[Cand]) -> list[Cand]:
    """The candidates less the weak rule ones (a trigger and definite words: حركة التجارة العالمية,
    تنظيم الحفل, تطبيق نظام الغرامات) that no tagger span overlaps: a masdar or a common noun after
    the trigger, not a name."""
    spans = [(n.cs, n.ce) for n in ner]
    return [c for c in chosen if not c.weak or any(a < c.ce and c.cs < b for a, b in spans)]
