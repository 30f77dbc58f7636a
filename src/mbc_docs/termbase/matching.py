"""Finding terms in text: the source finder and the per-language target acceptance.

Why this design:

- Text is cut into tokens: runs of letters/digits (with combining marks, so Arabic
  vowel signs and decomposed accents stay inside the word), and one token per
  character for scripts written without spaces (Chinese, Japanese, Thai...). So a
  Chinese term matches as a substring, and "HER2阳性" still yields the token HER2.
  Hyphens and apostrophes end a token: "HER2-positive" contains HER2, French
  "l'ascite" contains "ascite".
- Every token gets a *key* (NFKC, case-folded, Arabic letters normalised and
  clitics stripped, then stemmed with the language's Snowball stemmer) and a
  *variant set*: the case-folded word and its light suffix stripping for the
  language (French/Spanish/Italian/Portuguese -s, -x, -es; German -e, -en, -n, -er,
  -es, -s, -nen; Arabic plural, feminine and pronoun suffixes), and, kept apart (a
  form only meets a form, a stem only a stem), its stem. A stemmer alone is not
  consistent across inflections (French "cancer" -> "canc" but "cancers" ->
  "cancer"); two tokens are the same word when their variant sets intersect, so
  "cancers du sein" uses "cancer du sein", "cánceres de mama" uses "cáncer de
  mama" and "Knochenmetastasen" uses "Knochenmetastase".
- In a text (not in a term), Arabic tokens also get the variants without the
  proclitics b, l, k (and the article after them): "for breast cancer" uses the
  term "breast cancer". Only on the text side: a term starting with one of those
  letters keeps it. In Arabic-script languages a token also ends where the script
  changes, so the conjunction w glued to "PR" is two tokens and uses the
  case-sensitive term "PR".
- The index maps every variant of a term's first token to the terms starting with
  it, longest first. Finding terms walks the text once and looks each token's
  variants up in a dict (the merged candidate list is cached per variant set): the
  cost depends on the text, not on the size of the termbase, and the longest term
  at a position wins ("bone metastasis" over "bone").
- In compounding languages (German, Dutch, Swedish...), a one-word term also counts
  when a word contains it: "Knochenmetastasen" uses the term "Metastase".
"""

from __future__ import annotations

import functools
import marshal
import operator
import re
import struct
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

# At run time, not only for type checkers: compiled dataclasses resolve their fields.
from .model import Concept, Term, Termbase

# Scripts written without spaces between words: one token per character.
_NOSPACE = (
    "\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
    "\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff"
)
# Combining marks that Python's \w does not count as word characters.
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06ed\u0900-\u0dff\u200c\u200d"
)
# Runs inside the group ("+" twice): the same tokens as one character at a time, faster.
TOKEN_RE = re.compile(rf"[{_NOSPACE}]|(?:[^\W{_NOSPACE}]+|[{_MARKS}]+)+")
_NOSPACE_RE = re.compile(rf"[{_NOSPACE}]")
# Arabic-script letters and digits: in Arabic-script languages a token ends where the
# script changes, so the conjunction glued to a Latin symbol ("وPR") is its own token.
_ARABIC_WORD = "\u0620-\u064a\u0660-\u0669\u066e-\u06d3\u06d5\u06ee-\u06ff\u0750-\u077f"
TOKEN_RE_ARABIC_SCRIPT = re.compile(
    rf"[{_NOSPACE}]|(?:[{_ARABIC_WORD}]|[{_MARKS}])+|(?:[^\W{_NOSPACE}{_ARABIC_WORD}]|[{_MARKS}])+")
_ARABIC_SCRIPT_LANGS = frozenset({"ar", "fa", "ur", "ps", "ckb", "sd", "ug"})
#: Hyphens, soft hyphen included: one gap kind in terms, one character class in patterns.
HYPHENS = "-\u2010\u2011\u2012\u2013\u00ad"
_APOSTROPHES = "'\u2019\u02bc\u2018"

_SNOWBALL = {
    "ar": "arabic", "ca": "catalan", "cs": "czech", "da": "danish", "de": "german",
    "el": "greek", "en": "english", "eo": "esperanto", "es": "spanish", "et": "estonian",
    "eu": "basque", "fa": "persian", "fi": "finnish", "fr": "french", "ga": "irish",
    "hi": "hindi", "hu": "hungarian", "hy": "armenian", "id": "indonesian",
    "it": "italian", "lt": "lithuanian", "nb": "norwegian", "ne": "nepali",
    "nl": "dutch", "nn": "norwegian", "no": "norwegian", "pl": "polish",
    "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian",
    "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}
#: Languages that write compounds as one word: a word containing a term uses it.
COMPOUNDING = frozenset({"de", "nl", "sv", "da", "no", "nb", "nn", "fi", "is", "et", "hu",
                         "af", "lb"})

_ARABIC_RE = re.compile("[\u0600-\u06ff]")
_ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# Alef forms -> bare alef, teh marbuta -> heh, alef maksura -> yeh, Persian kaf/yeh.
_ARABIC_LETTERS = str.maketrans({
    "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
    "\u0629": "\u0647", "\u0649": "\u064a", "\u0624": "\u0648", "\u0626": "\u064a",
    "\u06a9": "\u0643", "\u06cc": "\u064a",
})
_ARABIC_ARTICLES = ("وبال", "وكال", "وال", "بال", "كال", "فال", "لل", "ال")
# Only the conjunctions: b/l/k are too often the first root letter (kabid, liver).
_ARABIC_CLITICS = ("\u0648", "\u0641")
# ... so b/l/k are only stripped as an extra *variant* of a text token (see the module doc).
_ARABIC_PROCLITICS = ("\u0628", "\u0644", "\u0643")
# Suffixes after normalisation (teh marbuta is heh): plural, feminine, pronouns.
_ARABIC_SUFFIXES = ("\u0627\u062a", "\u064a\u0646", "\u0648\u0646", "\u0647\u0627",
                    "\u0647\u0645", "\u0647")
_ARABIC_PRONOUNS = ("\u0647\u0627", "\u0647\u0645", "\u0647")

#: Marks a stem in a variant set (see Analyzer._variants).
STEM_MARK = "\x00"

#: Light suffix stripping per language: inflections a stemmer does not always unify.
LIGHT_SUFFIXES = {
    "fr": ("es", "s", "x", "ent"),
    "es": ("es", "s"), "it": ("es", "s"), "pt": ("es", "s"), "ca": ("es", "s"),
    "ro": ("uri", "ele", "le"),
    "de": ("nen", "en", "er", "es", "e", "n", "s"),
    "nl": ("en", "s"),
    "en": ("es", "s"),
}


def base_language(lang: str) -> str:
    return lang.replace("-", "_").split("_")[0].lower()


#: A space-free piece of text: its tokens' keys, variant sets, and start and end offsets.
Chunk = tuple[tuple[str, ...], tuple[frozenset[str], ...], tuple[int, ...], tuple[int, ...]]
_EMPTY_CHUNK: Chunk = ((), (), (), ())
#: An ASCII chunk whose only token is a number (in ASCII, a token is [A-Za-z0-9_]+).
_ASCII_NUMBER_CHUNK_RE = re.compile(r"[^A-Za-z0-9_]*([0-9]+)[^A-Za-z0-9_]*")
#: Chunks of that kind, analysed. A number is the same token in every language, of a
#: text or of a term, and a message's numbers come back in each language's
#: translation: one cache for all, bounded, so that numbers never crowd words out of
#: a language's chunk cache.
_NUMBER_CHUNKS: dict[str, Chunk] = {}
# (Typed Any: Analyzer.chunk applies them to (key, variants) pairs of any shape.)
_KEYS: Any = operator.itemgetter(0)
_VARIANTS: Any = operator.itemgetter(1)
_GROUP: Callable[[re.Match[str]], str] = operator.methodcaller("group")
_START: Callable[[re.Match[str]], int] = operator.methodcaller("start")
_END: Callable[[re.Match[str]], int] = operator.methodcaller("end")


class Analyzer:
    """Turns a token into its matching key for one language (cached: words repeat)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.base = base_language(lang)
        name = _SNOWBALL.get(self.base)
        if name:
            import snowballstemmer  # lazy: ~30 ms, and only needed to check

            self._stemmer = snowballstemmer.stemmer(name)
        else:
            self._stemmer = None
        self.compounding = self.base in COMPOUNDING
        self.token_re = (TOKEN_RE_ARABIC_SCRIPT if self.base in _ARABIC_SCRIPT_LANGS
                         else TOKEN_RE)
        self._light = LIGHT_SUFFIXES.get(self.base, ())
        self._cache: dict[str, str] = {}
        # surface -> (key, variants) for text tokens, and for term tokens.
        self._text: dict[str, tuple[str, frozenset[str]]] = {}
        # ASCII numbers, kept apart so that they never crowd words out of ``_text``.
        self._numbers: dict[str, tuple[str, frozenset[str]]] = {}
        self._term: dict[str, tuple[str, frozenset[str]]] = {}
        # Space-separated chunks of texts and of terms, analysed (see TokenizedText).
        self._text_chunks: dict[str, Chunk] = {"": _EMPTY_CHUNK}
        self._term_chunks: dict[str, Chunk] = {"": _EMPTY_CHUNK}

    def _stem(self, word: str) -> str:
        if self._stemmer is None or len(word) <= 2 or any(ch.isdigit() for ch in word):
            return word
        try:
            return self._stemmer.stemWord(word) or word
        except Exception:  # a stemmer must never stop the checker
            return word

    def analyse(self, surface: str, term: bool = False) -> tuple[str, frozenset[str]]:
        """(key, variant set) of a token of a text, or of a term (``term=True``)."""
        cache = self._term if term else self._text
        found = cache.get(surface)
        if found is None:
            if surface.isdigit() and surface.isascii():
                # Numbers (most of a text's new tokens): no stemming, no variants.
                numbers = self._numbers
                found = numbers.get(surface)
                if found is None:
                    if len(numbers) >= 100_000:
                        numbers.clear()
                    found = numbers[surface] = (surface,
                                                frozenset((surface, STEM_MARK + surface)))
                return found
            found = (self.key(surface), self._variants(surface, term))
            if len(cache) < 200_000:
                cache[surface] = found
        return found

    def _variants(self, surface: str, term: bool) -> frozenset[str]:
        """Word forms and stems (marked with STEM_MARK: a form only meets a form, a stem
        only a stem, so "leptomeninges" minus -s does not meet the stem of
        "leptomeníngea")."""
        word = unicodedata.normalize("NFKC", surface).casefold()
        out = {STEM_MARK + self.key(surface)}
        if _ARABIC_RE.search(word):
            base = _arabic_normalise(word)
            bases = [base]
            if not term:
                bases.extend(_arabic_proclitic_variants(base))
            for b in bases:
                out.update(_arabic_suffix_variants(b))
        else:
            bases = [word]
            if len(word) > 3 and not any(ch.isdigit() for ch in word):
                for suffix in self._light:
                    if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                        # French verbs: renforcent -> renforce (3rd person plural).
                        out.add(word[:-2] if suffix == "ent" else word[: -len(suffix)])
        stem = self._stem
        for b in bases:
            out.add(b)
            # Only one stemming: a stem of the stem ("mediana" -> "median" -> "medi")
            # would meet other words ("medio").
            out.add(STEM_MARK + stem(b))
        return frozenset(out)

    def chunk(self, chunk: str, term: bool = False) -> Chunk:
        """The tokens of a space-free piece of text, analysed (see TokenizedText)."""
        if chunk.isascii():
            found_number = _NUMBER_CHUNKS.get(chunk)
            if found_number is not None:
                return found_number
            number = _ASCII_NUMBER_CHUNK_RE.fullmatch(chunk)
            if number is not None:
                # "42", "(#7)", "30%.": one number. Cut without the token regex, and kept
                # apart from the language's chunks (see _NUMBER_CHUNKS).
                key, variant_set = self.analyse(number.group(1), term)
                found_number = ((key,), (variant_set,), (number.start(1),), (number.end(1),))
                if len(_NUMBER_CHUNKS) >= 100_000:
                    _NUMBER_CHUNKS.clear()
                _NUMBER_CHUNKS[chunk] = found_number
                return found_number
        matches = list(self.token_re.finditer(chunk))
        surfaces = list(map(_GROUP, matches))
        pairs = list(map((self._term if term else self._text).get, surfaces))
        if None in pairs:
            analyse = self.analyse
            pairs = [pair if pair is not None else analyse(surface, term)
                     for pair, surface in zip(pairs, surfaces, strict=True)]
        found: Chunk = (tuple(map(_KEYS, pairs)), tuple(map(_VARIANTS, pairs)),
                        tuple(map(_START, matches)), tuple(map(_END, matches)))
        cache = self._term_chunks if term else self._text_chunks
        if len(cache) >= 300_000:
            cache.clear()
            cache[""] = _EMPTY_CHUNK
        cache[chunk] = found
        return found

    def key(self, surface: str) -> str:
        cached = self._cache.get(surface)
        if cached is not None:
            return cached
        word = unicodedata.normalize("NFKC", surface).casefold()
        if _ARABIC_RE.search(word):
            word = _arabic_normalise(word)
        if self._stemmer is not None and not any(ch.isdigit() for ch in word) and len(word) > 2:
            try:
                stem = self._stemmer.stemWord(word)
            except Exception:  # a stemmer must never stop the checker
                stem = word
            if self.base == "en" and stem.endswith("i") and len(stem) > 4:
                # metastasis -> metastasi, metastases -> metastas: Greek/Latin plurals.
                stem = stem[:-1]
            word = stem or word
        if len(self._cache) < 200_000:
            self._cache[surface] = word
        return word


def _arabic_normalise(word: str) -> str:
    word = _ARABIC_DIACRITICS.sub("", word).translate(_ARABIC_LETTERS)
    for prefix in _ARABIC_ARTICLES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix):]
    if word[:1] in _ARABIC_CLITICS and len(word) >= 5:
        rest = word[1:]
        for prefix in _ARABIC_ARTICLES:
            if rest.startswith(prefix) and len(rest) - len(prefix) >= 3:
                return rest[len(prefix):]
        return rest
    return word


def _arabic_proclitic_variants(word: str) -> list[str]:
    """بسرطان -> سرطان, لمرضى -> مرضى (text side only: see the module doc)."""
    out = []
    if word[:1] in _ARABIC_PROCLITICS and len(word) >= 4:
        rest = word[1:]
        out.append(rest)
        if rest.startswith("\u0627\u0644") and len(rest) >= 5:
            out.append(rest[2:])
    return out


def _arabic_suffix_variants(word: str) -> list[str]:
    out = []
    for suffix in _ARABIC_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            rest = word[: -len(suffix)]
            out.append(rest)
            if suffix in _ARABIC_PRONOUNS and rest.endswith("\u062a") and len(rest) >= 4:
                # تجربتها: the teh marbuta is written teh before a pronoun.
                out.append(rest[:-1] + "\u0647")
                out.append(rest[:-1])
    return out


#: Joins a term's keys into one string of TermIndex.key_set: a control character,
#: which no key holds (NFKC never makes one, and tokens are letters and digits).
KEY_JOINER = "\x1f"


def joined_keys(keys: Iterable[str]) -> str:
    """A term's (or a text's) keys as one string: what TermIndex.key_set holds."""
    return KEY_JOINER.join(keys)


@functools.cache
def analyzer(lang: str) -> Analyzer:
    return Analyzer(lang)


class TokenizedText:
    """A text cut into tokens with their keys and variant sets, and where each key occurs.

    Kept as parallel lists (``variants``; ``keys``, ``starts``, ``ends``, ``nospace``
    computed on first use): the hot loops read them directly. ``term=True`` analyses a
    termbase term (no text-side-only variants, see the module doc).
    """

    __slots__ = ("_chunks", "_ends", "_keys", "_nospace", "_parts", "_starts", "_vocabulary",
                 "lang", "text", "token_re", "variants")

    def __init__(self, text: str, lang: str, term: bool = False) -> None:
        self.text = text
        self.lang = lang
        an = analyzer(lang)
        self.token_re = an.token_re
        # No token contains a space, so the tokens of a text are the tokens of its
        # space-separated chunks, and chunks ("metastasis,", "(HER2-positive)") repeat
        # from message to message: each is cut and analysed once (Analyzer.chunk).
        # A plain loop, written for mypyc: compiled, it is C (a dict lookup and a
        # list extend per chunk); map, chain and list.count cost more there.
        # Chunks are held as ``tuple[Any, ...]``: compiled, indexing one is then a tuple
        # read, where ``Any`` went through the generic PyObject_GetItem (and a Chunk,
        # a fixed-length tuple type, would be unpacked into a C struct and packed again).
        parts = text.split(" ")
        cache = an._term_chunks if term else an._text_chunks
        chunks: list[tuple[Any, ...]] = []
        variants: list[frozenset[str]] = []
        for part in parts:
            found: Any = cache.get(part)
            if found is None:  # a number (kept apart, see _NUMBER_CHUNKS) or a new chunk
                found = _NUMBER_CHUNKS.get(part)
                if found is None:
                    found = an.chunk(part, term)
            chunk: tuple[Any, ...] = found
            chunks.append(chunk)
            chunk_variants: tuple[frozenset[str], ...] = chunk[1]
            if len(chunk_variants) == 1:  # most chunks are one word: no extend() call
                variants.append(chunk_variants[0])
            else:
                variants.extend(chunk_variants)
        self._parts = parts
        self._chunks = chunks
        self._keys: list[str] | None = None  # rarely needed of a translation: on first use
        self.variants = variants
        self._starts: list[int] | None = None
        self._ends: list[int] | None = None
        self._nospace: list[bool] | None = None
        self._vocabulary: frozenset[str] | None = None

    @property
    def keys(self) -> list[str]:
        """Each token's matching key (see Analyzer.key)."""
        if self._keys is None:
            keys: list[str] = []
            for chunk in self._chunks:
                keys.extend(chunk[0])
            self._keys = keys
        return self._keys

    @property
    def vocabulary(self) -> frozenset[str]:
        """Every variant of every token: a term whose first token meets none is absent."""
        if self._vocabulary is None:
            self._vocabulary = frozenset().union(*self.variants)
        return self._vocabulary

    def _spans(self) -> None:
        # Each chunk knows its tokens' offsets; a chunk starts one space after the last.
        # (Most chunks hold one token: appended without building a list.)
        starts: list[int] = []
        ends: list[int] = []
        offset = 0
        parts, chunks = self._parts, self._chunks
        for k in range(len(parts)):  # indexes, not zip(): a C loop when compiled
            chunk: tuple[Any, ...] = chunks[k]
            part_starts: tuple[int, ...] = chunk[2]
            if part_starts:
                part_ends: tuple[int, ...] = chunk[3]
                if len(part_starts) == 1:
                    starts.append(offset + part_starts[0])
                    ends.append(offset + part_ends[0])
                else:
                    starts += [offset + start for start in part_starts]
                    ends += [offset + end for end in part_ends]
            offset += len(parts[k]) + 1
        self._starts = starts
        self._ends = ends

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._spans()
        return self._starts  # type: ignore[return-value]

    @property
    def ends(self) -> list[int]:
        if self._ends is None:
            self._spans()
        return self._ends  # type: ignore[return-value]

    @property
    def nospace(self) -> list[bool]:
        """Per token: a character of a script without spaces (computed on first use)."""
        if self._nospace is None:
            text = self.text
            if _NOSPACE_RE.search(text) is None:
                self._nospace = [False] * len(self.variants)
            else:
                match = _NOSPACE_RE.match
                self._nospace = [end - start == 1 and match(text, start) is not None
                                 for start, end in zip(self.starts, self.ends, strict=True)]
        return self._nospace

    def gap(self, i: int) -> str:
        """The characters between token ``i`` and token ``i + 1``."""
        return self.text[self.ends[i]:self.starts[i + 1]]


def _gap_kind(gap: str) -> str:
    if gap == "":
        return ""
    if gap.isspace():
        return " "
    stripped = gap.strip()
    if stripped and all(ch in HYPHENS for ch in stripped):
        return "-"
    if stripped and all(ch in _APOSTROPHES for ch in stripped):
        return "'"
    return stripped


def _gap_ok(term_gap: str, text_gap: str, nospace: bool) -> bool:
    if len(text_gap) > 3:
        return False
    kind = _gap_kind(text_gap)
    if term_gap == "":
        return kind == "" or (nospace and kind == " ")
    if term_gap in (" ", "-"):
        return kind in (" ", "-") or (nospace and kind == "")
    return kind == term_gap


@dataclass(frozen=True, slots=True)
class IndexedTerm:
    keys: tuple[str, ...]
    gaps: tuple[str, ...]
    term: Term
    concept: Concept
    variants: tuple[frozenset[str], ...] = ()  # per token: see the module doc


@dataclass
class ConceptMatch:
    """A concept found in a text: ``text[start:end]`` is the matched words."""

    concept: Concept
    start: int
    end: int
    text: str
    term: Term
    alternatives: list[Concept] = field(default_factory=list)  # homonyms at the same span


@functools.lru_cache(maxsize=65536)
def _term_shape(text: str, lang: str
                ) -> tuple[tuple[str, ...], tuple[str, ...], tuple[frozenset[str], ...]] | None:
    """(keys, gaps, variants) of a term's text: the same text in the same language repeats."""
    tt = TokenizedText(text, lang, term=True)
    if not tt.keys:
        return None
    keys = tuple(tt.keys)
    gaps = tuple(_gap_kind(tt.gap(i)) for i in range(len(keys) - 1))
    return keys, gaps, tuple(tt.variants)


def index_term(term: Term, concept: Concept, lang: str) -> IndexedTerm | None:
    shape = _term_shape(term.text, lang)
    if shape is None:
        return None
    return IndexedTerm(shape[0], shape[1], term, concept, shape[2])


def _plain_entry(entry: IndexedTerm, concept_numbers: dict[int, int]) -> tuple:
    """An indexed term as built-in types: where its concept and term are, and its shape."""
    for lang_key, terms in entry.concept.terms.items():
        for position, term in enumerate(terms):
            if term is entry.term:
                return (concept_numbers[id(entry.concept)], lang_key, position, entry.keys,
                        entry.gaps, entry.variants)
    raise ValueError(f"term {entry.term.text!r} is not in concept {entry.concept.id}")


_NORM_SPACE_RE = re.compile(r"\s+")
_HYPHEN_TABLE = str.maketrans(dict.fromkeys(HYPHENS, "-"))


def _surface_equal(found: str, wanted: str) -> bool:
    def norm(s: str) -> str:
        s = unicodedata.normalize("NFC", s)
        return _NORM_SPACE_RE.sub(" ", s).translate(_HYPHEN_TABLE)

    return norm(found) == norm(wanted)


#: The length of a packed index's header (see TermIndex.pack).
_HEADER_SIZE = struct.Struct("<I")


class TermIndex:
    """Terms of one language, keyed by every variant of their first token (module doc).

    Built lazily: :meth:`contains` only analyses the terms of the concepts it is
    asked about (a 10,000-concept termbase costs nothing for the concepts a text
    never names); :attr:`by_first` (needed to *find* terms) indexes every term on
    first use.
    """

    def __init__(self, lang: str, termbase: Termbase | None = None, which: str = "all") -> None:
        self.lang = lang
        self._termbase = termbase
        self._which = which
        self._by_first: dict[str, list[IndexedTerm]] | None = None if termbase else {}
        self._by_concept: dict[int, list[IndexedTerm]] = {}
        self._complete = termbase is None
        self._compounding = analyzer(lang).compounding
        self._candidates: dict[frozenset[str], list[IndexedTerm]] = {}
        self._rank: dict[int, int] | None = None
        self._has_terms: dict[int, bool] = {}
        # A packed index from the termbase cache (see pack()): unpacked on first use,
        # and then each term only when a text could contain it.
        self._packed: bytes | memoryview | None = None  # a slice of the mapped cache file
        self._lazy_first: dict[str, tuple[int, ...]] | None = None
        # Each term's marshal bytes, one after another, and where each starts (one
        # more offset than terms): slices of the mapped file, not 10,000 bytes objects.
        self._lazy_entries: bytes | memoryview = b""
        self._lazy_offsets: tuple[int, ...] = (0,)
        self._lazy_lengths: tuple[int, ...] = ()
        self._lazy_made: dict[int, IndexedTerm] = {}
        self._key_set: frozenset[str] | None = None  # see key_set
        self._has_entries: bool | None = None  # see has_entries

    @classmethod
    def build(cls, termbase: Termbase, lang: str, which: str = "all") -> TermIndex:
        return cls(lang, termbase, which)

    @classmethod
    def from_packed(cls, termbase: Termbase, lang: str, which: str,
                    packed: bytes | memoryview) -> TermIndex:
        """An index read back from :meth:`pack`'s bytes (for the termbase cache)."""
        index = cls(lang, termbase, which)
        index._packed = packed
        return index

    def _unpack(self) -> None:
        packed, self._packed = self._packed, None
        if packed is None:
            return
        view = memoryview(packed)
        size = _HEADER_SIZE.unpack_from(view)[0]
        start = _HEADER_SIZE.size
        first, offsets, lengths, key_set = marshal.loads(view[start:start + size])
        if first is not None:
            self._lazy_first, self._lazy_lengths = first, lengths
            self._lazy_entries, self._lazy_offsets = view[start + size:], offsets
        if key_set is not None:
            self._key_set = key_set

    def _lazy_entry(self, number: int) -> IndexedTerm:
        entry = self._lazy_made.get(number)
        if entry is None:
            offsets = self._lazy_offsets
            concept_number, lang_key, position, keys, gaps, variants = marshal.loads(
                self._lazy_entries[offsets[number]:offsets[number + 1]])
            concept = self._termbase.concepts[concept_number]  # type: ignore[union-attr]
            entry = IndexedTerm(keys, gaps, concept.terms[lang_key][position], concept, variants)
            self._lazy_made[number] = entry
        return entry

    def pack(self, concept_numbers: dict[int, int]) -> bytes:
        """This index as bytes, for the termbase cache: the length of a header (4 bytes),
        the header (:mod:`marshal`: first-token map, term offsets, term lengths, key
        set), then each term's marshal bytes.

        Terms are numbered in termbase order; the first-token map holds numbers, so
        reading it back creates no term objects (see _lazy_entry), and the terms stay
        in the mapped file until one is needed. ``concept_numbers`` maps
        ``id(concept)`` to the concept's position in the termbase.
        """
        if self._packed is not None:
            return bytes(self._packed)
        first: dict[str, tuple[int, ...]] | None = None
        entries = b""
        offsets: tuple[int, ...] = (0,)
        lengths: tuple[int, ...] = ()
        if self._lazy_first is not None:
            first, lengths = self._lazy_first, self._lazy_lengths
            entries, offsets = bytes(self._lazy_entries), self._lazy_offsets
        elif self._by_first is not None:
            ordered = self._ordered()
            number = {id(entry): n for n, entry in enumerate(ordered)}
            blobs = [marshal.dumps(_plain_entry(entry, concept_numbers)) for entry in ordered]
            ends = [0]
            for blob in blobs:
                ends.append(ends[-1] + len(blob))
            entries, offsets = b"".join(blobs), tuple(ends)
            lengths = tuple(len(entry.keys) for entry in ordered)
            first = {variant: tuple(number[id(entry)] for entry in found)
                     for variant, found in self._by_first.items()}
        header = marshal.dumps((first, offsets, lengths, self._key_set))
        return _HEADER_SIZE.pack(len(header)) + header + entries

    @property
    def has_entries(self) -> bool:
        """Whether any term is indexed (without unpacking or building every term).

        Kept once known: the forbidden-term check asks it of every entry.
        """
        found = self._has_entries
        if found is None:
            self._unpack()
            lazy = self._lazy_first
            found = self._has_entries = bool(lazy) if lazy is not None else bool(self.by_first)
        return found

    def _entries(self, concept: Concept) -> list[IndexedTerm]:
        out = []
        which = self._which
        for term in concept.terms_for(self.lang):
            if which == "approved" and not term.status.approved:
                continue
            if which == "forbidden" and term.status.approved:
                continue
            entry = index_term(term, concept, self.lang)
            if entry is not None:
                out.append(entry)
        return out

    def _ordered(self) -> list[IndexedTerm]:
        """Every entry, in termbase order."""
        out: list[IndexedTerm] = []
        by_concept = self._by_concept
        if self._termbase is not None:
            for concept in self._termbase.concepts:
                entries = by_concept.get(id(concept))
                if entries is None:
                    entries = by_concept[id(concept)] = self._entries(concept)
                out.extend(entries)
        return out

    def _build(self) -> None:
        by_first: dict[str, list[IndexedTerm]] = {}
        for entry in self._ordered():
            for variant in entry.variants[0]:
                by_first.setdefault(variant, []).append(entry)
        for entries in by_first.values():
            entries.sort(key=lambda e: -len(e.keys))
        self._by_first = by_first
        self._complete = True

    @property
    def is_built(self) -> bool:
        return (self._by_first is not None or self._lazy_first is not None
                or self._packed is not None)

    @property
    def worth_caching(self) -> bool:
        """Built, or with its :attr:`key_set` computed: worth keeping in the cache file."""
        return self.is_built or self._key_set is not None

    @property
    def by_first(self) -> dict[str, list[IndexedTerm]]:
        if self._by_first is None:
            self._unpack()
            if self._lazy_first is not None:  # every term, unpacked: only for rare uses
                entry = self._lazy_entry
                self._by_first = {variant: [entry(n) for n in numbers]
                                  for variant, numbers in self._lazy_first.items()}
            else:
                self._build()
        return self._by_first  # type: ignore[return-value]

    @property
    def by_concept(self) -> dict[int, list[IndexedTerm]]:
        if not self._complete:
            self._build()
        return self._by_concept

    def concept_entries(self, concept: Concept) -> list[IndexedTerm]:
        """The indexed terms of one concept (analysed on first use)."""
        entries = self._by_concept.get(id(concept))
        if entries is None:
            if self._complete or self._termbase is None:
                return []
            entries = self._by_concept[id(concept)] = self._entries(concept)
        return entries

    def has_terms(self, concept: Concept) -> bool:
        """Whether the concept has terms of this index's kind in its language (cached)."""
        found = self._has_terms.get(id(concept))
        if found is None:
            which = self._which
            found = any(which == "all" or (which == "approved") == t.status.approved
                        for t in concept.terms_for(self.lang))
            self._has_terms[id(concept)] = found
        return found

    def candidates(self, variants: frozenset[str]) -> list[IndexedTerm]:
        """The terms whose first token shares a variant with a token, longest first."""
        found = self._candidates.get(variants)
        if found is not None:
            return found
        if self._lazy_first is not None or self._packed is not None:
            found = self._lazy_candidates(variants)
            if len(self._candidates) < 100_000:
                self._candidates[variants] = found
            return found
        by_first = self.by_first
        lists = [by_first[v] for v in variants if v in by_first]
        if not lists:
            found = []
        elif len(lists) == 1:
            found = lists[0]
        else:
            if self._rank is None:
                self._rank = {id(e): n for n, e in enumerate(self._ordered())}
            rank = self._rank
            unique = {id(e): e for entries in lists for e in entries}
            found = sorted(unique.values(), key=lambda e: (-len(e.keys), rank.get(id(e), 0)))
        if len(self._candidates) < 100_000:
            self._candidates[variants] = found
        return found

    def _lazy_candidates(self, variants: frozenset[str]) -> list[IndexedTerm]:
        self._unpack()
        first = self._lazy_first or {}
        lists = [first[v] for v in variants if v in first]
        if not lists:
            return []
        if len(lists) == 1:
            numbers: Iterable[int] = lists[0]
        else:  # the order of candidates() without a cache: longest first, termbase order
            lengths = self._lazy_lengths
            numbers = sorted({n for found in lists for n in found},
                             key=lambda n: (-lengths[n], n))
        return [self._lazy_entry(n) for n in numbers]

    def _match_at(self, tt: TokenizedText, i: int, entry: IndexedTerm) -> bool:
        variants = entry.variants
        n = len(variants)
        tvars = tt.variants
        if i + n > len(tvars):
            return False
        if n > 1:
            for k in range(1, n):
                if tvars[i + k].isdisjoint(variants[k]):
                    return False
            starts, ends, text, gaps = tt.starts, tt.ends, tt.text, entry.gaps
            for k in range(1, n):
                gap = text[ends[i + k - 1]:starts[i + k]]
                term_gap = gaps[k - 1]
                if (gap == term_gap and len(gap) <= 3) or (gap == " " and term_gap == "-"):
                    continue  # the common cases, decided without _gap_ok
                nospace = tt.nospace
                if not _gap_ok(term_gap, gap, nospace[i + k] or nospace[i + k - 1]):
                    return False
        if entry.term.case_sensitive:
            found = tt.text[tt.starts[i]:tt.ends[i + n - 1]]
            if not _surface_equal(found, entry.term.text):
                return False
        return True

    def find_in(self, tt: TokenizedText) -> list[ConceptMatch]:
        """Longest-match-first scan of a tokenized text."""
        found: list[ConceptMatch] = []
        if not self.has_entries:
            return found
        # A token's candidates, empty for most, are cached by its variant set (a shared
        # object whose hash is kept): one dict lookup per token, cheaper than testing
        # the variants against the index's first tokens every time.
        cached = self._candidates
        tvars = tt.variants
        count = len(tvars)
        i = -1
        while i + 1 < count:
            i += 1
            v = tvars[i]
            candidates = cached.get(v)
            if candidates is None:
                candidates = self.candidates(v)
            if not candidates:
                continue
            matched: list[IndexedTerm] = []
            for entry in candidates:
                if matched and len(entry.keys) < len(matched[0].keys):
                    break
                if self._match_at(tt, i, entry):
                    matched.append(entry)
            if matched:
                first = matched[0]
                n = len(first.keys)
                start, end = tt.starts[i], tt.ends[i + n - 1]
                others: list[Concept] = []
                for entry in matched[1:]:
                    if entry.concept is not first.concept and entry.concept not in others:
                        others.append(entry.concept)
                found.append(ConceptMatch(first.concept, start, end, tt.text[start:end],
                                          first.term, others))
                i += n - 1  # the next term starts after this one
        return found

    def find(self, text: str) -> list[ConceptMatch]:
        return self.find_in(TokenizedText(text, self.lang))

    def contains(self, tt: TokenizedText, concept: Concept) -> Term | None:
        """The term of ``concept`` that ``tt`` uses in some inflected form, if any."""
        entries = self.concept_entries(concept)
        if not entries:
            return None
        tvars = tt.variants
        vocabulary = tt.vocabulary
        for entry in entries:
            first = entry.variants[0]
            if first.isdisjoint(vocabulary):
                continue  # no token can start this term
            if len(entry.variants) == 1 and not entry.term.case_sensitive:
                return entry.term  # one word, in any case: meeting the vocabulary is enough
            for i in range(len(tvars)):
                if not first.isdisjoint(tvars[i]) and self._match_at(tt, i, entry):
                    return entry.term
        if self._compounding:
            for entry in entries:
                if len(entry.keys) == 1 and len(entry.keys[0]) >= 4:
                    needle = entry.keys[0]
                    if any(needle in key for key in tt.keys):
                        return entry.term
        return None

    @property
    def key_set(self) -> frozenset[str]:
        """Every term's keys, joined (:func:`joined_keys`): "is this exact term in the
        index?" in O(1).

        Without the full index, only the keys are computed (no variants, no gaps):
        this set is needed for every term of a language, the index rarely is. One
        string per term, not a tuple of keys: the cache file reads it back in less
        than half the time.
        """
        if self._key_set is None:
            self._unpack()  # the cache file may hold it
        if self._key_set is None:
            self._key_set = self._make_key_set()
        return self._key_set

    def _make_key_set(self) -> frozenset[str]:
        if self._by_first is not None or self._lazy_first is not None or self._termbase is None:
            return frozenset(joined_keys(entry.keys) for entry in self.terms())
        an = analyzer(self.lang)
        key, findall, which = an.key, an.token_re.findall, self._which
        out: set[str] = set()
        for concept in self._termbase.concepts:
            for term in concept.terms_for(self.lang):
                if which != "all" and (which == "approved") != term.status.approved:
                    continue
                keys = [key(s) for s in findall(term.text)]
                if keys:
                    out.add(joined_keys(keys))
        return frozenset(out)

    def terms(self) -> Iterable[IndexedTerm]:
        seen: set[int] = set()
        for entries in self.by_first.values():
            for entry in entries:
                if id(entry) not in seen:
                    seen.add(id(entry))
                    yield entry
