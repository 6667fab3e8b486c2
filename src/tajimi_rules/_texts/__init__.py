"""Every sentence the library writes, in one table keyed by message id and language.

The table is split by family into modules of its own (``_problems``, ``_cli`` …), each with two
mappings ``message id -> {"en": template, "ja": template}``: ``TEXTS`` for messages and
``PROBLEMS`` for problem codes, whose message id is the code itself; :data:`TABLE` joins them and refuses a
message id defined twice. Templates are :meth:`str.format` strings over named fields, with one
addition for English plurals: ``{count:plural:item:items}`` writes ``item`` when ``count`` is 1
and ``items`` otherwise.

Code outside this package never tests the language: it asks for ``text(message_id, lang, **fields)``.

>>> text("lang.name", "ja")
'日本語'
>>> text("demo.items", "en", count=1)
'1 item'
>>> text("demo.items", "en", count=3)
'3 items'
"""

from __future__ import annotations

import os
import string
from collections.abc import Mapping

from . import (
    _analysis,
    _checks,
    _cli,
    _core,
    _export,
    _problems,
    _report,
    _rules,
    _suggestions,
    _survey,
    _survey_workbooks,
)

__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "PROBLEM_CODES",
    "TABLE",
    "Lang",
    "Table",
    "is_lang",
    "name_in",
    "resolve_lang",
    "text",
]

# Not ``typing.TYPE_CHECKING``: importing typing costs the start-up of every command.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Final, Literal

    Lang = Literal["en", "ja"]
    """A language the library writes: English or Japanese."""
else:
    Lang = str  # what the type checker reads as ``Literal["en", "ja"]``, for the modules that import the name

LANGS: Final[tuple[Lang, ...]] = ("en", "ja")
DEFAULT_LANG: Final[Lang] = "en"

Table = Mapping[str, Mapping[Lang, str]]
"""One family's messages: message id to its template in every language."""


def _join(*tables: Table) -> dict[str, Mapping[Lang, str]]:
    joined: dict[str, Mapping[Lang, str]] = {}
    for table in tables:
        for key, templates in table.items():
            if key in joined:
                raise ValueError(f"message id {key!r} is defined twice")
            joined[key] = templates
    return joined


_FAMILIES = (
    _core,
    _problems,
    _rules,
    _analysis,
    _suggestions,
    _checks,
    _survey,
    _survey_workbooks,
    _report,
    _cli,
    _export,
)

TABLE: Final[Mapping[str, Mapping[Lang, str]]] = _join(
    *(family.TEXTS for family in _FAMILIES), *(family.PROBLEMS for family in _FAMILIES)
)
"""Every message id with its templates (a test checks that each has every language)."""

PROBLEM_CODES: Final[frozenset[str]] = frozenset(code for family in _FAMILIES for code in family.PROBLEMS)
"""The message ids that are problem codes (the reference page of problem codes lists them)."""


class _Formatter(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec.startswith("plural:"):
            _, one, many = format_spec.split(":", 2)
            return one if value == 1 else many
        return str(super().format_field(value, format_spec))


_FORMATTER = _Formatter()


def is_lang(value: object) -> bool:
    """Whether *value* names a language the library writes."""
    return value in LANGS


def name_in(lang: Lang | str, ja: str, en: str | None = None) -> str:
    """A name given in Japanese, with an optional English rendering, in ``lang`` (falling back to Japanese).

    >>> name_in("en", "多治見市", "Tajimi"), name_in("ja", "多治見市", "Tajimi"), name_in("en", "多治見市")
    ('Tajimi', '多治見市', '多治見市')
    """
    return {"en": en}.get(lang) or ja


def text(message_id: str, lang: Lang | str, /, **fields: Any) -> str:
    """The message *message_id* in *lang*, its fields filled in.

    An unknown language falls back to English; an unknown message id is a bug and raises ``KeyError``.
    """
    templates = TABLE[message_id]
    template = templates.get(lang if lang in LANGS else DEFAULT_LANG, templates[DEFAULT_LANG])
    return _FORMATTER.vformat(template, (), fields)


def resolve_lang(lang: str | None = None, environ: Mapping[str, str] | None = None) -> Lang:
    """The language to write: *lang* if given, else ``TAJIMI_RULES_LANG``, else the locale, else English.

    The locale is read as POSIX does (``LC_ALL``, then ``LC_MESSAGES``, then ``LANG``), so
    ``LANG=ja_JP.UTF-8`` gives Japanese.

    >>> resolve_lang(None, {"LANG": "ja_JP.UTF-8"})
    'ja'
    >>> resolve_lang(None, {"TAJIMI_RULES_LANG": "en", "LANG": "ja_JP.UTF-8"})
    'en'
    """
    env = os.environ if environ is None else environ
    for candidate in (lang, env.get("TAJIMI_RULES_LANG")):
        if candidate == "ja":
            return "ja"
        if candidate == "en":
            return "en"
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable)
        if value:
            return "ja" if value.lower().startswith("ja") else DEFAULT_LANG
    return DEFAULT_LANG
