"""Reading and writing catalogs the way every workflow command needs to.

Writes are atomic (a temporary file in the same folder, flushed to disk, then
``os.replace``), so an interrupted ``update-po`` never leaves a half-written
catalog behind. Wrapping is fixed at 79 columns, the width msgmerge, Poedit and
Weblate use, so a catalog saved by a tool and by us differs only where the text
differs.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import polib

from .. import catalogs
from ..catalogs import WRAP_WIDTH


def load_catalog(path: Path) -> polib.POFile:
    """Parse a catalog with the shared loader, ready to be saved with our wrapping."""
    po = catalogs.load_catalog(Path(path))
    po.wrapwidth = WRAP_WIDTH
    return po


def render(po: polib.POFile) -> str:
    """The catalog's text exactly as it will be written (wrapped at :data:`WRAP_WIDTH`)."""
    po.wrapwidth = WRAP_WIDTH
    text = str(po)
    return text if text.endswith("\n") else text + "\n"


def atomic_write_text(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` all at once: readers see the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def save_catalog(po: polib.POFile, path: Path) -> bool:
    """Write ``po`` atomically; returns False (and touches nothing) if the bytes are unchanged."""
    text = render(po)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    atomic_write_text(path, text)
    return True
