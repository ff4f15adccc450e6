"""Writing one ``marsad.doc/1`` record into the store.

:func:`ingest_record` is all-or-nothing: the article, its entities, events, quotes, quantities,
search row, duplicate sketch and event clusters are written in one transaction.  The same
article again (same id, same text hash) is a no-op; a changed text replaces the old analysis.
"""
from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from marsad.arabic.normalise import key
from marsad.errors import MarsadError
from marsad.store import dedup
from marsad.store.textindex import index_form, stems

#: entity fields that carry a knowledge-base key, in order of preference
KB_FIELDS = ("kb", "kb_key", "key", "actor_key")


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def actor_key(ent: dict) -> str:
    """Identity of an actor across articles: KB key, else Wikidata id, else folded name."""
    for f in KB_FIELDS:
        v = ent.get(f)
        if isinstance(v, str) and v:
            return "kb:" + v
    if ent.get("wikidata"):
        return "wd:" + ent["wikidata"]
    return "n:" + key(ent.get("name") or "")


def _j(x) -> str:
    return json.dumps(x, ensure_ascii=False, separators=(",", ":"))


def _valid_span(text: str, span) -> tuple[int, int] | None:
    if not isinstance(span, dict):
        return None
    s, e = span.get("start"), span.get("end")
    if isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(text):
        return s, e
    return None


def _title(rec: dict) -> str | None:
    return (rec.get("meta") or {}).get("title") or rec.get("title")


def event_row(rec: dict, ev: dict, ents: dict[str, dict], text: str) -> tuple[dict, list[tuple]]:
    """Flatten one event into its column values and its (role, entity) links."""
    meta = rec.get("meta") or {}
    place = None
    for lid in ev.get("location") or []:
        e = ents.get(lid)
        if not e or e.get("type") != "PLACE":
            continue
        # the first place, unless a later one has coordinates and it has none
        if place is None or ((place.get("place") or {}).get("lat") is None
                             and (e.get("place") or {}).get("lat") is not None):
            place = e
    pl = (place or {}).get("place") or {}
    d = ev.get("date") or {}
    start = d.get("start") or meta.get("published")
    end = d.get("end") or start
    att = ev.get("attribution") or {}
    speaker = ents.get(att.get("speaker")) if att.get("speaker") else None
    anonymous = bool(att.get("anonymous"))
    killed = [q for q in ev.get("quantities") or [] if q.get("kind") == "killed"]
    fatalities = None
    if killed:
        fatalities = sum(int(q.get("value") if q.get("value") is not None else (q.get("low") or 0)) for q in killed)
    ev_span = _valid_span(text, ev.get("evidence"))
    acled = ev.get("acled") or {}
    links = []
    for role, field in (("actor", "actor"), ("recipient", "recipient"), ("location", "location")):
        for eid in ev.get(field) or []:
            e = ents.get(eid)
            if e:
                links.append((role, eid, actor_key(e), key(e.get("name") or ""), e.get("name") or ""))
    row = {
        "id": ev.get("id") or "", "type": ev.get("type") or "", "mode": ev.get("mode"),
        "acled_event_type": acled.get("event_type"), "acled_sub_event_type": acled.get("sub_event_type"),
        "status": ev.get("status"), "date_start": start, "date_end": end,
        "lat": pl.get("lat"), "lon": pl.get("lon"), "country": pl.get("country"), "admin1": pl.get("admin1"),
        "place": (place or {}).get("name"), "place_key": key(place["name"]) if place else None,
        "place_kind": pl.get("kind"),
        "actors": _j([ents[a]["name"] for a in ev.get("actor") or [] if a in ents]),
        "recipients": _j([ents[a]["name"] for a in ev.get("recipient") or [] if a in ents]),
        "speaker": speaker.get("name") if speaker else None,
        "anonymous": int(anonymous), "named_source": int(bool(speaker) and not anonymous),
        "fatalities": fatalities,
        "evidence_start": ev_span[0] if ev_span else None, "evidence_end": ev_span[1] if ev_span else None,
        "evidence_text": text[ev_span[0]:ev_span[1]] if ev_span else None,
        "record": _j(ev),
    }
    return row, links


def _delete_article(db, pk: int) -> None:
    if db.kind == "sqlite":
        db.execute("DELETE FROM article_fts WHERE rowid = ?", (pk,))
    db.execute("DELETE FROM articles WHERE pk = ?", (pk,))
    dedup.regroup_after_delete(db, pk)


def delete_article(db, article_id: str) -> bool:
    with db.write():
        row = db.one("SELECT pk FROM articles WHERE id = ?", (article_id,))
        if row is None:
            return False
        _delete_article(db, row["pk"])
        return True


def ingest_record(db, rec: dict) -> str:
    """Write one record; returns 'added', 'replaced', 'unchanged' or 'error' (error records)."""
    if not isinstance(rec, dict) or not isinstance(rec.get("id"), str) or not rec["id"]:
        raise MarsadError("E210", "a record needs a non-empty string 'id'")
    if rec.get("error"):
        return "error"
    text = rec.get("text")
    if not isinstance(text, str):
        raise MarsadError("E210", f"record {rec['id']!r} has no 'text' (ingest records written with the text)")
    h = text_hash(text)
    meta = rec.get("meta") or {}
    with db.write():
        old = db.one("SELECT pk, text_hash FROM articles WHERE id = ?", (rec["id"],))
        if old is not None and old["text_hash"] == h:
            return "unchanged"
        if old is not None:
            _delete_article(db, old["pk"])
        ents = {e["id"]: e for e in rec.get("entities") or [] if isinstance(e, dict) and e.get("id")}
        events = [e for e in rec.get("events") or [] if isinstance(e, dict)]
        quotes = [q for q in rec.get("quotes") or [] if isinstance(q, dict)]
        record = {k: v for k, v in rec.items() if k != "text"}
        pk = db.scalar(
            "INSERT INTO articles (id, text_hash, title, outlet, url, published, text, record, n_entities, "
            "n_events, n_quotes, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING pk",
            (rec["id"], h, _title(rec), meta.get("outlet"), meta.get("url") or rec.get("url"),
             meta.get("published"), text, _j(record), len(ents), len(events), len(quotes),
             datetime.now(UTC).isoformat(timespec="seconds")))
        body_stems = stems(text)
        title_f, body_f = index_form(_title(rec) or ""), " ".join(body_stems)
        if db.kind == "sqlite":
            db.execute("INSERT INTO article_fts (rowid, title, body) VALUES (?, ?, ?)", (pk, title_f, body_f))
        else:
            db.execute("INSERT INTO article_search (article_pk, tsv) VALUES (?, "
                       "setweight(to_tsvector('arabic', ?), 'A') || setweight(to_tsvector('arabic', ?), 'B'))",
                       (pk, title_f, body_f))
        db.executemany(
            "INSERT INTO entities (article_pk, id, type, name, name_key, actor_key, name_en, wikidata, lat, lon, "
            "country, admin1, kind, n_mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(pk, e["id"], e.get("type") or "", e.get("name") or "", key(e.get("name") or ""), actor_key(e),
              e.get("name_en"), e.get("wikidata"), (e.get("place") or {}).get("lat"),
              (e.get("place") or {}).get("lon"), (e.get("place") or {}).get("country"),
              (e.get("place") or {}).get("admin1"), (e.get("place") or {}).get("kind"),
              len(e.get("mentions") or [])) for e in ents.values()])
        for ev in events:
            if not isinstance(ev.get("type"), str) or not ev["type"]:
                # raised inside the transaction: the article row written above is rolled back
                raise MarsadError("E210", f"record {rec['id']!r}: event {ev.get('id')!r} has no type")
            row, links = event_row(rec, ev, ents, text)
            cols = ["article_pk", *row]
            epk = db.scalar(f"INSERT INTO events ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
                            "RETURNING pk", (pk, *row.values()))
            db.executemany("INSERT INTO event_entities (event_pk, role, entity_id, actor_key, name_key, name) "
                           "VALUES (?, ?, ?, ?, ?, ?)", [(epk, *link) for link in links])
            parts = {lk[2] for lk in links if lk[0] in ("actor", "recipient")}
            cluster = dedup.assign_cluster(db, {**row, "pk": epk}, parts)
            db.execute("UPDATE events SET cluster = ? WHERE pk = ?", (cluster, epk))
        db.executemany(
            "INSERT INTO quotes (article_pk, id, speaker, speaker_text, anonymous, via, direct, record) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(pk, q.get("id") or f"q{i}", (ents.get(q.get("speaker")) or {}).get("name"), q.get("speaker_text"),
              int(bool(q.get("anonymous"))), (ents.get(q.get("via")) or {}).get("name"),
              int(bool(q.get("direct"))), _j(q)) for i, q in enumerate(quotes)])
        db.executemany(
            "INSERT INTO quantities (article_pk, idx, kind, value, low, high, qualifier, record) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(pk, i, q.get("kind"), q.get("value"), q.get("low"), q.get("high"), q.get("qualifier"), _j(q))
             for i, q in enumerate(rec.get("quantities") or []) if isinstance(q, dict)])
        dedup.assign_duplicates(db, pk, body_stems)
    return "replaced" if old is not None else "added"
