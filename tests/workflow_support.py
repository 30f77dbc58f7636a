"""Helpers for the workflow tests: a private copy of the tiny fixture guide."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib

from mbc_docs.project import Project

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "workflow"


def copy_fixture(tmp_path: Path) -> Project:
    """A writable copy of ``tests/fixtures/workflow`` (docs, LINGUAS es fr, catalogs)."""
    root = tmp_path / "guide"
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns("build"))
    return Project(root)


def catalog(project: Project, code: str, docname: str) -> polib.POFile:
    return polib.pofile(str(project.locale / code / "LC_MESSAGES" / f"{docname}.po"))


def snapshot(project: Project) -> dict[str, bytes]:
    """Every catalog's bytes, by path relative to ``locale/``."""
    return {
        path.relative_to(project.locale).as_posix(): path.read_bytes()
        for path in sorted(project.locale.rglob("*.po"))
    }


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")
