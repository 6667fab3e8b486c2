"""The ``tajimi-rules`` console script: ``--version`` at once, the command line for the rest.

Answering ``--version`` needs only the version string, so it imports nothing else; every other
use loads the command line (:mod:`tajimi_rules._cli`) and runs it.
"""

import sys

from ._version import __version__

__all__ = ["run"]


def run() -> None:
    """Console-script entry point: the version at once, else :func:`tajimi_rules._cli.run`."""
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"tajimi-rules {__version__}\n")
        sys.exit(0)
    from ._cli import run as run_command_line  # noqa: PLC0415 - the command line loads only when used

    run_command_line()
