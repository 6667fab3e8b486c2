"""validate(): the broken-file corpus, the example, kinds, messages, loaders and the command line."""

from __future__ import annotations

import copy
import datetime
import json
import os
import socket
import tempfile
import urllib.request
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any

import jsonschema
import pytest

import tajimi_rules as tr
from tajimi_rules._errors import rendered
from tajimi_rules._light import _meaning as quick_meaning
from tajimi_rules._texts import PROBLEM_CODES
from tajimi_rules._texts import text as tr_text
from tajimi_rules.documents import _meaning
from tajimi_rules.documents._jsonio import DEFAULT_MAX_BYTES, read_json
from tajimi_rules.documents._meaning import current_fiscal_year, mixed_script
from tajimi_rules.documents._schemas import Kind, did_you_mean, ecma_pattern, schema, schema_problems
from tajimi_rules.documents._validate import detect_kind, validate, validated

from .conftest import run_cli as run

ROOT = Path(__file__).resolve().parent.parent
BROKEN = Path(__file__).resolve().parent / "broken"
EXPECTED: dict[str, dict[str, Any]] = json.loads((BROKEN / "expected.json").read_text("utf-8"))
RULESETS = ROOT / "src" / "tajimi_rules" / "rulesets"


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


def today_of(entry: dict[str, Any]) -> datetime.date | None:
    """The date a corpus entry is checked on, where its problem depends on the date."""
    return datetime.date.fromisoformat(entry["today"]) if "today" in entry else None


def fix_today(monkeypatch: pytest.MonkeyPatch, today: datetime.date | None) -> None:
    """Make the command line check fiscal years against ``today`` instead of the clock."""
    if today is not None:
        real = _meaning.current_fiscal_year
        # The full checks and the quick one each look the year up in their own module.
        for module in (_meaning, quick_meaning):
            monkeypatch.setattr(module, "current_fiscal_year", lambda _today=None: real(today))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_gives_its_problem_with_pointer(name: str) -> None:
    """Each broken file gives the recorded problem code at the recorded pointer (or line/column)."""
    entry = EXPECTED[name]
    problems = validate(BROKEN / name, max_bytes=entry.get("max_bytes", DEFAULT_MAX_BYTES), today=today_of(entry))
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
def test_broken_file_exits_one_without_traceback(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line exits 1 on each broken file, reports the problem in JSON, and prints no traceback."""
    entry = EXPECTED[name]
    fix_today(monkeypatch, today_of(entry))
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
def test_whole_corpus_in_one_run(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """One run over the corpus directory counts every file, invalid file, error and warning, and exits 1."""
    today = datetime.date(2026, 11, 26)
    fix_today(monkeypatch, today)
    files = sorted(path for path in BROKEN.rglob("*.json"))
    results = [validated(path, need_value=False, today=today) for path in files]
    invalid = sum(not result.ok for result in results)
    errors = sum(len(result.errors) for result in results)
    warnings = sum(len(result.problems) - len(result.errors) for result in results)
    # Only the file meant for a small --max-bytes is valid at the default limit; expected.json has no kind.
    valid = [path.name for path, result in zip(files, results, strict=True) if result.ok]
    assert valid == [name for name, entry in EXPECTED.items() if "max_bytes" in entry]
    status, stdout, stderr = run("validate", str(BROKEN), "--lang", lang)
    assert (status, stderr) == (1, "")
    summary = stdout.splitlines()[-1]
    if lang == "ja":
        assert summary == (
            f"{len(files)}ファイル: 有効 {len(valid)}、無効 {invalid}（エラー {errors}、警告 {warnings}）"
        )
    else:
        assert summary.startswith(f"{len(files)} files: {len(valid)} valid, {invalid} invalid ({errors} errors, ")
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
    """Each schema has an $id, a title, a description, valid examples, and titled or described definitions."""
    document = schema(kind)
    assert str(document["$id"]).startswith("urn:tajimi-rules:schema:")
    assert document["title"] and document["description"]
    for name, definition in document["$defs"].items():
        assert "title" in definition or "description" in definition, name
    examples = list(_examples(document, ""))
    assert len(examples) >= 3
    for where, node in examples:
        assert isinstance(node["examples"], list) and node["examples"], where
        # Each example is valid where it stands, so an editor offers only values that validate.
        check = jsonschema.Draft202012Validator({**node, "$defs": document["$defs"]})
        for value in node["examples"]:
            assert not list(check.iter_errors(value)), (where, value)


def _examples(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every subschema holding the ``examples`` keyword (not a property of that name), with its place."""
    if isinstance(node, dict):
        if "examples" in node:  # walked through schema positions only, so this is the keyword
            yield where, node
        for key, child in node.items():
            if key in ("properties", "$defs"):
                for name, sub in child.items():
                    yield from _examples(sub, f"{where}/{key}/{name}")
            elif key in ("items", "additionalProperties", "not"):
                yield from _examples(child, f"{where}/{key}")
            elif key in ("anyOf", "oneOf", "allOf", "prefixItems"):
                for index, sub in enumerate(child):
                    yield from _examples(sub, f"{where}/{key}/{index}")


def test_no_network_access(monkeypatch: pytest.MonkeyPatch) -> None:
    """Validating documents whose $schema and $ref name URLs attempts no connection at all."""
    attempts: list[object] = []

    def record(*args: object, **_kwargs: object) -> None:
        attempts.append(args)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket, "create_connection", record)
    monkeypatch.setattr(socket.socket, "connect", record)
    monkeypatch.setattr(socket, "getaddrinfo", record)
    # The interception works: a fetch of the URL the documents name would be recorded.
    with pytest.raises(OSError, match="no network in this test"):
        urllib.request.urlopen("http://example.com/evaluation.schema.json", timeout=1)
    assert attempts
    attempts.clear()
    value = example()
    value["$schema"] = "http://example.com/other.schema.json"
    value["categories"][0]["$ref"] = "http://example.com/categories.json#/0"
    problems = validate(value, kind="evaluation")
    assert codes(problems) == [("document.remote_ref", "/categories/0/$ref"), ("document.unknown_schema", "/$schema")]
    for name in ("remote-ref.json", "nested-remote-ref.json"):
        assert "document.remote_ref" in {p.code for p in validate(BROKEN / name)}
    assert attempts == []


# Input that once stalled or crashed ------------------------------------------------------


def example_bytes(old: str, new: str) -> bytes:
    """The example's bytes with the first ``old`` replaced by ``new``."""
    text = (ROOT / "examples" / "tajimi-r4.json").read_text("utf-8")
    assert old in text
    return text.replace(old, new, 1).encode()


@pytest.mark.parametrize("number", ["1e-99999999", "1e-5000", "0.5e-41", "1e25", "0e99999999"])
def test_numbers_beyond_any_rate_or_count_are_refused(number: str) -> None:
    """A number with a huge exponent or too many digits is a problem at its pointer, not minutes of arithmetic."""
    # The item is advanced: a tiny rate would first be graded, then worded in a message.
    data = example_bytes('"national_rate": 0.092', f'"national_rate": {number}')
    assert codes(validate(data)) == [("json.number_range", "/categories/1/items/0/national_rate")]
    value, problems = read_json(data)
    assert value is None and problems[0].found == number


def test_tiny_rate_against_the_grading_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    """A rate of 1e-5000 on an item whose level it contradicts exits 1 with a problem, not an internal error."""
    path = tmp_path / "tiny.json"
    data = example_bytes('"national_rate": 0.092', '"national_rate": 1e-5000')
    path.write_bytes(data.replace(b'"level": "advanced"', b'"level": "standard"', 2))
    status, stdout, stderr = run("validate", str(path))
    assert (status, stderr) == (1, "")
    assert "json.number_range" not in stdout and "national_rate: number 1e-5000" in stdout


def test_exactly_forty_places_are_read() -> None:
    """A rate written with 40 decimal places is still read, exactly."""
    rate = "0." + "0" * 39 + "1"
    value, problems = read_json(example_bytes('"national_rate": 0.092', f'"national_rate": {rate}'))
    assert problems == []
    assert str(value["categories"][1]["items"][0]["national_rate"]) == "1E-40"


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ('"level": "needs_review"', '"level": "\\ud800"', "/categories/0/items/0/level"),
        ('"code": "212041"', '"code": "212041", "\\udc00": 1', "/municipality"),
        ('"name": "多治見市"', '"name": "多治見\\ud800市"', "/municipality/name"),
    ],
)
def test_lone_surrogates_are_problems(old: str, new: str, where: str) -> None:
    """A string or key holding a lone surrogate escape is a problem at its pointer; every output prints it."""
    data = example_bytes(old, new)
    assert codes(validate(data)) == [("json.surrogate", where)]
    for argv in (["validate"], ["validate", "--format", "json"], ["check"], ["check", "--format", "json"]):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "surrogate.json"
            path.write_bytes(data)
            status, stdout, stderr = run(*argv, str(path))
        assert status == (2 if argv[0] == "check" else 1), argv
        (stdout + stderr).encode("utf-8")  # printable: no surrogate reaches the streams
        assert "surrogate" in stdout + stderr, argv


def test_surrogate_pairs_are_characters() -> None:
    """An escaped surrogate pair is one character, and an escaped backslash before u is plain text."""
    value, problems = read_json(b'{"a": "\\ud83d\\ude00", "b": "\\\\ud800"}')
    assert problems == []
    assert value == {"a": "\U0001f600", "b": "\\ud800"}


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


@needs_fifo
def test_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    """A named pipe, given or found in a directory, is a problem; it is never opened."""
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    assert codes(validate(fifo)) == [("file.not_regular", "")]
    status, stdout, _ = run("validate", str(tmp_path))
    assert status == 1
    assert f"{fifo}#: is a fifo, not a regular file" in stdout
    status, _, stderr = run("check", str(fifo))
    assert status == 2
    assert "not a regular file" in stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_endless_device_is_refused() -> None:
    """/dev/zero is a problem (not a regular file), not an attempt to read it all."""
    assert codes(validate("/dev/zero")) == [("file.not_regular", "")]


def test_file_growing_past_the_limit_is_refused_after_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading stops one byte past the limit, whatever size the file claimed when measured."""
    path = tmp_path / "grows.json"
    path.write_bytes((ROOT / "examples" / "tajimi-r4.json").read_bytes())
    real_stat = Path.stat

    def small(self: Path, **kwargs: Any) -> os.stat_result:
        status = real_stat(self, **kwargs)
        if self != path:
            return status
        fields = list(status)
        fields[6] = 10  # st_size as it was when measured
        return os.stat_result(fields)

    monkeypatch.setattr(Path, "stat", small)
    problems = validate(path, max_bytes=1000)
    assert codes(problems) == [("file.too_large", "")]
    assert problems[0].found == "more than 1,000 bytes"


def test_path_errors_are_problems(tmp_path: Path) -> None:
    """A name too long for the system and a symbolic-link loop are unreadable files, not crashes."""
    long_name = str(tmp_path / ("a" * 300 + ".json"))
    problems = validate(long_name)
    assert codes(problems) == [("file.unreadable", "")]
    assert "File name too long" in problems[0].message
    loop = tmp_path / "loop.json"
    loop.symlink_to(tmp_path / "other.json")
    (tmp_path / "other.json").symlink_to(loop)
    looped = validate(loop)
    assert codes(looped) == [("file.unreadable", "")], "a loop exists: it is not 'no such file'"
    assert codes(validate(tmp_path / "absent.json")) == [("file.missing", "")]
    for argv in (
        ["validate", long_name],
        ["check", long_name],
        ["check", str(ROOT / "examples" / "tajimi-r4.json"), "--rules", long_name],
        ["validate", str(ROOT / "examples" / "tajimi-r4.json"), "--rules", long_name.removesuffix(".json")],
    ):
        status, stdout, stderr = run(*argv)
        assert status == (1 if argv[:2] == ["validate", long_name] else 2), argv
        assert "File name too long" in stdout + stderr, argv
        assert "internal error" not in stderr


def test_unlistable_directory_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A directory that cannot be listed is reported as unreadable, not as holding no .json file."""
    hidden = tmp_path / "hidden"
    hidden.mkdir()
    real_scandir = os.scandir

    def refuse(path: Any = ".") -> Any:
        if os.fspath(path) == str(hidden):
            raise PermissionError(13, "Permission denied", str(hidden))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    status, stdout, stderr = run("validate", str(hidden))
    assert (status, stderr) == (1, "")
    assert f"{hidden}#: cannot list the directory: Permission denied" in stdout
    assert "no .json file" not in stdout


# The rule set's item grading, on the rate it names ------------------------------------------


def prefecture_rules() -> dict[str, Any]:
    """tajimi-r4 grading items on the prefecture rate instead of the national one."""
    rules: dict[str, Any] = json.loads((RULESETS / "tajimi-r4.json").read_text("utf-8"))
    rules["id"] = "tajimi-r4-prefecture"
    rules["item_grading"]["rate"] = "prefecture"
    return rules


@pytest.mark.parametrize(
    ("national", "prefecture", "by_prefecture", "by_national"),
    [
        (Decimal("0.092"), "40/42", True, False),
        ("60%", "1/42", False, True),
        ("60%", None, False, True),
    ],
)
def test_grading_on_the_prefecture_rate(
    national: Any, prefecture: str | None, by_prefecture: bool, by_national: bool
) -> None:
    """With a prefecture grading the prefecture rate decides, in the quick and the full check alike."""
    value = example()
    item = value["categories"][1]["items"][0]  # advanced: implemented and rare
    assert (item["level"], item["implemented"]) == ("advanced", True)
    item["national_rate"] = national
    if prefecture is not None:
        item["prefecture_rate"] = prefecture
    contradiction = [("item.level_contradicts_grading", "/categories/1/items/0/level")]
    for rules, flagged, named in (
        (prefecture_rules(), by_prefecture, "prefecture rate 20/21"),
        (None, by_national, "national rate 3/5"),
    ):
        quick = validate(value, rules=rules)
        full = list(validated(value, rules=rules, need_value=True).problems)
        assert quick == full
        assert codes(quick) == (contradiction if flagged else [])
        if flagged:
            assert f"{named} is common" in quick[0].message
            assert ("県内実施率" if rules else "全国実施率") in quick[0].text("ja")


# One fact, one problem -----------------------------------------------------------------------


def test_counts_short_of_items_reported_once() -> None:
    """Items outnumbering one level's count give one problem there, not a second one on the items."""
    value = example()
    category = value["categories"][0]
    category["counts"] = {"advanced": 1, "standard": 0, "needs_review": 1, "behind": 0}
    first, second = copy.deepcopy(category["items"][0]), copy.deepcopy(category["items"][0])
    for index, item in enumerate((first, second)):
        item.update(id=f"item-{index}", level="advanced", implemented=True)
        item.pop("national_rate", None)
    category["items"] = [first, second]
    assert codes(validate(value)) == [("counts.mismatch", "/categories/0/counts/advanced")]


def test_items_of_unknown_level_still_bounded_by_counts() -> None:
    """Items known only as implemented still cannot outnumber the implemented counts."""
    value = example()
    category = value["categories"][0]
    category["counts"] = {"advanced": 1, "standard": 0, "needs_review": 1, "behind": 0}
    items = []
    for index in range(2):
        item = copy.deepcopy(category["items"][0])
        item.update(id=f"item-{index}", implemented=True)
        item.pop("level", None)
        item.pop("national_rate", None)
        items.append(item)
    category["items"] = items
    assert codes(validate(value)) == [("counts.mismatch", "/categories/0/items")]


# Types named as JSON names them --------------------------------------------------------------


def test_tuples_and_mappings_are_arrays_and_objects() -> None:
    """A mapping given with tuples and read-only mappings validates as the same JSON would."""
    value = example()
    value["categories"] = tuple(value["categories"])
    value["municipality"] = MappingProxyType(value["municipality"])
    assert validate(value) == []
    value["categories"] = {"a"}
    problems = validate(value)
    assert problems[0].message == "expected array, found set"


# Names shown, not obeyed ----------------------------------------------------------------------


def test_control_characters_are_shown_not_obeyed(tmp_path: Path) -> None:
    """Escape sequences in names reach the terminal as visible escapes in check and validate output."""
    path = tmp_path / "ansi.json"
    path.write_bytes(example_bytes('"name": "多治見市"', '"name": "多治見\\u001b[2J市\\u202e"'))
    status, stdout, _ = run("check", str(path))
    assert status == 1
    assert "\x1b" not in stdout and "\u202e" not in stdout
    assert "多治見\\x1b[2J市\\u202e (212041)" in stdout
    path.write_bytes(example_bytes('"code": "212041"', '"code": "212041", "na\\u001bme": 1'))
    status, stdout, _ = run("validate", str(path))
    assert status == 1
    assert "\x1b" not in stdout
    assert "/municipality/na\\x1bme" in stdout


# Every kind through one pipeline -------------------------------------------------------------


def test_shipped_catalog_validates_as_a_catalog() -> None:
    """The shipped catalog is told a catalog by its $schema and is valid; the command line exits 0."""
    catalog = ROOT / "src" / "tajimi_rules" / "catalogs" / "r4.json"
    result = validated(catalog)
    assert (result.kind, result.problems) == ("catalog", ())
    assert isinstance(result.value, tr.model.Catalog)
    status, stdout, stderr = run("validate", str(catalog))
    assert (status, stderr) == (0, "")
    assert stdout.splitlines()[-1].startswith("1 file: 1 valid, 0 invalid")


def test_catalog_told_by_shape_and_by_kind() -> None:
    """A catalog without $schema is told by its answer vocabulary; --kind catalog is accepted."""
    value = json.loads((ROOT / "src" / "tajimi_rules" / "catalogs" / "r4.json").read_text("utf-8"))
    del value["$schema"]
    assert detect_kind(value) == "catalog"
    assert validate(value) == []
    status, _, _ = run("validate", "--kind", "catalog", str(ROOT / "examples" / "tajimi-r4.json"))
    assert status == 1


def test_every_kind_has_its_schema_and_model() -> None:
    """The table of kinds names each kind's schema id (from its schema file) and model class."""
    assert list(tr.documents.KINDS) == ["evaluation", "ruleset", "catalog", "layout", "overlay"]
    for name, kind in tr.documents.KINDS.items():
        assert kind.schema_id == schema(name)["$id"]
        assert detect_kind({"$schema": kind.schema_id}) == name
        assert detect_kind({"$schema": f"../schemas/{kind.schema_file}"}) == name
    assert tr.documents.KINDS["catalog"].model is tr.model.Catalog


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_reported_code_has_its_texts(name: str) -> None:
    """Every problem the corpus gives is written from the text table, in English and Japanese."""
    entry = EXPECTED[name]
    for problem in validate(BROKEN / name, max_bytes=entry.get("max_bytes", DEFAULT_MAX_BYTES), today=today_of(entry)):
        assert problem.code in PROBLEM_CODES
        assert problem.message == tr_text(problem.code, "en", **rendered(problem.fields, "en"))
        assert problem.message_ja == tr_text(problem.code, "ja", **rendered(problem.fields, "ja"))


def test_expected_and_found_are_worded_in_the_language_asked() -> None:
    """Expected and found parts that are wording come out in Japanese when Japanese is asked for."""
    (problem,) = validate({"survey": {}, "municipality": {}, "categories": []}, kind="evaluation")[:1]
    assert problem.text().endswith("(expected key 'code', found no such key)")
    ja = problem.text("ja")
    assert "期待: キー" in ja and "実際: キーがない" in ja
    assert "expected" not in ja and "found" not in ja


def test_problems_are_reported_relative_and_located_by_the_walker() -> None:
    """A problem reported at a value is moved under the path the walker descended."""
    problem = tr.Problem(code="json.empty", pointer="/id")
    assert problem.within("categories", 2).pointer == "/categories/2/id"
    assert problem.within().pointer == "/id"
    assert problem.within("a/b").pointer == "/a~1b/id"


def test_check_digit_is_one_problem_wherever_the_code_sits() -> None:
    """The check-digit problem is written once, at the code, and placed by whoever found it."""
    (bare,) = _meaning.code_problems("212040")
    assert (bare.code, bare.pointer, bare.expected) == ("municipality.check_digit", "", "212041")
    document = example()
    document["municipality"]["code"] = "212040"
    (problem,) = validate(document)
    assert problem == bare.within("municipality", "code")


@pytest.mark.parametrize("limit", ["1000000000000000", "99999999999999999999"])
def test_a_huge_size_limit_reads_the_file_by_its_size(limit):
    """``--max-bytes`` far beyond memory (or any index) reads the file as it is: no memory reserved for the limit."""
    result = run("validate", str(ROOT / "examples" / "tajimi-r4.json"), "--max-bytes", limit)
    assert result.status == 0, result.stderr


def test_a_path_with_a_nul_byte_is_a_problem():
    """A path no file can have (it holds a NUL byte) is a problem, not a ``ValueError``."""
    (problem,) = tr.validate("exa\0mple.json")
    assert problem.code == "file.unreadable"
