"""The build pipeline: every language in both formats, and its error paths."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mbc_docs import languages

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

pytestmark = pytest.mark.build


class _ResourceCollector(HTMLParser):
    """Collects what a browser would fetch on its own, and the language switcher links."""

    def __init__(self) -> None:
        super().__init__()
        self.html_attrs: dict[str, str | None] = {}
        self.resources: list[str] = []
        self.switcher_links: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.html_attrs = a
        if tag in {"script", "img", "iframe", "audio", "video", "source", "embed"} and a.get("src"):
            self.resources.append(a["src"] or "")
        if tag == "link" and a.get("href") and a.get("rel") not in {"next", "prev", "index",
                                                                     "search", "author",
                                                                     "alternate", "canonical"}:
            self.resources.append(a["href"] or "")
        if tag == "a" and "mbc-language-link" in (a.get("class") or ""):
            self.switcher_links.append((a.get("hreflang") or "", a.get("href") or ""))


def parse(page: Path) -> _ResourceCollector:
    collector = _ResourceCollector()
    collector.feed(page.read_text(encoding="utf-8"))
    return collector


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)


def test_every_language_builds_its_site_with_warnings_as_errors(
    lang: str, built_html: Callable[[str], Path]
) -> None:
    site = built_html(lang)
    assert (site / "index.html").is_file()
    assert (site / "searchindex.js").is_file()


def test_every_language_builds_its_ebook(lang: str, built_epub: Callable[[str], Path]) -> None:
    book = built_epub(lang)
    assert book.name == f"mbc-guide-{lang}.epub"
    assert book.stat().st_size > 10_000


def test_html_lang_and_dir_follow_the_language(
    lang: str, built_html: Callable[[str], Path]
) -> None:
    expected = languages.describe(lang)
    for page in pages(built_html(lang)):
        attrs = parse(page).html_attrs
        assert attrs.get("lang") == expected.bcp47, page
        assert (attrs.get("dir") or "ltr") == expected.direction, page


def test_language_switcher_links_resolve_to_existing_pages(
    lang: str, built_html: Callable[[str], Path]
) -> None:
    for code in languages.all_codes(ROOT):
        built_html(code)
    site = built_html(lang)
    current = languages.describe(lang).bcp47
    others = {other.bcp47 for other in languages.languages(ROOT)} - {current}
    for page in pages(site):
        links = parse(page).switcher_links
        assert {hreflang for hreflang, _ in links} == others, page
        for _, href in links:
            assert (page.parent / href).resolve().is_file(), f"{page}: {href}"


def test_no_page_loads_anything_from_another_host(
    lang: str, built_html: Callable[[str], Path]
) -> None:
    site = built_html(lang)
    remote = re.compile(r"^(https?:)?//", re.IGNORECASE)
    for page in pages(site):
        offending = [url for url in parse(page).resources if remote.match(url)]
        assert not offending, f"{page} loads {offending}"
    css_remote = re.compile(r"(@import\s+['\"]?|url\(\s*['\"]?)(https?:)?//", re.IGNORECASE)
    for css in site.rglob("*.css"):
        assert not css_remote.search(css.read_text(encoding="utf-8")), css


def test_every_page_offers_its_languages_ebook(
    lang: str, built_html: Callable[[str], Path]
) -> None:
    site = built_html(lang)
    index = (site / "index.html").read_text(encoding="utf-8")
    assert f"_downloads/ebooks/mbc-guide-{lang}.epub" in index
    assert (site / "_downloads" / "ebooks" / f"mbc-guide-{lang}.epub").is_file()


def run_make(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["make", "--no-print-directory", *args], cwd=cwd,
                          capture_output=True, text=True, check=False)


def test_unknown_language_lists_the_supported_ones_and_fails() -> None:
    result = run_make("html", "LANGUAGE=xx")
    assert result.returncode != 0
    assert "unsupported LANGUAGE 'xx'" in result.stderr
    for code in languages.all_codes(ROOT):
        assert code in result.stderr
    assert "done in" not in result.stdout


def test_sphinx_style_language_option_selects_the_language() -> None:
    result = run_make("-n", "-e", "SPHINXOPTS=-D language='de'", "html")
    assert result.returncode == 0, result.stderr
    assert "epub-de" in result.stdout or "build epub de" in result.stdout


def test_gettext_language_variable_from_the_environment_is_ignored() -> None:
    import os

    env = {**os.environ, "LANGUAGE": "en_US:en"}
    result = subprocess.run(["make", "-n", "html"], cwd=ROOT, env=env,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "epub-en" in result.stdout or "build epub en" in result.stdout


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A throwaway copy of the project's sources, to break without harm."""
    copy = tmp_path / "project"
    for name in ("docs", "locale", "src"):
        shutil.copytree(ROOT / name, copy / name,
                        ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
    return copy


def test_broken_catalog_fails_the_build_naming_file_and_line(project_copy: Path) -> None:
    broken = project_copy / "locale" / "es" / "LC_MESSAGES" / "index.po"
    broken.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / "build" / "broken-syntax.po", broken)
    mbc_docs = Path(ROOT / ".venv" / "bin" / "mbc-docs")
    result = subprocess.run([str(mbc_docs), "build", "html", "es"], cwd=project_copy,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert re.search(rf"{re.escape(str(broken))}:\d+: ", result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert "done in" not in result.stdout
    assert not (project_copy / "build" / "html" / "es" / "index.html").exists()
