"""The observatory's store: coded articles in SQLite (default) or PostgreSQL, searchable.

    from marsad.store import open_store, ingest_record
    db = open_store("marsad.db")            # or "postgresql://user@host/db"
    ingest_record(db, record)               # a marsad.doc/1 record with its "text"

Modules: :mod:`~marsad.store.schema` (tables, migrations), :mod:`~marsad.store.db` (connection,
one writer), :mod:`~marsad.store.ingest` (writing records), :mod:`~marsad.store.query`
(filters, search, listings), :mod:`~marsad.store.dedup` (near-duplicates, event clusters),
:mod:`~marsad.store.textindex` (Arabic search form).
"""
from __future__ import annotations

from marsad.store.db import DB
from marsad.store.ingest import delete_article, ingest_record


def open_store(url: str, *, readonly: bool = False, migrate: bool = True) -> DB:
    """Open (creating and migrating as needed) the store at a SQLite path or postgresql:// URL."""
    return DB(url, readonly=readonly, migrate=migrate)


__all__ = ["DB", "open_store", "ingest_record", "delete_article"]
