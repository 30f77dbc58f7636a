"""The termbase as a spreadsheet: one row per term, readable and writable as CSV.

Columns: ``concept``, ``language``, ``term``, ``status``, ``dnt``,
``case_sensitive``, ``part_of_speech``, ``definition``, ``note``. Only
``concept``, ``language`` and ``term`` are required; a missing status means
preferred for the first term of a concept in a language and admitted after that.
One row per term keeps every language editable in any spreadsheet without a
column per language, and round-trips exactly through :func:`write_csv`.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..catalogs import normalise_language
from ..errors import UserError
from .model import Concept, Term, Termbase, TermStatus

COLUMNS = ("concept", "language", "term", "status", "dnt", "case_sensitive",
           "part_of_speech", "definition", "note")
_REQUIRED = ("concept", "language", "term")
_TRUE = {"1", "true", "yes", "y", "x", "dnt"}
_FALSE = {"", "0", "false", "no", "n"}


def _flag(value: str, path: Path, line: int, column: str) -> bool:
    word = value.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise UserError(f"column {column!r}: expected yes or no, got {value!r}", path, line)


def read_csv(path: Path, data: bytes | None = None) -> Termbase:
    path = Path(path)
    if data is None:
        from . import read_termbase_bytes

        data = read_termbase_bytes(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UserError("not valid UTF-8; save the spreadsheet as CSV UTF-8", path, line) from None
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = [h.strip().lower().replace(" ", "_") for h in next(reader)]
    except StopIteration:
        raise UserError("empty termbase spreadsheet", path) from None
    except csv.Error as exc:
        raise UserError(f"not a CSV file: {exc}", path, 1) from None
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        raise UserError(f"missing column(s) {', '.join(missing)}; expected {', '.join(COLUMNS)}",
                        path, 1)
    termbase = Termbase(path=str(path))
    concepts: dict[str, Concept] = {}
    in_order: list[Concept] = []
    termbase.concepts = in_order
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            cells = dict(zip(header, (cell.strip() for cell in row), strict=False))
            concept_id, lang, text = (cells.get(c, "") for c in _REQUIRED)
            if not concept_id or not lang or not text:
                raise UserError("concept, language and term must not be empty", path, line)
            concept = concepts.get(concept_id)
            if concept is None:
                concept = concepts[concept_id] = Concept(id=concept_id)
                in_order.append(concept)
            lang = normalise_language(lang)
            raw_status = cells.get("status", "")
            if raw_status:
                status = TermStatus.parse(raw_status)
                if status is None:
                    raise UserError(f"unknown status {raw_status!r} (expected preferred, "
                                    "admitted, deprecated, superseded or forbidden)", path, line)
            else:
                status = (TermStatus.ADMITTED if concept.terms.get(lang)
                          else TermStatus.PREFERRED)
            if _flag(cells.get("dnt", ""), path, line, "dnt"):
                concept.dnt = True
            term = Term(text=text, lang=lang, status=status,
                        case_sensitive=_flag(cells.get("case_sensitive", ""), path, line,
                                             "case_sensitive"),
                        part_of_speech=cells.get("part_of_speech") or None,
                        note=cells.get("note") or None, line=line)
            definition = cells.get("definition")
            if definition:
                if lang == termbase.source_lang and not concept.definition:
                    concept.definition = definition
                else:
                    concept.definitions.setdefault(lang, definition)
            concept.add(term)
    except csv.Error as exc:
        raise UserError(f"not a CSV file: {exc}", path, reader.line_num) from None
    return termbase


def write_csv(termbase: Termbase) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for concept in termbase.concepts:
        for lang, terms in concept.terms.items():
            for term in terms:
                if lang == termbase.source_lang:
                    definition = concept.definition or ""
                else:
                    definition = concept.definitions.get(lang, "")
                writer.writerow([concept.id, lang, term.text, term.status.value,
                                 "yes" if concept.dnt else "", "yes" if term.case_sensitive else "",
                                 term.part_of_speech or "", definition, term.note or ""])
    return buffer.getvalue()
