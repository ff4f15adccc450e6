"""The sources that setup.py compiles with Cython keep to what compiled code needs.

A nested function that another closure (a generator expression, a lambda, a nested def) calls
makes a reference cycle once compiled: Cython keeps all of a function's captured variables in one
scope object, the nested function refers to that scope, and the scope holds the nested function.
Each call then leaves cyclic garbage, which ``marsad.parallel`` does not expect (it pauses the
collector over a batch because documents leave no cycles; tests/unit/test_parallel_gc.py). The
interpreter keeps one cell per variable and makes no cycle, so only this static check sees it
for the code paths a test run does not reach.
"""
from __future__ import annotations

import ast
from pathlib import Path

from marsad._compiled import compiled_modules

SRC = Path(__file__).resolve().parents[2] / "src"


def closure_cycles(source: str) -> list[str]:
    """'function: name' for each nested function or lambda bound to a name in a function and
    read by another scope nested in that function."""
    out = []
    for fn in ast.walk(ast.parse(source)):
        if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        inner: dict[str, ast.AST] = {}
        for node in ast.walk(fn):
            if node is not fn and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                inner[node.name] = node
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Lambda | ast.GeneratorExp):
                inner.update({t.id: node.value for t in node.targets if isinstance(t, ast.Name)})
        if not inner:
            continue
        for scope in ast.walk(fn):
            if scope is fn or not isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
                                             | ast.GeneratorExp):
                continue
            read = {n.id for n in ast.walk(scope) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
            out += [f"{fn.name}: {name}" for name, node in inner.items() if name in read and node is not scope]
    return sorted(set(out))


def test_the_check_finds_the_pattern_and_passes_its_fixes():
    cyclic = (
        "def f(items, hom):\n"
        "    def weak(o):\n"
        "        return o in hom\n"
        "    return any(weak(o) for o in items)\n")
    assert closure_cycles(cyclic) == ["f: weak"]
    as_lambda = "def f(items):\n    key = lambda o: -o\n    return sorted(items, key=lambda o: key(o))\n"
    assert closure_cycles(as_lambda) == ["f: key"]
    # the fixes: flags computed once, or the nested function called only from the body itself
    flags = "def f(items, hom):\n    weak = [o in hom for o in items]\n    return any(weak)\n"
    direct = "def f(items, hom):\n    def weak(o):\n        return o in hom\n    return [o for o in items if weak(o)]\n"
    assert closure_cycles(flags) == [] and closure_cycles(direct) == []


def test_no_compiled_module_makes_a_closure_cycle():
    files = [SRC.joinpath(*m.split(".")).with_suffix(".py") for m in compiled_modules(SRC)]
    assert len(files) > 20  # the globs match the stages, the Arabic readers and the rest
    found = {str(p.relative_to(SRC)): c for p in files if (c := closure_cycles(p.read_text("utf-8")))}
    assert found == {}
