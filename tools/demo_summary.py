"""Print what `make demo` found: per article, its structure, entities, events, quotes and counts."""
from __future__ import annotations

import json
import sys
from collections import Counter


def _names(ents: dict, ids) -> str:
    return ", ".join(ents[i]["name"] for i in ids or [] if i in ents)


def main(path: str) -> None:
    totals: Counter[str] = Counter()
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if "error" in d:
                print(f"{d['id']}: ERROR {d['error']['code']}")
                totals["errors"] += 1
                continue
            m = d["meta"]
            dl = (m.get("dateline") or {}).get("text")
            print(f"\n{d['id']}  title={m.get('title')!r} dateline={dl!r} authors={m.get('authors')} "
                  f"outlet={m.get('outlet')!r}")
            ents = {e["id"]: e for e in d.get("entities", [])}
            for e in d.get("entities", []):
                place = e.get("place") or {}
                where = f" @{place.get('lat')},{place.get('lon')} {place.get('country')}" if place else ""
                print(f"  entity {e['id']:>4} {e['type']:<12} {e['name']}{where}")
            for v in d.get("events", []):
                print(f"  event  {v['type']}/{v.get('mode')} [{v.get('status')}] "
                      f"{_names(ents, v.get('actor'))} -> {_names(ents, v.get('recipient'))} "
                      f"at {_names(ents, v.get('location'))}  «{v['trigger']['text']}»")
            for q in d.get("quotes", []):
                who = ents.get(q.get("speaker"), {}).get("name") or q.get("speaker_text")
                print(f"  quote  {who} ({'anonymous' if q.get('anonymous') else 'named'}) «{q['cue']['text']}»")
            for q in d.get("quantities", []):
                print(f"  count  {q.get('kind')} {q.get('value') or (q.get('low'), q.get('high'))} «{q['text']}»")
            for k in ("entities", "events", "quotes", "quantities"):
                totals[k] += len(d.get(k, []))
            totals["articles"] += 1
    print("\n" + ", ".join(f"{v} {k}" for k, v in totals.items()))


if __name__ == "__main__":
    main(sys.argv[1])
