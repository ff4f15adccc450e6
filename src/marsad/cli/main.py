"""The ``marsad`` command.

Subcommands register themselves through ``add_*_parser(subparsers)`` functions, one module per
area (extract here; places, ingest/serve/export and build commands in their own modules), so this
file stays a table of contents.
"""
from __future__ import annotations

import argparse
import logging
import sys

from marsad import __version__
from marsad.errors import MarsadError


def _optional(module: str, fn: str):
    """A parser registration function from an optional area module (None if absent)."""
    import importlib

    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:  # the area is not installed; any other import error is a bug
            return None
        raise
    return getattr(mod, fn, None)


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="marsad",
        description="Arabic conflict and political news to structured, geocoded, source-attributed events.",
    )
    ap.add_argument("--version", action="version", version=f"marsad {__version__}")
    ap.add_argument("-v", "--verbose", action="store_true", help="log what each stage does")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")
    from marsad.cli import extract, resources_cmd

    extract.add_parser(sub)
    resources_cmd.add_parser(sub)
    for module, fn in (
        ("marsad.cli.places", "add_parser"),
        ("marsad.cli.store_cmds", "add_ingest_parser"),
        ("marsad.cli.store_cmds", "add_serve_parser"),
        ("marsad.cli.store_cmds", "add_export_parser"),
        ("marsad.cli.build", "add_parser"),
    ):
        reg = _optional(module, fn)
        if reg is not None:
            reg(sub)
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = build_parser()
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args) or 0)
    except MarsadError as exc:
        print(f"marsad: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("marsad: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (e.g. `marsad export ... | head`): stop quietly, as Unix tools do
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
