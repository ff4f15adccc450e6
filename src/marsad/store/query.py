"""Reading the store: filters, search, listings and statistics (shared by the API and exports).

Every function takes a :class:`marsad.store.db.DB` and validated options; :func:`event_filters`
and :func:`page` validate raw string parameters (from the HTTP API or the CLI) and raise E210
with a message naming the parameter.
"""
from __future__ import annotations

import json
import re
from datetime import date
from functools import lru_cache

from marsad.arabic.normalise import key
from marsad.errors import MarsadError
from marsad.store.textindex import fts5_match, parse_query, pg_tsquery, stem

EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
               "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
STATUSES = ("occurred", "ongoing", "planned", "possible", "negated")
SOURCES = ("named", "anonymous", "unattributed")
MAX_LIMIT = 500


def bad(name: str, msg: str) -> MarsadError:
    return MarsadError("E210", f"{name}: {msg}")


# ---------------------------------------------------------------- parameter validation
def as_int(params: dict, name: str, default: int, lo: int, hi: int) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        v = int(raw)
    except (TypeError, ValueError):
        raise bad(name, f"expected an integer, got {raw!r}") from None
    if not lo <= v <= hi:
        raise bad(name, f"must be between {lo} and {hi}, got {v}")
    return v


def as_float(params: dict, name: str, lo: float, hi: float) -> float | None:
    raw = params.get(name)
    if raw is None or raw == "":
        return None
    try:
        v = float(raw)
    except (TypeError, ValueError):
        raise bad(name, f"expected a number, got {raw!r}") from None
    if not lo <= v <= hi:
        raise bad(name, f"must be between {lo} and {hi}, got {v}")
    return v


def as_date(params: dict, name: str) -> str | None:
    raw = params.get(name)
    if raw is None or raw == "":
        return None
    try:
        return date.fromisoformat(str(raw)).isoformat()
    except ValueError:
        raise bad(name, f"expected a date YYYY-MM-DD, got {raw!r}") from None


def as_choices(params: dict, name: str, allowed: tuple[str, ...], *, upper: bool = False) -> list[str]:
    raw = params.get(name)
    if raw is None or raw == "":
        return []
    vals = [v.strip().upper() if upper else v.strip() for v in str(raw).split(",") if v.strip()]
    wrong = [v for v in vals if v not in allowed]
    if wrong:
        raise bad(name, f"unknown value(s) {wrong}; one or more of {', '.join(allowed)}")
    return vals


def page(params: dict) -> tuple[int, int]:
    return as_int(params, "limit", 50, 1, MAX_LIMIT), as_int(params, "offset", 0, 0, 10**9)


def event_filters(params: dict) -> dict:
    """Validated event filters from raw parameters (strings)."""
    f = {
        "type": as_choices(params, "type", EVENT_TYPES, upper=True),
        "status": as_choices(params, "status", STATUSES),
        "source": as_choices(params, "source", SOURCES),
        "mode": [m.strip() for m in str(params.get("mode") or "").split(",") if m.strip()],
        "country": [c.strip().upper() for c in str(params.get("country") or "").split(",") if c.strip()],
        "date_from": as_date(params, "date_from"), "date_to": as_date(params, "date_to"),
        "actor": (params.get("actor") or "").strip() or None,
        "place": (params.get("place") or "").strip() or None,
        "q": (params.get("q") or "").strip() or None,
        "article": (params.get("article") or "").strip() or None,
        "cluster": as_int(params, "cluster", 0, 0, 2**62) or None,
        "lat": as_float(params, "lat", -90, 90), "lon": as_float(params, "lon", -180, 180),
        "radius_km": as_float(params, "radius_km", 0, 20000),
    }
    for c in f["country"]:
        if not re.fullmatch(r"[A-Z]{2}", c):
            raise bad("country", f"expected ISO 3166-1 alpha-2 codes like IQ,LY; got {c!r}")
    geo = [f["lat"] is not None, f["lon"] is not None, f["radius_km"] is not None]
    if any(geo) and not all(geo):
        raise bad("radius_km", "lat, lon and radius_km go together")
    if f["date_from"] and f["date_to"] and f["date_from"] > f["date_to"]:
        raise bad("date_from", "is after date_to")
    if f["q"] is not None and not parse_query(f["q"]):
        raise bad("q", "no searchable word in the query")
    return f


# ---------------------------------------------------------------- full-text search
def match_sql(db, q: str) -> tuple[str, list]:
    """SQL selecting (pk, score) of articles matching ``q``; a higher score is better."""
    terms = parse_query(q)
    if not terms:
        raise bad("q", "no searchable word in the query")
    if db.kind == "sqlite":
        return ("SELECT rowid AS pk, -bm25(article_fts, 5.0, 1.0) AS score FROM article_fts "
                "WHERE article_fts MATCH ?", [fts5_match(terms)])
    return ("SELECT article_pk AS pk, ts_rank(tsv, websearch_to_tsquery('arabic', ?)) AS score "
            "FROM article_search WHERE tsv @@ websearch_to_tsquery('arabic', ?)",
            [pg_tsquery(terms)] * 2)


_WORD_RE = re.compile(r"[\w\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]+")


@lru_cache(maxsize=65536)
def _word_stem(word: str) -> tuple[str, str]:
    k = key(word).lower()
    return k, stem(k)


def snippet(text: str, q: str, *, width: int = 160) -> dict:
    """A window of ``text`` around the first query match with the matched words' offsets in it."""
    want = {s for t in parse_query(q) for s in t}
    hits: list[tuple[int, int]] = []
    end = None
    for m in _WORD_RE.finditer(text):
        if end is not None and m.start() >= end:
            break
        k, st = _word_stem(m.group())
        if k and (st in want or k in want):
            if end is None:
                end = max(0, m.start() - width // 3) + width
            hits.append((m.start(), m.end()))
    if not hits:
        return {"text": text[:width], "offset": 0, "highlights": []}
    s = max(0, hits[0][0] - width // 3)
    e = min(len(text), s + width)
    return {"text": text[s:e], "offset": s,
            "highlights": [[a - s, b - s] for a, b in hits if a >= s and b <= e]}


def search(db, q: str, *, limit: int = 20, offset: int = 0) -> tuple[list[dict], int]:
    sql, params = match_sql(db, q)
    total = db.scalar(f"SELECT COUNT(*) AS n FROM ({sql}) m", params)
    rows = db.query(
        f"SELECT a.pk, a.id, a.title, a.outlet, a.published, a.dup_group, a.n_events, a.text, m.score "
        f"FROM ({sql}) m JOIN articles a ON a.pk = m.pk ORDER BY m.score DESC, a.pk LIMIT ? OFFSET ?",
        [*params, limit, offset])
    items = []
    for r in rows:
        text = r.pop("text")
        items.append({**_article_head(r), "score": round(float(r["score"]), 4), "snippet": snippet(text, q)})
    return items, int(total)


# ---------------------------------------------------------------- articles
def _article_head(r: dict) -> dict:
    return {"id": r["id"], "title": r["title"], "outlet": r["outlet"], "published": r["published"],
            "duplicate_group": r["dup_group"], "n_events": r["n_events"]}


def list_articles(db, params: dict, *, limit: int, offset: int) -> tuple[list[dict], int]:
    where, args = ["1=1"], []
    if params.get("outlet"):
        where.append("outlet = ?")
        args.append(params["outlet"])
    if as_date(params, "date_from"):
        where.append("published >= ?")
        args.append(as_date(params, "date_from"))
    if as_date(params, "date_to"):
        where.append("published <= ?")
        args.append(as_date(params, "date_to"))
    if params.get("duplicate_group"):
        where.append("dup_group = ?")
        args.append(as_int(params, "duplicate_group", 0, 0, 2**62))
    w = " AND ".join(where)
    total = db.scalar(f"SELECT COUNT(*) AS n FROM articles WHERE {w}", args)
    rows = db.query(f"SELECT pk, id, title, outlet, published, dup_group, n_events FROM articles WHERE {w} "
                    f"ORDER BY published DESC, pk DESC LIMIT ? OFFSET ?", [*args, limit, offset])
    return [_article_head(r) for r in rows], int(total)


def get_article(db, article_id: str) -> dict | None:
    r = db.one("SELECT pk, id, text, record, dup_group FROM articles WHERE id = ?", (article_id,))
    if r is None:
        return None
    rec = json.loads(r["record"])
    rec["text"] = r["text"]
    dups = db.query("SELECT id FROM articles WHERE dup_group = ? AND pk <> ? ORDER BY pk", (r["dup_group"], r["pk"]))
    clusters = db.query("SELECT id, pk, cluster FROM events WHERE article_pk = ?", (r["pk"],))
    rec["store"] = {"duplicate_group": r["dup_group"], "duplicates": [d["id"] for d in dups],
                    "events": {c["id"]: {"pk": c["pk"], "cluster": c["cluster"]} for c in clusters}}
    return rec


def all_records(db, *, batch: int = 500):
    last = 0
    while True:
        rows = db.query("SELECT pk, text, record FROM articles WHERE pk > ? ORDER BY pk LIMIT ?", (last, batch))
        if not rows:
            return
        for r in rows:
            rec = json.loads(r["record"])
            rec["text"] = r["text"]
            yield rec
        last = rows[-1]["pk"]


# ---------------------------------------------------------------- events
EVENT_COLS = ("e.pk, e.id, e.type, e.mode, e.acled_event_type, e.acled_sub_event_type, e.status, e.date_start, "
              "e.date_end, e.lat, e.lon, e.country, e.admin1, e.place, e.place_kind, e.actors, e.recipients, "
              "e.speaker, e.anonymous, e.named_source, e.fatalities, e.evidence_start, e.evidence_end, "
              "e.evidence_text, e.cluster, e.record, a.id AS article, a.title, a.outlet, a.published, a.url")


def distance_sql(db) -> str:
    """SQL of the great-circle distance (km) from (?, ?) to (e.lat, e.lon)."""
    if db.kind == "sqlite":
        return "marsad_km(e.lat, e.lon, ?, ?)"
    return ("(12742.0176 * asin(least(1.0, sqrt(power(sin(radians(e.lat - ?) / 2), 2) + cos(radians(e.lat)) "
            "* cos(radians(?)) * power(sin(radians(e.lon - ?) / 2), 2)))))")


def _event_where(db, f: dict) -> tuple[str, list]:
    where, args = ["1=1"], []

    def inlist(col: str, vals: list) -> None:
        if vals:
            where.append(f"{col} IN ({', '.join('?' * len(vals))})")
            args.extend(vals)

    inlist("e.type", f.get("type") or [])
    inlist("e.status", f.get("status") or [])
    inlist("e.mode", f.get("mode") or [])
    inlist("e.country", f.get("country") or [])
    if f.get("date_from"):
        where.append("COALESCE(e.date_end, e.date_start) >= ?")
        args.append(f["date_from"])
    if f.get("date_to"):
        where.append("e.date_start <= ?")
        args.append(f["date_to"])
    src = f.get("source") or []
    if src:
        conds = {"named": "e.named_source = 1", "anonymous": "e.anonymous = 1",
                 "unattributed": "(e.named_source = 0 AND e.anonymous = 0)"}
        where.append("(" + " OR ".join(conds[s] for s in src) + ")")
    for role_name, roles in (("actor", "'actor', 'recipient'"), ("place", "'location'")):
        if f.get(role_name):
            k = key(f[role_name])
            where.append(f"EXISTS (SELECT 1 FROM event_entities ee WHERE ee.event_pk = e.pk AND ee.role IN ({roles}) "
                         "AND (ee.actor_key IN (?, ?) OR ee.name_key LIKE ?))")
            args += [f[role_name], "kb:" + f[role_name], f"%{k}%"]
    if f.get("article"):
        where.append("e.article_pk IN (SELECT pk FROM articles WHERE id = ?)")
        args.append(f["article"])
    if f.get("cluster"):
        where.append("e.cluster = ?")
        args.append(f["cluster"])
    if f.get("radius_km") is not None:
        where.append("e.lat IS NOT NULL AND " + distance_sql(db) + " <= ?")
        args += ([f["lat"], f["lon"]] if db.kind == "sqlite" else [f["lat"], f["lat"], f["lon"]]) + [f["radius_km"]]
    if f.get("q"):
        sql, params = match_sql(db, f["q"])
        where.append(f"e.article_pk IN (SELECT pk FROM ({sql}) m)")
        args += params
    return " AND ".join(where), args


def event_json(r: dict) -> dict:
    rec = json.loads(r["record"])
    return {
        "pk": r["pk"], "id": r["id"], "article": r["article"], "title": r["title"], "outlet": r["outlet"],
        "published": r["published"], "type": r["type"], "mode": r["mode"],
        "acled": ({"event_type": r["acled_event_type"], "sub_event_type": r["acled_sub_event_type"]}
                  if r["acled_event_type"] else None),
        "status": r["status"], "date": {"start": r["date_start"], "end": r["date_end"]},
        "place": {"name": r["place"], "lat": r["lat"], "lon": r["lon"], "country": r["country"],
                  "admin1": r["admin1"], "kind": r["place_kind"]} if r["place"] or r["lat"] is not None else None,
        "actors": json.loads(r["actors"]), "recipients": json.loads(r["recipients"]),
        "speaker": r["speaker"], "anonymous": bool(r["anonymous"]), "named_source": bool(r["named_source"]),
        "fatalities": r["fatalities"], "cluster": r["cluster"],
        "evidence": ({"start": r["evidence_start"], "end": r["evidence_end"], "text": r["evidence_text"]}
                     if r["evidence_start"] is not None else None),
        "trigger": rec.get("trigger"), "quantities": rec.get("quantities") or [], "url": r.get("url"),
    }


def list_events(db, f: dict, *, limit: int, offset: int) -> tuple[list[dict], int]:
    # The filters read the events table only (no join with the wide article rows), so counting and
    # ordering the matches can be answered from the covering index events_article_cover when the
    # filter is a search plus dates/types; only the page's rows are then read whole.
    w, args = _event_where(db, f)
    total = db.scalar(f"SELECT COUNT(*) AS n FROM events e WHERE {w}", args)
    order = "ORDER BY e.date_start DESC, e.pk DESC"
    rows = db.query(f"SELECT {EVENT_COLS} FROM events e JOIN articles a ON a.pk = e.article_pk "
                    f"WHERE e.pk IN (SELECT e.pk FROM events e WHERE {w} {order} LIMIT ? OFFSET ?) {order}",
                    [*args, limit, offset])
    return [event_json(r) for r in rows], int(total)


def get_event(db, pk: int) -> dict | None:
    r = db.one(f"SELECT {EVENT_COLS} FROM events e JOIN articles a ON a.pk = e.article_pk WHERE e.pk = ?", (pk,))
    return event_json(r) if r else None


def geojson(events: list[dict]) -> dict:
    feats = []
    for ev in events:
        p = ev.get("place") or {}
        if p.get("lat") is None or p.get("lon") is None:
            continue
        props = {k: v for k, v in ev.items() if k not in ("quantities",)}
        feats.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [p["lon"], p["lat"]]},
                      "properties": props})
    return {"type": "FeatureCollection", "features": feats}


# ---------------------------------------------------------------- actors, places, clusters, stats
def actors(db, params: dict, *, limit: int, offset: int) -> tuple[list[dict], int]:
    where, args = ["type <> 'PLACE'"], []
    if params.get("type"):
        where.append("type = ?")
        args.append(str(params["type"]).upper())
    if params.get("q"):
        where.append("name_key LIKE ?")
        args.append(f"%{key(params['q'])}%")
    w = " AND ".join(where)
    total = db.scalar(f"SELECT COUNT(DISTINCT actor_key) AS n FROM entities WHERE {w}", args)
    rows = db.query(
        f"SELECT actor_key, MIN(name) AS name, MIN(type) AS type, MIN(wikidata) AS wikidata, "
        f"COUNT(DISTINCT article_pk) AS articles, SUM(n_mentions) AS mentions FROM entities WHERE {w} "
        f"GROUP BY actor_key ORDER BY articles DESC, actor_key LIMIT ? OFFSET ?", [*args, limit, offset])
    return [{"key": r["actor_key"], "name": r["name"], "type": r["type"], "wikidata": r["wikidata"],
             "articles": int(r["articles"]), "mentions": int(r["mentions"] or 0)} for r in rows], int(total)


def places(db, params: dict, *, limit: int, offset: int) -> tuple[list[dict], int]:
    where, args = ["type = 'PLACE'"], []
    if params.get("country"):
        where.append("country = ?")
        args.append(str(params["country"]).upper())
    if params.get("q"):
        where.append("name_key LIKE ?")
        args.append(f"%{key(params['q'])}%")
    w = " AND ".join(where)
    total = db.scalar(f"SELECT COUNT(DISTINCT name_key) AS n FROM entities WHERE {w}", args)
    rows = db.query(
        f"SELECT name_key, MIN(name) AS name, AVG(lat) AS lat, AVG(lon) AS lon, MIN(country) AS country, "
        f"MIN(kind) AS kind, COUNT(DISTINCT article_pk) AS articles FROM entities WHERE {w} "
        f"GROUP BY name_key ORDER BY articles DESC, name_key LIMIT ? OFFSET ?", [*args, limit, offset])
    return [{"name": r["name"], "lat": r["lat"], "lon": r["lon"], "country": r["country"], "kind": r["kind"],
             "articles": int(r["articles"])} for r in rows], int(total)


def clusters(db, params: dict, *, limit: int, offset: int) -> tuple[list[dict], int]:
    from marsad.store.dedup import cluster_view

    min_reports = as_int(params, "min_reports", 2, 1, 10**6)
    types = as_choices(params, "type", EVENT_TYPES, upper=True)
    where, args = "1=1", []
    if types:
        where = f"type IN ({', '.join('?' * len(types))})"
        args = list(types)
    sub = (f"SELECT cluster, COUNT(*) AS n, MAX(date_start) AS d FROM events WHERE {where} "
           f"GROUP BY cluster HAVING COUNT(*) >= ?")
    total = db.scalar(f"SELECT COUNT(*) AS n FROM ({sub}) c", [*args, min_reports])
    rows = db.query(f"{sub} ORDER BY n DESC, d DESC, cluster LIMIT ? OFFSET ?", [*args, min_reports, limit, offset])
    return [cluster_view(db, r["cluster"]) for r in rows], int(total)


def duplicates(db, *, limit: int, offset: int) -> tuple[list[dict], int]:
    sub = "SELECT dup_group, COUNT(*) AS n FROM articles GROUP BY dup_group HAVING COUNT(*) > 1"
    total = db.scalar(f"SELECT COUNT(*) AS n FROM ({sub}) g")
    groups = db.query(f"{sub} ORDER BY n DESC, dup_group LIMIT ? OFFSET ?", (limit, offset))
    out = []
    for g in groups:
        arts = db.query("SELECT pk, id, title, outlet, published, dup_group, n_events FROM articles "
                        "WHERE dup_group = ? ORDER BY pk", (g["dup_group"],))
        out.append({"group": g["dup_group"], "n": int(g["n"]), "articles": [_article_head(a) for a in arts]})
    return out, int(total)


def stats(db) -> dict:
    def count(sql: str) -> int:
        return int(db.scalar(sql) or 0)

    by_type = db.query("SELECT type, COUNT(*) AS n FROM events GROUP BY type ORDER BY n DESC, type")
    by_country = db.query("SELECT country, COUNT(*) AS n FROM events WHERE country IS NOT NULL "
                          "GROUP BY country ORDER BY n DESC, country")
    span = db.one("SELECT MIN(date_start) AS first, MAX(date_start) AS last FROM events")
    return {
        "articles": count("SELECT COUNT(*) AS n FROM articles"),
        "entities": count("SELECT COUNT(*) AS n FROM entities"),
        "events": count("SELECT COUNT(*) AS n FROM events"),
        "quotes": count("SELECT COUNT(*) AS n FROM quotes"),
        "quantities": count("SELECT COUNT(*) AS n FROM quantities"),
        "clusters_multi": count("SELECT COUNT(*) AS n FROM (SELECT cluster FROM events GROUP BY cluster "
                                "HAVING COUNT(*) > 1) c"),
        "duplicate_groups": count("SELECT COUNT(*) AS n FROM (SELECT dup_group FROM articles GROUP BY dup_group "
                                  "HAVING COUNT(*) > 1) g"),
        "events_by_type": {r["type"]: int(r["n"]) for r in by_type},
        "events_by_country": {r["country"]: int(r["n"]) for r in by_country},
        "first_event": span["first"] if span else None, "last_event": span["last"] if span else None,
        "backend": db.kind, "schema_version": db.schema_version(),
    }
