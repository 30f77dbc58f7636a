"""What a check sees: one translated entry (or one catalog), with shared analysis cached.

Several checks need the same work (the masked texts, the concepts found in the
source, the do-not-translate tokens); :class:`EntryContext` computes each once per
entry, lazily, so a check that is not selected costs nothing.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import polib

from ..termbase.matching import HYPHENS, ConceptMatch, TermIndex, TokenizedText
from ..termbase.model import Concept, Termbase
from . import syntax
from .consistency import normal_text

# A code-like token: HER2, BRCA1, PD-L1, CDK4/6, ER, MRI. Hyphen- or slash-joined parts
# stay one token only while each part is code-like ("HER2-positive" -> "HER2").
_PART = (r"(?:[A-Z][A-Z0-9]*[0-9][A-Z0-9]*|[A-Z]{2,}[0-9]*|[A-Z][a-z]?[0-9]+[A-Za-z]*"
         r"|[0-9]+[A-Z]+[A-Za-z0-9]*)")
#: Latin letters and digits: what may not touch a code or a do-not-translate token.
_LATIN_ALNUM_RANGES = (("0", "9"), ("A", "Z"), ("a", "z"), ("\u00c0", "\u024f"))
_LATIN_ALNUM = "".join(f"{first}-{last}" for first, last in _LATIN_ALNUM_RANGES)
_LATIN_ALNUM_CHARS = frozenset(chr(code) for first, last in _LATIN_ALNUM_RANGES
                               for code in range(ord(first), ord(last) + 1))
# The matches of ``(?<![LATIN_ALNUM])PART(?:[-/](?:PART|[0-9]+))*(?![LATIN_ALNUM])``,
# written to start with a character class: the regex engine then jumps to the
# capitals and digits instead of trying the look-behind at every position (twice as
# fast). The first character is taken, looked behind over, and the rest of each
# alternative of _PART follows, in the same order.
_AFTER_CAPITAL = r"(?:[A-Z0-9]*[0-9][A-Z0-9]*|[A-Z]+[0-9]*|[a-z]?[0-9]+[A-Za-z]*)"
_AFTER_DIGIT = r"[0-9]*[A-Z]+[A-Za-z0-9]*"
CODE_TOKEN_RE = re.compile(
    rf"[A-Z0-9](?<![{_LATIN_ALNUM}][A-Z0-9])(?:(?<=[A-Z]){_AFTER_CAPITAL}|(?<=[0-9]){_AFTER_DIGIT})"
    rf"(?:[-/](?:{_PART}|[0-9]+))*(?![{_LATIN_ALNUM}])")
#: Abbreviations that translations normally translate (EE. UU., OMS, UE...): not codes.
TRANSLATED_ABBREVIATIONS = frozenset({"US", "USA", "UK", "EU", "UN", "WHO", "AM", "PM", "OK",
                                      "TV", "ID", "FAQ", "PDF", "DNA", "RNA"})
_HYPHEN_CLASS = f"[{HYPHENS}]"


@functools.lru_cache(maxsize=4096)
def surface_pattern(surface: str, case_sensitive: bool = True) -> re.Pattern[str]:
    """A pattern finding ``surface`` as a whole token, any hyphen, any space."""
    parts = []
    for ch in surface:
        if ch in HYPHENS:
            parts.append(_HYPHEN_CLASS)
        elif ch.isspace():
            parts.append(r"\s+")
        else:
            parts.append(re.escape(ch))
    flags = 0 if case_sensitive else re.IGNORECASE
    if parts and parts[0] != _HYPHEN_CLASS and parts[0] != r"\s+":
        # The first character, then the look-behind before it: the same matches, but a
        # pattern that starts with a literal is scanned for by the regex engine instead
        # of trying the look-behind at every position of the text.
        first = parts[0]
        body = f"{first}(?<![{_LATIN_ALNUM}]{first}){''.join(parts[1:])}"
    else:
        body = f"(?<![{_LATIN_ALNUM}]){''.join(parts)}"
    return re.compile(rf"{body}(?![{_LATIN_ALNUM}])", flags)


@functools.lru_cache(maxsize=4096)
def _is_plain(surface: str) -> bool:
    """No hyphen and no space: :func:`surface_pattern` would be the literal text."""
    return bool(surface) and not any(ch.isspace() or ch in HYPHENS for ch in surface)


def has_plain_token(text: str, surface: str) -> bool:
    """``surface_pattern(surface).search(text)`` for a surface without hyphens or spaces.

    The same answer with ``str.find`` and two character tests instead of a regex that
    starts with a look-behind (which the regex engine tries at every position): this
    runs for every do-not-translate token of every entry.
    """
    start = text.find(surface)
    size = len(surface)
    while start != -1:
        end = start + size
        if ((start == 0 or text[start - 1] not in _LATIN_ALNUM_CHARS)
                and (end == len(text) or text[end] not in _LATIN_ALNUM_CHARS)):
            return True
        start = text.find(surface, start + 1)
    return False


# A bibliographic reference: a web address or a DOI, and a year.
_REFERENCE_LINK_RE = re.compile(r"https?://|\bdoi\s*:\s*10\.|\bdoi\.org/|\b10\.\d{4,9}/\S",
                                re.IGNORECASE)
_YEAR_RE = re.compile(r"(?<![\d.,/-])(?:1[5-9]|20)\d\d(?![\d%])")


@functools.lru_cache(maxsize=16384)
def is_bibliographic_reference(text: str) -> bool:
    """A footnote-style reference: a URL or DOI and a four-digit year."""
    if "10." not in text:  # without a bare DOI, a link needs "http" or "doi"
        lower = text.lower()
        if "http" not in lower and "doi" not in lower:
            return False
    return bool(_REFERENCE_LINK_RE.search(text)) and bool(_YEAR_RE.search(text))


class SourceAnalysis:
    """Everything the checks need of one source message, whatever the translation.

    The same msgid appears in every language's catalog: a run computes this once
    per distinct (msgid, termbase) and shares it (see :func:`source_analysis`).
    Each part is computed on first use, so a check that is not selected costs nothing.
    """

    __slots__ = ("_code_tokens", "_dnt_free", "_dnt_matches", "_emphasis", "_footnotes",
                 "_inline_code", "_links", "_masked", "_matches", "_normal", "_numbers",
                 "_roles", "_substitutions", "_term_checks", "_tokens", "lang", "plan",
                 "termbase", "text")

    def __init__(self, text: str, lang: str, termbase: Termbase | None) -> None:
        self.text = text
        self.lang = lang
        self.termbase = termbase
        #: (rule codes, rules worth calling): set by the runner (runner.rule_plan).
        self.plan: tuple[tuple[str, ...], list] | None = None
        # Each computed on first use (the properties below).
        self._masked: str | None = None
        self._tokens: TokenizedText | None = None
        self._matches: list[ConceptMatch] | None = None
        self._term_checks: list[tuple[ConceptMatch, list[Concept]]] | None = None
        self._dnt_matches: list[ConceptMatch] | None = None
        self._code_tokens: list[re.Match[str]] | None = None
        self._dnt_free: tuple[str, list[tuple[str, str]]] | None = None
        self._numbers: list[tuple[str, frozenset[Decimal], str | None]] | None = None
        self._roles: list[syntax.Role] | None = None
        self._links: list[str] | None = None
        self._inline_code: list[str] | None = None
        self._footnotes: list[str] | None = None
        self._substitutions: list[str] | None = None
        self._emphasis: tuple[int, int] | None = None
        self._normal: str | None = None

    @property
    def normal(self) -> str:
        """The text as the consistency check compares it (consistency.normal_text): kept
        here, it is computed once for every language's entry of this message."""
        if self._normal is None:
            self._normal = normal_text(self.text)
        return self._normal

    @property
    def masked(self) -> str:
        if self._masked is None:
            self._masked = syntax.mask(self.text)
        return self._masked

    @property
    def tokens(self) -> TokenizedText:
        if self._tokens is None:
            self._tokens = TokenizedText(self.masked, self.lang)
        return self._tokens

    @property
    def matches(self) -> list[ConceptMatch]:
        if self._matches is None:
            tb = self.termbase
            if tb is None or not tb.concepts:
                self._matches = []
            else:
                self._matches = tb.index(self.lang).find_in(self.tokens)
        return self._matches

    @property
    def term_checks(self) -> list[tuple[ConceptMatch, list[Concept]]]:
        """What the term check (T001) looks for in a translation: each concept the
        source names (not do-not-translate, each once) with its homonyms at the same
        place. Empty for a bibliographic reference, whose title stays as published."""
        if self._term_checks is None:
            checks: list[tuple[ConceptMatch, list[Concept]]] = []
            if self.matches and not is_bibliographic_reference(self.text):
                seen: set[str] = set()
                for match in self.matches:
                    concept = match.concept
                    if not concept.dnt and concept.id not in seen:
                        seen.add(concept.id)
                        checks.append((match, [concept, *match.alternatives]))
            self._term_checks = checks
        return self._term_checks

    @property
    def dnt_matches(self) -> list[ConceptMatch]:
        if self._dnt_matches is None:
            self._dnt_matches = [m for m in self.matches if m.concept.dnt]
        return self._dnt_matches

    @property
    def code_tokens(self) -> list[re.Match[str]]:
        if self._code_tokens is None:
            masked = self.masked
            if not _UPPER_OR_DIGIT_RE.search(masked):
                self._code_tokens = []
            else:
                covered = [(m.start, m.end) for m in self.matches]
                self._code_tokens = [
                    m for m in CODE_TOKEN_RE.finditer(masked)
                    if m.group() not in TRANSLATED_ABBREVIATIONS
                    and not any(a <= m.start() < b for a, b in covered)]
        return self._code_tokens

    @property
    def dnt_free(self) -> tuple[str, list[tuple[str, str]]]:
        """The prose with do-not-translate tokens blanked, and those tokens' surfaces
        (longest first) with their first run of digits ("" if none), for blanking them
        in a translation."""
        if self._dnt_free is None:
            dnt, codes = self.dnt_matches, self.code_tokens
            if not dnt and not codes:
                self._dnt_free = (self.masked, [])
            else:
                surfaces = {m.text for m in dnt} | {m.group() for m in codes}
                spans = [(m.start, m.end) for m in dnt] + [m.span() for m in codes]
                self._dnt_free = (syntax.blank(self.masked, spans, keep_lines=False), [
                    (surface, _first_digits(surface))
                    for surface in sorted(surfaces, key=len, reverse=True)])
        return self._dnt_free

    @property
    def numbers(self) -> list:
        if self._numbers is None:
            from .numbers import numbers

            self._numbers = numbers(self.dnt_free[0])
        return self._numbers

    @property
    def roles(self) -> list[syntax.Role]:
        if self._roles is None:
            self._roles = syntax.roles(self.text)
        return self._roles

    @property
    def links(self) -> list[str]:
        if self._links is None:
            self._links = syntax.links(self.text)
        return self._links

    @property
    def inline_code(self) -> list[str]:
        if self._inline_code is None:
            self._inline_code = syntax.inline_code(self.text)
        return self._inline_code

    @property
    def footnotes(self) -> list[str]:
        if self._footnotes is None:
            self._footnotes = syntax.footnotes(self.text)
        return self._footnotes

    @property
    def substitutions(self) -> list[str]:
        if self._substitutions is None:
            self._substitutions = syntax.substitutions(self.text)
        return self._substitutions

    @property
    def emphasis(self) -> tuple[int, int]:
        if self._emphasis is None:
            self._emphasis = syntax.emphasis_counts(self.text, self.masked)
        return self._emphasis


_UPPER_OR_DIGIT_RE = re.compile(r"[A-Z0-9]")
_DIGITS_RE = re.compile(r"[0-9]+")


def _first_digits(surface: str) -> str:
    match = _DIGITS_RE.search(surface)
    return match.group() if match else ""


def source_analysis(cache: dict | None, text: str, lang: str,
                    termbase: Termbase | None) -> SourceAnalysis:
    """The analysis of ``text``, from ``cache`` (a per-run dict) when it has it."""
    if cache is None:
        return SourceAnalysis(text, lang, termbase)
    found = cache.get(text)
    if found is None or found.termbase is not termbase or found.lang != lang:
        found = SourceAnalysis(text, lang, termbase)
        if len(cache) >= 200_000:
            cache.clear()
        cache[text] = found
    return found


class TargetIndexes:
    """The termbase's indexes of one translation language, for every entry of a catalog.

    The runner makes one per catalog: ``Termbase.index`` and the termbase's length
    are Python methods, about 1,700 instructions a call, and the term checks asked
    them of every entry. Each index is still looked up only when a check needs it.
    """

    __slots__ = ("_approved", "_forbidden", "has_concepts", "lang", "termbase")

    def __init__(self, termbase: Termbase | None, lang: str) -> None:
        self.termbase = termbase
        self.lang = lang
        #: A termbase with at least one concept: without, the term checks have nothing.
        self.has_concepts = termbase is not None and bool(termbase.concepts)
        self._approved: TermIndex | None = None
        self._forbidden: TermIndex | None = None

    @property
    def approved(self) -> TermIndex:
        if self._approved is None:
            assert self.termbase is not None
            self._approved = self.termbase.index(self.lang, "approved")
        return self._approved

    @property
    def forbidden(self) -> TermIndex:
        if self._forbidden is None:
            assert self.termbase is not None
            self._forbidden = self.termbase.index(self.lang, "forbidden")
        return self._forbidden


class EntryContext:
    """One translated message: source, translation, language, termbase.

    Made once per translated entry, so it is a plain slotted class: every derived
    value (masked text, tokens, roles...) is computed on first use and kept.
    """

    __slots__ = ("_cache", "_dnt_free_texts", "_masked_target", "_target_roles",
                 "_target_tokens", "entry", "indexes", "lang", "path", "source", "source_lang",
                 "src", "target", "termbase")

    def __init__(self, source: str, target: str, lang: str, termbase: Termbase | None,
                 entry: polib.POEntry | None = None, path: Path | None = None,
                 source_lang: str = "en", src: SourceAnalysis | None = None,
                 indexes: TargetIndexes | None = None) -> None:
        self.source = source
        self.target = target
        self.lang = lang
        self.termbase = termbase
        if indexes is None or indexes.termbase is not termbase or indexes.lang != lang:
            indexes = TargetIndexes(termbase, lang)
        self.indexes = indexes
        self.entry = entry
        self.path = path
        self.source_lang = source_lang
        if src is None or src.text != source:
            src = SourceAnalysis(source, source_lang, termbase)
        self.src = src
        #: What several checks of one entry share (the numbers found, forbidden terms).
        self._cache: dict[str, object] = {}
        self._masked_target: str | None = None
        self._target_tokens: TokenizedText | None = None
        self._target_roles: list[syntax.Role] | None = None
        self._dnt_free_texts: tuple[str, str] | None = None

    @property
    def masked_source(self) -> str:
        return self.src.masked

    @property
    def masked_target(self) -> str:
        if self._masked_target is None:
            self._masked_target = syntax.mask(self.target)
        return self._masked_target

    @property
    def source_tokens(self) -> TokenizedText:
        return self.src.tokens

    @property
    def target_tokens(self) -> TokenizedText:
        if self._target_tokens is None:
            self._target_tokens = TokenizedText(self.masked_target, self.lang)
        return self._target_tokens

    @property
    def source_matches(self) -> list[ConceptMatch]:
        """Concepts named in the source prose (longest match first)."""
        return self.src.matches

    @property
    def dnt_matches(self) -> list[ConceptMatch]:
        return self.src.dnt_matches

    @property
    def code_tokens(self) -> list[re.Match[str]]:
        """Code-like tokens of the source prose that no termbase concept covers."""
        return self.src.code_tokens

    @property
    def target_roles(self) -> list[syntax.Role]:
        if self._target_roles is None:
            self._target_roles = syntax.roles(self.target)
        return self._target_roles

    def target_has_surface(self, surface: str, case_sensitive: bool = True) -> bool:
        if case_sensitive and _is_plain(surface):
            return has_plain_token(self.masked_target, surface)
        return surface_pattern(surface, case_sensitive).search(self.masked_target) is not None

    @property
    def dnt_free_texts(self) -> tuple[str, str]:
        """Source and target prose with intact do-not-translate tokens blanked out.

        Numbers inside ``CA 15-3`` or ``BRCA1`` are part of a name, not quantities.
        """
        if self._dnt_free_texts is None:
            src, surfaces = self.src.dnt_free
            tgt = self.masked_target
            for surface, digits in surfaces:
                # Only a token with a digit can hide a number ("HER2" or "CA 15-3", not
                # "PR"), and it can only be there if its first digits are.
                if digits and digits in tgt:
                    tgt = surface_pattern(surface, False).sub(_blank_match, tgt)
            self._dnt_free_texts = (src, tgt)
        return self._dnt_free_texts


def _blank_match(m: re.Match[str]) -> str:
    return " " * len(m.group())


@dataclass
class CatalogContext:
    """One catalog, for the catalog-state checks."""

    po: polib.POFile
    path: Path
    lang: str
