"""The parts of a MyST/Sphinx message that are not prose: roles, links, code, footnotes.

The markup checks compare these between source and translation; the term and
number checks must not look inside them (a ``{doc}`` path or a URL is not a
number, the English ``<bone metastasis>`` target of a translated ``{term}`` role
is not a term the translator used). :func:`mask` blanks them out with spaces, so
offsets in the masked text are offsets in the message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Roles whose target is a reference: source and translation must name the same one.
REFERENCE_ROLES = frozenset({
    "term", "ref", "doc", "numref", "download", "any", "keyword", "option", "envvar",
    "token", "eq", "cite", "footcite", "external", "pep", "rfc", "py:func", "py:class",
    "py:mod", "py:meth", "py:attr", "py:obj", "std:term", "std:ref", "std:doc",
})
#: Roles whose whole content is copied verbatim.
VERBATIM_ROLES = frozenset({"math", "code", "kbd", "samp", "file", "command", "program",
                            "regexp", "literal"})
#: Roles whose target may be written without a display text: ``{term}`bone metastasis```.
_TEXT_IS_TARGET = frozenset({"term", "keyword", "std:term"})

ROLE_RE = re.compile(
    r"(?:\{(?P<myst>[A-Za-z][\w:+.-]*)\}|(?<![\w`]):(?P<rst>[A-Za-z][\w+.-]*(?::[\w+.-]+)?):)"
    r"(?P<ticks>`+)(?P<content>.+?)(?P=ticks)", re.DOTALL)
CODE_RE = re.compile(r"(?<![`\w}:])(?P<ticks>`+)(?P<content>[^`].*?)(?P=ticks)(?!`)", re.DOTALL)
LINK_RE = re.compile(r"\]\((?P<url><[^>]*>|[^)\s]+)(?:\s+\"[^\"]*\")?\)")
AUTOLINK_RE = re.compile(r"<(?P<url>(?:https?|ftp|mailto):[^>\s]+)>")
URL_RE = re.compile(r"(?<![<(\w])(?P<url>(?:https?|ftp)://[^\s<>()\[\]`]+[^\s<>()\[\]`.,;:!?])")
FOOTNOTE_RE = re.compile(r"\[\^(?P<label>[^\]\s]+)\]")
SUBSTITUTION_RE = re.compile(r"\{\{\s*(?P<name>[^{}]+?)\s*\}\}")
HTML_TAG_RE = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")
_EXPLICIT_TARGET_RE = re.compile(r"^(?P<display>.*?)\s*<(?P<target>[^<>]+)>\s*$", re.DOTALL)
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class Role:
    name: str
    target: str  # what it points at (reference roles) or its content (verbatim roles)
    display: str | None
    start: int
    end: int
    display_start: int | None = None  # offsets of the display text in the message
    display_end: int | None = None

    def signature(self) -> tuple[str, str]:
        """What must be identical in source and translation."""
        if self.name in REFERENCE_ROLES:
            target = _SPACE_RE.sub(" ", self.target.strip())
            return (self.name, target.casefold() if self.name in _TEXT_IS_TARGET else target)
        if self.name in VERBATIM_ROLES:
            return (self.name, self.target)
        return (self.name, "")

    def render(self) -> str:
        if self.name in REFERENCE_ROLES or self.name in VERBATIM_ROLES:
            return f"{{{self.name}}}`{self.target}`" if self.display is None else (
                f"{{{self.name}}}`… <{self.target}>`")
        return f"{{{self.name}}}`…`"


def roles(text: str) -> list[Role]:
    if "`" not in text:
        return []
    found = []
    for m in ROLE_RE.finditer(text):
        name = m.group("myst") or m.group("rst") or ""
        content = m.group("content")
        content_start = m.start("content")
        explicit = _EXPLICIT_TARGET_RE.match(content)
        if explicit and name not in VERBATIM_ROLES:
            display = explicit.group("display")
            found.append(Role(name, explicit.group("target"), display, m.start(), m.end(),
                              content_start, content_start + len(display)))
        else:
            keep_text = name in _TEXT_IS_TARGET or (
                name not in REFERENCE_ROLES and name not in VERBATIM_ROLES)
            found.append(Role(name, content, None, m.start(), m.end(),
                              content_start if keep_text else None,
                              content_start + len(content) if keep_text else None))
    return found


def _outside(spans: list[tuple[int, int]], start: int) -> bool:
    return not any(a <= start < b for a, b in spans)


def inline_code(text: str) -> list[str]:
    if "`" not in text:
        return []
    role_spans = [(r.start, r.end) for r in roles(text)]
    return [m.group("content") for m in CODE_RE.finditer(text) if _outside(role_spans, m.start())]


def links(text: str) -> list[str]:
    if ":" not in text and "](" not in text:
        return []  # every link form needs one of them
    code_spans = [(m.start(), m.end()) for m in CODE_RE.finditer(text)]
    urls: list[str] = []
    taken: list[tuple[int, int]] = []
    for regex in (LINK_RE, AUTOLINK_RE):
        for m in regex.finditer(text):
            if _outside(code_spans, m.start()):
                urls.append(m.group("url").strip("<>"))
                taken.append((m.start(), m.end()))
    for m in URL_RE.finditer(text):
        if _outside(code_spans, m.start()) and _outside(taken, m.start()):
            urls.append(m.group("url"))
    return urls


def footnotes(text: str) -> list[str]:
    if "[^" not in text:
        return []
    return [m.group("label") for m in FOOTNOTE_RE.finditer(text)]


def substitutions(text: str) -> list[str]:
    if "{{" not in text:
        return []
    return [_SPACE_RE.sub(" ", m.group("name")) for m in SUBSTITUTION_RE.finditer(text)]


def emphasis_counts(text: str) -> tuple[int, int]:
    """(strong, emphasis) spans, counted outside code, roles and URLs."""
    masked = mask(text, keep_display=False)
    strong = len(re.findall(r"\*\*(?=\S).+?(?<=\S)\*\*", masked)) + len(
        re.findall(r"(?<!\w)__(?=\S).+?(?<=\S)__(?!\w)", masked))
    rest = re.sub(r"\*\*|(?<!\w)__|__(?!\w)", "  ", masked)
    emphasis = len(re.findall(r"(?<![\*\w])\*(?=\S)[^*]+?(?<=\S)\*(?![\*\w])", rest)) + len(
        re.findall(r"(?<![_\w])_(?=\S)[^_]+?(?<=\S)_(?![_\w])", rest))
    return strong, emphasis


def mask(text: str, keep_display: bool = True) -> str:
    """``text`` with markup that is not prose replaced by spaces (same length).

    With ``keep_display``, the display text of roles stays (it is translated prose,
    and for ``{term}`bone metastasis``` it is the term itself).
    """
    # Which kinds of markup can be there at all (most prose has none).
    has_tick = "`" in text
    regexes = [regex for regex, needle in _MASK_REGEXES if needle in text]
    if not has_tick and not regexes:
        return text
    chars = list(text)

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "

    if has_tick:
        found = roles(text)
        for role in found:
            if keep_display and role.display_start is not None and role.display_end is not None:
                blank(role.start, role.display_start)
                blank(role.display_end, role.end)
            else:
                blank(role.start, role.end)
        role_spans = [(r.start, r.end) for r in found]
        for m in CODE_RE.finditer(text):
            if _outside(role_spans, m.start()):
                blank(m.start(), m.end())
    for regex in regexes:
        for m in regex.finditer(text):
            blank(m.start(), m.end())
    return "".join(chars)


#: The mask regexes after roles and code, each with a string it cannot match without.
_MASK_REGEXES = ((LINK_RE, "]("), (AUTOLINK_RE, ":"), (URL_RE, "://"), (FOOTNOTE_RE, "[^"),
                 (SUBSTITUTION_RE, "{{"), (HTML_TAG_RE, "<"))
