"""Database schema and its migrations, for SQLite and PostgreSQL alike.

Each migration is a list of statements written once in portable SQL; ``{PK}`` becomes the
auto-numbered key of each backend.  The full-text index differs: SQLite uses an FTS5 table over
the stemmed form (:mod:`marsad.store.textindex`), PostgreSQL a ``tsvector`` built with its
``arabic`` configuration from the same stemmed form, under a GIN index.  ``meta.schema_version``
records how far a database is migrated; opening it with an older Marsad than wrote it is E211.
"""
from __future__ import annotations

PK = {"sqlite": "INTEGER PRIMARY KEY", "postgres": "BIGSERIAL PRIMARY KEY"}
REF = {"sqlite": "INTEGER", "postgres": "BIGINT"}

_V1 = [
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)",
    """CREATE TABLE articles (
        pk {PK}, id TEXT NOT NULL UNIQUE, text_hash TEXT NOT NULL, title TEXT, outlet TEXT,
        url TEXT, published TEXT, text TEXT NOT NULL, record TEXT NOT NULL, dup_group {REF},
        n_entities INTEGER NOT NULL DEFAULT 0, n_events INTEGER NOT NULL DEFAULT 0,
        n_quotes INTEGER NOT NULL DEFAULT 0, ingested_at TEXT NOT NULL)""",
    "CREATE INDEX articles_published ON articles(published)",
    "CREATE INDEX articles_dup ON articles(dup_group)",
    "CREATE INDEX articles_outlet ON articles(outlet)",
    """CREATE TABLE article_sigs (
        article_pk {REF} PRIMARY KEY REFERENCES articles(pk) ON DELETE CASCADE, sig TEXT NOT NULL)""",
    """CREATE TABLE article_bands (
        band TEXT NOT NULL, article_pk {REF} NOT NULL REFERENCES articles(pk) ON DELETE CASCADE)""",
    "CREATE INDEX article_bands_band ON article_bands(band)",
    "CREATE INDEX article_bands_article ON article_bands(article_pk)",
    """CREATE TABLE entities (
        article_pk {REF} NOT NULL REFERENCES articles(pk) ON DELETE CASCADE, id TEXT NOT NULL,
        type TEXT NOT NULL, name TEXT NOT NULL, name_key TEXT NOT NULL, actor_key TEXT NOT NULL,
        name_en TEXT, wikidata TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION, country TEXT,
        admin1 TEXT, kind TEXT, n_mentions INTEGER NOT NULL, PRIMARY KEY (article_pk, id))""",
    "CREATE INDEX entities_actor_key ON entities(actor_key)",
    "CREATE INDEX entities_type ON entities(type)",
    """CREATE TABLE events (
        pk {PK}, article_pk {REF} NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
        id TEXT NOT NULL, type TEXT NOT NULL, mode TEXT, acled_event_type TEXT,
        acled_sub_event_type TEXT, status TEXT, date_start TEXT, date_end TEXT,
        lat DOUBLE PRECISION, lon DOUBLE PRECISION, country TEXT, admin1 TEXT, place TEXT,
        place_key TEXT, place_kind TEXT, actors TEXT NOT NULL, recipients TEXT NOT NULL,
        speaker TEXT, anonymous INTEGER NOT NULL, named_source INTEGER NOT NULL,
        fatalities INTEGER, evidence_start INTEGER, evidence_end INTEGER, evidence_text TEXT,
        cluster {REF}, record TEXT NOT NULL, UNIQUE (article_pk, id))""",
    "CREATE INDEX events_type ON events(type, date_start)",
    "CREATE INDEX events_date ON events(date_start)",
    "CREATE INDEX events_cluster ON events(cluster)",
    "CREATE INDEX events_country ON events(country)",
    "CREATE INDEX events_lat ON events(lat)",
    """CREATE TABLE event_entities (
        event_pk {REF} NOT NULL REFERENCES events(pk) ON DELETE CASCADE, role TEXT NOT NULL,
        entity_id TEXT NOT NULL, actor_key TEXT NOT NULL, name_key TEXT NOT NULL, name TEXT NOT NULL)""",
    "CREATE INDEX event_entities_event ON event_entities(event_pk)",
    "CREATE INDEX event_entities_key ON event_entities(actor_key)",
    """CREATE TABLE quotes (
        article_pk {REF} NOT NULL REFERENCES articles(pk) ON DELETE CASCADE, id TEXT NOT NULL,
        speaker TEXT, speaker_text TEXT, anonymous INTEGER NOT NULL, via TEXT,
        direct INTEGER NOT NULL, record TEXT NOT NULL, PRIMARY KEY (article_pk, id))""",
    """CREATE TABLE quantities (
        article_pk {REF} NOT NULL REFERENCES articles(pk) ON DELETE CASCADE, idx INTEGER NOT NULL,
        kind TEXT, value DOUBLE PRECISION, low DOUBLE PRECISION, high DOUBLE PRECISION,
        qualifier TEXT, record TEXT NOT NULL, PRIMARY KEY (article_pk, idx))""",
]

_FTS_V1 = {
    "sqlite": [
        "CREATE VIRTUAL TABLE article_fts USING fts5(title, body, tokenize='unicode61 remove_diacritics 0')",
    ],
    "postgres": [
        """CREATE TABLE article_search (
            article_pk BIGINT PRIMARY KEY REFERENCES articles(pk) ON DELETE CASCADE,
            tsv tsvector NOT NULL)""",
        "CREATE INDEX article_search_tsv ON article_search USING GIN (tsv)",
    ],
}

#: version 2: a covering index for the event list filtered by a search (article_pk IN matches) with
#: dates, type or status: counting and ordering the matches no longer reads the event rows
_V2 = ["CREATE INDEX events_article_cover ON events(article_pk, date_start, date_end, type, status)"]

#: version -> (portable statements, backend-specific statements)
MIGRATIONS: dict[int, tuple[list[str], dict[str, list[str]]]] = {
    1: (_V1, _FTS_V1),
    2: (_V2, {}),
}
VERSION = max(MIGRATIONS)


def statements(version: int, kind: str) -> list[str]:
    common, specific = MIGRATIONS[version]
    out = [s.replace("{PK}", PK[kind]).replace("{REF}", REF[kind]) for s in common]
    return out + list(specific.get(kind, []))
