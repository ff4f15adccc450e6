"""Geocoding: resolve PLACE entities to coordinates and find further places by gazetteer lookup.

1. Every PLACE entity already in ``doc.entities`` gets a ``place`` (lat, lon, geonames_id,
   country, admin1, kind) when the gazetteer knows one of its names.
2. Token n-grams of the title, headings, body, captions and dateline are looked up (clitics
   و/ف + ب/ل/ك and the article handled, hashtags ``#حفر_الباطن`` joined); names not inside an
   existing entity mention become PLACE entities, one per resolved place with all its mentions.
3. ``doc.meta["dateline"]`` is linked to its place entity (``"entity": id``).

Ranking of the candidates of one name (all weights in :data:`WEIGHTS`): the place's static prior
(kind, population), the conflict region (Middle East, North Africa, Horn, Sahel), a kind cue
just before the name (محافظة → admin1, مدينة → city), countries named or implied (demonyms) in
the document and, more strongly, in the same sentence ("سرت ... في ليبيا"), and closeness to the
document's other places (a second pass, so "جبهة بعشيقة (شرق الموصل)" pulls towards Mosul).
Free lookup never takes a month, a listed common word, a token after a person title (الرئيس،
أبو) or a token inside a PERSON entity; a village-sized place needs a cue or the document's
context.  The chosen candidate's score, runner-up and source go in ``entity.extra["geo"]``.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict

from marsad.arabic.normalise import key as fkey
from marsad.doc import Doc, Entity, Mention
from marsad.resources.gazetteer import DEMONYM, VARIANT, Gazetteer, Place, read_place_cues
from marsad.stages.geocode_index import Points, index_of, nearness
from marsad.stages.geocode_scan import (
    SITE_ANCHOR_KINDS,
    FreeLookup,
    Occ,
    clitic_options,
    described,
    joined_by_and,
)

#: Countries of the conflict region preferred when a name is ambiguous.
CONFLICT_REGION = frozenset(
    ["IQ", "SY", "YE", "LY", "LB", "PS", "JO", "EG", "SD", "SS", "SA", "TR", "IR", "AF", "SO", "ML", "NE", "TD", "BF", "MR", "IL", "KW", "QA", "BH", "AE", "OM", "DZ", "TN", "MA", "DJ", "ER", "ET", "NG", "CF", "PK"]
)
#: Entity types whose mentions (without a knowledge-base identity) may contain a place name.
HOST_TYPES = frozenset({"ORG", "MEDIA"})
WEIGHTS = {
    "variant": -0.3, "demonym": -1.5, "region": 1.0, "kind_cue": 2.5, "doc_country": 2.0,
    "near_country": 2.0, "near_50": 2.0, "near_200": 1.5, "near_500": 0.7, "urban": 0.5,
}
#: A candidate outside the conflict region with a namesake city of another country of DWARF_CITY
#: people or more and DWARFED times its population gets no document-country boost (_dwarfed)
DWARFED, DWARF_CITY = 8, 100_000
#: A small place within this distance of a city of URBAN_POP people is an urban district
#: (المنيل in Cairo rather than a village of the same name): news names those more often.
URBAN_KM, URBAN_POP = 40.0, 1_000_000
#: Population a city needs to be taken by free lookup without a cue: in the conflict region,
#: elsewhere, and for a short (<= 3 letters) name without the article (short names are often words).
MIN_POP = {"region": 50_000, "world": 300_000, "short": 500_000}
#: words of sports reports (place_cues.tsv) that make a document about sport (see Geocode._clubs)
SPORT_MIN = 4


class Geocode(FreeLookup):
    name = "geocode"
    requires = frozenset({"tokens", "entities"})
    provides = frozenset({"places"})

    def __init__(self, *, gazetteer: Gazetteer | None = None) -> None:
        self._gaz = gazetteer
        self._cues: dict[str, str] | None = None
        self._sport: frozenset[str] = frozenset()
        self._cities: Points | None = None  # cities of URBAN_POP people
        self._urban: dict[int, bool] = {}
        self._heads_cache: dict[str, tuple[tuple[int, str], ...]] = {}
        self._alone: set[str] = set()
        self._cont_only: set[str] = set()
        self._grows: set[str] = set()
        self._singles: dict[str, tuple] = {}
        self._quiet: set[str] = set()
        self._fixed_rows: dict[tuple[int, str | None], tuple[tuple[Place, ...], list[float]]] = {}
        self._joinable: frozenset[str] | None = None
        self._cue_cache: dict[str, str | None] = {}
        self._never: dict[str, bool] = {}
        self._surfaces: dict[str, tuple[str, tuple[Place, ...]]] = {}

    @property
    def gaz(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = Gazetteer()
        return self._gaz

    @property
    def cues(self) -> dict[str, str]:
        """The context words' roles, less the ``sport`` rows (no cue for the next word)."""
        if self._cues is None:
            cues = read_place_cues()
            self._sport = frozenset(w for w, r in cues.items() if r in ("sport", "club"))
            self._cues = {w: r for w, r in cues.items() if r != "sport"}
        return self._cues

    @property
    def sport_words(self) -> frozenset[str]:
        """Folded words of sports reports (the ``sport`` and ``club`` rows of place_cues.tsv)."""
        if self._cues is None:
            _ = self.cues
        return self._sport

    def urban(self, c: Place) -> bool:
        """Whether a small place lies within URBAN_KM of a city of URBAN_POP people (cached)."""
        hit = self._urban.get(c.pid)
        if hit is None:
            if self._cities is None:
                self._cities = Points(self.gaz.db.execute(
                    "SELECT lat, lon FROM places WHERE kind = 'city' AND pop >= ?", (URBAN_POP,)).fetchall())
            hit = self._cities.any_within(c.lat, c.lon, URBAN_KM)
            if len(self._urban) > 100_000:
                self._urban.clear()
            self._urban[c.pid] = hit
        return hit

    # ------------------------------------------------------------------ main
    def __call__(self, doc: Doc) -> Doc:
        occs: list[Occ] = []
        open_spans: list[tuple[int, int]] = []  # entity mentions free lookup may look inside
        for e in doc.entities:
            if e.type == "PLACE":
                eo = self._entity_occs(doc, e)
                if any(o.cands for o in eo):
                    occs.extend(eo)
                else:  # "امريكا الإفلاس", "الكويت #فيروس": a span the gazetteer does not know
                    open_spans += [(m.start, m.end) for m in e.mentions]
            elif e.type in HOST_TYPES and not e.extra.get("kb"):
                open_spans += [(m.start, m.end) for m in e.mentions]  # جامعة القاهرة
        found, demonyms, later = self._scan(doc, open_spans)
        occs.extend(self.settle(doc, found, later))
        occs = self._homonyms(occs, demonyms)
        occs = self._clubs(doc, occs)
        dl = doc.meta.get("dateline")
        if isinstance(dl, dict) and dl.get("text"):
            occs.extend(self._dateline_occ(doc, dl, occs))
        self._rank(doc, occs, demonyms)
        self._emit(doc, occs)
        self._drop_unresolved(doc)
        self._tag_norp(doc)
        return doc

    # ------------------------------------------------------------------ candidate lookup
    def lookup_surface(self, surface: str) -> tuple[str, tuple[Place, ...]]:
        """Key and candidates for a name as written, trying clitic prefixes and admin words."""
        hit = self._surfaces.get(surface)
        if hit is None:  # (remembered per surface: the answer depends on it alone)
            hit = self._lookup_surface(surface)
            if len(self._surfaces) > 100_000:
                self._surfaces.clear()
            self._surfaces[surface] = hit
        return hit

    def _lookup_surface(self, surface: str) -> tuple[str, tuple[Place, ...]]:
        k = fkey(surface).replace("_", " ").replace("#", "").strip()
        for kk in _strip_variants(k):
            res = self.gaz.lookup(kk)
            if res:
                return kk, res
            words = kk.split(" ")
            if len(words) > 1 and self.cues.get(words[0], "").startswith("kind:"):
                res = self.gaz.lookup(" ".join(words[1:]))
                if res:
                    return " ".join(words[1:]), res
        return k, ()

    def _entity_occs(self, doc: Doc, e: Entity) -> list[Occ]:
        out = []
        ner = e.extra.get("source") == "ner"
        name_key, name_cands = self._span_lookup(e.name, ner) if e.name else ("", ())
        for m in e.mentions:
            ti = self._tok_of(doc, m.start)
            prev = self._prev_word(doc, ti) if ti > 0 else None
            cue = self.cue_of(prev)
            k, cands = self.lookup_surface(f"{prev} {m.text}") if cue and cue.startswith("kind:") else ("", ())
            listed = False  # the span as written is a place stop word
            if not cands:  # "إقليم كردستان" names the region even when the mention is "كردستان"
                k, cands = self._span_lookup(m.text, ner)
                # "لبنين" of للبنين "for boys" is no Benin, though بنين is
                listed = ner and bool(cands) and fkey(m.text) in self.gaz.stopwords
            if not cands:
                k, cands = name_key, name_cands
            if self.cues.get(k) in ("site", "preposition") or self.cues.get(k, "").startswith("kind:") \
                    or (ner and (k in self.gaz.stopwords or listed)):
                cands = ()  # a NER span "ميدان" is the common word, not Medan
            out.append(Occ(m.start, m.end, k, cands, entity=e, sent=self._sent_of(doc, m.start), tok=ti,
                           cue=cue))
        return out

    def _span_lookup(self, surface: str, ner: bool) -> tuple[str, tuple[Place, ...]]:
        """:meth:`lookup_surface` of an entity's surface; for a tagger's span read only through a
        proclitic, only the places :func:`_after_clitics` allows."""
        k, cands = self.lookup_surface(surface)
        if ner and cands and _clitics_stripped(fkey(surface), k):
            cands = _after_clitics(k, cands)
        return k, cands

    def _dateline_occ(self, doc: Doc, dl: dict, occs: list[Occ]) -> list[Occ]:
        """The dateline's occurrence: one found over the whole dateline is marked as it, a part
        of it is not (غالب of a reporter's name "غالب السهلي" is no dateline)."""
        s, e = dl["start"], dl["end"]
        for o in occs:
            if o.start < e and s < o.end:
                if o.start <= s and e <= o.end:
                    o.dateline = True
                return []
        k, cands = self.lookup_surface(dl["text"])
        if not cands:
            return []
        return [Occ(s, e, k, cands, dateline=True, sent=self._sent_of(doc, s), tok=self._tok_of(doc, s))]

    @staticmethod
    def _sent_of(doc: Doc, pos: int) -> int:
        return index_of(doc.sentences, pos)

    @staticmethod
    def _tok_of(doc: Doc, pos: int) -> int:
        return index_of(doc.tokens, pos)

    def _homonyms(self, occs: list[Occ], demonyms: dict[str, int]) -> list[Occ]:
        """A free-lookup homonym (سيول floods / Seoul) stays only when the document names one of
        its candidates' countries (a country name, a demonym or a resolved PLACE entity), and
        then only with those candidates."""
        hom = self.gaz.homonyms
        # weak: found by lookup or by the NER tagger, not by the actor KB (a flag per occurrence,
        # not a nested function that the comprehensions call: compiled by Cython, such a
        # function and its enclosing scope refer to each other, a reference cycle per document)
        weak = [o.key in hom and (o.entity is None or o.entity.extra.get("source") == "ner") for o in occs]
        if not any(weak):
            return occs
        named = set(demonyms) | {o.cands[0].cc for o in occs if o.cands and o.cands[0].kind == "country"}
        named |= {o.cands[0].cc for o, w in zip(occs, weak, strict=True)
                  if o.entity is not None and o.cands and not w}
        near_only, cue_only, anchors = self.gaz.homonyms_near, self.gaz.homonyms_cue, None
        out = []
        for o, w in zip(occs, weak, strict=True):
            if w:
                if o.key in cue_only and o.cue is None:
                    continue  # دعم مالي "financial support": no cue word, no country
                o.cands = tuple(c for c in o.cands if c.cc in named)
                if o.cands and o.key in near_only and not ((o.cue or "").startswith("kind:") or o.cue == "trigger"):
                    if anchors is None:  # the document's other sure places (entities, well-known names)
                        anchors = Points([(c.lat, c.lon) for x, xw in zip(occs, weak, strict=True)
                                          if x.cands and not xw and (c := x.cands[0]).kind != "country"
                                          and (x.entity is not None or _well_known(c, x.key))])
                    o.cands = tuple(c for c in o.cands if anchors.any_within(c.lat, c.lon, NEAR_KM))
                if not o.cands:
                    continue
            out.append(o)
        return out

    def _clubs(self, doc: Doc, occs: list[Occ]) -> list[Occ]:
        """A city that names a football club (``club`` rows of place_stopwords.tsv: برشلونة،
        ليفربول) is the club after a club word (نادي، مدرب، لاعبو), and anywhere in a document
        about sport (SPORT_MIN words of sports reports) unless a preposition or a kind word says
        it is the place (في برشلونة، مدينة ليفربول).  A tagger's PLACE entity all of whose
        mentions are the club is an organisation; a knowledge-base place is left alone."""
        clubs = self.gaz.clubs
        hits = [o for o in occs if o.key in clubs and (o.entity is None or o.entity.extra.get("source") == "ner")]
        if not hits:
            return occs
        sport = self.sport_words
        sporty = sum(1 for t in doc.tokens if t.norm in sport or t.norm[1:] in sport) >= SPORT_MIN
        drop = {id(o) for o in hits if o.cue == "club" or sporty and not (
            o.cue == "preposition" or (o.cue or "").startswith("kind:") or self._kind_inside(doc, o))}
        if not drop:
            return occs
        for o in hits:
            e = o.entity
            if e is not None and e.type == "PLACE" and all(id(x) in drop for x in occs if x.entity is e):
                e.type = "ORG"
        return [o for o in occs if id(o) not in drop]

    def _kind_inside(self, doc: Doc, o: Occ) -> bool:
        """The occurrence's own first word is a kind word (مدينة ليون as one mention)."""
        first = fkey(doc.text[o.start:o.end]).split(" ")[0]
        return self.cues.get(first, "").startswith("kind:")

    # ------------------------------------------------------------------ ranking
    def _rank(self, doc: Doc, occs: list[Occ], demonyms: dict[str, int]) -> None:
        w = WEIGHTS
        # countries the document names or implies, from unambiguous occurrences and demonyms
        doc_cc: dict[str, float] = defaultdict(float)
        for cc, n in demonyms.items():
            doc_cc[cc] += min(n, 3)
        for o in occs:
            top = o.cands[0] if o.cands else None
            if top is not None and (top.kind == "country" or _margin(o.cands) >= 1.5) and _trusted(o, top):
                doc_cc[top.cc] += 1.0  # an unaccepted lookup (عاجل, a Syrian village) is no context
        sent_cc: dict[int, set[str]] = defaultdict(set)
        for o in occs:
            if o.cands and o.cands[0].kind == "country":
                sent_cc[o.sent].add(o.cands[0].cc)
        # the part of each candidate's score that does not depend on the other places' choices
        # (the same name with the same cue shares all but the same-sentence country part)
        base: list[list[float]] = []
        shared: dict[tuple[int, str | None], list[float]] = {}
        w_var, w_dem, w_reg, w_kind, w_urb, w_doc = (w[x] for x in ("variant", "demonym", "region", "kind_cue",
                                                                     "urban", "doc_country"))
        fixed = self._fixed_rows
        for o in occs:
            row = shared.get((id(o.cands), o.cue))
            if row is None:
                kind_cue = o.cue[5:] if o.cue and o.cue.startswith("kind:") else None
                # the sums up to the document's countries depend on the candidates and the kind
                # cue alone: kept across documents (with the tuple, so its id stays its own)
                hit = fixed.get((id(o.cands), kind_cue))
                if hit is None or hit[0] is not o.cands:
                    part = []
                    for c in o.cands:  # (the same additions in the same order as always: same floats)
                        s = c.prior
                        if c.how == VARIANT:
                            s += w_var
                        elif c.how == DEMONYM:
                            s += w_dem
                        if c.cc in CONFLICT_REGION:
                            s += w_reg
                        if kind_cue is not None and _kind_fits(kind_cue, c.kind):
                            s += w_kind
                        if c.kind in ("village", "neighbourhood") and self.urban(c):
                            s += w_urb
                        part.append(s)
                    if len(fixed) > 100_000:
                        fixed.clear()
                    fixed[id(o.cands), kind_cue] = (o.cands, part)
                else:
                    part = hit[1]
                big = [(c.cc, c.pop) for c in o.cands if (c.pop or 0) >= DWARF_CITY]
                row = shared[id(o.cands), o.cue] = [
                    s + (w_doc + 0.3 * min(doc_cc[c.cc], 3))
                    if c.kind != "country" and doc_cc.get(c.cc) and not (big and _dwarfed(c, big)) else s
                    for c, s in zip(o.cands, part, strict=True)]
            in_sent = sent_cc.get(o.sent)
            if in_sent:
                row = [s + w["near_country"] if c.kind != "country" and c.cc in in_sent else s
                       for c, s in zip(o.cands, row, strict=True)]
            base.append(row)
        # pass 1: the choice on the base scores alone (the first best, as max() gives it; a
        # candidate's pid is unique among the candidates of one key, so index = pid here)
        for o, row in zip(occs, base, strict=True):
            o.choice = o.cands[max(range(len(row)), key=row.__getitem__)] if o.cands else None
        # pass 2: plus closeness to the other names' pass-1 choices
        # anchors: only occurrences that will be kept (a stray village named قوي pulls nothing)
        anchors = sorted((la, k, lo) for k, la, lo in
                         {(o.key, o.choice.lat, o.choice.lon) for o in occs if o.choice is not None
                          and o.choice.kind != "country" and _trusted(o, o.choice)})
        lats = [la for la, _, _ in anchors]  # sorted: nearness() reads only a latitude band
        anchors = [(k, la, lo, math.radians(la)) for la, k, lo in anchors]
        near: dict[tuple[int, str], float] = {}  # (place, key) -> nearness bonus
        for o, row in zip(occs, base, strict=True):
            scores = {}
            for c, s in zip(o.cands, row, strict=True):
                if c.kind != "country":
                    if anchors:
                        b = near.get((c.pid, o.key))
                        if b is None:
                            b = near[c.pid, o.key] = nearness(c, o.key, anchors, WEIGHTS, lats=lats)
                        s += b
                    else:
                        s += 0.0  # (-0.0 becomes 0.0, as it always did)
                scores[c.pid] = s
            o.scores = scores
            o.choice = max(o.cands, key=lambda c: scores[c.pid]) if o.cands else None
        _country_lists(doc.text, occs)
        # unknown site phrases: the nearest (in the text) resolved place of the document, in the
        # same sentence when the sentence has one, else within 400 characters and in the country
        # of the sentence's places (منطقة الصوابر شرق الكويت: not an Algerian town of the next
        # sentence); none: left out
        # (anchors are places that will be kept: an entity's, a well-known one, or one after a
        # kind word; not any word free lookup found and will refuse, الربيع of الربيع العربي)
        resolved = [o for o in occs if o.choice is not None and o.choice.kind in SITE_ANCHOR_KINDS and (
            o.entity is not None or _well_known(o.choice, o.key) or (o.cue or "").startswith("kind:"))]
        for o in occs:
            if o.cue == "site-phrase" and resolved:
                same = [r for r in resolved if r.sent == o.sent]
                if not same:
                    ccs = {r.choice.cc for r in occs if r.sent == o.sent and r.choice is not None}
                    same = [r for r in resolved if abs(r.start - o.start) <= 400 and (
                        not ccs or r.choice.cc in ccs)]
                if not same:
                    continue
                near = min(same, key=lambda r: abs(r.start - o.start))
                o.cands, o.choice = (near.choice,), near.choice
                o.scores = {near.choice.pid: 0.0}
        # one sense per name in a document: occurrences of a key share the best summed score
        by_key: dict[str, list[Occ]] = defaultdict(list)
        for o in occs:
            if o.entity is None and o.cands:
                by_key[o.key].append(o)
        for group in by_key.values():
            if len(group) > 1:  # (alone, an occurrence keeps its choice: see _share)
                _share(group)
        # an existing entity gets one place for all its mentions: best summed score
        by_ent: dict[str, list[Occ]] = defaultdict(list)
        for o in occs:
            if o.entity is not None:
                by_ent[o.entity.id].append(o)
        for group in by_ent.values():
            if len(group) > 1:
                _share(group)

    def _coordinated(self, o: Occ, doc: Doc, place_end: dict[int, str]) -> str | None:
        """The country of the kept place that ``o`` is listed after with و (نابلس وطولكرم), else None."""
        if o.strip != 1:
            return None
        end = joined_by_and(doc, o.tok)
        return None if end is None else place_end.get(end)

    def _accept(self, o: Occ, doc_cc: set[str], coord_cc: str | None = None) -> bool:
        """Free-lookup acceptance: well-known places always; small ones need a cue or context.
        ``coord_cc``: the country of the place ``o`` is coordinated with (:meth:`_coordinated`)."""
        c = o.choice
        if c is None:
            return False
        if o.entity is not None:
            return True
        if o.dateline:
            return _dateline_fits(c, o.key, self.gaz.common)
        if ((o.cue or "").startswith("kind:") and o.cue != f"kind:{c.kind}" or o.cue == "trigger"
                or o.cue == "site" and c.kind not in ("neighbourhood", "site")) \
                and o.key in self.gaz.common and not _well_known(c, o.key):
            # دولة غنية، مناطق تركية، منطقة بعيدة: a kind word and an adjective (a kind word of the
            # place's own kind still takes it: قرية حضر); بطريق مباشر "in a direct way", طريق المطار
            # "the airport road": a site word and a frequent word name no village of that name
            return False
        if (o.cue or "").startswith("kind:") or o.cue in ("trigger", "site-phrase", "site"):
            return True
        if o.like:  # ك "like" before a place name is rare; كبيرا (big) is not ك + بيرا (Beira)
            return False
        if _well_known(c, o.key):
            return True
        if c.cc in CONFLICT_REGION and coord_cc == c.cc and o.key not in self.gaz.common and len(o.key) >= 3:
            # نابلس وطولكرم: a name listed after a place of the same country is a place (a
            # frequent word is not: بغداد وحدها "Baghdad alone")
            return True
        if o.strip or self.cues.get(o.key.split(" ")[0]) in ("person", "kin"):  # كبيرة ≠ ك+بيرة; أبو بكر
            return False
        if c.cc not in CONFLICT_REGION:
            return False
        if (o.cue == "preposition" or " " in o.key) and c.cc in doc_cc and o.key not in self.gaz.common:
            return True  # (a frequent word is not taken on a preposition and its country: في القضاء)
        # "في المنيل", "#المنيل": a definite name of at least 5 letters after a preposition or as a hashtag
        return o.cue in ("preposition", "hashtag") and o.key.startswith("ال") and len(o.key) >= 5 \
            and " " not in o.key and o.key not in self.gaz.common \
            and (o.cue == "hashtag" or not doc_cc or c.cc in doc_cc)   # (not a village of another
        # country than those the document names: في الشاطئ in a Saudi article is no Yemeni village)

    def _never_taken(self, k: str, places: tuple[Place, ...]) -> bool:
        """Whether free lookup never accepts a name of key ``k`` found without a cue, whatever
        the document says: one word, first candidate not a country, no candidate well known
        (:meth:`_accept` then returns False and :func:`_trusted` is False for any choice).
        ``places`` are the key's non-demonym candidates (or some of them), so the answer is
        remembered per key."""
        hit = self._never.get(k)
        if hit is None:
            hit = " " not in k and places[0].kind != "country" and not any(_well_known(c, k) for c in places)
            if len(self._never) > 100_000:
                self._never.clear()
            self._never[k] = hit
        return hit

    # ------------------------------------------------------------------ output
    def _emit(self, doc: Doc, occs: list[Occ]) -> None:
        ent_place: dict[str, Place] = {}
        first_occ: dict[int, Occ] = {}  # id(entity) -> its first occurrence
        for o in occs:
            if o.entity is not None:
                first_occ.setdefault(id(o.entity), o)
                if o.choice is not None:
                    ent_place[o.entity.id] = o.choice
        by_id: dict[str, Entity] = {}  # (doc.entity(eid): the first entity with the id)
        for e in doc.entities:
            by_id.setdefault(e.id, e)
            if e.type == "PLACE" and e.id in ent_place:
                self._set_place(e, ent_place[e.id], first_occ[id(e)])
        merged = self._one_per_place(doc, ent_place, by_id)
        for o in occs if merged else ():
            if o.entity is not None and id(o.entity) in merged:
                o.entity = merged[id(o.entity)]
        # countries a small place after a preposition may take: named ones, places of several
        # words, and entities' places; a one-word city found by lookup alone is no evidence (بحجة
        # "under the pretext" read as Hajjah would let Yemeni villages named حرب or الكثير in)
        strong_cc = {o.choice.cc for o in occs if o.choice is not None and o.entity is None
                     and _well_known(o.choice, o.key) and (o.choice.kind == "country" or " " in o.key)}
        strong_cc |= {p.cc for p in ent_place.values()}
        by_pid: dict[int, Entity] = {p.pid: by_id.get(eid) for eid, p in ent_place.items()}
        next_id = 1 + max((int(e.id[1:]) for e in doc.entities if e.id[1:].isdigit()), default=0)
        all_spans = sorted((m.start, m.end) for e in doc.entities for m in e.mentions)
        # where a kept place ends, and its country: a name coordinated with it (نابلس وطولكرم)
        # is a place too (see _accept); the places taken below are added as they are taken, so
        # a list of names is read from its first known one on (نابلس وطولكرم وقلقيلية)
        # (not a country: a list of countries goes on with countries or words, فلسطين واليمن
        # والشعبين "Palestine, Yemen and the two peoples", not with a Yemeni village)
        place_end = {m.end: p.cc for e in doc.entities if e.type == "PLACE" and (p := ent_place.get(e.id))
                     and p.kind != "country" for m in e.mentions}
        for o in sorted(occs, key=lambda o: o.start):
            if o.entity is not None or not self._accept(o, strong_cc, self._coordinated(o, doc, place_end)):
                continue
            c = o.choice
            if o.dateline and _overlaps(all_spans, o.start, o.end):
                continue
            if c.kind != "country":
                place_end[o.end] = c.cc
            ent = by_pid.get(c.pid)
            if ent is None:
                ent = Entity(id=f"e{next_id}", type="PLACE", name=c.name, name_en=c.name_en or None)
                next_id += 1
                self._set_place(ent, c, o)
                doc.entities.append(ent)
                by_pid[c.pid] = ent
            ent.mentions.append(Mention(o.start, o.end, doc.text[o.start:o.end]))
            ent.mentions.sort(key=lambda m: m.start)
            o.entity = ent
        dl = doc.meta.get("dateline")
        if isinstance(dl, dict):
            for o in occs:
                if o.dateline and o.entity is not None and o.entity.place is not None:
                    dl["entity"] = o.entity.id
                    break
            else:
                for e in doc.entities:
                    if e.type == "PLACE" and any(m.start < dl["end"] and dl["start"] < m.end for m in e.mentions):
                        dl["entity"] = e.id
                        break

    @staticmethod
    def _one_per_place(doc: Doc, ent_place: dict[str, Place], by_id: dict[str, Entity]) -> dict[int, Entity]:
        """Tagger entities placed at the same place are one entity (أمريكا … الولايات المتحدة،
        المسجد الحرام … الكعبة): the first one in the text takes the later ones' mentions and
        the later ones go (their ids are not given again).  A knowledge-base actor is never
        merged away: two actors stay two.  Returns id(gone entity) → the entity kept."""
        first: dict[int, Entity] = {}
        gone: dict[int, Entity] = {}
        for e in doc.entities:
            p = ent_place.get(e.id)
            if e.type != "PLACE" or p is None or by_id.get(e.id) is not e:
                continue
            keep = first.setdefault(p.pid, e)
            if keep is e or e.extra.get("kb"):
                continue
            keep.mentions = sorted(keep.mentions + e.mentions, key=lambda m: m.start)
            gone[id(e)] = keep
            by_id[e.id] = keep  # (a free-lookup occurrence of the place joins the kept entity)
        if gone:
            doc.entities = [e for e in doc.entities if id(e) not in gone]
        return gone

    def _drop_unresolved(self, doc: Doc) -> None:
        """An unresolved PLACE mention that contains the mentions of ONE resolved place becomes a
        mention of that place, keeping its extent (the NER spans "قرية كفر عانة", "نهر النيجر",
        "القاهرة مسجد الفتح" are placed where the name inside them is; the nested mentions are
        dropped); one that overlaps mentions of several places, or not only within itself, gives
        way to them.  A NER span that is a listed common word (سيول, فيديو) is dropped; an entity
        left without mentions is removed."""
        placed = [(m.start, m.end, e) for e in doc.entities if e.type == "PLACE" and e.place is not None
                  for m in e.mentions]
        common = self.gaz.wordlike
        for e in doc.entities:
            if e.type != "PLACE" or e.place is not None:
                continue
            ner = e.extra.get("source") == "ner"
            kept = []
            for m in e.mentions:
                if ner and (self.lookup_surface(m.text)[0] in common or fkey(m.text) in common
                            or self._described(m.text)
                            or self._after_model_word(doc, m.start)):
                    continue
                inner = [(a, b, p) for a, b, p in placed if a < m.end and m.start < b]
                if not inner:
                    kept.append(m)
                elif len({id(p) for *_, p in inner}) == 1 and all(m.start <= a and b <= m.end for a, b, _ in inner):
                    p = inner[0][2]
                    p.mentions = [x for x in p.mentions if not (m.start <= x.start and x.end <= m.end)]
                    p.mentions.append(m)
                    p.mentions.sort(key=lambda x: x.start)
            e.mentions = kept
        keep = [e for e in doc.entities if e.mentions]
        doc.entities = keep

    def _after_model_word(self, doc: Doc, start: int) -> bool:
        """The word before offset ``start`` is a `model` cue (طائرة من طراز سوخوي): a make, not a place."""
        ti = self._tok_of(doc, start)
        return ti > 0 and self.cue_of(self._prev_word(doc, ti)) == "model"

    def _described(self, surface: str) -> bool:
        """A kind word and one indefinite feminine adjective (قرية مجاورة، منطقة نائية، بلدة حدودية):
        a description, not a name, unless the second word names a place itself."""
        words = self.lookup_surface(surface)[0].split(" ")
        return len(words) == 2 and described(words[0], words[1], self.cues, self.gaz.keys)

    @staticmethod
    def _set_place(e: Entity, c: Place, o: Occ) -> None:
        e.place = c.contract()
        ranked = sorted(o.scores.items(), key=lambda kv: -kv[1])
        runner = ranked[1][1] if len(ranked) > 1 else None
        e.extra["geo"] = {"score": round(o.scores.get(c.pid, c.prior), 2),
                          "runner_up": round(runner, 2) if runner is not None else None,
                          "candidates": len(o.cands), "source": c.src, "key": o.key}
        if not e.extra.get("kb"):
            # a name the tagger found keeps its mentions, and takes the gazetteer's name as its
            # canonical one (لأميركا، أمريكا، الولايات المتحدة الأمريكية → الولايات المتحدة); an
            # actor of the knowledge base keeps the knowledge base's name
            e.name = c.name
        if e.name_en is None and c.name_en:
            e.name_en = c.name_en

    def _tag_norp(self, doc: Doc) -> None:
        """A NORP entity named by a demonym records its country (``extra["country"]``)."""
        for e in doc.entities:
            if e.type != "NORP" or "country" in e.extra:
                continue
            for m in e.mentions:
                _, cands = self.lookup_surface(m.text)
                dem = [c for c in cands if c.how == DEMONYM]
                if dem:
                    e.extra["country"] = dem[0].cc
                    break


# ---------------------------------------------------------------------- helpers
#: kinds of place a tagger span may name with a proclitic glued to it
_CLITIC_KINDS = frozenset({"country", "admin1", "admin2", "region", "city"})


def _clitics_stripped(surface_key: str, k: str) -> bool:
    """The looked-up key ``k`` is ``surface_key`` without proclitics glued to its first word
    (بلوتو → لوتو, للبنين → البنين), as :func:`_strip_variants` gives it."""
    if k == surface_key or not k:
        return False
    if surface_key.endswith(k):
        return " " not in surface_key[:-len(k)]
    # لل → ال: the article's alef elided after ل
    return k.startswith("ا") and surface_key.endswith(k[1:]) and " " not in surface_key[:-len(k) + 1]


def _after_clitics(k: str, cands: tuple[Place, ...]) -> tuple[Place, ...]:
    """The places a tagger span names when only its form without proclitics ``k`` is a name:
    well-known ones, and towns or larger of the conflict region.  A foreign name that opens with
    a letter like a proclitic is otherwise read as a village (بلوتو "Pluto" as ب + a French
    village, باور "Power" as Iver, كسروان as Şirvan), and so is a common word (لنيل الشهادة "to
    obtain" as an Iraqi district, لسقيا "for the watering of")."""
    return tuple(c for c in cands if _well_known(c, k) or c.cc in CONFLICT_REGION and c.kind in _CLITIC_KINDS)


def _strip_variants(k: str) -> list[str]:
    out = [k]
    first, _, rest = k.partition(" ")
    for _n, head in clitic_options(first)[1:]:
        out.append((head + (" " + rest if rest else "")).strip())
    return out


def _overlaps(spans: list[tuple], s: int, e: int) -> bool:
    return any(a < e and s < b for a, b, *_ in spans)


def _share(group: list[Occ]) -> None:
    """Give every occurrence of the group the place with the best summed score.

    A group of one changes nothing: its candidates have distinct pids (one key's places, or the
    one place of a site phrase), so the sums are its scores (0.0 + s == s, -0.0 aside, which
    compares equal) in the same order, max() picks the place it already chose, and its score
    is already set."""
    tot: dict[int, float] = defaultdict(float)
    place: dict[int, Place] = {}
    for o in group:
        for c in o.cands:
            tot[c.pid] += o.scores.get(c.pid, 0.0)
            place.setdefault(c.pid, c)
    if tot:
        pid = max(tot, key=tot.get)
        for o in group:
            o.choice = place[pid]
            o.scores.setdefault(pid, tot[pid] / len(group))


def _dwarfed(c: Place, big: list[tuple[str, int]]) -> bool:
    """A candidate outside the conflict region with a namesake city of another country that has
    DWARFED times its population (``big``: the candidates of DWARF_CITY people or more): it gets no
    boost from its own country being named (Geneva, Illinois in a document that names the USA is
    still Geneva; Paris, Texas still Paris).  The conflict region's namesakes keep it (Tripoli of
    Lebanon, a Saudi and an Iraqi العزيزية)."""
    if c.cc in CONFLICT_REGION:
        return False
    pop = c.pop or 0
    return any(cc != c.cc and p >= DWARFED * pop for cc, p in big)


def _well_known(c: Place, k: str) -> bool:
    """A place free lookup may take without any cue: country, region, curated, or a big city."""
    if c.how == DEMONYM:
        return False
    if c.kind in ("country", "admin1", "region") and c.how == 0:
        return True
    if c.src.startswith("cur:"):
        return True
    pop = c.pop or 0
    if " " not in k and not k.startswith("ال") and len(k) <= 3:
        return pop >= MIN_POP["short"]
    return pop >= (MIN_POP["region"] if c.cc in CONFLICT_REGION else MIN_POP["world"])


def _trusted(o: Occ, c: Place) -> bool:
    """An occurrence sure enough to give context: an entity, the dateline, a well-known place or
    a name after a kind cue or trigger (an unaccepted lookup such as عاجل gives none)."""
    return o.entity is not None or o.dateline and c.kind in DATELINE_KINDS or not o.like and _well_known(c, o.key) \
        or (o.cue or "").startswith("kind:") or o.cue == "trigger"


#: How near another place of the document a "homonym-near" name must be (الدمام والخبر).
NEAR_KM = 50.0

#: What a dateline names: a town or city, a province or district, a country or region.
DATELINE_KINDS = frozenset({"city", "admin1", "admin2", "country", "region"})


def _dateline_fits(c: Place, k: str, common: frozenset[str] | set[str]) -> bool:
    """Whether the dateline may be place ``c``: a city, province, country or region, or a well-known
    place, whose name is not a frequent word.  "الجيش: مقتل عشرة مسلحين" is a headline quoting
    the army, not a dateline at the Yemeni village الجيش; a village is never a dateline."""
    return (c.kind in DATELINE_KINDS or _well_known(c, k)) and k not in common


#: what separates the names of a list: spaces, a comma, و or أو (نيجيريا وغانا وبنين، أو توغو)
_LIST_GAP = re.compile(r"[\s،,]*(?:او|أو|و)?")


def _country_lists(text: str, occs: list[Occ]) -> None:
    """A name that can be a country, listed next to a name read as a country (نيجيريا وغانا
    وبنين وتوغو), is the country, not a town of its name (Benin City): its country candidate gets
    the best score.  Repeated (at most 3 rounds) so that a list is read whole."""
    ordered = sorted((o for o in occs if o.choice is not None), key=lambda o: o.start)
    for _ in range(3):
        changed = False
        for i, o in enumerate(ordered):
            if o.choice.kind == "country":
                continue
            country = next((c for c in o.cands if c.kind == "country"), None)
            if country is None:
                continue
            for j in (i - 1, i + 1):
                if 0 <= j < len(ordered) and ordered[j].choice.kind == "country":
                    a, b = (ordered[j], o) if j < i else (o, ordered[j])
                    if a.end <= b.start and _LIST_GAP.fullmatch(text, a.end, b.start):
                        o.scores[country.pid] = max(o.scores.values(), default=0.0) + 1.0
                        o.choice, changed = country, True
                        break
        if not changed:
            return


def _margin(cands: tuple[Place, ...]) -> float:
    if len(cands) < 2:
        return 9.0 if cands else 0.0
    return cands[0].prior - cands[1].prior


#: Place kinds a kind cue also fits (مدينة X may name a village in the gazetteer).
_KIND_ALSO = {"city": ("village",), "village": ("city",), "region": ("admin1",), "admin1": ("region",),
              "admin2": ("village", "city"), "site": ("neighbourhood",)}


def _kind_fits(cue: str, kind: str) -> bool:
    return cue == kind or kind in _KIND_ALSO.get(cue, ())
