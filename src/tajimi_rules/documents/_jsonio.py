r"""Reading JSON documents strictly, turning every kind of broken input into problems.

:func:`read_json` never raises for bad content. It reports, each as a
:class:`~tajimi_rules.Problem`: a missing path or a directory, a file over the size limit,
bytes that are not UTF-8 (a UTF-8 byte-order mark is accepted), an empty file, a syntax
error (with line and column), duplicate keys in one object, ``NaN`` / ``Infinity``, integers
too long to be counts, numbers with more digits or a larger exponent than a rate or count
can need (``1e-99999999`` would otherwise cost minutes of exact arithmetic), strings holding
a lone UTF-16 surrogate (an escape such as ``\ud800`` with no pair, which no output can
print), and nesting deeper than the limit. Only regular files are read, and never more than
the size limit. Numbers with a fraction part are read as :class:`decimal.Decimal`, so a rate
written ``0.234`` stays exactly 234/1000.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from .._errors import Problem, pointer
from .._fractions import MAX_DIGITS_AFTER_POINT, MAX_DIGITS_BEFORE_POINT, decimal_in_range

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_MAX_DEPTH", "dumps", "read_json"]

DEFAULT_MAX_BYTES = 8 * 1024 * 1024
DEFAULT_MAX_DEPTH = 64
_MAX_INT_DIGITS = MAX_DIGITS_BEFORE_POINT


class _Constant:
    """Stands for NaN / Infinity while parsing, so the walk can report where it was."""

    def __init__(self, text: str) -> None:
        self.text = text


class _HugeInt:
    """Stands for an integer literal too long to be a count."""

    def __init__(self, text: str) -> None:
        self.text = text


class _Object(dict[str, Any]):
    """A JSON object that remembers the keys it saw twice."""

    duplicates: tuple[str, ...] = ()


def _pairs(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object()
    seen_twice = []
    for key, value in pairs:
        if key in obj:
            seen_twice.append(key)
        obj[key] = value
    if seen_twice:
        obj.duplicates = tuple(dict.fromkeys(seen_twice))
    return obj


class _OddNumber:
    """Stands for a number whose digits or exponent reach outside what a rate or count can need."""

    def __init__(self, text: str) -> None:
        self.text = text


def _parse_float(text: str) -> Decimal | _OddNumber:
    number = Decimal(text)
    return number if decimal_in_range(number) else _OddNumber(text)


def _parse_int(text: str) -> int | _HugeInt:
    if len(text.lstrip("-")) > _MAX_INT_DIGITS:
        return _HugeInt(text)
    return int(text)


def _walk(value: Any, path: tuple[str | int, ...], depth: int, limit: int) -> Iterator[Problem]:
    if depth > limit:
        yield Problem(
            code="json.depth",
            message=f"nested more than {limit} levels deep",
            message_ja=f"入れ子が{limit}段を超えている",
            pointer=pointer(*path),
            expected=f"at most {limit} levels of nesting",
            found="deeper nesting",
        )
        return
    if isinstance(value, _Constant):
        yield Problem(
            code="json.constant",
            message=f"{value.text} is not a JSON number",
            message_ja=f"{value.text} は JSON の数値ではない",
            pointer=pointer(*path),
            expected="a finite number",
            found=value.text,
        )
    elif isinstance(value, _HugeInt):
        digits = len(value.text.lstrip("-"))
        yield Problem(
            code="json.huge_integer",
            message=f"integer with {digits} digits is too large",
            message_ja=f"{digits}桁の整数は大きすぎる",
            pointer=pointer(*path),
            expected=f"an integer of at most {_MAX_INT_DIGITS} digits",
            found=f"{value.text[:12]}… ({digits} digits)",
        )
    elif isinstance(value, _OddNumber):
        yield Problem(
            code="json.number_range",
            message=f"number {_clip(value.text)} has more digits or a larger exponent than a rate or count needs",
            message_ja=f"数値 {_clip(value.text)} は桁数または指数が大きすぎる",
            pointer=pointer(*path),
            expected=(
                f"a number with at most {_MAX_INT_DIGITS} digits before the point and {MAX_DIGITS_AFTER_POINT} after it"
            ),
            found=_clip(value.text),
        )
    elif isinstance(value, str):
        if lone := _SURROGATE.search(value):
            yield _surrogate_problem(value, lone.start(), path)
    elif isinstance(value, dict):
        for key in getattr(value, "duplicates", ()):
            if _SURROGATE.search(key):
                continue  # reported below as what it is
            yield Problem(
                code="json.duplicate_key",
                message=f"key {key!r} appears more than once in this object",
                message_ja=f"キー {key!r} が同じオブジェクトに複数回ある",
                pointer=pointer(*path, key),
                expected="each key once",
                found=f"{key!r} repeated",
            )
        for key, item in value.items():
            if lone := _SURROGATE.search(key):
                # The key cannot be part of a printable pointer: report it at its object.
                yield _surrogate_problem(key, lone.start(), path, key=True)
                continue
            yield from _walk(item, (*path, key), depth + 1, limit)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, index), depth + 1, limit)


_SURROGATE = re.compile(r"[\ud800-\udfff]")
# A \u escape of a surrogate; a pair makes one character, so only the careful walk can tell.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def _clip(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _surrogate_problem(text: str, at: int, path: tuple[str | int, ...], *, key: bool = False) -> Problem:
    what = "a key" if key else "a string"
    return Problem(
        code="json.surrogate",
        message=f"{what} holds a lone UTF-16 surrogate escape, which is not a character",
        message_ja=f"{'キー' if key else '文字列'}に対になっていないサロゲートのエスケープがあり、文字ではない",
        pointer=pointer(*path),
        expected="text of whole Unicode characters (a \\uD8xx escape followed by its \\uDCxx pair)",
        # repr() writes the surrogate as an escape (it is not printable), so the problem can be printed.
        found=repr(text[max(0, at - 12) : at + 12]),
    )


_CAREFUL = object()
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")
_LONG_DIGITS = b"0" * (_MAX_INT_DIGITS + 1)
_NOT_STRUCTURE = bytes(set(range(256)) - set(b'{}[]"'))
_STRING = re.compile(rb'"[^"]*"')
_INNERMOST = re.compile(rb"\{\}|\[\]")


class _DoubtError(Exception):
    """Raised while parsing quickly when the careful reading is needed to say what is wrong."""


def _plain_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _DoubtError
    return obj


def _doubt(_text: str) -> Any:
    raise _DoubtError


def _plain_float(text: str) -> Decimal:
    number = Decimal(text)
    if not decimal_in_range(number):
        raise _DoubtError
    return number


def _nesting_within(data: bytes, limit: int) -> bool:
    """Whether brackets outside strings nest at most ``limit`` deep, found with byte operations."""
    # Drop escaped backslashes, then escaped quotes, then all but brackets and quotes.
    rest = data.replace(b"\\\\", b"").replace(b'\\"', b"").translate(None, _NOT_STRUCTURE)
    rest = _STRING.sub(b"", rest)
    for _ in range(limit):
        if not rest:
            return True
        rest = _INNERMOST.sub(b"", rest)  # one level a pass: pairs it uncovers wait for the next
    return not rest


def _quick_loads(data: bytes, text: str, max_depth: int) -> Any:
    """The value of a document with nothing wrong, read at the JSON parser's speed.

    Returns ``_CAREFUL`` at the first doubt (a syntax error, a duplicate key, NaN, a long
    integer, a number out of range, a surrogate escape, deep nesting): the careful reading then
    finds and words every problem.
    """
    if (
        data.translate(_DIGITS_AS_ZERO).find(_LONG_DIGITS) >= 0
        or _SURROGATE_ESCAPE.search(data)
        or not _nesting_within(data, max_depth)
    ):
        return _CAREFUL
    try:
        return json.loads(text, object_pairs_hook=_plain_pairs, parse_float=_plain_float, parse_constant=_doubt)
    except (_DoubtError, ValueError, RecursionError):
        return _CAREFUL


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _plain(value: Any) -> Any:
    """The parsed value with the parser's helper types replaced by plain dicts."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def read_json(
    source: str | os.PathLike[str] | bytes,
    *,
    name: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> tuple[Any, list[Problem]]:
    """Read one JSON document from a path or from bytes; return ``(value, problems)``.

    ``value`` is ``None`` when the document could not be read at all. Problems carry
    ``name`` (default: the path) as their file.
    """
    if isinstance(source, bytes):
        label = name or "<bytes>"
        data = source
    else:
        path = Path(source)
        label = name or str(source)
        fault = _path_problem(path, label, max_bytes)
        if fault is not None:
            return None, [fault]
        try:
            with path.open("rb") as stream:
                # One byte past the limit tells a file that grew since it was measured.
                data = stream.read(max_bytes + 1)
        except OSError as error:
            return None, [_io_problem(label, error)]
    if len(data) > max_bytes:
        return None, [_too_large(label, len(data), max_bytes, at_least=not isinstance(source, bytes))]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        head = data[: error.start].decode("utf-8", errors="replace")
        line, column = _line_column(head, len(head))
        return None, [
            Problem(
                code="json.encoding",
                message="the file is not UTF-8 text",
                message_ja="ファイルが UTF-8 のテキストではない",
                file=label,
                line=line,
                column=column,
                expected="UTF-8 (a byte-order mark is allowed)",
                found=f"byte 0x{data[error.start]:02x} at offset {error.start}",
            )
        ]
    if not text.strip():
        return None, [
            Problem(
                code="json.empty",
                message="the file is empty",
                message_ja="ファイルが空である",
                file=label,
                expected="a JSON document",
                found="no content",
            )
        ]
    quick = _quick_loads(data, text, max_depth)
    if quick is not _CAREFUL:
        return quick, []
    try:
        value = json.loads(
            text,
            object_pairs_hook=_pairs,
            parse_float=_parse_float,
            parse_int=_parse_int,
            parse_constant=_Constant,
        )
    except json.JSONDecodeError as error:
        return None, [
            Problem(
                code="json.syntax",
                message=f"invalid JSON: {error.msg}",
                message_ja=f"JSON の構文エラー: {error.msg}",
                file=label,
                line=error.lineno,
                column=error.colno,
                expected="valid JSON",
                found=repr(text[error.pos : error.pos + 12]) if error.pos < len(text) else "end of file",
            )
        ]
    except RecursionError:
        return None, [
            Problem(
                code="json.depth",
                message="nested too deeply to read",
                message_ja="入れ子が深すぎて読めない",
                file=label,
                expected=f"at most {max_depth} levels of nesting",
                found="deeper nesting",
            )
        ]
    problems = [problem.located(label) for problem in _walk(value, (), 0, max_depth)]
    if problems:
        return None, problems
    return _plain(value), []


_MISSING = (errno.ENOENT, errno.ENOTDIR)


def _path_problem(path: Path, label: str, max_bytes: int) -> Problem | None:
    """What stops ``path`` from being read as a JSON file, or ``None``: only regular files are."""
    try:
        status = path.stat()
    except OSError as error:
        if error.errno in _MISSING:
            return Problem(
                code="file.missing",
                message="no such file",
                message_ja="ファイルが存在しない",
                file=label,
                expected="an existing JSON file",
                found="nothing at this path",
            )
        return _io_problem(label, error)
    if stat.S_ISDIR(status.st_mode):
        return Problem(
            code="file.directory",
            message="is a directory, not a file",
            message_ja="ファイルではなくディレクトリである",
            file=label,
            expected="a JSON file",
            found="a directory",
        )
    if not stat.S_ISREG(status.st_mode):
        # A fifo would wait for a writer and a device such as /dev/zero never ends.
        found = "a fifo" if stat.S_ISFIFO(status.st_mode) else "a device or socket"
        return Problem(
            code="file.not_regular",
            message=f"is {found}, not a regular file",
            message_ja="通常のファイルではない（パイプ・デバイスなど）",
            file=label,
            expected="a regular JSON file",
            found=found,
        )
    if status.st_size > max_bytes:
        return _too_large(label, status.st_size, max_bytes)
    return None


def _too_large(label: str, size: int, limit: int, *, at_least: bool = False) -> Problem:
    # Read from a stream, only the first limit + 1 bytes are known.
    size_text = f"more than {limit:,}" if at_least else f"{size:,}"
    size_ja = f"{limit:,}超" if at_least else f"{size:,}"
    return Problem(
        code="file.too_large",
        message=f"the file is {size_text} bytes, over the limit of {limit:,}",
        message_ja=f"ファイルが{size_ja}バイトで、上限{limit:,}バイトを超えている",
        file=label,
        expected=f"at most {limit:,} bytes",
        found=f"{size_text} bytes",
    )


def _io_problem(label: str, error: OSError) -> Problem:
    return Problem(
        code="file.unreadable",
        message=f"cannot read the file: {error.strerror or error}",
        message_ja=f"ファイルを読めない: {error.strerror or error}",
        file=label,
        expected="a readable file",
        found=type(error).__name__,
    )


def dumps(value: Any) -> str:
    """Write ``value`` as indented UTF-8 JSON text (Japanese kept readable), ending in a newline."""
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"
