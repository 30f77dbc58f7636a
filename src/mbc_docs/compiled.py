"""Whether the checker's hot path runs compiled (mypyc) or as Python, and the switch.

``setup.py`` compiles :data:`COMPILED_MODULES` with mypyc when it can and writes
:data:`MANIFEST`: the SHA-256 of each source it compiled. The Python files stay
beside the extensions. A compiled module whose source changed since it was built
(an editable install after an edit, a checkout of another commit) would run old
code, so before any of them is imported this module checks, and imports every
module of the list from its Python file instead when:

- ``MBC_DOCS_PURE_PYTHON`` is set (to compare, or to rule the compiler out);
- an extension is missing (no C compiler at install time);
- a source differs from the one compiled.

All or none: compiled modules call one another directly, so a mix would run an
old copy of a module beside its new source. :data:`STATUS` says which it is
(``mbc-docs --version`` prints it).
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

#: The per-entry work of ``mbc-docs check``: what mypyc compiles (see setup.py).
COMPILED_MODULES = (
    "mbc_docs.catalog_reader",
    "mbc_docs.termbase.matching",
    "mbc_docs.checks.context",
    "mbc_docs.checks.syntax",
    "mbc_docs.checks.numbers",
    "mbc_docs.checks.term",
    "mbc_docs.checks.dnt",
    "mbc_docs.checks.markup",
    "mbc_docs.checks.runner",
    "mbc_docs.checks.consistency",
)
#: Written by setup.py beside the package: {module: SHA-256 of the source compiled}.
MANIFEST = "compiled-sources.json"
PACKAGE_DIR = Path(__file__).resolve().parent


def source_path(name: str, package_dir: Path = PACKAGE_DIR) -> Path:
    """The Python file of module ``name`` (setup.py compiles it; this module hashes it)."""
    return package_dir.parent.joinpath(*name.split(".")).with_suffix(".py")


def _has_extension(name: str, package_dir: Path) -> bool:
    source = source_path(name, package_dir)
    return any(source.with_suffix(suffix).exists()
               for suffix in importlib.machinery.EXTENSION_SUFFIXES)


def compiled_state(package_dir: Path = PACKAGE_DIR,
                   modules: Sequence[str] = COMPILED_MODULES,
                   environ: dict[str, str] | None = None) -> tuple[bool, str]:
    """(use the compiled modules?, why): the decision described in the module doc."""
    env = os.environ if environ is None else environ
    if env.get("MBC_DOCS_PURE_PYTHON"):
        return False, "pure Python (MBC_DOCS_PURE_PYTHON is set)"
    missing = [name for name in modules if not _has_extension(name, package_dir)]
    if len(missing) == len(modules):
        return False, "pure Python (not compiled: no mypyc or no C compiler at install)"
    if missing:
        return False, f"pure Python (compiled extension missing: {missing[0]})"
    try:
        manifest = json.loads((package_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False, f"pure Python (no readable {MANIFEST} beside the extensions)"
    for name in modules:
        try:
            digest = hashlib.sha256(source_path(name, package_dir).read_bytes()).hexdigest()
        except OSError:
            return False, f"pure Python (no source for {name})"
        if manifest.get(name) != digest:
            return False, (f"pure Python ({name} changed since it was compiled: "
                           "reinstall, or make venv, to compile it again)")
    return True, "compiled with mypyc"


class _PythonSourceFinder:
    """Finds the modules of the list as Python files, ahead of their extensions.

    A meta path finder is any object with ``find_spec``; not deriving from
    ``importlib.abc.MetaPathFinder`` spares every command importing that module,
    and ``importlib.resources`` with it, at start-up.
    """

    def __init__(self, package_dir: Path, modules: Sequence[str]) -> None:
        self.package_dir = package_dir
        self.modules = frozenset(modules)

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if fullname not in self.modules:
            return None
        import importlib.util  # only when running as Python: not at every start-up

        return importlib.util.spec_from_file_location(
            fullname, source_path(fullname, self.package_dir))


COMPILED, STATUS = compiled_state()
if not COMPILED:
    sys.meta_path.insert(0, _PythonSourceFinder(PACKAGE_DIR, COMPILED_MODULES))
