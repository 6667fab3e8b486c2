"""The documents shipped with the package: which rule sets and catalogs there are, and their bytes.

They are package data, read through :mod:`importlib.resources` and listed once.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

__all__ = ["DEFAULT_CATALOG", "DEFAULT_RULES", "builtin_catalogs", "builtin_rule_sets", "shipped_bytes"]

DEFAULT_RULES = "tajimi-r4"
"""The rule set used when neither the caller nor the evaluation names one."""

DEFAULT_CATALOG = "r4"
"""The catalog used when the caller names none."""


def _shipped(folder: str) -> tuple[str, ...]:
    entries = files("tajimi_rules").joinpath(folder).iterdir()
    return tuple(sorted(entry.name.removesuffix(".json") for entry in entries if entry.name.endswith(".json")))


@cache
def builtin_rule_sets() -> tuple[str, ...]:
    """The ids of the rule sets shipped with the package, sorted (read once)."""
    return _shipped("rulesets")


@cache
def builtin_catalogs() -> tuple[str, ...]:
    """The ids of the catalogs shipped with the package, sorted (read once)."""
    return _shipped("catalogs")


def shipped_bytes(folder: str, name: str) -> bytes:
    """The bytes of the shipped document ``folder/name.json`` (``"rulesets"``, ``"tajimi-r4"``)."""
    return files("tajimi_rules").joinpath(folder, f"{name}.json").read_bytes()
