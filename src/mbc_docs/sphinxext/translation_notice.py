"""Tell readers, at the top of each translated page, how far they can trust it.

Every translated page gets ONE notice box right under its title, saying:

- its review state, from ``locale/reviews.toml`` (see :mod:`mbc_docs.workflow.reviews`):
  a draft not yet reviewed by a qualified medical translator; reviewed on a date; or
  reviewed on a date but the English has changed since (the fingerprint of the
  page's English no longer matches the one the reviewer signed);
- how complete the translation is. Sphinx falls back to English for every message
  that is untranslated or fuzzy (``gettext_allow_fuzzy_translations = False``: a
  fuzzy medical sentence is never shown), so a reader would otherwise meet English
  paragraphs in a Spanish page without warning.

The box is added to the doctree, so the site and the ePub both carry it. Pages are
re-read when ``reviews.toml`` changes (a dependency of every translated page) and when
their catalog changes (Sphinx tracks the compiled ``.mo``), so incremental builds
never show a stale state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from babel.dates import format_date
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from .. import languages
from ..catalog_progress import CatalogProgress, catalog_path, progress_of
from ..catalogs import load_catalog
from ..errors import UserError
from ..workflow import reviews
from .ui_text import _

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageTranslation:
    language: languages.Language
    progress: CatalogProgress | None  # None: the page has no catalog yet
    review: reviews.PageReview = field(
        default_factory=lambda: reviews.PageReview(reviews.ReviewState.NOT_REVIEWED))

    @property
    def untranslated(self) -> bool:
        return self.progress is None or self.progress.translated == 0

    @property
    def complete(self) -> bool:
        progress = self.progress
        return progress is not None and progress.total > 0 and \
            progress.translated == progress.total


def _project_root(app: Sphinx) -> Path:
    return Path(app.config.mbc_project_root)


def _records(app: Sphinx, code: str) -> dict[str, reviews.ReviewRecord]:
    path = _project_root(app) / "locale" / "reviews.toml"
    try:
        return reviews.load_reviews_cached(path).get(code, {})
    except UserError as exc:
        # Honest fallback: with unreadable records no page claims to be reviewed.
        logger.warning("review records unreadable, every page shown as not reviewed: %s", exc)
        return {}


def page_translation(app: Sphinx, docname: str) -> PageTranslation | None:
    """The translation state of ``docname`` in the build language (None for English)."""
    code = app.config.language or languages.SOURCE_LANGUAGE
    if code == languages.SOURCE_LANGUAGE:
        return None
    path = catalog_path(_project_root(app) / "locale", code, docname)
    po = load_catalog(path) if path.exists() else None
    record = _records(app, code).get(docname)
    fingerprint = reviews.fingerprint_of(po) if po is not None else None
    return PageTranslation(
        languages.describe(code),
        progress_of(po) if po is not None else None,
        reviews.state_of(record, fingerprint),
    )


def review_text(state: PageTranslation) -> str:
    """The sentence about review, with the date written for the page's language."""
    review = state.review
    if review.state is reviews.ReviewState.NOT_REVIEWED or review.record is None:
        return _("Draft translation: not yet reviewed by a qualified medical translator.")
    date = format_date(review.record.date, format="long", locale=state.language.code)
    if review.state is reviews.ReviewState.REVIEWED:
        return _("Reviewed by a qualified medical translator on {date}.").format(date=date)
    return _("This translation was reviewed on {date}, but the English page has changed "
             "since.").format(date=date)


def incomplete_text(state: PageTranslation) -> str | None:
    """The sentence about English passages in the page, or None when it is complete."""
    if state.complete:
        return None
    progress = state.progress
    if progress is None or progress.translated == 0:
        text = _("This page has not been translated into {language} yet. It is shown in English.")
    else:
        text = _(
            "This page is only partly translated: {translated} of {total} passages are in "
            "{language}. The other passages are shown in English."
        )
    return text.format(
        language=state.language.native_name,
        translated=progress.translated if progress else 0,
        total=progress.total if progress else 0,
    )


def translation_notice(state: PageTranslation) -> nodes.Element:
    """The one notice box of a translated page: review state, then completeness."""
    classes = ["translation-notice"]
    sentences: list[str] = []
    if not state.untranslated:
        # A page still entirely in English has no translation to review.
        classes.append(f"translation-{state.review.state.value}")
        sentences.append(review_text(state))
    missing = incomplete_text(state)
    if missing is not None:
        classes.append("translation-incomplete")
        sentences.append(missing)
    box = nodes.admonition(classes=classes)
    box += nodes.title(text=_("About this translation"))
    for sentence in sentences:
        box += nodes.paragraph(text=sentence)
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
    insert_after_title(doctree, translation_notice(state))


def note_review_records(app: Sphinx, doctree: nodes.document) -> None:
    """Make every translated page depend on ``reviews.toml`` (re-read when it changes)."""
    if (app.config.language or languages.SOURCE_LANGUAGE) == languages.SOURCE_LANGUAGE:
        return
    path = _project_root(app) / "locale" / "reviews.toml"
    if path.exists():  # Sphinx treats a missing dependency as "always outdated"
        app.env.note_dependency(str(path))


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", note_review_records)
    app.connect("doctree-resolved", add_translation_notices)
