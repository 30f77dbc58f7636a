"""Catalog state: untranslated, fuzzy and obsolete entries, reported for information."""

from __future__ import annotations

from collections.abc import Iterator

from .context import CatalogContext
from .registry import Severity, check


def untranslated(po: object) -> list:
    return [e for e in po if not e.obsolete and not e.translated()  # type: ignore[attr-defined]
            and "fuzzy" not in e.flags]


def fuzzy(po: object) -> list:
    return [e for e in po if not e.obsolete and "fuzzy" in e.flags]  # type: ignore[attr-defined]


def obsolete(po: object) -> list:
    return [e for e in po if e.obsolete]  # type: ignore[attr-defined]


def _entries(entries: list) -> str:
    return "entry" if len(entries) == 1 else "entries"


def _first_line(entries: list) -> int:
    return min((e.linenum for e in entries if e.linenum), default=1)


@check(code="S001", name="catalog-untranslated", severity=Severity.INFO, scope="catalog")
def catalog_untranslated(ctx: CatalogContext) -> Iterator[tuple[int, str]]:
    """The catalog has untranslated entries (readers see the English text there).

    Bad:
        msgid "Key points"
        msgstr ""

    Good:
        msgid "Key points"
        msgstr "Puntos clave"
    """
    entries = untranslated(ctx.po)
    if entries:
        yield _first_line(entries), f"{len(entries)} untranslated {_entries(entries)}"


@check(code="S002", name="catalog-fuzzy", severity=Severity.INFO, scope="catalog")
def catalog_fuzzy(ctx: CatalogContext) -> Iterator[tuple[int, str]]:
    """The catalog has fuzzy entries: drafts that Sphinx does not use until reviewed.

    Bad:
        #, fuzzy
        msgid "Key points"
        msgstr "Puntos clave"

    Good:
        msgid "Key points"
        msgstr "Puntos clave"
    """
    entries = fuzzy(ctx.po)
    if entries:
        yield _first_line(entries), f"{len(entries)} fuzzy {_entries(entries)}"


@check(code="S003", name="catalog-obsolete", severity=Severity.INFO, scope="catalog")
def catalog_obsolete(ctx: CatalogContext) -> Iterator[tuple[int, str]]:
    """The catalog keeps obsolete entries (``#~``) whose source text no longer exists.

    Bad:
        #~ msgid "Old heading"
        #~ msgstr "Encabezado antiguo"

    Good:
        (no ``#~`` entries: reuse or delete them after ``make update-po``)
    """
    entries = obsolete(ctx.po)
    if entries:
        yield _first_line(entries), f"{len(entries)} obsolete {_entries(entries)}"
