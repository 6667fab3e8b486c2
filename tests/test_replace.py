"""``batch --replace`` replaces only what batch wrote; a killed batch leaves no partial output."""

from __future__ import annotations

import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import attrs
import pytest

import tajimi_rules as tr
import tajimi_rules.survey._output as output_module
from tajimi_rules._cli import main
from tajimi_rules._cli._common import Output
from tests.synthetic import synthetic_answers, write_long_csv


def _run(*argv: str) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    status = main(list(argv), out=Output(stdout, stderr))
    return status, stdout.getvalue(), stderr.getvalue()


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Long-CSV answers of Gifu's and Aichi's bodies (about a hundred)."""
    folder = tmp_path_factory.mktemp("replace")
    catalog = tr.survey.load_catalog("r4")
    every = synthetic_answers(catalog, seed=15)
    keep = [index for index, body in enumerate(every.bodies) if body.code[:2] in ("21", "23")]
    subset = attrs.evolve(
        every,
        bodies=tuple(every.bodies[index] for index in keep),
        answers=tuple(every.answers[index] for index in keep),
    )
    return write_long_csv(subset, folder / "answers.csv", encoding="utf-8", seed=1)


def _batch(answers: Path, out: Path, *extra: str) -> tuple[int, str, str]:
    return _run("batch", str(answers), "--catalog", "r4", "--out", str(out), "--grade-within-observed", *extra)


def _state(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes."""
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_replace_never_deletes_a_regular_file(answers: Path, tmp_path: Path):
    """``--replace`` with a regular file at --out exits 2 and leaves the file as it was."""
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me", encoding="utf-8")
    status, stdout, stderr = _batch(answers, precious, "--replace")
    assert (status, stdout) == (2, "")
    assert "not a directory tajimi-rules batch wrote" in stderr and "Traceback" not in stderr
    assert precious.read_text(encoding="utf-8") == "keep me"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["precious.txt"]


def test_replace_refuses_a_directory_batch_did_not_write(answers: Path, tmp_path: Path):
    """A non-empty directory without the marker (or with a forged one) is refused, even with --replace."""
    for marker in (None, '{"written_by": "someone else"}', "not json"):
        folder = tmp_path / "mine"
        folder.mkdir(exist_ok=True)
        (folder / "notes.txt").write_text("mine", encoding="utf-8")
        if marker is not None:
            (folder / output_module.MARKER).write_text(marker, encoding="utf-8")
        before = _state(folder)
        status, _stdout, stderr = _batch(answers, folder, "--replace")
        assert status == 2 and "not a directory tajimi-rules batch wrote" in stderr, marker
        assert _state(folder) == before


def test_replace_refuses_a_link_to_a_batch_output(answers: Path, tmp_path: Path):
    """A symbolic link to a batch output is not replaced: the link and what it points at stay."""
    assert _batch(answers, tmp_path / "real")[0] == 0
    (tmp_path / "link").symlink_to(tmp_path / "real")
    before = _state(tmp_path / "real")
    assert _batch(answers, tmp_path / "link", "--replace")[0] == 2
    assert (tmp_path / "link").is_symlink() and _state(tmp_path / "real") == before


def test_replace_replaces_an_earlier_batch_output(answers: Path, tmp_path: Path):
    """The directory batch wrote carries the marker, and ``--replace`` replaces it whole."""
    out = tmp_path / "out"
    assert _batch(answers, out)[0] == 0
    record = json.loads((out / output_module.MARKER).read_text(encoding="utf-8"))
    assert record["written_by"] == "tajimi-rules batch"
    (out / "stray.txt").write_text("stray", encoding="utf-8")
    assert _batch(answers, out, "--replace")[0] == 0
    assert not (out / "stray.txt").exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out"]


def _leftover(parent: Path, name: str, record: dict[str, Any] | None, files: int = 1) -> Path:
    folder = parent / name
    folder.mkdir()
    if record is not None:
        (folder / output_module.MARKER).write_text(json.dumps(record), encoding="utf-8")
    for index in range(files):
        (folder / f"part-{index}.json").write_text("{", encoding="utf-8")
    return folder


def test_rerun_removes_only_leftovers_it_can_prove_its_own(answers: Path, tmp_path: Path):
    """Stale ``.out.*.tmp`` directories of dead writers go; a live writer's, another's and a file stay."""
    host = os.uname().nodename
    probe = [sys.executable, "-c", "import os; print(os.getpid())"]
    dead = subprocess.run(probe, capture_output=True, text=True, check=True)
    dead_pid = int(dead.stdout)
    ours = {"written_by": "tajimi-rules batch", "host": host}
    gone = _leftover(tmp_path, ".out.dead1.tmp", {**ours, "pid": dead_pid})
    live = _leftover(tmp_path, ".out.live1.tmp", {**ours, "pid": os.getpid()})
    elsewhere = _leftover(tmp_path, ".out.host1.tmp", {**ours, "pid": dead_pid, "host": host + "-other"})
    foreign = _leftover(tmp_path, ".out.user1.tmp", None)
    empty_young = _leftover(tmp_path, ".out.empty1.tmp", None, files=0)
    empty_old = _leftover(tmp_path, ".out.empty2.tmp", None, files=0)
    os.utime(empty_old, (time.time() - 3600, time.time() - 3600))
    plain = tmp_path / ".out.file1.tmp"
    plain.write_text("a file", encoding="utf-8")
    assert _batch(answers, tmp_path / "out")[0] == 0
    assert not gone.exists() and not empty_old.exists()
    assert live.is_dir() and elsewhere.is_dir() and foreign.is_dir() and empty_young.is_dir()
    assert plain.read_text(encoding="utf-8") == "a file"


@pytest.mark.slow
def test_a_killed_batch_leaves_the_previous_state_or_nothing(answers: Path, tmp_path: Path):
    """SIGKILL at random points: DIR is the previous output (or absent), never partial; a rerun cleans up."""
    out = tmp_path / "out"
    assert _batch(answers, out)[0] == 0
    complete = _state(out).keys()
    command = [
        sys.executable,
        "-m",
        "tajimi_rules",
        "batch",
        str(answers),
        "--catalog",
        "r4",
        "--grade-within-observed",
    ]
    command += ["--out", str(out), "--replace"]
    started = time.monotonic()
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    duration = time.monotonic() - started
    rng = random.Random(9)
    for _ in range(6):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.0) * duration)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        if out.exists():
            # The killed run either never got to its rename (the previous output) or had finished.
            assert _state(out).keys() == complete
        else:
            # Killed between the two renames: the previous output waits in .out.*.old.
            assert [path.name for path in tmp_path.iterdir() if path.name.endswith(".old")]
    assert _batch(answers, out, "--replace")[0] == 0
    assert _state(out).keys() == complete
    assert not [path.name for path in tmp_path.iterdir() if path.name.endswith(".tmp")]
