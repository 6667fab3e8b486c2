"""Reading a long CSV of answers: a header, then one row per body and item.

The columns are ``code``, ``item``, ``answer`` and optionally ``name`` and ``prefecture``, in any
order (Japanese headers 団体コード, 項目, 回答, 団体名, 都道府県 are accepted too). The file is
UTF-8 with or without a byte-order mark, or Shift_JIS / cp932 as Japanese spreadsheet exports
write it. Every problem carries the line number in the file (the header is line 1) and the
1-based field number.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from .._errors import Phrase, Problem, phrase
from ..documents._jsonio import path_problem, read_bounded
from ..model import Catalog
from ._answers import Answers
from ._codes import code_digits
from ._collect import Collector, Place, normalize, unreadable
from ._problem import problem

__all__ = ["MAX_ANSWERS_BYTES", "decode", "read_long_csv"]

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
_AUTOMATIC = ("utf-8", "cp932")
_AUTOMATIC_NAMES = "UTF-8 / Shift_JIS (cp932)"


def decode(data: bytes, encoding: str | None, file: str) -> str | Problem:
    """The text of ``data`` in ``encoding`` (by default UTF-8, else cp932), or the problem that stops it.

    A UTF-8 byte-order mark is dropped (the file is then UTF-8). With ``encoding`` named, the
    whole file is decoded with it. Otherwise the rule is, line by line (a line is what ends in
    a line feed):

    * the whole file is valid UTF-8: it is UTF-8;
    * some line holds valid non-ASCII UTF-8 and some line is not UTF-8: the file mixes
      encodings (say, one row pasted from a Shift_JIS file) and is refused
      (``answers.mixed_encoding``) with the lines that are not UTF-8. Decoding it whole as
      cp932 would turn every UTF-8 name into other characters without a word;
    * no line holds non-ASCII UTF-8: it is cp932 if the whole file decodes as cp932, else it
      is refused (``answers.encoding``) with the lines that do not.

    A cp932 file a line of which happens to be valid UTF-8 too (a few kana or kanji can be) is
    refused as mixed: naming ``encoding="cp932"`` reads it. An undecodable byte is reported
    at its line and column, and every line that cannot be decoded is listed (the first
    :data:`_LINES_SHOWN`, then how many more).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], encoding or "utf-8"
    if encoding:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            return _undecodable(data, encoding, encoding, file)
        except LookupError:
            return problem(
                "answers.unknown_encoding",
                {"name": encoding},
                file=file,
                expected="utf-8, cp932 or shift_jis",
                found=repr(encoding),
            )
    return _automatic(data, file)


def _automatic(data: bytes, file: str) -> str | Problem:
    """``data`` decoded by the rule :func:`decode` states, with no encoding named."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    if any(not line.isascii() and _decodes(line, "utf-8") for line in lines):
        bad = [number for number, line in enumerate(lines, 1) if not _decodes(line, "utf-8")]
        first = _first_bad(data, "utf-8")
        return problem(
            "answers.mixed_encoding",
            {"lines": _line_list(bad), "count": len(bad)},
            file=file,
            line=first[0],
            column=first[1],
            expected="UTF-8",
            found=phrase("words.byte_at", byte=data[first[2]], offset=first[2]),
        )
    try:
        return data.decode("cp932")
    except UnicodeDecodeError:
        return _undecodable(data, "cp932", _AUTOMATIC_NAMES, file)


_LINES_SHOWN = 8


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _first_bad(data: bytes, encoding: str) -> tuple[int, int, int]:
    """Line, column and offset of the first byte ``encoding`` cannot decode (the data must hold one)."""
    try:
        data.decode(encoding)
    except UnicodeDecodeError as error:
        start = error.start
        return data.count(b"\n", 0, start) + 1, start - (data.rfind(b"\n", 0, start) + 1) + 1, start
    raise AssertionError("the data decodes")  # pragma: no cover - callers pass undecodable data


def _line_list(numbers: list[int]) -> Phrase | str:
    shown = ", ".join(map(str, numbers[:_LINES_SHOWN]))
    more = len(numbers) - _LINES_SHOWN
    return phrase("answers.lines_and_more", lines=shown, more=more) if more > 0 else shown


def _undecodable(data: bytes, encoding: str, names: str, file: str) -> Problem:
    """The problem of ``data`` that ``encoding`` cannot decode: the first bad byte, and every bad line."""
    bad = [number for number, line in enumerate(data.split(b"\n"), 1) if not _decodes(line, encoding)]
    line, column, start = _first_bad(data, encoding)
    return problem(
        "answers.encoding",
        {"encodings": names, "lines": _line_list(bad or [line]), "count": len(bad) or 1},
        file=file,
        line=line,
        column=column,
        expected=encoding,
        found=phrase("words.byte_at", byte=data[start], offset=start),
    )


@attrs.frozen
class _Columns:
    """Where the header puts each column (0-based field numbers; ``name`` and ``prefecture`` may be missing)."""

    code: int
    item: int
    answer: int
    name: int | None
    prefecture: int | None
    titles: dict[int, str]

    @property
    def needed(self) -> int:
        """How many fields a row needs to hold the required columns."""
        return max(self.code, self.item, self.answer) + 1

    def place(self, line: int) -> Place:
        """The row at ``line``, whose columns are named by their header titles."""
        return Place(line, lambda column: f"column {self.titles.get(column - 1, column)!r}")

    def optional(self, row: list[str]) -> tuple[str, str]:
        """The row's name and prefecture, empty where the header or the row lacks them."""
        name, prefecture = self.name, self.prefecture
        return (
            row[name] if name is not None and name < len(row) else "",
            row[prefecture] if prefecture is not None and prefecture < len(row) else "",
        )

    def optional_numbers(self) -> tuple[int | None, int | None]:
        """The 1-based field numbers of the name and prefecture columns."""
        return (
            self.name + 1 if self.name is not None else None,
            self.prefecture + 1 if self.prefecture is not None else None,
        )


def _header(header: list[str] | None, collector: Collector) -> _Columns | None:
    """The columns the header names, or ``None`` after recording which required ones it lacks."""
    columns: dict[str, int] = {}
    for index, title in enumerate(header or ()):
        key = _COLUMNS.get(normalize(title).casefold())
        if key is not None and key not in columns:
            columns[key] = index
    missing = [key for key in _REQUIRED if key not in columns]
    if missing:
        collector.problem(
            "answers.missing_column",
            {"columns": ", ".join(repr(key) for key in missing)},
            line=1,
            column=None,
            expected=phrase("survey.expected.header"),
            found=", ".join(repr(title) for title in header) if header else "no header",
        )
        return None
    return _Columns(
        code=columns["code"],
        item=columns["item"],
        answer=columns["answer"],
        name=columns.get("name"),
        prefecture=columns.get("prefecture"),
        titles={index: title for title, index in columns.items()},
    )


def _row(row: list[str], line: int, columns: _Columns, collector: Collector) -> None:
    """Record one row the fast path did not take: a new body, or something to report."""
    if len(row) < columns.needed:
        collector.problem(
            "answers.short_row",
            {"count": len(row)},
            line=line,
            column=len(row) + 1,
            expected=f"at least {columns.needed} fields",
            found=f"{len(row)} fields",
        )
        return
    place = columns.place(line)
    code = collector.code(row[columns.code], place, columns.code + 1)
    if code is None:
        return
    name, prefecture = columns.optional(row)
    if collector.body(code, name, prefecture, place, columns.optional_numbers()):
        collector.record(code, row[columns.item], row[columns.answer], place, (columns.item + 1, columns.answer + 1))


def _rows(records: Iterable[tuple[int, list[str]]], columns: _Columns, collector: Collector) -> None:
    """Record every row after the header (each with its line number)."""
    code_at, item_at, answer_at, needed = columns.code, columns.item, columns.answer, columns.needed
    rows, item_index, meanings, codes = collector.rows, collector.item_index, collector.meanings, collector.valid_codes
    own = collector.item_vocabularies
    for line, row in records:
        # The common case, a well-formed answer of a body already seen, costs a few lookups.
        if len(row) >= needed:
            known = rows.get(codes.get(row[code_at], ""))
            if known is not None:
                position = item_index.get(row[item_at])
                meaning = meanings.get(row[answer_at])
                if position is not None and meaning is not None and known[position] is None and position not in own:
                    known[position] = meaning
                    continue
        elif not row:
            continue
        _row(row, line, columns, collector)


def _records(reader: Any, collector: Collector) -> Iterator[list[str]]:
    """The reader's rows; a row the CSV parser refuses (a field too long, ...) is a problem that ends the reading."""
    try:
        yield from reader
    except csv.Error as error:
        collector.problem(
            "answers.bad_csv",
            {"error": str(error)},
            line=reader.line_num,
            column=None,
            expected=f"CSV fields of at most {csv.field_size_limit()} characters",
            found=str(error),
        )


MAX_ANSWERS_BYTES = 256 * 1024 * 1024
"""The largest answers file read (256 MiB; a national long CSV is a few MiB): larger ones are refused, unread."""


def _grew(file: str) -> Problem:
    return Problem(code="file.unreadable", file=file, fields={"reason": "the file grew while it was read"})


def read_long_csv(
    source: str | os.PathLike[str] | bytes,
    catalog: Catalog,
    *,
    name: str | None = None,
    encoding: str | None = None,
) -> Answers:
    """Read a long CSV (``code,item,answer[,name,prefecture]``) against ``catalog``.

    ``source`` is a path or the file's bytes (``name`` names them in problems). ``encoding``
    forces one (``"utf-8"``, ``"cp932"``, ...); by default UTF-8 is tried (a byte-order mark is
    allowed), then cp932.
    """
    if isinstance(source, bytes):
        file, data = name or "<bytes>", source
    else:
        file = name or os.fspath(source)
        fault = path_problem(Path(source), file, MAX_ANSWERS_BYTES, wanted="words.an_answers_file")
        if fault is not None:
            return Answers.unread(catalog, file, (fault,))
        try:
            with Path(source).open("rb") as stream:
                data = read_bounded(stream, MAX_ANSWERS_BYTES + 1)
        except OSError as error:
            return unreadable(catalog, file, error)
        if len(data) > MAX_ANSWERS_BYTES:  # the file grew since it was measured
            return Answers.unread(
                catalog,
                file,
                (path_problem(Path(source), file, MAX_ANSWERS_BYTES, wanted="words.an_answers_file") or _grew(file),),
            )
    text = decode(data, encoding, file)
    if isinstance(text, Problem):
        return Answers.unread(catalog, file, (text,))
    collector = Collector(catalog, file)
    reader = csv.reader(io.StringIO(text, newline=""))
    records = _records(reader, collector)
    columns = _header(next(records, None), collector)
    if columns is not None:
        # The code column's form (6 digits, or 5 without the check digit) is the column's, not a row's.
        rows = [(reader.line_num, row) for row in records]
        at = columns.code
        collector.digits = code_digits(row[at] for _, row in rows if len(row) > at)
        _rows(rows, columns, collector)
    return collector.result()
