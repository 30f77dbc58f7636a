"""Extract the English messages and merge them into every language's catalogs.

Nothing is ever lost: a changed sentence keeps its old translation as fuzzy with the
old English (``#|``), a removed one stays as obsolete (``#~``), a renamed page finds
its translations again. Every catalog is written atomically, wrapped at 79 columns,
and only when its content changes. Entries using termbase concepts get a
``#. Terms: ...`` hint with the approved translations.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..project import find_project

NAME = "update-po"
HELP = "extract the English messages and merge them into every language's catalogs"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-l", "--language", action="append", dest="languages", metavar="LANG",
                        help="update only this language (repeatable; default: all of LINGUAS)")
    parser.add_argument("--pot-dir", type=Path, default=None,
                        help="where the .pot templates go (default: build/gettext)")
    parser.add_argument("--no-extract", action="store_true",
                        help="merge the .pot files already in --pot-dir, do not run Sphinx")
    parser.add_argument("--no-hints", action="store_true",
                        help="do not add termbase hints to the entries")


def run(args: argparse.Namespace) -> int:
    from ..workflow.update import update_po  # lazy: only this command needs it

    project = find_project()
    hint_factory = None
    if not args.no_hints:
        from ..workflow.hints import hint_factory_for

        hint_factory = hint_factory_for(project)
    update_po(
        project,
        args.languages,
        pot_dir=args.pot_dir,
        run_extract=not args.no_extract,
        hint_factory=hint_factory,
    )
    return 0
