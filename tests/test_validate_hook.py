"""The pre-commit hook: its definition, its entry command on a sample repository, and pre-commit itself."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / ".pre-commit-hooks.yaml"
BROKEN = Path(__file__).resolve().parent / "broken"


def hook() -> dict[str, Any]:
    """The one hook defined in .pre-commit-hooks.yaml."""
    yaml = pytest.importorskip("yaml")
    hooks = yaml.safe_load(HOOKS.read_text("utf-8"))
    assert isinstance(hooks, list)
    assert len(hooks) == 1
    found: dict[str, Any] = hooks[0]
    return found


def sample_repository(root: Path) -> dict[str, Path]:
    """A repository holding a valid evaluation, a valid rule set, a broken evaluation and an unrelated JSON file."""
    (root / "evaluations").mkdir(parents=True)
    files = {
        "good": root / "evaluations" / "tajimi.json",
        "rules": root / "local.ruleset.json",
        "bad": root / "evaluations" / "broken.json",
        "other": root / "package.json",
    }
    shutil.copy(ROOT / "examples" / "tajimi-r4.json", files["good"])
    shutil.copy(ROOT / "src" / "tajimi_rules" / "rulesets" / "tajimi-r4.json", files["rules"])
    shutil.copy(BROKEN / "check-digit.json", files["bad"])
    files["other"].write_text(json.dumps({"name": "unrelated", "version": "1.0.0"}), "utf-8")
    return files


def test_hook_definition() -> None:
    """The hook runs `tajimi-rules validate` as a Python hook on JSON files."""
    definition = hook()
    assert definition["id"] == "tajimi-rules-validate"
    assert definition["language"] == "python"
    assert definition["entry"] == "tajimi-rules validate"
    assert "json" in definition["types"]
    assert definition["verbose"] is True  # warnings show on a passing commit too


def test_hook_selects_evaluation_and_rule_set_files(tmp_path: Path) -> None:
    """The hook's `files` pattern picks evaluations and rule sets, and leaves other JSON alone."""
    files = sample_repository(tmp_path)
    pattern = re.compile(hook()["files"])
    chosen = {key for key, path in files.items() if pattern.search(path.relative_to(tmp_path).as_posix())}
    assert chosen == {"good", "rules", "bad"}


def test_hook_entry_on_a_sample_repository(tmp_path: Path) -> None:
    """The hook's entry, given the files pre-commit would pass, fails on a broken file and passes without it."""
    files = sample_repository(tmp_path)
    definition = hook()
    pattern = re.compile(definition["files"])
    command = shlex.split(definition["entry"])
    assert command[0] == "tajimi-rules"

    def entry(paths: list[Path]) -> tuple[int, str]:
        status, stdout, _ = run_cli(*command[1:], *paths)
        return status, stdout

    chosen = sorted(p for p in files.values() if pattern.search(p.relative_to(tmp_path).as_posix()))
    status, output = entry(chosen)
    assert status == 1
    assert "broken.json#/municipality/code" in output
    files["bad"].unlink()
    status, output = entry([p for p in chosen if p.exists()])
    assert status == 0


def test_hook_entry_follows_the_locale_unless_told(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under a Japanese locale the hook's messages are Japanese; ``args: [--lang, en]`` keeps them English."""
    files = sample_repository(tmp_path)
    command = shlex.split(hook()["entry"])
    for variable in ("TAJIMI_RULES_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    paths = [str(files["good"]), str(files["bad"])]
    outputs = {}
    for args in ((), ("--lang", "en")):
        result = run_cli(*command[1:], *args, *paths)
        assert result.status == 1
        outputs[args] = result.stdout.splitlines()[-1]
    assert outputs[()] == "2ファイル: 有効 1、無効 1（エラー 1、警告 0）"
    assert outputs[("--lang", "en")] == "2 files: 1 valid, 1 invalid (1 error, 0 warnings)"


def _mixed_script_evaluation(path: Path) -> None:
    """The example with a Cyrillic "й" and "д" in a Japanese category name: valid, with a warning."""
    data = json.loads((ROOT / "examples" / "tajimi-r4.json").read_text("utf-8"))
    data["categories"][0]["name"]["ja"] = "組織体制йд"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")


def test_strict_makes_warnings_fail(tmp_path: Path):
    """A file with only warnings passes validate (status 0) and fails it with --strict (status 1)."""
    path = tmp_path / "evaluations" / "mixed.json"
    _mixed_script_evaluation(path)
    for extra, expected in (((), 0), (("--strict",), 1)):
        result = run_cli("validate", *extra, "--lang", "en", str(path))
        assert result.status == expected
        assert "mixes scripts" in result.stdout
        assert result.stdout.splitlines()[-1] == "1 file: 1 valid, 0 invalid (0 errors, 1 warning)"


def _git(*args: str, cwd: Path) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip()


def _pre_commit() -> Path:
    pre_commit = Path(sys.executable).with_name("pre-commit")
    if not pre_commit.exists() or shutil.which("git") is None:
        pytest.skip("pre-commit or git is not installed")
    return pre_commit


def _hooks_repository(tmp_path: Path) -> tuple[Path, str]:
    """A git repository holding this project's hook definition and package; its path and commit."""
    hooks_repo = tmp_path / "hooks"
    hooks_repo.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, hooks_repo / name)
    shutil.copytree(
        ROOT / "src", hooks_repo / "src", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"), symlinks=True
    )
    _git("init", "-q", cwd=hooks_repo)
    _git("add", "-A", cwd=hooks_repo)
    _git("commit", "-q", "-m", "hooks", cwd=hooks_repo)
    return hooks_repo, _git("rev-parse", "HEAD", cwd=hooks_repo)


@pytest.mark.slow
def test_pre_commit_runs_the_hook(tmp_path: Path) -> None:
    """pre-commit installs the hook from a hooks repository and runs it on a sample repository."""
    pre_commit = _pre_commit()
    hooks_repo, rev = _hooks_repository(tmp_path)
    sample = tmp_path / "sample"
    files = sample_repository(sample)
    (sample / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks_repo.as_uri()}\n    rev: {rev}\n    hooks:\n      - id: tajimi-rules-validate\n",
        "utf-8",
    )
    _git("init", "-q", cwd=sample)
    _git("add", "-A", cwd=sample)
    environment = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(pre_commit), "run", "--all-files", "--color", "never"],
            cwd=sample,
            capture_output=True,
            text=True,
            env=environment,
            timeout=540,
            check=False,
        )

    failed = run()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "broken.json#/municipality/code" in failed.stdout
    assert "package.json" not in failed.stdout
    files["bad"].unlink()
    _git("add", "-A", cwd=sample)
    passed = run()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "tajimi-rules validate" in passed.stdout


@pytest.mark.slow
def test_a_commit_shows_warnings_and_strict_fails_it(tmp_path: Path) -> None:
    """A real commit of a mixed-script name shows the warning and passes; with --strict it fails."""
    pre_commit = _pre_commit()
    hooks_repo, rev = _hooks_repository(tmp_path)
    sample = tmp_path / "sample"
    _mixed_script_evaluation(sample / "evaluations" / "mixed.json")
    environment = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "TAJIMI_RULES_LANG": "en"}
    config = sample / ".pre-commit-config.yaml"

    def commit(args: str) -> subprocess.CompletedProcess[str]:
        config.write_text(
            f"repos:\n  - repo: {hooks_repo.as_uri()}\n    rev: {rev}\n    hooks:\n"
            f"      - id: tajimi-rules-validate\n{args}",
            "utf-8",
        )
        _git("add", "-A", cwd=sample)
        return subprocess.run(
            ["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-m", "data"],
            cwd=sample,
            capture_output=True,
            text=True,
            env=environment,
            timeout=540,
            check=False,
        )

    _git("init", "-q", cwd=sample)
    subprocess.run([str(pre_commit), "install"], cwd=sample, check=True, capture_output=True, env=environment)
    strict = commit("        args: [--strict]\n")
    assert strict.returncode != 0, strict.stdout + strict.stderr
    assert "mixes scripts" in strict.stdout + strict.stderr
    assert _git("rev-list", "--all", cwd=sample) == ""  # nothing was committed
    passed = commit("")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "mixes scripts" in passed.stdout + passed.stderr
    assert "1 file: 1 valid, 0 invalid (0 errors, 1 warning)" in passed.stdout + passed.stderr
