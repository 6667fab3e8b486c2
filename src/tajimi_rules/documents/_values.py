r"""Checking a document given as a mapping for what its JSON text could not hold.

A file is read strictly (:mod:`._jsonio`): ``NaN`` and ``Infinity`` are refused, so are lone
UTF-16 surrogates (``\ud800`` with no pair) and numbers with more digits than a rate or count
can need. A mapping built in Python skips the reader, so :func:`value_problems` finds the same
things in it, with the same problem codes, before anything else looks at it: a ``NaN``
(``float`` or :class:`~decimal.Decimal`, quiet or signalling) would otherwise make a
comparison raise, and a lone surrogate could be checked but never written. ``-0`` is a
number like any other (it equals ``0``), as it is in a file. Nesting deeper than the limit
(a mapping that holds itself, say) is a problem too.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from .._errors import Problem
from .._fractions import decimal_in_range
from ._jsonio import constant_problem, depth_problem, number_range_problem, surrogate_problem

__all__ = ["value_problems"]

_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CONTAINERS = (list, tuple)
_Path = tuple[str | int, ...]


def value_problems(document: Mapping[str, Any], max_depth: int) -> list[Problem]:
    """What in ``document`` a JSON file could not hold: non-finite numbers, lone surrogates, deep nesting."""
    return list(_walk(document, max_depth))


def _walk(document: Mapping[str, Any], limit: int) -> Iterator[Problem]:
    # A stack, not recursion: a mapping that holds itself must end in a problem, not a RecursionError.
    stack: list[tuple[Any, _Path]] = [(document, ())]
    while stack:
        value, path = stack.pop()
        if len(path) > limit:
            yield depth_problem(path, limit)
        elif isinstance(value, str):
            if not value.isascii() and (lone := _SURROGATE.search(value)):
                yield surrogate_problem(value, lone.start(), path)
        elif isinstance(value, float | Decimal):
            yield from _number(value, path)
        elif isinstance(value, Mapping):
            children: list[tuple[Any, _Path]] = []
            for key, item in value.items():
                if isinstance(key, str) and not key.isascii() and (lone := _SURROGATE.search(key)):
                    # The key cannot be part of a printable pointer: report it at its object.
                    yield surrogate_problem(key, lone.start(), path, key=True)
                else:
                    children.append((item, (*path, key)))
            stack.extend(reversed(children))
        elif isinstance(value, _CONTAINERS):
            stack.extend((item, (*path, index)) for index, item in reversed(list(enumerate(value))))


def _number(value: float | Decimal, path: _Path) -> Iterator[Problem]:
    if isinstance(value, Decimal):
        finite, nan, negative = value.is_finite(), value.is_nan(), value.is_signed()
    else:
        finite, nan, negative = math.isfinite(value), math.isnan(value), value < 0
    if not finite:
        # What the JSON text would have said: NaN, Infinity or -Infinity.
        yield constant_problem(path, "NaN" if nan else "-Infinity" if negative else "Infinity")
    elif isinstance(value, Decimal) and not decimal_in_range(value):
        yield number_range_problem(path, str(value))
