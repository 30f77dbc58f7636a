"""The translation status page: progress of every language, computed at build time.

``docs/translation-status.md`` holds one directive::

    ```{translation-status}
    ```

It renders, from the catalogs this very build uses, a summary table (one row per
language, with a progress bar and the percentage as text) and one table per language
with every page's progress and review state. The numbers come from
:mod:`mbc_docs.workflow.stats`, the same counts as ``mbc-docs stats`` and the
"partly translated" notice.

Accessibility (WCAG 2.2 AA): the percentage is always written as text; the bar is a
native ``<progress>`` element hidden from assistive technology because the text
already says the same. Tables have captions and header cells; language names carry
their own ``lang``. Nothing is loaded from outside the site. Other builders than HTML
and ePub get the text without the bar.

The page is re-read on every build (``env-get-outdated``): reading the catalogs takes
milliseconds, and a stale status page would defeat its purpose.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from babel.numbers import format_decimal, format_percent
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .. import languages
from ..catalog_progress import CatalogProgress
from ..errors import UserError
from ..workflow import reviews
from ..workflow.stats import LanguageStats, collect
from .ui_text import _


class progress_bar(nodes.General, nodes.Inline, nodes.Element):
    """A decorative bar; ``value`` is a percentage (the text next to it says the same)."""


def visit_progress_bar_html(translator: Any, node: progress_bar) -> None:
    value = max(0.0, min(100.0, float(node["value"])))
    translator.body.append(
        f'<progress class="mbc-progress" max="100" value="{value:.1f}" aria-hidden="true">'
        "</progress> "
    )
    raise nodes.SkipNode


def skip_node(_translator: Any, _node: nodes.Node) -> None:
    raise nodes.SkipNode


def shown_percent(progress: CatalogProgress) -> float:
    """Rounded down, so a page with one passage missing never claims 100 %.

    A language without catalogs yet has nothing translated: 0 %, not "all of nothing".
    """
    if progress.total == 0:
        return 0.0
    return math.floor(progress.percent) / 100


class Formatter:
    """Numbers and percentages written the way the build language writes them."""

    def __init__(self, code: str):
        self.locale = code

    def number(self, value: int) -> str:
        return format_decimal(value, locale=self.locale)

    def percent(self, progress: CatalogProgress) -> str:
        return format_percent(shown_percent(progress), locale=self.locale)


def _cell(*children: nodes.Node | str) -> nodes.entry:
    entry = nodes.entry()
    para = nodes.paragraph()
    for child in children:
        para += nodes.Text(child) if isinstance(child, str) else child
    entry += para
    return entry


def _table(caption: str, headers: Sequence[str], rows: list[list[nodes.entry]],
           classes: list[str]) -> nodes.table:
    table = nodes.table(classes=["translation-status", *classes])
    table += nodes.title(text=caption)
    group = nodes.tgroup(cols=len(headers))
    table += group
    for _header in headers:
        group += nodes.colspec(colwidth=1)
    head = nodes.thead()
    header_row = nodes.row()
    for header in headers:
        header_row += _cell(header)
    head += header_row
    group += head
    body = nodes.tbody()
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            row += cell
        body += row
    group += body
    return table


def _progress_cell(progress: CatalogProgress, fmt: Formatter) -> nodes.entry:
    return _cell(progress_bar(value=100 * shown_percent(progress)), fmt.percent(progress))


def _language_name(lang: languages.Language) -> nodes.inline:
    return nodes.inline(text=lang.native_name, classes=[f"language-{lang.bcp47}"])


def review_label(state: reviews.ReviewState) -> str:
    # Spelled out for the message extractor: _() needs literal strings.
    if state is reviews.ReviewState.REVIEWED:
        return _("Reviewed")
    if state is reviews.ReviewState.OUTDATED:
        return _("Review outdated")
    return _("Not reviewed")


class TranslationStatus(SphinxDirective):
    """``{translation-status}``: the progress tables (no arguments, no content)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        root = Path(self.config.mbc_project_root)
        self.depend_on_catalogs(root)
        try:
            stats = collect(root)
        except (UserError, languages.UnknownLanguageError) as exc:
            return [self.state.document.reporter.warning(
                f"translation status unavailable: {exc}", line=self.lineno)]
        fmt = Formatter(self.config.language or languages.SOURCE_LANGUAGE)
        result: list[nodes.Node] = [self.summary_table(stats, fmt)]
        result += [self.language_table(lang, fmt) for lang in stats if lang.pages]
        for node in result:
            keep_out_of_catalogs(node)
        return result

    def depend_on_catalogs(self, root: Path) -> None:
        """Re-read this page exactly when a catalog, the review records or the language
        list change, so a build with nothing changed still rebuilds nothing."""
        locale = root / "locale"
        for path in (locale / "LINGUAS", locale / "reviews.toml"):
            if path.exists():
                self.env.note_dependency(str(path))
        for path in sorted(locale.glob("*/LC_MESSAGES/**/*.po")):
            self.env.note_dependency(str(path))

    def summary_table(self, stats: list[LanguageStats], fmt: Formatter) -> nodes.table:
        headers = [_("Language"), _("Progress"), _("Translated"), _("Needs checking"),
                   _("Not translated"), _("Reviewed pages")]
        rows = []
        for lang in stats:
            total = lang.total
            rows.append([
                _cell(_language_name(lang.language)),
                _progress_cell(total, fmt),
                _cell(fmt.number(total.translated)),
                _cell(fmt.number(total.fuzzy)),
                _cell(fmt.number(total.untranslated)),
                _cell(_("{reviewed} of {total}").format(
                    reviewed=fmt.number(lang.reviewed_pages), total=fmt.number(len(lang.pages)))),
            ])
        return _table(_("Translation progress by language"), headers, rows, ["summary"])

    def language_table(self, lang: LanguageStats, fmt: Formatter) -> nodes.table:
        headers = [_("Page"), _("Progress"), _("Translated"), _("Needs checking"),
                   _("Not translated"), _("Review")]
        rows = [
            [
                _cell(self.page_link(page.docname)),
                _progress_cell(page.progress, fmt),
                _cell(fmt.number(page.progress.translated)),
                _cell(fmt.number(page.progress.fuzzy)),
                _cell(fmt.number(page.progress.untranslated)),
                _cell(review_label(page.review.state)),
            ]
            for page in lang.pages
        ]
        caption = _("{language}: progress by page").format(language=lang.language.native_name)
        return _table(caption, headers, rows, ["pages"])

    def page_link(self, docname: str) -> nodes.Node:
        """A link titled like the page in this build; plain text for pages not in docs/."""
        if docname not in self.env.found_docs:
            return nodes.literal(text=docname)
        ref = addnodes.pending_xref("", refdomain="std", reftype="doc",
                                    reftarget=f"/{docname}", refexplicit=False, refwarn=True)
        ref += nodes.inline(text=docname)
        return ref


def keep_out_of_catalogs(node: nodes.Node) -> None:
    """The tables are written in the build language already: they are not messages for
    translators, and Sphinx must neither extract them nor look them up."""
    for element in node.findall(nodes.TextElement):
        # Sphinx deletes any inline carrying a "translatable" flag (it takes those for
        # its own placeholders), so only block-level text is flagged.
        if not isinstance(element, nodes.Inline):
            element["translatable"] = False


def setup(app: Sphinx) -> None:
    app.add_node(
        progress_bar,
        html=(visit_progress_bar_html, None),
        latex=(skip_node, None),
        text=(skip_node, None),
        man=(skip_node, None),
        texinfo=(skip_node, None),
    )
    app.add_directive("translation-status", TranslationStatus)

