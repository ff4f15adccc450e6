"""The geocode stage's per-document indexes give exactly what the plain scans they replace gave."""
from __future__ import annotations

import random

import pytest

from marsad.doc import Doc
from marsad.resources.gazetteer import Gazetteer, Place, haversine_km
from marsad.stages.geocode import WEIGHTS
from marsad.stages.geocode_index import Points, Spans, grow, index_of, nearness, scannable
from marsad.stages.segment import Segment
from marsad.stages.structure import Structure

TEXT = ("سقطت قذائف على حي الشيخ مقصود في حلب، وقال شهود إن #حفر_الباطن شهدت أمطاراً غزيرة.\n"
        "وفي بغداد اجتمع المحافظ مع وفد من البصرة والنجف لبحث الأوضاع.")


@pytest.fixture(scope="module")
def doc():
    return Segment()(Structure()(Doc(TEXT, id="t")))


@pytest.fixture(scope="module")
def gaz():
    g = Gazetteer()
    yield g
    g.close()


def test_spans_hits_equals_pairwise_overlap():
    rng = random.Random(7)
    for _ in range(200):
        spans = [(a, a + rng.randint(0, 6)) for a in (rng.randint(0, 60) for _ in range(rng.randint(0, 8)))]
        idx = Spans(spans)
        for _ in range(30):
            s = rng.randint(0, 70)
            e = s + rng.randint(1, 8)
            assert idx.hits(s, e) == any(a < e and s < b for a, b in spans), (spans, s, e)


def test_index_of_equals_first_holding_span(doc):
    for layer in (doc.tokens, doc.sentences):
        assert layer
        for pos in range(-1, len(doc.text) + 2):
            want = next((i for i, t in enumerate(layer) if t.start <= pos < t.end), -1)
            assert index_of(layer, pos) == want


def test_scannable_marks_arabic_words(doc):
    flags = scannable(doc, blocks=frozenset({"title", "body"}))
    assert len(flags) == len(doc.tokens)
    for t, ok in zip(doc.tokens, flags, strict=True):
        b = doc.block_of(t.start)
        arabic = t.is_word and bool(t.norm) and "\u0621" <= t.norm[0] <= "\u064a"
        assert ok == (arabic and (b is None or b.kind in {"title", "body"}))


def test_grow_follows_joinable_tokens(doc):
    toks = doc.tokens
    ok = [t.is_word for t in toks]
    nxt = [-2] * len(toks)
    i = next(k for k, t in enumerate(toks) if t.norm == "حفر")
    run = [i]
    while grow(doc, run, ok, nxt, 3):
        pass
    assert [toks[j].norm for j in run][:2] == ["حفر", "الباطن"]  # joined across the underscore
    j = next(k for k, t in enumerate(toks) if t.norm == "حلب")
    run = [j]
    assert not grow(doc, run, ok, nxt, 6)  # the comma ends the name
    assert run == [j] and nxt[j] == -1
    run = [i]
    assert not grow(doc, run, ok, nxt, 1)  # a run already at its length limit


def test_points_any_within_equals_full_scan(gaz):
    cities = gaz.db.execute("SELECT lat, lon FROM places WHERE kind = 'city' AND pop >= 1000000").fetchall()
    pts = Points(cities)
    rng = random.Random(3)
    probes = [(la + rng.uniform(-0.6, 0.6), lo + rng.uniform(-0.6, 0.6)) for la, lo in rng.sample(cities, 60)]
    probes += [(rng.uniform(-60, 60), rng.uniform(-180, 180)) for _ in range(60)]
    # near the longitude cut-off (~0.74 degrees for 40 km) and across the date line
    probes += [(la + rng.uniform(-0.5, 0.5), lo + rng.uniform(-1.5, 1.5)) for la, lo in rng.sample(cities, 200)]
    probes += [(rng.uniform(-60, 60), rng.choice((-1, 1)) * rng.uniform(179, 180)) for _ in range(20)]
    pts_dl = Points([(10.0, 179.9), (10.0, -179.9)])
    assert pts_dl.any_within(10.0, -179.95, 40) and pts_dl.any_within(10.2, 179.7, 40)
    for km in (40, 25, 80):
        seen = set()
        for lat, lon in probes:
            want = any(abs(lat - la) < 0.5 and haversine_km(lat, lon, la, lo) < km for la, lo in cities)
            assert pts.any_within(lat, lon, km) == want
            seen.add(want)
        assert seen == {True, False}


def test_nearness_equals_all_pairs(gaz):
    import math

    cands = [p for name in ("الموصل", "أربيل", "حلب", "بغداد", "البصرة", "طرابلس") for p in gaz.lookup(name)]
    anchors = [(f"k{i}", p.lat, p.lon, math.radians(p.lat)) for i, p in enumerate(cands[::3])]
    w = WEIGHTS
    for c in cands:
        for key in ("k0", "other"):
            want = 0.0
            for k, la, lo, _ in anchors:
                if k == key:
                    continue
                d = haversine_km(c.lat, c.lon, la, lo)
                want = max(want, w["near_50"] if d < 50 else w["near_200"] if d < 200
                           else w["near_500"] if d < 500 else 0.0)
            assert nearness(c, key, anchors, w) == want
    assert isinstance(cands[0], Place)


def test_key_set_and_prefixes(gaz):
    keys, pre = gaz.keys, gaz.prefixes
    assert "الموصل" in keys and keys <= pre
    multi = [k for k in ("جرف الصخر", "حفر الباطن", "اقليم كردستان") if k in keys]
    assert multi
    for k in multi:
        assert k.split(" ")[0] in pre
    assert gaz.lookup_key("كلمةليستاسمامكان") == ()
