"""``marsad ingest`` killed with SIGKILL mid-run leaves a consistent database, and a re-run adds
exactly the articles that are missing (the real CLI, a subprocess, SQLite)."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.integration.test_extract_cli import write_jsonl

pytestmark = pytest.mark.slow


def _count(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def _check_consistent(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        # every article has all of its rows, and no row lacks its article
        bad = con.execute("""SELECT a.id FROM articles a WHERE
            a.n_entities != (SELECT count(*) FROM entities e WHERE e.article_pk = a.pk) OR
            a.n_events != (SELECT count(*) FROM events v WHERE v.article_pk = a.pk) OR
            a.n_quotes != (SELECT count(*) FROM quotes q WHERE q.article_pk = a.pk)""").fetchall()
        assert bad == []
        for table in ("entities", "events", "quotes", "quantities"):
            orphans = con.execute(f"SELECT count(*) FROM {table} WHERE article_pk NOT IN "
                                  "(SELECT pk FROM articles)").fetchone()[0]
            assert orphans == 0, table
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        con.close()


def test_ingest_killed_then_resumed(tmp_path):
    ids = write_jsonl(tmp_path / "in.jsonl", 1500)
    db = tmp_path / "m.db"
    cmd = [sys.executable, "-m", "marsad.cli.main", "ingest", str(tmp_path / "in.jsonl"), "--db", str(db),
           "--workers", "2"]
    env = dict(os.environ, MARSAD_PROGRESS="never")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    try:
        t0 = time.monotonic()
        while _count(db) < 40 and proc.poll() is None and time.monotonic() - t0 < 600:
            time.sleep(0.1)
        assert proc.poll() is None, f"ingest ended before it could be killed: {proc.stderr.read()}"
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # no clean-up of any kind
        proc.wait()
    stored = _check_consistent(db)
    assert 40 <= stored < len(ids)

    again = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)
    assert again.returncode == 0, again.stderr
    summary = again.stderr.strip().splitlines()[-1]
    assert f"{len(ids) - stored} added" in summary and f"{stored} unchanged" in summary, summary
    assert f"({stored} not analysed again)" in summary, summary  # a re-run finishes only what is missing
    assert _check_consistent(db) == len(ids)
    con = sqlite3.connect(db)
    try:
        assert sorted(r[0] for r in con.execute("SELECT id FROM articles")) == ids
    finally:
        con.close()
