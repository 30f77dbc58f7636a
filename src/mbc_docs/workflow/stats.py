"""Translation progress per language and per page, read from the catalogs.

One reading of the catalogs feeds ``mbc-docs stats`` and the status page of the built
site; both count with :mod:`mbc_docs.catalog_progress`, like the "partly translated"
notice, so the three always agree. Catalogs of deleted pages (only obsolete entries
left) are history, not work, and are left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .. import languages
from ..catalog_progress import CatalogProgress, progress_of
from . import reviews
from .pofiles import load_catalog


@dataclass(frozen=True)
class PageStats:
    docname: str
    progress: CatalogProgress
    review: reviews.PageReview


@dataclass(frozen=True)
class LanguageStats:
    code: str
    pages: tuple[PageStats, ...]

    @property
    def language(self) -> languages.Language:
        return languages.describe(self.code)

    @property
    def total(self) -> CatalogProgress:
        return sum_progress(page.progress for page in self.pages)

    @property
    def reviewed_pages(self) -> int:
        return sum(page.review.state is reviews.ReviewState.REVIEWED for page in self.pages)

    @property
    def outdated_pages(self) -> int:
        return sum(page.review.state is reviews.ReviewState.OUTDATED for page in self.pages)


def sum_progress(items: Iterable[CatalogProgress]) -> CatalogProgress:
    totals = [0] * 6
    for item in items:
        for index, value in enumerate((item.total, item.translated, item.fuzzy, item.total_words,
                                       item.translated_words, item.fuzzy_words)):
            totals[index] += value
    return CatalogProgress(*totals)


def words_percent(progress: CatalogProgress) -> float:
    if not progress.total_words:
        return 100.0 if not progress.total else progress.percent
    return 100.0 * progress.translated_words / progress.total_words


def language_stats(locale_dir: Path, code: str,
                   records: dict[str, reviews.ReviewRecord] | None = None) -> LanguageStats:
    folder = locale_dir / code / "LC_MESSAGES"
    pages = []
    for path in sorted(folder.rglob("*.po")) if folder.is_dir() else ():
        po = load_catalog(path)
        progress = progress_of(po)
        if progress.total == 0:
            continue  # an orphaned catalog: its page is gone
        docname = path.relative_to(folder).as_posix()[:-3]
        record = (records or {}).get(docname)
        pages.append(PageStats(docname, progress,
                               reviews.state_of(record, reviews.fingerprint_of(po))))
    return LanguageStats(code, tuple(pages))


def collect(project_root: Path, codes: Iterable[str] | None = None) -> list[LanguageStats]:
    """Progress of every language of ``locale/LINGUAS`` (or of ``codes``), in that order."""
    locale_dir = project_root / "locale"
    records = reviews.load_reviews_cached(locale_dir / "reviews.toml")
    selected = list(codes) if codes else list(languages.target_codes(project_root))
    return [language_stats(locale_dir, code, records.get(code, {})) for code in selected]
