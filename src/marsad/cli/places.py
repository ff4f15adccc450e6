"""``marsad places search NAME``: look a place name up in the gazetteer, with candidates and scores.

For users checking a geocoding result: shows every candidate the gazetteer holds for the name
(after the same clitic and prefix handling the geocoder uses), best first, with the static score
the geocoder starts from (kind, population, conflict-region preference; document context adds to
it at run time), the kind, country, first-level region, coordinates, GeoNames id and source.
"""
from __future__ import annotations

import argparse
import json

from marsad.resources.gazetteer import DEMONYM, VARIANT


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("places", help="look place names up in the gazetteer")
    sub = p.add_subparsers(dest="places_command", required=True, metavar="ACTION")
    s = sub.add_parser("search", help="candidates and scores for a place name, e.g. `marsad places search الرقة`")
    s.add_argument("name", nargs="+", help="the name as written (several words are joined)")
    s.add_argument("--limit", type=int, default=10, help="candidates shown (default 10)")
    s.add_argument("--json", action="store_true", help="one JSON object per candidate")
    s.set_defaults(func=run_search)


def search(name: str, *, limit: int = 10) -> tuple[str, list[dict]]:
    """The lookup key and the ranked candidates of ``name`` (dicts, best first)."""
    from marsad.stages.geocode import CONFLICT_REGION, WEIGHTS, Geocode

    g = Geocode()
    key, cands = g.lookup_surface(name)
    rows = []
    for c in cands:
        score = c.prior + (WEIGHTS["region"] if c.cc in CONFLICT_REGION else 0.0)
        score += WEIGHTS["variant"] if c.how == VARIANT else WEIGHTS["demonym"] if c.how == DEMONYM else 0.0
        rows.append({"score": round(score, 2), "name": c.name, "name_en": c.name_en, "kind": c.kind,
                     "country": c.cc, "admin1": c.admin1, "lat": c.lat, "lon": c.lon, "geonames_id": c.gn,
                     "population": c.pop, "match": ("name", "variant", "demonym")[c.how], "source": c.src})
    rows.sort(key=lambda r: -r["score"])
    return key, rows[:limit]


def run_search(args: argparse.Namespace) -> int:
    name = " ".join(args.name)
    key, rows = search(name, limit=args.limit)
    if args.json:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
        return 0 if rows else 1
    if not rows:
        print(f"no place named {name!r} (key {key!r})")
        return 1
    print(f"key: {key}   candidates: {len(rows)}")
    print(f"{'score':>6}  {'kind':<12} {'cc':<3} {'lat':>9} {'lon':>10}  {'geonames':>9}  name / name_en / admin1 / source")
    for r in rows:
        gn = r["geonames_id"] if r["geonames_id"] is not None else "-"
        extra = f" [{r['match']}]" if r["match"] != "name" else ""
        print(f"{r['score']:>6.2f}  {r['kind']:<12} {r['country']:<3} {r['lat']:>9.4f} {r['lon']:>10.4f}  {gn!s:>9}  "
              f"{r['name']} / {r['name_en']} / {r['admin1'] or '-'} / {r['source']}{extra}")
    return 0
