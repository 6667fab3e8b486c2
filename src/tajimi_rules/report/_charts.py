# ruff: noqa: PLC0415  (matplotlib and fontTools are optional: imported only when a chart is drawn)
"""Charts for reports: each category's items placed as the source document plots them, and an overview.

:func:`category_chart` draws a category's items by implementation rate (x) against whether
the body does them (y), coloured by level, with the rule set's "common" threshold as a
dashed line; each quadrant is labelled with the category's count of that level, so items the
file counts but does not name still show. :func:`overview_chart` draws every category's share
of items at each level beside its rating. Both return PNG bytes; :func:`data_uri` embeds them.

Charts are drawn with matplotlib's Agg canvas (no display, no pyplot state) and Japanese text
is set in IPAexGothic, shipped by the ``matplotlib-fontja`` package. Positions on a chart are
floats: drawing is the only place they appear, and nothing is decided from them.

Warnings that matplotlib (or any library) raises while the charts are drawn never pass as
they are: :func:`reworded_warnings` catches them and raises each kind once again as a
:class:`ChartWarning` carrying a :class:`~tajimi_rules.Problem` worded in either language,
with no control character and no source path (a name holding characters the fonts cannot
draw is ``chart.missing_glyph``; anything else ``chart.library_warning``).
"""

from __future__ import annotations

import base64
import heapq
import importlib.util
import io
import re
import unicodedata
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._errors import Problem, Severity
from .._fractions import format_fraction
from .._limits import CHART_LABELS
from .._texts import text
from ..checks._check import CategoryCheck, CheckReport, item_level
from ..model import Item, Level, Rating
from ..rules._rules import RuleSet

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "LEVEL_COLOURS",
    "RATING_COLOURS",
    "ChartWarning",
    "category_chart",
    "category_figure",
    "data_uri",
    "font_subset",
    "has_category_chart",
    "japanese_font",
    "overview_chart",
    "plotted_items",
    "reworded",
    "reworded_warnings",
]

LEVEL_COLOURS = {
    Level.ADVANCED: "#0072b2",
    Level.STANDARD: "#009e73",
    Level.NEEDS_REVIEW: "#e69f00",
    Level.BEHIND: "#d55e00",
}
"""One colour per item level (a palette that stays distinct for colour-blind readers)."""

RATING_COLOURS = {
    Rating.ADVANCED: "#0072b2",
    Rating.GOOD: "#009e73",
    Rating.PARTLY_DEFICIENT: "#e69f00",
    Rating.DEFICIENT: "#d55e00",
}
"""One colour per category rating, matching the report's badges."""

_NONE_COLOUR = "#777777"
_FONT_FILE = ("fonts", "ipaexg.ttf")
_EXTRA_HINT = "install the 'report' extra: pip install 'tajimi-rules[report]'"

# Labels are set by display width, a wide (CJK) character counting as two narrow ones.
_ITEM_LABEL_WIDTH = 34
_CATEGORY_LABEL_WIDTH = 44


class ChartWarning(UserWarning):
    """A warning raised while drawing the charts, reworded: :attr:`problem` says it in either language."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


# matplotlib's words for a character no font in the family can draw.
_MISSING_GLYPH = re.compile(r"Glyph (\d+) .*missing from (?:current )?font")
# What must not pass into a message: C0 and C1 controls, DEL, bidi controls, line separators.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_SHOWN_CHARACTERS = 12


def _code_point(number: int) -> str:
    return f"U+{number:04X}"


def _printable(message: str) -> str:
    return _UNPRINTABLE.sub(lambda match: f"\\u{ord(match[0]):04x}", message)


def reworded(caught: Sequence[warnings.WarningMessage]) -> tuple[Problem, ...]:
    """The warnings ``caught`` as problems of severity warning: one for every missing glyph, one per other message."""
    missing: set[int] = set()
    others: dict[str, Problem] = {}
    for entry in caught:
        if isinstance(entry.message, ChartWarning):
            others.setdefault(entry.message.problem.message, entry.message.problem)
            continue
        message = str(entry.message)
        if glyph := _MISSING_GLYPH.search(message):
            missing.add(int(glyph[1]))
            continue
        # The message alone: where the library raised it is no concern of the reader.
        kind = entry.category.__name__
        reason = _printable(message.strip())
        others.setdefault(
            f"{kind}: {reason}",
            Problem(code="chart.library_warning", fields={"kind": kind, "reason": reason}, severity=Severity.WARNING),
        )
    found: list[Problem] = []
    if missing:
        shown = sorted(missing)
        characters = ", ".join(map(_code_point, shown[:_SHOWN_CHARACTERS]))
        if len(shown) > _SHOWN_CHARACTERS:
            characters += ", …"
        found.append(
            Problem(
                code="chart.missing_glyph",
                fields={"characters": characters, "count": len(shown)},
                severity=Severity.WARNING,
            )
        )
    return (*found, *others.values())


@contextmanager
def reworded_warnings() -> Iterator[None]:
    """Catch every warning raised in the block and raise each, once and reworded, as a :class:`ChartWarning`."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    for problem in reworded(caught):
        warnings.warn(ChartWarning(problem), stacklevel=3)


def _text(key: str, lang: str, **fields: Any) -> str:
    return text(f"report.chart.{key}", lang, **fields)


def data_uri(png: bytes) -> str:
    """``png`` as a ``data:image/png;base64,...`` URI, to embed in an HTML ``img``."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


@cache
def japanese_font() -> Path:
    """The IPAexGothic font file shipped by ``matplotlib-fontja``, registered with matplotlib.

    The package is located without importing it: importing it would change matplotlib's
    global settings, and a report should not.
    """
    spec = importlib.util.find_spec("matplotlib_fontja")
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    for location in locations:
        path = Path(location).joinpath(*_FONT_FILE)
        if path.is_file():
            from matplotlib import font_manager

            font_manager.fontManager.addfont(str(path))
            return path
    raise ImportError(f"charts need the Japanese font of matplotlib-fontja: {_EXTRA_HINT}")


def font_subset(text: str) -> bytes:
    """IPAexGothic cut down to the characters of ``text`` (and printable ASCII), as TrueType bytes.

    A report embeds it so that its Japanese reads the same on a machine without Japanese
    fonts; the IPA Font License allows fonts embedded in a document for its own display.
    """
    from fontTools import subset  # type: ignore[import-untyped]
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    options = subset.Options()
    options.name_IDs = ["*"]  # keep the copyright and licence notices
    options.notdef_outline = True
    font = TTFont(str(japanese_font()))
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(set(text) | {chr(c) for c in range(0x20, 0x7F)})))
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


@contextmanager
def _style() -> Iterator[None]:
    try:
        import matplotlib
    except ImportError as error:  # pragma: no cover - exercised where the extra is missing
        raise ImportError(f"charts need matplotlib: {_EXTRA_HINT}") from error
    from matplotlib import font_manager

    family = font_manager.FontProperties(fname=str(japanese_font())).get_name()
    settings: dict[Any, Any] = {
        "font.family": [family, "DejaVu Sans"],  # DejaVu Sans (shipped with matplotlib) for ≥ and ≠
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "text.parse_math": False,  # a name holding "$" is text from a file, not mathtext
        "svg.hashsalt": "tajimi-rules",
    }
    with matplotlib.rc_context(settings):
        yield


def _figure(width: float, height: float) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=110, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def _short(label: str, size: int) -> str:
    return label if len(label) <= size else label[: size - 1] + "…"


def _width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _narrow(label: str, width: int) -> str:
    """``label`` cut to at most ``width`` columns of display width, ending in "…" where it was cut."""
    if sum(map(_width, label)) <= width:
        return label
    used, kept = 1, []  # the ellipsis takes one column
    for char in label:
        used += _width(char)
        if used > width:
            break
        kept.append(char)
    return "".join(kept) + "…"


def plotted_items(entry: CategoryCheck, rules: RuleSet) -> list[tuple[int, Item, Fraction, bool, Level | None]]:
    """The items a category chart places: (number in the item table, item, rate, implemented, level).

    Only items whose rate (the one the grading goes by) and side are known; an item is
    numbered by its place in the category's items, as the report's item table numbers it.
    """
    grading = rules.item_grading
    found = []
    for number, item in enumerate(entry.category.items, start=1):
        rate = grading.rate_of(item.national_rate, item.prefecture_rate) if grading else item.national_rate
        level = item_level(item, grading)
        implemented = item.implemented if item.implemented is not None else (level.implemented if level else None)
        if rate is not None and implemented is not None:
            found.append((number, item, rate, implemented, level))
    return found


def has_category_chart(entry: CategoryCheck, rules: RuleSet) -> bool:
    """Whether a category chart carries information: some item has a known rate to place.

    Without one, the chart would only restate the counts the summary already shows.
    """
    return bool(plotted_items(entry, rules))


def category_chart(entry: CategoryCheck, rules: RuleSet, *, lang: str = "en") -> bytes:
    """One category's items by implementation rate and whether they are done, as a PNG image.

    Dots are the items whose rate the file gives, coloured by level; each quadrant carries
    the category's count of its level; the dashed line is the rule set's threshold for
    "common". Labels never overlap (see :func:`category_figure`).
    """
    with _style():
        return _png(category_figure(entry, rules, lang=lang))


def category_figure(entry: CategoryCheck, rules: RuleSet, *, lang: str = "en") -> Figure:
    """The figure of :func:`category_chart`, drawn (for tests that measure its labels).

    Labels are packed into lanes: a label goes in the lowest lane where it overlaps no label
    already there, lanes of the "implemented" row stacking upwards, those of the other row
    downwards, and the figure grows to hold every lane. Up to :data:`_NAMED_ITEMS` dots are
    labelled with the item's name; more are labelled with the item's number in the item table;
    beyond ``CHART_LABELS`` dots (``docs/limits.md``) none is labelled (the item table
    lists them), so the figure keeps its size. Must be called inside :func:`_style` for the
    report's fonts.
    """
    grading = rules.item_grading
    # Floats only place marks on the page. Without a grading the split is mere layout, and says so.
    threshold = float(grading.threshold) if grading is not None else 0.5
    figure = _figure_fixed(_CHART_WIDTH, _CHART_BASE_HEIGHT)
    axes = figure.add_axes((_LEFT / _CHART_WIDTH, 0.0, 1 - (_LEFT + _RIGHT) / _CHART_WIDTH, 1.0))
    axes.set_xlim(0, 1)
    axes.set_yticks([0, 1], [_text("not_implemented", lang), _text("implemented", lang)])
    axes.set_xticks([0, 0.25, 0.5, 0.75, 1], ["0%", "25%", "50%", "75%", "100%"])
    rate_name = "prefecture" if grading is not None and grading.rate == "prefecture" else "national"
    axes.set_xlabel(_text(rate_name, lang))
    axes.axhline(0.5, color="#bbbbbb", linewidth=0.8)
    plotted, labels = _plot_items(axes, entry, rules, lang)
    lanes = _pack_lanes(figure, labels)
    top, bottom = _lane_rows(lanes, labels)
    _layout(figure, axes, top, bottom)
    _quadrants(axes, entry, threshold, lang)
    _threshold_line(axes, grading, threshold, lang)
    counts = entry.counts
    total = counts.total if counts is not None else len(entry.category.items)
    axes.set_title(
        _short(entry.category.name.label(lang), 40) + (f"  {counts.short()}" if counts is not None else ""),
        fontsize=11,
        loc="left",
        pad=22,
    )
    axes.text(
        0,
        1.02,
        _text("points", lang, shown=plotted, total=total)
        + (_text("numbered", lang) if len(labels) > _NAMED_ITEMS else "")
        + (_text("unlabelled", lang, limit=CHART_LABELS) if plotted > CHART_LABELS else ""),
        transform=axes.transAxes,
        fontsize=8,
        color="#555555",
        va="bottom",
    )
    figure.canvas.draw()
    return figure


_CHART_WIDTH = 7.2
_CHART_BASE_HEIGHT = 3.0
_LEFT, _RIGHT = 1.0, 0.25  # inches beside the axes, for the row labels and the last tick
_TOP, _BOTTOM = 0.7, 0.55  # inches above (title) and below (axis label) the axes
_ROW_POINTS = 64.0  # the height of each row's band of dots, in points
_LANE_POINTS = 11.0  # one lane of labels, in points (labels are 7.5 pt)
_NAMED_ITEMS = 12


def _figure_fixed(width: float, height: float) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=110)
    FigureCanvasAgg(figure)
    return figure


def _plot_items(axes: Axes, entry: CategoryCheck, rules: RuleSet, lang: str) -> tuple[int, list[tuple[Any, int]]]:
    """Plot the items with a known rate and side; return how many, and each label with its row (1 implemented)."""
    found = plotted_items(entry, rules)
    # One scatter per colour, in the items' order of first appearance.
    dots: dict[str, tuple[list[float], list[int]]] = {}
    for _number, _item, rate, implemented, level in found:
        xs, ys = dots.setdefault(LEVEL_COLOURS[level] if level is not None else _NONE_COLOUR, ([], []))
        xs.append(float(rate))
        ys.append(1 if implemented else 0)
    for colour, (xs, ys) in dots.items():
        axes.scatter(xs, ys, s=46, color=colour, edgecolors="white", linewidths=0.8, zorder=3)
    if len(found) > CHART_LABELS:
        return len(found), []
    named = len(found) <= _NAMED_ITEMS
    labels = []
    for number, item, rate, implemented, _level in found:
        row = 1 if implemented else 0
        # Labels go right of their dot, except near the right edge where they would leave the chart.
        left_of_dot = rate >= Fraction(3, 4)
        label = _narrow(item.name.label(lang), _ITEM_LABEL_WIDTH) if named else str(number)
        # A number is centred over (or under) its dot, off the row, so it never covers a dot.
        annotation = axes.annotate(
            label,
            (float(rate), row),
            xytext=((-6 if left_of_dot else 6) if named else 0, 0),
            textcoords="offset points",
            va="center",
            ha=("right" if left_of_dot else "left") if named else "center",
            fontsize=7.5,
            color="#222222",
            zorder=4,
        )
        labels.append((annotation, row))
    return len(found), labels


def _pack_lanes(figure: Figure, labels: Sequence[tuple[Any, int]]) -> list[int]:
    """Each label's lane: the lowest in its row where its horizontal extent meets no other label's."""
    if not labels:
        return []
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    extents = [annotation.get_window_extent(renderer) for annotation, _row in labels]
    return pack_lanes([(extent.x0, extent.x1, row) for extent, (_annotation, row) in zip(extents, labels, strict=True)])


def pack_lanes(spans: Sequence[tuple[float, float, int]], gap: float = 3.0) -> list[int]:
    """Each span's lane: the lowest in its row where it starts at least ``gap`` after the lane's last span ends.

    ``spans`` are ``(start, end, row)``. Spans are taken from left to right; per row, a heap of
    the busy lanes by where their last span ends frees each lane once the next span starts past
    it, and a heap of the free lanes gives the lowest: ``O(n log n)`` for ``n`` spans, where
    trying each lane in turn would be quadratic.
    """
    lanes = [0] * len(spans)
    busy: dict[int, list[tuple[float, int]]] = {}  # per row: (end + gap, lane)
    free: dict[int, list[int]] = {}  # per row: lanes used before and free again
    used: dict[int, int] = {}  # per row: lanes opened so far
    for index in sorted(range(len(spans)), key=lambda i: spans[i][0]):
        start, end, row = spans[index]
        ending, freed = busy.setdefault(row, []), free.setdefault(row, [])
        while ending and ending[0][0] <= start:
            heapq.heappush(freed, heapq.heappop(ending)[1])
        if freed:
            lane = heapq.heappop(freed)
        else:
            lane = used.get(row, 0)
            used[row] = lane + 1
        heapq.heappush(ending, (end + gap, lane))
        lanes[index] = lane
    return lanes


def _lane_rows(lanes: Sequence[int], labels: Sequence[tuple[Any, int]]) -> tuple[int, int]:
    """Move each label to its lane; return the lanes used above the top row and below the bottom row."""
    top = bottom = 0
    # Names begin on the dot's line, beside it; numbers begin one lane off the row.
    first = 0 if len(labels) <= _NAMED_ITEMS else 1
    for (annotation, row), place in zip(labels, lanes, strict=True):
        lane = place + first
        # Further lanes stack away from the other row.
        step = lane * _LANE_POINTS * (1 if row == 1 else -1)
        x, _y = annotation.xyann
        annotation.xyann = (x, step)
        if row == 1:
            top = max(top, lane)
        else:
            bottom = max(bottom, lane)
    return top, bottom


def _layout(figure: Figure, axes: Axes, top: int, bottom: int) -> None:
    """Size the figure so each row's band holds its dots and every lane of its labels."""
    above = _ROW_POINTS / 2 + top * _LANE_POINTS
    below = _ROW_POINTS / 2 + bottom * _LANE_POINTS
    between = _ROW_POINTS
    plot_points = above + between + below
    height = plot_points / 72 + _TOP + _BOTTOM
    figure.set_size_inches(_CHART_WIDTH, height)
    axes.set_position(
        (_LEFT / _CHART_WIDTH, _BOTTOM / height, 1 - (_LEFT + _RIGHT) / _CHART_WIDTH, plot_points / 72 / height)
    )
    # One data unit between the rows is `between` points: the limits follow from the bands.
    axes.set_ylim(-below / between, 1 + above / between)


def _quadrants(axes: Axes, entry: CategoryCheck, threshold: float, lang: str) -> None:
    """Shade each level's quadrant and label it with the category's count of that level."""
    counts = entry.counts
    low, high = axes.get_ylim()
    for level in Level:
        left, right = (threshold, 1.0) if level.common else (0.0, threshold)
        row = 1 if level.implemented else 0
        start, stop = (0.5, high) if row == 1 else (low, 0.5)
        axes.axhspan(start, stop, xmin=left, xmax=right, color=LEVEL_COLOURS[level], alpha=0.07)
        label = level.label(lang) + (f" {counts[level]}" if counts is not None else "")
        axes.text(
            right - 0.01 if level.common else left + 0.01,
            high - 0.02 if row == 1 else low + 0.02,
            label,
            ha="right" if level.common else "left",
            va="top" if row == 1 else "bottom",
            color=LEVEL_COLOURS[level],
            fontsize=10,
        )


def _threshold_line(axes: Axes, grading: Any, threshold: float, lang: str) -> None:
    if grading is None:
        axes.text(0.5, 0.5, _text("no_grading", lang), ha="center", va="center", fontsize=8, color="#333333")
        return
    axes.axvline(threshold, color="#333333", linestyle="--", linewidth=1)
    op = "≥" if grading.comparison.value == "at_least" else ">"
    common = "common_prefecture" if grading.rate == "prefecture" else "common"
    axes.text(
        threshold,
        0.5,
        " " + _text(common, lang, op=op, threshold=format_fraction(grading.threshold)),
        ha="left",
        va="center",
        fontsize=8,
        color="#333333",
        backgroundcolor="white",
    )


def overview_chart(report: CheckReport, *, lang: str = "en") -> bytes:
    """Every category's share of items at each level, with its rating beside it, as a PNG image."""
    rows = report.categories
    with _style():
        figure = _figure(8.4, 0.34 * len(rows) + 1.3)
        axes = figure.add_subplot()
        positions = list(range(len(rows)))[::-1]
        _stacked_shares(axes, rows, positions, lang)
        axes.set_yticks(positions, [_narrow(c.category.name.label(lang), _CATEGORY_LABEL_WIDTH) for c in rows])
        axes.set_xlim(0, 1.62)
        axes.set_xticks([0, 0.5, 1], ["0%", "50%", "100%"])
        axes.set_xlabel(_text("share", lang), loc="left")
        axes.spines["bottom"].set_bounds(0, 1)
        for y, entry in zip(positions, rows, strict=True):
            rating = entry.rating
            label = rating.label(lang) if rating is not None else _text("no_rating", lang)
            colour = RATING_COLOURS[rating] if rating is not None else _NONE_COLOUR
            axes.text(1.03, y, label, va="center", ha="left", fontsize=9, color=colour)
            if entry.agrees is False and entry.stated_rating is not None:
                axes.text(
                    1.30,
                    y,
                    "≠ " + _text("stated", lang, rating=entry.stated_rating.label(lang)),
                    va="center",
                    ha="left",
                    fontsize=8,
                    color="#d55e00",
                )
        axes.legend(
            handles=[_patch(LEVEL_COLOURS[level], level.label(lang)) for level in Level],
            loc="lower center",
            bbox_to_anchor=(0.5, 1.0),
            ncols=4,
            frameon=False,
            fontsize=8,
        )
        return _png(figure)


def _stacked_shares(axes: Axes, rows: Sequence[CategoryCheck], positions: Sequence[int], lang: str) -> None:
    for level in Level:
        lefts, widths = [], []
        for entry in rows:
            counts = entry.counts
            if counts is None or counts.total == 0:
                lefts.append(0.0)
                widths.append(0.0)
                continue
            before = sum(counts[other] for other in Level if _order(other) < _order(level))
            lefts.append(before / counts.total)
            widths.append(counts[level] / counts.total)
        axes.barh(positions, widths, left=lefts, height=0.68, color=LEVEL_COLOURS[level], label=level.label(lang))


def _order(level: Level) -> int:
    return list(Level).index(level)


def _patch(colour: str, label: str) -> object:
    from matplotlib.patches import Patch

    return Patch(color=colour, label=label)
