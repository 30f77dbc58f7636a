"""Per-entry suppression in translator comments, which survive ``msgmerge``.

A translator comment on the entry::

    # mbc-docs: ignore T001, N002
    msgid "..."

suppresses those codes (or check names) for that entry; ``# mbc-docs: ignore``
alone suppresses every check there. The same comment on the header entry applies
to the whole catalog. Translator comments (``# ``) are kept by ``msgmerge`` and
``make update-po``, unlike extracted comments (``#.``). Suppressed findings are
still produced, marked ``suppressed``, and shown with ``--show-suppressed``.
"""

from __future__ import annotations

import re

_IGNORE_RE = re.compile(r"mbc-docs\s*:\s*(?:ignore|noqa)\b(?P<codes>[^\n]*)", re.IGNORECASE)
ALL = "*"


def suppressed_codes(comment: str | None) -> frozenset[str]:
    """Codes and names listed in ``mbc-docs: ignore`` comments (``*`` for all)."""
    if not comment:
        return frozenset()
    codes: set[str] = set()
    for match in _IGNORE_RE.finditer(comment):
        words = [w for w in re.split(r"[\s,;]+", match.group("codes").strip(" :")) if w]
        if not words:
            codes.add(ALL)
        for word in words:
            codes.add(word.upper() if re.fullmatch(r"[A-Za-z]\d{3}", word) else word.lower())
    return frozenset(codes)


def is_suppressed(codes: frozenset[str], code: str, name: str) -> bool:
    return bool(codes) and (ALL in codes or code in codes or name in codes)
