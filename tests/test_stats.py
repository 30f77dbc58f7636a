"""``mbc-docs stats``: real numbers from the catalogs, per language and page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from workflow_support import copy_fixture, edit

from mbc_docs import cli
from mbc_docs.project import Project
from mbc_docs.workflow.stats import collect
from mbc_docs.workflow.update import update_po


@pytest.fixture
def guide(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    project = copy_fixture(tmp_path)
    # One edited sentence: its Spanish translation becomes fuzzy.
    edit(project.docs / "care.md", "a specialist nurse", "a breast care nurse")
    update_po(project, report=lambda _line: None)
    monkeypatch.chdir(project.root)
    return project


def stats_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    capsys.readouterr()
    assert cli.main(["stats", "--format", "json", *argv]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_counts_messages_per_language_and_page(guide: Project, capsys) -> None:
    data = stats_json(capsys)
    es, fr = data["languages"]
    assert (es["code"], fr["code"]) == ("es", "fr")
    assert es["messages"] == {"total": 14, "translated": 11, "fuzzy": 1, "untranslated": 2}
    assert fr["messages"] == {"total": 14, "translated": 2, "fuzzy": 0, "untranslated": 12}
    pages = {page["page"]: page for page in es["pages"]}
    assert list(pages) == ["care", "index", "sites/bone"]
    assert pages["care"]["messages"] == {"total": 7, "translated": 6, "fuzzy": 1,
                                         "untranslated": 0}
    assert pages["index"]["percent"] == 50.0
    assert es["percent"] == round(100 * 11 / 14, 1)


def test_json_counts_words_of_the_english_source(guide: Project, capsys) -> None:
    index = next(p for p in stats_json(capsys, "-l", "es")["languages"][0]["pages"]
                 if p["page"] == "index")
    # "A small guide" (3 words) is translated; "This guide explains metastatic breast
    # cancer in plain words." (9 words) is not.
    assert index["words"] == {"total": 12, "translated": 3, "fuzzy": 0, "untranslated": 9}
    assert index["words_percent"] == 25.0


def test_text_output_has_a_line_per_language_and_page(guide: Project, capsys) -> None:
    capsys.readouterr()
    assert cli.main(["stats"]) == 0
    lines = capsys.readouterr().out.splitlines()
    es_line = next(line for line in lines if line.startswith("es (Spanish)"))
    assert es_line.split()[2:5] == ["11", "1", "2"] and "78.6%" in es_line
    assert any(line.startswith("  sites/bone") for line in lines)
    capsys.readouterr()
    assert cli.main(["stats", "--summary"]) == 0
    summary = capsys.readouterr().out
    assert "es (Spanish)" in summary and "sites/bone" not in summary


def test_pages_of_deleted_english_are_left_out(guide: Project) -> None:
    (guide.docs / "sites" / "bone.md").unlink()
    edit(guide.docs / "index.md", "sites/bone\n", "")
    update_po(guide, report=lambda _line: None)
    (es, _fr) = collect(guide.root)
    assert [page.docname for page in es.pages] == ["care", "index"]


def test_unknown_language_is_a_usage_error(guide: Project, capsys) -> None:
    assert cli.main(["stats", "-l", "xx"]) == 2
    assert "unsupported language 'xx'" in capsys.readouterr().err
