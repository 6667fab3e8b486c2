"""The JavaScript port: the exported ES module, run in Node, rates as the Python engine does.

Every case of the conformance suite, and Hypothesis-generated rule sets (thresholds up to nine
digits) over counts up to the schema's bound, are rated by Node in one process per batch.
Without Node the tests are skipped, saying why.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tajimi_rules as tr
from tajimi_rules._cli import main
from tajimi_rules.export import MAX_COUNT, Target, check_range, javascript_module, range_problems

from .strategies import comparisons, levels, ratings
from .strategies import rule_sets as small_rule_sets

ROOT = Path(__file__).resolve().parent.parent
SUITE = ROOT / "tests" / "conformance" / "tajimi-rules-conformance.json"
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="Node.js is not installed (Debian: apt-get install nodejs)")

DRIVER = """
import { readFileSync } from "node:fs";
const [modules, cases] = JSON.parse(readFileSync(process.argv[2], "utf8"));
const loaded = [];
for (const path of modules) loaded.push(await import(path));
const out = cases.map(([index, [advanced, standard, needs_review, behind]]) => {
  const counts = { advanced, standard, needs_review, behind };
  return [loaded[index].rate(counts), loaded[index].matches(counts)];
});
process.stdout.write(JSON.stringify(out));
"""


def run_node(tmp_path: Path, rule_sets: list[tr.RuleSet], cases: list[tuple[int, list[int]]]) -> list[list[object]]:
    """Rate ``cases`` (rule-set index, counts) with the exported modules, all in one Node process."""
    assert NODE is not None
    paths = []
    for index, rule_set in enumerate(rule_sets):
        path = tmp_path / f"rules-{index}.mjs"
        path.write_text(javascript_module(rule_set), encoding="utf-8")
        paths.append(path.as_uri())
    (tmp_path / "driver.mjs").write_text(DRIVER, encoding="utf-8")
    (tmp_path / "cases.json").write_text(json.dumps([paths, cases]), encoding="utf-8")
    result = subprocess.run(
        [NODE, str(tmp_path / "driver.mjs"), str(tmp_path / "cases.json")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out: list[list[object]] = json.loads(result.stdout)
    return out


def python_answer(rule_set: tr.RuleSet, vector: list[int]) -> list[object]:
    """The Python engine's rating id and the indices of the rules that hold."""
    counts = tr.Counts(*vector)
    rating = rule_set.rate(counts)
    bits = rule_set.matches(counts)
    return [rating.value if rating else None, [i for i in range(len(rule_set.rules)) if bits >> i & 1]]


def conformance() -> tuple[list[tr.RuleSet], list[tuple[int, list[int]]], list[str | None]]:
    suite = json.loads(SUITE.read_text(encoding="utf-8"))
    ids = sorted({case[0] for case in suite["cases"]})
    rule_sets = [tr.load_rules(rule_set_id) for rule_set_id in ids]
    cases = [(ids.index(case[0]), case[1]) for case in suite["cases"]]
    return rule_sets, cases, [case[2] for case in suite["cases"]]


@needs_node
def test_every_conformance_case_in_node(tmp_path):
    """Node rates every case of the conformance suite as expected, for both shipped rule sets."""
    rule_sets, cases, expected = conformance()
    assert {rule_set.id for rule_set in rule_sets} == {"tajimi-r4", "tajimi-r4-written"}
    answers = run_node(tmp_path, rule_sets, cases)
    assert len(answers) == len(cases) == 4064
    wrong = [
        (case, answer[0], want)
        for case, answer, want in zip(cases, answers, expected, strict=True)
        if answer[0] != want
    ]
    assert wrong == []
    # matches() names the same rules as the Python engine's bit set.
    assert [answer[1] for answer in answers] == [python_answer(rule_sets[i], vector)[1] for i, vector in cases]


def test_the_exclusive_port_gives_no_rating_in_gaps_and_overlaps(written):
    """The written rules' gap (1/1/0/0) and overlap (2/0/1/0) are cases where the suite expects no rating."""
    suite = json.loads(SUITE.read_text(encoding="utf-8"))
    expected = {tuple(case[1]): case[2] for case in suite["cases"] if case[0] == "tajimi-r4-written"}
    assert written.explain(tr.Counts(1, 1, 0, 0)).outcome is tr.rules.Outcome.NO_RULE
    assert written.explain(tr.Counts(2, 0, 1, 0)).outcome is tr.rules.Outcome.AMBIGUOUS
    assert expected[(1, 1, 0, 0)] is None
    assert expected[(2, 0, 1, 0)] is None


wide_thresholds = st.builds(
    lambda q, p: Fraction(min(p, q), q), st.integers(1, 999_999_999), st.integers(0, 999_999_999)
)


@st.composite
def wide_shares(draw: st.DrawFn) -> tr.rules.Share:
    """A share whose threshold may have nine-digit parts, the schema's largest."""
    denominator = draw(st.sets(levels, min_size=1))
    numerator = draw(st.sets(st.sampled_from(sorted(denominator, key=list(tr.Level).index)), min_size=1))
    return tr.rules.Share(
        of=tuple(numerator), in_=tuple(denominator), comparison=draw(comparisons), threshold=draw(wide_thresholds)
    )


wide_predicates: st.SearchStrategy[tr.rules.Predicate] = st.recursive(
    wide_shares(),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda ps: tr.rules.AllOf(tuple(ps))),
        st.lists(inner, max_size=3).map(lambda ps: tr.rules.AnyOf(tuple(ps))),
        inner.map(tr.rules.Not),
    ),
    max_leaves=6,
)


@st.composite
def wide_rule_sets(draw: st.DrawFn) -> tr.RuleSet:
    """A rule set of one to five random rules with nine-digit thresholds, either way of combining."""
    rules = draw(st.lists(st.builds(tr.Rule, rating=ratings, when=wide_predicates), min_size=1, max_size=5))
    return tr.RuleSet(
        id="generated-wide",
        title="generated </script> \u2028 title",
        description="a generated rule set",
        combine=draw(st.sampled_from(list(tr.rules.Combine))),
        rules=tuple(rules),
    )


small_counts = st.lists(st.integers(0, 12), min_size=4, max_size=4)
large_counts = st.lists(st.integers(0, MAX_COUNT), min_size=4, max_size=4)
any_counts = st.one_of(small_counts, large_counts)


def generated_cases(vectors: list[list[list[int]]]) -> list[tuple[int, list[int]]]:
    return [(index, vector) for index, group in enumerate(vectors) for vector in group]


@needs_node
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.data(),
    rule_sets=st.lists(st.one_of(small_rule_sets(), wide_rule_sets()), min_size=12, max_size=12),
)
def test_generated_rule_sets_in_node(tmp_path, data, rule_sets):
    """Node agrees with the Python engine on generated rule sets, rating and matching rules, up to 100,000 a count."""
    vectors = [data.draw(st.lists(any_counts, min_size=20, max_size=20)) for _ in rule_sets]
    for group in vectors:
        group.append([0, 0, 0, 0])
    cases = generated_cases(vectors)
    answers = run_node(tmp_path, rule_sets, cases)
    assert answers == [python_answer(rule_sets[index], vector) for index, vector in cases]


@needs_node
def test_the_cli_module_rates_gis_in_a_node_one_liner(tmp_path):
    """``export tajimi-r4 --to js`` writes a module a Node one-liner imports; it rates 1/8/5/4 partly deficient."""
    out = tmp_path / "r4.mjs"
    assert main(["export", "tajimi-r4", "--to", "js", "--out", str(out), "--lang", "en"]) == 0
    assert NODE is not None
    script = (
        f"import({json.dumps(out.as_uri())}).then((m) => console.log(m.id, "
        "m.rate({advanced: 1, standard: 8, needs_review: 5, behind: 4}), "
        "JSON.stringify(m.matches({advanced: 1, standard: 8, needs_review: 5, behind: 4}))))"
    )
    result = subprocess.run([NODE, "-e", script], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.split() == ["tajimi-r4", "partly_deficient", "[3]"]


@needs_node
def test_the_module_refuses_counts_outside_the_exact_range(tmp_path, practised):
    """``rate`` throws a RangeError for a negative, fractional or too large count, instead of rounding."""
    path = tmp_path / "r4.mjs"
    path.write_text(javascript_module(practised), encoding="utf-8")
    assert NODE is not None
    script = f"""
    const m = await import({json.dumps(path.as_uri())});
    const out = [];
    for (const bad of [-1, 0.5, {MAX_COUNT + 1}, "3", null]) {{
      try {{ m.rate({{advanced: bad, standard: 1, needs_review: 0, behind: 0}}); out.push("rated"); }}
      catch (error) {{ out.push(error.name); }}
    }}
    console.log(JSON.stringify(out));
    """
    result = subprocess.run(
        [NODE, "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert json.loads(result.stdout) == ["RangeError"] * 5


def test_a_rule_set_beyond_doubles_is_refused():
    """A threshold with a 13-digit denominator makes products beyond 2^53: the JS export refuses it with a problem."""
    huge = tr.RuleSet(
        id="huge",
        title="huge",
        description="a threshold finer than doubles can compare",
        combine="first_match",
        rules=(tr.Rule(rating="good", when=tr.rules.share(["advanced"], at_least=Fraction(1, 10**12 + 1))),),
    )
    with pytest.raises(tr.errors.InvalidDocumentError) as raised:
        javascript_module(huge)
    (problem,) = raised.value.problems
    assert problem.code == "export.out_of_range"
    assert problem.pointer == "/rules/0/when/share/at_least"
    assert "2^53" not in problem.message and "9,007,199,254,740,992" in problem.message
    assert problem.message_ja is not None and "閾値" in problem.message_ja
    # SQLite's 64-bit integers hold it; spreadsheets (15 digits) do not.
    assert range_problems(huge, Target.SQL) == []
    assert [p.code for p in range_problems(huge, Target.XLSX)] == ["export.out_of_range"]


def test_every_schema_valid_threshold_is_in_every_range():
    """The largest threshold the schema allows (nine-digit parts) fits every target: nothing valid is refused."""
    largest = tr.RuleSet(
        id="largest",
        title="largest",
        description="the finest threshold the schema allows",
        combine="exclusive",
        rules=(
            tr.Rule(
                rating="good",
                when=tr.rules.not_(tr.rules.share(["behind"], at_most=Fraction(999_999_998, 999_999_999))),
            ),
        ),
    )
    for target in Target:
        check_range(largest, target)


def test_the_cli_exports_a_rule_set_file_and_refuses_a_missing_directory(tmp_path, capsys):
    """``export`` takes a rule-set file as well as an id; an ``--out`` in no directory exits 2, saying so."""
    document = json.loads((ROOT / "src/tajimi_rules/rulesets/tajimi-r4.json").read_text(encoding="utf-8"))
    path = tmp_path / "custom.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    rule_set = tr.load_rules(str(path))
    assert range_problems(rule_set, Target.JS) == []
    assert main(["export", str(path), "--to", "js", "--out", str(tmp_path / "x.mjs")]) == 0
    assert main(["export", str(path), "--to", "js", "--out", str(tmp_path / "missing" / "x.mjs")]) == 2
    assert "no such directory" in capsys.readouterr().err


def test_the_export_docstrings_examples_pass():
    """The examples in the export namespace's docstrings run as written."""
    import doctest  # noqa: PLC0415

    from tajimi_rules.export import _bounds, _compile, _page, _workbook, _write  # noqa: PLC0415

    results = [
        doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        for module in (_bounds, _compile, _page, _workbook, _write)
    ]
    assert sum(result.failed for result in results) == 0
    assert sum(result.attempted for result in results) >= 2
