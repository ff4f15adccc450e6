"""Every setting, error code and CLI command is documented (a test fails when one is not)."""
from __future__ import annotations

from pathlib import Path

from marsad.cli.main import build_parser
from marsad.errors import CODES
from marsad.settings import REGISTRY

ROOT = Path(__file__).resolve().parents[2]


def test_every_setting_documented():
    doc = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    missing = [s.env for s in REGISTRY.values() if f"`{s.env}`" not in doc]
    assert not missing, f"document these in docs/settings.md: {missing}"


def test_every_error_code_documented():
    doc = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    missing = [c for c in CODES if f"`{c}`" not in doc]
    assert not missing, f"document these in docs/errors.md: {missing}"


def test_every_command_documented():
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    missing = [name for name in sub.choices if f"`marsad {name}" not in doc]
    assert not missing, f"document these in docs/cli.md: {missing}"


def test_bad_setting_value_is_a_coded_error(monkeypatch):
    import pytest

    from marsad import settings
    from marsad.errors import MarsadError

    monkeypatch.setenv("MARSAD_WORKERS", "many")
    with pytest.raises(MarsadError) as e:
        settings.get("workers")
    assert e.value.code == "E207" and "MARSAD_WORKERS" in str(e.value)
