"""Hostile workbooks: every xlsx path refuses a malformed, hostile or oversized workbook with one problem.

Each workbook is built here with :mod:`zipfile`, part by part, and read through the command line
(``batch --layout``, ``batch`` with a wide ``.xlsx`` and ``--mapping``, ``layout init``) and through
the library (:func:`read_workbooks`, :func:`read_wide_xlsx`, :func:`draft`), with both cell readers.
"""

from __future__ import annotations

import functools
import io
import json
import os
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tajimi_rules.survey import _package as package
from tajimi_rules.survey import load_catalog, read_answers, read_wide_xlsx
from tajimi_rules.survey._draft import draft
from tajimi_rules.survey._workbooks import available_readers, read_workbooks

from .harness import api_hostile, run_hostile

pytest.importorskip("openpyxl")
READERS = available_readers()
CATALOG = load_catalog("r4")

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_KINDS = {
    "worksheet": f"{_REL}/worksheet",
    "chartsheet": f"{_REL}/chartsheet",
    "dialogsheet": f"{_REL}/dialogsheet",
    "macrosheet": "http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet",
}
MAPPING = {"sheet": "Q1", "first_row": 2, "code": "A", "name": "B", "items": {"D": "cio-adviser"}}
LAYOUT = {
    "id": "t",
    "files": [
        {
            "match": "*.xlsx",
            "sheets": [
                {
                    "sheet": "Q1",
                    "population": "municipalities",
                    "header_row": 1,
                    "first_row": 2,
                    "code": "A",
                    "name": "B",
                    "items": [{"item": "cio-adviser", "column": "D"}],
                }
            ],
        }
    ],
}
GOOD_ROWS = '<row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c></row><row r="2">{cells}</row>'
GOOD_CELLS = (
    '<c r="A2" t="inlineStr"><is><t>212041</t></is></c><c r="B2" t="inlineStr"><is><t>多治見市</t></is></c>'
    '<c r="D2" t="inlineStr"><is><t>任命している</t></is></c>'
)


def sheet_xml(rows: str = GOOD_ROWS.format(cells=GOOD_CELLS), dimension: str = "A1:D2", head: str = "") -> str:
    """A worksheet's XML around ``rows``."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{head}<worksheet xmlns="{_MAIN}">'
        f'<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
    )


def parts(
    sheets: tuple[tuple[str, str, str | bytes | None], ...] = (("Q1", "worksheet", sheet_xml()),),
) -> dict[str, bytes]:
    """The parts of a workbook with ``sheets`` (name, kind, XML; ``None``: the part is missing)."""
    found: dict[str, bytes] = {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
        b'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'spreadsheetml.sheet.main+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{_PACKAGE_REL}"><Relationship Id="rId1" '
        f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'.encode(),
    }
    entries, relations = [], []
    for index, (name, kind, xml) in enumerate(sheets, start=1):
        folder = "worksheets" if kind == "worksheet" else f"{kind}s"
        entries.append(f'<sheet name="{name}" sheetId="{index}" r:id="rId{index}"/>')
        relations.append(f'<Relationship Id="rId{index}" Type="{_KINDS[kind]}" Target="{folder}/sheet{index}.xml"/>')
        if xml is not None:
            found[f"xl/{folder}/sheet{index}.xml"] = xml.encode() if isinstance(xml, str) else xml
    found["xl/workbook.xml"] = (
        f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>{"".join(entries)}</sheets></workbook>'
    ).encode()
    found["xl/_rels/workbook.xml.rels"] = (
        f'<Relationships xmlns="{_PACKAGE_REL}">{"".join(relations)}</Relationships>'
    ).encode()
    return found


def zipped(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """The members as zip bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def patched(data: bytes, member: str, *, size: int | None = None, flags: int | None = None) -> bytes:
    """A zip whose ``member`` declares another unpacked ``size`` or other ``flags`` (local and central headers)."""
    out = bytearray(data)
    encoded = member.encode()
    for signature, size_at, flags_at, name_at in ((b"PK\x03\x04", 22, 6, 30), (b"PK\x01\x02", 24, 8, 46)):
        start = 0
        while (start := out.find(signature, start)) >= 0:
            length = struct.unpack_from("<H", out, start + (26 if signature == b"PK\x03\x04" else 28))[0]
            if bytes(out[start + name_at : start + name_at + length]) == encoded:
                if size is not None:
                    struct.pack_into("<I", out, start + size_at, size)
                if flags is not None:
                    struct.pack_into("<H", out, start + flags_at, flags)
            start += 4
    return bytes(out)


def cfb(stream_name: str) -> bytes:
    """An OLE compound file whose directory, after 8 KiB of sectors, names ``stream_name``.

    Excel stores an encrypted workbook as such a file with an ``EncryptedPackage`` stream; a legacy
    ``.xls`` has a ``Workbook`` stream.
    """
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 8184 + stream_name.encode("utf-16-le") + b"\0" * 512


CHARTSHEET = f'<chartsheet xmlns="{_MAIN}"><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>'
BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)


def _bomb() -> bytes:
    return zipped({**parts(), "xl/worksheets/sheet1.xml": sheet_xml().encode() + b" " * (4 * 1024 * 1024)})


def _declared_small() -> bytes:
    return patched(_bomb(), "xl/worksheets/sheet1.xml", size=4000)


def _many_strings() -> bytes:
    strings = "".join(f"<si><t>{n}</t></si>" for n in range(package.MAX_SHARED_STRINGS + 1))
    table = f'<sst xmlns="{_MAIN}">{strings}</sst>'.encode()
    return zipped({**parts(), "xl/sharedStrings.xml": table}, zipfile.ZIP_STORED)


def _twice() -> bytes:
    """A zip holding the sheet part twice: a hostile first copy, a harmless second (the one zipfile finds)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("XL/worksheets/sheet1.xml", sheet_xml(head=BILLION_LAUGHS))
        for name, data in parts().items():
            archive.writestr(name, data)
    return out.getvalue()


def _formula_rows() -> str:
    formula = '<c r="D2" t="str"><f>CONCATENATE("任命","している")</f></c>'
    return GOOD_ROWS.format(cells=GOOD_CELLS.split('<c r="D2"', maxsplit=1)[0] + formula)


# name -> (workbook bytes, the problem code, and the code a wide workbook's reader gives where it differs)
CASES: dict[str, tuple[Callable[[], bytes], str]] = {
    "not-a-zip": (lambda: b"name,code\n" * 20, "workbook.not_zip"),
    "encrypted-ole": (lambda: cfb("EncryptedPackage"), "workbook.encrypted"),
    "legacy-xls": (lambda: cfb("Workbook"), "workbook.legacy_xls"),
    "billion-laughs": (
        lambda: zipped({**parts((("Q1", "worksheet", sheet_xml(head=BILLION_LAUGHS)),))}),
        "workbook.xml_entities",
    ),
    "external-entity": (
        lambda: zipped(
            parts((("Q1", "worksheet", sheet_xml(head='<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>')),))
        ),
        "workbook.xml_entities",
    ),
    "doctype-after-long-comment": (
        lambda: zipped(parts((("Q1", "worksheet", sheet_xml(head="<!--" + "x" * 9000 + "--><!DOCTYPE x>")),))),
        "workbook.xml_entities",
    ),
    "doctype-in-utf16": (
        lambda: zipped(parts((("Q1", "worksheet", ("\ufeff" + sheet_xml(head=BILLION_LAUGHS)).encode("utf-16-le")),))),
        "workbook.xml_entities",
    ),
    "doctype-in-relationships": (
        lambda: zipped({**parts(), "_rels/.rels": b"<!DOCTYPE r [<!ENTITY a 'b'>]>" + parts()["_rels/.rels"]}),
        "workbook.xml_entities",
    ),
    "undefined-entity": (
        lambda: zipped(parts((("Q1", "worksheet", sheet_xml(GOOD_ROWS.format(cells='<c r="A2"><v>&nope;</v></c>'))),))),
        "workbook.entity_reference",
    ),
    "truncated-sheet-xml": (lambda: zipped(parts((("Q1", "worksheet", sheet_xml()[:-40]),))), "workbook.unreadable"),
    "truncated-workbook-xml": (
        lambda: zipped({**parts(), "xl/workbook.xml": parts()["xl/workbook.xml"][:-20]}),
        "workbook.unreadable",
    ),
    "damaged-part": (
        lambda: zipped(parts(), zipfile.ZIP_STORED).replace(b"<sheetData>", b"<sheetDatX>", 1),
        "workbook.unreadable",
    ),
    "zip-bomb-ratio": (_bomb, "workbook.compression_ratio"),
    "declared-smaller-than-real": (_declared_small, "workbook.size_mismatch"),
    "declared-over-the-total": (
        lambda: patched(zipped(parts()), "xl/worksheets/sheet1.xml", size=package.MAX_UNPACKED + 1),
        "workbook.too_large",
    ),
    "too-many-parts": (
        lambda: zipped({**parts(), **{f"customXml/item{n}.xml": b"" for n in range(package.MAX_PARTS)}}),
        "workbook.too_many_parts",
    ),
    "bzip2-part": (lambda: zipped(parts(), zipfile.ZIP_BZIP2), "workbook.compression"),
    "encrypted-part": (lambda: patched(zipped(parts()), "xl/worksheets/sheet1.xml", flags=1), "workbook.encrypted"),
    "huge-shared-strings": (_many_strings, "workbook.shared_strings"),
    "row-beyond-excel": (
        lambda: zipped(parts((("Q1", "worksheet", sheet_xml('<row r="2000000"><c r="A2000000"><v>1</v></c></row>')),))),
        "workbook.sheet_extent",
    ),
    "no-workbook-part": (
        lambda: zipped({k: v for k, v in parts().items() if k.startswith(("[", "_rels"))}),
        "workbook.structure",
    ),
    "part-name-twice": (_twice, "workbook.structure"),
    "sheet-part-missing": (lambda: zipped(parts((("Q1", "worksheet", None),))), "workbook.structure"),
    "chartsheet-named": (lambda: zipped(parts((("Q1", "chartsheet", CHARTSHEET),))), "workbook.not_worksheet"),
    "dialog-sheet-named": (lambda: zipped(parts((("Q1", "dialogsheet", sheet_xml()),))), "workbook.not_worksheet"),
    "macro-sheet-named": (lambda: zipped(parts((("Q1", "macrosheet", sheet_xml()),))), "workbook.not_worksheet"),
    "sheet-missing": (lambda: zipped(parts((("Other", "worksheet", sheet_xml()),))), "workbook.missing_sheet"),
}
_WIDE_CODE = {"workbook.not_zip": "answers.not_xlsx", "workbook.missing_sheet": "answers.missing_sheet"}
_BATCH = ("--catalog", "r4", "--grade-within-observed")


@pytest.fixture
def layout_file(tmp_path: Path) -> Path:
    path = tmp_path / "layout.json"
    path.write_text(json.dumps(LAYOUT))
    return path


@pytest.fixture
def mapping_file(tmp_path: Path) -> Path:
    path = tmp_path / "mapping.json"
    path.write_text(json.dumps(MAPPING))
    return path


def _written(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_library_refuses_each_hostile_workbook_with_one_problem(tmp_path: Path, case: str) -> None:
    """read_workbooks (each reader), read_wide_xlsx and draft each give the case's one problem, never raise."""
    make, code = CASES[case]
    path = _written(tmp_path, "book.xlsx", make())
    for reader in READERS:
        read = api_hostile(functools.partial(read_workbooks, path, LAYOUT, CATALOG, reader=reader))
        assert not isinstance(read, BaseException), read
        assert [p.code for p in read.errors] == [code], (reader, read.errors)
        assert read.errors[0].file is not None and read.errors[0].message_ja
        assert read.answers.bodies == ()
    wide = api_hostile(lambda: read_wide_xlsx(path, CATALOG, MAPPING))
    assert not isinstance(wide, BaseException), wide
    assert [p.code for p in wide.errors] == [_WIDE_CODE.get(code, code)]
    drafted = api_hostile(lambda: draft(path))
    assert not isinstance(drafted, BaseException), drafted
    if code not in ("workbook.not_worksheet", "workbook.missing_sheet"):
        assert [p.code for p in drafted.problems] == [code]
    assert drafted.layout["files"] == []


@pytest.mark.parametrize("case", ["billion-laughs", "zip-bomb-ratio", "chartsheet-named", "truncated-sheet-xml"])
@pytest.mark.parametrize("reader", READERS)
def test_batch_with_a_layout_refuses_with_exit_2(tmp_path: Path, layout_file: Path, case: str, reader: str) -> None:
    """A batch with --layout on a hostile workbook exits 2, names the problem, writes nothing."""
    make, _ = CASES[case]
    path = _written(tmp_path, "book.xlsx", make())
    [expected] = read_workbooks(path, LAYOUT, CATALOG, reader=reader).errors  # type: ignore[arg-type]
    result = run_hostile(
        "batch",
        path,
        "--layout",
        layout_file,
        "--reader",
        reader,
        "--out",
        tmp_path / "out",
        *_BATCH,
        root=tmp_path,
        status=2,
    )
    assert expected.text("en") in result.stderr


@pytest.mark.parametrize(
    "case", ["encrypted-ole", "external-entity", "declared-smaller-than-real", "macro-sheet-named"]
)
def test_batch_with_a_wide_workbook_refuses_with_exit_2(tmp_path: Path, mapping_file: Path, case: str) -> None:
    """A batch of answers.xlsx with --mapping on a hostile workbook exits 2, names the problem, writes nothing."""
    make, _ = CASES[case]
    path = _written(tmp_path, "answers.xlsx", make())
    [expected] = read_wide_xlsx(path, CATALOG, MAPPING).errors
    result = run_hostile(
        "batch", path, "--mapping", mapping_file, "--out", tmp_path / "out", *_BATCH, root=tmp_path, status=2
    )
    assert expected.text("en") in result.stderr


@pytest.mark.parametrize("case", ["legacy-xls", "doctype-in-utf16", "encrypted-part", "no-workbook-part"])
def test_layout_init_refuses_with_exit_2(tmp_path: Path, case: str) -> None:
    """A layout init on a hostile workbook exits 2 with the problem's code and writes no draft."""
    make, code = CASES[case]
    path = _written(tmp_path, "book.xlsx", make())
    run_hostile("layout", "init", path, "--out", tmp_path / "draft", root=tmp_path, status=2, codes=[code])


def _huge_dimension(last_cell: str) -> bytes:
    rows = GOOD_ROWS.format(cells=GOOD_CELLS) + f'<row r="1048576"><c r="{last_cell}"><v>7</v></c></row>'
    return zipped(parts((("Q1", "worksheet", sheet_xml(rows, dimension="A1:XFD1048576")),)))


@pytest.mark.parametrize("last_cell", ["A1048576", "XFD1048576"])
@pytest.mark.parametrize("reader", READERS)
def test_a_huge_dimension_costs_only_the_cells_there_are(tmp_path: Path, last_cell: str, reader: str) -> None:
    """A sheet claiming A1:XFD1048576 with a cell in its last row is read by its cells, quickly, with its body."""
    path = _written(tmp_path, "book.xlsx", _huge_dimension(last_cell))
    read = api_hostile(lambda: read_workbooks(path, LAYOUT, CATALOG, reader=reader), timeout=20)  # type: ignore[arg-type]
    assert not isinstance(read, BaseException), read
    assert [body.code for body in read.answers.bodies] == ["212041"]
    wide = api_hostile(lambda: read_wide_xlsx(path, CATALOG, MAPPING), timeout=20)
    assert not isinstance(wide, BaseException), wide
    assert [body.code for body in wide.bodies] == ["212041"]
    # The cell far down in column A is read as a code, and refused as one: it was read, not skipped.
    assert [p.code for p in wide.errors] == (["answers.bad_code"] if last_cell == "A1048576" else [])


def test_batch_on_the_huge_dimension_finishes(tmp_path: Path, mapping_file: Path) -> None:
    """A batch of the 1.6 KB workbook claiming XFD1048576 answers well within its hang guard."""
    path = _written(tmp_path, "answers.xlsx", _huge_dimension("XFD1048576"))
    run_hostile(
        "batch",
        path,
        "--mapping",
        mapping_file,
        "--out",
        tmp_path / "out",
        *_BATCH,
        root=tmp_path,
        status=0,
        writes=["out"],
        timeout=30,
    )


def test_formula_cells_without_values_are_one_warning_naming_them(tmp_path: Path, mapping_file: Path) -> None:
    """A formula cell the mapping reads, saved without a value, is a warning naming the cell, not a silent blank.

    With ``--strict`` it stops the batch: the answer in that cell was not read.
    """
    path = _written(tmp_path, "answers.xlsx", zipped(parts((("Q1", "worksheet", sheet_xml(_formula_rows())),))))
    wide = read_wide_xlsx(path, CATALOG, MAPPING)
    [warning] = [p for p in wide.problems if p.code == "workbook.formula_without_value"]
    assert "D2" in warning.message and "D2" in (warning.message_ja or "")
    for reader in READERS:
        read = read_workbooks(path, LAYOUT, CATALOG, reader=reader)
        assert [p.code for p in read.problems if p.code.startswith("workbook.formula")] == [
            "workbook.formula_without_value"
        ]
    result = run_hostile(
        "batch",
        path,
        "--mapping",
        mapping_file,
        "--out",
        tmp_path / "out",
        *_BATCH,
        root=tmp_path,
        status=0,
        writes=["out"],
    )
    assert warning.text("en") in result.stderr
    strict = run_hostile(
        "batch",
        path,
        "--mapping",
        mapping_file,
        "--out",
        tmp_path / "strict",
        *_BATCH,
        "--strict",
        root=tmp_path,
        status=2,
        codes=["workbook.formula_without_value"],
    )
    assert "--strict" in strict.stderr


@pytest.mark.parametrize(
    ("bound", "code", "make"),
    [
        ("MAX_CELLS", "workbook.too_many_cells", lambda: zipped(parts())),
        (
            "MAX_SHARED_BYTES",
            "workbook.shared_strings",
            lambda: zipped({**parts(), "xl/sharedStrings.xml": b"<sst/>" * 4}),
        ),
    ],
)
def test_each_bound_refuses_what_passes_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, bound: str, code: str, make: Callable[[], bytes]
) -> None:
    """With a bound lowered below a small workbook's content, that workbook is refused with the bound's problem."""
    monkeypatch.setattr(package, bound, 2)
    path = _written(tmp_path, "book.xlsx", make())
    data = path.read_bytes()
    with pytest.raises(package.Refused) as refused:
        package.inspect_package("book.xlsx", data)
    assert refused.value.problem.code == code


def test_a_set_member_declared_too_large_is_refused(tmp_path: Path, layout_file: Path) -> None:
    """A workbook inside a zip set that declares more than the bound unpacked is refused before it is unpacked."""
    inner = zipped(parts())
    outer = patched(zipped({"a.xlsx": inner, "b.txt": b"note"}), "a.xlsx", size=package.MAX_UNPACKED + 1)
    path = _written(tmp_path, "set.zip", outer)
    read = read_workbooks(path, LAYOUT, CATALOG)
    assert [p.code for p in read.errors] == ["workbook.too_large"]


@pytest.mark.parametrize(
    ("name", "stream", "code"),
    [("answers.xls", "Workbook", "workbook.legacy_xls"), ("answers.csv", "EncryptedPackage", "workbook.encrypted")],
)
def test_an_ole_file_given_as_answers_is_never_read_as_text(tmp_path: Path, name: str, stream: str, code: str) -> None:
    """A legacy .xls or an encrypted workbook given as answers, whatever its name, is its one problem."""
    path = _written(tmp_path, name, cfb(stream))
    answers = api_hostile(lambda: read_answers(path, CATALOG))
    assert not isinstance(answers, BaseException), answers
    assert [p.code for p in answers.errors] == [code]
    result = run_hostile("batch", path, "--out", tmp_path / "out", *_BATCH, root=tmp_path, status=2)
    assert answers.errors[0].text("en") in result.stderr


def test_a_fifo_named_like_a_workbook_is_refused_unread(tmp_path: Path, layout_file: Path) -> None:
    """A fifo as the workbook, or inside a folder of workbooks, is refused without waiting for a writer."""
    fifo = tmp_path / "book.xlsx"
    os.mkfifo(fifo)
    folder = tmp_path / "set"
    folder.mkdir()
    os.mkfifo(folder / "a.xlsx")
    for source in (fifo, folder):
        read = api_hostile(functools.partial(read_workbooks, source, LAYOUT, CATALOG), timeout=10)
        assert not isinstance(read, BaseException), read
        assert [p.code for p in read.errors] == ["file.not_regular"]
    run_hostile(
        "layout",
        "init",
        fifo,
        "--out",
        tmp_path / "draft",
        root=tmp_path,
        status=2,
        codes=["file.not_regular"],
        timeout=10,
    )


@pytest.mark.parametrize(
    ("rows", "reach"),
    [
        (GOOD_ROWS.format(cells=GOOD_CELLS), (9, 4)),  # two rows: at most 9 (one digit), column D
        ('<x:row r="5"><x:c r="XFD5"/></x:row>', (9, 16384)),  # a prefixed cell far right
        ('<row r="1"><c r="C1"/><c r="AB1"/><c r="B1"/></row>', (9, 28)),  # cells out of order
        ("<row><c/><c/><c/></row><row><c/></row>", (2, 4)),  # cells that do not say where they are
    ],
)
def test_the_reach_is_found_from_the_cells_never_the_dimension(rows: str, reach: tuple[int, int]) -> None:
    """A sheet's reach comes from its cells (counted generously), whatever its <dimension> claims."""
    data = zipped(parts((("Q1", "worksheet", sheet_xml(rows, dimension="A1:XFD1048576")),)))
    [sheet] = package.inspect_package("book.xlsx", data).sheets
    assert (sheet.rows, sheet.columns) == reach


def _two_workbooks() -> bytes:
    """A package whose relationships name xl/book2.xml, beside an unrelated xl/workbook.xml with a wide sheet."""
    related = parts()
    stray_rows = (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>212059</t></is></c><c r="D2" t="inlineStr"><is><t>予定なし</t></is>'
        '</c></row><row r="200"><c r="XFD200"><v>1</v></c></row>'
    )
    members = {
        **related,
        "_rels/.rels": related["_rels/.rels"].replace(b"xl/workbook.xml", b"xl/book2.xml"),
        "xl/book2.xml": related["xl/workbook.xml"],
        "xl/_rels/book2.xml.rels": related["xl/_rels/workbook.xml.rels"],
        "xl/_rels/workbook.xml.rels": related["xl/_rels/workbook.xml.rels"].replace(b"sheet1", b"sheet9"),
        "xl/worksheets/sheet9.xml": sheet_xml(stray_rows).encode(),
    }
    return zipped(members)


def test_a_package_naming_two_workbook_parts_is_refused(tmp_path: Path) -> None:
    """Relationships naming one workbook part and the usual name another: refused, as the readers would differ."""
    path = _written(tmp_path, "book.xlsx", _two_workbooks())
    for reader in READERS:
        read = api_hostile(functools.partial(read_workbooks, path, LAYOUT, CATALOG, reader=reader))
        assert not isinstance(read, BaseException), read
        assert [p.code for p in read.errors] == ["workbook.structure"]
    assert [p.code for p in read_wide_xlsx(path, CATALOG, MAPPING).errors] == ["workbook.structure"]


def test_a_wide_part_outside_the_workbook_is_measured_too() -> None:
    """An XML part no relationship names is measured like a sheet, so no reader reads one whole past the bound."""
    wide = sheet_xml('<row r="200"><c r="XFD200"><v>1</v></c></row>').encode()
    found = package.inspect_package("book.xlsx", zipped({**parts(), "xl/worksheets/sheet9.xml": wide}))
    assert found.stray_area == 999 * 16384 > package.MAX_AREA  # row 200: at most 999 rows; column XFD
