"""Real message texts for the differential tests (helpers, not tests).

The parsing tests compare today's functions with verbatim copies of the previous
ones on every message they can find: the project's catalogs, the test fixtures
(including broken ones, read line by line) and the benchmark corpus when it exists.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from mbc_docs.catalogs import read_catalog_light

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "build" / "bench-corpus" / "locale"
_TEXT_SUFFIXES = {".po", ".md", ".tbx", ".csv", ".json", ".txt"}


def catalog_texts(root: Path) -> list[str]:
    """Every msgid and msgstr of the readable catalogs under ``root``."""
    texts: list[str] = []
    for path in sorted(root.rglob("*.po")):
        with contextlib.suppress(Exception):  # broken fixtures are read as lines below
            for entry in read_catalog_light(path):
                texts += [entry.msgid, entry.msgstr, *dict(entry.msgstr_plural).values()]
    return texts


def fixture_texts(whole_files: bool = False) -> list[str]:
    """Each line (and with ``whole_files`` each whole file) of every text fixture:
    odd, half-broken markup and numbers."""
    texts: list[str] = []
    for path in sorted((ROOT / "tests" / "fixtures").rglob("*")):
        if path.is_file() and path.suffix in _TEXT_SUFFIXES:
            content = path.read_text(encoding="utf-8", errors="replace")
            texts += [content, *content.splitlines()] if whole_files else content.splitlines()
    return texts
