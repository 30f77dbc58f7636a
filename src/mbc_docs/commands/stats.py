"""Show how much of the guide is translated: per language and per page.

Counts translated, fuzzy (needs checking) and untranslated messages and their words
(words of the English source), and the percent complete, straight from the catalogs
in ``locale/<lang>/LC_MESSAGES/``. ``--format json`` is for dashboards and CI.
"""

from __future__ import annotations

import argparse
import json

from .. import languages
from ..catalog_progress import CatalogProgress
from ..errors import UserError
from ..project import find_project
from ..workflow.stats import LanguageStats, collect, words_percent

NAME = "stats"
HELP = "translation progress per language and page (messages, words, percent)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("-l", "--language", action="append", dest="languages", metavar="LANG",
                        help="only this language (repeatable; default: all of LINGUAS)")
    parser.add_argument("--summary", action="store_true", help="one line per language, no pages")


def _counts(progress: CatalogProgress) -> dict[str, object]:
    return {
        "messages": {
            "total": progress.total,
            "translated": progress.translated,
            "fuzzy": progress.fuzzy,
            "untranslated": progress.untranslated,
        },
        "words": {
            "total": progress.total_words,
            "translated": progress.translated_words,
            "fuzzy": progress.fuzzy_words,
            "untranslated": progress.untranslated_words,
        },
        "percent": round(progress.percent, 1),
        "words_percent": round(words_percent(progress), 1),
    }


def as_json(stats: list[LanguageStats]) -> dict[str, object]:
    return {
        "languages": [
            {
                "code": lang.code,
                "name": lang.language.english_name,
                **_counts(lang.total),
                "pages_reviewed": lang.reviewed_pages,
                "pages_outdated": lang.outdated_pages,
                "pages": [
                    {"page": page.docname, **_counts(page.progress),
                     "review": page.review.state.value}
                    for page in lang.pages
                ],
            }
            for lang in stats
        ]
    }


def _header(width: int) -> str:
    return (f"{'':<{width}}{'messages':>30}   {'words':>24}   {'done':>6}\n"
            f"{'':<{width}}{'transl.':>10}{'fuzzy':>10}{'untr.':>10}   {'transl.':>8}"
            f"{'fuzzy':>8}{'untr.':>8}   {'%':>6}")


def _row(name: str, progress: CatalogProgress, width: int) -> str:
    return (f"{name:<{width}}{progress.translated:>10}{progress.fuzzy:>10}"
            f"{progress.untranslated:>10}   {progress.translated_words:>8}"
            f"{progress.fuzzy_words:>8}{progress.untranslated_words:>8}"
            f"   {progress.percent:>5.1f}%")


def as_text(stats: list[LanguageStats], summary: bool = False) -> str:
    """A table a maintainer reads in a terminal: languages, then their pages indented."""
    names = {lang.code: f"{lang.code} ({lang.language.english_name})" for lang in stats}
    width = max([12, *(len(n) + 2 for n in names.values()),
                 *(len(p.docname) + 4 for lang in stats for p in lang.pages)])
    lines = [_header(width)]
    for lang in stats:
        lines.append(_row(names[lang.code], lang.total, width) +
                     f"   {lang.reviewed_pages}/{len(lang.pages)} pages reviewed")
        if not summary:
            lines += [_row(f"  {page.docname}", page.progress, width) for page in lang.pages]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    project = find_project()
    try:
        for code in args.languages or ():
            languages.require(code, project.root)
            if code == languages.SOURCE_LANGUAGE:
                raise UserError("en is the source language; it has no translation to count")
    except languages.UnknownLanguageError as exc:
        raise UserError(str(exc)) from None
    stats = collect(project.root, args.languages)
    if args.format == "json":
        print(json.dumps(as_json(stats), ensure_ascii=False, indent=2))
    else:
        print(as_text(stats, summary=args.summary))
    return 0
