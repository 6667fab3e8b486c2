"""The columnar batch equals the batch built body by body with objects, and the answers read a piece at a time.

With numpy installed, :func:`~tajimi_rules.survey.evaluate_answers` computes levels, counts, ratings,
scores and ranks as arrays and builds a body's objects only when asked; without it, every body's
objects are built as before. Both must give the same results and write the same bytes, whatever the
answers hold: prefectural governments, answers left blank, bodies that answered a category not at
all or nothing at all, items with no rate to grade them by, overlapping rules left unrated.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

import attrs
import pytest

import tajimi_rules as tr
import tajimi_rules.survey._batch as batch_module
import tajimi_rules.survey._csv as csv_module
from tajimi_rules._texts import Lang
from tajimi_rules.model import Answer
from tajimi_rules.survey import Answers, Batch
from tajimi_rules.survey._batch import ColumnResults
from tajimi_rules.survey._output import MARKER
from tests.synthetic import synthetic_answers, write_long_csv

CATALOG = tr.survey.load_catalog("r4")


def _ruleset(**grading: str) -> tr.RuleSet:
    data = json.loads(files("tajimi_rules").joinpath("rulesets", "tajimi-r4.json").read_text("utf-8"))
    data["item_grading"].update(grading)
    return tr.documents.parse_rules(data)


def _answers(bodies: int = 260, seed: int = 5) -> Answers:
    """Generated answers of the first ``bodies`` bodies (several prefectures), with the edge cases."""
    answers = synthetic_answers(CATALOG, seed=seed, blank=0.05)
    rows = [list(row) for row in answers.answers[:bodies]]
    span = len(CATALOG.categories[0].items)
    if bodies > 7:
        rows[3][:span] = [Answer.NOT_ANSWERED] * span  # a category left blank
        rows[7] = [Answer.NOT_ANSWERED] * len(rows[7])  # nothing answered at all
    for row in rows:  # an item nobody answered: its rate is unknown, so it is graded nowhere
        row[-1] = Answer.NOT_ANSWERED
    return attrs.evolve(answers, bodies=answers.bodies[:bodies], answers=tuple(tuple(row) for row in rows))


def _both(answers: Answers, rules: Any, monkeypatch: pytest.MonkeyPatch, **options: Any) -> tuple[Batch, Batch]:
    columns = tr.survey.evaluate_answers(answers, rules, **options)
    with monkeypatch.context() as patch:
        patch.setattr(batch_module, "available", lambda: False)
        objects = tr.survey.evaluate_answers(answers, rules, **options)
    return columns, objects


def _digests(out: Path) -> dict[str, str]:
    return {
        path.relative_to(out).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(out.rglob("*"))
        if path.is_file() and path.name != MARKER
    }


RULE_SETS: dict[str, Callable[[], Any]] = {
    "first match": lambda: "tajimi-r4",
    "exclusive, with overlaps and a gap": lambda: "tajimi-r4-written",
    "graded by the prefecture's rate": lambda: _ruleset(rate="prefecture"),
    "rates over the population": lambda: _ruleset(denominator="population"),
}


@pytest.mark.parametrize("rules", RULE_SETS.values(), ids=RULE_SETS.keys())
def test_columns_give_every_body_the_object_paths_results(rules: Callable[[], Any], monkeypatch: pytest.MonkeyPatch):
    """Every body's result (evaluation, counts, ratings, score, rank) and the distribution are the object path's."""
    columns, objects = _both(_answers(), rules(), monkeypatch)
    assert isinstance(columns.results, ColumnResults)
    assert not isinstance(objects.results, ColumnResults)
    assert list(columns.results) == list(objects.results)
    assert columns.distribution() == objects.distribution()
    assert columns.results[-1] == objects.results[-1]
    assert columns.results[2:4] == list(objects.results[2:4])


def test_edge_bodies_are_as_stated(monkeypatch: pytest.MonkeyPatch):
    """A blank category has n = 0 and no rating and is left out of the file; a body with no answer has none."""
    columns, _ = _both(_answers(), "tajimi-r4", monkeypatch)
    blank = columns.results[3]
    assert blank.categories[0].counts.total == 0
    assert blank.categories[0].rating is None
    assert blank.categories[0].unanswered == len(CATALOG.categories[0].items)
    assert CATALOG.categories[0].id not in [category.id for category in blank.evaluation.categories]
    assert columns.results[7].evaluation.categories == ()
    assert columns.results[7].score == 0
    assert columns.results[0].body.is_prefecture


def test_published_rates_missing_an_item_leave_it_ungraded_on_both_paths(monkeypatch: pytest.MonkeyPatch):
    """With published rates that lack an answered item, that item is ungraded (unanswered in the counts) alike."""
    rates, problems = tr.survey.read_published_rates(
        b"item,population,percentage\ncio-adviser,municipalities,45.8%\ncio-adviser,prefectures,60%\n", CATALOG
    )
    assert rates is not None and not problems
    columns, objects = _both(_answers(bodies=120), "tajimi-r4", monkeypatch, rates=rates)
    assert list(columns.results) == list(objects.results)
    first = columns.results[5].categories[0]
    assert first.counts.total <= 1  # only cio-adviser has a rate to be graded by


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_both_paths_write_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: Lang):
    """Every file written from the columns is byte for byte the file written from the objects."""
    answers = _answers(bodies=150)
    answers = attrs.evolve(answers, bodies=(attrs.evolve(answers.bodies[4], name='=HYPERLINK("x"),"q"'),
                                            *answers.bodies[5:]), answers=answers.answers[4:])  # fmt: skip
    columns, objects = _both(answers, "tajimi-r4", monkeypatch)
    tr.survey.write_batch(columns, tmp_path / "columns", lang=lang, xlsx=False)
    tr.survey.write_batch(objects, tmp_path / "objects", lang=lang, xlsx=False)
    assert _digests(tmp_path / "columns") == _digests(tmp_path / "objects")
    summary = (tmp_path / "columns" / "summary.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in summary


def test_an_empty_batch_writes_the_tables_alone(tmp_path: Path):
    """No bodies: the columns hold nothing, and the tables are written with their headers."""
    empty = attrs.evolve(_answers(bodies=0), bodies=(), answers=())
    batch = tr.survey.evaluate_answers(empty, "tajimi-r4")
    assert len(batch.results) == 0
    tr.survey.write_batch(batch, tmp_path / "out", xlsx=False)
    assert (tmp_path / "out" / "summary.csv").read_text(encoding="utf-8-sig").count("\n") == 1


# -- reading a piece at a time ------------------------------------------------------------------


def _csv_bytes(answers: Answers, tmp_path: Path, encoding: str = "utf-8-sig") -> bytes:
    return write_long_csv(answers, tmp_path / "answers.csv", encoding=encoding, seed=3).read_bytes()


def test_pieces_of_any_size_read_as_the_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Read in pieces of 7 bytes (lines, multibyte names, CRLF, BOM and a quoted line break across them) or whole."""
    answers = _answers(bodies=12)
    data = _csv_bytes(answers, tmp_path)
    data += f'{answers.bodies[0].code},"cio-\r\nadviser",済\r\n'.encode()  # a quoted field holding a line break
    path = tmp_path / "answers.csv"
    path.write_bytes(data)
    whole = csv_module._read_text(data, None, CATALOG, str(path))
    monkeypatch.setattr(csv_module, "_CHUNK", 7)
    pieces = tr.survey.read_long_csv(path, CATALOG)
    assert pieces == whole
    assert [p.code for p in pieces.problems] == ["answers.unknown_item"]
    assert pieces.problems[0].line == 12 * len(CATALOG.items) + 3  # the line the quoted row ends on


def test_shift_jis_is_read_whole(tmp_path: Path):
    """A cp932 file is not UTF-8: it is read whole and decoded as before, to the same answers."""
    answers = _answers(bodies=6)
    utf8 = tr.survey.read_long_csv(_csv_bytes(answers, tmp_path), CATALOG, name="a.csv")
    path = tmp_path / "sjis.csv"
    path.write_bytes(_csv_bytes(answers, tmp_path, encoding="cp932"))
    assert attrs.evolve(tr.survey.read_long_csv(path, CATALOG), file="a.csv") == utf8


def test_code_form_is_the_columns_even_when_the_six_digits_come_late():
    """A 5-digit code before the first 6-digit one is read by the column's form: a lost leading zero restored."""
    late = tr.survey.read_long_csv(b"code,item,answer\n12025,cio-adviser,1\n212041,cio-adviser,1\n", CATALOG)
    assert [body.code for body in late.bodies] == ["012025", "212041"]
    alone = tr.survey.read_long_csv(b"code,item,answer\n12025,cio-adviser,1\n", CATALOG)
    assert [body.code for body in alone.bodies] == ["120251"]


def test_too_many_rows_stop_the_reading(monkeypatch: pytest.MonkeyPatch):
    """Past the bound on rows the reading stops with ``answers.too_many_rows`` at the line past it."""
    monkeypatch.setattr(csv_module, "MAX_ANSWERS_ROWS", 2)
    data = b"code,item,answer\n" + b"".join(f"212041,{item.id},1\n".encode() for item in CATALOG.items[:5])
    read = tr.survey.read_long_csv(data, CATALOG)
    assert [(p.code, p.line) for p in read.problems] == [("answers.too_many_rows", 4)]
    assert "2" in read.problems[0].text("ja")
    assert sum(answer is Answer.IMPLEMENTED for answer in read.answers[0]) == 2


def test_the_row_bound_is_documented():
    """The bound is well above a national file and named in the batch's docs."""
    assert csv_module.MAX_ANSWERS_ROWS >= 16 * 1788 * 114
    docs = Path(__file__).parents[1] / "docs" / "batch.md"
    assert "answers.too_many_rows" in docs.read_text(encoding="utf-8")
