"""The built site, served on localhost, read by Debian's headless Chromium.

- ``site_url``: every language is built first (through ``built_html``, so ``make
  test`` builds what it needs), then ``build/html/`` is served on 127.0.0.1 at a
  free port by a threaded ``http.server`` inside the test process.
- ``browser``: one Chromium for the whole session, the system's ``/usr/bin/chromium``
  (Playwright's own browser download does not work here), with a fresh profile.
- ``desktop`` and ``phone``: one browser context each (1280x800 and 375x812), reused
  by every test; each test opens its own ``Page`` through ``open_page``, which
  records console errors, page errors and every request the page makes. Requests to
  any host other than the local server are recorded and then aborted, so a test
  can never reach the network, and they are reported.
"""

from __future__ import annotations

import functools
import http.server
import socketserver
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE, ROOT, Visit

from mbc_docs import languages

playwright_sync = pytest.importorskip("playwright.sync_api")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


@pytest.fixture(scope="session")
def all_sites_built(built_html: Callable[[str], Path]) -> Path:
    """Build the site of every language (the switcher links between them)."""
    for code in languages.all_codes(ROOT):
        built_html(code)
    return ROOT / "build" / "html"


@pytest.fixture(scope="session")
def site_url(all_sites_built: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(all_sites_built))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium; .ci/run does)")
    # launch() starts Chromium with a fresh temporary profile of its own.
    with playwright_sync.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                      headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


def _context(browser: object, viewport: dict[str, int], **extra: object) -> object:
    return browser.new_context(  # type: ignore[attr-defined]
        viewport=viewport,
        color_scheme="light",
        reduced_motion="reduce",
        service_workers="block",
        **extra,
    )


@pytest.fixture(scope="session")
def desktop(browser: object) -> Iterator[object]:
    context = _context(browser, DESKTOP)
    yield context
    context.close()


@pytest.fixture(scope="session")
def phone(browser: object) -> Iterator[object]:
    context = _context(browser, PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    yield context
    context.close()


@pytest.fixture
def open_page(site_url: str) -> Iterator[Callable[[object], Visit]]:
    """``open_page(desktop)`` opens a recorded page in that context."""
    opened: list[object] = []

    def open_(context: object) -> Visit:
        page = context.new_page()  # type: ignore[attr-defined]
        opened.append(page)
        visit = Visit(page, site_url)
        page.on("console", lambda msg: msg.type == "error" and visit.console_errors.append(
            f"{msg.text} ({msg.location.get('url', '')})"))
        page.on("pageerror", lambda exc: visit.console_errors.append(f"uncaught: {exc}"))
        page.on("request", lambda request: visit.requests.append(request.url))
        page.on("requestfailed", lambda request: visit.failed.append(
            f"{request.url}: {request.failure}"))
        local = urlsplit(site_url).netloc

        def guard(route: object) -> None:
            if urlsplit(route.request.url).netloc == local:  # type: ignore[attr-defined]
                route.continue_()  # type: ignore[attr-defined]
            else:
                route.abort("blockedbyclient")  # type: ignore[attr-defined]

        page.route("**/*", guard)
        return visit

    yield open_
    for page in opened:
        page.close()  # type: ignore[attr-defined]
