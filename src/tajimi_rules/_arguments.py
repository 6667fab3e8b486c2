"""Checking the arguments of the public functions: a wrong one raises at once, naming itself.

Bad *content* (a document, a file) is reported as problems; a wrong *argument* is a mistake
in the calling program, so it raises: :class:`TypeError` for a value of the wrong type,
:class:`ValueError` for a value of the right type that names nothing (an unknown option).
Either message names the function, the parameter, what was expected and what was given::

    validate() argument kind must be one of 'evaluation', 'ruleset', 'catalog' or None, not 'bogus'
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any

from ._texts import LANGS, text

__all__ = [
    "check_callable",
    "check_choice",
    "check_count",
    "check_lang",
    "check_optional_str",
    "check_rule_set",
    "check_source",
    "check_type",
    "type_name",
    "wrong_type",
    "wrong_value",
]


def type_name(value: object) -> str:
    """The name of ``value``'s type as a caller writes it (``None`` for ``None``)."""
    return "None" if value is None else type(value).__name__


def _clipped(value: object, limit: int = 60) -> str:
    # repr() writes control characters and lone surrogates as escapes: the message can be printed.
    shown = repr(value)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def wrong_type(function: str, parameter: str, expected: str, value: object) -> TypeError:
    """The :class:`TypeError` for ``value`` given as ``parameter`` of ``function``."""
    return TypeError(
        text("argument.type", "en", function=function, parameter=parameter, expected=expected, found=type_name(value))
    )


def wrong_value(function: str, parameter: str, expected: str, value: object) -> ValueError:
    """The :class:`ValueError` for ``value`` given as ``parameter`` of ``function``."""
    return ValueError(
        text("argument.value", "en", function=function, parameter=parameter, expected=expected, found=_clipped(value))
    )


def check_type(
    value: object, accepted: type | tuple[type, ...], *, function: str, parameter: str, expected: str
) -> None:
    """Raise :func:`wrong_type` unless ``value`` is an instance of ``accepted`` (``bool`` is no number here)."""
    if not isinstance(value, accepted) or (isinstance(value, bool) and not _admits_bool(accepted)):
        raise wrong_type(function, parameter, expected, value)


def _admits_bool(accepted: type | tuple[type, ...]) -> bool:
    return bool in (accepted if isinstance(accepted, tuple) else (accepted,))


def check_choice(value: object, options: Iterable[Any], *, function: str, parameter: str) -> None:
    """Raise unless ``value`` is one of ``options``: :class:`TypeError` for another type, else :class:`ValueError`."""
    choices = tuple(options)
    if value in choices and type(value) in {type(option) for option in choices}:
        return
    expected = text("argument.one_of", "en", options=", ".join(map(repr, choices)))
    if not any(isinstance(value, type(option)) for option in choices):
        raise wrong_type(function, parameter, expected, value)
    raise wrong_value(function, parameter, expected, value)


def check_count(value: object, *, function: str, parameter: str, minimum: int = 0) -> None:
    """Raise unless ``value`` is an ``int`` (not a ``bool``) of at least ``minimum``."""
    if type(value) is int and value >= minimum:
        return  # the common case, without wording a message no one reads
    expected = text("argument.int_at_least", "en", minimum=minimum)
    check_type(value, int, function=function, parameter=parameter, expected=expected)
    assert isinstance(value, int)
    if value < minimum:
        raise wrong_value(function, parameter, expected, value)


def check_lang(value: object, function: str, parameter: str = "lang") -> None:
    """Raise unless ``value`` is a language the library writes (``"en"`` or ``"ja"``)."""
    check_choice(value, LANGS, function=function, parameter=parameter)


def check_rule_set(value: object, function: str, parameter: str = "rules") -> None:
    """Raise :class:`TypeError` unless ``value`` is a loaded rule set."""
    from .rules._rules import RuleSet  # noqa: PLC0415 - the rules import this module

    check_type(value, RuleSet, function=function, parameter=parameter, expected=_A_RULE_SET)


_A_RULE_SET = "a RuleSet (load one with load_rules())"


def check_source(
    value: object, function: str, parameter: str = "source", *, data: bool = False, mapping: bool = False
) -> None:
    """Raise :class:`TypeError` unless ``value`` is a path (``str`` or ``os.PathLike``).

    ``data`` admits the file's bytes too, ``mapping`` an already parsed :class:`~collections.abc.Mapping`.
    """
    if isinstance(value, (str, os.PathLike)) or (data and isinstance(value, bytes)):
        return
    if mapping and isinstance(value, Mapping):
        return
    kinds = ["a path (str or os.PathLike)"] + (["bytes"] if data else []) + (["a Mapping"] if mapping else [])
    expected = kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " or " + kinds[-1]
    raise wrong_type(function, parameter, expected, value)


def check_optional_str(value: object, function: str, parameter: str) -> None:
    """Raise :class:`TypeError` unless ``value`` is a ``str`` or ``None``."""
    if value is not None and not isinstance(value, str):
        raise wrong_type(function, parameter, "a str or None", value)


def check_callable(value: object, function: str, parameter: str) -> None:
    """Raise :class:`TypeError` unless ``value`` is callable or ``None``."""
    if value is not None and not callable(value):
        raise wrong_type(function, parameter, "a callable or None", value)
