"""Writing exports to files: the format chosen by the caller or the file's extension, written atomically."""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .._arguments import check_choice, check_lang, check_type
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


_A_PATH = "a str or os.PathLike"


def _workbook_bytes(workbook: Any) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_bytes(rules: RuleSet | str | os.PathLike[str], to: Target | str, lang: Lang = "en") -> bytes:
    """The rule set exported to ``to`` (``"js"``, ``"sql"`` or ``"xlsx"``), as the bytes of its file.

    Raises what :func:`~tajimi_rules.load_rules` raises for ``rules``, :class:`ValueError` for a
    ``to`` or ``lang`` that names nothing and :class:`TypeError` for an argument of the wrong type.
    """
    if not isinstance(to, Target):
        check_choice(to, tuple(target.value for target in Target), function="export_bytes", parameter="to")
    check_lang(lang, "export_bytes")
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
    """Export the rule set to ``to`` and write it to ``path``; return the path (raises as :func:`export_bytes`)."""
    check_type(path, (str, os.PathLike), function="write_export", parameter="path", expected=_A_PATH)
    return write_atomically(path, export_bytes(rules, to, lang))


def whatif_bytes(
    evaluation: Evaluation | Mapping[str, Any] | str | os.PathLike[str],
    kind: str,
    rules: RuleSet | str | os.PathLike[str] | Mapping[str, Any] | None = None,
    lang: Lang = "en",
) -> bytes:
    """The what-if plan of ``evaluation`` as an ``"xlsx"`` workbook or an ``"html"`` page.

    Raises what :func:`~tajimi_rules.load_evaluation` raises for ``evaluation``,
    :class:`ValueError` for a ``kind`` or ``lang`` that names nothing and :class:`TypeError` for
    an argument of the wrong type.
    """
    check_choice(kind, ("xlsx", "html"), function="whatif_bytes", parameter="kind")
    check_lang(lang, "whatif_bytes")
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
    check_type(path, (str, os.PathLike), function="write_whatif", parameter="path", expected=_A_PATH)
    kind = Path(path).suffix.lower().lstrip(".")
    return write_atomically(path, whatif_bytes(evaluation, "html" if kind == "htm" else kind, rules, lang))
