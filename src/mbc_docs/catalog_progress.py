"""How much of a gettext catalog is translated, in messages and in words.

Shared by the build (the "translation incomplete" notice), ``mbc-docs stats`` and
the translation status page, so all three always agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import polib

_WORD_RE = re.compile(r"\w+", re.UNICODE)


def catalog_path(locale_dir: Path, lang: str, docname: str) -> Path:
    return locale_dir / lang / "LC_MESSAGES" / f"{docname}.po"


def count_words(text: str) -> int:
    return len(_WORD_RE.findall(text))


@dataclass(frozen=True)
class CatalogProgress:
    total: int
    translated: int
    fuzzy: int
    total_words: int
    translated_words: int
    fuzzy_words: int

    @property
    def untranslated(self) -> int:
        return self.total - self.translated - self.fuzzy

    @property
    def untranslated_words(self) -> int:
        return self.total_words - self.translated_words - self.fuzzy_words

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def progress_of(po: polib.POFile) -> CatalogProgress:
    """Counts over live entries; obsolete ones are history, not work to do."""
    total = translated = fuzzy = 0
    total_words = translated_words = fuzzy_words = 0
    for entry in po:
        if entry.obsolete:
            continue
        words = count_words(entry.msgid)
        total += 1
        total_words += words
        if entry.fuzzy:
            fuzzy += 1
            fuzzy_words += words
        elif entry.translated():
            translated += 1
            translated_words += words
    return CatalogProgress(total, translated, fuzzy, total_words, translated_words, fuzzy_words)

