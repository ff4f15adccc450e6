"""The optional compiled part of Marsad (everything else is in pyproject.toml).

Two kinds of extension module, all optional: where no C compiler (or no Cython) is available the
build skips them and the same Python runs, with the same output.

- Hand-written C kernels. ``marsad.ner._crfkernel`` runs the NER decoder's arithmetic (state
  scores, marks and Viterbi), ``marsad.ner._formkernel`` its per-form entries and mark walks, and
  ``marsad.arabic._tokenkernel`` the token loops of the segmenter, of the number and date readers
  and of the entity rules. Without them ``marsad.ner.fastcrf`` uses its numpy path, which gives
  the same labels (see docs/ner.md, "Decoding speed"), and the token loops run in Python.
- The per-document modules (the stages, the Arabic readers, the Doc, the gazetteer and the actor
  knowledge base) compiled by Cython from their unchanged ``.py`` source (COMPILED below). Cython
  reads them as plain Python (annotations are not used as C types), so they behave as the
  source does, with less interpreter work: ~15% fewer instructions per article (docs/scale.md,
  "Session 19"). ``marsad/_compiled.py`` loads a compiled module only while its source is the one
  it was built from (``_compiled.json``, written here) and never with ``MARSAD_PURE_PYTHON=1``.
"""
from __future__ import annotations

import hashlib
import json
import os
import runpy
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
SRC = ROOT / "src"

# the list of modules and the manifest's name, shared with the finder that loads them
_SPEC = runpy.run_path(str(SRC / "marsad" / "_compiled.py"))
COMPILED = _SPEC["compiled_modules"](SRC)
MANIFEST = _SPEC["MANIFEST"]  # beside marsad/__init__: module -> sha256 of the source it was built from


def source_of(module: str) -> Path:
    return SRC.joinpath(*module.split(".")).with_suffix(".py")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cython_extensions() -> list[Extension]:
    """The COMPILED modules as Cython extensions ([] without Cython: they run as Python)."""
    try:
        from Cython.Build import cythonize
    except ImportError:
        return []
    exts = [Extension(m, sources=[str(source_of(m).relative_to(ROOT))],
                      # -g0: no debug information (it doubled the compile time); -O2, not -O3
                      extra_compile_args=["-O2", "-g0"], optional=True) for m in COMPILED]
    return cythonize(exts, build_dir="build/cython", quiet=True, nthreads=os.cpu_count() or 1,
                     language_level=3,
                     # plain Python semantics: an annotation is not a C type (list[str] would
                     # refuse a tuple), no type inference beyond what is exact
                     compiler_directives={"binding": True, "annotation_typing": False,
                                          "embedsignature": False})


class BuildExt(build_ext):
    """build_ext that leaves no stale compiled module behind and records each one's source."""

    def finalize_options(self) -> None:
        super().finalize_options()
        if self.parallel is None:  # one compiler per core (pip's builds pass no -j)
            self.parallel = os.cpu_count() or 1

    def build_extension(self, ext: Extension) -> None:
        try:
            super().build_extension(ext)
        except Exception:
            # an optional module that failed to build must not leave an older build in place
            Path(self.get_ext_fullpath(ext.name)).unlink(missing_ok=True)
            raise

    def run(self) -> None:
        super().run()
        built = {m: sha256(source_of(m)) for m in COMPILED
                 if m in {e.name for e in self.extensions} and Path(self.get_ext_fullpath(m)).exists()}
        out = Path(self.get_ext_fullpath("marsad.doc")).parent / MANIFEST
        if built:
            tmp = out.with_suffix(".tmp")
            tmp.write_text(json.dumps({"modules": built}, indent=1, sort_keys=True), encoding="utf-8")
            tmp.replace(out)
        else:
            out.unlink(missing_ok=True)


setup(
    cmdclass={"build_ext": BuildExt},
    ext_modules=[
        Extension(
            "marsad.ner._crfkernel",
            sources=["src/marsad/ner/_crfkernel.c"],
            # only additions and comparisons of doubles: never contract or reorder them, so the
            # sums are those python-crfsuite makes
            extra_compile_args=["-O2", "-ffp-contract=off", "-fno-fast-math"],
            optional=True,
        ),
        Extension(
            "marsad.ner._formkernel",
            sources=["src/marsad/ner/_formkernel.c"],
            extra_compile_args=["-O2"],
            optional=True,
        ),
        Extension(
            "marsad.arabic._tokenkernel",
            sources=["src/marsad/arabic/_tokenkernel.c"],
            extra_compile_args=["-O2"],
            optional=True,
        ),
        *cython_extensions(),
    ]
)
