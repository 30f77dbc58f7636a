"""The termbase in memory: concepts, each with terms per language.

Concept-oriented like TBX: one :class:`Concept` per meaning, holding for each
language its terms with a status (preferred, admitted, deprecated, superseded,
forbidden). The checker and the translator hints only ever ask two questions of a
concept: which terms may a translation use (:meth:`Concept.approved_terms`) and
which must it not (:meth:`Concept.forbidden_terms`).
"""

from __future__ import annotations

import enum
import functools
import marshal
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .matching import ConceptMatch, TermIndex


class TermStatus(enum.StrEnum):
    """TBX ``administrativeStatus`` (``preferredTerm-admn-sts`` -> ``preferred``)."""

    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"
    SUPERSEDED = "superseded"
    FORBIDDEN = "forbidden"

    @property
    def approved(self) -> bool:
        return self in (TermStatus.PREFERRED, TermStatus.ADMITTED)

    @classmethod
    def parse(cls, value: str | None) -> TermStatus | None:
        """Accept TBX picklist values, Weblate's words and plain spreadsheet words."""
        if value is None:
            return None
        word = value.strip().lower()
        for suffix in ("term-admn-sts", "-admn-sts", "term"):
            if word.endswith(suffix) and word != suffix:
                word = word[: -len(suffix)]
                break
        word = word.rstrip("-_ ")
        return _STATUS_WORDS.get(word)


_STATUS_WORDS = {
    "": None,
    "preferred": TermStatus.PREFERRED,
    "preferredterm": TermStatus.PREFERRED,
    "admitted": TermStatus.ADMITTED,
    "admittedterm": TermStatus.ADMITTED,
    "allowed": TermStatus.ADMITTED,
    "approved": TermStatus.ADMITTED,
    "deprecated": TermStatus.DEPRECATED,
    "deprecatedterm": TermStatus.DEPRECATED,
    "superseded": TermStatus.SUPERSEDED,
    "supersededterm": TermStatus.SUPERSEDED,
    "obsolete": TermStatus.SUPERSEDED,
    "forbidden": TermStatus.FORBIDDEN,
    "forbiddenterm": TermStatus.FORBIDDEN,
    "notrecommended": TermStatus.DEPRECATED,
    "not recommended": TermStatus.DEPRECATED,
}

_STATUS_ORDER = {s: i for i, s in enumerate(TermStatus)}


@functools.cache
def language_keys(lang: str) -> tuple[str, ...]:
    """Lookup order for a language: ``zh_Hans_CN`` -> ``zh_Hans_CN``, ``zh_Hans``, ``zh``."""
    code = lang.replace("-", "_")
    parts = code.split("_")
    return tuple("_".join(parts[:n]) for n in range(len(parts), 0, -1))


@dataclass
class Term:
    """One written form of a concept in one language."""

    text: str
    lang: str
    status: TermStatus = TermStatus.PREFERRED
    case_sensitive: bool = False
    part_of_speech: str | None = None
    note: str | None = None
    line: int | None = None  # where it is defined in the termbase file, for messages

    @property
    def approved(self) -> bool:
        return self.status.approved


@dataclass
class Concept:
    """One meaning, with its terms per language (keys in gettext spelling: ``zh_CN``)."""

    id: str
    terms: dict[str, list[Term]] = field(default_factory=dict)
    dnt: bool = False
    definition: str | None = None
    note: str | None = None
    subject: str | None = None
    definitions: dict[str, str] = field(default_factory=dict)  # per language

    def add(self, term: Term) -> None:
        self.terms.setdefault(term.lang, []).append(term)

    @property
    def languages(self) -> list[str]:
        return list(self.terms)

    def terms_for(self, lang: str) -> list[Term]:
        """All terms of ``lang`` (falling back from ``es_MX`` to ``es``), best status first."""
        for key in language_keys(lang):
            if key in self.terms:
                return sorted(self.terms[key], key=lambda t: _STATUS_ORDER[t.status])
        # A catalog "zh" against a termbase written for "zh_CN": use the regional list.
        base = language_keys(lang)[-1]
        for key, terms in self.terms.items():
            if key.split("_")[0] == base:
                return sorted(terms, key=lambda t: _STATUS_ORDER[t.status])
        return []

    def approved_terms(self, lang: str) -> list[Term]:
        """Terms a translation may use, preferred first."""
        return [t for t in self.terms_for(lang) if t.status.approved]

    def forbidden_terms(self, lang: str) -> list[Term]:
        """Terms a translation must not use: deprecated, superseded or forbidden."""
        return [t for t in self.terms_for(lang) if not t.status.approved]

    def preferred(self, lang: str) -> Term | None:
        approved = self.approved_terms(lang)
        return approved[0] if approved else None

    def label(self, lang: str = "en") -> str:
        """A human name for messages: the preferred source term, else the id."""
        term = self.preferred(lang) or next(iter(self.all_terms()), None)
        return term.text if term else self.id

    def all_terms(self) -> Iterable[Term]:
        for terms in self.terms.values():
            yield from terms

    def to_plain(self) -> tuple:
        """Built-in types only (for :mod:`marshal`): see :meth:`from_plain`."""
        return (self.id, self.dnt, self.definition, self.note, self.subject,
                dict(self.definitions),
                tuple((lang, tuple((t.text, t.status.value, t.case_sensitive, t.part_of_speech,
                                    t.note, t.line) for t in terms))
                      for lang, terms in self.terms.items()))

    @classmethod
    def from_plain(cls, plain: tuple) -> Concept:
        concept_id, dnt, definition, note, subject, definitions, languages = plain
        terms = {lang: [Term(text, lang, TermStatus(status), case_sensitive, pos, term_note, line)
                        for text, status, case_sensitive, pos, term_note, line in rows]
                 for lang, rows in languages}
        return cls(concept_id, terms, dnt, definition, note, subject, definitions)


class LazyConcepts(Sequence[Concept]):
    """The concepts of a cached termbase, each unpacked the first time it is asked for.

    A check run meets a few hundred concepts of a 10,000-concept termbase: building
    every :class:`Concept` and :class:`Term` object up front would cost more than the
    whole check. Each concept is kept as its :mod:`marshal` bytes until then.
    """

    def __init__(self, blobs: Sequence[bytes]) -> None:
        self._blobs = blobs
        self._made: dict[int, Concept] = {}

    def __len__(self) -> int:
        return len(self._blobs)

    def __getitem__(self, index):  # type: ignore[no-untyped-def, override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self._blobs)
        concept = self._made.get(index)
        if concept is None:
            concept = self._made[index] = Concept.from_plain(marshal.loads(self._blobs[index]))
        return concept

    def __iter__(self) -> Iterator[Concept]:
        for index in range(len(self._blobs)):
            yield self[index]

    def blob(self, index: int) -> bytes:
        return self._blobs[index]


@dataclass
class Termbase:
    """All concepts of a termbase, with a lazily built match index per language."""

    concepts: list[Concept] | LazyConcepts = field(default_factory=list)
    source_lang: str = "en"
    path: str | None = None
    _indexes: dict[tuple[str, str], TermIndex] = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.concepts)

    @property
    def languages(self) -> list[str]:
        seen: dict[str, None] = {}
        for concept in self.concepts:
            for lang in concept.terms:
                seen.setdefault(lang, None)
        return list(seen)

    def concept(self, concept_id: str) -> Concept | None:
        for concept in self.concepts:
            if concept.id == concept_id:
                return concept
        return None

    def index(self, lang: str, which: str = "all") -> TermIndex:
        """The match index of ``lang`` (``all``, ``approved`` or ``forbidden`` terms), cached."""
        key = (lang, which)
        index = self._indexes.get(key)
        if index is None:
            from .matching import TermIndex

            index = TermIndex.build(self, lang, which)
            self._indexes[key] = index
        return index

    def find_concepts(self, text: str, lang: str = "en") -> list[ConceptMatch]:
        """Concepts named in ``text`` (in ``lang``), longest match first, in text order."""
        return self.index(lang).find(text)

    def __getstate__(self) -> dict[str, object]:
        # Indexes are rebuilt on demand in a worker process: cheaper than pickling them.
        state = dict(self.__dict__)
        state["_indexes"] = {}
        return state
