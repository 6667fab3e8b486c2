"""Reading survey answers: a long CSV, or the wide spreadsheets the survey is published as.

Two layouts are read into one :class:`Answers` value (bodies, and per body one
:class:`~tajimi_rules.Answer` per catalog item):

* **long CSV**: a header and one row per body and item, with the columns ``code``,
  ``item``, ``answer`` and optionally ``name`` and ``prefecture`` (Japanese headers
  団体コード, 項目, 回答, 団体名, 都道府県 are accepted too). UTF-8 with or without a
  byte-order mark, or Shift_JIS / cp932 as Japanese spreadsheet exports write it.
* **wide .xlsx**: one row per body, one column per item, read through openpyxl (the
  ``xlsx`` extra) with a small JSON mapping from column letters to item ids.

Nothing here raises for bad content. Every problem carries the file, and ``line`` and
``column``: for a CSV, the line number in the file (the header is line 1) and the 1-based
field number; for a spreadsheet, the row number and the 1-based column number (the message
also gives the cell, e.g. ``D12``). Rows with problems are left out of the answers; whether
the rest may be used is the caller's decision (``batch --keep-going``).
"""

from __future__ import annotations

import csv
import importlib
import io
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs

from .._errors import Problem, Severity, pointer
from ..documents._jsonio import read_json
from ..documents._meaning import check_digit
from ..documents._schemas import schema
from ..model import Answer, Catalog

__all__ = [
    "PREFECTURES",
    "Answers",
    "Body",
    "read_answers",
    "read_long_csv",
    "read_wide_xlsx",
]

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

_CODE = re.compile(r"^[0-9]{6}$")

_COLUMNS = {
    "code": "code",
    "団体コード": "code",
    "item": "item",
    "項目": "item",
    "answer": "answer",
    "回答": "answer",
    "name": "name",
    "団体名": "name",
    "prefecture": "prefecture",
    "都道府県": "prefecture",
    "都道府県名": "prefecture",
}
_REQUIRED = ("code", "item", "answer")


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

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems of severity error (those that stop a run without ``--keep-going``)."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    def of(self, code: str) -> dict[str, Answer]:
        """One body's answers by item id; :class:`KeyError` for an unknown code."""
        for body, row in zip(self.bodies, self.answers, strict=True):
            if body.code == code:
                return {item.id: answer for item, answer in zip(self.catalog.items, row, strict=True)}
        raise KeyError(code)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


@cache
def _name_limit() -> int:
    """The longest body name an evaluation file may hold, as its schema says."""
    limit: int = schema("evaluation")["properties"]["municipality"]["properties"]["name"]["maxLength"]
    return limit


def _name_fault(name: str) -> tuple[str, str, str, str] | None:
    """Why ``name`` cannot be a body's name (message, Japanese message, expected, found), or ``None``."""
    limit = _name_limit()
    if len(name) > limit:
        return (
            f"the name is {len(name)} characters long, longer than {limit}",
            f"団体名が {len(name)} 文字で、{limit} 文字を超えている",
            f"at most {limit} characters",
            f"{len(name)} characters",
        )
    controls = sorted({char for char in name if unicodedata.category(char) in ("Cc", "Cs")})
    if controls:
        shown = ", ".join(f"U+{ord(char):04X}" for char in controls)
        return (
            f"the name contains control characters ({shown})",
            f"団体名に制御文字 ({shown}) が含まれている",
            "printable text",
            shown,
        )
    return None


class _Collector:
    """Gathers bodies and answers row by row, with every problem located."""

    def __init__(self, catalog: Catalog, file: str) -> None:
        self.catalog = catalog
        self.file = file
        self.item_index = catalog.item_index()
        self.vocabulary = catalog.answers
        self.problems: list[Problem] = []
        self.rows: dict[str, list[Answer | None]] = {}
        self.names: dict[str, str] = {}
        self.codes: dict[str, str | Problem] = {}
        self.valid_codes: dict[str, str] = {}
        self.refused: set[str] = set()
        self.meanings: dict[str, Answer | None] = {}
        self.width = len(self.item_index)

    def problem(self, line: int, column: int | None, **fields: Any) -> None:
        self.problems.append(Problem(file=self.file, line=line, column=column, **fields))

    def code(self, raw: str, line: int, column: int, where: Callable[[int], str]) -> str | None:
        """The body code in ``raw``, or ``None`` after recording why it is not one."""
        known = self.codes.get(raw)
        if known is None:
            known = _check_code(raw)
            self.codes[raw] = known
            if isinstance(known, str):
                self.valid_codes[raw] = known
        if isinstance(known, Problem):
            at = where(column)
            self.problems.append(
                attrs.evolve(
                    known,
                    file=self.file,
                    line=line,
                    column=column,
                    message=f"{at}: {known.message}",
                    message_ja=f"{at}: {known.message_ja}",
                )
            )
            return None
        return known

    def meaning(self, raw: str) -> Answer | None:
        if raw in self.meanings:
            return self.meanings[raw]
        answer = self.vocabulary.read(raw)
        self.meanings[raw] = answer
        return answer

    def body(
        self,
        code: str,
        name: str,
        prefecture: str,
        *,
        line: int,
        columns: tuple[int | None, int | None],
        where: Callable[[int], str],
    ) -> bool:
        """Record a body on its first row (``columns``: name and prefecture); ``False`` if it is refused.

        A body whose name cannot be written is refused once, with a problem at its first row;
        its other rows are left out quietly.
        """
        if code in self.rows:
            return True
        if code in self.refused:
            return False
        name_column, prefecture_column = columns
        text = _norm(name)
        fault = _name_fault(text)
        if fault is not None:
            message, message_ja, expected, found = fault
            at = f"{where(name_column)}: " if name_column is not None else ""
            self.problem(
                line,
                name_column,
                code="answers.bad_name",
                message=f"{at}{message}",
                message_ja=f"{at}{message_ja}",
                expected=expected,
                found=found,
            )
            self.refused.add(code)
            return False
        self.rows[code] = [None] * self.width
        self.names[code] = text or code
        given = _norm(prefecture)
        canonical = PREFECTURES[code[:2]]
        if given and given != canonical:
            self.problem(
                line,
                prefecture_column,
                code="answers.prefecture_mismatch",
                message=f"prefecture {given!r} does not match code {code}, which is in {canonical}",
                message_ja=f"都道府県 {given!r} がコード {code} の都道府県 {canonical} と一致しない",
                expected=canonical,
                found=given,
                severity=Severity.WARNING,
            )
        return True

    def result(self) -> Answers:
        codes = sorted(self.rows)
        return Answers(
            catalog=self.catalog,
            bodies=tuple(Body(code=code, name=self.names[code], prefecture=PREFECTURES[code[:2]]) for code in codes),
            answers=tuple(
                tuple(Answer.NOT_ANSWERED if answer is None else answer for answer in self.rows[code]) for code in codes
            ),
            problems=tuple(self.problems),
            file=self.file,
        )


def _check_code(raw: str) -> str | Problem:
    code = _norm(raw)
    if not _CODE.match(code):
        return Problem(
            code="answers.bad_code",
            message=f"{raw!r} is not a 6-digit local-government code",
            message_ja=f"{raw!r} は6桁の地方公共団体コードではない",
            expected="6 digits, the last a check digit",
            found=repr(raw),
        )
    if code[:2] not in PREFECTURES:
        return Problem(
            code="answers.bad_code",
            message=f"code {code} names no prefecture (its first two digits must be 01 to 47)",
            message_ja=f"コード {code} の都道府県コードが 01〜47 ではない",
            expected="a code starting 01 to 47",
            found=code,
        )
    expected = check_digit(code[:5])
    if int(code[5]) != expected:
        return Problem(
            code="answers.check_digit",
            message=f"local-government code {code} has a wrong check digit",
            message_ja=f"地方公共団体コード {code} の検査数字が誤っている",
            expected=f"{code[:5]}{expected}",
            found=code,
        )
    return code


def _record(
    collector: _Collector,
    *,
    line: int,
    code: str,
    item: str,
    answer: str,
    columns: tuple[int, int],
    where: Callable[[int], str],
) -> None:
    """Record one answer of an already-checked body (``columns``: item and answer column numbers)."""
    item_column, answer_column = columns
    index = collector.item_index.get(item)
    if index is None:
        stripped = _norm(item)
        index = collector.item_index.get(stripped)
        if index is None:
            collector.problem(
                line,
                item_column,
                code="answers.unknown_item",
                message=f"{where(item_column)}: item {item!r} is not in catalog {collector.catalog.id!r}",
                message_ja=f"{where(item_column)}: 項目 {item!r} はカタログ {collector.catalog.id!r} にない",
                expected="an item id of the catalog",
                found=repr(item),
            )
            return
    meaning = collector.meaning(answer)
    if meaning is None:
        collector.problem(
            line,
            answer_column,
            code="answers.unknown_answer",
            message=f"{where(answer_column)}: answer {answer!r} is not in the catalog's answer vocabulary",
            message_ja=f"{where(answer_column)}: 回答 {answer!r} はカタログの回答語彙にない",
            expected="an answer text listed in the catalog (e.g. "
            + ", ".join(repr(t) for t in _examples(collector))
            + ")",
            found=repr(answer),
        )
        return
    row = collector.rows[code]
    if row[index] is not None:
        collector.problem(
            line,
            item_column,
            code="answers.duplicate",
            message=f"{where(item_column)}: body {code} answers item {item!r} more than once",
            message_ja=f"{where(item_column)}: 団体 {code} の項目 {item!r} への回答が重複している",
            expected="one answer per body and item",
            found="a second answer",
        )
        return
    row[index] = meaning


def _examples(collector: _Collector) -> list[str]:
    vocabulary = collector.vocabulary
    return [*vocabulary.implemented[:1], *vocabulary.not_implemented[:1], *vocabulary.not_answered[:1]]


def _decode(data: bytes, encoding: str | None, file: str) -> tuple[str | None, Problem | None]:
    if data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], encoding or "utf-8"
    tries = [encoding] if encoding else ["utf-8", "cp932"]
    failure: UnicodeDecodeError | None = None
    for name in tries:
        try:
            return data.decode(name), None
        except UnicodeDecodeError as error:
            failure = failure or error
        except LookupError:
            return None, Problem(
                code="answers.encoding",
                message=f"unknown text encoding {name!r}",
                file=file,
                expected="utf-8, cp932 or shift_jis",
                found=repr(name),
            )
    assert failure is not None
    line = data.count(b"\n", 0, failure.start) + 1
    column = failure.start - (data.rfind(b"\n", 0, failure.start) + 1) + 1
    if encoding:
        message = f"the file is not {encoding} text (the encoding given)"
        message_ja = f"ファイルが指定のエンコーディング {encoding} のテキストではない"
    else:
        message = "the file is neither UTF-8 nor Shift_JIS (cp932) text"
        message_ja = "ファイルが UTF-8 でも Shift_JIS (cp932) でもない"
    return None, Problem(
        code="answers.encoding",
        message=message,
        message_ja=message_ja,
        file=file,
        line=line,
        column=column,
        expected=" or ".join(tries),
        found=f"byte 0x{data[failure.start]:02x} at offset {failure.start}",
    )


def read_long_csv(
    source: str | os.PathLike[str] | bytes,
    catalog: Catalog,
    *,
    name: str | None = None,
    encoding: str | None = None,
) -> Answers:
    """Read a long CSV (``code,item,answer[,name,prefecture]``) against ``catalog``.

    ``encoding`` forces one (``"utf-8"``, ``"cp932"``, ...); by default UTF-8 is tried (a
    byte-order mark is allowed), then cp932.
    """
    if isinstance(source, bytes):
        file, data = name or "<bytes>", source
    else:
        file = name or os.fspath(source)
        try:
            data = Path(source).read_bytes()
        except OSError as error:
            return _unreadable(catalog, file, error)
    text, fault = _decode(data, encoding, file)
    if text is None:
        assert fault is not None
        return Answers(catalog=catalog, bodies=(), answers=(), problems=(fault,), file=file)
    collector = _Collector(catalog, file)
    reader = csv.reader(io.StringIO(text, newline=""))
    records = _records(reader, collector)
    header = next(records, None)
    columns: dict[str, int] = {}
    for index, title in enumerate(header or ()):
        key = _COLUMNS.get(_norm(title).casefold())
        if key is not None and key not in columns:
            columns[key] = index
    missing = [key for key in _REQUIRED if key not in columns]
    if missing:
        collector.problem(
            1,
            None,
            code="answers.missing_column",
            message=f"the header has no column {', '.join(repr(m) for m in missing)}",
            message_ja=f"見出し行に列 {', '.join(repr(m) for m in missing)} がない",
            expected="a header with code, item, answer (and optionally name, prefecture)",
            found=", ".join(repr(t) for t in header) if header else "no header",
        )
        return collector.result()
    code_at, item_at, answer_at = columns["code"], columns["item"], columns["answer"]
    name_at, prefecture_at = columns.get("name"), columns.get("prefecture")
    needed = max(code_at, item_at, answer_at) + 1
    names = {index: title for title, index in columns.items()}

    def where(column: int) -> str:
        return f"column {names.get(column - 1, column)!r}"

    rows, item_index, meanings = collector.rows, collector.item_index, collector.meanings
    codes = collector.valid_codes
    for row in records:
        # The common case, a well-formed answer of a body already seen, costs a few lookups.
        if len(row) >= needed:
            known = rows.get(codes.get(row[code_at], ""))
            if known is not None:
                position = item_index.get(row[item_at])
                meaning = meanings.get(row[answer_at])
                if position is not None and meaning is not None and known[position] is None:
                    known[position] = meaning
                    continue
        elif not row:
            continue
        line = reader.line_num
        if len(row) < needed:
            collector.problem(
                line,
                len(row) + 1,
                code="answers.short_row",
                message=f"the row has {len(row)} fields, fewer than the header's columns",
                message_ja=f"行の項目数 {len(row)} が見出しより少ない",
                expected=f"at least {needed} fields",
                found=f"{len(row)} fields",
            )
            continue
        code = collector.code(row[code_at], line, code_at + 1, where)
        if code is None:
            continue
        if not collector.body(
            code,
            row[name_at] if name_at is not None and name_at < len(row) else "",
            row[prefecture_at] if prefecture_at is not None and prefecture_at < len(row) else "",
            line=line,
            columns=(
                name_at + 1 if name_at is not None else None,
                prefecture_at + 1 if prefecture_at is not None else None,
            ),
            where=where,
        ):
            continue
        _record(
            collector,
            line=line,
            code=code,
            item=row[item_at],
            answer=row[answer_at],
            columns=(item_at + 1, answer_at + 1),
            where=where,
        )
    return collector.result()


def _records(reader: Any, collector: _Collector) -> Iterator[list[str]]:
    """The reader's rows; a row the CSV parser refuses (a field too long, ...) is a problem that ends the reading."""
    try:
        yield from reader
    except csv.Error as error:
        collector.problem(
            reader.line_num,
            None,
            code="answers.bad_csv",
            message=f"the CSV cannot be read past this line: {error}; the rest of the file was not read",
            message_ja=f"この行から先の CSV を読めない: {error}。以降は読んでいない",
            expected=f"CSV fields of at most {csv.field_size_limit()} characters",
            found=str(error),
        )


def _unreadable(catalog: Catalog, file: str, error: OSError) -> Answers:
    problem = Problem(
        code="file.missing" if isinstance(error, FileNotFoundError) else "file.unreadable",
        message=f"cannot read the answers file: {error.strerror or error}",
        message_ja=f"回答ファイルを読めない: {error.strerror or error}",
        file=file,
        expected="a readable answers file",
        found=type(error).__name__,
    )
    return Answers(catalog=catalog, bodies=(), answers=(), problems=(problem,), file=file)


# -- wide spreadsheets -------------------------------------------------------------------------

_LETTERS = re.compile(r"^[A-Z]{1,3}$")


def _column_number(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + (ord(char) - ord("A") + 1)
    return number


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@attrs.frozen(kw_only=True)
class _Mapping:
    sheet: str | None
    first_row: int
    code: int
    name: int | None
    prefecture: int | None
    items: tuple[tuple[int, str], ...]


def _mapping_problems(data: Any, catalog: Catalog, file: str) -> tuple[_Mapping | None, list[Problem]]:
    """Read ``{"sheet", "first_row", "code", "name", "prefecture", "items": {"D": "item-id"}}``."""
    problems: list[Problem] = []

    def bad(where: tuple[str | int, ...], message: str, expected: str, found: Any) -> None:
        problems.append(
            Problem(
                code="mapping.invalid",
                message=message,
                file=file,
                pointer=pointer(*where),
                expected=expected,
                found=repr(found),
            )
        )

    if not isinstance(data, dict):
        bad((), "the column mapping is not a JSON object", "a JSON object", data)
        return None, problems
    allowed = {"$schema", "sheet", "first_row", "code", "name", "prefecture", "items"}
    for key in data:
        if key not in allowed:
            bad((key,), f"unknown key {key!r}", "one of " + ", ".join(sorted(allowed)), key)

    def letters(key: str, required: bool) -> int | None:
        value = data.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not _LETTERS.match(value):
            bad((key,), f"{key} must name a column by its letters", "column letters such as 'A'", value)
            return None
        return _column_number(value)

    sheet = data.get("sheet")
    if sheet is not None and not isinstance(sheet, str):
        bad(("sheet",), "sheet must be a sheet name", "a string", sheet)
    first_row = data.get("first_row", 2)
    if type(first_row) is not int or first_row < 1:
        bad(("first_row",), "first_row must be a row number", "an integer of at least 1", first_row)
    code = letters("code", True)
    name = letters("name", False)
    prefecture = letters("prefecture", False)
    items_value = data.get("items")
    items: list[tuple[int, str]] = []
    known = catalog.item_index()
    mapped: dict[str, str] = {}
    if not isinstance(items_value, dict) or not items_value:
        bad(("items",), "items must map column letters to item ids", '{"D": "item-id", ...}', items_value)
    else:
        for column, item in items_value.items():
            if not _LETTERS.match(column):
                bad(("items", column), f"{column!r} is not a column", "column letters such as 'D'", column)
            elif not isinstance(item, str):
                bad(("items", column), "an item must be named by its id", "a catalog item id (a string)", item)
            elif item not in known:
                bad(("items", column), f"item {item!r} is not in the catalog", "a catalog item id", item)
            elif item in mapped:
                bad(
                    ("items", column),
                    f"item {item!r} is already mapped from column {mapped[item]}",
                    "each item mapped from one column",
                    item,
                )
            else:
                mapped[item] = column
                items.append((_column_number(column), item))
    if problems or code is None:
        return None, problems
    return _Mapping(
        sheet=sheet,
        first_row=first_row,
        code=code,
        name=name,
        prefecture=prefecture,
        items=tuple(items),
    ), problems


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _load_openpyxl() -> Any:
    try:
        return importlib.import_module("openpyxl")
    except ImportError:
        return None


def read_wide_xlsx(
    source: str | os.PathLike[str],
    catalog: Catalog,
    mapping: str | os.PathLike[str] | Mapping[str, Any],
) -> Answers:
    """Read a wide ``.xlsx`` (one row per body, one column per item) through a column mapping.

    ``mapping`` is a path to a JSON file, or the mapping itself::

        {
            "sheet": "回答",
            "first_row": 3,
            "code": "A",
            "name": "B",
            "prefecture": "C",
            "items": {"D": "cio-adviser", "E": "external-digital-talent"},
        }

    ``first_row`` is the first row of answers (default 2); ``name`` and ``prefecture`` are
    optional. A numeric code cell that lost its leading zero (``11002``) is read as ``011002``.
    Needs openpyxl: ``pip install 'tajimi-rules[xlsx]'``.
    """
    file = os.fspath(source)
    if isinstance(mapping, Mapping):
        mapping_file, data = "<mapping>", dict(mapping)
    else:
        mapping_file = os.fspath(mapping)
        data, read_problems = read_json(mapping)
        if read_problems:
            return Answers(catalog=catalog, bodies=(), answers=(), problems=tuple(read_problems), file=file)
    layout, problems = _mapping_problems(data, catalog, mapping_file)
    if layout is None:
        return Answers(catalog=catalog, bodies=(), answers=(), problems=tuple(problems), file=file)
    openpyxl = _load_openpyxl()
    if openpyxl is None:
        problem = Problem(
            code="answers.xlsx_unavailable",
            message="reading .xlsx needs openpyxl: pip install 'tajimi-rules[xlsx]'",
            message_ja=".xlsx を読むには openpyxl が必要: pip install 'tajimi-rules[xlsx]'",
            file=file,
        )
        return Answers(catalog=catalog, bodies=(), answers=(), problems=(problem,), file=file)
    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except FileNotFoundError as error:
        return _unreadable(catalog, file, error)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        problem = Problem(
            code="answers.not_xlsx",
            message=f"cannot read the workbook: {error}",
            message_ja=f"ワークブックを読めない: {error}",
            file=file,
            expected="an .xlsx workbook",
            found=type(error).__name__,
        )
        return Answers(catalog=catalog, bodies=(), answers=(), problems=(problem,), file=file)
    try:
        if layout.sheet is not None and layout.sheet not in workbook.sheetnames:
            problem = Problem(
                code="answers.missing_sheet",
                message=f"the workbook has no sheet {layout.sheet!r}",
                message_ja=f"ワークブックにシート {layout.sheet!r} がない",
                file=file,
                expected="one of " + ", ".join(repr(n) for n in workbook.sheetnames),
                found=repr(layout.sheet),
            )
            return Answers(catalog=catalog, bodies=(), answers=(), problems=(problem,), file=file)
        sheet = workbook[layout.sheet] if layout.sheet is not None else workbook.active
        rows = sheet.iter_rows(min_row=layout.first_row, values_only=True)
        return _read_rows(rows, layout, catalog, file)
    finally:
        workbook.close()


def _read_rows(rows: Iterable[tuple[object, ...]], layout: _Mapping, catalog: Catalog, file: str) -> Answers:
    collector = _Collector(catalog, file)
    line = layout.first_row - 1
    for values in rows:
        line += 1
        if values is None or all(value is None for value in values):
            continue

        def cell(column: int, values: tuple[object, ...] = values) -> object:
            return values[column - 1] if column <= len(values) else None

        def where(column: int, line: int = line) -> str:
            return f"cell {_column_letters(column)}{line}"

        raw_code = cell(layout.code)
        # A code typed as a number lost its leading zero (11002 or 11002.0 for 011002).
        if (
            isinstance(raw_code, (int, float))
            and not isinstance(raw_code, bool)
            and float(raw_code).is_integer()
            and 0 <= raw_code < 1_000_000
        ):
            code_text = f"{int(raw_code):06d}"
        else:
            code_text = _cell_text(raw_code)
        code = collector.code(code_text, line, layout.code, where)
        if code is None:
            continue
        if code in collector.rows or code in collector.refused:
            collector.problem(
                line,
                layout.code,
                code="answers.duplicate",
                message=f"{where(layout.code)}: body {code} has more than one row",
                message_ja=f"{where(layout.code)}: 団体 {code} の行が重複している",
                expected="one row per body",
                found="a second row",
            )
            continue
        if not collector.body(
            code,
            _cell_text(cell(layout.name)) if layout.name is not None else "",
            _cell_text(cell(layout.prefecture)) if layout.prefecture is not None else "",
            line=line,
            columns=(layout.name, layout.prefecture),
            where=where,
        ):
            continue
        for column, item in layout.items:
            _record(
                collector,
                line=line,
                code=code,
                item=item,
                answer=_cell_text(cell(column)),
                columns=(column, column),
                where=where,
            )
    return collector.result()


def read_answers(
    source: str | os.PathLike[str],
    catalog: Catalog,
    *,
    mapping: str | os.PathLike[str] | Mapping[str, Any] | None = None,
    encoding: str | None = None,
) -> Answers:
    """Read answers: a wide ``.xlsx`` when ``mapping`` is given or the name ends in ``.xlsx``.

    Anything else is read as a long CSV (see :func:`read_long_csv`).
    """
    if Path(source).suffix.lower() == ".xlsx" or mapping is not None:
        if mapping is None:
            problem = Problem(
                code="answers.mapping_missing",
                message="a wide .xlsx needs a column mapping (--mapping)",
                message_ja="横長の .xlsx には列の対応表 (--mapping) が必要",
                file=os.fspath(source),
                expected="a JSON column mapping",
                found="none",
            )
            return Answers(catalog=catalog, bodies=(), answers=(), problems=(problem,), file=os.fspath(source))
        return read_wide_xlsx(source, catalog, mapping)
    return read_long_csv(source, catalog, encoding=encoding)
