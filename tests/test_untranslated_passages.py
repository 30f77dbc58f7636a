"""English fallback passages in a translated page are marked as English (WCAG 3.1.2)."""

from __future__ import annotations

from mbc_docs import languages
from mbc_docs.sphinxext.untranslated_passages import add_language_attributes

ENGLISH = languages.describe("en")


def test_untranslated_paragraph_gets_english_language_and_direction() -> None:
    html = '<p class="untranslated">Call your care team.</p>'
    assert add_language_attributes(html, ENGLISH) == (
        '<p class="untranslated" lang="en" dir="ltr">Call your care team.</p>'
    )


def test_class_among_others_and_other_attributes_are_kept() -> None:
    html = '<li id="x" class="simple untranslated first">Fever</li>'
    assert add_language_attributes(html, ENGLISH) == (
        '<li id="x" class="simple untranslated first" lang="en" dir="ltr">Fever</li>'
    )


def test_translated_passages_are_left_alone() -> None:
    html = '<p class="translated-elsewhere">Llame a su equipo.</p><p>Fiebre</p>'
    assert add_language_attributes(html, ENGLISH) == html
