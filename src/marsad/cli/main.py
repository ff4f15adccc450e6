"""The ``marsad`` command.

Subcommands register themselves through ``add_*_parser(subparsers)`` functions, one module per
area (extract here; places, ingest/serve/export and build commands in their own modules), so this
file stays a table of contents.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import sys

from marsad import __version__
from marsad.errors import MarsadError

#: Command name -> (module, registration function), in the order ``marsad --help`` lists them.
COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("marsad.cli.extract", "add_parser"),
    "resources": ("marsad.cli.resources_cmd", "add_parser"),
    "places": ("marsad.cli.places", "add_parser"),
    "ingest": ("marsad.cli.store_cmds", "add_ingest_parser"),
    "serve": ("marsad.cli.store_cmds", "add_serve_parser"),
    "export": ("marsad.cli.store_cmds", "add_export_parser"),
}
#: Areas whose command names are only known once imported (optional: absent is fine).
OPTIONAL_AREAS = (("marsad.cli.build", "add_parser"),)
_REQUIRED = frozenset({"marsad.cli.extract", "marsad.cli.resources_cmd"})


def _optional(module: str, fn: str):
    """A parser registration function from an optional area module (None if absent)."""
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:  # the area is not installed; any other import error is a bug
            return None
        raise
    return getattr(mod, fn, None)


def _command_of(argv: list[str] | None) -> str | None:
    """The known command ``argv`` runs, or None when the whole parser is needed (no command yet,
    help or version asked for, an unknown word or option before the command).

    The top-level options take no value, so the command is the first word not starting with
    ``-``; only ``-v``/``--verbose`` may come before it without needing the other commands."""
    for a in argv or ():
        if a in ("-v", "--verbose"):
            continue
        return a if a in COMMANDS else None
    return None


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The ``marsad`` parser.  Given the arguments, and they name a known command, only that
    command's module is imported and registered: parsing ``argv`` gives the same result (a
    subcommand's arguments are parsed by its own subparser alone), without importing the other
    areas (the store and export modules, the gazetteer ...) at every start of ``marsad extract``."""
    ap = argparse.ArgumentParser(
        prog="marsad",
        description="Arabic conflict and political news to structured, geocoded, source-attributed events.",
    )
    ap.add_argument("--version", action="version", version=f"marsad {__version__}")
    ap.add_argument("-v", "--verbose", action="store_true", help="log what each stage does")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")
    command = _command_of(argv)
    wanted = [COMMANDS[command]] if command else [*COMMANDS.values(), *OPTIONAL_AREAS]
    for module, fn in wanted:
        if module in _REQUIRED:
            reg = getattr(importlib.import_module(module), fn)
        else:
            reg = _optional(module, fn)
        if reg is not None:
            reg(sub)
    return ap


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    ap = build_parser(argv)
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
