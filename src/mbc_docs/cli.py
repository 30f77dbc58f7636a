"""The ``mbc-docs`` command line: one subcommand per module in ``mbc_docs.commands``.

Each command module defines ``NAME``, ``HELP`` and two functions,
``add_arguments(parser)`` and ``run(args) -> int``, so adding a command never
touches this file. Exit codes are the same for every command: 0 success,
1 the command found problems (for example error findings), 2 bad usage or
unreadable input. Expected failures are raised as :class:`mbc_docs.errors.UserError`
and printed as one line, never as a traceback.

A command module may also set ``QUICK_EXIT = True``: run from the console, the
command then runs without the cyclic garbage collector and the process ends
without tearing the interpreter down (see :func:`console`). Only commands that
close every file they write and start nothing that outlives them may set it.
"""

from __future__ import annotations

import argparse
import functools
import gc
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

from . import __version__, commands, compiled
from .errors import EXIT_USAGE, UserError


@functools.cache  # console() and main() both ask; the package's files do not change
def _module_names() -> tuple[str, ...]:
    return tuple(info.name for info in pkgutil.iter_modules(commands.__path__)
                 if not info.name.startswith("_"))


def _command_modules(only: str | None = None) -> list[ModuleType]:
    names = _module_names() if only is None else (only,)
    found = [importlib.import_module(f"{commands.__name__}.{name}") for name in names]
    return sorted(found, key=lambda module: module.NAME)


def _invoked_module(argv: Sequence[str]) -> str | None:
    """The module of the command named on the command line, if it is one (by the
    convention ``update-po`` -> ``update_po``, checked against its ``NAME``).

    Only that command is then imported: the others' imports (review records,
    statistics...) took about 40 ms of the start-up of ``mbc-docs check``.
    """
    word = next((arg for arg in argv if not arg.startswith("-")), None)
    if word is None:
        return None
    name = word.replace("-", "_")
    if name not in _module_names():
        return None
    module = importlib.import_module(f"{commands.__name__}.{name}")
    return name if word == module.NAME else None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or only of the command module ``only``."""
    parser = argparse.ArgumentParser(
        prog="mbc-docs",
        description="Tools for the multilingual metastatic breast cancer guide: "
        "term checks, catalog updates, progress, review records and readability.",
    )
    parser.add_argument("--version", action="version",
                        version=f"%(prog)s {__version__} (checker: {compiled.STATUS})")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in _command_modules(only):
        sub = subparsers.add_parser(module.NAME, help=module.HELP, description=module.__doc__)
        module.add_arguments(sub)
        sub.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(_invoked_module(argv))
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


def console() -> NoReturn:
    """The ``mbc-docs`` program: :func:`main` on ``sys.argv``, then exit.

    For a command with ``QUICK_EXIT`` (``check``), the garbage collector stays off
    from the start and the process leaves with :func:`os._exit` once its output is
    flushed. The collector found nothing to free in a check run, yet walked every
    object of the termbase and of the results: during the imports, when the run
    switched it back on, and again when the interpreter shut down, which also freed
    those objects one by one (about 0.1 s of every run, while no worker ran).
    """
    argv = sys.argv[1:]
    name = _invoked_module(argv)
    quick = name is not None and getattr(
        sys.modules[f"{commands.__name__}.{name}"], "QUICK_EXIT", False)
    if quick:
        gc.disable()
    code = main(argv)
    if not quick:
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        code = code or EXIT_USAGE
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    console()
