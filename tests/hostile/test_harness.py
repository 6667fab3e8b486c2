"""The hostile corpus's runner can fail: each of its promises is checked on a case that breaks it."""

from __future__ import annotations

import contextlib
import re
import socket
import time
import warnings
from pathlib import Path
from typing import Any

import pytest

import tajimi_rules._cli as cli_module
from tajimi_rules._light import _terminal as terminal

from .harness import HOSTILE_TEXTS, Hang, api_hostile, hang_guard, no_network, run_hostile


def test_a_hang_is_interrupted() -> None:
    with pytest.raises(Hang), hang_guard(0.2):
        time.sleep(5)


def test_network_access_is_refused_and_recorded() -> None:
    with no_network() as attempts, pytest.raises(OSError, match="refuses network"):
        socket.create_connection(("192.0.2.1", 80), timeout=1)
    assert attempts


def test_api_hostile_returns_what_was_raised() -> None:
    def boom() -> None:
        raise ValueError("bad")

    assert isinstance(api_hostile(boom), ValueError)


def test_an_unexpected_exit_status_fails_the_case(tmp_path: Path, example_path: Path) -> None:
    with pytest.raises(AssertionError, match="exit status 1, expected 2"):
        run_hostile("check", example_path, root=tmp_path, status=2)


def test_a_missing_problem_code_fails_the_case(tmp_path: Path, example_path: Path) -> None:
    with pytest.raises(AssertionError, match="expected problem codes"):
        run_hostile("check", example_path, "--format", "json", root=tmp_path, status=1, codes=["json.syntax"])


def test_a_written_file_fails_the_case_unless_named(tmp_path: Path, example_path: Path) -> None:
    with pytest.raises(AssertionError, match="files written"):
        run_hostile("schema", "--out", tmp_path / "e", root=tmp_path, status=0)
    run_hostile("schema", "--out", tmp_path / "f", root=tmp_path, status=0, writes=["f"])


@pytest.mark.parametrize("name", sorted(HOSTILE_TEXTS))
def test_every_hostile_text_is_neutralised_in_a_file_name(tmp_path: Path, name: str) -> None:
    missing = tmp_path / f"missing{HOSTILE_TEXTS[name]}.json"
    run_hostile("validate", missing, "--format", "json", root=tmp_path, status=1, codes=["file.missing"])


def test_an_escaped_warning_fails_the_case(tmp_path: Path, example_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_parser = cli_module.build_parser

    def warning_parser(*args: Any, **kwargs: Any) -> object:
        warnings.warn("raw \x1b[2J warning", UserWarning, stacklevel=1)
        return build_parser(*args, **kwargs)

    monkeypatch.setattr(cli_module, "build_parser", warning_parser)
    with pytest.raises(AssertionError, match="Python warnings escaped"):
        run_hostile("check", example_path, root=tmp_path, status=1)


def test_a_character_driving_the_terminal_fails_the_case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(terminal, "_CONTROL", re.compile("(?!)"))  # neutralising nothing
    missing = tmp_path / f"missing{HOSTILE_TEXTS['csi-clear']}.json"
    with pytest.raises(AssertionError, match="characters that drive a terminal"):
        run_hostile("validate", missing, root=tmp_path, status=1)


def test_a_network_attempt_fails_the_case(tmp_path: Path, example_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_parser = cli_module.build_parser

    def calling_home(*args: Any, **kwargs: Any) -> object:
        with contextlib.suppress(OSError):
            socket.create_connection(("192.0.2.1", 80), timeout=1)
        return build_parser(*args, **kwargs)

    monkeypatch.setattr(cli_module, "build_parser", calling_home)
    with pytest.raises(AssertionError, match="network access attempted"):
        run_hostile("check", example_path, root=tmp_path, status=1)
