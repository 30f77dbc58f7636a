"""The fast MyST/Sphinx markup parser gives exactly the answers of the original one.

``_reference_*`` below is a verbatim copy of ``checks/syntax.py`` before it was made
faster (only renamed, re-wrapped, and using the module's Role class and role-name
sets). Every message of the project's catalogs, the test fixtures, the benchmark
corpus (when built) and random markup-ish strings must get the same result from both.
"""
# ruff: noqa: RUF001 -- the tests deliberately use look-alike characters (digits, spaces)

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from real_texts import CORPUS, ROOT, catalog_texts, fixture_texts

from mbc_docs.checks import syntax

# --- Reference: checks/syntax.py as it was (verbatim, renamed) -----------------------------

ROLE_RE = re.compile(
    r"(?:\{(?P<myst>[A-Za-z][\w:+.-]*)\}|(?<![\w`]):(?P<rst>[A-Za-z][\w+.-]*(?::[\w+.-]+)?):)"
    r"(?P<ticks>`+)(?P<content>.+?)(?P=ticks)", re.DOTALL)
CODE_RE = re.compile(r"(?<![`\w}:])(?P<ticks>`+)(?P<content>[^`].*?)(?P=ticks)(?!`)", re.DOTALL)
LINK_RE = re.compile(r"\]\((?P<url><[^>]*>|[^)\s]+)(?:\s+\"[^\"]*\")?\)")
AUTOLINK_RE = re.compile(r"<(?P<url>(?:https?|ftp|mailto):[^>\s]+)>")
URL_RE = re.compile(r"(?<![<(\w])(?P<url>(?:https?|ftp)://[^\s<>()\[\]`]+[^\s<>()\[\]`.,;:!?])")
FOOTNOTE_RE = re.compile(r"\[\^(?P<label>[^\]\s]+)\]")
SUBSTITUTION_RE = re.compile(r"\{\{\s*(?P<name>[^{}]+?)\s*\}\}")
HTML_TAG_RE = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")
_EXPLICIT_TARGET_RE = re.compile(r"^(?P<display>.*?)\s*<(?P<target>[^<>]+)>\s*$", re.DOTALL)
_SPACE_RE = re.compile(r"\s+")


def _reference_roles(text: str) -> list[syntax.Role]:
    if "`" not in text:
        return []
    found = []
    for m in ROLE_RE.finditer(text):
        name = m.group("myst") or m.group("rst") or ""
        content = m.group("content")
        content_start = m.start("content")
        explicit = _EXPLICIT_TARGET_RE.match(content)
        if explicit and name not in syntax.VERBATIM_ROLES:
            display = explicit.group("display")
            found.append(syntax.Role(name, explicit.group("target"), display, m.start(),
                                     m.end(), content_start, content_start + len(display)))
        else:
            keep_text = name in syntax._TEXT_IS_TARGET or (
                name not in syntax.REFERENCE_ROLES and name not in syntax.VERBATIM_ROLES)
            found.append(syntax.Role(name, content, None, m.start(), m.end(),
                                     content_start if keep_text else None,
                                     content_start + len(content) if keep_text else None))
    return found


def _reference_outside(spans: list[tuple[int, int]], start: int) -> bool:
    return not any(a <= start < b for a, b in spans)


def _reference_inline_code(text: str) -> list[str]:
    if "`" not in text:
        return []
    role_spans = [(r.start, r.end) for r in _reference_roles(text)]
    return [m.group("content") for m in CODE_RE.finditer(text)
            if _reference_outside(role_spans, m.start())]


def _reference_links(text: str) -> list[str]:
    if ":" not in text and "](" not in text:
        return []  # every link form needs one of them
    code_spans = [(m.start(), m.end()) for m in CODE_RE.finditer(text)]
    urls: list[str] = []
    taken: list[tuple[int, int]] = []
    for regex in (LINK_RE, AUTOLINK_RE):
        for m in regex.finditer(text):
            if _reference_outside(code_spans, m.start()):
                urls.append(m.group("url").strip("<>"))
                taken.append((m.start(), m.end()))
    for m in URL_RE.finditer(text):
        if _reference_outside(code_spans, m.start()) and _reference_outside(taken, m.start()):
            urls.append(m.group("url"))
    return urls


def _reference_footnotes(text: str) -> list[str]:
    if "[^" not in text:
        return []
    return [m.group("label") for m in FOOTNOTE_RE.finditer(text)]


def _reference_substitutions(text: str) -> list[str]:
    if "{{" not in text:
        return []
    return [_SPACE_RE.sub(" ", m.group("name")) for m in SUBSTITUTION_RE.finditer(text)]


def _reference_emphasis_counts(text: str) -> tuple[int, int]:
    """(strong, emphasis) spans, counted outside code, roles and URLs."""
    masked = _reference_mask(text, keep_display=False)
    strong = len(re.findall(r"\*\*(?=\S).+?(?<=\S)\*\*", masked)) + len(
        re.findall(r"(?<!\w)__(?=\S).+?(?<=\S)__(?!\w)", masked))
    rest = re.sub(r"\*\*|(?<!\w)__|__(?!\w)", "  ", masked)
    emphasis = len(re.findall(r"(?<![\*\w])\*(?=\S)[^*]+?(?<=\S)\*(?![\*\w])", rest)) + len(
        re.findall(r"(?<![_\w])_(?=\S)[^_]+?(?<=\S)_(?![_\w])", rest))
    return strong, emphasis


def _reference_mask(text: str, keep_display: bool = True) -> str:
    """``text`` with markup that is not prose replaced by spaces (same length).

    With ``keep_display``, the display text of roles stays (it is translated prose,
    and for ``{term}`bone metastasis``` it is the term itself).
    """
    # Which kinds of markup can be there at all (most prose has none).
    has_tick = "`" in text
    regexes = [regex for regex, needle in _MASK_REGEXES if needle in text]
    if not has_tick and not regexes:
        return text
    chars = list(text)

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "

    if has_tick:
        found = _reference_roles(text)
        for role in found:
            if keep_display and role.display_start is not None and role.display_end is not None:
                blank(role.start, role.display_start)
                blank(role.display_end, role.end)
            else:
                blank(role.start, role.end)
        role_spans = [(r.start, r.end) for r in found]
        for m in CODE_RE.finditer(text):
            if _reference_outside(role_spans, m.start()):
                blank(m.start(), m.end())
    for regex in regexes:
        for m in regex.finditer(text):
            blank(m.start(), m.end())
    return "".join(chars)


#: The mask regexes after roles and code, each with a string it cannot match without.
_MASK_REGEXES = ((LINK_RE, "]("), (AUTOLINK_RE, ":"), (URL_RE, "://"), (FOOTNOTE_RE, "[^"),
                 (SUBSTITUTION_RE, "{{"), (HTML_TAG_RE, "<"))


# --- Inputs --------------------------------------------------------------------------------



CASES = [
    "", "plain prose", "{term}`bone metastasis`", "{term}`metástasis óseas <bone metastasis>`",
    "{doc}`sites/liver`", "{ref}`Title <label>`", "{math}`a <b>`", "{code}`x < y >`",
    ":term:`x`", "a:term:`x`", "`:term:`x``", ":py:func:`f`", "{abc}`unterminated",
    "{term}``double `tick` inside``", "``code with ` tick``", "`a` `b` ```c```", "````",
    "`", "``", "`x", "x`", "{x}`", "`{term}`x``", "}`x`", ":`x`", "a`x`", "`foo {ref}`bar`",
    "`a\nb`", "{term}`a\nb <c\nd>`\n", "{term}`<x>`", "{term}`a <b> c`", "{term}`a < b >  `",
    "[text](https://example.org/a_b) and <https://x.org/c> and https://y.org/d.",
    "[t](<a b>) [u](x \"title\") ](y)", "`https://in.code` https://out.side_x",
    "(https://a.b/c) <mailto:x@y.z> ftp://h/p, http://h/q?", "see:https://x.y/z",
    "[^1] [^note-2] [^ bad] [^]", "{{ name }} {{a  b}} {{ {x} }} {{}}",
    "<b>x</b> <br/> <a href='x'>",
    "**strong** __strong__ *em* _em_", "a**b**c a__b__c *a*b _a_b", "***both*** ___x___",
    "** not ** * not * _ not _", "**a\nb** *a\nb*", "x_y_z snake_case_name _x_ __init__",
    "`*code*` {term}`*x*` https://x.org/*a*_b_", "**{term}`x`** *[a](b)*", "*", "_", "**", "__",
    "\u00a0*x*\u00a0 ٣ *٣* _٣_", "{term}`x`\n`y`\n**z**", "`` ` ``", "{a}``x``y``",
]

ALPHABET = st.sampled_from([
    *"`{}[]()<>*_^:/.,0123456789٠١٢٣٤٥٦٧٨٩ \u00a0\n\"'=#-abcxyzABCéß骨",
    "{term}", "{doc}", "{math}", ":ref:", "https://", "](", "[^", "{{", "}}", "**", "__",
    "``", "<a>", " <t>"])
MARKUPISH = st.lists(ALPHABET, max_size=40).map("".join)


def _same(text: str) -> None:
    assert syntax.roles(text) == _reference_roles(text), text
    assert syntax.inline_code(text) == _reference_inline_code(text), text
    assert syntax.links(text) == _reference_links(text), text
    assert syntax.footnotes(text) == _reference_footnotes(text), text
    assert syntax.substitutions(text) == _reference_substitutions(text), text
    assert syntax.emphasis_counts(text) == _reference_emphasis_counts(text), text
    assert syntax.emphasis_counts(text, syntax.mask(text)) == _reference_emphasis_counts(text), text
    assert syntax.mask(text) == _reference_mask(text), text
    assert syntax.mask(text, keep_display=False) == _reference_mask(text, keep_display=False), text


@pytest.mark.parametrize("text", CASES)
def test_same_as_reference_on_edge_cases(text: str) -> None:
    _same(text)


def test_same_as_reference_on_catalogs_and_fixtures() -> None:
    texts = set(catalog_texts(ROOT / "locale")) | set(catalog_texts(ROOT / "tests"))
    texts |= set(fixture_texts(whole_files=True))
    assert len(texts) > 1000
    for text in texts:
        _same(text)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="benchmark corpus not built")
def test_same_as_reference_on_the_benchmark_corpus() -> None:
    for text in set(catalog_texts(CORPUS)):
        _same(text)


def test_the_regexes_match_their_plain_spellings() -> None:
    """The rewritten regexes (lookbehind after the first character) find the same matches."""
    pairs = [(syntax.ROLE_RE, ROLE_RE), (syntax.CODE_RE, CODE_RE),
             (syntax._STRONG_UNDERSCORE_RE, re.compile(r"(?<!\w)__(?=\S).+?(?<=\S)__(?!\w)")),
             (syntax._EMPHASIS_STAR_RE,
              re.compile(r"(?<![\*\w])\*(?=\S)[^*]+?(?<=\S)\*(?![\*\w])")),
             (syntax._EMPHASIS_UNDERSCORE_RE,
              re.compile(r"(?<![_\w])_(?=\S)[^_]+?(?<=\S)_(?![_\w])"))]
    for text in CASES:
        for fast, plain in pairs:
            assert ([(m.span(), m.groupdict()) for m in fast.finditer(text)]
                    == [(m.span(), m.groupdict()) for m in plain.finditer(text)]), text


def test_results_are_not_shared_between_calls() -> None:
    """roles() is cached inside: a caller changing its list must not change the next one."""
    text = "{term}`x` and `y`"
    first = syntax.roles(text)
    first.clear()
    assert syntax.roles(text) == _reference_roles(text)
    codes = syntax.inline_code(text)
    codes.clear()
    assert syntax.inline_code(text) == ["y"]


@settings(max_examples=2000, deadline=None)
@given(MARKUPISH)
def test_same_as_reference_on_random_markup(text: str) -> None:
    _same(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_same_as_reference_on_random_unicode(text: str) -> None:
    _same(text)


def test_line_breaks_survive_masking() -> None:
    text = "{doc}`a\nb` `c\r\nd` https://e.org/f\n"
    masked = syntax.mask(text)
    assert masked == _reference_mask(text)
    assert len(masked) == len(text) and masked.count("\n") == text.count("\n")


# --- The backtick walk (syntax._scan_roles, syntax._scan_code) -----------------------------

SINGLE_TICK_CASES = [
    ":a-:b:`x`", "x:a:b:`y`", "::b:`x`", ":a::`x`", "{a:b}`x`", "{1a}`x`", "{a}`x", "é:a:`x`",
    "_:a:`x`", "`:a:`x`", "+:a:`x`", ":a+:b.c:`x`", ":1:b:`x`", ":a:1:`x`", "{a}`b`{c}`d`",
    "{a}`b {c}`d`", "`a`{b}`c`", "a`b`c`d`", "}`a` :`b` {`c`", "{a-b.c+d:e_f}`x`",
    "{é}`x`", "{aé}`x`", ":aé:`x`", "{a}`\n`", ":a:`x\ny` `z`", "x{a}`y`", "{a}`", "`",
    "{term}`a <b>` and :ref:`c <d>` and `e`", "{a}`x`` ", "a :b:c:d:`x`",
]

SINGLE_TICKS = st.lists(st.sampled_from([
    *"`{}:ab_+.-1é骨 \n<>Z", ":py:", "{term}", ":ref:", "}`", ":`", "{a:b}"]),
    max_size=30).map("".join).filter(lambda text: "``" not in text)


def _regex_roles(text: str) -> list[tuple[int, int, str, str, int]]:
    return [(m.start(), m.end(), m.group("myst") or m.group("rst") or "", m.group("content"),
             m.start("content")) for m in ROLE_RE.finditer(text)]


def _walk_is_regex(text: str) -> None:
    assert syntax._scan_roles(text) == _regex_roles(text), text
    assert syntax._scan_code(text) == [(m.span(), m.group("content"))
                                       for m in CODE_RE.finditer(text)], text
    _same(text)


@pytest.mark.parametrize("text", SINGLE_TICK_CASES)
def test_backtick_walk_finds_what_the_regexes_find(text: str) -> None:
    _walk_is_regex(text)


@settings(max_examples=5000, deadline=None)
@given(SINGLE_TICKS)
def test_backtick_walk_finds_what_the_regexes_find_on_random_text(text: str) -> None:
    _walk_is_regex(text)


def test_backtick_walk_on_real_messages() -> None:
    texts = set(catalog_texts(ROOT / "locale")) | set(fixture_texts(whole_files=True))
    texts = {text for text in texts if "`" in text and "``" not in text}
    assert len(texts) > 100
    for text in texts:
        _walk_is_regex(text)


EXPLICIT_CASES = ["a <b>", "a<b>", " <b> ", "<b>", "a <>", "a <b> c", "a <b>c>", "a <<b>",
                  "a <b>\n", "a\n<b>\n\n", "a < b >", "a <b>\u00a0", "a\u2003<b>", "<a <b>",
                  "a <b> <c>", "x >", ">", "<", "a <b\nc>", "\x1c<b>\x1f"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from([*"<> \n\u00a0\x1cab<", "<b>", " <", "> "]),
                max_size=14).map("".join))
def test_explicit_target_is_the_regex(content: str) -> None:
    match = _EXPLICIT_TARGET_RE.match(content)
    assert syntax.explicit_target(content) == (match.groups() if match else None), content


@pytest.mark.parametrize("content", EXPLICIT_CASES)
def test_explicit_target_is_the_regex_on_edge_cases(content: str) -> None:
    match = _EXPLICIT_TARGET_RE.match(content)
    assert syntax.explicit_target(content) == (match.groups() if match else None)
