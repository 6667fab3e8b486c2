"""Survey catalogs: what a survey asks, and what each answer text means.

A :class:`Catalog` is data (normally read from a JSON file validated by
``catalog.schema.json``, see :func:`tajimi_rules.documents.load_catalog`): the survey's
title and fiscal year, its categories with their items, and the answer vocabulary that turns
a cell such as ``導入済み`` or ``未`` into an :class:`Answer`.

>>> vocabulary = AnswerVocabulary(implemented=("導入済み",), not_implemented=("未",))
>>> vocabulary.read(" 導入済み ")
<Answer.IMPLEMENTED: 'implemented'>
"""

from __future__ import annotations

import enum
import unicodedata

import attrs

from .._errors import UnknownItemError
from .._texts import text as text_of
from ._evaluation import Name, Survey

__all__ = [
    "Answer",
    "AnswerVocabulary",
    "Catalog",
    "CatalogCategory",
    "CatalogItem",
    "normalize_answer",
]


class Answer(enum.Enum):
    """What one answer means: the body does the item, does not, or did not say."""

    IMPLEMENTED = "implemented"
    NOT_IMPLEMENTED = "not_implemented"
    NOT_ANSWERED = "not_answered"

    @property
    def implemented(self) -> bool | None:
        """``True`` / ``False`` for an answer, ``None`` where there is none."""
        if self is Answer.NOT_ANSWERED:
            return None
        return self is Answer.IMPLEMENTED


def normalize_answer(text: str) -> str:
    """The form answer texts are compared in: NFKC, trimmed, case-folded.

    >>> normalize_answer(" ＹＥＳ ")
    'yes'

    A ``text`` that is no ``str`` raises :class:`TypeError` naming it.
    """
    given: object = text  # typed str, but called from untyped programs too
    if not isinstance(given, str):
        # Worded here, not by the argument checks: the rules (which those checks name) import the model.
        found = "None" if given is None else type(given).__name__
        fields = {"function": "normalize_answer", "parameter": "text", "expected": "a str", "found": found}
        raise TypeError(text_of("argument.type", "en", **fields))
    return unicodedata.normalize("NFKC", text).strip().casefold()


@attrs.frozen(kw_only=True)
class AnswerVocabulary:
    """Answer texts by meaning, as written in the catalog (see :func:`normalize_answer`)."""

    implemented: tuple[str, ...] = ()
    not_implemented: tuple[str, ...] = ()
    not_answered: tuple[str, ...] = ()

    _lookup: dict[str, Answer] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        lookup: dict[str, Answer] = {}
        for answer in Answer:
            for text in getattr(self, answer.value):
                lookup.setdefault(normalize_answer(text), answer)
        object.__setattr__(self, "_lookup", lookup)

    def read(self, text: str | None) -> Answer | None:
        """The meaning of an answer text; ``None`` for a text the vocabulary does not know.

        ``None`` (an empty cell) reads as the empty text.
        """
        return self._lookup.get(normalize_answer(text or ""))

    def texts(self, answer: Answer) -> tuple[str, ...]:
        """The texts listed for one meaning."""
        texts: tuple[str, ...] = getattr(self, answer.value)
        return texts


@attrs.frozen(kw_only=True)
class CatalogItem:
    """One survey item: a stable id and its names."""

    id: str
    name: Name
    note: str | None = None


@attrs.frozen(kw_only=True)
class CatalogCategory:
    """One category of the survey: where it sits, its names, its items in order."""

    id: str
    group: Name
    name: Name
    items: tuple[CatalogItem, ...]


@attrs.frozen(kw_only=True)
class Catalog:
    """A survey catalog: the survey, its answer vocabulary, its categories and items."""

    id: str
    survey: Survey
    answers: AnswerVocabulary
    categories: tuple[CatalogCategory, ...]
    title: str | None = None
    description: str | None = None

    @property
    def items(self) -> tuple[CatalogItem, ...]:
        """Every item of every category, in catalog order."""
        return tuple(item for category in self.categories for item in category.items)

    def item_index(self) -> dict[str, int]:
        """Each item id's position in :attr:`items`."""
        return {item.id: index for index, item in enumerate(self.items)}

    def category_of(self, item_id: str) -> CatalogCategory:
        """The category an item belongs to.

        Raises :class:`~tajimi_rules.errors.UnknownItemError` (a :class:`KeyError`) if no
        category has it.
        """
        for category in self.categories:
            if any(item.id == item_id for item in category.items):
                return category
        raise UnknownItemError(item_id, (item.id for item in self.items))
