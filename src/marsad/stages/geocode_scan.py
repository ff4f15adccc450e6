"""Free gazetteer lookup for the Geocode stage (:mod:`marsad.stages.geocode`): token n-grams of
the document that name places, and the context words around them.

:class:`FreeLookup` is mixed into :class:`~marsad.stages.geocode.Geocode`, which provides
``gaz`` (the :class:`~marsad.resources.gazetteer.Gazetteer`) and ``cues`` (``place_cues.tsv``).

Speed (same matches as reading every token): a word form's clitic readings that can start a name
are remembered per form, so only the tokens whose form starts a name or is a site word are
visited; whether a token may be read (an Arabic word in a scanned block, not inside a taken
mention) is worked out only for the tokens visited; and an n-gram is extended only when it is a
proper leading run of some longer name (:attr:`Gazetteer.continued`).
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain, compress

from marsad.doc import Doc, Entity
from marsad.resources.gazetteer import DEMONYM, Place
from marsad.stages.geocode_index import Spans, TokenFilter, grow

SCAN_BLOCKS = frozenset({"title", "heading", "body", "caption", "dateline"})
#: Kinds of place an unknown site phrase (منطقة X) may be placed at (the nearest one in the text).
SITE_ANCHOR_KINDS = ("city", "village", "site")
_PREFIXES = ("و", "ف")
_PREPS = ("ب", "ل", "ك")
_CLITICS = frozenset(_PREFIXES + _PREPS)
_CAPITAL_WORD = "العاصمه"  # folded العاصمة
#: Word forms remembered (heads, roles) before the caches are emptied.
CACHE_FORMS = 200_000


@dataclass(slots=True)
class Occ:
    """One place-name occurrence: a span, its key, its candidates and its context."""

    start: int
    end: int
    key: str
    cands: tuple[Place, ...]
    sent: int = -1
    tok: int = -1  # index of the first token
    cue: str | None = None  # role of the word before (kind:X, trigger, preposition)
    entity: Entity | None = None  # existing PLACE entity this occurrence belongs to
    dateline: bool = False
    strip: int = 0  # clitic letters removed before the name (وب in وبالموصل)
    like: bool = False  # the last of them is ك, "like" (كبيرا "big" read as ك + بيرا, Beira)
    scores: dict[int, float] = field(default_factory=dict)
    choice: Place | None = None


#: the plural kind words of place_cues.tsv (folded): مدن، بلدات، قرى، محافظات، مخيمات
PLURAL_KINDS = frozenset({"مدن", "بلدات", "قري", "محافظات", "مخيمات"})


def described(kind: str, adj: str, cues, keys) -> bool:
    """Folded ``kind adj`` is a description, not a name: a kind or site word (place_cues.tsv) and
    one indefinite feminine adjective that names no place (قرية مجاورة، منطقة نائية، بلدة حدودية)."""
    cue = cues.get(kind) or ""
    return (cue.startswith("kind:") or cue == "site") and not adj.startswith("ال") and adj.endswith("ه") \
        and adj not in keys


class FreeLookup:
    """The free-lookup half of the Geocode stage (see the module docstring)."""

    _heads_cache: dict[str, tuple[tuple[int, str], ...]]
    _alone: set[str]  # cached forms that can start a name on their own (or are site words)
    _cont_only: set[str]  # cached forms that can start a name only with the next word
    _grows: set[str]  # cached forms with a reading that is a leading run of a longer name
    _singles: dict[str, tuple]  # a form -> its name as one word (_one_word), () if none
    _quiet: set[str]  # forms whose token is set aside unless a cue precedes it (_learn_quiet)
    _joinable: frozenset[str] | None  # second words of names, and _ #
    _cue_cache: dict[str, str | None]

    def _never_taken(self, k: str, places: tuple[Place, ...]) -> bool:  # provided by Geocode
        raise NotImplementedError

    def _scan(self, doc: Doc, open_spans: list[tuple[int, int]] = ()) -> tuple[list[Occ], dict[str, int], list]:
        """Gazetteer matches over token n-grams not inside existing entity mentions, except the
        ``open_spans`` (unresolved PLACE mentions, organisations without a knowledge-base
        identity): a name found there is a place of its own (جامعة القاهرة → القاهرة).
        Returns the occurrences, the demonyms' countries and the occurrences set aside as never
        taken (for :meth:`settle`: (index in the occurrences, first token, last token, strip,
        key, places, pending): ``pending`` is None, or for a quiet token set aside before its
        remaining tests, the :class:`_Pending` that runs them)."""
        opened = set(open_spans)
        taken = Spans((m.start, m.end) for e in doc.entities for m in e.mentions
                      if (m.start, m.end) not in opened)
        persons = [(m.start, m.end) for e in doc.entities if e.type == "PERSON" for m in e.mentions
                   if (m.start, m.end) not in opened]
        person_spans, has_persons = Spans(persons), bool(persons)
        toks = doc.tokens
        norms = doc.norms
        ok_tok = TokenFilter(doc, blocks=SCAN_BLOCKS, taken=taken)
        nxt = [-2] * len(toks)  # next token that can join a name (-1 none), filled on demand
        gaz = self.gaz
        maxw, prefixes, continued = gaz.max_words, gaz.prefixes, gaz.continued
        forms = set(norms)
        cues, heads_cache = self.cues, self._learn_forms(forms)
        occs: list[Occ] = []
        later: list[tuple] = []
        demonyms: dict[str, int] = defaultdict(int)
        # only a token whose form has a head or is a site word can start anything below: every
        # other token was stepped over one at a time ("i += 1")
        ntok = len(norms)
        # a token can start a name when its form can on its own (a name or a site word), or when
        # it can only with the next word and that word is the second word of some name (or _/#,
        # which grow() steps over); every other token was stepped over one at a time ("i += 1")
        alone, cont_only, grows, singles = self._alone, self._cont_only, self._grows, self._singles
        if self._joinable is None:
            self._joinable = gaz.seconds | {"_", "#"}
        # (the document's own starting forms first, one set intersection each: a small set is
        # probed faster than the large one; then one C-level probe per token.  A continuation-
        # only form needs the next token to be a second word of some name, or _/#: those few
        # positions are tested one by one and merged in)
        starts, conts = forms.intersection(alone), forms.intersection(cont_only)
        can = compress(range(ntok), map(starts.__contains__, norms))
        if conts:
            joinable = self._joinable
            can = sorted(chain(can, [j for j in compress(range(ntok - 1), map(conts.__contains__, norms))
                                     if norms[j + 1] in joinable]))
        quiet_forms, text, pending = self._quiet, doc.text, None
        i = 0
        for start in can:
            if start < i:
                continue
            i = start
            first = norms[i]
            if first in quiet_forms:
                # a one-word name free lookup never takes without a cue (see _learn_quiet): with
                # no cue before it the token is set aside whatever the readable-token, kin-word and
                # person-span tests say, and those are left to settle() for the few it puts back
                t = toks[i]
                if self.cue_of(self._prev_word(doc, i)) is None and not (t.start and text[t.start - 1] == "#"):
                    _, _, strip, k, _, places = singles[first]
                    if pending is None:
                        pending = _Pending(doc, ok_tok, cues, person_spans if has_persons else None)
                    later.append((len(occs), i, i, strip, k, places, pending))
                    i += 1
                    continue
            heads = heads_cache[first]
            if first in cont_only:
                # no head is a name on its own: only "head w" with w the next token can start
                # one (w is the token grow() would add unless _ or # comes first)
                j = i + 1
                if j >= ntok or (norms[j] not in ("_", "#")
                                 and not any(f"{h} {norms[j]}" in prefixes for _, h in heads)):
                    i += 1
                    continue
            if not ok_tok[i]:
                i += 1
                continue
            # the name made of this token alone, remembered per form (it depends on the heads only)
            best = singles.get(first)
            if best is None:
                best = singles[first] = self._one_word(heads)
                self._learn_quiet(first, best)
            run = None
            if first in grows:
                # a longer name needs "h w" in the prefixes for a continued head h and the next
                # token w (or _/# next, which grow() steps over); otherwise _longest() stops every
                # head at one word and returns the one-word name above
                j = i + 1
                if j < ntok and (norms[j] in ("_", "#")
                                 or any(f"{h} {norms[j]}" in prefixes for _, h in heads if h in continued)):
                    run = [i]
                    best = self._longest(doc, run, heads, ok_tok, nxt)
            if not best:
                if cues.get(first) == "site":
                    run = run or [i]
                    while grow(doc, run, ok_tok, nxt, maxw):
                        pass
                    i = self._site_phrase(doc, run, occs, i, opened)
                else:
                    i += 1
                continue
            n, last, strip, k, cands, places = best
            if run is None:
                last = i
            if n == 1 and i and not strip and k.startswith("ال"):
                cap = self._capital(doc, i, k, cands)
                if cap is not None:  # العاصمة العراقية: Baghdad, not a Yemeni site named العراقية
                    occs.append(cap)
                    i += 1
                    continue
            if not places:  # a demonym: context only
                for c in cands:
                    demonyms[c.cc] += 1
                i = last + 1
                continue
            # the folded previous word in the same sentence, and its role
            t = toks[i]
            prev = self._prev_word(doc, i)
            cue = self.cue_of(prev)
            if cue in ("person", "outlet", "model", "club") or (n == 1 and _after_kin(doc, cues, i, prev)) \
                    or (has_persons and person_spans.hits(t.start, toks[last].end)) \
                    or (n == 1 and prev in PLURAL_KINDS and not first.startswith("ال") and first.endswith("ه")):
                # (قرى أمامية، مدن جديدة: after a plural kind word an indefinite feminine word is its
                # adjective, as a plural of things takes one, not a village of that name)
                i = last + 1
                continue
            cue = cue or ("hashtag" if t.start and doc.text[t.start - 1] == "#" else None)
            if cue is None and self._never_taken(k, places):
                later.append((len(occs), i, last, strip, k, places, None))  # see settle()
            else:
                occs.append(_occ(doc, i, last, strip, k, places, cue))
            i = last + 1
        return occs, demonyms, later

    def _capital(self, doc: Doc, i: int, k: str, cands: tuple[Place, ...]) -> Occ | None:
        """"العاصمة العراقية" ("the Iraqi capital"): the word العاصمة (clitics allowed: بالعاصمة)
        right before a country's definite adjective (a demonym, token ``i`` of key ``k``) names
        that country's capital (``Gazetteer.capital``); the occurrence covers both words."""
        dem = next((c for c in cands if c.how == DEMONYM and c.kind == "country"), None)
        if dem is None:
            return None
        toks = doc.tokens
        pt, t = toks[i - 1], toks[i]
        if pt.sent != t.sent or pt.end + 1 != t.start or doc.text[pt.end] != " ":
            return None
        strip = next((s for s, h in clitic_options(pt.norm) if h == _CAPITAL_WORD), None)
        cap = self.gaz.capital(dem.cc) if strip is not None else None
        if cap is None:
            return None
        s, e = doc.orig_span(doc.clean_index(pt.start) + strip, doc.clean_index(t.end))
        return Occ(s, e, f"{_CAPITAL_WORD} {k}", (cap,), sent=t.sent, tok=i - 1, cue="kind:city", strip=strip)

    def _learn_quiet(self, form: str, best: tuple) -> None:
        """Remember ``form`` as quiet when the scan, reaching a token of it with no cue before it
        (no cue word, no hashtag), always sets the token aside or skips it: its name is one word
        (no head grows into a longer name: not in ``_grows``), not a demonym, and never taken
        (:meth:`_never_taken`).  ``best`` is the form's :meth:`_one_word` answer."""
        if best and best[5] and form not in self._grows and self._never_taken(best[3], best[5]):
            self._quiet.add(form)

    def _one_word(self, heads: tuple[tuple[int, str], ...]) -> tuple:
        """What :meth:`_longest` gives when no reading grows past the token: (1, None, strip,
        key, candidates, non-demonym candidates) for the reading with the best prior (the first
        on a tie), () when no reading is a name.  The caller fills in the last token."""
        gaz = self.gaz
        keys, stop = gaz.keys, gaz.stopwords
        best = None
        for strip, k in heads:
            if k in keys and len(k.replace(" ", "")) >= 3 and k not in stop:
                cands = gaz.lookup_key(k)
                if cands and (best is None or cands[0].prior > best[2][0].prior):
                    best = (strip, k, cands)
        if best is None:
            return ()
        strip, k, cands = best
        return 1, None, strip, k, cands, tuple(c for c in cands if c.how != DEMONYM)

    def _longest(self, doc: Doc, run: list[int], heads: tuple[tuple[int, str], ...], ok_tok: TokenFilter,
                 nxt: list[int]) -> tuple | None:
        """The name starting at token ``run[0]``: (n tokens, last token, strip, key, candidates,
        non-demonym candidates), or None.  ``run`` holds the tokens that can join token i into one
        name (same sentence, only spaces/_/# between), followed only as far as some name goes: the
        longest n-gram that is a name wins, among clitic readings the one with the best prior
        (the first one on a tie).  Without a reading in :attr:`Gazetteer.continued` nothing
        grows, so the answer depends on the heads alone (the scan remembers it per form)."""
        gaz = self.gaz
        keys, prefixes, continued, stop, maxw = gaz.keys, gaz.prefixes, gaz.continued, gaz.stopwords, gaz.max_words
        toks = doc.tokens
        ntok = len(toks)
        hits: dict[int, list[tuple[int, str, tuple[Place, ...]]]] = {}
        for strip, head in heads:
            k, n = head, 1
            while True:
                if k in keys and len(k.replace(" ", "")) >= 3 and k not in stop:
                    cands = gaz.lookup_key(k)
                    if cands:
                        hits.setdefault(n, []).append((strip, k, cands))
                # "k w" can be a name or a name's leading run only when k is a leading run
                if k not in continued:
                    break
                if n == len(run):
                    j = run[-1] + 1  # when grow() would add token j, "k w" must be a prefix
                    if j < ntok and toks[j].norm not in ("_", "#") \
                            and f"{k} {toks[j].norm}" not in prefixes:
                        break
                    if not grow(doc, run, ok_tok, nxt, maxw):
                        break
                k = f"{k} {toks[run[n]].norm}"
                n += 1
                if k not in prefixes:
                    break
        if not hits:
            return None
        n = max(hits)
        best = None
        for strip, k, cands in hits[n]:
            if best is None or cands[0].prior > best[2][0].prior:
                best = (strip, k, cands)
        strip, k, cands = best
        return n, run[n - 1], strip, k, cands, tuple(c for c in cands if c.how != DEMONYM)

    def _site_reach(self, doc: Doc, occs: list[Occ]) -> list[tuple[int, float]]:
        """For each site phrase of the scan: (its start, how far from it a set-aside occurrence
        may be and still be its nearest resolved place).  The phrase takes the nearest (in the
        text; the first on a tie) occurrence whose choice is of a kind in SITE_ANCHOR_KINDS;
        a scanned occurrence whose candidates all are of such kinds will have such a choice
        (unless it is a homonym, which may be dropped), so anything farther than the nearest of
        those cannot be taken."""
        sites = [o.start for o in occs if o.cue == "site-phrase"]
        if not sites:
            return []
        hom = self.gaz.homonyms
        sure = [o.start for o in occs if o.cands and o.key not in hom
                and all(c.kind in SITE_ANCHOR_KINDS for c in o.cands)]
        return [(at, min((abs(b - at) for b in sure), default=math.inf)) for at in sites]

    def settle(self, doc: Doc, occs: list[Occ], later: list[tuple], *, keep_all: bool = False) -> list[Occ]:
        """The scan's occurrences with those it set aside (``later``) put back in their places
        where they can still matter, and the others dropped.

        An occurrence is set aside when its name has no cue before it (no preposition, kind
        word, trigger or hashtag), is one word, its first candidate is not a country, and none
        of its candidates is well known (:meth:`_never_taken`).  Free lookup never accepts it
        (``Geocode._accept`` then needs a cue or a well-known choice), it is never trusted (no
        country context, not an anchor for nearness) and names no country for homonyms; so
        dropping it changes nothing unless it (1) shares its key with an occurrence that is
        kept (one sense per name sums the scores of all of them), (2) may be the nearest
        resolved place of a site phrase, (3) may overlap the dateline (which marks an occurrence
        found over all of it), or (4) is و + the name right after a place's name (نابلس وطولكرم:
        ``Geocode._accept`` takes a name coordinated with a place of its country).  Those are put
        back, in scan order, exactly as built before."""
        if not later:
            return occs
        toks = doc.tokens
        dl = doc.meta.get("dateline")
        dl_end = dl["end"] if isinstance(dl, dict) and dl.get("text") else -1
        if keep_all:
            back = later
        else:
            # an occurrence starts at or after its first token (clean_index gives the first kept
            # character at or after it), so one whose token starts after the dateline cannot overlap it
            live = {o.key for o in occs}
            near = self._site_reach(doc, occs)
            # where a name of a place ends (an occurrence, a place entity's mention), for (4)
            ends = {o.end for o in occs}
            ends.update(m.end for e in doc.entities if e.type == "PLACE" for m in e.mentions)
            back = [x for x in later if x[4] in live or toks[x[1]].start < dl_end
                    or (near and any(_gap(toks[x[1]], at) <= reach for at, reach in near))
                    or (x[3] == 1 and joined_by_and(doc, x[1]) in ends)]
        # a quiet token set aside before its remaining tests (see _scan): run them now
        back = [x for x in back if x[6] is None or x[6](x[1])]
        if not back:
            return occs
        out, at = [], 0
        for pos, i, last, strip, k, places, _ in back:
            out += occs[at:pos]
            at = pos
            out.append(_occ(doc, i, last, strip, k, places, None))
        out += occs[at:]
        return out

    def _learn_forms(self, norms: Iterable[str]) -> dict[str, tuple[tuple[int, str], ...]]:
        """The heads cache, holding every form of ``norms`` (new forms are read once)."""
        cache = self._heads_cache
        new = set(norms).difference(cache)
        if len(cache) + len(new) > CACHE_FORMS:
            cache.clear()
            self._alone.clear()
            self._cont_only.clear()
            self._grows.clear()
            self._singles.clear()
            self._quiet.clear()
            new = set(norms)
        gaz, cues = self.gaz, self.cues
        prefixes, keys, continued, stop = gaz.prefixes, gaz.keys, gaz.continued, gaz.stopwords
        common = gaz.common
        for word in new:
            # most forms have no head (no reading is a prefix of a key): tell them with the few
            # probes clitic_options() can need, the word itself, then w[1:] or ا+w[1:] when it
            # starts with a clitic letter, w[2:] or ا+w[2:] when that is و/ف + ب/ل/ك (a superset
            # of the heads it gives); only a site word starts anything without a head
            if word not in prefixes and cues.get(word) != "site":
                c0 = word[:1]
                if not c0 or c0 not in _CLITICS:
                    cache[word] = ()
                    continue
                rest = word[1:]
                if rest not in prefixes and "\u0627" + rest not in prefixes \
                        and (c0 not in _PREFIXES or not rest or rest[0] not in _PREPS
                             or (rest[1:] not in prefixes and "\u0627" + rest[1:] not in prefixes)):
                    cache[word] = ()
                    continue
            # a word that is itself a cue, a stop word or a frequent word (بعيدة far, بالعكس)
            # is read whole: no clitic is stripped off it (بعيدة is no ب + عيدة)
            whole = word in cues or word in stop or word in common
            heads = tuple((strip, head) for strip, head in clitic_options(word)
                          if not (strip and whole) and head in prefixes)
            cache[word] = heads
            # a form starts something only when one of its heads is a name free lookup may take
            # (the test at n = 1 in _scan: "alone") or can grow into a longer one, or it is a
            # site word (also "alone": a site phrase needs no known name)
            if cues.get(word) == "site" or any(h in keys and len(h) >= 3 and h not in stop for _, h in heads):
                self._alone.add(word)
            elif any(h in continued for _, h in heads):
                self._cont_only.add(word)
            if any(h in continued for _, h in heads):
                self._grows.add(word)
        return cache

    def _site_phrase(self, doc: Doc, run: list[int], occs: list[Occ], i: int, opened=frozenset()) -> int:
        """``منطقة/حي/شارع/طريق/مرفأ/سد/جسر X`` with X unknown: a site placed at the document's
        nearest resolved place (kept only when one exists, see ``_rank``).  X must be inside a
        place the NER tagger found and the gazetteer does not know (``opened``): without it, X was
        mostly no name (منطقة اليورو، سد حاجته، طريق تفعيل، منطقة تخضع).  Returns next i."""
        toks = doc.tokens
        if self.cues.get(toks[i].norm) != "site" or len(run) < 2 or self._prev_word(doc, i) == "عن":
            return i + 1
        x = toks[run[1]]
        if not any(a <= x.start and x.end <= b for a, b in opened):
            return i + 1
        words = [j for j in run[1:3] if toks[j].norm not in self.gaz.stopwords
                 and self.cues.get(toks[j].norm) not in ("preposition", "person", "kin")]
        if not words or words[0] != run[1]:
            return i + 1
        if any(self.gaz.lookup_key(h) for _, h in clitic_options(toks[run[1]].norm)):
            return i + 1  # ميناء بيروت: the known name is found on its own
        last = words[1] if len(words) > 1 and words[1] == run[2] else words[0]
        if last == run[1] and described(toks[i].norm, toks[last].norm, self.cues, self.gaz.keys):
            return i + 1  # منطقة نائية، منطقة مجاورة: a description, no site name
        s, e = toks[i].start, toks[last].end
        occs.append(Occ(s, e, " ".join(toks[j].norm for j in range(i, last + 1) if toks[j].is_word), (),
                        sent=toks[i].sent, tok=i, cue="site-phrase"))
        return last + 1

    def cue_of(self, word: str | None) -> str | None:
        """Role of a context word (place_cues.tsv), also behind clitics (بالشيخ → الشيخ)."""
        if not word:
            return None
        if word in self._cue_cache:
            return self._cue_cache[word]
        res = None
        for _, head in clitic_options(word):
            role = self.cues.get(head)
            if role is not None:
                res = "person" if role == "kin" else role
                break
        if len(self._cue_cache) > CACHE_FORMS:
            self._cue_cache.clear()
        self._cue_cache[word] = res
        return res

    @staticmethod
    def _prev_word(doc: Doc, i: int) -> str | None:
        """Folded previous word token in the same sentence (None at the start)."""
        if i <= 0:
            return None
        p, t = doc.tokens[i - 1], doc.tokens[i]
        if p.sent != t.sent or not p.is_word:
            return None
        return p.norm


class _Pending:
    """The tests the scan leaves undone for a quiet token it sets aside (:meth:`FreeLookup._scan`),
    run by :meth:`FreeLookup.settle` for the few it may put back: ``pending(i)`` is True when token
    i is readable (``ok_tok``), does not follow a kin word and a word (أبو بكر) and is not inside a
    PERSON mention (``persons``; None when the document has none), i.e. when the scan reading every
    test in turn would have set it aside rather than skipped it."""

    __slots__ = ("_doc", "_ok", "_cues", "_persons")

    def __init__(self, doc: Doc, ok_tok: TokenFilter, cues: dict[str, str], persons: Spans | None) -> None:
        self._doc, self._ok, self._cues, self._persons = doc, ok_tok, cues, persons

    def __call__(self, i: int) -> bool:
        if not self._ok[i]:
            return False
        doc = self._doc
        toks = doc.tokens
        if _after_kin(doc, self._cues, i, FreeLookup._prev_word(doc, i)):
            return False
        t = toks[i]
        return self._persons is None or not self._persons.hits(t.start, t.end)


def _after_kin(doc: Doc, cues: dict[str, str], i: int, prev: str | None) -> bool:
    """Token i comes after a kin word (أبو, ابن) and a word, in its sentence (أبو بكر): ``prev``
    is ``FreeLookup._prev_word(doc, i)``.  The word before that is a kin word only when token
    i-2 is one, read in the same sentence as token i-1 (``_prev_word(doc, i - 1)``)."""
    return prev is not None and i > 1 and cues.get(doc.tokens[i - 2].norm) == "kin" \
        and FreeLookup._prev_word(doc, i - 1) is not None


def _gap(tok, at: int) -> int:
    """Distance from ``at`` to the nearest offset of the token: an occurrence starting in it
    (after clitics) is at least this far from ``at``."""
    return tok.start - at if at < tok.start else at - tok.end if at > tok.end else 0


def _occ(doc: Doc, i: int, last: int, strip: int, k: str, places: tuple[Place, ...], cue: str | None) -> Occ:
    """The occurrence of key ``k`` over tokens i..last (``strip`` clitic letters left out)."""
    toks = doc.tokens
    s, e = doc.orig_span(doc.clean_index(toks[i].start) + strip, doc.clean_index(toks[last].end))
    return Occ(s, e, k, places, sent=toks[i].sent, tok=i, cue=cue, strip=strip,
               like=strip > 0 and toks[i].norm[strip - 1:strip] == "ك")


def joined_by_and(doc: Doc, i: int) -> int | None:
    """Where token ``i - 1`` ends when token ``i`` is و + a word right after it, one space between
    (نابلس وطولكرم: a name listed after another); else None."""
    toks = doc.tokens
    if i < 1 or toks[i].norm[:1] != "\u0648":  # و
        return None
    end = toks[i - 1].end
    return end if toks[i].start == end + 1 and doc.text[end] == " " else None


def clitic_options(w: str) -> list[tuple[int, str]]:
    """(characters stripped, remaining head) for a folded token: none, و/ف, ب/ل/ك, both, لل→ال."""
    out = [(0, w)]
    i = 0
    if len(w) > 3 and w[0] in _PREFIXES:
        i = 1
        out.append((1, w[1:]))
    for j in {0, i}:
        if len(w) - j > 3 and w[j] in _PREPS:
            if w[j:j + 2] == "لل":
                out.append((j + 1, "ا" + w[j + 1:]))  # للموصل = ل + الموصل (the article's alef elided)
            else:
                out.append((j + 1, w[j + 1:]))
    return out
