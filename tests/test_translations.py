"""The project's own translations stay clean against its termbase."""

from __future__ import annotations

from pathlib import Path

from mbc_docs.checks.runner import check_paths

ROOT = Path(__file__).resolve().parent.parent


def test_project_catalogs_have_no_checker_errors() -> None:
    report = check_paths([ROOT / "locale"], ROOT / "locale" / "termbase.tbx")
    assert not report.errors, report.errors
    errors = [f for f in report.findings if f.severity.value == "error" and not f.suppressed]
    assert not errors, "\n".join(f"{f.file}:{f.line}: {f.code} {f.message}" for f in errors[:20])
