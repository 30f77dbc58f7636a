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


_BUILD_FAILURES: dict[str, str] = {}


def _make_all() -> None:
    """``make all`` once per session: every language in parallel, warnings as errors.

    Incremental, so after a maintainer's own ``make all`` it rebuilds nothing. A
    failure is remembered, not retried by every test that needs a build.
    """
    if "all" not in _BUILD_FAILURES:
        result = subprocess.run(["make", "--no-print-directory", "all"], cwd=ROOT,
                                capture_output=True, text=True, check=False)
        _BUILD_FAILURES["all"] = "" if result.returncode == 0 else (
            f"make all failed:\n{result.stdout[-20000:]}\n{result.stderr[-20000:]}"
        )
    if _BUILD_FAILURES["all"]:
        pytest.fail(_BUILD_FAILURES["all"])


@pytest.fixture(scope="session")
def built_html() -> Callable[[str], Path]:
    """``built_html("es")``: the Spanish site, built by ``make all``."""

    def site(lang: str) -> Path:
        _make_all()
        return ROOT / "build" / "html" / lang

    return site


@pytest.fixture(scope="session")
def built_epub() -> Callable[[str], Path]:
    """``built_epub("ar")``: the Arabic e-book, built by ``make all``."""

    def book(lang: str) -> Path:
        _make_all()
        (epub,) = (ROOT / "build" / "epub" / lang).glob("*.epub")
        return epub

    return book
