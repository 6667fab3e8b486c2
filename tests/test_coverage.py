"""The real survey end to end: layout init then batch, coverage refused or recorded, published rates, grouping."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections import Counter
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

import tajimi_rules as tr
from tajimi_rules._cli import main
from tajimi_rules._cli._common import Output
from tajimi_rules.survey import (
    NATION,
    Answer,
    Answers,
    coverage_of,
    empty_categories,
    evaluate_answers,
    load_catalog,
    read_published_rates,
)
from tests.mic_workbooks import expected_meanings, write_set
from tests.synthetic import synthetic_bodies

ROOT = Path(__file__).resolve().parent.parent


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _run(*argv: str, tty: bool = False) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), _Terminal() if tty else io.StringIO()
    status = main(list(argv), out=Output(stdout, stderr))
    return status, stdout.getvalue(), stderr.getvalue()


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


# -- the generated MIC-shaped set, through layout init and batch ----------------------------------


@pytest.fixture(scope="module")
def mic(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A generated MIC-shaped zip, drafted with `layout init` and read with `batch --layout`."""
    folder = tmp_path_factory.mktemp("mic")
    written = write_set(folder / "r4.zip", municipalities=30)
    init = _run("layout", "init", str(written.path), "--out", str(folder / "draft"))
    batch = _run(
        "batch",
        str(written.path),
        "--layout",
        str(folder / "draft" / "layout.json"),
        "--catalog",
        str(folder / "draft" / "catalog.json"),
        "--out",
        str(folder / "out"),
        "--grade-within-observed",
    )
    return {"written": written, "folder": folder, "init": init, "batch": batch}


def _oracle_levels(mic: dict[str, Any]) -> dict[tuple[str, str], Counter[str]]:
    """Per (body, sheet), the level counts computed from the generator's own record of the cells.

    Meanings come from the generator's table; trial counts as not implemented and not applicable
    as not answered (the layout's defaults); rates are over each body's peers (municipalities or
    prefectural governments) among those that answered; the threshold is the rule set's.
    """
    grading = json.loads((ROOT / "src/tajimi_rules/rulesets/tajimi-r4.json").read_text("utf-8"))["item_grading"]
    assert list(grading["common"]) == ["at_least"]
    threshold = Fraction(grading["common"]["at_least"])
    answer = {"implemented": True, "not_implemented": False, "trial": False}
    meanings = expected_meanings(mic["written"])
    done: Counter[tuple[bool, tuple[str, str]]] = Counter()
    answered: Counter[tuple[bool, tuple[str, str]]] = Counter()
    for code, row in meanings.items():
        for key, meaning in row.items():
            if meaning in answer:
                peers = code[2:5] == "000"
                answered[peers, key] += 1
                done[peers, key] += answer[meaning]
    levels: dict[tuple[str, str], Counter[str]] = {}
    for code, row in meanings.items():
        peers = code[2:5] == "000"
        for (sheet, header), meaning in row.items():
            tally = levels.setdefault((code, unicodedata.normalize("NFKC", sheet)), Counter())
            if meaning not in answer:
                continue
            common = Fraction(done[peers, (sheet, header)], answered[peers, (sheet, header)]) >= threshold
            implemented = answer[meaning]
            tally[
                {(True, False): "advanced", (True, True): "standard", (False, False): "needs_review"}.get(
                    (implemented, common), "behind"
                )
            ] += 1
    return levels


def test_layout_init_then_batch_gives_the_counts_the_cells_give(mic: dict[str, Any]):
    """`layout init` then `batch --layout` give every body the counts an independent reading of the cells gives."""
    assert mic["init"][0] == 0, mic["init"]
    status, _stdout, stderr = mic["batch"]
    assert status == 0, stderr
    catalog = json.loads((mic["folder"] / "draft" / "catalog.json").read_text("utf-8"))
    sheet_of = {category["id"]: category["name"]["ja"] for category in catalog["categories"]}
    expected = _oracle_levels(mic)
    rows = _rows(mic["folder"] / "out" / "summary.csv")
    assert {row["code"] for row in rows} == set(mic["written"].bodies)
    for row in rows:
        want = expected[row["code"], sheet_of[row["category"]]]
        got = {key: int(row[key]) for key in ("advanced", "standard", "needs_review", "behind")}
        assert got == {key: want[key] for key in got}, (row["code"], row["category"])
        assert row["rates"] == "observed"


def test_the_draft_catalog_names_items_by_the_headers(mic: dict[str, Any]):
    """The draft catalog written by layout init names its items by the sheets' header texts."""
    catalog = json.loads((mic["folder"] / "draft" / "catalog.json").read_text("utf-8"))
    headers = {header for row in mic["written"].cells.values() for _sheet, header in row}
    assert {item["name"]["ja"] for c in catalog["categories"] for item in c["items"]} == headers


def test_the_drafts_validate(mic: dict[str, Any]):
    """`tajimi-rules validate` accepts the drafted layout and catalog."""
    status, stdout, _ = _run("validate", str(mic["folder"] / "draft"))
    assert status == 0 and "2 valid, 0 invalid" in stdout


def test_the_read_is_summarised_and_codes_normalised(mic: dict[str, Any]):
    """`batch` says what it read: totals rows skipped, 5-digit codes completed, lost zeros restored."""
    stderr = mic["batch"][2]
    written = mic["written"]
    sheets = json.loads((mic["folder"] / "draft" / "layout.json").read_text("utf-8"))
    count = sum(len(file["sheets"]) for file in sheets["files"])
    # A totals row in each municipality sheet, a note row in every sheet.
    assert f"skipped {written.totals_rows + count} rows without a code" in stderr
    assert "completed 0 " not in stderr and "restored 0 " not in stderr
    codes = {row["code"] for row in _rows(mic["folder"] / "out" / "summary.csv")}
    assert all(len(code) == 6 and tr.survey.check_digit(code[:5]) == int(code[5]) for code in codes)


def test_without_a_grading_choice_the_partial_set_is_refused(mic: dict[str, Any]):
    """The same set without --rates or --grade-within-observed exits 2 with its coverage, writing nothing."""
    folder = mic["folder"]
    status, stdout, stderr = _run(
        "batch",
        str(mic["written"].path),
        "--layout",
        str(folder / "draft" / "layout.json"),
        "--catalog",
        str(folder / "draft" / "catalog.json"),
        "--out",
        str(folder / "refused"),
    )
    assert (status, stdout) == (2, "")
    assert "77 of 1,788 bodies" in stderr and "nothing written" in stderr
    assert not (folder / "refused").exists()


def test_layout_init_refuses_to_overwrite(mic: dict[str, Any]):
    """`layout init` into a directory holding a draft exits 2 unless --replace."""
    target = str(mic["folder"] / "draft")
    status, _, stderr = _run("layout", "init", str(mic["written"].path), "--out", target)
    assert status == 2 and "--replace" in stderr
    assert _run("layout", "init", str(mic["written"].path), "--out", target, "--replace")[0] == 0


# -- one prefecture: coverage refused, or published rates, or observed ---------------------------


GIFU = tuple(body for body in synthetic_bodies() if body.prefecture_code == "21")


@pytest.fixture
def gifu(tmp_path: Path) -> Path:
    """A long CSV answered by Gifu's 43 bodies only (its 42 municipalities and the prefecture)."""
    assert len(GIFU) == 43
    lines = ["code,name,item,answer"]
    for index, body in enumerate(GIFU):
        lines.append(f"{body.code},{body.name},cio-adviser,{'任命済み' if index % 3 else '未'}")
        lines.append(f"{body.code},{body.name},external-digital-talent,{'導入済み' if index % 2 else '未'}")
    path = tmp_path / "gifu.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_one_prefecture_is_refused_with_its_coverage(gifu: Path, tmp_path: Path):
    """Gifu's answers alone exit 2 with one problem stating the coverage, and nothing is written."""
    out = tmp_path / "out"
    status, stdout, stderr = _run("batch", str(gifu), "--catalog", "r4", "--out", str(out))
    assert (status, stdout) == (2, "")
    assert "43 of 1,788 bodies, 1 of 47 prefectures" in stderr
    assert stderr.count("tajimi-rules:") == 1 and "Traceback" not in stderr
    assert not out.exists()
    _, _, japanese = _run("batch", str(gifu), "--catalog", "r4", "--out", str(out), "--lang", "ja")
    assert "1,788 団体中 43 団体" in japanese and not out.exists()


def test_one_prefecture_with_published_rates_grades_by_them(gifu: Path, tmp_path: Path):
    """With --rates the run succeeds, grades by the published rates, and every output says so."""
    rates = tmp_path / "published.csv"
    rates.write_text(
        "item,population,numerator,denominator,percentage\n"
        "cio-adviser,municipalities,798,1741,\n"
        "external-digital-talent,市区町村,,,10%\n"
        "cio-adviser,prefectures,40,47,\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    status, stdout, _stderr = _run("batch", str(gifu), "--catalog", "r4", "--out", str(out), "--rates", str(rates))
    assert status == 0
    assert "published national rates from" in stdout and "43 of 1,788 bodies" in stdout
    tajimi = json.loads((out / "evaluations" / "212041.json").read_text("utf-8"))
    items = {item["id"]: item for c in tajimi["categories"] for item in c["items"]}
    assert Fraction(items["cio-adviser"]["national_rate"]) == Fraction(798, 1741)
    assert Fraction(str(items["external-digital-talent"]["national_rate"])) == Fraction(1, 10)
    assert "published national rates" in tajimi["categories"][0]["source"]["note"]
    assert {row["rates"] for row in _rows(out / "summary.csv")} == {"published"}
    assert all("published national rates" in row["rates"] for row in _rows(out / "national.csv"))
    national = {(r["item"], r["bodies"]): r for r in _rows(out / "rates.csv") if r["scope"] == "national"}
    cio, talent = national["cio-adviser", "municipalities"], national["external-digital-talent", "municipalities"]
    assert (cio["rate"], cio["fraction"]) == ("0.458357", "798 / 1741")
    assert (talent["rate"], talent["fraction"]) == ("0.1", "1 / 10")
    assert national["cio-adviser", "prefectural_governments"]["source"] == "published"


def test_one_prefecture_graded_within_the_observed_bodies_says_so(gifu: Path, tmp_path: Path):
    """With --grade-within-observed the run succeeds and every output records observed, not national, rates."""
    out = tmp_path / "out"
    status, stdout, _ = _run("batch", str(gifu), "--catalog", "r4", "--out", str(out), "--grade-within-observed")
    assert status == 0 and "not national" in stdout
    tajimi = json.loads((out / "evaluations" / "212041.json").read_text("utf-8"))
    assert "not national" in tajimi["categories"][0]["source"]["note"]
    assert {row["rates"] for row in _rows(out / "summary.csv")} == {"observed"}
    assert {row["source"] for row in _rows(out / "rates.csv")} == {"observed"}


def test_bad_published_rates_are_located_and_nothing_is_written(gifu: Path, tmp_path: Path):
    """A published-rates file with bad rows names each row and column, exits 2, and writes nothing."""
    rates = tmp_path / "published.csv"
    rates.write_text(
        "item,population,numerator,denominator\nnope,municipalities,1,2\ncio-adviser,towns,3,2\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    status, _, stderr = _run("batch", str(gifu), "--catalog", "r4", "--out", str(out), "--rates", str(rates))
    assert status == 2 and not out.exists()
    assert f"{rates}:2:1: " in stderr and f"{rates}:3:2: " in stderr and f"{rates}:3:3: " in stderr


def test_published_rates_read_exactly_from_csv_and_json():
    """Percentages and numerator/denominator are read exactly; JSON rows are located by pointer."""
    catalog = load_catalog("r4")
    rates, problems = read_published_rates(
        b'{"rates": [{"item": "cio-adviser", "population": "all", "percentage": "70.2%"}]}', catalog
    )
    assert problems == [] and rates is not None
    assert rates.rate("cio-adviser", "all") == Fraction(351, 500)
    assert rates.of("cio-adviser", "municipalities") == rates.of("cio-adviser", "all")
    _, problems = read_published_rates(b'[{"item": "cio-adviser", "population": "all", "percentage": 101}]', catalog)
    assert [(p.code, p.pointer) for p in problems] == [("rates.bad_value", "/0/percentage")]


# -- coverage, populations and denominators -------------------------------------------------------


def _answers(bodies: tuple[tr.survey.Body, ...], implemented: set[str]) -> Answers:
    catalog = load_catalog("r4")
    width = len(catalog.items)
    rows = tuple(
        (Answer.IMPLEMENTED if body.code in implemented else Answer.NOT_IMPLEMENTED,)
        + (Answer.NOT_ANSWERED,) * (width - 1)
        for body in bodies
    )
    return Answers(catalog=catalog, bodies=bodies, answers=rows)


def test_the_synthetic_nation_is_covered_and_a_prefecture_is_not():
    """All 1,788 synthetic bodies cover the nation; Gifu's 43 cover 1 of 47 prefectures."""
    everyone = coverage_of(_answers(synthetic_bodies(), set()))
    assert everyone.national and everyone.covers("all") and everyone.bodies == 1788
    gifu = coverage_of(_answers(GIFU, set()))
    assert not gifu.national and (gifu.municipalities, gifu.prefectural_governments, gifu.prefectures) == (42, 1, 1)
    assert gifu.text("en").startswith("43 of 1,788 bodies, 1 of 47 prefectures")
    assert sum(NATION.values()) == 1788


def test_the_library_labels_partial_rates_observed():
    """evaluate_answers never calls rates from partial answers national: its source says observed."""
    batch = evaluate_answers(_answers(GIFU, {GIFU[0].code}), "tajimi-r4")
    assert batch.source is not None and batch.source.kind == "observed" and not batch.source.national


def test_a_grading_may_divide_by_the_whole_population(tmp_path: Path):
    """With denominator population, a rate divides by every municipality of the nation, not those answering."""
    data = json.loads((ROOT / "src/tajimi_rules/rulesets/tajimi-r4.json").read_text("utf-8"))
    data["id"] = "by-population"
    data["item_grading"]["denominator"] = "population"
    data["item_grading"]["population"] = "municipalities"
    rules = tr.documents.parse_rules(data)
    assert rules.item_grading is not None
    assert (rules.item_grading.population, rules.item_grading.denominator) == ("municipalities", "population")
    municipalities = tuple(body for body in GIFU if not body.is_prefecture)
    batch = evaluate_answers(_answers(GIFU, {body.code for body in municipalities}), rules)
    rate = batch.rates.national[0]
    assert (rate.implemented, rate.denominator, rate.rate) == (42, 1741, Fraction(42, 1741))
    governor = next(result for result in batch.results if result.body.is_prefecture)
    item = governor.evaluation.categories[0].items[0]
    assert item.national_rate == Fraction(42, 1741)  # graded by the municipalities' rate, as the rule set says


def test_empty_categories_are_one_warning():
    """Categories no body answered are named in one warning; batch --strict makes it an error."""
    found = empty_categories(_answers(GIFU, set()))
    assert [(p.code, p.severity) for p in found] == [("survey.empty_category", tr.Severity.WARNING)]
    assert "15 of 16 categories" in found[0].text("en")


def test_strict_makes_unmapped_and_empty_errors(gifu: Path, tmp_path: Path):
    """--strict turns the empty-category warning into an error: exit 2, nothing written."""
    out = tmp_path / "out"
    status, _, stderr = _run(
        "batch", str(gifu), "--catalog", "r4", "--out", str(out), "--grade-within-observed", "--strict"
    )
    assert status == 2 and not out.exists() and "--strict" in stderr


# -- problems a person can read ------------------------------------------------------------------


def test_identical_problems_print_as_one_grouped_line(tmp_path: Path):
    """1,788 rows with the same unknown answer print as one line with the count, not 1,788 lines."""
    lines = ["code,item,answer"] + [f"{body.code},cio-adviser,たぶん" for body in synthetic_bodies()]
    source = tmp_path / "answers.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, _, stderr = _run("batch", str(source), "--catalog", "r4", "--out", str(tmp_path / "out"))
    assert status == 2
    problem_lines = [line for line in stderr.splitlines() if not line.startswith(("tajimi-rules:", "warning:"))]
    assert len(problem_lines) == 1 and "1787 more like it" in problem_lines[0]
    assert "1788 problems" in stderr


def test_max_problems_bounds_the_list(tmp_path: Path):
    """--max-problems 1 shows one group and says how many problems were left off."""
    bodies = synthetic_bodies()[:3]
    lines = ["code,item,answer", f"{bodies[0].code},cio-adviser,たぶん", f"{bodies[1].code},nope,未", "12345,x,y"]
    source = tmp_path / "answers.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, _, stderr = _run(
        "batch", str(source), "--catalog", "r4", "--out", str(tmp_path / "out"), "--max-problems", "1"
    )
    assert status == 2
    assert "not shown (the list is bounded at 1)" in stderr


def test_progress_has_phase_labels_on_a_terminal_only(gifu: Path, tmp_path: Path):
    """On a terminal the progress shows reading, rating and writing; on a pipe nothing."""
    argv = ("batch", str(gifu), "--catalog", "r4", "--grade-within-observed", "--out")
    _, _, shown = _run(*argv, str(tmp_path / "a"), tty=True)
    assert all(label in shown for label in ("reading [", "rating [", "writing [", "43/43"))
    _, _, quiet = _run(*argv, str(tmp_path / "b"))
    assert "[" not in quiet


def test_validate_checks_layouts_with_pointers(tmp_path: Path):
    """`tajimi-rules validate` checks a layout: a bad reading name is reported at its JSON pointer."""
    layout = json.loads((ROOT / "src/tajimi_rules/layouts/mic-r4.json").read_text("utf-8"))
    layout["files"][0]["sheets"][0]["items"][0]["reading"] = "nope"
    path = tmp_path / "layout.json"
    path.write_text(json.dumps(layout, ensure_ascii=False), encoding="utf-8")
    status, stdout, _ = _run("validate", str(path))
    assert status == 1 and f"{path}#/files/0/sheets/0/items/0/reading: " in stdout
    assert _run("validate", str(ROOT / "src/tajimi_rules/layouts/mic-r4.json"))[0] == 0
