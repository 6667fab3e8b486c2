"""``tajimi-rules check``: the table, the explanations, JSON output and exit statuses; and what every command shares.

Every command takes ``--lang`` (default: ``TAJIMI_RULES_LANG``, then the locale), lists its exit
statuses in its help, and lets ``main()`` write the errors it raises, once, in that language.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import tajimi_rules as tr
from tajimi_rules import _cli
from tajimi_rules._cli import COMMANDS, build_parser
from tajimi_rules._cli._common import EXIT_INTERNAL, Command, Output, UsageError
from tajimi_rules._texts import LANGS

from .conftest import EXAMPLE
from .conftest import run_cli as run

ROOT = Path(__file__).resolve().parent.parent


def test_check_reports_the_three_disagreements(example_path):
    """On the Tajimi example, check marks exactly three categories and exits 1."""
    status, out, err = run("check", str(example_path))
    assert status == 1 and err == ""
    marked = [line.split()[1] for line in out.splitlines() if line.startswith("✗")]
    assert marked == ["dx-staff-development", "gis", "digital-divide"]
    assert "16 categories: 13 agree, 3 disagree, 0 unrated" in out
    assert "(advanced+standard)/all = 13/21 >= 2/3" in out


def test_check_with_written_rules_shows_gaps_and_overlaps(example_path):
    """With the literal reading, check shows the gap categories and the overlap as unrated."""
    status, out, _ = run("check", str(example_path), "--rules", "tajimi-r4-written")
    assert status == 1
    unrated = {line.split()[1]: line for line in out.splitlines() if line.startswith("✗") and "none (" in line}
    assert sorted(unrated) == ["online-procedures", "resident-services", "security-audit", "telework"]
    assert "none (overlap)" in unrated["telework"]
    assert "exclusive rules overlap: partly deficient and deficient both hold" in out


def test_check_in_japanese(example_path):
    """--lang ja renders labels and explanations in Japanese."""
    _, out, _ = run("check", str(example_path), "--lang", "ja")
    assert "職員育成" in out and "やや不備あり" in out
    assert "(先進的+普通)/全体 = 13/21 ≥ 2/3" in out


def test_check_json(example_path):
    """--format json prints one object whose categories carry the contract's keys."""
    status, out, _ = run("check", str(example_path), "--format", "json")
    data = json.loads(out)
    assert status == 1
    by_id = {c["id"]: c for c in data["categories"]}
    assert by_id["gis"]["rating"] == "partly_deficient"
    assert by_id["gis"]["stated_rating"] == "good"
    assert by_id["gis"]["agrees"] is False
    assert by_id["telework"]["matching_rules"] == ["deficient", "partly_deficient"]


def test_check_json_written_rating_is_null_where_unrated(example_path):
    """Unrated categories have a null rating in JSON."""
    _, out, _ = run("check", str(example_path), "--format", "json", "--rules", "tajimi-r4-written")
    by_id = {c["id"]: c for c in json.loads(out)["categories"]}
    assert by_id["security-audit"]["rating"] is None
    assert by_id["security-audit"]["matching_rules"] == []


def test_all_agreeing_file_exits_0(tmp_path, example_path):
    """A file whose stated ratings all agree exits 0."""
    data = json.loads(example_path.read_text("utf-8"))
    data["categories"] = [
        c for c in data["categories"] if c["id"] not in {"dx-staff-development", "gis", "digital-divide"}
    ]
    path = tmp_path / "agreeing.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert run("check", str(path))[0] == 0


@pytest.mark.parametrize(
    "argv",
    [
        ("check", "no-such-file.json"),
        ("check", "{example}", "--rules", "no-such-rules"),
        ("check",),
        ("check", "{example}", "--format", "yaml"),
    ],
)
def test_unusable_input_exits_2_without_traceback(example_path, argv):
    """Missing files, unknown rule sets and bad arguments exit 2 with a message, no traceback."""
    status, _, err = run(*(a.format(example=example_path) for a in argv))
    assert status == 2
    assert "Traceback" not in err and err.strip()


def test_invalid_file_names_file_and_pointer(tmp_path):
    """An invalid evaluation is reported as file#pointer lines on stderr."""
    path = tmp_path / "bad.json"
    bad = {
        "municipality": {"code": "212041", "name": "x", "prefecture": "y"},
        "survey": {"title": "t"},
        "categories": [],
    }
    path.write_text(json.dumps(bad))
    status, _, err = run("check", str(path))
    assert status == 2
    assert f"{path}#/survey: missing required key 'fiscal_year'" in err


def test_console_entry_point(example_path):
    """``python -m tajimi_rules`` runs the same command line."""
    done = subprocess.run(
        [sys.executable, "-m", "tajimi_rules", "check", str(example_path), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert json.loads(done.stdout)["summary"]["disagree"] == 3


def test_own_rule_set_file_with_its_own_id(tmp_path, example_path):
    """An evaluation naming a rule set of its own is checked with --rules PATH, and refused without it."""
    rules = json.loads((ROOT / "src" / "tajimi_rules" / "rulesets" / "tajimi-r4.json").read_text("utf-8"))
    rules["id"] = "our-city"
    rules_path = tmp_path / "our-city.json"
    rules_path.write_text(json.dumps(rules, ensure_ascii=False), "utf-8")
    data = json.loads(example_path.read_text("utf-8"))
    data["rules"] = "our-city"
    path = tmp_path / "evaluation.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    status, out, _ = run("check", str(path), "--rules", str(rules_path))
    assert status == 1
    assert "rules: our-city (first_match)" in out
    status, _, err = run("check", str(path))
    assert status == 2
    assert f"{path}#/rules: " in err


def test_names_with_escape_sequences_are_shown_escaped(tmp_path, example_path):
    """Control characters in category names appear as escapes in the table and the explanations."""
    data = json.loads(example_path.read_text("utf-8"))
    gis = next(c for c in data["categories"] if c["id"] == "gis")  # a disagreement: explained too
    gis["name"]["en"] = "GIS\x1b]0;owned\x07"
    path = tmp_path / "escapes.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    status, out, err = run("check", str(path))
    assert (status, err) == (1, "")
    assert "\x1b" not in out and "\x07" not in out
    assert out.count("GIS\\x1b]0;owned\\x07") == 2


def test_invalid_file_exits_2_as_documented(tmp_path):
    """The check command refuses an invalid file as unusable input (exit 2) where validate reports it (exit 1)."""
    path = tmp_path / "bad.json"
    path.write_text('{"municipality": {}}', "utf-8")
    assert run("check", str(path))[0] == 2
    assert run("validate", str(path))[0] == 1
    docs = (ROOT / "docs" / "validation.md").read_text("utf-8")
    assert "`check` exits 2" in docs


def test_problems_of_a_refused_file_are_shown_escaped(tmp_path):
    """Control characters in a refused file's problem text reach the terminal escaped."""
    path = tmp_path / "bad.json"
    bad: dict[str, object] = {"municipality": {"code": "212041", "name": "x", "prefecture": "y"}}
    bad["survey"] = {"title": "t"}
    bad["categories"] = [{"id": "c", "group": {"ja": "g"}, "name": {"ja": "c"}, "counts": {}, "\x1b[2J": 1}]
    path.write_text(json.dumps(bad))
    status, _, err = run("check", str(path))
    assert status == 2
    assert "\x1b" not in err
    assert "\\x1b[2J" in err


# --------------------------------------------------------------------------- every command


@pytest.fixture
def environ(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """An environment with no language set: no ``TAJIMI_RULES_LANG`` and no locale variables."""
    for variable in ("TAJIMI_RULES_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    return monkeypatch


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _subparser(name: str) -> argparse.ArgumentParser:
    return _subparsers()[name]


# Per command, arguments that name an unknown rule set, so the command stops with an error in its language.
UNKNOWN_RULES = {
    "check": ("{example}", "--rules", "nope"),
    "validate": ("{example}", "--rules", "nope"),
    "suggest": ("{example}", "--rules", "nope"),
    "lint-rules": ("nope",),
    "diff-rules": ("nope", "tajimi-r4"),
    "batch": ("{tmp}/answers.csv", "--catalog", "r4", "--rules", "nope", "--out", "{tmp}/out"),
    "diff": ("{example}", "{example}", "--rules", "nope"),
    "report": ("{example}", "--rules", "nope", "--out", "{tmp}/report.md"),
    "export": ("nope", "--to", "js", "--out", "{tmp}/rules.mjs"),
    "workbook": ("{example}", "--rules", "nope", "--out", "{tmp}/plan.xlsx"),
    "schema": ("--out", "{example}/schemas"),
}

# Commands that take no rule set stop with another error in their language.
OTHER_ERRORS = {
    "schema": {"en": "cannot write the schemas into", "ja": "にスキーマを書き出せない"},
}

# Commands that take no rule set stop with an error of their own.
OWN_ERRORS = {
    "layout": (
        ("init", "{tmp}/missing.zip", "--out", "{tmp}/draft"),
        {"en": "no sheet with local-government codes", "ja": "団体コードのあるシートが見つからず"},
    ),
}


def test_commands_are_the_explicit_tuple_in_help_order():
    """The parser offers exactly the commands of ``COMMANDS``, in that order, each named once."""
    names = [command.name for command in COMMANDS]
    assert len(set(names)) == len(names)
    assert list(_subparsers()) == names
    assert _cli.commands() == COMMANDS
    assert sorted(names) == sorted([*UNKNOWN_RULES, *OWN_ERRORS])


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: command.name)
def test_every_command_takes_lang_defaulting_to_the_environment(command: Command):
    """Each command has ``--lang en|ja``, left unset so the environment decides, and its help says so."""
    action = _subparser(command.name)._option_string_actions["--lang"]
    assert tuple(action.choices or ()) == LANGS
    assert action.default is None
    assert "TAJIMI_RULES_LANG" in (action.help or "")


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: command.name)
def test_every_command_lists_its_exit_statuses_in_its_help(command: Command):
    """Each command's help ends with its exit statuses, usage errors (2) among them."""
    help_text = _subparser(command.name).format_help()
    assert "exit statuses:" in help_text
    statuses = [status for status, _ in command.exits]
    assert statuses == sorted(statuses) and 0 in statuses and 2 in statuses
    for status, when in command.exits:
        assert f"  {status}  {when.split()[0]}" in help_text


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: command.name)
@pytest.mark.parametrize("lang", LANGS)
def test_every_command_writes_its_errors_in_the_chosen_language(command, lang, example_path, tmp_path, environ):
    """``--lang`` is accepted by every command and decides the language of the error it stops with."""
    if command.name in OWN_ERRORS:
        parts, own = OWN_ERRORS[command.name]
        status, out, err = run(command.name, *[p.format(tmp=tmp_path) for p in parts], "--lang", lang)
        assert (status, out) == (2, "")
        assert own[lang] in err.splitlines()[-1] and err.count("tajimi-rules:") == 1
        return
    argv = [part.format(example=example_path, tmp=tmp_path) for part in UNKNOWN_RULES[command.name]]
    status, out, err = run(command.name, *argv, "--lang", lang)
    assert (status, out) == (2, "")
    if command.name in OTHER_ERRORS:
        assert err.startswith("tajimi-rules: ") and OTHER_ERRORS[command.name][lang] in err
        assert err.count("tajimi-rules:") == 1
        return
    expected = {"en": "tajimi-rules: unknown rule set 'nope'", "ja": "tajimi-rules: 規則集 'nope' はない"}[lang]
    assert err.startswith(expected) and err.count("tajimi-rules:") == 1


@pytest.mark.parametrize("command", ["lint-rules", "diff-rules"])
def test_analysis_commands_write_japanese(command, environ):
    """lint-rules and diff-rules, which had only English, write their findings in Japanese with --lang ja."""
    argv = ("tajimi-r4-written",) if command == "lint-rules" else ("tajimi-r4", "tajimi-r4-written")
    status, out, err = run(command, *argv, "--max-items", "8", "--lang", "ja")
    assert (status, err) == (1, "")
    assert "件数ベクトル" in out and "条件: (先進的+普通)/全体" in out
    assert "vectors" not in out and "where" not in out


def test_japanese_locale_makes_check_write_japanese(example_path, environ):
    """With ``LANG=ja_JP.UTF-8`` and no --lang, check writes Japanese."""
    environ.setenv("LANG", "ja_JP.UTF-8")
    status, out, _ = run("check", str(example_path))
    assert status == 1
    assert "規則集: tajimi-r4" in out and "16カテゴリ: 一致 13、不一致 3、評価なし 0" in out


def test_tajimi_rules_lang_wins_over_the_locale(example_path, environ):
    """``TAJIMI_RULES_LANG=en`` wins over a Japanese locale, and --lang wins over both."""
    environ.setenv("LANG", "ja_JP.UTF-8")
    environ.setenv("TAJIMI_RULES_LANG", "en")
    _, out, _ = run("check", str(example_path))
    assert "rules: tajimi-r4" in out and "16 categories: 13 agree, 3 disagree, 0 unrated" in out
    _, out, _ = run("check", str(example_path), "--lang", "ja")
    assert "規則集: tajimi-r4" in out


def test_no_language_anywhere_is_english(example_path, environ):
    """Without --lang, ``TAJIMI_RULES_LANG`` or a locale, the command line writes English."""
    _, out, _ = run("check", str(example_path))
    assert "16 categories: 13 agree, 3 disagree, 0 unrated" in out


class _Refused(tr.errors.TajimiRulesError):
    """A library error with an exit status of its own."""

    exit_code = 4


def _raising(error: BaseException) -> Command:
    def configure(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--lang", default=None)

    def run_(args: argparse.Namespace, out: Output) -> int:
        out.write("partial result")
        raise error

    return Command(name="raise", help="raise", exits=((2, "always"),), configure=configure, run=run_)


@pytest.mark.parametrize(
    ("error", "lang", "status", "line"),
    [
        (_Refused("refused for a reason"), "en", 4, "tajimi-rules: refused for a reason"),
        (
            UsageError("cli.report.extension", out="x.txt"),
            "en",
            2,
            "tajimi-rules: --out must end in .html, .md or .pdf: x.txt",
        ),
        (
            UsageError("cli.report.extension", out="x.txt"),
            "ja",
            2,
            "tajimi-rules: --out の拡張子は .html、.md、.pdf のいずれかにしてください: x.txt",
        ),
        (
            tr.errors.UnknownCategoryError("x", ["a", "b"]),
            "ja",
            2,
            "tajimi-rules: カテゴリ 'x' はない（あるもの: a, b）",
        ),
        (tr.errors.OutputExistsError("out\x1b[2J"), "en", 2, "tajimi-rules: out\\x1b[2J: the output exists"),
    ],
)
def test_an_error_raised_in_a_command_is_written_once_with_its_status(monkeypatch, error, lang, status, line):
    """main() writes a raised error once, in the chosen language, with the error's own exit status."""
    monkeypatch.setattr(_cli, "COMMANDS", (_raising(error),))
    got, out, err = run("raise", "--lang", lang)
    assert (got, out) == (status, "partial result\n")
    assert err.startswith(line) and err.count("tajimi-rules:") == 1 and err.endswith("\n")
    assert len(err.splitlines()) == 1


def test_problems_of_an_invalid_document_are_written_one_a_line(monkeypatch):
    """An InvalidDocumentError raised in a command is written as its problems, one a line, status 2."""
    problems = [tr.errors.Problem(code="x.y", message=f"problem {i}", file="f.json") for i in range(2)]
    monkeypatch.setattr(_cli, "COMMANDS", (_raising(tr.errors.InvalidDocumentError(problems)),))
    status, _, err = run("raise")
    assert status == 2
    assert err.splitlines() == ["f.json#: problem 0", "f.json#: problem 1"]


def test_a_bug_in_a_command_is_an_internal_error_with_status_3(monkeypatch):
    """An unexpected exception is reported as an internal error (status 3), without a traceback."""
    monkeypatch.setattr(_cli, "COMMANDS", (_raising(ZeroDivisionError("division by zero")),))
    status, _, err = run("raise", "--lang", "en")
    assert status == EXIT_INTERNAL
    assert err.splitlines() == [
        "tajimi-rules: internal error: ZeroDivisionError: division by zero",
        "tajimi-rules: this is a bug; please report it with the command you ran",
    ]
    assert "Traceback" not in err


def test_suggest_unknown_category_is_the_library_error_in_japanese(example_path, environ):
    """An unknown --category stops suggest with the unknown-category error, in Japanese with --lang ja."""
    status, out, err = run("suggest", str(example_path), "--category", "nope", "--lang", "ja")
    assert (status, out) == (2, "")
    assert err.startswith("tajimi-rules: カテゴリ 'nope' はない（あるもの: ai, digital-divide")


HOSTILE = "多治見\x1b]0;pwned\x07\x1b[2J\x1b[31m\u202e\u2066\x85市"
_RAW_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize(
    ("command", "form"),
    [("check", "text"), ("check", "json"), ("suggest", "text"), ("suggest", "json"), ("report", "text")],
)
def test_no_control_character_from_input_reaches_the_terminal(command, form, tmp_path):
    """Names holding OSC/CSI sequences, C1 controls and bidi overrides come out escaped, in text and JSON alike."""
    document = json.loads(EXAMPLE.read_text("utf-8"))
    document["municipality"]["name"] = HOSTILE
    document["survey"]["title"] = HOSTILE
    for category in document["categories"]:
        category["name"]["ja"] = HOSTILE
        for item in category.get("items", ()):
            item["name"]["ja"] = HOSTILE
    source = tmp_path / "hostile.json"
    source.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    argv = [command, str(source)]
    if command == "report":
        argv += ["--out", str(tmp_path / "r.md")]
    elif form == "json":
        argv += ["--format", "json"]
    result = run(*argv)
    assert result.status in (0, 1), result.stderr
    assert not _RAW_CONTROL.search(result.stdout + result.stderr)
    if form == "json":
        # The escapes read back as the same data.
        assert any(HOSTILE in text for text in _strings(json.loads(result.stdout)))


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []
