"""Atomic output files: written to a temporary file beside the target, then renamed.

A killed run never leaves a half-written output: either the old file (or none) or the new one.
The temporary file is ``.<name>.<pid>.part`` in the target's directory; a run killed with
``kill -9`` leaves it behind, and the next run writing the same target deletes the ``.part``
files of processes that are no longer alive before it starts.
"""
from __future__ import annotations

import contextlib
import glob
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from marsad.errors import MarsadError


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def remove_stale_parts(path: Path) -> list[Path]:
    """Delete ``.<name>.<pid>.part`` files beside ``path`` left by dead processes."""
    removed = []
    for part in path.parent.glob(glob.escape(f".{path.name}.") + "*.part"):
        pid = part.name[len(path.name) + 2: -len(".part")]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                part.unlink()
                removed.append(part)
    return removed


@contextlib.contextmanager
def atomic_writer(target: str | os.PathLike) -> Iterator[TextIO]:
    if str(target) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    path = Path(target)
    parent = path.parent if str(path.parent) else Path(".")
    remove_stale_parts(path)
    tmp = parent / f".{path.name}.{os.getpid()}.part"
    try:
        # O_EXCL: never write through a symlink or into another writer's file; 0o666 & umask gives
        # the output the permissions a plainly created file would have
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
    except FileExistsError:  # a second writer to the same target in this process
        raise MarsadError("E208", f"{path}: already being written by this process ({tmp})") from None
    except OSError as exc:
        raise MarsadError("E208", f"{path}: {exc}") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        with contextlib.suppress(OSError):  # make the rename itself durable
            dfd = os.open(parent, os.O_RDONLY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
