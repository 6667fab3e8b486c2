"""``tajimi-rules layout init WORKBOOK_OR_ZIP --out DIR``: a draft layout and catalog from the workbooks.

The draft is read from the workbooks' own header rows (sheet names, item headers, the period in
A1): ``DIR/layout.json`` says where the answers sit and how their texts read, ``DIR/catalog.json``
names one item per answer column, its name the column's header text. Edit both (ids, names,
readings), check them with ``tajimi-rules validate DIR``, then read the set with
``tajimi-rules batch WORKBOOK_OR_ZIP --layout DIR/layout.json --catalog DIR/catalog.json``.

Exit statuses: 0 when both files were written; 2 when the set cannot be read (no workbook, a
damaged file, no sheet with codes) or ``DIR`` already holds a ``layout.json`` or ``catalog.json``
(unless ``--replace``): then nothing is written.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from .._texts import text
from ..survey import available_readers, draft
from ._common import EXIT_OK, EXIT_USAGE, Command, Output, UsageError, add_lang, summary, visible

__all__ = ["COMMAND"]

_FILES = ("layout.json", "catalog.json")


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "action",
        choices=("init",),
        help="init: draft DIR/layout.json and DIR/catalog.json from the workbooks' own header rows",
    )
    parser.add_argument("source", metavar="WORKBOOK_OR_ZIP", help="a zip of .xlsx files, a folder, or one .xlsx")
    parser.add_argument("--out", metavar="DIR", required=True, help="directory for layout.json and catalog.json")
    parser.add_argument(
        "--reader", choices=("calamine", "openpyxl"), default=None, help="cell reader (default: the fastest installed)"
    )
    parser.add_argument("--replace", action="store_true", help="replace layout.json and catalog.json if DIR has them")
    add_lang(parser)


def _dump(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def _write(folder: Path, documents: dict[str, str], replace: bool) -> None:
    """Write each file atomically (a temporary file renamed into place); refuse to overwrite unless told."""
    in_the_way = [name for name in documents if (folder / name).exists()]
    if in_the_way and not replace:
        raise UsageError("layout.cli.exists", out=folder, files=", ".join(in_the_way))
    folder.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    try:
        for name, content in documents.items():
            handle, made = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(content)
            staged.append((Path(made), folder / name))
        for staging, target in staged:
            staging.replace(target)
    except OSError as error:
        for staging, _ in staged:
            staging.unlink(missing_ok=True)
        raise UsageError("layout.cli.cannot_write", out=folder, reason=error.strerror or str(error)) from error


def _run(args: argparse.Namespace, out: Output) -> int:
    if args.reader is not None and args.reader not in available_readers():
        raise UsageError("layout.cli.no_reader", reader=args.reader)
    result = draft(args.source, reader=args.reader)
    if not result.layout["files"]:
        raise UsageError("layout.cli.nothing", problems=result.problems, source=args.source)
    for problem in result.problems:
        out.error(visible(problem.text(args.lang)))
    folder = Path(args.out)
    _write(folder, {"layout.json": _dump(result.layout), "catalog.json": _dump(result.catalog)}, args.replace)
    sheets = sum(len(file["sheets"]) for file in result.layout["files"])
    items = sum(len(category["items"]) for category in result.catalog["categories"])
    out.write(
        visible(
            text(
                "layout.cli.written",
                args.lang,
                out=folder,
                files=len(result.layout["files"]),
                sheets=sheets,
                items=items,
                source=args.source,
            )
        )
    )
    return EXIT_OK


COMMAND = Command(
    name="layout",
    help=summary("layout"),
    exits=(
        (EXIT_OK, "the draft layout and catalog were written"),
        (EXIT_USAGE, "the workbooks cannot be read, or DIR already holds a draft: nothing written"),
    ),
    configure=_configure,
    run=_run,
)
