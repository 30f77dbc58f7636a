"""The rule registry: every check is a small generator function with a stable code.

Modelled on sphinx-lint and ruff: a check is registered with
``@check(code="T001", name="term-missing", severity=Severity.ERROR)``, its docstring
is the rule's documentation (first line: what it finds; then ``Bad:`` and ``Good:``
examples), and it yields one-line messages. The runner turns those into
:class:`Finding` objects with file, line and language; reporters only ever see
findings, so a new check needs no change anywhere else.

Scopes:

- ``entry``: called once per translated entry with an :class:`~.context.EntryContext`,
  yields messages;
- ``catalog``: called once per catalog with a :class:`~.context.CatalogContext`,
  yields ``(line, message)``;
- ``corpus``: called once per language with the translated entries whose source
  message occurs more than once in that language (a message met once cannot be
  translated two ways), yields ``(entry, message)`` (consistency across files).
"""

from __future__ import annotations

import ast
import enum
import functools
import inspect
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    scope: str
    func: Callable[..., Any] = field(repr=False, compare=False)

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.func.__doc__ or _source_docstring(
            self.func.__module__, self.func.__name__))

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else self.name

    @property
    def family(self) -> str:
        return self.name.split("-", 1)[0]

    def example(self, label: str) -> str:
        """The text after ``Bad:``/``Good:`` in the docstring, up to the next label."""
        match = re.search(rf"^{label}:\s*\n?(.*?)(?=^\w+:\s*$|^\w+:\s|\Z)", self.doc,
                          re.DOTALL | re.MULTILINE)
        return inspect.cleandoc(match.group(1)) if match else ""


@dataclass
class Finding:
    """One problem at one entry (or catalog), as every reporter prints it."""

    file: str
    line: int
    language: str
    check: str
    code: str
    severity: Severity
    message: str
    msgid: str = ""
    msgctxt: str | None = None
    suppressed: bool = False

    def to_dict(self) -> dict[str, Any]:
        # Written out: dataclasses.asdict deep-copies field by field, which took
        # most of the time of a JSON report.
        return {"file": self.file, "line": self.line, "language": self.language,
                "check": self.check, "code": self.code, "severity": self.severity.value,
                "message": self.message, "msgid": self.msgid, "msgctxt": self.msgctxt,
                "suppressed": self.suppressed}


@functools.cache
def _source_docstring(module: str, function: str) -> str:
    """A function's docstring read from its module's Python file.

    A module compiled with mypyc (see mbc_docs.compiled) keeps no docstrings, and
    a rule's docstring is its documentation; the Python file is installed beside it.
    """
    path = Path(sys.modules[module].__file__ or "")
    source = path.with_name(path.name.split(".", 1)[0] + ".py")
    try:
        tree = ast.parse(source.read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return ""
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == function:
            return ast.get_docstring(node) or ""
    return ""


def one_line(message: str) -> str:
    """A check's message as every report prints it: on one line (``file:line: CODE
    message``), line breaks written as a catalog writes them (a term, a role or inline
    code can hold one)."""
    if "\n" in message or "\r" in message:
        return message.replace("\r", "\\r").replace("\n", "\\n")
    return message


REGISTRY: dict[str, Rule] = {}
_CODE_RE = re.compile(r"^[A-Z]\d{3}$")


def check(*, code: str, name: str, severity: Severity, scope: str = "entry"
          ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a check under a stable ``code`` and ``name`` (see the module doc)."""
    if not _CODE_RE.match(code):
        raise ValueError(f"check code {code!r} must look like T001")
    if scope not in {"entry", "catalog", "corpus"}:
        raise ValueError(f"unknown check scope {scope!r}")

    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        if code in REGISTRY and REGISTRY[code].func.__qualname__ != func.__qualname__:
            raise ValueError(f"check code {code} registered twice")
        REGISTRY[code] = Rule(code, name, severity, scope, func)
        return func

    return register


def all_rules() -> list[Rule]:
    """Every registered rule, sorted by code (importing the check modules first)."""
    from . import load_checks

    load_checks()
    return sorted(REGISTRY.values(), key=lambda rule: rule.code)


def find_rule(code_or_name: str) -> Rule | None:
    wanted = code_or_name.strip()
    for rule in all_rules():
        if wanted.upper() == rule.code or wanted.lower() == rule.name:
            return rule
    return None
