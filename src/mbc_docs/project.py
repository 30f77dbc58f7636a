"""Where the guide's files are, found from the working directory.

Commands default to the project's own ``locale/``, termbase and ``docs/`` when run
inside a checkout, and take explicit paths everywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import UserError


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def locale(self) -> Path:
        return self.root / "locale"

    @property
    def termbase(self) -> Path:
        return self.locale / "termbase.tbx"

    @property
    def reviews(self) -> Path:
        return self.locale / "reviews.toml"

    @property
    def build(self) -> Path:
        return self.root / "build"


def find_project(start: Path | None = None) -> Project:
    """The nearest folder at or above ``start`` holding ``docs/conf.py`` and ``locale/LINGUAS``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "docs" / "conf.py").is_file() and (folder / "locale" / "LINGUAS").is_file():
            return Project(folder)
    raise UserError(
        f"not inside an mbc-docs checkout (no docs/conf.py and locale/LINGUAS above {here})"
    )
