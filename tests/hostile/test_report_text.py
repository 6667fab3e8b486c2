r"""Hostile text in a report's input: library warnings come out in the project's words, never raw.

A name holding control characters, escape sequences or bidi controls goes into the charts,
where matplotlib warns of glyphs its fonts lack (``Glyph 27 (\x1b) missing from font(s)``,
with the library's source path). ``tajimi-rules report`` words them as its own warning
(``chart.missing_glyph``: the code points, no raw character, no path), in English or
Japanese; the Python API raises them as :class:`~tajimi_rules.report._charts.ChartWarning`.
"""

from __future__ import annotations

import copy
import json
import warnings
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("matplotlib")
pytest.importorskip("jinja2")

from tajimi_rules.errors import Severity
from tajimi_rules.report import write_report
from tajimi_rules.report._charts import ChartWarning, reworded

from .harness import HOSTILE_TEXTS, run_hostile

EXAMPLE = Path(__file__).resolve().parent.parent.parent / "examples" / "tajimi-r4.json"
WORDED = {"en": "the chart fonts cannot draw", "ja": "グラフのフォントで描けない文字"}


def _evaluation(tmp_path: Path, name: str) -> Path:
    """A one-category evaluation whose category (and first item) is called ``name``, written under ``tmp_path``."""
    doc: dict[str, Any] = json.loads(EXAMPLE.read_text("utf-8"))
    category = copy.deepcopy(next(c for c in doc["categories"] if any("national_rate" in i for i in c["items"])))
    category["name"] = {"ja": name, "en": name}
    for item in category["items"]:
        item["name"] = {"ja": f"{name}項目", "en": f"{name} item"}
    doc["categories"] = [category]
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(doc, ensure_ascii=True), "utf-8")
    return path


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("name", sorted(HOSTILE_TEXTS))
def test_a_hostile_name_in_the_charts_never_reaches_the_terminal_raw(tmp_path: Path, name: str, lang: str) -> None:
    """A chart label holding a control or bidi character writes the report; any warning is the project's own."""
    source = _evaluation(tmp_path, HOSTILE_TEXTS[name])
    # The runner fails the case on any warning that escaped.
    result = run_hostile(
        "report", source, "--out", tmp_path / "r.html", "--lang", lang, root=tmp_path, status=0, writes=["r.html"]
    )
    assert "matplotlib" not in result.stderr and ".py" not in result.stderr
    for line in result.stderr.splitlines():
        assert WORDED[lang] in line


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_an_escape_in_a_name_is_named_by_its_code_point(tmp_path: Path, lang: str) -> None:
    """ESC, BEL and a C1 control drawn in a chart are one warning naming U+001B, U+0007 and U+009B."""
    source = _evaluation(tmp_path, "\x1b]0;owned\x07 \x9b31m")
    result = run_hostile(
        "report", source, "--out", tmp_path / "r.html", "--lang", lang, root=tmp_path, status=0, writes=["r.html"]
    )
    (line,) = [line for line in result.stderr.splitlines() if WORDED[lang] in line]
    assert "U+0007, U+001B, U+009B" in line
    assert line.startswith({"en": "warning: ", "ja": "警告: "}[lang])


def test_the_python_api_raises_chart_warnings(tmp_path: Path) -> None:
    """write_report raises the reworded warning as a ChartWarning carrying the problem, and no library warning."""
    source = _evaluation(tmp_path, "esc\x1b")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        write_report(source, tmp_path / "r.html")
    assert [type(w.message) for w in caught] == [ChartWarning]
    warning = caught[0].message
    assert isinstance(warning, ChartWarning)
    assert warning.problem.code == "chart.missing_glyph"
    assert warning.problem.severity is Severity.WARNING
    assert "U+001B" in warning.problem.message and "U+001B" in (warning.problem.message_ja or "")


def test_a_markdown_report_draws_no_chart_and_warns_of_nothing(tmp_path: Path) -> None:
    """A Markdown report has no charts: a name with an escape writes it with no warning at all."""
    source = _evaluation(tmp_path, "esc\x1b[2J")
    result = run_hostile("report", source, "--out", tmp_path / "r.md", root=tmp_path, status=0, writes=["r.md"])
    assert result.stderr == ""


def test_any_other_library_warning_is_reworded_without_raw_characters() -> None:
    """A warning of another kind keeps its message, control characters escaped, once however often raised."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for _ in range(3):
            warnings.warn("font \x1b[31mred\x1b[0m cache \u202eis stale", DeprecationWarning, stacklevel=1)
    (problem,) = reworded(caught)
    assert problem.code == "chart.library_warning"
    assert (
        problem.message
        == "the chart library warned (DeprecationWarning): font \\u001b[31mred\\u001b[0m cache \\u202eis stale"
    )
    assert "\x1b" not in (problem.message_ja or "") and "\u202e" not in (problem.message_ja or "")


def test_many_missing_glyphs_are_one_warning() -> None:
    """Missing glyphs of many characters are one warning, the first twelve code points named."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for number in range(1, 20):
            warnings.warn(
                f"Glyph {number} ({chr(number)!r}) missing from font(s) DejaVu Sans.", UserWarning, stacklevel=1
            )
    (problem,) = reworded(caught)
    assert problem.code == "chart.missing_glyph"
    assert problem.message.startswith("a name holds 19 characters the chart fonts cannot draw (U+0001, U+0002,")
    assert "U+000C, …)" in problem.message
