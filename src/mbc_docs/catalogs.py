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

from .catalog_reader import LightEntry, Unsure, read_entries
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

class LightCatalog(list):
    """What :func:`read_catalog_light` returns: entries, plus ``header`` and ``metadata``."""

    header = ""
    metadata: dict[str, str]
    fpath: str | None = None


def _parse_light(text: str) -> LightCatalog | None:
    """A strict parser for well-formed catalogs; None for anything it is not sure of.

    Like polib, it ignores whitespace around lines. Catalogs rarely have any, so the
    text is first read as it is, and only if that fails, again with every line
    stripped (same line numbers).
    """
    try:
        return _catalog(*read_entries(text))
    except Unsure:
        stripped = "\n".join(line.strip() for line in text.split("\n"))
        if stripped == text:
            return None
    try:
        return _catalog(*read_entries(stripped))
    except Unsure:
        return None


def _catalog(entries: list[LightEntry], header: str, metadata: dict[str, str]) -> LightCatalog:
    cat = LightCatalog(entries)
    cat.header = header
    cat.metadata = metadata
    return cat


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
