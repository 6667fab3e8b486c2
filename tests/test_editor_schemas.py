"""Editors load the schemas offline: VS Code's JSON language service on the example and batch outputs.

The files name their schema by a relative path (``"../schemas/evaluation.schema.json"``), which
an editor resolves beside the file; the URNs cannot be loaded by an editor. The language
service (the npm package ``vscode-json-languageservice``) is installed once per session into
a temporary folder and given no network: schemas are read from ``file:`` URIs only.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tajimi_rules._cli import main
from tajimi_rules._cli._common import Output
from tajimi_rules.documents import detect_kind

ROOT = Path(__file__).resolve().parent.parent
PROBE = Path(__file__).resolve().parent / "editor" / "probe.js"
EXAMPLE = ROOT / "examples" / "tajimi-r4.json"


@pytest.fixture(scope="session")
def language_service(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with vscode-json-languageservice installed by npm (skipped when npm or the registry is absent)."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("node and npm are needed to run vscode-json-languageservice")
    folder = tmp_path_factory.mktemp("editor")
    packages = ["vscode-json-languageservice", "vscode-languageserver-textdocument"]
    try:
        subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--prefix", str(folder), *packages],
            check=True,
            capture_output=True,
            timeout=300,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        pytest.skip(f"npm could not install vscode-json-languageservice (no registry?): {error}")
    shutil.copy(PROBE, folder / "probe.js")
    return folder


def _probe(service: Path, file: Path, key: str) -> dict[str, Any]:
    """The language service's diagnostics for ``file`` and its hover text over ``key``."""
    done = subprocess.run(
        ["node", str(service / "probe.js"), str(file), key], check=True, capture_output=True, text=True, timeout=120
    )
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def _copy_with_schemas(tmp_path: Path) -> Path:
    """The example in ``examples/`` with the schemas written by ``tajimi-rules schema`` in ``schemas/``."""
    status = main(["schema", "--out", str(tmp_path / "schemas")], out=Output(io.StringIO(), io.StringIO()))
    assert status == 0
    (tmp_path / "examples").mkdir()
    copy = tmp_path / "examples" / "tajimi-r4.json"
    shutil.copy(EXAMPLE, copy)
    return copy


def test_example_names_its_schema_by_a_relative_path():
    """The shipped example's ``$schema`` is the relative path an editor resolves."""
    data = json.loads(EXAMPLE.read_text("utf-8"))
    assert data["$schema"] == "../schemas/evaluation.schema.json"
    assert (EXAMPLE.parent / data["$schema"]).is_file()


def test_the_example_validates_and_hovers_in_the_editor(language_service: Path):
    """The example raises no diagnostic and hovering over "code" shows the schema's description."""
    found = _probe(language_service, EXAMPLE, "code")
    assert found["diagnostics"] == []
    assert "全国地方公共団体コード" in found["hover"]


def test_a_broken_copy_is_reported_in_the_editor(language_service: Path, tmp_path: Path):
    """A code of five digits and an unknown level in a copy are both reported, on their lines."""
    copy = _copy_with_schemas(tmp_path)
    text = copy.read_text("utf-8").replace('"code": "212041"', '"code": "21204"', 1)
    text = text.replace('"level": "advanced"', '"level": "excellent"', 1)
    copy.write_text(text, "utf-8")
    found = _probe(language_service, copy, "code")
    lines = text.splitlines()
    reported = {lines[diagnostic["line"]].strip().split(":")[0] for diagnostic in found["diagnostics"]}
    assert reported == {'"code"', '"level"'}, found["diagnostics"]
    assert all("Unable to load" not in diagnostic["message"] for diagnostic in found["diagnostics"])
    assert "全国地方公共団体コード" in found["hover"]


def test_batch_outputs_validate_in_the_editor(language_service: Path, tmp_path: Path):
    """An evaluation written by batch names the schema copy beside it: no diagnostic, hovers work."""
    answers = tmp_path / "answers.csv"
    answers.write_text("code,item,answer\n212041,cio-adviser,済\n212059,cio-adviser,未\n", encoding="utf-8")
    out = tmp_path / "out"
    stderr = io.StringIO()
    status = main(
        ["batch", str(answers), "--catalog", "r4", "--out", str(out), "--grade-within-observed"],
        out=Output(io.StringIO(), stderr),
    )
    assert status == 0, stderr.getvalue()
    written = out / "evaluations" / "212041.json"
    assert json.loads(written.read_text("utf-8"))["$schema"] == "../schemas/evaluation.schema.json"
    found = _probe(language_service, written, "code")
    assert found["diagnostics"] == []
    assert "全国地方公共団体コード" in found["hover"]


@pytest.mark.parametrize(
    ("claim", "kind"),
    [
        ("urn:tajimi-rules:schema:evaluation:1", "evaluation"),
        ("../schemas/evaluation.schema.json", "evaluation"),
        ("schemas/ruleset.schema.json", "ruleset"),
        ("file:///srv/data/schemas/catalog.schema.json#", "catalog"),
        ("../schemas/unknown.schema.json", None),
    ],
)
def test_validator_recognises_urns_and_relative_schema_paths(claim: str, kind: str | None):
    """``$schema`` names a kind by its URN or by a path ending in the schema's file name."""
    assert detect_kind({"$schema": claim}) == kind
