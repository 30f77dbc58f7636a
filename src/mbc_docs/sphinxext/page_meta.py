"""The "Last reviewed" line at the end of every page, in the reader's language.

Authors write ``last_reviewed: YYYY-MM-DD`` in a page's front matter; the date is
formatted with Babel for the build language, so a Spanish reader sees
"25 de noviembre de 2026". The line is added to the doctree, so the HTML site and
the ePub both carry it.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from .ui_text import _

logger = logging.getLogger(__name__)

META_KEY = "last_reviewed"


def reviewed_date(app: Sphinx, docname: str) -> dt.date | None:
    raw = app.env.metadata.get(docname, {}).get(META_KEY)
    if raw is None:
        return None
    try:
        return dt.date.fromisoformat(str(raw).strip())
    except ValueError:
        logger.warning(
            "%s must be a date like 2026-11-25, not %r", META_KEY, raw, location=docname
        )
        return None


def add_last_reviewed(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    date = reviewed_date(app, docname)
    if date is None:
        return
    locale = app.config.language or "en"
    para = nodes.paragraph(classes=["last-reviewed"])
    para += nodes.strong(text=_("Last reviewed:"))
    para += nodes.Text(" ")
    para += nodes.inline(text=format_date(date, format="long", locale=locale))
    doctree += para


def drop_translated_marker(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Sphinx marks translated ``<meta>`` nodes with ``translated="True"`` and the HTML
    writer prints it as an attribute, which is invalid HTML (EPUBCheck RSC-005)."""
    for meta in doctree.findall(nodes.meta):
        meta.attributes.pop("translated", None)


def setup(app: Sphinx) -> None:
    app.connect("doctree-resolved", add_last_reviewed)
    app.connect("doctree-resolved", drop_translated_marker)
