"""The term checker's rules, one module per family, and the runner that applies them.

Python API::

    from mbc_docs.checks import check_paths
    report = check_paths([Path("locale")], Path("locale/termbase.tbx"))
    for finding in report.findings: ...
    report.exit_code   # 0 clean, 1 error findings, 2 unreadable input

Check modules register their rules with :func:`registry.check` when imported;
:func:`load_checks` imports them all.
"""

from __future__ import annotations

import importlib

from .registry import REGISTRY, Finding, Rule, Severity, all_rules, check, find_rule

CHECK_MODULES = ("term", "dnt", "numbers", "markup", "consistency", "catalog_state")

__all__ = ["REGISTRY", "Finding", "Rule", "Severity", "all_rules", "check", "check_paths",
           "find_rule", "load_checks"]


def load_checks() -> None:
    for name in CHECK_MODULES:
        importlib.import_module(f"{__name__}.{name}")


def check_paths(*args, **kwargs):  # type: ignore[no-untyped-def]
    """See :func:`mbc_docs.checks.runner.check_paths` (imported lazily)."""
    from .runner import check_paths as run

    return run(*args, **kwargs)
