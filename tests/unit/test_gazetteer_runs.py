"""The gazetteer's leading word runs and second words: stored by the build, worked out otherwise."""
from __future__ import annotations

import sqlite3

from marsad.resources.gazetteer import Gazetteer, key_runs

KEYS = ["جرف الصخر", "دير الزور", "دير الزور الجديده", "بغداد", "عين العرب", "عين"]


def _tiny(path, *, stored: bool) -> Gazetteer:
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE TABLE places (pid INTEGER PRIMARY KEY, name TEXT, name_en TEXT, lat REAL, lon REAL, cc TEXT,
                             admin1 TEXT, kind TEXT, pop INTEGER, gn INTEGER, src TEXT, prior REAL);
        CREATE TABLE names (key TEXT, pid INTEGER, how INTEGER, PRIMARY KEY (key, pid)) WITHOUT ROWID;
        CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
    """)
    db.executemany("INSERT INTO names VALUES (?,?,0)", [(k, i) for i, k in enumerate(KEYS)])
    if stored:  # deliberately not what the keys give: the stored rows are read as they are
        db.executemany("INSERT INTO meta VALUES (?,?)", [("continued", "جرف\nعين"), ("seconds", "الصخر")])
    db.commit()
    db.close()
    return Gazetteer(path)


def test_key_runs_are_every_proper_leading_run_and_second_word():
    cont, seconds = key_runs(KEYS)
    assert cont == {"جرف", "دير", "دير الزور", "عين"}
    assert seconds == {"الصخر", "الزور", "العرب"}


def test_loader_reads_stored_runs_or_works_them_out(tmp_path):
    plain = _tiny(tmp_path / "plain.sqlite", stored=False)
    assert plain.continued == {"جرف", "دير", "دير الزور", "عين"}
    assert plain.prefixes == set(KEYS) | {"جرف", "دير"}
    stored = _tiny(tmp_path / "stored.sqlite", stored=True)
    assert stored.continued == {"جرف", "عين"} and stored.seconds == {"الصخر"}
    assert stored.keys == set(KEYS)


def test_bundled_gazetteer_stores_what_its_keys_give():
    gaz = Gazetteer()
    cont, seconds = key_runs(gaz.keys)
    assert gaz.continued == cont and gaz.seconds == seconds
    assert gaz.prefixes == gaz.keys | cont
    assert {k for k, in gaz.db.execute("SELECT k FROM meta")} >= {"continued", "seconds"}
