"""Batch runs: from answers to every body's evaluation, summaries, ranks, atomic output.

The national tests run a generated data set of all 1,788 bodies through ``tajimi-rules batch``
twice (long CSV and wide .xlsx) and check every output file against the JSON Schema and
against an independent computation written here in plain integers.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import unicodedata
from collections import Counter, defaultdict
from fractions import Fraction
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import tajimi_rules as tr
import tajimi_rules.survey._output as output_module
from tests.synthetic import synthetic_answers, write_long_csv, write_wide_xlsx

from .conftest import EXAMPLE
from .conftest import run_cli as _run

OUTPUT_FILES = [
    ".tajimi-rules-batch.json",
    "evaluations",
    "national.csv",
    "rates.csv",
    "schemas",
    "summary.csv",
    "summary.xlsx",
]
"""What a batch run writes (openpyxl is installed for the tests)."""

RANK = {"advanced": 3, "good": 2, "partly_deficient": 1, "deficient": 0}


def _package_json(*parts: str) -> Any:
    return json.loads(files("tajimi_rules").joinpath(*parts).read_text("utf-8"))


# -- the independent computation ---------------------------------------------------------------


def _normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


def _practised(a: int, s: int, r: int, b: int) -> str | None:
    """The practised Tajimi reading, in integers: first match of advanced, good, deficient, partly."""
    n, done, undone = a + s + r + b, a + s, r + b
    if n == 0:
        return None
    if 3 * done >= 2 * n and done and 3 * a >= 2 * done:
        return "advanced"
    if 3 * done >= 2 * n:
        return "good"
    if 3 * undone >= n and undone and 3 * b >= 2 * undone:
        return "deficient"
    if 3 * undone >= n:
        return "partly_deficient"
    return None


def _peers(code: str) -> str:
    return "prefectural_governments" if code[2:5] == "000" else "municipalities"


def _independent(csv_path: Path) -> dict[str, Any]:
    """Rates, levels, counts, ratings and ranks recomputed from the CSV and the data files alone."""
    catalog = _package_json("catalogs", "r4.json")
    rules = _package_json("rulesets", "tajimi-r4.json")
    ((comparison, threshold),) = rules["item_grading"]["common"].items()
    assert (comparison, rules["item_grading"]["rate"]) == ("at_least", "national")
    p, q = (int(part) for part in threshold.split("/"))
    meaning = {
        _normalize(text): {"implemented": True, "not_implemented": False, "not_answered": None}[kind]
        for kind, texts in catalog["answers"].items()
        for text in texts
    }
    answers: dict[str, dict[str, bool | None]] = defaultdict(dict)
    with csv_path.open(encoding="utf-8-sig", newline="") as stream:
        for row in csv.DictReader(stream):
            answers[row["code"]][row["item"]] = meaning[_normalize(row["answer"])]
    # Like with like: municipalities against municipalities (nationally and within their
    # prefecture), prefectural governments (body number 000) against each other.
    done: Counter[tuple[str, str]] = Counter()
    answered: Counter[tuple[str, str]] = Counter()
    bodies: Counter[str] = Counter()
    for code, body in answers.items():
        peers = _peers(code)
        groups = (peers,) if peers == "prefectural_governments" else (peers, code[:2])
        for group in groups:
            bodies[group] += 1
        for item, value in body.items():
            if value is not None:
                for group in groups:
                    answered[group, item] += 1
                    done[group, item] += value
    common = {key: done[key] * q >= p * answered[key] for key in answered}
    levels: dict[tuple[str, str], str] = {}
    cells: dict[tuple[str, str], tuple[int, int, int, int, int, str | None]] = {}
    scores: Counter[str] = Counter()
    for code, body in answers.items():
        for category in catalog["categories"]:
            tally = {"advanced": 0, "standard": 0, "needs_review": 0, "behind": 0}
            for item in category["items"]:
                value = body.get(item["id"])
                if value is None:
                    continue
                is_common = common[_peers(code), item["id"]]
                level = (
                    ("standard" if is_common else "advanced") if value else ("behind" if is_common else "needs_review")
                )
                levels[code, item["id"]] = level
                tally[level] += 1
            a, s, r, b = tally.values()
            rating = _practised(a, s, r, b)
            cells[code, category["id"]] = (a, s, r, b, len(category["items"]) - (a + s + r + b), rating)
            scores[code] += RANK[rating] if rating else 0
    scopes: dict[str, list[int]] = defaultdict(list)
    for code, score in scores.items():
        scopes["prefectures" if code[2:5] == "000" else code[:2]].append(score)
    ranks = {}
    for code, score in scores.items():
        scope = scopes["prefectures" if code[2:5] == "000" else code[:2]]
        ranks[code] = (1 + sum(1 for other in scope if other > score), len(scope))
    return {"done": done, "answered": answered, "bodies": bodies, "levels": levels, "cells": cells,
            "scores": scores, "ranks": ranks}  # fmt: skip


# -- schema validation, with jsonschema directly ----------------------------------------------


class _SchemaCheck:
    """Validates evaluation files against the shipped schema, checking each distinct sub-object once.

    The evaluation schema applies ``#/$defs/category`` to every category and ``#/$defs/item``
    to every item independently (no uniqueItems, contains or prefixItems), so a document is
    valid exactly when its skeleton (categories emptied) is valid, each category (items
    emptied) is valid, each item is valid, and the arrays respect their maxItems. Thousands of
    bodies share the same items, so each distinct one is validated once.
    """

    def __init__(self) -> None:
        schema = json.loads(files("tajimi_rules").joinpath("schemas", "evaluation.schema.json").read_text("utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        self.document = jsonschema.Draft202012Validator(schema)
        self.category = self._part(schema, "category")
        self.item = self._part(schema, "item")
        self.max_categories = schema["properties"]["categories"]["maxItems"]
        self.max_items = schema["$defs"]["category"]["properties"]["items"]["maxItems"]
        self.seen: set[str] = set()
        self.checked = 0

    @staticmethod
    def _part(schema: dict[str, Any], name: str) -> jsonschema.Draft202012Validator:
        return jsonschema.Draft202012Validator(
            {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{name}"}
        )

    def _once(self, validator: jsonschema.Draft202012Validator, value: Any) -> None:
        key = repr(value)
        if key not in self.seen:
            self.seen.add(key)
            validator.validate(value)

    def validate(self, document: dict[str, Any]) -> None:
        categories = document["categories"]
        assert len(categories) <= self.max_categories
        for category in categories:
            items = category["items"]
            assert len(items) <= self.max_items
            for item in items:
                self._once(self.item, item)
            self._once(self.category, {**category, "items": []})
        self.document.validate({**document, "categories": []})
        self.checked += 1


# -- the national runs -------------------------------------------------------------------------


def _example_rates() -> dict[str, Fraction]:
    example = json.loads(EXAMPLE.read_text("utf-8"))
    return {
        item["id"]: Fraction(str(item["national_rate"]))
        for category in example["categories"]
        for item in category.get("items", [])
        if "national_rate" in item
    }


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A generated national data set (1,788 bodies) as a long CSV, run through ``batch``."""
    folder = tmp_path_factory.mktemp("national")
    catalog = tr.survey.load_catalog("r4")
    answers = synthetic_answers(catalog, seed=2022, base_rates=_example_rates())
    source = write_long_csv(answers, folder / "answers.csv", encoding="utf-8-sig", seed=7)
    out = folder / "out"
    status, stdout, stderr = _run("batch", str(source), "--catalog", "r4", "--out", str(out))
    return {"answers": answers, "csv": source, "out": out, "status": status, "stdout": stdout,
            "stderr": stderr, "folder": folder}  # fmt: skip


@pytest.fixture(scope="module")
def expected(national: dict[str, Any]) -> dict[str, Any]:
    """The integer oracle's results for the national data set."""
    return _independent(national["csv"])


def _summary(out: Path) -> list[dict[str, str]]:
    with (out / "summary.csv").open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def test_national_csv_run_writes_every_file(national: dict[str, Any]):
    """The national run succeeds quietly (no terminal) and writes 1,788 evaluations and three tables."""
    assert (national["status"], national["stderr"]) == (0, "")
    out = national["out"]
    assert sorted(p.name for p in out.iterdir()) == OUTPUT_FILES
    assert len(list((out / "evaluations").iterdir())) == 1788
    assert not [p for p in national["folder"].iterdir() if p.name.startswith(".out.")]


def test_national_evaluations_are_schema_valid_and_agree_with_integers(
    national: dict[str, Any], expected: dict[str, Any]
):
    """Every evaluation file is schema-valid and its levels, counts and ratings match the integer oracle."""
    checker = _SchemaCheck()
    catalog = _package_json("catalogs", "r4.json")
    for path in sorted((national["out"] / "evaluations").iterdir()):
        document = json.loads(path.read_text("utf-8"))
        checker.validate(document)
        code = document["municipality"]["code"]
        assert path.name == f"{code}.json"
        written = {category["id"]: category for category in document["categories"]}
        for category in catalog["categories"]:
            a, s, r, b, _unanswered, rating = expected["cells"][code, category["id"]]
            if a + s + r + b == 0:
                assert category["id"] not in written
                continue
            found = written[category["id"]]
            assert found["counts"] == {"advanced": a, "standard": s, "needs_review": r, "behind": b}
            assert found.get("computed_rating") == rating
            assert "stated_rating" not in found
            for item in found["items"]:
                assert item["level"] == expected["levels"][code, item["id"]]
                written_rate = Fraction(str(item["national_rate"]))
                key = (_peers(code), item["id"])
                assert written_rate == Fraction(expected["done"][key], expected["answered"][key])
                assert "prefecture_rate" not in item
    assert checker.checked == 1788


def test_national_summary_agrees_with_integers(national: dict[str, Any], expected: dict[str, Any]):
    """summary.csv has every body x category with the oracle's counts, rating, score and rank."""
    rows = _summary(national["out"])
    assert len(rows) == 1788 * 16
    for row in rows:
        code = row["code"]
        a, s, r, b, unanswered, rating = expected["cells"][code, row["category"]]
        assert (int(row["advanced"]), int(row["standard"]), int(row["needs_review"]), int(row["behind"])) == (
            a,
            s,
            r,
            b,
        )
        assert (int(row["n"]), int(row["unanswered"]), row["rating"] or None) == (a + s + r + b, unanswered, rating)
        assert int(row["score"]) == expected["scores"][code]
        assert (int(row["rank"]), int(row["rank_of"])) == expected["ranks"][code]
        assert row["rank_scope"] == ("prefectures" if code[2:5] == "000" else "prefecture")


def test_national_distribution_and_rates_agree_with_integers(national: dict[str, Any], expected: dict[str, Any]):
    """national.csv counts each category's ratings; rates.csv states every national numerator and denominator."""
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    for (_code, category), cell in expected["cells"].items():
        tally[category][cell[5] or "unrated"] += 1
    with (national["out"] / "national.csv").open(encoding="utf-8-sig", newline="") as stream:
        for row in csv.DictReader(stream):
            assert int(row["bodies"]) == 1788
            for key in ("advanced", "good", "partly_deficient", "deficient", "unrated"):
                assert int(row[key]) == tally[row["category"]][key]
    with (national["out"] / "rates.csv").open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == 114 * (2 + 47)
    assert {(row["scope"], row["bodies"]) for row in rows} == {
        ("national", "municipalities"),
        ("national", "prefectural_governments"),
        *((f"{code:02d}", "municipalities") for code in range(1, 48)),
    }
    for row in rows:
        group = row["bodies"] if row["scope"] == "national" else row["scope"]
        rate_key = (group, row["item"])
        done, answered = expected["done"][rate_key], expected["answered"][rate_key]
        assert (int(row["implemented"]), int(row["answered"]), int(row["unanswered"])) == (
            done,
            answered,
            expected["bodies"][group] - answered,
        )
        assert row["fraction"] == f"{done} / {answered}"
        assert abs(Fraction(row["rate"]) - Fraction(done, answered)) <= Fraction(1, 2 * 10**6)


def test_national_xlsx_run_writes_the_same_files(national: dict[str, Any]):
    """The same answers as a wide .xlsx (other answer spellings) give byte-identical output files."""
    pytest.importorskip("openpyxl")
    folder = national["folder"]
    workbook, mapping = write_wide_xlsx(national["answers"], folder / "answers.xlsx", folder / "mapping.json", seed=99)
    out = folder / "out-xlsx"
    status, _stdout, stderr = _run(
        "batch", str(workbook), "--mapping", str(mapping), "--catalog", "r4", "--out", str(out)
    )
    assert (status, stderr) == (0, "")
    for name in ("summary.csv", "national.csv", "rates.csv"):
        assert (out / name).read_bytes() == (national["out"] / name).read_bytes()
    csv_files = sorted((national["out"] / "evaluations").iterdir())
    xlsx_files = sorted((out / "evaluations").iterdir())
    assert [p.name for p in xlsx_files] == [p.name for p in csv_files]
    for left, right in zip(csv_files, xlsx_files, strict=True):
        assert left.read_bytes() == right.read_bytes(), left.name


def test_written_evaluation_checks_clean(national: dict[str, Any]):
    """``check`` on a written evaluation recomputes every stated rating and agrees."""
    report = tr.check(national["out"] / "evaluations" / "212041.json")
    assert report.ok
    assert report.evaluation.municipality.prefecture == "岐阜県"


# -- small data: exact scenarios ---------------------------------------------------------------

SMALL_CATALOG = {
    "id": "small",
    "survey": {"title": "test survey", "fiscal_year": 2023},
    "answers": {"implemented": ["済"], "not_implemented": ["未"], "not_answered": [""]},
    "categories": [
        {"id": "c1", "group": {"ja": "群"}, "name": {"ja": "一"}, "items": [{"id": "x", "name": {"ja": "X"}}]},
        {"id": "c2", "group": {"ja": "群"}, "name": {"ja": "二"}, "items": [{"id": "y", "name": {"ja": "Y"}}]},
    ],
}


def _code(first_five: str) -> str:
    return first_five + str(tr.survey.check_digit(first_five))


GIFU = [_code(f"21{n}") for n in ("201", "202", "203", "204")]
AICHI = [_code("23201"), _code("23202")]


def _small_csv(rows: list[tuple[str, str, str]]) -> bytes:
    return ("code,item,answer\n" + "".join(f"{c},{i},{a}\n" for c, i, a in rows)).encode()


SMALL_ROWS = [
    (GIFU[0], "x", "済"), (GIFU[0], "y", "済"),
    (GIFU[1], "x", "済"), (GIFU[1], "y", "済"),
    (GIFU[2], "x", "未"), (GIFU[2], "y", "済"),
    (GIFU[3], "x", "未"), (GIFU[3], "y", "未"),
]  # fmt: skip


def _small_batch(rules: Any = "tajimi-r4", rows: list[tuple[str, str, str]] = SMALL_ROWS) -> tr.survey.Batch:
    answers = tr.survey.read_long_csv(_small_csv(rows), tr.survey.load_catalog(SMALL_CATALOG))
    assert answers.problems == ()
    return tr.survey.evaluate_answers(answers, rules)


def test_rates_are_exact_with_unanswered_excluded_and_counted():
    """Rates are implemented/answered exactly; a blank answer leaves the denominator and is counted."""
    rows = [*SMALL_ROWS[:-1], (GIFU[3], "y", "")]
    rates = tr.survey.compute_rates(tr.survey.read_long_csv(_small_csv(rows), tr.survey.load_catalog(SMALL_CATALOG)))
    assert rates.national_rate("x") == tr.survey.ItemRate(implemented=2, answered=4, unanswered=0)
    assert rates.national_rate("y") == tr.survey.ItemRate(implemented=3, answered=3, unanswered=1)
    assert rates.national_rate("y").rate == Fraction(1)
    assert rates.prefecture_rate("21", "x").text() == "2/4"


def test_threshold_edge_is_what_the_rule_set_says():
    """At exactly 1/2, at_least makes an item common (standard) and more_than keeps it rare (advanced)."""
    at_least = _small_batch()
    assert at_least.results[0].evaluation.categories[0].items[0].level is tr.Level.STANDARD
    data = _package_json("rulesets", "tajimi-r4.json")
    data["item_grading"]["common"] = {"more_than": "1/2"}
    more_than = _small_batch(tr.documents.parse_rules(data))
    assert more_than.results[0].evaluation.categories[0].items[0].level is tr.Level.ADVANCED


def test_rank_is_competition_ranking_of_scores():
    """Scores 4, 4, 2, 0 in one prefecture rank 1, 1, 3, 4 (ties share, the next rank skips)."""
    batch = _small_batch()
    assert [(r.score, r.rank, r.rank_of, r.rank_scope) for r in batch.results] == [
        (4, 1, 4, "prefecture"),
        (4, 1, 4, "prefecture"),
        (2, 3, 4, "prefecture"),
        (0, 4, 4, "prefecture"),
    ]


def test_prefectural_governments_rank_among_themselves():
    """A prefectural government (body number 000) is ranked among prefectures, not its municipalities."""
    rows = [*SMALL_ROWS, (_code("21000"), "x", "未"), (_code("21000"), "y", "未"), (_code("23000"), "x", "済")]
    batch = _small_batch(rows=rows)
    ranks = {r.body.code: (r.rank, r.rank_of, r.rank_scope) for r in batch.results}
    assert ranks[_code("21000")] == (2, 2, "prefectures")
    assert ranks[_code("23000")] == (1, 2, "prefectures")
    assert ranks[GIFU[0]] == (1, 4, "prefecture")


def test_prefectural_rate_basis_grades_by_the_prefecture():
    """With ``rate: prefecture`` an item rare nationally but common in the prefecture is standard."""
    rows = [
        (GIFU[0], "x", "済"), (GIFU[1], "x", "済"), (GIFU[2], "x", "未"),
        (AICHI[0], "x", "未"), (AICHI[1], "x", "未"),
    ]  # fmt: skip
    national = _small_batch(rows=rows)
    data = _package_json("rulesets", "tajimi-r4.json")
    data["item_grading"]["rate"] = "prefecture"
    local = _small_batch(tr.documents.parse_rules(data), rows=rows)
    assert national.results[0].evaluation.categories[0].items[0].level is tr.Level.ADVANCED
    assert local.results[0].evaluation.categories[0].items[0].level is tr.Level.STANDARD
    assert local.results[0].evaluation.categories[0].items[0].prefecture_rate == Fraction(2, 3)


def test_rule_set_without_item_grading_is_refused():
    """A rule set that cannot grade items is an invalid document for a batch, pointing at item_grading."""
    data = _package_json("rulesets", "tajimi-r4.json")
    del data["item_grading"]
    with pytest.raises(tr.InvalidDocumentError) as caught:
        _small_batch(tr.documents.parse_rules(data))
    assert caught.value.problems[0].pointer == "/item_grading"


def test_written_text_is_the_converters_output(tmp_path: Path):
    """Every written file reads back equal to ``evaluation_json`` and parses to the same Evaluation."""
    batch = _small_batch()
    tr.survey.write_batch(batch, tmp_path / "out")
    for result in batch.results:
        text = (tmp_path / "out" / "evaluations" / f"{result.body.code}.json").read_text("utf-8")
        relative = "../schemas/evaluation.schema.json"
        assert json.loads(text) == json.loads(json.dumps(tr.survey.evaluation_json(result.evaluation, schema=relative)))
        assert tr.documents.parse_evaluation(json.loads(text)) == result.evaluation


def test_category_with_no_answer_is_left_out():
    """A category whose items are all unanswered is not in the evaluation; its summary has n = 0."""
    rows = [(GIFU[0], "x", "済"), (GIFU[0], "y", ""), (GIFU[1], "y", "未")]
    batch = _small_batch(rows=rows)
    first = batch.results[0]
    assert [c.id for c in first.evaluation.categories] == ["c1"]
    assert first.categories[1] == tr.survey.CategoryResult(id="c2", counts=tr.Counts(), unanswered=1, rating=None)


def test_distribution_counts_bodies_per_rating():
    """``Batch.distribution`` tallies each category's ratings over the bodies."""
    distribution = _small_batch().distribution()
    assert distribution["c1"] == Counter({tr.Rating.GOOD: 2, tr.Rating.DEFICIENT: 2})
    assert distribution["c2"] == Counter({tr.Rating.GOOD: 3, tr.Rating.DEFICIENT: 1})


# -- the command: problems, atomic output, progress -------------------------------------------


def _catalog_file(tmp_path: Path) -> Path:
    path = tmp_path / "small-catalog.json"
    path.write_text(json.dumps(SMALL_CATALOG, ensure_ascii=False), encoding="utf-8")
    return path


def _answers_file(tmp_path: Path, rows: list[tuple[str, str, str]]) -> Path:
    path = tmp_path / "answers.csv"
    path.write_bytes(_small_csv(rows))
    return path


def test_broken_answers_write_nothing_and_name_row_and_column(tmp_path: Path):
    """A bad answer stops the run with status 2; nothing is written; the problem gives line and column."""
    rows = [*SMALL_ROWS[:3], (GIFU[1], "y", "たぶん"), *SMALL_ROWS[4:]]
    source = _answers_file(tmp_path, rows)
    out = tmp_path / "out"
    status, stdout, stderr = _run("batch", str(source), "--catalog", str(_catalog_file(tmp_path)), "--out", str(out))
    assert status == 2
    assert stdout == ""
    assert f"{source}:5:3: " in stderr
    assert "たぶん" in stderr
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.csv", "small-catalog.json"]


def test_keep_going_writes_the_rest(tmp_path: Path):
    """With --keep-going the bad row is left out, the rest is written, and the status is 1."""
    rows = [*SMALL_ROWS[:3], (GIFU[1], "y", "たぶん"), *SMALL_ROWS[4:]]
    source = _answers_file(tmp_path, rows)
    out = tmp_path / "out"
    status, _stdout, stderr = _run(
        "batch",
        str(source),
        "--catalog",
        str(_catalog_file(tmp_path)),
        "--out",
        str(out),
        "--grade-within-observed",
        "--keep-going",
    )
    assert status == 1
    assert ":5:3: " in stderr
    second = json.loads((out / "evaluations" / f"{GIFU[1]}.json").read_text("utf-8"))
    assert [c["id"] for c in second["categories"]] == ["c1"]
    with (out / "problems.csv").open(encoding="utf-8-sig", newline="") as stream:
        (problem,) = list(csv.DictReader(stream))
    assert (problem["line"], problem["column"], problem["code"]) == ("5", "3", "answers.unknown_answer")


def _mark_as_written(folder: Path) -> None:
    """Make ``folder`` look like an earlier batch output (it holds the marker of a finished run)."""
    record = {"written_by": "tajimi-rules batch", "pid": 0, "host": os.uname().nodename}
    (folder / output_module.MARKER).write_text(json.dumps(record), encoding="utf-8")


def test_existing_output_is_kept_unless_replace(tmp_path: Path):
    """A non-empty output directory is refused (status 2, untouched); --replace replaces it whole."""
    source = _answers_file(tmp_path, SMALL_ROWS)
    catalog = str(_catalog_file(tmp_path))
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("old", encoding="utf-8")
    status, _stdout, stderr = _run(
        "batch", str(source), "--catalog", catalog, "--out", str(out), "--grade-within-observed"
    )
    assert status == 2
    assert "not empty" in stderr
    assert [p.name for p in out.iterdir()] == ["old.txt"]
    _mark_as_written(out)  # --replace replaces only what batch wrote
    status, _stdout, _stderr = _run(
        "batch", str(source), "--catalog", catalog, "--out", str(out), "--replace", "--grade-within-observed"
    )
    assert status == 0
    assert sorted(p.name for p in out.iterdir()) == OUTPUT_FILES
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.csv", "out", "small-catalog.json"]


def test_failure_while_writing_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """If writing fails part way, no output and no temporary directory remain; a replaced target survives."""

    def fail(_batch: object, *_args: object) -> str:
        raise OSError("disk full")

    monkeypatch.setattr(output_module, "_rates_csv", fail)
    batch = _small_batch()
    with pytest.raises(OSError, match="disk full"):
        tr.survey.write_batch(batch, tmp_path / "out")
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "kept").mkdir()
    (tmp_path / "kept" / "old.txt").write_text("old", encoding="utf-8")
    _mark_as_written(tmp_path / "kept")
    with pytest.raises(OSError, match="disk full"):
        tr.survey.write_batch(batch, tmp_path / "kept", replace=True)
    assert [p.name for p in tmp_path.iterdir()] == ["kept"]
    assert sorted(p.name for p in (tmp_path / "kept").iterdir()) == [output_module.MARKER, "old.txt"]


def test_write_batch_refuses_a_non_empty_directory(tmp_path: Path):
    """The library raises OutputExistsError (a TajimiRulesError) for a non-empty target."""
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "x").write_text("x", encoding="utf-8")
    with pytest.raises(tr.errors.OutputExistsError):
        tr.survey.write_batch(_small_batch(), tmp_path / "out")


def test_progress_only_on_a_terminal(tmp_path: Path):
    """A terminal gets a progress bar on stderr; a pipe or file gets nothing."""
    source = _answers_file(tmp_path, SMALL_ROWS)
    catalog = str(_catalog_file(tmp_path))
    status, _stdout, stderr = _run(
        "batch", str(source), "--catalog", catalog, "--out", str(tmp_path / "a"), "--grade-within-observed", tty=True
    )
    assert status == 0
    assert "4/4" in stderr
    status, _stdout, stderr = _run(
        "batch", str(source), "--catalog", catalog, "--out", str(tmp_path / "b"), "--grade-within-observed"
    )
    assert (status, stderr) == (0, "")


def test_unknown_catalog_is_a_usage_error(tmp_path: Path):
    """A catalog that does not exist is reported (status 2), and nothing is written."""
    source = _answers_file(tmp_path, SMALL_ROWS)
    status, _stdout, stderr = _run(
        "batch", str(source), "--catalog", str(tmp_path / "nope.json"), "--out", str(tmp_path / "o")
    )
    assert status == 2
    assert "no such file" in stderr
    assert not (tmp_path / "o").exists()


def test_header_only_file_is_a_usage_error(tmp_path: Path):
    """An answers file with no rows writes nothing and exits 2."""
    source = _answers_file(tmp_path, [])
    status, _stdout, stderr = _run(
        "batch", str(source), "--catalog", str(_catalog_file(tmp_path)), "--out", str(tmp_path / "o")
    )
    assert status == 2
    assert "no answers" in stderr
    assert not (tmp_path / "o").exists()


def test_grading_rate_must_be_national_or_prefecture():
    """An item grading on any other rate is refused by the schema, at /item_grading/rate."""
    data = _package_json("rulesets", "tajimi-r4.json")
    data["item_grading"]["rate"] = "county"
    with pytest.raises(tr.InvalidDocumentError) as caught:
        tr.documents.parse_rules(data)
    assert caught.value.problems[0].pointer == "/item_grading/rate"
    with pytest.raises(ValueError, match="national, prefecture"):
        tr.rules.ItemGrading(threshold="1/2", rate="county")


def test_grading_picks_its_rate():
    """``ItemGrading.rate_of`` returns the national or the prefectural rate, as the grading says."""
    national, local = Fraction(1, 5), Fraction(4, 5)
    assert tr.rules.ItemGrading(threshold="1/2").rate_of(national, local) == national
    assert tr.rules.ItemGrading(threshold="1/2", rate="prefecture").rate_of(national, local) == local


def test_rates_compare_municipalities_and_prefectural_governments_apart():
    """A prefectural government is left out of the municipalities' rates; its peers are the prefectural governments."""
    rows = [*SMALL_ROWS, (_code("21000"), "x", "済"), (_code("23000"), "x", "未"), (AICHI[0], "x", "済")]
    rates = tr.survey.compute_rates(tr.survey.read_long_csv(_small_csv(rows), tr.survey.load_catalog(SMALL_CATALOG)))
    assert rates.national_rate("x") == tr.survey.ItemRate(implemented=3, answered=5, unanswered=0)
    assert rates.prefecture_rate("21", "x") == tr.survey.ItemRate(implemented=2, answered=4, unanswered=0)
    assert rates.prefectural_government_rate("x") == tr.survey.ItemRate(implemented=1, answered=2, unanswered=0)
    batch = tr.survey.evaluate_answers(
        tr.survey.read_long_csv(_small_csv(rows), tr.survey.load_catalog(SMALL_CATALOG)), "tajimi-r4"
    )
    items = {r.body.code: r.evaluation.categories[0].items[0] for r in batch.results}
    assert items[_code("21000")].national_rate == Fraction(1, 2)
    assert items[GIFU[0]].national_rate == Fraction(3, 5)


def test_rates_csv_states_scope_and_unreduced_fractions():
    """rates.csv names each row's scope and bodies and writes implemented/answered unreduced."""
    rows = [*SMALL_ROWS, (_code("21000"), "x", "済"), (_code("23000"), "x", "未")]
    batch = tr.survey.evaluate_answers(
        tr.survey.read_long_csv(_small_csv(rows), tr.survey.load_catalog(SMALL_CATALOG)), "tajimi-r4"
    )
    table = list(csv.DictReader(io.StringIO(output_module._rates_csv(batch))))
    found = {(row["item"], row["scope"], row["bodies"]): row["fraction"].replace(" ", "") for row in table}
    assert found == {
        ("x", "national", "municipalities"): "2/4",
        ("y", "national", "municipalities"): "3/4",
        ("x", "national", "prefectural_governments"): "1/2",
        ("y", "national", "prefectural_governments"): "",
        ("x", "21", "municipalities"): "2/4",
        ("y", "21", "municipalities"): "3/4",
    }


def _rules_file(tmp_path: Path, rule_id: str, rate: str) -> Path:
    data = _package_json("rulesets", "tajimi-r4.json")
    data["id"] = rule_id
    data["item_grading"]["rate"] = rate
    path = tmp_path / f"{rule_id}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("rate", ["national", "prefecture"])
def test_output_loads_again_under_the_rule_set_given_by_path(tmp_path: Path, rate: str):
    """Files written under a rule set given by path pass check, diff and report with --rules that path."""
    rows = [*SMALL_ROWS, (AICHI[0], "x", "未"), (AICHI[1], "x", "未"), (_code("21000"), "x", "済")]
    source = _answers_file(tmp_path, rows)
    rules = str(_rules_file(tmp_path, f"local-{rate}", rate))
    out = tmp_path / "out"
    status, _stdout, stderr = _run(
        "batch",
        str(source),
        "--catalog",
        str(_catalog_file(tmp_path)),
        "--rules",
        rules,
        "--out",
        str(out),
        "--grade-within-observed",
    )
    assert (status, stderr) == (0, "")
    for path in sorted((out / "evaluations").iterdir()):
        file = str(path)
        assert _run("check", file, "--rules", rules)[0] == 0, path.name
        assert _run("diff", file, file, "--rules", rules)[0] == 0, path.name
        report = str(tmp_path / f"{path.stem}.md")
        assert _run("report", file, "--rules", rules, "--out", report)[:3:2] == (0, ""), path.name


@pytest.mark.parametrize("where", ["under_a_file", "dangling_link", "current_directory"])
def test_unwritable_output_exits_2_with_one_line_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
):
    """An output directory that cannot be made exits 2 with a one-line message, leaving nothing behind."""
    source = _answers_file(tmp_path, SMALL_ROWS)
    catalog = str(_catalog_file(tmp_path))
    (tmp_path / "afile").write_text("", encoding="utf-8")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere" / "x")
    work = tmp_path / "work"
    work.mkdir()
    (work / "kept.txt").write_text("kept", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    monkeypatch.chdir(work)
    out, extra = {
        "under_a_file": (str(tmp_path / "afile" / "sub"), ()),
        "dangling_link": (str(tmp_path / "dangling"), ()),
        "current_directory": (".", ("--replace",)),
    }[where]
    status, stdout, stderr = _run(
        "batch", str(source), "--catalog", catalog, "--out", out, *extra, "--grade-within-observed"
    )
    assert (status, stdout) == (2, "")
    # The current directory was not written by batch: --replace refuses it before trying.
    said = f"{out}: not a directory tajimi-rules batch wrote" if extra else f"cannot write the output directory {out}: "
    assert stderr.count("\n") == 1 and said in stderr
    assert "nothing written" in stderr and "Traceback" not in stderr
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_failed_write_removes_the_parents_it_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Parent directories created for the output are removed again when writing fails."""

    def fail(_batch: object, *_args: object) -> str:
        raise OSError("disk full")

    monkeypatch.setattr(output_module, "_rates_csv", fail)
    with pytest.raises(OSError, match="disk full"):
        tr.survey.write_batch(_small_batch(), tmp_path / "new" / "deep" / "out")
    assert list(tmp_path.iterdir()) == []


def test_output_directory_has_the_mode_mkdir_gives(tmp_path: Path):
    """The output directory's permissions are 0o777 less the umask, as a plain mkdir makes them."""
    mask = os.umask(0o027)
    try:
        tr.survey.write_batch(_small_batch(), tmp_path / "out")
    finally:
        os.umask(mask)
    assert (tmp_path / "out").stat().st_mode & 0o777 == 0o750


def test_replace_keeps_the_old_directory_until_the_new_one_is_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Replacing renames the old directory aside and the new one in, and only then removes the old one."""
    target = tmp_path / "out"
    target.mkdir()
    (target / "old.txt").write_text("old", encoding="utf-8")
    _mark_as_written(target)
    steps: list[str] = []
    rename, rmtree = Path.rename, shutil.rmtree

    def logged_rename(self: Path, destination: Any) -> Path:
        steps.append(f"rename {self.suffix or self.name} -> {Path(destination).suffix or Path(destination).name}")
        return rename(self, destination)

    def logged_rmtree(path: Any, *args: Any, **kwargs: Any) -> None:
        steps.append(f"remove {Path(path).suffix} holding {sorted(p.name for p in Path(path).iterdir())}")
        rmtree(path, *args, **kwargs)

    monkeypatch.setattr(Path, "rename", logged_rename)
    monkeypatch.setattr(shutil, "rmtree", logged_rmtree)
    tr.survey.write_batch(_small_batch(), target, replace=True)
    assert steps == [
        "rename out -> .old",
        "rename .tmp -> out",
        f"remove .old holding {[output_module.MARKER, 'old.txt']}",
    ]


def test_csv_cells_that_would_run_as_formulas_are_quoted():
    """Text cells starting with =, +, -, @ get a leading quote in the CSV files; plain text is unchanged."""
    rows = [
        (GIFU[0], "x", "済", '=HYPERLINK("http://x")'),
        (GIFU[1], "x", "済", "+1"),
        (GIFU[2], "x", "未", "@SUM(A1)"),
        (GIFU[3], "x", "未", "多治見市"),
    ]
    text = "code,item,answer,name\n" + "".join(
        f'{c},{i},{a},"{n.replace(chr(34), chr(34) * 2)}"\n' for c, i, a, n in rows
    )
    batch = tr.survey.evaluate_answers(
        tr.survey.read_long_csv(text.encode(), tr.survey.load_catalog(SMALL_CATALOG)), "tajimi-r4"
    )
    names = {row["code"]: row["name"] for row in csv.DictReader(io.StringIO(output_module._summary_csv(batch)))}
    assert names == {
        GIFU[0]: '\'=HYPERLINK("http://x")',
        GIFU[1]: "'+1",
        GIFU[2]: "'@SUM(A1)",
        GIFU[3]: "多治見市",
    }
    assert batch.results[0].evaluation.municipality.name == '=HYPERLINK("http://x")'
