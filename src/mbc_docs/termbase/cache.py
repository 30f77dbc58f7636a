"""A cache of parsed termbases (and their match indexes), so a big TBX is parsed once.

Parsing a 10,000-concept TBX and stemming every term takes seconds; reading the
same termbase back from a pickle takes a fraction of that. The cache file is named
after the termbase's resolved path, size, modification time and inode (any edit
changes one of them) and this module's format version, and lives in
``$MBC_DOCS_CACHE_DIR`` or ``$XDG_CACHE_HOME/mbc-docs`` (``~/.cache/mbc-docs``).
Small termbases (under :data:`MIN_BYTES`) are not cached: parsing them is cheaper
than a file lookup. ``MBC_DOCS_NO_CACHE=1`` turns the cache off. A cache that
cannot be read or written is ignored: it only ever saves time.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Termbase

#: Bump when the pickled classes change shape.
FORMAT = 2
MIN_BYTES = 1_000_000


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
    return folder / f"termbase-{hashlib.sha256(ident.encode()).hexdigest()[:24]}.pickle"


def load(file: Path | None) -> Termbase | None:
    """The cached termbase in ``file`` with its indexes, or None."""
    if file is None:
        return None
    enabled = gc.isenabled()
    gc.disable()  # hundreds of thousands of new objects: no point in collecting meanwhile
    try:
        with open(file, "rb") as handle:
            fmt, termbase, indexes = pickle.load(handle)
    except Exception:  # missing, truncated, from another version: parse the file instead
        return None
    finally:
        if enabled:
            gc.enable()
    if fmt != FORMAT:
        return None
    termbase._indexes.update(indexes)
    termbase._cache_file = file  # type: ignore[attr-defined]
    termbase._cached_indexes = frozenset(indexes)  # type: ignore[attr-defined]
    return termbase


def store(termbase: Termbase) -> None:
    """Write ``termbase`` and its built indexes to its cache file, if they are new."""
    file: Path | None = getattr(termbase, "_cache_file", None)
    if file is None:
        return
    indexes = {key: index for key, index in termbase._indexes.items()
               if index.worth_caching}
    if set(indexes) <= set(getattr(termbase, "_cached_indexes", ())):
        return
    with contextlib.suppress(OSError, pickle.PicklingError, RecursionError):
        file.parent.mkdir(parents=True, exist_ok=True)
        data = pickle.dumps((FORMAT, termbase, indexes), protocol=pickle.HIGHEST_PROTOCOL)
        fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, file)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        termbase._cached_indexes = frozenset(indexes)  # type: ignore[attr-defined]
        for old in file.parent.glob("termbase-*.pickle"):
            # Other versions of the same termbase pile up as it is edited: keep a few.
            with contextlib.suppress(OSError):
                if old != file and old.stat().st_mtime < file.stat().st_mtime - 7 * 86400:
                    old.unlink()
