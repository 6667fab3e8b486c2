"""The hostile corpus's one runner: every case is run, and judged, the same way.

:func:`run_hostile` runs ``tajimi-rules ARGV`` in-process and states, for every case:

* the exit status is the documented one (``status``);
* the problems are the expected ones (``codes``: each must be among the codes of the problems the
  command raised or wrote as text, or of the problems in its JSON output);
* no traceback appeared and no exit status 3 (an internal error) was given;
* no Python warning escaped (a warning would reach the terminal raw, outside the command's words);
* nothing written to the terminal can drive it (no C0/C1 control, escape sequence or bidi control
  outside a line break or tab);
* nothing connected to the network (sockets refuse and are recorded while the case runs);
* no file under ``root`` was written, changed or left half-written, but those the case names in
  ``writes`` (paths relative to ``root``, each of which must then exist);
* the case finished within ``timeout`` seconds (a hang guard interrupts it otherwise).

A case about permissions runs as the user ``nobody`` (``unprivileged=True``), in a process of its
own, since root reads and writes whatever the permissions say; its problems are recorded there and
judged here alike.

:func:`api_hostile` runs one call of the Python API under the same network and hang guards and
returns what it raised, for the case to state which documented error that is.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import FrameType
from typing import Any, NamedTuple, TypeVar

import pytest

import tajimi_rules._cli as cli_module
from tajimi_rules._cli._common import EXIT_INTERNAL
from tajimi_rules._errors import Problem
from tajimi_rules.errors import TajimiRulesError

from ..conftest import Result, run_cli

__all__ = [
    "HOSTILE_TEXTS",
    "Hang",
    "api_hostile",
    "codes_in_json",
    "hang_guard",
    "no_network",
    "run_hostile",
    "snapshot",
]

T = TypeVar("T")

HOSTILE_TEXTS: dict[str, str] = {
    "osc-title": "\x1b]0;owned\x07",
    "csi-clear": "\x1b[2J\x1b[H",
    "csi-colour": "\x1b[31mred\x1b[0m",
    "c1-csi": "\x9b31m",
    "c1-osc": "\x9d0;owned\x9c",
    "bidi-override": "abc\u202edcba",
    "bidi-isolate": "\u2066isolated\u2069",
    "backspace": "abc\x08\x08\x08xyz",
    "carriage-return": "visible\rhidden",
    "delete": "a\x7fb",
}
"""Texts that would drive a terminal if written raw, by name."""

# What may not reach a terminal: C0 controls but line feed and tab, DEL, C1 controls, bidi
# embeddings, overrides and isolates, and the line and paragraph separators.
_DRIVING = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


class Hang(BaseException):
    """A case ran past its hang guard."""


@contextlib.contextmanager
def hang_guard(seconds: float) -> Iterator[None]:
    """Interrupt the block with :class:`Hang` after ``seconds`` (wall clock)."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def no_network() -> Iterator[list[str]]:
    """Refuse and record every attempt to open a network connection or resolve a name in the block."""
    attempts: list[str] = []

    def refuse(name: str) -> Callable[..., Any]:
        def refused(*args: Any, **kwargs: Any) -> Any:
            attempts.append(f"{name}{args[1:3]!r}" if name.startswith("socket.") else f"{name}{args[:2]!r}")
            raise OSError(f"the hostile corpus refuses network access ({name})")

        return refused

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", refuse("socket.connect"))
        patch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
        patch.setattr(socket.socket, "sendto", refuse("socket.sendto"))
        patch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
        patch.setattr(socket, "create_connection", refuse("create_connection"))
        yield attempts


def snapshot(root: Path) -> dict[str, str]:
    """Every file and directory under ``root``: relative path -> content digest (``dir`` for directories)."""
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[relative] = f"link:{os.readlink(path)}"
        elif path.is_dir():
            found[relative] = "dir"
        elif path.is_file():
            found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[relative] = "special"
    return found


def codes_in_json(value: Any) -> set[str]:
    """Every ``"code"`` string anywhere in a JSON value."""
    found: set[str] = set()
    if isinstance(value, dict):
        code = value.get("code")
        if isinstance(code, str):
            found.add(code)
        for item in value.values():
            found |= codes_in_json(item)
    elif isinstance(value, list):
        for item in value:
            found |= codes_in_json(item)
    return found


def _json_codes(stdout: str) -> set[str]:
    with contextlib.suppress(ValueError):
        return codes_in_json(json.loads(stdout))
    return set()


class _Run(NamedTuple):
    """What one run showed: its result, the problem codes it raised or wrote, network attempts, escaped warnings."""

    result: Result
    codes: set[str]
    attempts: list[str]
    escaped: list[str]


def _recorded(argv: Sequence[str | os.PathLike[str]], env: Mapping[str, str | None] | None, timeout: float) -> _Run:
    """Run the command line in-process, recording the problems it raised or wrote as text."""
    raised: list[str] = []
    error_lines = cli_module.error_lines

    def recording(error: TajimiRulesError, lang: Any) -> list[str]:
        raised.extend(problem.code for problem in getattr(error, "problems", ()))
        return error_lines(error, lang)

    problem_text = Problem.text

    def worded(problem: Problem, lang: str = "en") -> str:
        raised.append(problem.code)
        return problem_text(problem, lang)

    with (
        pytest.MonkeyPatch.context() as patch,
        warnings.catch_warnings(record=True) as escaped,
        no_network() as attempts,
        hang_guard(timeout),
    ):
        warnings.simplefilter("always")
        patch.setattr(cli_module, "error_lines", recording)
        patch.setattr(Problem, "text", worded)
        result = run_cli(*argv, env=env)
    found = set(raised) | _json_codes(result.stdout)
    return _Run(result, found, attempts, [str(warning.message) for warning in escaped])


SETPRIV = shutil.which("setpriv")
"""util-linux's ``setpriv``, which runs a case as an unprivileged user when the tests run as root."""

_NOBODY = ("--reuid=65534", "--regid=65534", "--clear-groups")


def _unprivileged(argv: Sequence[str | os.PathLike[str]], root: Path, timeout: float) -> _Run:
    """Run the command line as the user ``nobody`` (the tests run as root), in a process of its own."""
    assert SETPRIV is not None
    request = json.dumps({"argv": [os.fspath(arg) for arg in argv], "timeout": timeout})
    done = subprocess.run(
        [SETPRIV, *_NOBODY, sys.executable, "-m", "tests.hostile.harness", request],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=timeout + 30,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    result = Result(answer["status"], answer["stdout"], answer["stderr"])
    return _Run(result, set(answer["codes"]), answer["attempts"], answer["escaped"])


def run_hostile(
    *argv: str | os.PathLike[str],
    root: Path,
    status: int,
    codes: Iterable[str] = (),
    writes: Iterable[str] = (),
    env: Mapping[str, str | None] | None = None,
    timeout: float = 60,
    unprivileged: bool = False,
) -> Result:
    """Run one hostile case of the command line and check every promise (see the module).

    ``unprivileged``: run it as the user ``nobody`` (for cases about permissions, which root
    does not feel); only when the tests run as root and ``setpriv`` is there (:data:`SETPRIV`).
    """
    before = snapshot(root)
    run = _unprivileged(argv, root, timeout) if unprivileged else _recorded(argv, env, timeout)
    after = snapshot(root)
    result = run.result
    shown = result.stdout + result.stderr
    if len(shown) > 4000:
        shown = shown[:2000] + "\n[...]\n" + shown[-2000:]
    assert "Traceback" not in shown, shown
    assert result.status != EXIT_INTERNAL, shown
    assert result.status == status, f"exit status {result.status}, expected {status}\n{shown}"
    driving = sorted({repr(match[0]) for match in _DRIVING.finditer(shown)})
    assert not driving, f"characters that drive a terminal reached it: {driving}\n{shown!r}"
    assert not run.attempts, f"network access attempted: {run.attempts}"
    assert not run.escaped, f"Python warnings escaped: {run.escaped}"
    allowed = set(writes)
    changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    unexpected = {path for path in changed if not any(path == a or path.startswith(a + "/") for a in allowed)}
    assert not unexpected, f"files written, changed or left behind: {sorted(unexpected)}"
    for path in allowed:
        assert (root / path).exists(), f"expected output {path} was not written"
    missing = set(codes) - run.codes
    assert not missing, f"expected problem codes {sorted(missing)}, found {sorted(run.codes)}\n{shown}"
    return result


def api_hostile(call: Callable[[], T], *, timeout: float = 60) -> BaseException | T:
    """Run one hostile call of the Python API under the network and hang guards.

    Returns what it raised (a documented error is the case's expectation) or what it returned.
    """
    with no_network() as attempts, hang_guard(timeout):
        try:
            value: BaseException | T = call()
        except Exception as error:
            value = error
    assert not attempts, f"network access attempted: {attempts}"
    return value


def _main(request: str) -> None:
    """Run one case as asked by :func:`_unprivileged` and write what it showed as JSON."""
    asked = json.loads(request)
    run = _recorded(asked["argv"], None, asked["timeout"])
    result = run.result
    answer = {"status": result.status, "stdout": result.stdout, "stderr": result.stderr}
    answer |= {"codes": sorted(run.codes), "attempts": run.attempts, "escaped": run.escaped}
    print(json.dumps(answer))


if __name__ == "__main__":
    _main(sys.argv[1])
