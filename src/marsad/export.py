"""Exports of the store: ``jsonl`` (article records), ``csv`` (one row per event report),
``geojson`` (events with coordinates) and ``acled-csv`` (ACLED's columns, one row per event
cluster, so that scripts written for ACLED data load it).

All formats take the event filters of :func:`marsad.store.query.event_filters`.
"""
from __future__ import annotations

import csv
import json
import time
from collections.abc import Iterator
from datetime import date
from typing import TextIO

from marsad.store import query as Q

FORMATS = ("jsonl", "csv", "geojson", "acled-csv")

CSV_COLUMNS = ["event_pk", "article", "event_id", "type", "mode", "acled_event_type", "acled_sub_event_type",
               "status", "date_start", "date_end", "place", "latitude", "longitude", "country", "admin1",
               "actors", "recipients", "speaker", "anonymous", "named_source", "fatalities", "cluster",
               "outlet", "published", "url", "evidence"]

ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp"]

DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Protests": "Demonstrations",
            "Riots": "Demonstrations", "Strategic developments": "Strategic developments"}
#: ACLED actor type codes (inter1/inter2) from Marsad entity types
INTER = {"STATE_FORCE": 1, "ARMED_GROUP": 2}
#: geo_precision from the place kind: 1 town, 2 part of a region, 3 larger region
PRECISION = {"city": 1, "village": 1, "site": 1, "admin2": 2, "region": 2, "admin1": 3, "country": 3}


def iter_events(db, filters: dict, *, batch: int = 500) -> Iterator[dict]:
    offset = 0
    while True:
        items, _ = Q.list_events(db, filters, limit=batch, offset=offset)
        yield from items
        if len(items) < batch:
            return
        offset += batch


def _countries() -> dict[str, tuple[str, str, str, str]]:
    from marsad.resources import path

    out = {}
    for line in path("acled_countries.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            iso2, iso3, num, name, region = line.split("\t")
            out[iso2] = (iso3, num, name, region)
    return out


def _entities(db, event_pks: list[int]) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {}
    for i in range(0, len(event_pks), 500):
        chunk = event_pks[i:i + 500]
        rows = db.query(
            "SELECT ee.event_pk, ee.role, ee.actor_key, en.name, en.name_en, en.type, en.kind FROM event_entities ee "
            "JOIN events e ON e.pk = ee.event_pk JOIN entities en ON en.article_pk = e.article_pk "
            f"AND en.id = ee.entity_id WHERE ee.event_pk IN ({', '.join('?' * len(chunk))})", chunk)
        for r in rows:
            out.setdefault(r["event_pk"], []).append(r)
    return out


def _kb_inter() -> dict[str, int]:
    """ACLED inter code of each knowledge-base actor with an actor category, by its store key
    (``kb:<key>``); empty when the knowledge base cannot be read (the export goes on by type)."""
    from marsad.errors import MarsadError
    from marsad.resources.actors import ActorKB

    try:
        kb = ActorKB.load()
    except MarsadError:
        return {}
    return {"kb:" + k: a.inter for k, a in kb.actors.items() if a.inter is not None}


def _acled_actor(r, violent: bool, kb_inter: dict[str, int]) -> tuple[str, int | str]:
    """(ACLED actor name, inter code) of an event participant: a knowledge-base actor's code is its
    actor category's (a political militia 3, an identity militia 4, a government 1), else the
    type's; a country acting (قصفت إسرائيل) is its military forces in political violence and its
    government elsewhere, as ACLED names them, both state forces."""
    name = r["name_en"] or r["name"]
    if r["type"] == "PLACE":
        return (f"Military Forces of {name}" if violent else f"Government of {name}"), 1
    return name, kb_inter.get(r["actor_key"] or "", INTER.get(r["type"], ""))


def acled_rows(db, filters: dict) -> Iterator[dict]:
    """One ACLED row per event cluster among events that ACLED would record (``acled`` set)."""
    countries = _countries()
    kb_inter = _kb_inter()
    by_cluster: dict[int, list[dict]] = {}
    order: list[int] = []
    for ev in iter_events(db, filters):
        if not ev.get("acled"):
            continue
        c = ev["cluster"] or ev["pk"]
        if c not in by_cluster:
            order.append(c)
        by_cluster.setdefault(c, []).append(ev)
    ents = _entities(db, [e["pk"] for c in order for e in by_cluster[c]])
    stamp = int(time.time())
    for c in order:
        reps = by_cluster[c]
        # the report that says most: a named source, then most participants, then the first stored
        ev = min(reps, key=lambda r: (not r["named_source"], -len(r["actors"]) - len(r["recipients"]), r["pk"]))
        roles = ents.get(ev["pk"], [])

        violent = DISORDER.get(ev["acled"]["event_type"]) == "Political violence"
        a1, a2 = ([_acled_actor(r, violent, kb_inter) for r in roles if r["role"] == role
                   and (r["type"] != "PLACE" or r["kind"] == "country")]   # a town hit is the location
                  for role in ("actor", "recipient"))
        if not a2 and len(a1) > 1 and (ev["acled"]["event_type"] == "Battles"
                                       or ev["acled"]["sub_event_type"] == "Agreement"):
            # two sides as the event's actors (اشتبكت X مع Y، وقعت X و Y اتفاقا): ACLED's actor1 and actor2
            a1, a2 = [a1[0], *a1[2:]], [a1[1]]
        if not a1 and ev["type"] == "PROTEST":
            a1 = [("Protesters", 6)]
        inter1 = a1[0][1] if a1 else ""
        inter2 = a2[0][1] if a2 else ""
        place = ev.get("place") or {}
        iso2 = place.get("country") or ""
        iso3, num, cname, region = countries.get(iso2, ("", "", iso2, ""))
        d0, d1 = ev["date"]["start"], ev["date"]["end"] or ev["date"]["start"]
        precision = ""
        if d0:
            span = (date.fromisoformat(d1[:10]) - date.fromisoformat(d0[:10])).days
            precision = 1 if span <= 0 else 2 if span <= 7 else 3
        fat = [r["fatalities"] for r in reps if r["fatalities"] is not None]
        outlets = sorted({r["outlet"] for r in reps if r["outlet"]})
        inters = sorted(x for x in (inter1, inter2) if x != "")
        yield {
            "event_id_cnty": f"{iso3 or iso2 or 'XX'}{c}", "event_date": d0 or "", "year": d0[:4] if d0 else "",
            "time_precision": precision, "disorder_type": DISORDER.get(ev["acled"]["event_type"], ""),
            "event_type": ev["acled"]["event_type"], "sub_event_type": ev["acled"]["sub_event_type"] or "",
            "actor1": a1[0][0] if a1 else "", "assoc_actor_1": "; ".join(n for n, _ in a1[1:]), "inter1": inter1,
            "actor2": a2[0][0] if a2 else "", "assoc_actor_2": "; ".join(n for n, _ in a2[1:]), "inter2": inter2,
            "interaction": "".join(str(x) for x in inters),
            "civilian_targeting": "Civilian targeting" if ev["acled"]["event_type"] == "Violence against civilians" else "",
            "iso": num, "region": region, "country": cname, "admin1": place.get("admin1") or "", "admin2": "",
            "admin3": "", "location": place.get("name") or "", "latitude": place.get("lat", ""),
            "longitude": place.get("lon", ""), "geo_precision": PRECISION.get(place.get("kind") or "", ""),
            "source": "; ".join(outlets), "source_scale": "", "notes": (ev.get("evidence") or {}).get("text") or "",
            "fatalities": min(fat) if fat else 0,
            "tags": f"marsad cluster={c} reports={len(reps)} articles=" + ",".join(sorted({r['article'] for r in reps})),
            "timestamp": stamp,
        }


def _csv_row(ev: dict) -> dict:
    p = ev.get("place") or {}
    return {
        "event_pk": ev["pk"], "article": ev["article"], "event_id": ev["id"], "type": ev["type"], "mode": ev["mode"],
        "acled_event_type": (ev.get("acled") or {}).get("event_type"),
        "acled_sub_event_type": (ev.get("acled") or {}).get("sub_event_type"), "status": ev["status"],
        "date_start": ev["date"]["start"], "date_end": ev["date"]["end"], "place": p.get("name"),
        "latitude": p.get("lat"), "longitude": p.get("lon"), "country": p.get("country"), "admin1": p.get("admin1"),
        "actors": "; ".join(ev["actors"]), "recipients": "; ".join(ev["recipients"]), "speaker": ev["speaker"],
        "anonymous": int(ev["anonymous"]), "named_source": int(ev["named_source"]), "fatalities": ev["fatalities"],
        "cluster": ev["cluster"], "outlet": ev["outlet"], "published": ev["published"], "url": ev.get("url"),
        "evidence": (ev.get("evidence") or {}).get("text"),
    }


def export(db, fmt: str, out: TextIO, filters: dict) -> int:
    """Write the export; returns how many items (records, rows or features) were written."""
    n = 0
    if fmt == "jsonl":
        filtered = any(v not in (None, [], "") for v in filters.values())
        wanted = {e["article"] for e in iter_events(db, filters)} if filtered else None
        for rec in Q.all_records(db):
            if wanted is None or rec["id"] in wanted:
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
    elif fmt == "csv":
        w = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
        w.writeheader()
        for ev in iter_events(db, filters):
            w.writerow(_csv_row(ev))
            n += 1
    elif fmt == "geojson":
        fc = Q.geojson(list(iter_events(db, filters)))
        json.dump(fc, out, ensure_ascii=False)
        out.write("\n")
        n = len(fc["features"])
    elif fmt == "acled-csv":
        w = csv.DictWriter(out, fieldnames=ACLED_COLUMNS)
        w.writeheader()
        for row in acled_rows(db, filters):
            w.writerow(row)
            n += 1
    else:
        raise Q.bad("format", f"one of {', '.join(FORMATS)}")
    return n
