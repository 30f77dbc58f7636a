"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.

Suppressed findings are included with an ``inSource`` suppression (as SARIF
expects), so dashboards can show them as dismissed; unreadable inputs are
``toolExecutionNotifications`` of the invocation.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__

if TYPE_CHECKING:
    from ..checks.runner import Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    p = Path(path)
    if p.is_absolute():
        try:
            return p.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return p.as_uri()
    return p.as_posix()


def render(report: Report, show_suppressed: bool = False) -> str:
    from ..checks.registry import all_rules

    rules = all_rules()
    index = {rule.code: i for i, rule in enumerate(rules)}
    driver = {
        "name": "mbc-docs check",
        "version": __version__,
        "informationUri": "https://github.com/mbc-docs/mbc-docs/blob/main/RULES.md",
        "rules": [{
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.doc},
            "help": {"text": rule.doc},
            "defaultConfiguration": {"level": _LEVEL[rule.severity.value]},
            "properties": {"family": rule.family},
        } for rule in rules],
    }
    results = []
    for f in report.findings:  # SARIF carries suppressed results, marked as such
        result: dict[str, object] = {
            "ruleId": f.code,
            "ruleIndex": index.get(f.code, -1),
            "level": _LEVEL[f.severity.value],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": _uri(f.file)},
                "region": {"startLine": max(1, f.line)},
            }}],
            "properties": {"language": f.language, "check": f.check, "msgid": f.msgid},
        }
        if f.suppressed:
            result["suppressions"] = [{"kind": "inSource",
                                       "justification": "mbc-docs: ignore comment"}]
        results.append(result)
    notifications = [{
        "level": "error",
        "message": {"text": e.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": _uri(e.file)},
            **({"region": {"startLine": e.line}} if e.line else {}),
        }}],
    } for e in report.errors]
    sarif = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "invocations": [{"executionSuccessful": not report.errors,
                             "toolExecutionNotifications": notifications}],
            "results": results,
        }],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"
