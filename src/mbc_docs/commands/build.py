"""Build one language of the guide in one format (what ``make html``/``make epub`` run).

Before Sphinx starts, the language is checked against ``locale/LINGUAS`` and every
catalog of that language is parsed, so a typo in a ``.po`` fails with its file and
line instead of an English page published under a Spanish address. Output goes to
``build/<format>/<lang>/`` with a doctree folder of its own
(``build/doctrees/<lang>/<format>/``), so builds can run side by side and stay
incremental.
"""

from __future__ import annotations

import argparse
import sys
import time

from .. import languages
from ..errors import EXIT_USAGE, UserError
from ..project import Project, find_project

NAME = "build"
HELP = "build the site or e-book of one language (used by make html / make epub)"
FORMATS = ("html", "epub")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("format", choices=FORMATS)
    parser.add_argument("language", help="a code from locale/LINGUAS, or en")
    parser.add_argument("sphinx_options", nargs=argparse.REMAINDER,
                        help="after --: options passed to sphinx-build (e.g. -W --keep-going)")


def check_catalogs(project: Project, code: str) -> None:
    """Parse every catalog of ``code``; the first broken one stops the build."""
    if code == languages.SOURCE_LANGUAGE:
        return
    from ..catalogs import load_catalog

    folder = project.locale / code / "LC_MESSAGES"
    for path in sorted(folder.rglob("*.po")):
        load_catalog(path)


def sphinx_argv(project: Project, fmt: str, code: str, extra: list[str]) -> list[str]:
    return [
        "-b", fmt,
        "-D", f"language={code}",
        "-d", str(project.build / "doctrees" / code / fmt),
        *extra,
        str(project.docs),
        str(project.build / fmt / code),
    ]


def run(args: argparse.Namespace) -> int:
    project = find_project()
    try:
        languages.require(args.language, project.root)
    except languages.UnknownLanguageError as exc:
        raise UserError(str(exc)) from None
    check_catalogs(project, args.language)
    extra = [opt for opt in args.sphinx_options if opt != "--"]
    label = f"{args.format:<4} {args.language:<5}"
    print(f"[{label}] building ...", flush=True)
    from sphinx.cmd.build import build_main  # lazy: Sphinx costs ~0.2 s to import

    started = time.monotonic()
    status = build_main(sphinx_argv(project, args.format, args.language, extra))
    elapsed = time.monotonic() - started
    if status != 0:
        print(f"[{label}] FAILED after {elapsed:.1f} s (see the messages above)", file=sys.stderr)
        return EXIT_USAGE if status == 2 else 1
    print(f"[{label}] done in {elapsed:.1f} s -> {project.build / args.format / args.language}",
          flush=True)
    return 0
