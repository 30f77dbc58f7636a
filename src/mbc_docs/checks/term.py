"""Termbase terms: the translation uses an approved term for every concept of the source.

A term counts in any inflected form (plural, gender, case, Arabic clitics), inside
a German compound, and as a substring in Chinese; see
:mod:`mbc_docs.termbase.matching`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..termbase.model import TermStatus
from .context import EntryContext
from .registry import Severity, check


def _quote(text: str) -> str:
    return f"\u201c{text}\u201d"


def _forbidden_used(ctx: EntryContext) -> list[tuple[object, object]]:
    """(concept, term) for deprecated/forbidden terms the translation uses."""
    key = "forbidden_used"
    if key in ctx._cache:
        return ctx._cache[key]  # type: ignore[return-value]
    used: list[tuple[object, object]] = []
    if ctx.termbase is not None and ctx.termbase.concepts:
        forbidden = ctx.termbase.index(ctx.lang, "forbidden")
        if forbidden.by_first:
            approved = ctx.termbase.index(ctx.lang, "approved")
            approved_keys = approved.key_set
            for match in forbidden.find_in(ctx.target_tokens):
                tokens = type(ctx.target_tokens)(match.text, ctx.lang).tokens
                if tuple(t.key for t in tokens) in approved_keys:
                    continue  # also an approved term (of another concept): not forbidden
                used.append((match.concept, match.term))
    ctx._cache[key] = used
    return used


@check(code="T001", name="term-missing", severity=Severity.ERROR)
def term_missing(ctx: EntryContext) -> Iterator[str]:
    """The source uses a termbase concept; the translation uses none of its approved terms.

    Bad:
        msgid "Bone metastasis can cause pain."
        msgstr "La propagación a los huesos puede causar dolor."

    Good:
        msgid "Bone metastasis can cause pain."
        msgstr "Las metástasis óseas pueden causar dolor."
    """
    if not ctx.source_matches:
        return
    approved_index = ctx.termbase.index(ctx.lang, "approved")  # type: ignore[union-attr]
    forbidden_concepts = {id(concept) for concept, _term in _forbidden_used(ctx)}
    seen: set[str] = set()
    for match in ctx.source_matches:
        concept = match.concept
        if concept.dnt or concept.id in seen:
            continue
        seen.add(concept.id)
        candidates = [concept, *match.alternatives]
        if not any(c.approved_terms(ctx.lang) for c in candidates):
            continue  # the termbase has no term for this language yet
        if any(approved_index.contains(ctx.target_tokens, c) for c in candidates):
            continue
        if id(concept) in forbidden_concepts:
            continue  # reported by T002/T003 with the term to use
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
