"""validate(): the broken-file corpus, the example, kinds, messages, loaders and the command line."""

from __future__ import annotations

import copy
import datetime
import io
import json
import socket
from pathlib import Path
from typing import Any

import pytest

import tajimi_rules as tr
from tajimi_rules._cli import main
from tajimi_rules._cli._common import Output
from tajimi_rules._jsonio import DEFAULT_MAX_BYTES, read_json
from tajimi_rules._meaning import current_fiscal_year, mixed_script
from tajimi_rules._schemas import Kind, did_you_mean, ecma_pattern, schema, schema_problems
from tajimi_rules._validate import detect_kind, validate, validated

ROOT = Path(__file__).resolve().parent.parent
BROKEN = Path(__file__).resolve().parent / "broken"
EXPECTED: dict[str, dict[str, Any]] = json.loads((BROKEN / "expected.json").read_text("utf-8"))
RULESETS = ROOT / "src" / "tajimi_rules" / "rulesets"


def run(*argv: str) -> tuple[int, str, str]:
    """Run the command line; return its status, standard output and standard error."""
    stdout, stderr = io.StringIO(), io.StringIO()
    status = main(list(argv), out=Output(stdout, stderr))
    return status, stdout.getvalue(), stderr.getvalue()


def example() -> dict[str, Any]:
    """A fresh copy of the Tajimi example as a JSON value."""
    value, problems = read_json(ROOT / "examples" / "tajimi-r4.json")
    assert not problems
    return copy.deepcopy(value)


def codes(problems: list[tr.Problem]) -> list[tuple[str, str]]:
    """Each problem's code and pointer."""
    return [(p.code, p.pointer) for p in problems]


# The corpus of broken files ----------------------------------------------------------------


def test_corpus_has_at_least_thirty_broken_files() -> None:
    """The corpus holds at least 30 broken files, each with its expected problem recorded."""
    assert len(EXPECTED) >= 30
    on_disk = {path.name for path in BROKEN.iterdir()} - {"expected.json"}
    recorded = {name for name, entry in EXPECTED.items() if not entry.get("missing")}
    assert on_disk == recorded


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_gives_its_problem_with_pointer(name: str) -> None:
    """Each broken file gives the recorded problem code at the recorded pointer (or line/column)."""
    entry = EXPECTED[name]
    problems = validate(BROKEN / name, max_bytes=entry.get("max_bytes", DEFAULT_MAX_BYTES))
    assert problems, "a broken file must give problems"
    matching = [p for p in problems if p.code == entry["code"]]
    assert matching, f"expected {entry['code']}, got {codes(problems)}"
    problem = matching[0]
    if "pointer" in entry:
        assert entry["pointer"] in [p.pointer for p in matching]
    if "line" in entry:
        assert (problem.line, problem.column) == (entry["line"], entry.get("column", problem.column))
    assert problem.file == str(BROKEN / name)
    assert problem.severity is tr.Severity.ERROR
    assert problem.message_ja, "every problem has a Japanese message"
    assert problem.expected is not None or problem.found is not None


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_exits_one_without_traceback(name: str) -> None:
    """The command line exits 1 on each broken file, reports the problem in JSON, and prints no traceback."""
    entry = EXPECTED[name]
    argv = ["validate", str(BROKEN / name), "--format", "json"]
    if "max_bytes" in entry:
        argv += ["--max-bytes", str(entry["max_bytes"])]
    status, stdout, stderr = run(*argv)
    assert status == 1
    assert stderr == ""
    report = json.loads(stdout)
    assert report["valid"] is False
    found = {p["code"] for file in report["files"] for p in file["problems"]}
    assert entry.get("cli_code", entry["code"]) in found


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_whole_corpus_in_one_run(lang: str) -> None:
    """One run over the corpus directory reports every file, in the chosen language, and exits 1."""
    status, stdout, stderr = run("validate", str(BROKEN), "--lang", lang)
    assert status == 1
    assert stderr == ""
    assert "Traceback" not in stdout
    assert ("無効" if lang == "ja" else "invalid") in stdout.splitlines()[-1]
    assert "check-digit.json#/municipality/code" in stdout


def test_loaders_raise_the_problems_validate_returns() -> None:
    """load_evaluation and load_rules raise InvalidDocumentError carrying exactly validate()'s problems."""
    for name, entry in EXPECTED.items():
        if "max_bytes" in entry:
            continue
        path = BROKEN / name
        with pytest.raises(tr.InvalidDocumentError) as raised:
            tr.load_evaluation(path)
        assert list(raised.value.problems) == validate(path, kind="evaluation"), name
        with pytest.raises(tr.InvalidDocumentError) as raised:
            tr.load_rules(path)
        assert list(raised.value.problems) == validate(path, kind="ruleset"), name


# Valid documents --------------------------------------------------------------------------


def test_tajimi_example_validates_clean() -> None:
    """The Tajimi example has no problem at all, not even a warning."""
    assert validate(ROOT / "examples" / "tajimi-r4.json") == []
    assert validate(example()) == []


def test_example_command_line_exits_zero() -> None:
    """The command line exits 0 on the example and the shipped rule sets."""
    status, stdout, stderr = run("validate", str(ROOT / "examples"), str(RULESETS))
    assert (status, stderr) == (0, "")
    assert stdout.strip() == "3 files: 3 valid, 0 invalid (0 errors, 0 warnings)"


@pytest.mark.parametrize("path", sorted(RULESETS.glob("*.json")), ids=lambda p: p.name)
def test_shipped_rule_sets_validate_clean(path: Path) -> None:
    """Every shipped rule set is a valid rule set."""
    assert validate(path) == []
    assert validated(path).kind == "ruleset"


def test_byte_order_mark_is_accepted() -> None:
    """A UTF-8 byte-order mark before the document is accepted."""
    data = (ROOT / "examples" / "tajimi-r4.json").read_bytes()
    assert validate(b"\xef\xbb\xbf" + data) == []


def test_validate_never_raises_for_bad_content() -> None:
    """Odd values given as a mapping or bytes give problems, not exceptions."""
    for source in (b"\x00\xff", b"null", b"{}", b"[[[]]]", {"categories": "x"}, {"rules": 3}):
        assert validate(source)


# Kinds ------------------------------------------------------------------------------------


def test_kind_from_schema_then_shape() -> None:
    """The kind comes from $schema when it names one, else from the document's keys."""
    assert detect_kind({"$schema": "urn:tajimi-rules:schema:evaluation:1"}) == "evaluation"
    assert detect_kind({"$schema": "../schemas/ruleset.schema.json", "categories": []}) == "ruleset"
    assert detect_kind({"combine": "first_match"}) == "ruleset"
    assert detect_kind({"rules": "tajimi-r4", "categories": []}) == "evaluation"
    assert detect_kind({"name": "x"}) is None


def test_told_kind_against_the_files_schema() -> None:
    """Checking an evaluation as a rule set reports that its $schema says otherwise."""
    problems = validate(ROOT / "examples" / "tajimi-r4.json", kind="ruleset")
    assert ("document.kind_mismatch", "/$schema") in codes(problems)
    status, _, _ = run("validate", "--kind", "ruleset", str(ROOT / "examples" / "tajimi-r4.json"))
    assert status == 1


def test_unknown_schema_is_a_warning_and_never_fetched() -> None:
    """A $schema URL this library does not know is a warning; the kind then comes from the shape."""
    value = example()
    value["$schema"] = "https://example.invalid/some-other.schema.json"
    problems = validate(value)
    assert codes(problems) == [("document.unknown_schema", "/$schema")]
    assert problems[0].severity is tr.Severity.WARNING


# Meaning beyond the schema ----------------------------------------------------------------


def test_fiscal_year_checked_against_the_date() -> None:
    """A fiscal year after the current one is a problem; the current one is not."""
    value = example()
    value["survey"]["fiscal_year"] = 2024
    on = datetime.date(2024, 3, 31)  # still fiscal year 2023
    assert current_fiscal_year(on) == 2023
    assert codes(validate(value, today=on)) == [("survey.fiscal_year", "/survey/fiscal_year")]
    assert validate(value, today=datetime.date(2024, 4, 1)) == []


def test_grading_contradiction_uses_the_rule_sets_grading() -> None:
    """An item's level is checked against the item grading of the rule set it is checked with."""
    value = example()
    item = value["categories"][0]["items"][0]  # needs_review, not implemented
    item["national_rate"] = "50%"  # common under the shipped grading (at least 1/2): behind
    problems = validate(value)
    assert codes(problems) == [("item.level_contradicts_grading", "/categories/0/items/0/level")]
    assert problems[0].expected == "behind"
    rules = json.loads((RULESETS / "tajimi-r4.json").read_text("utf-8"))
    rules["item_grading"]["common"] = {"more_than": "1/2"}  # exactly one half is rare now
    assert validate(value, rules=rules) == []


def test_stated_rating_the_rule_set_cannot_give() -> None:
    """A stated rating that the rule set checked against never gives is reported."""
    rules = json.loads((RULESETS / "tajimi-r4.json").read_text("utf-8"))
    rules["id"] = "no-advanced"
    rules["rules"] = [rule for rule in rules["rules"] if rule["rating"] != "advanced"]
    problems = validate(ROOT / "examples" / "tajimi-r4.json", rules=rules)
    assert {code for code, _ in codes(problems)} == {"category.stated_rating_unknown"}
    assert ("category.stated_rating_unknown", "/categories/5/stated_rating") in codes(problems)


def test_did_you_mean() -> None:
    """Unknown keys, enum values and rule-set ids come with the closest known name."""
    by_name = {name: validate(BROKEN / name) for name in EXPECTED if name.endswith(".json")}
    unknown_key = next(p for p in by_name["unknown-key.json"] if p.code == "schema.unknown_key")
    assert "did you mean 'prefecture'" in unknown_key.message
    assert "'prefecture' の誤り" in unknown_key.text("ja")
    combine = next(p for p in by_name["ruleset-unknown-combine.json"] if p.code == "schema.enum")
    assert combine.expected == "'first_match'"
    rules = next(p for p in by_name["unknown-rules-id.json"] if p.code == "rules.unknown")
    assert rules.expected == "'tajimi-r4'"
    assert did_you_mean("zzz", ["advanced", "good"]) is None


def test_every_unknown_key_is_reported() -> None:
    """Two unknown keys in one object give two problems, each at its own pointer."""
    value = example()
    value["municipality"]["nmae"] = "x"
    value["municipality"]["kode"] = "y"
    assert sorted(codes(validate(value))) == [
        ("schema.unknown_key", "/municipality/kode"),
        ("schema.unknown_key", "/municipality/nmae"),
    ]


def test_most_relevant_problem_first() -> None:
    """A missing top-level key is listed before problems deeper in the document."""
    value = example()
    del value["survey"]
    value["categories"][3]["counts"]["advanced"] = -1
    problems = validate(value)
    assert codes(problems)[0] == ("schema.required", "")
    assert ("schema.minimum", "/categories/3/counts/advanced") in codes(problems)


def test_mixed_scripts_warn_but_stay_valid() -> None:
    """Cyrillic letters inside Japanese text give a warning; the file stays valid (exit 0)."""
    value = example()
    value["categories"][12]["name"]["ja"] = "地方公共団体独自のデジタルデバйд対策の実施"
    problems = validate(value)
    assert codes(problems) == [("text.mixed_script", "/categories/12/name/ja")]
    assert problems[0].severity is tr.Severity.WARNING
    assert "'й', 'д'" in (problems[0].found or "")


def test_mixed_script_detection() -> None:
    """Latin words inside Japanese are ordinary; Cyrillic in Japanese or inside a Latin word is not."""
    assert mixed_script("デジタルデバйд") is not None
    assert mixed_script("Digitаl divide") is not None  # Cyrillic а
    assert mixed_script("デバinド") is not None
    for ordinary in ("全職員へのeラーニング", "問い合わせ対応のAIチャットボット", "ICT-BCP", "Tajimi"):
        assert mixed_script(ordinary) is None


def test_mixed_script_warning_from_the_command_line(tmp_path: Path) -> None:
    """A file with only warnings exits 0 and shows the warning."""
    value = example()
    value["categories"][12]["name"]["ja"] = "デジタルデバйд"
    path = tmp_path / "warn.json"
    path.write_text(json.dumps(value, ensure_ascii=False, default=str), "utf-8")
    status, stdout, _ = run("validate", str(path))
    assert status == 0
    assert stdout.startswith("warning: ")
    assert "(0 errors, 1 warning)" in stdout


def test_meaning_problems_listed_together() -> None:
    """Several problems of meaning in one file are all reported, in document order."""
    value = example()
    value["municipality"]["code"] = "212040"
    value["categories"][1]["id"] = value["categories"][0]["id"]
    value["categories"][2]["counts"] = {"advanced": 0, "standard": 0, "needs_review": 0, "behind": 0}
    del value["categories"][2]["items"]
    assert codes(validate(value)) == [
        ("municipality.check_digit", "/municipality/code"),
        ("category.duplicate_id", "/categories/1/id"),
        ("category.empty", "/categories/2/counts"),
    ]


# Schemas read as the specification says ----------------------------------------------------


def test_dollar_ends_the_string() -> None:
    """A code with a trailing newline does not match ^[0-9]{6}$ (ECMA-262 reading of $)."""
    value = example()
    value["municipality"]["code"] = "212041\n"
    assert codes(schema_problems(value, "evaluation")) == [("schema.pattern", "/municipality/code")]
    space = ecma_pattern(r"\s")
    assert space.startswith("[\\t\\n") and "\\ufeff" in space and "\\x1c" not in space
    assert ecma_pattern(r"^\s*[0-9]$") == f"^{space}*[0-9]\\Z"
    assert ecma_pattern(r"[$\d]\$") == r"[$0-9]\$"


def test_whole_number_written_with_a_fraction_part_is_an_integer() -> None:
    """A count written 2.0 is an integer, as JSON Schema says; 2.5 is not."""
    value, _ = read_json(b'{"advanced": 2.0, "standard": 2.5, "needs_review": 0, "behind": 0}')
    found = schema_problems(
        {**example(), "categories": [{**example()["categories"][0], "counts": value}]}, "evaluation"
    )
    assert codes(found) == [("schema.type", "/categories/0/counts/standard")]


# The command line -------------------------------------------------------------------------


def test_json_output_shape(tmp_path: Path) -> None:
    """--format json lists every file with its kind, validity and problems, and a summary."""
    status, stdout, _ = run(
        "validate", "--format", "json", str(ROOT / "examples" / "tajimi-r4.json"), str(BROKEN / "nan.json")
    )
    report = json.loads(stdout)
    assert status == 1
    assert [f["valid"] for f in report["files"]] == [True, False]
    assert report["files"][0]["kind"] == "evaluation"
    assert report["summary"] == {"files": 2, "invalid": 1, "errors": 1, "warnings": 0}
    problem = report["files"][1]["problems"][0]
    assert problem["pointer"] == "/categories/0/items/0/national_rate"
    assert {"file", "code", "message", "message_ja", "expected", "found", "severity"} <= set(problem)


def test_japanese_text_output() -> None:
    """--lang ja words problems and the summary in Japanese."""
    status, stdout, _ = run("validate", "--lang", "ja", str(BROKEN / "check-digit.json"))
    assert status == 1
    assert "地方公共団体コード 212040 の検査数字が誤っている" in stdout
    assert "期待: 212041" in stdout


@pytest.mark.parametrize(
    "argv",
    [
        ["validate"],
        ["validate", "--max-bytes", "0", "x.json"],
        ["validate", "--max-bytes", "lots", "x.json"],
        ["validate", "--kind", "catalogue", "x.json"],
        ["validate", "--rules", "no-such-rules", str(ROOT / "examples" / "tajimi-r4.json")],
    ],
)
def test_usage_errors_exit_two(argv: list[str]) -> None:
    """Bad arguments and an unknown --rules exit 2."""
    status, _, _ = run(*argv)
    assert status == 2


def test_max_bytes_option() -> None:
    """--max-bytes refuses larger files with a problem naming the limit."""
    status, stdout, _ = run("validate", "--max-bytes", "1000", str(ROOT / "examples" / "tajimi-r4.json"))
    assert status == 1
    assert "over the limit of 1,000" in stdout


def test_nothing_is_written(tmp_path: Path) -> None:
    """Validating files changes nothing on disk."""
    target = tmp_path / "check-digit.json"
    target.write_bytes((BROKEN / "check-digit.json").read_bytes())
    before = {p: p.read_bytes() for p in tmp_path.iterdir()}
    run("validate", str(tmp_path))
    assert {p: p.read_bytes() for p in tmp_path.iterdir()} == before


@pytest.mark.parametrize("kind", ["evaluation", "ruleset"])
def test_schemas_are_usable_from_an_editor(kind: Kind) -> None:
    """Each schema has an $id, a title, a description, examples, and titled or described definitions."""
    document = schema(kind)
    assert str(document["$id"]).startswith("urn:tajimi-rules:schema:")
    assert document["title"] and document["description"]
    assert "examples" in json.dumps(document)
    for name, definition in document["$defs"].items():
        assert "title" in definition or "description" in definition, name


def test_no_network_access(monkeypatch: pytest.MonkeyPatch) -> None:
    """Validating documents whose $schema and $ref name URLs opens no connection."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("validation tried to open a network connection")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    value = example()
    value["$schema"] = "https://example.com/evaluation.schema.json"
    assert validate(value) == []
    for name in ("remote-ref.json", "nested-remote-ref.json"):
        assert "document.remote_ref" in {p.code for p in validate(BROKEN / name)}
