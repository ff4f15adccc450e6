"""Write the NER tagger's name lexicon of the bundled sources (``ner_lexicon.tsv.gz``).

    python -m marsad.build.ner_lexicon

:func:`marsad.ner.lexicon.build_lexicon` reads the actor knowledge base (bundled files only) and
scans the gazetteer, about half a second of CPU; every process that tags would pay it.  This
writes the result once (folded name TAB labels, sorted, gzip without a timestamp, so the same
sources give the same bytes) and :func:`marsad.ner.lexicon.load_lexicon` reads it.  Rebuild
after editing ``actors/*.jsonl`` or ``place_stopwords.tsv`` or rebuilding the gazetteer (a unit
test fails until you do); retrain the tagger after that if the lexicon changed.
"""
from __future__ import annotations

import argparse
import gzip

from marsad.ner.lexicon import LEXICON_FILE, build_lexicon, dump_lexicon
from marsad.resources import PACKAGE_DATA, catalogue, data_dir, record

COMMAND = "python -m marsad.build.ner_lexicon"


def build() -> int:
    """Build from the package's data and write and catalogue the file; returns the name count."""
    if data_dir().resolve() != PACKAGE_DATA.resolve():
        raise SystemExit(f"MARSAD_DATA_DIR is set ({data_dir()}): unset it, the committed lexicon "
                         "is built from the package's own data")
    lex = build_lexicon()
    (PACKAGE_DATA / LEXICON_FILE).write_bytes(
        gzip.compress(dump_lexicon(lex).encode("utf-8"), compresslevel=9, mtime=0))
    gaz = catalogue()["files"].get("gazetteer.sqlite", {})  # the place names carry its licence
    record(LEXICON_FILE, built_by=COMMAND, licence=gaz.get("licence", ""),
           attribution="Marsad actor knowledge base (actors/*.jsonl, Apache-2.0); place names from "
                       f"gazetteer.sqlite: {gaz.get('attribution', '')}")
    return len(lex)


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args(argv)
    n = build()
    print(f"{LEXICON_FILE}: {n} names, {(PACKAGE_DATA / LEXICON_FILE).stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
