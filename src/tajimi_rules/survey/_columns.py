"""A batch's arithmetic as columns: one array row per body, one column per item or category.

The batch (:mod:`._batch`) grades items the same way for every body of a scope of comparison (the
municipalities of one prefecture, or the prefectural governments). So a scope's grading is two
rows of level positions (implemented, not implemented), and every body's levels, counts, ratings
and scores are array operations over the matrix of answers: no object per body or per item is
built. :class:`Columns` holds the results; :mod:`._batch` builds per-body objects from them only
where they are asked for, and :mod:`._output` writes each body's file straight from them.

Levels are positions in :class:`~tajimi_rules.Level` (0 advanced ... 3 behind), ``-1`` where the
body did not answer or the item's deciding rate is unknown; ratings are codes of
:data:`~tajimi_rules.rules.RATING_CODES`, ``-1`` for no rating. Every value is an integer.

numpy (the ``fast`` extra) is imported when columns are first computed; :func:`available` says
whether it can be.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from importlib import import_module
from typing import Any

import attrs

from ..model import Answer
from ..rules import RATING_CODES

__all__ = ["Columns", "available", "tabulate", "value_counts"]

_ANSWER_CODES = {Answer.IMPLEMENTED: 1, Answer.NOT_IMPLEMENTED: 0, Answer.NOT_ANSWERED: -1}


@cache
def _numpy() -> Any:
    return import_module("numpy")


@cache
def available() -> bool:
    """Whether the columnar path can run (numpy is installed)."""
    try:
        _numpy()
    except ImportError:
        return False
    return True


@attrs.frozen(kw_only=True, eq=False)
class Columns:
    """Every body's results as arrays (rows follow the bodies, see the module doc).

    ``scope_of`` is each body's scope index into ``scopes``; ``answered`` the answers (1
    implemented, 0 not, -1 not answered); ``levels`` the graded levels; ``counts`` per body and
    category the four level counts; ``ratings`` the rating codes; ``scores``, ``ranks`` and
    ``rank_of`` the score and competition rank within the scope.
    """

    scopes: tuple[str, ...]
    scope_of: Any
    answered: Any
    levels: Any
    counts: Any
    ratings: Any
    scores: Any
    ranks: Any
    rank_of: Any


def _answer_matrix(rows: Sequence[Sequence[Answer]], width: int) -> Any:
    np = _numpy()
    codes = _ANSWER_CODES
    flat = np.fromiter((codes[answer] for row in rows for answer in row), dtype=np.int8, count=len(rows) * width)
    return flat.reshape(len(rows), width)


def _ranks(scope_of: Any, scores: Any, scope_count: int) -> tuple[Any, Any]:
    """Competition ranks (1 + how many bodies of the scope score strictly higher) and scope sizes."""
    np = _numpy()
    ranks = np.zeros(len(scores), dtype=np.int64)
    sizes = np.bincount(scope_of, minlength=scope_count)
    for scope in range(scope_count):
        members = np.flatnonzero(scope_of == scope)
        if members.size:
            ascending = np.sort(scores[members])
            # Strictly higher = all - (those at most the score).
            ranks[members] = 1 + members.size - np.searchsorted(ascending, scores[members], side="right")
    return ranks, sizes[scope_of]


def tabulate(
    rows: Sequence[Sequence[Answer]],
    scopes: Sequence[str],
    grading: Callable[[str], tuple[Sequence[int], Sequence[int]]],
    spans: Sequence[tuple[int, int]],
    rate_many: Callable[..., Any],
) -> Columns:
    """The columns of a batch.

    ``rows`` are the bodies' answers (catalog order), ``scopes`` each body's scope key;
    ``grading(scope)`` gives the scope's level positions for each item implemented and not
    implemented (``-1``: not graded); ``spans`` each category's items as ``(first, last)``;
    ``rate_many`` the rule set's bulk rating.
    """
    np = _numpy()
    width = spans[-1][1] if spans else 0
    answered = _answer_matrix(rows, width)
    keys = tuple(dict.fromkeys(scopes))
    index = {key: position for position, key in enumerate(keys)}
    scope_of = np.fromiter((index[scope] for scope in scopes), dtype=np.intp, count=len(scopes))
    done = np.empty((len(keys), width), dtype=np.int8)
    not_done = np.empty((len(keys), width), dtype=np.int8)
    for position, key in enumerate(keys):
        done[position], not_done[position] = grading(key)
    levels = np.where(answered == 1, done[scope_of], np.where(answered == 0, not_done[scope_of], -1)).astype(np.int8)
    starts = np.array([first for first, _ in spans], dtype=np.intp)
    ends = np.array([last for _, last in spans], dtype=np.intp)
    counts = np.zeros((len(rows), len(spans), 4), dtype=np.int64)
    for level in range(4):
        running = np.zeros((len(rows), width + 1), dtype=np.int64)
        np.cumsum(levels == level, axis=1, out=running[:, 1:])
        counts[:, :, level] = running[:, ends] - running[:, starts]
    ratings = rate_many(counts[:, :, 0], counts[:, :, 1], counts[:, :, 2], counts[:, :, 3]).reshape(
        len(rows), len(spans)
    )
    points = np.array([rating.rank for rating in RATING_CODES], dtype=np.int64)
    scores = np.where(ratings >= 0, points[ratings], 0).sum(axis=1) if len(spans) else np.zeros(len(rows), np.int64)
    ranks, rank_of = _ranks(scope_of, scores, len(keys))
    return Columns(
        scopes=keys,
        scope_of=scope_of,
        answered=answered,
        levels=levels,
        counts=counts,
        ratings=ratings,
        scores=scores,
        ranks=ranks,
        rank_of=rank_of,
    )


def value_counts(values: Any) -> list[tuple[int, int]]:
    """Each distinct value of an integer array and how often it occurs, in ascending order of value."""
    found, counts = _numpy().unique(values, return_counts=True)
    return list(zip(found.tolist(), counts.tolist(), strict=True))
