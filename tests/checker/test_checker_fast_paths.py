"""The fast paths of the checker give the same answers as the slow, obvious ones."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mbc_docs.catalogs import LightCatalog, load_catalog, read_catalog_light
from mbc_docs.checks import runner
from mbc_docs.checks.context import (
    _HYPHEN_CLASS,
    _LATIN_ALNUM,
    _is_plain,
    has_plain_token,
    surface_pattern,
)
from mbc_docs.checks.runner import check_paths
from mbc_docs.errors import UserError
from mbc_docs.termbase import cache, load_termbase
from mbc_docs.termbase.matching import HYPHENS, TokenizedText, analyzer
from mbc_docs.termbase.model import LazyConcepts

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "checker"


def _signature(po) -> tuple:
    entries = [(e.linenum, e.msgctxt, e.msgid, e.msgid_plural, e.msgstr, dict(e.msgstr_plural),
                list(e.flags), e.tcomment, bool(e.obsolete), e.translated()) for e in po]
    return po.header, po.metadata, entries


CATALOGS = {
    "plain": '# header comment\n#\nmsgid ""\nmsgstr ""\n"Language: es\\n"\n"X: a\\n"\n\n'
             '# mbc-docs: ignore T001\n#. extracted\n#: a.md:1 b.md:2\n#, fuzzy, python-format\n'
             'msgid "One \\"x\\"\\n"\n"two"\nmsgstr "Uno"\n" dos\\t"\n\n'
             'msgctxt "ctx"\nmsgid "One \\"x\\"\\n"\nmsgstr ""\n\n'
             'msgid "apple"\nmsgid_plural "apples"\nmsgstr[0] "manzana"\nmsgstr[1] ""\n',
    "obsolete": 'msgid ""\nmsgstr "Language: fr\\n"\n\nmsgid "a"\nmsgstr "b"\n\n'
                '#~ msgid "old"\n#~ msgstr "vieux"\n',
    "no header": 'msgid "a"\nmsgstr "b"\n',
    "duplicate": 'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n',
    "bad quote": 'msgid ""\nmsgstr ""\n\nmsgid "a"b"\nmsgstr "b"\n',
    "stray": 'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\nnonsense\n',
}


@pytest.mark.parametrize("name", sorted(CATALOGS))
def test_light_reader_matches_polib(tmp_path: Path, name: str) -> None:
    path = tmp_path / "x.po"
    path.write_text(CATALOGS[name], encoding="utf-8")
    try:
        expected = load_catalog(path)
    except UserError as exc:
        with pytest.raises(UserError) as caught:
            read_catalog_light(path)
        assert str(caught.value) == str(exc)
        return
    assert _signature(read_catalog_light(path)) == _signature(expected)


def test_light_reader_reads_the_project_catalogs_like_polib() -> None:
    paths = sorted((ROOT / "locale").glob("*/LC_MESSAGES/**/*.po"))[:40]
    paths += sorted(FIXTURES.glob("locale/*/LC_MESSAGES/*.po"))
    light = 0
    for path in paths:
        got = read_catalog_light(path)
        light += isinstance(got, LightCatalog)
        assert _signature(got) == _signature(load_catalog(path)), path
    assert light


def test_pool_and_serial_runs_agree() -> None:
    tb = load_termbase(ROOT / "locale" / "termbase.tbx")
    folder = FIXTURES / "locale"
    serial = check_paths([folder], termbase=tb, jobs=1)
    old = runner.POOL_MIN_BYTES, runner.POOL_MIN_FILES
    runner.POOL_MIN_BYTES, runner.POOL_MIN_FILES = 0, 1
    try:
        pooled = check_paths([folder], termbase=tb, jobs=2)
    finally:
        runner.POOL_MIN_BYTES, runner.POOL_MIN_FILES = old
    assert [f.to_dict() for f in pooled.findings] == [f.to_dict() for f in serial.findings]


def _pooled(monkeypatch: pytest.MonkeyPatch, folder: Path, **kwargs: object) -> runner.Report:
    monkeypatch.setattr(runner, "POOL_MIN_BYTES", 0)
    monkeypatch.setattr(runner, "POOL_MIN_FILES", 1)
    return check_paths([folder], jobs=2, **kwargs)  # type: ignore[arg-type]


def test_pooled_run_finds_the_same_inconsistencies_from_key_hashes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers send key hashes; the repeated messages' rows come in a second round."""
    folder = FIXTURES / "consistency" / "locale"
    serial = check_paths([folder], jobs=1)
    pooled = _pooled(monkeypatch, folder)
    found = [f.to_dict() for f in pooled.findings if f.code == "C001"]
    assert found == [f.to_dict() for f in serial.findings if f.code == "C001"]
    # Context, plural and white space are part of the key; a suppression comment and
    # a fuzzy entry are read again in the second round as in the first.
    assert [(Path(f["file"]).parent.parent.name, Path(f["file"]).name, f["line"],
             f["suppressed"]) for f in found] == [
        ("es", "bone.po", 6, False), ("es", "index.po", 10, False),
        ("es", "index.po", 17, False), ("es", "liver.po", 6, True), ("fr", "index.po", 6, False)]
    assert [f.to_dict() for f in pooled.findings] == [f.to_dict() for f in serial.findings]


def test_catalog_left_to_polib_is_checked_in_both_rounds(monkeypatch: pytest.MonkeyPatch) -> None:
    """A catalog the fast reader leaves to polib yields polib entries, in the first
    round and when its repeated messages are read again."""
    folder = FIXTURES / "polib-fallback" / "locale"
    archived = folder / "es" / "LC_MESSAGES" / "archived.po"
    assert not isinstance(read_catalog_light(archived), LightCatalog)
    serial = check_paths([folder], jobs=1)
    pooled = _pooled(monkeypatch, folder)
    assert [f.to_dict() for f in pooled.findings] == [f.to_dict() for f in serial.findings]
    assert not pooled.errors
    found = sorted((Path(f.file).name, f.line) for f in pooled.findings if f.code == "C001")
    assert found == [("archived.po", 8), ("archived.po", 11)] or found == [
        ("current.po", 6), ("current.po", 9)]
    assert pooled.stats["es"].obsolete == 1 and pooled.stats["es"].translated == 4


def test_second_round_reads_only_catalogs_with_a_repeated_message(
        monkeypatch: pytest.MonkeyPatch) -> None:
    results = [runner.check_catalog(path, None, runner.select_rules(), rows=False)
               for path in sorted((FIXTURES / "consistency" / "locale").rglob("*.po"))]
    assert all(r.key_hashes and not r.entries for r in results)
    jobs = runner._second_round(results)
    assert sorted(Path(path).relative_to(FIXTURES).as_posix() for path, _ in jobs) == [
        "consistency/locale/es/LC_MESSAGES/bone.po", "consistency/locale/es/LC_MESSAGES/index.po",
        "consistency/locale/es/LC_MESSAGES/liver.po", "consistency/locale/fr/LC_MESSAGES/bone.po",
        "consistency/locale/fr/LC_MESSAGES/index.po"]
    rows = {Path(path).name + "/" + Path(path).parent.parent.name: runner._repeated_rows(
        path, wanted) for path, wanted in jobs}
    # "Only here." is in two French catalogs, but untranslated in one: not repeated.
    assert [row[3] for row in rows["index.po/fr"]] == ["Key points"]
    assert [row[3] for row in rows["bone.po/fr"]] == ["Key points"]
    assert runner._repeated_rows(str(FIXTURES / "bad" / "syntax-error.po"), frozenset({1})) == []


@pytest.fixture
def tbx_to_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project's termbase, cached in ``tmp_path/cache`` once checked."""
    monkeypatch.setenv("MBC_DOCS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    source = tmp_path / "tb.tbx"
    source.write_bytes((ROOT / "locale" / "termbase.tbx").read_bytes())
    return source


@pytest.fixture
def cached_tbx(tbx_to_cache: Path) -> Path:
    """The same, with its cache file written by a check."""
    check_paths([FIXTURES / "locale"], tbx_to_cache, jobs=1)
    return tbx_to_cache


def test_termbase_cache_round_trip(tmp_path: Path, tbx_to_cache: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    source = tbx_to_cache
    folder = FIXTURES / "locale"
    first = check_paths([folder], source, jobs=1)
    assert list((tmp_path / "cache").glob("termbase-*.marshal"))
    again = load_termbase(source)
    assert again._cached_indexes  # read back with its indexes
    assert isinstance(again.concepts, LazyConcepts)
    second = check_paths([folder], termbase=again, jobs=1)
    assert [f.to_dict() for f in second.findings] == [f.to_dict() for f in first.findings]
    # Only the concepts the catalogs name were unpacked to answer that.
    assert 0 < len(again.concepts._made) < len(again.concepts)
    monkeypatch.setenv("MBC_DOCS_NO_CACHE", "1")
    parsed = load_termbase(source)
    assert list(again.concepts) == list(parsed.concepts)  # every field survives the cache
    sentence = "Bone metastases and HER2-positive breast cancer."
    assert ([(m.concept.id, m.start, m.end) for m in again.find_concepts(sentence)]
            == [(m.concept.id, m.start, m.end) for m in parsed.find_concepts(sentence)])


def test_cached_termbase_pickles_for_spawned_workers(cached_tbx: Path) -> None:
    """The cache file is mapped into memory; a worker started by spawn gets the bytes."""
    import pickle

    source = cached_tbx
    cached = load_termbase(source)
    assert isinstance(cached.concepts, LazyConcepts)
    copy = pickle.loads(pickle.dumps(cached))
    assert list(copy.concepts) == list(cached.concepts)
    sentence = "Bone metastases and HER2-positive breast cancer."
    assert ([m.concept.id for m in copy.find_concepts(sentence)]
            == [m.concept.id for m in cached.find_concepts(sentence)])


def test_cache_file_of_another_layout_is_ignored(tmp_path: Path, cached_tbx: Path) -> None:
    """A file that is not this version's layout (an older mbc-docs wrote it, or another
    program) is parsed around, not trusted."""
    source = cached_tbx
    (cached,) = (tmp_path / "cache").glob("termbase-*.marshal")
    import marshal

    for content in (marshal.dumps({"format": 3, "concepts": ()}), b"", b"\xff" * 64):
        cached.write_bytes(content)
        assert not isinstance(load_termbase(source).concepts, LazyConcepts)


def test_damaged_termbase_cache_is_ignored(tmp_path: Path, cached_tbx: Path) -> None:
    source = cached_tbx
    (cached,) = (tmp_path / "cache").glob("termbase-*.marshal")
    cached.write_bytes(cached.read_bytes()[:1000])  # truncated, as by a full disk
    again = load_termbase(source)
    assert not isinstance(again.concepts, LazyConcepts)  # parsed from the TBX instead
    assert len(again) == len(load_termbase(ROOT / "locale" / "termbase.tbx"))


def test_rule_gates_change_no_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    """A gate only skips a rule that would report nothing: same findings without gates."""
    from mbc_docs.checks import runner

    tb = load_termbase(ROOT / "locale" / "termbase.tbx")
    paths = [FIXTURES / "locale", FIXTURES / "bad"]
    paths += sorted((ROOT / "locale").glob("*/LC_MESSAGES/**/*.po"))[:15]
    gated = check_paths(paths, termbase=tb, jobs=1)
    monkeypatch.setattr(runner, "GATES", {})
    monkeypatch.setattr(runner, "SOURCE_GATES", {})
    ungated = check_paths(paths, termbase=tb, jobs=1)
    assert gated.findings, "the fixtures must give the rules something to report"
    assert [f.to_dict() for f in gated.findings] == [f.to_dict() for f in ungated.findings]


def _plain_surface_pattern(surface: str, case_sensitive: bool) -> re.Pattern[str]:
    """The obvious pattern (look-behind first) that context.surface_pattern must equal."""
    parts = [_HYPHEN_CLASS if ch in HYPHENS else r"\s+" if ch.isspace() else re.escape(ch)
             for ch in surface]
    return re.compile(rf"(?<![{_LATIN_ALNUM}]){''.join(parts)}(?![{_LATIN_ALNUM}])",
                      0 if case_sensitive else re.IGNORECASE)


_SURFACE_ALPHABET = "aAbB1é É.(-\u2011\u0131k\u00a0\n"  # dotless i: a case-folding oddity


@settings(max_examples=600, deadline=None)
@given(surface=st.text(_SURFACE_ALPHABET, min_size=1, max_size=5),
       text=st.text(_SURFACE_ALPHABET, max_size=16), case_sensitive=st.booleans())
def test_surface_search_equals_the_plain_pattern(surface: str, text: str,
                                                  case_sensitive: bool) -> None:
    plain = _plain_surface_pattern(surface, case_sensitive)
    fast = surface_pattern(surface, case_sensitive)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    if case_sensitive and _is_plain(surface):
        assert has_plain_token(text, surface) == (plain.search(text) is not None)


_TOKEN_ALPHABET = "ab É-'  \n,.()5%\u00a0乳腺癌\u0628\u0627\u0644\u064b\u0301HER2"


@settings(max_examples=400, deadline=None)
@given(text=st.text(_TOKEN_ALPHABET, max_size=30),
       lang=st.sampled_from(["en", "es", "de", "zh_CN", "ar"]), term=st.booleans())
def test_tokens_cut_per_chunk_equal_tokens_of_the_whole_text(text: str, lang: str,
                                                              term: bool) -> None:
    """TokenizedText cuts space-separated chunks (cached); the regex over the whole
    text must give the same tokens, keys, variants and offsets."""
    an = analyzer(lang)
    matches = list(an.token_re.finditer(text))
    tt = TokenizedText(text, lang, term=term)
    assert tt.keys == [an.analyse(m.group(), term)[0] for m in matches]
    assert tt.variants == [an.analyse(m.group(), term)[1] for m in matches]
    assert list(zip(tt.starts, tt.ends, strict=True)) == [m.span() for m in matches]


def test_checker_counts_catalog_state_as_the_stats_command_does() -> None:
    """A plural message with an empty form is untranslated for every tool."""
    from mbc_docs.catalog_progress import progress_of

    path = FIXTURES / "plural" / "es" / "LC_MESSAGES" / "plural.po"
    counts = check_paths([path], jobs=1, termbase=None).stats["es"]
    progress = progress_of(load_catalog(path))
    assert (counts.entries, counts.translated, counts.untranslated, counts.fuzzy) == (
        progress.total, progress.translated, progress.untranslated, progress.fuzzy) == (
        3, 2, 1, 0)


def test_work_ends_with_single_catalogs_so_no_worker_waits_on_a_whole_page(
        tmp_path: Path) -> None:
    files = []
    for page in range(9):  # page 0 is the biggest
        for lang in ("de", "es"):
            path = tmp_path / lang / "LC_MESSAGES" / f"page{page}.po"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("#" * (1000 - 100 * page), encoding="utf-8")
            files.append(path)
    units = runner._work_units(files, 2, {path: path.stat().st_size for path in files})
    assert [len(unit) for unit in units] == [2] * 7 + [1] * 4
    assert [unit[0].stem for unit in units] == [f"page{n}" for n in range(7)] + [
        "page7", "page7", "page8", "page8"]
    assert sorted(p for unit in units for p in unit) == sorted(files)


def _listed_spaces(text: str, spans: list[tuple[int, int]]) -> str:
    """The obvious way to blank spans, line breaks too: a list of characters, each span
    assigned (how a source's do-not-translate tokens were blanked)."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


@pytest.mark.parametrize("spans", [[], [(0, 3)], [(4, 9), (0, 2)], [(2, 8), (5, 12)],
                                   [(3, 6), (3, 6)], [(0, 20)], [(7, 7)], [(10, 14), (12, 13)]])
def test_blanking_lines_too_is_assigning_each_span(spans: list[tuple[int, int]]) -> None:
    from mbc_docs.checks.syntax import blank

    text = "CA 15-3\nand HER2 too"
    assert blank(text, spans, keep_lines=False) == _listed_spaces(text, spans)
    assert len(blank(text, spans, keep_lines=False)) == len(text)
    assert blank(text, spans).count("\n") == 1
