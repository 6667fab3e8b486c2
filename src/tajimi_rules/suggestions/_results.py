"""The result values of suggestions: plans, what else it would take, risks, and whole-evaluation plans.

Each value renders itself in words (``text`` / ``lines``, English or Japanese, from the text
table) and as JSON (``to_json``, the output of ``suggest --format json``).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from fractions import Fraction
from typing import Any

import attrs

from .._convert import converter
from .._fractions import format_fraction, rate_to_json
from .._texts import text
from ..model import IMPLEMENTING_MOVES, Category, Counts, Evaluation, Item, Level, Name, Rating
from ..rules import RuleSet
from ..rules._explain import rating_text
from ._candidates import Candidate, Minimise
from ._search import SEARCH_BUDGET, rank
from ._wording import examples, goal, item_text, listed, move_text, number, value

__all__ = [
    "Beyond",
    "BeyondKind",
    "CategorySuggestions",
    "CountsPlan",
    "EvaluationPlan",
    "PlannedChange",
    "PlannedMove",
    "Risk",
    "RiskKind",
    "Suggestion",
    "SuggestionReason",
    "SuggestionReport",
]


@attrs.frozen
class PlannedMove:
    """``count`` items moving from ``from_level`` to ``to_level`` (``from_level`` ``None``: new items)."""

    from_level: Level | None
    to_level: Level
    count: int

    def to_json(self) -> dict[str, Any]:
        """``{"from": ..., "to": ..., "count": ...}``."""
        return {
            "from": self.from_level.value if self.from_level is not None else None,
            "to": self.to_level.value,
            "count": self.count,
        }

    def text(self, lang: str = "en") -> str:
        """The move in words, e.g. ``implementing 3 behind items (→ standard)``."""
        return move_text(self.from_level, self.to_level, self.count, lang)


@attrs.frozen(kw_only=True)
class CountsPlan:
    """A plan over counts only: how many items make each move, and the counts and rating after."""

    moves: tuple[PlannedMove, ...]
    counts_after: Counts
    rating_after: Rating | None

    @property
    def size(self) -> int:
        """The number of one-item changes."""
        return sum(move.count for move in self.moves)


class SuggestionReason(enum.Enum):
    """Why a suggestion holds what it holds."""

    ALREADY = "already"
    """The rating already reaches the target: nothing to change."""
    REACHED = "reached"
    """The plan's changes reach the target."""
    NOT_BY_IMPLEMENTING = "not_by_implementing"
    """No combination of implementing items reaches the target (every combination was tried)."""
    ABOVE = "above"
    """With ``exact``: the rating is already better than the target, and a plan never lowers it."""
    NEVER_GIVEN = "never_given"
    """The rule set gives the target (or, without ``exact``, any rating at least as good) to no count vector."""
    BUDGET = "budget"
    """The search stopped at :data:`SEARCH_BUDGET` before it found a plan or ruled one out."""


@attrs.frozen(kw_only=True)
class PlannedChange:
    """One item changing level: ``item`` is the item's id, or ``None`` for an item the file does not name."""

    item: str | None
    name: Name | None
    from_level: Level
    to_level: Level
    national_rate: Fraction | None = None
    cost: Fraction | None = None

    def label(self, lang: str = "en") -> str:
        """The item's name, or a description of an unnamed one."""
        if self.name is not None:
            return self.name.label(lang)
        return text("suggestions.unnamed_item", lang, level=self.from_level.label(lang))

    def to_json(self) -> dict[str, Any]:
        """``{"item", "name", "from", "to", "national_rate", "cost"}``."""
        return {
            "item": self.item,
            "name": converter.unstructure(self.name) if self.name is not None else None,
            "from": self.from_level.value,
            "to": self.to_level.value,
            "national_rate": rate_to_json(self.national_rate) if self.national_rate is not None else None,
            "cost": number(self.cost) if self.cost is not None else None,
        }


class BeyondKind(enum.Enum):
    """What else a plan may use when implementing items is not enough."""

    RARER = "rarer"
    """Items also becoming rare nationally (``standard`` to ``advanced``, ``behind`` to ``needs_review``)."""
    NEW_ITEMS = "new_items"
    """New items the body does, at ``advanced`` or ``standard``."""


@attrs.frozen(kw_only=True)
class Beyond:
    """What it would take to reach a target implementing alone cannot: the fewest changes of a wider kind.

    ``plan`` is ``None`` when no such plan was found: when ``complete``, none exists (new
    items are tried up to ``limit`` at ``advanced`` and up to ``limit`` at ``standard``);
    otherwise the search stopped at :data:`SEARCH_BUDGET` first, and nothing is claimed.
    """

    kind: BeyondKind
    plan: CountsPlan | None
    limit: int | None = None
    complete: bool = True

    def to_json(self) -> dict[str, Any]:
        """The option as a JSON-ready mapping."""
        plan = self.plan
        return {
            "kind": self.kind.value,
            "reachable": plan is not None,
            "size": plan.size if plan is not None else None,
            "moves": [move.to_json() for move in plan.moves] if plan is not None else [],
            "counts_after": converter.unstructure(plan.counts_after) if plan is not None else None,
            "rating_after": value(plan.rating_after) if plan is not None else None,
            "limit": self.limit,
            "complete": self.complete,
        }

    def _what(self, lang: str) -> str:
        """The kind of changes tried, in words."""
        if self.kind is BeyondKind.RARER:
            return text("suggestions.beyond.rarer", lang)
        return text("suggestions.beyond.new_items", lang, limit=self.limit)

    def text(self, lang: str = "en") -> str:
        """The option in words."""
        if self.plan is None:
            message = "suggestions.beyond.none" if self.complete else "suggestions.beyond.budget"
            return text(message, lang, what=self._what(lang), budget=f"{SEARCH_BUDGET:,}")
        return text(
            "suggestions.beyond.plan",
            lang,
            size=self.plan.size,
            moves=listed((move.text(lang) for move in self.plan.moves), lang),
            counts=self.plan.counts_after.short(),
            after=rating_text(self.plan.rating_after, lang),
        )


@attrs.frozen(kw_only=True)
class Suggestion:
    """The smallest plan that takes one category to (at least) one target rating."""

    category: Category
    counts: Counts
    rating: Rating | None
    target: Rating
    exact: bool
    reason: SuggestionReason
    changes: tuple[PlannedChange, ...] = ()
    counts_after: Counts | None = None
    rating_after: Rating | None = None
    best_by_implementing: Rating | None = None
    """The best rating some combination of implementing moves gives (set when the target is unreachable)."""
    beyond: tuple[Beyond, ...] = ()
    minimise: Minimise = "count"

    @property
    def reachable(self) -> bool:
        """Whether implementing items (or nothing at all) reaches the target: the reason is already or reached."""
        return self.reason in (SuggestionReason.ALREADY, SuggestionReason.REACHED)

    @property
    def size(self) -> int:
        """The number of item changes in the plan."""
        return len(self.changes)

    @property
    def cost(self) -> Fraction:
        """The plan's total cost."""
        return sum((change.cost or Fraction(0) for change in self.changes), Fraction(0))

    @property
    def moves(self) -> tuple[PlannedMove, ...]:
        """The changes summed by kind, in the order of :data:`~tajimi_rules.IMPLEMENTING_MOVES`."""
        tally: dict[tuple[Level, Level], int] = {}
        for change in self.changes:
            pair = (change.from_level, change.to_level)
            tally[pair] = tally.get(pair, 0) + 1
        ordered = [pair for pair in IMPLEMENTING_MOVES if pair in tally]
        ordered += [pair for pair in tally if pair not in ordered]
        return tuple(PlannedMove(src, dst, tally[(src, dst)]) for src, dst in ordered)

    @property
    def gain(self) -> int:
        """How many rating steps the plan climbs (an unrated category counts as one below the worst)."""
        if self.rating_after is None or self.reason is not SuggestionReason.REACHED:
            return 0
        return rank(self.rating_after) - rank(self.rating)

    @property
    def gain_per_item(self) -> Fraction:
        """:attr:`gain` divided by the number of changes (0 for an empty plan)."""
        return Fraction(self.gain, self.size) if self.size else Fraction(0)

    def text(self, lang: str = "en") -> str:
        """The plan as one sentence, e.g. ``1 item more at standard would make this good: e.g. ...``."""
        target = self.target.label(lang)
        now = rating_text(self.rating, lang)
        if self.reason is SuggestionReason.REACHED:
            return self._plan_text(lang)
        if self.reason is SuggestionReason.NOT_BY_IMPLEMENTING:
            return self._unreachable_text(lang)
        if self.reason is SuggestionReason.NEVER_GIVEN:
            wanted = target if self.exact else text("suggestions.goal.or_better", lang, target=target)
            return text("suggestions.never_given", lang, wanted=wanted)
        message = {
            SuggestionReason.ALREADY: "suggestions.already",
            SuggestionReason.ABOVE: "suggestions.above",
            SuggestionReason.BUDGET: "suggestions.budget",
        }[self.reason]
        fields = {"now": now, "target": target, "goal": goal(self.target, self.exact, lang)}
        return text(message, lang, budget=f"{SEARCH_BUDGET:,}", **fields)

    def _plan_text(self, lang: str) -> str:
        """A plan that reaches the target: how many items more at which level, and which items."""
        joiner = text("suggestions.and", lang)
        more = joiner.join(
            text(
                "suggestions.more.first" if i == 0 else "suggestions.more.next",
                lang,
                count=move.count,
                level=move.to_level.label(lang),
            )
            for i, move in enumerate(self.moves)
        )
        cost = text("suggestions.cost", lang, cost=format_fraction(self.cost)) if self.minimise == "cost" else ""
        named = [change.label(lang) for change in self.changes if change.item is not None]
        rest = listed(
            (
                text("suggestions.unnamed_changes", lang, count=count, level=level.label(lang))
                for level, count in _tally_unnamed(self.changes)
            ),
            lang,
        )
        message = "suggestions.reached"
        if named:
            message += ".named_unnamed" if rest else ".named"
        elif rest:
            message += ".unnamed"
        after = rating_text(self.rating_after, lang)
        return text(message, lang, more=more, after=after, cost=cost, examples=examples(named, lang), rest=rest)

    def _unreachable_text(self, lang: str) -> str:
        """Plainly: the body's own actions do not reach the target, and the best they reach."""
        best = rating_text(self.best_by_implementing, lang)
        return text("suggestions.unreachable", lang, goal=goal(self.target, self.exact, lang), best=best)

    def outside(self, lang: str = "en") -> list[str]:
        """What would have to change outside the body's control to reach the target, kept apart from the plan.

        Items becoming rare nationally depend on other bodies; new items depend on the survey.
        Neither is a step a body can take, so :meth:`text` never mixes them into its plan.
        Empty unless the target is out of reach of the body's own actions.
        """
        if self.reason is not SuggestionReason.NOT_BY_IMPLEMENTING:
            return []
        lines = [
            text("suggestions.outside.found", lang, option=option.text(lang))
            for option in self.beyond
            if option.plan is not None
        ]
        missing = [option.text(lang) for option in self.beyond if option.plan is None]
        lines += [text("suggestions.outside.none", lang, tried=tried) for tried in missing]
        return lines

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        """The suggestion as a JSON-ready mapping (an entry of ``suggest --format json``)."""
        return {
            "category": self.category.id,
            "from": value(self.rating),
            "to": self.target.value,
            "exact": self.exact,
            "reachable": self.reachable,
            "reason": self.reason.value,
            "changes": [change.to_json() for change in self.changes],
            "moves": [move.to_json() for move in self.moves],
            "counts": converter.unstructure(self.counts),
            "counts_after": (converter.unstructure(self.counts_after) if self.counts_after is not None else None),
            "rating_after": value(self.rating_after),
            "cost": number(self.cost),
            "best_by_implementing": value(self.best_by_implementing),
            "beyond": [option.to_json() for option in self.beyond],
            "text": self.text(lang),
            "outside": self.outside(lang),
        }


class RiskKind(enum.Enum):
    """How an item can slip one level."""

    LAPSE = "lapse"
    """The body stops doing it (``advanced`` to ``needs_review``, ``standard`` to ``behind``)."""
    CATCH_UP = "catch_up"
    """Other bodies catch up, so it becomes common nationally (``advanced`` to ``standard``, ...)."""


@attrs.frozen(kw_only=True)
class Risk:
    """A one-item slip that would lower today's rating: any one of ``items`` (or an unnamed item) moving."""

    kind: RiskKind
    from_level: Level
    to_level: Level
    rating_after: Rating | None
    items: tuple[Item, ...]
    unnamed: int

    def to_json(self) -> dict[str, Any]:
        """The risk as a JSON-ready mapping."""
        return {
            "kind": self.kind.value,
            "from": self.from_level.value,
            "to": self.to_level.value,
            "rating_after": value(self.rating_after),
            "items": [item.id for item in self.items],
            "unnamed": self.unnamed,
        }

    def text(self, lang: str = "en") -> str:
        """The risk in words."""
        count = len(self.items) + self.unnamed
        level = self.from_level.label(lang)
        if count > 1:
            which = text("suggestions.risk.which_any", lang, count=count, level=level)
        else:
            which = text("suggestions.risk.which_one", lang, level=level)
        names = examples((item.name.label(lang) for item in self.items), lang)
        who = "named_unnamed" if self.items and self.unnamed else "named" if self.items else "unnamed"
        return text(
            "suggestions.risk",
            lang,
            which=which,
            what=text(f"suggestions.risk.{self.kind.value}", lang),
            after=rating_text(self.rating_after, lang),
            who=text(f"suggestions.risk.{who}", lang, names=names, unnamed=self.unnamed),
        )


@attrs.frozen(kw_only=True)
class CategorySuggestions:
    """One category: its counts and rating, the plans to each target, and what holds the rating up."""

    category: Category
    counts: Counts | None
    rating: Rating | None
    suggestions: tuple[Suggestion, ...]
    risks: tuple[Risk, ...]
    candidates: tuple[Candidate, ...] = ()
    advanced_items: tuple[Item, ...] = ()

    def good_points(self, lang: str = "en") -> list[str]:
        """良い点: the ``advanced`` items, with their national rates."""
        if self.counts is None:
            return []
        lines = [item_text(item, Level.ADVANCED, lang) for item in self.advanced_items]
        rest = self.counts.advanced - len(self.advanced_items)
        if rest:
            message = "suggestions.unnamed_points_more" if lines else "suggestions.unnamed_points"
            lines.append(text(message, lang, count=rest, level=Level.ADVANCED.label(lang)))
        return lines

    def points_to_consider(self, lang: str = "en") -> list[str]:
        """検討点: the items not implemented (``behind``, ``needs_review``), with their national rates."""
        lines = [item_text(c.item, c.level, lang) for c in self.candidates if c.item is not None]
        tally: dict[Level, int] = {}
        for c in self.candidates:
            if c.item is None:
                tally[c.level] = tally.get(c.level, 0) + 1
        for level, count in tally.items():
            lines.append(text("suggestions.unnamed_points", lang, count=count, level=level.label(lang)))
        return lines

    def lines(self, lang: str = "en") -> list[str]:
        """The written suggestions: headline, 良い点, 検討点, plans, and what holds the rating up."""
        name = f"{self.category.id} {self.category.name.label(lang)}"
        if self.counts is None:
            return [text("suggestions.unknown_counts", lang, name=name)]
        counts = f"{self.counts.short()}, n={self.counts.total}"
        lines = [f"{name}: {rating_text(self.rating, lang)} ({counts})"]
        sections = (
            ("good_points", self.good_points(lang)),
            ("points_to_consider", self.points_to_consider(lang)),
            ("plan", [_plan_line(s, lang) for s in self.suggestions]),
            ("outside", [_outside_line(s, line, lang) for s in self.suggestions for line in s.outside(lang)]),
            ("risks", self._risk_lines(lang)),
        )
        for section, entries in sections:
            if entries:
                lines.append(f"  {text(f'suggestions.section.{section}', lang)}:")
                lines.extend(f"    - {entry}" for entry in entries)
        return lines

    def _risk_lines(self, lang: str) -> list[str]:
        if self.rating is None:
            return []
        if not self.risks:
            return [text("suggestions.no_risk", lang)]
        return [risk.text(lang) for risk in self.risks]

    def text(self, lang: str = "en") -> str:
        """:meth:`lines` joined by newlines."""
        return "\n".join(self.lines(lang))

    def to_json(self) -> dict[str, Any]:
        """The category's risks as a JSON-ready mapping (``at_risk`` entries of ``suggest --format json``)."""
        return {
            "category": self.category.id,
            "rating": value(self.rating),
            "counts": converter.unstructure(self.counts) if self.counts is not None else None,
            "risks": [risk.to_json() for risk in self.risks],
        }


@attrs.frozen(kw_only=True)
class EvaluationPlan:
    """A plan to bring every category to at least ``target`` (``exact``: to ``target`` itself): the smallest in total.

    Categories are independent, so the sum of each category's smallest plan is the smallest
    total. ``steps`` are the categories that need changes, best gain per item first;
    ``unreachable`` those no plan reaches (implementing cannot, or the rule set never gives
    the target); ``not_searched`` those whose search stopped at :data:`SEARCH_BUDGET`;
    ``above`` (with ``exact``) those already better than the target, which a plan never lowers.
    """

    target: Rating
    steps: tuple[Suggestion, ...]
    already: tuple[Suggestion, ...]
    unreachable: tuple[Suggestion, ...]
    unknown: tuple[Category, ...]
    exact: bool = False
    above: tuple[Suggestion, ...] = ()
    not_searched: tuple[Suggestion, ...] = ()

    @property
    def size(self) -> int:
        """The number of item changes in the whole plan."""
        return sum(step.size for step in self.steps)

    @property
    def cost(self) -> Fraction:
        """The whole plan's total cost."""
        return sum((step.cost for step in self.steps), Fraction(0))

    @property
    def complete(self) -> bool:
        """Whether every category reaches the target (none unreachable, not searched, or of unknown counts).

        With ``exact``, a category above the target counts as having reached it: it needs no change.
        """
        return not self.unreachable and not self.unknown and not self.not_searched

    def lines(self, lang: str = "en") -> list[str]:
        """The plan in words, one line per category."""
        target = self.target.label(lang)
        aim = text("suggestions.goal.exactly" if self.exact else "suggestions.goal.at_least", lang, target=target)
        lines = [text("suggestions.evaluation_plan", lang, goal=aim, size=self.size)]
        marked = [
            *((f"{number}.", step) for number, step in enumerate(self.steps, 1)),
            *(("✗", step) for step in self.unreachable),
            *(("?", step) for step in self.not_searched),
        ]
        for mark, step in marked:
            lines.append(f"  {mark} {step.category.id} {step.category.name.label(lang)}: {step.text(lang)}")
        for category in self.unknown:
            unknown = text("suggestions.plan.unknown", lang)
            lines.append(f"  ? {category.id} {category.name.label(lang)}: {unknown}")
        for message, steps in (("suggestions.plan.already", self.already), ("suggestions.plan.above", self.above)):
            if steps:
                lines.append(f"  {text(message, lang)}: {', '.join(step.category.id for step in steps)}")
        return lines

    def to_json(self) -> dict[str, Any]:
        """The plan as a JSON-ready mapping (``plan`` of ``suggest --format json``)."""
        return {
            "target": self.target.value,
            "exact": self.exact,
            "size": self.size,
            "cost": number(self.cost),
            "complete": self.complete,
            "order": [step.category.id for step in self.steps],
            "unreachable": [step.category.id for step in self.unreachable],
            "unknown": [category.id for category in self.unknown],
            "already": [step.category.id for step in self.already],
            "above": [step.category.id for step in self.above],
            "not_searched": [step.category.id for step in self.not_searched],
        }


@attrs.frozen(kw_only=True)
class SuggestionReport:
    """Suggestions for the categories of an evaluation under one rule set."""

    evaluation: Evaluation
    rules: RuleSet
    target: Rating | None
    exact: bool
    minimise: Minimise
    categories: tuple[CategorySuggestions, ...]

    @property
    def suggestions(self) -> tuple[Suggestion, ...]:
        """Every suggestion, category by category, targets best last."""
        return tuple(s for category in self.categories for s in category.suggestions)

    def plan(self) -> EvaluationPlan:
        """The whole-evaluation plan to :attr:`target` (``ValueError`` without a target)."""
        if self.target is None:
            raise ValueError("a whole-evaluation plan needs a target rating")
        found = [s for s in self.suggestions if s.target is self.target]
        steps = sorted(
            (s for s in found if s.reason is SuggestionReason.REACHED),
            key=lambda s: (-s.gain_per_item, s.size, s.cost),
        )
        never = (SuggestionReason.NOT_BY_IMPLEMENTING, SuggestionReason.NEVER_GIVEN)
        return EvaluationPlan(
            target=self.target,
            exact=self.exact,
            steps=tuple(steps),
            already=tuple(s for s in found if s.reason is SuggestionReason.ALREADY),
            unreachable=tuple(s for s in found if s.reason in never),
            unknown=tuple(c.category for c in self.categories if c.counts is None),
            above=tuple(s for s in found if s.reason is SuggestionReason.ABOVE),
            not_searched=tuple(s for s in found if s.reason is SuggestionReason.BUDGET),
        )

    def to_json(self, lang: str = "en", file: str | None = None) -> dict[str, Any]:
        """The report as one JSON-ready object (the output of ``suggest --format json``)."""
        return {
            "file": file,
            "rules": {"id": self.rules.id, "combine": self.rules.combine.value},
            "target": value(self.target),
            "exact": self.exact,
            "minimise": self.minimise,
            "suggestions": [s.to_json(lang) for s in self.suggestions],
            "at_risk": [c.to_json() for c in self.categories if c.counts is not None],
            "unknown_counts": [c.category.id for c in self.categories if c.counts is None],
            "plan": self.plan().to_json() if self.target is not None else None,
        }


def _tally_unnamed(changes: Iterable[PlannedChange]) -> list[tuple[Level, int]]:
    tally: dict[Level, int] = {}
    for change in changes:
        if change.item is None:
            tally[change.from_level] = tally.get(change.from_level, 0) + 1
    return list(tally.items())


def _outside_line(suggestion: Suggestion, line: str, lang: str) -> str:
    target_text = goal(suggestion.target, suggestion.exact, lang)
    return text("suggestions.plan_line", lang, goal=target_text, text=line)


def _plan_line(suggestion: Suggestion, lang: str) -> str:
    target_text = goal(suggestion.target, suggestion.exact, lang)
    return text("suggestions.plan_line", lang, goal=target_text, text=suggestion.text(lang))
