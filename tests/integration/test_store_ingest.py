"""Store: ingest, idempotence, replacement, atomicity, search, filters, duplicates and clusters —
the same tests on SQLite and PostgreSQL."""
from __future__ import annotations

import copy

import pytest

from marsad.errors import MarsadError
from marsad.store import delete_article, ingest_record, open_store
from marsad.store import query as Q
from tests.integration import store_records as R
from tests.integration.store_fixtures import store_url  # noqa: F401


@pytest.fixture
def db(store_url):  # noqa: F811
    d = open_store(store_url)
    for r in R.all_records():
        ingest_record(d, r)
    yield d
    d.close()


def ids(items):
    return sorted(i["id"] if "id" in i else i["article"] for i in items)


def test_counts_and_schema(db, check_offsets):
    s = Q.stats(db)
    assert (s["articles"], s["events"], s["quotes"]) == (4, 4, 1)
    assert s["events_by_type"] == {"ASSAULT": 3, "PROTEST": 1}
    assert s["events_by_country"] == {"IQ": 3, "LY": 1}
    assert s["schema_version"] >= 1
    rec = Q.get_article(db, "mosul-a")
    check_offsets(rec)
    assert rec["events"][0]["type"] == "ASSAULT"
    assert rec["text"] == R.MOSUL_TEXT_A


def test_reingest_same_is_noop_and_changed_replaces(db):
    assert ingest_record(db, R.mosul_a()) == "unchanged"
    assert Q.stats(db)["events"] == 4
    changed = R.record("mosul-a", "الموصل - هدوء حذر يسود أحياء المدينة بعد أيام من المعارك.",
                       outlet="وكالة الرافدين", published="2017-03-09")
    assert ingest_record(db, changed) == "replaced"
    s = Q.stats(db)
    assert (s["articles"], s["events"], s["quotes"]) == (4, 3, 0)
    assert Q.get_article(db, "mosul-a")["text"].startswith("الموصل - هدوء")
    # the old text is no longer searchable, the new one is
    assert "mosul-a" not in ids(Q.search(db, "طائرات التحالف")[0])
    assert ids(Q.search(db, "هدوء حذر")[0]) == ["mosul-a"]


def test_failed_ingest_leaves_nothing_half_written(db):
    bad = R.mosul_a()
    bad["id"] = "broken-1"
    bad["events"][0]["type"] = None  # found invalid after the article row is written
    with pytest.raises(MarsadError):
        ingest_record(db, bad)
    assert Q.get_article(db, "broken-1") is None
    assert Q.stats(db)["articles"] == 4
    assert ids(Q.search(db, "طائرات")[0]) == ["mosul-a"]


def test_record_without_text_is_refused(db):
    rec = R.sirte()
    del rec["text"]
    with pytest.raises(MarsadError) as e:
        ingest_record(db, rec)
    assert e.value.code == "E210"
    assert ingest_record(db, {"id": "x", "error": {"code": "E101", "message": "empty"}}) == "error"


def test_arabic_search_folds_clitics_and_diacritics(db):
    # الموصل finds وبالموصل (mosul-b) and الْمَوْصِل (mosul-a, with diacritics)
    assert ids(Q.search(db, "الموصل")[0]) == ["mosul-a", "mosul-b"]
    assert ids(Q.search(db, "بالموصل")[0]) == ["mosul-a", "mosul-b"]
    assert ids(Q.search(db, "مَوْصِل")[0]) == ["mosul-a", "mosul-b"]
    assert ids(Q.search(db, "سرت")[0]) == ["sirte-1"]
    assert Q.search(db, "طوكيو")[1] == 0


def test_phrase_search(db):
    assert ids(Q.search(db, '"غارات جوية"')[0]) == ["mosul-a", "mosul-b"]
    # the same two words, not adjacent in that order, are not the phrase
    assert ids(Q.search(db, "جوية غارات")[0]) == ["mosul-a", "mosul-b"]
    assert Q.search(db, '"جوية غارات"')[1] == 0
    items, _ = Q.search(db, '"قوات البنيان المرصوص"')
    assert ids(items) == ["sirte-1"]
    snip = items[0]["snippet"]
    hl = [snip["text"][a:b] for a, b in snip["highlights"]]
    assert "قوات" in hl and "المرصوص" in hl


def test_hostile_query_text_does_not_break_search(db):
    for q in ['"', 'NEAR(', 'a AND OR', "*", "الموصل\" OR \"", "'; DROP TABLE articles; --"]:
        try:
            Q.search(db, q)
        except MarsadError as e:
            assert e.code == "E210"
    assert Q.stats(db)["articles"] == 4


def test_event_filters(db):
    def ev(**p):
        items = Q.list_events(db, Q.event_filters({k: str(v) for k, v in p.items()}), limit=50, offset=0)[0]
        return sorted(i["article"] for i in items)

    assert ev(type="PROTEST") == ["baghdad-1"]
    assert ev(type="assault", country="LY") == ["sirte-1"]
    assert ev(date_from="2017-01-01", date_to="2017-12-31") == ["mosul-a", "mosul-b"]
    assert ev(source="named") == ["mosul-a"]
    assert ev(source="anonymous") == ["mosul-b"]
    assert ev(source="unattributed") == ["baghdad-1", "sirte-1"]
    assert ev(actor="isis") == ["mosul-a", "mosul-b", "sirte-1"]
    assert ev(actor="البنيان") == ["sirte-1"]
    assert ev(place="الموصل") == ["mosul-a", "mosul-b"]
    assert ev(lat=36.34, lon=43.12, radius_km=10) == ["mosul-a", "mosul-b"]
    assert ev(lat=33.3, lon=44.4, radius_km=50) == ["baghdad-1"]
    assert ev(lat=33.3, lon=44.4, radius_km=500) == ["baghdad-1", "mosul-a", "mosul-b"]
    assert ev(mode="aerial") == ["mosul-a", "mosul-b"]
    assert ev(q="طلاب") == ["baghdad-1"]
    assert ev(article="sirte-1") == ["sirte-1"]
    assert ev(article="sirte-1", type="PROTEST") == []
    # pages follow the newest-first order and add up to the total
    f = Q.event_filters({})
    whole, total = Q.list_events(db, f, limit=50, offset=0)
    pages = [x for off in range(0, total, 3) for x in Q.list_events(db, f, limit=3, offset=off)[0]]
    assert [x["pk"] for x in pages] == [x["pk"] for x in whole] and total == len(whole) == 4
    assert [x["date"]["start"] for x in whole] == sorted((x["date"]["start"] for x in whole), reverse=True)


def test_version_1_database_is_upgraded(store_url):  # noqa: F811
    from marsad.store import schema
    from marsad.store.db import DB

    d = DB(store_url, migrate=False)
    with d.write():
        d.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
        for stmt in schema.statements(1, d.kind):
            d.execute(stmt)
        d.execute("INSERT INTO meta (name, value) VALUES ('schema_version', '1')")
    d.close()
    d = open_store(store_url)
    try:
        assert d.schema_version() == schema.VERSION >= 2
        for r in R.all_records():
            ingest_record(d, r)
        assert len(Q.list_events(d, Q.event_filters({"q": "الموصل"}), limit=10, offset=0)[0]) == 2
    finally:
        d.close()


@pytest.mark.parametrize("params, name", [
    ({"type": "BOMBING"}, "type"), ({"date_from": "2017-13-01"}, "date_from"), ({"country": "Iraq"}, "country"),
    ({"lat": "36", "lon": "43"}, "radius_km"), ({"lat": "95", "lon": "0", "radius_km": "1"}, "lat"),
    ({"source": "secret"}, "source"), ({"date_from": "2018-01-01", "date_to": "2017-01-01"}, "date_from"),
])
def test_bad_filters_name_the_parameter(params, name):
    with pytest.raises(MarsadError) as e:
        Q.event_filters(params)
    assert e.value.code == "E210" and f"{name}:" in str(e.value)


def test_event_cluster_lists_every_report(db):
    items, total = Q.clusters(db, {}, limit=10, offset=0)
    assert total == 1
    c = items[0]
    assert c["type"] == "ASSAULT" and c["n_reports"] == 2
    assert sorted(r["article"] for r in c["reports"]) == ["mosul-a", "mosul-b"]
    assert c["independent_outlets"] == 2 and c["any_named_source"] is True
    by_article = {r["article"]: r for r in c["reports"]}
    assert by_article["mosul-a"]["speaker"] == "يحيى رسول"
    assert by_article["mosul-b"]["anonymous"] is True and by_article["mosul-b"]["speaker"] is None
    # the Sirte battle and the Baghdad protest stay alone
    single = Q.clusters(db, {"min_reports": "1"}, limit=10, offset=0)[1]
    assert single == 3


def test_clusters_need_compatible_place_date_and_actors(store_url):  # noqa: F811
    db = open_store(store_url)
    ingest_record(db, R.mosul_a())
    far = R.mosul_b()
    far["id"] = "far"
    far["entities"][0]["place"] = dict(R.BAGHDAD)  # 350 km away
    ingest_record(db, far)
    late = R.mosul_b()
    late["id"] = "late"
    late["events"][0]["date"] = {"start": "2017-04-20", "end": "2017-04-20", "text": None}
    ingest_record(db, late)
    other_actor = R.mosul_b()
    other_actor["id"] = "other-actor"
    other_actor["entities"][1].update(kb="pmf", name="الحشد الشعبي")
    ingest_record(db, other_actor)
    assert Q.clusters(db, {}, limit=10, offset=0)[1] == 0
    ingest_record(db, R.mosul_b())
    assert Q.clusters(db, {}, limit=10, offset=0)[1] == 1
    db.close()


def test_near_duplicate_articles_are_grouped(store_url):  # noqa: F811
    db = open_store(store_url)
    base = R.sirte()
    copy1 = copy.deepcopy(base)
    copy1["id"], copy1["meta"]["outlet"] = "sirte-copy", "موقع آخر"
    copy1["text"] = "نقلا عن وكالة الأنباء: " + base["text"] + " (انتهى)"
    for e in copy1["entities"]:
        for m in e["mentions"]:
            m["start"] += 23
            m["end"] += 23
    copy1["events"] = []
    ingest_record(db, base)
    ingest_record(db, copy1)
    ingest_record(db, R.baghdad())
    groups, total = Q.duplicates(db, limit=10, offset=0)
    assert total == 1
    assert sorted(a["id"] for a in groups[0]["articles"]) == ["sirte-1", "sirte-copy"]
    assert Q.get_article(db, "sirte-copy")["store"]["duplicates"] == ["sirte-1"]
    # deleting the first copy keeps the rest of the group consistent
    assert delete_article(db, "sirte-1")
    assert Q.duplicates(db, limit=10, offset=0)[1] == 0
    assert Q.get_article(db, "sirte-copy")["store"]["duplicate_group"] is not None
    db.close()


def test_independent_outlets_count_wire_copies_once(store_url):  # noqa: F811
    db = open_store(store_url)
    a = R.mosul_a()
    wire = copy.deepcopy(a)
    wire["id"], wire["meta"]["outlet"] = "mosul-a-wire", "صحيفة ثالثة"
    ingest_record(db, a)
    ingest_record(db, wire)
    c = Q.clusters(db, {}, limit=10, offset=0)[0][0]
    assert c["n_reports"] == 2 and c["independent_outlets"] == 1
    ingest_record(db, R.mosul_b())
    c = Q.clusters(db, {}, limit=10, offset=0)[0][0]
    assert c["n_reports"] == 3 and c["independent_outlets"] == 2
    db.close()


def test_delete_removes_everything(db):
    assert delete_article(db, "sirte-1")
    assert not delete_article(db, "sirte-1")
    s = Q.stats(db)
    assert (s["articles"], s["events"]) == (3, 3)
    assert Q.search(db, "سرت")[1] == 0


def test_actors_places_pagination(db):
    acts, total = Q.actors(db, {}, limit=2, offset=0)
    assert total == 5 and len(acts) == 2
    assert acts[0]["key"] == "kb:isis" and acts[0]["articles"] == 3
    rest, _ = Q.actors(db, {}, limit=50, offset=2)
    assert len(rest) == 3 and not {a["key"] for a in rest} & {a["key"] for a in acts}
    places, n = Q.places(db, {"country": "IQ"}, limit=10, offset=0)
    assert n == 2 and places[0]["name"] == "الموصل" and places[0]["articles"] == 2
