"""The README's Python examples run as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_readme_python_blocks_run(monkeypatch: pytest.MonkeyPatch):
    """Every ```python block of the README runs, in order, from the repository root."""
    monkeypatch.chdir(ROOT)
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text("utf-8"), re.S)
    assert blocks
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), namespace)
    assert [c.category.id for c in namespace["report"].disagreements] == [  # type: ignore[attr-defined]
        "dx-staff-development",
        "gis",
        "digital-divide",
    ]
