"""Random catalogs and termbases never crash the checker: bad input is an error line."""
# ruff: noqa: RUF001 -- the tests deliberately use look-alike characters (dashes, digits)

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mbc_docs.checks.runner import check_paths, check_text
from mbc_docs.errors import UserError
from mbc_docs.termbase import load_termbase
from mbc_docs.termbase.model import Concept, Term, Termbase, TermStatus

# Text mixing the characters the checker treats specially.
ALPHABET = st.sampled_from(list(
    "abcXYZ019 -–'’%٪.,<>≥{}`*_[]^()<>/:\"\\\n\tüéßأال٣骨转移\u00a0\u202fHER2")
)
TEXT = st.text(ALPHABET, max_size=60) | st.text(max_size=40)
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def termbases() -> st.SearchStrategy[Termbase]:
    term = st.builds(Term, text=st.text(ALPHABET, min_size=1, max_size=15),
                     lang=st.sampled_from(["en", "es", "de", "zh_CN", "ar"]),
                     status=st.sampled_from(list(TermStatus)), case_sensitive=st.booleans())

    def concept(data: tuple[int, list[Term], bool]) -> Concept:
        number, terms, dnt = data
        c = Concept(id=f"c{number}", dnt=dnt)
        for t in terms:
            c.add(t)
        return c

    concepts = st.lists(st.tuples(st.integers(0, 10**6), st.lists(term, max_size=4),
                                  st.booleans()).map(concept), max_size=6)
    return concepts.map(lambda cs: Termbase(concepts=cs))


@SETTINGS
@given(source=TEXT, target=TEXT, lang=st.sampled_from(["es", "de", "zh_CN", "ar", "fr"]),
       tb=termbases())
def test_random_messages_and_termbases_never_crash(source: str, target: str, lang: str,
                                                   tb: Termbase) -> None:
    for code, message in check_text(source, target, lang, tb):
        assert code and message and "\n" not in message


def _po_text(entries: list[tuple[str, str]], header_lang: str) -> str:
    def q(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    body = [f'msgid ""\nmsgstr ""\n"Language: {header_lang}\\n"\n']
    for i, (src, tgt) in enumerate(entries):
        body.append(f"msgid {q(f'{i} {src}')}\nmsgstr {q(tgt)}\n")
    return "\n".join(body)


@SETTINGS
@given(entries=st.lists(st.tuples(TEXT, TEXT), max_size=8),
       lang=st.sampled_from(["es", "de", "ar", "zh_CN", "xx", ""]),
       garbage=st.binary(max_size=80), corrupt=st.booleans())
def test_random_catalogs_never_crash(entries, lang: str, garbage: bytes, corrupt: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.po"
        data = _po_text(entries, lang).encode("utf-8")
        if corrupt:
            data = data[: len(data) // 2] + garbage + data[len(data) // 2:]
        path.write_bytes(data)
        report = check_paths([path], None, jobs=1)
        assert report.exit_code in (0, 1, 2)
        for error in report.errors:
            assert "internal error" not in error.message, error
            assert "\n" not in str(error)


@SETTINGS
@given(data=st.binary(max_size=300) | st.text(max_size=300).map(str.encode),
       suffix=st.sampled_from([".tbx", ".csv"]))
def test_random_termbase_files_are_read_or_refused_cleanly(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"random{suffix}"
        path.write_bytes(data)
        try:
            load_termbase(path)
        except UserError as exc:
            assert "\n" not in str(exc)


@SETTINGS
@given(terms=st.lists(st.tuples(st.text(ALPHABET, min_size=1, max_size=12),
                                st.sampled_from(["preferredTerm-admn-sts", "forbidden", "x"])),
                      min_size=1, max_size=5))
def test_random_tbx_structures_are_read_or_refused_cleanly(terms) -> None:
    from xml.sax.saxutils import escape

    sections = "".join(
        f"<termSec><term>{escape(t)}</term><termNote type='administrativeStatus'>{s}"
        "</termNote></termSec>" for t, s in terms)
    xml = (f"<tbx xml:lang='en'><text><body><conceptEntry id='c'><langSec xml:lang='en'>"
           f"{sections}</langSec></conceptEntry></body></text></tbx>")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.tbx"
        path.write_text(xml, encoding="utf-8")
        try:
            tb = load_termbase(path)
        except UserError as exc:
            assert "\n" not in str(exc)
        else:
            tb.find_concepts(" ".join(t for t, _ in terms))
