"""The hostile corpus across the commands: every case states its exit status and the problem codes it shows.

Each case runs ``tajimi-rules`` in-process through :func:`~tests.hostile.harness.run_hostile`,
which also states that no traceback appeared, nothing drove the terminal, nothing connected to
the network and no file was written but those the case names. The inputs are small copies of the
shipped documents, the broken files of ``tests/broken``, documents with terminal-driving texts in
every name field, odd paths (a directory, a fifo, a symbolic-link loop, ``/dev/zero`` ...) and odd
output paths (an existing file, a foreign directory, a fifo, a missing parent).
"""

from __future__ import annotations

import copy
import csv
import functools
import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest

import tajimi_rules as tr
import tajimi_rules._cli as cli_module
from tajimi_rules._cli._common import Output
from tajimi_rules._limits import MAX_ITEMS
from tajimi_rules.report._pdf import find_chromium

from ..conftest import EXAMPLE, ROOT, Result
from ..synthetic import synthetic_bodies
from .harness import HOSTILE_TEXTS, SETPRIV, run_hostile

BROKEN = ROOT / "tests" / "broken"
PACKAGE = ROOT / "src" / "tajimi_rules"
LONG_NAME = "x" * 300 + ".json"
NOBODY_NEEDED = os.geteuid() == 0
"""Root reads and writes whatever the permissions say: a case about permissions then runs as ``nobody``."""
NO_SETPRIV = "the tests run as root and setpriv (util-linux) is not there to run the case as nobody"


class Case(NamedTuple):
    """One hostile run: ``argv`` with ``{name}`` placeholders for the files of :func:`_place`."""

    argv: tuple[str, ...]
    status: int
    codes: tuple[str, ...] = ()
    writes: tuple[str, ...] = ()
    says: str = ""


def _small_evaluation() -> dict[str, Any]:
    """The example cut to three categories (one disagreeing with tajimi-r4), items and remarks kept."""
    document: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    document["categories"] = document["categories"][:3]
    return document


def _moved(document: dict[str, Any]) -> dict[str, Any]:
    """The same evaluation a year on, one item implemented (so ``diff`` has something to say)."""
    moved = copy.deepcopy(document)
    moved["survey"]["fiscal_year"] += 1
    for category in moved["categories"]:
        for item in category.get("items", ()):
            if item.get("level") == "needs_review":
                item["level"], item["implemented"] = "advanced", True
                category["counts"]["needs_review"] -= 1
                category["counts"]["advanced"] += 1
                category.pop("stated_rating", None)
                return moved
    raise AssertionError("no item to implement")


def _answers_csv(path: Path, *, prefecture: str | None = None) -> None:
    """Answers of three Gifu bodies to every item of the r4 catalog (``--grade-within-observed``)."""
    path.write_text(_answers_text(prefecture), encoding="utf-8")


@functools.cache
def _answers_text(prefecture: str | None) -> str:
    catalog = tr.survey.load_catalog("r4")
    bodies = [body for body in synthetic_bodies() if body.code.startswith("21")][:3]
    out = io.StringIO()
    # Every field quoted: a carriage return in a name is then part of the name, not a line end.
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(("code", "item", "answer", "name", "prefecture"))
    for number, body in enumerate(bodies):
        for index, item in enumerate(catalog.items):
            answer = "済" if (index + number) % 3 else "未"
            writer.writerow((body.code, item.id, answer, body.name, prefecture or body.prefecture))
    return out.getvalue()


def _write_json(path: Path, value: Any) -> Path:
    path.write_text(json.dumps(value, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def _place(root: Path) -> dict[str, str]:
    """Write the inputs every case may name; return the placeholders."""
    evaluation = _small_evaluation()
    _write_json(root / "ev.json", evaluation)
    _write_json(root / "ev2.json", _moved(evaluation))
    (root / "rs.json").write_bytes((PACKAGE / "rulesets" / "tajimi-r4.json").read_bytes())
    (root / "cat.json").write_bytes((PACKAGE / "catalogs" / "r4.json").read_bytes())
    _answers_csv(root / "answers.csv")
    (root / "empty-dir").mkdir()
    (root / "foreign").mkdir()
    (root / "foreign" / "mine.txt").write_text("not the tool's", encoding="utf-8")
    (root / "dir.html").mkdir()
    (root / "precious.txt").write_text("keep me", encoding="utf-8")
    (root / "existing.html").write_text("<p>old</p>", encoding="utf-8")
    (root / "existing.md").write_text("old", encoding="utf-8")
    (root / "existing.js").write_text("old", encoding="utf-8")
    (root / "existing.xlsx").write_bytes(b"old")
    os.mkfifo(root / "fifo")
    os.mkfifo(root / "fifo.html")
    os.mkfifo(root / "fifo.xlsx")
    os.mkfifo(root / "fifo.js")
    (root / "loop").symlink_to("loop")
    (root / "rs-link.json").symlink_to("rs.json")
    (root / "ev.md").write_bytes((root / "ev.json").read_bytes())
    named = {"ev": "ev.json", "ev2": "ev2.json", "rs": "rs.json", "cat": "cat.json", "answers": "answers.csv"}
    return {
        "root": str(root),
        "broken": str(BROKEN),
        "long": str(root / LONG_NAME),
        "fifo": str(root / "fifo"),
        "loop": str(root / "loop"),
        "empty_dir": str(root / "empty-dir"),
        "foreign": str(root / "foreign"),
        **{key: str(root / name) for key, name in named.items()},
    }


def _argv(case: Case, places: dict[str, str]) -> list[str]:
    return [part.format(**places) for part in case.argv]


def _run(case: Case, root: Path, *, timeout: float = 30, unprivileged: bool = False) -> Result:
    """Run ``case`` with every promise checked (as an unprivileged user, where asked)."""
    argv = _argv(case, _place(root))
    result = run_hostile(
        *argv,
        root=root,
        status=case.status,
        codes=case.codes,
        writes=case.writes,
        timeout=timeout,
        unprivileged=unprivileged,
    )
    assert case.says in result.stdout + result.stderr, result.stderr
    return result


def _cases(table: dict[str, Case]) -> list[Any]:
    return [pytest.param(case, id=name) for name, case in table.items()]


# --------------------------------------------------------------------------- malformed JSON

# The classic broken files: each refused when read, whatever the document is meant to be.
CLASSIC = {
    "empty.json": "json.empty",
    "whitespace-only.json": "json.empty",
    "syntax-error.json": "json.syntax",
    "not-an-object.json": "document.not_object",
    "string-document.json": "document.not_object",
    "duplicate-key.json": "json.duplicate_key",
    "nan.json": "json.constant",
    "infinity.json": "json.constant",
    "huge-integer.json": "json.huge_integer",
    "huge-exponent.json": "json.number_range",
    "deeply-nested.json": "json.depth",
    "lone-surrogate.json": "json.surrogate",
    "latin-1.json": "json.encoding",
    "shift-jis.json": "json.encoding",
    "remote-ref.json": "document.remote_ref",
}

# Where each command reads a JSON document, the broken file put there (``{bad}``).
READERS: dict[str, tuple[tuple[str, ...], int]] = {
    "check": (("check", "{bad}"), 2),
    "check-rules": (("check", "{ev}", "--rules", "{bad}"), 2),
    "validate": (("validate", "{bad}", "--format", "json"), 1),
    "suggest": (("suggest", "{bad}", "--lang", "ja"), 2),
    "lint-rules": (("lint-rules", "{bad}", "--max-items", "4"), 2),
    "diff-rules": (("diff-rules", "tajimi-r4", "{bad}", "--max-items", "4"), 2),
    "diff": (("diff", "{ev}", "{bad}"), 2),
    "report": (("report", "{bad}", "--out", "{root}/r.md"), 2),
    "export": (("export", "{bad}", "--to", "js", "--out", "{root}/r.js"), 2),
    "workbook": (("workbook", "{bad}", "--out", "{root}/w.xlsx"), 2),
    "batch-catalog": (
        ("batch", "{answers}", "--catalog", "{bad}", "--out", "{root}/out", "--grade-within-observed"),
        2,
    ),
}

# Every file through check and validate; each other reader gets three of them in turn, so that
# every file reaches several readers and the corpus stays quick.
MALFORMED: dict[str, Case] = {}
_FILES = list(CLASSIC.items())
for _index, (_reader, (_argv_template, _status)) in enumerate(READERS.items()):
    _chosen = _FILES if _reader in ("check", "validate") else [_FILES[(3 * _index + k) % len(_FILES)] for k in range(3)]
    for _file, _code in _chosen:
        _args = tuple(part.replace("{bad}", "{broken}/" + _file) for part in _argv_template)
        MALFORMED[f"{_reader}-{_file.removesuffix('.json')}"] = Case(_args, _status, (_code,))


@pytest.mark.parametrize("case", _cases(MALFORMED))
def test_malformed_json_is_refused_with_its_code(case: Case, tmp_path: Path) -> None:
    """Every classic broken JSON file is refused by every command that reads one, with its code."""
    _run(case, tmp_path)


# --------------------------------------------------------------------------- wrong kinds and meaningless documents

WRONG_KINDS: dict[str, Case] = {
    "check-a-catalog": Case(("check", "{cat}"), 2, ("document.kind_mismatch",)),
    "check-a-rule-set": Case(("check", "{rs}"), 2, ("document.kind_mismatch",)),
    "check-rules-an-evaluation": Case(("check", "{ev}", "--rules", "{ev}"), 2, ("document.kind_mismatch",)),
    "suggest-a-rule-set": Case(("suggest", "{rs}"), 2, ("document.kind_mismatch",)),
    "suggest-a-catalog": Case(("suggest", "{cat}", "--lang", "ja"), 2, ("document.kind_mismatch",)),
    "lint-rules-an-evaluation": Case(("lint-rules", "{ev}"), 2, ("document.kind_mismatch",)),
    "lint-rules-a-catalog": Case(("lint-rules", "{cat}"), 2, ("document.kind_mismatch",)),
    "diff-rules-an-evaluation": Case(("diff-rules", "{rs}", "{ev}"), 2, ("document.kind_mismatch",)),
    "diff-a-rule-set": Case(("diff", "{ev}", "{rs}"), 2, ("document.kind_mismatch",)),
    "diff-a-catalog": Case(("diff", "{cat}", "{ev}"), 2, ("document.kind_mismatch",)),
    "report-a-catalog": Case(("report", "{cat}", "--out", "{root}/r.html"), 2, ("document.kind_mismatch",)),
    "report-a-rule-set": Case(("report", "{rs}", "--out", "{root}/r.md"), 2, ("document.kind_mismatch",)),
    "export-an-evaluation": Case(("export", "{ev}", "--to", "sql", "--out", "{root}/x.sql"), 2),
    "workbook-a-rule-set": Case(("workbook", "{rs}", "--out", "{root}/w.xlsx"), 2, ("document.kind_mismatch",)),
    "batch-an-evaluation-as-catalog": Case(
        ("batch", "{answers}", "--catalog", "{ev}", "--out", "{root}/out", "--grade-within-observed"),
        2,
        ("document.kind_mismatch",),
    ),
    "batch-an-evaluation-as-answers": Case(
        ("batch", "{ev}", "--catalog", "r4", "--out", "{root}/out", "--grade-within-observed"), 2
    ),
    "validate-a-rule-set-as-evaluation": Case(
        ("validate", "{rs}", "--kind", "evaluation", "--format", "json"), 1, ("document.kind_mismatch",)
    ),
}


@pytest.mark.parametrize("case", _cases(WRONG_KINDS))
def test_a_document_of_the_wrong_kind_is_refused(case: Case, tmp_path: Path) -> None:
    """A catalog given to check, a rule set to suggest ...: exit 2 (validate: 1), saying what it is."""
    _run(case, tmp_path)


def _meaningless(root: Path) -> None:
    """Schema-valid documents that say little: no categories, a rule that never holds, zero counts."""
    evaluation = _small_evaluation()
    _write_json(root / "no-categories.json", {**evaluation, "categories": []})
    never = {
        "id": "never",
        "title": "Never",
        "description": "one rule that never holds",
        "combine": "exclusive",
        "rules": [{"rating": "good", "when": {"not": {"all": []}}}],
    }
    _write_json(root / "never.json", never)
    counts_only = copy.deepcopy(evaluation)
    for category in counts_only["categories"]:
        category.pop("items", None)
        category.pop("stated_rating", None)
        category["counts"] = {"advanced": 0, "standard": 0, "needs_review": 0, "behind": 1}
    _write_json(root / "one-behind.json", counts_only)


MEANINGLESS: dict[str, Case] = {
    "check-no-categories": Case(("check", "{root}/no-categories.json"), 0),
    "suggest-no-categories": Case(("suggest", "{root}/no-categories.json", "--lang", "ja"), 0),
    "report-no-categories": Case(("report", "{root}/no-categories.json", "--out", "{root}/r.md"), 0, writes=("r.md",)),
    "workbook-no-categories": Case(
        ("workbook", "{root}/no-categories.json", "--out", "{root}/w.xlsx"), 0, writes=("w.xlsx",)
    ),
    "check-rules-never": Case(("check", "{ev}", "--rules", "{root}/never.json"), 1),
    "suggest-rules-never": Case(("suggest", "{ev}", "--rules", "{root}/never.json"), 0),
    "lint-rules-never": Case(("lint-rules", "{root}/never.json", "--max-items", "6"), 1),
    "diff-rules-never": Case(("diff-rules", "tajimi-r4", "{root}/never.json", "--max-items", "6"), 1),
    "export-never": Case(("export", "{root}/never.json", "--to", "js", "--out", "{root}/n.js"), 0, writes=("n.js",)),
    "report-rules-never": Case(
        ("report", "{ev}", "--rules", "{root}/never.json", "--out", "{root}/r.html", "--no-charts"),
        0,
        writes=("r.html",),
    ),
    "check-one-behind": Case(("check", "{root}/one-behind.json", "--explain"), 0),
    "suggest-one-behind": Case(("suggest", "{root}/one-behind.json", "--exact", "--target", "good"), 0),
    "diff-no-categories": Case(("diff", "{ev}", "{root}/no-categories.json"), 1),
}


@pytest.mark.parametrize("case", _cases(MEANINGLESS))
def test_schema_valid_but_meaningless_documents_run(case: Case, tmp_path: Path) -> None:
    """No categories, a rule that never holds, one item behind: the commands say so and exit as documented."""
    _meaningless(tmp_path)
    _run(case, tmp_path)


# --------------------------------------------------------------------------- hostile texts in every name field


def _hostile_documents(root: Path, hostile: str) -> None:
    """The evaluation, its next year, a rule set and a catalog with ``hostile`` in every name field."""
    evaluation = _small_evaluation()
    evaluation["title"] = f"T{hostile}"
    evaluation["municipality"].update(
        name=f"多治見{hostile}", name_en=f"Tajimi{hostile}", prefecture=f"岐{hostile}"[:20]
    )
    evaluation["survey"]["title"] = f"調査{hostile}"
    for category in evaluation["categories"]:
        category["name"] = {"ja": f"名{hostile}", "en": f"N{hostile}"}
        category["group"] = {"ja": f"群{hostile}", "en": f"G{hostile}"}
        category["remarks"] = {"good": [f"良{hostile}"], "consider": [f"検{hostile}"]}
        for item in category.get("items", ()):
            item["name"] = {"ja": f"項{hostile}", "en": f"I{hostile}"}
            item["note"] = f"注{hostile}"
    _write_json(root / "h-ev.json", evaluation)
    _write_json(root / "h-ev2.json", _moved(evaluation))
    rules = json.loads((PACKAGE / "rulesets" / "tajimi-r4.json").read_text(encoding="utf-8"))
    rules.update(id="hostile", title=f"R{hostile}", title_ja=f"規{hostile}", description=f"D{hostile}")
    rules["version"] = f"V{hostile}"
    _write_json(root / "h-rs.json", rules)
    _answers_csv(root / "h-answers.csv", prefecture=f"岐阜{hostile}")
    catalog = json.loads((PACKAGE / "catalogs" / "r4.json").read_text(encoding="utf-8"))
    catalog.update(id="hostile", title=f"C{hostile}", description=f"D{hostile}")
    catalog["survey"]["title"] = f"S{hostile}"
    for category in catalog["categories"]:
        category["name"] = {"ja": f"名{hostile}", "en": f"N{hostile}"}
        for item in category["items"]:
            item["name"] = {"ja": f"項{hostile}{item['id']}", "en": f"I{hostile}{item['id']}"}
    _write_json(root / "h-cat.json", catalog)


HOSTILE_COMMANDS: dict[str, Case] = {
    "check": Case(("check", "{root}/h-ev.json", "--explain"), 1),
    "check-json": Case(("check", "{root}/h-ev.json", "--format", "json"), 1),
    "check-rules": Case(("check", "{root}/h-ev.json", "--rules", "{root}/h-rs.json"), 1),
    "validate": Case(("validate", "{root}/h-ev.json", "{root}/h-rs.json"), 0),
    "suggest": Case(("suggest", "{root}/h-ev.json", "--rules", "{root}/h-rs.json"), 0),
    "diff": Case(("diff", "{root}/h-ev.json", "{root}/h-ev2.json"), 1),
    "lint-rules": Case(("lint-rules", "{root}/h-rs.json", "--max-items", "8"), 1),
    "diff-rules": Case(("diff-rules", "{root}/h-rs.json", "tajimi-r4-written", "--max-items", "8"), 1),
    "report-md": Case(("report", "{root}/h-ev.json", "--out", "{root}/r.md"), 0, writes=("r.md",)),
    "report-interactive": Case(
        ("report", "{root}/h-ev.json", "--interactive", "--out", "{root}/r.html"), 0, writes=("r.html",)
    ),
    "export": Case(("export", "{root}/h-rs.json", "--to", "js", "--out", "{root}/r.js"), 0, writes=("r.js",)),
    "export-xlsx": Case(
        ("export", "{root}/h-rs.json", "--to", "xlsx", "--out", "{root}/r.xlsx"), 0, writes=("r.xlsx",)
    ),
    "workbook": Case(("workbook", "{root}/h-ev.json", "--out", "{root}/w.xlsx"), 0, writes=("w.xlsx",)),
    "validate-catalog": Case(("validate", "{root}/h-cat.json"), 0),
    "batch-catalog": Case(
        ("batch", "{answers}", "--catalog", "{root}/h-cat.json", "--out", "{root}/out", "--grade-within-observed"),
        0,
        writes=("out",),
    ),
    "batch": Case(
        ("batch", "{root}/h-answers.csv", "--catalog", "r4", "--out", "{root}/out", "--grade-within-observed"),
        0,
        writes=("out",),
    ),
}

# Every text through every command, each command in both languages (the texts take turns).
HOSTILE: dict[str, tuple[Case, str]] = {}
for _index, (_command, _case) in enumerate(HOSTILE_COMMANDS.items()):
    for _turn, (_name, _text) in enumerate(HOSTILE_TEXTS.items()):
        _lang = ("en", "ja")[(_index + _turn) % 2]
        _hostile_case = _case._replace(argv=(*_case.argv, "--lang", _lang))
        HOSTILE[f"{_command}-{_name}-{_lang}"] = (_hostile_case, _text)


@pytest.mark.parametrize(("case", "hostile"), [pytest.param(*v, id=k) for k, v in HOSTILE.items()])
def test_hostile_texts_never_drive_the_terminal(case: Case, hostile: str, tmp_path: Path) -> None:
    """Control sequences, C1 controls and bidi controls in every name field reach no terminal raw, in en and ja."""
    _hostile_documents(tmp_path, hostile)
    _run(case, tmp_path)


def test_hostile_texts_in_an_html_report_with_charts(tmp_path: Path) -> None:
    """The chart library's warnings about glyphs it lacks are not passed to the terminal raw."""
    _hostile_documents(tmp_path, "".join(HOSTILE_TEXTS.values()))
    document = json.loads((tmp_path / "h-ev.json").read_text(encoding="utf-8"))
    document["categories"] = document["categories"][:1]
    _write_json(tmp_path / "h-ev.json", document)
    # The runner fails the case on any warning that escaped.
    result = _run(Case(("report", "{root}/h-ev.json", "--out", "{root}/r.html"), 0, writes=("r.html",)), tmp_path)
    assert "_charts.py" not in result.stderr


# --------------------------------------------------------------------------- odd input paths

ODD_PATHS = {
    "directory": ("{empty_dir}", "file.directory"),
    "missing": ("{root}/missing.json", "file.missing"),
    "nul": ("{root}/a\x00b.json", "file.unreadable"),
    "long-name": ("{long}", "file.unreadable"),
    "symlink-loop": ("{loop}", "file.unreadable"),
    "fifo": ("{fifo}", "file.not_regular"),
    "dev-zero": ("/dev/zero", "file.not_regular"),
}

PATH_READERS: dict[str, tuple[tuple[str, ...], int]] = {
    "check": (("check", "{odd}"), 2),
    "check-rules": (("check", "{ev}", "--rules", "{odd}"), 2),
    "validate": (("validate", "{odd}", "--format", "json"), 1),
    "suggest": (("suggest", "{odd}"), 2),
    "lint-rules": (("lint-rules", "{odd}"), 2),
    "diff-rules": (("diff-rules", "{odd}", "tajimi-r4"), 2),
    "diff": (("diff", "{odd}", "{ev}"), 2),
    "report": (("report", "{odd}", "--out", "{root}/r.html"), 2),
    "export": (("export", "{odd}", "--to", "js", "--out", "{root}/r.js"), 2),
    "workbook": (("workbook", "{odd}", "--out", "{root}/w.xlsx"), 2),
    "batch-catalog": (("batch", "{answers}", "--catalog", "{odd}", "--out", "{root}/out"), 2),
    "batch-answers": (("batch", "{odd}", "--catalog", "r4", "--out", "{root}/out", "--grade-within-observed"), 2),
}

PATHS: dict[str, Case] = {}
for _reader, (_argv_template, _status) in PATH_READERS.items():
    for _odd, (_path, _code) in ODD_PATHS.items():
        if _reader == "validate" and _odd == "directory":
            _code = "file.no_json"  # validate reads a directory's .json files: it has none
        _args = tuple(part.replace("{odd}", _path) for part in _argv_template)
        PATHS[f"{_reader}-{_odd}"] = Case(_args, _status, (_code,))


# ``layout init`` reads workbooks: what is not one is refused with the workbook reader's codes.
PATHS |= {
    "layout-init-directory": Case(("layout", "init", "{empty_dir}", "--out", "{root}/draft"), 2),
    "layout-init-missing": Case(("layout", "init", "{root}/m.zip", "--out", "{root}/draft"), 2, ("workbook.missing",)),
    "layout-init-nul": Case(("layout", "init", "{root}/a\x00b.zip", "--out", "{root}/draft"), 2),
    "layout-init-long-name": Case(("layout", "init", "{long}", "--out", "{root}/draft"), 2),
    "layout-init-symlink-loop": Case(("layout", "init", "{loop}", "--out", "{root}/draft"), 2),
    "layout-init-fifo": Case(("layout", "init", "{fifo}", "--out", "{root}/draft"), 2),
    "layout-init-dev-zero": Case(("layout", "init", "/dev/zero", "--out", "{root}/draft"), 2, ("file.not_regular",)),
    "layout-init-json": Case(("layout", "init", "{ev}", "--out", "{root}/draft"), 2, ("workbook.not_zip",)),
}


@pytest.mark.parametrize("case", _cases(PATHS))
def test_odd_input_paths_are_refused_with_their_code(case: Case, tmp_path: Path) -> None:
    """A directory, a missing file, a NUL, a long name, a link loop, a fifo, /dev/zero: refused, never read forever."""
    _run(case, tmp_path, timeout=5)


@pytest.fixture
def open_root() -> Iterator[Path]:
    """A folder every user may enter: a case about permissions runs as ``nobody`` when the tests run as root."""
    folder = Path(tempfile.mkdtemp(prefix="tajimi-rules-hostile-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in (folder, *folder.rglob("*")):
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(folder)


@pytest.mark.skipif(NOBODY_NEEDED and SETPRIV is None, reason=NO_SETPRIV)
@pytest.mark.parametrize("command", ["check", "suggest", "lint-rules", "validate"])
def test_an_unreadable_file_is_refused(command: str, open_root: Path) -> None:
    """A file without read permission: file.unreadable."""
    locked = open_root / "locked"
    locked.mkdir()
    target = locked / "ev.json"
    target.write_bytes(EXAMPLE.read_bytes())
    target.chmod(0)
    root = open_root / "w"
    root.mkdir()
    status = 1 if command == "validate" else 2
    argv = (command, str(target), *(("--format", "json") if command == "validate" else ()))
    _run(Case(argv, status, ("file.unreadable",)), root, unprivileged=NOBODY_NEEDED)


# --------------------------------------------------------------------------- odd options

_BATCH_ARGS = ("batch", "{answers}", "--catalog", "r4", "--grade-within-observed", "--out")

OPTIONS: dict[str, Case] = {
    "no-command": Case((), 2),
    "unknown-command": Case(("bogus",), 2, says="bogus"),
    "check-without-file": Case(("check",), 2),
    "check-unknown-format": Case(("check", "{ev}", "--format", "xml"), 2),
    "check-unknown-language": Case(("check", "{ev}", "--lang", "fr"), 2),
    "check-unknown-rule-set": Case(("check", "{ev}", "--rules", "nosuch"), 2, says="nosuch"),
    "validate-max-bytes-zero": Case(("validate", "{ev}", "--max-bytes", "0"), 2),
    "validate-max-bytes-text": Case(("validate", "{ev}", "--max-bytes", "abc"), 2),
    "validate-max-bytes-huge": Case(("validate", "{ev}", "--max-bytes", "1000000000000000"), 0),
    "validate-max-bytes-beyond-64-bits": Case(("validate", "{ev}", "--max-bytes", "99999999999999999999"), 0),
    "validate-max-bytes-small": Case(
        ("validate", "{ev}", "--max-bytes", "100", "--format", "json"), 1, ("file.too_large",)
    ),
    "suggest-unknown-target": Case(("suggest", "{ev}", "--target", "bogus"), 2, says="bogus"),
    "suggest-unknown-category": Case(("suggest", "{ev}", "--category", "nosuch", "--lang", "ja"), 2, says="nosuch"),
    "suggest-unknown-order": Case(("suggest", "{ev}", "--order", "bogus"), 2),
    "suggest-unknown-minimise": Case(("suggest", "{ev}", "--minimise", "bogus"), 2),
    "suggest-japanese-target": Case(("suggest", "{ev}", "--target", "先進的", "--exact"), 0),
    "lint-rules-max-items-above-bound": Case(
        ("lint-rules", "tajimi-r4", "--max-items", str(MAX_ITEMS + 1)), 2, says=f"from 1 to {MAX_ITEMS}"
    ),
    "lint-rules-max-items-zero": Case(("lint-rules", "tajimi-r4", "--max-items", "0"), 2),
    "lint-rules-unknown-moves": Case(("lint-rules", "tajimi-r4", "--moves", "bogus"), 2, says="bogus"),
    "diff-rules-max-items-zero": Case(("diff-rules", "tajimi-r4", "tajimi-r4-written", "--max-items", "0"), 2),
    "diff-different-bodies": Case(("diff", "{ev}", "{root}/other.json"), 2, ("diff.different_bodies",)),
    "batch-unknown-catalog": Case(("batch", "{answers}", "--catalog", "nosuch", "--out", "{root}/out"), 2),
    "batch-unknown-encoding": Case(
        (*_BATCH_ARGS, "{root}/out", "--encoding", "bogus-enc"), 2, ("answers.unknown_encoding",)
    ),
    "batch-negative-max-problems": Case((*_BATCH_ARGS, "{root}/out", "--max-problems", "-1"), 2),
    "batch-partial-coverage": Case(("batch", "{answers}", "--catalog", "r4", "--out", "{root}/out"), 2),
    "export-unknown-target": Case(("export", "tajimi-r4", "--to", "cobol", "--out", "{root}/x"), 2),
    "export-unknown-rule-set": Case(("export", "nosuch", "--to", "js", "--out", "{root}/x.js"), 2),
    "report-interactive-markdown": Case(("report", "{ev}", "--interactive", "--out", "{root}/r.md"), 2),
    "schema-without-out": Case(("schema",), 2),
    "suggest-hostile-category": Case(("suggest", "{ev}", "--category", "\x1b]0;owned\x07"), 2),
    "check-hostile-rule-set-id": Case(("check", "{ev}", "--rules", "\x9b31m\u202e"), 2),
    "batch-hostile-catalog-id": Case(("batch", "{answers}", "--catalog", "\x1b[2J", "--out", "{root}/out"), 2),
    "lint-rules-hostile-moves": Case(("lint-rules", "tajimi-r4", "--moves", "\x1b[31m:x"), 2),
    "suggest-hostile-target": Case(("suggest", "{ev}", "--target", "\u2066good"), 2),
}


@pytest.mark.parametrize("case", _cases(OPTIONS))
def test_odd_options_are_usage_errors(case: Case, tmp_path: Path) -> None:
    """Unknown commands, values out of range, unknown ids: exit 2 with a message; huge limits parse."""
    other = _small_evaluation()
    other["municipality"].update(code="212059", name="他市")
    _write_json(tmp_path / "other.json", other)
    _run(case, tmp_path)


# --------------------------------------------------------------------------- output paths


def _earlier_batch(root: Path) -> None:
    """An output directory an earlier ``batch`` wrote, and a link to it."""
    _answers_csv(root / "earlier.csv")
    result = cli_module.main(
        ["batch", str(root / "earlier.csv"), "--catalog", "r4", "--out", str(root / "done"), "--grade-within-observed"],
        out=Output(io.StringIO(), io.StringIO()),
    )
    assert result == 0
    (root / "earlier.csv").unlink()
    (root / "done-link").symlink_to("done")


OUTPUTS: dict[str, Case] = {
    # An output that is the input itself would destroy it: refused before anything is read or written.
    "export-over-its-input": Case(("export", "{rs}", "--to", "js", "--out", "{rs}"), 2, says="--out"),
    "export-over-its-input-by-link": Case(("export", "{rs}", "--to", "js", "--out", "{root}/rs-link.json"), 2),
    "report-over-its-input": Case(("report", "{root}/ev.md", "--out", "{root}/ev.md"), 2, says="--out"),
    "report-existing-file": Case(
        ("report", "{ev}", "--out", "{root}/existing.html", "--no-charts"), 0, writes=("existing.html",)
    ),
    "report-existing-md": Case(("report", "{ev}", "--out", "{root}/existing.md"), 0, writes=("existing.md",)),
    "report-directory": Case(("report", "{ev}", "--out", "{root}/dir.html"), 2, says="dir.html"),
    "report-fifo": Case(("report", "{ev}", "--out", "{root}/fifo.html", "--no-charts"), 2, says="fifo.html"),
    "report-interactive-fifo": Case(("report", "{ev}", "--interactive", "--out", "{root}/fifo.html"), 2),
    "report-missing-parent": Case(("report", "{ev}", "--out", "{root}/nowhere/r.html"), 2, says="nowhere"),
    "report-parent-is-a-file": Case(("report", "{ev}", "--out", "{root}/precious.txt/r.md"), 2),
    "report-wrong-suffix": Case(("report", "{ev}", "--out", "{root}/precious.txt"), 2),
    "export-existing-file": Case(
        ("export", "tajimi-r4", "--to", "js", "--out", "{root}/existing.js"), 0, writes=("existing.js",)
    ),
    "export-directory": Case(("export", "tajimi-r4", "--to", "js", "--out", "{foreign}"), 2, says="foreign"),
    "export-fifo": Case(("export", "tajimi-r4", "--to", "js", "--out", "{root}/fifo.js"), 2),
    "export-symlink-loop": Case(("export", "tajimi-r4", "--to", "js", "--out", "{loop}"), 0, writes=("loop",)),
    "export-missing-parent": Case(("export", "tajimi-r4", "--to", "sql", "--out", "{root}/nowhere/x.sql"), 2),
    "workbook-existing-file": Case(("workbook", "{ev}", "--out", "{root}/existing.xlsx"), 0, writes=("existing.xlsx",)),
    "workbook-fifo": Case(("workbook", "{ev}", "--out", "{root}/fifo.xlsx"), 2),
    "workbook-directory": Case(("workbook", "{ev}", "--out", "{empty_dir}"), 2),
    "workbook-missing-parent": Case(("workbook", "{ev}", "--out", "{root}/nowhere/w.xlsx"), 2),
    "schema-existing-file": Case(("schema", "--out", "{root}/precious.txt"), 2, says="precious.txt"),
    "schema-inside-a-file": Case(("schema", "--out", "{root}/precious.txt/schemas"), 2),
    "schema-empty-directory": Case(("schema", "--out", "{empty_dir}"), 0, writes=("empty-dir",)),
    "batch-existing-file": Case((*_BATCH_ARGS, "{root}/precious.txt"), 2, says="precious.txt"),
    "batch-existing-file-replace": Case((*_BATCH_ARGS, "{root}/precious.txt", "--replace"), 2, says="precious.txt"),
    "batch-foreign-directory": Case((*_BATCH_ARGS, "{foreign}"), 2, says="foreign"),
    "batch-foreign-directory-replace": Case((*_BATCH_ARGS, "{foreign}", "--replace"), 2, says="foreign"),
    "batch-empty-directory": Case((*_BATCH_ARGS, "{empty_dir}"), 0, writes=("empty-dir",)),
    "batch-earlier-output": Case((*_BATCH_ARGS, "{root}/done"), 2),
    "batch-earlier-output-replace": Case((*_BATCH_ARGS, "{root}/done", "--replace"), 0, writes=("done",)),
    "batch-link-to-earlier-output-replace": Case((*_BATCH_ARGS, "{root}/done-link", "--replace"), 2),
    "batch-output-inside-the-answers": Case((*_BATCH_ARGS, "{answers}/out"), 2),
    "batch-output-is-the-answers": Case((*_BATCH_ARGS, "{answers}", "--replace"), 2),
    "report-long-parent": Case(("report", "{ev}", "--out", "{root}/" + "y" * 300 + "/r.html"), 2),
    "report-long-name": Case(("report", "{ev}", "--out", "{root}/" + "y" * 300 + ".md"), 2),
    "export-long-parent": Case(("export", "tajimi-r4", "--to", "js", "--out", "{root}/" + "y" * 300 + "/x.js"), 2),
    "workbook-long-parent": Case(("workbook", "{ev}", "--out", "{root}/" + "y" * 300 + "/w.xlsx"), 2),
    "batch-long-name": Case((*_BATCH_ARGS, "{root}/" + "y" * 300), 2),
    "schema-long-name": Case(("schema", "--out", "{root}/" + "y" * 300), 2),
    "batch-missing-parent": Case((*_BATCH_ARGS, "{root}/a/b/c"), 0, writes=("a",)),
    "batch-fifo": Case((*_BATCH_ARGS, "{fifo}", "--replace"), 2),
    "layout-existing-file": Case(("layout", "init", "{root}/missing.zip", "--out", "{root}/precious.txt"), 2),
}


@pytest.mark.parametrize("case", _cases(OUTPUTS))
def test_output_paths_are_written_whole_or_refused(case: Case, tmp_path: Path) -> None:
    """An existing file is replaced whole; a directory, a fifo, a foreign folder or a missing parent is refused."""
    if any("{root}/done" in part for part in case.argv):
        _earlier_batch(tmp_path)
    _run(case, tmp_path)


@pytest.mark.skipif(NOBODY_NEEDED and SETPRIV is None, reason=NO_SETPRIV)
@pytest.mark.parametrize(
    "argv",
    [
        ("report", "{ev}", "--out", "{root}/locked/r.md"),
        ("export", "tajimi-r4", "--to", "js", "--out", "{root}/locked/r.js"),
        ("workbook", "{ev}", "--out", "{root}/locked/w.xlsx"),
        (*_BATCH_ARGS, "{root}/locked/out"),
        ("schema", "--out", "{root}/locked/schemas"),
    ],
)
def test_an_unwritable_parent_is_refused(argv: tuple[str, ...], open_root: Path) -> None:
    """A parent directory without write permission: exit 2, nothing written."""
    locked = open_root / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    _run(Case(argv, 2), open_root, unprivileged=NOBODY_NEEDED)


@pytest.mark.skipif(
    find_chromium() is None, reason="headless Chromium is not installed (Debian: apt-get install chromium)"
)
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_hostile_texts_in_a_pdf_report(lang: str, tmp_path: Path) -> None:
    """A PDF report of a document with every hostile text is written, and nothing drives the terminal."""
    _hostile_documents(tmp_path, "".join(HOSTILE_TEXTS.values()))
    _run(Case(("report", "{root}/h-ev.json", "--out", "{root}/r.pdf", "--lang", lang), 0, writes=("r.pdf",)), tmp_path)


@pytest.mark.skipif(find_chromium() is not None, reason="headless Chromium is installed here")
def test_a_pdf_report_without_chromium_is_refused(tmp_path: Path) -> None:
    """Without headless Chromium a PDF report exits 2, says so, and writes nothing."""
    _run(Case(("report", "{ev}", "--out", "{root}/r.pdf"), 2, says="Chromium"), tmp_path)


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(("workbook", "{root}/f-ev.json", "--out", "{root}/out.xlsx"), id="workbook"),
        pytest.param(("export", "{root}/f-rs.json", "--to", "xlsx", "--out", "{root}/out.xlsx"), id="export"),
    ],
)
def test_names_that_look_like_formulas_stay_text_in_a_workbook(argv: tuple[str, ...], tmp_path: Path) -> None:
    """A name such as ``=HYPERLINK(...)`` is written as the text it is, never as a formula."""
    openpyxl = pytest.importorskip("openpyxl")
    formula = '=HYPERLINK("http://example.com/x","y")'
    evaluation = _small_evaluation()
    for category in evaluation["categories"]:
        category["name"] = {"ja": formula, "en": formula}
        for item in category.get("items", ()):
            item["name"] = {"ja": formula, "en": formula}
    _write_json(tmp_path / "f-ev.json", evaluation)
    rules = json.loads((PACKAGE / "rulesets" / "tajimi-r4.json").read_text(encoding="utf-8"))
    rules.update(id="formula", title=formula)
    _write_json(tmp_path / "f-rs.json", rules)
    _run(Case(argv, 0, writes=("out.xlsx",)), tmp_path)
    cells = [
        cell for sheet in openpyxl.load_workbook(tmp_path / "out.xlsx") for row in sheet.iter_rows() for cell in row
    ]
    named = [cell for cell in cells if cell.value == formula]
    assert named
    assert {cell.data_type for cell in named} == {"s"}
