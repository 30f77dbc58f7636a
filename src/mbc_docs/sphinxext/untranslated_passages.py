"""Mark the English passages of a translated page as English.

When a message has no (non-fuzzy) translation, Sphinx shows the English source
instead. Without a language mark, screen readers read that English with the page
language's voice, and in an Arabic page the English sentence is laid out right to
left with its punctuation on the wrong side. WCAG 2.2 success criterion 3.1.2
(Language of Parts, level AA) asks for the mark, so every such passage gets
``lang="en" dir="ltr"`` in the site and in the ePub.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .. import languages

CLASS = "untranslated"

# A start tag whose class list holds CLASS, with no lang attribute yet.
_TAG_RE = re.compile(
    r"<([a-z][a-z0-9]*)((?:\s[^<>]*?)?\sclass=\"(?:[^\"]*\s)?" + CLASS + r"(?:\s[^\"]*)?\")"
)


def mark_untranslated(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Sphinx's i18n transform records ``translated = False`` on passages it left in English."""
    if (app.config.language or languages.SOURCE_LANGUAGE) == languages.SOURCE_LANGUAGE:
        return
    for node in doctree.findall(nodes.Element):
        if node.get("translated") is False and CLASS not in node["classes"]:
            node["classes"].append(CLASS)


def add_language_attributes(html: str, source: languages.Language) -> str:
    attrs = f' lang="{source.bcp47}" dir="{source.direction}"'
    return _TAG_RE.sub(lambda m: f"<{m.group(1)}{m.group(2)}{attrs}", html)


def annotate_body(app: Sphinx, pagename: str, templatename: str,
                  context: dict[str, Any], doctree: Any) -> None:
    if (app.config.language or languages.SOURCE_LANGUAGE) == languages.SOURCE_LANGUAGE:
        return
    if "body" in context:
        context["body"] = add_language_attributes(
            context["body"], languages.describe(languages.SOURCE_LANGUAGE)
        )


def setup(app: Sphinx) -> None:
    app.connect("doctree-resolved", mark_untranslated)
    app.connect("html-page-context", annotate_body)
