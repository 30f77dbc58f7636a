"""The parts of a MyST/Sphinx message that are not prose: roles, links, code, footnotes.

The markup checks compare these between source and translation; the term and
number checks must not look inside them (a ``{doc}`` path or a URL is not a
number, the English ``<bone metastasis>`` target of a translated ``{term}`` role
is not a term the translator used). :func:`mask` blanks them out with spaces, so
offsets in the masked text are offsets in the message.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
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

# ROLE_RE and CODE_RE put their "what comes before" lookbehind after the first
# character (looking back over it) instead of in front: a pattern that starts with a
# literal ("{", ":", "`") lets re jump to those characters instead of trying the
# lookbehind at every position. The matches are those of the plain spelling shown.
#: ``(?:\{myst\}|(?<![\w`]):rst:)(`+)content\1``
ROLE_RE = re.compile(
    r"(?:\{(?P<myst>[A-Za-z][\w:+.-]*)\}|:(?<![\w`]:)(?P<rst>[A-Za-z][\w+.-]*(?::[\w+.-]+)?):)"
    r"(?P<ticks>`+)(?P<content>.+?)(?P=ticks)", re.DOTALL)
#: ``(?<![`\w}:])(`+)([^`].*?)\1(?!`)``
CODE_RE = re.compile(r"(?P<ticks>`(?<![`\w}:]`)`*)(?P<content>[^`].*?)(?P=ticks)(?!`)",
                     re.DOTALL)
LINK_RE = re.compile(r"\]\((?P<url><[^>]*>|[^)\s]+)(?:\s+\"[^\"]*\")?\)")
AUTOLINK_RE = re.compile(r"<(?P<url>(?:https?|ftp|mailto):[^>\s]+)>")
URL_RE = re.compile(r"(?<![<(\w])(?P<url>(?:https?|ftp)://[^\s<>()\[\]`]+[^\s<>()\[\]`.,;:!?])")
FOOTNOTE_RE = re.compile(r"\[\^(?P<label>[^\]\s]+)\]")
SUBSTITUTION_RE = re.compile(r"\{\{\s*(?P<name>[^{}]+?)\s*\}\}")
HTML_TAG_RE = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")
_SPACE_RE = re.compile(r"\s+")


#: Role.signature of each (reference role, target) met so far.
_REFERENCE_SIGNATURES: dict[tuple[str, str], tuple[str, str]] = {}


@dataclass
class Role:
    """One role of a message. Not a frozen dataclass, though nothing may change it
    (roles are shared between callers, see _roles): compiled, a frozen dataclass
    costs almost four times as much to create, and every message with a role makes
    some."""

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
            # A source's roles are compared with every translation, and a translation's
            # roles point at the source's English targets: the same few (role, target)
            # pairs come back in every language, normalised once.
            key = (self.name, self.target)
            signature = _REFERENCE_SIGNATURES.get(key)
            if signature is None:
                target = _SPACE_RE.sub(" ", self.target.strip())
                signature = (self.name,
                             target.casefold() if self.name in _TEXT_IS_TARGET else target)
                if len(_REFERENCE_SIGNATURES) >= 50_000:
                    _REFERENCE_SIGNATURES.clear()
                _REFERENCE_SIGNATURES[key] = signature
            return signature
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
    return list(_roles(text))


# The checker asks for the roles and code spans of one message several times (mask,
# roles, inline_code, emphasis_counts, links): parsing once per message is enough.
# A small cache suffices, the calls for one message come one after another.
@functools.lru_cache(maxsize=1024)
def _roles(text: str) -> tuple[Role, ...]:
    """The roles of ``text`` (a tuple: shared between callers, so it must not change)."""
    found = []
    for start, end, name, content, content_start in _role_matches(text):
        explicit = explicit_target(content)
        if explicit is not None and name not in VERBATIM_ROLES:
            display, target = explicit
            found.append(Role(name, target, display, start, end,
                              content_start, content_start + len(display)))
        else:
            keep_text = name in _TEXT_IS_TARGET or (
                name not in REFERENCE_ROLES and name not in VERBATIM_ROLES)
            found.append(Role(name, content, None, start, end,
                              content_start if keep_text else None,
                              content_start + len(content) if keep_text else None))
    return tuple(found)


def explicit_target(content: str) -> tuple[str, str] | None:
    r"""(display, target) of a role's content written ``display <target>``, else None:
    the groups of ``^(.*?)\s*<([^<>]+)>\s*$`` (DOTALL), read with string methods.

    The target is what stands between the last "<" and a final ">" (only white space
    may follow), holding neither "<" nor ">"; the display is what comes before, less
    the white space before the "<".
    """
    if "<" not in content:
        return None
    stripped = content.rstrip()
    if not stripped.endswith(">"):
        return None
    close = len(stripped) - 1
    open_ = stripped.rfind("<", 0, close)
    if open_ == -1 or open_ + 1 == close or ">" in stripped[open_ + 1:close]:
        return None
    return content[:open_].rstrip(), stripped[open_ + 1:close]


#: A match of ROLE_RE: (start, end, role name, content, where the content starts).
RoleMatch = tuple[int, int, str, str, int]
#: A match of CODE_RE: ((start, end), content).
CodeMatch = tuple[tuple[int, int], str]


def _role_matches(text: str) -> list[RoleMatch]:
    """What ``ROLE_RE.finditer`` finds, read by :func:`_scan_roles` when every backtick
    of the text stands alone (nearly every message), else by the regex itself."""
    if "``" not in text:
        return _scan_roles(text)
    found: list[RoleMatch] = []
    for m in ROLE_RE.finditer(text):
        myst, rst, _ticks, content = m.groups()  # by position: cheaper than by name
        found.append((m.start(), m.end(), myst or rst or "", content, m.start(4)))
    return found


# Reading roles and code spans without the regexes.
#
# Both regexes pair backtick runs of equal length, lazily. When no two backticks are
# adjacent, every run is one backtick, and a span always ends at the next backtick:
# the matches are found by walking from backtick to backtick (str.find) and looking
# at the few characters before each, which costs a fraction of the regex's scan with a
# back-reference at every character of the content (a message with two roles cost
# about 10 us to parse). tests/checker/test_syntax_parsing.py compares both on
# thousands of generated and real messages.


def _is_name_char(ch: str, colon: bool) -> bool:
    r"""``[\w+.-]`` (with ``colon``: ``[\w:+.-]``), as the regex engine reads ``\w``."""
    return ch.isalnum() or ch == "_" or ch == "+" or ch == "." or ch == "-" or (
        colon and ch == ":")


def _is_ascii_letter(ch: str) -> bool:
    return "a" <= ch <= "z" or "A" <= ch <= "Z"


def _run_start(text: str, end: int, colon: bool) -> int:
    """Where the run of name characters that ends at ``end`` (exclusive) starts."""
    i = end
    while i > 0 and _is_name_char(text[i - 1], colon):
        i -= 1
    return i


def _role_start(text: str, pos: int, tick: int) -> int:
    """The first position from ``pos`` where a role's head (``{name}`` or ``:name:``)
    ends just before the backtick at ``tick``; -1 if there is none."""
    if tick < 3:
        return -1
    before = text[tick - 1]
    if before == "}":  # {name}: the name is the whole run of name characters before
        first = _run_start(text, tick - 1, True)
        start = first - 1
        if (first < tick - 1 and start >= pos and text[start] == "{"
                and _is_ascii_letter(text[first])):
            return start
        return -1
    if before != ":":
        return -1
    # :domain:name: or :name: (tried in that order: the regex tries the earlier start
    # first). ``last`` starts the run of name characters before the final ":".
    last = _run_start(text, tick - 1, False)
    if last == tick - 1 or last < 1 or text[last - 1] != ":":
        return -1
    first = _run_start(text, last - 1, False)  # the domain's run, before that ":"
    for start in (first - 1, last - 1):
        if (start >= pos and text[start] == ":" and _is_ascii_letter(text[start + 1])
                and (start == 0 or not _is_word_or_tick(text[start - 1]))):
            return start
    return -1


def _is_word_or_tick(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or ch == "`"


def _code_start(text: str, pos: int, tick: int) -> int:
    """``tick`` if the backtick there opens a code span (it is not after another
    backtick, a word character, "}" or ":"), else -1."""
    if tick > 0:
        ch = text[tick - 1]
        if ch.isalnum() or ch == "_" or ch == "}" or ch == ":" or ch == "`":
            return -1
    return tick


def _between_ticks(text: str, start_of: Callable[[str, int, int], int]
                   ) -> list[tuple[int, int, int]]:
    """(start, opening backtick, closing backtick) of each span of a text whose
    backticks all stand alone, walking from backtick to backtick as ``finditer`` does:
    ``start_of(text, pos, tick)`` says where a span opened at ``tick`` starts (-1:
    that backtick opens none), and the next backtick closes it."""
    found: list[tuple[int, int, int]] = []
    pos = 0
    while True:
        tick = text.find("`", pos)
        if tick == -1:
            break
        close = text.find("`", tick + 1)
        if close == -1:
            break  # no backtick left to close a span
        start = start_of(text, pos, tick)
        if start == -1:
            pos = tick + 1  # the next backtick may open one
            continue
        found.append((start, tick, close))
        pos = close + 1
    return found


def _scan_roles(text: str) -> list[RoleMatch]:
    """``ROLE_RE.finditer`` for a text whose backticks all stand alone."""
    return [(start, close + 1, text[start + 1:tick - 1], text[tick + 1:close], tick + 1)
            for start, tick, close in _between_ticks(text, _role_start)]


def _scan_code(text: str) -> list[CodeMatch]:
    """``CODE_RE.finditer`` for a text whose backticks all stand alone."""
    return [((tick, close + 1), text[tick + 1:close])
            for _start, tick, close in _between_ticks(text, _code_start)]


@functools.lru_cache(maxsize=1024)
def _code(text: str) -> tuple[CodeMatch, ...]:
    """((start, end), content) of every match of :data:`CODE_RE`, roles or not."""
    if "``" not in text:
        return tuple(_scan_code(text))
    return tuple((m.span(), m.group("content")) for m in CODE_RE.finditer(text))


def _code_outside_roles(text: str) -> list[tuple[tuple[int, int], str]]:
    """Inline code that does not start inside a role (a role's content is not code)."""
    code = _code(text)
    if not code:
        return []
    role_spans = [(r.start, r.end) for r in _roles(text)]
    return [c for c in code if _outside(role_spans, c[0][0])]


def _outside(spans: list[tuple[int, int]], start: int) -> bool:
    return not any(a <= start < b for a, b in spans)


def inline_code(text: str) -> list[str]:
    if "`" not in text:
        return []
    return [content for _span, content in _code_outside_roles(text)]


def links(text: str) -> list[str]:
    if ":" not in text and "](" not in text:
        return []  # every link form needs one of them
    code_spans = [span for span, _content in _code(text)] if "`" in text else []
    urls: list[str] = []
    taken: list[tuple[int, int]] = []
    for regex, needle in ((LINK_RE, "]("), (AUTOLINK_RE, ":")):
        if needle not in text:  # the regex cannot match without it
            continue
        for m in regex.finditer(text):
            if _outside(code_spans, m.start()):
                urls.append(m.group("url").strip("<>"))
                taken.append((m.start(), m.end()))
    if "://" in text:
        for m in URL_RE.finditer(text):
            if _outside(code_spans, m.start()) and _outside(taken, m.start()):
                urls.append(m.group("url"))
    return urls


def footnotes(text: str) -> list[str]:
    if "[^" not in text:
        return []
    return FOOTNOTE_RE.findall(text)


def substitutions(text: str) -> list[str]:
    if "{{" not in text:
        return []
    return [_SPACE_RE.sub(" ", name) for name in SUBSTITUTION_RE.findall(text)]


# Emphasis. As above, each regex starts with its literal ("**", "__", "*", "_") and
# looks behind over it, so that re only tries where the marker is.
#: ``\*\*(?=\S).+?(?<=\S)\*\*``
_STRONG_STAR_RE = re.compile(r"\*\*(?=\S).+?(?<=\S)\*\*")
#: ``(?<!\w)__(?=\S).+?(?<=\S)__(?!\w)``
_STRONG_UNDERSCORE_RE = re.compile(r"__(?<!\w__)(?=\S).+?(?<=\S)__(?!\w)")
#: The markers of strong spans, blanked before counting single ones.
_STRONG_MARK_RE = re.compile(r"\*\*|(?<!\w)__|__(?!\w)")
#: ``(?<![\*\w])\*(?=\S)[^*]+?(?<=\S)\*(?![\*\w])``
_EMPHASIS_STAR_RE = re.compile(r"\*(?<![\*\w]\*)(?=\S)[^*]+?(?<=\S)\*(?![\*\w])")
#: ``(?<![_\w])_(?=\S)[^_]+?(?<=\S)_(?![_\w])``
_EMPHASIS_UNDERSCORE_RE = re.compile(r"_(?<![_\w]_)(?=\S)[^_]+?(?<=\S)_(?![_\w])")


def emphasis_counts(text: str, masked: str | None = None) -> tuple[int, int]:
    """(strong, emphasis) spans, counted outside code, roles and URLs.

    ``masked`` may give ``mask(text)`` when the caller has it: without a backtick in
    the text (no role), that is also the mask this needs, not made again.
    """
    if "*" not in text and "_" not in text:
        return 0, 0  # masking only blanks characters: no marker in the text, none after
    if masked is None or "`" in text:
        masked = mask(text, keep_display=False)
    has_star, has_underscore = "*" in masked, "_" in masked
    strong = 0
    if has_star:
        strong += len(_STRONG_STAR_RE.findall(masked))
    if has_underscore:
        strong += len(_STRONG_UNDERSCORE_RE.findall(masked))
        rest = _STRONG_MARK_RE.sub("  ", masked)
    else:
        rest = masked.replace("**", "  ")  # the same as _STRONG_MARK_RE.sub without "_"
    emphasis = 0
    if has_star:
        emphasis += len(_EMPHASIS_STAR_RE.findall(rest))
    if has_underscore:
        emphasis += len(_EMPHASIS_UNDERSCORE_RE.findall(rest))
    return strong, emphasis


def mask(text: str, keep_display: bool = True) -> str:
    """``text`` with markup that is not prose replaced by spaces (same length).

    With ``keep_display``, the display text of roles stays (it is translated prose,
    and for ``{term}`bone metastasis``` it is the term itself).
    """
    # Which kinds of markup can be there at all (most prose has none).
    has_tick = "`" in text
    regexes = _mask_regexes(text)
    if not has_tick and not regexes:
        return text
    spans: list[tuple[int, int]] = []
    if has_tick:
        for role in _roles(text):
            if keep_display and role.display_start is not None and role.display_end is not None:
                spans.append((role.start, role.display_start))
                spans.append((role.display_end, role.end))
            else:
                spans.append((role.start, role.end))
        spans += [span for span, _content in _code_outside_roles(text)]
    for regex in regexes:
        spans += [m.span() for m in regex.finditer(text)]
    return blank(text, spans)


def blank(text: str, spans: list[tuple[int, int]], keep_lines: bool = True) -> str:
    """``text`` with every character inside ``spans`` (which may overlap) replaced by a
    space, except line breaks (with ``keep_lines``; without, those too).

    Built from slices, a few per span, instead of character by character.
    """
    if not spans:
        return text
    pieces = []
    done = 0  # text[:done] is in pieces
    for start, end in sorted(spans):
        if start < done:
            start = done  # overlaps: the part already blanked stays
        if end <= start:
            continue
        pieces.append(text[done:start])
        if keep_lines and text.find("\n", start, end) != -1:
            pieces.append(_NOT_NEWLINE_RE.sub(" ", text[start:end]))
        else:
            pieces.append(" " * (end - start))
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


_NOT_NEWLINE_RE = re.compile(r"[^\n]")


def _mask_regexes(text: str) -> list[re.Pattern[str]]:
    """The mask regexes after roles and code that can match ``text``: each needs a
    string (written out, not looped over: this runs for every message)."""
    found: list[re.Pattern[str]] = []
    if "](" in text:
        found.append(LINK_RE)
    if ":" in text:
        found.append(AUTOLINK_RE)
        if "://" in text:
            found.append(URL_RE)
    if "[^" in text:
        found.append(FOOTNOTE_RE)
    if "{{" in text:
        found.append(SUBSTITUTION_RE)
    if "<" in text:
        found.append(HTML_TAG_RE)
    return found
