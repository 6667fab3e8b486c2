"""The quick route of ``check`` writes what the full road writes, byte for byte, or leaves the check to it."""

from __future__ import annotations

import copy
import io
import json
import os
import string
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tajimi_rules as tr
from tajimi_rules._cli import main
from tajimi_rules._cli._common import Output
from tajimi_rules._light._check import quick_check
from tests.hostile.test_fuzz import mutated

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "tajimi-r4.json"
BROKEN = sorted(path for path in (ROOT / "tests" / "broken").iterdir() if path.is_file())
SHIPPED = tr.documents.builtin_rule_sets()

Road = tuple[int, str]


def quick(argv: list[str]) -> Road | None:
    """The quick route's exit status and output, or ``None`` where it leaves the check to the full road."""
    stream = io.StringIO()
    status = quick_check(argv, stream)
    if status is None:
        assert stream.getvalue() == "", "the quick route wrote before it gave the check up"
        return None
    return status, stream.getvalue()


def full(argv: list[str]) -> Road:
    """The full road's exit status and output (``tajimi-rules check ...`` through the command line)."""
    out, err = io.StringIO(), io.StringIO()
    status = main(["check", *argv], out=Output(out, err))
    return status, out.getvalue()


def same_or_left(argv: list[str]) -> Road | None:
    """Run both roads; where the quick one answers, it answers as the full one does."""
    answered = quick(argv)
    if answered is not None:
        assert answered == full(argv)
    return answered


@pytest.fixture(autouse=True)
def _english_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TAJIMI_RULES_LANG", "en")


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("rules", [None, *SHIPPED])
@pytest.mark.parametrize("explain", [False, True])
def test_the_example_takes_the_quick_route_and_reads_as_the_full_road(lang: str, rules: str | None, explain: bool):
    """The Tajimi example, in either language, under either shipped rule set, explained or not: the same text."""
    argv = [str(EXAMPLE), "--lang", lang, *(["--rules", rules] if rules else []), *(["--explain"] if explain else [])]
    assert same_or_left(argv) is not None


def test_the_language_comes_from_the_environment_as_on_the_full_road(monkeypatch: pytest.MonkeyPatch):
    """Without ``--lang``, both roads read ``TAJIMI_RULES_LANG``."""
    monkeypatch.setenv("TAJIMI_RULES_LANG", "ja")
    answered = same_or_left([str(EXAMPLE)])
    assert answered is not None
    assert "先進的" in answered[1]


@pytest.mark.parametrize("path", BROKEN, ids=[path.name for path in BROKEN])
def test_a_broken_file_is_left_to_the_full_road_or_read_alike(path: Path):
    """Every broken file: the quick route gives it up (the full road words its problems) or writes the same."""
    answered = same_or_left([str(path)])
    if full([str(path)])[0] == 2:
        assert answered is None


@pytest.mark.parametrize(
    "argv",
    [
        ["--format", "json"],
        ["--format=json"],
        ["--rules", "examples/tajimi-r4.json"],
        ["--rules", "no-such-rules"],
        ["--lang", "fr"],
        ["--expl"],
        ["-h"],
        ["--"],
        [str(EXAMPLE)],
        ["--max-items", "3"],
    ],
    ids=repr,
)
def test_a_command_line_that_is_not_plain_is_left_to_the_full_road(argv: list[str]):
    """Options the quick route does not read, a second file or a rule set given by path: the full road runs."""
    assert quick([str(EXAMPLE), *argv]) is None


def test_a_missing_file_a_folder_or_a_fifo_is_left_to_the_full_road(tmp_path: Path):
    """What is not a regular file goes to the full road, which says what it is; a FIFO does not hold the route up."""
    assert quick([str(tmp_path / "missing.json")]) is None
    assert quick([str(tmp_path)]) is None
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    assert quick([str(fifo)]) is None


# --------------------------------------------------------------------------- generated evaluations

_SAFE = st.text(alphabet=st.sampled_from("多治見市情報化推進体制"), min_size=1, max_size=6)
_LEVELS = [level.value for level in tr.Level]
_RATINGS = [rating.value for rating in tr.Rating]


@st.composite
def categories(draw: st.DrawFn, index: int) -> dict[str, Any]:
    """A category whose items' levels fit its counts; the counts stated or left to the items."""
    levels = draw(st.lists(st.sampled_from(_LEVELS), max_size=8))
    category: dict[str, Any] = {
        "id": f"c{index}",
        "group": {"ja": draw(_SAFE)},
        "name": {"ja": draw(_SAFE), **({"en": f"Category {index}"} if draw(st.booleans()) else {})},
        "items": [
            {
                "id": f"i{number}",
                "name": {"ja": draw(_SAFE)},
                "level": level,
                **({"implemented": level in ("advanced", "standard")} if draw(st.booleans()) else {}),
            }
            for number, level in enumerate(levels)
        ],
    }
    if not levels or draw(st.booleans()):
        counts = {level: levels.count(level) + draw(st.integers(0, 12)) for level in _LEVELS}
        if sum(counts.values()) == 0:
            counts["standard"] = 1
        category["counts"] = counts
    if draw(st.booleans()):
        category["stated_rating"] = draw(st.sampled_from(_RATINGS))
    return category


@st.composite
def evaluations(draw: st.DrawFn) -> dict[str, Any]:
    """A plain evaluation: the example's heading, and categories of every sort of counts."""
    document: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    document["categories"] = [draw(categories(index)) for index in range(draw(st.integers(1, 6)))]
    if draw(st.booleans()):
        del document["rules"]
    elif draw(st.booleans()):
        document["rules"] = draw(st.sampled_from(SHIPPED))
    return document


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    document=evaluations(),
    lang=st.sampled_from(["en", "ja"]),
    rules=st.sampled_from([None, *SHIPPED]),
    explain=st.booleans(),
)
def test_generated_plain_evaluations_take_the_quick_route_and_read_alike(
    tmp_path: Path, document: dict[str, Any], lang: str, rules: str | None, explain: bool
):
    """Every plain evaluation, every outcome (rated, no rule, ambiguous), either language: the same text."""
    path = tmp_path / "evaluation.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    argv = [str(path), "--lang", lang, *(["--rules", rules] if rules else []), *(["--explain"] if explain else [])]
    assert same_or_left(argv) is not None


_ODD = st.text(alphabet=st.sampled_from([*string.ascii_letters, "\x1b", "\u202e", "\n", "Ａ", "ｶ", "\u3000", "\t"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=evaluations(), odd=_ODD, where=st.sampled_from(["municipality", "category", "survey"]))
def test_odd_names_are_read_alike_or_left(tmp_path: Path, document: dict[str, Any], odd: str, where: str):
    """Names holding controls, bidi marks, wide or Latin letters: the same escapes, or the full road's warning."""
    changed = copy.deepcopy(document)
    if where == "municipality":
        changed["municipality"]["name"] += odd
    elif where == "category":
        changed["categories"][0]["name"]["ja"] += odd
    else:
        changed["survey"]["title"] += odd
    path = tmp_path / "evaluation.json"
    path.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    same_or_left([str(path)])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=mutated("evaluation"))
def test_broken_generated_documents_are_read_alike_or_left(tmp_path: Path, document: Any):
    """Documents drawn from the schema and broken: the quick route answers only as the full road does."""
    path = tmp_path / "evaluation.json"
    path.write_bytes(document if isinstance(document, bytes) else json.dumps(document).encode("utf-8"))
    same_or_left([str(path)])


@pytest.mark.parametrize("route", [[], ["--format", "json"]], ids=["quick route", "full road"])
def test_an_output_encoding_that_cannot_hold_the_text_gets_escapes(route: list[str]):
    """Output redirected in an encoding without ``✓`` or kanji (ASCII here, cp932 on Windows) gets escapes."""
    environment = {**os.environ, "PYTHONIOENCODING": "ascii", "TAJIMI_RULES_LANG": "ja"}
    command = [sys.executable, "-m", "tajimi_rules", "check", str(EXAMPLE), *route]
    done = subprocess.run(command, capture_output=True, check=False, env=environment, cwd=ROOT)
    assert (done.returncode, done.stderr) == (1, b"")
    assert done.stdout.isascii()
    if route:
        utf8 = subprocess.run(
            command, capture_output=True, check=False, env={**environment, "PYTHONIOENCODING": "utf-8"}
        )
        assert json.loads(done.stdout) == json.loads(utf8.stdout)
    else:
        assert b"\\u2713" in done.stdout
