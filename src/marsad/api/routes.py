"""The API's endpoints: each takes (store, path parameters, query parameters, body) and returns JSON.

The route table :data:`ROUTES` drives both the dispatcher in :mod:`marsad.api.server` and the
OpenAPI description in :mod:`marsad.api.openapi`, so the two cannot drift apart.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from marsad import settings
from marsad.errors import MarsadError
from marsad.store import query as Q
from marsad.store.ingest import delete_article, ingest_record

PAGE = [("limit", "integer", "page size, 1..500 (default 50)"), ("offset", "integer", "items to skip (default 0)")]
EVENT_FILTERS = [
    ("type", "string", "PLOVER types, comma-separated (e.g. ASSAULT,PROTEST)"),
    ("mode", "string", "PLOVER modes, comma-separated"),
    ("status", "string", "occurred, ongoing, planned, possible, negated (comma-separated)"),
    ("source", "string", "named, anonymous, unattributed (comma-separated)"),
    ("country", "string", "ISO 3166-1 alpha-2 codes, comma-separated"),
    ("date_from", "string", "YYYY-MM-DD"), ("date_to", "string", "YYYY-MM-DD"),
    ("actor", "string", "actor or recipient: knowledge-base key or (part of) the name"),
    ("place", "string", "location name (part of it)"),
    ("lat", "number", "centre latitude (with lon and radius_km)"), ("lon", "number", "centre longitude"),
    ("radius_km", "number", "radius around lat/lon in km"),
    ("q", "string", "full-text query over the reporting articles"),
    ("article", "string", "article id"), ("cluster", "integer", "event cluster id"),
]


@dataclass
class Route:
    method: str
    pattern: str  # e.g. /api/articles/{id}
    handler: Any
    summary: str
    params: list = field(default_factory=list)
    write: bool = False
    media: str = "application/json"

    def regex(self) -> re.Pattern:
        return re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", self.pattern) + "$")


def paged(items: list, total: int, limit: int, offset: int) -> dict:
    return {"items": items, "total": total, "limit": limit, "offset": offset,
            "next": offset + limit if offset + limit < total else None}


def not_found(what: str) -> MarsadError:
    return MarsadError("E213", what)


# ---------------------------------------------------------------- handlers
def articles(db, path, qs, body):
    limit, offset = Q.page(qs)
    return paged(*Q.list_articles(db, qs, limit=limit, offset=offset), limit, offset)


def article(db, path, qs, body):
    rec = Q.get_article(db, path["id"])
    if rec is None:
        raise not_found(f"article {path['id']!r}")
    return rec


def events(db, path, qs, body):
    limit, offset = Q.page(qs)
    return paged(*Q.list_events(db, Q.event_filters(qs), limit=limit, offset=offset), limit, offset)


def events_geojson(db, path, qs, body):
    limit = Q.as_int(qs, "limit", 5000, 1, 50000)
    offset = Q.as_int(qs, "offset", 0, 0, 10**9)
    items, total = Q.list_events(db, Q.event_filters(qs), limit=limit, offset=offset)
    out = Q.geojson(items)
    out["total"] = total
    return out


def event(db, path, qs, body):
    pk = Q.as_int(path, "pk", 0, 1, 2**62)
    ev = Q.get_event(db, pk)
    if ev is None:
        raise not_found(f"event {pk}")
    return ev


def actors(db, path, qs, body):
    limit, offset = Q.page(qs)
    return paged(*Q.actors(db, qs, limit=limit, offset=offset), limit, offset)


def places(db, path, qs, body):
    limit, offset = Q.page(qs)
    return paged(*Q.places(db, qs, limit=limit, offset=offset), limit, offset)


def search(db, path, qs, body):
    if not (qs.get("q") or "").strip():
        raise Q.bad("q", "a search query is required")
    limit, offset = Q.page(qs)
    return paged(*Q.search(db, qs["q"], limit=limit, offset=offset), limit, offset)


def stats(db, path, qs, body):
    return Q.stats(db)


def clusters(db, path, qs, body):
    limit, offset = Q.page(qs)
    return paged(*Q.clusters(db, qs, limit=limit, offset=offset), limit, offset)


def cluster(db, path, qs, body):
    from marsad.store.dedup import cluster_view

    cid = Q.as_int(path, "id", 0, 1, 2**62)
    c = cluster_view(db, cid)
    if c is None:
        raise not_found(f"cluster {cid}")
    return c


def duplicates(db, path, qs, body):
    limit, offset = Q.page(qs)
    return paged(*Q.duplicates(db, limit=limit, offset=offset), limit, offset)


def config(db, path, qs, body):
    return {"tile_url": settings.get("tile_url") or None}


def health(db, path, qs, body):
    return {"ok": True, "backend": db.kind, "schema_version": db.schema_version()}


def ingest(db, path, qs, body):
    """Body: one record or a list. A marsad.doc/1 record is stored as is; a raw article
    ({"id", "text", "title"?, "published"?, "outlet"?}) is analysed first."""
    if body is None:
        raise Q.bad("body", "a JSON record or a list of records is required")
    recs = body if isinstance(body, list) else [body]
    if not recs or len(recs) > 1000:
        raise Q.bad("body", "between 1 and 1000 records per request")
    out = []
    for rec in recs:
        if not isinstance(rec, dict) or not isinstance(rec.get("id"), str) or not isinstance(rec.get("text"), str):
            raise Q.bad("body", "every record needs string 'id' and 'text'")
        if rec.get("schema") != "marsad.doc/1":
            from marsad.parallel import process_record

            rec = process_record(rec, keep=True).record
        status = ingest_record(db, rec)
        out.append({"id": rec["id"], "status": status, "error": rec.get("error")})
    return {"results": out}


def delete(db, path, qs, body):
    if not delete_article(db, path["id"]):
        raise not_found(f"article {path['id']!r}")
    return {"deleted": path["id"]}


ROUTES = [
    Route("GET", "/api/health", health, "Liveness and backend"),
    Route("GET", "/api/stats", stats, "Counts of articles, events (by type and country), clusters, duplicates"),
    Route("GET", "/api/articles", articles, "Articles, newest first",
          [*PAGE, ("outlet", "string", "outlet name"), ("date_from", "string", "YYYY-MM-DD"),
           ("date_to", "string", "YYYY-MM-DD"), ("duplicate_group", "integer", "near-duplicate group id")]),
    Route("GET", "/api/articles/{id}", article, "One article: its marsad.doc/1 record with text and store links"),
    Route("DELETE", "/api/articles/{id}", delete, "Delete an article and its analysis (token)", write=True),
    Route("GET", "/api/events", events, "Events with filters", [*PAGE, *EVENT_FILTERS]),
    Route("GET", "/api/events.geojson", events_geojson, "Events with coordinates as a GeoJSON FeatureCollection",
          [("limit", "integer", "features, 1..50000 (default 5000)"), ("offset", "integer", "features to skip"),
           *EVENT_FILTERS], media="application/geo+json"),
    Route("GET", "/api/events/{pk}", event, "One event by its store id (pk)"),
    Route("GET", "/api/actors", actors, "Actors (non-place entities) across articles",
          [*PAGE, ("q", "string", "name contains"), ("type", "string", "entity type")]),
    Route("GET", "/api/places", places, "Places across articles",
          [*PAGE, ("q", "string", "name contains"), ("country", "string", "ISO alpha-2")]),
    Route("GET", "/api/search", search, "Arabic full-text search over articles (folded, clitics, light stems)",
          [("q", "string", 'words (all required) and "quoted phrases"'), *PAGE]),
    Route("GET", "/api/clusters", clusters, "Event clusters: one event reported by several articles",
          [*PAGE, ("min_reports", "integer", "at least this many reports (default 2)"),
           ("type", "string", "PLOVER types, comma-separated")]),
    Route("GET", "/api/clusters/{id}", cluster, "One event cluster with every report, outlet and speaker"),
    Route("GET", "/api/duplicates", duplicates, "Groups of near-duplicate articles", PAGE),
    Route("GET", "/api/config", config, "Settings the web page needs (tile URL)"),
    Route("POST", "/api/ingest", ingest, "Ingest records (token)", write=True),
]
