"""PDF reports: printed by headless Chromium, paginated, page-numbered, with Japanese text and the summary table."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tajimi_rules._cli import main
from tajimi_rules._cli._common import Output
from tajimi_rules.report import PdfError, _pdf, build_report, write_report

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "tajimi-r4.json"


def pdftotext(path: Path) -> str:
    """The text of a PDF, page by page (pages separated by form feeds)."""
    binary = shutil.which("pdftotext")
    if binary is None:
        pytest.skip("pdftotext is not installed (Debian: apt-get install poppler-utils)")
    done = subprocess.run([binary, "-layout", str(path), "-"], capture_output=True, check=True, timeout=120)
    return done.stdout.decode("utf-8")


@pytest.fixture(scope="module")
def pdf_ja(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The example's Japanese report written as a PDF, and its extracted text."""
    if _pdf.find_chromium() is None:
        pytest.skip("headless Chromium is not installed (Debian: apt-get install chromium)")
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    write_report(EXAMPLE, path, lang="ja")
    return path, pdftotext(path)


def test_pdf_is_a_paginated_pdf(pdf_ja: tuple[Path, str]) -> None:
    """The file is a PDF of several pages."""
    path, content = pdf_ja
    assert path.read_bytes().startswith(b"%PDF-")
    assert content.count("\f") >= 5


def test_pdf_holds_the_japanese_headings_and_the_summary_table(pdf_ja: tuple[Path, str]) -> None:
    """The Japanese headings, every category's row of the summary table and the rule set's title are text."""
    _path, content = pdf_ja
    report = build_report(EXAMPLE, lang="ja")
    flat = re.sub(r"\s+", "", content)
    for heading in ("立ち位置評価一覧", "評価の算出方法", "この評価になる理由", "多治見市令和4年度評価（運用どおり）"):
        assert heading in flat
    first_page = content.split("\f")[0]
    for category in report.categories:
        # A summary row: counts, n and the computed rating on one line of the first pages.
        row = re.compile(rf"{re.escape(category.counts_text)}\s+{category.n}\s+{re.escape(category.rating_text)}")
        assert row.search(content), category.id
    assert "先/普/検/遅" in first_page


def test_pdf_pages_are_numbered(pdf_ja: tuple[Path, str]) -> None:
    """Every page carries "page / pages" at its foot."""
    _path, content = pdf_ja
    pages = [page for page in content.split("\f") if page.strip()]
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        assert re.search(rf"\b{number} / {total}\b", page), number


def test_pdf_reasons_carry_percentages(pdf_ja: tuple[Path, str]) -> None:
    """The prose reasons, with their percentages, are in the PDF's text."""
    _path, content = pdf_ja
    flat = re.sub(r"\s+", "", content)
    assert "先進的と普通の合計は21項目中13項目（61.9%）で、良好に必要な2/3（66.7%）に届きません。" in flat


def test_without_chromium_a_clear_problem_and_nothing_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without Chromium, the library raises PdfError, the CLI exits 2 saying what to install, and no file appears."""
    monkeypatch.setenv(_pdf.CHROMIUM_ENV, str(tmp_path / "no-such-chromium"))
    target = tmp_path / "r.pdf"
    with pytest.raises(PdfError, match="apt-get install chromium"):
        write_report(EXAMPLE, target)
    out, err = io.StringIO(), io.StringIO()
    status = main(["report", str(EXAMPLE), "--out", str(target), "--lang", "ja"], out=Output(out, err))
    assert status == 2
    assert "Chromium" in err.getvalue() and "インストール" in err.getvalue()
    assert "Traceback" not in err.getvalue()
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_failing_chromium_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Chromium that prints nothing is reported with its reason; an existing PDF stays as it was."""
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\necho 'cannot open display' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv(_pdf.CHROMIUM_ENV, str(fake))
    target = tmp_path / "r.pdf"
    target.write_bytes(b"%PDF-old")
    with pytest.raises(PdfError, match="cannot open display"):
        write_report(EXAMPLE, target)
    assert target.read_bytes() == b"%PDF-old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chromium", "r.pdf"]
