"""The compiled checker (mypyc, see setup.py) says exactly what the Python one says,
and a stale or partial build is never run."""

from __future__ import annotations

import hashlib
import importlib.machinery
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mbc_docs import compiled
from mbc_docs.checks.registry import all_rules

ROOT = Path(__file__).resolve().parents[2]
FIX = ROOT / "tests" / "fixtures" / "checker"
MODULES = ("pkg.fast", "pkg.sub.faster")
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


def fake_build(tmp_path: Path, *, extensions: tuple[str, ...] = MODULES,
               manifest: bool = True) -> Path:
    """A package with two modules' sources, built extensions and manifest (fakes)."""
    package = tmp_path / "pkg"
    digests = {}
    for name in MODULES:
        source = tmp_path.joinpath(*name.split(".")).with_suffix(".py")
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_text(f"NAME = {name!r}\n", encoding="utf-8")
        digests[name] = hashlib.sha256(source.read_bytes()).hexdigest()
        if name in extensions:
            source.with_suffix(SUFFIX).write_bytes(b"")
    if manifest:
        (package / compiled.MANIFEST).write_text(json.dumps(digests), encoding="utf-8")
    return package


def test_a_complete_current_build_is_used(tmp_path: Path) -> None:
    assert compiled.compiled_state(fake_build(tmp_path), MODULES, {}) == (
        True, "compiled with mypyc")


def test_a_source_edited_after_the_build_means_python_for_every_module(
        tmp_path: Path) -> None:
    package = fake_build(tmp_path)
    (package / "sub" / "faster.py").write_text("NAME = 'edited'\n", encoding="utf-8")
    used, why = compiled.compiled_state(package, MODULES, {})
    assert not used
    assert "pkg.sub.faster changed since it was compiled" in why


def test_a_missing_extension_means_python(tmp_path: Path) -> None:
    used, why = compiled.compiled_state(fake_build(tmp_path, extensions=MODULES[:1]),
                                        MODULES, {})
    assert (used, why) == (False, "pure Python (compiled extension missing: pkg.sub.faster)")


def test_no_extension_at_all_means_python(tmp_path: Path) -> None:
    used, why = compiled.compiled_state(fake_build(tmp_path, extensions=()), MODULES, {})
    assert not used
    assert "not compiled" in why


def test_extensions_without_their_manifest_are_not_trusted(tmp_path: Path) -> None:
    used, why = compiled.compiled_state(fake_build(tmp_path, manifest=False), MODULES, {})
    assert not used
    assert compiled.MANIFEST in why


def test_the_environment_variable_forces_python(tmp_path: Path) -> None:
    assert compiled.compiled_state(fake_build(tmp_path), MODULES,
                                   {"MBC_DOCS_PURE_PYTHON": "1"}) == (
        False, "pure Python (MBC_DOCS_PURE_PYTHON is set)")


def test_modules_load_as_the_state_says() -> None:
    from mbc_docs.checks import runner
    from mbc_docs.termbase import matching

    for module in (runner, matching):
        assert module.__file__ is not None
        assert module.__file__.endswith(".py") != compiled.COMPILED, compiled.STATUS


def test_every_rule_keeps_its_documentation_when_compiled() -> None:
    for rule in all_rules():
        assert rule.doc.splitlines()[0], rule.code
        if rule.scope == "entry":
            assert rule.example("Bad") and rule.example("Good"), rule.code


def check_json(env: dict[str, str], *argv: str) -> dict:
    result = subprocess.run([sys.executable, "-m", "mbc_docs", "check", *argv, "--format",
                             "json"], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "MBC_DOCS_NO_CACHE": "1", **env}, check=False)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


@pytest.mark.skipif(not compiled.COMPILED, reason=f"checker here: {compiled.STATUS}")
@pytest.mark.parametrize("argv", [
    ("locale",),
    (str(FIX / "locale"), str(FIX / "plural"), "--termbase", str(FIX / "termbase-dct.tbx"),
     "--jobs", "1"),
], ids=["project", "fixtures"])
def test_compiled_and_python_checkers_report_the_same(argv: tuple[str, ...]) -> None:
    python = check_json({"MBC_DOCS_PURE_PYTHON": "1"}, *argv)
    assert python["findings"], "a comparison needs findings"
    assert check_json({}, *argv) == python
