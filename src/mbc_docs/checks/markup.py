"""Markup: roles and their targets, links, inline code, emphasis, footnotes, substitutions.

In this project a translation keeps the English target of a ``{term}`` role in angle
brackets and translates only the display text:
``{term}`metástasis ósea <bone metastasis>```. A ``{term}`` role without explicit
target in the source names its target by its text, so the translation must use
``<that text>`` as target (or keep the same text).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from . import syntax
from .context import EntryContext
from .registry import Severity, check


def _difference(source: Sequence[object], target: Sequence[object]) -> tuple[list, list]:
    if not source and not target:
        return [], []
    if list(source) == list(target):
        return [], []
    src, tgt = Counter(source), Counter(target)
    return list((src - tgt).elements()), list((tgt - src).elements())


def _roles(ctx: EntryContext) -> tuple[list[syntax.Role], list[syntax.Role]]:
    return ctx.src.roles, ctx.target_roles  # type: ignore[union-attr]


@check(code="M001", name="markup-role-changed", severity=Severity.ERROR)
def markup_role_changed(ctx: EntryContext) -> Iterator[str]:
    """A role of the source (``{term}``, ``{ref}``, ``{doc}``...) or its target is changed.

    Bad:
        msgid "Read about {term}`bone metastasis`."
        msgstr "Lea sobre la {term}`metástasis ósea`."

    Good:
        msgid "Read about {term}`bone metastasis`."
        msgstr "Lea sobre la {term}`metástasis ósea <bone metastasis>`."
    """
    src_roles, tgt_roles = _roles(ctx)
    if not src_roles and not tgt_roles:
        return
    src_sigs = [r.signature() for r in src_roles]
    tgt_sigs = [r.signature() for r in tgt_roles]
    missing, extra = _difference(src_sigs, tgt_sigs)
    if not missing and not extra:
        return  # most translations: the roles match, nothing to look up
    by_sig = dict(zip(src_sigs, src_roles, strict=True))
    extra_roles = dict(zip(tgt_sigs, tgt_roles, strict=True))
    for sig in missing:
        role = by_sig[sig]
        found = next((extra_roles[e] for e in extra if e[0] == sig[0]), None)
        if found is not None:
            yield f"role {role.render()} became {found.render()}"
            extra.remove(found.signature())
        else:
            yield f"role {role.render()} is missing in the translation"
    for sig in extra:
        yield f"role {extra_roles[sig].render()} is not in the source"


@check(code="M002", name="markup-link-changed", severity=Severity.ERROR)
def markup_link_changed(ctx: EntryContext) -> Iterator[str]:
    """A link address of the source is missing or changed in the translation.

    Bad:
        msgid "See <https://seer.cancer.gov/statfacts/>."
        msgstr "Vea <https://seer.cancer.gov/statfact/>."

    Good:
        msgid "See <https://seer.cancer.gov/statfacts/>."
        msgstr "Vea <https://seer.cancer.gov/statfacts/>."
    """
    missing, extra = _difference(ctx.src.links, syntax.links(ctx.target))  # type: ignore[union-attr]
    for url in missing:
        yield f"link {url} is missing or changed" + (f" (found {extra[0]})" if extra else "")
    if not missing:
        for url in extra:
            yield f"link {url} is not in the source"


@check(code="M003", name="markup-code-changed", severity=Severity.ERROR)
def markup_code_changed(ctx: EntryContext) -> Iterator[str]:
    """Inline code of the source is missing or changed (code is never translated).

    Bad:
        msgid "Run `make html`."
        msgstr "Ejecute `hacer html`."

    Good:
        msgid "Run `make html`."
        msgstr "Ejecute `make html`."
    """
    src = ctx.src.inline_code  # type: ignore[union-attr]
    if not src:
        return  # only missing code is reported
    missing, _extra = _difference(src, syntax.inline_code(ctx.target))
    for code in missing:
        yield f"inline code `{code}` is missing or changed"


@check(code="M004", name="markup-emphasis-changed", severity=Severity.WARNING)
def markup_emphasis_changed(ctx: EntryContext) -> Iterator[str]:
    """The translation has a different number of bold or italic spans than the source.

    Bad:
        msgid "Call **now** if you have a fever."
        msgstr "Llame ahora si tiene fiebre."

    Good:
        msgid "Call **now** if you have a fever."
        msgstr "Llame **ahora** si tiene fiebre."
    """
    if "*" not in ctx.source + ctx.target and "_" not in ctx.source + ctx.target:
        return
    src_strong, src_em = ctx.src.emphasis  # type: ignore[union-attr]
    tgt_strong, tgt_em = syntax.emphasis_counts(ctx.target, ctx.masked_target)
    if src_strong != tgt_strong:
        yield f"{src_strong} bold span(s) in the source, {tgt_strong} in the translation"
    if src_em != tgt_em:
        yield f"{src_em} italic span(s) in the source, {tgt_em} in the translation"


@check(code="M005", name="markup-footnote-changed", severity=Severity.ERROR)
def markup_footnote_changed(ctx: EntryContext) -> Iterator[str]:
    """A footnote reference (``[^label]``) of the source is missing or renamed.

    Bad:
        msgid "About 6 in 100 people[^seer-stat-facts]."
        msgstr "Unas 6 de cada 100 personas[^seer]."

    Good:
        msgid "About 6 in 100 people[^seer-stat-facts]."
        msgstr "Unas 6 de cada 100 personas[^seer-stat-facts]."
    """
    src, tgt = ctx.src.footnotes, syntax.footnotes(ctx.target)  # type: ignore[union-attr]
    if not src and not tgt:
        return
    missing, extra = _difference(src, tgt)
    for label, other in zip(missing, extra, strict=False):
        yield f"footnote reference [^{label}] became [^{other}]"
    for label in missing[len(extra):]:
        yield f"footnote reference [^{label}] is missing"
    for label in extra[len(missing):]:
        yield f"footnote reference [^{label}] is not in the source"


@check(code="M006", name="markup-substitution-changed", severity=Severity.ERROR)
def markup_substitution_changed(ctx: EntryContext) -> Iterator[str]:
    """A substitution (``{{ name }}``) of the source is missing or renamed.

    Bad:
        msgid "Reviewed on {{ last_reviewed }}."
        msgstr "Revisado el {{ ultima_revision }}."

    Good:
        msgid "Reviewed on {{ last_reviewed }}."
        msgstr "Revisado el {{ last_reviewed }}."
    """
    src = ctx.src.substitutions  # type: ignore[union-attr]
    if not src:
        return  # only missing substitutions are reported
    missing, _extra = _difference(src, syntax.substitutions(ctx.target))
    for name in missing:
        yield f"substitution {{{{ {name} }}}} is missing or renamed"
