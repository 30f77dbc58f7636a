"""A cache of parsed termbases (and their match indexes), so a big TBX is parsed once.

Parsing a 10,000-concept TBX and stemming every term takes seconds. The cache keeps
the result in a form that is cheap to read back: :mod:`marshal` of built-in types
only (no class lookups, no objects per term), where each concept and each indexed
term stays a small bytes blob until a check needs it (see
:class:`~mbc_docs.termbase.model.LazyConcepts` and ``TermIndex.from_packed``). So
reading a 10,000-concept termbase back costs about what a 100-concept one does.

The cache file is named after the termbase's resolved path, size, modification
time and inode (any edit changes one of them), this module's format version and the
Python version (marshal's format is Python's own), and lives in
``$MBC_DOCS_CACHE_DIR`` or ``$XDG_CACHE_HOME/mbc-docs`` (``~/.cache/mbc-docs``).
Small termbases (under :data:`MIN_BYTES`) are not cached: parsing them is cheaper
than a file lookup. ``MBC_DOCS_NO_CACHE=1`` turns the cache off. A cache that
cannot be read or written is ignored: it only ever saves time.

The file is mapped into memory (:mod:`mmap`), not read: a small header (marshal)
gives where each concept's bytes and each index's bytes lie, and nothing else is
touched until a check asks for it. Reading the 12 MB file of a 10,000-concept
termbase and unmarshalling it copied it twice (about 20 ms of every run), and the
check's worker processes then share the mapped pages with the page cache. The file
is only ever replaced (a new file renamed over it), never rewritten in place, so a
mapping stays valid while another run refreshes the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import mmap
import os
import struct
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Termbase

#: Bump when the packed layout (this file's, model.Concept.to_plain, TermIndex.pack)
#: changes.
FORMAT = 5
MIN_BYTES = 1_000_000
#: The file starts with the length of its header (unsigned 64-bit, little-endian).
_LENGTH = struct.Struct("<Q")


class Blobs(Sequence[bytes]):
    """The concepts' bytes, each sliced out of the mapped file when asked for."""

    def __init__(self, buffer: bytes | mmap.mmap, offsets: tuple[int, ...]) -> None:
        self._buffer = buffer
        self._offsets = offsets  # n + 1 offsets: blob i is buffer[offsets[i]:offsets[i + 1]]

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, index):  # type: ignore[no-untyped-def, override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._buffer[self._offsets[index]:self._offsets[index + 1]]

    def __reduce__(self) -> tuple[object, ...]:
        # A mapping cannot be pickled (a worker started by spawn): its bytes can.
        return (tuple, (list(self),))


def cache_dir() -> Path | None:
    if os.environ.get("MBC_DOCS_NO_CACHE"):
        return None
    base = os.environ.get("MBC_DOCS_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) / "mbc-docs" if xdg else Path.home() / ".cache" / "mbc-docs"


def cache_file(path: Path, stat: os.stat_result) -> Path | None:
    folder = cache_dir()
    if folder is None or stat.st_size < MIN_BYTES:
        return None
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):
        return None
    ident = (f"{resolved}|{stat.st_size}|{stat.st_mtime_ns}|{stat.st_ino}|{FORMAT}|"
             f"{sys.version_info[:2]}")
    return folder / f"termbase-{hashlib.sha256(ident.encode()).hexdigest()[:24]}.marshal"


def load(file: Path | None) -> Termbase | None:
    """The cached termbase in ``file`` with its indexes (unpacked lazily), or None."""
    from .matching import TermIndex
    from .model import LazyConcepts, Termbase

    if file is None:
        return None
    try:
        with open(file, "rb") as handle:
            buffer: bytes | mmap.mmap
            try:
                buffer = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            except (OSError, ValueError):  # no mmap here (or an empty file): read it
                buffer = handle.read()
        view = memoryview(buffer)
        (length,) = _LENGTH.unpack_from(buffer, 0)
        data = marshal.loads(view[_LENGTH.size:_LENGTH.size + length])
        if (not isinstance(data, dict) or data.get("format") != FORMAT
                or data.get("size") != len(buffer)):
            return None  # another layout, or truncated (a full disk): parse the TBX
        termbase = Termbase(concepts=LazyConcepts(Blobs(buffer, data["concepts"])),
                            source_lang=data["source_lang"])
        for (lang, which), (start, end) in data["indexes"].items():
            termbase._indexes[(lang, which)] = TermIndex.from_packed(termbase, lang, which,
                                                                     view[start:end])
    except Exception:  # missing, truncated, from another version: parse the file instead
        return None
    termbase._cache_file = file  # type: ignore[attr-defined]
    termbase._cached_indexes = frozenset(termbase._indexes)  # type: ignore[attr-defined]
    return termbase


def _layout(source_lang: str, blobs: Sequence[bytes],
            packs: dict[tuple[str, str], bytes]) -> list[bytes]:
    """The pieces of a cache file, in order: the header's length, the header (where
    each concept's and each index's bytes lie, from the file's start), the bytes."""
    header = b""
    while True:
        # The offsets count the header, whose length depends on the offsets: made
        # again until its length stays the same (twice, or three times).
        at = _LENGTH.size + len(header)
        offsets = [at]
        for blob in blobs:
            at += len(blob)
            offsets.append(at)
        where: dict[tuple[str, str], tuple[int, int]] = {}
        for key, pack in packs.items():
            where[key] = (at, at + len(pack))
            at += len(pack)
        made = marshal.dumps({"format": FORMAT, "source_lang": source_lang, "size": at,
                              "concepts": tuple(offsets), "indexes": where})
        if len(made) == len(header):
            return [_LENGTH.pack(len(made)), made, *blobs, *packs.values()]
        header = made


def store(termbase: Termbase) -> None:
    """Write ``termbase`` and its built indexes to its cache file, if they are new."""
    from .model import LazyConcepts

    file: Path | None = getattr(termbase, "_cache_file", None)
    if file is None:
        return
    indexes = {key: index for key, index in termbase._indexes.items()
               if index.worth_caching}
    if set(indexes) <= set(getattr(termbase, "_cached_indexes", ())):
        return
    concepts = termbase.concepts
    numbers = {id(concept): n for n, concept in enumerate(concepts)}
    if isinstance(concepts, LazyConcepts):
        blobs = tuple(concepts.blob(n) for n in range(len(concepts)))
    else:
        blobs = tuple(marshal.dumps(concept.to_plain()) for concept in concepts)
    with contextlib.suppress(OSError, ValueError):
        pieces = _layout(termbase.source_lang, blobs,
                         {key: bytes(index.pack(numbers)) for key, index in indexes.items()})
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.writelines(pieces)
            os.replace(tmp, file)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        termbase._cached_indexes = frozenset(indexes)  # type: ignore[attr-defined]
        for old in file.parent.glob("termbase-*"):
            # Other versions of the same termbase pile up as it is edited: keep a few.
            with contextlib.suppress(OSError):
                if old != file and old.stat().st_mtime < file.stat().st_mtime - 7 * 86400:
                    old.unlink()
