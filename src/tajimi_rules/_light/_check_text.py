"""How a check reads as text: the table of categories, the summary, and the notable categories explained.

Both roads of ``tajimi-rules check`` write through :func:`render_check`: the full road from its
:class:`~tajimi_rules.checks.CheckReport`, the quick route (:mod:`tajimi_rules._light._check`)
from the document as read; each gives it one :class:`CheckLine` a category.
"""

from __future__ import annotations

from .._texts import text
from ._terminal import table, visible

# Not ``typing.TYPE_CHECKING``: importing typing costs the start-up this package saves.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = ["CheckLine", "mark_of", "render_check"]


class CheckLine:
    """One category of a check as the text output shows it."""

    __slots__ = ("computed", "counts", "explanation", "id", "mark", "name", "notable", "stated")

    def __init__(  # noqa: PLR0913 - one field a column
        self,
        *,
        id: str,
        name: str,
        counts: Sequence[int] | None,
        computed: str,
        stated: str | None,
        mark: str,
        notable: bool,
        explanation: Sequence[str] | None,
    ) -> None:
        self.id, self.name, self.counts, self.computed = id, name, counts, computed
        self.stated, self.mark, self.notable, self.explanation = stated, mark, notable, explanation


def mark_of(rated: bool, agrees: bool | None) -> str:
    """``✗`` for no rating or a disagreement, ``✓`` for an agreement, ``·`` where nothing is stated."""
    if not rated or agrees is False:
        return "✗"
    return "✓" if agrees else "·"


_COLUMNS = ("mark", "id", "category", "n", "counts", "computed", "stated")


def render_check(
    heading: str,
    rules_line: str,
    lines: Sequence[CheckLine],
    summary: Mapping[str, int],
    lang: str,
    explain_all: bool,
) -> list[str]:
    """The text ``check`` writes: the heading, the rule set, the table, the summary, the notable categories."""
    rows = [[text(f"cli.check.column.{column}", lang) for column in _COLUMNS]]
    for line in lines:
        counts = line.counts
        shown = (str(sum(counts)), "/".join(map(str, counts))) if counts is not None else ("?", "?")
        rows.append([line.mark, line.id, line.name, *shown, line.computed, line.stated or "—"])
    out = [heading, rules_line, "", *table([[visible(cell) for cell in row] for row in rows], right=(3,)), ""]
    out.append(text("cli.check.summary", lang, **summary))
    for line in lines:
        if not (explain_all or line.notable):
            continue
        name = f"{line.id} {line.name}"
        out += ["", text("cli.check.category", lang, name=name, computed=line.computed, stated=line.stated or "—")]
        if line.explanation is None:
            out.append("  " + text("cli.check.nothing_known", lang))
            continue
        out += ["  " + explained for explained in line.explanation]
    return [visible(line) for line in out]
