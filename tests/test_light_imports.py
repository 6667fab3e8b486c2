"""The standard-library core stands alone: importing or running it loads no third-party library and no other module."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import tajimi_rules as tr
import tajimi_rules._light

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "tajimi-r4.json"

FORBIDDEN = ("attrs", "cattrs", "jsonschema", "jsonschema_rs", "numpy")
"""Libraries the core must not load: the quick route runs without them (orjson, the fast parser, may load)."""

ALLOWED = {
    "tajimi_rules",
    "tajimi_rules._version",
    "tajimi_rules._fractions",
    "tajimi_rules._light",
    "tajimi_rules._texts",
}
"""The package's modules the core may load, with the submodules of the last two (``_fractions`` reads and writes
exact fractions on the standard library alone)."""

MODULES = sorted(f"tajimi_rules._light.{module.name}" for module in pkgutil.iter_modules(tajimi_rules._light.__path__))


def loaded_by(code: str) -> tuple[list[str], list[str]]:
    """The package's modules outside the core and the forbidden libraries loaded once ``code`` has run afresh."""
    probe = (
        f"{code}\nimport sys, json\n"
        "ours = [m for m in sys.modules if m.split('.')[0] == 'tajimi_rules']\n"
        f"allowed = {sorted(ALLOWED)!r}\n"
        "outside = [m for m in ours if m not in allowed and not m.startswith(('tajimi_rules._light.',"
        " 'tajimi_rules._texts.'))]\n"
        f"forbidden = [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}]\n"
        "print(json.dumps([sorted(outside), sorted(forbidden)]))"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    outside, forbidden = json.loads(run.stdout.splitlines()[-1])
    return outside, forbidden


def test_the_core_has_its_modules():
    """Discovery finds the core's modules, among them the ones the quick route needs."""
    expected = {"_digits", "_json", "_levels", "_meaning", "_terminal"}
    assert {f"tajimi_rules._light.{name}" for name in expected} <= set(MODULES)


@pytest.mark.parametrize("module", ["tajimi_rules._light", *MODULES])
def test_importing_a_core_module_loads_nothing_outside_the_core(module: str):
    """Importing each module of the core in a fresh interpreter loads no forbidden library and no other module."""
    outside, forbidden = loaded_by(f"import {module}")
    assert (outside, forbidden) == ([], [])


def test_the_quick_pieces_run_on_the_core_alone():
    """Reading the example quickly, checking its meaning and tabling it loads nothing outside the core.

    Its verdict is the full road's: the example has no problem, so the quick meaning check finds it clean.
    """
    rules = tr.load_rules("tajimi-r4")
    common_at = None if rules.item_grading is None else rules.item_grading.common_at()
    assert tr.validate(EXAMPLE) == []
    code = (
        "import json\n"
        "from tajimi_rules._light._json import quick_draft\n"
        "from tajimi_rules._light._levels import Rating\n"
        "from tajimi_rules._light._meaning import evaluation_clean\n"
        "from tajimi_rules._light._terminal import json_text, table, visible_lines\n"
        f"data = open({str(EXAMPLE)!r}, 'rb').read()\n"
        "draft = quick_draft(data)\n"
        "value = json.loads(data) if draft is None else draft\n"
        f"clean = evaluation_clean(value, common_at={common_at!r}, ratings=set(Rating), rule_set_ids={{'tajimi-r4'}})\n"
        "rows = table([('id', 'rating')] + [(c['id'], c.get('stated_rating', '')) for c in value['categories']])\n"
        "shown = visible_lines('\\n'.join(rows)) + json_text(value['municipality'])\n"
        "assert clean is True, clean\n"
        "assert len(rows) == len(value['categories']) + 1 and value['municipality']['name'] in shown\n"
    )
    assert loaded_by(code) == ([], [])
