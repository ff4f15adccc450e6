"""The geocode stage's fast paths give what the plain computations give."""
from __future__ import annotations

import pytest

from marsad.stages.geocode import Geocode
from marsad.stages.geocode_index import index_of
from marsad.stages.geocode_scan import clitic_options
from tests.unit.test_geo_scan import _doc, _reference_scan

# forms whose reading can begin a longer name (حلب, دير, عين, الموصل) before their second word,
# before another word, before _ and # and at the very end; clitics in front of them
GROW_TEXTS = [
    "وصل الوفد إلى دير الزور ثم إلى دير قديم قرب حلب الشهباء وبعدها إلى حلب",
    "قال السكان إن #دير_الزور هادئة، وإن وبالموصل والموصل القديمة أسواقا، وزاروا عين العرب وعين الماء",
    "فللموصل تاريخ طويل، ولحلب أسواق، وكدير الزور مدن كثيرة على النهر في الموصل",
]


@pytest.fixture(scope="module")
def geo():
    return Geocode()


def test_scan_with_growing_forms_equals_reading_every_token(geo):
    for text in GROW_TEXTS:
        doc = _doc(text)
        occs, demonyms, later = geo._scan(doc)
        occs = geo.settle(doc, occs, later, keep_all=True)
        want, want_dem = _reference_scan(geo, doc)
        assert want, text
        assert [(o.tok, o.key, o.strip, o.cue) for o in occs] == want, text
        assert dict(demonyms) == want_dem, text
    assert {"دير", "حلب", "الموصل"} <= geo._grows  # the growing forms were met


def test_forms_without_heads_are_told_apart_exactly(geo):
    words = ["وبالموصل", "فللرمادي", "للموصل", "بحلب", "كالموصل", "والطاولة", "فكتب", "لل", "و", "ب",
             "وللا", "سيارة", "الموصل", "منطقة", "ومنطقة", "بالقلم", "فبلغ", "ككرة", "دير", "ودير"]
    fresh = Geocode(gazetteer=geo.gaz)
    cache = fresh._learn_forms(words)
    gaz, cues = fresh.gaz, fresh.cues
    for w in words:
        heads = tuple((s, h) for s, h in clitic_options(w) if not (s and w in cues) and h in gaz.prefixes)
        assert cache[w] == heads, w
    assert cache["وبالموصل"] and cache["للموصل"] and not cache["سيارة"]
    sites = [w for w, role in cues.items() if role == "site"]
    assert sites
    fresh._learn_forms(sites)
    assert all(w in fresh._alone for w in sites)  # a site word starts a phrase without a head


def test_lookup_surface_is_remembered_with_the_same_answer(geo):
    fresh = Geocode(gazetteer=geo.gaz)
    for s in ("بغداد", "بالموصل", "محافظة نينوى", "الكويت #فيروس", "كلمة لا تعرف", "دير الزور"):
        first = fresh.lookup_surface(s)
        assert first == fresh._lookup_surface(s)
        assert fresh.lookup_surface(s) is first
    assert fresh.lookup_surface("بغداد")[1]


def test_index_of_equals_a_linear_search():
    doc = _doc(GROW_TEXTS[1])
    for spans in (doc.tokens, doc.sentences):
        for pos in range(-1, len(doc.text) + 2):
            want = next((i for i, s in enumerate(spans) if s.start <= pos < s.end), -1)
            assert index_of(spans, pos) == want, pos


# الجدار and المطر name small villages free lookup never takes without a cue: with no cue before
# them they are set aside before the readable-token, kin-word and person tests (run by settle())
QUIET_TEXTS = [
    ("وقف الجنود قرب الجدار ثم تحت المطر، وفي الجدار ثقب صغير، وقال ابو محمد الجدار عال والمطر غزير", ()),
    ("كتب #الجدار على اللوحة. المطر هطل قرب الجدار، وحدثنا سالم الجدار عن المطر", (("PERSON", "سالم الجدار"),)),
    ("سمى الناس معركة الجدار باسمها، والمطر لم يتوقف", (("EVENT", "معركة الجدار"),)),
]


def test_quiet_forms_equal_reading_every_token(geo):
    fresh = Geocode(gazetteer=geo.gaz)
    for rnd in range(2):  # the first round learns the quiet forms, the second takes the quiet path
        for text, ents in QUIET_TEXTS:
            doc = _doc(text, ents)
            occs, demonyms, later = fresh._scan(doc)
            if rnd:
                assert any(x[6] is not None for x in later), text
            occs = fresh.settle(doc, occs, later, keep_all=True)
            want, want_dem = _reference_scan(fresh, doc)
            assert [(o.tok, o.key, o.strip, o.cue) for o in occs] == want, text
            assert dict(demonyms) == want_dem, text
    assert {"الجدار", "المطر"} <= fresh._quiet
    for text, ents in QUIET_TEXTS:  # and the stage's output is the same as without the quiet path
        a, b = _doc(text, ents), _doc(text, ents)
        plain = Geocode(gazetteer=geo.gaz)
        assert fresh(a).to_json() == plain(b).to_json(), text
