"""Survey catalogs: what a survey asks, and what each answer text means.

A :class:`Catalog` is data (normally read from a JSON file validated by
``catalog.schema.json``): the survey's title and fiscal year, its categories with their
items, and the answer vocabulary that turns a cell such as ``導入済み`` or ``未`` into an
:class:`Answer`. Shipped catalogs live in ``tajimi_rules/catalogs/`` and are read through
:mod:`importlib.resources`.

>>> from tajimi_rules import load_catalog
>>> catalog = load_catalog("r4")
>>> catalog.answers.read("令和5年度中に導入予定")
<Answer.NOT_IMPLEMENTED: 'not_implemented'>
"""

from __future__ import annotations

import enum
import os
import unicodedata
from collections.abc import Iterator, Mapping
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import attrs
import cattrs

from .._convert import converter, structuring_problems
from .._errors import InvalidDocumentError, Problem, pointer
from ..documents._jsonio import read_json
from ..documents._meaning import category_id_problems
from ..documents._schemas import schema_problems
from ..model import Name, Survey

__all__ = [
    "DEFAULT_CATALOG",
    "Answer",
    "AnswerVocabulary",
    "Catalog",
    "CatalogCategory",
    "CatalogItem",
    "builtin_catalogs",
    "load_catalog",
    "normalize_answer",
    "parse_catalog",
]

DEFAULT_CATALOG = "r4"
"""The catalog used when the caller names none."""


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
    """
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
        """The category an item belongs to; :class:`KeyError` if no category has it."""
        for category in self.categories:
            if any(item.id == item_id for item in category.items):
                return category
        raise KeyError(item_id)


def catalog_problems(catalog: Catalog) -> Iterator[Problem]:
    """Problems of meaning in a schema-valid catalog: repeated ids, an answer text with two meanings."""
    yield from category_id_problems(category.id for category in catalog.categories)
    items: set[str] = set()
    for index, category in enumerate(catalog.categories):
        for item_index, item in enumerate(category.items):
            if item.id in items:
                yield Problem(
                    code="item.duplicate_id",
                    message=f"item id {item.id!r} is used twice in the catalog",
                    message_ja=f"項目ID {item.id!r} がカタログ内で重複している",
                    pointer=pointer("categories", index, "items", item_index, "id"),
                    expected="an item id unique across the catalog",
                    found=repr(item.id),
                )
            items.add(item.id)
    meanings: dict[str, Answer] = {}
    for answer in Answer:
        for text_index, text in enumerate(catalog.answers.texts(answer)):
            key = normalize_answer(text)
            first = meanings.setdefault(key, answer)
            if first is not answer:
                yield Problem(
                    code="answers.ambiguous",
                    message=f"answer text {text!r} means both {first.value} and {answer.value}",
                    message_ja=f"回答 {text!r} が {first.value} と {answer.value} の両方に含まれている",
                    pointer=pointer("answers", answer.value, text_index),
                    expected="each answer text under one meaning",
                    found=repr(text),
                )


def parse_catalog(data: Mapping[str, Any], *, file: str | None = None) -> Catalog:
    """Build a :class:`Catalog` from a JSON-ready mapping, validating schema and meaning."""
    if not isinstance(data, Mapping):
        raise InvalidDocumentError(
            [Problem(code="document.not_object", message="the document is not a JSON object", file=file)],
            kind="catalog",
        )
    problems = schema_problems(data, "catalog")
    if problems:
        raise InvalidDocumentError([p.located(file) for p in problems], kind="catalog")
    try:
        catalog = converter.structure(dict(data), Catalog)
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as error:
        found = (
            structuring_problems(error)
            if isinstance(error, cattrs.BaseValidationError)
            else [Problem(code="model.invalid", message=str(error))]
        )
        raise InvalidDocumentError([p.located(file) for p in found], kind="catalog") from None
    meaning = list(catalog_problems(catalog))
    if meaning:
        raise InvalidDocumentError([p.located(file) for p in meaning], kind="catalog")
    return catalog


def builtin_catalogs() -> tuple[str, ...]:
    """The ids of the catalogs shipped with the package, sorted."""
    folder = files("tajimi_rules").joinpath("catalogs")
    return tuple(sorted(entry.name.removesuffix(".json") for entry in folder.iterdir() if entry.name.endswith(".json")))


@cache
def _builtin(catalog_id: str) -> Catalog:
    name = f"tajimi_rules/catalogs/{catalog_id}.json"
    data, problems = read_json(files("tajimi_rules").joinpath("catalogs", f"{catalog_id}.json").read_bytes(), name=name)
    if problems:  # pragma: no cover - shipped data is tested
        raise InvalidDocumentError(problems, kind="catalog")
    return parse_catalog(data, file=name)


def load_catalog(source: str | os.PathLike[str] | Mapping[str, Any] | Catalog | None = None) -> Catalog:
    """Load a catalog by id (``"r4"``), from a JSON file path, or from a mapping.

    ``None`` gives :data:`DEFAULT_CATALOG`. Shipped catalogs are read once and cached.
    Raises :class:`InvalidDocumentError` for a missing or invalid file.
    """
    if isinstance(source, Catalog):
        return source
    if source is None:
        source = DEFAULT_CATALOG
    if isinstance(source, Mapping):
        return parse_catalog(source)
    text = os.fspath(source)
    if text in builtin_catalogs() and not Path(text).exists():
        return _builtin(text)
    data, problems = read_json(text)
    if problems:
        raise InvalidDocumentError(problems, kind="catalog")
    return parse_catalog(data, file=text)
