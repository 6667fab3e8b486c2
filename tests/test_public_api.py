"""The public surface: a sorted, complete ``__all__`` and a light import."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import types

import pytest

import tajimi_rules


def _isort_key(name: str) -> tuple[int, str]:
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


def test_all_is_sorted():
    """``__all__`` is kept sorted: constants, then classes, then functions, each alphabetically."""
    assert tajimi_rules.__all__ == sorted(tajimi_rules.__all__, key=_isort_key)


NAMESPACES = (
    "analysis",
    "checks",
    "documents",
    "errors",
    "export",
    "model",
    "report",
    "rules",
    "suggestions",
    "survey",
)


def test_all_is_complete():
    """Every public name the package offers (``dir()``, loaded or not) is exported, and every export exists."""
    public = {name for name in dir(tajimi_rules) if not name.startswith("_")}
    assert public == set(tajimi_rules.__all__)
    assert all(getattr(tajimi_rules, name) is not None for name in tajimi_rules.__all__)


def test_unknown_names_are_attribute_errors():
    """A name the package does not offer raises ``AttributeError``, so ``hasattr`` stays honest."""
    assert not hasattr(tajimi_rules, "no_such_name")
    with pytest.raises(AttributeError, match="no_such_name"):
        tajimi_rules.no_such_name  # noqa: B018


def test_top_level_is_small():
    """The top level keeps the everyday names and the namespaces: at most 35 names."""
    assert len(tajimi_rules.__all__) <= 35
    assert {name for name in tajimi_rules.__all__ if isinstance(getattr(tajimi_rules, name), types.ModuleType)} == set(
        NAMESPACES
    )


@pytest.mark.parametrize("namespace", NAMESPACES)
def test_namespace_all_is_sorted_and_complete(namespace):
    """Each public namespace exports a sorted ``__all__`` naming exactly its public attributes."""
    module = importlib.import_module(f"tajimi_rules.{namespace}")
    assert module.__all__ == sorted(module.__all__, key=_isort_key)
    public = {
        name
        for name, value in vars(module).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType) and name != "annotations"
    }
    assert public == set(module.__all__)
    assert all(hasattr(module, name) for name in module.__all__)


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


def test_command_line_runs_in_process(cli):
    """The shared ``cli`` fixture runs ``tajimi-rules`` in-process and returns status, stdout and stderr."""
    assert cli("--version") == (0, f"tajimi-rules {tajimi_rules.__version__}\n", "")


def test_command_line_environment_lasts_one_run(cli, monkeypatch):
    """Variables given to one run of the command line do not outlive it."""
    monkeypatch.delenv("TAJIMI_RULES_LANG", raising=False)
    assert cli("--version", env={"TAJIMI_RULES_LANG": "ja"}).status == 0
    assert "TAJIMI_RULES_LANG" not in os.environ
