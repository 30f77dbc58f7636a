"""The ``mbc-docs`` command line: one subcommand per module in ``mbc_docs.commands``.

Each command module defines ``NAME``, ``HELP`` and two functions,
``add_arguments(parser)`` and ``run(args) -> int``, so adding a command never
touches this file. Exit codes are the same for every command: 0 success,
1 the command found problems (for example error findings), 2 bad usage or
unreadable input. Expected failures are raised as :class:`mbc_docs.errors.UserError`
and printed as one line, never as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from types import ModuleType

from . import __version__, commands, compiled
from .errors import EXIT_USAGE, UserError


def _command_modules() -> list[ModuleType]:
    found = [
        importlib.import_module(f"{commands.__name__}.{info.name}")
        for info in pkgutil.iter_modules(commands.__path__)
        if not info.name.startswith("_")
    ]
    return sorted(found, key=lambda module: module.NAME)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mbc-docs",
        description="Tools for the multilingual metastatic breast cancer guide: "
        "term checks, catalog updates, progress, review records and readability.",
    )
    parser.add_argument("--version", action="version",
                        version=f"%(prog)s {__version__} (checker: {compiled.STATUS})")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in _command_modules():
        sub = subparsers.add_parser(module.NAME, help=module.HELP, description=module.__doc__)
        module.add_arguments(sub)
        sub.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args._run(args))
    except UserError as exc:
        print(f"mbc-docs {args.command}: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"mbc-docs {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
