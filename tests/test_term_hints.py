"""Term hints: ``update-po`` writes the approved translations beside each entry."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from workflow_support import catalog, copy_fixture, snapshot

from mbc_docs import cli
from mbc_docs.project import Project
from mbc_docs.workflow import merge

ROOT = Path(__file__).resolve().parent.parent
BONE = "Bone metastasis is the most common place for breast cancer to spread."
HER2 = "A blood test for HER2 status helps choose the treatment."


@pytest.fixture
def guide(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    project = copy_fixture(tmp_path)
    shutil.copy(ROOT / "locale" / "termbase.tbx", project.termbase)
    monkeypatch.chdir(project.root)
    return project


def update() -> None:
    assert cli.main(["update-po"]) == 0


def test_entries_using_termbase_concepts_carry_the_approved_translations(guide) -> None:
    update()
    bone = catalog(guide, "es", "sites/bone").find(BONE)
    assert bone.comment.replace("\n", " ").startswith(
        "Terms: bone metastasis → metástasis ósea")
    assert "breast cancer → cáncer de mama" in bone.comment.replace("\n", " ")
    assert "métastase" in catalog(guide, "fr", "sites/bone").find(BONE).comment
    her2 = catalog(guide, "es", "care").find(HER2)
    assert her2.comment == "Do not translate: HER2"
    assert not catalog(guide, "es", "care").find("Tests").comment
    text = (guide.locale / "es" / "LC_MESSAGES" / "care.po").read_text("utf-8")
    assert "#. Do not translate: HER2\n" in text


def test_hints_follow_a_termbase_change(guide) -> None:
    update()
    tbx = guide.termbase.read_text("utf-8")
    guide.termbase.write_text(tbx.replace("<term>metástasis ósea</term>",
                                          "<term>metástasis en el hueso</term>"), "utf-8")
    update()
    comment = catalog(guide, "es", "sites/bone").find(BONE).comment.replace("\n", " ")
    assert "bone metastasis → metástasis en el hueso" in comment
    assert "metástasis ósea" not in comment
    assert comment.count("Terms:") == 1
    before = snapshot(guide)
    update()
    assert snapshot(guide) == before


def test_translations_survive_while_hints_are_added(guide) -> None:
    update()
    bone = catalog(guide, "es", "sites/bone").find(BONE)
    assert bone.msgstr.startswith("La metástasis ósea") and not bone.fuzzy


def test_broken_termbase_stops_update_before_writing(guide, capsys) -> None:
    guide.termbase.write_text("<tbx><unclosed>", "utf-8")
    before = snapshot(guide)
    assert cli.main(["update-po"]) == 2
    assert str(guide.termbase) in capsys.readouterr().err
    assert snapshot(guide) == before


def test_old_hint_lines_are_replaced_and_sphinx_comments_kept() -> None:
    pot = polib.POFile()
    pot.append(polib.POEntry(msgid="Bone pain.", comment="a note from Sphinx\nTerms: stale"))
    result = merge.merge(pot, None, "es", merge.LanguageMemory(),
                         hints=lambda _msgid: ["Terms: bone → hueso"])
    assert result.catalog[0].comment == "a note from Sphinx\nTerms: bone → hueso"
