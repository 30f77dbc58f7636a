"""Sphinx configuration of the guide: every setting lives here, behaviour lives in
the ``mbc_docs.sphinxext`` extensions.

Build one language with ``make html LANGUAGE=es`` (or plain
``sphinx-build -D language=es docs build/html/es``).
"""

from __future__ import annotations

import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT / "src"))  # conf.py also works before `pip install -e .`

from mbc_docs import languages  # noqa: E402

# -- The guide ---------------------------------------------------------------
project = "Metastatic Breast Cancer: A Guide for Patients and Families"
author = "The mbc-docs contributors"
copyright = "2026, the mbc-docs contributors. Text licensed CC BY-SA 4.0"
version = release = "2026.11"
root_doc = "index"
language = languages.SOURCE_LANGUAGE  # overridden per build with -D language=xx

extensions = [
    "myst_parser",
    "mbc_docs.sphinxext",
]
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
templates_path = ["_templates"]

# -- MyST ----------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist", "attrs_inline", "attrs_block", "fieldlist"]
# Sources are footnotes defined under each page's "Sources" heading: keep them there.
myst_footnote_sort = False
myst_footnote_transition = False

# -- Translation -------------------------------------------------------------
locale_dirs = ["../locale/"]
gettext_compact = False  # one catalog per page: locale/<lang>/LC_MESSAGES/<docname>.po
gettext_uuid = False
gettext_location = True
gettext_auto_build = True
gettext_allow_fuzzy_translations = False  # a fuzzy medical sentence is never shown
gettext_additional_targets = ["image"]  # alt text and figure captions are translated

# -- The guide's extensions (mbc_docs.sphinxext) -------------------------------
mbc_project_root = str(PROJECT_ROOT)  # finds locale/LINGUAS and the catalogs
mbc_epub_dir = str(PROJECT_ROOT / "build" / "epub")  # books published with each site
mbc_epub_basename = "mbc-guide"  # build/epub/<lang>/mbc-guide-<lang>.epub

# -- HTML ------------------------------------------------------------------------
html_theme = "furo"
html_static_path = ["_static"]
html_show_sourcelink = False
html_copy_source = False
html_use_index = False  # the glossary is the guide's index
html_last_updated_fmt = None
html_theme_options = {
    "sidebar_hide_name": False,
    "navigation_with_keys": False,
    "top_of_page_buttons": [],
}

# -- ePub ------------------------------------------------------------------------
epub_publisher = "The mbc-docs project"
epub_copyright = copyright
epub_scheme = "URL"
epub_uid = "bookid"
epub_contributor = "Medical and translation reviewers listed on the About page"
epub_identifier = "https://github.com/mbc-docs/mbc-docs"
epub_show_urls = "no"
epub_tocdepth = 2
epub_exclude_files = ["search.html", "genindex.html", ".buildinfo", ".buildinfo.bak", ".nojekyll"]
