"""``tajimi-rules check FILE``: recompute every category's rating and compare with the stated one."""

from __future__ import annotations

import argparse

from ..checks._check import CategoryCheck, CheckReport, check
from ..documents._loaders import DEFAULT_RULES
from ._common import EXIT_FOUND, EXIT_OK, Command, Output, add_format, add_lang, add_rules, table, visible

__all__ = ["COMMAND"]


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="evaluation JSON file")
    add_rules(parser, default_help=f"the file's own 'rules', else {DEFAULT_RULES}")
    add_format(parser)
    add_lang(parser)
    parser.add_argument("--explain", action="store_true", help="explain every category, not only the notable ones")


def _rating_text(item: CategoryCheck, lang: str) -> str:
    if item.rating is not None:
        return item.rating.label(lang)
    if item.explanation is None:
        return "件数不明" if lang == "ja" else "unknown counts"
    outcome = item.explanation.outcome.value
    return {
        "no_rule": "なし（空白域）" if lang == "ja" else "none (gap)",
        "ambiguous": "なし（重複）" if lang == "ja" else "none (overlap)",
        "empty": "なし（項目0）" if lang == "ja" else "none (no items)",
    }[outcome]


def _mark(item: CategoryCheck) -> str:
    if not item.rated or item.agrees is False:
        return "✗"
    return "✓" if item.agrees else "·"


def _render(report: CheckReport, file: str, lang: str, explain_all: bool, out: Output) -> None:
    ja = lang == "ja"

    def write(line: str = "") -> None:
        # Names and titles come from the files: their control characters are shown, not obeyed.
        out.write(visible(line))

    evaluation = report.evaluation
    municipality = evaluation.municipality
    write(f"{file}: {municipality.name} ({municipality.code}) · {evaluation.survey.title}")
    write(
        ("規則集: " if ja else "rules: ") + f"{report.rules.id} ({report.rules.combine.value}) · {report.rules.title}"
    )
    write()
    header = (
        ["", "ID", "カテゴリ", "n", "先/普/検/遅", "算出", "記載"]
        if ja
        else ["", "id", "category", "n", "a/s/r/b", "computed", "stated"]
    )
    rows = [header]
    for item in report.categories:
        rows.append(
            [
                _mark(item),
                item.category.id,
                item.category.name.label(lang),
                str(item.counts.total) if item.counts is not None else "?",
                item.counts.short() if item.counts is not None else "?",
                _rating_text(item, lang),
                item.stated_rating.label(lang) if item.stated_rating is not None else "—",
            ]
        )
    for line in table([[visible(cell) for cell in row] for row in rows], right=(3,)):
        write(line)
    write()
    total, disagree, unrated = (
        len(report.categories),
        len(report.disagreements),
        len(report.unrated),
    )
    agree = len(report.agreements)
    if ja:
        write(f"{total}カテゴリ: 一致 {agree}、不一致 {disagree}、評価なし {unrated}")
    else:
        write(f"{total} categories: {agree} agree, {disagree} disagree, {unrated} unrated")
    notable = [c for c in report.categories if explain_all or c.agrees is False or not c.rated]
    for item in notable:
        write()
        name = f"{item.category.id} {item.category.name.label(lang)}"
        stated = item.stated_rating.label(lang) if item.stated_rating else "—"
        if ja:
            write(f"{name}: 算出 {_rating_text(item, lang)}、記載 {stated}")
        else:
            write(f"{name}: computed {_rating_text(item, lang)}, stated {stated}")
        if item.explanation is None:
            write("  件数も全項目の水準も分からない" if ja else "  neither counts nor every item's level is known")
            continue
        for line in item.explanation.lines(lang):
            write("  " + line)


def _run(args: argparse.Namespace, out: Output) -> int:
    report = check(args.file, args.rules)
    if args.format == "json":
        out.json(report.to_json(args.lang, file=args.file))
    else:
        _render(report, args.file, args.lang, args.explain, out)
    return EXIT_OK if report.ok else EXIT_FOUND


COMMAND = Command(
    name="check",
    help="recompute each category's rating, compare it with the stated one, and explain",
    configure=_configure,
    run=_run,
)
