"""GitHub Actions workflow commands: each finding becomes an annotation on the PR diff."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..checks.runner import Report

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, show_suppressed: bool = False) -> str:
    lines = []
    for e in report.errors:
        line = f",line={e.line}" if e.line else ""
        lines.append(f"::error file={_prop(e.file)}{line},title=unreadable input::"
                     f"{_data(e.message)}")
    for f in report.visible(show_suppressed):
        command = "notice" if f.suppressed else _COMMAND[f.severity.value]
        title = f"{f.code} {f.check}" + (" (suppressed)" if f.suppressed else "")
        lines.append(f"::{command} file={_prop(f.file)},line={f.line},title={_prop(title)}::"
                     f"{_data(f.message)} [{f.language}]")
    return "\n".join(lines) + ("\n" if lines else "")
