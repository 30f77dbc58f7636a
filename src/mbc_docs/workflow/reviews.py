"""Review records: who signed off which translated page, and against which English.

The records live in ``locale/reviews.toml`` (``Project.reviews``), one table per
language and page::

    [es."sites/bone"]
    reviewer = "Ana García"
    role = "medical-translator"
    date = 2026-11-25
    fingerprint = "sha256:3f5e..."

The fingerprint is a SHA-256 over the page's English messages, in page order, as they
stand in the page's catalog (after ``make update-po`` these are exactly the ``.pot``
msgids, and they are the same for every language). So it changes exactly when the
English a reviewer signed off changes, and never when only a translation is edited,
a line number moves or the catalog is re-wrapped.

A page's state for readers is one of three, and only a reviewer whose role is a
qualified medical translator turns a draft into "reviewed": the notice would
otherwise claim something that is not true.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import hashlib
import json
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import polib

from .. import languages
from ..catalog_progress import catalog_path, progress_of
from ..errors import UserError
from ..project import Project
from .pofiles import atomic_write_text, load_catalog

#: Roles a reviewer can sign with; only the qualified ones count as a medical review.
ROLES = ("medical-translator", "clinician", "translator", "proofreader")
QUALIFIED_ROLES = frozenset({"medical-translator"})

_TOML_POSITION_RE = re.compile(r"\s*\(at line (\d+), column \d+\)")

HEADER = """\
# Review records of the translated pages: who signed off which page, in what role,
# when, and the fingerprint of the English they reviewed. Written by
# `mbc-docs review sign`; read by the build for the notice at the top of every
# translated page. A language with no table here has no reviewed page yet.
"""


class ReviewState(enum.Enum):
    NOT_REVIEWED = "not-reviewed"
    REVIEWED = "reviewed"
    OUTDATED = "outdated"


@dataclass(frozen=True)
class ReviewRecord:
    reviewer: str
    role: str
    date: dt.date
    fingerprint: str

    @property
    def qualified(self) -> bool:
        return self.role in QUALIFIED_ROLES


@dataclass(frozen=True)
class PageReview:
    """What the reader is told about one translated page."""

    state: ReviewState
    record: ReviewRecord | None = None


Records = dict[str, dict[str, ReviewRecord]]  # language -> docname -> record


def fingerprint_messages(keys: Iterable[tuple[str | None, str]]) -> str:
    digest = hashlib.sha256()
    for msgctxt, msgid in keys:
        digest.update((msgctxt or "").encode("utf-8") + b"\x04" + msgid.encode("utf-8") + b"\x00")
    return "sha256:" + digest.hexdigest()


def fingerprint_of(po: polib.POFile) -> str:
    """The fingerprint of the English of a catalog's live entries (translations ignored)."""
    return fingerprint_messages((e.msgctxt, e.msgid) for e in po if not e.obsolete)


def page_fingerprint(locale_dir: Path, code: str, docname: str) -> str | None:
    path = catalog_path(locale_dir, code, docname)
    return fingerprint_of(load_catalog(path)) if path.exists() else None


def state_of(record: ReviewRecord | None, fingerprint: str | None) -> PageReview:
    """Reviewed only by a qualified reviewer, and only while the English is unchanged."""
    if record is None or not record.qualified:
        return PageReview(ReviewState.NOT_REVIEWED, record)
    if fingerprint is not None and record.fingerprint == fingerprint:
        return PageReview(ReviewState.REVIEWED, record)
    return PageReview(ReviewState.OUTDATED, record)


# -- reading and writing locale/reviews.toml -------------------------------------

def _record(raw: object, path: Path, where: str) -> ReviewRecord:
    if not isinstance(raw, Mapping):
        raise UserError(f"{where}: a review record must be a table", path)
    missing = [key for key in ("reviewer", "role", "date", "fingerprint") if key not in raw]
    if missing:
        raise UserError(f"{where}: missing {', '.join(missing)}", path)
    date = raw["date"]
    if isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date)
        except ValueError:
            raise UserError(f"{where}: date must look like 2026-11-25", path) from None
    if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
        raise UserError(f"{where}: date must look like 2026-11-25", path)
    return ReviewRecord(str(raw["reviewer"]), str(raw["role"]), date, str(raw["fingerprint"]))


def load_reviews(path: Path) -> Records:
    """All records; a missing file means no page is reviewed yet."""
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise UserError(f"not valid UTF-8 ({exc.reason})", path) from None
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11 only puts the position in the message: "... (at line 2, column 16)".
        match = _TOML_POSITION_RE.search(str(exc))
        line = int(match.group(1)) if match else getattr(exc, "lineno", None)
        message = _TOML_POSITION_RE.sub("", str(exc)).strip()
        raise UserError(f"invalid TOML: {message}", path, line) from None
    records: Records = {}
    for code, pages in data.items():
        if not isinstance(pages, Mapping):
            raise UserError(f"[{code}] must be a table of pages", path)
        records[code] = {
            docname: _record(raw, path, f"[{code}.{json.dumps(docname)}]")
            for docname, raw in pages.items()
        }
    return records


@functools.lru_cache(maxsize=8)
def _cached(path: str, _mtime_ns: int, _size: int) -> Records:
    return load_reviews(Path(path))


def load_reviews_cached(path: Path) -> Records:
    """``load_reviews`` read once per file version (the build asks for every page)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return {}
    return _cached(str(path), stat.st_mtime_ns, stat.st_size)


def _toml_string(value: str) -> str:
    # JSON string escapes are a subset of TOML basic-string escapes.
    return json.dumps(value, ensure_ascii=False)


def dump_reviews(records: Records) -> str:
    """Sorted by language and page, so every sign-off is a small, quiet diff."""
    chunks = [HEADER]
    for code in sorted(records):
        for docname in sorted(records[code]):
            record = records[code][docname]
            chunks.append(
                f"\n[{code}.{_toml_string(docname)}]\n"
                f"reviewer = {_toml_string(record.reviewer)}\n"
                f"role = {_toml_string(record.role)}\n"
                f"date = {record.date.isoformat()}\n"
                f"fingerprint = {_toml_string(record.fingerprint)}\n"
            )
    return "".join(chunks)


def save_reviews(path: Path, records: Records) -> None:
    atomic_write_text(path, dump_reviews(records))


# -- what the commands do ----------------------------------------------------------

def normalise_docname(page: str) -> str:
    """Accept ``sites/bone``, ``sites/bone.md``, ``docs/sites/bone.md`` or a ``.po`` path."""
    name = page.replace("\\", "/").strip("/")
    for prefix in ("docs/",):
        if name.startswith(prefix):
            name = name[len(prefix):]
    if "/LC_MESSAGES/" in name:
        name = name.split("/LC_MESSAGES/", 1)[1]
    for suffix in (".md", ".rst", ".po", ".pot"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name


def _target_language(project: Project, code: str) -> str:
    try:
        languages.require(code, project.root)
    except languages.UnknownLanguageError as exc:
        raise UserError(str(exc)) from None
    if code == languages.SOURCE_LANGUAGE:
        raise UserError("the English source is not reviewed as a translation")
    return code


def sign(
    project: Project,
    code: str,
    page: str,
    reviewer: str,
    role: str,
    date: dt.date | None = None,
    *,
    allow_incomplete: bool = False,
) -> ReviewRecord:
    """Record a sign-off of ``page`` in ``code`` against the English as it stands now."""
    code = _target_language(project, code)
    docname = normalise_docname(page)
    if role not in ROLES:
        raise UserError(f"unknown role {role!r}; roles: {', '.join(ROLES)}")
    if not reviewer.strip():
        raise UserError("the reviewer's name is empty")
    path = catalog_path(project.locale, code, docname)
    if not path.exists():
        raise UserError(f"no catalog for page {docname!r} in {code} (run make update-po)", path)
    po = load_catalog(path)
    progress = progress_of(po)
    if progress.total == 0:
        raise UserError(f"page {docname!r} is gone from the English (an orphaned catalog)", path)
    if progress.translated < progress.total and not allow_incomplete:
        raise UserError(
            f"{progress.untranslated} untranslated and {progress.fuzzy} fuzzy messages left; "
            "finish them first (or pass --allow-incomplete)", path)
    record = ReviewRecord(reviewer.strip(), role, date or dt.date.today(), fingerprint_of(po))
    records = load_reviews(project.reviews)
    records.setdefault(code, {})[docname] = record
    save_reviews(project.reviews, records)
    return record


@dataclass(frozen=True)
class ReviewRow:
    language: str
    docname: str
    review: PageReview
    fingerprint: str | None  # of the English as it stands now (None: page gone)

    @property
    def stale(self) -> bool:
        """A sign-off (in any role) whose English has changed since."""
        record = self.review.record
        return record is not None and record.fingerprint != self.fingerprint


def pages_of(project: Project, code: str) -> list[str]:
    """The docnames with a live catalog in ``code`` (orphans of deleted pages left out)."""
    folder = project.locale / code / "LC_MESSAGES"
    pages = []
    for path in sorted(folder.rglob("*.po")) if folder.is_dir() else ():
        po = load_catalog(path)
        if any(not entry.obsolete for entry in po):
            pages.append(path.relative_to(folder).as_posix()[:-3])
    return pages


def review_rows(project: Project, codes: Iterable[str] | None = None) -> list[ReviewRow]:
    """Every page of every language with its state (records of vanished pages too)."""
    records = load_reviews(project.reviews)
    selected = list(codes) if codes else list(languages.target_codes(project.root))
    rows = []
    for code in selected:
        _target_language(project, code)
        pages = pages_of(project, code)
        for docname in sorted({*pages, *records.get(code, {})}):
            fingerprint = (page_fingerprint(project.locale, code, docname)
                           if docname in pages else None)
            record = records.get(code, {}).get(docname)
            rows.append(ReviewRow(code, docname, state_of(record, fingerprint), fingerprint))
    return rows
