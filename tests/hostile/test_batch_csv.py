"""Hostile answers CSV files and output directories for ``tajimi-rules batch``.

Each case runs the command through :func:`~tests.hostile.harness.run_hostile` (the documented exit
status, no traceback, nothing that drives a terminal, no network, no file written but the named
output) and states which problem code the file gives, read through
:func:`~tests.hostile.harness.api_hostile` from :func:`~tajimi_rules.survey.read_answers`: the
command prints problems as lines, not as codes.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

import tajimi_rules as tr
import tajimi_rules.survey._csv as csv_module
from tajimi_rules.survey import Answers

from .harness import HOSTILE_TEXTS, api_hostile, run_hostile

CATALOG = tr.survey.load_catalog("r4")
ITEM = CATALOG.items[0].id
GIFU = "212041"
NAGOYA = "231002"
WITHIN = ("--grade-within-observed",)


def _codes(path: Path, **options: str) -> set[str]:
    """The problem codes reading ``path`` gives, under the hostile corpus's guards."""
    read = api_hostile(lambda: tr.survey.read_answers(path, CATALOG, **options))
    assert isinstance(read, Answers), read
    return {problem.code for problem in read.problems}


def _file(root: Path, data: bytes | str, name: str = "answers.csv") -> Path:
    path = root / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def _batch(root: Path, source: Path | str, *extra: str, status: int, writes: tuple[str, ...] = ()) -> str:
    result = run_hostile(
        "batch", source, "--catalog", "r4", "--out", root / "out", *extra, root=root, status=status, writes=writes
    )
    return result.stdout + result.stderr


GOOD = f"code,item,answer,name\n{GIFU},{ITEM},1,多治見市\n{NAGOYA},{ITEM},0,名古屋市\n"


# -- bad rows ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "code", "line"),
    [
        (f"{GIFU}\n", "answers.short_row", 3),
        (f"{GIFU},no-such-item,1\n", "answers.unknown_item", 3),
        (f"{GIFU},{ITEM},maybe\n", "answers.unknown_answer", 3),
        (f"21204X,{ITEM},1\n", "answers.bad_code", 3),
        (f"212042,{ITEM},1\n", "answers.check_digit", 3),
        (f"{GIFU},{ITEM},1\n{GIFU},{ITEM},0\n", "answers.duplicate", 4),
    ],
    ids=["short", "unknown item", "unknown answer", "bad code", "check digit", "duplicate row"],
)
def test_a_bad_row_stops_the_run_and_writes_nothing(tmp_path: Path, row: str, code: str, line: int):
    """A row with a problem: exit 2, the problem named at its line, nothing written."""
    path = _file(tmp_path, f"code,item,answer\n{NAGOYA},{ITEM},1\n{row}")
    shown = _batch(tmp_path, path, *WITHIN, status=2)
    assert f"answers.csv:{line}:" in shown
    assert code in _codes(path)


def test_duplicate_rows_with_keep_going_write_the_rest(tmp_path: Path):
    """--keep-going leaves the second answer out, writes the rest and exits 1."""
    path = _file(tmp_path, GOOD + f"{GIFU},{ITEM},0,多治見市\n")
    _batch(tmp_path, path, *WITHIN, "--keep-going", status=1, writes=("out",))
    assert (tmp_path / "out" / "evaluations" / f"{GIFU}.json").is_file()


# -- huge fields, lines and files ----------------------------------------------------------------


def test_a_field_over_the_parsers_limit_stops_the_reading(tmp_path: Path):
    """A field of 200,000 characters is ``answers.bad_csv`` at its line; nothing is written."""
    path = _file(tmp_path, f"code,item,answer,name\n{GIFU},{ITEM},1,{'x' * 200_000}\n")
    _batch(tmp_path, path, *WITHIN, status=2)
    assert "answers.bad_csv" in _codes(path)


def test_one_line_of_three_megabytes_without_a_line_end(tmp_path: Path):
    """A file that is one long line (no line feed, longer than a read piece) ends in a problem, not a hang."""
    path = _file(tmp_path, "code,item,answer\n" + "9" * 3_000_000)
    _batch(tmp_path, path, *WITHIN, status=2)
    assert "answers.bad_csv" in _codes(path)


def test_a_sparse_file_over_the_size_bound_is_not_read(tmp_path: Path):
    """A file of 257 MiB (sparse) is ``file.too_large`` before any byte is read."""
    path = tmp_path / "huge.csv"
    with path.open("wb") as stream:
        stream.truncate(csv_module.MAX_ANSWERS_BYTES + 1024 * 1024)
    root = tmp_path / "run"  # the file lies outside the watched folder, which the harness reads whole
    root.mkdir()
    _batch(root, path, *WITHIN, status=2)
    assert "file.too_large" in _codes(path)


def test_more_rows_than_the_bound_stop_the_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Past ``MAX_ANSWERS_ROWS`` rows the reading stops with ``answers.too_many_rows``; nothing is written."""
    monkeypatch.setattr(csv_module, "MAX_ANSWERS_ROWS", 3)
    rows = "".join(f"{GIFU},{item.id},1\n" for item in CATALOG.items[:6])
    path = _file(tmp_path, f"code,item,answer\n{rows}")
    shown = _batch(tmp_path, path, *WITHIN, status=2)
    assert "3" in shown
    assert "answers.too_many_rows" in _codes(path)


# -- encodings and byte-order marks --------------------------------------------------------------


def test_a_byte_order_mark_is_read_past(tmp_path: Path):
    """UTF-8 with a byte-order mark reads like UTF-8 without one."""
    path = _file(tmp_path, b"\xef\xbb\xbf" + GOOD.encode())
    _batch(tmp_path, path, *WITHIN, status=0, writes=("out",))
    assert _codes(path) <= {"survey.empty_category"}


def test_two_byte_order_marks_leave_the_header_unknown(tmp_path: Path):
    """A second mark is part of the first title: the header lacks ``code``."""
    path = _file(tmp_path, b"\xef\xbb\xbf\xef\xbb\xbf" + GOOD.encode())
    _batch(tmp_path, path, *WITHIN, status=2)
    assert "answers.missing_column" in _codes(path)


def test_utf16_is_refused(tmp_path: Path):
    """UTF-16 is neither UTF-8 nor cp932 text with the required header: exit 2."""
    path = _file(tmp_path, GOOD.encode("utf-16"))
    _batch(tmp_path, path, *WITHIN, status=2)
    assert _codes(path) & {"answers.encoding", "answers.missing_column"}


def test_shift_jis_reads_like_utf8(tmp_path: Path):
    """A cp932 export reads as the same answers as its UTF-8 form."""
    path = _file(tmp_path, GOOD.encode("cp932"))
    _batch(tmp_path, path, *WITHIN, status=0, writes=("out",))
    utf8 = tr.survey.read_answers(_file(tmp_path, GOOD, "utf8.csv"), CATALOG)
    assert tr.survey.read_answers(path, CATALOG).answers == utf8.answers


def test_a_bad_byte_deep_in_the_file_is_located(tmp_path: Path):
    """With ``--encoding utf-8``, a byte that is not UTF-8 after 20,000 good lines is named at its line."""
    rows = "".join(f"{GIFU},{ITEM},1\n" for _ in range(20_000))
    path = _file(tmp_path, ("code,item,answer\n" + rows).encode() + b"\xff\xfe,x,1\n")
    shown = _batch(tmp_path, path, *WITHIN, "--encoding", "utf-8", status=2)
    assert "answers.csv:20002:" in shown
    assert "answers.encoding" in _codes(path, encoding="utf-8")


def test_nul_bytes_and_bare_carriage_returns(tmp_path: Path):
    """A NUL inside a field is a bad answer, not a crash; lines ended by bare CR read like LF."""
    path = _file(tmp_path, f"code,item,answer\r{NAGOYA},{ITEM},1\r{GIFU},{ITEM},1\x00\r")
    _batch(tmp_path, path, *WITHIN, status=2)
    assert _codes(path) & {"answers.unknown_answer", "answers.bad_csv"}
    lone = _file(tmp_path, GOOD.replace("\n", "\r"), "cr.csv")
    _batch(tmp_path, lone, *WITHIN, status=0, writes=("out",))


def test_an_unclosed_quote_swallows_the_rest(tmp_path: Path):
    """A quote never closed makes the rest one field: the row is refused, nothing is written."""
    path = _file(tmp_path, f'code,item,answer\n{GIFU},"{ITEM},1\n{NAGOYA},{ITEM},1\n')
    _batch(tmp_path, path, *WITHIN, status=2)
    assert _codes(path) - {"survey.empty_category"}


# -- what is not a file --------------------------------------------------------------------------


def test_a_fifo_is_refused_without_waiting(tmp_path: Path):
    """A named pipe would wait for a writer: ``file.not_regular``, at once."""
    fifo = tmp_path / "answers.csv"
    os.mkfifo(fifo)
    _batch(tmp_path, fifo, *WITHIN, status=2)
    assert "file.not_regular" in _codes(fifo)


def test_dev_zero_is_refused_without_reading(tmp_path: Path):
    """A device never ends: ``file.not_regular``, with nothing read."""
    _batch(tmp_path, "/dev/zero", *WITHIN, status=2)
    assert "file.not_regular" in _codes(Path("/dev/zero"))


# -- names that reach the summaries and the terminal ---------------------------------------------


@pytest.mark.parametrize("name", ["=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@SUM(A1)", '=HYPERLINK("http://x","y")'])
def test_formula_names_reach_the_summaries_as_text(tmp_path: Path, name: str):
    """A name a spreadsheet would run as a formula is written with a leading quote in every CSV cell."""
    path = _file(tmp_path, GOOD.replace("多治見市", f'"{name.replace(chr(34), chr(34) * 2)}"'))
    _batch(tmp_path, path, *WITHIN, status=0, writes=("out",))
    summary = (tmp_path / "out" / "summary.csv").read_text(encoding="utf-8-sig")
    line = next(line for line in summary.splitlines() if line.startswith(GIFU))
    cells = next(csv.reader([line]))
    assert cells[2] == "'" + name
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


@pytest.mark.parametrize("text", ["osc-title", "csi-clear", "c1-csi", "bidi-override"])
def test_terminal_controls_in_names_and_items_are_neither_run_nor_shown(tmp_path: Path, text: str):
    """A name with controls is refused (``answers.bad_name``); an item id with them is shown neutralised."""
    hostile = HOSTILE_TEXTS[text]
    path = _file(tmp_path, f"code,item,answer,name\n{GIFU},{ITEM},1,a{hostile}\n{NAGOYA},x{hostile},1,b\n")
    _batch(tmp_path, path, *WITHIN, status=2)
    assert "answers.unknown_item" in _codes(path)


# -- the output directory ------------------------------------------------------------------------


def test_out_an_existing_regular_file_is_never_replaced(tmp_path: Path):
    """``--out`` naming a regular file, even with ``--replace``: exit 2 and the file is as it was."""
    path = _file(tmp_path, GOOD)
    (tmp_path / "out").write_text("keep me", encoding="utf-8")
    shown = _batch(tmp_path, path, *WITHIN, "--replace", status=2)
    assert (tmp_path / "out").read_text(encoding="utf-8") == "keep me"
    assert "out" in shown


def test_out_a_directory_this_command_did_not_write_is_never_replaced(tmp_path: Path):
    """``--replace`` of a non-empty directory without the marker: exit 2, its files untouched."""
    path = _file(tmp_path, GOOD)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "thesis.txt").write_text("years of work", encoding="utf-8")
    _batch(tmp_path, path, *WITHIN, "--replace", status=2)
    assert (tmp_path / "out" / "thesis.txt").read_text(encoding="utf-8") == "years of work"


def test_out_a_symbolic_link_to_a_directory_is_never_replaced(tmp_path: Path):
    """``--replace`` through a symbolic link: exit 2, the link and its target as they were."""
    path = _file(tmp_path, GOOD)
    target = tmp_path / "elsewhere"
    target.mkdir()
    (target / "file.txt").write_text("x", encoding="utf-8")
    (tmp_path / "out").symlink_to(target)
    _batch(tmp_path, path, *WITHIN, "--replace", status=2)
    assert (tmp_path / "out").is_symlink()
