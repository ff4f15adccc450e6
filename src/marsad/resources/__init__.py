"""Data files Marsad ships (lexicons, actor knowledge base, gazetteer, models) and their catalogue.

``catalogue.json`` (beside the data) lists every built file with its size, SHA-256, how it is
built and the licence/attribution it carries.  :func:`path` finds a file in ``MARSAD_DATA_DIR``
when that is set (the camel_tools habit: an environment override for the data directory), else in
the package.  :func:`verify` checks checksums (``marsad resources verify``).
"""
from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from marsad import settings
from marsad.errors import MarsadError

PACKAGE_DATA = Path(__file__).parent / "data"


def data_dir() -> Path:
    d = settings.get("data_dir")
    return Path(d) if d else PACKAGE_DATA


def path(name: str) -> Path:
    """Path of a data file by its name relative to the data directory; E205 when missing."""
    p = data_dir() / name
    if not p.exists():
        raise MarsadError("E205", f"{name} not found in {data_dir()}")
    return p


@cache
def catalogue() -> dict:
    p = PACKAGE_DATA / "catalogue.json"
    return json.loads(p.read_text(encoding="utf-8")) if p.exists() else {"files": {}}


def sha256(p: Path) -> str:
    h = hashlib.sha256()
    with p.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def verify() -> list[tuple[str, str]]:
    """Check every catalogued file; returns (name, 'ok' | problem) pairs."""
    out = []
    for name, info in sorted(catalogue()["files"].items()):
        p = data_dir() / name
        if not p.exists():
            out.append((name, "missing"))
        elif info.get("sha256") and sha256(p) != info["sha256"]:
            out.append((name, "checksum mismatch"))
        else:
            out.append((name, "ok"))
    return out


def record(name: str, *, built_by: str, licence: str, attribution: str = "") -> None:
    """Add or refresh a file's catalogue entry (called by the build commands)."""
    p = PACKAGE_DATA / name
    cat_path = PACKAGE_DATA / "catalogue.json"
    cat = json.loads(cat_path.read_text(encoding="utf-8")) if cat_path.exists() else {"files": {}}
    cat["files"][name] = {
        "sha256": sha256(p), "bytes": p.stat().st_size, "built_by": built_by,
        "licence": licence, "attribution": attribution,
    }
    cat_path.write_text(json.dumps(cat, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                        encoding="utf-8")
    catalogue.cache_clear()
