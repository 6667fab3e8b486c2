"""Workbook layouts as data: where the answers sit in a set of published workbooks, and how they read.

A layout document (JSON, ``layout.schema.json``, ``$schema`` ``urn:tajimi-rules:schema:layout:1``)
names the files of a set (names or glob patterns inside a zip or folder), the sheets of each file,
which bodies a sheet lists (prefectures or municipalities), its header row and first body row, its
code, name and prefecture columns, and its item columns. Each item column says which catalog item
it answers and how its texts read: by a named **reading** (a built-in one, or one the layout
defines, possibly extending another), or by an inline one. A reading sorts texts into five
meanings (:class:`Meaning`): implemented, not implemented, not applicable, not answered, and on
trial (実証中), which counts as the layout's ``trial_counts_as`` says (not implemented unless said
otherwise). An item may also be read from a **pair of columns**: one that says whether the item
applies to the body (有/無) and one that says whether it is done (済/未); 無 reads as not applicable,
有 and 済 as implemented, 有 and 未 as not implemented.

Texts are compared after NFKC normalisation, trimming and case folding, so ``実証中`` and a
half-width ``○`` match whatever width the workbook used.

:func:`parse_layout` checks a document against the schema, then its meaning (every reading named
exists, no text under two meanings, no column used twice in a sheet, the first row below the
header), and returns ``(layout, problems)``: the layout is ``None`` when any problem is an error.
Every problem carries the JSON pointer of what it is about.

>>> from tajimi_rules.survey import read_layout
>>> layout, problems = read_layout("mic-r4")
>>> problems, layout.id
([], 'mic-r4')
>>> reading = builtin_reading("standard")
>>> reading.read("令和６年度以降に導入予定"), reading.read("実証実験中")
(<Meaning.NOT_IMPLEMENTED: 'not_implemented'>, <Meaning.TRIAL: 'trial'>)
"""

from __future__ import annotations

import enum
import json
import unicodedata
from collections.abc import Iterator, Mapping
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any, Literal

import attrs

if TYPE_CHECKING:
    import jsonschema

from .._arguments import check_choice
from .._errors import Problem, Severity, pointer, problem
from ._catalog import Answer

__all__ = [
    "BUILTIN_READINGS",
    "ItemColumns",
    "Layout",
    "LayoutFile",
    "LayoutSheet",
    "Meaning",
    "Population",
    "Reading",
    "build_layout",
    "builtin_layouts",
    "builtin_reading",
    "column_letters",
    "column_number",
    "layout_schema",
    "normalize_text",
    "parse_layout",
]

Population = Literal["prefectures", "municipalities", "all"]
"""Which bodies a sheet lists."""


class Meaning(enum.Enum):
    """What one cell says about one item: the five meanings a reading tells apart."""

    IMPLEMENTED = "implemented"
    NOT_IMPLEMENTED = "not_implemented"
    NOT_APPLICABLE = "not_applicable"
    NOT_ANSWERED = "not_answered"
    TRIAL = "trial"


_MEANINGS = tuple(meaning.value for meaning in Meaning)

# The answer forms of MIC's survey, as data. A layout names these, or extends them with its own.
BUILTIN_READINGS: Mapping[str, Mapping[str, Any]] = {
    "standard": {
        "implemented": [
            "任命している", "策定している", "整備している", "構築している", "任用している", "設置している",
            "実施している", "導入している", "活用している", "既に導入済み", "導入済み", "導入済", "実施済み",
            "実施済", "策定済み", "策定済", "済", "○", "〇", "◯", "はい",
        ],
        "not_implemented": [
            "任命していない", "策定していない", "整備していない", "構築していない", "任用していない",
            "設置していない", "実施していない", "導入していない", "活用していない",
            "令和5年度中に導入予定", "令和6年度以降に導入予定", "令和5年度中に実施予定", "令和6年度以降に実施予定",
            "令和5年度中に策定予定", "令和6年度以降に策定予定", "令和6年度中に導入予定", "令和7年度以降に導入予定",
            "導入予定", "実施予定", "策定予定", "検討中", "予定なし", "導入予定なし", "未", "×", "いいえ",
        ],
        "not_applicable": ["該当なし", "対象外", "非該当"],
        "not_answered": ["", "無回答", "回答なし", "不明", "-", "―", "ー", "－"],
        "trial": ["実証中", "実証実験中"],
    },
    "mark": {"implemented": ["○", "〇", "◯", "●"], "not_implemented": [""]},
    "present": {"implemented": ["有", "あり"], "not_implemented": ["無", "なし"], "not_answered": ["", "-"]},
    "applies": {
        "implemented": ["有", "あり", "該当"], "not_implemented": ["無", "なし", "非該当"], "not_answered": ["", "-"],
    },
    "done": {"implemented": ["済", "済み", "実施済"], "not_implemented": ["未", "未実施"], "not_answered": ["", "-"]},
    "count": {"numbers": "count", "not_answered": ["", "-"]},
}  # fmt: skip
"""The built-in readings by name: ``standard`` (every answer form of the survey), ``mark`` (○ or
blank), ``present`` (有/無 meaning implemented), ``applies`` and ``done`` (the two columns of a pair),
``count`` (a number: more than zero is implemented)."""


def normalize_text(text: str) -> str:
    """The form answer texts are compared in: NFKC, trimmed, case-folded.

    >>> normalize_text(" 令和５年度中に導入予定 ")
    '令和5年度中に導入予定'
    """
    return unicodedata.normalize("NFKC", text).strip().casefold()


def column_number(letters: str) -> int:
    """A column's number from its letters: ``A`` is 1, ``AA`` is 27."""
    number = 0
    for char in letters:
        number = number * 26 + (ord(char) - ord("A") + 1)
    return number


def column_letters(number: int) -> str:
    """A column's letters from its number: 1 is ``A``, 27 is ``AA``."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@attrs.frozen
class Reading:
    """How a column's texts read: each normalised text's :class:`Meaning`, and whether numbers count."""

    name: str
    texts: Mapping[str, Meaning] = attrs.field(eq=False)
    counts_numbers: bool = False

    def read(self, value: object) -> Meaning | None:
        """The meaning of a cell value; ``None`` for a value the reading does not know."""
        if value is None:
            return self.texts.get("")
        if isinstance(value, int | float) and not isinstance(value, bool):
            if self.counts_numbers:
                return Meaning.IMPLEMENTED if value > 0 else Meaning.NOT_IMPLEMENTED if value == 0 else None
            value = int(value) if float(value).is_integer() else value
        key = normalize_text(str(value))
        meaning = self.texts.get(key)
        if meaning is None and self.counts_numbers:
            try:
                number = float(key)
            except ValueError:
                return None
            return Meaning.IMPLEMENTED if number > 0 else Meaning.NOT_IMPLEMENTED if number == 0 else None
        return meaning

    def examples(self, limit: int = 4) -> str:
        """A few texts the reading knows, for a problem's ``expected``."""
        shown = [repr(text) for text in list(self.texts)[:limit]]
        if self.counts_numbers:
            shown.append("0, 1, 2, ...")
        return ", ".join(shown)


@attrs.frozen(kw_only=True)
class ItemColumns:
    """One catalog item in a sheet: its column and reading, or its pair of columns (applies, done)."""

    item: str
    pointer: str
    column: int | None = None
    reading: Reading | None = None
    applies: int | None = None
    done: int | None = None
    applies_reading: Reading | None = None
    done_reading: Reading | None = None

    @property
    def columns(self) -> tuple[int, ...]:
        """The columns the item is read from."""
        return tuple(c for c in (self.column, self.applies, self.done) if c is not None)


@attrs.frozen(kw_only=True)
class LayoutSheet:
    """One sheet: the bodies it lists, where its rows start, and its columns."""

    sheet: str
    population: Population
    first_row: int
    code: int
    items: tuple[ItemColumns, ...]
    pointer: str
    header_row: int | None = None
    code_digits: Literal[5, 6] | None = None
    name: int | None = None
    prefecture: int | None = None


@attrs.frozen(kw_only=True)
class LayoutFile:
    """One file of the set (a name or a glob pattern) and the sheets read from it."""

    match: str
    sheets: tuple[LayoutSheet, ...]
    pointer: str
    required: bool = True


@attrs.frozen(kw_only=True)
class Layout:
    """A layout: its files and sheets, and how trial answers count."""

    id: str
    files: tuple[LayoutFile, ...]
    trial_counts_as: Answer = Answer.NOT_IMPLEMENTED
    title: str | None = None
    catalog: str | None = None
    period: str | None = None
    notes: tuple[str, ...] = ()
    confirmed: tuple[str, ...] = ()
    assumptions: tuple[str, ...] = ()

    @property
    def sheets(self) -> tuple[tuple[LayoutFile, LayoutSheet], ...]:
        """Every sheet with its file, in layout order."""
        return tuple((file, sheet) for file in self.files for sheet in file.sheets)

    @property
    def item_ids(self) -> frozenset[str]:
        """The catalog items some column is read as."""
        return frozenset(item.item for _, sheet in self.sheets for item in sheet.items)

    def answer(self, meaning: Meaning) -> Answer:
        """The catalog answer a meaning counts as: not applicable counts as not answered.

        An item that does not apply to a body is left out of that item's denominators, as an
        item the body did not answer is.
        """
        if meaning is Meaning.IMPLEMENTED:
            return Answer.IMPLEMENTED
        if meaning is Meaning.NOT_IMPLEMENTED:
            return Answer.NOT_IMPLEMENTED
        if meaning is Meaning.TRIAL:
            return self.trial_counts_as
        return Answer.NOT_ANSWERED


# -- the schema --------------------------------------------------------------------------------


@cache
def layout_schema() -> Mapping[str, Any]:
    """The layout JSON Schema (Draft 2020-12), read from the package data."""
    loaded: dict[str, Any] = json.loads(files("tajimi_rules").joinpath("schemas", "layout.schema.json").read_text())
    return loaded


@cache
def _validator() -> jsonschema.protocols.Validator:
    import jsonschema  # noqa: PLC0415 - jsonschema loads with the first layout checked, not with the package

    made: jsonschema.protocols.Validator = jsonschema.Draft202012Validator(layout_schema())
    return made


def _json_type(value: object) -> str:
    names = {bool: "boolean", int: "integer", float: "number", str: "string", list: "array", dict: "object"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _short(value: object, limit: int = 60) -> str:
    shown = json.dumps(value, ensure_ascii=False, default=str)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _schema_problems(document: Any) -> Iterator[Problem]:
    """The schema's complaints, shallowest first, each with its pointer."""
    errors = sorted(_validator().iter_errors(document), key=lambda e: (len(e.absolute_path), [*map(str, e.path)]))
    for error in errors:
        where = pointer(*error.absolute_path)
        keyword, instance = str(error.validator), error.instance
        value: Any = error.validator_value
        if keyword == "required":
            for key in (k for k in value if isinstance(instance, Mapping) and k not in instance):
                yield problem("layout.required", pointer=where, expected=repr(key), found="-", key=key)
        elif keyword == "additionalProperties" and isinstance(instance, Mapping):
            allowed = error.schema.get("properties", {}) if isinstance(error.schema, Mapping) else {}
            for key in (k for k in instance if k not in allowed):
                at = pointer(*error.absolute_path, key)
                yield problem(
                    "layout.unknown_key", pointer=at, expected=", ".join(sorted(allowed)), found=repr(key), key=key
                )
        elif keyword == "type":
            got = _json_type(instance)
            yield problem("layout.type", pointer=where, expected=str(value), found=got, wanted=str(value), got=got)
        elif keyword == "oneOf":
            found = ", ".join(sorted(map(str, instance))) if isinstance(instance, Mapping) else _short(instance)
            yield problem("layout.item_columns", pointer=where, expected="column | applies + done", found=found)
        else:
            limit, shown = _short(value), _short(instance)
            expected = f"{keyword} {limit}"
            yield problem(
                "layout.value", pointer=where, expected=expected, found=shown, value=shown, keyword=keyword, limit=limit
            )


# -- meaning -----------------------------------------------------------------------------------


class _Readings:
    """Builds readings by name (the layout's own first, then the built-in ones), following ``extends``."""

    def __init__(self, defined: Mapping[str, Any]) -> None:
        self.defined = defined
        self.built: dict[str, Reading | None] = {}
        self.problems: list[Problem] = []

    def named(self, name: str, at: str, chain: tuple[str, ...] = ()) -> Reading | None:
        """The reading called ``name``; a problem at ``at`` when there is none."""
        if name in chain:
            cycle = " → ".join((*chain, name))
            self.problems.append(problem("layout.reading_cycle", pointer=at, found=cycle, name=name, chain=cycle))
            return None
        if name in self.built:
            return self.built[name]
        if name in self.defined:
            reading = self.build(name, self.defined[name], pointer("readings", name), (*chain, name))
        elif name in BUILTIN_READINGS:
            reading = self.build(name, BUILTIN_READINGS[name], "", (*chain, name))
        else:
            known = ", ".join(sorted({*self.defined, *BUILTIN_READINGS}))
            self.problems.append(
                problem("layout.unknown_reading", pointer=at, expected=known, found=repr(name), name=name)
            )
            reading = None
        self.built[name] = reading
        return reading

    def build(self, name: str, spec: Mapping[str, Any], at: str, chain: tuple[str, ...]) -> Reading | None:
        """A reading from its document: the texts of the reading it extends, then its own."""
        base_name = spec.get("extends")
        base = self.named(base_name, _at(at, "extends"), chain) if isinstance(base_name, str) else None
        if isinstance(base_name, str) and base is None:
            return None
        texts = dict(base.texts) if base is not None else {}
        own: dict[str, Meaning] = {}
        for meaning in Meaning:
            for index, raw in enumerate(spec.get(meaning.value, ())):
                key = normalize_text(raw)
                first = own.setdefault(key, meaning)
                if first is not meaning:
                    self.problems.append(
                        problem(
                            "layout.ambiguous_text",
                            pointer=_at(at, meaning.value, index),
                            expected=first.value,
                            found=repr(raw),
                            text=raw,
                            first=first.value,
                            second=meaning.value,
                        )
                    )
        texts.update(own)
        numbers = spec.get("numbers")
        counts = base.counts_numbers if numbers is None and base is not None else numbers == "count"
        return Reading(name, texts, counts)


def _at(at: str, *tokens: str | int) -> str:
    """A pointer ``at`` extended by ``tokens``."""
    return at + pointer(*tokens)


def _letters(value: object) -> int | None:
    return column_number(value) if isinstance(value, str) else None


def _item(spec: Mapping[str, Any], at: str, readings: _Readings) -> ItemColumns:
    item = str(spec["item"])
    if "column" in spec:
        if isinstance(spec.get("texts"), Mapping):
            reading = readings.build(f"{item}", spec["texts"], _at(at, "texts"), ())
        else:
            reading = readings.named(str(spec.get("reading", "standard")), _at(at, "reading"))
        return ItemColumns(item=item, pointer=at, column=_letters(spec["column"]), reading=reading)
    return ItemColumns(
        item=item,
        pointer=at,
        applies=_letters(spec["applies"]),
        done=_letters(spec["done"]),
        applies_reading=readings.named(str(spec.get("applies_reading", "applies")), _at(at, "applies_reading")),
        done_reading=readings.named(str(spec.get("done_reading", "done")), _at(at, "done_reading")),
    )


def _sheet_problems(spec: Mapping[str, Any], items: tuple[ItemColumns, ...], at: str) -> Iterator[Problem]:
    """Columns used twice, items read twice, a first row not below the header."""
    used: set[str] = set()
    for key in ("code", "name", "prefecture"):
        if key in spec:
            used.add(spec[key])
    seen_items: set[str] = set()
    for index, item_spec in enumerate(spec["items"]):
        for key in ("column", "applies", "done"):
            column = item_spec.get(key)
            if column is None:
                continue
            if column in used:
                where = _at(at, "items", index, key)
                yield problem("layout.column_twice", pointer=where, found=column, letters=column)
            used.add(column)
        if items[index].item in seen_items:
            where = _at(at, "items", index, "item")
            yield problem("layout.item_twice", pointer=where, found=repr(items[index].item), item=items[index].item)
        seen_items.add(items[index].item)
    header_row, first_row = spec.get("header_row"), spec["first_row"]
    if header_row is not None and first_row <= header_row:
        where = _at(at, "first_row")
        yield problem(
            "layout.rows",
            pointer=where,
            expected=f"> {header_row}",
            found=str(first_row),
            first_row=first_row,
            header_row=header_row,
        )


def _sheet(spec: Mapping[str, Any], at: str, readings: _Readings, problems: list[Problem]) -> LayoutSheet:
    items = tuple(_item(item, _at(at, "items", index), readings) for index, item in enumerate(spec["items"]))
    problems.extend(_sheet_problems(spec, items, at))
    return LayoutSheet(
        sheet=unicodedata.normalize("NFKC", spec["sheet"]),
        population=spec["population"],
        first_row=spec["first_row"],
        code=column_number(spec["code"]),
        items=items,
        pointer=at,
        header_row=spec.get("header_row"),
        code_digits=spec.get("code_digits"),
        name=_letters(spec.get("name")),
        prefecture=_letters(spec.get("prefecture")),
    )


def build_layout(document: Mapping[str, Any]) -> tuple[Layout, list[Problem]]:
    readings = _Readings(document.get("readings", {}))
    problems: list[Problem] = []
    for name in document.get("readings", {}):
        readings.named(name, pointer("readings", name))
    layout_files = []
    for file_index, file_spec in enumerate(document["files"]):
        at = pointer("files", file_index)
        sheets = tuple(
            _sheet(sheet, _at(at, "sheets", index), readings, problems)
            for index, sheet in enumerate(file_spec["sheets"])
        )
        layout_files.append(
            LayoutFile(match=file_spec["match"], sheets=sheets, pointer=at, required=file_spec.get("required", True))
        )
    layout = Layout(
        id=document["id"],
        files=tuple(layout_files),
        trial_counts_as=Answer(document.get("trial_counts_as", Answer.NOT_IMPLEMENTED.value)),
        title=document.get("title"),
        catalog=document.get("catalog"),
        period=document.get("period"),
        notes=tuple(document.get("notes", ())),
        confirmed=tuple(document.get("confirmed", ())),
        assumptions=tuple(document.get("assumptions", ())),
    )
    return layout, [*readings.problems, *problems]


def parse_layout(document: Any, *, file: str | None = None) -> tuple[Layout | None, list[Problem]]:
    """Check a layout document (schema, then meaning) and build it; ``None`` when any problem is an error.

    Problems carry ``file`` and the JSON pointer of what they are about.
    """
    if not isinstance(document, Mapping):
        return None, [problem("layout.not_object", file=file, expected="object", found=_json_type(document))]
    found = list(_schema_problems(document))
    if found:
        return None, [p.located(file) for p in found]
    layout, found = build_layout(document)
    found = [p.located(file) for p in found]
    if any(p.severity is Severity.ERROR for p in found):
        return None, found
    return layout, found


def builtin_layouts() -> tuple[str, ...]:
    """The ids of the layouts shipped with the package, sorted."""
    folder = files("tajimi_rules").joinpath("layouts")
    return tuple(sorted(entry.name.removesuffix(".json") for entry in folder.iterdir() if entry.name.endswith(".json")))


def builtin_reading(name: str) -> Reading:
    """A built-in reading by name (see :data:`BUILTIN_READINGS`).

    The names are a fixed set the library defines, like an option's choices, so an unknown one
    raises :class:`ValueError` naming them (:class:`TypeError` for a name that is no ``str``).
    """
    if name not in BUILTIN_READINGS or type(name) is not str:
        check_choice(name, BUILTIN_READINGS, function="builtin_reading", parameter="name")
    reading = _Readings({}).named(name, "")
    assert reading is not None
    return reading
