"""The build language: validated against ``locale/LINGUAS``, and shown correctly.

- An unsupported ``-D language=xx`` stops the build at once with the list of
  supported languages, instead of silently building an English site in ``xx/``.
- ``<html>`` gets the BCP 47 tag (``zh-CN``, not Sphinx's ``zh_CN``) and, for
  right-to-left languages, ``dir="rtl"``, in the site and in the ePub pages.
- Every page gets the language switcher's data (``mbc_languages``): each language
  named in itself, with the address of the same page in that language.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from .. import languages
from .ui_text import _

#: Where each language's site lives relative to another's: sibling folders, as
#: ``make html`` writes them (``build/html/<lang>/``) and as they are published.
DEFAULT_URL_PATTERN = "../{lang}/{page}"


def project_root(config: Config) -> Path:
    return Path(config.mbc_project_root)


def check_language(app: Sphinx, config: Config) -> None:
    code = config.language or languages.SOURCE_LANGUAGE
    try:
        lang = languages.require(code, project_root(config))
    except languages.UnknownLanguageError as exc:
        raise ConfigError(str(exc)) from None
    config.epub_language = lang.bcp47
    if lang.code.startswith("zh"):
        quiet_jieba()


def quiet_jieba() -> None:
    """jieba (the Chinese search index's word splitter) logs its start-up at DEBUG level."""
    try:
        import jieba
    except ImportError:  # Sphinx then falls back to splitting by character ranges
        return
    jieba.setLogLevel(logging.WARNING)


def html_lang_attribute(lang: languages.Language) -> str:
    """The value for the themes' ``lang="{{ language }}"``, carrying ``dir`` along.

    Neither Furo's nor Sphinx's base template has a ``dir`` attribute or a block
    around ``<html>``; rather than copying the whole base template, the direction
    rides on the one attribute value the templates print there.
    """
    if lang.is_rtl:
        return f'{lang.bcp47}" dir="rtl'
    return lang.bcp47


def page_url(pagename: str, target_code: str, pattern: str, suffix: str) -> str:
    """Relative address of ``pagename`` in another language's site."""
    up = "../" * pagename.count("/")
    return up + pattern.format(lang=target_code, page=pagename + suffix)


def add_page_context(app: Sphinx, pagename: str, templatename: str,
                     context: dict[str, Any], doctree: Any) -> None:
    current = languages.describe(app.config.language or languages.SOURCE_LANGUAGE)
    context["language"] = html_lang_attribute(current)
    context["mbc_language"] = current
    context.setdefault("mbc_text", {})["languages"] = _("Languages")
    if app.builder.name == "epub":
        return  # a book holds one language; there is nothing to switch to
    suffix = getattr(app.builder, "out_suffix", ".html")  # every HTML builder has one
    context["mbc_languages"] = [
        {
            "code": lang.code,
            "bcp47": lang.bcp47,
            "name": lang.native_name,
            "current": lang.code == current.code,
            "url": page_url(pagename, lang.code, app.config.mbc_language_url, suffix),
        }
        for lang in languages.languages(project_root(app.config))
    ]
    root_title = app.env.titles.get(app.config.root_doc)
    if root_title is not None:
        context["docstitle"] = root_title.astext()


def setup(app: Sphinx) -> None:
    app.add_config_value("mbc_project_root", str(Path.cwd()), "env", types=[str])
    app.add_config_value("mbc_language_url", DEFAULT_URL_PATTERN, "html", types=[str])
    app.connect("config-inited", check_language, priority=100)
    app.connect("html-page-context", add_page_context)
