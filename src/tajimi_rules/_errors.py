"""Problems found in input, and the exceptions that carry them (see :mod:`tajimi_rules.errors`)."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

import attrs

from ._texts import text

__all__ = [
    "Detail",
    "Field",
    "InvalidDocumentError",
    "OutputExistsError",
    "Phrase",
    "Problem",
    "Severity",
    "TajimiRulesError",
    "UnknownCatalogError",
    "UnknownCategoryError",
    "UnknownIdError",
    "UnknownItemError",
    "UnknownRuleSetError",
    "phrase",
    "pointer",
    "rendered",
]


class Severity(enum.Enum):
    """How serious a problem is: an ``error`` makes a document invalid, a ``warning`` does not."""

    ERROR = "error"
    WARNING = "warning"


def _escape(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def pointer(*tokens: str | int) -> str:
    """Build an RFC 6901 JSON pointer from path tokens.

    >>> pointer("categories", 3, "counts", "advanced")
    '/categories/3/counts/advanced'
    >>> pointer()
    ''
    """
    return "".join("/" + _escape(token) for token in tokens)


@attrs.frozen
class Phrase:
    """Wording from the text table: a message id and the fields it is filled with.

    A problem's *expected* and *found* parts, and the fields of its message, are either data
    (a string, the same in every language) or a phrase, rendered in the language asked for.

    >>> Phrase("words.kind.ruleset").render("ja")
    '規則集'
    """

    id: str
    fields: Mapping[str, Any] = attrs.field(factory=dict, hash=False)

    def render(self, lang: str = "en") -> str:
        """The phrase in ``lang``; fields that are phrases are rendered in ``lang`` too."""
        return text(self.id, lang, **rendered(self.fields, lang))

    def __str__(self) -> str:
        return self.render()


def phrase(message_id: str, /, **fields: Any) -> Phrase:
    """A :class:`Phrase` of the text table: ``phrase("words.key", key="rules")``."""
    return Phrase(message_id, fields)


def rendered(fields: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """``fields`` with every :class:`Phrase` among them rendered in ``lang``."""
    return {key: value.render(lang) if isinstance(value, Phrase) else value for key, value in fields.items()}


Detail = str | Phrase
"""What a problem's *expected* or *found* part holds: data as a string, or wording as a phrase."""


def _render(detail: Detail | None, lang: str) -> str | None:
    return detail.render(lang) if isinstance(detail, Phrase) else detail


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with an input document, and where.

    A problem is built from its ``code`` (a stable identifier such as ``"schema.type"`` or
    ``"counts.mismatch"`` that tools can match on) and the ``fields`` its message is filled
    with: the English :attr:`message` and the Japanese :attr:`message_ja` come from the text
    table, where the message id is the code. ``pointer`` is an RFC 6901 JSON pointer into the
    document ("" is the whole document); ``line`` and ``column`` are set instead for syntax
    errors. ``expected`` and ``found`` say what should have been there and what was.

    A message given as ``message=`` (and ``message_ja=``) is used as written, for problems
    whose code the table does not hold.

    >>> Problem(code="municipality.check_digit", fields={"code": "212040"}).message_ja
    '地方公共団体コード 212040 の検査数字が誤っている'
    """

    code: str
    pointer: str = ""
    _expected: Detail | None = attrs.field(default=None, alias="expected")
    _found: Detail | None = attrs.field(default=None, alias="found")
    file: str | None = None
    line: int | None = None
    column: int | None = None
    severity: Severity = Severity.ERROR
    fields: Mapping[str, Any] = attrs.field(factory=dict, hash=False)
    _message: str | None = attrs.field(default=None, alias="message")
    _message_ja: str | None = attrs.field(default=None, alias="message_ja")

    def located(self, file: str | None = None, prefix: str = "") -> Problem:
        """Return this problem placed in ``file`` and under the pointer ``prefix``."""
        return attrs.evolve(
            self,
            file=file if file is not None else self.file,
            pointer=prefix + self.pointer,
        )

    def within(self, *tokens: str | int) -> Problem:
        """This problem, found in the value at ``tokens`` below where it was reported.

        A check reports problems relative to the value it checks; the walker that descended
        into that value prefixes the path (as jsonschema's ``descend`` does).

        >>> Problem(code="json.empty", pointer="/id").within("categories", 2).pointer
        '/categories/2/id'
        """
        return attrs.evolve(self, pointer=pointer(*tokens) + self.pointer)

    def wording(self, lang: str = "en") -> str:
        """The message in ``lang``: from the text table, or as given."""
        if self._message is not None:
            given = {"en": self._message, "ja": self._message_ja}
            return given.get(lang) or self._message
        return text(self.code, lang, **rendered(self.fields, lang))

    @property
    def message(self) -> str:
        """The English message."""
        return self.wording("en")

    @property
    def message_ja(self) -> str | None:
        """The Japanese message (``None`` for a given English message with no Japanese)."""
        if self._message is not None:
            return self._message_ja
        return self.wording("ja")

    @property
    def expected(self) -> str | None:
        """What should have been there, in English."""
        return _render(self._expected, "en")

    @property
    def found(self) -> str | None:
        """What was there, in English."""
        return _render(self._found, "en")

    @property
    def location(self) -> str:
        """``file#/pointer``, or ``file:line:column`` for a syntax error."""
        file = self.file or "<document>"
        if self.line is not None:
            return f"{file}:{self.line}:{self.column or 1}"
        return f"{file}#{self.pointer}"

    def text(self, lang: str = "en") -> str:
        """The problem as one line in ``lang``: location, message, expected and found."""
        details = [
            text(key, lang, value=value)
            for key, value in (
                ("problem.expected", _render(self._expected, lang)),
                ("problem.found", _render(self._found, lang)),
            )
            if value is not None
        ]
        line = f"{self.location}: {self.wording(lang)}"
        if details:
            line += text("problem.details", lang, details=text("problem.separator", lang).join(details))
        if self.severity is Severity.WARNING:
            line = text("problem.warning", lang, line=line)
        return line

    def to_json(self) -> dict[str, Any]:
        """The problem as a JSON-ready mapping (keys with no value are left out)."""
        out: dict[str, Any] = {
            "file": self.file,
            "pointer": self.pointer,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "message_ja": self.message_ja,
            "expected": self.expected,
            "found": self.found,
        }
        return {key: value for key, value in out.items() if value is not None}

    def __str__(self) -> str:
        return self.text()


class TajimiRulesError(Exception):
    """Base class of every exception this library raises on purpose.

    ``exit_code`` is the status the command line exits with when the error reaches it.
    """

    exit_code: ClassVar[int] = 2


class InvalidDocumentError(TajimiRulesError, ValueError):
    """A document (file or mapping) is not valid; ``problems`` lists everything found."""

    def __init__(self, problems: Iterable[Problem], *, kind: str = "document") -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.kind = kind
        super().__init__(self._summary())

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems of severity ``error`` (those that make the document invalid)."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    def _summary(self) -> str:
        errors = self.errors or self.problems
        if not errors:
            return f"invalid {self.kind}"
        head = str(errors[0])
        more = len(errors) - 1
        return head if more == 0 else text("problem.more", "en", head=head, count=more)


class UnknownIdError(TajimiRulesError, LookupError):
    """No object of this kind has the given id; ``known`` lists the ids there are."""

    what: ClassVar[str] = "id"
    alternative: ClassVar[str] = ""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        self.name = name
        self.known = tuple(sorted(known))
        expected = ", ".join(self.known) or "none"
        super().__init__(f"unknown {self.what} {name!r}: expected one of {expected}{self.alternative}")


class UnknownRuleSetError(UnknownIdError):
    """No shipped rule set has this id, and it is not a path to a rule-set file."""

    what = "rule set"
    alternative = " or the path of a rule-set JSON file"


class UnknownCatalogError(UnknownIdError):
    """No shipped catalog has this id, and it is not a path to a catalog file."""

    what = "catalog"
    alternative = " or the path of a catalog JSON file"


class UnknownCategoryError(UnknownIdError, KeyError):
    """The evaluation has no category with this id."""

    what = "category"

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class UnknownItemError(UnknownIdError, KeyError):
    """The catalog has no item with this id."""

    what = "item"

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class OutputExistsError(TajimiRulesError, FileExistsError):
    """The output path exists and replacing it was not asked for."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(f"{path}: the output exists and is not empty (replacing it was not asked for)")


Field = str | int | Phrase
"""A field of a message: a value written as is, or a :class:`Phrase` worded in the language shown."""


def problem(  # noqa: PLR0913 - keyword-only parts of a problem, each with a default
    code: str,
    /,
    *,
    pointer: str = "",
    expected: str | Phrase | None = None,
    found: str | Phrase | None = None,
    file: str | None = None,
    line: int | None = None,
    column: int | None = None,
    severity: Severity = Severity.ERROR,
    **fields: Field,
) -> Problem:
    """A :class:`Problem` with ``code``, its message the text table's template for the code, filled with ``fields``."""
    return Problem(
        code=code,
        fields=fields,
        pointer=pointer,
        expected=expected,
        found=found,
        file=file,
        line=line,
        column=column,
        severity=severity,
    )
