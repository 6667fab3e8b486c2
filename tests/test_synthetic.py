"""The synthetic national data set: real prefectures, valid codes, determinism, plausible rates."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from pathlib import Path

import attrs
import pytest

import tajimi_rules as tr
from tests.synthetic import MUNICIPALITIES, synthetic_answers, synthetic_bodies, write_long_csv, write_wide_xlsx


@pytest.fixture(scope="module")
def catalog() -> tr.survey.Catalog:
    """The shipped R4 catalog."""
    return tr.survey.load_catalog("r4")


@pytest.fixture(scope="module")
def answers(catalog: tr.survey.Catalog) -> tr.survey.Answers:
    """One national data set, seed 11."""
    return synthetic_answers(
        catalog, seed=11, base_rates={"csirt": Fraction(4, 5), "qualification-exam-subsidy": 0.092}
    )


def _digit(first_five: str) -> int:
    total = sum(int(d) * w for d, w in zip(first_five, (6, 5, 4, 3, 2), strict=True))
    return (11 - total % 11) % 10


def test_1788_bodies_47_prefectures_1741_municipalities():
    """There are 47 prefectural governments and 1,741 municipalities, every code distinct."""
    bodies = synthetic_bodies()
    assert len(bodies) == 1788
    assert sum(body.is_prefecture for body in bodies) == 47
    assert sum(MUNICIPALITIES.values()) == 1741
    assert len({body.code for body in bodies}) == 1788


def test_prefectures_have_real_codes_and_names():
    """Prefecture codes run 01..47 with their real names (北海道 01, 東京都 13, 岐阜県 21, 沖縄県 47)."""
    governments = {body.code[:2]: body.name for body in synthetic_bodies() if body.is_prefecture}
    assert sorted(governments) == [f"{n:02d}" for n in range(1, 48)]
    assert (governments["01"], governments["13"], governments["21"], governments["47"]) == (
        "北海道",
        "東京都",
        "岐阜県",
        "沖縄県",
    )
    assert Counter(body.prefecture for body in synthetic_bodies())["岐阜県"] == 43


def test_every_code_has_a_valid_check_digit():
    """Each 6-digit code ends in the check digit of its first five (weights 6..2, mod 11)."""
    for body in synthetic_bodies():
        assert len(body.code) == 6
        assert int(body.code[5]) == _digit(body.code[:5]), body.code


def test_same_seed_same_data_other_seed_other_data(catalog: tr.survey.Catalog, answers: tr.survey.Answers):
    """A seed fixes the data; another seed changes it."""
    again = synthetic_answers(
        catalog, seed=11, base_rates={"csirt": Fraction(4, 5), "qualification-exam-subsidy": 0.092}
    )
    assert again == answers
    assert synthetic_answers(catalog, seed=12).answers != answers.answers


def test_rates_are_spread_and_follow_given_bases(answers: tr.survey.Answers):
    """Items range from rare to common, and an item's given base rate is roughly its national rate."""
    rates = tr.survey.compute_rates(answers)
    values = [rate.rate for rate in rates.national]
    assert all(value is not None for value in values)
    common = sum(1 for value in values if value is not None and value >= Fraction(1, 2))
    assert 0.2 * len(values) < common < 0.8 * len(values)
    csirt = rates.national_rate("csirt").rate
    subsidy = rates.national_rate("qualification-exam-subsidy").rate
    assert csirt is not None
    assert subsidy is not None
    assert Fraction(65, 100) < csirt < Fraction(95, 100)
    assert Fraction(2, 100) < subsidy < Fraction(25, 100)


def test_some_answers_are_blank(answers: tr.survey.Answers):
    """A small share of answers is left blank, as in real survey exports."""
    blank = sum(row.count(tr.survey.Answer.NOT_ANSWERED) for row in answers.answers)
    assert 0 < blank < 0.02 * 1788 * 114


def _subset(answers: tr.survey.Answers, size: int) -> tr.survey.Answers:
    return attrs.evolve(answers, bodies=answers.bodies[:size], answers=answers.answers[:size])


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_long_csv_round_trips(tmp_path: Path, catalog: tr.survey.Catalog, answers: tr.survey.Answers, encoding: str):
    """Written as a long CSV in each encoding and read back, the answers are the same."""
    small = _subset(answers, 60)
    path = write_long_csv(small, tmp_path / "a.csv", encoding=encoding)
    back = tr.survey.read_answers(path, catalog)
    assert back.problems == ()
    assert (back.bodies, back.answers) == (small.bodies, small.answers)


def test_wide_xlsx_round_trips(tmp_path: Path, catalog: tr.survey.Catalog, answers: tr.survey.Answers):
    """Written as a wide .xlsx with its mapping and read back, the answers are the same."""
    pytest.importorskip("openpyxl")
    small = _subset(answers, 60)
    workbook, mapping = write_wide_xlsx(small, tmp_path / "a.xlsx", tmp_path / "a.json")
    back = tr.survey.read_answers(workbook, catalog, mapping=mapping)
    assert back.problems == ()
    assert (back.bodies, back.answers) == (small.bodies, small.answers)
