"""Writing exports to files: the format chosen by the caller or the file's extension, written atomically."""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .._files import write_atomically
from .._texts import Lang
from ..documents import load_rules
from ..model import Evaluation
from ..rules import RuleSet
from ._bounds import Target
from ._compile import javascript_module, sql_view
from ._page import interactive_page
from ._workbook import calculator_workbook, whatif_workbook

__all__ = ["export_bytes", "whatif_bytes", "write_export", "write_whatif"]


def _workbook_bytes(workbook: Any) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_bytes(rules: RuleSet | str | os.PathLike[str], to: Target | str, lang: Lang = "en") -> bytes:
    """The rule set exported to ``to`` (``"js"``, ``"sql"`` or ``"xlsx"``), as the bytes of its file."""
    rule_set = rules if isinstance(rules, RuleSet) else load_rules(rules)
    target = Target(to)
    if target is Target.JS:
        return javascript_module(rule_set).encode("utf-8")
    if target is Target.SQL:
        return sql_view(rule_set).encode("utf-8")
    return _workbook_bytes(calculator_workbook(rule_set, lang))


def write_export(
    rules: RuleSet | str | os.PathLike[str], to: Target | str, path: str | os.PathLike[str], lang: Lang = "en"
) -> Path:
    """Export the rule set to ``to`` and write it to ``path``; return the path."""
    return write_atomically(path, export_bytes(rules, to, lang))


def whatif_bytes(
    evaluation: Evaluation | Mapping[str, Any] | str | os.PathLike[str],
    kind: str,
    rules: RuleSet | str | os.PathLike[str] | Mapping[str, Any] | None = None,
    lang: Lang = "en",
) -> bytes:
    """The what-if plan of ``evaluation`` as an ``"xlsx"`` workbook or an ``"html"`` page."""
    if kind == "html":
        return interactive_page(evaluation, rules, lang).encode("utf-8")
    if kind == "xlsx":
        return _workbook_bytes(whatif_workbook(evaluation, rules, lang))
    raise ValueError(f"a what-if plan is an xlsx workbook or an html page, not {kind!r}")


def write_whatif(
    evaluation: Evaluation | Mapping[str, Any] | str | os.PathLike[str],
    path: str | os.PathLike[str],
    rules: RuleSet | str | os.PathLike[str] | Mapping[str, Any] | None = None,
    lang: Lang = "en",
) -> Path:
    """Write the what-if plan to ``path``: a workbook for ``.xlsx``, the interactive page for ``.html``."""
    kind = Path(path).suffix.lower().lstrip(".")
    return write_atomically(path, whatif_bytes(evaluation, "html" if kind == "htm" else kind, rules, lang))
