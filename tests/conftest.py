"""Shared fixtures: the project's paths and the built guide, per language and format.

Builds go through the Makefile, exactly as a maintainer runs them, and are
incremental: a test session after ``make all`` rebuilds nothing.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from mbc_docs import languages
from mbc_docs.project import Project

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrise any test that takes ``lang`` over every language of the guide."""
    if "lang" in metafunc.fixturenames:
        metafunc.parametrize("lang", languages.all_codes(ROOT))


@pytest.fixture(scope="session")
def project() -> Project:
    return Project(ROOT)


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


_FAILED_BUILDS: dict[tuple[str, str], str] = {}


def _make(target: str, lang: str) -> None:
    """Run one make target once per session; a failure is remembered, not retried."""
    key = (target, lang)
    if key not in _FAILED_BUILDS:
        result = subprocess.run(
            ["make", "--no-print-directory", target, f"LANGUAGE={lang}"],
            cwd=ROOT, capture_output=True, text=True, check=False,
        )
        _FAILED_BUILDS[key] = "" if result.returncode == 0 else (
            f"make {target} LANGUAGE={lang} failed:\n{result.stdout}\n{result.stderr}"
        )
    if _FAILED_BUILDS[key]:
        pytest.fail(_FAILED_BUILDS[key])


@pytest.fixture(scope="session")
def built_html() -> Callable[[str], Path]:
    """``built_html("es")`` builds the Spanish site (warnings are errors) and returns its folder."""
    done: dict[str, Path] = {}

    def build(lang: str) -> Path:
        if lang not in done:
            _make("html", lang)
            done[lang] = ROOT / "build" / "html" / lang
        return done[lang]

    return build


@pytest.fixture(scope="session")
def built_epub() -> Callable[[str], Path]:
    """``built_epub("ar")`` builds the Arabic e-book and returns the ``.epub`` file."""
    done: dict[str, Path] = {}

    def build(lang: str) -> Path:
        if lang not in done:
            _make("epub", lang)
            (epub,) = (ROOT / "build" / "epub" / lang).glob("*.epub")
            done[lang] = epub
        return done[lang]

    return build
