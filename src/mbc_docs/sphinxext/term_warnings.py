"""Term checker findings as Sphinx warnings, when ``mbc_check_terms = True``.

When a translated language is built (``language`` is not the source), the checker
runs once on that language's catalogs (``<locale_dirs>/<lang>/LC_MESSAGES/``)
against the termbase (``mbc_termbase``, default ``termbase.tbx`` in the first
locale folder) and each *error* finding becomes a warning located at the ``.po``
file and line, of type ``mbc.terms`` (silence with ``suppress_warnings``). With
``-W`` the build then fails on a term error, like on any other warning. Off by
default: ``make check`` is the primary gate and the build stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)


def _catalog_folders(app: Sphinx, lang: str) -> list[Path]:
    folders = []
    for locale_dir in app.config.locale_dirs or []:
        base = Path(app.srcdir, locale_dir)
        folder = base / lang / "LC_MESSAGES"
        if folder.is_dir():
            folders.append(folder)
    return folders


def _termbase(app: Sphinx) -> Path | None:
    if app.config.mbc_termbase:
        return Path(app.srcdir, app.config.mbc_termbase)
    for locale_dir in app.config.locale_dirs or []:
        candidate = Path(app.srcdir, locale_dir, "termbase.tbx")
        if candidate.is_file():
            return candidate
    return None


def check_terms(app: Sphinx) -> None:
    if not app.config.mbc_check_terms:
        return
    lang = app.config.language or "en"
    if lang.split("_")[0] == "en":
        return
    folders = _catalog_folders(app, lang)
    if not folders:
        return
    from ..checks.registry import Severity
    from ..checks.runner import check_paths

    report = check_paths(folders, _termbase(app), jobs=1)
    for error in report.errors:
        logger.warning("term check: %s", error.message, type="mbc", subtype="terms",
                       location=f"{error.file}:{error.line}" if error.line else error.file)
    for finding in report.visible():
        if finding.severity is Severity.ERROR:
            logger.warning("%s %s", finding.code, finding.message, type="mbc", subtype="terms",
                           location=f"{finding.file}:{finding.line}")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("mbc_check_terms", False, "env", bool)
    app.add_config_value("mbc_termbase", "", "env", str)
    app.connect("builder-inited", check_terms)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
