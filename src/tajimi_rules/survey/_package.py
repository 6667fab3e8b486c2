"""A workbook's package checked before any cell reader opens it: bounded, whole, and nothing hostile.

An ``.xlsx`` file is a zip of XML parts. Before python-calamine or openpyxl sees one,
:func:`inspect_package` unpacks every part itself, in bounded chunks, and refuses the workbook
with one problem when it is:

* no zip at all: an encrypted (password-protected) workbook or a legacy ``.xls`` (both OLE
  compound files), or anything else;
* a zip bomb: more than :data:`MAX_PARTS` parts, more than :data:`MAX_UNPACKED` bytes declared
  unpacked in all, a large part declared more than :data:`MAX_RATIO` times its packed size, or a
  part that unpacks to more (or less) than it declares;
* damaged: a part cut short or failing its CRC, an encrypted part, a compression other than
  stored or deflate, no workbook part, a sheet part missing, a structural part that is not XML;
* hostile XML: a part holding a markup declaration (``<!DOCTYPE``, ``<!ENTITY``): entities are
  never expanded, since no parser ever sees the part;
* oversized content: a shared-strings table over :data:`MAX_SHARED_STRINGS` strings or
  :data:`MAX_SHARED_BYTES` bytes, worksheets over :data:`MAX_CELLS` cells in all.

What it finds is a :class:`Package`: its sheets by name, in order, each with its kind (worksheet,
chartsheet, dialog sheet, macro sheet), its part, the rows and columns its cells actually reach
(never the ``<dimension>`` the sheet claims), and the formula cells saved without a value.
"""

from __future__ import annotations

import codecs
import functools
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import Any
from xml.etree import ElementTree

import attrs

from .._errors import Problem, phrase
from ._grouping import problem

__all__ = [
    "CFB_MAGIC",
    "MAX_AREA",
    "MAX_CELLS",
    "MAX_PARTS",
    "MAX_RATIO",
    "MAX_SHARED_BYTES",
    "MAX_SHARED_STRINGS",
    "MAX_UNPACKED",
    "Package",
    "Refused",
    "SheetPart",
    "inspect_package",
    "not_a_workbook",
]

MAX_UNPACKED = 256 * 1024 * 1024
"""The most bytes one workbook may unpack to, all parts together (a national workbook: a few MiB)."""
MAX_PARTS = 10_000
"""The most parts (zip members) one workbook may hold."""
MAX_RATIO = 200
"""The most a part of :data:`RATIO_FLOOR` bytes or more may unpack to, per packed byte (sheets: 5 to 30)."""
RATIO_FLOOR = 1024 * 1024
"""Parts smaller than this unpacked are not held to :data:`MAX_RATIO` (they cannot be bombs)."""
MAX_SHARED_STRINGS = 1_000_000
"""The most strings a shared-strings table may hold (a national workbook: a few thousand)."""
MAX_SHARED_BYTES = 64 * 1024 * 1024
"""The most bytes a shared-strings table may unpack to."""
MAX_CELLS = 5_000_000
"""The most cells the worksheets of one workbook may hold together (a national sheet: about 100,000)."""
MAX_AREA = 2_000_000
"""The largest rectangle of cells (rows by columns reached) read whole; a larger sheet is read row by row."""

_CHUNK = 1024 * 1024
_CARRY = 8 * 1024 * 1024  # the most of a part held back to find a whole element at a chunk's edge
_KEPT = 16 * 1024 * 1024  # the largest structural part (workbook, relationships) parsed
_SHOWN = 10_000  # formula cells without a value recorded per sheet (all are counted)
_EXCEL_ROWS, _EXCEL_COLUMNS = 1_048_576, 16_384
_ROW_DIGITS = len(str(_EXCEL_ROWS))
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The first bytes of an OLE compound file: an encrypted workbook, a legacy ``.xls``."""
_LOCAL = struct.Struct("<4s22sHH")
_DEFLATED_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_ENCRYPTED_FLAG = 0x1

_NAME = rb"(?:[A-Za-z_][\w.-]*:)?"
_DECLARATION = re.compile(rb"<!(?!--|\[CDATA\[)")
_ENTITY = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6});)[^;\s<&]{0,40};?")
_CELL_REF = re.compile(rb"<" + _NAME + rb"c\s[^>]*?\br=\"([A-Z]{1,3})([0-9]{1,7})\"")
_NO_VALUE = re.compile(
    rb"<"
    + _NAME
    + rb"c\s([^>]*)>\s*<"
    + _NAME
    + rb"f\b[^>]*(?:/>|>[^<]*</"
    + _NAME
    + rb"f>)\s*(?:<"
    + _NAME
    + rb"v\s*/>|<"
    + _NAME
    + rb"v>\s*</"
    + _NAME
    + rb"v>)?\s*</"
    + _NAME
    + rb"c>"
)
_PREFIXED_CELL = re.compile(rb":c[\s/>]")
_PREFIXED_ROW = re.compile(rb":row[\s/>]")
_R = re.compile(rb"\br=\"([A-Z]{1,3})([0-9]{1,7})\"")
_STRING = re.compile(rb"<" + _NAME + rb"si[\s/>]")

_OFFICE_DOCUMENT = "/officeDocument"
_USUAL_WORKBOOK = "xl/workbook.xml"
_SHEET_KINDS = {
    "/worksheet": "worksheet",
    "/chartsheet": "chartsheet",
    "/dialogsheet": "dialogsheet",
    "/xlMacrosheet": "macrosheet",
    "/xlIntlMacrosheet": "macrosheet",
}
_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def column_number(letters: bytes) -> int:
    """The 1-based number of a column named by its letters (``b"A"`` is 1, ``b"XFD"`` 16384)."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


@attrs.frozen
class SheetPart:
    """One sheet of a workbook: its name, kind and part, and what its cells actually reach.

    ``rows`` and ``columns`` are the last row and column a cell reaches (found from the cells, not
    from the ``<dimension>`` the sheet claims; counted generously where cells do not say where they
    are). ``no_value`` holds the (row, column) of formula cells saved without a value (the first
    ten thousand); ``no_values`` counts them all.
    """

    name: str
    kind: str
    part: str
    rows: int = 0
    columns: int = 0
    cells: int = 0
    no_value: tuple[tuple[int, int], ...] = ()
    no_values: int = 0

    @property
    def area(self) -> int:
        """The cells of the rectangle from A1 to the last row and column reached."""
        return self.rows * self.columns


@attrs.frozen
class Package:
    """What a workbook holds, checked: its sheets by name, in the workbook's order."""

    sheets: tuple[SheetPart, ...]
    stray_area: int = 0
    """The largest reach of the other XML parts, as if each were a sheet: a reader that finds its
    parts by their usual names rather than by the workbook's relationships might read one of them."""

    @property
    def names(self) -> list[str]:
        """The sheets' names, in order."""
        return [sheet.name for sheet in self.sheets]

    def sheet(self, name: str) -> SheetPart | None:
        """The sheet named ``name``, or ``None``."""
        return next((sheet for sheet in self.sheets if sheet.name == name), None)


class Refused(Exception):  # noqa: N818 - a refusal carrying its problem, not an error of the library
    """The workbook is refused: :attr:`problem` says why."""

    def __init__(self, found: Problem) -> None:
        super().__init__(found.code)
        self.problem = found


def not_a_workbook(name: str, data: bytes, error: Exception) -> Problem:
    """Why ``data`` is not a workbook: encrypted, a legacy ``.xls`` (both OLE compound files), or no zip.

    An encrypted workbook is a compound file holding a stream named ``EncryptedPackage``; its name
    is in the file's directory, wherever that sits, so the whole file is searched.
    """
    if data.startswith(CFB_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            return problem("workbook.encrypted", file=name, expected=phrase("workbook.words.xlsx"), found="OLE")
        return problem("workbook.legacy_xls", file=name, expected=phrase("workbook.words.xlsx"), found="OLE")
    what = name.rsplit("/", 1)[-1]
    expected = phrase("workbook.words.xlsx")
    return problem(
        "workbook.not_zip", file=name, expected=expected, found=type(error).__name__, what=what, error=str(error)
    )


@functools.lru_cache(maxsize=256)
def _beyond(letters: bytes) -> re.Pattern[bytes]:
    """References (``r="..."``) to a column past ``letters``: more letters, or as many and later."""
    width = len(letters)
    alternatives = [b"[A-Z]{%d,3}" % (width + 1)] if width < 3 else []
    for index in range(width):
        if letters[index] < ord("Z"):
            later = b"[" + bytes([letters[index] + 1]) + b"-Z]"
            alternatives.append(letters[:index] + later + b"[A-Z]" * (width - index - 1))
    if not alternatives:
        return re.compile(b"(?!)")
    # No word boundary before r=: a pattern that starts with its literal is searched for fast, and an
    # attribute whose name merely ends in r only makes the reach counted larger.
    return re.compile(rb'r="(' + b"|".join(alternatives) + rb")[0-9]")


@functools.lru_cache(maxsize=8)
def _longer(digits: int) -> re.Pattern[bytes]:
    """References (``r="..."`` of a row or a cell) to a row of more than ``digits`` digits."""
    return re.compile(rb'r="[A-Z]{0,3}([0-9]{%d,7})"' % (digits + 1))


class _Scan:
    """What a sheet's cells reach, as its XML streams past: cells, rows, references, formulas without values.

    Each chunk is scanned by searches that find nothing in the common case: references past the
    farthest column seen so far, references to rows with more digits than seen so far. The row
    reached is then bounded by its number of digits (a sheet of 1,800 rows reaches 9,999 at most),
    which errs only towards reading a sheet row by row.
    """

    def __init__(self) -> None:
        self.cells = self.rows = self.digits = 0
        self.letters = b""
        self.unreferenced = False
        self.exact_row = 0
        self.no_value: list[tuple[int, int]] = []
        self.no_values = 0

    def feed(self, segment: bytes) -> None:
        cells = segment.count(b"<c ") + segment.count(b"<c>") + segment.count(b"<c/>")
        cells += len(_PREFIXED_CELL.findall(segment))
        self.cells += cells
        self.rows += segment.count(b"<row") + len(_PREFIXED_ROW.findall(segment))
        # Writers put r first: where fewer cells start so, count those that say where they are.
        if segment.count(b'<c r="') < cells and len(_CELL_REF.findall(segment)) < cells:
            self.unreferenced = True
        at = 0
        while (match := _beyond(self.letters).search(segment, at)) is not None:
            at, self.letters = match.start(), match.group(1)
        while self.digits < _ROW_DIGITS and (match := _longer(self.digits).search(segment)) is not None:
            self.digits = len(match.group(1))
        if self.digits == _ROW_DIGITS:
            rows = [int(digits) for digits in _longer(self.digits - 1).findall(segment)]
            self.exact_row = max([self.exact_row, *rows])
        if b"<f" in segment or b":f" in segment:
            self.formulas(segment)

    def formulas(self, segment: bytes) -> None:
        for match in _NO_VALUE.finditer(segment):
            self.no_values += 1
            where = _R.search(match.group(1))
            if where is not None and len(self.no_value) < _SHOWN:
                self.no_value.append((int(where.group(2)), column_number(where.group(1))))

    def sheet(self, name: str, part: str) -> SheetPart:
        rows = self.exact_row or min(10**self.digits - 1, _EXCEL_ROWS) if self.digits else 0
        columns = column_number(self.letters)
        if self.unreferenced:  # cells that do not say where they are: count them generously
            rows, columns = max(rows, self.rows), max(columns, min(_EXCEL_COLUMNS, self.cells))
        return SheetPart(name, "worksheet", part, rows, columns, self.cells, tuple(self.no_value), self.no_values)


class _Inspector:
    """One workbook's bytes, unpacked part by part under the bounds."""

    def __init__(self, name: str, data: bytes) -> None:
        self.name, self.data = name, data
        try:
            self.archive = zipfile.ZipFile(_Bytes(data))
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
            raise Refused(not_a_workbook(name, data, error)) from None
        self.infos = {info.filename: info for info in self.archive.infolist()}
        self.cells = 0
        self.shared: set[str] = set()

    def refuse(self, code: str, part: str, /, *, expected: Any = None, found: Any = None, **fields: Any) -> Refused:
        return Refused(problem(code, file=self.name, expected=expected, found=found, part=part, **fields))

    def check_directory(self) -> None:
        infos = self.archive.infolist()
        # Two members of one name (part names ignore case): a reader might read the one not checked here.
        seen: set[str] = set()
        for info in infos:
            key = info.filename.lower()
            if key in seen:
                raise self.refuse(
                    "workbook.structure", info.filename, expected=phrase("workbook.words.one_part"), found=info.filename
                )
            seen.add(key)
        if len(infos) > MAX_PARTS:
            raise self.refuse(
                "workbook.too_many_parts",
                "-",
                expected=f"<= {MAX_PARTS}",
                found=str(len(infos)),
                count=len(infos),
                limit=MAX_PARTS,
            )
        total = sum(info.file_size for info in infos)
        if total > MAX_UNPACKED:
            raise self.refuse(
                "workbook.too_large",
                "-",
                expected=f"<= {MAX_UNPACKED}",
                found=str(total),
                size=total,
                limit=MAX_UNPACKED,
            )
        for info in infos:
            if info.flag_bits & _ENCRYPTED_FLAG:
                raise self.refuse(
                    "workbook.encrypted", info.filename, expected=phrase("workbook.words.xlsx"), found=info.filename
                )
            if info.compress_type not in _DEFLATED_METHODS:
                raise self.refuse(
                    "workbook.compression",
                    info.filename,
                    expected="stored or deflate",
                    found=str(info.compress_type),
                    method=info.compress_type,
                )
            ratio = info.file_size // max(info.compress_size, 1)
            if info.file_size >= RATIO_FLOOR and ratio > MAX_RATIO:
                raise self.refuse(
                    "workbook.compression_ratio",
                    info.filename,
                    expected=f"<= {MAX_RATIO}",
                    found=str(ratio),
                    ratio=ratio,
                    limit=MAX_RATIO,
                )

    def unpack(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        """The part's bytes in chunks, checked against its declared size and CRC."""
        data, part = self.data, info.filename
        start = info.header_offset
        head = data[start : start + _LOCAL.size]
        if len(head) < _LOCAL.size or head[:4] != b"PK\x03\x04":
            raise self.refuse("workbook.unreadable", part, found="no local header", error="no local file header")
        _, _, name_length, extra_length = _LOCAL.unpack(head)
        begin = start + _LOCAL.size + name_length + extra_length
        packed = memoryview(data)[begin : begin + info.compress_size]
        if len(packed) < info.compress_size:
            raise self.refuse("workbook.unreadable", part, found="cut short", error="the part is cut short")
        chunks = _stored(packed) if info.compress_type == zipfile.ZIP_STORED else _inflated(packed)
        size, crc = 0, 0
        try:
            for chunk in chunks:
                size += len(chunk)
                if size > info.file_size:
                    raise self.refuse(
                        "workbook.size_mismatch",
                        part,
                        expected=str(info.file_size),
                        found=f"> {info.file_size}",
                        declared=info.file_size,
                    )
                crc = zlib.crc32(chunk, crc)
                yield chunk
        except zlib.error as error:
            raise self.refuse("workbook.unreadable", part, found="zlib.error", error=str(error)) from None
        if size != info.file_size:
            raise self.refuse(
                "workbook.size_mismatch", part, expected=str(info.file_size), found=str(size), declared=info.file_size
            )
        if crc != info.CRC:
            raise self.refuse("workbook.unreadable", part, found="CRC", error="the part fails its CRC check")

    def stream(self, info: zipfile.ZipInfo, feed: Callable[[bytes], None], edge: bytes = b">") -> None:
        """Feed a part's text to ``feed`` in segments cut after ``edge``, refusing markup declarations."""
        carry = b""
        decoder: Any = None
        for index, raw in enumerate(self.unpack(info)):
            chunk = raw
            if index == 0 and raw.startswith((b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")):
                decoder = codecs.getincrementaldecoder(
                    "utf-16"
                    if raw[:2] in (b"\xff\xfe", b"\xfe\xff")
                    else "utf-16-le"
                    if raw[0] == 0x3C
                    else "utf-16-be"
                )("replace")
            if decoder is not None:
                chunk = decoder.decode(raw).encode("utf-8")
            buffer = carry + chunk
            cut = buffer.rfind(edge)
            if cut < 0 and edge != b">":
                cut = buffer.rfind(b">")
            cut = cut + len(edge) if cut >= 0 else 0
            if len(buffer) - cut > _CARRY:
                cut = len(buffer)
            self.segment(info.filename, buffer[:cut], feed)
            carry = buffer[cut:]
        self.segment(info.filename, carry, feed)

    def segment(self, part: str, segment: bytes, feed: Callable[[bytes], None]) -> None:
        if _DECLARATION.search(segment):
            raise self.refuse("workbook.xml_entities", part, expected="no DOCTYPE", found="<!DOCTYPE")
        reference = _ENTITY.search(segment)
        if reference is not None:
            shown = reference.group().decode("utf-8", "replace")
            raise self.refuse(
                "workbook.entity_reference",
                part,
                expected="&amp; &lt; &gt; &quot; &apos; &#N;",
                found=shown,
                reference=shown,
            )
        feed(segment)

    def kept(self, part: str) -> ElementTree.Element | None:
        """A small structural part parsed, or ``None`` where the package has no such part."""
        info = self.infos.get(part)
        if info is None:
            return None
        if info.file_size > _KEPT:
            raise self.refuse(
                "workbook.too_large",
                part,
                expected=f"<= {_KEPT}",
                found=str(info.file_size),
                size=info.file_size,
                limit=_KEPT,
            )
        pieces: list[bytes] = []
        self.stream(info, pieces.append)
        try:
            return ElementTree.fromstring(b"".join(pieces))  # noqa: S314 - no DOCTYPE: nothing to expand
        except ElementTree.ParseError as error:
            raise self.refuse("workbook.unreadable", part, found="ParseError", error=str(error)) from None

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """A part's relationships: id -> (type, target part)."""
        folder, base = posixpath.split(part)
        root = self.kept(posixpath.join(folder, "_rels", base + ".rels"))
        found: dict[str, tuple[str, str]] = {}
        for element in root.iter() if root is not None else ():
            if element.tag.rsplit("}", 1)[-1] != "Relationship":
                continue
            target = element.get("Target", "")
            resolved = (
                target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            )
            found[element.get("Id", "")] = (element.get("Type", ""), resolved)
        return found

    def workbook_part(self) -> str:
        """The one workbook part: named alike by the relationships, the content types and the usual name.

        The readers find it differently (openpyxl by the content types, calamine by the usual name),
        so a package naming two is refused: every reader must read the workbook checked here.
        """
        named = {t for kind, t in self.relationships("").values() if kind.endswith(_OFFICE_DOCUMENT)}
        types = self.kept("[Content_Types].xml")
        for element in types.iter() if types is not None else ():
            if element.tag.endswith("Override") and element.get("ContentType", "").endswith(".main+xml"):
                named.add(element.get("PartName", "").lstrip("/"))
        if _USUAL_WORKBOOK in self.infos:
            named.add(_USUAL_WORKBOOK)
        if len(named) > 1:
            found = ", ".join(sorted(named))
            raise self.refuse("workbook.structure", found, expected=phrase("workbook.words.one_workbook"), found=found)
        return named.pop() if named else _USUAL_WORKBOOK

    def sheets(self) -> list[tuple[str, str, str]]:
        """The workbook's sheets: (name, kind, part), in order."""
        workbook = self.workbook_part()
        root = self.kept(workbook)
        if root is None:
            raise self.refuse("workbook.structure", workbook, expected=workbook, found="-")
        related = self.relationships(workbook)
        # Readers also find the table by its usual name, related or not.
        self.shared = {part for kind, part in related.values() if kind.endswith("/sharedStrings")}
        self.shared.update(part for part in self.infos if part.rsplit("/", 1)[-1].lower().startswith("sharedstrings"))
        sheets = []
        for element in root.iter():
            if element.tag.rsplit("}", 1)[-1] != "sheet":
                continue
            kind, part = related.get(element.get(_RELATIONSHIP_ID, ""), ("", ""))
            if part not in self.infos:
                raise self.refuse("workbook.structure", part or "-", expected=part or "a sheet part", found="-")
            shown = next((name for suffix, name in _SHEET_KINDS.items() if kind.endswith(suffix)), "unknown")
            sheets.append((element.get("name", ""), shown, part))
        return sheets

    def package(self) -> Package:
        self.check_directory()
        named = self.sheets()
        done: dict[str, SheetPart] = {}
        for name, kind, part in named:
            if kind == "worksheet" and part not in done:
                done[part] = self.worksheet(name, part)
        stray = 0
        for part, info in self.infos.items():
            if part in done or info.is_dir():
                continue
            if part in self.shared:
                self.shared_strings(info)
            elif part.lower().endswith(".xml"):
                scan = _Scan()
                self.stream(info, scan.feed)
                stray = max(stray, scan.sheet(part, part).area)
            else:
                self.stream(info, _ignore)
        sheets = tuple(
            attrs.evolve(done[part], name=name) if part in done else SheetPart(name, kind, part)
            for name, kind, part in named
        )
        return Package(sheets, stray)

    def worksheet(self, name: str, part: str) -> SheetPart:
        scan = _Scan()

        def feed(segment: bytes) -> None:
            scan.feed(segment)
            if self.cells + scan.cells > MAX_CELLS:
                cells = self.cells + scan.cells
                raise self.refuse(
                    "workbook.too_many_cells",
                    part,
                    expected=f"<= {MAX_CELLS}",
                    found=f"> {MAX_CELLS}",
                    cells=cells,
                    limit=MAX_CELLS,
                )

        self.stream(self.infos[part], feed, edge=b"</c>")
        self.cells += scan.cells
        found = scan.sheet(name, part)
        if found.rows > _EXCEL_ROWS or found.columns > _EXCEL_COLUMNS:
            reach = f"{found.rows} x {found.columns}"
            raise self.refuse(
                "workbook.sheet_extent",
                part,
                expected=f"<= {_EXCEL_ROWS} x {_EXCEL_COLUMNS}",
                found=reach,
                sheet=name,
                reach=reach,
            )
        return found

    def shared_strings(self, info: zipfile.ZipInfo) -> None:
        part = info.filename
        if info.file_size > MAX_SHARED_BYTES:
            raise self.refuse(
                "workbook.shared_strings",
                part,
                expected=f"<= {MAX_SHARED_BYTES} bytes",
                found=f"{info.file_size} bytes",
                count=info.file_size,
                limit=MAX_SHARED_BYTES,
                unit=phrase("workbook.words.bytes"),
            )
        count = 0

        def feed(segment: bytes) -> None:
            nonlocal count
            count += len(_STRING.findall(segment))
            if count > MAX_SHARED_STRINGS:
                raise self.refuse(
                    "workbook.shared_strings",
                    part,
                    expected=f"<= {MAX_SHARED_STRINGS} strings",
                    found=f"> {MAX_SHARED_STRINGS} strings",
                    count=count,
                    limit=MAX_SHARED_STRINGS,
                    unit=phrase("workbook.words.strings"),
                )

        self.stream(info, feed)


class _Bytes:
    """Bytes as a seekable file for :class:`zipfile.ZipFile`, without copying them."""

    def __init__(self, data: bytes) -> None:
        self.view, self.position = memoryview(data), 0

    def seek(self, offset: int, whence: int = 0) -> int:
        base = (0, self.position, len(self.view))[whence]
        self.position = max(0, base + offset)
        return self.position

    def tell(self) -> int:
        return self.position

    def read(self, size: int = -1) -> bytes:
        end = len(self.view) if size is None or size < 0 else self.position + size
        chunk = bytes(self.view[self.position : end])
        self.position += len(chunk)
        return chunk

    def seekable(self) -> bool:
        return True


def _ignore(segment: bytes) -> None:
    """A part whose content matters only for what it must not hold."""


def _stored(packed: memoryview) -> Iterator[bytes]:
    for start in range(0, len(packed), _CHUNK):
        yield bytes(packed[start : start + _CHUNK])


def _inflated(packed: memoryview) -> Iterator[bytes]:
    """The raw deflate stream unpacked a chunk at a time: memory stays bounded whatever it claims."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    for start in range(0, len(packed), _CHUNK):
        pending: bytes | memoryview = packed[start : start + _CHUNK]
        while True:
            chunk = inflater.decompress(pending, _CHUNK)
            pending = inflater.unconsumed_tail
            if chunk:
                yield chunk
            if not pending and len(chunk) < _CHUNK:
                break
    while chunk := inflater.decompress(b"", _CHUNK):
        yield chunk


def inspect_package(name: str, data: bytes) -> Package:
    """The workbook in ``data`` checked part by part (see the module), or :class:`Refused` with the problem."""
    inspector = _Inspector(name, data)
    with inspector.archive:
        return inspector.package()
