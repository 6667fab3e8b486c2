"""``tajimi-rules report FILE --out PATH``: a report people read, in HTML or Markdown.

The format follows the extension of ``--out``: ``.html`` (or ``.htm``) writes one
self-contained HTML file with its charts embedded, ``.md`` (or ``.markdown``) writes
Markdown. The file is written atomically: it appears whole, or not at all.

Exit statuses: 0 when the report was written (disagreements and unrated categories are part
of the report, not a failure); 2 for usage errors and unusable input: an invalid file, an
unknown rule set, an ``--out`` with another extension or in a directory that does not exist,
a file that cannot be written, or the ``report`` extra not installed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..documents._loaders import DEFAULT_RULES, resolve
from ..report._report import report_format, write_report
from ._common import EXIT_OK, EXIT_USAGE, Command, Output, add_rules

__all__ = ["COMMAND"]


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="evaluation JSON file")
    parser.add_argument(
        "--out",
        metavar="PATH",
        required=True,
        help="where to write the report: .html (self-contained, with charts) or .md (Markdown)",
    )
    add_rules(parser, default_help=f"the file's own 'rules', else {DEFAULT_RULES}")
    parser.add_argument(
        "--lang", choices=("en", "ja"), default="en", help="language of the report and messages (default: en)"
    )
    parser.add_argument("--no-charts", action="store_true", help="leave the charts out of an HTML report")


def _run(args: argparse.Namespace, out: Output) -> int:
    ja = args.lang == "ja"
    out_path = Path(args.out)
    try:
        format_ = report_format(out_path)
    except ValueError:
        if ja:
            out.error(f"tajimi-rules: --out の拡張子は .html か .md にする: {args.out}")
        else:
            out.error(f"tajimi-rules: --out must end in .html or .md: {args.out}")
        return EXIT_USAGE
    if not out_path.parent.is_dir():
        if ja:
            out.error(f"tajimi-rules: 出力先のディレクトリがない: {out_path.parent}")
        else:
            out.error(f"tajimi-rules: no such directory for --out: {out_path.parent}")
        return EXIT_USAGE
    evaluation, rules = resolve(args.file, args.rules)
    try:
        report = write_report(evaluation, out_path, rules, lang=args.lang, charts=not args.no_charts)
    except ImportError as error:
        out.error(f"tajimi-rules: {error}")
        return EXIT_USAGE
    except OSError as error:
        reason = error.strerror or str(error)
        if ja:
            out.error(f"tajimi-rules: 書き込めない: {out_path}: {reason}")
        else:
            out.error(f"tajimi-rules: cannot write {out_path}: {reason}")
        return EXIT_USAGE
    summary = report.summary
    kind = "HTML" if format_ == "html" else "Markdown"
    if ja:
        out.write(f"{out_path}: {kind} の報告書（{summary.total}カテゴリ、不一致 {summary.disagree}）")
    else:
        noun = "category" if summary.total == 1 else "categories"
        out.write(f"{out_path}: {kind} report of {summary.total} {noun} ({summary.disagree} disagree)")
    return EXIT_OK


COMMAND = Command(
    name="report",
    help="write a report people read: summary table, explanations, remarks, plans and charts (HTML or Markdown)",
    configure=_configure,
    run=_run,
)
