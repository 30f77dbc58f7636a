"""Record reviewers' sign-offs of translated pages, and list what needs review again.

``mbc-docs review sign es sites/bone --reviewer "Ana García" --role medical-translator``
stores who reviewed the page, in what role, when, and a fingerprint of its English in
``locale/reviews.toml``. ``mbc-docs review list`` shows every page's state (reviewed,
outdated because the English changed, or not reviewed); ``--stale`` shows only the
sign-offs whose English changed, and exits 1 when there are any (useful in CI).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json

from ..errors import EXIT_FINDINGS, EXIT_OK, UserError
from ..project import find_project
from ..workflow import reviews

NAME = "review"
HELP = "record a reviewer's sign-off of a translated page; list stale reviews"


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-25") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    sign = actions.add_parser("sign", help="record a sign-off of one page in one language")
    sign.add_argument("language", help="a code from locale/LINGUAS")
    sign.add_argument("page", help="the page: sites/bone (or docs/sites/bone.md)")
    sign.add_argument("--reviewer", required=True, help="the reviewer's name")
    sign.add_argument("--role", required=True, choices=reviews.ROLES,
                      help="only medical-translator counts as a qualified medical review")
    sign.add_argument("--date", type=_date, default=None, help="YYYY-MM-DD (default: today)")
    sign.add_argument("--allow-incomplete", action="store_true",
                      help="sign even though some messages are untranslated or fuzzy")
    listing = actions.add_parser("list", help="every page's review state")
    listing.add_argument("--language", "-l", action="append", dest="languages",
                         metavar="LANG", help="only this language (repeatable)")
    listing.add_argument("--stale", action="store_true",
                         help="only sign-offs whose English changed since (exit 1 if any)")
    listing.add_argument("--format", choices=("text", "json"), default="text")


def run(args: argparse.Namespace) -> int:
    project = find_project()
    if args.action == "sign":
        record = reviews.sign(project, args.language, args.page, args.reviewer, args.role,
                              args.date, allow_incomplete=args.allow_incomplete)
        docname = reviews.normalise_docname(args.page)
        print(f"{args.language} {docname}: reviewed by {record.reviewer} ({record.role}) "
              f"on {record.date.isoformat()} -> {project.reviews}")
        return EXIT_OK
    if args.action == "list":
        rows = reviews.review_rows(project, args.languages)
        if args.stale:
            rows = [row for row in rows if row.stale]
        if args.format == "json":
            print(json.dumps([_as_json(row) for row in rows], ensure_ascii=False, indent=2))
        else:
            for row in rows:
                print(_as_text(row))
            if args.stale and not rows:
                print("no stale reviews")
        return EXIT_FINDINGS if args.stale and rows else EXIT_OK
    raise UserError(f"unknown action {args.action!r}")  # pragma: no cover - argparse checks


def _as_text(row: reviews.ReviewRow) -> str:
    record = row.review.record
    where = f"{row.language:<6}{row.docname:<28}"
    if record is None:
        return f"{where}not reviewed"
    who = f"{record.reviewer} ({record.role}) on {record.date.isoformat()}"
    if row.fingerprint is None:
        return f"{where}page gone; was reviewed by {who}"
    if row.stale:
        return f"{where}outdated: reviewed by {who}, the English changed since"
    if row.review.state is reviews.ReviewState.REVIEWED:
        return f"{where}reviewed by {who}"
    return f"{where}not reviewed by a qualified medical translator (signed by {who})"


def _as_json(row: reviews.ReviewRow) -> dict[str, object]:
    record = row.review.record
    return {
        "language": row.language,
        "page": row.docname,
        "state": row.review.state.value,
        "stale": row.stale,
        "reviewer": record.reviewer if record else None,
        "role": record.role if record else None,
        "date": record.date.isoformat() if record else None,
    }
