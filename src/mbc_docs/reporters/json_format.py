"""``{"findings": [...], "errors": [...], "summary": {...}}`` for scripts and editors."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..checks.runner import Report

SCHEMA_VERSION = 1


def render(report: Report, show_suppressed: bool = False) -> str:
    data = {
        "version": SCHEMA_VERSION,
        "findings": [f.to_dict() for f in report.visible(show_suppressed)],
        "errors": [e.to_dict() for e in report.errors],
        "summary": report.summary(),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
