"""Safe loading of gettext catalogs, shared by every command that reads a ``.po``.

A broken catalog must never surface as a traceback, and must never be half-read:
it is a :class:`~mbc_docs.errors.UserError` naming the file and, where known, the
line. The bytes are decoded here (with the charset the header declares, UTF-8 by
default) rather than by polib, so a wrong encoding is reported with the line of the
first bad byte instead of polib's bare ``UnicodeDecodeError``.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import polib

from .errors import UserError

_CHARSET_RE = re.compile(rb"charset\s*=\s*([A-Za-z0-9_.:-]+)")
_LINE_RE = re.compile(r"\(line (\d+)\)")
_LANG_DIR_RE = re.compile(r"^[a-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")
_POLIB_REASON_RE = re.compile(r"\(line \d+\)\s*:?\s*(.*)$")
_KEYWORD_RE = re.compile(r"^(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)(?=[\s\"])")
_QUOTED_RE = re.compile(r'^"(?:[^"\\]|\\.)*"$')

#: Wrapping width used by msgmerge, Poedit and Weblate (only matters if a caller saves).
WRAP_WIDTH = 79


def _declared_charset(data: bytes) -> str:
    """The charset named in the header's Content-Type, or UTF-8 (also for ``CHARSET``)."""
    head = data[:4096]
    match = _CHARSET_RE.search(head)
    if not match:
        return "utf-8"
    name = match.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        # msginit leaves the placeholder "CHARSET" in new catalogs: read them as UTF-8.
        return "utf-8"


def _decode(data: bytes, path: Path) -> str:
    charset = _declared_charset(data)
    try:
        text = data.decode(charset)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UserError(
            f"not valid {charset.upper()} (byte 0x{data[exc.start]:02x}); "
            "save the catalog as UTF-8", path, line,
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def _lint(text: str, path: Path) -> None:
    """Reject what msgfmt rejects but polib quietly accepts (an unterminated string...)."""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("#~"):
            line = line[2:].strip()
            if line.startswith("|"):
                continue
        elif not line or line.startswith("#"):
            continue
        if not line:
            continue
        keyword = _KEYWORD_RE.match(line)
        rest = line[keyword.end():].strip() if keyword else line
        if not _QUOTED_RE.match(rest):
            if rest.startswith('"'):
                reason = "unterminated string or unescaped double quote"
            else:
                reason = f"unexpected {line.split()[0][:30]!r}"
            raise UserError(f"cannot read the catalog: syntax error: {reason}", path, number)


def _check_duplicates(po: polib.POFile, path: Path) -> None:
    seen: dict[tuple[str | None, str], int] = {}
    for entry in po:
        if entry.obsolete:
            continue
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            raise UserError("cannot read the catalog: duplicate message definition "
                            f"(first defined at line {seen[key]})", path, entry.linenum)
        seen[key] = entry.linenum


def load_catalog(path: Path) -> polib.POFile:
    """Parse a ``.po``/``.pot`` file, or raise :class:`UserError` with file and line.

    The catalog is only read, never written back.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise UserError("is a folder, not a catalog", path) from None
    except OSError as exc:
        raise UserError(f"cannot read the catalog: {exc.strerror or exc}", path) from None
    text = _decode(data, path)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise UserError("cannot read the catalog: NUL character (binary file?)", path, line)
    _lint(text, path)
    if "\n" not in text:
        # polib treats a string without a newline as a possible file name.
        text += "\n"
    try:
        po = polib.pofile(text, wrapwidth=WRAP_WIDTH)
    except Exception as exc:  # polib raises OSError, ValueError, IndexError, ...
        message = str(exc)
        match = _LINE_RE.search(message)
        error_line = int(match.group(1)) if match else None
        reason_match = _POLIB_REASON_RE.search(message)
        reason = reason_match.group(1).strip() if reason_match and reason_match.group(1) else ""
        detail = f"syntax error: {reason}" if reason else "syntax error"
        if not match and "Syntax error" not in message:
            detail = f"syntax error ({type(exc).__name__}: {message})" if message else detail
        raise UserError(f"cannot read the catalog: {detail}", path, error_line) from None
    _check_duplicates(po, path)
    po.fpath = str(path)
    return po


def normalise_language(code: str) -> str:
    """``zh-CN``/``zh_cn``/``zh_CN.UTF-8`` -> ``zh_CN``: the gettext spelling."""
    code = code.strip().split(".", 1)[0].split("@", 1)[0].replace("-", "_")
    if not code:
        return ""
    parts = code.split("_")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())  # script: Hans
        elif part.isalpha():
            out.append(part.upper())  # region: CN
        else:
            out.append(part)  # UN M.49 region: 419
    return "_".join(out)


def catalog_language(path: Path, po: polib.POFile) -> str | None:
    """The catalog's language: its ``Language`` header, else ``.../<lang>/LC_MESSAGES/...``."""
    header = (po.metadata.get("Language") or "").strip()
    if header:
        return normalise_language(header)
    parts = Path(path).parts
    for index in range(len(parts) - 1, 0, -1):
        if parts[index] == "LC_MESSAGES" and _LANG_DIR_RE.match(parts[index - 1]):
            return normalise_language(parts[index - 1])
    return None


# ---------------------------------------------------------------- fast reading

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


class LightCatalog(list):
    """What :func:`read_catalog_light` returns: entries, plus ``header`` and ``metadata``."""

    header = ""
    metadata: dict[str, str]
    fpath: str | None = None


class _Unsure(Exception):
    """Raised by the fast reader for anything it does not read exactly like polib."""


# How the fast reader works: one regex (_ENTRY_RE) matches a whole entry, from its
# first comment to the blank lines after its last msgstr, and the next match starts
# where the last one ended; anything it cannot match (obsolete "#~" entries, a stray
# line, trailing comments...) raises _Unsure and polib reads the file instead. The
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
            raise _Unsure  # a dangling backslash
        return polib.unescape(body)
    if '"' in body and not _STRICT_STRINGS_RE.fullmatch(strings):
        raise _Unsure  # a bare double quote
    return body


def _comment_lines(block: str) -> list[tuple[str, str]]:
    """The ``(tag, line)`` pairs of a block of comments, as polib sees them (stripped).

    ``#.`` and ``#:`` lines are left out (nobody reads them); obsolete (``#~``) and
    previous-message (``#|``) lines, and comment kinds polib reads differently, raise
    :class:`_Unsure`.
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
            raise _Unsure
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

    Flags there raise :class:`_Unsure`: polib gives them to no entry.
    """
    for tag, line in _comment_lines(block):
        if tag == "#,":
            raise _Unsure
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
        raise _Unsure
    if header_lines and not (msgid == '""' or msgid.startswith('""\n')):
        raise _Unsure
    entry = LightEntry(0)
    entry.msgid = _unquote(msgid)
    return entry


def _read_plural(entry: LightEntry, msgid_plural: str, plural_msgstr: str | None,
                 msgstr_plural: str | None) -> None:
    """Fill in ``entry``'s plural fields from the matched strings."""
    entry.msgid_plural = _unquote(msgid_plural)
    if plural_msgstr is not None:
        if entry.msgid_plural:
            raise _Unsure  # polib takes a plain msgstr only after an empty msgid_plural
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


def _read_entries(text: str) -> LightCatalog:
    """Read ``text`` entry by entry with :data:`_ENTRY_RE`, or raise :class:`_Unsure`.

    ``text`` must have no whitespace at the start or end of its lines (that is what
    lets one regex match a whole entry at a time).
    """
    if not text.endswith("\n"):
        text += "\n"
    cat = LightCatalog()
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
            raise _Unsure  # a line where the entry grammar does not allow it
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
                raise _Unsure  # two headers
            header = entry
        elif key in seen:
            raise _Unsure  # a duplicate: polib's error message
        else:
            seen.add(key)
            cat.append(entry)
        pos = m.end()
    if header is None:
        raise _Unsure  # no header: leave the edge cases to polib
    cat.header = "\n".join(header_lines)
    cat.metadata = _metadata(header.msgstr)
    return cat


def _parse_light(text: str) -> LightCatalog | None:
    """A strict parser for well-formed catalogs; None for anything it is not sure of.

    Like polib, it ignores whitespace around lines. Catalogs rarely have any, so the
    text is first read as it is, and only if that fails, again with every line
    stripped (same line numbers).
    """
    try:
        return _read_entries(text)
    except _Unsure:
        stripped = "\n".join(line.strip() for line in text.split("\n"))
        if stripped == text:
            return None
    try:
        return _read_entries(stripped)
    except _Unsure:
        return None


def read_catalog_light(path: Path) -> polib.POFile | LightCatalog:
    """Like :func:`load_catalog`, several times faster, for read-only checks.

    Well-formed UTF-8 catalogs with a header are read by a strict parser of their
    own into :class:`LightEntry` objects; anything else (other charsets, obsolete
    or previous-message lines, errors) goes through :func:`load_catalog`, so the
    result and every error message are the same as polib's.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError:
        return load_catalog(path)
    if b"\x00" in data or _declared_charset(data) != "utf-8":
        return load_catalog(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return load_catalog(path)
    if text.startswith("\ufeff"):
        text = text[1:]
    cat = _parse_light(text)
    if cat is None:
        return load_catalog(path)
    cat.fpath = str(path)
    return cat
