"""Read access to the compiled Arabic gazetteer (``gazetteer.sqlite``, built by
``python -m marsad.build.gazetteer``).

The file is opened read-only on first use (SQLite's ``mode=ro`` URI, immutable), so a process
pays for the gazetteer only when it geocodes, and many worker processes share the OS page cache.
Lookups are by folded key (:func:`marsad.arabic.normalise.key`); results are cached per key.
The set of all keys and of their leading word runs (:attr:`Gazetteer.prefixes`) is read into
memory once (~0.15 s, ~40 MB; the runs and the keys' second words are stored by the build), so a
key that names no place costs a set probe, not a query.
"""
from __future__ import annotations

import csv
import math
import sqlite3
from dataclasses import dataclass, replace
from itertools import compress, repeat
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from marsad.arabic.normalise import key as fkey
from marsad.resources import path as data_path

GAZETTEER = "gazetteer.sqlite"
#: names.how values
NAME, VARIANT, DEMONYM = 0, 1, 2


def read_place_cues() -> dict[str, str]:
    """``place_cues.tsv``: folded word -> role (``kind:city``, ``site``, ``trigger``, ``model`` …).
    Read on each call: callers keep the result (the Geocode stage, the place-kind words of the
    entities and events stages)."""
    with data_path("place_cues.tsv").open(encoding="utf-8") as f:
        rows = csv.DictReader((ln for ln in f if not ln.startswith("#")), delimiter="\t")
        return {fkey(r["word"]): r["role"] for r in rows if r.get("word")}


def place_kind_words(cues: dict[str, str] | None = None, *, sites: bool = False) -> frozenset[str]:
    """The folded words of the ``kind:`` rows of ``place_cues.tsv`` (محافظة، مدينة، مدن، قرى …),
    with ``sites`` also those of the ``site`` rows (حي، منطقة، شارع …)."""
    cues = read_place_cues() if cues is None else cues
    return frozenset(w for w, role in cues.items() if role.startswith("kind:") or sites and role == "site")


@dataclass(frozen=True, slots=True)
class Place:
    pid: int
    name: str
    name_en: str
    lat: float
    lon: float
    cc: str
    admin1: str | None
    kind: str
    pop: int | None
    gn: int | None
    src: str
    prior: float
    how: int  # how the looked-up key names this place (NAME / VARIANT / DEMONYM)

    def contract(self) -> dict:
        """The contract's ``place`` object."""
        kind = "site" if self.kind == "neighbourhood" else self.kind
        return {"lat": self.lat, "lon": self.lon, "geonames_id": self.gn, "country": self.cc,
                "admin1": self.admin1, "kind": kind}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


class StopWords(NamedTuple):
    """Folded keys of ``place_stopwords.tsv`` by reason (see the file's header)."""

    stop: frozenset[str]  # never taken by free lookup (features included)
    homonyms: frozenset[str]  # homonym, homonym-near and homonym-cue rows
    near: frozenset[str]  # homonym-near ⊂ homonyms
    cue: frozenset[str]  # homonym-cue ⊂ homonyms
    features: frozenset[str]  # feature ⊂ stop
    clubs: frozenset[str]  # club: a city whose name is a football club's (neither stop nor homonym)


def read_stopwords() -> StopWords:
    """The rows of ``place_stopwords.tsv`` by reason."""
    stop, hom, near, cue, feat, clubs = set(), set(), set(), set(), set(), set()
    with data_path("place_stopwords.tsv").open(encoding="utf-8") as f:
        rows = csv.DictReader((ln for ln in f if not ln.startswith("#")), delimiter="\t")
        for r in rows:
            if r.get("word"):
                reason = (r.get("reason") or "").strip()
                k = fkey(r["word"])
                if reason == "club":
                    clubs.add(k)
                    continue
                (hom if reason in ("homonym", "homonym-near", "homonym-cue") else stop).add(k)
                if reason == "homonym-near":
                    near.add(k)
                elif reason == "homonym-cue":
                    cue.add(k)
                elif reason == "feature":
                    feat.add(k)
    return StopWords(*map(frozenset, (stop, hom, near, cue, feat, clubs)))


#: How much a place's prior is lowered when the key names it by a variant (0.3) or a demonym
#: (1.5) rather than its name: a key's candidates are ranked by what is left.
HOW_PENALTY = {NAME: 0.0, VARIANT: 0.3, DEMONYM: 1.5}
#: At most this many candidates per key.
MAX_PLACES = 40


def _rank_key(row: tuple) -> float:
    """The ranking value of a look-up row (prior at 11, how at 12)."""
    return row[11] - HOW_PENALTY.get(row[12], 1.5)


class Gazetteer:
    """Candidate places for an Arabic name."""

    def __init__(self, file: Path | str | None = None) -> None:
        self._file = Path(file) if file else None
        self._db: sqlite3.Connection | None = None
        self._cache: dict[str, tuple[Place, ...]] = {}
        self._max_words: int | None = None
        self._stop: frozenset[str] | None = None
        self._wordlike: frozenset[str] | None = None  # see wordlike
        self._homonyms: frozenset[str] | None = None
        self._common: frozenset[str] | None = None
        self._capitals: dict[str, Place] | None = None
        self._keys: frozenset[str] | None = None
        self._prefixes: frozenset[str] | None = None
        self._continued: frozenset[str] | None = None
        self._seconds: frozenset[str] | None = None

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            p = self._file or data_path(GAZETTEER)
            self._db = sqlite3.connect(f"file:{p}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        return self._db

    @property
    def max_words(self) -> int:
        if self._max_words is None:
            row = self.db.execute("SELECT v FROM meta WHERE k = 'max_words'").fetchone()
            self._max_words = int(row[0]) if row else 4
        return self._max_words

    @property
    def stopwords(self) -> frozenset[str]:
        """Folded keys never taken as places by free lookup (months, common words, given names)."""
        if self._stop is None:
            self._load_stopwords()
        return self._stop

    @property
    def homonyms(self) -> frozenset[str]:
        """Folded keys of names that are usually common words (سيول floods / Seoul): free lookup
        takes them only when the document names the place's country."""
        if self._homonyms is None:
            self._load_stopwords()
        return self._homonyms

    @property
    def common(self) -> frozenset[str]:
        """Folded one-word names of small places that are frequent words (``place_common.tsv``,
        built by ``python -m marsad.build.place_words``): not taken on a preposition alone."""
        if self._common is None:
            p = data_path("place_common.tsv")
            keys: set[str] = set()
            if p.exists():
                with p.open(encoding="utf-8") as f:
                    rows = csv.DictReader((ln for ln in f if not ln.startswith("#")), delimiter="\t")
                    keys = {r["key"] for r in rows if r.get("key")}
            self._common = frozenset(keys)
        return self._common

    @property
    def keys(self) -> frozenset[str]:
        """Every folded key of the names table (loaded once)."""
        if self._keys is None:
            self._load_keys()
        return self._keys

    @property
    def prefixes(self) -> frozenset[str]:
        """Every key and every run of its leading words ("جرف", "جرف الصخر"): an n-gram that is
        not in here cannot be extended into a name."""
        if self._prefixes is None:
            self._load_keys()
        return self._prefixes

    @property
    def continued(self) -> frozenset[str]:
        """The proper leading word runs of the keys ("جرف" of "جرف الصخر"): only an n-gram in
        here can grow into a longer key or leading run (``"k w"`` in :attr:`prefixes` means k is)."""
        if self._continued is None:
            self._load_keys()
        return self._continued

    @property
    def seconds(self) -> frozenset[str]:
        """The second words of the keys of two words or more: "k w" is in :attr:`prefixes` only
        when w is in here."""
        if self._seconds is None:
            self._load_keys()
        return self._seconds

    def _load_keys(self) -> None:
        # One query returns every key as one string, split in C (~2x faster than a row per key);
        # a key holding a line break would split into more parts than there are rows, and then
        # the keys are read row by row instead.
        n, text = self.db.execute("SELECT count(*), group_concat(key, char(10)) FROM names").fetchone()
        rows = text.split("\n") if text else []
        if len(rows) != n:
            rows = [k for k, in self.db.execute("SELECT key FROM names")]
        keys = frozenset(rows)
        # the leading runs and second words, stored by the build (meta rows "continued" and
        # "seconds", see key_runs()); worked out here for a gazetteer built without them
        stored = dict(self.db.execute("SELECT k, v FROM meta WHERE k IN ('continued', 'seconds')").fetchall())
        if len(stored) == 2:
            cont, seconds = (frozenset(stored[x].split("\n")) - {""} for x in ("continued", "seconds"))
        else:
            cont, seconds = key_runs(rows)
        del rows
        self._keys, self._prefixes, self._continued, self._seconds = keys, keys | cont, cont, seconds

    def _load_stopwords(self) -> None:
        self._stop, self._homonyms, self._near, self._cue, self._features, self._clubs = read_stopwords()
        self._wordlike = (self._stop - self._features) | self._homonyms

    @property
    def wordlike(self) -> frozenset[str]:
        """Keys that read as common words, not places: the stop words that name no feature, and
        the homonyms (a tagger's PLACE span on one is dropped, see Geocode._drop_unresolved)."""
        if self._stop is None:
            self._load_stopwords()
        return self._wordlike

    @property
    def clubs(self) -> frozenset[str]:
        """Cities whose name is also a football club's (برشلونة، ليفربول): in a document about
        sport, the club unless a word before it says it is the place (see Geocode._clubs)."""
        if self._stop is None:
            self._load_stopwords()
        return self._clubs

    @property
    def features(self) -> frozenset[str]:
        """Stop words that name a feature with no point of its own (النيل the Nile, المريخ Mars):
        never looked up, but a tagger's span on one stays an unplaced PLACE."""
        if self._stop is None:
            self._load_stopwords()
        return self._features

    @property
    def homonyms_near(self) -> frozenset[str]:
        """Homonyms whose country is named in most documents that use the common word (الخبر "the
        news" / Khobar in Saudi news): taken only with a kind cue or a place near it."""
        if self._homonyms is None:
            self._load_stopwords()
        return self._near

    @property
    def homonyms_cue(self) -> frozenset[str]:
        """Homonyms that are a country's name and a frequent adjective (مالي Mali / "financial"):
        taken only after a cue word (في مالي، شمال مالي، دولة مالي), never bare (دعم مالي)."""
        if self._homonyms is None:
            self._load_stopwords()
        return self._cue

    def lookup_key(self, k: str) -> tuple[Place, ...]:
        """Places whose name folds to the key ``k`` (exact), best prior first."""
        hit = self._cache.get(k)
        if hit is not None:
            return hit
        if k not in self.keys:
            return ()
        rows = self.db.execute(
            "SELECT p.pid, name, name_en, lat, lon, cc, admin1, kind, pop, gn, src, prior, n.how "
            "FROM names n JOIN places p ON p.pid = n.pid WHERE n.key = ?", (k,)).fetchall()
        if len(rows) > 1:
            # best prior first, less for a variant or a demonym (HOW_PENALTY); ties in pid order
            # (the primary key's, as read), as SQLite's ORDER BY ... DESC gave them: sorted here
            # because its sorter cost about as much as the look-up itself (same answer for every
            # key of the built gazetteer, tests/unit/test_gazetteer.py)
            rows.sort(key=_rank_key, reverse=True)
            del rows[MAX_PLACES:]
        res = tuple(Place(*r) for r in rows)
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[k] = res
        return res

    def lookup(self, name: str) -> tuple[Place, ...]:
        """Places for a name as written (folded here); also tries it with/without the article ال."""
        k = fkey(name)
        res = self.lookup_key(k)
        if res:
            return res
        alt = k[2:] if k.startswith("ال") and len(k) > 4 else "ال" + k
        return tuple(_demote(p) for p in self.lookup_key(alt))

    def by_pid(self, pid: int) -> Place | None:
        r = self.db.execute(
            "SELECT pid, name, name_en, lat, lon, cc, admin1, kind, pop, gn, src, prior, 0 "
            "FROM places WHERE pid = ?", (pid,)).fetchone()
        return Place(*r) if r else None

    def capital(self, cc: str) -> Place | None:
        """The capital of country ``cc`` (the build's ``capitals`` table; None when it is not
        known or the gazetteer predates the table)."""
        caps = self._capitals
        if caps is None:
            try:
                rows = self.db.execute(
                    "SELECT c.cc, p.pid, name, name_en, lat, lon, p.cc, admin1, kind, pop, gn, src, prior, 0 "
                    "FROM capitals c JOIN places p ON p.pid = c.pid").fetchall()
            except sqlite3.OperationalError:  # no such table
                rows = []
            caps = self._capitals = {r[0]: Place(*r[1:]) for r in rows}
        return caps.get(cc)

    def country(self, cc: str) -> Place | None:
        r = self.db.execute(
            "SELECT pid, name, name_en, lat, lon, cc, admin1, kind, pop, gn, src, prior, 0 "
            "FROM places WHERE cc = ? AND kind = 'country' LIMIT 1", (cc,)).fetchone()
        return Place(*r) if r else None

    def stats(self) -> dict:
        n_places = self.db.execute("SELECT count(*) FROM places").fetchone()[0]
        n_names = self.db.execute("SELECT count(*) FROM names").fetchone()[0]
        return {"places": n_places, "names": n_names}

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def key_runs(keys) -> tuple[frozenset[str], frozenset[str]]:
    """The proper leading word runs of the keys ("جرف" of "جرف الصخر"; all but the last word,
    then all but the last two, ...) and the second words of the keys of two words or more."""
    keys = list(keys)
    # (read in the given order, not a set's: walking memory in order is ~3x faster here)
    multi = list(compress(keys, map(str.__contains__, keys, repeat(" "))))
    cont: set[str] = set()
    runs = multi
    while runs:
        heads = set(map(itemgetter(0), map(str.rpartition, runs, repeat(" "))))
        cont |= heads
        runs = list(compress(heads, map(str.__contains__, heads, repeat(" "))))
    seconds = map(itemgetter(1), map(str.split, multi, repeat(" "), repeat(2)))  # the second word
    return frozenset(cont), frozenset(seconds)


def _demote(p: Place) -> Place:
    """A match found only after adding/removing ال counts as a variant."""
    return replace(p, how=max(p.how, VARIANT))
