"""Checks of meaning that a JSON Schema cannot express, each a problem with a JSON pointer.

These run on a document that already satisfies its schema, structured into the model:
unique ids, items that agree with the counts, levels that agree with ``implemented``,
categories with no items, and the local-government code's check digit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ._errors import Problem, pointer
from ._model import Category, Evaluation, Level

__all__ = ["check_digit", "evaluation_problems"]


def check_digit(first_five: str) -> int:
    """The check digit of a 全国地方公共団体コード from its first five digits.

    Multiply the digits by 6, 5, 4, 3, 2, sum, take the remainder mod 11; the check digit is
    (11 - remainder) mod 10.

    >>> check_digit("21204")
    1
    """
    total = sum(int(digit) * weight for digit, weight in zip(first_five, (6, 5, 4, 3, 2), strict=True))
    return (11 - total % 11) % 10


def _code_problems(evaluation: Evaluation) -> Iterator[Problem]:
    code = evaluation.municipality.code
    expected = check_digit(code[:5])
    if int(code[5]) != expected:
        yield Problem(
            code="municipality.check_digit",
            message=f"local-government code {code} has a wrong check digit",
            message_ja=f"地方公共団体コード {code} の検査数字が誤っている",
            pointer=pointer("municipality", "code"),
            expected=f"{code[:5]}{expected}",
            found=code,
        )


def _duplicates(ids: list[str]) -> set[str]:
    return {key for key, times in Counter(ids).items() if times > 1}


def _category_problems(index: int, category: Category) -> Iterator[Problem]:
    at = ("categories", index)
    repeated = _duplicates([item.id for item in category.items])
    seen: set[str] = set()
    for item_index, item in enumerate(category.items):
        if item.id in repeated and item.id in seen:
            yield Problem(
                code="item.duplicate_id",
                message=f"item id {item.id!r} is used twice in category {category.id!r}",
                message_ja=f"項目ID {item.id!r} がカテゴリ {category.id!r} 内で重複している",
                pointer=pointer(*at, "items", item_index, "id"),
                expected="a unique item id",
                found=repr(item.id),
            )
        seen.add(item.id)
        if (
            item.level is not None
            and item.implemented is not None
            and item.level.implemented != item.implemented
        ):
            yield Problem(
                code="item.level_contradicts_implemented",
                message=(
                    f"item {item.id!r} is at level {item.level.value} but implemented is "
                    f"{str(item.implemented).lower()}"
                ),
                message_ja=f"項目 {item.id!r} の水準 {item.level.ja} と実施の有無が矛盾している",
                pointer=pointer(*at, "items", item_index, "level"),
                expected=("advanced or standard" if item.implemented else "needs_review or behind"),
                found=item.level.value,
            )

    counts = category.counts
    if counts is None:
        return
    if counts.total == 0:
        yield Problem(
            code="category.empty",
            message=f"category {category.id!r} has no items at all (n = 0), so it cannot be rated",
            message_ja=f"カテゴリ {category.id!r} の評価項目が0個で、評価できない",
            pointer=pointer(*at, "counts"),
            expected="at least one item",
            found="all four counts 0",
        )
    if not category.items:
        return
    if len(category.items) > counts.total:
        yield Problem(
            code="counts.mismatch",
            message=f"category {category.id!r} names {len(category.items)} items but counts {counts.total}",
            message_ja=(
                f"カテゴリ {category.id!r} の項目数 {len(category.items)} が件数 {counts.total} を超えている"
            ),
            pointer=pointer(*at, "items"),
            expected=f"at most {counts.total} items",
            found=f"{len(category.items)} items",
        )
        return
    by_level = Counter(item.level for item in category.items if item.level is not None)
    for level in Level:
        if by_level[level] > counts[level]:
            yield Problem(
                code="counts.mismatch",
                message=(
                    f"category {category.id!r} has {by_level[level]} items at level {level.value} "
                    f"but counts.{level.value} is {counts[level]}"
                ),
                message_ja=(
                    f"カテゴリ {category.id!r} の {level.ja} の項目が{by_level[level]}個あるが、"
                    f"件数は{counts[level]}"
                ),
                pointer=pointer(*at, "counts", level.value),
                expected=f"at least {by_level[level]}",
                found=str(counts[level]),
            )
    for implemented in (True, False):
        named = sum(
            1
            for item in category.items
            if (item.level.implemented if item.level is not None else item.implemented) is implemented
        )
        levels = [level for level in Level if level.implemented is implemented]
        room = counts.of(levels)
        if named > room:
            which = "implemented" if implemented else "not implemented"
            yield Problem(
                code="counts.mismatch",
                message=(
                    f"category {category.id!r} names {named} {which} items but counts only {room} "
                    f"({' + '.join(level.value for level in levels)})"
                ),
                message_ja=(
                    f"カテゴリ {category.id!r} の{'実施' if implemented else '未実施'}項目数が"
                    "件数を超えている"
                ),
                pointer=pointer(*at, "items"),
                expected=f"at most {room} {which} items",
                found=f"{named}",
            )


def evaluation_problems(evaluation: Evaluation) -> list[Problem]:
    """Every problem of meaning in a schema-valid evaluation, in document order."""
    problems = list(_code_problems(evaluation))
    repeated = _duplicates([category.id for category in evaluation.categories])
    seen: set[str] = set()
    for index, category in enumerate(evaluation.categories):
        if category.id in repeated and category.id in seen:
            problems.append(
                Problem(
                    code="category.duplicate_id",
                    message=f"category id {category.id!r} is used twice",
                    message_ja=f"カテゴリID {category.id!r} が重複している",
                    pointer=pointer("categories", index, "id"),
                    expected="a unique category id",
                    found=repr(category.id),
                )
            )
        seen.add(category.id)
        problems.extend(_category_problems(index, category))
    return problems
