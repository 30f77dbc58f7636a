"""The fast reader of well-formed catalogs (see :func:`mbc_docs.catalogs.read_catalog_light`).

Every run of ``mbc-docs check`` reads every catalog, so this is part of the
checker's hot path and compiled with mypyc like it (see :mod:`mbc_docs.compiled`);
:class:`~mbc_docs.catalogs.LightCatalog`, a ``list`` subclass, which mypyc cannot
compile, stays in :mod:`mbc_docs.catalogs` and wraps what this module reads.
"""

from __future__ import annotations

import re

import polib


class LightEntry:
    """The fields of a :class:`polib.POEntry` that the checker reads, without polib's cost."""

    __slots__ = ("flags", "linenum", "msgctxt", "msgid", "msgid_plural", "msgstr",
                 "msgstr_plural", "obsolete", "tcomment")

    def __init__(self, linenum: int) -> None:
        self.linenum = linenum
        self.msgctxt: str | None = None
        self.msgid = ""
        self.msgid_plural = ""
        self.msgstr = ""
        self.msgstr_plural: dict[int, str] = {}
        self.flags: list[str] = []
        self.tcomment = ""
        self.obsolete = 0

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    def translated(self) -> bool:
        """As :meth:`polib.POEntry.translated`."""
        if self.obsolete or "fuzzy" in self.flags:
            return False
        if self.msgstr != "":
            return True
        if self.msgstr_plural:
            return all(text != "" for text in self.msgstr_plural.values())
        return False


class Unsure(Exception):
    """Raised by the fast reader for anything it does not read exactly like polib."""


# How the fast reader works: one regex (_ENTRY_RE) matches a whole entry, from its
# first comment to the blank lines after its last msgstr, and the next match starts
# where the last one ended; anything it cannot match (obsolete "#~" entries, a stray
# line, trailing comments...) raises Unsure and polib reads the file instead. The
# regex only checks the shape of an entry; what it cannot express (kinds of comment,
# the header, duplicates) is checked in Python.
#
# A quoted string is matched loosely: a line that starts and ends with a double
# quote. The strict form (escapes, no bare quote inside) takes the regex engine ten
# times longer per character, and most strings contain neither a quote nor a
# backslash, so _unquote checks the strict form only for those that do.
_STRING = r'".*"'
_STRICT_STRING = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
_STRICT_STRINGS_RE = re.compile(rf"{_STRICT_STRING}(?:\n+{_STRICT_STRING})*")
# A keyword's string and its continuation lines, which blank lines may separate.
# The repeats here and in _ENTRY_RE are possessive (*+, ++): what follows a run of
# strings or comments never starts with one, so the engine need not keep the
# positions to backtrack to, which makes a whole-entry match about a third faster.
_STRINGS = rf"{_STRING}(?:\n+{_STRING})*+"
_ENTRY_RE = re.compile(rf"""
    (?:\#[.:].*\n+)*+                           # extracted comments, references: ignored
    (?P<comments>(?:\#.*\n+)*+)                 # other comments (and any #. #: after them)
    (?:msgctxt[^\S\n]+(?P<msgctxt>{_STRINGS})\n+)?
    msgid[^\S\n]+(?P<msgid>{_STRINGS})\n+
    (?:
        msgstr[^\S\n]+(?P<msgstr>{_STRINGS})\n+
      | msgid_plural[^\S\n]+(?P<msgid_plural>{_STRINGS})\n+
        (?:
            msgstr[^\S\n]+(?P<plural_msgstr>{_STRINGS})\n+
          | (?P<msgstr_plural>(?:msgstr\[\d\][^\S\n]*{_STRINGS}\n+)++)
        )
    )
""", re.VERBOSE)
_PLURAL_FORM_RE = re.compile(rf"msgstr\[(\d)\][^\S\n]*({_STRINGS})")
_STRING_BREAK_RE = re.compile(r'"\n+"')


def _unquote(strings: str) -> str:
    """The text of a keyword's strings: ``"a\\n"`` + newline + ``"b"`` -> ``a``, newline, ``b``.

    Newlines only occur between the strings, each closing quote + newlines + opening
    quote, so removing those (and the outer quotes) joins the pieces. Unescaping the
    joined text gives the same as unescaping each piece: an escape never spans two.
    """
    body = strings[1:-1]
    if "\n" in body:
        body = body.replace('"\n"', "")
        if "\n" in body:  # blank lines between the pieces (rare)
            body = _STRING_BREAK_RE.sub("", body)
    if "\\" in body:
        if not _STRICT_STRINGS_RE.fullmatch(strings):
            raise Unsure  # a dangling backslash
        return polib.unescape(body)
    if '"' in body and not _STRICT_STRINGS_RE.fullmatch(strings):
        raise Unsure  # a bare double quote
    return body


def _comment_lines(block: str) -> list[tuple[str, str]]:
    """The ``(tag, line)`` pairs of a block of comments, as polib sees them (stripped).

    ``#.`` and ``#:`` lines are left out (nobody reads them); obsolete (``#~``) and
    previous-message (``#|``) lines, and comment kinds polib reads differently, raise
    :class:`Unsure`.
    """
    lines = []
    for raw in block.split("\n"):
        line = raw.strip()
        tag = line[:2]
        if not line or tag in ("#.", "#:"):
            continue
        if tag == "#," or tag == "# " or line == "#" or tag == "##":
            lines.append((tag, line))
        else:
            raise Unsure
    return lines


def _read_comments(block: str, entry: LightEntry) -> None:
    """Add the flags and translator comments in ``block`` to ``entry``, as polib does."""
    for tag, line in _comment_lines(block):
        if tag == "#,":
            # "#,fuzzy" has no flag for polib (it splits on whitespace), and polib
            # cuts three characters ("#, ") whatever they are.
            if len(line.split(None, 1)) > 1:
                entry.flags += [flag.strip() for flag in line[3:].split(",")]
        else:
            comment = line.lstrip("#")
            comment = comment[1:] if comment.startswith(" ") else comment
            # An empty first comment is dropped, as polib does.
            entry.tcomment = (entry.tcomment + "\n" + comment) if entry.tcomment else comment


def _read_header_comments(block: str, header_lines: list[str]) -> None:
    """The comments before the first entry: their translator comments are ``po.header``.

    Flags there raise :class:`Unsure`: polib gives them to no entry.
    """
    for tag, line in _comment_lines(block):
        if tag == "#,":
            raise Unsure
        header_lines.append((line + " " if line == "#" else line)[2:])


def _read_first_entry(groups: tuple[str | None, ...], header_lines: list[str]) -> LightEntry:
    """The file's first entry, where polib's rules differ from the other entries'.

    Its comments are the file's header comments; it is numbered 0; it cannot have
    a msgctxt, nor follow header comments unless it starts as a header (msgid "").
    """
    comments, msgctxt, msgid = groups[:3]
    assert msgid is not None  # the entry pattern always has a msgid
    if comments:
        _read_header_comments(comments, header_lines)
    if msgctxt is not None:
        raise Unsure
    if header_lines and not (msgid == '""' or msgid.startswith('""\n')):
        raise Unsure
    entry = LightEntry(0)
    entry.msgid = _unquote(msgid)
    return entry


def _read_plural(entry: LightEntry, msgid_plural: str, plural_msgstr: str | None,
                 msgstr_plural: str | None) -> None:
    """Fill in ``entry``'s plural fields from the matched strings."""
    entry.msgid_plural = _unquote(msgid_plural)
    if plural_msgstr is not None:
        if entry.msgid_plural:
            raise Unsure  # polib takes a plain msgstr only after an empty msgid_plural
        entry.msgstr = _unquote(plural_msgstr)
    else:
        forms = entry.msgstr_plural
        for form in _PLURAL_FORM_RE.finditer(msgstr_plural or ""):
            forms[int(form[1])] = _unquote(form[2])  # a repeated [N] replaces, as in polib


def _metadata(msgstr: str) -> dict[str, str]:
    """The header entry's ``Key: value`` lines, as :attr:`polib.POFile.metadata`."""
    metadata: dict[str, str] = {}
    key = None
    for line in msgstr.splitlines():
        try:
            key, value = line.split(":", 1)
            metadata[key] = value.strip()
        except ValueError:
            if key is not None:
                metadata[key] += "\n" + line.strip()
    return metadata


def read_entries(text: str) -> tuple[list[LightEntry], str, dict[str, str]]:
    """(entries, header comments, header metadata) of ``text``, read entry by entry
    with :data:`_ENTRY_RE`, or :class:`Unsure`.

    ``text`` must have no whitespace at the start or end of its lines (that is what
    lets one regex match a whole entry at a time).
    """
    if not text.endswith("\n"):
        text += "\n"
    entries: list[LightEntry] = []
    header_lines: list[str] = []
    header: LightEntry | None = None
    # Keys of the entries read, to refuse duplicates: the msgid, or (msgctxt, msgid)
    # for an entry with a context (cheaper than a tuple for every entry).
    seen: set[str | tuple[str, str]] = set()
    match = _ENTRY_RE.match
    end = len(text)
    pos = end - len(text.lstrip("\n"))  # skip leading blank lines
    # Line numbers are polib's: the line of each entry's first comment or keyword,
    # counted from one entry's start to the next.
    counted, lineno = 0, 1
    first = True
    while pos < end:
        m = match(text, pos)
        if m is None:
            raise Unsure  # a line where the entry grammar does not allow it
        groups = m.groups()
        comments, msgctxt, msgid, msgstr = groups[:4]
        lineno += text.count("\n", counted, pos)
        counted = pos
        if first:
            entry = _read_first_entry(groups, header_lines)
            first = False
        else:
            entry = LightEntry(lineno)
            entry.msgid = _unquote(msgid)
            if comments:
                _read_comments(comments, entry)
            if msgctxt is not None:
                entry.msgctxt = _unquote(msgctxt)
        if msgstr is not None:
            entry.msgstr = _unquote(msgstr)
        else:
            _read_plural(entry, *groups[4:])
        key = entry.msgid if entry.msgctxt is None else (entry.msgctxt, entry.msgid)
        if key == "":
            if header is not None:
                raise Unsure  # two headers
            header = entry
        elif key in seen:
            raise Unsure  # a duplicate: polib's error message
        else:
            seen.add(key)
            entries.append(entry)
        pos = m.end()
    if header is None:
        raise Unsure  # no header: leave the edge cases to polib
    return entries, "\n".join(header_lines), _metadata(header.msgstr)
