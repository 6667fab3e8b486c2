"""The ``tajimi-rules`` command line.

``main(argv) -> int`` runs one command and returns its exit status, so tests call it without
a subprocess; ``run()`` is the console-script entry point around it. Exit statuses: 0 when
all is well, 1 when the command found something (a disagreement, an invalid file, ...),
2 for usage errors and unusable input. Bad input is reported as problems, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from functools import cache

from .._errors import InvalidDocumentError, TajimiRulesError
from .._version import __version__
from ._common import EXIT_OK, EXIT_USAGE, Command, Output, visible

__all__ = ["main", "run"]

# The order commands are listed in ``--help``; any other command module follows, by name.
_ORDER = ("check", "validate", "suggest", "lint-rules", "diff-rules", "batch", "diff", "report")


@cache
def commands() -> tuple[Command, ...]:
    """Every command: each module of this package that defines a ``COMMAND``."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        command = getattr(module, "COMMAND", None)
        if isinstance(command, Command):
            found.append(command)
    rank = {name: index for index, name in enumerate(_ORDER)}
    return tuple(sorted(found, key=lambda c: (rank.get(c.name, len(rank)), c.name)))


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command."""
    parser = argparse.ArgumentParser(
        prog="tajimi-rules",
        description="Rate, explain and check evaluations under the Tajimi method's rule sets.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in commands():
        sub = subparsers.add_parser(command.name, help=command.help, description=command.help)
        command.configure(sub)
        sub.set_defaults(_run=command.run)
    return parser


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
    try:
        status: int = args._run(args, output)
    except InvalidDocumentError as error:
        lang = getattr(args, "lang", "en")
        for problem in error.problems:
            output.error(visible(problem.text(lang)))
        return EXIT_USAGE
    except TajimiRulesError as error:
        output.error(visible(f"tajimi-rules: {error}"))
        return EXIT_USAGE
    return status


def run() -> None:
    """Console-script entry point: run :func:`main` and exit with its status."""
    try:
        status = main()
    except KeyboardInterrupt:
        status = 130
    except BrokenPipeError:
        status = EXIT_OK
    except Exception as error:
        print(f"tajimi-rules: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        print(
            "tajimi-rules: this is a bug; please report it with the command you ran",
            file=sys.stderr,
        )
        status = 3
    sys.exit(status)
