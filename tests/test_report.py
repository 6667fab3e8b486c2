"""Reports: the summary table, each category's sections, escaping, no network, atomic writes, Markdown."""

from __future__ import annotations

import base64
import io
import itertools
import json
import os
import re
import struct
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

import tajimi_rules as tr
import tajimi_rules.report._charts as charts_module
from tajimi_rules.report._charts import category_chart, font_subset, japanese_font, overview_chart
from tajimi_rules.report._report import build_report, markdown_escape, report_format, write_report

from .conftest import run_cli as run

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "tajimi-r4.json"

HOSTILE = '<script>alert("x")</script> "quoted" \'single\' & <img src=x onerror=alert(1)> $ | *'
URL = "https://example.org/tracker.png"


class Page(HTMLParser):
    """The parts of an HTML report the tests look at."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.rows: list[list[str]] = []
        self.styles: list[str] = []
        self._table: str | None = None
        self._in_body = False
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._in_style = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note the tag and its attributes; open a summary row or cell."""
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "table":
            self._table = attributes.get("id")
        elif tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._table == "summary" and self._in_body:
            self._row = []
        elif tag == "td" and self._row is not None:
            self._cell = []
        elif tag == "style":
            self._in_style = True

    def handle_endtag(self, tag: str) -> None:
        """Close a summary row or cell."""
        if tag == "td" and self._row is not None and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None
        elif tag == "tbody":
            self._in_body = False
        elif tag == "table":
            self._table = None
        elif tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        """Keep the text of summary cells and style sheets."""
        if self._cell is not None:
            self._cell.append(data)
        if self._in_style:
            self.styles.append(data)

    def attribute_values(self) -> list[tuple[str, str, str]]:
        """Every attribute of the page as (tag, name, value)."""
        return [(tag, name, value or "") for tag, attributes in self.tags for name, value in attributes.items()]


def hostile_evaluation(example_path: Path) -> dict[str, Any]:
    """The Tajimi example with hostile text in every field a report shows."""
    data: dict[str, Any] = json.loads(example_path.read_text("utf-8"))
    data["title"] = HOSTILE
    data["municipality"]["name"] = HOSTILE
    first = data["categories"][0]
    first["name"] = {"ja": HOSTILE, "en": HOSTILE}
    first["group"] = {"ja": HOSTILE}
    first["remarks"] = {"good": [HOSTILE, f"see {URL}"], "consider": [f'"><a href="{URL}">x</a>']}
    first["items"][0]["name"] = {"ja": HOSTILE, "en": HOSTILE}
    first["items"][0]["note"] = HOSTILE
    return data


@pytest.fixture(scope="module")
def report_ja(example_path):
    """The Tajimi example's report in Japanese."""
    return build_report(example_path, lang="ja")


@pytest.fixture(scope="module")
def html_ja(report_ja):
    """The Japanese HTML report with charts and the embedded font."""
    return report_ja.html()


def test_summary_table_lists_all_16_categories(example_path, report_ja):
    """The summary table has one row per category, in the file's order, with group, counts and ratings."""
    page = Page(report_ja.html(charts=False, font=False))
    evaluation = tr.load_evaluation(example_path)
    assert len(page.rows) == 16
    assert [row[1] for row in page.rows] == [c.name.ja for c in evaluation.categories]
    by_name = {row[1]: row for row in page.rows}
    gis = by_name["統合型地理情報システム(GIS)の整備状況"]
    assert gis == ["行政サービスの向上・高度化", gis[1], "1/8/5/4", "18", "やや不備あり", "良好", "✗ 不一致"]
    assert by_name["電子決裁の状況"][2:] == ["3/0/0/0", "3", "先進的", "先進的", "✓ 一致"]


def test_summary_marks_exactly_the_three_disagreements(report_ja):
    """Agreement is marked ✗ for the three categories whose stated rating the rules contradict."""
    page = Page(report_ja.html(charts=False, font=False))
    differing = [row[1] for row in page.rows if row[6].startswith("✗")]
    assert differing == [
        "DX・情報化についての職員育成",
        "統合型地理情報システム(GIS)の整備状況",
        "地方公共団体独自のデジタルデバイド対策の実施",
    ]
    assert report_ja.summary == tr.report.ReportSummary(total=16, agree=13, disagree=3, unrated=0, unstated=0)


def test_each_category_shows_explanation_remarks_plan_and_risks(report_ja):
    """A category's section holds its explanation with numbers, 良い点/検討点, the smallest plan and the risks."""
    website = next(c for c in report_ja.categories if c.id == "website")
    assert website.explanation[0].startswith("2/11/6/1 (n=20): やや不備あり")
    assert any("13/20" in line for line in website.explanation)
    assert website.good == ("ホームページの機能に関してはすべて対応している",)
    assert website.consider[0].startswith("県内 42 市町村中 40 団体")
    assert website.plans[0].startswith("良好以上へ: あと普通1項目で良好になります")
    assert "ホームページ上の意見・要望の受付" in website.plans[0]
    assert website.risks
    html = report_ja.html(charts=False, font=False)
    section = html[html.index('data-category="website"', html.index("</table>")) :]
    section = section[: section.index("</section>")]
    for text in (
        "この評価になる理由",
        "良い点",
        "検討点",
        "最小の改善案",
        "この評価を支える項目",
        "<h4>項目</h4>",
        "13/20",
    ):
        assert text in section
    assert "built-in" not in html and "built-in" not in report_ja.markdown()


def test_best_rating_has_no_plan_but_its_risks(report_ja):
    """A category already at the best rating gets no plan, and says which slips would lower it."""
    by_id = {c.id: c for c in report_ja.categories}
    assert by_id["ai"].plans == ()
    assert by_id["ai"].risks == (
        "「先進的」の1項目が実施しなくなるとやや不備ありになります: 「問い合わせ対応のAIチャットボット」",
        "「先進的」の1項目が全国的に普及すると良好になります: 「問い合わせ対応のAIチャットボット」",
    )
    assert by_id["electronic-approval"].risks == ("1項目の変化では評価は下がりません。",)


def test_english_report_uses_english_labels(example_path):
    """--lang en writes English labels and names, keeping the Japanese name beside the English one."""
    report = build_report(example_path, lang="en")
    html = report.html(charts=False, font=False)
    assert "Ratings at a glance" in html and "partly deficient" in html
    gis = next(c for c in report.categories if c.id == "gis")
    assert gis.original_name == "統合型地理情報システム(GIS)の整備状況"
    assert gis.agreement_text == "✗ differs"


def test_written_rules_show_gaps_and_overlaps(example_path):
    """Under the literal reading the report names the gap and the overlap instead of a rating."""
    report = build_report(example_path, "tajimi-r4-written", lang="en")
    texts = {c.id: c.rating_text for c in report.categories}
    assert texts["telework"] == "none (overlap)"
    assert [k for k, v in texts.items() if v == "none (gap)"] == [
        "online-procedures",
        "resident-services",
        "security-audit",
    ]
    assert report.summary.unrated == 4


def test_non_monotone_spot_is_reported(example_path):
    """A category where implementing one item lowers the rating carries a caution with the numbers."""
    data = json.loads(example_path.read_text("utf-8"))
    data["categories"] = [
        {
            "id": "trap",
            "group": {"ja": "試験"},
            "name": {"ja": "罠", "en": "Trap"},
            "counts": {"advanced": 0, "standard": 0, "needs_review": 1, "behind": 1},
        }
    ]
    report = build_report(data, lang="en")
    (trap,) = report.categories
    assert trap.rating_text == "partly deficient"
    assert trap.cautions == (
        "Implementing one needs review item (→ advanced) would change 0/0/1/1 into 1/0/0/1: "
        "deficient, worse than today's partly deficient.",
    )
    assert "not monotone" in report.html(charts=False, font=False)


def test_hostile_text_is_escaped_in_html(example_path):
    """Text from the file holding <script>, quotes and markup is shown as text, never as markup."""
    report = build_report(hostile_evaluation(example_path), lang="en")
    html = report.html()
    assert "<script" not in html.lower()
    assert 'alert("x")' not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    page = Page(html)
    assert not [tag for tag, _ in page.tags if tag in ("script", "iframe", "object", "embed")]
    assert not [name for _, name, _ in page.attribute_values() if name.startswith("on")]
    assert not [value for tag, name, value in page.attribute_values() if tag == "a" and URL in value]
    assert len(page.rows) == 16
    assert page.rows[0][1] == HOSTILE


def test_html_loads_nothing_from_the_network(example_path, html_ja):
    """Every src and href of the report is an in-page anchor or a data: URI; so is every CSS url()."""
    for html in (html_ja, build_report(hostile_evaluation(example_path)).html()):
        page = Page(html)
        links = [
            (tag, name, value) for tag, name, value in page.attribute_values() if name in ("src", "href", "srcset")
        ]
        assert links
        assert all(value.startswith(("#", "data:")) for _, _, value in links), links
        urls = re.findall(r"url\(([^)]*)\)", "".join(page.styles))
        assert urls and all(url.strip("'\"").startswith("data:") for url in urls)
        assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
        assert "default-src 'none'" in html


def png_size(uri: str) -> tuple[int, int]:
    data = base64.b64decode(uri.split(",", 1)[1])
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_charts_are_embedded_png_images(html_ja, report_ja):
    """The overview and each category with an item of known rate have a chart, embedded as a PNG data URI."""
    images = [attributes for tag, attributes in Page(html_ja).tags if tag == "img"]
    charted = [c for c in report_ja.categories if charts_module.has_category_chart(c.check, report_ja.rules)]
    assert len(images) == 1 + len(charted) == 8
    for image in images:
        src = image["src"] or ""
        assert src.startswith("data:image/png;base64,")
        width, height = png_size(src)
        assert width > 300 and height > 100
        assert image["alt"]


def test_charts_use_a_japanese_font_that_has_the_glyphs(example_path):
    """The charts' font is the one matplotlib-fontja ships, and it has a glyph for every character drawn."""
    path = japanese_font()
    assert "matplotlib_fontja" in path.parts
    cmap = TTFont(str(path)).getBestCmap()
    evaluation = tr.load_evaluation(example_path)
    names = "".join(c.name.ja + c.group.ja for c in evaluation.categories) + "先進的普通検討が必要遅れている実施全国率"
    missing = {char for char in names if ord(char) not in cmap and not char.isspace()}
    assert missing == set()


def test_category_chart_draws_names_with_dollar_signs(example_path, monkeypatch):
    """A name holding "$...$" is drawn literally, not parsed as mathtext (where this one is invalid TeX)."""
    name = "費用$\\nosuchcommand{x}$上限"
    data = json.loads(example_path.read_text("utf-8"))
    data["categories"][0]["name"] = {"ja": name}
    data["categories"][0]["items"][0]["name"] = {"ja": name}
    report = tr.check(data)
    drawn: list[str] = []
    png = charts_module._png

    def record(figure: Any) -> bytes:
        drawn.extend(text.get_text() for text in figure.findobj(lambda artist: hasattr(artist, "get_text")))
        return png(figure)

    monkeypatch.setattr(charts_module, "_png", record)
    category_chart(report.categories[0], report.rules, lang="ja")
    overview_chart(report, lang="ja")
    assert any(text.startswith(name) for text in drawn)
    assert sum(1 for text in drawn if name in text) >= 2


def test_embedded_font_covers_the_report_text(html_ja):
    """The embedded font is cut down to the report's characters and still holds every one of them."""
    css = "".join(Page(html_ja).styles)
    match = re.search(r"url\(data:font/ttf;base64,([A-Za-z0-9+/=]+)\)", css)
    assert match is not None
    font = TTFont(io.BytesIO(base64.b64decode(match.group(1))))
    cmap = font.getBestCmap()
    for text in ("立ち位置評価一覧", "統合型地理情報システム", "やや不備あり"):
        assert all(ord(char) in cmap for char in text)
    assert len(match.group(1)) < len(base64.b64encode(japanese_font().read_bytes())) // 5
    assert len(font_subset("先")) < len(base64.b64decode(match.group(1)))


def test_markdown_variant(example_path):
    """The Markdown report has the summary table of 16 rows, each category's sections, and no images."""
    markdown = build_report(example_path, lang="ja").markdown()
    lines = markdown.splitlines()
    start = lines.index("## 立ち位置評価一覧")
    rows = [line for line in lines[start + 4 : start + 21] if line.startswith("| ")]
    assert len(rows) == 16
    assert rows[7].split(" | ")[-3:] == ["やや不備あり", "良好", "✗ 不一致 |"]
    assert markdown.count("\n### ") == 16
    assert "#### この評価を支える項目" in markdown
    assert "](" not in markdown and "<img" not in markdown


def test_markdown_escapes_hostile_text(example_path):
    """In Markdown, file text cannot open HTML, break a table row or start a list."""
    markdown = build_report(hostile_evaluation(example_path)).markdown()
    assert "<script" not in markdown and "<img" not in markdown and "<a " not in markdown
    row = next(line for line in markdown.splitlines() if line.startswith("| ") and "script" in line)
    assert len(re.findall(r"(?<!\\)\|", row)) == 8
    assert markdown_escape("a\n- b") == "a - b"
    assert markdown_escape("- b") == "\\- b"
    assert markdown_escape("3. b") == "3\\. b"


def test_report_format_follows_the_extension():
    """.html/.htm are HTML, .md/.markdown Markdown, anything else is refused."""
    assert report_format("a.HTML") == "html" and report_format("a.htm") == "html"
    assert report_format("a.md") == "markdown" and report_format("a.markdown") == "markdown"
    with pytest.raises(ValueError, match="must end in one of"):
        report_format("a.txt")


def test_write_report_writes_the_whole_file(example_path, tmp_path):
    """write_report renders by the extension and leaves only the finished file in its directory."""
    target = tmp_path / "report.md"
    report = write_report(example_path, target, lang="en")
    assert target.read_text("utf-8") == report.markdown()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]
    assert target.stat().st_mode & 0o777 == 0o666 & ~current_umask()


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_failed_write_leaves_no_file(example_path, tmp_path, monkeypatch):
    """A failure while writing leaves no report and no temporary file behind."""
    target = tmp_path / "report.md"

    def fail(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError, match="No space left"):
        write_report(example_path, target)
    assert list(tmp_path.iterdir()) == []


def test_failed_write_keeps_the_previous_report(example_path, tmp_path, monkeypatch):
    """A failure while replacing a report leaves the previous report exactly as it was."""
    target = tmp_path / "report.md"
    target.write_text("previous", "utf-8")

    def fail(_source: object, _target: object) -> None:
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="Permission denied"):
        write_report(example_path, target)
    assert target.read_text("utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_cli_writes_html_and_markdown(example_path, tmp_path):
    """`report FILE --out PATH` writes HTML or Markdown by the extension and exits 0."""
    status, out, err = run("report", str(example_path), "--out", str(tmp_path / "r.html"), "--lang", "ja")
    assert (status, err) == (0, "")
    assert "16カテゴリ" in out
    assert len(Page((tmp_path / "r.html").read_text("utf-8")).rows) == 16
    status, out, _ = run("report", str(example_path), "--out", str(tmp_path / "r.md"), "--rules", "tajimi-r4-written")
    assert status == 0 and "Markdown report of 16 categories" in out
    assert "none (overlap)" in (tmp_path / "r.md").read_text("utf-8")


def unwritable_directory(tmp_path: Path) -> Path:
    """A directory no file can be created in: read-only for an ordinary user, a read-only bind for root."""
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    probe = locked / ".probe"
    try:
        probe.touch()
    except PermissionError:
        return locked
    probe.unlink()  # root ignores the mode bits; /proc/self refuses new files to everyone
    if not Path("/proc/self").is_dir():
        pytest.skip("no directory here refuses root's writes")
    return Path("/proc/self")


def test_cli_usage_errors_exit_2_and_write_nothing(example_path, tmp_path):
    """An unknown extension, a missing directory, an unwritable target or a bad file exit 2, writing nothing."""
    status, _, err = run("report", str(example_path), "--out", str(tmp_path / "r.txt"))
    assert status == 2 and "--out must end in .html, .md or .pdf" in err
    status, _, err = run("report", str(example_path), "--out", str(tmp_path / "missing" / "r.html"))
    assert status == 2 and "no such directory" in err
    (tmp_path / "dir.html").mkdir()
    status, _, err = run("report", str(example_path), "--out", str(tmp_path / "dir.html"), "--no-charts")
    assert status == 2 and "cannot write" in err and "Traceback" not in err
    locked = unwritable_directory(tmp_path)
    status, _, err = run("report", str(example_path), "--out", str(locked / "r.html"), "--no-charts")
    assert status == 2 and f"cannot write {locked / 'r.html'}" in err and "Traceback" not in err
    assert not (locked / "r.html").exists()
    bad = tmp_path / "bad.json"
    bad.write_text('{"municipality": {}, "survey": {}, "categories": []}', "utf-8")
    status, _, err = run("report", str(bad), "--out", str(tmp_path / "bad.html"))
    assert status == 2 and "bad.json#/municipality" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json", "dir.html", "locked"]
    assert list((tmp_path / "dir.html").iterdir()) == []
    assert list((tmp_path / "locked").iterdir()) == []


def test_cli_missing_argument_is_a_usage_error(example_path):
    """Without --out the command exits 2 with argparse's usage message."""
    status, _, err = run("report", str(example_path))
    assert status == 2 and "--out" in err


def test_categories_without_counts_or_with_rates_only(example_path):
    """A category whose counts cannot be known says so; one graded from rates gets a chart with its dots."""
    data = json.loads(example_path.read_text("utf-8"))
    data["categories"] = [
        {
            "id": "unknown",
            "group": {"ja": "試験"},
            "name": {"ja": "不明"},
            "items": [{"id": "x", "name": {"ja": "項目X"}, "implemented": True}],
        },
        {
            "id": "graded",
            "group": {"ja": "試験"},
            "name": {"ja": "率あり"},
            "items": [
                {"id": "y", "name": {"ja": "項目Y"}, "implemented": False, "national_rate": "57.4%"},
                {"id": "z", "name": {"ja": "項目Z"}, "implemented": True, "national_rate": "1/3"},
            ],
        },
    ]
    report = build_report(data, lang="en")
    unknown, graded = report.categories
    assert (unknown.rating_text, unknown.counts_text, unknown.plans, unknown.risks) == ("unknown counts", "?", (), ())
    assert graded.counts_text == "1/0/0/1" and graded.rating_text == "deficient"
    assert [(row.name, row.level_text, row.national_rate) for row in graded.items] == [
        ("項目Y", "behind", "57.4%"),
        ("項目Z", "advanced", "≈33.3%"),
    ]
    assert graded.plans[0].startswith("To at least partly deficient: 1 item more at standard")
    images = [attributes for tag, attributes in Page(report.html()).tags if tag == "img"]
    # The overview and the graded category; the unknown one has no item of known rate to place.
    assert len(images) == 2
    assert "率あり" in (images[1]["alt"] or "")
    assert "| 項目Y | behind | no | 57.4% |  |" in report.markdown()


def _rules_copy(tmp_path: Path, rule_id: str, **grading: Any) -> Path:
    data = json.loads((Path(tr.__file__).parent / "rulesets" / "tajimi-r4.json").read_text("utf-8"))
    data["id"] = rule_id
    data["item_grading"].update(grading)
    path = tmp_path / f"{rule_id}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_cli_report_loads_the_file_under_the_chosen_rules(example_path, tmp_path):
    """A file naming a rule set known only by path is reported under ``--rules`` that path."""
    rules = _rules_copy(tmp_path, "local-r4")
    data = json.loads(example_path.read_text("utf-8"))
    data["rules"] = "local-r4"
    source = tmp_path / "local.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    status, _out, err = run("report", str(source), "--rules", str(rules), "--out", str(tmp_path / "r.md"))
    assert (status, err) == (0, "")
    assert "local-r4" in (tmp_path / "r.md").read_text("utf-8")
    assert build_report(source, rules).rules.id == "local-r4"


def _graded_by_prefecture() -> dict[str, Any]:
    return {
        "municipality": {"code": "212041", "name": "多治見市", "prefecture": "岐阜県"},
        "survey": {"title": "survey", "fiscal_year": 2022},
        "categories": [
            {
                "id": "c",
                "group": {"ja": "群"},
                "name": {"ja": "分類"},
                "items": [
                    {
                        "id": "x",
                        "name": {"ja": "項目X"},
                        "implemented": True,
                        "national_rate": "1/5",
                        "prefecture_rate": "3/4",
                    }
                ],
            }
        ],
    }


@pytest.mark.parametrize(
    ("lang", "column", "common", "gone"),
    [
        ("en", "prefectural rate", "common in the prefecture", "common nationally"),
        ("ja", "県内実施率", "県内で多い", "全国的に多い"),
    ],
)
def test_prefecture_based_grading_labels_rates_by_the_prefecture(tmp_path, lang, column, common, gone):
    """Under a prefecture-based grading the items table shows and names the prefectural rate."""
    rules = tr.load_rules(_rules_copy(tmp_path, "pref-r4", rate="prefecture"))
    report = build_report(_graded_by_prefecture(), rules, lang=lang)
    (row,) = report.categories[0].items
    assert (row.rate, row.level) == ("75%", tr.Level.STANDARD)
    markdown = report.markdown()
    assert f"| {column} |" in markdown and gone not in markdown
    html = report.html(charts=False, font=False)
    assert column in html and common in html and gone not in html


def test_method_writes_a_whole_threshold_as_format_fraction_does(tmp_path):
    """A grading threshold of 1 is written "1" in the method, as everywhere else, not "1/1"."""
    rules = tr.load_rules(_rules_copy(tmp_path, "whole-r4", common={"at_least": "1"}))
    markdown = build_report(_graded_by_prefecture(), rules).markdown()
    assert "is at least 1." in markdown and "at least 1/1" not in markdown


def test_one_unnamed_item_is_worded_in_the_singular(example_path):
    """A category with one counted but unnamed item says "1 more item is", in both renderings."""
    report = build_report(example_path, lang="en")
    assert any(category.unnamed_items == 1 for category in report.categories)
    for page in (report.markdown(), report.html(charts=False, font=False)):
        assert "1 more item is counted but not named in the file." in page
        assert "1 more items" not in page


def test_report_code_never_tests_the_language():
    """The report and survey modules take every language-specific text from the text table."""
    package = Path(tr.__file__).parent
    sources = [*package.joinpath("report").glob("*.py"), *package.joinpath("survey").glob("*.py")]
    sources += list(package.joinpath("templates").glob("*.j2"))
    branch = re.compile(r"""lang\s*[!=]=|\bif ja\b|message_ja=f?["']|["'](?:ja|en)["']\s*:\s*f?["']""")
    offending = [
        f"{path.name}:{number}"
        for path in sources
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if branch.search(line)
    ]
    assert offending == []


def test_chart_labels_are_cut_by_display_width():
    """A chart label is cut to a display width, a Japanese character counting as two columns."""
    assert charts_module._narrow("a" * 10, 10) == "a" * 10
    assert charts_module._narrow("a" * 11, 10) == "a" * 9 + "…"
    assert charts_module._narrow("多" * 6, 10) == "多" * 4 + "…"


def _forty_items(lang_rates: str = "national_rate") -> dict[str, Any]:
    """An evaluation whose one category has 40 named items, many with close rates and long names."""
    items = []
    for index in range(40):
        # Rates cluster (ten around 40%, ten around 55%) as real survey rates do.
        rate = f"{[38, 41, 52, 55, 9, 71, 88, 23][index % 8] + index % 3}.{index % 10}%"
        items.append(
            {
                "id": f"i{index}",
                "name": {"ja": f"電子申請システムを利用した行政手続のオンライン化の推進（手続{index + 1}）"},
                "implemented": index % 3 != 0,
                lang_rates: rate,
                "prefecture_rate": f"{(index * 7) % 100}%",
            }
        )
    data: dict[str, Any] = json.loads(EXAMPLE.read_text("utf-8"))
    data["categories"] = [{"id": "forty", "group": {"ja": "試験"}, "name": {"ja": "四十項目の分類"}, "items": items}]
    return data


def test_forty_item_chart_labels_do_not_overlap():
    """On a 40-item category, no two item labels' drawn boxes intersect, and all lie inside the figure."""
    report = tr.check(_forty_items())
    entry = report.categories[0]
    with charts_module._style():
        figure = charts_module.category_figure(entry, report.rules, lang="ja")
        renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
        boxes = [
            text.get_window_extent(renderer) for text in figure.axes[0].texts if type(text).__name__ == "Annotation"
        ]
    assert len(boxes) == 40
    for first, second in itertools.combinations(boxes, 2):
        assert not first.overlaps(second), (first, second)
    width, height = figure.bbox.width, figure.bbox.height
    assert all(box.x0 >= 0 and box.x1 <= width and box.y0 >= 0 and box.y1 <= height for box in boxes)


def test_a_category_with_no_known_rate_gets_no_chart(example_path):
    """Categories whose items have no known rate get no chart: it would only restate the counts."""
    report = build_report(example_path, lang="ja")
    html = report.html(font=False)
    charted = [c for c in report.categories if charts_module.has_category_chart(c.check, report.rules)]
    assert 0 < len(charted) < len(report.categories)
    images = [attributes for tag, attributes in Page(html).tags if tag == "img"]
    assert len(images) == 1 + len(charted)
    assert "実施率の記載がある0項目" not in html


def test_item_table_shows_the_prefecture_rate_where_known():
    """Under a national grading, the item table adds the prefecture rate where the file gives one."""
    report = build_report(_forty_items(), lang="ja")
    (category,) = report.categories
    assert category.prefecture_column
    assert category.items[1].prefecture_rate == "7%"
    html = report.html(charts=False, font=False)
    assert "県内実施率" in html and '<td class="num">7%</td>' in html


def test_english_report_writes_correct_plurals(example_path):
    """No English text of the report reads "1 items", "1 categories", "1 changes" or "1 more items"."""
    report = build_report(example_path, lang="en")
    page = report.html(charts=False, font=False) + report.markdown()
    assert not re.search(r"\b1 (more )?(items|categories|changes)\b", page)
    one = build_report(_forty_items(), lang="en")
    assert not re.search(r"\b1 (more )?(items|categories|changes)\b", one.markdown())
