"""Helpers shared by the browser tests (imported by conftest.py and the test modules)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("MBC_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "build" / "screenshots"
REPORTS = ROOT / "build" / "reports"

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}

#: The pages every language is read on: the home page and content pages of each kind
#: (an explanation, a body site, treatment with its tables, the glossary).
PAGES = ("index", "what-is-mbc", "sites/bone", "treatment", "glossary")


@dataclass
class Visit:
    """A page opened by a test, with what it said and fetched."""

    page: object
    base: str
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def remote_requests(self) -> list[str]:
        local = urlsplit(self.base).netloc
        return [url for url in self.requests
                if urlsplit(url).scheme not in {"data", "blob", "about"}
                and urlsplit(url).netloc != local]

    def goto(self, path: str) -> object:
        response = self.page.goto(f"{self.base}/{path}", wait_until="load")  # type: ignore[attr-defined]
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        return response


def page_path(lang: str, page: str) -> str:
    return f"{lang}/{page}.html"


def require_page(lang: str, page: str) -> None:
    """Skip a content page that is not written yet (the home page must always exist)."""
    if page != "index" and not (ROOT / "build" / "html" / page_path(lang, page)).is_file():
        pytest.skip(f"{page} is not written yet")
