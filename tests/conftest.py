"""Shared fixtures: paths to the repository's example and the shipped rule sets."""

from __future__ import annotations

from pathlib import Path

import pytest

import tajimi_rules as tr

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "tajimi-r4.json"


@pytest.fixture(scope="session")
def example_path() -> Path:
    """The Tajimi R4 example evaluation file."""
    return EXAMPLE


@pytest.fixture(scope="session")
def practised() -> tr.RuleSet:
    """The practised reading, ``tajimi-r4``."""
    return tr.load_rules("tajimi-r4")


@pytest.fixture(scope="session")
def written() -> tr.RuleSet:
    """The literal reading, ``tajimi-r4-written``."""
    return tr.load_rules("tajimi-r4-written")
