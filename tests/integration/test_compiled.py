"""The Cython-compiled modules (setup.py, marsad/_compiled.py), in fresh interpreters: built where a
compiler is, loaded only while their source is the one they were built from, never with
MARSAD_PURE_PYTHON=1, and giving the same records as the source does."""
from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import sysconfig
from itertools import islice
from pathlib import Path

import pytest

from marsad._compiled import MANIFEST, compiled_modules
from tests.conftest import ROOT

SRC = ROOT / "src"
MODULES = compiled_modules(SRC)


def can_build() -> bool:
    """Cython and the C compiler Python builds extensions with are both here."""
    cc = (sysconfig.get_config_var("CC") or "cc").split()[0]
    return importlib.util.find_spec("Cython") is not None and shutil.which(cc) is not None


def manifest(root: Path = SRC) -> dict[str, str]:
    path = root / "marsad" / MANIFEST
    return json.loads(path.read_text("utf-8"))["modules"] if path.exists() else {}


needs_build = pytest.mark.skipif(not manifest(), reason="no compiled modules: built only where Cython "
                                                        "and a C compiler are (pip install -e .)")

# prints each compiled-listed module the default pipeline imports: its file's suffix and state
PROBE = """
import json, sys
import marsad
from marsad import _compiled
from marsad.pipeline import default_pipeline
default_pipeline()
names = json.loads(sys.argv[1])
print(json.dumps({m: [sys.modules[m].__file__.rsplit(".", 1)[-1], _compiled.status().get(m)]
                  for m in names if m in sys.modules}))
"""


def probe(env_extra: dict[str, str], *, path: Path = SRC, modules=MODULES) -> tuple[dict, str]:
    env = {k: v for k, v in os.environ.items() if k != "MARSAD_PURE_PYTHON"}
    env.update(PYTHONPATH=str(path), **env_extra)
    out = subprocess.run([sys.executable, "-c", PROBE, json.dumps(modules)], capture_output=True,
                         text=True, env=env, check=True, timeout=120)
    return json.loads(out.stdout), out.stderr


def test_every_listed_module_is_built_and_current_where_a_compiler_is():
    if not can_build():
        pytest.skip("Cython or the C compiler is missing: the modules run from source")
    assert len(MODULES) > 20
    built = manifest()
    assert sorted(built) == MODULES, "rebuild: pip install -e . (some modules were not compiled)"
    stale = [m for m in MODULES
             if built[m] != hashlib.sha256(SRC.joinpath(*m.split(".")).with_suffix(".py").read_bytes()).hexdigest()]
    assert stale == [], "rebuild: pip install -e . (these sources changed since the build)"


@needs_build
def test_a_fresh_interpreter_runs_the_compiled_modules():
    seen, err = probe({})
    assert len(seen) > 20 and "marsad.stages.events" in seen
    assert {m: v for m, v in seen.items() if v != ["so", "compiled"]} == {}
    assert "RuntimeWarning" not in err


@needs_build
def test_pure_python_setting_runs_every_source():
    seen, _ = probe({"MARSAD_PURE_PYTHON": "1"})
    assert len(seen) > 20
    assert {m: v for m, v in seen.items() if v != ["py", "pure"]} == {}


@needs_build
def test_an_edited_source_runs_instead_of_its_older_build(tmp_path):
    # a copy of the package with its built modules and manifest (the data files linked, not copied)
    pkg = tmp_path / "marsad"
    shutil.copytree(SRC / "marsad", pkg, ignore=shutil.ignore_patterns("__pycache__", "data"))
    (pkg / "resources" / "data").symlink_to(SRC / "marsad" / "resources" / "data")
    edited = pkg / "stages" / "events_score.py"
    edited.write_text(edited.read_text("utf-8") + "\nEDITED_AFTER_THE_BUILD = True\n", encoding="utf-8")
    seen, err = probe({}, path=tmp_path, modules=["marsad.stages.events_score", "marsad.stages.events_rules"])
    assert seen == {"marsad.stages.events_score": ["py", "stale"],
                    "marsad.stages.events_rules": ["so", "compiled"]}
    assert "marsad.stages.events_score" in err and "RuntimeWarning" in err and "pip install -e ." in err
    # and the edit is what runs
    code = "import marsad.stages.events_score as m; print(m.EDITED_AFTER_THE_BUILD)"
    out = subprocess.run([sys.executable, "-W", "ignore", "-c", code], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(tmp_path)}, check=True, timeout=60)
    assert out.stdout.strip() == "True"


def extract(inp: Path, out: Path, *, pure: bool) -> bytes:
    env = {**os.environ, "MARSAD_PURE_PYTHON": "1" if pure else ""}
    subprocess.run([sys.executable, "-m", "marsad.cli.main", "extract", str(inp), "--out", str(out),
                    "--published", "2016-06-12", "-q", "-j", "1"], env=env, check=True, timeout=600)
    return out.read_bytes()


@needs_build
def test_compiled_and_source_give_the_same_records_on_our_samples(tmp_path):
    a = extract(ROOT / "samples", tmp_path / "c.jsonl", pure=False)
    b = extract(ROOT / "samples", tmp_path / "p.jsonl", pure=True)
    assert a.count(b"\n") >= 5 and b'"events":[{' in a
    assert a == b


@needs_build
@pytest.mark.slow
def test_compiled_and_source_give_the_same_records_on_corpus_articles(shared, tmp_path):
    path = shared / "corpus" / "saudinewsnet.jsonl.gz"
    if not path.exists():
        pytest.skip(f"{path} is not present")
    inp = tmp_path / "in.jsonl"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        inp.write_text("".join(islice(f, 300)), encoding="utf-8")
    a = extract(inp, tmp_path / "c.jsonl", pure=False)
    b = extract(inp, tmp_path / "p.jsonl", pure=True)
    assert a.count(b"\n") == 300 and a.count(b'"events":[{') > 0
    assert a == b
