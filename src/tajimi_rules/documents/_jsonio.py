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

The quick draft that validation judges first (:func:`~tajimi_rules._light._json.quick_draft`,
with the fast extra's parser) is the standard-library core's; it is exported here as before.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from .._errors import Problem, phrase, pointer
from .._fractions import MAX_DIGITS_AFTER_POINT, MAX_DIGITS_BEFORE_POINT, decimal_in_range
from .._light._json import CAREFUL, DEFAULT_MAX_DEPTH, fast_json, quick_draft, quick_loads

# The strict reader's quick path (in the standard-library core), under the names this module calls.
_CAREFUL = CAREFUL
_quick_loads = quick_loads

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_DEPTH",
    "constant_problem",
    "depth_problem",
    "dumps",
    "fast_json",
    "number_range_problem",
    "parse_json",
    "quick_draft",
    "read_bounded",
    "read_bytes",
    "read_json",
    "surrogate_problem",
]

DEFAULT_MAX_BYTES = 8 * 1024 * 1024
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


def _walk(value: Any, path: tuple[str | int, ...], depth: int, limit: int) -> Iterator[Problem]:  # noqa: PLR0912 - one branch per JSON value kind
    if depth > limit:
        yield depth_problem(path, limit)
        return
    if isinstance(value, _Constant):
        yield constant_problem(path, value.text)
    elif isinstance(value, _HugeInt):
        digits = len(value.text.lstrip("-"))
        yield Problem(
            code="json.huge_integer",
            pointer=pointer(*path),
            fields={"digits": digits},
            expected=phrase("words.integer_digits", digits=_MAX_INT_DIGITS),
            found=phrase("words.huge_integer", head=value.text[:12], digits=digits),
        )
    elif isinstance(value, _OddNumber):
        yield number_range_problem(path, value.text)
    elif isinstance(value, str):
        if lone := _SURROGATE.search(value):
            yield surrogate_problem(value, lone.start(), path)
    elif isinstance(value, dict):
        for key in getattr(value, "duplicates", ()):
            if _SURROGATE.search(key):
                continue  # reported below as what it is
            yield Problem(
                code="json.duplicate_key",
                pointer=pointer(*path, key),
                fields={"key": key},
                expected=phrase("words.each_key_once"),
                found=phrase("words.key_repeated", key=key),
            )
        for key, item in value.items():
            if lone := _SURROGATE.search(key):
                # The key cannot be part of a printable pointer: report it at its object.
                yield surrogate_problem(key, lone.start(), path, key=True)
                continue
            yield from _walk(item, (*path, key), depth + 1, limit)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, index), depth + 1, limit)


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _clip(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def depth_problem(path: tuple[str | int, ...], limit: int) -> Problem:
    """``json.depth``: the value at ``path`` is nested deeper than ``limit``."""
    return Problem(
        code="json.depth",
        pointer=pointer(*path),
        fields={"limit": limit},
        expected=phrase("words.nesting", limit=limit),
        found=phrase("words.deeper_nesting"),
    )


def constant_problem(path: tuple[str | int, ...], text: str) -> Problem:
    """``json.constant``: ``NaN``, ``Infinity`` or ``-Infinity`` (``text``) at ``path``: no JSON number."""
    return Problem(
        code="json.constant",
        pointer=pointer(*path),
        fields={"text": text},
        expected=phrase("words.finite_number"),
        found=text,
    )


def number_range_problem(path: tuple[str | int, ...], text: str) -> Problem:
    """``json.number_range``: the number written ``text`` at ``path`` has more digits than a decimal here may."""
    shown = _clip(text)
    return Problem(
        code="json.number_range",
        pointer=pointer(*path),
        fields={"number": shown},
        expected=phrase("words.number_digits", before=_MAX_INT_DIGITS, after=MAX_DIGITS_AFTER_POINT),
        found=shown,
    )


def surrogate_problem(text: str, at: int, path: tuple[str | int, ...], *, key: bool = False) -> Problem:
    """``json.surrogate``: ``text`` (a string, or a key) at ``path`` holds a lone surrogate at ``at``."""
    return Problem(
        code="json.surrogate",
        pointer=pointer(*path),
        fields={"what": phrase("words.a_key" if key else "words.a_string")},
        expected=phrase("words.whole_characters"),
        # repr() writes the surrogate as an escape (it is not printable), so the problem can be printed.
        found=repr(text[max(0, at - 12) : at + 12]),
    )


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
    peek: Callable[[Any], object] | None = None,
) -> tuple[Any, list[Problem]]:
    """Read one JSON document from a path or from bytes; return ``(value, problems)``.

    ``value`` is ``None`` when the document could not be read at all. Problems carry
    ``name`` (default: the path) as their file. ``peek``, if given, may be called once with
    the document before its numbers with a fraction part become :class:`~decimal.Decimal`
    (they are then floats, each standing exactly for the decimal written): a fast schema
    validator judges floats many times sooner. It is not called for every document, and a
    document it saw may still turn out to have problems (a duplicate key).
    """
    data, problems = read_bytes(source, name=name, max_bytes=max_bytes)
    if data is None:
        return None, problems
    return parse_json(
        data, name=name or ("<bytes>" if isinstance(source, bytes) else str(source)), max_depth=max_depth, peek=peek
    )


def read_bytes(
    source: str | os.PathLike[str] | bytes, *, name: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[bytes | None, list[Problem]]:
    """The bytes of a document (a path, or the bytes themselves), or ``None`` and the problem that stopped it.

    Only regular files are read, and never more than ``max_bytes``.
    """
    if isinstance(source, bytes):
        label = name or "<bytes>"
        data = source
    else:
        path = Path(source)
        label = name or str(source)
        fault = path_problem(path, label, max_bytes)
        if fault is not None:
            return None, [fault]
        try:
            with path.open("rb") as stream:
                # One byte past the limit tells a file that grew since it was measured.
                data = read_bounded(stream, max_bytes + 1)
        except OSError as error:
            return None, [_io_problem(label, error)]
    if len(data) > max_bytes:
        return None, [_too_large(label, len(data), max_bytes, at_least=not isinstance(source, bytes))]
    return data, []


def parse_json(
    data: bytes,
    *,
    name: str = "<bytes>",
    max_depth: int = DEFAULT_MAX_DEPTH,
    peek: Callable[[Any], object] | None = None,
) -> tuple[Any, list[Problem]]:
    """Parse the bytes of one JSON document strictly, as :func:`read_json` does; problems carry ``name``."""
    label = name
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
                file=label,
                line=line,
                column=column,
                expected=phrase("words.utf8"),
                found=phrase("words.byte_at", byte=data[error.start], offset=error.start),
            )
        ]
    if not text.strip():
        return None, [
            Problem(
                code="json.empty",
                file=label,
                expected=phrase("words.json_document"),
                found=phrase("words.no_content"),
            )
        ]
    quick = _quick_loads(data, text, max_depth, peek)
    if quick is not _CAREFUL:
        return quick, []
    return _careful_loads(text, label, max_depth)


def _careful_loads(text: str, label: str, max_depth: int) -> tuple[Any, list[Problem]]:
    """Parse ``text`` with every check written out, wording each problem found."""
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
                file=label,
                line=error.lineno,
                column=error.colno,
                fields={"detail": error.msg},
                expected=phrase("words.valid_json"),
                found=repr(text[error.pos : error.pos + 12]) if error.pos < len(text) else phrase("words.end_of_file"),
            )
        ]
    except RecursionError:
        return None, [
            Problem(
                code="json.depth",
                file=label,
                fields={"limit": max_depth},
                expected=phrase("words.nesting", limit=max_depth),
                found=phrase("words.deeper_nesting"),
            )
        ]
    problems = [problem.located(label) for problem in _walk(value, (), 0, max_depth)]
    if problems:
        return None, problems
    return _plain(value), []


_MISSING = (errno.ENOENT, errno.ENOTDIR)


_CHUNK = 1 << 20


def read_bounded(stream: BinaryIO, limit: int) -> bytes:
    """At most ``limit`` bytes of ``stream``, read in chunks: memory follows the file, not the limit."""
    chunks: list[bytes] = []
    left = limit
    while left > 0:
        chunk = stream.read(min(left, _CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def path_problem(  # noqa: PLR0911 - one return per kind of path
    path: Path, label: str, max_bytes: int, *, wanted: str = "words.a_json_file"
) -> Problem | None:
    """What stops ``path`` from being read as a JSON file, or ``None``: only regular files are."""
    try:
        status = path.stat()
    except ValueError as error:  # a path no file can have (a NUL byte in it)
        return Problem(
            code="file.unreadable",
            file=label.replace("\0", "\\0"),
            fields={"reason": str(error)},
            expected=phrase("words.a_readable_file"),
            found=repr(label),
        )
    except OSError as error:
        if error.errno in _MISSING:
            return Problem(
                code="file.missing",
                file=label,
                expected=phrase("words.existing_file"),
                found=phrase("words.nothing_here"),
            )
        return _io_problem(label, error)
    if stat.S_ISDIR(status.st_mode):
        return Problem(
            code="file.directory",
            file=label,
            expected=phrase(wanted),
            found=phrase("words.a_directory"),
        )
    if not stat.S_ISREG(status.st_mode):
        # A fifo would wait for a writer and a device such as /dev/zero never ends.
        found = phrase("words.a_fifo" if stat.S_ISFIFO(status.st_mode) else "words.a_device")
        return Problem(
            code="file.not_regular",
            file=label,
            fields={"what": found},
            expected=phrase("words.a_regular_file" if wanted == "words.a_json_file" else wanted),
            found=found,
        )
    if status.st_size > max_bytes:
        return _too_large(label, status.st_size, max_bytes)
    return None


def _too_large(label: str, size: int, limit: int, *, at_least: bool = False) -> Problem:
    # Read from a stream, only the first limit + 1 bytes are known.
    size_text = phrase("words.more_bytes", size=limit) if at_least else phrase("words.bytes", size=size)
    return Problem(
        code="file.too_large",
        file=label,
        fields={"size": size_text, "limit": limit},
        expected=phrase("words.at_most_bytes", size=limit),
        found=size_text,
    )


def _io_problem(label: str, error: OSError) -> Problem:
    return Problem(
        code="file.unreadable",
        file=label,
        fields={"reason": str(error.strerror or error)},
        expected=phrase("words.a_readable_file"),
        found=type(error).__name__,
    )


def dumps(value: Any) -> str:
    """Write ``value`` as indented UTF-8 JSON text (Japanese kept readable), ending in a newline."""
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"
