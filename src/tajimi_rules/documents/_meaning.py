"""Checks of meaning that a JSON Schema cannot express, each a problem with a JSON pointer.

Every check reports problems *relative to the value it checks* (a check of one item says
``/level``, not ``/categories/3/items/1/level``); the walker that descended into the value
prefixes where it went with :meth:`~tajimi_rules.Problem.within`, as jsonschema's ``descend``
does. So each problem is written once, wherever the value it is about sits.

:func:`evaluation_problems` runs on an evaluation that already satisfies its schema,
structured into the model: unique ids, items that agree with the counts, levels that agree
with ``implemented`` and with the rule set's item grading, categories with no items, the
local-government code's check digit, a fiscal year the survey cannot have had yet, a rule-set
id or stated rating that does not exist, and names that mix scripts (a warning).
:func:`catalog_problems` runs on a structured catalog: unique ids, and answer texts with one
meaning each.

:func:`rate_problems` and :func:`ruleset_problems` run on the schema-valid JSON value before
it is structured, because what they find (a rate of ``"3/2"``, a share counting levels
outside its denominator) would otherwise stop the structuring without a useful pointer.

Whether an evaluation value has no problem at all, decided in one loop over it
(:func:`~tajimi_rules._light._meaning.evaluation_clean`), is the standard-library core's, with
what it shares with these checks (the check digit, the fiscal year, the mixed-script test);
they are exported here as before.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from fractions import Fraction
from typing import Any

from .._arguments import check_type, wrong_value
from .._errors import Phrase, Problem, Severity, phrase, pointer
from .._fractions import format_fraction, parse_fraction, parse_rate
from .._light._meaning import check_digit_unchecked, current_fiscal_year, evaluation_clean, mixed_script
from ..model import Answer, Catalog, Category, Evaluation, Item, Level, Rating, normalize_answer
from ..rules._rules import ItemGrading
from ._schemas import did_you_mean, hint

__all__ = [
    "catalog_problems",
    "check_digit",
    "code_problems",
    "current_fiscal_year",
    "duplicate_id_problems",
    "evaluation_clean",
    "evaluation_problems",
    "mixed_script",
    "rate_problems",
    "ruleset_problems",
]

Path = tuple[str | int, ...]


_FIVE = 5
_FIVE_DIGITS = "five ASCII digits (a str)"


def check_digit(first_five: str) -> int:
    """The check digit of a 全国地方公共団体コード from its first five digits.

    Multiply the digits by 6, 5, 4, 3, 2, sum, take the remainder mod 11; the check digit is
    (11 - remainder) mod 10.

    >>> check_digit("21204")
    1

    ``first_five`` must be five ASCII digits: :class:`TypeError` for another type,
    :class:`ValueError` for another text (``""``, ``"12a45"``, six digits).
    """
    if type(first_five) is not str or len(first_five) != _FIVE or not (first_five.isascii() and first_five.isdigit()):
        check_type(first_five, str, function="check_digit", parameter="first_five", expected=_FIVE_DIGITS)
        raise wrong_value("check_digit", "first_five", _FIVE_DIGITS, first_five)
    return check_digit_unchecked(first_five)


def code_problems(code: str) -> Iterator[Problem]:
    """A problem at the code itself when a 6-digit local-government code has a wrong check digit."""
    expected = check_digit_unchecked(code[:5])
    if int(code[5]) != expected:
        yield Problem(
            code="municipality.check_digit",
            fields={"code": code},
            expected=f"{code[:5]}{expected}",
            found=code,
        )


def duplicate_id_problems(
    entries: Iterable[tuple[Path, str]], code: str, expected: Phrase, **fields: Any
) -> Iterator[Problem]:
    """A problem at ``where/id`` for each entry whose id an earlier entry already used.

    ``entries`` are ``(where, id)`` pairs, ``where`` relative to the value the caller checks.
    """
    seen: set[str] = set()
    for where, entry_id in entries:
        if entry_id in seen:
            yield Problem(
                code=code,
                pointer=pointer(*where, "id"),
                fields={"id": entry_id, **fields},
                expected=expected,
                found=repr(entry_id),
            )
        seen.add(entry_id)


def _level(level: Level) -> Phrase:
    return phrase(f"words.level.{level.value}")


def _grading_problems(grading: ItemGrading, item: Item, level: Level, implemented: bool) -> Iterator[Problem]:
    """A problem at ``/level`` when the stated level is not the one the grading gives from the rate."""
    rate = grading.rate_of(item.national_rate, item.prefecture_rate)
    if rate is None:
        return
    graded = grading.level(implemented, rate)
    if graded is level:
        return
    yield Problem(
        code="item.level_contradicts_grading",
        pointer=pointer("level"),
        fields={
            "id": item.id,
            "level": _level(level),
            "graded": _level(graded),
            "implemented": phrase(f"words.{str(implemented).lower()}"),
            "rate_name": phrase(f"words.{grading.rate}_rate"),
            "rate": format_fraction(rate),
            "common": phrase("words.common" if graded.common else "words.rare"),
            "comparison": grading.comparison.value,
            "threshold": format_fraction(grading.threshold),
        },
        expected=graded.value,
        found=level.value,
    )


def _item_problems(item: Item, grading: ItemGrading | None) -> Iterator[Problem]:
    """Problems of one item, relative to it."""
    if item.level is None or item.implemented is None:
        return
    if item.level.implemented != item.implemented:
        yield Problem(
            code="item.level_contradicts_implemented",
            pointer=pointer("level"),
            fields={
                "id": item.id,
                "level": _level(item.level),
                "implemented": phrase(f"words.{str(item.implemented).lower()}"),
            },
            expected=phrase("words.implemented_levels" if item.implemented else "words.not_implemented_levels"),
            found=item.level.value,
        )
    elif grading is not None:
        yield from _grading_problems(grading, item, item.level, item.implemented)


def _counts_problems(category: Category) -> Iterator[Problem]:
    """Counts that say n = 0, or that disagree with the items, relative to the category."""
    counts = category.counts
    if counts is None:
        return
    if counts.total == 0:
        yield Problem(
            code="category.empty",
            pointer=pointer("counts"),
            fields={"id": category.id},
            expected=phrase("words.at_least_one_item"),
            found=phrase("words.all_counts_zero"),
        )
    if not category.items:
        return
    named = len(category.items)
    if named > counts.total:
        yield _mismatch(
            "items",
            phrase("counts.too_many_items", id=category.id, named=named, total=counts.total),
            expected=phrase("words.at_most_items", count=counts.total),
            found=phrase("words.items", count=named),
        )
        return
    by_level = Counter(item.level for item in category.items if item.level is not None)
    for level in Level:
        if by_level[level] > counts[level]:
            yield _mismatch(
                ("counts", level.value),
                phrase(
                    "counts.short_at_level",
                    id=category.id,
                    named=by_level[level],
                    level=_level(level),
                    key=level.value,
                    count=counts[level],
                ),
                expected=phrase("words.at_least", count=by_level[level]),
                found=str(counts[level]),
            )
    for implemented in (True, False):
        levels = [level for level in Level if level.implemented is implemented]
        if any(by_level[level] > counts[level] for level in levels):
            continue  # the per-level problem above already says the counts are short here
        of_kind = sum(
            1
            for item in category.items
            if (item.level.implemented if item.level is not None else item.implemented) is implemented
        )
        room = counts.of(levels)
        if of_kind > room:
            which = phrase("words.implemented" if implemented else "words.not_implemented")
            yield _mismatch(
                "items",
                phrase(
                    "counts.short_of_kind",
                    id=category.id,
                    named=of_kind,
                    which=which,
                    room=room,
                    levels=" + ".join(level.value for level in levels),
                ),
                expected=phrase("words.at_most_kind_items", count=room, which=which),
                found=str(of_kind),
            )


def _mismatch(where: str | tuple[str, str], detail: Phrase, *, expected: Phrase, found: Phrase | str) -> Problem:
    tokens = (where,) if isinstance(where, str) else where
    return Problem(
        code="counts.mismatch", pointer=pointer(*tokens), fields={"detail": detail}, expected=expected, found=found
    )


def _category_problems(
    category: Category, grading: ItemGrading | None, ratings: Collection[Rating] | None
) -> Iterator[Problem]:
    """Problems of one category, relative to it: its stated rating, its items, its counts."""
    stated = category.stated_rating
    if ratings is not None and stated is not None and stated not in ratings:
        yield Problem(
            code="category.stated_rating_unknown",
            pointer=pointer("stated_rating"),
            fields={"rating": phrase(f"rating.{stated.value}")},
            expected=phrase("words.one_of", options=", ".join(rating.value for rating in ratings)),
            found=repr(stated.value),
        )
    entries = (((index,), item.id) for index, item in enumerate(category.items))
    scope = phrase("words.in_category", category=category.id)
    for problem in duplicate_id_problems(entries, "item.duplicate_id", phrase("words.unique_item_id"), scope=scope):
        yield problem.within("items")
    for index, item in enumerate(category.items):
        for problem in _item_problems(item, grading):
            yield problem.within("items", index)
    yield from _counts_problems(category)


def _fiscal_year_problems(fiscal_year: int, today: datetime.date | None) -> Iterator[Problem]:
    """A problem at the year itself when the survey cannot have happened yet."""
    latest = current_fiscal_year(today)
    if fiscal_year > latest:
        yield Problem(
            code="survey.fiscal_year",
            fields={"year": fiscal_year, "latest": latest},
            expected=phrase("words.fiscal_year_up_to", latest=latest),
            found=str(fiscal_year),
        )


def _rules_problems(rules: str | None, rule_set_ids: Collection[str] | None) -> Iterator[Problem]:
    """A problem at the ``rules`` value when it names no rule set there is."""
    if rule_set_ids is None or rules is None or rules in rule_set_ids:
        return
    known = sorted(rule_set_ids)
    guess = did_you_mean(rules, known)
    yield Problem(
        code="rules.unknown",
        fields={"id": rules, "hint": hint(guess)},
        expected=repr(guess) if guess else phrase("words.one_of", options=", ".join(known)),
        found=repr(rules),
    )


def _texts(evaluation: Evaluation) -> Iterator[tuple[str, Path]]:
    if evaluation.title:
        yield evaluation.title, ("title",)
    municipality = evaluation.municipality
    yield municipality.name, ("municipality", "name")
    yield municipality.prefecture, ("municipality", "prefecture")
    if municipality.name_en:
        yield municipality.name_en, ("municipality", "name_en")
    yield evaluation.survey.title, ("survey", "title")
    for index, category in enumerate(evaluation.categories):
        at: Path = ("categories", index)
        for field, name in (("group", category.group), ("name", category.name)):
            yield name.ja, (*at, field, "ja")
            if name.en:
                yield name.en, (*at, field, "en")
        for item_index, item in enumerate(category.items):
            yield item.name.ja, (*at, "items", item_index, "name", "ja")
            if item.name.en:
                yield item.name.en, (*at, "items", item_index, "name", "en")


def _script_problems(text: str) -> Iterator[Problem]:
    """A warning at the text itself when it mixes scripts."""
    mixed = mixed_script(text)
    if mixed:
        yield Problem(
            code="text.mixed_script",
            fields={"text": text, "mixed": mixed},
            expected=phrase("words.one_script"),
            found=mixed,
            severity=Severity.WARNING,
        )


def evaluation_problems(
    evaluation: Evaluation,
    *,
    grading: ItemGrading | None = None,
    ratings: Collection[Rating] | None = None,
    rule_set_ids: Collection[str] | None = None,
    today: datetime.date | None = None,
) -> list[Problem]:
    """Every problem of meaning in a schema-valid evaluation, in document order.

    ``grading`` is the rule set's item grading (items whose level contradicts it are
    reported), ``ratings`` the ratings the rule set can give, ``rule_set_ids`` the ids an
    evaluation's ``rules`` may name; each check runs only when its argument is given.
    ``today`` fixes the date the fiscal year is checked against (default: today).
    """
    problems = [p.within("municipality", "code") for p in code_problems(evaluation.municipality.code)]
    problems += [p.within("survey", "fiscal_year") for p in _fiscal_year_problems(evaluation.survey.fiscal_year, today)]
    problems += [p.within("rules") for p in _rules_problems(evaluation.rules, rule_set_ids)]
    entries = (((index,), category.id) for index, category in enumerate(evaluation.categories))
    repeated = {
        p.pointer: p
        for p in duplicate_id_problems(entries, "category.duplicate_id", phrase("words.unique_category_id"))
    }
    for index, category in enumerate(evaluation.categories):
        if (problem := repeated.get(pointer(index, "id"))) is not None:
            problems.append(problem.within("categories"))
        problems += [p.within("categories", index) for p in _category_problems(category, grading, ratings)]
    for text, where in _texts(evaluation):
        problems += [p.within(*where) for p in _script_problems(text)]
    return problems


def catalog_problems(catalog: Catalog) -> list[Problem]:
    """Problems of meaning in a schema-valid catalog: repeated ids, an answer text with two meanings."""
    categories = (((index,), category.id) for index, category in enumerate(catalog.categories))
    problems = [
        p.within("categories")
        for p in duplicate_id_problems(categories, "category.duplicate_id", phrase("words.unique_category_id"))
    ]
    items = (
        ((index, "items", item_index), item.id)
        for index, category in enumerate(catalog.categories)
        for item_index, item in enumerate(category.items)
    )
    scope = phrase("words.in_catalog")
    problems += [
        p.within("categories")
        for p in duplicate_id_problems(items, "item.duplicate_id", phrase("words.unique_item_id"), scope=scope)
    ]
    meanings: dict[str, Answer] = {}
    for answer in Answer:
        for index, text in enumerate(catalog.answers.texts(answer)):
            first = meanings.setdefault(normalize_answer(text), answer)
            if first is not answer:
                problem = Problem(
                    code="answers.ambiguous",
                    pointer=pointer(index),
                    fields={"text": text, "first": first.value, "second": answer.value},
                    expected=phrase("words.one_meaning"),
                    found=repr(text),
                )
                problems.append(problem.within("answers", answer.value))
    return problems


def _value_problem(value: Any, read: Callable[[Any], Fraction], what: str) -> Problem | None:
    """A problem at the value when it is not an exact number in [0, 1] (``read`` parses it)."""
    try:
        number = read(value)
    except (ValueError, ZeroDivisionError) as error:
        return Problem(
            code="fraction.invalid",
            fields={"what": phrase(f"words.{what}"), "value": value, "error": str(error)},
            expected=phrase("words.a_fraction"),
            found=repr(value),
        )
    if not 0 <= number <= 1:
        return Problem(
            code="fraction.out_of_range",
            fields={"what": phrase(f"words.{what}"), "value": value, "number": format_fraction(number)},
            expected=phrase("words.zero_to_one"),
            found=format_fraction(number),
        )
    return None


def _cost_problem(cost: str) -> Problem | None:
    try:
        parse_fraction(cost)
    except (ValueError, ZeroDivisionError) as error:
        return Problem(
            code="fraction.invalid",
            fields={"what": phrase("words.cost"), "value": cost, "error": str(error)},
            expected=phrase("words.a_cost"),
            found=repr(cost),
        )
    return None


def _item_value_problems(item: Mapping[str, Any]) -> Iterator[Problem]:
    """Rates and a cost of one item's JSON value that cannot be read or are out of range."""
    for key in ("national_rate", "prefecture_rate"):
        if key in item and (problem := _value_problem(item[key], parse_rate, "rate")):
            yield problem.within(key)
    if isinstance(item.get("cost"), str) and (problem := _cost_problem(item["cost"])):
        yield problem.within("cost")


def rate_problems(data: Mapping[str, Any]) -> list[Problem]:
    """Rates of a schema-valid evaluation value that are not in [0, 1] or cannot be read.

    The schema admits ``"150%"`` and ``"3/2"`` as the form of a rate; this says they are
    out of range, and ``"1/0"`` that it has no value.
    """
    return [
        problem.within("categories", index, "items", item_index)
        for index, category in enumerate(data.get("categories", ()))
        for item_index, item in enumerate(category.get("items", ()))
        for problem in _item_value_problems(item)
    ]


_COMPARISONS = ("at_least", "more_than", "less_than", "at_most")


def _share_problems(body: Mapping[str, Any]) -> Iterator[Problem]:
    denominator = body.get("in", "all")
    if denominator != "all":
        outside = [level for level in body["of"] if level not in denominator]
        if outside:
            yield Problem(
                code="share.of_not_in",
                pointer=pointer("of"),
                fields={"outside": ", ".join(outside), "of": body["of"], "within": denominator},
                expected=phrase("words.levels_among", levels=", ".join(denominator)),
                found=", ".join(outside),
            )
    for comparison in _COMPARISONS:
        if comparison in body and (problem := _value_problem(body[comparison], parse_fraction, "threshold")):
            yield problem.within(comparison)


def _predicate_problems(predicate: Mapping[str, Any]) -> Iterator[Problem]:
    """Problems of one predicate's JSON value, relative to it."""
    for key, body in predicate.items():
        if key in ("all", "any"):
            for index, part in enumerate(body):
                yield from (p.within(key, index) for p in _predicate_problems(part))
        elif key == "not":
            yield from (p.within("not") for p in _predicate_problems(body))
        elif key == "share":
            yield from (p.within("share") for p in _share_problems(body))


def ruleset_problems(data: Mapping[str, Any]) -> list[Problem]:
    """Problems of meaning in a schema-valid rule-set value, in document order.

    A share whose ``of`` levels are not within its ``in`` levels, and thresholds that are
    not exact fractions in [0, 1] (``"3/2"``, ``"1/0"``), in rules and in item grading.
    """
    problems = [
        p.within("rules", index, "when")
        for index, rule in enumerate(data.get("rules", ()))
        for p in _predicate_problems(rule["when"])
    ]
    grading = data.get("item_grading")
    if isinstance(grading, Mapping):
        for comparison, threshold in grading.get("common", {}).items():
            if problem := _value_problem(threshold, parse_fraction, "threshold"):
                problems.append(problem.within("item_grading", "common", comparison))
    return problems
