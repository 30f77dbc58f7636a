"""``mbc-docs update-po``: the English changes, no translation is ever lost."""

from __future__ import annotations

import os
from pathlib import Path

import polib
import pytest
from workflow_support import FIXTURE, catalog, copy_fixture, edit, snapshot

from mbc_docs import cli
from mbc_docs.project import Project
from mbc_docs.workflow import pofiles
from mbc_docs.workflow.update import update_po

ORIGINAL = FIXTURE
HER2 = "A blood test for HER2 status helps choose the treatment."


def quiet_update(project: Project, **kwargs) -> list:
    return update_po(project, report=lambda _line: None, **kwargs)


def translations(project: Project, code: str) -> dict[str, str]:
    """Every translation of a language, live or obsolete, fuzzy or not: msgstr -> msgid."""
    found: dict[str, str] = {}
    for path in (project.locale / code / "LC_MESSAGES").rglob("*.po"):
        for entry in polib.pofile(str(path)):
            if entry.msgstr:
                found[entry.msgstr] = entry.previous_msgid or entry.msgid
    return found


def original_translations(code: str) -> set[str]:
    return {
        entry.msgstr
        for path in (ORIGINAL / "locale" / code / "LC_MESSAGES").rglob("*.po")
        for entry in polib.pofile(str(path)) if entry.msgstr
    }


@pytest.fixture
def guide(tmp_path: Path) -> Project:
    project = copy_fixture(tmp_path)
    quiet_update(project)  # bring the fixture's catalogs to this Sphinx's exact output
    return project


def test_unchanged_english_keeps_every_translation_and_changes_no_bytes(guide: Project) -> None:
    before = snapshot(guide)
    mtimes = {p: p.stat().st_mtime_ns for p in guide.locale.rglob("*.po")}
    quiet_update(guide)
    assert snapshot(guide) == before
    assert {p: p.stat().st_mtime_ns for p in guide.locale.rglob("*.po")} == mtimes
    assert original_translations("es") <= set(translations(guide, "es"))


def test_new_language_gets_a_catalog_per_page_and_others_are_untouched(guide: Project) -> None:
    es_before = {k: v for k, v in snapshot(guide).items() if k.startswith("es/")}
    (guide.locale / "LINGUAS").write_text("es\nfr\nde\n", encoding="utf-8")
    from mbc_docs import languages

    languages.target_codes.cache_clear()
    try:
        (report_es, _fr, report_de) = quiet_update(guide)
    finally:
        languages.target_codes.cache_clear()
    assert report_de.created == 3 and report_es.written == 0
    de = catalog(guide, "de", "sites/bone")
    assert de.metadata["Language"] == "de"
    assert "nplurals=2" in de.metadata["Plural-Forms"]
    assert all(not entry.msgstr for entry in de)
    assert {k: v for k, v in snapshot(guide).items() if k.startswith("es/")} == es_before


def test_edited_paragraph_keeps_its_old_translation_as_fuzzy_with_previous_msgid(
    guide: Project,
) -> None:
    old = "Pain in the back or hips that does not go away is the most common sign."
    new = "Pain in the back, ribs or hips that does not go away is the most common sign."
    edit(guide.docs / "sites" / "bone.md", old, new)
    quiet_update(guide)
    entry = catalog(guide, "es", "sites/bone").find(new)
    assert entry is not None and entry.fuzzy
    assert entry.previous_msgid == old
    assert entry.msgstr.startswith("El dolor de espalda")
    text = (guide.locale / "es" / "LC_MESSAGES" / "sites" / "bone.po").read_text("utf-8")
    assert '#| "Pain in the back or hips that does not go away' in text
    # the old English is now carried by the fuzzy entry, not duplicated as obsolete
    assert catalog(guide, "es", "sites/bone").find(old, include_obsolete_entries=True) is None


def test_renamed_page_finds_its_translations_in_the_new_catalog(guide: Project) -> None:
    (guide.docs / "sites" / "bone.md").rename(guide.docs / "sites" / "bones.md")
    edit(guide.docs / "index.md", "sites/bone\n", "sites/bones\n")
    edit(guide.docs / "sites" / "bones.md", "Strong bones", "Strong, healthy bones")
    quiet_update(guide)
    renamed = catalog(guide, "es", "sites/bones")
    exact = renamed.find("Bone metastasis is the most common place for breast cancer to spread.")
    assert exact is not None and not exact.fuzzy
    assert exact.msgstr.startswith("La metástasis ósea")
    similar = renamed.find("Strong, healthy bones")
    assert similar.fuzzy and similar.msgstr == "Huesos fuertes"
    assert similar.previous_msgid == "Strong bones"
    # the old page's catalog stays, every translation kept as obsolete
    orphan = catalog(guide, "es", "sites/bone")
    assert orphan and all(entry.obsolete for entry in orphan)
    assert original_translations("es") <= set(translations(guide, "es"))


def test_deleted_section_becomes_obsolete_and_returns_when_restored(guide: Project) -> None:
    care = guide.docs / "care.md"
    section = "## Tests\n\nA blood test for HER2 status helps choose the treatment.\n"
    original = care.read_text("utf-8")
    edit(care, section, "")
    quiet_update(guide)
    po = catalog(guide, "es", "care")
    gone = po.find("A blood test for HER2 status helps choose the treatment.",
                   include_obsolete_entries=True)
    assert gone is not None and gone.obsolete
    assert gone.msgstr.startswith("Un análisis de sangre")
    text = (guide.locale / "es" / "LC_MESSAGES" / "care.po").read_text("utf-8")
    assert '#~ msgid "Tests"' in text
    care.write_text(original, encoding="utf-8")
    quiet_update(guide)
    back = catalog(guide, "es", "care").find("Tests")
    assert back is not None and not back.obsolete and back.msgstr == "Pruebas"


def test_after_edit_rename_and_delete_nothing_is_lost_and_a_rerun_is_a_no_op(
    guide: Project,
) -> None:
    edit(guide.docs / "care.md", "a medical oncologist", "an oncologist")
    quiet_update(guide)
    (guide.docs / "care.md").rename(guide.docs / "your-team.md")
    edit(guide.docs / "index.md", "care\n", "your-team\n")
    quiet_update(guide)
    edit(guide.docs / "your-team.md", "## Asking questions\n", "")
    edit(guide.docs / "sites" / "bone.md", "## Strong bones\n", "")
    quiet_update(guide)
    for code in ("es", "fr"):
        assert original_translations(code) <= set(translations(guide, code)), code
    team = catalog(guide, "es", "your-team")
    assert team.find("Your care team").msgstr == "Su equipo de atención"
    before = snapshot(guide)
    quiet_update(guide)
    assert snapshot(guide) == before


def test_translator_comments_survive_an_update(guide: Project) -> None:
    path = guide.locale / "es" / "LC_MESSAGES" / "care.po"
    po = polib.pofile(str(path))
    po.find("Tests").tcomment = "mbc-docs: ignore T001"
    po.find(HER2).tcomment = "mbc-docs: ignore N001"
    po.save(str(path))
    edit(guide.docs / "care.md", HER2, HER2.replace("blood test", "blood or tissue test"))
    quiet_update(guide)
    assert catalog(guide, "es", "care").find("Tests").tcomment == "mbc-docs: ignore T001"
    entry = catalog(guide, "es", "care").find(HER2.replace("blood test", "blood or tissue test"))
    assert entry.tcomment == "mbc-docs: ignore N001" and entry.fuzzy


def test_catalogs_wrap_at_79_columns_like_msgmerge(guide: Project) -> None:
    path = guide.locale / "es" / "LC_MESSAGES" / "sites" / "bone.po"
    lines = path.read_text("utf-8").splitlines()
    assert max(len(line) for line in lines if line.startswith('"') and " " in line) <= 79
    # a catalog re-saved by our writer is byte-identical (no noise diffs)
    assert pofiles.render(pofiles.load_catalog(path)) == path.read_text("utf-8")


def test_interrupted_write_leaves_the_old_catalog_intact(
    guide: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = guide.locale / "es" / "LC_MESSAGES" / "care.po"
    before = path.read_bytes()
    edit(guide.docs / "care.md", "a specialist nurse", "a breast care nurse")

    def crash(_fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(pofiles.os, "fsync", crash)
    with pytest.raises(OSError, match="disk full"):
        quiet_update(guide)
    assert path.read_bytes() == before
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_broken_catalog_is_one_line_with_file_and_line_and_nothing_is_written(
    guide: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = guide.locale / "fr" / "LC_MESSAGES" / "index.po"
    broken.write_text(broken.read_text("utf-8") + "\nthis is not a po line\n", "utf-8")
    edit(guide.docs / "care.md", "a specialist nurse", "a breast care nurse")
    before = snapshot(guide)
    monkeypatch.chdir(guide.root)
    capsys.readouterr()
    status = cli.main(["update-po", "--no-hints"])
    err = capsys.readouterr().err.strip()
    assert status == 2
    assert len(err.splitlines()) == 1
    assert f"{broken}:" in err and "Traceback" not in err
    assert snapshot(guide) == before


def test_unknown_language_option_is_a_usage_error(
    guide: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(guide.root)
    assert cli.main(["update-po", "--language", "xx"]) == 2
    assert "supported: en, es, fr" in capsys.readouterr().err


def test_progress_is_shown_per_language(guide: Project) -> None:
    lines: list[str] = []
    edit(guide.docs / "care.md", "a specialist nurse", "a breast care nurse")
    update_po(guide, report=lines.append)
    assert lines[-2].startswith("[1/2] es: 3 catalogs") and "1 newly fuzzy" in lines[-2]
    assert lines[-1].startswith("[2/2] fr: 3 catalogs")
    assert os.path.exists(guide.build / "gettext" / "care.pot")


def test_pre_commit_hook_runs_the_checker_on_catalogs() -> None:
    yaml = pytest.importorskip("yaml")
    root = FIXTURE.parent.parent.parent
    (hook,) = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] == "mbc-docs-check" and hook["entry"] == "mbc-docs check"
    assert hook["files"] == r"\.po$"
    config = yaml.safe_load((root / ".pre-commit-config.yaml").read_text("utf-8"))
    hooks = {h["id"] for repo in config["repos"] for h in repo["hooks"]}
    assert {"ruff-check", "mbc-docs-check"} <= hooks
