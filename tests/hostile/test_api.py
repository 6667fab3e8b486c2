"""The Python API under hostile arguments: bad content is a problem, a wrong argument a clear exception.

Each case runs one call under the hostile corpus's network and hang guards (:func:`api_hostile`)
and states what it gives: the problem codes :func:`~tajimi_rules.validate` returns, the
:class:`~tajimi_rules.InvalidDocumentError` a loader raises, or the :class:`TypeError` /
:class:`ValueError` a wrong argument raises, whose message names the function, the parameter
and what was expected, and never the package's own files.
"""

from __future__ import annotations

import copy
import datetime
import functools
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import tajimi_rules as tr
from tajimi_rules.errors import InvalidDocumentError, UnknownRuleSetError

from .harness import api_hostile

EXAMPLE = Path(__file__).resolve().parent.parent.parent / "examples" / "tajimi-r4.json"
_DOC: dict[str, Any] = json.loads(EXAMPLE.read_text("utf-8"))
api: Any = tr  # the API called as an untyped program would call it


def _doc(change: Callable[[dict[str, Any]], object] = lambda doc: None) -> dict[str, Any]:
    """The example evaluation as a mapping, cut to two categories, with ``change`` made to it."""
    doc = copy.deepcopy(_DOC)
    doc["categories"] = doc["categories"][:2]
    change(doc)
    return doc


def _rate(value: object) -> dict[str, Any]:
    return _doc(lambda doc: doc["categories"][0]["items"][0].__setitem__("national_rate", value))


def _codes(call: Callable[[], list[tr.Problem]]) -> list[str]:
    result = api_hostile(call)
    assert isinstance(result, list), result
    return [problem.code for problem in result]


def _raised(call: Callable[[], object], kind: type[BaseException]) -> BaseException:
    result = api_hostile(call)
    assert type(result) is kind, f"expected {kind.__name__}, got {result!r}"
    assert isinstance(result, BaseException)
    message = str(result)
    assert "tajimi_rules/" not in message and "site-packages" not in message, message
    return result


# --------------------------------------------------------------------------- content in a mapping

NOT_NUMBERS = {
    "decimal-nan": (Decimal("NaN"), "NaN"),
    "decimal-snan": (Decimal("sNaN"), "NaN"),
    "decimal-infinity": (Decimal("Infinity"), "Infinity"),
    "decimal-minus-infinity": (Decimal("-Infinity"), "-Infinity"),
    "float-nan": (float("nan"), "NaN"),
    "float-infinity": (float("inf"), "Infinity"),
}


@pytest.mark.parametrize("name", sorted(NOT_NUMBERS))
def test_a_rate_that_is_no_number_is_a_problem_at_its_pointer(name: str) -> None:
    """NaN or Infinity as a rate in a mapping is json.constant, as in a file, never a decimal exception."""
    value, shown = NOT_NUMBERS[name]
    problems = api_hostile(lambda: tr.validate(_rate(value)))
    assert isinstance(problems, list)
    assert [(p.code, p.pointer, p.found) for p in problems] == [
        ("json.constant", "/categories/0/items/0/national_rate", shown)
    ]


@pytest.mark.parametrize("name", ["decimal-nan", "decimal-snan"])
def test_loading_a_mapping_with_a_nan_rate_raises_the_documented_error(name: str) -> None:
    """The loaders raise InvalidDocumentError carrying the same problem."""
    error = _raised(lambda: tr.load_evaluation(_rate(NOT_NUMBERS[name][0])), InvalidDocumentError)
    assert isinstance(error, InvalidDocumentError)
    assert [p.code for p in error.problems] == ["json.constant"]


def test_minus_zero_is_a_rate_of_zero() -> None:
    """-0 is a number equal to 0, in a mapping as in a file: no problem of its own."""
    assert _codes(lambda: tr.validate(_rate(Decimal("-0")))) == _codes(lambda: tr.validate(_rate(0)))


def test_a_decimal_with_a_huge_exponent_is_a_number_range_problem() -> None:
    """A Decimal no rate needs (1E-999999999) is json.number_range, as the same number in a file."""
    assert _codes(lambda: tr.validate(_rate(Decimal("1E-999999999")))) == ["json.number_range"]


SURROGATES: dict[str, tuple[Callable[[dict[str, Any]], object], str]] = {
    "title": (lambda doc: doc.__setitem__("title", "x\ud800y"), "/title"),
    "category-name": (lambda doc: doc["categories"][0]["name"].__setitem__("ja", "\udc80"), "/categories/0/name/ja"),
    "remark": (
        lambda doc: doc["categories"][0]["remarks"]["good"].__setitem__(0, "a\udfffb"),
        "/categories/0/remarks/good/0",
    ),
    "key": (lambda doc: doc["categories"][0].__setitem__("\ud800", 1), "/categories/0"),
}


@pytest.mark.parametrize("place", sorted(SURROGATES))
def test_a_lone_surrogate_in_a_mapping_is_refused_as_in_a_file(place: str) -> None:
    """A lone surrogate in a mapping is json.surrogate at its pointer (a key's at its object)."""
    change, where = SURROGATES[place]
    problems = api_hostile(lambda: tr.validate(_doc(change)))
    assert isinstance(problems, list)
    assert [(p.code, p.pointer) for p in problems] == [("json.surrogate", where)]
    assert "\\ud" in (problems[0].found or "")  # written as an escape, printable


def test_a_lone_surrogate_never_reaches_the_report_writer(tmp_path: Path) -> None:
    """write_report on such a mapping raises InvalidDocumentError and writes nothing (no UnicodeEncodeError)."""
    doc = _doc(SURROGATES["remark"][0])
    _raised(lambda: tr.report.write_report(doc, tmp_path / "r.md"), InvalidDocumentError)
    assert list(tmp_path.iterdir()) == []


def test_a_mapping_that_holds_itself_is_a_depth_problem() -> None:
    """A cycle ends in json.depth, not a RecursionError."""

    def cycle(doc: dict[str, Any]) -> None:
        doc["categories"][0]["remarks"]["good"].append(doc)

    assert "json.depth" in _codes(lambda: tr.validate(_doc(cycle)))


# --------------------------------------------------------------------------- paths


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(tr.load_evaluation, id="load_evaluation"),
        pytest.param(tr.load_rules, id="load_rules"),
        pytest.param(tr.documents.load_catalog, id="load_catalog"),
        pytest.param(tr.check, id="check"),
        pytest.param(tr.suggest, id="suggest"),
    ],
)
@pytest.mark.parametrize("path", ["a\0b.json", "a\0b", Path("dir\0/x.json")])
def test_a_path_with_nul_is_the_file_unreadable_problem(call: Callable[[object], object], path: object) -> None:
    """A NUL in a path raises InvalidDocumentError (file.unreadable), as the command line reports it."""
    error = _raised(lambda: call(path), InvalidDocumentError)
    assert isinstance(error, InvalidDocumentError)
    assert [p.code for p in error.problems] == ["file.unreadable"]
    assert "\0" not in str(error)


def test_validate_reports_a_nul_path_as_a_problem() -> None:
    """The validator returns file.unreadable for a NUL path; it never raises for a path."""
    assert _codes(lambda: tr.validate("a\0b.json")) == ["file.unreadable"]


# --------------------------------------------------------------------------- documents that are no object


@pytest.mark.parametrize("value", [None, [], [1], 5, "text", True], ids=repr)
def test_parse_and_load_agree_on_a_document_that_is_no_object(value: object) -> None:
    """parse_evaluation, load_evaluation and validate all say document.not_object for a non-object JSON value."""
    if not isinstance(value, str):  # a string is a path to load_evaluation and validate
        assert _codes(lambda: api.validate(value)) == ["document.not_object"]
        loaded = _raised(lambda: api.load_evaluation(value), InvalidDocumentError)
        assert isinstance(loaded, InvalidDocumentError)
        assert [p.code for p in loaded.problems] == ["document.not_object"]
    parsers: tuple[Callable[[object], object], ...] = (
        api.documents.parse_evaluation,
        api.documents.parse_rules,
        api.documents.parse_catalog,
    )
    for parse in parsers:
        parsed = _raised(functools.partial(parse, value), InvalidDocumentError)
        assert isinstance(parsed, InvalidDocumentError)
        assert [p.code for p in parsed.problems] == ["document.not_object"]


# --------------------------------------------------------------------------- wrong arguments

WRONG: dict[str, tuple[Callable[[], object], type[Exception], str]] = {
    "validate-kind-unknown": (
        lambda: api.validate(_doc(), kind="bogus"),
        ValueError,
        "validate() argument kind must be one of 'evaluation', 'ruleset', 'catalog', 'layout', 'overlay', None, "
        "not 'bogus'",
    ),
    "validate-kind-type": (lambda: api.validate(_doc(), kind=3), TypeError, "validate() argument kind must be one of"),
    "validate-kind-empty": (lambda: api.validate(_doc(), kind=""), ValueError, "argument kind must be one of"),
    "validate-source-object": (
        lambda: api.validate(object()),
        TypeError,
        "validate() argument source must be a path (str or os.PathLike), bytes, or a parsed JSON document, not object",
    ),
    "validate-source-set": (lambda: api.validate({1, 2}), TypeError, "argument source must be"),
    "validate-max-bytes-str": (
        lambda: api.validate(EXAMPLE, max_bytes="8"),
        TypeError,
        "validate() argument max_bytes must be an int of at least 0, not str",
    ),
    "validate-max-bytes-negative": (
        lambda: api.validate(EXAMPLE, max_bytes=-1),
        ValueError,
        "validate() argument max_bytes must be an int of at least 0, not -1",
    ),
    "validate-max-bytes-bool": (lambda: api.validate(EXAMPLE, max_bytes=True), TypeError, "not bool"),
    "validate-max-depth-float": (lambda: api.validate(EXAMPLE, max_depth=1.5), TypeError, "argument max_depth"),
    "validate-today-str": (
        lambda: api.validate(EXAMPLE, today="2024-04-01"),
        TypeError,
        "validate() argument today must be a datetime.date or None, not str",
    ),
    "validate-fast-str": (
        lambda: api.validate(EXAMPLE, fast="yes"),
        TypeError,
        "argument fast must be True, False or None",
    ),
    "validate-name-int": (
        lambda: api.validate(b"{", name=5),
        TypeError,
        "argument name must be a str or None, not int",
    ),
    "validate-rules-int": (
        lambda: api.validate(_doc(), rules=5),
        TypeError,
        "load_rules() argument rules must be a rule-set id or path (str or os.PathLike), a Mapping, a RuleSet or None, "
        "not int",
    ),
    "validated-kind-unknown": (
        lambda: api.documents.validated(_doc(), kind="x"),
        ValueError,
        "validated() argument kind",
    ),
    "load-rules-int": (lambda: api.load_rules(5), TypeError, "load_rules() argument rules must be"),
    "load-rules-list": (lambda: api.load_rules(["tajimi-r4"]), TypeError, "not list"),
    "load-catalog-int": (lambda: api.documents.load_catalog(3), TypeError, "load_catalog() argument source must be"),
    "load-evaluation-object": (
        lambda: api.load_evaluation(object()),
        TypeError,
        "load_evaluation() argument source must be a path (str or os.PathLike), bytes, a Mapping or an Evaluation, "
        "not object",
    ),
    "parse-evaluation-set": (
        lambda: api.documents.parse_evaluation({1}),
        TypeError,
        "parse_evaluation() argument data",
    ),
    "parse-rules-file-int": (lambda: api.documents.parse_rules({}, file=1), TypeError, "parse_rules() argument file"),
    "check-rules-float": (lambda: api.check(_doc(), rules=1.5), TypeError, "argument rules must be"),
    "suggest-order-unknown": (
        lambda: api.suggest(_doc(), order="bogus"),
        ValueError,
        "suggest() argument order must be a CandidateOrder ('common_first', 'national_rate', 'cost', 'file') "
        "or a key function over Candidate, not 'bogus'",
    ),
    "suggest-order-none": (lambda: api.suggest(_doc(), order=None), TypeError, "suggest() argument order must be"),
    "suggest-order-int": (lambda: api.suggest(_doc(), order=1), TypeError, "not int"),
    "suggest-target-unknown": (
        lambda: api.suggest(_doc(), target="excellent"),
        ValueError,
        "suggest() argument target must be one of 'advanced', 'good', 'partly_deficient', 'deficient', None, "
        "not 'excellent'",
    ),
    "suggest-target-int": (lambda: api.suggest(_doc(), target=1), TypeError, "suggest() argument target"),
    "suggest-category-int": (lambda: api.suggest(_doc(), category=5), TypeError, "argument category must be"),
    "suggest-minimise-unknown": (
        lambda: api.suggest(_doc(), minimise="time"),
        ValueError,
        "argument minimise must be one of 'count', 'cost'",
    ),
    "suggest-default-cost-str": (
        lambda: api.suggest(_doc(), default_cost="1"),
        TypeError,
        "argument default_cost must be an int or a Fraction",
    ),
    "suggest-default-cost-negative": (
        lambda: api.suggest(_doc(), default_cost=-1),
        ValueError,
        "argument default_cost must be at least 0",
    ),
    "improvement-plan-order": (
        lambda: api.suggestions.improvement_plan(_doc(), target="good", order="x"),
        ValueError,
        "argument order",
    ),
    "smallest-change-rules-str": (
        lambda: api.suggestions.smallest_change(tr.Counts(1, 1, 1, 1), "tajimi-r4", "good"),
        TypeError,
        "smallest_change() argument rules must be a RuleSet (load one with load_rules()), not str",
    ),
    "smallest-change-counts-tuple": (
        lambda: api.suggestions.smallest_change((1, 1, 1, 1), tr.load_rules(), "good"),
        TypeError,
        "smallest_change() argument counts must be a Counts, not tuple",
    ),
    "smallest-change-target": (
        lambda: api.suggestions.smallest_change(tr.Counts(1, 1, 1, 1), tr.load_rules(), "best"),
        ValueError,
        "smallest_change() argument target must be one of 'advanced', 'good', 'partly_deficient', 'deficient', "
        "not 'best'",
    ),
    "analyze-rules-str": (
        lambda: api.analyze("tajimi-r4"),
        TypeError,
        "analyze() argument rules must be a RuleSet (load one with load_rules()), not str",
    ),
    "analyze-rules-none": (lambda: api.analyze(None), TypeError, "analyze() argument rules must be a RuleSet"),
    "compare-second-str": (
        lambda: api.analysis.compare(tr.load_rules(), "tajimi-r4-written"),
        TypeError,
        "compare() argument second must be a RuleSet",
    ),
    "explain-counts-none": (
        lambda: api.load_rules().explain(None),
        TypeError,
        "RuleSet.explain() argument counts must be a Counts, not None",
    ),
    "parse-moves-none": (
        lambda: api.analysis.parse_moves(None),
        TypeError,
        "parse_moves() argument text must be a str",
    ),
    "export-to-none": (
        lambda: api.export.export_bytes("tajimi-r4", None),
        TypeError,
        "export_bytes() argument to must be one of 'js', 'sql', 'xlsx', not None",
    ),
    "export-to-unknown": (
        lambda: api.export.export_bytes("tajimi-r4", "csv"),
        ValueError,
        "export_bytes() argument to must be one of 'js', 'sql', 'xlsx', not 'csv'",
    ),
    "export-lang-unknown": (
        lambda: api.export.export_bytes("tajimi-r4", "sql", lang="fr"),
        ValueError,
        "export_bytes() argument lang must be one of 'en', 'ja', not 'fr'",
    ),
    "write-export-path-none": (
        lambda: api.export.write_export("tajimi-r4", "sql", None),
        TypeError,
        "write_export() argument path must be a str or os.PathLike, not None",
    ),
    "whatif-kind-unknown": (
        lambda: api.export.whatif_bytes(_doc(), "pdf"),
        ValueError,
        "whatif_bytes() argument kind must be one of 'xlsx', 'html', not 'pdf'",
    ),
    "whatif-lang-unknown": (lambda: api.export.whatif_bytes(_doc(), "html", lang="de"), ValueError, "argument lang"),
    "sql-case-rules-str": (
        lambda: api.export.sql_case("tajimi-r4"),
        TypeError,
        "sql_case() argument rules must be a RuleSet",
    ),
    "javascript-module-rules-none": (
        lambda: api.export.javascript_module(None),
        TypeError,
        "javascript_module() argument rules must be a RuleSet",
    ),
    "calculator-workbook-rules-str": (
        lambda: api.export.calculator_workbook("tajimi-r4"),
        TypeError,
        "calculator_workbook() argument rules must be a RuleSet",
    ),
    "rule-set-title-none": (
        lambda: api.report.rule_set_title(None, "en"),
        TypeError,
        "rule_set_title() argument rules must be a RuleSet",
    ),
    "write-report-path-none": (
        lambda: api.report.write_report(_doc(), None),
        TypeError,
        "write_report() argument path must be a str or os.PathLike, not None",
    ),
}


@pytest.mark.parametrize("name", sorted(WRONG))
def test_a_wrong_argument_raises_a_clear_exception(name: str) -> None:
    """A wrong type is a TypeError, an unknown value a ValueError, naming the parameter and what was expected."""
    call, kind, message = WRONG[name]
    error = _raised(call, kind)
    assert message in str(error)


def test_a_datetime_is_a_date_for_today() -> None:
    """``today`` takes a datetime.date (a datetime is one): no exception, the file is checked."""
    assert _codes(lambda: tr.validate(EXAMPLE, today=datetime.datetime(2023, 4, 1))) == []


def test_an_order_may_be_named_by_its_value() -> None:
    """suggest(order="cost") is CandidateOrder.COST."""
    by_name = api_hostile(lambda: api.suggest(_doc(), order="cost", target="advanced"))
    by_enum = api_hostile(lambda: tr.suggest(_doc(), order=tr.suggestions.CandidateOrder.COST, target="advanced"))
    assert isinstance(by_name, tr.suggestions.SuggestionReport) and by_name == by_enum


def test_an_unknown_rule_set_name_is_still_its_own_error() -> None:
    """A string that names no rule set and no file keeps raising UnknownRuleSetError, listing the shipped ids."""
    _raised(lambda: tr.load_rules("no-such-rules"), UnknownRuleSetError)
