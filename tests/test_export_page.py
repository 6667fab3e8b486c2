"""The what-if page in headless Chromium: toggles and count fields recompute ratings with the compiled JavaScript.

Chromium is Debian's, driven through the DevTools protocol over a pipe by the report's browser
tests' driver; without it the browser tests are skipped, saying why. The page's script runs only
if its hash matches the Content-Security-Policy, so a page that computes anything proves the
policy lets exactly its own script run.
"""

from __future__ import annotations

import base64
import hashlib
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import tajimi_rules as tr
from tajimi_rules._cli import main
from tajimi_rules.export import MOVES, interactive_page, plan

from .test_report_browser import Browser, find_chromium

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "tajimi-r4.json"


@pytest.fixture(scope="module")
def page_browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """One headless Chromium for this module (skipped where none is installed)."""
    binary = find_chromium()
    if binary is None:
        pytest.skip("headless Chromium is not installed (Debian: apt-get install chromium)")
    started = Browser(binary, tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield started
    finally:
        started.close()


SHOWN = """
(() => ({
  ready: document.body.dataset.ready === "true",
  categories: Object.fromEntries([...document.querySelectorAll("section[data-category]")].map((section) => [
    section.id,
    {
      rating: section.querySelector(".rating").dataset.rating ?? null,
      label: section.querySelector(".rating").textContent,
      counts: section.querySelector(".counts").textContent,
      reason: section.querySelector(".reason").textContent,
    },
  ])),
}))()
"""


def set_move(browser: Browser, category: str, move: int, value: int) -> None:
    browser.evaluate(
        f"""(() => {{
        const input = document.querySelector({json.dumps(f"#{category} input[data-move='{move}']")});
        input.value = {json.dumps(str(value))};
        input.dispatchEvent(new Event("input", {{ bubbles: true }}));
        }})()"""
    )


def click_item(browser: Browser, item: str) -> None:
    browser.evaluate(f"document.querySelector({json.dumps(f'tr[data-id={item!r}] input')}).click()")


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "plan.html"
    assert main(["workbook", str(EXAMPLE), "--out", str(path), "--lang", "ja"]) == 0
    return path


def test_the_page_is_self_contained_with_a_hashed_script(page):
    """The page loads nothing from anywhere; its policy names its one inline script and style by SHA-256."""
    document = page.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", document)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', document)
    assert policy is not None
    (script,) = re.findall(r"<script>(.*?)</script>", document, flags=re.S)
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    assert policy[1].startswith("default-src &#x27;none&#x27;; script-src &#x27;sha256-" + digest)
    assert "unsafe-inline" not in policy[1]


def test_hostile_names_stay_text(tmp_path):
    """An item name holding markup and a closing script tag is escaped, in the HTML and in the script's data."""
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["categories"][0]["items"][0]["name"]["ja"] = "</script><script>alert(1)</script>"
    page = interactive_page(data, lang="ja")
    assert "<script>alert(1)" not in page
    assert page.count("<script>") == 1


def test_the_page_shows_the_ratings_check_computes(page_browser, page):
    """On load the page rates every category as ``check`` does (its script ran under its own policy)."""
    page_browser.open(page)
    shown = page_browser.evaluate(SHOWN)
    assert shown["ready"] is True
    report = tr.check(EXAMPLE)
    assert {key: value["rating"] or None for key, value in shown["categories"].items()} == {
        c.category.id: c.rating.value if c.rating else None for c in report.categories
    }
    assert shown["categories"]["gis"]["counts"] == "1/8/5/4"
    assert shown["categories"]["gis"]["label"] == "やや不備あり"


def test_implementing_three_gis_items_rates_gis_good(page_browser, page):
    """Moving three of GIS's behind items to implemented (1/8/5/4 -> 1/11/5/1) shows 良好 and the rule that holds."""
    page_browser.open(page)
    set_move(page_browser, "gis", MOVES.index((tr.Level.BEHIND, tr.Level.STANDARD)), 3)
    click_item(page_browser, "website-opinions")
    shown = page_browser.evaluate(SHOWN)["categories"]
    assert shown["gis"]["counts"] == "1/11/5/1"
    assert shown["gis"]["label"] == "良好"
    assert "✓ 規則2（良好）" in shown["gis"]["reason"]
    assert "(先進的+普通)/全体 = 12/18 ≥ 2/3" in shown["gis"]["reason"]
    assert shown["website"]["counts"] == "2/12/6/0"
    assert shown["website"]["label"] == "良好"


def expected_counts(entry: Any, toggled: set[str], moves: dict[int, int]) -> tr.Counts:
    """The counts the page should show, computed in Python from the plan and the changes made."""
    assert entry.counted is not None
    values = dict(zip(tr.Level, entry.counted, strict=True))
    for item in entry.items:
        if item.common is None:
            continue
        implemented = item.implemented != (item.item.id in toggled)
        values[tr.Level.of(implemented, item.common)] += 1
    for index, k in moves.items():
        source, target = MOVES[index]
        values[source] -= k
        values[target] += k
    return tr.Counts.from_mapping(values)


def test_random_changes_agree_with_the_python_engine(page_browser, page):
    """After random toggles and moves in every category, each rating shown is the Python engine's for its counts."""
    _evaluation, rule_set, categories = plan(EXAMPLE)
    chooser = random.Random(20221)
    page_browser.open(page)
    for round_ in range(3):
        expected, changed = {}, []
        for entry in categories:
            toggled = {item.item.id for item in entry.items if item.common is not None and chooser.random() < 0.5}
            moves: dict[int, int] = {}
            if entry.counted is not None and entry.counted.total:
                moves = {index: chooser.randint(0, entry.counted[source]) for index, (source, _) in enumerate(MOVES)}
            for item_id in toggled:
                click_item(page_browser, item_id)
            for index, k in moves.items():
                set_move(page_browser, entry.category.id, index, k)
            changed.append((entry.category.id, toggled, moves))
            counts = expected_counts(entry, toggled, moves)
            rating = rule_set.rate(counts)
            expected[entry.category.id] = (counts.short(), rating.value if rating else None)
        shown = page_browser.evaluate(SHOWN)["categories"]
        assert {key: (value["counts"], value["rating"] or None) for key, value in shown.items()} == expected, round_
        for category_id, toggled, moves in changed:  # back to the file's state for the next round
            for item_id in toggled:
                click_item(page_browser, item_id)
            for index in moves:
                set_move(page_browser, category_id, index, 0)


def test_an_item_the_grading_cannot_place_cannot_be_toggled():
    """An item with no rate and no stated level stays among the counted items, shown with no checkbox."""
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    gis = next(category for category in data["categories"] if category["id"] == "gis")
    gis["items"].append({"id": "gis-unknown", "name": {"ja": "不明な項目"}, "implemented": False})
    _evaluation, _rules, categories = plan(data)
    entry = next(entry for entry in categories if entry.category.id == "gis")
    unknown = next(item for item in entry.items if item.item.id == "gis-unknown")
    assert unknown.common is None and unknown.level is None
    assert entry.counts == tr.Counts(1, 8, 5, 4)
    assert 'data-id="gis-unknown"><td>不明な項目</td><td>未実施</td>' in interactive_page(data, lang="ja")


def test_a_category_of_named_items_only_counts_them():
    """A category that gives only items is counted from their levels, and its named items are all toggleable."""
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    organization = data["categories"][0]
    del organization["counts"]
    organization["items"] = [
        {"id": "one", "name": {"ja": "一"}, "implemented": True, "national_rate": "0.1"},
        {"id": "two", "name": {"ja": "二"}, "implemented": False, "national_rate": "0.9"},
    ]
    _evaluation, _rules, categories = plan(data)
    entry = categories[0]
    assert entry.counted == tr.Counts() and entry.counts == tr.Counts(1, 0, 0, 1)
    assert all(item.common is not None for item in entry.items)
