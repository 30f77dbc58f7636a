"""Sphinx extensions of the guide, registered together by ``setup(app)``.

Each submodule does one job and has its own ``setup``; ``conf.py`` lists only this
package.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import page_meta, ui_text

_EXTENSIONS = (ui_text, page_meta)


def setup(app: Sphinx) -> dict[str, Any]:
    for module in _EXTENSIONS:
        module.setup(app)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
