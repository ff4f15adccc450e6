"""One small connection wrapper over SQLite (default) and PostgreSQL (psycopg 3).

SQL is written once with ``?`` placeholders; :class:`DB` turns them into ``%s`` for psycopg.
Rows come back as plain dicts on both backends.  Writes go through :meth:`DB.write`, one
transaction that either commits whole or leaves nothing behind; only one writer runs at a time
(SQLite: ``BEGIN IMMEDIATE`` under WAL; PostgreSQL: a transaction-scoped advisory lock), so the
near-duplicate and event-cluster decisions of two concurrent ingests never interleave.

A connection belongs to one thread: the HTTP server opens one per worker thread.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from marsad.errors import MarsadError
from marsad.store import schema

WRITER_LOCK_ID = 0x6D617273  # advisory lock key for the one PostgreSQL writer ("mars")


def _km(lat1, lon1, lat2, lon2):
    if None in (lat1, lon1, lat2, lon2):
        return None
    from marsad.store.dedup import haversine_km

    return haversine_km(lat1, lon1, lat2, lon2)


def is_postgres(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


class DB:
    def __init__(self, url: str, *, readonly: bool = False, migrate: bool = True) -> None:
        self.url = str(url)
        self.kind = "postgres" if is_postgres(self.url) else "sqlite"
        self._in_tx = False
        if self.kind == "postgres":
            try:
                import psycopg
                from psycopg.rows import dict_row
            except ImportError as exc:  # pragma: no cover - psycopg is a dependency
                raise MarsadError("E209", "PostgreSQL needs psycopg: pip install 'psycopg[binary]'") from exc
            try:
                self.conn = psycopg.connect(self.url, autocommit=True, row_factory=dict_row)
            except psycopg.Error as exc:
                raise MarsadError("E209", f"cannot connect to {self._safe_url()}: {exc}") from exc
        else:
            p = Path(self.url)
            if readonly and not p.exists():
                raise MarsadError("E209", f"database {self.url} does not exist (run `marsad ingest` first)")
            if self.url != ":memory:" and not p.parent.exists():
                raise MarsadError("E209", f"directory of {self.url} does not exist")
            try:
                # check_same_thread=False: the API's connection pool hands a connection to one
                # thread at a time, never to two at once
                self.conn = sqlite3.connect(self.url, isolation_level=None, timeout=30.0,
                                            check_same_thread=False)
            except sqlite3.Error as exc:
                raise MarsadError("E209", f"cannot open {self.url}: {exc}") from exc
            self.conn.row_factory = sqlite3.Row
            self.conn.create_function("marsad_km", 4, _km, deterministic=True)
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA busy_timeout=30000")
            if self.url != ":memory:":
                self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
        if migrate:
            self.migrate()

    def _safe_url(self) -> str:
        # never print a password
        if "@" in self.url and ":" in self.url.split("@")[0][13:]:
            head, tail = self.url.split("@", 1)
            return head.rsplit(":", 1)[0] + ":***@" + tail
        return self.url

    # ------------------------------------------------------------ statements
    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.kind == "postgres" else sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(self._sql(sql), tuple(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        if self.kind == "postgres":
            with self.conn.cursor() as cur:
                cur.executemany(self._sql(sql), rows)
        else:
            self.conn.executemany(sql, rows)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict]:
        return [dict(r) for r in self.execute(sql, params).fetchall()]

    def one(self, sql: str, params: Sequence[Any] = ()) -> dict | None:
        r = self.execute(sql, params).fetchone()
        return dict(r) if r is not None else None

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        rows = self.execute(sql, params).fetchall()  # fetchall: finishes INSERT ... RETURNING
        if not rows:
            return None
        return next(iter(dict(rows[0]).values()))

    @contextmanager
    def write(self) -> Iterator[DB]:
        """One all-or-nothing write transaction, with this process as the only writer."""
        if self._in_tx:  # nested use joins the open transaction
            yield self
            return
        self._in_tx = True
        try:
            if self.kind == "postgres":
                with self.conn.transaction():
                    self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITER_LOCK_ID,))
                    yield self
            else:
                self.conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self
                except BaseException:
                    self.conn.execute("ROLLBACK")
                    raise
                self.conn.execute("COMMIT")
        finally:
            self._in_tx = False

    # ------------------------------------------------------------ schema
    def migrate(self) -> None:
        with self.write():
            self.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
            v = self.scalar("SELECT value FROM meta WHERE name = 'schema_version'")
            current = int(v) if v is not None else 0
            if current > schema.VERSION:
                raise MarsadError("E211", f"database schema {current}, this Marsad knows {schema.VERSION}")
            for version in range(current + 1, schema.VERSION + 1):
                for stmt in schema.statements(version, self.kind):
                    if stmt.startswith("CREATE TABLE IF NOT EXISTS meta"):
                        continue
                    self.execute(stmt)
                if current == 0 and version == 1:
                    self.execute("INSERT INTO meta (name, value) VALUES ('schema_version', ?)", (str(version),))
                else:
                    self.execute("UPDATE meta SET value = ? WHERE name = 'schema_version'", (str(version),))

    def schema_version(self) -> int:
        return int(self.scalar("SELECT value FROM meta WHERE name = 'schema_version'"))

    def size_bytes(self) -> int:
        if self.kind == "postgres":
            return int(self.scalar("SELECT pg_database_size(current_database()) AS n"))
        if self.url == ":memory:":
            return 0
        return sum(p.stat().st_size for p in Path(self.url).parent.glob(Path(self.url).name + "*"))

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> DB:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
