"""Answers files whose encoding is mixed: refused with the lines at fault, never read as mojibake.

The rule (``tajimi_rules.survey._csv.decode``): a file valid as UTF-8 is UTF-8; a file with a
line of valid non-ASCII UTF-8 and a line that is not UTF-8 mixes encodings and is refused
(``answers.mixed_encoding``, the lines listed); a file with no non-ASCII UTF-8 line is cp932
when it decodes whole, else refused (``answers.encoding``, the lines listed). The Shift_JIS
bytes here are real: the text encoded with Python's cp932 codec.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import tajimi_rules as tr
from tajimi_rules.survey._csv import decode

from .harness import run_hostile

HEADER = "code,item,answer,name,prefecture\n"
UTF8_ROWS = "212041,cio-adviser,導入済み,多治見市,岐阜県\n212041,csirt,予定なし,多治見市,岐阜県\n"
SJIS_ROW = "212199,cio-adviser,済,大野町,岐阜県\n"


@pytest.fixture(scope="module")
def catalog() -> tr.survey.Catalog:
    """The shipped R4 catalog."""
    return tr.survey.load_catalog("r4")


def _mixed(sjis_rows: int = 1) -> bytes:
    """A UTF-8 answers file with ``sjis_rows`` Shift_JIS rows after its UTF-8 rows (lines 4, 5, ...)."""
    return (HEADER + UTF8_ROWS).encode("utf-8") + SJIS_ROW.encode("cp932") * sjis_rows


def test_shift_jis_bytes_are_real_and_not_utf8() -> None:
    """The Shift_JIS row is 大野町 in cp932 (0x91 0xe5 ...), which no UTF-8 decoder accepts."""
    row = SJIS_ROW.encode("cp932")
    assert "大野町".encode("cp932") in row and b"\x91\xe5" in row
    with pytest.raises(UnicodeDecodeError):
        row.decode("utf-8")


def test_one_shift_jis_row_in_a_utf8_file_is_refused_with_its_line(catalog: tr.survey.Catalog) -> None:
    """The whole file is not decoded as cp932 (mojibake): the one row is named, at line 4."""
    answers = tr.survey.read_long_csv(_mixed(), catalog, name="mixed.csv")
    (problem,) = answers.problems
    assert (problem.code, problem.file, problem.line) == ("answers.mixed_encoding", "mixed.csv", 4)
    assert "line 4," in problem.message and "1行（4）は" in (problem.message_ja or "")
    assert answers.bodies == ()


def test_many_offending_lines_are_grouped() -> None:
    """Twelve Shift_JIS rows are one problem naming the first eight lines and how many more."""
    found = decode(_mixed(12), None, "mixed.csv")
    assert isinstance(found, tr.Problem)
    assert found.code == "answers.mixed_encoding"
    assert "lines 4, 5, 6, 7, 8, 9, 10, 11 and 4 more, which are not" in found.message


def test_a_whole_shift_jis_file_is_still_read_as_cp932(catalog: tr.survey.Catalog) -> None:
    """A file all in Shift_JIS (no line of non-ASCII UTF-8) is read as cp932, names intact."""
    answers = tr.survey.read_long_csv((HEADER + UTF8_ROWS + SJIS_ROW).encode("cp932"), catalog)
    assert answers.problems == ()
    assert {body.name for body in answers.bodies} == {"多治見市", "大野町"}


def test_a_file_valid_in_neither_encoding_names_every_bad_line() -> None:
    """Bytes that neither UTF-8 nor cp932 decode are answers.encoding, at the first bad byte, listing the lines."""
    data = (HEADER + "212041,a,b\n").encode() + b"212041,cio-adviser,\x81\x7f\n" + b"x\n" + b"\x81\n"
    found = decode(data, None, "bad.csv")
    assert isinstance(found, tr.Problem)
    assert (found.code, found.line, found.column) == ("answers.encoding", 3, 20)
    assert found.message == "the file cannot be decoded as UTF-8 / Shift_JIS (cp932): lines 3, 5"


def test_a_named_encoding_is_the_only_one_tried() -> None:
    """Naming UTF-8 refuses line 4; naming cp932 refuses the UTF-8 lines cp932 cannot decode."""
    refused = decode(_mixed(), "utf-8", "mixed.csv")
    assert isinstance(refused, tr.Problem)
    assert (refused.code, refused.line, refused.fields["lines"]) == ("answers.encoding", 4, "4")
    as_cp932 = decode(_mixed(), "cp932", "mixed.csv")
    assert isinstance(as_cp932, tr.Problem)
    assert (as_cp932.code, as_cp932.fields["lines"]) == ("answers.encoding", "2, 3")


def test_an_ascii_file_with_one_shift_jis_row_is_cp932() -> None:
    """With no non-ASCII UTF-8 anywhere, a Shift_JIS row makes the file cp932, not mixed."""
    decoded = decode((HEADER + "212041,cio-adviser,yes,Tajimi,Gifu\n").encode() + SJIS_ROW.encode("cp932"), None, "f")
    assert decoded == HEADER + "212041,cio-adviser,yes,Tajimi,Gifu\n" + SJIS_ROW


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_batch_refuses_a_mixed_file_and_writes_nothing(tmp_path: Path, lang: str) -> None:
    """``batch`` exits 2 on a mixed file, the problem located at line 4, and writes no output."""
    source = tmp_path / "mixed.csv"
    source.write_bytes(_mixed())
    result = run_hostile(
        "batch", source, "--catalog", "r4", "--out", tmp_path / "out", "--lang", lang,
        root=tmp_path, status=2,
    )  # fmt: skip
    (line,) = [line for line in result.stderr.splitlines() if line.startswith(f"{source}:4:")]
    assert {"en": "the file mixes text encodings", "ja": "文字エンコーディングが混在"}[lang] in line
    assert "螟ァ驥守伴" not in result.stderr + result.stdout  # 大野町 read as cp932 would be mojibake
