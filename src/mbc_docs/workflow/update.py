"""``update-po``: extract the English with Sphinx, then merge it into every language.

The run is in three phases so a problem never leaves the tree half-updated:

1. read every catalog of every language: a broken ``.po`` stops the run here, naming
   its file and line, before anything is extracted or written;
2. extract every page's ``.pot`` (Sphinx's gettext builder, into a clean folder, so a
   deleted page leaves no stale template behind);
3. merge and write, one language at a time, each catalog atomically and only if its
   bytes change.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import polib

from .. import languages
from ..errors import UserError
from ..project import Project
from . import merge as merging
from .pofiles import load_catalog, render, save_catalog

Reporter = Callable[[str], None]
#: ``hint_factory(lang) -> hints(msgid) -> lines``; None disables term hints.
HintFactory = Callable[[str], merging.HintFunction | None]


@dataclass
class LanguageReport:
    code: str
    catalogs: int = 0
    created: int = 0
    written: int = 0
    untranslated: int = 0
    fuzzy: int = 0
    new_fuzzy: int = 0
    recovered: int = 0
    obsolete: int = 0
    orphans: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{self.catalogs} catalogs"]
        if self.created:
            parts.append(f"{self.created} new")
        parts += [f"{self.untranslated} untranslated", f"{self.fuzzy} fuzzy"]
        if self.new_fuzzy:
            parts.append(f"{self.new_fuzzy} newly fuzzy")
        if self.recovered:
            parts.append(f"{self.recovered} recovered from other pages")
        if self.obsolete:
            parts.append(f"{self.obsolete} newly obsolete")
        if self.orphans:
            parts.append(f"{len(self.orphans)} orphaned (page gone, kept as obsolete)")
        parts.append(f"{self.written} written")
        return ", ".join(parts)


def docname_of(path: Path, folder: Path, suffix: str) -> str:
    return path.relative_to(folder).as_posix()[: -len(suffix)]


def extract(project: Project, pot_dir: Path, *, quiet: bool = True) -> None:
    """Run Sphinx's gettext builder into a clean ``pot_dir`` (one ``.pot`` per page)."""
    from sphinx.cmd.build import build_main

    if pot_dir.exists():
        for stale in pot_dir.rglob("*.pot"):
            stale.unlink()
    argv = ["-b", "gettext", "-d", str(project.build / "doctrees" / "gettext")]
    if quiet:
        argv.append("-q")
    argv += [str(project.docs), str(pot_dir)]
    # Sphinx prints its progress on stdout; keep ours readable and show only warnings.
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink) if quiet else contextlib.nullcontext():
        status = build_main(argv)
    if status != 0:
        raise UserError(f"extracting the English messages failed (sphinx-build exit {status}; "
                        "see the messages above)")


def load_templates(pot_dir: Path) -> dict[str, polib.POFile]:
    """Every ``.pot`` under ``pot_dir`` by docname (``sites/bone``), in sorted order."""
    return {
        docname_of(path, pot_dir, ".pot"): load_catalog(path)
        for path in sorted(pot_dir.rglob("*.pot"))
    }


def load_language(project: Project, code: str) -> dict[str, polib.POFile]:
    folder = project.locale / code / "LC_MESSAGES"
    if not folder.is_dir():
        return {}
    return {
        docname_of(path, folder, ".po"): load_catalog(path)
        for path in sorted(folder.rglob("*.po"))
    }


def _finish(result: merging.MergeResult, old: polib.POFile | None,
            pot: polib.POFile | None) -> polib.POFile:
    """Refresh ``POT-Creation-Date`` only when the catalog really changes (quiet diffs)."""
    po = result.catalog
    if old is not None and pot is not None and render(po) != render(old):
        for name in ("POT-Creation-Date", "Project-Id-Version"):
            if name in pot.metadata:
                po.metadata[name] = pot.metadata[name]
    return po


def update_language(
    project: Project,
    code: str,
    templates: dict[str, polib.POFile],
    existing: dict[str, polib.POFile],
    hints: merging.HintFunction | None = None,
) -> LanguageReport:
    report = LanguageReport(code)
    live_keys = {merging.key_of(e) for pot in templates.values() for e in pot}
    memory = merging.LanguageMemory.build(existing.values(), live_keys)
    folder = project.locale / code / "LC_MESSAGES"
    for docname, pot in templates.items():
        old = existing.get(docname)
        result = merging.merge(pot, old, code, memory, hints)
        po = _finish(result, old, pot)
        report.catalogs += 1
        report.created += result.created
        report.untranslated += result.untranslated
        report.fuzzy += result.fuzzy
        report.new_fuzzy += result.new_fuzzy
        report.recovered += result.recovered
        report.obsolete += result.obsolete
        report.written += save_catalog(po, folder / f"{docname}.po")
    for docname in sorted(set(existing) - set(templates)):
        old = existing[docname]
        result = merging.orphan(old)
        report.orphans.append(docname)
        report.obsolete += result.obsolete
        report.written += save_catalog(_finish(result, old, None), folder / f"{docname}.po")
    return report


def update_po(
    project: Project,
    codes: Iterable[str] | None = None,
    *,
    pot_dir: Path | None = None,
    run_extract: bool = True,
    hint_factory: HintFactory | None = None,
    report: Reporter = print,
) -> list[LanguageReport]:
    """Extract (unless ``run_extract`` is False) and merge into every language's catalogs."""
    pot_dir = pot_dir or project.build / "gettext"
    try:
        all_targets = languages.target_codes(project.root)
        selected = tuple(codes) if codes else all_targets
        for code in selected:
            if code not in all_targets:
                languages.require(code, project.root)  # raises with the supported list
                raise languages.UnknownLanguageError(f"{code!r} is the source language")
    except languages.UnknownLanguageError as exc:
        raise UserError(str(exc)) from None

    # Read every catalog first: a broken one stops the run before Sphinx runs and before
    # anything is written.
    existing = {code: load_language(project, code) for code in selected}

    if run_extract:
        report(f"Extracting the English messages from {project.docs} ...")
        extract(project, pot_dir)
    if not pot_dir.is_dir():
        raise UserError(f"no message templates in {pot_dir} (run without --no-extract)")
    templates = load_templates(pot_dir)
    if not templates:
        raise UserError(f"no .pot files in {pot_dir}")
    report(f"{len(templates)} pages, {sum(len(p) for p in templates.values())} messages")

    reports = []
    for index, code in enumerate(selected, start=1):
        hints = hint_factory(code) if hint_factory else None
        lang_report = update_language(project, code, templates, existing[code], hints)
        reports.append(lang_report)
        report(f"[{index}/{len(selected)}] {code}: {lang_report.summary()}")
    return reports


