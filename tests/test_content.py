"""Checks on the guide's own content: originality, reading level, page shape.

These test the pages, not the tools: they fail while a page is unfinished, naming
the page and what is missing, so writers can run them as a checklist.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mbc_docs import readability
from mbc_docs.project import Project

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SEEDS = ROOT.parent / "shared" / "reference" / "seeds"

#: Shared runs of this many words or more count as copied text.
RUN_LENGTH = 8
#: English pages above this Flesch-Kincaid grade fail (the style rule says 8; one grade
#: of tolerance, because the formula is an estimate).
MAX_FK_GRADE = 9
MIN_GLOSSARY_TERMS = 80
GLOSSARY = "glossary"
#: Pages Sphinx writes itself, with no source in docs/.
GENERATED_PAGES = {"genindex", "search", "py-modindex"}


def _docnames() -> list[str]:
    """Every page of the guide, from the sources (``sites/bone`` style)."""
    return sorted(
        path.relative_to(DOCS).with_suffix("").as_posix()
        for path in DOCS.rglob("*.md")
        if not any(part.startswith(("_", ".")) for part in path.relative_to(DOCS).parts)
    )


DOCNAMES = _docnames()


# --------------------------------------------------------------------------- originality

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_FENCE_LINE = re.compile(r"^\s*(:{3,}|`{3,})[^\n]*$", re.M)  # ::: / ``` lines
_OPTION_LINE = re.compile(r"^\s*:[\w-]+:[^\n]*$", re.M)  # :class: key-points
_LABEL_LINE = re.compile(r"^\s*\([\w/.-]+\)=\s*$", re.M)  # (label)=
_FOOTNOTE_DEF = re.compile(r"^\[\^[^\]]+\]:.*?(?=^\S|\Z)", re.M | re.S)
_ROLE = re.compile(r"\{[\w:-]+\}`([^`<]*?)\s*(?:<[^`>]*>)?`")  # {term}`text <target>`
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")  # [text](url), ![alt](src)
_URL = re.compile(r"<?https?://\S+>?")
_HTML_TAG = re.compile(r"<[^>\s][^>]*>")
_JOINERS = re.compile(r"['\u2019\u02bc]")  # apostrophes join: cancer's -> cancers
_NON_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> list[str]:
    """Lowercase words with punctuation and spacing gone, as a list."""
    text = _JOINERS.sub("", text.lower())
    return _NON_WORD.sub(" ", text).split()


_BLOCK_BREAK = re.compile(r"\n\s*\n|\n(?=\s*(?:#|[-*+:|]\s|\d+[.)]\s))")


def markdown_blocks(source: str) -> list[list[str]]:
    """The words a reader sees in a MyST page, per block (paragraph, heading, item).

    Markup, labels, options and URLs are removed. Footnote definitions (the
    Sources) are left out: a citation rightly repeats a title word for word. Runs are
    matched within a block, because a heading followed by the first words of a
    paragraph ("What is X? X is ...") is not a copied sentence.
    """
    for pattern in (_FRONT_MATTER, _FOOTNOTE_DEF, _FENCE_LINE, _OPTION_LINE, _LABEL_LINE):
        source = pattern.sub(" ", source)
    source = _ROLE.sub(r"\1", source)
    source = _LINK.sub(r"\1", source)
    for pattern in (_FOOTNOTE_REF, _URL, _HTML_TAG):
        source = pattern.sub(" ", source)
    return [words for block in _BLOCK_BREAK.split(source) if (words := normalise(block))]


def text_blocks(text: str) -> list[list[str]]:
    """A plain reference text, one block per line (the seeds put a paragraph on a line)."""
    return [words for line in text.splitlines() if (words := normalise(line))]


def ngrams(blocks: list[list[str]], n: int = RUN_LENGTH) -> set[tuple[str, ...]]:
    return {tuple(b[i:i + n]) for b in blocks for i in range(len(b) - n + 1)}


def shared_runs(words: list[str], grams: set[tuple[str, ...]], n: int = RUN_LENGTH) -> list[str]:
    """Every maximal run of ``n`` or more consecutive ``words`` found in the reference.

    A run is a stretch of consecutive positions whose ``n``-word window is one of
    the reference's n-grams, so overlapping windows merge into one reported run.
    """
    runs: list[str] = []
    i = 0
    while i <= len(words) - n:
        if tuple(words[i:i + n]) not in grams:
            i += 1
            continue
        end = i
        while end + 1 <= len(words) - n and tuple(words[end + 1:end + 1 + n]) in grams:
            end += 1
        runs.append(" ".join(words[i:end + n]))
        i = end + 1
    return runs


def test_shared_runs_finds_maximal_runs() -> None:
    """The detector itself, on known text (so a green content test means something)."""
    reference = ngrams(text_blocks(
        "What is a fox?\n"
        "The quick brown fox jumps over the lazy dog near the river bank today.\n"
    ))
    blocks = markdown_blocks(
        "---\nlast_reviewed: 2026-01-01\n---\n(x)=\n# What is a fox?\n\n"
        ":::{admonition} Key points\n:class: key-points\n\n- The quick brown fox\n:::\n\n"
        "Yes: the {term}`quick <quick thing>` brown fox jumps over the LAZY dog, near\n"
        "the river[^a]. Then seven words: lazy dog near the river bank ok.\n\n"
        "[^a]: The quick brown fox jumps over the lazy dog near the river. 2020.\n"
    )
    assert blocks[0] == ["what", "is", "a", "fox"]  # heading: its own block
    runs = [run for words in blocks for run in shared_runs(words, reference)]
    assert runs == ["the quick brown fox jumps over the lazy dog near the river"]
    assert not any("2020" in b or "last_reviewed" in b or "class" in b for b in blocks)


def _seed_texts() -> dict[str, set[tuple[str, ...]]]:
    if not SEEDS.is_dir():
        pytest.skip(f"no reference texts at {SEEDS}: originality not checked")
    seeds = {path.name: ngrams(text_blocks(path.read_text(encoding="utf-8")))
             for path in sorted(SEEDS.glob("*.txt"))}
    if not seeds:
        pytest.skip(f"{SEEDS} holds no *.txt reference texts: originality not checked")
    return seeds


@pytest.mark.parametrize("docname", DOCNAMES)
def test_no_text_copied_from_references(docname: str) -> None:
    seeds = _seed_texts()
    path = DOCS / f"{docname}.md"
    blocks = markdown_blocks(path.read_text(encoding="utf-8"))
    offences = [
        f"{path.relative_to(ROOT)}: {len(run.split())} words shared with {seed}: \"{run}\""
        for seed, grams in seeds.items()
        for words in blocks
        for run in shared_runs(words, grams)
    ]
    assert not offences, "rewrite in your own words:\n" + "\n".join(offences)


# --------------------------------------------------------------------------- reading level


@pytest.fixture(scope="module")
def english_report(
    project: Project, tmp_path_factory: pytest.TempPathFactory
) -> readability.LanguageReport:
    """Measured in a private build folder, so a concurrent ``mbc-docs readability`` is safe."""
    return readability.measure_language(
        project.docs, "en", tmp_path_factory.mktemp("readability-build")
    )


@pytest.mark.parametrize("docname", [d for d in DOCNAMES if d != GLOSSARY])
def test_english_reading_level(docname: str, english_report: readability.LanguageReport) -> None:
    page = next(p for p in english_report.pages if p.docname == docname)
    grade = page.scores.get("fk_grade")
    if grade is None:
        pytest.skip(f"{docname}: no prose to measure ({page.status})")
    assert grade <= MAX_FK_GRADE, (
        f"docs/{docname}.md: Flesch-Kincaid grade {grade:.1f} > {MAX_FK_GRADE} "
        f"(SMOG {page.scores['smog']:.1f}); shorter sentences, everyday words"
    )


# --------------------------------------------------------------------------- built site


class _PageShape(HTMLParser):
    """What the page-shape rules need from one built page, with the stdlib parser."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.classes: set[str] = set()
        self.ids: set[str] = set()
        self.last_reviewed = False
        self.dangling_terms: list[str] = []  # std-term spans not inside a link
        self.glossary_terms = 0
        self._open_links = 0
        self._in_dangling: list[str] | None = None
        self._span_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        self.classes.update(classes)
        if attributes.get("id"):
            self.ids.add(str(attributes["id"]))
        if tag == "a":
            self._open_links += 1
        elif tag == "p" and "last-reviewed" in classes:
            self.last_reviewed = True
        elif tag == "dt" and str(attributes.get("id") or "").startswith("term-"):
            self.glossary_terms += 1
        elif tag == "span":
            if self._in_dangling is not None:
                self._span_depth += 1
            elif "std-term" in classes and not self._open_links:
                self._in_dangling, self._span_depth = [], 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._open_links = max(0, self._open_links - 1)
        elif tag == "span" and self._in_dangling is not None:
            self._span_depth -= 1
            if self._span_depth == 0:
                self.dangling_terms.append("".join(self._in_dangling).strip())
                self._in_dangling = None

    def handle_data(self, data: str) -> None:
        if self._in_dangling is not None:
            self._in_dangling.append(data)


def page_shape(html: str) -> _PageShape:
    parser = _PageShape()
    parser.feed(html)
    parser.close()
    return parser


def test_page_shape_parser() -> None:
    shape = page_shape(
        '<div class="key-points admonition"><p>x</p></div>'
        '<a class="reference internal" href="glossary.html#term-a">'
        '<span class="xref std std-term">linked</span></a>'
        '<span class="xref std std-term">not <span>linked</span></span>'
        '<section id="x-sources"></section><p class="last-reviewed">L</p>'
        '<dl class="glossary"><dt id="term-a">a</dt><dt id="term-b">b</dt></dl>'
    )
    assert "key-points" in shape.classes
    assert "x-sources" in shape.ids
    assert shape.last_reviewed
    assert shape.dangling_terms == ["not linked"]
    assert shape.glossary_terms == 2


@pytest.fixture(scope="module")
def english_site(built_html: Callable[[str], Path]) -> Path:
    return built_html("en")


def _shape(site: Path, docname: str) -> _PageShape:
    path = site / f"{docname}.html"
    assert path.is_file(), f"{docname}: no page in the built site ({path})"
    return page_shape(path.read_text(encoding="utf-8"))


@pytest.mark.build
def test_every_built_page_has_a_source(english_site: Path) -> None:
    """No page in the site that is not in docs/ (other than Sphinx's own)."""
    built = {
        path.relative_to(english_site).with_suffix("").as_posix()
        for path in english_site.rglob("*.html")
        if not any(part.startswith("_") for part in path.relative_to(english_site).parts)
    }
    assert built - GENERATED_PAGES == set(DOCNAMES)


@pytest.mark.build
@pytest.mark.parametrize("docname", DOCNAMES)
def test_page_shape(english_site: Path, docname: str) -> None:
    shape = _shape(english_site, docname)
    missing = []
    if docname != GLOSSARY and "key-points" not in shape.classes:
        missing.append("a Key points box (:class: key-points)")
    label = docname.rsplit("/", 1)[-1]
    if not any(i.endswith("-sources") for i in shape.ids):
        missing.append(f"a Sources section (label ({label}-sources)=)")
    if not shape.last_reviewed:
        missing.append("a last-reviewed line (last_reviewed: in the front matter)")
    assert not missing, f"docs/{docname}.md lacks " + "; ".join(missing)


@pytest.mark.build
@pytest.mark.parametrize("docname", DOCNAMES)
def test_every_term_resolves(english_site: Path, docname: str) -> None:
    dangling = _shape(english_site, docname).dangling_terms
    assert not dangling, f"docs/{docname}.md: terms not in the glossary: {dangling}"


@pytest.mark.build
def test_glossary_is_complete_enough(english_site: Path) -> None:
    terms = _shape(english_site, GLOSSARY).glossary_terms
    assert terms >= MIN_GLOSSARY_TERMS, f"the glossary has {terms} terms, fewer than 80"
