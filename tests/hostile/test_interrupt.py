"""Atomicity under interruption: ``batch`` and ``report`` killed at any point leave the old output or nothing.

Each command runs as a subprocess and is killed (SIGKILL, or SIGTERM, whose default action also
ends the process without cleaning up) after delays spread over its whole run. Afterwards the
output path holds the previous output, or the complete new one, or (``batch`` only, between its
two renames) nothing with the previous output set aside; never a part. The temporary files and
directories a killed run leaves beside the output are removed by the next run.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tajimi_rules._files import write_atomically

from ..conftest import EXAMPLE, run_cli
from .test_commands import _answers_csv

# Fractions of a complete run after which the run is killed, each with its signal.
KILLS = ((0.2, signal.SIGKILL), (0.55, signal.SIGTERM), (0.9, signal.SIGKILL))


def _dead_pid() -> int:
    """The pid of a process that has ended."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True)
    return int(done.stdout)


def _command(*argv: str) -> list[str]:
    return [sys.executable, "-m", "tajimi_rules", *argv]


def _complete(command: list[str]) -> float:
    """Run ``command`` to its end and return how long it took."""
    started = time.monotonic()
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    return time.monotonic() - started


def _kill_at(command: list[str], delay: float, signum: int) -> None:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    process.send_signal(signum)
    process.wait(timeout=60)


def _leftovers(folder: Path, name: str) -> list[str]:
    return sorted(
        path.name for path in folder.iterdir() if path.name.startswith(f".{name}.") and path.name.endswith(".tmp")
    )


def _content(path: Path) -> bytes:
    """A file's bytes; the marker (it names the writer's pid) and a whole workbook (it holds its time) by kind."""
    if path.name == ".tajimi-rules-batch.json":
        return b"marker"
    if path.suffix == ".xlsx" and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as workbook:
            return b"whole workbook" if workbook.testzip() is None else path.read_bytes()
    return path.read_bytes()


def _files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` and its content."""
    return {str(path.relative_to(folder)): _content(path) for path in sorted(folder.rglob("*")) if path.is_file()}


def _evaluation(tmp_path: Path, categories: int) -> Path:
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    document["categories"] = document["categories"][:categories]
    path = tmp_path / f"ev{categories}.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def _killed_runs(command: list[str], state: Callable[[], object], allowed: list[object]) -> None:
    """Kill ``command`` after each delay of :data:`KILLS`; the state must then be one of ``allowed``."""
    duration = _complete(command)
    allowed.append(state())  # the complete new output
    for fraction, signum in KILLS:
        _kill_at(command, fraction * duration, signum)
        assert state() in allowed, f"partial output after {signal.Signals(signum).name} at {fraction:.0%} of the run"


def test_a_killed_report_leaves_the_previous_report_or_the_new_one(tmp_path: Path) -> None:
    """``report`` killed at any point: the file is the old report or the complete new one; the rerun cleans up."""
    out = tmp_path / "r.md"
    assert run_cli("report", _evaluation(tmp_path, 2), "--out", out).status == 0
    previous = out.read_bytes()
    argv = ("report", str(_evaluation(tmp_path, 4)), "--out", str(out))
    _killed_runs(_command(*argv), out.read_bytes, [previous])
    (tmp_path / f".r.md.{_dead_pid()}-killed00.tmp").write_bytes(b"# part")  # as a kill during the write leaves
    assert run_cli(*argv).status == 0
    assert _leftovers(tmp_path, "r.md") == []


def test_a_killed_batch_leaves_the_previous_output_or_the_new_one(tmp_path: Path) -> None:
    """``batch --replace`` killed anywhere: DIR is the old output, the new one, or set aside whole; reruns clean up."""
    out = tmp_path / "out"
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    _answers_csv(first)
    _answers_csv(second, prefecture="岐阜県")
    batch = ("--catalog", "r4", "--grade-within-observed", "--out", str(out), "--replace")
    assert run_cli("batch", str(first), *batch).status == 0
    previous = _files(out)

    def state() -> object:
        if out.exists():
            return _files(out)
        # Killed between the two renames: the previous output waits whole beside DIR.
        (aside,) = [path for path in tmp_path.iterdir() if path.name.startswith(".out.") and path.name.endswith(".old")]
        return _files(aside)

    _killed_runs(_command("batch", str(second), *batch), state, [previous])
    assert run_cli("batch", str(second), *batch).status == 0
    assert _leftovers(tmp_path, "out") == []


def test_a_write_killed_midway_leaves_the_old_file_and_the_next_write_removes_its_leftover(tmp_path: Path) -> None:
    """SIGKILL during the write itself: the old file stays whole, and the next write removes the partial leftover."""
    target = tmp_path / "r.html"
    target.write_bytes(b"old")
    writer = (
        "import sys; from tajimi_rules._files import write_atomically; write_atomically(sys.argv[1], b'x' * 20_000_000)"
    )
    process = subprocess.Popen([sys.executable, "-c", writer, str(target)])
    deadline = time.monotonic() + 30
    while not _leftovers(tmp_path, "r.html") and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    if not _leftovers(tmp_path, "r.html"):
        pytest.skip("the write finished before it could be killed")
    assert target.read_bytes() == b"old"
    live = tmp_path / f".r.html.{os.getpid()}-live0000.tmp"  # a writer still at work: left alone
    live.write_bytes(b"partial")
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert _leftovers(tmp_path, "r.html") == [live.name]
