"""List the gazetteer's small-place names that are frequent Arabic words (``place_common.tsv``).

    python -m marsad.build.place_words            # needs the `build` extra (wordfreq)

A village or neighbourhood called الإدارة or المنزل exists somewhere, but in a text these are
the common words.  Free lookup takes a small place after a preposition or as a hashtag
("في المنيل", "#المنيل") only when its name is *not* in this list.  The list holds every
one-word name of three or more letters of a small place (no country, region, curated or
big-city reading; three-letter words such as حكم، قلب، أحد are the most ambiguous) whose
word frequency (wordfreq, Zipf scale, max over the usual spellings of the folded key) is at
least ``--zipf`` (default 3.6: الإدارة 4.9, الجمعية 4.9, but المنيل 2.5, الجهراء 3.5).
Rebuild after rebuilding the gazetteer.
"""
from __future__ import annotations

import argparse
import sqlite3

from marsad.resources import PACKAGE_DATA, record

OUT = "place_common.tsv"


def spellings(k: str) -> list[str]:
    """Usual written forms of a folded key (ة/ه, ى/ي, hamza on the alef after the article)."""
    forms = {k}
    if k.endswith("ه"):
        forms.add(k[:-1] + "ة")
    if k.endswith("ي"):
        forms.add(k[:-1] + "ى")
    for i, ch in enumerate(k):  # the folded hamza seat: الهييه ← الهيئة
        if ch in "يو" and 2 < i < len(k) - 1:
            forms |= {f[:i] + ("ئ" if ch == "ي" else "ؤ") + f[i + 1:] for f in list(forms)}
    for f in list(forms):
        if f.startswith("الا"):
            forms |= {"الأ" + f[3:], "الإ" + f[3:]}
        elif f.startswith("ا"):
            forms |= {"أ" + f[1:], "إ" + f[1:]}
    return sorted(forms)


def build(*, zipf: float = 3.6) -> int:
    from wordfreq import zipf_frequency  # build-only dependency

    db = sqlite3.connect(f"file:{PACKAGE_DATA / 'gazetteer.sqlite'}?mode=ro", uri=True)
    rows = db.execute(
        "SELECT n.key, max(CASE WHEN p.kind IN ('country', 'admin1', 'region') OR p.src LIKE 'cur:%' "
        "THEN 1 ELSE 0 END), max(coalesce(p.pop, 0)) FROM names n JOIN places p ON p.pid = n.pid "
        "WHERE n.key NOT LIKE '% %' AND length(n.key) >= 3 GROUP BY n.key").fetchall()
    out = []
    for k, big, pop in rows:
        if big or pop >= 50_000:
            continue
        f = max(zipf_frequency(s, "ar") for s in spellings(k))
        if f >= zipf:
            out.append((k, f))
    out.sort()
    with (PACKAGE_DATA / OUT).open("w", encoding="utf-8") as fh:
        fh.write("# Folded one-word names of small places that are frequent Arabic words (built by\n"
                 "# python -m marsad.build.place_words from gazetteer.sqlite and wordfreq; do not edit,\n"
                 "# add words to place_stopwords.tsv instead).  Columns: key, zipf\n")
        fh.write("key\tzipf\n")
        for k, f in out:
            fh.write(f"{k}\t{f:.2f}\n")
    record(OUT, built_by="python -m marsad.build.place_words", licence="CC BY-SA 4.0",
           attribution="Word frequencies from wordfreq (Robyn Speer, Luminoso; data CC BY-SA 4.0)")
    return len(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--zipf", type=float, default=3.6, help="minimum Zipf frequency (default 3.6)")
    a = ap.parse_args(argv)
    n = build(zipf=a.zipf)
    print(f"{OUT}: {n} names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
