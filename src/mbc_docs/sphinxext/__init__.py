"""Sphinx extensions of the guide, registered together by ``setup(app)``.

Each submodule does one job and has its own ``setup``; ``conf.py`` lists only this
package:

- ``ui_text``: translations of the words the extensions add to pages;
- ``language_context``: language validation, ``lang``/``dir``, the language switcher;
- ``translation_notice``: review state and completeness of each translated page;
- ``untranslated_passages``: English fallback passages marked ``lang="en" dir="ltr"``;
- ``translation_status``: the ``{translation-status}`` progress tables;
- ``page_meta``: the localised "Last reviewed" date;
- ``ebook_links``: ePub download links and the list of every language's e-book;
- ``epub_builder``: ePubs that pass EPUBCheck and declare their accessibility;
- ``term_warnings``: term checker findings as build warnings (``mbc_check_terms = True``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from . import (
    ebook_links,
    epub_builder,
    language_context,
    page_meta,
    term_warnings,
    translation_notice,
    translation_status,
    ui_text,
    untranslated_passages,
)

_EXTENSIONS = (ui_text, language_context, translation_notice, page_meta, ebook_links,
               epub_builder, translation_status, term_warnings, untranslated_passages)

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"


def _chinese_search_language() -> type:
    """Sphinx 9's Chinese search, able to run in the browser.

    ``SearchChinese`` ships the English stemmer's JavaScript but names it after its
    own ``language_name``: ``language_data.js`` ends with ``window.Stemmer =
    ChineseStemmer;``, which throws, and every search on a Chinese site stops at
    "Searching". Its index is built with the English stemmer (Latin words), so the
    script must say ``EnglishStemmer``.
    """
    from sphinx.search.zh import SearchChinese

    class ChineseSearch(SearchChinese):
        language_name = "English"  # only names the JavaScript stemmer (see above)

    return ChineseSearch


def _add_theme_files(app: Sphinx, config: Config) -> None:
    config.templates_path.append(str(TEMPLATES))
    config.html_static_path.append(str(STATIC))


def setup(app: Sphinx) -> dict[str, Any]:
    for module in _EXTENSIONS:
        module.setup(app)
    app.connect("config-inited", _add_theme_files)
    app.add_search_language(_chinese_search_language())
    app.add_css_file("mbc.css")
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
