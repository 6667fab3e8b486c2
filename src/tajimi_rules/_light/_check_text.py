"""How a check reads as text: the table of categories, the summary, and the notable categories explained.

Both roads of ``tajimi-rules check`` write through :func:`render_check`: the full road from its
:class:`~tajimi_rules.checks.CheckReport`, the quick route (:mod:`tajimi_rules._light._check`)
from the document as read; each gives it one :class:`CheckLine` a category.
"""

from __future__ import annotations

from .._texts import text
from ._levels import short_counts
from ._terminal import table, visible

# Not ``typing.TYPE_CHECKING``: importing typing costs the start-up this package saves.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._explain import Outcome
    from ._levels import Rating

__all__ = ["CheckLine", "render_check"]


class CheckLine:
    """One category of a check as the text output shows it: its rating computed, the one stated, the explanation.

    ``outcome`` is ``None`` where the counts are unknown (and there is no explanation).
    """

    __slots__ = ("counts", "explanation", "id", "name", "outcome", "rating", "stated")

    def __init__(  # noqa: PLR0913 - one field a column
        self,
        *,
        id: str,
        name: str,
        counts: Sequence[int] | None,
        rating: Rating | None,
        outcome: Outcome | None,
        stated: Rating | None,
        explanation: Sequence[str] | None,
    ) -> None:
        self.id, self.name, self.counts, self.rating = id, name, counts, rating
        self.outcome, self.stated, self.explanation = outcome, stated, explanation

    @property
    def agrees(self) -> bool | None:
        """Whether computed and stated agree; ``None`` when nothing is stated."""
        return None if self.stated is None else self.rating is self.stated

    @property
    def notable(self) -> bool:
        """Whether the category disagrees or gets no rating: it is explained, and the check fails."""
        return self.agrees is False or self.rating is None

    @property
    def mark(self) -> str:
        """``✗`` for no rating or a disagreement, ``✓`` for an agreement, ``·`` where nothing is stated."""
        return "✗" if self.notable else "✓" if self.agrees else "·"

    def computed(self, lang: str) -> str:
        """The rating computed, or why there is none."""
        if self.rating is not None:
            return self.rating.label(lang)
        if self.outcome is None:
            return text("cli.check.unknown_counts", lang)
        return text(f"cli.check.outcome.{self.outcome.value}", lang)

    def stated_text(self, lang: str) -> str:
        """The rating stated, or a dash."""
        return self.stated.label(lang) if self.stated is not None else "—"


_COLUMNS = ("mark", "id", "category", "n", "counts", "computed", "stated")


def render_check(heading: str, rules_line: str, lines: Sequence[CheckLine], lang: str, explain_all: bool) -> list[str]:
    """The text ``check`` writes: the heading, the rule set, the table, the summary, the notable categories."""
    rows = [[text(f"cli.check.column.{column}", lang) for column in _COLUMNS]]
    for line in lines:
        counts = line.counts
        shown = (str(sum(counts)), short_counts(counts)) if counts is not None else ("?", "?")
        rows.append([line.mark, line.id, line.name, *shown, line.computed(lang), line.stated_text(lang)])
    out = [heading, rules_line, "", *table([[visible(cell) for cell in row] for row in rows], right=(3,)), ""]
    summary = {
        "total": len(lines),
        "agree": sum(line.agrees is True for line in lines),
        "disagree": sum(line.agrees is False for line in lines),
        "unrated": sum(line.rating is None for line in lines),
    }
    out.append(text("cli.check.summary", lang, **summary))
    for line in lines:
        if not (explain_all or line.notable):
            continue
        name = f"{line.id} {line.name}"
        computed, stated = line.computed(lang), line.stated_text(lang)
        out += ["", text("cli.check.category", lang, name=name, computed=computed, stated=stated)]
        if line.explanation is None:
            out.append("  " + text("cli.check.nothing_known", lang))
            continue
        out += ["  " + explained for explained in line.explanation]
    return [visible(line) for line in out]
