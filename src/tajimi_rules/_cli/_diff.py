"""``tajimi-rules diff OLD NEW``: what moved between two evaluations of one body, and why.

Exit statuses: 0 when no rating moved and no item changed level, 1 when something did,
2 when a file cannot be used or the two are evaluations of different bodies.
"""

from __future__ import annotations

import argparse

from ..checks._diff import EvaluationDiff, diff_evaluations
from ._common import EXIT_FOUND, EXIT_OK, Command, Output, add_format, add_lang, add_rules, table

__all__ = ["COMMAND"]


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", metavar="OLD", help="the earlier evaluation JSON file")
    parser.add_argument("new", metavar="NEW", help="the later evaluation JSON file of the same body")
    add_rules(parser, default_help="the new file's own 'rules', else tajimi-r4")
    add_format(parser)
    add_lang(parser)


def _render(diff: EvaluationDiff, lang: str, out: Output) -> None:
    ja = lang == "ja"
    municipality = diff.new.municipality
    out.write(
        f"{municipality.name} ({municipality.code}): {diff.old.survey.fiscal_year} → {diff.new.survey.fiscal_year}"
        f" · {'規則集' if ja else 'rules'} {diff.rules.id}"
    )
    if not diff.changed:
        out.write("変化なし" if ja else "no rating moved and no item changed level")
        return
    if diff.moved:
        out.write()
        header = (
            ["ID", "カテゴリ", "前", "後", "前 先/普/検/遅", "後 先/普/検/遅"]
            if ja
            else ["id", "category", "old", "new", "old a/s/r/b", "new a/s/r/b"]
        )
        rows = [header]
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
        for line in table(rows):
            out.write(line)
    if diff.items:
        out.write()
        out.write("水準が変わった項目:" if ja else "items that changed level:")
        for item in diff.items:
            out.write(f"  {item.category}: {item.describe(lang)}")


def _run(args: argparse.Namespace, out: Output) -> int:
    diff = diff_evaluations(args.old, args.new, args.rules)
    if args.format == "json":
        out.json(diff.to_json())
    else:
        _render(diff, args.lang, out)
    return EXIT_FOUND if diff.changed else EXIT_OK


COMMAND = Command(
    name="diff",
    help="compare two evaluations of one body: categories whose rating moved, items that changed level, and why",
    configure=_configure,
    run=_run,
)
