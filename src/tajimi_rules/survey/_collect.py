"""Gathering answers row by row, as both readers do: body codes, names, answers, each problem located.

:class:`Collector` is fed one row at a time by a reader (:mod:`._csv`, :mod:`._xlsx`), which
says where the row is with a :class:`Place`; it checks the body's code and name, records each
answer by its meaning, and turns what is wrong into problems at the row's line and column.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

import attrs

from .._errors import Problem, Severity, phrase
from ..documents._meaning import check_digit
from ..documents._schemas import did_you_mean, schema
from ..model import Answer, AnswerVocabulary, Catalog
from ._answers import PREFECTURES, Answers, Body
from ._codes import Code, Digits, normalize_code
from ._problem import problem

__all__ = ["Collector", "Place", "normalize", "unreadable"]

_CODE = re.compile(r"^[0-9]{6}$")


def normalize(text: str) -> str:
    """``text`` in NFKC normal form (full-width digits and letters made plain), stripped."""
    return unicodedata.normalize("NFKC", text).strip()


@attrs.frozen
class Place:
    """Where a row is: its line (a CSV line, a spreadsheet row) and how its columns are named."""

    line: int
    name: Callable[[int], str]
    """A column's name by its 1-based number: ``column 'item'`` in a CSV, ``cell D12`` in a spreadsheet."""

    def at(self, column: int | None) -> str:
        """The locator that starts a message about ``column`` (nothing when there is no column)."""
        return f"{self.name(column)}: " if column is not None else ""


@attrs.frozen
class _Fault:
    """Why a text is not what it should be: a problem code, its fields, what was expected and found."""

    code: str
    fields: dict[str, Any]
    expected: str
    found: str


@cache
def _name_limit() -> int:
    """The longest body name an evaluation file may hold, as its schema says."""
    limit: int = schema("evaluation")["properties"]["municipality"]["properties"]["name"]["maxLength"]
    return limit


def _name_fault(name: str) -> _Fault | None:
    """Why ``name`` cannot be a body's name, or ``None``."""
    limit = _name_limit()
    if len(name) > limit:
        return _Fault(
            "answers.long_name",
            {"length": len(name), "limit": limit},
            f"at most {limit} characters",
            f"{len(name)} characters",
        )
    controls = sorted({char for char in name if unicodedata.category(char) in ("Cc", "Cs")})
    if controls:
        shown = ", ".join(f"U+{ord(char):04X}" for char in controls)
        return _Fault("answers.bad_name", {"controls": shown}, "printable text", shown)
    return None


def _code_fault(raw: str, digits: Digits | None = None) -> str | Code | _Fault:
    """The body code in ``raw`` (normalized), or why it is not one.

    A 5-digit code is completed with its check digit, a code that lost its leading zero gets it
    back (a :class:`Code` saying which), as the column's form ``digits`` decides (see
    :func:`~tajimi_rules.survey.normalize_code`).
    """
    code = normalize(raw)
    if len(code) in (4, 5) and code.isdigit():
        found = normalize_code(code, digits=digits)
        if isinstance(found, Code):
            return found
    if not _CODE.match(code) or code[:2] not in PREFECTURES:
        return _Fault(
            "answers.bad_code",
            {"raw": raw},
            "6 digits, the first two a prefecture's number (01 to 47), the last a check digit",
            repr(raw),
        )
    expected = check_digit(code[:5])
    if int(code[5]) != expected:
        return _Fault("answers.check_digit", {"code": code}, f"{code[:5]}{expected}", code)
    return code


class Collector:
    """Gathers bodies and answers row by row, with every problem located.

    A reader's fast path may read ``rows``, ``item_index``, ``meanings`` and ``valid_codes``
    directly to record a well-formed answer of a body already seen.
    """

    def __init__(self, catalog: Catalog, file: str) -> None:
        self.catalog = catalog
        self.file = file
        self.item_index = catalog.item_index()
        # Items as people name them: by their Japanese (or English) name, as well as by id.
        self.item_names = {
            normalize(text): index
            for index, item in enumerate(catalog.items)
            for text in (item.name.ja, item.name.en)
            if text
        }
        self.vocabulary = catalog.answers
        self.problems: list[Problem] = []
        self.rows: dict[str, list[Answer | None]] = {}
        self.names: dict[str, str] = {}
        self.codes: dict[str, str | _Fault] = {}
        self.valid_codes: dict[str, str] = {}
        self.refused: set[str] = set()
        self.meanings: dict[str, Answer | None] = {}
        self.width = len(self.item_index)
        self.digits: Digits | None = None
        self.completed: set[str] = set()
        self.restored: set[str] = set()
        # An overlay's per-item readings: those items never take the fast path's shared meanings.
        own: Mapping[str, AnswerVocabulary] = getattr(catalog, "item_answers", {})
        self.item_vocabularies = {self.item_index[item]: vocabulary for item, vocabulary in own.items()}

    def problem(self, code: str, fields: dict[str, Any], *, line: int, column: int | None, **rest: Any) -> None:
        """Record the problem ``code`` at ``line`` and ``column`` of the file."""
        self.problems.append(problem(code, fields, file=self.file, line=line, column=column, **rest))

    def _fault(self, fault: _Fault, place: Place, column: int | None) -> None:
        fields = {"at": place.at(column), **fault.fields}
        self.problem(fault.code, fields, line=place.line, column=column, expected=fault.expected, found=fault.found)

    def code(self, raw: str, place: Place, column: int) -> str | None:
        """The body code in ``raw``, or ``None`` after recording why it is not one."""
        known = self.codes.get(raw)
        if known is None:
            found = _code_fault(raw, self.digits)
            if isinstance(found, Code):
                if found.completed:
                    self.completed.add(found.code)
                if found.restored:
                    self.restored.add(found.code)
                found = found.code
            known = self.codes[raw] = found
            if isinstance(known, str):
                self.valid_codes[raw] = known
        if isinstance(known, _Fault):
            self._fault(known, place, column)
            return None
        return known

    def meaning(self, raw: str) -> Answer | None:
        """What an answer text means in the catalog's vocabulary (``None``: it is not in it)."""
        if raw in self.meanings:
            return self.meanings[raw]
        answer = self.meanings[raw] = self.vocabulary.read(raw)
        return answer

    def body(self, code: str, name: str, prefecture: str, place: Place, columns: tuple[int | None, int | None]) -> bool:
        """Record a body on its first row (``columns``: name and prefecture); ``False`` if it is refused.

        A body whose name cannot be written is refused once, with a problem at its first row;
        its other rows are left out quietly.
        """
        if code in self.rows:
            return True
        if code in self.refused:
            return False
        name_column, prefecture_column = columns
        text = normalize(name)
        fault = _name_fault(text)
        if fault is not None:
            self._fault(fault, place, name_column)
            self.refused.add(code)
            return False
        self.rows[code] = [None] * self.width
        self.names[code] = text or code
        given = normalize(prefecture)
        canonical = PREFECTURES[code[:2]]
        if given and given != canonical:
            self.problem(
                "answers.prefecture_mismatch",
                {"given": given, "code": code, "canonical": canonical},
                line=place.line,
                column=prefecture_column,
                expected=canonical,
                found=given,
                severity=Severity.WARNING,
            )
        return True

    def record(self, code: str, item: str, answer: str, place: Place, columns: tuple[int, int]) -> None:
        """Record one answer of an already-checked body (``columns``: item and answer column numbers)."""
        item_column, answer_column = columns
        index = self.item_index.get(item)
        if index is None:
            index = self.item_index.get(normalize(item), self.item_names.get(normalize(item)))
        if index is None:
            close = did_you_mean(normalize(item), [*self.item_index, *self.item_names])
            self.problem(
                "answers.unknown_item",
                {
                    "at": place.at(item_column),
                    "item": item,
                    "catalog": self.catalog.id,
                    "hint": phrase("answers.did_you_mean", name=close) if close else "",
                },
                line=place.line,
                column=item_column,
                expected=phrase("answers.expected_item"),
                found=repr(item),
            )
            return
        own = self.item_vocabularies.get(index)
        meaning = (own.read(answer) if own is not None else None) or self.meaning(answer)
        if meaning is None:
            self.problem(
                "answers.unknown_answer",
                {"at": place.at(answer_column), "answer": answer},
                line=place.line,
                column=answer_column,
                expected=phrase("survey.expected.answer_text", examples=", ".join(map(repr, self._examples()))),
                found=repr(answer),
            )
            return
        row = self.rows[code]
        if row[index] is not None:
            self.problem(
                "answers.duplicate",
                {"at": place.at(item_column), "code": code, "item": item},
                line=place.line,
                column=item_column,
                expected=phrase("survey.expected.one_answer"),
                found="a second answer",
            )
            return
        row[index] = meaning

    def _examples(self) -> list[str]:
        vocabulary = self.vocabulary
        return [*vocabulary.implemented[:1], *vocabulary.not_implemented[:1], *vocabulary.not_answered[:1]]

    def result(self) -> Answers:
        """The answers gathered so far, bodies in code order, with every problem recorded.

        Codes completed or restored are reported in one warning (how many of each).
        """
        codes = sorted(self.rows)
        if self.completed or self.restored:
            completed, restored = len(self.completed), len(self.restored)
            self.problems.append(
                problem(
                    "answers.codes_normalised",
                    {"completed": completed, "restored": restored},
                    file=self.file,
                    severity=Severity.WARNING,
                    expected="6-digit codes",
                    found=f"{completed} + {restored}",
                )
            )
        return Answers(
            catalog=self.catalog,
            bodies=tuple(Body(code=code, name=self.names[code], prefecture=PREFECTURES[code[:2]]) for code in codes),
            answers=tuple(
                tuple(Answer.NOT_ANSWERED if answer is None else answer for answer in self.rows[code]) for code in codes
            ),
            problems=tuple(self.problems),
            file=self.file,
        )


def unreadable(catalog: Catalog, file: str, error: OSError) -> Answers:
    """No answers, and why: the answers file could not be read (missing, no permission, ...)."""
    fault = problem(
        "file.missing" if isinstance(error, FileNotFoundError) else "file.unreadable",
        {"reason": error.strerror or str(error)},
        text_id="survey.unreadable_file",
        file=file,
        expected=phrase("survey.expected.readable_file"),
        found=type(error).__name__,
    )
    return Answers.unread(catalog, file, (fault,))
