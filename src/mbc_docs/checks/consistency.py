"""Consistency: one source message, one translation, across every catalog of a language."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from .registry import Severity, check


class TranslatedEntry(NamedTuple):
    """What the corpus-wide checks need of an entry (small: one per translated entry,
    sent back from the worker processes, so a tuple rather than a dataclass)."""

    file: str
    line: int
    msgctxt: str | None
    msgid: str
    msgstr: str
    suppressed: frozenset[str] = frozenset()  # codes from "mbc-docs: ignore" comments


def normal_text(text: str) -> str:
    """Runs of white space as one space, none at the ends (what a reader sees).

    A text that is already so is returned itself, not an equal copy: the message
    keys that worker processes send back then share the msgid's string, which
    pickle sends once.
    """
    # Already normal: a few scans of the text instead of split and join. In ASCII
    # text, what str.split() splits on besides the space (tab, line breaks,
    # \x0b-\x0c, \x1c-\x1f) are control characters, which isprintable() finds in one
    # pass (it replaced nine substring tests; message keys are about 1 % of a run).
    if (text.isascii() and text and text[0] != " " and text[-1] != " " and "  " not in text
            and text.isprintable()):
        return text
    normal = " ".join(text.split())
    return text if normal == text else normal


def message_key(msgctxt: str | None, msgid: str) -> str | tuple[str, str]:
    """What makes two entries the same source message: context and normalised text."""
    return keyed(msgctxt, normal_text(msgid))


def keyed(msgctxt: str | None, normal: str) -> str | tuple[str, str]:
    """:func:`message_key` of an entry whose msgid is already normalised (the checker
    keeps it with the analysis of each source message, made once for all languages).

    Without a context (most entries) the key is the text alone: a string keeps its
    hash, a tuple is hashed again at every lookup.
    """
    return normal if msgctxt is None else (msgctxt, normal)


@check(code="C001", name="consistency", severity=Severity.WARNING, scope="corpus")
def consistency(entries: list[TranslatedEntry]) -> Iterator[tuple[TranslatedEntry, str]]:
    """The same source message is translated differently in the same language.

    The most frequent translation is taken as the reference; the others are reported.

    Bad:
        (index.po)  msgid "Key points"  msgstr "Puntos clave"
        (bone.po)   msgid "Key points"  msgstr "Ideas principales"

    Good:
        (index.po)  msgid "Key points"  msgstr "Puntos clave"
        (bone.po)   msgid "Key points"  msgstr "Puntos clave"
    """
    groups: dict[str | tuple[str, str], list[TranslatedEntry]] = {}
    for entry in entries:
        groups.setdefault(message_key(entry.msgctxt, entry.msgid), []).append(entry)
    for group in groups.values():
        if len(group) < 2:
            continue
        counts = Counter(normal_text(e.msgstr) for e in group)
        if len(counts) < 2:
            continue
        reference_text = max(counts, key=lambda t: (counts[t], -next(
            i for i, e in enumerate(group) if normal_text(e.msgstr) == t)))
        reference = next(e for e in group if normal_text(e.msgstr) == reference_text)
        for entry in group:
            if normal_text(entry.msgstr) != reference_text:
                shown = reference_text if len(reference_text) <= 60 else reference_text[:57] + "..."
                yield entry, (f"translated differently at {reference.file}:{reference.line} "
                              f"(\u201c{shown}\u201d)")
