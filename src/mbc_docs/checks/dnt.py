"""Do-not-translate tokens: biomarker, gene and test names stay exactly as in the source."""

from __future__ import annotations

from collections.abc import Iterator

from .context import EntryContext
from .registry import Severity, check


@check(code="D001", name="dnt-changed", severity=Severity.ERROR)
def dnt_changed(ctx: EntryContext) -> Iterator[str]:
    """A do-not-translate term of the termbase is missing or changed in the translation.

    Bad:
        msgid "Your HER2 status guides treatment."
        msgstr "Su estado de RE2 orienta el tratamiento."

    Good:
        msgid "Your HER2 status guides treatment."
        msgstr "Su estado de HER2 orienta el tratamiento."
    """
    seen: set[str] = set()
    for match in ctx.dnt_matches:
        surface = match.text
        if surface in seen:
            continue
        seen.add(surface)
        if ctx.target_has_surface(surface, case_sensitive=True):
            continue
        if ctx.target_has_surface(match.term.text, case_sensitive=True):
            continue  # the termbase spelling instead of a variant spelling in the source
        allowed = [t.text for t in match.concept.approved_terms(ctx.lang)]
        if any(ctx.target_has_surface(text, case_sensitive=True) for text in allowed):
            continue
        yield f"do-not-translate term \u201c{surface}\u201d is missing or changed"


@check(code="D002", name="dnt-token-missing", severity=Severity.WARNING)
def dnt_token_missing(ctx: EntryContext) -> Iterator[str]:
    """An ALL-CAPS or letters-and-digits token of the source (not in the termbase) is gone.

    Codes such as ``CDK4/6``, ``ESR1`` or ``T-DM1`` are normally kept as they are.
    Add the token to the termbase (with translations if it is translated, as
    ``IRM`` for ``MRI`` in French) to turn this warning into a precise rule.

    Bad:
        msgid "Tests look for changes in the ESR1 gene."
        msgstr "Las pruebas buscan cambios en el gen."

    Good:
        msgid "Tests look for changes in the ESR1 gene."
        msgstr "Las pruebas buscan cambios en el gen ESR1."
    """
    seen: set[str] = set()
    for match in ctx.code_tokens:
        token = match.group()
        if token in seen:
            continue
        seen.add(token)
        if not ctx.target_has_surface(token, case_sensitive=True):
            yield f"\u201c{token}\u201d is missing or changed (codes are usually not translated)"
