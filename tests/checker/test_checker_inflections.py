"""Target terms are accepted in any inflected form, and a different term is still reported.

The cases (tests/fixtures/checker/inflections.json) are translations translators had
to reword because the checker reported a correct inflected term as missing (T001).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mbc_docs.checks.runner import check_text
from mbc_docs.termbase import load_termbase
from mbc_docs.termbase.matching import TokenizedText, analyzer

ROOT = Path(__file__).resolve().parents[2]
CASES = json.loads((ROOT / "tests" / "fixtures" / "checker" / "inflections.json")
                   .read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tb():
    return load_termbase(ROOT / "locale" / "termbase.tbx")


def _term_codes(tb, lang: str, source: str, target: str) -> list[str]:
    return [code for code, _ in check_text(source, target, lang, tb) if code.startswith("T")]


def _assert_accepted(tb, group: str) -> None:
    for lang, source, target in CASES[group]["accepted"]:
        assert _term_codes(tb, lang, source, target) == [], (lang, target)


def test_french_plural_of_multiword_term_is_accepted(tb) -> None:
    _assert_accepted(tb, "french_plural_of_multiword_term")


def test_spanish_plural_of_multiword_term_is_accepted(tb) -> None:
    _assert_accepted(tb, "spanish_plural_of_multiword_term")


def test_arabic_proclitic_on_term_is_accepted(tb) -> None:
    _assert_accepted(tb, "arabic_proclitic_on_term")


def test_arabic_suffix_on_term_is_accepted(tb) -> None:
    _assert_accepted(tb, "arabic_suffix_on_term")


def test_arabic_conjunction_glued_to_latin_symbol_is_accepted(tb) -> None:
    _assert_accepted(tb, "arabic_conjunction_glued_to_latin_symbol")


def test_german_plural_case_and_compound_are_accepted(tb) -> None:
    _assert_accepted(tb, "german_plural_case_and_compound")


def test_chinese_term_inside_longer_word_is_accepted(tb) -> None:
    _assert_accepted(tb, "chinese_term_inside_longer_word")


def test_different_term_is_still_reported(tb) -> None:
    for lang, source, target, expected in CASES["different_term_is_still_reported"]["reported"]:
        assert _term_codes(tb, lang, source, target) == expected, (lang, target)


def test_inconsistent_stems_still_meet_through_word_forms() -> None:
    # Snowball French: cancer -> canc, cancers -> cancer.
    fr = analyzer("fr")
    assert fr.key("cancer") != fr.key("cancers")
    assert not fr.analyse("cancers")[1].isdisjoint(fr.analyse("cancer", term=True)[1])


def test_stems_and_stripped_forms_do_not_meet() -> None:
    # "leptomeninges" minus -s is the stem of "leptomeníngea": a different word.
    es = analyzer("es")
    assert es.analyse("leptomeníngea")[1].isdisjoint(es.analyse("leptomeninges", term=True)[1])


def test_arabic_proclitics_are_stripped_only_in_the_text() -> None:
    ar = analyzer("ar")
    text_side = ar.analyse("بسرطان")[1]
    term_side = ar.analyse("بسرطان", term=True)[1]
    assert "سرطان" in text_side
    assert "سرطان" not in term_side


def test_arabic_script_change_ends_a_token() -> None:
    tt = TokenizedText("اختبارات وPR", "ar")
    assert [tt.text[s:e] for s, e in zip(tt.starts, tt.ends, strict=True)] == [
        "اختبارات", "و", "PR"]
    # Other languages keep letters and digits of any script in one token.
    assert len(TokenizedText("HER2", "es").keys) == 1
