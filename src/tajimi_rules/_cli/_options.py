"""Options and errors more than one command shares: ``--max-items``, ``--budget``, problems placed in a file."""

from __future__ import annotations

import argparse

from .._errors import InvalidDocumentError
from .._limits import MAX_ITEMS, MAX_SHARE_FORMS, SEARCH_BUDGET_HELP, SUGGEST_BUDGET

__all__ = ["MAX_ITEMS", "MAX_ITEMS_HELP", "add_budget", "count", "located", "max_items", "positive", "whole_number"]

MAX_ITEMS_HELP = (
    f"N from 1 to {MAX_ITEMS}; a rule set with more distinct share thresholds is checked to a smaller N "
    f"(at most {MAX_SHARE_FORMS} thresholds; see docs/limits.md)"
)
"""What ``--max-items`` admits, for the help of the commands that take it."""


def located(error: InvalidDocumentError, file: str) -> InvalidDocumentError:
    """``error`` with each problem that names no file placed in ``file`` (a bound is found on a loaded document)."""
    return InvalidDocumentError((problem.located(problem.file or file) for problem in error.problems), kind=error.kind)


def whole_number(given: str, minimum: int, maximum: int | None = None) -> int:
    """An option's value: a whole number from ``minimum`` (to ``maximum``, if given), else an argparse error."""
    try:
        value = int(given)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {given!r}") from None
    if value < minimum or (maximum is not None and value > maximum):
        reach = f"from {minimum} to {maximum}" if maximum is not None else f"at least {minimum}"
        raise argparse.ArgumentTypeError(f"must be {reach}, got {value}")
    return value


def max_items(given: str) -> int:
    """``--max-items``: a whole number from 1 to :data:`MAX_ITEMS`."""
    return whole_number(given, 1, MAX_ITEMS)


def positive(given: str) -> int:
    """A whole number of at least 1 (an option that raises a bound)."""
    return whole_number(given, 1)


def count(given: str) -> int:
    """A whole number of at least 0."""
    return whole_number(given, 0)


def add_budget(parser: argparse.ArgumentParser) -> None:
    """``--budget N``: the count vectors all the searches of the run examine together."""
    parser.add_argument(
        "--budget",
        type=positive,
        default=SUGGEST_BUDGET,
        metavar="N",
        help=f"{SEARCH_BUDGET_HELP} (default: {SUGGEST_BUDGET:,}; see docs/limits.md)",
    )
