"""``path:line: CODE message``, one finding a line, then a one-line summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..checks.runner import Report


def render(report: Report, show_suppressed: bool = False) -> str:
    lines = []
    for f in report.visible(show_suppressed):
        lang = f" [{f.language}]" if f.language else ""
        mark = " (suppressed)" if f.suppressed else ""
        lines.append(f"{f.file}:{f.line}: {f.code} {f.message}{lang}{mark}")
    s = report.summary()
    parts = [f"{s['errors']} error(s)", f"{s['warnings']} warning(s)", f"{s['info']} info"]
    if s["suppressed"]:
        parts.append(f"{s['suppressed']} suppressed")
    if s["input_errors"]:
        parts.append(f"{s['input_errors']} unreadable input(s)")
    termbase = f", termbase {s['termbase']} ({s['concepts']} concepts)" if s["termbase"] else (
        ", no termbase")
    lines.append(f"Checked {s['files']} catalog(s){termbase}: {', '.join(parts)}.")
    return "\n".join(lines) + "\n"
