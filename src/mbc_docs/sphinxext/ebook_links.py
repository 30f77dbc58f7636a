"""Readers can take the guide with them: every page links to its language's ePub.

The ePubs are built by ``make epub`` into ``build/epub/<lang>/``. When a site is
built, the books that exist are copied into its ``_downloads/ebooks/`` folder, so
each language's site is published with every book and works offline. The home
page lists all of them (the ``{ebook-downloads}`` directive).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.application import Sphinx

from .. import languages
from .ui_text import _

DOWNLOAD_DIR = "_downloads/ebooks"


def epub_filename(config: Any, code: str) -> str:
    return f"{config.mbc_epub_basename}-{code}.epub"


def configure_epub_name(app: Sphinx, config: Any) -> None:
    config.epub_basename = epub_filename(config, config.language or "en").removesuffix(".epub")


class ebook_list(nodes.General, nodes.Element):
    """Placeholder for the list of e-books, filled in per builder."""


class EbookDownloads(Directive):
    """``{ebook-downloads}``: a list of every language's e-book (HTML only)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        return [ebook_list()]


def _relative_root(pagename: str) -> str:
    return "../" * pagename.count("/")


def fill_ebook_lists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for placeholder in list(doctree.findall(ebook_list)):
        if app.builder.format != "html" or app.builder.name == "epub":
            placeholder.parent.remove(placeholder)
            continue
        items = nodes.bullet_list(classes=["ebook-downloads"])
        for lang in languages.languages(Path(app.config.mbc_project_root)):
            uri = f"{_relative_root(docname)}{DOWNLOAD_DIR}/{epub_filename(app.config, lang.code)}"
            ref = nodes.reference("", lang.native_name, refuri=uri, hreflang=lang.bcp47)
            ref["classes"].append("ebook-link")
            para = nodes.paragraph()
            para += ref
            items += nodes.list_item("", para)
        placeholder.replace_self(items)


def add_page_context(app: Sphinx, pagename: str, templatename: str,
                     context: dict[str, Any], doctree: Any) -> None:
    if app.builder.name == "epub":
        return
    context.setdefault("mbc_text", {})["download_ebook"] = _("Download the e-book (ePub)")
    code = app.config.language or languages.SOURCE_LANGUAGE
    context["mbc_ebook_url"] = (
        f"{_relative_root(pagename)}{DOWNLOAD_DIR}/{epub_filename(app.config, code)}"
    )


def copy_ebooks(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name != "html":
        return
    source = Path(app.config.mbc_epub_dir)
    target = Path(app.outdir) / DOWNLOAD_DIR
    target.mkdir(parents=True, exist_ok=True)
    for code in languages.all_codes(Path(app.config.mbc_project_root)):
        book = source / code / epub_filename(app.config, code)
        copy = target / book.name
        if book.exists() and (not copy.exists() or copy.stat().st_mtime < book.stat().st_mtime):
            shutil.copy2(book, copy)


def setup(app: Sphinx) -> None:
    app.add_config_value("mbc_epub_dir", "", "html", types=[str])
    app.add_config_value("mbc_epub_basename", "mbc-guide", "env", types=[str])
    app.add_node(ebook_list)
    app.add_directive("ebook-downloads", EbookDownloads)
    app.connect("config-inited", configure_epub_name)
    app.connect("doctree-resolved", fill_ebook_lists)
    app.connect("html-page-context", add_page_context)
    app.connect("build-finished", copy_ebooks)
