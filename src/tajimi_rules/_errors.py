"""Problems found in input, and the exceptions that carry them (see :mod:`tajimi_rules.errors`)."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any, ClassVar

import attrs

__all__ = [
    "InvalidDocumentError",
    "OutputExistsError",
    "Problem",
    "Severity",
    "TajimiRulesError",
    "UnknownCatalogError",
    "UnknownCategoryError",
    "UnknownIdError",
    "UnknownRuleSetError",
    "pointer",
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


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with an input document, and where.

    ``pointer`` is an RFC 6901 JSON pointer into the document ("" is the whole document);
    ``line`` and ``column`` are set instead of a meaningful pointer for syntax errors.
    ``code`` is a stable identifier (``"schema.type"``, ``"counts.mismatch"``, ...) that
    tools can match on; ``message`` is the English sentence; ``message_ja`` the Japanese one
    where known. ``expected`` and ``found`` say what should have been there and what was.
    """

    code: str
    message: str
    pointer: str = ""
    expected: str | None = None
    found: str | None = None
    file: str | None = None
    line: int | None = None
    column: int | None = None
    severity: Severity = Severity.ERROR
    message_ja: str | None = None

    def located(self, file: str | None = None, prefix: str = "") -> Problem:
        """Return this problem placed in ``file`` and under the pointer ``prefix``."""
        return attrs.evolve(
            self,
            file=file if file is not None else self.file,
            pointer=prefix + self.pointer,
        )

    @property
    def location(self) -> str:
        """``file#/pointer``, or ``file:line:column`` for a syntax error."""
        file = self.file or "<document>"
        if self.line is not None:
            return f"{file}:{self.line}:{self.column or 1}"
        return f"{file}#{self.pointer}"

    def text(self, lang: str = "en") -> str:
        """The problem as one line: location, message, expected and found."""
        ja = lang == "ja"
        message = self.message_ja if ja and self.message_ja else self.message
        parts = [f"{self.location}: {message}"]
        details = []
        if self.expected is not None:
            details.append(("期待: " if ja else "expected ") + self.expected)
        if self.found is not None:
            details.append(("実際: " if ja else "found ") + self.found)
        if details:
            parts.append(" (" + ("、" if ja else ", ").join(details) + ")")
        if self.severity is Severity.WARNING:
            parts.insert(0, "警告: " if ja else "warning: ")
        return "".join(parts)

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
        return head if more == 0 else f"{head} (and {more} more problem{'s' * (more > 1)})"


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


class OutputExistsError(TajimiRulesError, FileExistsError):
    """The output path exists and replacing it was not asked for."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(f"{path}: the output exists and is not empty (replacing it was not asked for)")
