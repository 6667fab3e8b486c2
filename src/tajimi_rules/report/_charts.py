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
"""

from __future__ import annotations

import base64
import importlib.util
import io
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._fractions import format_fraction
from .._texts import text
from ..checks._check import CategoryCheck, CheckReport, item_level
from ..model import Level, Rating
from ..rules._rules import RuleSet

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "LEVEL_COLOURS",
    "RATING_COLOURS",
    "category_chart",
    "data_uri",
    "font_subset",
    "japanese_font",
    "overview_chart",
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


def category_chart(entry: CategoryCheck, rules: RuleSet, *, lang: str = "en") -> bytes:
    """One category's items by implementation rate and whether they are done, as a PNG image.

    Dots are the items whose rate the file gives, coloured by level; each quadrant carries
    the category's count of its level; the dashed line is the rule set's threshold for
    "common".
    """
    grading = rules.item_grading
    # Floats only place marks on the page. Without a grading the split is mere layout, and says so.
    threshold = float(grading.threshold) if grading is not None else 0.5
    with _style():
        figure = _figure(7.2, 3.0)
        axes = figure.add_subplot()
        axes.set_xlim(0, 1)
        axes.set_ylim(-0.5, 1.5)
        axes.set_yticks([0, 1], [_text("not_implemented", lang), _text("implemented", lang)])
        axes.set_xticks([0, 0.25, 0.5, 0.75, 1], ["0%", "25%", "50%", "75%", "100%"])
        rate_name = "prefecture" if grading is not None and grading.rate == "prefecture" else "national"
        axes.set_xlabel(_text(rate_name, lang))
        common = "common_prefecture" if rate_name == "prefecture" else "common"
        axes.axhline(0.5, color="#bbbbbb", linewidth=0.8)
        counts = entry.counts
        for level in Level:
            left, right = (threshold, 1.0) if level.common else (0.0, threshold)
            row = 1 if level.implemented else 0
            axes.axhspan(row - 0.5, row + 0.5, xmin=left, xmax=right, color=LEVEL_COLOURS[level], alpha=0.07)
            label = level.label(lang) + (f" {counts[level]}" if counts is not None else "")
            axes.text(
                right - 0.01 if level.common else left + 0.01,
                row + 0.42,
                label,
                ha="right" if level.common else "left",
                va="top",
                color=LEVEL_COLOURS[level],
                fontsize=10,
            )
        if grading is not None:
            axes.axvline(threshold, color="#333333", linestyle="--", linewidth=1)
            op = "≥" if grading.comparison.value == "at_least" else ">"
            axes.text(
                threshold,
                -0.48,
                " " + _text(common, lang, op=op, threshold=format_fraction(grading.threshold)),
                ha="left",
                va="bottom",
                fontsize=8,
                color="#333333",
            )
        else:
            axes.text(0.5, -0.48, _text("no_grading", lang), ha="center", va="bottom", fontsize=8, color="#333333")
        shown = _plot_items(axes, entry, rules, lang)
        total = counts.total if counts is not None else len(entry.category.items)
        figure.suptitle(
            _short(entry.category.name.label(lang), 40) + (f"  {counts.short()}" if counts is not None else ""),
            fontsize=11,
        )
        axes.set_title(_text("points", lang, shown=shown, total=total), fontsize=8, color="#555555", loc="left")
        return _png(figure)


def _plot_items(axes: Axes, entry: CategoryCheck, rules: RuleSet, lang: str) -> int:
    """Plot the items with a known rate and side; return how many were plotted."""
    grading = rules.item_grading
    placed: list[tuple[float, int]] = []
    for item in entry.category.items:
        rate = grading.rate_of(item.national_rate, item.prefecture_rate) if grading else item.national_rate
        level = item_level(item, grading)
        implemented = item.implemented if item.implemented is not None else (level.implemented if level else None)
        if rate is None or implemented is None:
            continue
        row = 1 if implemented else 0
        # Stagger dots of one row so that neighbours and their labels do not sit on one another.
        lane = sum(1 for x, r in placed if r == row and abs(x - float(rate)) < 0.2)
        y = row + (0.18 - 0.16 * (lane % 3))
        placed.append((float(rate), row))
        colour = LEVEL_COLOURS[level] if level is not None else _NONE_COLOUR
        axes.scatter([float(rate)], [y], s=46, color=colour, edgecolors="white", linewidths=0.8, zorder=3)
        # Labels go right of their dot, except near the right edge where they would leave the chart.
        left_of_dot = rate >= Fraction(3, 4)
        axes.annotate(
            _narrow(item.name.label(lang), _ITEM_LABEL_WIDTH),
            (float(rate), y),
            xytext=(-6 if left_of_dot else 6, 0),
            textcoords="offset points",
            va="center",
            ha="right" if left_of_dot else "left",
            fontsize=7.5,
            color="#222222",
        )
    return len(placed)


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
