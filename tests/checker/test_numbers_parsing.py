"""The fast number parser gives exactly the answers of the original, obvious one.

``_reference_*`` below is a verbatim copy of ``checks/numbers.py`` before it was made
faster (to_ascii_digits, _values, numbers). Every message of the project's catalogs,
the test fixtures, the benchmark corpus (when built) and random number-ish strings
must get the same result from both.
"""
# ruff: noqa: RUF001 -- the tests deliberately use look-alike characters (digits, spaces)

from __future__ import annotations

import contextlib
import functools
import re
import sys
import unicodedata
from decimal import Decimal, InvalidOperation

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from real_texts import CORPUS, ROOT, catalog_texts, fixture_texts

from mbc_docs.checks import syntax
from mbc_docs.checks.numbers import (
    _OPS,
    _has_comparison_sign,
    _values,
    numbers,
    to_ascii_digits,
)

# --- Reference: checks/numbers.py as it was (verbatim, renamed) ---------------------------

NUMBER_RE = re.compile(
    r"(?<![A-Za-z\u00c0-\u024f\d])(?P<num>\d+(?:[ \u00a0\u202f\u2009'\u066b\u066c,.]\d+)*)")
_COMPARISON_RE = re.compile(r"(?P<op>[<>≤≥≦≧\uff1c\uff1e]|&lt;|&gt;)=?\s*$")
_SPLIT_RE = re.compile(r"(?<=\d)[ \u00a0\u202f\u2009](?!\d{3}(?!\d))")
_SPACE_IN_RE = re.compile(r"[ \u00a0\u202f\u2009]")
_OPS_RE = re.compile(r"[<>≤≥≦≧\uff1c\uff1e&]")
_OP_DIRECTION = {"<": "<", "≤": "<", "≦": "<", "\uff1c": "<", "&lt;": "<",
                 ">": ">", "≥": ">", "≧": ">", "\uff1e": ">", "&gt;": ">"}


class _DigitTable(dict):
    """``str.translate`` table: decimal digits of any script -> ASCII, filled on demand."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        value = ch
        if ch.isdigit():
            with contextlib.suppress(ValueError):
                value = str(unicodedata.decimal(ch))
        self[code] = value
        return value


_DIGITS = _DigitTable()
_OTHER_DIGIT_RE = re.compile(r"(?![0-9])\d")


def _reference_to_ascii_digits(text: str) -> str:
    if text.isascii() or _OTHER_DIGIT_RE.search(text) is None:
        return text
    return text.translate(_DIGITS)


@functools.lru_cache(maxsize=65536)
@functools.lru_cache(maxsize=16384)
def _reference_values(token: str) -> frozenset[Decimal]:
    token = token.replace("\u066b", ".").replace("\u066c", ",")
    groups = re.split(r"[ \u00a0\u202f\u2009',.]", token)
    seps = re.findall(r"[ \u00a0\u202f\u2009',.]", token)
    values: set[Decimal] = set()

    def add(text: str) -> None:
        with contextlib.suppress(InvalidOperation):
            values.add(Decimal(text).normalize())

    if not seps:
        add(token)
        return frozenset(values)
    thousands_ok = all(len(g) == 3 for g in groups[1:])
    if thousands_ok:
        add("".join(groups))
    last = seps[-1]
    if last in ",." and all(len(g) == 3 for g in groups[1:-1]):
        add("".join(groups[:-1]) + "." + groups[-1])
    return frozenset(values)


def _reference_numbers(text: str) -> list[tuple[str, frozenset[Decimal], str | None]]:
    text = _reference_to_ascii_digits(text)
    found = []
    for m in NUMBER_RE.finditer(text):
        raw = m.group("num")
        pieces = _SPLIT_RE.split(raw) if _SPACE_IN_RE.search(raw) else (raw,)
        offset = m.start()
        for piece in pieces:
            start = text.find(piece, offset)
            offset = start + len(piece)
            before = text[max(0, start - 6):start]
            op = _COMPARISON_RE.search(before) if _OPS_RE.search(before) else None
            values = _reference_values(piece)
            if values:
                found.append((piece, values, _OP_DIRECTION.get(op.group("op")) if op else None))
    return found


# --- Inputs --------------------------------------------------------------------------------



#: Digits of every script (category Nd) and the spaces and signs numbers are written with.
ALL_DIGITS = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isdecimal())
CASES = [
    "", "30%", "30 %", "٣٠٪", "３０％", "2.5 and 2,5", "10 000", "10\u00a0000", "10\u202f000",
    "10\u2009000", "10 000 000", "1 2", "10, 20", "3 10", "2,500", "1,234.56", "1.234,56",
    "١٢٫٥", "١٬٢٣٤", "۱۲۳", "<5", "&lt;5", "&gt;= 10", "≥ 3", "＜3", "a<=  \n7", "x &lt;   5",
    "BRCA1", "CA 15-3", "HER2", "é5", "ß5", "a1b2", "1e5", "0.0", "00", "007", "1'000",
    "10 à 41", "10至41", "10 إلى 41", "1" * 40, "9" * 60 + ".5", "1,,2", "1. 2", "²5", "5²",
    "1\u30012", "x 1 234 5678", "٣ 000", "３ ０００", "1 ٠٠٠", ALL_DIGITS,
    " ".join(ALL_DIGITS), ",".join(ALL_DIGITS[:200]),
]


def _same(text: str) -> None:
    assert numbers(text) == _reference_numbers(text), text
    assert to_ascii_digits(text) == _reference_to_ascii_digits(text), text


@pytest.mark.parametrize("text", CASES)
def test_same_as_reference_on_edge_cases(text: str) -> None:
    _same(text)


def test_same_as_reference_on_catalogs_and_fixtures() -> None:
    texts = set(catalog_texts(ROOT / "locale")) | set(catalog_texts(ROOT / "tests"))
    texts |= set(fixture_texts())
    assert len(texts) > 1000
    for text in texts:
        _same(text)
        masked = syntax.mask(text)  # what the checker gives numbers(): prose only
        assert numbers(masked) == _reference_numbers(masked), masked


@pytest.mark.skipif(not CORPUS.is_dir(), reason="benchmark corpus not built")
def test_same_as_reference_on_the_benchmark_corpus() -> None:
    for text in set(catalog_texts(CORPUS)):
        _same(text)


def test_every_digit_of_every_script_is_found() -> None:
    """The one-class digit test finds exactly what the lookahead version found."""
    other = re.compile(r"[^\D0-9]")
    assert other.findall(ALL_DIGITS) == _OTHER_DIGIT_RE.findall(ALL_DIGITS)
    for digit in ALL_DIGITS:
        _same(f"a {digit}{digit} b")


def test_every_comparison_sign_is_seen_in_any_script() -> None:
    """_has_comparison_sign writes the signs out: each of _OPS, in ASCII, Latin-1,
    Arabic and Chinese text."""
    for sign in _OPS:
        for text in (f"a {sign}5", f"é {sign}5", f"٣ {sign}5", f"肝 {sign}5"):
            assert _has_comparison_sign(text), text
            _same(text)
    for text in ("a 5", "é 5", "٣ 5", "肝 5"):
        assert not _has_comparison_sign(text)


def test_values_are_cached_and_the_same() -> None:
    for token in ["30", "2.5", "2,500", "10 000", "1٫5", "1٬000", "1 2", "9" * 40]:
        assert _values(token) == _reference_values(token)
        assert _values(token) is _values(token)


NUMBERISH = st.text(st.sampled_from(list(
    "0123456789٠١٢٣٤٥٦٧٨٩۰۴３９ \u00a0\u202f\u2009',.\u066b\u066c\u3001%٪<>≤≥≦≧＜＞&lt;gt=;-–"
    "aZéßHER\n")), max_size=40)


@settings(max_examples=3000, deadline=None)
@given(NUMBERISH)
def test_same_as_reference_on_random_numbers(text: str) -> None:
    _same(text)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=30))
def test_same_as_reference_on_random_unicode(text: str) -> None:
    _same(text)
