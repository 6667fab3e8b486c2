"""What importing the package loads: the version at once, the core on first use, the rest when used."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import pytest

from tajimi_rules._cli import COMMANDS, _common
from tajimi_rules.documents import KINDS

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "tajimi-r4.json"

CORE = {
    "tajimi_rules",
    "tajimi_rules._errors",
    "tajimi_rules._fractions",
    "tajimi_rules._light",
    "tajimi_rules._light._digits",
    "tajimi_rules._light._explain",
    "tajimi_rules._light._levels",
    "tajimi_rules._light._shares",
    "tajimi_rules._version",
    "tajimi_rules.model",
    "tajimi_rules.model._catalog",
    "tajimi_rules.model._evaluation",
    "tajimi_rules.rules",
    "tajimi_rules.rules._bulk",
    "tajimi_rules.rules._engine",
    "tajimi_rules.rules._explain",
    "tajimi_rules.rules._predicates",
    "tajimi_rules.rules._rules",
}
"""The core: the model, the rules with their engine and explanations, the errors (and the texts they word)."""

HEAVY = ("attrs", "cattrs", "jsonschema", "jsonschema_rs", "numpy", "openpyxl", "matplotlib", "jinja2")


def loaded_after(code: str) -> tuple[set[str], set[str]]:
    """The package's modules and the heavy third-party modules loaded once ``code`` has run in a fresh interpreter."""
    probe = (
        f"{code}\nimport sys, json\n"
        "print(json.dumps([sorted(m for m in sys.modules if m.split('.')[0] == 'tajimi_rules'),"
        f" sorted(m for m in {HEAVY!r} if m in sys.modules)]))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    ours, heavy = json.loads(out.splitlines()[-1])
    return set(ours), set(heavy)


def test_import_loads_only_the_version():
    """``import tajimi_rules`` loads the package and its version string, and no third-party module."""
    ours, heavy = loaded_after("import tajimi_rules")
    assert ours == {"tajimi_rules", "tajimi_rules._version"}
    assert heavy == set()


def test_a_core_name_loads_only_the_core():
    """Using ``RuleSet``, ``Counts`` and a rating loads the core (and the texts), nothing of the readers or writers."""
    ours, heavy = loaded_after(
        "import tajimi_rules as tr\n"
        "rules = tr.RuleSet(id='x', title='x', description='x', combine='first_match',"
        " rules=[tr.Rule(rating='good', when=tr.share(of=['advanced'], at_least='1/2'))])\n"
        "assert rules.rate(tr.Counts(1, 0, 0, 0)) is tr.Rating.GOOD\n"
        "assert rules.explain(tr.Counts(1, 0, 0, 0)).rating is tr.Rating.GOOD"
    )
    texts = {name for name in ours if name == "tajimi_rules._texts" or name.startswith("tajimi_rules._texts.")}
    assert ours - texts <= CORE
    assert {"tajimi_rules.model", "tajimi_rules.rules"} <= ours
    assert heavy == {"attrs"}


def test_version_from_the_console_script_loads_nothing_else():
    """``tajimi-rules --version`` answers from the version string alone."""
    ours, heavy = loaded_after(
        "import sys\nsys.argv = ['tajimi-rules', '--version']\nfrom tajimi_rules import _launch\n"
        "try:\n    _launch.run()\nexcept SystemExit as stop:\n    assert stop.code == 0"
    )
    assert ours == {"tajimi_rules", "tajimi_rules._version", "tajimi_rules._launch"}
    assert heavy == set()


def test_schemas_compile_on_first_use():
    """Importing the readers loads neither jsonschema nor cattrs; a document with a schema problem loads jsonschema."""
    _, heavy = loaded_after("import tajimi_rules.documents")
    assert not heavy & {"jsonschema", "cattrs", "numpy"}
    _, heavy = loaded_after(
        "import tajimi_rules as tr\nassert tr.validate(b'{\"municipality\": {}}', kind='evaluation')"
    )
    assert "jsonschema" in heavy


def test_numpy_loads_with_the_first_bulk_rating():
    """The core does not load numpy; ``rate_many`` does, when it is first called."""
    _, heavy = loaded_after("import tajimi_rules as tr\ntr.load_rules('tajimi-r4')")
    assert "numpy" not in heavy
    pytest.importorskip("numpy", reason="bulk rating needs numpy: pip install -e '.[fast]'")
    _, heavy = loaded_after("import tajimi_rules as tr\ntr.load_rules('tajimi-r4').rate_many([1], [1], [0], [0])")
    assert "numpy" in heavy


CHECK_MAY_LOAD = CORE | {
    "tajimi_rules._arguments",
    "tajimi_rules._cli",
    "tajimi_rules._cli._check",
    "tajimi_rules._cli._common",
    "tajimi_rules._convert",
    "tajimi_rules._light._check_text",
    "tajimi_rules._light._json",
    "tajimi_rules._light._meaning",
    "tajimi_rules._light._schema",
    "tajimi_rules._light._shipped",
    "tajimi_rules._light._terminal",
    "tajimi_rules.checks",
    "tajimi_rules.checks._check",
    "tajimi_rules.checks._diff",
    "tajimi_rules.documents",
    "tajimi_rules.documents._jsonio",
    "tajimi_rules.documents._kinds",
    "tajimi_rules.documents._loaders",
    "tajimi_rules.documents._meaning",
    "tajimi_rules.documents._overlay",
    "tajimi_rules.documents._pipeline",
    "tajimi_rules.documents._schemas",
    "tajimi_rules.documents._validate",
    "tajimi_rules.documents._values",
}
"""What ``tajimi-rules check FILE`` may load: the core, the argument checks, the readers, the checks and its own
command module."""


def _command_line(*argv: str) -> str:
    return (
        "import io\nfrom tajimi_rules._cli import main\nfrom tajimi_rules._cli._common import Output\n"
        f"stream = io.StringIO()\nstatus = main({list(argv)!r}, out=Output(stream, stream))\n"
        "assert status in (0, 1), stream.getvalue()"
    )


def test_a_plain_check_loads_the_standard_library_core_alone():
    """``tajimi-rules check FILE`` on a plain file runs on its quick route: no library, no model, no command line."""
    ours, heavy = loaded_after(
        f"import sys\nsys.argv = ['tajimi-rules', 'check', {str(EXAMPLE)!r}]\nfrom tajimi_rules import _launch\n"
        "try:\n    _launch.run()\nexcept SystemExit as stop:\n    assert stop.code == 1, stop.code"
    )
    core = {"tajimi_rules", "tajimi_rules._version", "tajimi_rules._launch", "tajimi_rules._fractions"}
    outside = {name for name in ours if not name.startswith(("tajimi_rules._light", "tajimi_rules._texts"))}
    assert outside <= core, sorted(outside - core)
    assert "tajimi_rules._light._check" in ours
    assert heavy == set()


def test_check_loads_only_what_it_uses():
    """``check`` on the full road loads its own command and the readers: no other command, no survey, no writer."""
    # cattrs structures the evaluation and jsonschema-rs (with the fast extra) judges its schema; the Python
    # jsonschema, numpy, the spreadsheet and report libraries and the fast extra's parser (worth loading only
    # for many documents) stay unloaded.
    ours, heavy = loaded_after(_command_line("check", "examples/tajimi-r4.json", "--format", "json"))
    texts = {name for name in ours if name == "tajimi_rules._texts" or name.startswith("tajimi_rules._texts.")}
    assert ours - texts <= CHECK_MAY_LOAD, sorted(ours - texts - CHECK_MAY_LOAD)
    assert "tajimi_rules._cli._check" in ours
    assert heavy <= {"attrs", "cattrs", "jsonschema_rs"}


def test_help_lists_every_command_without_loading_them():
    """``--help`` lists every command with its help line from the command table, importing no command module."""
    probe = (
        "import io, sys\nfrom tajimi_rules._cli import main\nfrom tajimi_rules._cli._common import Output\n"
        "stream = io.StringIO()\nassert main(['--help'], out=Output(stream, stream)) == 0\n"
        "import json\ncommands = sorted(m for m in sys.modules if m.startswith('tajimi_rules._cli.'))\n"
        "print(json.dumps([stream.getvalue(), commands]))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    help_text, modules = json.loads(out.splitlines()[-1])
    assert modules == ["tajimi_rules._cli._common"]
    for name, _module, line in _common.COMMAND_TABLE:
        assert name in help_text
        assert line.split()[0] in help_text


def test_the_command_table_names_each_command_module():
    """Each row of the command table names the module whose ``COMMAND`` has that name and that help line."""
    assert [command.name for command in COMMANDS] == [name for name, _, _ in _common.COMMAND_TABLE]
    for name, module, line in _common.COMMAND_TABLE:
        command = import_module(f"tajimi_rules._cli.{module}").COMMAND
        assert (command.name, command.help) == (name, line)
    assert f"({', '.join(KINDS)})" in _common.summary("validate")
