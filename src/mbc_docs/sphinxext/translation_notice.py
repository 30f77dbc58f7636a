"""Tell readers, at the top of each translated page, how complete its translation is.

Sphinx falls back to English for every message that is untranslated or fuzzy
(``gettext_allow_fuzzy_translations = False``: a fuzzy medical sentence is never
shown). A reader then meets English paragraphs in a Spanish page without
warning; this notice says so up front. It is added to the doctree, so the site
and the ePub both carry it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from .. import languages
from ..catalog_progress import CatalogProgress, catalog_path, measure
from .ui_text import _


@dataclass(frozen=True)
class PageTranslation:
    language: languages.Language
    progress: CatalogProgress | None  # None: the page has no catalog yet


def page_translation(app: Sphinx, docname: str) -> PageTranslation | None:
    """The translation state of ``docname`` in the build language (None for English)."""
    code = app.config.language or languages.SOURCE_LANGUAGE
    if code == languages.SOURCE_LANGUAGE:
        return None
    path = catalog_path(Path(app.config.mbc_project_root) / "locale", code, docname)
    return PageTranslation(languages.describe(code), measure(path) if path.exists() else None)


def incomplete_notice(state: PageTranslation) -> nodes.Element | None:
    progress = state.progress
    if progress is not None and progress.total and progress.translated == progress.total:
        return None
    if progress is None or progress.translated == 0:
        text = _("This page has not been translated into {language} yet. It is shown in English.")
    else:
        text = _(
            "This page is only partly translated: {translated} of {total} passages are in "
            "{language}. The other passages are shown in English."
        )
    para = nodes.paragraph(text=text.format(
        language=state.language.native_name,
        translated=progress.translated if progress else 0,
        total=progress.total if progress else 0,
    ))
    box = nodes.admonition(classes=["translation-notice", "translation-incomplete"])
    box += nodes.title(text=_("Translation incomplete"))
    box += para
    return box


def insert_after_title(doctree: nodes.document, notice: nodes.Element) -> None:
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        doctree.insert(0, notice)
        return
    title = next(iter(section.findall(nodes.title)), None)
    section.insert(section.index(title) + 1 if title is not None else 0, notice)


def add_translation_notices(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    state = page_translation(app, docname)
    if state is None:
        return
    notice = incomplete_notice(state)
    if notice is not None:
        insert_after_title(doctree, notice)


def setup(app: Sphinx) -> None:
    app.connect("doctree-resolved", add_translation_notices)
