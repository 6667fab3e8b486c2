"""The quick draft: a document with nothing wrong, read by the fast extra's parser.

:func:`quick_draft` gives the value of a JSON document when its bytes raise no doubt (no
exponent, no run of 16 digits, no surrogate escape, no key written twice, nothing nested past
the limit), its fractions as floats that each stand exactly for the decimal written; at any
doubt it gives ``None``, and only the strict reader (:mod:`tajimi_rules.documents._jsonio`)
can say what the document holds. That reader shares its byte tests: :func:`numbers_doubtful`
and :func:`outside_strings`.
"""

from __future__ import annotations

import functools
import json
import re
from decimal import Decimal

# Not ``typing.TYPE_CHECKING``: importing typing would cost the start-up this package saves.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    _FastJson = tuple[Callable[[bytes], Any], Callable[[Any], bytes]]

__all__ = [
    "CAREFUL",
    "DEFAULT_MAX_DEPTH",
    "fast_json",
    "numbers_doubtful",
    "outside_strings",
    "plain_draft",
    "quick_draft",
    "quick_loads",
]

DEFAULT_MAX_DEPTH = 64
_ORJSON_WITH_LIMITS = (3, 11, 6)
_FAST_DEPTH_LIMIT = 1024


def _version(text: str) -> tuple[int, ...]:
    """``"3.11.6"`` as ``(3, 11, 6)``; the leading digits of each part, so ``"3.12.0rc1"`` is ``(3, 12, 0)``."""
    leading = (part[: len(part) - len(part.lstrip("0123456789"))] for part in text.split(".")[:3])
    return tuple(int(digits or 0) for digits in leading)


@functools.cache
def fast_json() -> _FastJson | None:
    """The fast extra's parser (orjson): ``loads``, and ``dumps`` writing two spaces a level; ``None`` without it.

    About 2.5 times as quick as :func:`json.loads`, it reads the drafts that validation judges
    (:func:`quick_draft`), and only after the byte checks passed; anything it refuses is read
    carefully. It is imported on first use: loading it costs more than reading one document.
    """
    try:
        import orjson  # noqa: PLC0415
    except ImportError:  # pragma: no cover - without the fast extra, validation reads every document in full
        return None
    if _version(orjson.__version__) < _ORJSON_WITH_LIMITS:  # pragma: no cover - an older copy installed by hand
        return None  # before 3.11.6, orjson nested as deep as the input asked, until the stack ran out
    option = orjson.OPT_INDENT_2

    def indented(value: Any) -> bytes:
        return orjson.dumps(value, option=option)

    return orjson.loads, indented


# A \u escape of a surrogate; a pair makes one character, so only the careful walk can tell.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
# What the quick reading looks at outside strings: brackets, quotes and key separators.
_NOT_LOOKED_AT = bytes(set(range(256)) - set(b'{}[]":'))
# Digits and points as 0, exponent letters as e: a run of 16 zeros may hold more significant
# digits than a float keeps (15); a zero then e is (outside strings) an exponent.
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789.E", b"0000000000e")
_LONG_RUN = b"0" * 16
_EXPONENT = b"0e"


def outside_strings(data: bytes) -> bytes:
    """The brackets and key separators that stand outside strings, in order."""
    if b"\\" in data:
        # Drop escaped backslashes, then escaped quotes: every quote left opens or closes a string.
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    rest = data.translate(None, _NOT_LOOKED_AT).replace(b'""', b"")
    return b"".join(rest.split(b'"')[::2]) if b'"' in rest else rest


def numbers_doubtful(data: bytes) -> bool:
    """Whether the bytes hold an exponent, a run of 16 digits or a surrogate escape.

    A run of 16 digits is a long integer, or a number a float would not keep exactly; an
    exponent may take a float out of range.
    """
    digits = data.translate(_DIGITS_AS_ZERO)
    return (
        digits.find(_LONG_RUN) >= 0
        or digits.find(_EXPONENT) >= 0
        or (b"\\" in data and _SURROGATE_ESCAPE.search(data) is not None)
    )


def quick_draft(data: bytes, max_depth: int = DEFAULT_MAX_DEPTH) -> Any:
    """The document in ``data`` if it reads quickly with nothing wrong, its fractions as floats; else ``None``.

    Each float stands exactly for the number written (its ``repr`` is that number, though a
    trailing zero such as the last of ``0.50`` is not kept: for a verdict only the value counts);
    no key is repeated and nothing is nested deeper than ``max_depth``.
    ``None`` at any doubt, and whenever the fast extra's parser is not installed: then only
    :func:`~tajimi_rules.documents._jsonio.read_json` can say what the document holds. The
    document ``null`` gives ``None`` too.
    """
    fast = fast_json()
    if fast is None or max_depth < 0:
        return None
    loads, indented = fast
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if numbers_doubtful(data):
        return None
    try:
        value = loads(data)
        if type(value) not in (dict, list):
            return value
        # Written again, two spaces a level: each value nested n deep starts a line with 2n spaces.
        again = indented(value)
    except (ValueError, TypeError):  # not JSON, or nested past the parser's own limits
        return None
    # orjson itself refuses anything nested past 1024 (and writes nothing past 255): its limits, from
    # 3.11.6 on, are why the depth is looked at only now (the fast extra asks for that version).
    if again.find(b"\n" + b"  " * (min(max_depth, _FAST_DEPTH_LIMIT) + 1)) >= 0:
        return None
    return value if _keys_kept(data, again) else None


def _keys_kept(data: bytes, again: bytes) -> bool:
    """Whether every key written in ``data`` was kept: ``again`` (its value written again) has as many.

    A key written twice is kept once, so ``again`` has fewer key separators. Without a backslash
    in ``data``, every character of a string is written again as it was (only quotes, backslashes
    and control characters are escaped, and those need a backslash in ``data`` too), so the
    colons of the two can be counted whole, inside strings and out: a key dropped takes at least
    its separator with it, and nothing adds one.
    """
    if b"\\" in data:
        return outside_strings(again).count(b":") == outside_strings(data).count(b":")
    return again.count(b":") == data.count(b":")


# --------------------------------------------------------------------------- the strict reader's quick path


CAREFUL = object()
"""What :func:`quick_loads` gives at the first doubt: the careful reading must say what is wrong."""
_AS_PARENS = bytes.maketrans(b"{[}]", b"(()" + b")")
# A fraction part of two digits or more ending in 0 (``0.50``): a float would drop the zero.
_TRAILING_ZERO = re.compile(rb"\.[0-9]+0(?![0-9])")


class _DoubtError(Exception):
    """Raised while parsing quickly when the careful reading is needed to say what is wrong."""


def _doubt(_text: str) -> Any:
    raise _DoubtError


_QUICK = json.JSONDecoder(parse_constant=_doubt)


def _nesting_within(brackets: bytes, limit: int) -> bool:
    """Whether balanced ``brackets`` nest at most ``limit`` deep: each pass drops the innermost pairs."""
    rest = brackets.translate(_AS_PARENS)
    for _ in range(limit):
        if not rest:
            return True
        rest = rest.replace(b"()", b"")
    return not rest


def _settled(node: Any) -> int:
    """Turn the floats in ``node`` (an object or array) into their decimals, in place; the keys kept in it.

    Recursive, which is quicker than a stack: the nesting was checked before parsing. The two
    loops are written out: one shared loop over ``items()`` or ``enumerate()`` is slower.
    """
    if type(node) is dict:
        keys = len(node)
        for key, item in node.items():
            kind = type(item)
            if kind is dict or kind is list:
                keys += _settled(item)
            elif kind is float:
                node[key] = Decimal(repr(item))
        return keys
    keys = 0
    for index, item in enumerate(node):
        kind = type(item)
        if kind is dict or kind is list:
            keys += _settled(item)
        elif kind is float:
            node[index] = Decimal(repr(item))
    return keys


def _settle(value: Any) -> tuple[Any, int]:
    """Turn every float of a quickly parsed value into its decimal, in place; count the keys kept.

    The quick reading lets floats through only where each stands exactly for the decimal written.
    """
    if type(value) is float:
        return Decimal(repr(value)), 0
    return value, _settled(value) if type(value) in (dict, list) else 0


def _structure(data: bytes, max_depth: int) -> bytes | None:
    """The brackets and key separators of a document whose bytes raise no doubt; ``None`` at the first doubt.

    A doubt is a doubtful number (see :func:`~tajimi_rules._light._json.numbers_doubtful`), a
    fraction part ending in 0 (its float would lose the digit), or nesting past ``max_depth``.
    """
    if numbers_doubtful(data) or _TRAILING_ZERO.search(data):
        return None
    outside = outside_strings(data)
    return outside if _nesting_within(outside.translate(None, b":"), max_depth) else None


def _parsed(data: bytes, text: str) -> Any:
    """``data`` parsed with NaN refused, numbers with a fraction part as floats; ``CAREFUL`` if it fails."""
    try:
        return _QUICK.decode(text)
    except (_DoubtError, ValueError, RecursionError):
        return CAREFUL


def quick_loads(
    data: bytes, text: str, max_depth: int, peek: Callable[[Any], object] | None = None, *, settle: bool = True
) -> Any:
    """The value of a document with nothing wrong, read at the JSON parser's own speed.

    Returns ``CAREFUL`` at the first doubt: a syntax error, a duplicate key (fewer keys kept
    than key separators written), NaN, an exponent, a run of 16 digits (a long integer, or a
    number a float would not keep exactly), a fraction part ending in 0, a surrogate escape,
    deep nesting. The careful reading then finds and words every problem. Otherwise numbers with
    a fraction part are parsed as floats, each standing exactly for the decimal written (at most
    15 significant digits, no trailing zero), shown to ``peek`` as they are, and then turned into
    that decimal (unless ``settle`` is false: then they stay floats, as :func:`json.loads` gives
    them). A duplicate key is found after ``peek`` has seen the document.
    """
    outside = _structure(data, max_depth)
    if outside is None:
        return CAREFUL
    value = _parsed(data, text)
    if value is CAREFUL:
        return CAREFUL
    if peek is not None:
        peek(value)
    value, keys = _settle(value) if settle else (value, _keys(value))
    return value if keys == outside.count(b":") else CAREFUL


def _keys(node: Any) -> int:
    """The keys kept in ``node`` and everything in it (recursive: the nesting was checked before parsing)."""
    kind = type(node)
    if kind is dict:
        return len(node) + sum(_keys(item) for item in node.values() if type(item) in (dict, list))
    if kind is list:
        return sum(_keys(item) for item in node if type(item) in (dict, list))
    return 0


def plain_draft(data: bytes, max_depth: int = DEFAULT_MAX_DEPTH) -> Any:
    """The document in ``data`` as the strict reader reads it when nothing is wrong; ``None`` at any doubt.

    The standard library's own parser reads it (:func:`quick_loads`), as
    :func:`~tajimi_rules.documents._jsonio.parse_json` does when nothing is wrong, its fractions
    left as the floats :func:`json.loads` gives (each stands exactly for the decimal written). ``None`` for
    what that reader would refuse or read carefully (bytes that are not UTF-8, no content, a
    doubtful number, a key written twice, deep nesting), and for the document ``null``.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not text.strip():
        return None
    value = quick_loads(data, text, max_depth, settle=False)
    return None if value is CAREFUL else value
