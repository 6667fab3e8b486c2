"""The survey namespace under wrong arguments: each raises at once, naming the function and the parameter.

A wrong argument (``None``, another type, an unknown choice) is a mistake in the calling program,
so it raises :class:`TypeError` or :class:`ValueError`; a path no file can have is bad input, so
it stays a problem in the result.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import tajimi_rules.survey as survey_api
from tajimi_rules.errors import InvalidDocumentError

from .harness import api_hostile

sv: Any = survey_api  # called as an untyped program would call it
CATALOG = survey_api.load_catalog()
ANSWERS = survey_api.read_long_csv(b"code,item,answer\n", CATALOG)

CASES: dict[str, tuple[Callable[[], object], type[Exception], str, str]] = {
    "read_long_csv-none": (lambda: sv.read_long_csv(None, CATALOG), TypeError, "read_long_csv", "source"),
    "read_long_csv-catalog": (lambda: sv.read_long_csv(b"", None), TypeError, "read_long_csv", "catalog"),
    "read_long_csv-name": (lambda: sv.read_long_csv(b"", CATALOG, name=3), TypeError, "read_long_csv", "name"),
    "read_long_csv-encoding": (
        lambda: sv.read_long_csv(b"", CATALOG, encoding=b"utf-8"),
        TypeError,
        "read_long_csv",
        "encoding",
    ),
    "read_answers-none": (lambda: sv.read_answers(None, CATALOG), TypeError, "read_answers", "source"),
    "read_answers-catalog": (lambda: sv.read_answers("a.csv", "tajimi"), TypeError, "read_answers", "catalog"),
    "read_answers-mapping": (
        lambda: sv.read_answers("a.xlsx", CATALOG, mapping=3),
        TypeError,
        "read_answers",
        "mapping",
    ),
    "load_layout-none": (lambda: sv.load_layout(None), TypeError, "load_layout", "source"),
    "load_layout-int": (lambda: sv.load_layout(3), TypeError, "load_layout", "source"),
    "read_layout-none": (lambda: sv.read_layout(None), TypeError, "read_layout", "source"),
    "load_overlay-none": (lambda: sv.load_overlay(None), TypeError, "load_overlay", "source"),
    "load_overlay-bytes": (lambda: sv.load_overlay(b"{}"), TypeError, "load_overlay", "source"),
    "draft-none": (lambda: sv.draft(None), TypeError, "draft", "source"),
    "draft-reader": (lambda: sv.draft("x.zip", reader="bogus"), ValueError, "draft", "reader"),
    "draft_layout-none": (lambda: sv.draft_layout(None), TypeError, "draft_layout", "source"),
    "draft_layout-reader": (lambda: sv.draft_layout("x.zip", reader=1), TypeError, "draft_layout", "reader"),
    "read_workbooks-none": (lambda: sv.read_workbooks(None, "mic-r4", CATALOG), TypeError, "read_workbooks", "source"),
    "read_workbooks-layout": (lambda: sv.read_workbooks("x.zip", None, CATALOG), TypeError, "read_workbooks", "layout"),
    "read_workbooks-catalog": (
        lambda: sv.read_workbooks("x.zip", "mic-r4", None),
        TypeError,
        "read_workbooks",
        "catalog",
    ),
    "read_workbooks-reader": (
        lambda: sv.read_workbooks("x.zip", "mic-r4", CATALOG, reader="xlrd"),
        ValueError,
        "read_workbooks",
        "reader",
    ),
    "read_workbooks-progress": (
        lambda: sv.read_workbooks("x.zip", "mic-r4", CATALOG, progress=1),
        TypeError,
        "read_workbooks",
        "progress",
    ),
    "read_published_rates-none": (
        lambda: sv.read_published_rates(None, CATALOG),
        TypeError,
        "read_published_rates",
        "source",
    ),
    "read_published_rates-catalog": (
        lambda: sv.read_published_rates(b"", None),
        TypeError,
        "read_published_rates",
        "catalog",
    ),
    "read_mapping-none": (lambda: sv.read_mapping(None, CATALOG), TypeError, "read_mapping", "mapping"),
    "read_mapping-catalog": (lambda: sv.read_mapping({}, None), TypeError, "read_mapping", "catalog"),
    "parse_mapping-catalog": (lambda: sv.parse_mapping({}, None), TypeError, "parse_mapping", "catalog"),
    "read_wide_xlsx-none": (lambda: sv.read_wide_xlsx(None, CATALOG, {}), TypeError, "read_wide_xlsx", "source"),
    "read_wide_xlsx-mapping": (
        lambda: sv.read_wide_xlsx("a.xlsx", CATALOG, None),
        TypeError,
        "read_wide_xlsx",
        "mapping",
    ),
    "load_catalog-int": (lambda: sv.load_catalog(3), TypeError, "load_catalog", "source"),
    "load_any_catalog-int": (lambda: sv.load_any_catalog(3), TypeError, "load_any_catalog", "source"),
    "evaluate_answers-none": (lambda: sv.evaluate_answers(None), TypeError, "evaluate_answers", "answers"),
    "evaluate_answers-rates": (lambda: sv.evaluate_answers(ANSWERS, rates={}), TypeError, "evaluate_answers", "rates"),
    "evaluate_answers-nation": (
        lambda: sv.evaluate_answers(ANSWERS, nation=47),
        TypeError,
        "evaluate_answers",
        "nation",
    ),
    "compute_rates-none": (lambda: sv.compute_rates(None), TypeError, "compute_rates", "answers"),
    "compute_rates-sizes": (
        lambda: sv.compute_rates(ANSWERS, population_sizes=1741),
        TypeError,
        "compute_rates",
        "population_sizes",
    ),
    "write_batch-none": (lambda: sv.write_batch(None, "out"), TypeError, "write_batch", "batch"),
    "coverage_of-none": (lambda: sv.coverage_of(None), TypeError, "coverage_of", "answers"),
    "empty_categories-none": (lambda: sv.empty_categories(None), TypeError, "empty_categories", "answers"),
    "empty_categories-shown": (lambda: sv.empty_categories(ANSWERS, shown=-1), ValueError, "empty_categories", "shown"),
    "evaluation_json-none": (lambda: sv.evaluation_json(None), TypeError, "evaluation_json", "evaluation"),
    "builtin_reading-bogus": (lambda: sv.builtin_reading("bogus"), ValueError, "builtin_reading", "name"),
    "builtin_reading-none": (lambda: sv.builtin_reading(None), TypeError, "builtin_reading", "name"),
    "check_digit-none": (lambda: sv.check_digit(None), TypeError, "check_digit", "first_five"),
    "check_digit-letter": (lambda: sv.check_digit("12a45"), ValueError, "check_digit", "first_five"),
    "check_digit-empty": (lambda: sv.check_digit(""), ValueError, "check_digit", "first_five"),
    "check_digit-six": (lambda: sv.check_digit("212041"), ValueError, "check_digit", "first_five"),
    "check_digit-wide": (lambda: sv.check_digit("２１２０４"), ValueError, "check_digit", "first_five"),
    "fiscal_year-none": (lambda: sv.fiscal_year(None), TypeError, "fiscal_year", "period"),
    "normalize_answer-none": (lambda: sv.normalize_answer(None), TypeError, "normalize_answer", "text"),
    "normalize_code-digits": (lambda: sv.normalize_code("21204", digits=7), ValueError, "normalize_code", "digits"),
    "normalize_code-digits-text": (
        lambda: sv.normalize_code("21204", digits="5"),
        TypeError,
        "normalize_code",
        "digits",
    ),
    "code_digits-none": (lambda: sv.code_digits(None), TypeError, "code_digits", "values"),
    "code_digits-text": (lambda: sv.code_digits("131016"), TypeError, "code_digits", "values"),
    "group_problems-none": (lambda: sv.group_problems(None), TypeError, "group_problems", "problems"),
    "overlay_problems-none": (
        lambda: sv.overlay_problems(None, (), sv.load_catalog),
        TypeError,
        "overlay_problems",
        "document",
    ),
    "overlay_problems-load": (
        lambda: sv.overlay_problems({"extends": "x"}, (), None),
        TypeError,
        "overlay_problems",
        "load",
    ),
    "overlay_problems-unchecked": (
        lambda: sv.overlay_problems({}, (), sv.load_catalog),
        ValueError,
        "overlay_problems",
        "document",
    ),
    "write_batch-batch-answers": (lambda: sv.write_batch(ANSWERS, "out"), TypeError, "write_batch", "batch"),
    "group_problems-places": (lambda: sv.group_problems([], places=-1), ValueError, "group_problems", "places"),
    "bound_groups-none": (lambda: sv.bound_groups(None, 3), TypeError, "bound_groups", "groups"),
    "bound_groups-max": (lambda: sv.bound_groups((), -1), ValueError, "bound_groups", "max_problems"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_wrong_argument_raises_naming_function_and_parameter(name: str) -> None:
    """A wrong argument raises the documented exception, whose message names the function and parameter."""
    call, kind, function, parameter = CASES[name]
    result = api_hostile(call)
    assert type(result) is kind, f"expected {kind.__name__}, got {result!r}"
    message = str(result)
    assert message.startswith(f"{function}() argument {parameter} must be "), message
    assert "tajimi_rules/" not in message and "site-packages" not in message, message


@pytest.mark.parametrize("option", ["replace", "progress", "lang", "xlsx", "out"])
def test_write_batch_refuses_each_wrong_option_and_writes_nothing(option: str, tmp_path: Path) -> None:
    """write_batch() refuses a wrong option before writing anything."""
    batch = survey_api.evaluate_answers(ANSWERS)
    wrong: dict[str, object] = {"replace": "yes", "progress": 1, "lang": "fr", "xlsx": "no", "out": None}
    kwargs: dict[str, object] = {"out": tmp_path / "out"} | {option: wrong[option]}
    result = api_hostile(lambda: sv.write_batch(batch, **kwargs))
    assert isinstance(result, (TypeError, ValueError)), result
    assert str(result).startswith(f"write_batch() argument {option} must be "), result
    assert list(tmp_path.iterdir()) == []


def test_a_nul_in_a_path_is_a_problem_not_an_exception() -> None:
    """A path with a NUL byte is file.unreadable in the result, for the draft and every reader."""
    nul = "a\0b"
    assert [p.code for p in survey_api.draft(nul).problems] == ["file.unreadable"]
    assert [p.code for p in survey_api.read_long_csv(nul, CATALOG).problems] == ["file.unreadable"]
    assert [p.code for p in survey_api.read_answers(nul, CATALOG).problems] == ["file.unreadable"]
    assert [p.code for p in survey_api.read_workbooks(nul, "mic-r4", CATALOG).answers.problems] == ["file.unreadable"]


def test_a_right_argument_still_works() -> None:
    """The checks leave the common path alone: five digits give their check digit, a reading is found."""
    assert survey_api.check_digit("21204") == 1
    assert survey_api.builtin_reading("applies").read("有") is survey_api.Meaning.IMPLEMENTED
    assert survey_api.fiscal_year("令和４年度実績") == 2022


@pytest.mark.parametrize("call", [lambda: sv.apply_overlay(None), lambda: sv.parse_catalog(None)])
def test_a_parsed_null_document_is_invalid_content(call: Callable[[], object]) -> None:
    """None given as a parsed document is JSON null, bad content: InvalidDocumentError, not a TypeError."""
    result = api_hostile(call)
    assert isinstance(result, InvalidDocumentError), result
    assert [p.code for p in result.problems] == ["document.not_object"]


NO_ARGUMENTS = {"available_readers", "builtin_catalogs", "builtin_layouts", "layout_schema"}
"""Functions that take no argument: nothing to refuse."""
DOCUMENTS = {"apply_overlay", "parse_catalog", "parse_layout"}
"""Functions whose argument is a parsed document: anything in it is content, reported as problems."""


def test_every_public_function_of_the_survey_namespace_is_covered() -> None:
    """Each function in survey.__all__ has a wrong-argument case here, or takes no argument, or takes a document."""
    functions = {name for name in survey_api.__all__ if inspect.isfunction(getattr(survey_api, name))}
    covered = {case[2] for case in CASES.values()} | {"write_batch"}
    assert functions - covered - NO_ARGUMENTS - DOCUMENTS == set()
