"""Problems of the survey readers and the batch, their texts taken from the text table by code."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._errors import Problem
from .._texts import text

__all__ = ["problem"]


def problem(
    code: str, fields: Mapping[str, Any] | None = None, /, *, text_id: str | None = None, **where: Any
) -> Problem:
    """A :class:`Problem` with ``code``, its English and Japanese messages written from ``fields``.

    ``where`` holds the rest of the problem (``file``, ``line``, ``expected``, ...). The message
    is the text table's template for ``code``, unless ``text_id`` names another message.

    >>> problem("answers.missing_sheet", {"sheet": "回答"}, file="a.xlsx").message
    "the workbook has no sheet '回答'"
    """
    values = dict(fields or {})
    if text_id is None:
        return Problem(code=code, fields=values, **where)
    return Problem(code=code, message=text(text_id, "en", **values), message_ja=text(text_id, "ja", **values), **where)
