"""The languages of the guide, read from the one list in ``locale/LINGUAS``.

``LINGUAS`` is the gettext convention for "the languages this project ships".
The Makefile reads it with ``grep``; everything written in Python (``conf.py``,
the language switcher, the workflow commands, the tests) goes through this module,
so adding a language is one line in that file plus its catalogs.

Everything else about a language (its name in itself, its BCP 47 tag, its
writing direction) is derived from the CLDR data that Babel ships, so it is not
restated here either.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import babel
from babel.core import UnknownLocaleError, get_global

#: The language the English source of the guide is written in.
SOURCE_LANGUAGE = "en"

_CODE_RE = re.compile(r"^[a-z]{2,3}(_[A-Z][a-z]{3})?(_[A-Z]{2}|_[0-9]{3})?$")


class UnknownLanguageError(ValueError):
    """A language code that is malformed, unknown to CLDR or not shipped by the project."""


@dataclass(frozen=True)
class Language:
    """One language of the guide, as readers and tools need to see it."""

    code: str  # gettext / Sphinx form: ``zh_CN``
    bcp47: str  # HTML ``lang`` and ePub ``dc:language`` form: ``zh-CN``
    native_name: str  # the language named in itself: ``简体中文``
    english_name: str
    direction: str  # ``ltr`` or ``rtl``

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"


@functools.cache
def require_known(code: str) -> babel.Locale:
    """The CLDR locale of a gettext language code, or :class:`UnknownLanguageError`.

    Only the code is checked here, no language names are read: the term checker
    asks this of every catalog, and reading the names from CLDR (what
    :func:`describe` adds) cost it about 55 ms of start-up for five languages.
    """
    if not _CODE_RE.match(code):
        raise UnknownLanguageError(
            f"{code!r} is not a gettext language code (like 'es' or 'zh_CN')"
        )
    try:
        return babel.Locale.parse(code)
    except (UnknownLocaleError, ValueError) as exc:
        raise UnknownLanguageError(f"unknown language {code!r}") from exc


@functools.cache
def describe(code: str) -> Language:
    """Describe any gettext language code from CLDR, whether or not the guide ships it.

    The term checker works on other projects' catalogs too, so this does not
    consult ``LINGUAS``.
    """
    locale = require_known(code)
    # Where a region implies a script (zh_CN -> zh_Hans), readers look for the
    # script's name ("简体中文"), not the country's ("中文 (中国)").
    likely_subtags = get_global("likely_subtags")
    likely = str(likely_subtags.get(code) or likely_subtags.get(code.split("_")[0], ""))
    likely_parts = likely.split("_")
    with_script = "_".join(likely_parts[:2]) if len(likely_parts) == 3 and "_" in code else None
    native = (
        (with_script and locale.languages.get(with_script))
        or locale.get_display_name(locale)
        or code
    )
    native = native[:1].upper() + native[1:]
    return Language(
        code=code,
        bcp47=code.replace("_", "-"),
        native_name=native,
        english_name=locale.get_display_name("en") or code,
        direction="rtl" if locale.character_order == "right-to-left" else "ltr",
    )


def linguas_path(project_root: Path) -> Path:
    return project_root / "locale" / "LINGUAS"


@functools.cache
def target_codes(project_root: Path) -> tuple[str, ...]:
    """The translation languages listed in ``locale/LINGUAS``, in file order."""
    path = linguas_path(project_root)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UnknownLanguageError(
            f"{path}: cannot read the language list: {exc.strerror}"
        ) from exc
    codes: list[str] = []
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        for code in line.split():
            try:
                describe(code)
            except UnknownLanguageError as exc:
                raise UnknownLanguageError(f"{path}:{lineno}: {exc}") from None
            codes.append(code)
    return tuple(codes)


def all_codes(project_root: Path) -> tuple[str, ...]:
    """The source language first, then every translation."""
    return (SOURCE_LANGUAGE, *target_codes(project_root))


def languages(project_root: Path) -> list[Language]:
    return [describe(code) for code in all_codes(project_root)]


def require(code: str, project_root: Path) -> Language:
    """Return a shipped language, or fail with the list of supported ones."""
    supported = all_codes(project_root)
    if code not in supported:
        raise UnknownLanguageError(
            f"unsupported language {code!r}; supported: {', '.join(supported)}"
        )
    return describe(code)
