"""Reading a long CSV of answers: a header, then one row per body and item.

The columns are ``code``, ``item``, ``answer`` and optionally ``name`` and ``prefecture``, in any
order (Japanese headers 団体コード, 項目, 回答, 団体名, 都道府県 are accepted too). The file is
UTF-8 with or without a byte-order mark, or Shift_JIS / cp932 as Japanese spreadsheet exports
write it. Every problem carries the line number in the file (the header is line 1) and the
1-based field number.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from .._arguments import check_optional_str, check_source
from .._errors import Phrase, Problem, phrase
from ..documents._jsonio import path_problem, read_bounded
from ..documents._loaders import check_catalog
from ..model import Catalog
from ._answers import Answers
from ._codes import code_digits
from ._collect import Collector, Place, normalize, unreadable
from ._problem import problem

__all__ = ["MAX_ANSWERS_BYTES", "MAX_ANSWERS_ROWS", "decode", "read_long_csv"]

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


def _rows(records: Iterable[list[str]], reader: Any, columns: _Columns, collector: Collector) -> None:
    """Record every row after the header; ``reader.line_num`` is the line a row ends on."""
    code_at, item_at, answer_at, needed = columns.code, columns.item, columns.answer, columns.needed
    rows, item_index, meanings, codes = collector.rows, collector.item_index, collector.meanings, collector.valid_codes
    own = collector.item_vocabularies
    for row in records:
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
        _row(row, reader.line_num, columns, collector)


class _Buffered:
    """The rows read before the code column's form was known, replayed with their line numbers."""

    def __init__(self, rows: list[tuple[int, list[str]]]) -> None:
        self.rows, self.line_num = rows, 0

    def __iter__(self) -> Iterator[list[str]]:
        for line, row in self.rows:
            self.line_num = line
            yield row


def _records(reader: Any, collector: Collector) -> Iterator[list[str]]:
    """The reader's rows, at most :data:`MAX_ANSWERS_ROWS` after the header.

    A row the CSV parser refuses (a field too long, ...), or one row too many, is a problem that ends
    the reading.
    """
    try:
        for count, row in enumerate(reader):
            if count > MAX_ANSWERS_ROWS:
                collector.problem(
                    "answers.too_many_rows",
                    {"limit": MAX_ANSWERS_ROWS},
                    line=reader.line_num,
                    column=None,
                    expected=phrase("survey.expected.rows", limit=MAX_ANSWERS_ROWS),
                    found=f"more than {MAX_ANSWERS_ROWS:,}",
                )
                return
            yield row
    except csv.Error as error:
        collector.problem(
            "answers.bad_csv",
            {"error": str(error)},
            line=reader.line_num,
            column=None,
            expected=f"CSV fields of at most {csv.field_size_limit()} characters",
            found=str(error),
        )


def _parse(lines: Iterable[str], collector: Collector) -> None:
    """Read the CSV text in ``lines`` (each line with its line end) into ``collector``, row by row.

    Rows are recorded as they are parsed, and none is kept: only the rows before the first
    6-digit code are held, since the code column's form (6 digits, or 5 without the check digit) is
    the column's, not a row's, and 6 digits anywhere decide it.
    """
    reader = csv.reader(lines)
    records = _records(reader, collector)
    columns = _header(next(records, None), collector)
    if columns is None:
        return
    at = columns.code
    held: list[tuple[int, list[str]]] = []
    for row in records:
        held.append((reader.line_num, row))
        if len(row) > at and code_digits((row[at],)) == 6:
            break
    collector.digits = 6 if held and len(held[-1][1]) > at and code_digits((held[-1][1][at],)) == 6 else 5
    replay = _Buffered(held)
    _rows(replay, replay, columns, collector)
    _rows(records, reader, columns, collector)


_CHUNK = 1 << 20


class _NotUtf8Error(Exception):
    """The bytes are not UTF-8: the whole file goes to :func:`decode`."""


def _utf8_lines(chunks: Iterable[bytes]) -> Iterator[str]:
    """The lines of UTF-8 ``chunks`` (a leading byte-order mark dropped), decoded a piece at a time.

    Pieces end after a line feed, which no UTF-8 sequence holds, so each decodes on its own; the
    lines are those of the whole text read with ``newline=""``. :class:`_NotUtf8Error` on a byte that is
    not UTF-8.
    """
    pending: list[bytes] = []
    for number, read in enumerate(chunks):
        chunk = read.removeprefix(b"\xef\xbb\xbf") if number == 0 else read
        cut = chunk.rfind(b"\n") + 1
        if not cut:
            pending.append(chunk)  # a line longer than a chunk: joined once, when it ends
            continue
        piece = b"".join((*pending, chunk[:cut])) if pending else chunk[:cut]
        pending = [chunk[cut:]]
        yield from io.StringIO(_utf8(piece), newline="")
    if pending:
        yield from io.StringIO(_utf8(b"".join(pending)), newline="")


def _utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise _NotUtf8Error from None


def _chunks(stream: Any, limit: int, counted: list[int]) -> Iterator[bytes]:
    """``stream``'s bytes in chunks, at most ``limit`` and one more (``counted[0]``: how many were read)."""
    while counted[0] <= limit:
        chunk = stream.read(min(_CHUNK, limit + 1 - counted[0]))
        if not chunk:
            return
        counted[0] += len(chunk)
        yield chunk


def _streamable(encoding: str | None) -> bool:
    """Whether the file may be read as UTF-8 a piece at a time (by default, or when UTF-8 is asked for)."""
    if encoding is None:
        return True
    try:
        return codecs.lookup(encoding).name in ("utf-8", "utf-8-sig")
    except LookupError:
        return False


MAX_ANSWERS_BYTES = 256 * 1024 * 1024
"""The largest answers file read (256 MiB; a national long CSV is about 15 MB): larger ones are refused, unread."""

MAX_ANSWERS_ROWS = 10_000_000
"""The most rows of answers read after the header (a national long CSV has about 204,000; every possible
body code times 200 items is under 10 million). A file with more is refused (``answers.too_many_rows``)."""


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

    A wrong argument raises :class:`TypeError` naming it.
    """
    check_source(source, "read_long_csv", data=True)
    check_catalog(catalog, "read_long_csv")
    check_optional_str(name, "read_long_csv", "name")
    check_optional_str(encoding, "read_long_csv", "encoding")
    if isinstance(source, bytes):
        file = name or "<bytes>"
        if _streamable(encoding):
            found = _read_utf8(iter((source,)), catalog, file)
            if found is not None:
                return found
        return _read_text(source, encoding, catalog, file)
    return _read_path(source, catalog, name or os.fspath(source), encoding)


def _read_path(source: str | os.PathLike[str], catalog: Catalog, file: str, encoding: str | None) -> Answers:
    """The answers in the file at ``source``: read a piece at a time when UTF-8, else whole."""
    fault = path_problem(Path(source), file, MAX_ANSWERS_BYTES, wanted="words.an_answers_file")
    if fault is not None:
        return Answers.unread(catalog, file, (fault,))
    try:
        with Path(source).open("rb") as stream:
            counted = [0]
            if _streamable(encoding):
                found = _read_utf8(_chunks(stream, MAX_ANSWERS_BYTES, counted), catalog, file)
                if counted[0] > MAX_ANSWERS_BYTES:
                    return _grown(source, catalog, file)
                if found is not None:
                    return found
                stream.seek(0)
            data = read_bounded(stream, MAX_ANSWERS_BYTES + 1)
    except OSError as error:
        return unreadable(catalog, file, error)
    if len(data) > MAX_ANSWERS_BYTES:
        return _grown(source, catalog, file)
    return _read_text(data, encoding, catalog, file)


def _grown(source: str | os.PathLike[str], catalog: Catalog, file: str) -> Answers:
    """No answers: the file grew past the bound since it was measured."""
    fault = path_problem(Path(source), file, MAX_ANSWERS_BYTES, wanted="words.an_answers_file") or _grew(file)
    return Answers.unread(catalog, file, (fault,))


def _read_utf8(chunks: Iterable[bytes], catalog: Catalog, file: str) -> Answers | None:
    """The answers in UTF-8 ``chunks``, read as they come; ``None`` if they are not UTF-8."""
    collector = Collector(catalog, file)
    try:
        _parse(_utf8_lines(chunks), collector)
    except _NotUtf8Error:
        return None
    return collector.result()


def _read_text(data: bytes, encoding: str | None, catalog: Catalog, file: str) -> Answers:
    """The answers in ``data``, decoded whole by :func:`decode` (any encoding it reads)."""
    text = decode(data, encoding, file)
    if isinstance(text, Problem):
        return Answers.unread(catalog, file, (text,))
    collector = Collector(catalog, file)
    _parse(io.StringIO(text, newline=""), collector)
    return collector.result()
