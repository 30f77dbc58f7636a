"""The project's termbase: concepts and their terms per language, from TBX or CSV.

Public API (also used for translator hints)::

    tb = load_termbase(Path("locale/termbase.tbx"))
    for match in tb.find_concepts("Bone metastases are common.", "en"):
        match.concept.id, match.start, match.end, match.text
        [t.text for t in match.concept.approved_terms("es")]   # preferred first
        match.concept.forbidden_terms("es"), match.concept.dnt
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UserError
from .matching import ConceptMatch
from .model import Concept, Term, Termbase, TermStatus

__all__ = ["Concept", "ConceptMatch", "Term", "TermStatus", "Termbase", "load_termbase"]

#: Termbases larger than this are refused rather than exhausting memory.
MAX_TERMBASE_BYTES = 200 * 1024 * 1024


def load_termbase(path: Path | str) -> Termbase:
    """Read a termbase, choosing the reader by extension (``.tbx``/``.xml`` or ``.csv``).

    Raises :class:`UserError` with the file (and line) for anything unreadable,
    unsafe or invalid.
    """
    from . import cache

    path = Path(path)
    try:
        stat = path.stat()
        size = stat.st_size
        if size > MAX_TERMBASE_BYTES:
            raise UserError(f"termbase too large ({size} bytes)", path)
        cache_file = cache.cache_file(path, stat)
        cached = cache.load(cache_file)
        if cached is not None:
            cached.path = str(path)
            return cached
    except OSError as exc:
        raise UserError(f"cannot read the termbase: {exc.strerror or exc}", path) from None
    data = read_termbase_bytes(path)
    suffix = path.suffix.lower()
    if suffix in {".csv", ".tsv"}:
        from .csv_io import read_csv

        termbase = read_csv(path, data)
    elif suffix in {".tbx", ".xml", ".tbxm"} or data.lstrip()[:1] == b"<":
        from .tbx import read_tbx

        termbase = read_tbx(path, data)
    else:
        raise UserError(f"unknown termbase format {suffix!r} (expected .tbx or .csv)", path)
    if cache_file is not None:
        # Written by cache.store() once the indexes are built (the checker does it).
        termbase._cache_file = cache_file  # type: ignore[attr-defined]
        termbase._cached_indexes = frozenset()  # type: ignore[attr-defined]
    return termbase


def read_termbase_bytes(path: Path) -> bytes:
    """The raw bytes of a termbase file, or a one-line :class:`UserError`."""
    try:
        return Path(path).read_bytes()
    except IsADirectoryError:
        raise UserError("is a folder, not a termbase", path) from None
    except OSError as exc:
        raise UserError(f"cannot read the termbase: {exc.strerror or exc}", path) from None
