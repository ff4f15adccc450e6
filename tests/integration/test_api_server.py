"""HTTP API against a real server (SQLite and PostgreSQL): reads, auth, bad parameters, pagination."""
from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request

import pytest

from marsad.api.server import make_server
from tests.integration import store_records as R
from tests.integration.store_fixtures import store_url  # noqa: F401

TOKEN = "s3cret-token"


@pytest.fixture
def api(store_url):  # noqa: F811
    srv = make_server(db_url=store_url, host="127.0.0.1", port=0, token=TOKEN)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    base = f"http://127.0.0.1:{srv.server_address[1]}"
    status, out = call(base, "POST", "/api/ingest", R.all_records(), token=TOKEN)
    assert status == 200 and [r["status"] for r in out["results"]] == ["added"] * 4
    yield base
    srv.shutdown()
    srv.server_close()


def call(base, method, path, body=None, token=None, raw: bytes | None = None):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read().decode("utf-8"))
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read().decode("utf-8"))


def test_reads(api):
    s, stats = call(api, "GET", "/api/stats")
    assert s == 200 and stats["articles"] == 4 and stats["events"] == 4
    s, art = call(api, "GET", "/api/articles/mosul-b")
    assert s == 200 and "وبالموصل" in art["text"]
    ev = art["events"][0]
    assert art["text"][ev["trigger"]["start"]:ev["trigger"]["end"]] == ev["trigger"]["text"]
    s, res = call(api, "GET", "/api/search?q=" + urllib.parse.quote("الموصل"))
    assert s == 200 and res["total"] == 2 and {i["id"] for i in res["items"]} == {"mosul-a", "mosul-b"}
    s, gj = call(api, "GET", "/api/events.geojson?type=ASSAULT")
    assert gj["type"] == "FeatureCollection" and len(gj["features"]) == 3
    lon, lat = next(f["geometry"]["coordinates"] for f in gj["features"] if f["properties"]["article"] == "sirte-1")
    assert (round(lat), round(lon)) == (31, 17)
    s, cl = call(api, "GET", "/api/clusters")
    assert cl["total"] == 1 and cl["items"][0]["independent_outlets"] == 2
    s, one = call(api, "GET", f"/api/clusters/{cl['items'][0]['id']}")
    assert s == 200 and one["n_reports"] == 2
    pk = call(api, "GET", "/api/events?type=PROTEST")[1]["items"][0]["pk"]
    s, e = call(api, "GET", f"/api/events/{pk}")
    assert s == 200 and e["type"] == "PROTEST" and e["place"]["name"] == "بغداد"
    s, spec = call(api, "GET", "/openapi.json")
    assert spec["openapi"].startswith("3.") and "/api/events" in spec["paths"]
    assert spec["paths"]["/api/ingest"]["post"]["security"] == [{"token": []}]


def test_pagination(api):
    seen = []
    offset = 0
    while True:
        s, page = call(api, "GET", f"/api/events?limit=3&offset={offset}")
        assert s == 200 and page["total"] == 4 and page["limit"] == 3
        seen += [i["pk"] for i in page["items"]]
        if page["next"] is None:
            break
        offset = page["next"]
    assert len(seen) == 4 == len(set(seen))
    s, page = call(api, "GET", "/api/events?limit=3&offset=100")
    assert page["items"] == [] and page["next"] is None


def test_writes_need_the_token(api):
    rec = R.record("new-1", "دمشق - خبر قصير عن اجتماع في دمشق.", published="2018-01-01")
    for tok in (None, "wrong"):
        s, out = call(api, "POST", "/api/ingest", rec, token=tok)
        assert s == 401 and out["error"]["code"] == "E212"
        s, out = call(api, "DELETE", "/api/articles/sirte-1", token=tok)
        assert s == 401
    assert call(api, "GET", "/api/stats")[1]["articles"] == 4
    s, out = call(api, "POST", "/api/ingest", rec, token=TOKEN)
    assert s == 200 and out["results"][0]["status"] == "added"
    s, out = call(api, "POST", "/api/ingest", rec, token=TOKEN)
    assert out["results"][0]["status"] == "unchanged"
    s, out = call(api, "DELETE", "/api/articles/sirte-1", token=TOKEN)
    assert s == 200
    s, out = call(api, "DELETE", "/api/articles/sirte-1", token=TOKEN)
    assert s == 404 and out["error"]["code"] == "E213"
    assert call(api, "GET", "/api/stats")[1]["articles"] == 4


@pytest.mark.parametrize("path, name", [
    ("/api/events?limit=0", "limit"), ("/api/events?limit=abc", "limit"), ("/api/events?offset=-1", "offset"),
    ("/api/events?type=NOPE", "type"), ("/api/events?date_from=2017-02-30", "date_from"),
    ("/api/events?lat=36&lon=43", "radius_km"), ("/api/search", "q"), ("/api/search?q=%21%21", "q"),
    ("/api/events/abc", "pk"), ("/api/clusters?min_reports=x", "min_reports"),
])
def test_bad_parameters_are_4xx_with_a_message(api, path, name):
    s, out = call(api, "GET", path)
    assert s == 400, out
    assert out["error"]["code"] == "E210" and f"{name}:" in out["error"]["message"]


def test_bad_bodies_and_unknown_paths(api):
    s, out = call(api, "POST", "/api/ingest", raw=b"{not json", token=TOKEN)
    assert s == 400 and "body" in out["error"]["message"]
    s, out = call(api, "POST", "/api/ingest", [{"id": 3}], token=TOKEN)
    assert s == 400
    assert call(api, "GET", "/api/nothing")[0] == 404
    assert call(api, "GET", "/api/articles/missing")[0] == 404
    s, out = call(api, "PUT", "/api/stats")
    assert s == 405
