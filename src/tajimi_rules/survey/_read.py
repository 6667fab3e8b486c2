"""Reading answers in either layout: the reader is chosen by the file's name and the mapping given."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .._arguments import check_optional_str, check_source
from .._errors import Problem, phrase
from ..documents._jsonio import path_problem
from ..documents._loaders import check_catalog
from ..model import Catalog
from ._answers import Answers
from ._csv import MAX_ANSWERS_BYTES, read_long_csv
from ._package import CFB_MAGIC, not_a_workbook
from ._problem import problem
from ._xlsx import read_wide_xlsx

__all__ = ["read_answers"]


def _compound_file(path: Path, file: str) -> Problem | None:
    """An encrypted workbook or a legacy ``.xls`` (OLE compound files) given as answers: never read as text."""
    try:
        with path.open("rb") as stream:
            if stream.read(len(CFB_MAGIC)) != CFB_MAGIC:
                return None
            data = CFB_MAGIC + stream.read(MAX_ANSWERS_BYTES)
    except OSError:
        return None  # each reader words its own problem with the file
    return not_a_workbook(file, data, ValueError("an OLE compound file"))


def read_answers(
    source: str | os.PathLike[str],
    catalog: Catalog,
    *,
    mapping: str | os.PathLike[str] | Mapping[str, Any] | None = None,
    encoding: str | None = None,
) -> Answers:
    """Read answers: a wide ``.xlsx`` when ``mapping`` is given or the name ends in ``.xlsx``.

    Anything else is read as a long CSV (see :func:`read_long_csv`). A workbook without a
    column mapping is a problem (``answers.mapping_missing``), not an exception; so is an
    encrypted workbook or a legacy ``.xls`` (``workbook.encrypted``, ``workbook.legacy_xls``),
    whatever its name.

    A wrong argument raises :class:`TypeError` naming it.
    """
    check_source(source, "read_answers")
    check_catalog(catalog, "read_answers")
    if mapping is not None:
        check_source(mapping, "read_answers", "mapping", mapping=True)
    check_optional_str(encoding, "read_answers", "encoding")
    file = os.fspath(source)
    # A fifo would wait for a writer and a device never ends: only regular files of a bounded size are
    # read (a missing file is each reader's own problem, worded for it).
    fault = path_problem(Path(source), file, MAX_ANSWERS_BYTES, wanted="words.an_answers_file")
    if fault is not None and fault.code != "file.missing":
        return Answers.unread(catalog, file, (fault,))
    if mapping is not None:
        return read_wide_xlsx(source, catalog, mapping)
    legacy = _compound_file(Path(source), file)
    if legacy is not None:
        return Answers.unread(catalog, file, (legacy,))
    if Path(source).suffix.lower() == ".xlsx":
        missing = problem(
            "answers.mapping_missing", file=file, expected=phrase("survey.expected.mapping"), found="none"
        )
        return Answers.unread(catalog, file, (missing,))
    return read_long_csv(source, catalog, encoding=encoding)
