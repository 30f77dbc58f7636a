"""Build step: compile the checker's hot path with mypyc, when this machine can.

Everything else about the package is in pyproject.toml. The modules listed in
``src/mbc_docs/compiled.py`` (the catalog reader and the per-entry work of
``mbc-docs check``) are plain, type-checked Python; mypyc turns each into a C
extension that runs the same code 1.2 to 1.9 times faster. The Python files stay
installed beside them: without a C compiler, with ``MBC_DOCS_PURE_PYTHON=1`` at build
time, or when a source has changed since it was compiled, the package runs them
instead (see ``mbc_docs.compiled``).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "src"))
from mbc_docs.compiled import COMPILED_MODULES, MANIFEST, source_path  # noqa: E402

sys.path.pop(0)


def _sources() -> list[str]:
    package_dir = ROOT / "src" / "mbc_docs"
    return [str(source_path(name, package_dir).relative_to(ROOT)) for name in COMPILED_MODULES]


def _ext_modules() -> list:
    if os.environ.get("MBC_DOCS_PURE_PYTHON"):
        print("mbc-docs: MBC_DOCS_PURE_PYTHON is set: not compiling", file=sys.stderr)
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        print("mbc-docs: mypyc is not installed: not compiling", file=sys.stderr)
        return []
    try:
        extensions = mypycify(_sources(), opt_level="3", debug_level="0",
                              target_dir="build/mypyc")  # its C, beside the guide's build
    except SystemExit:  # mypy found a type error (printed above): install as Python
        print("mbc-docs: mypyc could not compile the checker: installing it as Python",
              file=sys.stderr)
        return []
    for extension in extensions:
        # No C compiler: the build goes on, and the package runs its Python files.
        extension.optional = True
    return extensions


class BuildExt(build_ext):
    """Also write which sources the extensions were compiled from (their SHA-256)."""

    def run(self) -> None:
        super().run()
        if not self.extensions:
            return
        digests = {name: hashlib.sha256((ROOT / source).read_bytes()).hexdigest()
                   for name, source in zip(COMPILED_MODULES, _sources(), strict=True)}
        package_dir = ROOT / "src" / "mbc_docs" if self.inplace else (
            Path(self.build_lib) / "mbc_docs")
        package_dir.mkdir(parents=True, exist_ok=True)
        (package_dir / MANIFEST).write_text(json.dumps(digests, indent=1) + "\n",
                                            encoding="utf-8")


setup(ext_modules=_ext_modules(), cmdclass={"build_ext": BuildExt},
      # setuptools' own build folders in build/python/, out of the guide's build/.
      options={"build": {"build_base": "build/python"}})
