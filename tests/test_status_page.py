"""The translation status page and the notices, built with Sphinx from the catalogs."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from sphinx.application import Sphinx
from workflow_support import copy_fixture, edit

from mbc_docs.project import Project
from mbc_docs.workflow import reviews
from mbc_docs.workflow.update import update_po

pytestmark = pytest.mark.build
ROOT = Path(__file__).resolve().parent.parent


def build(project: Project, builder: str, language: str = "es") -> Path:
    out = project.build / builder / language
    app = Sphinx(
        str(project.docs), str(project.docs), str(out),
        str(project.build / "doctrees" / language / builder), builder,
        confoverrides={"language": language,
                       "extensions": ["myst_parser", "mbc_docs.sphinxext"],
                       "mbc_project_root": str(project.root), "html_theme": "furo",
                       "version": "1", "copyright": "test"},
        status=io.StringIO(), warning=io.StringIO(),
    )
    app.build()
    return out


@pytest.fixture(scope="module")
def guide(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Three pages in three review states: reviewed, outdated, draft."""
    project = copy_fixture(tmp_path_factory.mktemp("status"))
    (project.docs / "status.md").write_text(
        "(status)=\n# Status\n\n```{translation-status}\n```\n", encoding="utf-8")
    edit(project.docs / "index.md", "sites/bone\n", "sites/bone\nstatus\n")
    update_po(project, report=lambda _line: None)
    reviews.sign(project, "es", "care", "Ana", "medical-translator",
                 reviews.dt.date(2026, 11, 20))
    reviews.sign(project, "es", "sites/bone", "Ana", "medical-translator",
                 reviews.dt.date(2026, 11, 21), allow_incomplete=True)
    edit(project.docs / "sites" / "bone.md", "most common sign", "most common first sign")
    update_po(project, report=lambda _line: None)
    return project


@pytest.fixture(scope="module")
def site(guide: Project) -> Path:
    return build(guide, "html")


def notice_of(html: str) -> str:
    match = re.search(r'<div class="translation-notice[^"]*admonition">.*?</div>', html, re.S)
    assert match, "no translation notice"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(0))).strip()


def test_every_translated_page_shows_its_review_state(site: Path) -> None:
    care = notice_of((site / "care.html").read_text("utf-8"))
    assert "Revisada por un traductor médico cualificado el 20 de noviembre de 2026." in care
    assert "en parte" not in care
    bone = notice_of((site / "sites" / "bone.html").read_text("utf-8"))
    assert "se revisó el 21 de noviembre de 2026, pero la página en inglés ha cambiado" in bone
    assert "traducida en parte" in bone
    index = notice_of((site / "index.html").read_text("utf-8"))
    assert "Traducción en borrador: todavía no la ha revisado" in index
    # one box per page, right under the title
    assert (site / "care.html").read_text("utf-8").count('class="translation-notice') == 1


def test_status_page_shows_real_numbers_with_text_percentages(site: Path) -> None:
    html = (site / "status.html").read_text("utf-8")
    assert "<caption>" in html and "Progreso de la traducción por idioma" in html
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S)
    cells = [re.sub(r"<[^>]+>", "", cell).strip()
             for cell in re.findall(r"<td>(.*?)</td>", rows[1], re.S)]
    # es: 15 messages (the status page adds its title), 11 translated, 1 fuzzy (the edited
    # sentence of sites/bone), 3 untranslated
    assert cells[0] == "Español"
    assert cells[1] == "73\u00a0%"  # floor(100 * 11 / 15), written the Spanish way
    assert cells[2:5] == ["11", "1", "3"]
    assert cells[5] == "1 de 4"
    assert '<progress class="mbc-progress" max="100" value="73.0" aria-hidden="true">' in html
    assert '<span lang="fr">Français</span>' in html
    assert "Revisión desactualizada" in html  # sites/bone
    # nothing loaded from outside the site (links to other sites are fine)
    assert not re.search(r'src="(https?:)?//|<link[^>]+href="(https?:)?//', html)


def test_status_page_links_each_page_by_its_title(site: Path) -> None:
    html = (site / "status.html").read_text("utf-8")
    assert 'href="care.html"' in html and "Su equipo de atención" in html


def test_epub_carries_the_same_notices(guide: Project) -> None:
    out = build(guide, "epub")
    (epub,) = out.glob("*.epub")
    with zipfile.ZipFile(epub) as book:
        care = book.read("care.xhtml").decode("utf-8")
        status = book.read("status.xhtml").decode("utf-8")
    assert "Revisada por un traductor médico cualificado" in notice_of(care)
    assert "<progress" in status


def test_signing_a_review_updates_an_incremental_build(guide: Project, site: Path) -> None:
    reviews.sign(guide, "es", "index", "Ana", "medical-translator",
                 reviews.dt.date(2026, 11, 22), allow_incomplete=True)
    build(guide, "html")
    index = notice_of((site / "index.html").read_text("utf-8"))
    assert "Revisada por un traductor médico cualificado el 22 de noviembre" in index


def test_english_pages_have_no_translation_notice(guide: Project) -> None:
    html = (build(guide, "html", "en") / "care.html").read_text("utf-8")
    assert "translation-notice" not in html


def test_the_guide_has_a_status_page_in_its_reference_toctree() -> None:
    page = (ROOT / "docs" / "translation-status.md").read_text("utf-8")
    assert page.splitlines()[0] == "---" and "last_reviewed:" in page
    assert "(translation-status)=" in page and "# Translation status" in page
    assert ":class: key-points" in page and "(translation-status-sources)=" in page
    assert "```{translation-status}" in page
    index = (ROOT / "docs" / "index.md").read_text("utf-8")
    assert re.search(r":caption: Reference\n\n(?:[\w-]+\n)*translation-status\n", index)
