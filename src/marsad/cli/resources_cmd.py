"""``marsad resources``: list and verify the bundled data files (checksums, licences)."""
from __future__ import annotations

import argparse

from marsad import resources


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("resources", help="list or verify bundled data files and their licences")
    p.add_argument("action", choices=["list", "verify"], nargs="?", default="list")
    p.set_defaults(func=cmd_resources)


def cmd_resources(args: argparse.Namespace) -> int:
    cat = resources.catalogue()["files"]
    if args.action == "list":
        for name, info in sorted(cat.items()):
            print(f"{name}\t{info.get('bytes', 0)} bytes\t{info.get('licence', '')}\t{info.get('built_by', '')}")
        print(f"data directory: {resources.data_dir()}")
        return 0
    bad = 0
    for name, status in resources.verify():
        print(f"{status}\t{name}")
        bad += status != "ok"
    return 1 if bad else 0
