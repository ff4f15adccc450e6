"""The compiled gazetteer: coverage of names, variants, demonyms, and the places search command."""
from __future__ import annotations

import json

import pytest

from marsad.cli.main import main
from marsad.cli.places import search
from marsad.resources.gazetteer import DEMONYM, Gazetteer


@pytest.fixture(scope="module")
def gaz():
    g = Gazetteer()
    yield g
    g.close()


def _top(gaz, name):
    res = gaz.lookup(name)
    assert res, f"no candidate for {name}"
    return res[0]


@pytest.mark.parametrize("name,cc,kind", [
    ("العراق", "IQ", "country"), ("ليبيا", "LY", "country"), ("إيطاليا", "IT", "country"),
    ("الأنبار", "IQ", "admin1"), ("ديالى", "IQ", "admin1"), ("إدلب", "SY", "city"),
    ("الموصل", "IQ", "city"), ("سرت", "LY", "city"), ("كوباني", "SY", "city"),
    ("إقليم كردستان", "IQ", "region"), ("مخيم الهول", "SY", "site"),
])
def test_known_places(gaz, name, cc, kind):
    p = _top(gaz, name)
    assert (p.cc, p.kind) == (cc, kind)


@pytest.mark.parametrize("name,gn", [
    # transliteration variants of Afghan, Pakistani, Sahel and Somali places (place_aliases.tsv)
    ("ننغرهار", 1132366), ("ننجرهار", 1132366), ("ننكرهار", 1132366), ("باكتيا", 1131257),
    ("كونار", 1135702), ("أروزغان", 1131461), ("كويتا", 1167528), ("تومبوكتو", 2449067),
    ("أغاديز", 2448085), ("مركا", 54225),
])
def test_transliteration_variants_reach_the_geonames_place(gaz, name, gn):
    assert _top(gaz, name).gn == gn


@pytest.mark.parametrize("name,cc,kind", [
    # places the source gazetteers lack (places_curated.tsv)
    ("لوغار", "AF", "admin1"), ("هيرات", "AF", "city"), ("وزيرستان", "PK", "region"),
    ("شمال وزيرستان", "PK", "region"), ("وادي سوات", "PK", "region"), ("بورنو", "NG", "admin1"),
    ("مطار الملك خالد الدولي", "SA", "site"), ("مطار الملك عبدالعزيز", "SA", "site"),
    # US states (the WOF extract has admin1 only for the conflict region): فلوريدا is no Uruguayan town
    ("فلوريدا", "US", "admin1"), ("كارولينا الجنوبية", "US", "admin1"), ("تكساس", "US", "admin1"),
    # ... but واشنطن stays the capital, نيويورك the city, جورجيا the country
    ("واشنطن", "US", "city"), ("نيويورك", "US", "city"), ("جورجيا", "GE", "country"),
])
def test_curated_conflict_places(gaz, name, cc, kind):
    p = _top(gaz, name)
    assert (p.cc, p.kind) == (cc, kind)


def test_display_names_carry_no_bidi_controls(gaz):
    """Some source names end with U+200E (حيران): the build drops such controls from display names."""
    controls = set("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    rows = [n for (n,) in gaz.db.execute("SELECT name FROM places") if controls.intersection(n)]
    assert rows == [], rows[:5]


def test_display_names_are_written_in_arabic_letters(gaz):
    """A display name is one of the place's names written in Arabic letters when it has one
    (WOF lists العمارة with a Kurdish ە first; GeoNames gives Dortmund an Urdu spelling too), and a
    place known only by Persian, Urdu or Kurdish spellings is kept only in the countries where Arabic
    news writes their names that way."""
    from marsad.build.gazetteer import _PERSIAN_SCRIPT_CC, is_arabic

    for name, cc in (("العمارة", "IQ"), ("السماوة", "IQ"), ("دورتموند", "DE"), ("شانغهاي", "CN")):
        top = _top(gaz, name)
        assert top.cc == cc and is_arabic(top.name), (name, top.name)
    rows = [(n, cc) for n, cc, src in gaz.db.execute("SELECT name, cc, src FROM places")
            if src.startswith("gn:") and not is_arabic(n) and cc not in _PERSIAN_SCRIPT_CC]
    assert rows == [], rows[:5]


def test_arabic_letter_test_of_the_build():
    from marsad.build.gazetteer import _best_arabic, is_arabic

    assert is_arabic("العمارة") and is_arabic("ٱلْمَدَام") and is_arabic("ڤيينا")
    assert not is_arabic("العمارە") and not is_arabic("سکر") and not is_arabic("ڈارٹمنڈ") and not is_arabic("Basra")
    assert _best_arabic(["ڈارٹمنڈ", "دورتموند", "ڈارٹمنڈ"]) == "دورتموند"
    assert _best_arabic(["سکر"]) == "سکر"
    # spellings listed once each: the one written most often (the build passes wordfreq), not the
    # shorter one; a listed stop word only when there is nothing else
    freq = {"روما": 4.6, "روم": 3.6, "رم": 3.2, "الرباط": 4.2, "ربات": 3.4, "سلطات": 4.4, "سطات": 3.0}.get
    assert _best_arabic(["رم", "روم", "روما", "رىم"]) == "رم"  # (no frequencies: the shorter)
    assert _best_arabic(["رم", "روم", "روما", "رىم"], freq=lambda n: freq(n, 0.0)) == "روما"
    assert _best_arabic(["ربات", "الرباط", "رابات"], freq=lambda n: freq(n, 0.0)) == "الرباط"
    assert _best_arabic(["سلطات", "سطات"], frozenset({"سلطات"}), lambda n: freq(n, 0.0)) == "سطات"
    assert _best_arabic(["سلطات"], frozenset({"سلطات"}), lambda n: freq(n, 0.0)) == "سلطات"
    # the same key: the spelling written most often (القاهرة, not القاهره)
    assert _best_arabic(["القاهره", "القاهرة"], freq=lambda n: {"القاهرة": 5.2}.get(n, 0.0)) == "القاهرة"


@pytest.mark.parametrize("src,shown", [
    ("wof:890455641", "صور"),      # Tyre: WOF lists الإطار ("the tyre") first
    ("wof:421168681", "القدس"),    # Jerusalem: WOF lists إيلياء first
    ("wof:1125980167", "الميادين"),  # kept: ميادين is more frequent only as "squares"
])
def test_display_names_of_wof_places(gaz, src, shown):
    """WOF's first Arabic name is shown unless Arabic text uses another of its names far more;
    a name with or without the article (الميادين / ميادين) keeps WOF's choice."""
    assert gaz.db.execute("SELECT name FROM places WHERE src = ?", (src,)).fetchone() == (shown,)


@pytest.mark.parametrize("name_en,cc,shown", [
    ("Rome", "IT", "روما"), ("Rabat", "MA", "الرباط"), ("Algiers", "DZ", "الجزائر"),
    ("Munich", "DE", "ميونخ"), ("Tangier", "MA", "طنجة"), ("Sharjah", "AE", "الشارقة"),
    ("Settat", "MA", "سطات"),
])
def test_display_names_of_geonames_cities(gaz, name_en, cc, shown):
    """GeoNames lists a city's Arabic names in no order: the display is the usual spelling (it
    was رم for Rome, ربات for Rabat, ئالجىر for Algiers), never a place stop word (سلطات)."""
    rows = gaz.db.execute("SELECT name FROM places WHERE name_en = ? AND cc = ? AND kind = 'city' "
                          "ORDER BY pop DESC LIMIT 1", (name_en, cc)).fetchall()
    assert rows and rows[0][0] == shown, rows


def test_hamza_and_teh_marbuta_variants_share_a_key(gaz):
    a, b, c = gaz.lookup("أربيل"), gaz.lookup("اربيل"), gaz.lookup("إربيل")
    assert a[0].pid == b[0].pid == c[0].pid
    assert gaz.lookup("الرقة")[0].pid == gaz.lookup("الرقه")[0].pid


def test_admin_prefix_and_spaceless_forms(gaz):
    # WOF writes "ناحية جرف الصخر": the bare name is indexed too
    p = _top(gaz, "جرف الصخر")
    assert p.cc == "IQ" and abs(p.lat - 32.87) < 0.3
    # hashtags glue words together
    assert _top(gaz, "حفرالباطن").pid == _top(gaz, "حفر الباطن").pid


def test_wof_region_alias_quirk_is_dropped(gaz):
    # WOF lists الموصل as an alias of Ninawa region: the bare name must not name the region
    assert all(p.kind != "admin1" for p in gaz.lookup("الموصل"))
    assert _top(gaz, "محافظة نينوى").kind == "admin1"


def test_demonyms_point_at_their_country(gaz):
    for w in ("العراقي", "العراقيين", "عراقية"):
        p = _top(gaz, w)
        assert p.cc == "IQ" and p.how == DEMONYM


@pytest.mark.parametrize("cc, gn", [("IQ", 98182), ("YE", 71137), ("SY", 170654), ("IN", 1261481),
                                    ("TG", 2365267), ("SA", 108410)])
def test_capitals_are_geonames_places(gaz, cc, gn):
    # the build's capitals table: GeoNames' capital of each country, matched by id or by English
    # name without accents (Lomé / "Lome")
    assert gaz.capital(cc).gn == gn


def test_no_capital_for_an_unknown_country(gaz):
    assert gaz.capital("XX") is None


def test_places_search_ranks_syria_first_for_raqqa():
    key, rows = search("الرقة")
    assert key == "الرقه"
    assert rows[0]["country"] == "SY"
    assert rows == sorted(rows, key=lambda r: -r["score"])


def test_places_search_command(capsys):
    assert main(["places", "search", "وبالموصل", "--json", "--limit", "3"]) == 0
    rows = [json.loads(ln) for ln in capsys.readouterr().out.splitlines()]
    assert rows[0]["name_en"] == "Mosul" and rows[0]["country"] == "IQ"
    assert main(["places", "search", "طرابلس"]) == 0
    out = capsys.readouterr().out
    assert "LY" in out and "LB" in out
    assert main(["places", "search", "كلمةليستمكانا"]) == 1


def test_display_spelling_of_the_build():
    """A display name in a source's Egyptian or Persian-style spelling is shown in the standard
    one when the place has it and Arabic text uses it more; only towards the standard letter
    (final ة, final ي, a hamza), with or without the article."""
    from marsad.build.gazetteer import _display, _respelled, _standard_of

    assert _standard_of("اسكندريه", "إسكندرية") and _standard_of("بنغازى", "بنغازي")
    assert _standard_of("ذى قار", "ذي قار")  # the end of any word
    assert not _standard_of("مأدبا", "مادبا") and not _standard_of("زوارة", "زواره")  # away from it
    assert not _standard_of("سيدى", "سيدي سالم") and not _standard_of("الكوت", "الكوت")
    assert not _standard_of("رمادى", "رماذي")  # another letter changed too
    freq = {"الإسكندرية": 4.1, "الاسكندرية": 3.6, "اسكندريه": 1.2, "مادبا": 2.5, "مأدبا": 2.0}.get
    names = ["اسكندريه", "الإسكندرية", "الاسكندرية", "Alexandria"]
    assert _respelled("اسكندريه", names, lambda n: freq(n, 0.0)) == "الإسكندرية"
    assert _respelled("مأدبا", ["مأدبا", "مادبا"], lambda n: freq(n, 0.0)) == "مأدبا"
    assert _respelled("مصطفى", ["مصطفى", "مصطفي"], lambda n: freq(n, 0.0)) == "مصطفى"  # not more frequent
    # presentation forms (contextual shapes) become the letters they stand for
    assert _display("عبد \ufdf2 \ufe8d\ufee0\ufea0\ufe92\ufede") == "عبد الله الجبل"


@pytest.mark.parametrize("name_en,cc,shown", [
    ("Alexandria", "EG", "الاسكندرية"), ("Ismailia", "EG", "الإسماعيلية"), ("Ramadie", "IQ", "الرمادي"),
    ("Niamey", "NE", "نيامي"), ("Wadi Halfa", "SD", "وادي حلفا"),
])
def test_display_names_in_standard_spelling(gaz, name_en, cc, shown):
    # (WOF lists اسكندريه، اسماعيليه، الرمادى، نيامى، وادى حلفا first)
    rows = gaz.db.execute("SELECT name FROM places WHERE name_en = ? AND cc = ? AND kind = 'city' "
                          "ORDER BY pop DESC LIMIT 1", (name_en, cc)).fetchall()
    assert rows and rows[0][0] == shown, rows


def test_every_state_has_its_capital(gaz):
    """GeoNames gives some capitals no Arabic name (Washington, Bangui, Conakry …): the curated file
    holds them, and the capitals table points at them, never at a smaller namesake (Washington,
    Utah had been the US capital)."""
    for cc, lat, lon in (("US", 38.9, -77.04), ("CF", 4.36, 18.56), ("GN", 9.54, -13.68), ("DO", 18.49, -69.93),
                         ("JM", 18.0, -76.79), ("MM", 19.75, 96.13), ("PA", 8.99, -79.52)):
        c = gaz.capital(cc)
        assert c is not None and c.cc == cc and abs(c.lat - lat) < 0.5 and abs(c.lon - lon) < 0.5, (cc, c)
    assert _top(gaz, "كينغستون").cc == "JM" and _top(gaz, "حيدر آباد").cc == "IN"
    for name, cc in (("الفاتيكان", "VA"), ("موناكو", "MC")):
        assert _top(gaz, name).cc == cc and _top(gaz, name).kind == "country"


def test_country_names_are_shown_without_a_gloss(gaz):
    # CLDR writes ميانمار (بورما): the gloss is a name too, not part of the display
    rows = [n for (n,) in gaz.db.execute("SELECT name FROM places WHERE kind = 'country' AND name LIKE '%(%'")]
    assert rows == []
    assert _top(gaz, "ميانمار").name == "ميانمار" and _top(gaz, "بورما").cc == "MM"


def test_english_names_are_english(gaz):
    """WOF gives some places their Arabic name as the English one: GeoNames' name is taken where
    the place's GeoNames id is known, else none; the exports' English columns read it."""
    import re

    rows = [(n, en) for n, en in gaz.db.execute("SELECT name, name_en FROM places WHERE name_en IS NOT NULL")
            if re.search("[\u0600-\u06ff]", en)]
    assert rows == [], rows[:5]
    for name, en in (("القاهرة", "Cairo"), ("حلب", "Aleppo"), ("الرقة", "Ar Raqqah")):
        assert _top(gaz, name).name_en == en


def test_candidates_are_ranked_as_sqls_order_by_would(gaz):
    """lookup_key sorts a key's rows in Python (prior less the variant/demonym penalty, best
    first, ties in pid order, at most MAX_PLACES): for every key of the built gazetteer with
    more than one place, the same rows in the same order as SQLite's ORDER BY ... DESC LIMIT."""
    from marsad.resources.gazetteer import MAX_PLACES
    db = gaz.db
    keys = [k for (k,) in db.execute("SELECT key FROM names GROUP BY key HAVING count(*) > 1")]
    assert len(keys) > 10_000
    want_sql = ("SELECT p.pid, n.how FROM names n JOIN places p ON p.pid = n.pid WHERE n.key = ? "
                "ORDER BY prior - (CASE n.how WHEN 0 THEN 0 WHEN 1 THEN 0.3 ELSE 1.5 END) DESC "
                f"LIMIT {MAX_PLACES}")
    fresh = Gazetteer()  # an empty cache: every key read from the file
    try:
        longest = 0
        for k in keys:
            got = [(p.pid, p.how) for p in fresh.lookup_key(k)]
            assert got == db.execute(want_sql, (k,)).fetchall(), k
            longest = max(longest, len(got))
        assert longest == MAX_PLACES  # some key has more places than are kept
    finally:
        fresh.close()


def test_wordlike_keys_are_stopwords_without_features_and_homonyms(gaz):
    """The keys a tagger's PLACE span is dropped on, made once: a common word (a month, سيول)
    is in, a named feature with no point of its own (النيل) is not."""
    from marsad.arabic.normalise import key

    assert gaz.wordlike == (gaz.stopwords - gaz.features) | gaz.homonyms
    assert gaz.wordlike is gaz.wordlike
    assert key("سيول") in gaz.wordlike and key("النيل") not in gaz.wordlike
