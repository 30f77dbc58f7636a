"""``mbc-docs check``/``terms``: termbase formats, output formats, exit codes, bad input."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from mbc_docs.catalogs import catalog_language, load_catalog
from mbc_docs.checks.registry import Finding, Severity
from mbc_docs.checks.runner import check_paths
from mbc_docs.cli import main
from mbc_docs.errors import UserError
from mbc_docs.termbase import TermStatus, load_termbase
from mbc_docs.termbase.csv_io import read_csv, write_csv
from mbc_docs.termbase.tbx import read_tbx, write_tbx2_weblate, write_tbx3

ROOT = Path(__file__).resolve().parents[2]
FIX = ROOT / "tests" / "fixtures" / "checker"
TB = FIX / "termbase-dct.tbx"
GOOD = FIX / "locale" / "es" / "LC_MESSAGES" / "good.po"
BAD = FIX / "locale" / "es" / "LC_MESSAGES" / "bad.po"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def summary_of(termbase) -> list[tuple]:
    return [(c.id, c.dnt, {lang: [(t.text, t.status) for t in terms]
                           for lang, terms in sorted(c.terms.items())})
            for c in termbase.concepts]


# ------------------------------------------------------------------ termbase formats

@pytest.mark.parametrize("name", ["termbase-dca.tbx", "termbase-v2.tbx", "termbase.csv"])
def test_every_termbase_format_reads_the_same_concepts(name: str) -> None:
    assert summary_of(load_termbase(FIX / name)) == summary_of(load_termbase(TB))


def test_tbx_statuses_and_dnt_are_read() -> None:
    tb = load_termbase(TB)
    bone = tb.concept("bone-metastasis")
    assert [t.text for t in bone.approved_terms("es")] == ["metástasis ósea"]
    assert [(t.text, t.status) for t in bone.forbidden_terms("es")] == [
        ("metástasis huesosa", TermStatus.FORBIDDEN)]
    assert tb.concept("HER2").dnt and not bone.dnt
    assert bone.terms["en"][0].part_of_speech == "noun"


def test_tbx3_and_csv_round_trip(tmp_path: Path) -> None:
    tb = load_termbase(ROOT / "locale" / "termbase.tbx")
    (tmp_path / "a.tbx").write_text(write_tbx3(tb), encoding="utf-8")
    (tmp_path / "a.csv").write_text(write_csv(tb), encoding="utf-8")
    assert summary_of(read_tbx(tmp_path / "a.tbx")) == summary_of(tb)
    assert summary_of(read_csv(tmp_path / "a.csv")) == summary_of(tb)


def test_weblate_export_is_bilingual_tbx2_with_forbidden_and_read_only_terms() -> None:
    tb = load_termbase(TB)
    text = write_tbx2_weblate(tb, "es")
    assert text.count("<termEntry") == 5 and "<martif" in text
    assert '<termNote type="administrativeStatus">forbidden</termNote>' in text
    assert '<termNote type="translationNote">no</termNote>' in text
    assert 'xml:lang="de"' not in text


def test_terms_export_command_writes_each_format(tmp_path: Path) -> None:
    for fmt, name in (("tbx", "weblate.tbx"), ("tbx3", "v3.tbx"), ("csv", "sheet.csv")):
        out = tmp_path / name
        assert main(["terms", "export", "--termbase", str(TB), "--format", fmt,
                     "-o", str(out)]) == 0
        got, want = summary_of(load_termbase(out)), summary_of(load_termbase(TB))
        if fmt == "tbx":  # Weblate knows only "forbidden": deprecated terms become forbidden
            got = [(i, d, {k: [t for t, _s in v] for k, v in ls.items()}) for i, d, ls in got]
            want = [(i, d, {k: [t for t, _s in v] for k, v in ls.items()}) for i, d, ls in want]
        assert got == want, fmt


def test_project_termbase_is_tbx3_dct_with_the_key_concepts() -> None:
    text = (ROOT / "locale" / "termbase.tbx").read_text(encoding="utf-8")
    assert 'style="dct"' in text
    tb = load_termbase(ROOT / "locale" / "termbase.tbx")
    assert {"HER2", "BRCA1", "PD-L1", "CA-15-3", "Ki-67"} <= {c.id for c in tb.concepts if c.dnt}
    for lang in ("es", "fr", "de", "zh_CN", "ar"):
        assert tb.concept("bone-metastasis").approved_terms(lang), lang


# ------------------------------------------------------------------ hostile termbases

@pytest.mark.parametrize(("name", "words"), [
    ("billion-laughs.tbx", "entity declarations are not allowed"),
    ("external-entity.tbx", "not allowed"),
    ("not-well-formed.tbx", "not well-formed XML"),
    ("wrong-root.tbx", "not a TBX file"),
    ("unknown-status.tbx", "unknown administrativeStatus"),
    ("bad-status.csv", "unknown status"),
])
def test_broken_termbase_is_one_line_with_file_and_line(name: str, words: str) -> None:
    with pytest.raises(UserError) as info:
        load_termbase(FIX / "bad" / name)
    text = str(info.value)
    assert text.startswith(f"{FIX / 'bad' / name}:") and words in text and "\n" not in text


def test_entity_bomb_tbx_exits_2_with_one_line() -> None:
    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "mbc-docs"), "check", str(GOOD),
         "--termbase", str(FIX / "bad" / "billion-laughs.tbx")],
        capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "billion-laughs.tbx:" in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert "Checked 1 catalog" in result.stdout  # the catalog was still checked


def test_console_flushes_the_whole_report_before_its_quick_exit() -> None:
    """``check`` leaves with os._exit (see cli.console): a piped report must be whole."""
    result = subprocess.run(
        [sys.executable, "-m", "mbc_docs", "check", str(BAD), str(GOOD), "--termbase", str(TB),
         "--format", "json"], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["summary"]["exit_code"] == 1
    assert len(report["findings"]) == report["summary"]["errors"] + report["summary"][
        "warnings"] + report["summary"]["info"]


def test_finding_to_dict_has_every_field_with_the_severity_as_text() -> None:
    finding = Finding("a.po", 3, "es", "term-missing", "T001", Severity.ERROR, "m", "id",
                      "ctx", True)
    data = finding.to_dict()
    assert list(data) == [f.name for f in fields(Finding)]
    assert data["severity"] == "error" and data["msgctxt"] == "ctx" and data["suppressed"]


# ------------------------------------------------------------------ catalogs and languages

def test_catalog_language_from_header_or_path(tmp_path: Path) -> None:
    assert catalog_language(GOOD, load_catalog(GOOD)) == "es"
    path = FIX / "locale" / "de" / "LC_MESSAGES" / "inflection.po"
    assert catalog_language(path, load_catalog(path)) == "de"


@pytest.mark.parametrize(("name", "line", "words"), [
    ("syntax-error.po", 7, "syntax error"),
    ("latin1-declared-utf8.po", 7, "not valid UTF-8"),
    ("duplicate.po", 8, "duplicate message definition"),
])
def test_broken_catalog_names_file_and_line(name: str, line: int, words: str) -> None:
    with pytest.raises(UserError) as info:
        load_catalog(FIX / "bad" / name)
    assert info.value.line == line and words in info.value.message


def test_unreadable_catalog_is_reported(tmp_path: Path, capsys) -> None:
    path = tmp_path / "es.po"
    if os.geteuid() == 0:  # root reads any file: a dangling link is unreadable for everyone
        path.symlink_to(tmp_path / "gone.po")
    else:
        shutil.copy(GOOD, path)
        path.chmod(0)
    code, _out, err = run(capsys, str(path), "--no-termbase")
    assert code == 2 and "cannot read the catalog" in err and str(path) in err


def test_catalog_named_twice_is_checked_once(tmp_path: Path) -> None:
    """The same file through its folder, its own path, another spelling and a link."""
    folder = tmp_path / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    catalog = folder / "good.po"
    shutil.copy(GOOD, catalog)
    (tmp_path / "link.po").symlink_to(catalog)
    twice = [tmp_path / "es", catalog, folder / ".." / "LC_MESSAGES" / "good.po",
             tmp_path / "link.po"]
    report = check_paths(twice, TB, jobs=1)
    assert report.files == [str(catalog)]
    assert report.findings == check_paths([catalog], TB, jobs=1).findings


def test_folder_given_as_catalog_is_reported_not_crashed(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="is a folder"):
        load_catalog(tmp_path)


@pytest.mark.parametrize(("name", "words"), [
    ("syntax-error.po", "syntax error"),
    ("latin1-declared-utf8.po", "not valid UTF-8"),
    ("unknown-language.po", "unknown language 'xx_YY'"),
    ("no-language.po", "cannot tell the language"),
])
def test_bad_catalog_exits_2_and_other_files_are_still_checked(capsys, name: str,
                                                                words: str) -> None:
    code, out, err = run(capsys, str(FIX / "bad" / name), str(BAD), "--termbase", str(TB))
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and words in lines[0]
    assert "Traceback" not in err
    assert "bad.po:7: T001" in out  # the good file was checked and reported


def test_missing_path_exits_2(capsys) -> None:
    code, _out, err = run(capsys, "no/such/folder", "--no-termbase")
    assert code == 2 and "no such file or folder" in err


# ------------------------------------------------------------------ findings and exit codes

EXPECTED_BAD = [(7, "T001"), (10, "T002"), (13, "D001"), (16, "N002"), (19, "M001"),
                (22, "M002")]


def test_fixture_catalog_findings_point_at_each_entry() -> None:
    report = check_paths([BAD], TB)
    errors = [(f.line, f.code) for f in report.findings
              if f.severity.value == "error" and not f.suppressed]
    assert errors == EXPECTED_BAD


def test_correct_catalog_exits_0(capsys) -> None:
    code, out, _err = run(capsys, str(GOOD), "--termbase", str(TB))
    assert code == 0
    assert " T0" not in out and " N0" not in out and " M0" not in out and " D0" not in out
    assert "S001 1 untranslated entry" in out and "S002 1 fuzzy entry" in out


def test_error_findings_exit_1_in_text_format(capsys) -> None:
    code, out, _err = run(capsys, str(BAD), "--termbase", str(TB))
    assert code == 1
    assert f"{BAD}:7: T001 " in out


def test_german_inflections_and_compounds_are_quiet_but_deprecated_term_warns() -> None:
    report = check_paths([FIX / "locale" / "de"], TB)
    assert [(f.line, f.code) for f in report.findings] == [(11, "T003")]
    assert report.exit_code == 0


def test_suppression_comment_hides_finding_and_show_suppressed_shows_it(capsys) -> None:
    _code, out, _err = run(capsys, str(BAD), "--termbase", str(TB))
    assert "N001" not in out
    _code, out, _err = run(capsys, str(BAD), "--termbase", str(TB), "--show-suppressed")
    assert "N001" in out and "(suppressed)" in out


def test_same_message_translated_differently_is_reported_once() -> None:
    report = check_paths([FIX / "locale" / "es"], TB)
    consistency = [f for f in report.findings if f.code == "C001"]
    assert len(consistency) == 1 and consistency[0].file.endswith("other.po")


def test_select_and_ignore(capsys) -> None:
    code, out, _err = run(capsys, str(BAD), "--termbase", str(TB), "--select", "N,markup")
    assert code == 1 and "N002" in out and "M001" in out and "T001" not in out
    code, out, _err = run(capsys, str(BAD), "--termbase", str(TB), "--ignore", "T,D,N,M")
    assert code == 0


def test_json_output_has_findings_and_summary(capsys) -> None:
    code, out, _err = run(capsys, str(BAD), "--termbase", str(TB), "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["summary"]["errors"] == len(EXPECTED_BAD)
    first = data["findings"][0]
    assert set(first) >= {"file", "line", "language", "check", "code", "severity", "message",
                          "msgid"}
    assert first["check"] == "term-missing" and first["language"] == "es"


def test_sarif_output_is_valid_2_1_0(capsys) -> None:
    _code, out, _err = run(capsys, str(BAD), str(FIX / "bad" / "syntax-error.po"),
                           "--termbase", str(TB), "--format", "sarif", "--show-suppressed")
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0" and "sarif" in sarif["$schema"]
    (run_,) = sarif["runs"]
    rules = run_["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    for result in run_["results"]:
        assert result["level"] in {"error", "warning", "note"}
        assert ids[result["ruleIndex"]] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and result["message"]["text"]
    assert any(r.get("suppressions") for r in run_["results"])
    assert run_["invocations"][0]["executionSuccessful"] is False
    assert run_["invocations"][0]["toolExecutionNotifications"]


def test_github_output_is_workflow_commands(capsys) -> None:
    _code, out, _err = run(capsys, str(BAD), "--termbase", str(TB), "--format", "github")
    lines = out.strip().splitlines()
    assert lines and all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    assert f"::error file={BAD},line=7,title=T001 term-missing::" in out


def test_checker_never_modifies_a_catalog(tmp_path: Path) -> None:
    copy = tmp_path / "bad.po"
    shutil.copy(BAD, copy)
    before = copy.read_bytes(), copy.stat().st_mtime_ns
    check_paths([copy], TB)
    assert (copy.read_bytes(), copy.stat().st_mtime_ns) == before


def test_process_pool_gives_the_same_findings(tmp_path: Path, monkeypatch) -> None:
    from mbc_docs.checks import runner

    for i in range(6):
        shutil.copy(BAD, tmp_path / f"c{i}.po")
    serial = check_paths([tmp_path], TB, jobs=1)
    monkeypatch.setattr(runner, "POOL_MIN_BYTES", 0)
    parallel = check_paths([tmp_path], TB, jobs=2)
    assert [f.to_dict() for f in parallel.findings] == [f.to_dict() for f in serial.findings]


def test_list_rules_and_explain(capsys) -> None:
    assert main(["check", "--list-rules"]) == 0
    assert "T001  term-missing" in capsys.readouterr().out
    assert main(["check", "--explain", "N002"]) == 0
    assert "Bad:" in capsys.readouterr().out
    assert main(["check", "--explain", "X999"]) == 2


def test_rules_md_is_up_to_date() -> None:
    from mbc_docs.commands.check import rules_markdown

    assert (ROOT / "RULES.md").read_text(encoding="utf-8") == rules_markdown()
