"""Termbase terms: the translation uses an approved term for every concept of the source.

A term counts in any inflected form (plural, gender, case, Arabic clitics), inside
a German compound, and as a substring in Chinese; see
:mod:`mbc_docs.termbase.matching`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..termbase.matching import TokenizedText, joined_keys
from ..termbase.model import TermStatus
from .context import EntryContext
from .registry import Severity, check

# A capitalised word (Latin, Greek, Cyrillic capitals), joined to a name by one space.
_CAPITALISED_RE = re.compile(r"[A-Z\u00c0-\u00de\u0391-\u03a9\u0410-\u042f][\w'\u2019.&-]*")


def _capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def proper_name(text: str, start: int, end: int, term_text: str) -> str | None:
    """The capitalised multi-word name around ``text[start:end]``, if the match is part
    of one (``American Cancer Society`` around ``Cancer``), else None.

    Every word of the match is capitalised though the termbase term is lowercase,
    and a capitalised word stands right next to it (one space apart), so this is
    neither a lowercase term nor a term capitalised only because a sentence starts.
    """
    if term_text != term_text.lower() or not term_text[:1].isalpha():
        return None
    words = text[start:end].split()
    if not words or not all(_capitalised(w) for w in words):
        return None
    name_start, name_end = start, end
    while True:  # extend to the left over "Word "
        before = text[:name_start]
        if not before.endswith(" ") or before.endswith("  "):
            break
        m = re.search(r"(\S+) $", before)
        if m is None or not _CAPITALISED_RE.fullmatch(m.group(1).rstrip(".,;:")) or \
                m.group(1)[-1] in ".,;:!?":
            break
        name_start = m.start(1)
    while True:  # and to the right over " Word"
        after = text[name_end:]
        m = _CAPITALISED_RE.match(after[1:]) if after.startswith(" ") else None
        if m is None:
            break
        name_end += 1 + len(m.group().rstrip(".,;:"))
        if m.group() != m.group().rstrip(".,;:"):
            break
    if (name_start, name_end) == (start, end):
        return None  # capitalised alone: a heading or a sentence start, not a name
    return text[name_start:name_end]


def _quote(text: str) -> str:
    return f"\u201c{text}\u201d"


def _forbidden_used(ctx: EntryContext) -> list[tuple[object, object]]:
    """(concept, term) for deprecated/forbidden terms the translation uses."""
    key = "forbidden_used"
    if key in ctx._cache:
        return ctx._cache[key]  # type: ignore[return-value]
    used: list[tuple[object, object]] = []
    indexes = ctx.indexes
    if indexes.has_concepts:
        forbidden = indexes.forbidden
        if forbidden.has_entries:
            for match in forbidden.find_in(ctx.target_tokens):
                keys = joined_keys(TokenizedText(match.text, ctx.lang).keys)
                if keys in indexes.approved.key_set:
                    continue  # also an approved term (of another concept): not forbidden
                used.append((match.concept, match.term))
    ctx._cache[key] = used
    return used


@check(code="T001", name="term-missing", severity=Severity.ERROR)
def term_missing(ctx: EntryContext) -> Iterator[str]:
    """The source uses a termbase concept; the translation uses none of its approved terms.

    Two kinds of text are kept in the original by translators, so a term inside
    them is not reported here (the number, markup and do-not-translate checks
    still apply):

    - a bibliographic reference: a message with a web address or a DOI and a
      four-digit year (``Authors. *Title.* Journal 2017. doi:10...``), whose title
      stays as published;
    - an organisation's proper name: every word of the match is capitalised
      although the termbase term is lowercase, next to another capitalised word
      (``Breast Cancer Now``, ``American Cancer Society``), and the translation
      contains the same name unchanged.

    Bad:
        msgid "Bone metastasis can cause pain."
        msgstr "La propagación a los huesos puede causar dolor."

    Good:
        msgid "Bone metastasis can cause pain."
        msgstr "Las metástasis óseas pueden causar dolor."

        msgid "Support from Breast Cancer Now."
        msgstr "Apoyo de Breast Cancer Now."

        msgid "Smith J. *Bone metastasis.* Lancet 2017. <https://doi.org/10.1/x>"
        msgstr "Smith J. *Bone metastasis.* Lancet 2017. <https://doi.org/10.1/x>"
    """
    checks = ctx.src.term_checks
    if not checks:
        return
    approved = ctx.indexes.approved
    forbidden_concepts: set[int] | None = None
    for match, candidates in checks:
        concept = match.concept
        if not any(approved.has_terms(candidate) for candidate in candidates):
            continue  # the termbase has no term for this language yet
        tokens = ctx.target_tokens
        if any(approved.contains(tokens, candidate) is not None for candidate in candidates):
            continue
        if forbidden_concepts is None:
            forbidden_concepts = {id(c) for c, _term in _forbidden_used(ctx)}
        if id(concept) in forbidden_concepts:
            continue  # reported by T002/T003 with the term to use
        name = proper_name(ctx.masked_source, match.start, match.end, match.term.text)
        if name is not None and name in ctx.target:
            continue  # an organisation's name, kept in the original
        wanted = " or ".join(_quote(t.text) for t in concept.approved_terms(ctx.lang)[:3])
        yield (f"{_quote(match.text)} should be translated as {wanted} "
               f"(termbase concept {concept.id})")


def _forbidden_message(concept: object, term: object, lang: str) -> str:
    preferred = concept.preferred(lang)  # type: ignore[attr-defined]
    use = f"; use {_quote(preferred.text)}" if preferred else ""
    return (f"{_quote(term.text)} is a {term.status.value} term "  # type: ignore[attr-defined]
            f"for {concept.id}{use}")  # type: ignore[attr-defined]


@check(code="T002", name="term-forbidden", severity=Severity.ERROR)
def term_forbidden(ctx: EntryContext) -> Iterator[str]:
    """The translation uses a term the termbase marks forbidden for that language.

    Bad:
        msgid "Bone metastasis can cause pain."
        msgstr "La metástasis huesosa puede causar dolor."

    Good:
        msgid "Bone metastasis can cause pain."
        msgstr "La metástasis ósea puede causar dolor."
    """
    for concept, term in _forbidden_used(ctx):
        if term.status is TermStatus.FORBIDDEN:  # type: ignore[attr-defined]
            yield _forbidden_message(concept, term, ctx.lang)


@check(code="T003", name="term-deprecated", severity=Severity.WARNING)
def term_deprecated(ctx: EntryContext) -> Iterator[str]:
    """The translation uses a deprecated or superseded term; the termbase names a better one.

    Bad:
        msgid "Cancer can spread to the lymph nodes."
        msgstr "Der Krebs kann sich in die Lymphdrüsen ausbreiten."

    Good:
        msgid "Cancer can spread to the lymph nodes."
        msgstr "Der Krebs kann sich in die Lymphknoten ausbreiten."
    """
    for concept, term in _forbidden_used(ctx):
        if term.status is not TermStatus.FORBIDDEN:  # type: ignore[attr-defined]
            yield _forbidden_message(concept, term, ctx.lang)
