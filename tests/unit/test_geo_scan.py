"""The geocode stage's free lookup (geocode_scan.py) finds what reading every token finds."""
from __future__ import annotations

from collections import defaultdict

import pytest

from marsad.doc import Doc, Entity, Mention
from marsad.resources.gazetteer import DEMONYM
from marsad.stages.geocode import Geocode, _trusted
from marsad.stages.geocode_index import Spans, TokenFilter, grow, scannable
from marsad.stages.geocode_scan import SCAN_BLOCKS, Occ, clitic_options
from marsad.stages.segment import Segment
from marsad.stages.structure import Structure

TEXTS = [
    "وصلت القوات إلى جرف الصخر في محافظة بابل، ثم انتقلت إلى #حفر_الباطن وبالموصل وللرمادي.",
    "قال مسؤول في وزارة الداخلية إن حي الشيخ مقصود في حلب شهد اشتباكات، وإن منطقة الزبداني هادئة.",
    "التقى الرئيس عبد الفتاح السيسي وفدا سعوديا في القاهرة، وزار أبو ظبي ثم عين العرب وعين الأسد.",
    "نزح مئات السكان من قرية كفر نبل إلى إدلب، وأفاد شهود في دير الزور وفي البوكمال بسماع انفجارات",
    "من في على إلى عن مع",
]


@pytest.fixture(scope="module")
def geo():
    return Geocode()


def _doc(text, entities=()):
    d = Segment()(Structure()(Doc(text, id="t")))
    for i, (etype, surface) in enumerate(entities, 1):
        s = text.index(surface)
        d.entities.append(Entity(id=f"e{i}", type=etype, name=surface, mentions=[Mention(s, s + len(surface), surface)]))
    return d


def _reference_scan(geo, doc):
    """Every token read in turn, every n-gram grown as long as it is a leading run of a name."""
    gaz, cues = geo.gaz, geo.cues
    toks = doc.tokens
    taken = Spans((m.start, m.end) for e in doc.entities for m in e.mentions)
    ok = [f and not taken.hits(t.start, t.end) for t, f in zip(toks, scannable(doc, blocks=SCAN_BLOCKS), strict=True)]
    person = Spans((m.start, m.end) for e in doc.entities if e.type == "PERSON" for m in e.mentions)
    nxt = [-2] * len(toks)
    found, demonyms, i = [], defaultdict(int), 0
    while i < len(toks):
        first = toks[i].norm
        heads = [(s, h) for s, h in clitic_options(first) if not (s and first in cues) and h in gaz.prefixes]
        if not ok[i] or (not heads and cues.get(first) != "site"):
            i += 1
            continue
        run, hits = [i], {}
        for strip, head in heads:
            k, n = head, 1
            while True:
                if k in gaz.keys and len(k.replace(" ", "")) >= 3 and k not in gaz.stopwords and gaz.lookup_key(k):
                    hits.setdefault(n, []).append((strip, k, gaz.lookup_key(k)))
                if n == len(run) and not grow(doc, run, ok, nxt, gaz.max_words):
                    break
                k = f"{k} {toks[run[n]].norm}"
                n += 1
                if k not in gaz.prefixes:
                    break
        if not hits:
            if cues.get(first) == "site":
                while grow(doc, run, ok, nxt, gaz.max_words):
                    pass
                sites = []
                i = geo._site_phrase(doc, run, sites, i)
                found += [(o.tok, o.key, o.strip, o.cue) for o in sites]
            else:
                i += 1
            continue
        n = max(hits)
        strip, k, cands = max(hits[n], key=lambda h: h[2][0].prior)
        last = run[n - 1]
        if all(c.how == DEMONYM for c in cands):
            for c in cands:
                demonyms[c.cc] += 1
        else:
            prev = geo._prev_word(doc, i)
            prev2 = geo._prev_word(doc, i - 1) if prev is not None else None
            if not (geo.cue_of(prev) == "person" or (cues.get(prev2 or "") == "kin" and n == 1)
                    or person.hits(toks[i].start, toks[last].end)):
                hashtag = "hashtag" if toks[i].start and doc.text[toks[i].start - 1] == "#" else None
                found.append((i, k, strip, geo.cue_of(prev) or hashtag))
        i = last + 1
    return found, dict(demonyms)


def test_scan_equals_reading_every_token(geo):
    for text in TEXTS:
        doc = _doc(text)
        occs, demonyms, later = geo._scan(doc)
        occs = geo.settle(doc, occs, later, keep_all=True)
        want, want_dem = _reference_scan(geo, doc)
        if text != TEXTS[-1]:  # the last text is only small words
            assert want, text
        assert [(o.tok, o.key, o.strip, o.cue) for o in occs] == want, text
        assert dict(demonyms) == want_dem, text


def test_continued_and_seconds_cover_every_multiword_key(geo):
    gaz = geo.gaz
    multi = [k for k in gaz.keys if " " in k][:5000]
    assert multi
    for k in multi:
        words = k.split(" ")
        assert words[1] in gaz.seconds
        for n in range(1, len(words)):
            assert " ".join(words[:n]) in gaz.continued
    assert "جرف" in gaz.continued and "الصخر" in gaz.seconds


def test_token_filter_equals_scannable_minus_taken():
    text = "قصفت الطائرات حي الشيخ مقصود في حلب، وقال محافظ البصرة إن الوضع هادئ."
    doc = _doc(text, [("PERSON", "محافظ البصرة")])
    taken = Spans((m.start, m.end) for e in doc.entities for m in e.mentions)
    flt = TokenFilter(doc, blocks=SCAN_BLOCKS, taken=taken)
    for k, (t, f) in enumerate(zip(doc.tokens, scannable(doc, blocks=SCAN_BLOCKS), strict=True)):
        assert flt[k] == (f and not taken.hits(t.start, t.end))
    assert not flt[[t.norm for t in doc.tokens].index("البصره")]


SET_ASIDE_TEXTS = [
    # المائة without a cue is a never-taken village name; after في it is kept: same key
    "ارتفعت الأسعار عشرين في المائة هذا العام، وقال التجار إن المائة ليست النهاية عبر الأسواق.",
    # a site phrase may be placed at any resolved name, taken or not
    "اندلع حريق في منطقة الورود الكبرى يوم الأحد تحت جسر قديم قرب الموصل، وقال احد السكان إن الدخان كثيف.",
    # a dateline marks the first name it overlaps
    "الرياض - قال مسؤول امام الصحفيين إن وفدا زار عدن يوم الاثنين تحت حراسة مشددة عبر البحر.",
    "سراقب - قال ناشطون إن قصفا استهدف البلدة أمس تحت غطاء جوي.",
]


class _KeepAll(Geocode):
    """The stage without setting anything aside (every occurrence ranked as before)."""

    def settle(self, doc, occs, later, *, keep_all=False):
        return super().settle(doc, occs, later, keep_all=True)


def test_setting_aside_never_taken_names_changes_nothing(geo):
    plain = _KeepAll(gazetteer=geo.gaz)
    set_aside = put_back = 0
    for text in SET_ASIDE_TEXTS:
        a, b = _doc(text), _doc(text)
        occs, _, later = geo._scan(a)
        set_aside += len(later)
        put_back += len(geo.settle(a, occs, later)) - len(occs)
        assert geo(a).to_json() == plain(b).to_json(), text
    assert set_aside > put_back > 0  # some dropped, some put back


def test_never_taken_follows_the_acceptance_rules(geo):
    gaz = geo.gaz
    for k in ("بغداد", "العراق", "الموصل", "تحت", "امام", "المايه"):
        places = tuple(c for c in gaz.lookup_key(k) if c.how != DEMONYM)
        assert places, k
        o = Occ(0, len(k), k, places)
        never = geo._never_taken(k, places)
        for c in places:  # no choice is accepted or trusted when the name is never taken
            o.choice = c
            if never:
                assert not geo._accept(o, {c.cc}) and not _trusted(o, c), (k, c)
    assert geo._never_taken("تحت", tuple(gaz.lookup_key("تحت")))
    assert not geo._never_taken("بغداد", tuple(gaz.lookup_key("بغداد")))
