"""The documents shipped with the package: which rule sets and catalogs there are, and their bytes.

They are package data. Where the package is a folder, as pip installs it, they are listed and
read there as files, which is what :mod:`importlib.resources` does for such a package; importing
:mod:`importlib.resources` itself costs a command's start-up more than its work (it loads
``pathlib``, ``tempfile`` and ``zipfile``), so it reads them only where the package is no folder.
"""

from __future__ import annotations

import os
from functools import cache

__all__ = ["DEFAULT_CATALOG", "DEFAULT_RULES", "builtin_catalogs", "builtin_rule_sets", "shipped_bytes"]

DEFAULT_RULES = "tajimi-r4"
"""The rule set used when neither the caller nor the evaluation names one."""

DEFAULT_CATALOG = "r4"
"""The catalog used when the caller names none."""

_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _names(folder: str) -> list[str]:
    """The file names in the package's ``folder``."""
    if os.path.isdir(_PACKAGE):
        return os.listdir(os.path.join(_PACKAGE, folder))
    from importlib.resources import files  # noqa: PLC0415 - a package that is no folder (a zip)

    return [entry.name for entry in files("tajimi_rules").joinpath(folder).iterdir()]


def _shipped(folder: str) -> tuple[str, ...]:
    return tuple(sorted(name.removesuffix(".json") for name in _names(folder) if name.endswith(".json")))


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
    if os.path.isdir(_PACKAGE):
        with open(os.path.join(_PACKAGE, folder, f"{name}.json"), "rb") as stream:
            return stream.read()
    from importlib.resources import files  # noqa: PLC0415 - a package that is no folder (a zip)

    return files("tajimi_rules").joinpath(folder, f"{name}.json").read_bytes()
