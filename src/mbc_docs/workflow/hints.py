"""Term hints for translators: approved translations as extracted comments (``#.``).

``update-po`` asks :func:`hint_factory_for` once per language and calls the result for
every message. The hint lines are rebuilt from the termbase on every run (and the old
ones dropped, see ``merge.GENERATED_COMMENT_PREFIXES``), so they follow the termbase.
Without a termbase (or before the termbase package exists) there are simply no hints.
"""

from __future__ import annotations

from collections.abc import Callable

from ..project import Project
from .merge import HintFunction

HintFactory = Callable[[str], HintFunction | None]


def hint_factory_for(project: Project) -> HintFactory | None:
    """A ``lang -> hints`` factory for the project's termbase, or None when there is none."""
    return None
