"""The fast catalog reader (``read_catalog_light``) reads every text as it always did.

``_reference_parse`` below is the line-by-line parser that the one-regex-per-entry
parser replaced, kept here as the definition of "the same": for every text both
return None (the file then goes to polib, through ``load_catalog``) or the same
entries, field by field, line numbers included. Where the reference itself differs
from polib (``quirks.po``), the difference is kept, not fixed: the checker's
findings must not change.
"""

from __future__ import annotations

import itertools
import random
import re
import tempfile
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mbc_docs.catalogs import (
    LightCatalog,
    LightEntry,
    _declared_charset,
    _parse_light,
    load_catalog,
    read_catalog_light,
)
from mbc_docs.errors import UserError

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "catalogs_fast"
CORPUS = ROOT / "build" / "bench-corpus" / "locale"


# ---------------------------------------------------------------- the reference
# The previous _parse_light of mbc_docs/catalogs.py, unchanged but for its name.

_QUOTED_RE = re.compile(r'^"(?:[^"\\]|\\.)*"$')
_LIGHT_KEYWORD_RE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr)\s+("(?:[^"\\]|\\.)*")$')
_LIGHT_PLURAL_RE = re.compile(r'^msgstr\[(\d)\]\s*("(?:[^"\\]|\\.)*")$')


def _unq(quoted: str) -> str:
    body = quoted[1:-1]
    return polib.unescape(body) if "\\" in body else body


def _reference_parse(text: str) -> LightCatalog | None:
    """A strict parser for well-formed catalogs; None for anything it is not sure of."""
    cat = LightCatalog()
    header_lines: list[str] = []
    entry = LightEntry(0)
    state = "st"  # st (before the first msgid), c (comments), ct, mi, mp, ms, mx
    field = ""  # the field a continuation line extends
    plural_index = 0
    header_entry: LightEntry | None = None
    seen: set[tuple[str | None, str]] = set()

    def close() -> bool:
        nonlocal header_entry
        if entry.msgid == "" and entry.msgctxt is None:
            if header_entry is not None:
                return False
            header_entry = entry
            return True
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            return False
        seen.add(key)
        cat.append(entry)
        return True

    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        first = line[0]
        if first == "#":
            if state in ("ct", "mi", "mp"):
                return None
            if state in ("ms", "mx"):
                if not close():
                    return None
                entry, state = LightEntry(number), "c"
            elif state == "c" and entry.linenum == 0 and header_entry is not None:
                entry.linenum = number
            tag = line[:2]
            if tag in ("#~", "#|"):
                return None  # obsolete and previous entries: leave them to polib
            if tag == "#,":
                if state == "st":
                    return None
                if len(line.split(None, 1)) > 1:
                    entry.flags += [c.strip() for c in line[3:].split(",")]
            elif tag in ("#.", "#:"):
                pass
            elif tag == "# " or line == "#" or tag == "##":
                comment = line.lstrip("#")
                comment = comment[1:] if comment.startswith(" ") else comment
                if state == "st":
                    header_lines.append((line + " " if line == "#" else line)[2:])
                else:
                    entry.tcomment = comment if not entry.tcomment else (
                        entry.tcomment + "\n" + comment)
            else:
                return None
            if state != "st":
                state = "c"
            continue
        if first == '"':
            if state not in ("ct", "mi", "mp", "ms", "mx") or not _QUOTED_RE.match(line):
                return None
            value = _unq(line)
            if field == "msgstr_plural":
                entry.msgstr_plural[plural_index] += value
            else:
                setattr(entry, field, getattr(entry, field) + value)
            continue
        m = _LIGHT_KEYWORD_RE.match(line)
        if m is not None:
            keyword, value = m.group(1), _unq(m.group(2))
            if keyword in ("msgctxt", "msgid"):
                if state in ("ms", "mx"):
                    if not close():
                        return None
                    entry, state = LightEntry(number), "c"
                elif state == "st" and header_lines and keyword == "msgid" and value:
                    return None  # comments before a non-header first entry: polib's rules
                elif state not in ("st", "c") and not (keyword == "msgid" and state == "ct"):
                    return None
                if state == "st" and keyword == "msgctxt":
                    return None
                if state == "c" and entry.linenum == 0 and header_entry is not None:
                    entry.linenum = number
                setattr(entry, keyword, value)
                state, field = ("ct" if keyword == "msgctxt" else "mi"), keyword
            elif keyword == "msgid_plural":
                if state != "mi":
                    return None
                entry.msgid_plural, state, field = value, "mp", "msgid_plural"
            else:  # msgstr
                if state not in ("mi", "mp") or entry.msgid_plural:
                    return None
                entry.msgstr, state, field = value, "ms", "msgstr"
            continue
        m = _LIGHT_PLURAL_RE.match(line)
        if m is not None and state in ("mp", "mx"):
            plural_index = int(m.group(1))
            entry.msgstr_plural[plural_index] = _unq(m.group(2))
            state, field = "mx", "msgstr_plural"
            continue
        return None
    if state in ("ms", "mx"):
        if not close():
            return None
    elif state != "st" or cat:
        return None
    if header_entry is None:
        return None  # no header: leave the edge cases to polib
    cat.header = "\n".join(header_lines)
    metadata: dict[str, str] = {}
    key = None
    for line in header_entry.msgstr.splitlines():
        try:
            key, value = line.split(":", 1)
            metadata[key] = value.strip()
        except ValueError:
            if key is not None:
                metadata[key] += "\n" + line.strip()
    cat.metadata = metadata
    return cat


# ---------------------------------------------------------------- comparing

def _signature(po: LightCatalog | polib.POFile | None) -> tuple | None:
    """Everything a caller can read of a catalog, in order (dicts as item lists)."""
    if po is None:
        return None
    entries = [(e.linenum, e.msgctxt, e.msgid, e.msgid_plural, e.msgstr,
                list(e.msgstr_plural.items()), list(e.flags), e.tcomment, bool(e.obsolete),
                e.fuzzy, e.translated()) for e in po]
    return po.header, list(po.metadata.items()), entries, len(po)


def _assert_same_as_reference(text: str) -> bool:
    """The new parser reads ``text`` as the reference does; True if it reads it at all."""
    expected = _reference_parse(text)
    got = _parse_light(text)
    assert _signature(got) == _signature(expected), repr(text)
    return expected is not None


def _outcome(read, path: Path) -> tuple:
    try:
        return "read", type(po := read(path)).__name__, _signature(po)
    except UserError as exc:
        return "error", str(exc)


def _reference_read(path: Path) -> LightCatalog | polib.POFile:
    """read_catalog_light as it was: the reference parser, else load_catalog."""
    data = path.read_bytes()
    if b"\x00" in data or _declared_charset(data) != "utf-8":
        return load_catalog(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return load_catalog(path)
    cat = _reference_parse(text.removeprefix("\ufeff"))
    if cat is None:
        return load_catalog(path)
    cat.fpath = str(path)
    return cat


def _assert_fallback_is_polibs(text: str) -> None:
    """For a text the light parser leaves alone, read_catalog_light is load_catalog."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.po"
        path.write_text(text, encoding="utf-8")
        assert _outcome(read_catalog_light, path) == _outcome(load_catalog, path)


# ---------------------------------------------------------------- real catalogs

def _catalog_paths() -> list[Path]:
    fixtures = ROOT / "tests" / "fixtures"
    return sorted((ROOT / "locale").rglob("*.po")) + sorted(fixtures.rglob("*.po"))


def test_project_and_fixture_catalogs_read_as_before() -> None:
    light = 0
    for path in _catalog_paths():
        got = _outcome(read_catalog_light, path)
        assert got == _outcome(_reference_read, path), path
        light += got[1] == "LightCatalog"
    assert light > 100  # the light parser reads the project's catalogs, not polib


@pytest.mark.skipif(not CORPUS.is_dir(), reason="no benchmark corpus (benchmarks/make_corpus.py)")
def test_benchmark_corpus_reads_as_before() -> None:
    for path in sorted(CORPUS.rglob("*.po")):
        text = path.read_text(encoding="utf-8")
        assert _assert_same_as_reference(text), path


@pytest.mark.parametrize("name", ["corners.po", "header-later.po"])
def test_corner_cases_are_read_light_and_like_polib(name: str) -> None:
    path = FIXTURES / name
    got = read_catalog_light(path)
    assert isinstance(got, LightCatalog)
    assert _signature(got) == _signature(load_catalog(path))
    assert _assert_same_as_reference(path.read_text(encoding="utf-8"))


def test_header_need_not_come_first() -> None:
    got = read_catalog_light(FIXTURES / "header-later.po")
    assert [(e.linenum, e.msgid) for e in got] == [(0, "first"), (10, "second")]
    assert got.metadata == {"Language": "de"}
    assert got.header == ""


def test_quirks_of_the_light_reader_are_kept() -> None:
    """Two places where the light reader never followed polib; the checker relies on it."""
    path = FIXTURES / "quirks.po"
    got = read_catalog_light(path)
    assert got.header.startswith("\nRead as polib would not")
    assert [(e.linenum, e.flags) for e in got] == [(7, [])]
    assert _assert_same_as_reference(path.read_text(encoding="utf-8"))
    with pytest.raises(UserError):
        load_catalog(path)


def test_obsolete_and_previous_messages_go_to_polib() -> None:
    path = FIXTURES / "fallback.po"
    got = read_catalog_light(path)
    assert isinstance(got, polib.POFile)
    assert _signature(got) == _signature(load_catalog(path))
    assert not _assert_same_as_reference(path.read_text(encoding="utf-8"))


def _variants(text: str) -> dict[str, str]:
    """Layouts polib reads alike: they must not change what the light reader returns."""
    lines = text.split("\n")
    return {
        "as is": text,
        "CRLF": text.replace("\n", "\r\n"),
        "no final newline": text.rstrip("\n"),
        "leading blank lines": "\n\n" + text,
        "indented": "\n".join("  " + line for line in lines),
        "trailing spaces": "\n".join(line + " \t" for line in lines),
        "blank lines everywhere": "\n\n".join(lines),
        "whitespace-only blank lines": text.replace("\n\n", "\n \u3000\n"),
    }


@pytest.mark.parametrize("name", ["corners.po", "header-later.po", "quirks.po", "fallback.po"])
def test_layout_variants_read_as_before(name: str) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    for label, variant in _variants(text).items():
        accepted = _assert_same_as_reference(variant)
        assert accepted == (name != "fallback.po"), label


SMALL_CASES = {
    "no header": 'msgid "a"\nmsgstr "b"\n',
    "two headers": 'msgid ""\nmsgstr ""\n\nmsgid ""\nmsgstr "x"\n',
    "duplicate": 'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n',
    "same msgid, other context": 'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\n\n'
                                 'msgctxt "x"\nmsgid "a"\nmsgstr "c"\n',
    "trailing comment": 'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\n# end\n',
    "comment inside entry": 'msgid ""\nmsgstr ""\n\nmsgid "a"\n# x\nmsgstr "b"\n',
    "bare quote": 'msgid ""\nmsgstr ""\n\nmsgid "a"b"\nmsgstr "b"\n',
    "bare quote in continuation": 'msgid ""\nmsgstr ""\n\nmsgid ""\n"a"b"\nmsgstr "b"\n',
    "dangling backslash": 'msgid ""\nmsgstr ""\n\nmsgid "a\\"\nmsgstr "b"\n',
    "escaped quote at the end": 'msgid ""\nmsgstr ""\n\nmsgid "a\\""\n"b"\nmsgstr "\\\\"\n',
    "two strings on a line": 'msgid ""\nmsgstr ""\n\nmsgid "a" "b"\nmsgstr "b"\n',
    "msgstr[N] without plural": 'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr[0] "b"\n',
    "msgstr after plural": 'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgid_plural "b"\nmsgstr "c"\n',
    "plural msgstr then msgstr": 'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgid_plural "b"\n'
                                 'msgstr[0] "c"\nmsgstr "d"\n',
    "context first": 'msgctxt "x"\nmsgid ""\nmsgstr ""\n',
    "flags before header": '#, fuzzy\nmsgid ""\nmsgstr ""\n',
    "comments before a first non-header": '# c\nmsgid "a"\nmsgstr "b"\n\nmsgid ""\nmsgstr ""\n',
    "keyword without space": 'msgid ""\nmsgstr ""\n\nmsgid"a"\nmsgstr "b"\n',
    "tab comment": 'msgid ""\nmsgstr ""\n\n#\tx\nmsgid "a"\nmsgstr "b"\n',
    "odd line breaks in strings": 'msgid ""\nmsgstr ""\n\nmsgid "a\rb\x85c\u2028"\nmsgstr "\x0b"\n',
    "unicode digit index": 'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgid_plural "b"\n'
                           'msgstr[\u0663] "c"\n',
    "msgstr[N] inside a continuation": 'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgid_plural "b"\n'
                                       'msgstr[0] "c"\n"msgstr[1] \\"d\\""\nmsgstr[1] "e"\n',
    "empty": "",
    "only comments": "# a\n#. b\n",
}


@pytest.mark.parametrize("name", sorted(SMALL_CASES))
def test_small_cases_read_as_before(name: str) -> None:
    text = SMALL_CASES[name]
    if not _assert_same_as_reference(text):
        _assert_fallback_is_polibs(text)


# ---------------------------------------------------------------- random catalogs

SPACES = ["", " ", "\t", "\r", "\xa0", "\x85", "\u3000"]
CHARS = st.sampled_from([*'ab é"\\\t#:,.~|{}%', "\n", "\r", "\x85", "\u2028", "\xa0", "\u0663"])
COMMENTS = ["#", "# note", "#  two spaces", "##x", "## two hashes", "#, fuzzy", "#,fuzzy",
            "#, fuzzy, c-format", "#, a,,b", "#, x,", "#. extracted", "#.", "#: a.md:1", "#:",
            "# mbc-docs: ignore T001"] * 4 + ["#~ msgid \"old\"", "#| msgid \"prev\"", "#x", "#\tx"]
MUTANT_LINES = ["", " ", "nonsense", 'msgid "a"b"', '"abc', '"a\\"', 'msgstr "z"', '"cont"',
                'msgid "m"', 'msgctxt "c"', 'msgid_plural "p"', 'msgstr[0] "s"', "#~ old",
                "# c", "#, fuzzy", "#: r", 'msgstr[0]"s"', 'msgid\t"t"', 'msgid ""', 'msgstr ""']


def test_mutated_project_catalogs_read_as_before() -> None:
    """A few hundred project catalogs with lines deleted, repeated, moved or changed."""
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "locale").rglob("*.po"))]
    rnd = random.Random(20240611)
    accepted = 0
    for _ in range(300):
        lines = rnd.choice(texts).split("\n")[:80]
        for _ in range(rnd.randint(1, 3)):
            where = rnd.randrange(len(lines))
            kind = rnd.randrange(6)
            if kind == 0:
                del lines[where]
            elif kind == 1:
                lines.insert(where, lines[where])
            elif kind == 2:
                other = rnd.randrange(len(lines))
                lines[where], lines[other] = lines[other], lines[where]
            elif kind == 3:
                lines.insert(where, rnd.choice(MUTANT_LINES))
            elif kind == 4:
                lines[where] = rnd.choice(SPACES) + lines[where] + rnd.choice(SPACES)
            elif lines[where]:
                at = rnd.randrange(len(lines[where]))
                char = rnd.choice('"\\# \r\x85x')
                lines[where] = lines[where][:at] + char + lines[where][at + 1:]
        accepted += _assert_same_as_reference("\n".join(lines))
    assert accepted > 50



@st.composite
def _quoted(draw: st.DrawFn, text: str | None = None) -> str:
    """One quoted string: escaped as msgmerge writes it, or now and then raw (maybe invalid).

    A random string may end with an escape polib keeps (``\\a``) or an escaped backslash.
    """
    extra = ""
    if text is None:
        text = draw(st.text(CHARS, max_size=6))
        extra = draw(st.sampled_from([""] * 6 + ["\\a", "\\t", "\\\\n"]))
    if draw(st.sampled_from([False] * 30 + [True])):
        return '"' + text.replace("\n", "") + '"'
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + escaped + extra + '"'


@st.composite
def _keyword(draw: st.DrawFn, keyword: str, text: str | None = None) -> list[str]:
    """A keyword line and its continuation lines."""
    separator = draw(st.sampled_from([" "] * 30 + ["\t", "  ", "\xa0", ""]))
    if text is None:
        pieces = draw(st.lists(_quoted(), min_size=1, max_size=3))
    else:  # cut a known text into pieces, maybe after an empty first string
        cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=2)))
        bounds = [0, *cuts, len(text)]
        pieces = [draw(_quoted(text[a:b])) for a, b in itertools.pairwise(bounds)]
        if draw(st.booleans()):
            pieces.insert(0, '""')
    return [keyword + separator + pieces[0], *pieces[1:]]


@st.composite
def _entry(draw: st.DrawFn) -> list[str]:
    lines = draw(st.lists(st.sampled_from(COMMENTS), max_size=3))
    if draw(st.sampled_from([False] * 5 + [True])):
        lines += draw(_keyword("msgctxt"))
    lines += draw(_keyword("msgid"))
    kind = draw(st.sampled_from(["msgstr"] * 3 + ["plural", "empty plural"]))
    if kind == "msgstr":
        return lines + draw(_keyword("msgstr"))
    lines += draw(_keyword("msgid_plural", "" if kind == "empty plural" else None))
    if kind == "empty plural" and draw(st.booleans()):
        return lines + draw(_keyword("msgstr"))
    for index in draw(st.lists(st.sampled_from(["0", "1", "2", "\u0663"]), min_size=1,
                               max_size=3)):
        lines += draw(_keyword(f"msgstr[{index}]"))
    return lines


@st.composite
def _header(draw: st.DrawFn) -> list[str]:
    comments = ["# Title", "#", "##x", "#. x", "#: y"] * 3 + ["#, fuzzy"]
    lines = draw(st.lists(st.sampled_from(comments), max_size=3))
    metadata = draw(st.sampled_from(["", "Language: es\n", "no colon\nLanguage: de\nX: a\n",
                                     "Language: ar\nplain line\nY:z\n"]))
    return lines + draw(_keyword("msgid", "")) + draw(_keyword("msgstr", metadata))


@st.composite
def _catalog(draw: st.DrawFn) -> str:
    blocks = draw(st.lists(_entry(), max_size=4))
    if blocks and draw(st.sampled_from([False] * 9 + [True])):
        blocks.append(draw(st.sampled_from(blocks)))  # a duplicate
    header_at = draw(st.sampled_from([0] * 6 + [-1, 1, None, "twice"]))
    if header_at == "twice":
        blocks[:0] = [draw(_header()), draw(_header())]
    elif header_at is not None:
        blocks.insert(min(header_at % (len(blocks) + 1), len(blocks)), draw(_header()))
    lines: list[str] = []
    for block in blocks:
        if draw(st.sampled_from([False] * 9 + [True])):  # a blank line inside the entry
            block = [*block[:1], "", *block[1:]]
        lines += block + [""] * draw(st.sampled_from([0, 1, 1, 2]))
    for where, space in draw(st.lists(st.tuples(st.integers(0, 100), st.sampled_from(SPACES)),
                                      max_size=3)):  # whitespace around some lines
        where %= len(lines) + 1
        lines[where:where + 1] = [space + line + space for line in lines[where:where + 1]]
    if draw(st.sampled_from([False] * 3 + [True])):  # a line where it may not be
        where, line = draw(st.tuples(st.integers(0, 100), st.sampled_from(MUTANT_LINES)))
        lines.insert(where % (len(lines) + 1), line)
    newline = draw(st.sampled_from(["\n"] * 9 + ["\r\n"]))
    return newline.join(lines) + draw(st.sampled_from([newline, newline, ""]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_catalog())
def test_random_catalogs_read_as_before(text: str) -> None:
    if not _assert_same_as_reference(text):
        _assert_fallback_is_polibs(text)
