"""Output formats of ``mbc-docs check``: text, json, sarif, github.

Each module has ``render(report, show_suppressed=False) -> str``; the command
prints the string. Input errors (unreadable files) are part of every format and
are also printed to standard error by the command, one line each.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..checks.runner import Report

FORMATS = ("text", "json", "sarif", "github")


def renderer(name: str) -> Callable[..., str]:
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    module = importlib.import_module(f"{__name__}.{name}_format")
    return module.render


def render(report: Report, name: str, show_suppressed: bool = False) -> str:
    return renderer(name)(report, show_suppressed=show_suppressed)
