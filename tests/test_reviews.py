"""Review records (``mbc-docs review``), the reader's notice, and the UI catalogs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polib
import pytest
from babel.messages.extract import extract_from_dir
from workflow_support import catalog, copy_fixture, edit

from mbc_docs import cli, languages
from mbc_docs.catalog_progress import CatalogProgress
from mbc_docs.project import Project
from mbc_docs.sphinxext import translation_notice as notice
from mbc_docs.workflow import reviews
from mbc_docs.workflow.update import update_po

SPHINXEXT = Path(__file__).resolve().parent.parent / "src" / "mbc_docs" / "sphinxext"
UI_LOCALE = SPHINXEXT.parent / "locale"
UI_LANGUAGES = ("es", "fr", "de", "zh_CN", "ar")


@pytest.fixture
def guide(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    project = copy_fixture(tmp_path)
    update_po(project, report=lambda _line: None)
    monkeypatch.chdir(project.root)
    return project


def run_cli(*argv: str) -> int:
    return cli.main(list(argv))


# -- fingerprints --------------------------------------------------------------------

def test_fingerprint_follows_the_english_not_the_translation(guide: Project) -> None:
    po = catalog(guide, "es", "care")
    before = reviews.fingerprint_of(po)
    po[0].msgstr = "otra traducción"
    po[0].occurrences = [("elsewhere.md", 99)]
    assert reviews.fingerprint_of(po) == before
    assert reviews.fingerprint_of(catalog(guide, "fr", "care")) == before  # same English
    po[0].msgid = "Your care team, changed"
    assert reviews.fingerprint_of(po) != before


# -- review sign / list ------------------------------------------------------------

def test_sign_records_reviewer_role_date_and_fingerprint(guide: Project, capsys) -> None:
    status = run_cli("review", "sign", "es", "docs/care.md", "--reviewer", "Ana García",
                     "--role", "medical-translator", "--date", "2026-11-20")
    assert status == 0
    record = reviews.load_reviews(guide.reviews)["es"]["care"]
    assert record == reviews.ReviewRecord(
        "Ana García", "medical-translator", dt.date(2026, 11, 20),
        reviews.fingerprint_of(catalog(guide, "es", "care")))
    assert "es care: reviewed by Ana García" in capsys.readouterr().out
    text = guide.reviews.read_text("utf-8")
    assert '[es."care"]' in text and "date = 2026-11-20" in text


def test_list_shows_every_page_and_its_state(guide: Project, capsys) -> None:
    run_cli("review", "sign", "es", "care", "--reviewer", "Ana", "--role", "medical-translator")
    capsys.readouterr()
    assert run_cli("review", "list", "--format", "json") == 0
    rows = {(r["language"], r["page"]): r for r in json.loads(capsys.readouterr().out)}
    assert len(rows) == 6  # 2 languages x 3 pages
    assert rows["es", "care"]["state"] == "reviewed"
    assert rows["es", "index"]["state"] == "not-reviewed"
    assert rows["fr", "care"]["reviewer"] is None


def test_changed_english_makes_a_review_stale(guide: Project, capsys) -> None:
    run_cli("review", "sign", "es", "care", "--reviewer", "Ana", "--role", "medical-translator")
    assert run_cli("review", "list", "--stale") == 0
    assert "no stale reviews" in capsys.readouterr().out
    edit(guide.docs / "care.md", "a specialist nurse", "a breast care nurse")
    update_po(guide, report=lambda _line: None)
    assert run_cli("review", "list", "--stale") == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("es") and "outdated" in out[0]
    (row,) = [r for r in reviews.review_rows(guide, ["es"]) if r.docname == "care"]
    assert row.review.state is reviews.ReviewState.OUTDATED and row.stale


def test_sign_refuses_an_unfinished_page_unless_told(guide: Project, capsys) -> None:
    assert run_cli("review", "sign", "es", "index", "--reviewer", "Ana",
                   "--role", "medical-translator") == 2
    err = capsys.readouterr().err
    assert "1 untranslated and 0 fuzzy" in err and "index.po" in err
    assert not guide.reviews.exists() or "index" not in guide.reviews.read_text("utf-8")
    assert run_cli("review", "sign", "es", "index", "--reviewer", "Ana",
                   "--role", "medical-translator", "--allow-incomplete") == 0


@pytest.mark.parametrize(("argv", "message"), [
    (("review", "sign", "xx", "care", "--reviewer", "A", "--role", "medical-translator"),
     "unsupported language 'xx'"),
    (("review", "sign", "en", "care", "--reviewer", "A", "--role", "medical-translator"),
     "English source"),
    (("review", "sign", "es", "nope", "--reviewer", "A", "--role", "medical-translator"),
     "no catalog for page 'nope'"),
])
def test_bad_sign_input_is_one_line_and_exit_2(guide: Project, capsys, argv, message) -> None:
    assert run_cli(*argv) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1


def test_a_reviewer_who_is_not_a_medical_translator_does_not_make_it_reviewed(
    guide: Project,
) -> None:
    reviews.sign(guide, "es", "care", "Sam", "proofreader")
    (row,) = [r for r in reviews.review_rows(guide, ["es"]) if r.docname == "care"]
    assert row.review.state is reviews.ReviewState.NOT_REVIEWED
    assert row.review.record.reviewer == "Sam"


def test_broken_review_file_is_one_line_with_file_and_line(guide: Project, capsys) -> None:
    guide.reviews.write_text('[es."care"]\nreviewer = "Ana\n', encoding="utf-8")
    assert run_cli("review", "list") == 2
    err = capsys.readouterr().err.strip()
    assert f"{guide.reviews}:2:" in err and len(err.splitlines()) == 1


def test_review_file_round_trips_and_is_sorted(tmp_path: Path) -> None:
    record = reviews.ReviewRecord('A "quoted" name', "clinician", dt.date(2026, 1, 2), "sha256:ab")
    records = {"fr": {"z": record, "sites/a": record}, "de": {"x": record}}
    path = tmp_path / "reviews.toml"
    reviews.save_reviews(path, records)
    assert reviews.load_reviews(path) == records
    text = path.read_text("utf-8")
    assert text.index('[de."x"]') < text.index('[fr."sites/a"]') < text.index('[fr."z"]')


def test_the_project_starts_with_no_review_records(project: Project) -> None:
    assert reviews.load_reviews(project.reviews) == {}


# -- the reader's notice -----------------------------------------------------------

@pytest.fixture(autouse=True)
def english_interface(monkeypatch: pytest.MonkeyPatch) -> None:
    """The English UI strings, whatever catalog an earlier Sphinx build left loaded."""
    monkeypatch.setattr(notice, "_", lambda message: message)


def _state(review: reviews.ReviewState, translated: int, total: int = 10,
           when: dt.date = dt.date(2026, 11, 20)) -> notice.PageTranslation:
    record = reviews.ReviewRecord("Ana", "medical-translator", when, "sha256:x")
    return notice.PageTranslation(
        languages.describe("es"),
        CatalogProgress(total, translated, 0, total * 10, translated * 10, 0),
        reviews.PageReview(review, None if review is reviews.ReviewState.NOT_REVIEWED
                           else record),
    )


def _texts(state: notice.PageTranslation) -> list[str]:
    box = notice.translation_notice(state)
    return [child.astext() for child in box.children[1:]]


def test_notice_of_a_draft_says_not_yet_reviewed() -> None:
    assert _texts(_state(reviews.ReviewState.NOT_REVIEWED, 10)) == [
        "Draft translation: not yet reviewed by a qualified medical translator."]


def test_notice_of_a_reviewed_page_gives_the_date_in_the_page_language() -> None:
    assert _texts(_state(reviews.ReviewState.REVIEWED, 10)) == [
        "Reviewed by a qualified medical translator on 20 de noviembre de 2026."]


def test_notice_of_an_outdated_review_says_the_english_changed() -> None:
    (text,) = _texts(_state(reviews.ReviewState.OUTDATED, 10))
    assert text == ("This translation was reviewed on 20 de noviembre de 2026, but the "
                    "English page has changed since.")


def test_notice_adds_the_incomplete_message_in_the_same_box() -> None:
    box = notice.translation_notice(_state(reviews.ReviewState.NOT_REVIEWED, 4))
    assert "translation-incomplete" in box["classes"]
    assert [c.astext() for c in box.children] == [
        "About this translation",
        "Draft translation: not yet reviewed by a qualified medical translator.",
        "This page is only partly translated: 4 of 10 passages are in Español. "
        "The other passages are shown in English.",
    ]


def test_notice_of_an_untranslated_page_only_says_it_is_in_english() -> None:
    assert _texts(_state(reviews.ReviewState.NOT_REVIEWED, 0)) == [
        "This page has not been translated into Español yet. It is shown in English."]


# -- the interface catalogs ----------------------------------------------------------

def _ui_messages() -> set[str]:
    return {msg for _f, _l, msg, _c, _x in
            extract_from_dir(str(SPHINXEXT), method_map=[("**.py", "python")])}


@pytest.mark.parametrize("code", UI_LANGUAGES)
def test_ui_catalog_translates_every_string_the_extensions_show(code: str) -> None:
    po = polib.pofile(str(UI_LOCALE / code / "LC_MESSAGES" / "mbc_docs.po"))
    translated = {e.msgid: e.msgstr for e in po if e.translated() and not e.obsolete}
    missing = sorted(_ui_messages() - set(translated))
    assert not missing, f"{code}: untranslated interface strings: {missing}"
    for msgid, msgstr in translated.items():
        for name in ("{date}", "{language}", "{translated}", "{total}", "{reviewed}"):
            assert (name in msgid) == (name in msgstr), f"{code}: {name} in {msgid!r}"
    assert "DRAFT TRANSLATIONS" in po.header
