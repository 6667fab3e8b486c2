"""Japanese in, not only out: ratings and categories given by their Japanese names on the command line."""

from __future__ import annotations

import io
import json

import pytest

from tajimi_rules._cli import main
from tajimi_rules._cli._common import Output

from .conftest import EXAMPLE

GIS = "統合型地理情報システム(GIS)の整備状況"


def _run(*argv: str) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    status = main(list(argv), out=Output(stdout, stderr))
    return status, stdout.getvalue(), stderr.getvalue()


def _suggest(*argv: str) -> tuple[int, str, str]:
    return _run("suggest", str(EXAMPLE), "--format", "json", "--lang", "en", *argv)


@pytest.mark.parametrize(
    ("label", "rating"),
    [
        ("良好", "good"),
        ("先進的", "advanced"),
        ("やや不備あり", "partly_deficient"),
        ("不備あり", "deficient"),
        ("partly deficient", "partly_deficient"),
        ("Good", "good"),
    ],
)
def test_target_takes_a_rating_by_its_label_in_either_language(label: str, rating: str):
    """``--target 良好`` (or "partly deficient") gives the same answer as the rating's id."""
    by_label, by_id = _suggest("--target", label), _suggest("--target", rating)
    assert by_label[0] == 0 and by_label == by_id


def test_an_unknown_rating_lists_ids_and_japanese_labels():
    """An unknown ``--target`` is a usage error (2) that lists every rating with its Japanese label."""
    status, stdout, stderr = _suggest("--target", "最高")
    assert (status, stdout) == (2, "")
    assert "unknown rating '最高'" in stderr and "good (良好)" in stderr and "Traceback" not in stderr


def test_the_issue_command_works_on_the_example():
    """``suggest --target 良好 --category 統合型地理情報システム(GIS)の整備状況`` answers for the GIS category."""
    status, stdout, stderr = _run("suggest", str(EXAMPLE), "--target", "良好", "--category", GIS, "--lang", "ja")
    assert (status, stderr) == (0, "")
    assert GIS in stdout and "良好以上へ" in stdout


@pytest.mark.parametrize("name", [GIS, "統合型地理情報システム（ＧＩＳ）の整備状況", "gis"])
def test_category_by_exact_name_or_id(name: str):
    """A category is found by its id or its exact Japanese name (full-width forms folded by NFKC)."""
    by_name, by_id = _suggest("--category", name), _suggest("--category", "gis")
    assert by_name[0] == 0 and by_name == by_id
    assert {suggestion["category"] for suggestion in json.loads(by_name[1])["suggestions"]} == {"gis"}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_near_miss_says_did_you_mean(lang: str):
    """A name close to a category's (the "(GIS)" left out) exits 2 naming the nearest category."""
    status, stdout, stderr = _run(
        "suggest", str(EXAMPLE), "--category", "統合型地理情報システムの整備状況", "--lang", lang
    )
    assert (status, stdout) == (2, "")
    expected = {"en": "did you mean gis (", "ja": "近いもの: gis ("}[lang]
    assert expected in stderr and GIS in stderr and stderr.count("\n") == 1


def test_a_name_far_from_every_category_lists_the_ids():
    """A name like no category's is refused with the list of ids, as before."""
    status, _stdout, stderr = _suggest("--category", "宇宙開発")
    assert status == 2 and "unknown category '宇宙開発'" in stderr and "gis" in stderr
