"""The ``tajimi-rules`` command line.

``main(argv) -> int`` runs one command and returns its exit status, so tests call it without
a subprocess; ``run()`` is the console-script entry point around it. Exit statuses: 0 when
all is well, 1 when the command found something (a disagreement, an invalid file, ...),
2 for usage errors and unusable input, 3 for an internal error (a bug). Bad input is
reported as problems, never a traceback.

Commands return 0 or 1 and *raise* what stops them: a :class:`~tajimi_rules.errors.TajimiRulesError`
carries its exit status (``exit_code``) and :func:`main` writes it, once, in the chosen language.
Each command lives in a module named after it and is listed, with its help line, in
:data:`~tajimi_rules._cli._common.COMMAND_TABLE`; adding a command is one line there. Only the
command run is imported: ``--help`` lists the others from the table.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Sequence
from importlib import import_module

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
from ._common import COMMAND_TABLE, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, Command, Output, UsageError, visible

__all__ = ["COMMANDS", "LazyCommand", "build_parser", "commands", "error_lines", "main", "run"]


class LazyCommand:
    """One command as the table lists it: its name and help line at once, the rest from its module when used.

    ``exits``, ``configure``, ``run`` and ``epilog`` are those of the module's ``COMMAND``
    (a :class:`~tajimi_rules._cli._common.Command`), imported on first use, so a run of one
    command never imports the others.
    """

    __slots__ = ("help", "module", "name")

    def __init__(self, name: str, module: str, help: str) -> None:
        self.name = name
        self.module = module
        self.help = help

    def __repr__(self) -> str:
        return f"LazyCommand({self.name!r}, {self.module!r})"

    def load(self) -> Command:
        """The command itself, from its module."""
        command: Command = import_module(f".{self.module}", __name__).COMMAND
        return command

    @property
    def exits(self) -> tuple[tuple[int, str], ...]:
        """When the command returns each exit status (see :class:`Command`)."""
        return self.load().exits

    @property
    def epilog(self) -> str:
        """The exit statuses, one a line, as ``--help`` ends."""
        return self.load().epilog

    @property
    def configure(self) -> Callable[[argparse.ArgumentParser], None]:
        """Adds the command's arguments to its parser."""
        return self.load().configure

    @property
    def run(self) -> Callable[[argparse.Namespace, Output], int]:
        """Runs the command on its parsed arguments."""
        return self.load().run


COMMANDS: tuple[LazyCommand | Command, ...] = tuple(LazyCommand(*entry) for entry in COMMAND_TABLE)
"""Every command, in the order ``--help`` lists them (from :data:`~tajimi_rules._cli._common.COMMAND_TABLE`)."""


def commands() -> tuple[LazyCommand | Command, ...]:
    """Every command, in the order ``--help`` lists them (:data:`COMMANDS`)."""
    return COMMANDS


def _chosen(argv: Sequence[str]) -> str | None:
    """The command named in ``argv``: the first word that is not an option (the line's own take no value)."""
    for arg in argv:
        if arg == "--":
            continue
        if not arg.startswith("-"):
            return arg
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every command configured; with ``only``, the one command named.

    With ``only`` naming a command, the parser has that command alone, configured; with any
    other ``only`` (say ``""``), it lists every command with its help line (``--help``) and
    configures none. Only the commands configured are imported, and a parser for each command
    listed costs a few milliseconds (argparse looks up its translations for each).
    """
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
    named = [command for command in COMMANDS if command.name == only]
    for command in named or COMMANDS:
        if only is not None and not named:
            subparsers.add_parser(command.name, help=command.help)
            continue
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
    arguments = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(only=_chosen(arguments) or "")
    try:
        # argparse prints help and usage errors itself: send them to this run's streams.
        with contextlib.redirect_stdout(output.stdout), contextlib.redirect_stderr(output.stderr):
            args = parser.parse_args(arguments)
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
