"""Survey answers: the bodies that answered and, per body, one answer per catalog item.

Two layouts are read into one :class:`Answers` value (see :func:`~tajimi_rules.survey.read_answers`):
a long CSV (:mod:`._csv`) and the wide spreadsheets the survey is published as (:mod:`._xlsx`).
Readers do not raise for bad content: an :class:`Answers` carries every problem found, located
by ``line`` and ``column``, and leaves out the rows that had one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from .._arguments import check_type
from .._errors import Problem, Severity
from ..model import Answer, Catalog

__all__ = ["PREFECTURES", "Answers", "Body", "check_answers"]

PREFECTURES: Mapping[str, str] = MappingProxyType({
    "01": "北海道", "02": "青森県", "03": "岩手県", "04": "宮城県", "05": "秋田県", "06": "山形県",
    "07": "福島県", "08": "茨城県", "09": "栃木県", "10": "群馬県", "11": "埼玉県", "12": "千葉県",
    "13": "東京都", "14": "神奈川県", "15": "新潟県", "16": "富山県", "17": "石川県", "18": "福井県",
    "19": "山梨県", "20": "長野県", "21": "岐阜県", "22": "静岡県", "23": "愛知県", "24": "三重県",
    "25": "滋賀県", "26": "京都府", "27": "大阪府", "28": "兵庫県", "29": "奈良県", "30": "和歌山県",
    "31": "鳥取県", "32": "島根県", "33": "岡山県", "34": "広島県", "35": "山口県", "36": "徳島県",
    "37": "香川県", "38": "愛媛県", "39": "高知県", "40": "福岡県", "41": "佐賀県", "42": "長崎県",
    "43": "熊本県", "44": "大分県", "45": "宮崎県", "46": "鹿児島県", "47": "沖縄県",
})  # fmt: skip
"""The 47 prefectures by the two-digit code that starts every local-government code (JIS X 0401)."""


@attrs.frozen(kw_only=True)
class Body:
    """One local government that answered: its 6-digit code, name and prefecture."""

    code: str
    name: str
    prefecture: str

    @property
    def prefecture_code(self) -> str:
        """The two digits that name the prefecture ("21" for Gifu)."""
        return self.code[:2]

    @property
    def is_prefecture(self) -> bool:
        """Whether this body is a prefectural government (body number 000)."""
        return self.code[2:5] == "000"


@attrs.frozen(kw_only=True)
class Answers:
    """Every body's answers, one :class:`Answer` per catalog item (in catalog order).

    An item a body has no row or cell for is ``NOT_ANSWERED``. ``problems`` lists what
    was wrong in the file; rows with problems are not in ``answers``.
    """

    catalog: Catalog
    bodies: tuple[Body, ...]
    answers: tuple[tuple[Answer, ...], ...]
    problems: tuple[Problem, ...] = ()
    file: str | None = None

    @classmethod
    def unread(cls, catalog: Catalog, file: str, problems: Iterable[Problem]) -> Answers:
        """No answers: the file could not be read, for the reasons in ``problems``."""
        return cls(catalog=catalog, bodies=(), answers=(), problems=tuple(problems), file=file)

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems of severity error (a batch stops at them unless told to keep going)."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    def of(self, code: str) -> dict[str, Answer]:
        """One body's answers by item id; :class:`KeyError` for an unknown code."""
        for body, row in zip(self.bodies, self.answers, strict=True):
            if body.code == code:
                return {item.id: answer for item, answer in zip(self.catalog.items, row, strict=True)}
        raise KeyError(code)


def check_answers(value: object, function: str) -> None:
    """Raise :class:`TypeError` unless ``value`` (``function``'s argument ``answers``) is read answers."""
    check_type(value, Answers, function=function, parameter="answers", expected=_AN_ANSWERS)


_AN_ANSWERS = "an Answers (read one with read_answers())"
