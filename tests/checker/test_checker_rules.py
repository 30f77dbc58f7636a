"""Every check, bad and good: it reports the error and stays quiet on correct translations."""
# ruff: noqa: RUF001 -- the tests deliberately use look-alike characters (dashes, digits)

from __future__ import annotations

from pathlib import Path

import pytest

from mbc_docs.checks.registry import all_rules
from mbc_docs.checks.runner import check_text
from mbc_docs.termbase import load_termbase
from mbc_docs.termbase.model import Concept, Term, Termbase, TermStatus

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "checker"


@pytest.fixture(scope="module")
def tb():
    return load_termbase(ROOT / "locale" / "termbase.tbx")


def codes(source: str, target: str, lang: str, tb=None) -> list[str]:
    return [code for code, _message in check_text(source, target, lang, tb)]


# ------------------------------------------------------------------ terms

def test_correct_translation_with_terms_numbers_and_roles_is_quiet(tb) -> None:
    assert codes("Bone metastasis can cause pain in about 30% of people with HER2-positive "
                 "breast cancer.",
                 "Las metástasis óseas pueden causar dolor en alrededor del 30 % de las "
                 "personas con cáncer de mama HER2 positivo.", "es", tb) == []


def test_term_replaced_by_paraphrase_is_reported(tb) -> None:
    found = check_text("Bone metastasis can cause pain.",
                       "La propagación a los huesos puede causar dolor.", "es", tb)
    assert [c for c, _ in found] == ["T001"]
    assert "metástasis ósea" in found[0][1]


@pytest.mark.parametrize(("language", "target"), [
    ("es", "Las metástasis óseas son frecuentes."),        # plural + feminine plural
    ("fr", "Les métastases osseuses sont fréquentes."),
    ("de", "Knochenmetastasen sind häufig."),              # German plural
    ("zh_CN", "乳腺癌的骨转移很常见。"),                       # Chinese substring
    ("ar", "النقائل العظمية شائعة."),                        # Arabic article + admitted plural
])
def test_inflected_term_is_accepted(tb, language: str, target: str) -> None:
    assert "T001" not in codes("Bone metastases are common.", target, language, tb)


def test_german_compound_containing_term_is_accepted(tb) -> None:
    # "metastasis" in the source; "Knochenmetastasen" contains the term "Metastase".
    assert codes("A metastasis was found.", "Es wurden Knochenmetastasen gefunden.", "de", tb) == []


def test_arabic_prefixed_term_is_accepted(tb) -> None:
    assert "T001" not in codes("Chemotherapy helps.", "يساعد العلاج الكيميائي.", "ar", tb)
    assert "T001" not in codes("Treated with chemotherapy.", "عولجت بالعلاج الكيميائي.", "ar", tb)


def test_longest_source_term_wins(tb) -> None:
    matches = tb.find_concepts("Bone metastasis is not the same as metastasis.", "en")
    assert [m.concept.id for m in matches] == ["bone-metastasis", "metastasis"]
    assert matches[0].text == "Bone metastasis"


def test_source_terms_respect_word_boundaries(tb) -> None:
    assert [m.concept.id for m in tb.find_concepts("HER2-positive", "en")] == ["HER2"]
    assert tb.find_concepts("HER22 and ascitesque", "en") == []


def test_forbidden_term_is_reported(tb) -> None:
    found = codes("Bone metastasis can cause pain.", "La metástasis huesosa puede doler.", "es", tb)
    assert found == ["T002"]


def test_deprecated_term_is_a_warning(tb) -> None:
    found = codes("Cancer can spread to the lymph nodes.",
                  "Der Krebs kann sich in die Lymphdrüsen ausbreiten.", "de", tb)
    assert found == ["T003"]


def test_term_of_language_without_entry_is_not_reported(tb) -> None:
    assert codes("Bone metastasis can cause pain.", "Il dolore osseo.", "it", tb) == []


def test_term_role_target_is_not_taken_for_the_translation(tb) -> None:
    # The English target stays in angle brackets; the display text must hold the term.
    assert "T001" in codes("Read about {term}`bone metastasis`.",
                           "Lea sobre {term}`el dolor <bone metastasis>`.", "es", tb)


# ------------------------------------------------------------------ do not translate

def test_translated_dnt_token_is_reported(tb) -> None:
    assert codes("Your HER2 status guides treatment.",
                 "Su estado RE2 orienta el tratamiento.", "es", tb) == ["D001"]


def test_dnt_token_with_other_hyphen_is_accepted(tb) -> None:
    assert codes("The Ki-67 and CA 15-3 tests.", "Las pruebas Ki\u201167 y CA\u00a015-3.",
                 "es", tb) == []


def test_dnt_token_inside_chinese_text_is_accepted(tb) -> None:
    assert codes("HER2-positive breast cancer", "HER2阳性乳腺癌", "zh_CN", tb) == []


def test_unlisted_code_token_missing_is_a_warning() -> None:
    assert codes("Tests look for ESR1 changes.", "Las pruebas buscan cambios.", "es") == ["D002"]
    assert codes("Tests look for ESR1 changes.", "Las pruebas buscan cambios en ESR1.", "es") == []


# ------------------------------------------------------------------ numbers

@pytest.mark.parametrize(("source", "target", "language"), [
    ("About 30% of people.", "Alrededor del 30 % de las personas.", "es"),
    ("About 30% of people.", "حوالي ٣٠٪ من الناس.", "ar"),
    ("About 30% of people.", "约３０％的人。", "zh_CN"),
    ("A dose of 2.5 mg.", "Une dose de 2,5 mg.", "fr"),
    ("About 10,000 people.", "Environ 10\u202f000 personnes.", "fr"),
    ("Between 10–41 days.", "Entre 10 y 41 días.", "es"),
    ("Between 10-41 days.", "Zwischen 10 bis 41 Tagen.", "de"),
    ("Between 10–41 days.", "10至41天。", "zh_CN"),
    ("Between 10–41 days.", "بين ١٠ إلى ٤١ يومًا.", "ar"),
    ("The CA 15-3 test.", "La prueba CA 15-3.", "es"),
])
def test_number_in_local_format_is_accepted(tb, source: str, target: str, language: str) -> None:
    assert codes(source, target, language, tb) == []


def test_changed_number_is_reported(tb) -> None:
    found = check_text("About 30% of people.", "Alrededor del 3 % de las personas.", "es", tb)
    assert found == [("N002", "number 30 of the source became 3")]


def test_missing_number_is_reported() -> None:
    assert codes("About 30% of people.", "Algunas personas.", "es") == ["N001"]


def test_reversed_comparison_is_reported() -> None:
    assert codes("A level <5 is normal.", "Un nivel >5 es normal.", "es") == ["N003"]
    assert codes("A level <5 is normal.", "Un nivel <5 es normal.", "es") == []


# ------------------------------------------------------------------ markup

def test_term_role_with_english_target_is_accepted(tb) -> None:
    assert codes("Read about {term}`bone metastasis`.",
                 "Lea sobre la {term}`metástasis ósea <bone metastasis>`.", "es", tb) == []


def test_term_role_without_english_target_is_reported(tb) -> None:
    assert codes("Read about {term}`bone metastasis`.",
                 "Lea sobre la {term}`metástasis ósea`.", "es", tb) == ["M001"]


def test_changed_doc_and_ref_targets_are_reported() -> None:
    assert codes("See {doc}`sites/bone`.", "Vea {doc}`sitios/hueso`.", "es") == ["M001"]
    assert codes("See {ref}`bone-when-to-call`.", "Vea {ref}`bone-when-to-call`.", "es") == []


def test_changed_link_is_reported() -> None:
    assert codes("See [SEER](https://seer.cancer.gov/a).", "Vea [SEER](https://seer.cancer.gov/b).",
                 "es") == ["M002"]


def test_changed_inline_code_is_reported() -> None:
    assert codes("Run `make html`.", "Ejecute `hacer html`.", "es") == ["M003"]


def test_lost_emphasis_is_a_warning() -> None:
    assert codes("Call **now**.", "Llame ahora.", "es") == ["M004"]
    assert codes("Call **now**.", "Llame **ahora**.", "es") == []


def test_renamed_footnote_is_reported() -> None:
    assert codes("About 6 in 100[^seer].", "Unas 6 de cada 100[^seer2].", "es") == ["M005"]


def test_renamed_substitution_is_reported() -> None:
    assert codes("On {{ date }}.", "El {{ fecha }}.", "es") == ["M006"]


def test_numbers_inside_markup_are_not_quantities() -> None:
    assert codes("See [^seer-2025] and <https://example.org/2024/x>.",
                 "Vea [^seer-2025] y <https://example.org/2024/x>.", "es") == []


# ------------------------------------------------------------------ documentation

def test_every_rule_has_a_bad_and_a_good_example() -> None:
    for rule in all_rules():
        assert rule.example("Bad"), rule.code
        assert rule.example("Good"), rule.code


def test_every_rule_is_documented_in_rules_md() -> None:
    text = (ROOT / "RULES.md").read_text(encoding="utf-8")
    for rule in all_rules():
        assert f"## {rule.code} {rule.name}" in text, f"{rule.code} missing from RULES.md"


def test_check_names_start_with_their_family() -> None:
    prefixes = {"T": "term", "N": "number", "M": "markup", "D": "dnt", "C": "consistency",
                "S": "catalog"}
    for rule in all_rules():
        assert rule.name.startswith(prefixes[rule.code[0]]), rule


# ------------------------------------------------------------------ T001 exemptions

def test_term_in_bibliographic_reference_is_not_missing(tb) -> None:
    source = ("Smith J, Lee K. *Bone metastasis in breast cancer.* Lancet Oncol 2017. "
              "doi:10.1016/S1470-2045(17)30001-1")
    assert "T001" not in codes(source, source, "es", tb)
    linked = "Smith J. *Bone metastasis.* 2019. <https://example.org/paper>"
    assert "T001" not in codes(linked, linked, "fr", tb)


def test_reference_exemption_keeps_number_and_markup_checks(tb) -> None:
    source = "Smith J. *Bone metastasis.* Lancet 2017. <https://example.org/paper>"
    target = "Smith J. *Bone metastasis.* Lancet 2018. <https://example.org/other>"
    found = codes(source, target, "es", tb)
    assert "T001" not in found
    assert "N002" in found and "M002" in found


def test_term_with_url_but_no_year_is_still_checked(tb) -> None:
    assert "T001" in codes("Bone metastasis: see <https://example.org/a>.",
                           "Vea <https://example.org/a>.", "es", tb)


@pytest.mark.parametrize("name", ["Breast Cancer Now", "American Cancer Society",
                                  "National Breast Cancer Coalition"])
def test_term_inside_kept_organisation_name_is_not_missing(tb, name: str) -> None:
    assert "T001" not in codes(f"Support from {name} helps.", f"El apoyo de {name} ayuda.",
                               "es", tb)


def test_organisation_name_changed_in_translation_is_still_checked(tb) -> None:
    assert "T001" in codes("Support from Breast Cancer Now helps.", "El apoyo de Ahora ayuda.",
                           "es", tb)


def test_capitalised_term_at_sentence_start_is_not_a_name(tb) -> None:
    assert "T001" in codes("Breast Cancer can spread.", "Breast Cancer puede propagarse.",
                           "es", tb)


def test_lowercase_term_next_to_a_name_is_still_checked(tb) -> None:
    found = check_text("The American Cancer Society says breast cancer spreads.",
                       "La American Cancer Society dice que se propaga.", "es", tb)
    assert [c for c, _ in found] == ["T001"]
    assert "\u201cbreast cancer\u201d" in found[0][1]


def test_markup_message_with_a_line_break_stays_on_one_line() -> None:
    """Found by the fuzz test: inline code holding a line break broke ``file:line: msg``."""
    found = check_text("Type `a\nb` or {term}`bone\nmetastasis`.", "Escriba.", "es")
    assert {code for code, _message in found} == {"M001", "M003"}
    assert all("\n" not in message for _code, message in found)
    assert any("`a\\nb`" in message for _code, message in found)


def test_term_message_with_a_line_break_stays_on_one_line() -> None:
    """Found by the fuzz test: a termbase term holding a line break, quoted in T003."""
    concept = Concept(id="c0")
    concept.add(Term(text="0\n", lang="es", status=TermStatus.DEPRECATED))
    found = check_text("", "0", "es", Termbase(concepts=[concept]))
    assert found == [("T003", "\u201c0\\n\u201d is a deprecated term for c0")]


def test_number_changed_to_another_number_of_the_message_is_reported() -> None:
    """Numbers are counted: the 2 that became a 3 is not hidden by the other 3."""
    found = check_text("Every 2 weeks, for 3 months.", "Cada 3 semanas, durante 3 meses.", "es")
    assert found == [("N002", "number 2 of the source became 3")]


def test_number_written_twice_in_the_source_is_needed_twice() -> None:
    found = check_text("Take 2 tablets 2 times a day.", "Tome 2 comprimidos al día.", "es")
    assert found == [("N001", "number 2 of the source is missing in the translation")]


def test_same_numbers_in_another_order_are_accepted() -> None:
    assert check_text("From 10 to 41, or 2.5.", "Entre 2,5 y de 41 a 10.", "es") == []
