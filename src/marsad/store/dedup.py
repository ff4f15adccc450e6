"""Near-duplicate articles and event clusters.

**Near-duplicate articles** (one wire story on several sites): the words of an article, stemmed
as for search, make overlapping 4-word shingles; a 64-slot one-permutation MinHash (Li, Owen &
Zhang 2012: each shingle is hashed once with BLAKE2b, the hash picks a slot and the smallest value
per slot is kept, empty slots borrow from the next full one) estimates the Jaccard similarity of
two shingle sets.  Sixteen bands of four slots are stored as LSH keys, so a new article is
compared only with articles sharing a band.  Why not ``datasketch``: it needs numpy and computes
k hash permutations per shingle; the one-permutation sketch is 40 lines and hashes each shingle
once, which keeps ingest of the full corpus quick in pure Python.

**Event clusters**: the same event reported by several articles.  Two event reports belong
together when they have the same PLOVER type, compatible dates (within ``cluster_days``),
places within ``cluster_radius_km`` (or the same place name when coordinates are missing), and
compatible participants (actors and recipients share a knowledge-base key or canonical name, or
one side names none).  A cluster's id is the ``pk`` of its first report.
"""
from __future__ import annotations

import json
import math
from datetime import date, timedelta
from hashlib import blake2b

from marsad import settings
from marsad.store.textindex import stems

SLOTS = 64
BANDS = 16
ROWS = SLOTS // BANDS
SHINGLE = 4
_EMPTY = (1 << 64) - 1


# ---------------------------------------------------------------- near-duplicate articles
def shingles(text: str | list[str]) -> set[bytes]:
    w = stems(text) if isinstance(text, str) else text
    if len(w) < SHINGLE:
        return {" ".join(w).encode()} if w else set()
    return {" ".join(w[i:i + SHINGLE]).encode() for i in range(len(w) - SHINGLE + 1)}


def signature(text: str | list[str]) -> list[int] | None:
    """One-permutation MinHash of the article's shingles (of its text or its stems), or None if empty."""
    sh = shingles(text)
    if not sh:
        return None
    sig = [_EMPTY] * SLOTS
    for s in sh:
        h = int.from_bytes(blake2b(s, digest_size=8).digest(), "little")
        slot, val = h % SLOTS, h // SLOTS
        if val < sig[slot]:
            sig[slot] = val
    # densify: an empty slot takes the value of the next full slot (rotation), so two sketches
    # stay comparable slot by slot
    if _EMPTY in sig:
        full = [i for i, v in enumerate(sig) if v != _EMPTY]
        out = list(sig)
        for i, v in enumerate(sig):
            if v == _EMPTY:
                j = next((k for k in full if k > i), full[0])
                out[i] = sig[j] ^ (i * 0x9E3779B97F4A7C15 & _EMPTY)
        sig = out
    return sig


def similarity(a: list[int], b: list[int]) -> float:
    return sum(x == y for x, y in zip(a, b, strict=True)) / SLOTS


def bands(sig: list[int]) -> list[str]:
    out = []
    for b in range(BANDS):
        part = sig[b * ROWS:(b + 1) * ROWS]
        out.append(f"{b}:" + blake2b(repr(part).encode(), digest_size=8).hexdigest())
    return out


def encode(sig: list[int]) -> str:
    return ",".join(format(v, "x") for v in sig)


def decode(s: str) -> list[int]:
    return [int(v, 16) for v in s.split(",")]


def assign_duplicates(db, article_pk: int, text: str | list[str]) -> int:
    """Store the article's sketch and return its duplicate group (merging groups it bridges)."""
    sig = signature(text)
    if sig is None:
        db.execute("UPDATE articles SET dup_group = ? WHERE pk = ?", (article_pk, article_pk))
        return article_pk
    bs = bands(sig)
    marks = ",".join("?" * len(bs))
    cands = db.query(
        f"SELECT DISTINCT s.article_pk AS pk, s.sig AS sig, a.dup_group AS grp FROM article_bands b "
        f"JOIN article_sigs s ON s.article_pk = b.article_pk JOIN articles a ON a.pk = b.article_pk "
        f"WHERE b.band IN ({marks}) AND b.article_pk <> ?", (*bs, article_pk))
    threshold = settings.get("dup_threshold")
    groups = {c["grp"] for c in cands if similarity(sig, decode(c["sig"])) >= threshold}
    groups.discard(None)
    group = min(groups | {article_pk})
    db.execute("INSERT INTO article_sigs (article_pk, sig) VALUES (?, ?)", (article_pk, encode(sig)))
    db.executemany("INSERT INTO article_bands (band, article_pk) VALUES (?, ?)", [(b, article_pk) for b in bs])
    db.execute("UPDATE articles SET dup_group = ? WHERE pk = ?", (group, article_pk))
    others = sorted(g for g in groups if g != group)
    if others:
        db.execute(f"UPDATE articles SET dup_group = ? WHERE dup_group IN ({','.join('?' * len(others))})",
                   (group, *others))
    return group


def regroup_after_delete(db, article_pk: int) -> None:
    """Articles whose group was named after a removed article take their smallest member's pk."""
    rows = db.query("SELECT pk FROM articles WHERE dup_group = ? AND pk <> ? ORDER BY pk", (article_pk, article_pk))
    if rows:
        db.execute("UPDATE articles SET dup_group = ? WHERE dup_group = ? AND pk <> ?",
                   (rows[0]["pk"], article_pk, article_pk))


# ---------------------------------------------------------------- event clusters
def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def bbox(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    dlat = radius_km / 111.0
    dlon = radius_km / (111.0 * max(0.01, math.cos(math.radians(lat))))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def _shift(d: str, days: int) -> str:
    try:
        return (date.fromisoformat(d[:10]) + timedelta(days=days)).isoformat()
    except ValueError:
        return d


def _participants(db, event_pk: int) -> set[str]:
    return {r["actor_key"] for r in db.query(
        "SELECT actor_key FROM event_entities WHERE event_pk = ? AND role IN ('actor', 'recipient')",
        (event_pk,))}


def assign_cluster(db, ev: dict, participants: set[str]) -> int:
    """Cluster id for a just-inserted event row ``ev`` (a dict of its columns, with ``pk``)."""
    if not ev.get("date_start"):
        return ev["pk"]
    days = settings.get("cluster_days")
    lo, hi = _shift(ev["date_start"], -days), _shift(ev.get("date_end") or ev["date_start"], days)
    sql = ("SELECT pk, cluster, lat, lon, date_start FROM events WHERE type = ? AND pk <> ? "
           "AND date_start IS NOT NULL AND date_start <= ? AND COALESCE(date_end, date_start) >= ?")
    params: list = [ev["type"], ev["pk"], hi, lo]
    radius = settings.get("cluster_radius_km")
    if ev.get("lat") is not None and ev.get("lon") is not None:
        la0, la1, lo0, lo1 = bbox(ev["lat"], ev["lon"], radius)
        sql += " AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?"
        params += [la0, la1, lo0, lo1]
    elif ev.get("place_key"):
        sql += " AND lat IS NULL AND place_key = ?"
        params.append(ev["place_key"])
    else:
        return ev["pk"]
    best: tuple[float, int] | None = None
    for c in db.query(sql + " ORDER BY pk LIMIT 200", params):
        dist = 0.0
        if ev.get("lat") is not None:
            dist = haversine_km(ev["lat"], ev["lon"], c["lat"], c["lon"])
            if dist > radius:
                continue
        other = _participants(db, c["pk"])
        if participants and other and not (participants & other):
            continue
        score = dist + abs((date.fromisoformat(c["date_start"][:10])
                            - date.fromisoformat(ev["date_start"][:10])).days)
        if best is None or score < best[0]:
            best = (score, c["cluster"] if c["cluster"] is not None else c["pk"])
    return best[1] if best else ev["pk"]


def independent_sources(reports: list[dict]) -> int:
    """Number of independent sources among reports: same outlet or same wire copy counts once."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for r in reports:
        a = f"a:{r['article_pk']}"
        find(a)
        for other in (f"o:{r['outlet']}" if r.get("outlet") else None, f"d:{r['dup_group']}"):
            if other:
                parent[find(a)] = find(other)
    return len({find(f"a:{r['article_pk']}") for r in reports})


def cluster_view(db, cluster: int) -> dict | None:
    rows = db.query(
        "SELECT e.pk, e.id, e.type, e.mode, e.status, e.date_start, e.date_end, e.place, e.lat, e.lon, "
        "e.country, e.speaker, e.anonymous, e.named_source, e.evidence_text, e.actors, e.recipients, "
        "e.fatalities, a.pk AS article_pk, a.id AS article, a.title, a.outlet, a.published, a.dup_group "
        "FROM events e JOIN articles a ON a.pk = e.article_pk WHERE e.cluster = ? ORDER BY e.pk", (cluster,))
    if not rows:
        return None
    reports = [{
        "event": r["pk"], "event_id": r["id"], "article": r["article"], "title": r["title"],
        "outlet": r["outlet"], "published": r["published"], "speaker": r["speaker"],
        "anonymous": bool(r["anonymous"]), "named_source": bool(r["named_source"]),
        "status": r["status"], "evidence": r["evidence_text"], "fatalities": r["fatalities"],
    } for r in rows]
    first = rows[0]
    dates = sorted(r["date_start"] for r in rows if r["date_start"])
    return {
        "id": cluster, "type": first["type"], "mode": first["mode"], "place": first["place"],
        "lat": first["lat"], "lon": first["lon"], "country": first["country"],
        "date_start": dates[0] if dates else None, "date_end": dates[-1] if dates else None,
        "actors": sorted({a for r in rows for a in json.loads(r["actors"])}),
        "recipients": sorted({a for r in rows for a in json.loads(r["recipients"])}),
        "n_reports": len(rows), "n_articles": len({r["article_pk"] for r in rows}),
        "independent_outlets": independent_sources(rows),
        "outlets": sorted({r["outlet"] for r in rows if r["outlet"]}),
        "any_named_source": any(r["named_source"] for r in rows),
        "reports": reports,
    }
