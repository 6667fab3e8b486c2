"""Reading survey layouts from files: a shipped one by id, a JSON file, bytes or a mapping.

The layout model and its checks are in :mod:`tajimi_rules.model` (the document pipeline checks
layouts with them); this module reads the files and loads them through the pipeline.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from importlib.resources import files
from pathlib import Path
from typing import Any

from .._arguments import check_source
from .._errors import InvalidDocumentError, Problem, problem
from ..documents import validated
from ..model._layout import Layout, build_layout, builtin_layouts, parse_layout

__all__ = ["load_layout", "read_layout"]


def _document(source: str | os.PathLike[str] | bytes) -> tuple[Any, str | None, list[Problem]]:
    """The JSON value of a layout given by id, path or bytes, its file name, and why it cannot be read."""
    if isinstance(source, bytes):
        name, data = None, source
    else:
        name = os.fspath(source)
        try:
            if name in builtin_layouts() and not Path(name).exists():
                name = f"tajimi_rules/layouts/{name}.json"
                data = files("tajimi_rules").joinpath("layouts", Path(name).name).read_bytes()
            else:
                data = Path(name).read_bytes()
        except OSError as error:
            reason = error.strerror or str(error)
            return None, name, [problem("layout.unreadable", file=name, found=type(error).__name__, error=reason)]
    try:
        return json.loads(data.decode("utf-8-sig")), name, []
    except UnicodeDecodeError as error:
        return None, name, [problem("layout.not_json", file=name, expected="UTF-8", found=str(error), error=str(error))]
    except json.JSONDecodeError as error:
        found = problem("layout.not_json", file=name, line=error.lineno, column=error.colno, error=error.msg)
        return None, name, [found]


def read_layout(
    source: str | os.PathLike[str] | bytes | Mapping[str, Any],
) -> tuple[Layout | None, list[Problem]]:
    """Read and check a layout: a shipped one by id (``"mic-r4"``), a JSON file, bytes or a mapping.

    A wrong argument raises :class:`TypeError` naming it.
    """
    check_source(source, "read_layout", data=True, mapping=True)
    if isinstance(source, Mapping):
        return parse_layout(source)
    document, name, problems = _document(source)
    if problems:
        return None, problems
    return parse_layout(document, file=name)


def load_layout(source: str | os.PathLike[str] | bytes | Mapping[str, Any] | Layout) -> Layout:
    """A layout, or :class:`~tajimi_rules.errors.InvalidDocumentError` holding every problem found.

    The document goes through the one document pipeline (:func:`tajimi_rules.documents.validate`
    with kind ``layout``), so ``load_layout`` refuses exactly what ``tajimi-rules validate``
    reports, with the same problems.

    A wrong argument raises :class:`TypeError` naming it.
    """
    if isinstance(source, Layout):
        return source
    check_source(source, "load_layout", data=True, mapping=True)
    if isinstance(source, Mapping):
        document: Any = source
        name: str | None = None
    else:
        document, name, problems = _document(source)
        if problems:
            raise InvalidDocumentError(problems, kind="layout")
    result = validated(document, kind="layout", name=name)
    if result.errors:
        raise InvalidDocumentError(list(result.problems), kind="layout")
    layout, _ = build_layout(document)
    return layout
