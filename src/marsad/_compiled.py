"""Which of Marsad's modules run compiled: a compiled module is loaded only while it is current.

The per-document modules can be compiled by Cython from their own ``.py`` source (``setup.py``,
COMPILED). Python's import system prefers an extension module to the source beside it, so after
an edit to ``stages/events.py`` the old compiled ``events`` would still run. This finder,
installed first on ``sys.meta_path`` when ``marsad`` is imported, decides for every ``marsad.*``
module that has both a source and an extension module:

- the compiled one when the build's manifest (``_compiled.json``, written by ``setup.py``) records
  the sha256 of the source as it is now;
- else the source, with one warning naming the module and how to rebuild it (an edited source, a
  build that failed or predates the manifest);
- always the source with ``MARSAD_PURE_PYTHON=1`` (profilers such as py-spy see no frames in
  compiled code; the output is the same either way, tests/integration/test_compiled.py).

Modules with no ``.py`` twin (the hand-written C kernels) are left to the import system.
"""
from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import sys
import warnings
from pathlib import Path

#: The modules ``setup.py`` compiles, as globs under ``src/``: those every document runs through.
#: Not compiled: the CLI, the store, the API, the builders and trainers (no per-document work),
#: and marsad.parallel, whose document time limit runs its signal handler between Python steps
#: (docs/scale.md, "Session 19").
COMPILED = ("marsad/doc.py", "marsad/pipeline.py", "marsad/resources/actors.py",
            "marsad/resources/gazetteer.py", "marsad/ner/fastcrf.py", "marsad/arabic/[a-z]*.py",
            "marsad/stages/[a-z]*.py")
MANIFEST = "_compiled.json"
_SUFFIXES = tuple(importlib.machinery.EXTENSION_SUFFIXES)


def compiled_modules(src: Path) -> list[str]:
    """The dotted names of the COMPILED modules under the source directory ``src`` (setup.py and
    the tests read the list from here)."""
    return sorted({".".join(p.relative_to(src).with_suffix("").parts) for g in COMPILED for p in src.glob(g)})


class CompiledFinder:
    """A meta path finder for the ``marsad.*`` modules that have a compiled twin."""

    def __init__(self, root: Path, *, pure: bool) -> None:
        self.root = root
        self.pure = pure
        try:
            self.manifest: dict[str, str] = json.loads((root / MANIFEST).read_text("utf-8"))["modules"]
        except (OSError, ValueError, KeyError, TypeError):
            self.manifest = {}
        #: module -> "compiled" or why its source runs ("pure", "stale", "not built")
        self.state: dict[str, str] = {}

    def find_spec(self, fullname: str, path=None, target=None):
        if not fullname.startswith("marsad.") or not path:
            return None
        name = fullname.rpartition(".")[2]
        for d in path:
            src = Path(d) / f"{name}.py"
            if not src.is_file():
                continue
            if not any((Path(d) / f"{name}{s}").is_file() for s in _SUFFIXES):
                return None  # no compiled twin: the import system's usual choice
            if self.pure:
                why = "pure"
            elif self.manifest.get(fullname) == hashlib.sha256(src.read_bytes()).hexdigest():
                self.state[fullname] = "compiled"
                return None  # the import system picks the extension module
            else:
                why = "stale" if fullname in self.manifest else "not built"
                warnings.warn(
                    f"marsad: the compiled {fullname} was not built from {src} as it is now "
                    f"({why}); running the source. Rebuild with `pip install -e .` (or "
                    "`python setup.py build_ext --inplace`).", RuntimeWarning, stacklevel=2)
            self.state[fullname] = why
            return importlib.util.spec_from_file_location(fullname, src)
        return None


def install() -> CompiledFinder:
    """Put the finder first on ``sys.meta_path`` (once per process)."""
    for f in sys.meta_path:
        if isinstance(f, CompiledFinder):
            return f
    from marsad import settings

    f = CompiledFinder(Path(__file__).resolve().parent, pure=settings.get("pure_python"))
    sys.meta_path.insert(0, f)
    return f


def status() -> dict[str, str]:
    """Each ``marsad.*`` module imported so far that has a compiled twin: "compiled", or why its
    source runs ("pure", "stale", "not built")."""
    return dict(install().state)
