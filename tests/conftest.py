"""Shared fixtures: paths to the repository's example, the shipped rule sets, and the command line in-process."""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import HealthCheck, settings

import tajimi_rules as tr
from tajimi_rules._cli import main
from tajimi_rules._cli._common import Output
from tajimi_rules._light._check import quick_check

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "tajimi-r4.json"

# Hypothesis: the same examples everywhere; without a per-example deadline, since two workers share
# two cores with whatever else runs and a deadline would then fail on the machine's load, not the code.
settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("default")


class Result(NamedTuple):
    """What one run of the command line gave: its exit status and what it wrote to each stream."""

    status: int
    stdout: str
    stderr: str


class _Terminal(io.StringIO):
    """A captured stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@contextlib.contextmanager
def _environment(env: Mapping[str, str | None] | None) -> Iterator[None]:
    """Set (or, for None, remove) environment variables for the duration of the block."""
    saved = {name: os.environ.get(name) for name in env or {}}
    try:
        for name, value in (env or {}).items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run_cli(*argv: str | os.PathLike[str], env: Mapping[str, str | None] | None = None, tty: bool = False) -> Result:
    """Run ``tajimi-rules *argv`` in-process and return its status, stdout and stderr.

    ``env`` sets (or, for None, removes) environment variables during the run; ``tty`` makes the
    error stream say it is a terminal, as an interactive run's is.
    """
    stdout, stderr = io.StringIO(), _Terminal() if tty else io.StringIO()
    words = [os.fspath(arg) for arg in argv]
    with _environment(env):
        status = main(words, out=Output(stdout, stderr))
        result = Result(status, stdout.getvalue(), stderr.getvalue())
        if words[:1] == ["check"]:
            _same_on_the_quick_route(words[1:], result)
    return result


def _same_on_the_quick_route(words: list[str], result: Result) -> None:
    """Where the console script's quick route takes a check, it writes what the full road wrote, and no warning."""
    quick = io.StringIO()
    status = quick_check(words, quick)
    if status is None:
        assert quick.getvalue() == ""
        return
    assert (status, quick.getvalue(), "") == (result.status, result.stdout, result.stderr)


@pytest.fixture(autouse=True, scope="session")
def _default_language() -> Iterator[None]:
    """The suite's expectations are written for the default language, whatever the developer's locale."""
    with pytest.MonkeyPatch.context() as patch:
        for name in ("TAJIMI_RULES_LANG", "LC_ALL", "LC_MESSAGES"):
            patch.delenv(name, raising=False)
        patch.setenv("LANG", "C.UTF-8")
        yield


@pytest.fixture(scope="session")
def cli() -> Callable[..., Result]:
    """The command line, in-process: ``cli(*argv, env=None, tty=False) -> Result(status, stdout, stderr)``."""
    return run_cli


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
