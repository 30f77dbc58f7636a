"""The Python API of the term checker: catalogs and a termbase in, a :class:`Report` out.

Read-only: catalogs are parsed, never written. A broken input (unreadable or
malformed catalog, unknown language, missing path) becomes an :class:`InputError`
in the report and the other files are still checked; only a broken termbase stops
the run, because every result would depend on it.

With many catalogs the files are checked in a process pool (``fork``: the parsed
termbase and its indexes are shared with the workers for free), since the work is
CPU-bound and the machine has more than one core.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import operator
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from .. import languages
from ..catalogs import catalog_language, read_catalog_light
from ..errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UserError
from ..termbase import Termbase, load_termbase
from .consistency import TranslatedEntry, keyed, message_key
from .context import CatalogContext, EntryContext, SourceAnalysis, TargetIndexes, source_analysis
from .registry import Finding, Rule, Severity, all_rules, one_line
from .suppression import is_suppressed, suppressed_codes

#: Below this much catalog text, a process pool costs more than it saves.
POOL_MIN_BYTES = 1_500_000
POOL_MIN_FILES = 4


@dataclass
class InputError:
    """An input that could not be checked: reported as one line, exit code 2."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"

    def to_dict(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "message": self.message}


@dataclass
class EntryCounts:
    """The state of a language's catalogs, counted as the checker reads them.

    Counted as polib and the catalog-state rules count (see catalog_state): a plural
    message is translated when every form is (its filled-in forms are still checked).
    """

    files: int = 0
    entries: int = 0
    translated: int = 0
    untranslated: int = 0
    fuzzy: int = 0
    obsolete: int = 0

    def add(self, other: EntryCounts) -> None:
        for count in fields(self):
            setattr(self, count.name, getattr(self, count.name) + getattr(other, count.name))


@dataclass
class Report:
    """Everything one run found. ``findings`` includes suppressed ones (marked)."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    termbase: str | None = None
    concepts: int = 0
    stats: dict[str, EntryCounts] = field(default_factory=dict)

    def visible(self, show_suppressed: bool = False) -> list[Finding]:
        return [f for f in self.findings if show_suppressed or not f.suppressed]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if not f.suppressed and f.severity is severity)

    @property
    def suppressed(self) -> int:
        return sum(1 for f in self.findings if f.suppressed)

    @property
    def exit_code(self) -> int:
        if self.errors:
            return EXIT_USAGE
        return EXIT_FINDINGS if self.count(Severity.ERROR) else EXIT_OK

    def summary(self) -> dict[str, object]:
        by_code: dict[str, int] = {}
        for f in self.findings:
            if not f.suppressed:
                by_code[f.code] = by_code.get(f.code, 0) + 1
        return {
            "files": len(self.files),
            "termbase": self.termbase,
            "concepts": self.concepts,
            "errors": self.count(Severity.ERROR),
            "warnings": self.count(Severity.WARNING),
            "info": self.count(Severity.INFO),
            "suppressed": self.suppressed,
            "input_errors": len(self.errors),
            "by_code": dict(sorted(by_code.items())),
            "languages": {lang: asdict(stats) for lang, stats in sorted(self.stats.items())},
            "exit_code": self.exit_code,
        }


#: What the corpus rules need of a translated entry (see FileResult.entries).
Row = tuple[str | tuple[str, str], int, str | None, str, str, frozenset[str]]


@dataclass
class FileResult:
    path: str
    language: str | None = None
    findings: list[Finding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    #: (message key, line, msgctxt, msgid, msgstr, suppressed codes) of each translated
    #: entry: plain tuples, with the key computed where the catalog was read (see
    #: corpus_entries()). A worker process sends ``key_hashes`` instead, and the rows
    #: of repeated messages only in a second round (see _repeated_rows).
    entries: list[Row] = field(default_factory=list)
    #: hash() of each translated entry's message key, when ``entries`` is left empty.
    key_hashes: list[int] = field(default_factory=list)
    stats: EntryCounts = field(default_factory=EntryCounts)


def select_rules(select: Iterable[str] | None = None, ignore: Iterable[str] | None = None
                 ) -> list[Rule]:
    """Rules chosen by code, code prefix (``T``, ``M00``) or name prefix (``markup``)."""

    def hits(rule: Rule, words: Iterable[str]) -> bool:
        for word in words:
            word = word.strip()
            if word and (rule.code.startswith(word.upper()) or rule.name.startswith(word.lower())):
                return True
        return False

    chosen = all_rules()
    if select:
        select = list(select)
        chosen = [r for r in chosen if hits(r, select)]
    if ignore:
        ignore = list(ignore)
        chosen = [r for r in chosen if not hits(r, ignore)]
    return chosen


def _has_backtick(ctx: EntryContext) -> bool:
    return "`" in ctx.source or "`" in ctx.target


def _may_link(ctx: EntryContext) -> bool:
    source, target = ctx.source, ctx.target
    return ":" in source or "](" in source or ":" in target or "](" in target


def _may_emphasis(ctx: EntryContext) -> bool:
    source, target = ctx.source, ctx.target
    return "*" in source or "_" in source or "*" in target or "_" in target


def _may_footnote(ctx: EntryContext) -> bool:
    return "[^" in ctx.source or "[^" in ctx.target


#: Cheap tests that are False only when a rule cannot report anything for an entry
#: (most messages have no markup, no number, no code): the rule is not even called.
#: Each mirrors the rule's own first test; tests/checker compares gated and ungated runs.
#: These read only the source message, so rule_plan() decides them once per message
#: (the same message is checked in every language).
SOURCE_GATES: dict[str, Callable[[SourceAnalysis], bool]] = {
    "T001": lambda src: bool(src.term_checks),
    "D001": lambda src: bool(src.dnt_matches),
    "D002": lambda src: bool(src.code_tokens),
    "M003": lambda src: "`" in src.text,
    "M006": lambda src: "{{" in src.text,
    "N001": lambda src: bool(src.numbers),
    "N002": lambda src: bool(src.numbers),
    "N003": lambda src: bool(src.numbers),
}
#: ... and these read the translation too, so they are tested for each entry.
GATES: dict[str, Callable[[EntryContext], bool]] = {
    "M001": _has_backtick,
    "M002": _may_link,
    "M004": _may_emphasis,
    "M005": _may_footnote,
}


def collect_catalogs(paths: Sequence[Path]) -> tuple[list[Path], list[InputError]]:
    """``.po`` files named or found (recursively) in folders, sorted, without duplicates."""
    files: list[Path] = []
    errors: list[InputError] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            try:
                found = sorted(p for p in path.rglob("*.po") if p.is_file())
            except OSError as exc:
                errors.append(InputError(str(path), None, f"cannot list the folder: {exc}"))
                continue
            files.extend(found)
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            errors.append(InputError(str(path), None, "no such file or folder"))
    # The same file named twice (two spellings of a path, a link): its device and
    # inode, from one stat (resolving each path cost a stat per folder of it).
    seen: set[object] = set()
    unique = []
    for file in files:
        key: object
        try:
            stat = os.stat(file)
            key = (stat.st_dev, stat.st_ino)
        except OSError:
            key = file  # a broken link: reported when read
        if key not in seen:
            seen.add(key)
            unique.append(file)
    return unique, errors


def check_catalog(path: Path, termbase: Termbase | None, rules: Sequence[Rule],
                  source_lang: str = "en", source_cache: dict | None = None,
                  result_cache: dict | None = None, rows: bool = True) -> FileResult:
    """Check one catalog file; never raises for bad input (it becomes an error).

    With ``rows`` false, the result holds each translated entry's key hash instead
    of its row (see FileResult.entries).

    ``source_cache`` (a dict kept for a whole run) shares the analysis of each
    source message between catalogs: the same msgid is in every language's catalog.
    ``result_cache`` (also per run) keeps what the entry rules said of each (source,
    translation) pair of a language: the entry rules see nothing else of an entry,
    so a pair met again (a repeated string) is not checked again, only reported
    again at its own place.
    """
    result = FileResult(str(path))
    try:
        po = read_catalog_light(path)
    except UserError as exc:
        result.errors.append(InputError(str(exc.path or path), exc.line, exc.message))
        return result
    lang = catalog_language(path, po)
    if not lang:
        result.errors.append(InputError(str(path), None, "cannot tell the language: no Language "
                                        "header and not in a <lang>/LC_MESSAGES/ folder"))
        return result
    try:
        languages.require_known(lang)
    except languages.UnknownLanguageError as exc:
        result.errors.append(InputError(str(path), None, str(exc)))
        return result
    result.language = lang
    stats = result.stats
    stats.files = 1
    if lang.split("_")[0] == source_lang.split("_")[0]:
        return result  # a catalog in the source language has nothing to compare
    header_codes = suppressed_codes(po.header)
    file_name = str(path)
    indexes = TargetIndexes(termbase, lang)
    entry_rules = [r for r in rules if r.scope == "entry"]
    plan_key = tuple(r.code for r in entry_rules)
    table = rule_table(entry_rules)
    said: dict[tuple[str, str], list[tuple[Rule, str]]] | None = None
    if result_cache is not None:
        said = result_cache.setdefault((plan_key, lang, source_lang, id(termbase)), {})
        if len(said) >= 200_000:
            said.clear()
    for rule in rules:
        if rule.scope == "catalog":
            codes = header_codes
            for line, message in rule.func(CatalogContext(po, path, lang)):
                message = one_line(message)
                result.findings.append(Finding(file_name, line, lang, rule.name, rule.code,
                                               rule.severity, message, "", None,
                                               is_suppressed(codes, rule.code, rule.name)))
    findings = result.findings
    translated = result.entries
    key_hashes = result.key_hashes
    for entry in po:
        if entry.obsolete:
            stats.obsolete += 1
            continue
        stats.entries += 1
        if "fuzzy" in entry.flags:
            stats.fuzzy += 1
            continue
        forms = _forms(entry)
        if not forms:
            stats.untranslated += 1
            continue
        if entry.msgid_plural and not entry.translated():
            stats.untranslated += 1  # some forms still empty
        else:
            stats.translated += 1
        codes = _entry_codes(entry, header_codes)
        line = entry.linenum or 1
        key = keyed(entry.msgctxt,
                    source_analysis(source_cache, entry.msgid, source_lang, termbase).normal)
        if rows:
            translated.append((key, line, entry.msgctxt, entry.msgid, forms[0][1], codes))
        else:
            key_hashes.append(hash(key))
        for source, target in forms:
            found = said.get((source, target)) if said is not None else None
            if found is None:
                src = source_analysis(source_cache, source, source_lang, termbase)
                if src.plan is None or src.plan[0] != plan_key:
                    src.plan = (plan_key, rule_plan(table, src))
                plan = src.plan[1]
                found = _run_plan(plan, EntryContext(source, target, lang, termbase, entry,
                                                     path, source_lang, src, indexes),
                                  result, line)
                if said is not None and found is not None:
                    said[(source, target)] = found
            for rule, message in found or ():
                findings.append(Finding(
                    file_name, line, lang, rule.name, rule.code, rule.severity, message,
                    entry.msgid, entry.msgctxt, is_suppressed(codes, rule.code, rule.name)))
    return result


def _forms(entry: Any) -> list[tuple[str, str]]:
    """(source, translation) of each translated form of an entry (plural: each form).

    ``entry`` is a LightEntry or, for a catalog the fast reader leaves to polib, a
    polib.POEntry (typed ``Any``: compiled, a LightEntry annotation rejects it)."""
    if entry.msgid_plural:
        return [(entry.msgid if index == 0 else entry.msgid_plural, text)
                for index, text in sorted(entry.msgstr_plural.items()) if text]
    return [(entry.msgid, entry.msgstr)] if entry.msgstr else []


def _entry_codes(entry: Any, header_codes: frozenset[str]) -> frozenset[str]:
    """The codes suppressed on an entry (LightEntry or polib.POEntry, as _forms): its
    translator comment's and the header's."""
    if entry.tcomment:
        return suppressed_codes(entry.tcomment) | header_codes
    return header_codes


def _repeated_rows(path: str, wanted: frozenset[int]) -> list[Row]:
    """The rows (see FileResult.entries) of the entries of ``path`` whose message key
    hashes to one of ``wanted``: the second round of a run in worker processes.

    The first round sends back only each entry's key hash. Most messages occur once
    in a language and cannot be translated two ways; their text (10 MB for the
    benchmark corpus) cost more to pickle and unpickle than reading again the few
    catalogs that hold a repeated message. Equal keys have equal hashes, so every
    repeated message is here (an unequal key that shares a hash only adds a row that
    corpus_entries() counts once).
    """
    try:
        po = read_catalog_light(Path(path))
    except UserError:
        return []  # reported by the first round (or gone since): nothing to compare
    header_codes = suppressed_codes(po.header)
    found: list[Row] = []
    for entry in po:
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        forms = _forms(entry)
        if not forms:
            continue
        key = message_key(entry.msgctxt, entry.msgid)
        if hash(key) in wanted:
            found.append((key, entry.linenum or 1, entry.msgctxt, entry.msgid, forms[0][1],
                          _entry_codes(entry, header_codes)))
    return found


#: A rule of a plan: the rule, its check function, the gate still to test (see rule_plan).
PlannedRule = tuple[Rule, Callable[[EntryContext], Iterable[str]],
                    Callable[[EntryContext], bool] | None]
#: A rule with everything rule_plan asks of it: the rule, its function, its source gate
#: and its entry gate (see rule_table).
TableRule = tuple[Rule, Callable[[EntryContext], Iterable[str]],
                  Callable[[SourceAnalysis], bool] | None, Callable[[EntryContext], bool] | None]


def rule_table(rules: Sequence[Rule]) -> list[TableRule]:
    """Each rule with its function and gates, looked up once per catalog: ``rule.func``
    and ``rule.code`` are attribute reads on a Python object, and rule_plan runs for
    every source message."""
    return [(rule, rule.func, SOURCE_GATES.get(rule.code), GATES.get(rule.code))
            for rule in rules]


def rule_plan(table: Sequence[TableRule], src: SourceAnalysis) -> list[PlannedRule]:
    """The rules worth calling for one source message, each with the gate still to test.

    A gate that reads only the source is decided here, once per source message (the
    same message is checked in every language); the others are kept for the entry.
    """
    plan: list[PlannedRule] = []
    for rule, func, source_gate, gate in table:
        if source_gate is None or source_gate(src):
            plan.append((rule, func, gate))
    return plan


def _run_plan(plan: list[PlannedRule], ctx: EntryContext, result: FileResult, line: int
              ) -> list[tuple[Rule, str]] | None:
    """What the planned rules say of one entry; None if one of them failed (not cached)."""
    found: list[tuple[Rule, str]] = []
    failed = False
    for rule, func, gate in plan:
        try:
            if gate is not None and not gate(ctx):
                continue
            for message in func(ctx):
                found.append((rule, one_line(message)))
        except Exception as exc:  # a bug in one check must not hide the others
            failed = True
            result.errors.append(InputError(
                str(ctx.path), line, f"internal error in {rule.code} {rule.name} "
                f"({type(exc).__name__}: {exc}); please report it"))
    return None if failed else found


# Worker state, set once per process by the pool initializer (inherited with fork).
_WORKER: tuple[Termbase | None, list[Rule], str, dict, dict, bool] | None = None


def _init_worker(termbase: Termbase | None, codes: list[str], source_lang: str,
                 rows: bool) -> None:
    global _WORKER
    gc.freeze()  # the inherited termbase and indexes: never collected, pages stay shared
    gc.disable()  # see without_gc(); the worker ends with the run
    _WORKER = (termbase, [r for r in all_rules() if r.code in codes], source_lang, {}, {},
               rows)


def _check_in_worker(paths: list[str]) -> list[FileResult]:
    assert _WORKER is not None
    termbase, rules, source_lang, cache, said, rows = _WORKER
    return [check_catalog(Path(path), termbase, rules, source_lang, cache, said, rows)
            for path in paths]


def _rows_in_worker(job: tuple[str, frozenset[int]]) -> list[Row]:
    return _repeated_rows(job[0], job[1])


def _second_round(results: Sequence[FileResult]) -> list[tuple[str, frozenset[int]]]:
    """(catalog, key hashes met more than once in its language) for each catalog that
    holds a repeated message: what _repeated_rows reads again."""
    counts: dict[str, Counter[int]] = {}
    for result in results:
        if result.language and result.key_hashes:
            counts.setdefault(result.language, Counter()).update(result.key_hashes)
    repeated = {lang: frozenset(key for key, n in count.items() if n > 1)
                for lang, count in counts.items()}
    jobs: list[tuple[str, frozenset[int]]] = []
    for result in results:
        wanted = repeated.get(result.language or "")
        if wanted and not wanted.isdisjoint(result.key_hashes):
            jobs.append((result.path, wanted.intersection(result.key_hashes)))
    return jobs


def _page_key(path: Path) -> str:
    """``locale/es/LC_MESSAGES/sites/bone.po`` -> ``sites/bone.po``: one page, every language."""
    parts = path.parts
    for index in range(len(parts) - 1, -1, -1):
        if parts[index] == "LC_MESSAGES":
            return "/".join(parts[index + 1:])
    return path.name


def _work_units(files: Sequence[Path], workers: int, sizes: dict[Path, int]
                ) -> list[list[Path]]:
    """Catalogs grouped by page (the same msgids: one worker analyses each source once),
    biggest first, split finer where there are too few groups to keep every worker busy.

    The last ``workers`` groups are split into single catalogs: the run ends when the
    last worker does, and a whole page left to one worker kept the others idle.
    """
    groups: dict[str, list[Path]] = {}
    for file in files:
        groups.setdefault(_page_key(file), []).append(file)
    units = list(groups.values())
    if len(units) < 4 * workers:
        units = [[file] for file in files]

    def size(unit: list[Path]) -> int:
        return sum(sizes[file] for file in unit)

    units.sort(key=size, reverse=True)
    cut = max(0, len(units) - workers)
    tail = [[file] for unit in units[cut:] for file in unit]
    return units[:cut] + sorted(tail, key=size, reverse=True)


def _guess_languages(files: Sequence[Path]) -> set[str]:
    """Languages from locale/<lang>/LC_MESSAGES/ paths: a guess, only used for speed."""
    from ..catalogs import normalise_language

    langs = set()
    for file in files:
        parts = file.parts
        if "LC_MESSAGES" in parts[1:]:
            where = len(parts) - 1 - parts[::-1].index("LC_MESSAGES")
            lang = normalise_language(parts[where - 1])
            if lang:
                langs.add(lang)
    return langs


def _prepare_termbase(termbase: Termbase, source_lang: str, files: Sequence[Path],
                      rules: Sequence[Rule]) -> None:
    """Build the indexes every catalog needs once, before the workers fork (they share
    them), and keep them in the termbase cache for the next run."""
    from ..termbase import cache

    if not any(r.code.startswith(("T", "D", "N")) for r in rules):
        return
    _ = termbase.index(source_lang).has_entries
    if any(r.code in {"T001", "T002", "T003"} for r in rules):
        cached: frozenset[tuple[str, str]] = getattr(termbase, "_cached_indexes", frozenset())
        for lang in sorted(_guess_languages(files)):
            if (lang and lang.split("_")[0] != source_lang.split("_")[0]
                    and termbase.index(lang, "forbidden").has_entries
                    and (lang, "approved") not in cached):
                # T002/T003 ask it of every forbidden term found: made once, here, for
                # the cache file. Read back from there, it is unpacked only in a
                # worker that finds a forbidden term (none, in most runs).
                _ = termbase.index(lang, "approved").key_set
    cache.store(termbase)


def _default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


@contextlib.contextmanager
def without_gc() -> Iterator[None]:
    """The cyclic garbage collector off for the duration of a run.

    A run keeps hundreds of thousands of small objects in its caches (tokens,
    variant sets, analyses), so every full collection walks them all, which cost a
    quarter of the run's time; the checker makes almost no reference cycles, so
    there is nothing for the collector to find meanwhile. It is switched back on
    (and catches up) when the run ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_paths(paths: Sequence[Path | str] | None = None, termbase_path: Path | str | None = None,
                *, termbase: Termbase | None = None, select: Iterable[str] | None = None,
                ignore: Iterable[str] | None = None, jobs: int | None = None) -> Report:
    """Check catalogs (files or folders) against a termbase; return every finding.

    ``termbase_path`` is read with :func:`mbc_docs.termbase.load_termbase`; a broken
    termbase is an input error of the report (exit code 2) and the checks that need
    no termbase still run. Or pass an already loaded ``termbase``; with neither,
    the term checks have nothing to compare and stay silent. Without ``paths``,
    the project's ``locale/`` and ``locale/termbase.tbx`` are used.
    """
    with without_gc():
        return _check_paths(paths, termbase_path, termbase=termbase, select=select,
                            ignore=ignore, jobs=jobs)


def _check_paths(paths: Sequence[Path | str] | None, termbase_path: Path | str | None,
                 *, termbase: Termbase | None, select: Iterable[str] | None,
                 ignore: Iterable[str] | None, jobs: int | None) -> Report:
    """The run itself (see :func:`check_paths`), with the garbage collector off."""
    if paths is None or len(paths) == 0:
        from ..project import find_project

        project = find_project()
        paths = [project.locale]
        if termbase_path is None and termbase is None and project.termbase.is_file():
            termbase_path = project.termbase
    termbase_error: InputError | None = None
    if termbase is None and termbase_path is not None:
        try:
            termbase = load_termbase(Path(termbase_path))
        except UserError as exc:
            # Reported like any unreadable input (exit 2); the checks that do not
            # need a termbase still run on every catalog.
            termbase_error = InputError(str(exc.path or termbase_path), exc.line, exc.message)
    source_lang = termbase.source_lang if termbase is not None else "en"
    rules = select_rules(select, ignore)
    files, errors = collect_catalogs([Path(p) for p in paths])
    if termbase_error is not None:
        errors.insert(0, termbase_error)
    report = Report(errors=errors,
                    termbase=str(termbase_path) if termbase_path is not None else (
                        termbase.path if termbase is not None else None),
                    concepts=len(termbase) if termbase is not None else 0)
    jobs = _default_jobs() if jobs is None else max(1, jobs)
    sizes: dict[Path, int] = {}  # bytes of each catalog (0 if unreadable: reported later)
    for file in files:
        try:
            sizes[file] = file.stat().st_size
        except OSError:
            sizes[file] = 0
    total = sum(sizes.values())
    use_pool = jobs > 1 and len(files) >= POOL_MIN_FILES and total >= POOL_MIN_BYTES
    results: list[FileResult]
    if termbase is not None and termbase.concepts and files:
        _prepare_termbase(termbase, source_lang, files, rules)
    if use_pool:
        for lang in _guess_languages(files):
            # CLDR's locale list, read once here instead of once in every worker.
            with contextlib.suppress(languages.UnknownLanguageError):
                languages.require_known(lang)
        context: multiprocessing.context.BaseContext
        try:
            context = multiprocessing.get_context("fork")
        except ValueError:  # pragma: no cover - platforms without fork
            context = multiprocessing.get_context()
        codes = [r.code for r in rules]
        # Rows in the first round only when the corpus rules need them and the key
        # hashes of two rounds could differ: hash() of a string is the same only in
        # processes forked from this one (see _repeated_rows).
        corpus = any(r.scope == "corpus" for r in rules)
        rows = corpus and context.get_start_method() != "fork"
        workers = min(jobs, len(files))
        units = _work_units(files, workers, sizes)
        by_path: dict[str, FileResult] = {}
        with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                 initializer=_init_worker,
                                 initargs=(termbase, codes, source_lang, rows)) as pool:
            for unit_results in pool.map(_check_in_worker,
                                         [[str(p) for p in unit] for unit in units]):
                for result in unit_results:
                    by_path[result.path] = result
            results = [by_path[str(p)] for p in files]
            if corpus and not rows:
                second = _second_round(results)
                for (path, _wanted), found in zip(second, pool.map(_rows_in_worker, second),
                                                  strict=True):
                    by_path[path].entries = found
    else:
        cache: dict = {}
        said: dict = {}
        results = [check_catalog(p, termbase, rules, source_lang, cache, said) for p in files]
    corpus_rules = [r for r in rules if r.scope == "corpus"]
    for result in results:
        report.files.append(result.path)
        report.findings.extend(result.findings)
        report.errors.extend(result.errors)
        if result.language:
            report.stats.setdefault(result.language, EntryCounts()).add(result.stats)
    for lang, entries in corpus_entries(results).items() if corpus_rules else ():
        for rule in corpus_rules:
            for entry, message in rule.func(entries):
                message = one_line(message)
                report.findings.append(Finding(
                    entry.file, entry.line, lang, rule.name, rule.code, rule.severity,
                    message, entry.msgid, entry.msgctxt,
                    is_suppressed(entry.suppressed, rule.code, rule.name)))
    report.findings.sort(key=lambda f: (f.file, f.line, f.code))
    return report


_MESSAGE_KEY = operator.itemgetter(0)  # of a FileResult.entries row


def corpus_entries(results: Sequence[FileResult]) -> dict[str, list[TranslatedEntry]]:
    """Per language, the translated entries whose source message (its context and its
    text with white space runs as one space) occurs more than once in that language.

    What the corpus rules are given (see registry): a message met once cannot be
    translated two ways, and most messages are met once, so only the repeated ones
    become :class:`TranslatedEntry` objects.
    """
    # Counted first (Counter.update runs in C), so that only the repeated messages'
    # rows are looked at again; the entries stay in file order within each message.
    counts_by_lang: dict[str, Counter[str | tuple[str, str]]] = {}
    rows_by_lang: dict[str, int] = {}
    for result in results:
        if result.language:
            counts_by_lang.setdefault(result.language, Counter()).update(
                map(_MESSAGE_KEY, result.entries))
            rows_by_lang[result.language] = (rows_by_lang.get(result.language, 0)
                                             + len(result.entries))
    repeated: dict[str, list[TranslatedEntry]] = {lang: [] for lang in counts_by_lang}
    for result in results:
        if not result.language or len(counts_by_lang[result.language]) == rows_by_lang[
                result.language]:
            continue  # no message of this language occurs twice
        counts, found = counts_by_lang[result.language], repeated[result.language]
        path = result.path
        for row in result.entries:
            if counts[row[0]] > 1:
                found.append(TranslatedEntry(path, *row[1:]))
    return repeated


def check_text(source: str, target: str, lang: str, termbase: Termbase | None = None,
               select: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """Check one message: ``[(code, message), ...]`` (for editors and translator hints)."""
    source_lang = termbase.source_lang if termbase is not None else "en"
    ctx = EntryContext(source, target, lang, termbase, None, None, source_lang)
    out: list[tuple[str, str]] = []
    for rule in select_rules(select):
        if rule.scope == "entry":
            out.extend((rule.code, one_line(message)) for message in rule.func(ctx))
    return out
