"""The documentation: its examples run as written, its reference pages are generated, and the site builds."""

from __future__ import annotations

import doctest
import importlib.util
import io
import re
import shlex
import shutil
import subprocess
import sys
import types
from pathlib import Path

import attrs
import pytest

import tajimi_rules as tr
from tajimi_rules._cli import commands

from .conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

# Pages whose every example is meant to run: Python blocks, files shown with a title, and the
# `$ tajimi-rules ...` lines of console blocks (a trailing "# exits N" gives the expected status).
RUNNABLE = (
    "index.md",
    "tutorial.md",
    "howto-rule-sets.md",
    "howto-batch.md",
    "howto-pre-commit.md",
    "explanation.md",
    "report.md",
    "reference/errors.md",
    "ja/index.md",
)
_FENCE = re.compile(r"^```(?P<lang>[\w-]*)(?:\s+title=\"(?P<title>[^\"]+)\")?\s*$")
_EXITS = re.compile(r"#\s*exits\s+(\d+)")


@attrs.frozen
class Block:
    """One fenced block of a page: its language, its title (a file name), where it starts, its text."""

    lang: str
    title: str | None
    line: int
    text: str


def blocks(path: Path) -> list[Block]:
    """The fenced blocks of a Markdown page, in order."""
    found: list[Block] = []
    lines = path.read_text("utf-8").splitlines()
    index = 0
    while index < len(lines):
        match = _FENCE.match(lines[index])
        if match is None or lines[index].strip() == "```":
            index += 1
            continue
        start = index + 1
        index = start
        while index < len(lines) and lines[index].strip() != "```":
            index += 1
        found.append(Block(match["lang"], match["title"], start + 1, "\n".join(lines[start:index]) + "\n"))
        index += 1
    return found


def load_hook(name: str) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(f"docs_hook_{name}", DOCS / "_hooks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_python(block: Block, page: str, namespace: dict[str, object]) -> None:
    name = f"{page}:{block.line}"
    if block.text.lstrip().startswith(">>>"):
        test = doctest.DocTestParser().get_doctest(block.text, namespace, name, page, block.line)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        output = io.StringIO()
        result = runner.run(test, out=output.write, clear_globs=False)
        assert result.failed == 0, output.getvalue()
    else:
        exec(compile(block.text, name, "exec"), namespace)


def run_console(block: Block, page: str) -> int:
    ran = 0
    for offset, line in enumerate(block.text.splitlines()):
        if not line.startswith("$ tajimi-rules "):
            continue
        expected = int(found.group(1)) if (found := _EXITS.search(line)) else 0
        argv = shlex.split(line[2:], comments=True)[1:]
        status, _, err = run_cli(*argv)
        where = f"{page}:{block.line + offset}"
        assert status == expected, f"{where}: `{line}` exited {status}, not {expected}\n{err}"
        ran += 1
    return ran


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    """A directory holding the repository's examples, as the docs assume, made the working directory."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("page", RUNNABLE)
def test_page_examples_run(page, workspace):
    """Every example of the page runs as written: Python blocks, titled files, tajimi-rules command lines."""
    namespace: dict[str, object] = {"__name__": "__docs__"}
    ran = 0
    for block in blocks(DOCS / page):
        if block.title is not None:
            (workspace / block.title).write_text(block.text, "utf-8")
        elif block.lang == "python":
            run_python(block, page, namespace)
            ran += 1
        elif block.lang == "console":
            ran += run_console(block, page)
    assert ran > 0, f"{page} has no example to run"


@pytest.mark.parametrize("page", sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")))
def test_doctest_examples_of_every_page_pass(page, workspace):
    """Examples written as doctests (>>> lines) pass on every page of the docs."""
    namespace: dict[str, object] = {"__name__": "__docs__"}
    doctests = [b for b in blocks(DOCS / page) if b.lang in ("python", "pycon") and b.text.lstrip().startswith(">>>")]
    for block in doctests:
        run_python(block, page, namespace)


def test_runnable_pages_cover_every_page_of_this_site_with_console_examples():
    """The pages whose examples are run include the tutorial, every how-to, the explanation and the report."""
    for page in ("tutorial.md", "howto-rule-sets.md", "howto-batch.md", "howto-pre-commit.md", "explanation.md"):
        assert page in RUNNABLE
    assert all((DOCS / page).is_file() for page in RUNNABLE)


def test_tutorial_runs_validate_check_suggest_and_report():
    """The tutorial's command lines cover validate, check, suggest and report on the Tajimi example."""
    text = (DOCS / "tutorial.md").read_text("utf-8")
    for command in ("validate", "check", "suggest", "report"):
        assert f"$ tajimi-rules {command} examples/tajimi-r4.json" in text


def test_reference_markers_expand():
    """Every generated-section marker in the docs is replaced, and nothing is left unexpanded."""
    hook = load_hook("reference")
    for path in DOCS.rglob("*.md"):
        expanded = hook.expand(path.read_text("utf-8"))
        assert "<!-- generated" not in expanded, path


def test_formats_page_lists_every_schema_key():
    """The JSON formats page names every top-level key and definition of each shipped schema."""
    hook = load_hook("reference")
    page = hook.expand((DOCS / "reference" / "formats.md").read_text("utf-8"))
    for kind in ("evaluation", "ruleset", "catalog"):
        schema = tr.documents.schema(kind)
        for key in schema["properties"]:
            assert f"| `{key}` |" in page, (kind, key)
        for name in schema.get("$defs", {}):
            assert f"### `{name}`" in page, (kind, name)


def test_formats_tables_keep_their_columns():
    """Every row of the generated format tables has as many cells as its header (pipes in text are escaped)."""
    hook = load_hook("reference")
    page = hook.expand((DOCS / "reference" / "formats.md").read_text("utf-8"))
    rows = [line for line in page.splitlines() if line.startswith("| ")]
    assert rows
    assert {len(re.findall(r"(?<!\\)(?:\\\\)*\|", row)) for row in rows} == {6}


def test_cli_page_documents_every_command():
    """The command-line page holds every command's help, the report command's exit statuses included."""
    hook = load_hook("reference")
    page = hook.expand((DOCS / "reference" / "cli.md").read_text("utf-8"))
    for command in commands():
        assert f"## `tajimi-rules {command.name}`" in page
        assert f"usage: tajimi-rules {command.name}" in page
    assert "Exit statuses: 0 when the report was written" in page


def test_problem_codes_page_lists_codes_from_the_source():
    """The problem-code list is read from the source and holds the codes the tests rely on."""
    hook = load_hook("reference")
    codes = hook.problem_codes()
    for code in ("counts.mismatch", "municipality.check_digit", "json.syntax", "schema.required", "schema.type"):
        assert code in codes
    page = hook.problem_codes_markdown()
    assert all(f"`{code}`" in page for code in codes)


def test_api_page_covers_every_public_namespace():
    """The API reference renders every public namespace the package exports, and no private module."""
    text = (DOCS / "reference" / "api.md").read_text("utf-8")
    rendered = set(re.findall(r"^::: (tajimi_rules(?:\.\w+)?)\s*$", text, re.M))
    namespaces = {f"tajimi_rules.{name}" for name in tr.__all__ if isinstance(getattr(tr, name), types.ModuleType)}
    assert namespaces <= rendered
    assert not any("._" in target for target in rendered)


def test_no_page_names_a_private_module():
    """No documentation page sends a reader into a private module."""
    private = re.compile(r"tajimi_rules(?:\.\w+)*\._[a-z]\w*")
    offenders = []
    for page in [*DOCS.rglob("*.md"), ROOT / "README.md"]:
        offenders += [f"{page.name}: {hit}" for hit in private.findall(page.read_text("utf-8"))]
    assert offenders == []


def test_doctests_in_docstrings_become_code_blocks():
    """The docstring extension fences doctest examples and turns roles into code spans."""
    pytest.importorskip("griffe", reason="the docs extra is not installed: pip install -e '.[docs]'")
    hook = load_hook("docstrings")
    text = "See :class:`~tajimi_rules.Counts`.\n\n>>> 1 + 1\n2\n\nAfter."
    assert hook.markdown_docstring(text) == "See `Counts`.\n\n```pycon\n>>> 1 + 1\n2\n```\n\nAfter."


def test_docs_build_strictly(tmp_path):
    """`mkdocs build --strict` builds the site: every page in the nav, every link and anchor resolved."""
    for module in ("mkdocs", "material", "mkdocstrings", "mkdocstrings_handlers.python"):
        if importlib.util.find_spec(module.split(".")[0]) is None:
            pytest.skip(f"the docs extra is not installed ({module} missing): pip install -e '.[docs]'")
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    for page in ("index.html", "tutorial.html", "reference/api.html", "reference/formats.html", "ja/index.html"):
        assert (site / page).is_file(), page
    api = (site / "reference" / "api.html").read_text("utf-8")
    assert "build_report" in api and "Counts" in api
