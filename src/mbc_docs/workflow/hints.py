"""Term hints for translators: approved translations as extracted comments (``#.``).

``update-po`` asks :func:`hint_factory_for` once, then the factory once per language,
and calls the result for every message. An entry whose English uses termbase concepts
gets one line, which Poedit and Weblate show beside the entry::

    #. Terms: metastasis → metástasis; bone metastasis → metástasis ósea | Do not translate: HER2

The hint lines are rebuilt from the termbase on every run and the old ones dropped
(see ``merge.GENERATED_COMMENT_PREFIXES``; Sphinx's own comments stay), so hints
follow the termbase when it changes. Without a termbase file there are no hints.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .. import languages
from ..project import Project
from .merge import HintFunction

if TYPE_CHECKING:
    from ..termbase import Concept, Termbase

HintFactory = Callable[[str], HintFunction | None]

TERMS_PREFIX = "Terms:"
DNT_PREFIX = "Do not translate:"


class TermHints:
    """Hints from one termbase; concept lookups are shared by every language."""

    def __init__(self, termbase: Termbase, source_lang: str = languages.SOURCE_LANGUAGE):
        self.termbase = termbase
        self.source_lang = source_lang
        self._concepts: dict[str, list[Concept]] = {}

    def concepts(self, msgid: str) -> list[Concept]:
        """Concepts named in ``msgid``, each once, in text order (longest match wins)."""
        found = self._concepts.get(msgid)
        if found is None:
            seen: dict[str, Concept] = {}
            for match in self.termbase.find_concepts(msgid, self.source_lang):
                seen.setdefault(match.concept.id, match.concept)
            found = self._concepts[msgid] = list(seen.values())
        return found

    def line(self, msgid: str, lang: str) -> str | None:
        """The hint for ``msgid`` in ``lang``, or None when it uses no termbase concept."""
        terms: list[str] = []
        dnt: list[str] = []
        for concept in self.concepts(msgid):
            source = concept.label(self.source_lang)
            if concept.dnt:
                if source not in dnt:
                    dnt.append(source)
                continue
            approved = [term.text for term in concept.approved_terms(lang)]
            if approved:
                terms.append(f"{source} → {' / '.join(approved)}")
        parts = []
        if terms:
            parts.append(f"{TERMS_PREFIX} {'; '.join(terms)}")
        if dnt:
            parts.append(f"{DNT_PREFIX} {', '.join(dnt)}")
        return " | ".join(parts) or None

    def for_language(self, lang: str) -> HintFunction:
        def hints(msgid: str) -> list[str]:
            line = self.line(msgid, lang)
            return [line] if line else []

        return hints


def hint_factory_from(path: Path) -> HintFactory | None:
    """A ``lang -> hints`` factory for the termbase at ``path`` (None if there is none).

    A broken termbase is a :class:`~mbc_docs.errors.UserError` (file and line), raised
    before any catalog is touched.
    """
    if not path.exists():
        return None
    from ..termbase import load_termbase

    return TermHints(load_termbase(path)).for_language


def hint_factory_for(project: Project) -> HintFactory | None:
    """Hints from the project's termbase, ``locale/termbase.tbx``."""
    return hint_factory_from(project.termbase)
