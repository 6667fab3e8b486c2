"""Reading a set of published workbooks through a layout: one set of answers per body.

:func:`read_workbooks` takes a zip of ``.xlsx`` files, a folder of them, or one ``.xlsx``; reads
every sheet the :class:`~tajimi_rules.survey.Layout`-to-be names (see :mod:`._layout`); and merges
all sheets into one row of answers per body, in catalog order. What it refuses it reports as
problems, never as exceptions:

* a source that is not a zip, folder or workbook; a workbook that is malformed, hostile or
  oversized, refused by :func:`~._package.inspect_package` before any cell reader sees it
  (encrypted or legacy ``.xls``, zip bombs, parts cut short, ``DOCTYPE`` and entities, huge
  shared-strings tables or cell counts), one problem per workbook;
* a file or sheet the layout names and the set lacks, a chartsheet, dialog sheet or macro sheet
  named where answers must be, a sheet whose XML is damaged (each found when the sheet is read,
  and reported as a problem too);
* formula cells the layout reads that were saved without a value: one **warning** per sheet
  naming them (they are read as blank, that is not answered; the warning does not stop a run);
* a malformed code (see :func:`normalize_code`), a body on a sheet of the other population, an
  answer text the column's reading does not know: each with file, sheet and cell;
* a **conflict**: the same body and item answered differently in two places (both named).

Rows without a code (全国計, notes) are skipped and counted; 5-digit codes are completed with
their check digit, and numbers that lost a leading zero get it back, and both are counted.
Catalog items no column maps to, and header columns no item maps to, are listed and reported as
warnings.

The cells are read by python-calamine (a Rust reader, the ``xlsx`` extra) where it is installed,
else by openpyxl in read-only mode; ``reader=`` chooses. Only the cells a sheet holds are read,
never the area its ``<dimension>`` claims (see :class:`Cells`). The benchmark
``benchmarks/bench_read_workbooks.py`` measures both on a national-size set.
"""

from __future__ import annotations

import fnmatch
import importlib
import io
import os
import unicodedata
import warnings
import zipfile
import zlib
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, NamedTuple

import attrs

from .._arguments import check_callable, check_choice, check_source
from .._texts import Lang, text
from ..documents._jsonio import path_problem
from ..documents._loaders import check_catalog
from ..errors import Phrase, Problem, Severity, phrase
from ..model import Catalog
from ..model._layout import Layout, LayoutSheet, Meaning, Reading, column_letters, column_number
from ._answers import PREFECTURES, Answers, Body
from ._codes import Code, CodeFault, code_digits, normalize_code
from ._grouping import problem
from ._layout import load_layout
from ._package import MAX_AREA, MAX_RATIO, MAX_UNPACKED, Package, Refused, SheetPart, inspect_package, not_a_workbook

__all__ = [
    "MAX_SET",
    "MAX_UNPACKED",
    "SPARSE_COLUMNS",
    "Cells",
    "Member",
    "ReaderName",
    "SheetSummary",
    "SkippedRow",
    "UnmappedColumn",
    "WorkbookRead",
    "available_readers",
    "damaged",
    "formula_warning",
    "not_worksheet",
    "open_member",
    "open_members",
    "read_workbooks",
]

ReaderName = Literal["calamine", "openpyxl"]
"""The libraries that can read the cells."""

_READER_MODULES: Mapping[ReaderName, str] = {"calamine": "python_calamine", "openpyxl": "openpyxl"}
READERS: tuple[ReaderName, ...] = tuple(_READER_MODULES)
"""Every cell reader's name, installed or not."""
_UNSEEN = object()
_FORMULAS_SHOWN = 5
SPARSE_COLUMNS = 256
"""The fewest columns read of a sheet read row by row (beyond the columns the layout reads)."""
MAX_SET = 4 * MAX_UNPACKED
"""The most bytes the workbooks of one zip may unpack to together."""


@attrs.frozen
class SheetSummary:
    """What one sheet gave: its rows with a body, the bodies, the rows skipped for having no code."""

    file: str
    sheet: str
    population: str
    rows: int
    bodies: int
    skipped: int


@attrs.frozen
class SkippedRow:
    """A row without a code (a totals row, a note), and the text it held."""

    file: str
    sheet: str
    row: int
    text: str


@attrs.frozen
class UnmappedColumn:
    """A header column of a sheet that no item of the layout is read from."""

    file: str
    sheet: str
    column: str
    header: str
    row: int


@attrs.frozen(kw_only=True)
class WorkbookRead:
    """What reading a set of workbooks gave: the answers, and an account of what was read.

    ``meanings`` follows ``answers.answers`` (per body, per catalog item) with the finer
    :class:`Meaning` (not applicable and on trial told apart). ``completed`` counts codes given
    with 5 digits and completed with their check digit; ``restored`` those that had lost a
    leading zero.
    """

    answers: Answers
    meanings: tuple[tuple[Meaning, ...], ...]
    reader: ReaderName | None
    files: tuple[str, ...] = ()
    sheets: tuple[SheetSummary, ...] = ()
    skipped: tuple[SkippedRow, ...] = ()
    completed: int = 0
    restored: int = 0
    unmapped_items: tuple[str, ...] = ()
    unmapped_columns: tuple[UnmappedColumn, ...] = ()

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Every problem found, errors and warnings."""
        return self.answers.problems

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems of severity error."""
        return self.answers.errors

    @property
    def rows(self) -> int:
        """The rows that held a body, over every sheet."""
        return sum(sheet.rows for sheet in self.sheets)

    def summary(self, lang: Lang | str = "en") -> str:
        """One sentence: files, sheets, rows and bodies read, rows skipped, codes completed and restored."""
        return text(
            "workbook.summary",
            lang,
            files=len(self.files),
            sheets=len(self.sheets),
            rows=self.rows,
            bodies=len(self.answers.bodies),
            skipped=len(self.skipped),
            completed=self.completed,
            restored=self.restored,
        )


def available_readers() -> tuple[ReaderName, ...]:
    """The cell readers installed, fastest first."""
    found: list[ReaderName] = []
    for name, module in _READER_MODULES.items():
        try:
            importlib.import_module(module)
        except ImportError:
            continue
        found.append(name)
    return tuple(found)


# -- the set of workbooks ----------------------------------------------------------------------


@attrs.frozen
class Member:
    """One workbook of the set: its display name, the name patterns match, and how to get its bytes."""

    name: str
    key: str
    load: Callable[[], bytes]


def _nfkc(value: str) -> str:
    return unicodedata.normalize("NFKC", value)


def _zip_name(info: zipfile.ZipInfo) -> str:
    """A member's name: zips made on Japanese Windows store cp932 names without saying so."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("cp932")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _zip_members(path: Path, archive: zipfile.ZipFile) -> tuple[list[Member], list[Problem]]:
    members: list[Member] = []
    infos = [
        info
        for info in archive.infolist()
        if not info.is_dir()
        and _zip_name(info).lower().endswith(".xlsx")
        and not Path(_zip_name(info)).name.startswith(("~$", "."))
    ]
    # The set is a zip too: each workbook in it is held to the bounds before it is unpacked.
    total = sum(info.file_size for info in infos)
    if total > MAX_SET:
        found = problem(
            "workbook.too_large",
            file=str(path),
            expected=f"<= {MAX_SET}",
            found=str(total),
            part="-",
            size=total,
            limit=MAX_SET,
        )
        return [], [found]
    for info in infos:
        name = _zip_name(info)

        def load(info: zipfile.ZipInfo = info) -> bytes:
            if info.file_size > MAX_UNPACKED or info.file_size // max(info.compress_size, 1) > MAX_RATIO:
                raise Refused(
                    problem(
                        "workbook.too_large",
                        file=f"{path.name}/{_zip_name(info)}",
                        expected=f"<= {MAX_UNPACKED}",
                        found=str(info.file_size),
                        part="-",
                        size=info.file_size,
                        limit=MAX_UNPACKED,
                    )
                )
            return archive.read(info)

        members.append(Member(f"{path.name}/{name}", _nfkc(Path(name).name), load))
    return members, []


def _file_loader(path: Path, shown: str) -> Callable[[], bytes]:
    """A workbook file's bytes, read only when it is a regular file within the bounds."""

    def load() -> bytes:
        fault = path_problem(path, shown, MAX_UNPACKED, wanted="workbook.words.xlsx")
        if fault is not None:
            raise Refused(fault)
        return path.read_bytes()

    return load


def _members(source: Path) -> tuple[list[Member], list[Problem]]:
    """The workbooks of a zip, a folder, or a single workbook."""
    name = str(source)
    try:
        folder = source.is_dir()
    except (OSError, ValueError):  # a name too long, say: path_problem below words it
        folder = False
    if folder:
        found = sorted(p for p in source.rglob("*.xlsx") if not p.name.startswith(("~$", ".")))
        return [
            Member(str(p.relative_to(source)), _nfkc(p.name), _file_loader(p, str(p.relative_to(source))))
            for p in found
        ], []
    fault = path_problem(source, name, MAX_UNPACKED, wanted="workbook.words.source")
    if fault is not None:
        if fault.code == "file.missing":
            expected = phrase("workbook.words.source")
            return [], [problem("workbook.missing", file=name, expected=expected, found=name)]
        return [], [fault]
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        with open(source, "rb") as stream:
            head = stream.read(4096)
            # A compound file (encrypted or .xls) names its streams in a directory anywhere in it.
            whole = head + stream.read() if head.startswith(b"\xd0\xcf\x11\xe0") else head
        return [], [not_a_workbook(name, whole, error)]
    if "[Content_Types].xml" in archive.namelist():  # the source is itself a workbook
        archive.close()
        return [Member(source.name, _nfkc(source.name), _file_loader(source, source.name))], []
    return _zip_members(source, archive)


# -- the cell readers --------------------------------------------------------------------------

Rows = Sequence[Sequence[object]]
_GAP: tuple[object, ...] = ()


def damaged(name: str, part: str, error: Exception) -> Problem:
    """A workbook that passed the package checks and still failed to read: damaged XML, mostly."""
    found = type(error).__name__
    return problem("workbook.unreadable", file=name, found=found, part=part, error=str(error) or found)


class Cells:
    """One open workbook: its sheet names and kinds, and each sheet's rows from row 1 and column A.

    A sheet whose cells reach no further than :data:`MAX_AREA` cells is read whole by the chosen
    reader; a larger one (a stray cell far out, a sheet claiming XFD1048576) row by row through
    openpyxl, only as many columns as asked for and only the rows that hold cells, so its claimed
    size costs nothing.
    """

    def __init__(self, reader: ReaderName, data: bytes, package: Package, name: str = "") -> None:
        self.reader, self.data, self.package, self.file = reader, data, package, name
        self.names: list[str] = package.names
        self._books: dict[ReaderName, Any] = {}  # each reader opens the workbook when first asked

    def _book(self, reader: ReaderName) -> Any:
        if reader not in self._books:
            module = importlib.import_module(_READER_MODULES[reader])
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                if reader == "calamine":
                    self._books[reader] = module.CalamineWorkbook.from_filelike(io.BytesIO(self.data))
                else:
                    self._books[reader] = module.load_workbook(io.BytesIO(self.data), read_only=True, data_only=True)
        return self._books[reader]

    def kind(self, name: str) -> str:
        """The sheet's kind: worksheet, chartsheet, dialogsheet, macrosheet."""
        sheet = self.package.sheet(name)
        return sheet.kind if sheet is not None else "unknown"

    def active(self) -> str:
        """The name of the sheet the workbook opens at."""
        title: str = self._book("openpyxl").active.title
        return title

    def rows(self, name: str, width: int | None = None) -> Rows:
        """The sheet's rows (a row without cells is empty); :class:`Refused` when it cannot be read."""
        sheet = self.package.sheet(name)
        assert sheet is not None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                if sheet.area <= MAX_AREA:
                    # calamine finds parts by their usual names: any part it might read must be small too.
                    if self.reader == "calamine" and self.package.stray_area <= MAX_AREA:
                        book = self._book("calamine")
                        rows: Rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
                        return rows
                    return self._openpyxl_rows(name, None)
                if "openpyxl" not in available_readers():
                    reach = f"{sheet.rows} x {sheet.columns}"
                    raise Refused(
                        problem(
                            "workbook.sheet_extent",
                            file=self.file,
                            part=sheet.part,
                            expected=f"<= {MAX_AREA} cells",
                            found=reach,
                            sheet=name,
                            reach=reach,
                        )
                    )
                return self._openpyxl_rows(name, max(width or 0, SPARSE_COLUMNS))
        except Refused:
            raise
        except Exception as error:  # the readers raise many kinds for damaged XML
            raise Refused(damaged(self.file, sheet.part, error)) from None

    def _openpyxl_rows(self, name: str, width: int | None) -> Rows:
        worksheet = self._book("openpyxl")[name]
        worksheet.reset_dimensions()  # never the <dimension> the sheet claims
        rows: list[Sequence[object]] = []
        gap: object = None
        for values in worksheet.iter_rows(min_row=1, max_col=width, values_only=True):
            # Rows without cells come as one shared tuple: told apart by identity, not by reading it.
            if values is gap or not values:
                rows.append(_GAP)
            elif width is not None and values.count(None) == len(values):
                gap = values
                rows.append(_GAP)
            else:
                rows.append(values)
        return rows

    def close(self) -> None:
        for book in self._books.values():
            book.close()


def open_member(member: Member, reader: ReaderName) -> Cells | Problem:
    """One workbook of a set opened for reading, or the problem that refuses it."""
    try:
        data = member.load()
        package = inspect_package(member.name, data)
    except Refused as refused:
        return refused.problem
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError, ValueError) as error:
        # A workbook inside a zip set: encrypted (RuntimeError), packed in a way zipfile cannot unpack, damaged.
        found = type(error).__name__
        return problem("workbook.unreadable", file=member.name, found=found, part=member.name, error=str(error))
    return Cells(reader, data, package, member.name)


def open_members(source: Path, reader: ReaderName) -> tuple[list[tuple[Member, Cells]], list[Problem]]:
    """Every workbook of a set opened (the caller closes them), and the problems that refused some."""
    members, problems = _members(source)
    opened: list[tuple[Member, Cells]] = []
    for member in members:
        book = open_member(member, reader)
        if isinstance(book, Problem):
            problems.append(book)
        else:
            opened.append((member, book))
    return opened, problems


def formula_warning(file: str, sheet: SheetPart, columns: Collection[int] | None, first_row: int) -> Problem | None:
    """One warning naming the formula cells read that were saved without a value (read as blank)."""
    cells = [
        (row, column) for row, column in sheet.no_value if row >= first_row and (columns is None or column in columns)
    ]
    if not cells:
        return None
    shown = ", ".join(f"{column_letters(column)}{row}" for row, column in cells[:_FORMULAS_SHOWN])
    more = len(cells) > _FORMULAS_SHOWN or sheet.no_values > len(sheet.no_value)
    return problem(
        "workbook.formula_without_value",
        file=file,
        severity=Severity.WARNING,
        expected=phrase("workbook.words.cached_value"),
        found=str(len(cells)),
        sheet=sheet.name,
        count=len(cells),
        cells=shown + (", …" if more else ""),
    )


# -- merging -----------------------------------------------------------------------------------


class _Place(NamedTuple):
    file: str
    sheet: str
    row: int
    column: int

    @property
    def phrase(self) -> Phrase:
        """The place in words: the sheet and the cell."""
        return phrase("workbook.place", sheet=self.sheet, cell=f"{column_letters(self.column)}{self.row}")

    def text(self, lang: Lang) -> str:
        return self.phrase.render(lang)

    def problem(self, code: str, /, **fields: Any) -> Problem:
        return problem(code, file=self.file, line=self.row, column=self.column, place=self.phrase, **fields)


def _meaning_text(meaning: Meaning) -> Phrase:
    return phrase(f"workbook.meaning.{meaning.value}")


def _pair(applies: Meaning, done: Meaning) -> Meaning:
    """The meaning of a pair of columns: 無 is not applicable; where it applies, the done column says."""
    if applies in (Meaning.NOT_IMPLEMENTED, Meaning.NOT_APPLICABLE):
        return Meaning.NOT_APPLICABLE
    if applies is Meaning.NOT_ANSWERED:
        return Meaning.NOT_ANSWERED
    return done


class _Merger:
    """Every body's meanings by catalog item, where each came from, and the problems found."""

    def __init__(self, catalog: Catalog) -> None:
        self.index = catalog.item_index()
        self.width = len(self.index)
        self.meanings: dict[str, list[Meaning | None]] = {}
        self.places: dict[str, list[tuple[str, str, int, int] | None]] = {}
        self.names: dict[str, str] = {}
        self.problems: list[Problem] = []
        self.memo: dict[tuple[int, object], Meaning | None] = {}
        self.codes: dict[tuple[object, int], Any] = {}

    def body(self, code: str, name: str) -> None:
        if code not in self.meanings:
            self.meanings[code] = [None] * self.width
            self.places[code] = [None] * self.width
            self.names[code] = name or code

    def read(self, reading: Reading, value: object, where: tuple[str, str, int, int], item: str) -> Meaning | None:
        key = (id(reading), value)
        if key in self.memo:
            meaning = self.memo[key]
        else:
            meaning = self.memo[key] = reading.read(value)
        if meaning is None:
            self.problems.append(
                _Place(*where).problem(
                    "workbook.unknown_answer",
                    expected=reading.examples(),
                    found=repr(value),
                    answer=str(value),
                    item=item,
                    reading=reading.name,
                )
            )
        return meaning

    def record(self, code: str, item: str, meaning: Meaning, where: tuple[str, str, int, int]) -> None:
        position = self.index[item]
        row, places = self.meanings[code], self.places[code]
        before = row[position]
        if before is None or before is Meaning.NOT_ANSWERED:
            row[position], places[position] = meaning, where
            return
        if meaning is Meaning.NOT_ANSWERED or meaning is before:
            return
        other = places[position]
        assert other is not None
        self.problems.append(
            _Place(*where).problem(
                "workbook.conflict",
                expected=before.value,
                found=meaning.value,
                code=code,
                item=item,
                meaning=_meaning_text(meaning),
                other_place=_Place(*other).phrase,
                other_meaning=_meaning_text(before),
            )
        )


# -- one sheet ---------------------------------------------------------------------------------


def _cell(values: Sequence[object], column: int) -> object:
    value = values[column - 1] if column <= len(values) else None
    return None if value == "" else value


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _nfkc(str(value)).strip()


def _body_name(raw: str, code: str, population: str) -> str:
    """The body's name, without the prefecture written before a municipality's name (「大阪府大阪市」)."""
    prefecture = PREFECTURES[code[:2]]
    if code[2:5] != "000" and raw.startswith(prefecture) and len(raw) > len(prefecture):
        return raw[len(prefecture) :].strip()
    return raw


class _SheetReader:
    """Reads one sheet's rows into the merger; counts what it read and skipped."""

    def __init__(self, merger: _Merger, layout: Layout, file: str, sheet: LayoutSheet, shown: str) -> None:
        self.merger, self.layout, self.file, self.sheet, self.shown = merger, layout, file, sheet, shown
        self.items = tuple(item for item in sheet.items if item.item in merger.index)
        self.single = tuple(
            (item.item, item.column, item.reading, merger.index[item.item])
            for item in self.items
            if item.column is not None and item.reading is not None
        )
        self.pairs = tuple(item for item in self.items if item.column is None)
        self.pair_specs = tuple(
            (item.item, item.applies, item.done, item.applies_reading, item.done_reading)
            for item in self.pairs
            if item.applies is not None
            and item.done is not None
            and item.applies_reading is not None
            and item.done_reading is not None
        )
        self.rows = 0
        self.bodies: set[str] = set()
        self.skipped: list[SkippedRow] = []
        self.completed = 0
        self.restored = 0

    def place(self, row: int, column: int) -> _Place:
        return _Place(self.file, self.shown, row, column)

    def read(self, rows: Rows) -> None:
        sheet = self.sheet
        data = rows[sheet.first_row - 1 :]
        digits = sheet.code_digits or code_digits(_cell(values, sheet.code) for values in data if values)
        codes = self.merger.codes
        for offset, values in enumerate(data):
            if not values or all(value is None or value == "" for value in values):
                continue
            row = sheet.first_row + offset
            raw = _cell(values, sheet.code)
            # Each body's code is on every sheet: each raw value is normalised once.
            code = codes.get((raw, digits), _UNSEEN)
            if code is _UNSEEN:
                code = codes[raw, digits] = normalize_code(raw, digits=digits)
            if code is None:
                shown = next((_text(v) for v in values if v is not None and _text(v)), "")
                self.skipped.append(SkippedRow(self.file, self.shown, row, shown))
            elif isinstance(code, CodeFault):
                self.code_fault(code, row)
            elif self.accept(code, values, row):
                self.answers(code.code, values, row)

    def code_fault(self, fault: CodeFault, row: int) -> None:
        place = self.place(row, self.sheet.code)
        self.merger.problems.append(
            place.problem(
                f"workbook.code_{fault.reason}", expected=fault.expected, found=fault.found, value=fault.found
            )
        )

    def accept(self, code: Code, values: Sequence[object], row: int) -> bool:
        """Whether a body's row is read: of the sheet's population, and its first row in the sheet."""
        sheet, body = self.sheet, code.code
        is_prefecture = body[2:5] == "000"
        if sheet.population != "all" and is_prefecture != (sheet.population == "prefectures"):
            population = sheet.population
            self.merger.problems.append(
                self.place(row, sheet.code).problem(
                    "workbook.population",
                    expected=population,
                    found=body,
                    code=body,
                    population=phrase(f"workbook.population.{population}"),
                )
            )
            return False
        if body in self.bodies:
            warning = self.place(row, sheet.code).problem("workbook.duplicate_row", found=body, code=body)
            self.merger.problems.append(attrs.evolve(warning, severity=Severity.WARNING))
            return False
        self.bodies.add(body)
        self.rows += 1
        self.completed += code.completed
        self.restored += code.restored
        name = _body_name(_text(_cell(values, sheet.name)) if sheet.name else "", body, sheet.population)
        self.merger.body(body, name)
        if sheet.prefecture is not None:
            self.check_prefecture(body, _text(_cell(values, sheet.prefecture)), row)
        return True

    def check_prefecture(self, code: str, given: str, row: int) -> None:
        canonical = PREFECTURES[code[:2]]
        if given and given != canonical:
            assert self.sheet.prefecture is not None
            warning = self.place(row, self.sheet.prefecture).problem(
                "workbook.prefecture_mismatch",
                expected=canonical,
                found=given,
                given=given,
                code=code,
                canonical=canonical,
            )
            self.merger.problems.append(attrs.evolve(warning, severity=Severity.WARNING))

    def answers(self, code: str, values: Sequence[object], row: int) -> None:
        merger, file, sheet, width = self.merger, self.file, self.shown, len(values)
        memo, read, record = merger.memo, merger.read, merger.record
        known, places = merger.meanings[code], merger.places[code]
        for item, column, reading, position in self.single:
            # The common case, a text read before for an item not yet answered, costs a few lookups.
            value = values[column - 1] if column <= width else None
            meaning = memo.get((id(reading), None if value == "" else value), _UNSEEN)
            if meaning is _UNSEEN:
                meaning = read(reading, None if value == "" else value, (file, sheet, row, column), item)
            if meaning is None:
                continue
            assert isinstance(meaning, Meaning)
            if known[position] is None:
                known[position], places[position] = meaning, (file, sheet, row, column)
            else:
                record(code, item, meaning, (file, sheet, row, column))
        for item, applies_at, done_at, applies_reading, done_reading in self.pair_specs:
            applies_value = values[applies_at - 1] if applies_at <= width else None
            applies_value = None if applies_value == "" else applies_value
            applies = memo.get((id(applies_reading), applies_value), _UNSEEN)
            if applies is _UNSEEN:
                applies = read(applies_reading, applies_value, (file, sheet, row, applies_at), item)
            done_value = values[done_at - 1] if done_at <= width else None
            done_value = None if done_value == "" else done_value
            done = memo.get((id(done_reading), done_value), _UNSEEN)
            if done is _UNSEEN:
                done = read(done_reading, done_value, (file, sheet, row, done_at), item)
            if applies is not None and done is not None:
                assert isinstance(applies, Meaning)
                assert isinstance(done, Meaning)
                record(code, item, _pair(applies, done), (file, sheet, row, applies_at))

    def unmapped(self, rows: Rows) -> Iterator[UnmappedColumn]:
        """Header columns right of the code, name and prefecture columns that no item is read from."""
        sheet = self.sheet
        if sheet.header_row is None or sheet.header_row > len(rows):
            return
        used = {c for item in sheet.items for c in item.columns}
        start = max(c for c in (sheet.code, sheet.name, sheet.prefecture) if c is not None)
        for column, value in enumerate(rows[sheet.header_row - 1], start=1):
            header = _text(value)
            if column > start and header and column not in used:
                yield UnmappedColumn(self.file, self.shown, column_letters(column), header, sheet.header_row)


# -- the whole set -----------------------------------------------------------------------------


def _choose(reader: ReaderName | None) -> ReaderName | None:
    installed = available_readers()
    if reader is not None:
        return reader if reader in installed else None
    return installed[0] if installed else None


class _SetReader:
    """Reads every sheet the layout names from the set's workbooks."""

    def __init__(self, layout: Layout, catalog: Catalog, reader: ReaderName) -> None:
        self.layout, self.catalog, self.reader = layout, catalog, reader
        self.merger = _Merger(catalog)
        self.files: list[str] = []
        self.sheets: list[SheetSummary] = []
        self.skipped: list[SkippedRow] = []
        self.unmapped: list[UnmappedColumn] = []
        self.completed = 0
        self.restored = 0

    def run(self, members: list[Member], progress: Callable[[int, int], None] | None) -> None:
        total, done = len(self.layout.sheets), 0
        for file in self.layout.files:
            matched = [m for m in members if fnmatch.fnmatchcase(m.key, _nfkc(file.match))]
            if not matched and file.required:
                self.merger.problems.append(
                    problem("workbook.missing_file", expected=file.match, found="-", pattern=file.match)
                )
            for member in matched:
                self.read_member(member, file.sheets)
            done += len(file.sheets)
            if progress is not None:
                progress(done, total)

    def read_member(self, member: Member, sheets: Sequence[LayoutSheet]) -> None:
        book = open_member(member, self.reader)
        if isinstance(book, Problem):
            self.merger.problems.append(book)
            return
        try:
            self.read_book(member.name, book, sheets)
        finally:
            book.close()

    def read_book(self, name: str, book: Cells, sheets: Sequence[LayoutSheet]) -> None:
        self.files.append(name)
        by_key = {_nfkc(sheet): sheet for sheet in book.names}
        for sheet in sheets:
            actual = by_key.get(sheet.sheet)
            if actual is None:
                self.merger.problems.append(
                    problem(
                        "workbook.missing_sheet",
                        file=name,
                        expected=", ".join(book.names),
                        found=sheet.sheet,
                        sheet=sheet.sheet,
                    )
                )
                continue
            fault = not_worksheet(name, book, actual)
            if fault is not None:
                self.merger.problems.append(fault)
                continue
            try:
                self.read_sheet(name, book, sheet, actual)
            except Refused as refused:
                self.merger.problems.append(refused.problem)

    def read_sheet(self, name: str, book: Cells, sheet: LayoutSheet, actual: str) -> None:
        used = {column for item in sheet.items for column in item.columns}
        identity = {c for c in (sheet.code, sheet.name, sheet.prefecture) if c is not None}
        rows = book.rows(actual, max(used | identity))
        reader = _SheetReader(self.merger, self.layout, name, sheet, actual)
        reader.read(rows)
        part = book.package.sheet(actual)
        assert part is not None
        warning = formula_warning(name, part, used | identity, sheet.first_row)
        if warning is not None:
            self.merger.problems.append(warning)
        self.unmapped.extend(reader.unmapped(rows))
        self.skipped.extend(reader.skipped)
        self.completed += reader.completed
        self.restored += reader.restored
        summary = SheetSummary(name, actual, sheet.population, reader.rows, len(reader.bodies), len(reader.skipped))
        self.sheets.append(summary)


def not_worksheet(file: str, book: Cells, sheet: str) -> Problem | None:
    """A chartsheet, dialog sheet or macro sheet named where a worksheet of answers must be."""
    kind = book.kind(sheet)
    if kind == "worksheet":
        return None
    part = book.package.sheet(sheet)
    return problem(
        "workbook.not_worksheet",
        file=file,
        expected=phrase("workbook.kind.worksheet"),
        found=phrase(f"workbook.kind.{kind}"),
        sheet=sheet,
        part=part.part if part is not None else "-",
        kind=phrase(f"workbook.kind.{kind}"),
    )


def _layout_catalog_problems(layout: Layout, catalog: Catalog) -> list[Problem]:
    known = catalog.item_index()
    return [
        problem(
            "layout.unknown_item",
            pointer=item.pointer + "/item",
            found=repr(item.item),
            item=item.item,
            catalog=catalog.id,
        )
        for _, sheet in layout.sheets
        for item in sheet.items
        if item.item not in known
    ]


def _unmapped_problems(items: Sequence[str], columns: Sequence[UnmappedColumn]) -> Iterator[Problem]:
    for item in items:
        yield problem("workbook.unmapped_item", severity=Severity.WARNING, found=repr(item), item=item)
    for column in columns:
        place = _Place(column.file, column.sheet, column.row, column_number(column.column))
        found = place.problem("workbook.unmapped_column", found=repr(column.header), header=column.header)
        yield attrs.evolve(found, severity=Severity.WARNING)


def _empty(catalog: Catalog, file: str, problems: Sequence[Problem], reader: ReaderName | None) -> WorkbookRead:
    answers = Answers(catalog=catalog, bodies=(), answers=(), problems=tuple(problems), file=file)
    return WorkbookRead(answers=answers, meanings=(), reader=reader)


def _check_read(
    function: str, source: object, layout: object, catalog: object, reader: object, progress: object
) -> None:
    check_source(source, function)
    if not isinstance(layout, Layout):
        check_source(layout, function, "layout", mapping=True)
    check_catalog(catalog, function)
    check_choice(reader, (*READERS, None), function=function, parameter="reader")
    check_callable(progress, function, "progress")


def read_workbooks(
    source: str | os.PathLike[str],
    layout: Layout | str | os.PathLike[str] | Mapping[str, Any],
    catalog: Catalog,
    *,
    reader: ReaderName | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> WorkbookRead:
    """Read the answers of a set of workbooks (a zip, a folder or one ``.xlsx``) through ``layout``.

    ``layout`` is a :class:`Layout` or anything :func:`load_layout` reads (a shipped id such as
    ``"mic-r4"``, a path, a mapping; an invalid layout raises
    :class:`~tajimi_rules.errors.InvalidDocumentError`). ``reader`` picks the cell reader (by
    default the fastest installed); ``progress`` is called with (sheets done, sheets in all) after
    each file. Bad content is reported in the result's problems, never raised.

    A wrong argument raises :class:`TypeError` naming it (:class:`ValueError` for an unknown ``reader``).
    """
    _check_read("read_workbooks", source, layout, catalog, reader, progress)
    file = os.fspath(source)
    chosen = _choose(reader)
    layout = load_layout(layout)
    refused = _layout_catalog_problems(layout, catalog)
    if chosen is None:
        refused.append(problem("workbook.no_reader", file=file, expected="python-calamine or openpyxl", found="-"))
    members, problems = _members(Path(file))
    if refused or problems:
        return _empty(catalog, file, [*refused, *problems], chosen)
    assert chosen is not None
    run = _SetReader(layout, catalog, chosen)
    run.run(members, progress)
    merger = run.merger
    codes = sorted(merger.meanings)
    meanings = tuple(tuple(Meaning.NOT_ANSWERED if m is None else m for m in merger.meanings[code]) for code in codes)
    unmapped_items = tuple(item.id for item in catalog.items if item.id not in layout.item_ids)
    # Keyed by identity: an enum's own hash is a Python call, and this runs once per body and item.
    answer_of = {id(meaning): layout.answer(meaning) for meaning in Meaning}
    problems = [*merger.problems, *_unmapped_problems(unmapped_items, run.unmapped)]
    answers = Answers(
        catalog=catalog,
        bodies=tuple(Body(code=code, name=merger.names[code], prefecture=PREFECTURES[code[:2]]) for code in codes),
        answers=tuple(tuple([answer_of[id(meaning)] for meaning in row]) for row in meanings),
        problems=tuple(sorted(problems, key=lambda p: p.severity is Severity.WARNING)),
        file=file,
    )
    return WorkbookRead(
        answers=answers,
        meanings=meanings,
        reader=chosen,
        files=tuple(run.files),
        sheets=tuple(run.sheets),
        skipped=tuple(run.skipped),
        completed=run.completed,
        restored=run.restored,
        unmapped_items=unmapped_items,
        unmapped_columns=tuple(run.unmapped),
    )
