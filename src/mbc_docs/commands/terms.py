"""Work with the termbase: export it for Weblate or a spreadsheet, or look terms up.

  mbc-docs terms export --format tbx -o glossary.tbx            TBX v2, Weblate glossary
  mbc-docs terms export --format tbx --language es -o es.tbx    bilingual, one language
  mbc-docs terms export --format tbx3 -o termbase.tbx           TBX v3 TBX-Basic (DCT)
  mbc-docs terms export --format csv -o termbase.csv            one row per term
  mbc-docs terms find "Bone metastases are common" --language es

The termbase defaults to the project's locale/termbase.tbx; --termbase reads any
TBX (v2 or v3) or CSV file, so export also converts between formats.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EXIT_OK, UserError

if TYPE_CHECKING:
    from ..termbase import Termbase

NAME = "terms"
HELP = "export the termbase (TBX for Weblate, TBX v3, CSV) or look terms up in a text"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="terms_command", metavar="ACTION", required=True)
    export = sub.add_parser("export", help="write the termbase as TBX or CSV")
    export.add_argument("--format", choices=("tbx", "tbx3", "csv"), default="tbx",
                        help="tbx: TBX v2 as Weblate imports it (default); tbx3: TBX v3 "
                        "TBX-Basic, DCT style; csv: one row per term")
    export.add_argument("--language", "-l", metavar="LANG",
                        help="with --format tbx: a bilingual glossary (source + LANG)")
    export.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="output file (default: standard output)")
    export.add_argument("--termbase", type=Path, metavar="FILE",
                        help="termbase to read (default: the project's locale/termbase.tbx)")
    find = sub.add_parser("find", help="list the concepts a text uses, with approved terms")
    find.add_argument("text", help="source text to look terms up in")
    find.add_argument("--language", "-l", metavar="LANG", action="append",
                      help="show approved and forbidden terms of LANG (repeatable)")
    find.add_argument("--termbase", type=Path, metavar="FILE",
                      help="termbase to read (default: the project's locale/termbase.tbx)")


def _termbase(path: Path | None) -> Termbase:
    if path is None:
        from ..project import find_project

        path = find_project().termbase
    from ..termbase import load_termbase  # lazy: its regexes take ~40 ms to compile

    return load_termbase(path)


def run(args: argparse.Namespace) -> int:
    termbase = _termbase(args.termbase)
    if args.terms_command == "export":
        from ..termbase.csv_io import write_csv
        from ..termbase.tbx import write_tbx2_weblate, write_tbx3

        if args.language and args.format != "tbx":
            raise UserError("--language works with --format tbx only")
        if args.format == "csv":
            text = write_csv(termbase)
        elif args.format == "tbx3":
            text = write_tbx3(termbase)
        else:
            language = args.language.replace("-", "_") if args.language else None
            text = write_tbx2_weblate(termbase, language)
        if args.output:
            try:
                args.output.write_text(text, encoding="utf-8")
            except OSError as exc:
                raise UserError(f"cannot write: {exc.strerror or exc}", args.output) from None
        else:
            sys.stdout.write(text)
        return EXIT_OK
    for match in termbase.find_concepts(args.text, termbase.source_lang):
        concept = match.concept
        flag = " (do not translate)" if concept.dnt else ""
        print(f"{match.start}-{match.end} \u201c{match.text}\u201d: {concept.id}{flag}")
        for lang in args.language or []:
            approved = ", ".join(t.text for t in concept.approved_terms(lang)) or "-"
            forbidden = ", ".join(t.text for t in concept.forbidden_terms(lang))
            print(f"    {lang}: {approved}" + (f"  (not: {forbidden})" if forbidden else ""))
    return EXIT_OK
