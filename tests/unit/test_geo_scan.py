"""The geocode stage's free lookup (geocode_scan.py) finds what reading every token finds."""
from __future__ import annotations

from collections import defaultdict

import pytest

from marsad.doc import Doc, Entity, Mention
from marsad.resources.gazetteer import DEMONYM
from marsad.stages.geocode import Geocode
from marsad.stages.geocode_index import Spans, TokenFilter, grow, scannable
from marsad.stages.geocode_scan import SCAN_BLOCKS, clitic_options
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
        occs, demonyms = geo._scan(doc)
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
