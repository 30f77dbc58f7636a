"""What a check sees: one translated entry (or one catalog), with shared analysis cached.

Several checks need the same work (the masked texts, the concepts found in the
source, the do-not-translate tokens); :class:`EntryContext` computes each once per
entry, lazily, so a check that is not selected costs nothing.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import polib

from ..termbase.matching import ConceptMatch, TokenizedText
from ..termbase.model import Termbase
from . import syntax

# A code-like token: HER2, BRCA1, PD-L1, CDK4/6, ER, MRI. Hyphen- or slash-joined parts
# stay one token only while each part is code-like ("HER2-positive" -> "HER2").
_PART = (r"(?:[A-Z][A-Z0-9]*[0-9][A-Z0-9]*|[A-Z]{2,}[0-9]*|[A-Z][a-z]?[0-9]+[A-Za-z]*"
         r"|[0-9]+[A-Z]+[A-Za-z0-9]*)")
CODE_TOKEN_RE = re.compile(rf"(?<![A-Za-z0-9\u00c0-\u024f]){_PART}(?:[-/](?:{_PART}|[0-9]+))*"
                           r"(?![A-Za-z0-9\u00c0-\u024f])")
#: Abbreviations that translations normally translate (EE. UU., OMS, UE...): not codes.
TRANSLATED_ABBREVIATIONS = frozenset({"US", "USA", "UK", "EU", "UN", "WHO", "AM", "PM", "OK",
                                      "TV", "ID", "FAQ", "PDF", "DNA", "RNA"})
_LATIN_ALNUM = "0-9A-Za-z\u00c0-\u024f"
_HYPHEN_CLASS = "[-\u2010\u2011\u2012\u2013\u00ad]"


@functools.lru_cache(maxsize=4096)
def surface_pattern(surface: str, case_sensitive: bool = True) -> re.Pattern[str]:
    """A pattern finding ``surface`` as a whole token, any hyphen, any space."""
    parts = []
    for ch in surface:
        if ch in "-\u2010\u2011\u2012\u2013\u00ad":
            parts.append(_HYPHEN_CLASS)
        elif ch.isspace():
            parts.append(r"\s+")
        else:
            parts.append(re.escape(ch))
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(rf"(?<![{_LATIN_ALNUM}]){''.join(parts)}(?![{_LATIN_ALNUM}])", flags)


@dataclass
class EntryContext:
    """One translated message: source, translation, language, termbase."""

    source: str
    target: str
    lang: str
    termbase: Termbase | None
    entry: polib.POEntry | None = None
    path: Path | None = None
    source_lang: str = "en"
    _cache: dict[str, object] = field(default_factory=dict, repr=False)

    @functools.cached_property
    def masked_source(self) -> str:
        return syntax.mask(self.source)

    @functools.cached_property
    def masked_target(self) -> str:
        return syntax.mask(self.target)

    @functools.cached_property
    def source_tokens(self) -> TokenizedText:
        return TokenizedText(self.masked_source, self.source_lang)

    @functools.cached_property
    def target_tokens(self) -> TokenizedText:
        return TokenizedText(self.masked_target, self.lang)

    @functools.cached_property
    def source_matches(self) -> list[ConceptMatch]:
        """Concepts named in the source prose (longest match first)."""
        if self.termbase is None or not self.termbase.concepts:
            return []
        return self.termbase.index(self.source_lang).find_in(self.source_tokens)

    @functools.cached_property
    def dnt_matches(self) -> list[ConceptMatch]:
        return [m for m in self.source_matches if m.concept.dnt]

    @functools.cached_property
    def code_tokens(self) -> list[re.Match[str]]:
        """Code-like tokens of the source prose that no termbase concept covers."""
        covered = [(m.start, m.end) for m in self.source_matches]
        return [m for m in CODE_TOKEN_RE.finditer(self.masked_source)
                if m.group() not in TRANSLATED_ABBREVIATIONS
                and not any(a <= m.start() < b for a, b in covered)]

    def target_has_surface(self, surface: str, case_sensitive: bool = True) -> bool:
        return surface_pattern(surface, case_sensitive).search(self.masked_target) is not None

    @functools.cached_property
    def dnt_free_texts(self) -> tuple[str, str]:
        """Source and target prose with intact do-not-translate tokens blanked out.

        Numbers inside ``CA 15-3`` or ``BRCA1`` are part of a name, not quantities.
        """
        surfaces = {m.text for m in self.dnt_matches} | {m.group() for m in self.code_tokens}
        src = list(self.masked_source)
        tgt = self.masked_target
        for m in self.dnt_matches:
            src[m.start:m.end] = " " * (m.end - m.start)
        for m in self.code_tokens:
            src[m.start():m.end()] = " " * (m.end() - m.start())
        for surface in sorted(surfaces, key=len, reverse=True):
            tgt = surface_pattern(surface, False).sub(lambda mm: " " * len(mm.group()), tgt)
        return "".join(src), tgt


@dataclass
class CatalogContext:
    """One catalog, for the catalog-state checks."""

    po: polib.POFile
    path: Path
    lang: str
