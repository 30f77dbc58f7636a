"""Measure the reading level of every page's prose, in every language of the guide.

English: Flesch-Kincaid grade (target <= 8) and SMOG (<= 10). Spanish:
Szigriszt-Pazos on the INFLESZ scale (>= 55). French: Kandel-Moles (>= 60).
German: Amstad (>= 60), with the Wiener Sachtextformel for information. Chinese:
characters per sentence; Arabic: Osman; both for information only. The text is read
from Sphinx doctrees, so translations are measured as readers see them; headings,
tables, code, sources and the glossary's definitions are left out.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .. import languages
from ..errors import EXIT_FINDINGS, EXIT_OK, UserError
from ..project import find_project

NAME = "readability"
HELP = "reading level of each page, per language (Flesch-Kincaid, SMOG, INFLESZ, ...)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--language", "-l", action="append", metavar="LANG", dest="languages",
        help="measure this language (repeatable; default: en and every language in "
        "locale/LINGUAS)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="output format (default: text)")
    parser.add_argument("--fail", action="store_true",
                        help="exit 1 when a page misses its language's target")
    parser.add_argument("--docs", type=Path, default=None,
                        help="Sphinx source folder of an mbc-docs checkout "
                        "(default: the checkout's docs/)")
    parser.add_argument("--build-dir", type=Path, default=None,
                        help="where the doctrees are cached (default: the project's build/)")


def run(args: argparse.Namespace) -> int:
    project = find_project(args.docs)  # the checkout holding --docs, or the working one
    srcdir: Path = args.docs or project.docs
    build_dir: Path = args.build_dir or project.build
    try:
        codes = args.languages or list(languages.all_codes(project.root))
        for code in codes:
            languages.require(code, project.root)
    except languages.UnknownLanguageError as exc:
        raise UserError(str(exc)) from None
    if not (srcdir / "conf.py").is_file():
        raise UserError("no conf.py here", srcdir)

    from ..readability import measure_language, read_doctrees  # lazy: heavy imports

    srcdir, build_dir = srcdir.resolve(), build_dir.resolve()
    # Translations are compared with the English doctrees, read once for all of them.
    source = None if codes == ["en"] else read_doctrees(srcdir, "en", build_dir)[0]
    reports = [measure_language(srcdir, code, build_dir, source) for code in codes]
    if args.format == "json":
        json.dump({"languages": [r.to_json() for r in reports]}, sys.stdout,
                  ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        from ..readability import format_table

        print("\n\n".join(format_table(r) for r in reports))
    failed = any(r.failures for r in reports)
    return EXIT_FINDINGS if args.fail and failed else EXIT_OK
