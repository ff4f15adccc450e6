"""`marsad ingest` (pre-analysed records and the real pipeline) and `marsad export` in every format."""
from __future__ import annotations

import csv
import io
import json

from marsad.cli.main import main
from marsad.export import ACLED_COLUMNS
from marsad.store import open_store
from marsad.store import query as Q
from tests.integration import store_records as R
from tests.integration.store_fixtures import store_url  # noqa: F401


def test_ingest_and_export(store_url, tmp_path, capsys, check_offsets):  # noqa: F811
    analysed = tmp_path / "coded.jsonl"
    analysed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in R.all_records()), encoding="utf-8")
    raw = tmp_path / "raw.jsonl"
    raw.write_text(json.dumps({"id": "raw-1", "published": "2016-05-02", "outlet": "موقع تجريبي",
                               "text": "أربيل - قالت مصادر محلية إن الأهالي في الموصل يعانون نقصا في الوقود."},
                              ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["ingest", str(analysed), str(raw), "--db", store_url, "-j", "1", "-q"]) == 0
    db = open_store(store_url)
    try:
        assert Q.stats(db)["articles"] == 5
        rec = Q.get_article(db, "raw-1")
        check_offsets(rec)
        assert rec["meta"]["published"] == "2016-05-02"
        # the pipeline's text is searchable like the rest
        assert {i["id"] for i in Q.search(db, "الموصل")[0]} == {"mosul-a", "mosul-b", "raw-1"}
    finally:
        db.close()
    assert main(["ingest", str(analysed), "--db", store_url]) == 0
    assert "0 added, 0 replaced, 4 unchanged" in capsys.readouterr().err

    out = tmp_path / "e.csv"
    assert main(["export", "--db", store_url, "--format", "acled-csv", "--out", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert list(rows[0].keys()) == ACLED_COLUMNS
    # mosul-a and mosul-b are one cluster: one ACLED row with both outlets as sources
    assert len(rows) == 3
    mosul = next(r for r in rows if r["location"] == "الموصل")
    assert mosul["event_type"] == "Explosions/Remote violence" and mosul["sub_event_type"] == "Air/drone strike"
    assert mosul["country"] == "Iraq" and mosul["iso"] == "368" and mosul["event_date"] == "2017-03-07"
    assert mosul["source"] == "شبكة نينوى; وكالة الرافدين" and mosul["fatalities"] == "12"
    # inter from the knowledge base's actor category: the coalition is an external force (8)
    assert mosul["actor1"] == "التحالف الدولي" and mosul["inter1"] == "8" and mosul["inter2"] == "2"
    assert mosul["geo_precision"] == "1" and mosul["disorder_type"] == "Political violence"
    sirte = next(r for r in rows if r["country"] == "Libya")
    # the clash's two sides (اشتباكات بين X و Y) are actor1 and actor2
    assert sirte["event_type"] == "Battles" and sirte["actor2"] == "تنظيم الدولة الإسلامية"
    assert sirte["assoc_actor_1"] == ""

    assert main(["export", "--db", store_url, "--format", "geojson", "--country", "IQ", "--out",
                 str(tmp_path / "e.geojson")]) == 0
    gj = json.loads((tmp_path / "e.geojson").read_text(encoding="utf-8"))
    assert sorted(f["properties"]["article"] for f in gj["features"]) == ["baghdad-1", "mosul-a", "mosul-b"]

    assert main(["export", "--db", store_url, "--format", "csv", "--type", "PROTEST", "--out",
                 str(tmp_path / "p.csv")]) == 0
    prot = list(csv.DictReader(io.StringIO((tmp_path / "p.csv").read_text(encoding="utf-8"))))
    assert [r["article"] for r in prot] == ["baghdad-1"] and prot[0]["place"] == "بغداد"

    assert main(["export", "--db", store_url, "--format", "jsonl", "--place", "سرت", "--out",
                 str(tmp_path / "s.jsonl")]) == 0
    recs = [json.loads(x) for x in (tmp_path / "s.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in recs] == ["sirte-1"] and recs[0]["text"] == R.SIRTE_TEXT


def test_export_bad_filter_is_a_usage_error(tmp_path, capsys):
    db = str(tmp_path / "x.db")
    open_store(db).close()
    assert main(["export", "--db", db, "--format", "csv", "--date-from", "yesterday"]) == 2
    assert "E210" in capsys.readouterr().err


def test_ingest_exit_status(store_url, tmp_path, capsys):  # noqa: F811
    good = {"id": "ok-1", "published": "2016-05-02", "text": "بغداد - أعلنت وزارة الصحة افتتاح مستشفى جديد في المدينة."}
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(json.dumps(good, ensure_ascii=False) + "\n" + json.dumps({"id": "empty-1", "text": "  "}) + "\n",
                     encoding="utf-8")
    assert main(["ingest", str(mixed), "--db", store_url, "-j", "1"]) == 0  # one analysed, one error
    err = capsys.readouterr().err
    assert "1 added" in err and "1 errors" in err, err
    assert main(["ingest", str(mixed), "--db", store_url, "-j", "1", "-q", "--strict"]) == 1
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "empty-2", "text": ""}) + "\n", encoding="utf-8")
    assert main(["ingest", str(bad), "--db", store_url, "-j", "1", "-q"]) == 1  # nothing analysed


def test_acled_actors_for_a_country_acting_and_a_town_hit(store_url, tmp_path):  # noqa: F811
    # a country as actor is its military forces (inter 1); a town hit is the location, not actor2
    raw = tmp_path / "raw.jsonl"
    raw.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in (
        {"id": "il-1", "published": "2015-07-02",
         "text": "قصفت إسرائيل مواقع لحركة حماس في قطاع غزة أمس وقتلت خمسة مسلحين."},
        {"id": "idlib-1", "published": "2015-07-02",
         "text": "شنت الطائرات الحربية غارات على مدينة إدلب أمس ما أسفر عن مقتل 12 مدنيا."},
        {"id": "tripoli-1", "published": "2015-07-02",
         "text": "واشتبكت كتائب الزنتان مع كتائب مصراتة قرب مطار طرابلس أمس وقتل خمسة مسلحين."},
        {"id": "geneva-1", "published": "2015-07-02",
         "text": "ووقعت الحكومة اليمنية وجماعة الحوثي اتفاقا لتبادل الأسرى في جنيف أمس."})), encoding="utf-8")
    assert main(["ingest", str(raw), "--db", store_url, "-j", "1", "-q"]) == 0
    out = tmp_path / "e.csv"
    assert main(["export", "--db", store_url, "--format", "acled-csv", "--out", str(out)]) == 0
    rows = {r["tags"].split("articles=")[1]: r for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))}
    il = rows["il-1"]
    assert il["actor1"] == "Military Forces of Israel" and il["inter1"] == "1"
    assert il["actor2"] == "Hamas" and il["interaction"] == "12"
    idlib = rows["idlib-1"]
    assert idlib["location"] == "إدلب" and idlib["actor2"] == "" and idlib["inter2"] == ""
    # a knowledge-base actor's inter is its category's: political militias 3, a government 1
    tripoli = rows["tripoli-1"]
    assert tripoli["event_type"] == "Battles" and tripoli["actor1"] == "Zintan brigades"
    # the two sides of a clash or an agreement are actor1 and actor2
    assert tripoli["inter1"] == "3" and tripoli["actor2"] == "Misrata brigades" and tripoli["inter2"] == "3"
    assert tripoli["assoc_actor_1"] == "" and tripoli["interaction"] == "33"
    geneva = rows["geneva-1"]
    assert geneva["actor1"] == "Government of Yemen" and geneva["inter1"] == "1"
    assert geneva["actor2"] == "Ansar Allah (Houthis)" and geneva["interaction"] == "12"
