"""Translations of the words the extensions add to pages (banners, labels, links).

They live in gettext catalogs inside the package
(``src/mbc_docs/locale/<lang>/LC_MESSAGES/mbc_docs.po``) like every other
translation. Sphinx only loads compiled ``.mo`` files, which are never committed,
so they are compiled into the build's doctree folder when a build starts.
"""

from __future__ import annotations

from pathlib import Path

import polib
from sphinx.application import Sphinx
from sphinx.locale import get_translation

CATALOG = "mbc_docs"
SOURCE_DIR = Path(__file__).resolve().parent.parent / "locale"

#: Use as ``_("Last reviewed")`` in extension code.
_ = get_translation(CATALOG)


def compile_catalogs(app: Sphinx) -> None:
    """Compile the package's UI catalogs (only when newer than the ``.mo``) and load them."""
    target_root = Path(app.doctreedir) / "mbc_docs_locale"
    for po_path in sorted(SOURCE_DIR.glob(f"*/LC_MESSAGES/{CATALOG}.po")):
        mo_path = target_root / po_path.relative_to(SOURCE_DIR).with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = mo_path.with_suffix(".mo.tmp")
        polib.pofile(str(po_path)).save_as_mofile(str(tmp))
        tmp.replace(mo_path)
    app.add_message_catalog(CATALOG, str(target_root))


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", compile_catalogs, priority=100)
