"""One registry of every setting Marsad reads.

Each setting has a name, an environment variable, a type, a default and a line of
documentation.  ``docs/settings.md`` documents them all; a test fails when one is missing there
(the datasette habit).  Read settings with :func:`get`; never read ``os.environ`` elsewhere.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from marsad.errors import MarsadError


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: Any
    doc: str

    @property
    def env(self) -> str:
        return "MARSAD_" + self.name.upper()


REGISTRY: dict[str, Setting] = {}


def _register(name: str, type_: type, default: Any, doc: str) -> None:
    REGISTRY[name] = Setting(name, type_, default, doc)


_register("max_doc_chars", int, 2_000_000,
          "Largest document (in characters, or bytes for files) Marsad analyses; larger ones become "
          "E106 error records.")
_register("max_line_bytes", int, 16_000_000,
          "Longest JSONL line read; longer lines are skipped as E106 without being held in memory.")
_register("data_dir", str, "",
          "Directory holding Marsad's data files (gazetteer, actor knowledge base, models). Empty: "
          "the files bundled in the package.")
_register("user_actors", str, "",
          "Extra actor knowledge-base files (JSONL), separated by ':'; merged over the bundled ones.")
_register("workers", int, 0,
          "Default number of worker processes for extract/ingest; 0 means all cores.")
_register("doc_timeout", float, 120.0,
          "Longest time (seconds) one document may take to analyse; a slower one becomes an E110 error "
          "record and the run goes on. 0 disables the limit.")
_register("pure_python", bool, False,
          "Run every module from its Python source even where a compiled (Cython) build of it is "
          "installed (for profilers such as py-spy, which see no frames in compiled code); the "
          "output is the same. Read when `marsad` is first imported (docs/scale.md, \"Compiled "
          "modules\").")
_register("progress", str, "auto",
          "Progress bar: 'auto' (only on a terminal), 'always' or 'never'.")
_register("db", str, "marsad.db",
          "Default database for ingest/serve/export: a SQLite path or a postgresql:// URL.")
_register("token", str, "",
          "Token required by the HTTP API for writes (ingest, delete). Empty: writes are refused.")
_register("host", str, "127.0.0.1", "Address `marsad serve` binds to.")
_register("port", int, 8765, "Port `marsad serve` listens on.")
_register("tile_url", str, "",
          "Optional map tile URL template for the web page basemap (e.g. a local tile server); "
          "empty: country borders only, fully offline.")
_register("cluster_radius_km", float, 25.0,
          "Event clusters: two reports of the same event type are merged when their places are at most "
          "this far apart (km) and their dates and actors are compatible.")
_register("cluster_days", int, 2,
          "Event clusters: how many days apart two reports' dates may be and still describe one event.")
_register("dup_threshold", float, 0.7,
          "Near-duplicate articles: estimated Jaccard similarity of word 4-shingles above which two "
          "articles are the same story (e.g. one wire copy on several sites).")

_register("events_min_score", int, 4,
          "Events: least specificity score (victim count, time anchor, finite verb, named participants, place ...; "
          "see docs/events.md) for an event to be kept, plus the per-type `bar` rows of event_triggers.tsv "
          "(bundled: ASSAULT +2, PROTEST/COERCE +1, others −2); 0 keeps every trigger.")


def get(name: str) -> Any:
    s = REGISTRY[name]
    raw = os.environ.get(s.env)
    if raw is None or raw == "":
        return s.default
    try:
        if s.type is bool:
            return raw.lower() in ("1", "true", "yes", "on")
        return s.type(raw)
    except ValueError as exc:
        raise MarsadError("E207", f"{s.env}={raw!r} is not a valid {s.type.__name__}") from exc
