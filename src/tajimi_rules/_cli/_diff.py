"""``tajimi-rules diff OLD NEW``: what moved between two evaluations of one body, and why.

Exit statuses: 0 when no rating moved and no item changed level, 1 when something did,
2 when a file cannot be used or the two are evaluations of different bodies.
"""

from __future__ import annotations

import argparse

from .._texts import Lang, text
from ..checks import EvaluationDiff, diff_evaluations
from ..documents import DEFAULT_RULES
from ._common import (
    EXIT_FOUND,
    EXIT_OK,
    EXIT_USAGE,
    Command,
    Output,
    add_format,
    add_lang,
    add_rules,
    summary,
    table,
    visible,
)

__all__ = ["COMMAND"]

_COLUMNS = ("id", "category", "old", "new", "old_counts", "new_counts")


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", metavar="OLD", help="the earlier evaluation JSON file")
    parser.add_argument("new", metavar="NEW", help="the later evaluation JSON file of the same body")
    add_rules(parser, default_help=f"the new file's own 'rules', else {DEFAULT_RULES}")
    add_format(parser)
    add_lang(parser)


def _moved(diff: EvaluationDiff, lang: Lang) -> list[str]:
    rows = [[text(f"cli.diff.column.{column}", lang) for column in _COLUMNS]]
    for category in diff.moved:
        rows.append(
            [
                category.id,
                category.name.label(lang),
                category.old.label(lang) if category.old is not None else "—",
                category.new.label(lang) if category.new is not None else "—",
                category.old_counts.short() if category.old_counts is not None else "—",
                category.new_counts.short() if category.new_counts is not None else "—",
            ]
        )
    return table([[visible(cell) for cell in row] for row in rows])


def _render(diff: EvaluationDiff, lang: Lang, out: Output) -> None:
    def write(line: str = "") -> None:
        # Names come from the files: their control characters are shown, not obeyed.
        out.write(visible(line))

    municipality = diff.new.municipality
    years = f"{diff.old.survey.fiscal_year} → {diff.new.survey.fiscal_year}"
    write(text("cli.diff.head", lang, name=municipality.name, code=municipality.code, years=years, rules=diff.rules.id))
    if not diff.changed:
        write(text("cli.diff.unchanged", lang))
        return
    if diff.moved:
        write()
        for line in _moved(diff, lang):
            write(line)
    if diff.items:
        write()
        write(text("cli.diff.items", lang))
        for item in diff.items:
            write(f"  {item.category}: {item.describe(lang)}")


def _run(args: argparse.Namespace, out: Output) -> int:
    diff = diff_evaluations(args.old, args.new, args.rules)
    if args.format == "json":
        out.json(diff.to_json())
    else:
        _render(diff, args.lang, out)
    return EXIT_FOUND if diff.changed else EXIT_OK


COMMAND = Command(
    name="diff",
    help=summary("diff"),
    exits=(
        (EXIT_OK, "no rating moved and no item changed level"),
        (EXIT_FOUND, "a rating moved or an item changed level"),
        (EXIT_USAGE, "usage error, a file that cannot be used, or evaluations of different bodies"),
    ),
    configure=_configure,
    run=_run,
)
