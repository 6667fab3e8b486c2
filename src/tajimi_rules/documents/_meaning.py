"""Checks of meaning that a JSON Schema cannot express, each a problem with a JSON pointer.

:func:`evaluation_problems` runs on an evaluation that already satisfies its schema,
structured into the model: unique ids, items that agree with the counts, levels that agree
with ``implemented`` and with the rule set's item grading, categories with no items, the
local-government code's check digit, a fiscal year the survey cannot have had yet, a rule-set
id or stated rating that does not exist, and names that mix scripts (a warning).

:func:`rate_problems` and :func:`ruleset_problems` run on the schema-valid JSON value before
it is structured, because what they find (a rate of ``"3/2"``, a share counting levels
outside its denominator) would otherwise stop the structuring without a useful pointer.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .._errors import Problem, Severity, pointer
from .._fractions import decimal_in_range, format_fraction, parse_fraction, parse_rate
from ..model import Category, Evaluation, Item, Level, Rating
from ..rules._predicates import Comparison
from ..rules._rules import ItemGrading
from ._schemas import did_you_mean

__all__ = [
    "check_digit",
    "current_fiscal_year",
    "evaluation_clean",
    "evaluation_problems",
    "mixed_script",
    "rate_problems",
    "ruleset_problems",
]


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


def category_id_problems(ids: Iterable[str]) -> Iterator[Problem]:
    """A problem at ``/categories/N/id`` for each category id already used by an earlier category."""
    seen: set[str] = set()
    for index, category_id in enumerate(ids):
        if category_id in seen:
            yield Problem(
                code="category.duplicate_id",
                message=f"category id {category_id!r} is used twice",
                message_ja=f"カテゴリID {category_id!r} が重複している",
                pointer=pointer("categories", index, "id"),
                expected="a unique category id",
                found=repr(category_id),
            )
        seen.add(category_id)


_RATE_NAMES = {"national": ("national rate", "全国実施率"), "prefecture": ("prefecture rate", "県内実施率")}


def _grading_problems(
    grading: ItemGrading, item: Item, level: Level, implemented: bool, where: tuple[str | int, ...]
) -> Iterator[Problem]:
    """A problem when the stated ``level`` is not the one the grading gives from the rate it is based on."""
    rate = grading.rate_of(item.national_rate, item.prefecture_rate)
    if rate is None:
        return
    graded = grading.level(implemented, rate)
    if graded is level:
        return
    rate_text = format_fraction(rate)
    rate_name, rate_ja = _RATE_NAMES[grading.rate]
    common = "common" if graded.common else "rare"
    yield Problem(
        code="item.level_contradicts_grading",
        message=(
            f"item {item.id!r} is at level {level.value}, but the rule set's item grading "
            f"gives {graded.value} (implemented {str(implemented).lower()}, {rate_name} "
            f"{rate_text} is {common}: common means {grading.comparison.value} "
            f"{format_fraction(grading.threshold)})"
        ),
        message_ja=(
            f"項目 {item.id!r} の水準 {level.ja} が、規則集の項目判定による {graded.ja} と矛盾している"
            f"（{rate_ja} {rate_text}）"
        ),
        pointer=pointer(*where),
        expected=graded.value,
        found=level.value,
    )


def _category_problems(index: int, category: Category, grading: ItemGrading | None) -> Iterator[Problem]:
    at = ("categories", index)
    seen: set[str] = set()
    for item_index, item in enumerate(category.items):
        if item.id in seen:
            yield Problem(
                code="item.duplicate_id",
                message=f"item id {item.id!r} is used twice in category {category.id!r}",
                message_ja=f"項目ID {item.id!r} がカテゴリ {category.id!r} 内で重複している",
                pointer=pointer(*at, "items", item_index, "id"),
                expected="a unique item id",
                found=repr(item.id),
            )
        seen.add(item.id)
        if item.level is not None and item.implemented is not None and item.level.implemented != item.implemented:
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
        elif grading is not None and item.level is not None and item.implemented is not None:
            where = (*at, "items", item_index, "level")
            yield from _grading_problems(grading, item, item.level, item.implemented, where)

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
            message_ja=(f"カテゴリ {category.id!r} の項目数 {len(category.items)} が件数 {counts.total} を超えている"),
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
                    f"category {category.id!r} has {by_level[level]} item{'s' if by_level[level] != 1 else ''} "
                    f"at level {level.value} "
                    f"but counts.{level.value} is {counts[level]}"
                ),
                message_ja=(
                    f"カテゴリ {category.id!r} の {level.ja} の項目が{by_level[level]}個あるが、件数は{counts[level]}"
                ),
                pointer=pointer(*at, "counts", level.value),
                expected=f"at least {by_level[level]}",
                found=str(counts[level]),
            )
    for implemented in (True, False):
        levels = [level for level in Level if level.implemented is implemented]
        if any(by_level[level] > counts[level] for level in levels):
            continue  # the per-level problem above already says the counts are short here
        named = sum(
            1
            for item in category.items
            if (item.level.implemented if item.level is not None else item.implemented) is implemented
        )
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
                    f"カテゴリ {category.id!r} の{'実施' if implemented else '未実施'}項目数が件数を超えている"
                ),
                pointer=pointer(*at, "items"),
                expected=f"at most {room} {which} items",
                found=f"{named}",
            )


def current_fiscal_year(today: datetime.date | None = None) -> int:
    """The Japanese fiscal year (April to March) that ``today`` falls in, as a Western year."""
    today = today or datetime.date.today()
    return today.year if today.month >= 4 else today.year - 1


def _fiscal_year_problems(evaluation: Evaluation, today: datetime.date | None) -> Iterator[Problem]:
    year = evaluation.survey.fiscal_year
    latest = current_fiscal_year(today)
    if year > latest:
        yield Problem(
            code="survey.fiscal_year",
            message=f"fiscal year {year} is later than the current fiscal year {latest}: no survey exists yet",
            message_ja=f"年度 {year} は現在の年度 {latest} より後で、まだ調査がない",
            pointer=pointer("survey", "fiscal_year"),
            expected=f"a fiscal year up to {latest}",
            found=str(year),
        )


def _rules_problems(
    evaluation: Evaluation, rule_set_ids: Collection[str] | None, ratings: Collection[Rating] | None
) -> Iterator[Problem]:
    if rule_set_ids is not None and evaluation.rules is not None and evaluation.rules not in rule_set_ids:
        known = sorted(rule_set_ids)
        guess = did_you_mean(evaluation.rules, known)
        yield Problem(
            code="rules.unknown",
            message=f"no rule set has the id {evaluation.rules!r}" + (f"; did you mean {guess!r}?" if guess else ""),
            message_ja=f"規則集 {evaluation.rules!r} は存在しない" + (f"（{guess!r} の誤り？）" if guess else ""),
            pointer=pointer("rules"),
            expected=repr(guess) if guess else "one of " + ", ".join(known),
            found=repr(evaluation.rules),
        )
    if ratings is None:
        return
    for index, category in enumerate(evaluation.categories):
        stated = category.stated_rating
        if stated is not None and stated not in ratings:
            yield Problem(
                code="category.stated_rating_unknown",
                message=f"stated rating {stated.value!r} is not a rating the rule set gives",
                message_ja=f"記載の評価 {stated.ja} は規則集にない評価である",
                pointer=pointer("categories", index, "stated_rating"),
                expected="one of " + ", ".join(rating.value for rating in ratings),
                found=repr(stated.value),
            )


_JAPANESE = re.compile("[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")
_FOREIGN = re.compile("[\u0370-\u03ff\u0400-\u052f]")
# Latin letters inside one katakana word ("デバinド"); "eラーニング" or "のAIチャット" are ordinary.
_KATAKANA = "\u30a1-\u30fa\u30fc"
_LATIN_IN_KANA = re.compile(f"(?<=[{_KATAKANA}])[A-Za-zＡ-Ｚａ-ｚ]{{1,2}}(?=[{_KATAKANA}])")
_WORD = re.compile(r"[^\W\d_]+")
_SCRIPTS = (("Latin", re.compile("[A-Za-z\u00c0-\u024f]")), ("Cyrillic", _FOREIGN))


def mixed_script(text: str) -> str | None:
    """What in ``text`` mixes scripts as text extraction does, or ``None`` if nothing does.

    Cyrillic or Greek letters in Japanese text (「デジタルデバйд」), Latin letters inside a
    katakana word (「デバinド」), and words whose letters come from Latin and Cyrillic or Greek.

    >>> mixed_script("デジタルデバйд")
    "'й', 'д' in Japanese text"
    >>> mixed_script("DX・情報化についての職員育成") is None
    True
    """
    if _JAPANESE.search(text):
        foreign = list(dict.fromkeys(_FOREIGN.findall(text)))
        if foreign:
            return ", ".join(repr(char) for char in foreign) + " in Japanese text"
        wedged = _LATIN_IN_KANA.search(text)
        if wedged:
            return f"{wedged[0]!r} inside a katakana word"
    for word in _WORD.findall(text):
        if all(pattern.search(word) for _, pattern in _SCRIPTS):
            return f"{word!r} mixes Latin and Cyrillic or Greek letters"
    return None


def _texts(evaluation: Evaluation) -> Iterator[tuple[str, tuple[str | int, ...]]]:
    if evaluation.title:
        yield evaluation.title, ("title",)
    municipality = evaluation.municipality
    yield municipality.name, ("municipality", "name")
    yield municipality.prefecture, ("municipality", "prefecture")
    if municipality.name_en:
        yield municipality.name_en, ("municipality", "name_en")
    yield evaluation.survey.title, ("survey", "title")
    for index, category in enumerate(evaluation.categories):
        at: tuple[str | int, ...] = ("categories", index)
        for field, name in (("group", category.group), ("name", category.name)):
            yield name.ja, (*at, field, "ja")
            if name.en:
                yield name.en, (*at, field, "en")
        for item_index, item in enumerate(category.items):
            yield item.name.ja, (*at, "items", item_index, "name", "ja")
            if item.name.en:
                yield item.name.en, (*at, "items", item_index, "name", "en")


def _script_problems(evaluation: Evaluation) -> Iterator[Problem]:
    for text, where in _texts(evaluation):
        mixed = mixed_script(text)
        if mixed:
            yield Problem(
                code="text.mixed_script",
                message=f"{text!r} mixes scripts ({mixed}); a character may have been misread",
                message_ja=f"{text!r} に異なる文字体系が混在している（{mixed}）。文字の読み取り誤りの可能性",
                pointer=pointer(*where),
                expected="one script per word",
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
    problems = list(_code_problems(evaluation))
    problems.extend(_fiscal_year_problems(evaluation, today))
    problems.extend(_rules_problems(evaluation, rule_set_ids, ratings))
    repeated = {p.pointer: p for p in category_id_problems(category.id for category in evaluation.categories)}
    for index, category in enumerate(evaluation.categories):
        if (problem := repeated.get(pointer("categories", index, "id"))) is not None:
            problems.append(problem)
        problems.extend(_category_problems(index, category, grading))
    problems.extend(_script_problems(evaluation))
    return problems


def _value_problem(value: Any, where: tuple[str | int, ...], read: Any, what: str, what_ja: str) -> Problem | None:
    """A problem when ``value`` is not an exact number in [0, 1] (``read`` parses it)."""
    try:
        number: Fraction = read(value)
    except (ValueError, ZeroDivisionError) as error:
        return Problem(
            code="fraction.invalid",
            message=f"{what} {value!r} cannot be read: {error}",
            message_ja=f"{what_ja} {value!r} を読めない",
            pointer=pointer(*where),
            expected="a fraction with a non-zero denominator, such as '2/3'",
            found=repr(value),
        )
    if not 0 <= number <= 1:
        return Problem(
            code="fraction.out_of_range",
            message=f"{what} {value!r} is {format_fraction(number)}, outside [0, 1]",
            message_ja=f"{what_ja} {value!r} が0から1の範囲外",
            pointer=pointer(*where),
            expected="a value from 0 to 1",
            found=format_fraction(number),
        )
    return None


def rate_problems(data: Mapping[str, Any]) -> list[Problem]:
    """Rates of a schema-valid evaluation value that are not in [0, 1] or cannot be read.

    The schema admits ``"150%"`` and ``"3/2"`` as the form of a rate; this says they are
    out of range, and ``"1/0"`` that it has no value.
    """
    problems = []
    for index, category in enumerate(data.get("categories", ())):
        for item_index, item in enumerate(category.get("items", ())):
            for key in ("national_rate", "prefecture_rate"):
                if key in item:
                    where = ("categories", index, "items", item_index, key)
                    problem = _value_problem(item[key], where, parse_rate, "rate", "実施率")
                    if problem:
                        problems.append(problem)
            if isinstance(item.get("cost"), str):
                try:
                    parse_fraction(item["cost"])
                except (ValueError, ZeroDivisionError) as error:
                    problems.append(
                        Problem(
                            code="fraction.invalid",
                            message=f"cost {item['cost']!r} cannot be read: {error}",
                            message_ja=f"費用 {item['cost']!r} を読めない",
                            pointer=pointer("categories", index, "items", item_index, "cost"),
                            expected="a whole number or a fraction with a non-zero denominator",
                            found=repr(item["cost"]),
                        )
                    )
    return problems


_COMPARISONS = ("at_least", "more_than", "less_than", "at_most")


def _predicate_problems(predicate: Mapping[str, Any], where: tuple[str | int, ...]) -> Iterator[Problem]:
    for key, body in predicate.items():
        if key in ("all", "any"):
            for index, part in enumerate(body):
                yield from _predicate_problems(part, (*where, key, index))
        elif key == "not":
            yield from _predicate_problems(body, (*where, "not"))
        elif key == "share":
            at = (*where, "share")
            denominator = body.get("in", "all")
            if denominator != "all":
                outside = [level for level in body["of"] if level not in denominator]
                if outside:
                    yield Problem(
                        code="share.of_not_in",
                        message=(
                            "a share counts levels its denominator leaves out: "
                            + ", ".join(outside)
                            + f" (of {body['of']} is not within in {denominator})"
                        ),
                        message_ja="割合の分子の水準が分母に含まれていない: " + "、".join(outside),
                        pointer=pointer(*at, "of"),
                        expected="levels among " + ", ".join(denominator),
                        found=", ".join(outside),
                    )
            for comparison in _COMPARISONS:
                if comparison in body:
                    problem = _value_problem(body[comparison], (*at, comparison), parse_fraction, "threshold", "閾値")
                    if problem:
                        yield problem


def ruleset_problems(data: Mapping[str, Any]) -> list[Problem]:
    """Problems of meaning in a schema-valid rule-set value, in document order.

    A share whose ``of`` levels are not within its ``in`` levels, and thresholds that are
    not exact fractions in [0, 1] (``"3/2"``, ``"1/0"``), in rules and in item grading.
    """
    problems: list[Problem] = []
    for index, rule in enumerate(data.get("rules", ())):
        problems.extend(_predicate_problems(rule["when"], ("rules", index, "when")))
    grading = data.get("item_grading")
    if isinstance(grading, Mapping):
        for comparison, threshold in grading.get("common", {}).items():
            problem = _value_problem(
                threshold, ("item_grading", "common", comparison), parse_fraction, "threshold", "閾値"
            )
            if problem:
                problems.append(problem)
    return problems


_IMPLEMENTED = {level.value: level.implemented for level in Level}
_GRADED = {(level.implemented, level.common): level.value for level in Level}


def _ratio(value: Any) -> tuple[int, int] | None:
    """A schema-valid rate as ``(numerator, denominator)``, or ``None`` at any doubt."""
    try:
        if type(value) is int:
            return value, 1
        if type(value) is Decimal:
            return value.as_integer_ratio() if value.is_finite() and decimal_in_range(value) else None
        if type(value) is str:
            text = value.strip()
            if text[-1:] in ("%", "％"):
                numerator, denominator = Decimal(text[:-1]).as_integer_ratio()
                return numerator, denominator * 100
            top, slash, bottom = text.partition("/")
            if slash:
                return (int(top), int(bottom)) if int(bottom) > 0 else None
            return Decimal(text).as_integer_ratio()
    except (ValueError, ArithmeticError):
        return None
    return None


def _in_unit(ratio: tuple[int, int] | None) -> bool:
    return ratio is not None and 0 <= ratio[0] <= ratio[1]


def _names(data: Mapping[str, Any]) -> Iterator[str]:
    """Every text that :func:`evaluation_problems` checks for mixed scripts."""
    if "title" in data:
        yield data["title"]
    municipality = data["municipality"]
    yield municipality["name"]
    yield municipality["prefecture"]
    yield municipality.get("name_en", "")
    yield data["survey"]["title"]
    for category in data["categories"]:
        for name in (category["group"], category["name"]):
            yield name["ja"]
            yield name.get("en", "")
        for item in category.get("items", ()):
            yield item["name"]["ja"]
            yield item["name"].get("en", "")


_CommonAt = tuple[int, int, bool, str]
"""An item grading as the quick check uses it: threshold numerator, denominator, strict, rate key."""


def _category_clean(category: Mapping[str, Any], common_at: _CommonAt | None) -> bool:
    items = category.get("items", ())
    by_level = dict.fromkeys(_IMPLEMENTED, 0)
    implemented_count = 0
    ids = set()
    for item in items:
        ids.add(item["id"])
        level = item.get("level")
        implemented = item.get("implemented")
        rates = {key: _ratio(item[key]) for key in ("national_rate", "prefecture_rate") if key in item}
        if not all(_in_unit(ratio) for ratio in rates.values()):
            return False
        if level is not None:
            by_level[level] += 1
            if implemented is not None:
                if _IMPLEMENTED[level] is not implemented:
                    return False
                if common_at is not None and (ratio := rates.get(common_at[3])) is not None:
                    numerator, denominator, strict, _key = common_at
                    left, right = ratio[0] * denominator, numerator * ratio[1]
                    if _GRADED[implemented, left > right if strict else left >= right] != level:
                        return False
        implemented_count += _IMPLEMENTED[level] if level is not None else bool(implemented)
        if isinstance(item.get("cost"), str) and _ratio(item["cost"]) is None:
            return False
    if len(ids) != len(items):
        return False
    counts = category.get("counts")
    if counts is None:
        return True
    total = sum(counts.values())
    if total == 0:
        return False
    if not items:
        return True
    if len(items) > total or any(by_level[level] > counts[level] for level in by_level):
        return False
    implemented_room = counts["advanced"] + counts["standard"]
    rest_room = total - implemented_room
    return bool(implemented_count <= implemented_room and len(items) - implemented_count <= rest_room)


def evaluation_clean(
    data: Mapping[str, Any],
    *,
    grading: ItemGrading | None,
    ratings: Collection[Rating],
    rule_set_ids: Collection[str],
    today: datetime.date | None = None,
) -> bool:
    """Whether a schema-valid evaluation value has no problem of meaning, decided quickly.

    ``True`` means :func:`rate_problems` and :func:`evaluation_problems` (with the same
    arguments) find nothing, neither error nor warning; ``False`` means they may find
    something and must be run to say what. Nothing is structured and no fraction built, so
    valid documents are checked at the speed of a loop over their items.
    """
    code = data["municipality"]["code"]
    if int(code[5]) != check_digit(code[:5]):
        return False
    if data["survey"]["fiscal_year"] > current_fiscal_year(today):
        return False
    if "rules" in data and data["rules"] not in rule_set_ids:
        return False
    stated = {rating.value for rating in ratings}
    categories = data["categories"]
    if len({category["id"] for category in categories}) != len(categories):
        return False
    common_at = None
    if grading is not None:
        threshold = grading.threshold
        strict = grading.comparison is not Comparison.AT_LEAST
        common_at = (threshold.numerator, threshold.denominator, strict, f"{grading.rate}_rate")
    for category in categories:
        if "stated_rating" in category and category["stated_rating"] not in stated:
            return False
        if not _category_clean(category, common_at):
            return False
    texts = "\n".join(_names(data))
    return not (_FOREIGN.search(texts) or _LATIN_IN_KANA.search(texts))
