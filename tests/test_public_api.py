"""The public surface: a sorted, complete ``__all__`` and a light import."""

from __future__ import annotations

import subprocess
import sys
import types

import tajimi_rules


def _isort_key(name: str) -> tuple[int, str]:
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


def test_all_is_sorted():
    """``__all__`` is kept sorted: constants, then classes, then functions, each alphabetically."""
    assert tajimi_rules.__all__ == sorted(tajimi_rules.__all__, key=_isort_key)


def test_all_is_complete():
    """Every public name the package defines is exported, and every export exists."""
    public = {
        name
        for name, value in vars(tajimi_rules).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert public == set(tajimi_rules.__all__)


def test_contract_names():
    """The names other code relies on are exported."""
    for name in ("Counts", "load_rules", "load_evaluation", "check", "Rating", "Level"):
        assert name in tajimi_rules.__all__


def test_import_stays_light():
    """Importing the package loads no heavy optional dependency."""
    heavy = ("openpyxl", "matplotlib", "jinja2", "numpy")
    code = f"import sys, tajimi_rules; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
