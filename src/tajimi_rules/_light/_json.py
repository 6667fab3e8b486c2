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
import re

# Not ``typing.TYPE_CHECKING``: importing typing would cost the start-up this package saves.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    _FastJson = tuple[Callable[[bytes], Any], Callable[[Any], bytes]]

__all__ = ["DEFAULT_MAX_DEPTH", "fast_json", "numbers_doubtful", "outside_strings", "quick_draft"]

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
