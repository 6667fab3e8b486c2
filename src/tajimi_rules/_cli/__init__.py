"""The ``tajimi-rules`` command line.

``main(argv) -> int`` runs one command and returns its exit status, so tests call it without
a subprocess; ``run()`` is the console-script entry point around it. Exit statuses: 0 when
all is well, 1 when the command found something (a disagreement, an invalid file, ...),
2 for usage errors and unusable input, 3 for an internal error (a bug). Bad input is
reported as problems, never a traceback.

Commands return 0 or 1 and *raise* what stops them: a :class:`~tajimi_rules.errors.TajimiRulesError`
carries its exit status (``exit_code``) and :func:`main` writes it, once, in the chosen language.
Each command lives in a module named after it and is listed in :data:`COMMANDS`; adding a
command is one line there.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence

from .._errors import (
    InvalidDocumentError,
    OutputExistsError,
    TajimiRulesError,
    UnknownCatalogError,
    UnknownCategoryError,
    UnknownIdError,
    UnknownRuleSetError,
)
from .._texts import Lang, resolve_lang, text
from .._version import __version__
from . import (
    _batch,
    _check,
    _diff,
    _diff_rules,
    _export,
    _layout,
    _lint_rules,
    _report,
    _schema,
    _suggest,
    _validate,
    _workbook,
)
from ._common import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, Command, Output, UsageError, visible

__all__ = ["COMMANDS", "build_parser", "commands", "error_lines", "main", "run"]

COMMANDS: tuple[Command, ...] = (
    _check.COMMAND,
    _validate.COMMAND,
    _suggest.COMMAND,
    _lint_rules.COMMAND,
    _diff_rules.COMMAND,
    _batch.COMMAND,
    _layout.COMMAND,
    _diff.COMMAND,
    _report.COMMAND,
    _export.COMMAND,
    _workbook.COMMAND,
    _schema.COMMAND,
)
"""Every command, in the order ``--help`` lists them."""


def commands() -> tuple[Command, ...]:
    """Every command, in the order ``--help`` lists them (:data:`COMMANDS`)."""
    return COMMANDS


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command."""
    parser = argparse.ArgumentParser(
        prog="tajimi-rules",
        description="Rate, explain and check evaluations under the Tajimi method's rule sets.",
        epilog=(
            "exit statuses: 0 all is well, 1 the command found something, 2 usage error or unusable input, "
            "3 internal error. The language of messages follows --lang, else $TAJIMI_RULES_LANG, else the locale."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        sub = subparsers.add_parser(
            command.name,
            help=command.help,
            description=command.help,
            epilog=command.epilog,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        command.configure(sub)
        sub.set_defaults(_run=command.run)
    return parser


def _unknown_id(error: UnknownIdError, lang: Lang) -> str:
    kind = {
        UnknownRuleSetError: "cli.error.unknown_rule_set",
        UnknownCatalogError: "cli.error.unknown_catalog",
        UnknownCategoryError: "cli.error.unknown_category",
    }.get(type(error), "cli.error.unknown_id")
    return text(kind, lang, name=error.name, known=", ".join(error.known))


def error_lines(error: TajimiRulesError, lang: Lang) -> list[str]:
    """What the command line writes for ``error``, in ``lang``: its problems, then its message."""
    if isinstance(error, InvalidDocumentError):
        return [problem.text(lang) for problem in error.problems] or [f"tajimi-rules: {error}"]
    problems = [problem.text(lang) for problem in error.problems] if isinstance(error, UsageError) else []
    if isinstance(error, UsageError):
        message = error.text(lang)
    elif isinstance(error, UnknownIdError):
        message = _unknown_id(error, lang)
    elif isinstance(error, OutputExistsError):
        message = text("cli.error.output_exists", lang, path=error.path)
    else:
        message = str(error)
    return [*problems, f"tajimi-rules: {message}"]


def main(argv: Sequence[str] | None = None, *, out: Output | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    output = out or Output(sys.stdout, sys.stderr)
    parser = build_parser()
    try:
        # argparse prints help and usage errors itself: send them to this run's streams.
        with contextlib.redirect_stdout(output.stdout), contextlib.redirect_stderr(output.stderr):
            args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code) if isinstance(exit_.code, int) else EXIT_USAGE
    lang = resolve_lang(args.lang)
    args.lang = lang
    try:
        status: int = args._run(args, output)
    except TajimiRulesError as error:
        # Keys, values and file names quoted from the input: controls shown, not obeyed.
        for line in error_lines(error, lang):
            output.error(visible(line))
        return error.exit_code
    except (KeyboardInterrupt, BrokenPipeError):
        raise
    except Exception as error:  # a bug: say so, in one place, with exit status 3
        output.error(visible(text("cli.error.internal", lang, kind=type(error).__name__, error=str(error))))
        output.error(text("cli.error.report_bug", lang))
        return EXIT_INTERNAL
    return status


def run() -> None:
    """Console-script entry point: run :func:`main` and exit with its status."""
    try:
        status = main()
    except KeyboardInterrupt:
        status = 130
    except BrokenPipeError:
        status = EXIT_OK
    sys.exit(status)
