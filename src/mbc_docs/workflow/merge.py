"""Merge a fresh ``.pot`` into a language's ``.po`` without ever losing a translation.

The semantics are msgmerge's, extended across the catalogs of one language so a
renamed or split page keeps its translations:

- a message whose English is unchanged keeps its translation, flags and translator
  comments (so checker suppressions survive);
- a message whose exact English already has a translation anywhere in the same
  language (another page's catalog, an obsolete entry, the catalog of a deleted or
  renamed page) gets that translation back;
- a changed message gets the translation of the most similar vanished English
  sentence, marked ``fuzzy`` with the old English as ``#| msgid`` so the translator
  sees what changed (a fuzzy entry is never shown to readers:
  ``gettext_allow_fuzzy_translations = False``);
- a translated message that vanished from the English and was not carried into a
  fuzzy entry stays as obsolete ``#~``; untranslated ones carry nothing and go.

Live entries follow the order of the ``.pot`` (the order of the page), obsolete ones
keep their earlier order, so a re-run on unchanged input changes no byte.
"""

from __future__ import annotations

import contextlib
import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import polib
from babel.messages.plurals import get_plural

#: Below this similarity (difflib ratio) an old translation is no help: msgmerge's value.
FUZZY_THRESHOLD = 0.6

Key = tuple[str | None, str]
#: ``hints(msgid) -> extracted comment lines`` for one language (see ``workflow.hints``).
HintFunction = Callable[[str], list[str]]

# Extracted-comment lines written by ``update-po`` itself start with one of these, so a
# re-run replaces them instead of piling them up; Sphinx's own comments are kept.
GENERATED_COMMENT_PREFIXES = ("Terms:", "Do not translate:")


def key_of(entry: polib.POEntry) -> Key:
    return (entry.msgctxt, entry.msgid)


def has_translation(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return any(entry.msgstr_plural.values())
    return bool(entry.msgstr)


@dataclass
class LanguageMemory:
    """Every translation of one language, across all its catalogs.

    ``exact`` answers "was this very English sentence translated anywhere?";
    ``vanished`` holds translated entries whose English exists in no ``.pot`` any more:
    the candidates for fuzzy matches (an edited paragraph on a renamed page).
    """

    exact: dict[Key, polib.POEntry] = field(default_factory=dict)
    vanished: list[polib.POEntry] = field(default_factory=list)

    @classmethod
    def build(cls, catalogs: Iterable[polib.POFile], live_keys: set[Key]) -> LanguageMemory:
        memory = cls()
        rank: dict[Key, int] = {}
        for po in catalogs:
            for entry in po:
                if not has_translation(entry):
                    continue
                key = key_of(entry)
                # Prefer a reviewed (non-fuzzy) live translation over a fuzzy or obsolete one.
                score = (0 if entry.fuzzy else 2) + (0 if entry.obsolete else 1)
                if score > rank.get(key, -1):
                    rank[key] = score
                    memory.exact[key] = entry
                if key not in live_keys:
                    memory.vanished.append(entry)
        return memory


@dataclass
class MergeResult:
    catalog: polib.POFile
    created: bool = False
    untranslated: int = 0  # live entries without any translation
    fuzzy: int = 0  # live entries that are fuzzy after the merge
    new_fuzzy: int = 0  # entries that became fuzzy in this merge
    recovered: int = 0  # translations brought over from another catalog of the language
    obsolete: int = 0  # entries that became obsolete in this merge


def best_match(msgid: str, candidates: Iterable[polib.POEntry]) -> polib.POEntry | None:
    """The candidate whose English is most similar to ``msgid`` (at least the threshold)."""
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(msgid)
    best: polib.POEntry | None = None
    best_ratio = FUZZY_THRESHOLD
    for entry in candidates:
        matcher.set_seq1(entry.msgid)
        # The cheap upper bounds skip most candidates before the real comparison.
        if (matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio):
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio or (best is None and ratio >= best_ratio):
            best, best_ratio = entry, ratio
    return best


def new_header(pot: polib.POFile, lang: str) -> tuple[str, dict[str, str]]:
    """Header comment and metadata of a catalog created from ``pot`` for ``lang``."""
    metadata = dict(pot.metadata)
    metadata["Language"] = lang
    metadata.setdefault("MIME-Version", "1.0")
    metadata["Content-Type"] = "text/plain; charset=UTF-8"
    metadata["Content-Transfer-Encoding"] = "8bit"
    # Every LINGUAS code is in CLDR; an exotic code simply gets no Plural-Forms.
    with contextlib.suppress(ValueError, LookupError):
        metadata["Plural-Forms"] = get_plural(lang).plural_forms
    return pot.header, metadata


def _comment(pot_entry: polib.POEntry, hint_lines: list[str]) -> str:
    own = [
        line for line in (pot_entry.comment or "").splitlines()
        if not line.startswith(GENERATED_COMMENT_PREFIXES)
    ]
    return "\n".join([*own, *hint_lines])


def _copy_translation(target: polib.POEntry, source: polib.POEntry) -> None:
    target.msgstr = source.msgstr
    if source.msgid_plural:
        target.msgstr_plural = dict(source.msgstr_plural)


def merge(
    pot: polib.POFile,
    old: polib.POFile | None,
    lang: str,
    memory: LanguageMemory,
    hints: HintFunction | None = None,
) -> MergeResult:
    """The catalog ``old`` brought up to date with ``pot`` (``old`` is not modified)."""
    result = MergeResult(catalog=polib.POFile(wrapwidth=79), created=old is None)
    po = result.catalog
    if old is None:
        po.header, po.metadata = new_header(pot, lang)
    else:
        po.header, po.metadata = old.header, dict(old.metadata)
        po.metadata_is_fuzzy = old.metadata_is_fuzzy

    old_live = {key_of(e): e for e in old or () if not e.obsolete} if old else {}
    old_obsolete = {key_of(e): e for e in old or () if e.obsolete} if old else {}
    pot_keys = {key_of(e) for e in pot}
    # Same-catalog candidates for fuzzy matching come first: an edit on the same page.
    own_vanished = [
        e for e in (*old_live.values(), *old_obsolete.values())
        if key_of(e) not in pot_keys and has_translation(e)
    ]
    consumed: set[int] = set()

    for pot_entry in pot:
        key = key_of(pot_entry)
        entry = polib.POEntry(
            msgid=pot_entry.msgid,
            msgctxt=pot_entry.msgctxt,
            msgid_plural=pot_entry.msgid_plural,
            occurrences=list(pot_entry.occurrences),
            comment=_comment(pot_entry, hints(pot_entry.msgid) if hints else []),
            flags=[flag for flag in pot_entry.flags if flag != "fuzzy"],
        )
        if pot_entry.msgid_plural:
            entry.msgstr_plural = {index: "" for index in range(_nplurals(po))}
        same = old_live.get(key) or old_obsolete.get(key)
        if same is not None:
            entry.tcomment = same.tcomment
        source = same if same is not None and has_translation(same) else None
        if source is None and key in memory.exact:
            source = memory.exact[key]
            result.recovered += 1
        if source is not None:
            _copy_translation(entry, source)
            if source.fuzzy:
                entry.flags.append("fuzzy")
                entry.previous_msgid = source.previous_msgid
                entry.previous_msgctxt = source.previous_msgctxt
                entry.previous_msgid_plural = source.previous_msgid_plural
        else:
            similar = best_match(pot_entry.msgid, own_vanished)
            if similar is not None:
                consumed.add(id(similar))
            else:
                similar = best_match(pot_entry.msgid, memory.vanished)
            if similar is not None:
                _copy_translation(entry, similar)
                if not entry.tcomment:
                    entry.tcomment = similar.tcomment
                entry.flags.append("fuzzy")
                # The English the translation was made for: what the translator compares.
                entry.previous_msgid = similar.previous_msgid if similar.fuzzy and \
                    similar.previous_msgid else similar.msgid
                entry.previous_msgctxt = similar.msgctxt
                result.new_fuzzy += 1
        if entry.fuzzy:
            result.fuzzy += 1
        elif not has_translation(entry):
            result.untranslated += 1
        po.append(entry)

    for old_entry in old or ():
        key = key_of(old_entry)
        if key in pot_keys or id(old_entry) in consumed or not has_translation(old_entry):
            continue
        if not old_entry.obsolete:
            result.obsolete += 1
        po.append(obsolete_copy(old_entry))
    return result


def obsolete_copy(entry: polib.POEntry) -> polib.POEntry:
    """``entry`` as an obsolete ``#~`` entry: the translation and its notes, no stale locations."""
    copy = polib.POEntry(
        msgid=entry.msgid,
        msgctxt=entry.msgctxt,
        msgid_plural=entry.msgid_plural,
        msgstr=entry.msgstr,
        msgstr_plural=dict(entry.msgstr_plural),
        tcomment=entry.tcomment,
        flags=list(entry.flags),
        previous_msgid=entry.previous_msgid,
        previous_msgctxt=entry.previous_msgctxt,
        previous_msgid_plural=entry.previous_msgid_plural,
        obsolete=True,
    )
    return copy


def orphan(old: polib.POFile) -> MergeResult:
    """A catalog whose page is gone: every translation kept, as obsolete entries."""
    result = MergeResult(catalog=polib.POFile(wrapwidth=79))
    po = result.catalog
    po.header, po.metadata = old.header, dict(old.metadata)
    po.metadata_is_fuzzy = old.metadata_is_fuzzy
    for entry in old:
        if not has_translation(entry):
            continue
        if not entry.obsolete:
            result.obsolete += 1
        po.append(obsolete_copy(entry))
    return result


def _nplurals(po: polib.POFile) -> int:
    forms = po.metadata.get("Plural-Forms", "")
    for part in forms.split(";"):
        name, _, value = part.strip().partition("=")
        if name.strip() == "nplurals" and value.strip().isdigit():
            return int(value)
    return 2
