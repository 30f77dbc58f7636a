"""Numbers: every number, percentage, range and comparison of the source survives.

Values are compared, not spellings: ``30%``, ``30 %``, ``٣٠٪`` and the same in full-width digits
are one number; ``2.5`` and ``2,5`` too; ``10 000`` (thin or no-break space) equals
``10,000``. A number written ambiguously (``2,500``) may mean either value. Ranges
are compared as the set of their ends, so ``10-41`` (any dash), ``10 à 41``, ``10 bis 41``,
``10至41`` and ``10 إلى 41`` all match. Numbers inside do-not-translate tokens
(``CA 15-3``, ``BRCA1``) and inside markup (URLs, ``{doc}`` paths, footnote
labels) are not quantities and are left out. Numbers are counted, in any order: each
number of the source needs one of its own in the translation (see pair_numbers).
"""

from __future__ import annotations

import contextlib
import functools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from decimal import Decimal, InvalidOperation

from .context import EntryContext
from .registry import Severity, check

#: A number: digits, optionally grouped by separators, not glued to a word before it.
#: The "not after a letter or digit" test is written as a lookbehind *after* the first
#: digit (it looks at that digit's left neighbour) instead of before it: a pattern that
#: starts with ``\d`` lets ``re`` jump from digit to digit instead of trying the
#: lookbehind at every character. The matches are those of
#: ``(?<![A-Za-z\u00c0-\u024f\d])\d+(?:[...]\d+)*``.
NUMBER_RE = re.compile(
    r"(?P<num>\d(?<![A-Za-z\u00c0-\u024f\d]\d)\d*(?:[ \u00a0\u202f\u2009'\u066b\u066c,.]\d+)*)")
_COMPARISON_RE = re.compile(r"(?P<op>[<>≤≥≦≧\uff1c\uff1e]|&lt;|&gt;)=?\s*$")
_SPLIT_RE = re.compile(r"(?<=\d)[ \u00a0\u202f\u2009](?!\d{3}(?!\d))")
_DIGIT_RE = re.compile(r"\d")
#: What a comparison starts with (``&`` for ``&lt;``): see _has_comparison_sign.
_OPS = ("<", ">", "≤", "≥", "≦", "≧", "\uff1c", "\uff1e", "&")
_OP_DIRECTION = {"<": "<", "≤": "<", "≦": "<", "\uff1c": "<", "&lt;": "<",
                 ">": ">", "≥": ">", "≧": ">", "\uff1e": ">", "&gt;": ">"}
#: The separators of :func:`_values` (after Arabic ones became "." and ",").
_VALUE_SEP_RE = re.compile(r"[ \u00a0\u202f\u2009',.]")


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
#: A decimal digit (category Nd: exactly the characters with a decimal value) not 0-9.
#: "Not a non-digit and not 0-9" as one character class: much faster than the
#: equivalent ``(?![0-9])\d``, which runs a lookahead at every character.
_OTHER_DIGIT_RE = re.compile(r"[^\D0-9]")


def to_ascii_digits(text: str) -> str:
    """Arabic-Indic, Persian, full-width and other decimal digits -> 0-9 (same length)."""
    if text.isascii() or _OTHER_DIGIT_RE.search(text) is None:
        return text
    return text.translate(_DIGITS)


@functools.lru_cache(maxsize=65536)
def _values(token: str) -> frozenset[Decimal]:
    """Every value a written number can mean (thousands or decimal separators).

    Cached: the same few thousand spellings ("30", "2.5", "10 000") come back in
    every catalog, and ``Decimal`` parsing is the slow part.
    """
    token = token.replace("\u066b", ".").replace("\u066c", ",")
    groups = _VALUE_SEP_RE.split(token)
    seps = _VALUE_SEP_RE.findall(token)
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


def _has_comparison_sign(text: str) -> bool:
    """Whether a character of :data:`_OPS` is in ``text``: one fast scan per sign,
    cheaper than a regex character class over the text (this runs for every message).
    ASCII text (``isascii`` reads a flag of the string) can only hold the ASCII ones."""
    if "<" in text or ">" in text or "&" in text:
        return True
    if text.isascii():
        return False
    # Written out, not any() over _OPS: compiled, the generator cost more than the
    # searches, and a sign wider than the text's characters is ruled out at once.
    return ("\u2264" in text or "\u2265" in text or "\u2266" in text or "\u2267" in text
            or "\uff1c" in text or "\uff1e" in text)


def _pieces(raw: str) -> Sequence[str]:
    """The numbers in one match of :data:`NUMBER_RE`.

    "10, 20" or "3 10": a space after a separator, or a space group that is not
    three digits, separates numbers instead of grouping thousands.
    """
    if raw.isdecimal():  # only digits (any script), no separator: one number
        return (raw,)
    return _SPLIT_RE.split(raw)


def _ascii(piece: str) -> str:
    return piece if piece.isascii() else piece.translate(_DIGITS)


def numbers(text: str) -> list[tuple[str, frozenset[Decimal], str | None]]:
    """(written form, possible values, comparison direction before it) for each number.

    The text itself is searched, not its :func:`to_ascii_digits` copy: converting
    digits changes neither the length nor which characters are digits (all the regexes
    here ask), so the matches are the same; only each written form is converted.
    """
    raws = NUMBER_RE.findall(text)
    if not raws:
        return []
    if _has_comparison_sign(text):
        return _numbers_and_comparisons(text)
    # No comparison sign anywhere (most messages): no need to know where numbers are.
    found: list[tuple[str, frozenset[Decimal], str | None]] = []
    known = _RAW_NUMBERS.get
    for raw in raws:
        numbers_of_raw = known(raw)
        if numbers_of_raw is None:
            numbers_of_raw = _raw_numbers(raw)
        found += numbers_of_raw
    return found


#: The numbers of each match of NUMBER_RE met so far (see _raw_numbers).
_RAW_NUMBERS: dict[str, tuple[tuple[str, frozenset[Decimal], str | None], ...]] = {}


def _raw_numbers(raw: str) -> tuple[tuple[str, frozenset[Decimal], str | None], ...]:
    """The numbers of one match of :data:`NUMBER_RE`, kept: the same spellings ("2",
    "30", "10 000") come back in message after message, and a dict lookup costs
    less than cutting and reading them again."""
    found = []
    for piece in _pieces(raw):
        written = _ascii(piece)
        values = _values(written)
        if values:
            found.append((written, values, None))
    if len(_RAW_NUMBERS) >= 100_000:
        _RAW_NUMBERS.clear()
    numbers_of_raw = _RAW_NUMBERS[raw] = tuple(found)
    return numbers_of_raw


def _numbers_and_comparisons(text: str) -> list[tuple[str, frozenset[Decimal], str | None]]:
    """:func:`numbers` for a text with comparison signs: looks at what precedes each."""
    found = []
    for m in NUMBER_RE.finditer(text):
        start = m.start()
        for piece in _pieces(m.group()):
            written = _ascii(piece)
            values = _values(written)
            if values:
                # The six characters before the number, searched in place: pos/endpos
                # work as slicing text[start - 6:start] would, without the copy.
                op = _COMPARISON_RE.search(text, max(0, start - 6), start)
                found.append((written, values, _OP_DIRECTION.get(op.group("op")) if op else None))
            # The next piece starts after the one separator _SPLIT_RE removed.
            start += len(piece) + 1
    return found


Number = tuple[str, frozenset[Decimal], str | None]


def pair_numbers(source: list[Number], target: list[Number]) -> tuple[list[Number], list[Number]]:
    """Each number of the source paired with a number of the translation of its own:
    (source numbers left without one, translation numbers left over).

    Counted, not just compared as sets: "3 tablets, 3 times a day" translated with one
    3 has lost a number. Numbers written alike are paired first, then numbers that
    share a possible value (``2,5`` and ``2.5``).
    """
    left = list(target)
    unpaired: list[Number] = []
    for number in source:
        written = number[0]
        for index, candidate in enumerate(left):
            if candidate[0] == written:
                del left[index]
                break
        else:
            unpaired.append(number)
    missing: list[Number] = []
    for number in unpaired:
        values = number[1]
        for index, candidate in enumerate(left):
            if not values.isdisjoint(candidate[1]):
                del left[index]
                break
        else:
            missing.append(number)
    return missing, left


def _analyse(ctx: EntryContext) -> tuple[list, list, list]:
    key = "numbers"
    if key not in ctx._cache:
        _source, target = ctx.dnt_free_texts
        src = ctx.src.numbers  # type: ignore[union-attr]
        tgt = numbers(target) if src or _DIGIT_RE.search(target) else []
        missing, extra = pair_numbers(src, tgt)
        ctx._cache[key] = (src, tgt, missing, extra)
    _src, tgt, missing, extra = ctx._cache[key]  # type: ignore[misc]
    return tgt, missing, extra


def _show(value: str) -> str:
    return value.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ")


@check(code="N001", name="number-missing", severity=Severity.ERROR)
def number_missing(ctx: EntryContext) -> Iterator[str]:
    """A number of the source is not in the translation (in any local format).

    Bad:
        msgid "About 30% of people have bone pain."
        msgstr "Algunas personas tienen dolor óseo."

    Good:
        msgid "About 30% of people have bone pain."
        msgstr "Alrededor del 30 % de las personas tienen dolor óseo."
    """
    _tgt, missing, extra = _analyse(ctx)
    seen: set[str] = set()
    for written, _values, _op in missing[len(extra):]:
        if written not in seen:
            seen.add(written)
            yield f"number {_show(written)} of the source is missing in the translation"


@check(code="N002", name="number-changed", severity=Severity.ERROR)
def number_changed(ctx: EntryContext) -> Iterator[str]:
    """A number of the source appears with a different value in the translation.

    Bad:
        msgid "About 30% of people have bone pain."
        msgstr "Alrededor del 3 % de las personas tienen dolor óseo."

    Good:
        msgid "About 30% of people have bone pain."
        msgstr "Alrededor del 30 % de las personas tienen dolor óseo."
    """
    _tgt, missing, extra = _analyse(ctx)
    for (written, _v, _o), (found, _tv, _to) in zip(missing, extra, strict=False):
        yield f"number {_show(written)} of the source became {_show(found)}"


@check(code="N003", name="number-comparison-changed", severity=Severity.ERROR)
def number_comparison_changed(ctx: EntryContext) -> Iterator[str]:
    """A comparison sign in front of a number points the other way in the translation.

    Bad:
        msgid "A level of <5 is normal."
        msgstr "Un nivel de >5 es normal."

    Good:
        msgid "A level of <5 is normal."
        msgstr "Un nivel de <5 es normal."
    """
    tgt, _missing, _extra = _analyse(ctx)
    for written, values, op in ctx.src.numbers:  # type: ignore[union-attr]
        if op is None:
            continue
        same = [t for t in tgt if t[1] & values]
        if same and all(t[2] is not None and t[2] != op for t in same):
            yield f"comparison {op} {_show(written)} of the source is reversed in the translation"
