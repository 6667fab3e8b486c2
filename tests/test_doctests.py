"""The examples in the package's docstrings run and print what they show."""

from __future__ import annotations

import doctest
import importlib
import io
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src"
ROOT = SOURCE.parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


# Found by reading the files, so collecting imports nothing; each test imports its own module.
MODULES = sorted(
    _module_name(path) for path in (SOURCE / "tajimi_rules").rglob("*.py") if ">>>" in path.read_text("utf-8")
)

# Examples that still import a name the top level no longer holds: expected failures until their
# module's docstring is brought up to date (strict, so a fixed one must leave this list).
KNOWN: dict[str, str] = {}
CASES = [
    pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=KNOWN[name])) if name in KNOWN else name
    for name in MODULES
]


def test_known_failures_name_modules_with_examples():
    """Every known failure names a module that has examples."""
    assert set(KNOWN) <= set(MODULES)


def test_docstring_examples_exist():
    """The package keeps examples in its docstrings (so this file tests something)."""
    assert len(MODULES) >= 10


@pytest.mark.parametrize("name", CASES)
def test_docstring_examples_run(name: str, monkeypatch: pytest.MonkeyPatch):
    """Every ``>>>`` example of the module gives the output written under it, run from the repository root."""
    monkeypatch.chdir(ROOT)
    module = importlib.import_module(name)
    tests = [test for test in doctest.DocTestFinder().find(module) if test.examples]
    assert tests, f"{name} has '>>>' in its text but no docstring example was found"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report = io.StringIO()
    failed = sum(runner.run(test, out=report.write).failed for test in tests)
    assert failed == 0, report.getvalue()
