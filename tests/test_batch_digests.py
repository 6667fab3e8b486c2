"""The batch's outputs, byte for byte: a generated national answers file and the digest of every file written.

``tests/data/batch-national.sha256.json`` holds, per file the batch writes (by its path relative to
the output directory), the SHA-256 of its bytes; ``summary.xlsx``, whose archive carries the time it
was written, is stated by the digest of its cells' values instead. The answers are generated from a
fixed seed with every kind of body the batch meets: prefectural governments, municipalities, answers
left blank or missing, a category a body never answered, names a spreadsheet would run as a formula.
Regenerate the manifest (only when an output is meant to change) with
``python -m tests.test_batch_digests``.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import attrs
import pytest

import tajimi_rules as tr
import tajimi_rules.survey._batch as batch_module
from tajimi_rules.model import Answer
from tajimi_rules.survey._output import MARKER
from tests.synthetic import synthetic_answers, write_long_csv

from .conftest import run_cli

MANIFEST = Path(__file__).parent / "data" / "batch-national.sha256.json"
_SEED = 2022


def national_answers(folder: Path) -> Path:
    """The generated national answers, with edge cases, written as a long CSV in ``folder``."""
    catalog = tr.survey.load_catalog("r4")
    answers = synthetic_answers(catalog, seed=_SEED, blank=0.01)
    rows = list(answers.answers)
    bodies = list(answers.bodies)
    first = catalog.categories[0]
    span = len(first.items)
    # A municipality that left a whole category blank, one that answered nothing at all but one item,
    # and names that would run as formulas in a spreadsheet.
    rows[5] = (Answer.NOT_ANSWERED,) * span + rows[5][span:]
    rows[9] = (rows[9][0],) + (Answer.NOT_ANSWERED,) * (len(rows[9]) - 1)
    bodies[11] = attrs.evolve(bodies[11], name="=cmd|' /C calc'!A0")
    bodies[12] = attrs.evolve(bodies[12], name="+SUM(1,2)")
    answers = attrs.evolve(answers, bodies=tuple(bodies), answers=tuple(rows))
    return write_long_csv(answers, folder / "answers.csv", encoding="utf-8-sig", seed=7)


def _xlsx_digest(path: Path) -> str:
    openpyxl = __import__("openpyxl")
    workbook = openpyxl.load_workbook(path, read_only=True)
    cells = {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook.worksheets}
    workbook.close()
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False, default=str).encode()).hexdigest()


def manifest(out: Path) -> dict[str, str]:
    """Every file under ``out``: relative path -> SHA-256 of its bytes (of its cells, for ``summary.xlsx``)."""
    found: dict[str, str] = {}
    for path in sorted(out.rglob("*")):
        if path.is_file():
            relative = path.relative_to(out).as_posix()
            if relative == MARKER:
                continue  # the writer's process id and host
            digest = _xlsx_digest(path) if path.suffix == ".xlsx" else hashlib.sha256(path.read_bytes()).hexdigest()
            found[relative] = digest
    return found


def run_batch(folder: Path, source: Path | None = None) -> Path:
    """Run ``tajimi-rules batch`` on ``source`` (by default the answers generated in ``folder``); the output."""
    source = source or national_answers(folder)
    out = folder / "out"
    status, _, stderr = run_cli("batch", source, "--catalog", "r4", "--out", out)
    assert status == 0, stderr
    return out


@pytest.fixture(scope="module")
def answers_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated national answers, written once for the module."""
    return national_answers(tmp_path_factory.mktemp("answers"))


@pytest.mark.parametrize("numpy", [True, False], ids=["columns (numpy)", "objects (without numpy)"])
def test_national_batch_outputs_are_byte_identical_to_the_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, numpy: bool, answers_file: Path
):
    """Every file the national batch writes has the digest recorded in the manifest, with numpy or without."""
    if not numpy:
        monkeypatch.setattr(batch_module, "available", lambda: False)
    expected = json.loads(MANIFEST.read_text(encoding="utf-8"))
    found = manifest(run_batch(tmp_path, answers_file))
    assert sorted(found) == sorted(expected)
    differing = sorted(path for path in expected if found[path] != expected[path])
    assert not differing, differing


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        MANIFEST.write_text(json.dumps(manifest(run_batch(Path(folder))), indent=1, sort_keys=True) + "\n")
    sys.stdout.write(f"wrote {MANIFEST}\n")
