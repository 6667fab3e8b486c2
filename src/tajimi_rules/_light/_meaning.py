"""The quick meaning check: whether a schema-valid evaluation has no problem of meaning, decided in one loop.

:func:`evaluation_clean` reads the JSON value as it is (nothing structured, no fraction built)
and says ``True`` only where the full checks of meaning (:mod:`tajimi_rules.documents._meaning`)
would find nothing; at any doubt ``False``, and those checks run to say what is wrong. What both
need lives here once: the local-government code's check digit, the fiscal year a survey may
have, and what mixes scripts.
"""

from __future__ import annotations

import datetime
import functools
import re
from decimal import Decimal

from ._digits import decimal_in_range
from ._levels import Level, Rating

# Not ``typing.TYPE_CHECKING``: importing typing would cost the start-up this package saves.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Collection, Mapping, Sequence
    from fractions import Fraction
    from typing import Any

__all__ = ["CommonAt", "check_digit_unchecked", "common_at", "current_fiscal_year", "evaluation_clean", "mixed_script"]

CommonAt = tuple[int, int, bool, str]
"""An item grading as the quick check takes it: threshold numerator, denominator, whether the comparison is strict
(``more_than``), and the key of the rate it grades by (:meth:`~tajimi_rules.rules.ItemGrading.common_at`)."""


def common_at(threshold: Fraction, comparison: str, rate: str) -> CommonAt:
    """An item grading as the quick check takes it, from its threshold, its comparison and its rate's name.

    >>> from fractions import Fraction
    >>> common_at(Fraction(1, 2), "more_than", "national")
    (1, 2, True, 'national_rate')
    """
    return threshold.numerator, threshold.denominator, comparison != "at_least", f"{rate}_rate"


def check_digit_unchecked(first_five: str) -> int:
    """The check digit of a 全国地方公共団体コード from its first five digits, already known to be ASCII digits.

    Multiply the digits by 6, 5, 4, 3, 2, sum, take the remainder mod 11; the check digit is
    (11 - remainder) mod 10. :func:`tajimi_rules.survey.check_digit` checks its argument first.

    >>> check_digit_unchecked("21204")
    1
    """
    total = sum(int(digit) * weight for digit, weight in zip(first_five, (6, 5, 4, 3, 2), strict=True))
    return (11 - total % 11) % 10


def current_fiscal_year(today: datetime.date | None = None) -> int:
    """The Japanese fiscal year (April to March) that ``today`` falls in, as a Western year."""
    today = today or datetime.date.today()
    return today.year if today.month >= 4 else today.year - 1


_FOREIGN = re.compile("[\u0370-\u03ff\u0400-\u052f]")
# Latin letters inside one katakana word ("デバinド"); "eラーニング" or "のAIチャット" are ordinary.
_KATAKANA = "\u30a1-\u30fa\u30fc"
# The test for a whole text at once, without the look-behind (which makes the search try every position).
_LATIN_IN_KANA_ANYWHERE = re.compile(f"[{_KATAKANA}][A-Za-zＡ-Ｚａ-ｚ]{{1,2}}(?=[{_KATAKANA}])")


@functools.cache
def _wording() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Japanese text, Latin letters inside a katakana word, a word, a Latin letter: what :func:`mixed_script` reads.

    Compiled on first use: the quick check needs only the two patterns above, and the Japanese
    ranges alone take longer to compile than the rest of this module takes to load.
    """
    return (
        re.compile("[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]"),
        re.compile(f"(?<=[{_KATAKANA}])[A-Za-zＡ-Ｚａ-ｚ]{{1,2}}(?=[{_KATAKANA}])"),
        re.compile(r"[^\W\d_]+"),
        re.compile("[A-Za-z\u00c0-\u024f]"),
    )


def mixed_script(text: str) -> str | None:
    """What in ``text`` mixes scripts as text extraction does, or ``None`` if nothing does.

    Cyrillic or Greek letters in Japanese text (「デジタルデバйд」), Latin letters inside a
    katakana word (「デバinド」), and words whose letters come from Latin and Cyrillic or Greek.

    >>> mixed_script("デジタルデバйд")
    "'й', 'д' in Japanese text"
    >>> mixed_script("DX・情報化についての職員育成") is None
    True
    """
    japanese, latin_in_kana, word, latin = _wording()
    if japanese.search(text):
        foreign = list(dict.fromkeys(_FOREIGN.findall(text)))
        if foreign:
            return ", ".join(repr(char) for char in foreign) + " in Japanese text"
        wedged = latin_in_kana.search(text)
        if wedged:
            return f"{wedged[0]!r} inside a katakana word"
    for found in word.findall(text):
        if latin.search(found) and _FOREIGN.search(found):
            return f"{found!r} mixes Latin and Cyrillic or Greek letters"
    return None


_IMPLEMENTED = {level.value: level.implemented for level in Level}


def _ratio(value: Any) -> tuple[int, int] | None:
    """A schema-valid rate as ``(numerator, denominator)``, or ``None`` at any doubt."""
    try:
        if type(value) is float:
            # The decimal its repr writes, as everywhere (parse_rate): the reader's floats stand for those exactly.
            return _float_ratio(value)
        if type(value) is int:
            return value, 1
        if type(value) is Decimal:
            return value.as_integer_ratio() if value.is_finite() and decimal_in_range(value) else None
        if type(value) is str:
            return _text_ratio(value.strip())
    except (ValueError, ArithmeticError):
        return None
    return None


def _float_ratio(value: float) -> tuple[int, int]:
    """The decimal ``repr(value)`` writes, as a ratio (what :func:`~tajimi_rules._fractions.parse_rate` reads)."""
    return Decimal(repr(value)).as_integer_ratio()


@functools.lru_cache(maxsize=4096)
def _float_unit_ratio(value: float) -> tuple[int, int] | None:
    """:func:`_unit_ratio` of a float, remembered: a national rate recurs in every body's file."""
    return _unit_ratio(value)


def _text_ratio(text: str) -> tuple[int, int] | None:
    """``"12.5%"``, ``"3/4"`` or ``"0.75"`` as ``(numerator, denominator)``; raises on a malformed text."""
    if text[-1:] in ("%", "％"):
        numerator, denominator = Decimal(text[:-1]).as_integer_ratio()
        return numerator, denominator * 100
    top, slash, bottom = text.partition("/")
    if slash:
        return (int(top), int(bottom)) if int(bottom) > 0 else None
    return Decimal(text).as_integer_ratio()


_COMMON = {level.value: level.common for level in Level}


def _unit_ratio(value: Any) -> tuple[int, int] | None:
    """A schema-valid rate as an exact ratio in [0, 1], or ``None`` at any doubt."""
    ratio = _ratio(value)
    return ratio if ratio is not None and 0 <= ratio[0] <= ratio[1] else None


def _items_tally(  # noqa: PLR0912 - one loop for every item of every file validated: split, it costs a call an item
    items: Sequence[Mapping[str, Any]], common_at: CommonAt | None, names: list[str]
) -> tuple[dict[str, int], int] | None:
    """How many named items stand at each level and how many are implemented; ``None`` if one is in doubt.

    An item is in doubt when its rates, level, implementation and cost may disagree. Each
    item's names are added to ``names``. One loop does it all: it runs once for every item of
    every file validated.
    """
    numerator, denominator, strict, graded_key = common_at if common_at is not None else (0, 1, False, "")
    by_level = dict.fromkeys(_IMPLEMENTED, 0)
    implemented_count = 0
    for item in items:
        item_name = item["name"]
        names += (item_name["ja"], item_name.get("en", ""))
        graded = None
        # The two rate keys written out: a loop over them costs a tenth of the whole.
        if "national_rate" in item:
            value = item["national_rate"]
            if (ratio := _float_unit_ratio(value) if type(value) is float else _unit_ratio(value)) is None:
                return None
            if graded_key == "national_rate":
                graded = ratio
        if "prefecture_rate" in item:
            value = item["prefecture_rate"]
            if (ratio := _float_unit_ratio(value) if type(value) is float else _unit_ratio(value)) is None:
                return None
            if graded_key == "prefecture_rate":
                graded = ratio
        if "cost" in item and type(item["cost"]) is str and _ratio(item["cost"]) is None:
            return None
        level = item.get("level")
        if level is None:
            implemented_count += bool(item.get("implemented"))
            continue
        by_level[level] += 1
        implemented = _IMPLEMENTED[level]
        implemented_count += implemented
        if (stated := item.get("implemented")) is None:
            continue
        if stated is not implemented:
            return None
        if graded is not None:
            left, right = graded[0] * denominator, numerator * graded[1]
            if (left > right if strict else left >= right) is not _COMMON[level]:
                return None
    return by_level, implemented_count


def _category_clean(category: Mapping[str, Any], common_at: CommonAt | None, names: list[str]) -> bool:
    """Whether one category's items agree with themselves and fit in its counts; its names go to ``names``."""
    group, name = category["group"], category["name"]
    names += (group["ja"], group.get("en", ""), name["ja"], name.get("en", ""))
    items = category.get("items", ())
    tally = _items_tally(items, common_at, names)
    if tally is None or len({item["id"] for item in items}) != len(items):
        return False
    counts = category.get("counts")
    if counts is None:
        return True
    total = sum(counts.values())
    if total == 0 or len(items) > total:
        return False
    by_level, implemented_count = tally
    for level, count in by_level.items():
        if count > counts[level]:
            return False
    implemented_room = counts["advanced"] + counts["standard"]
    return bool(implemented_count <= implemented_room and len(items) - implemented_count <= total - implemented_room)


def evaluation_clean(
    data: Mapping[str, Any],
    *,
    common_at: CommonAt | None,
    ratings: Collection[Rating],
    rule_set_ids: Collection[str],
    today: datetime.date | None = None,
) -> bool:
    """Whether a schema-valid evaluation value has no problem of meaning, decided quickly.

    ``True`` means :func:`~tajimi_rules.documents._meaning.rate_problems` and
    :func:`~tajimi_rules.documents._meaning.evaluation_problems` (with the same arguments:
    ``common_at`` is their ``grading`` as :meth:`~tajimi_rules.rules.ItemGrading.common_at`
    gives it) find nothing, neither error nor warning; ``False`` means they may find
    something and must be run to say what. Nothing is structured and no fraction built, so
    valid documents are checked at the speed of a loop over their items.
    """
    code = data["municipality"]["code"]
    categories = data["categories"]
    if (
        int(code[5]) != check_digit_unchecked(code[:5])
        or data["survey"]["fiscal_year"] > current_fiscal_year(today)
        or ("rules" in data and data["rules"] not in rule_set_ids)
        or len({category["id"] for category in categories}) != len(categories)
    ):
        return False
    stated = {rating.value for rating in ratings}
    municipality = data["municipality"]
    # Every text evaluation_problems checks for mixed scripts, gathered on the way.
    names = [
        data.get("title", ""),
        municipality["name"],
        municipality["prefecture"],
        municipality.get("name_en", ""),
        data["survey"]["title"],
    ]
    for category in categories:
        if "stated_rating" in category and category["stated_rating"] not in stated:
            return False
        if not _category_clean(category, common_at, names):
            return False
    texts = "\n".join(names)
    return not (_FOREIGN.search(texts) or _LATIN_IN_KANA_ANYWHERE.search(texts))
