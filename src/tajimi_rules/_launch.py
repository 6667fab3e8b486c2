"""The ``tajimi-rules`` console script: ``--version`` at once, a plain check quickly, the command line for the rest.

Answering ``--version`` needs only the version string, so it imports nothing else. A plain
``check`` runs on its quick route (:mod:`tajimi_rules._light._check`), which loads the standard
library alone; whatever that route does not take, and every other use, loads the command line
(:mod:`tajimi_rules._cli`) and runs it.
"""

import sys

from ._version import __version__

__all__ = ["run"]


def run() -> None:
    """Console-script entry point: the version, a plain check, else :func:`tajimi_rules._cli.run`."""
    _never_fail_to_encode()
    arguments = sys.argv[1:]
    if arguments == ["--version"]:
        sys.stdout.write(f"tajimi-rules {__version__}\n")
        sys.exit(0)
    if arguments[:1] == ["check"]:
        _quick_check(arguments[1:])
    from ._cli import run as run_command_line  # noqa: PLC0415 - the command line loads only when used

    run_command_line()


def _never_fail_to_encode() -> None:
    r"""Write what the streams' encoding cannot hold as escapes (``\u2713``) instead of failing.

    Output redirected to a file takes the locale's encoding (cp932 on a Japanese Windows, ASCII
    under ``PYTHONIOENCODING=ascii``), which holds neither ``✓`` nor every name in a file.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _quick_check(arguments: list[str]) -> None:
    """Exit with the quick route's status when it takes the check; return when the full road must run."""
    from ._light._check import quick_check  # noqa: PLC0415 - only a check loads it

    try:
        status = quick_check(arguments, sys.stdout)
    except KeyboardInterrupt:
        status = 130
    except BrokenPipeError:
        status = 0
    if status is not None:
        sys.exit(status)
