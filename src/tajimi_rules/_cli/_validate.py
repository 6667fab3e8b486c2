"""``tajimi-rules validate FILE...``: check documents against their schema and meaning, report every problem.

Exit statuses: 0 when every file is valid (warnings allowed, unless ``--strict``), 1 when any is
not (or, with ``--strict``, when any has a warning), 2 for usage errors (including an unknown or
invalid ``--rules``). Directories are searched for ``*.json`` files.
"""

from __future__ import annotations

import argparse
import os
import stat
from collections.abc import Iterator
from typing import Any

from .._errors import Problem, Severity
from .._texts import Lang, text
from ..documents import load_rules
from ..documents._jsonio import DEFAULT_MAX_BYTES
from ..documents._validate import KINDS, Validated, validated
from ._common import EXIT_FOUND, EXIT_OK, EXIT_USAGE, Command, Output, add_format, add_lang, add_rules, summary, visible

__all__ = ["COMMAND"]


def _size(given: str) -> int:
    try:
        value = int(given)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of bytes: {given!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("must be a positive number of bytes")
    return value


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", metavar="FILE", nargs="+", help="JSON documents, or directories of them")
    parser.add_argument(
        "--kind",
        choices=KINDS,
        default=None,
        help="what the files are (default: told by each file's $schema or shape)",
    )
    parser.add_argument(
        "--max-bytes",
        type=_size,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"refuse files larger than N bytes (default: {DEFAULT_MAX_BYTES:,})",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="fail (exit status 1) on warnings too, such as a name mixing scripts",
    )
    add_rules(parser, default_help="each evaluation's own 'rules'; evaluations are checked against it")
    add_format(parser)
    add_lang(parser)


def _files(paths: list[str]) -> Iterator[tuple[str, Problem | None]]:
    """Every file to check; a directory gives its ``*.json`` files, or a problem if it has none.

    Whatever cannot be looked at (a name too long, a directory that cannot be listed) is
    passed on as a problem; a path that is not a directory is left to the reader to judge.
    """
    for path in paths:
        try:
            is_directory = stat.S_ISDIR(os.stat(path).st_mode)
        except (OSError, ValueError):  # ValueError: a NUL in the path
            is_directory = False  # the reader reports a missing or unreadable path as such
        if not is_directory:
            yield path, None
            continue
        unlisted: list[OSError] = []
        found = sorted(
            os.path.join(root, name)
            for root, _dirs, names in os.walk(path, onerror=unlisted.append)
            for name in names
            if name.endswith(".json")
        )
        for error in unlisted:
            where = error.filename if isinstance(error.filename, str) else path
            yield where, _unlisted(where, error)
        if not found and not unlisted:
            yield (
                path,
                Problem(
                    code="file.no_json",
                    message=text("file.no_json", "en"),
                    message_ja=text("file.no_json", "ja"),
                    file=path,
                    expected="a directory with .json files",
                    found="none",
                ),
            )
        yield from ((name, None) for name in found)


def _unlisted(where: str, error: OSError) -> Problem:
    reason = error.strerror or str(error)
    return Problem(
        code="file.unreadable",
        message=text("cli.validate.unlisted", "en", reason=reason),
        message_ja=text("cli.validate.unlisted", "ja", reason=reason),
        file=where,
        expected="a readable directory",
        found=type(error).__name__,
    )


def _render(results: list[tuple[str, Validated]], lang: Lang, out: Output) -> None:
    for _file, result in results:
        for problem in result.problems:
            # Keys, values and file names quoted from the files: controls shown, not obeyed.
            out.write(visible(problem.text(lang)))
    invalid = sum(1 for _, result in results if not result.ok)
    errors = sum(len(result.errors) for _, result in results)
    warnings = sum(len(result.problems) - len(result.errors) for _, result in results)
    summary = text(
        "cli.validate.summary",
        lang,
        files=len(results),
        valid=len(results) - invalid,
        invalid=invalid,
        errors=errors,
        warnings=warnings,
    )
    out.write(summary)


def _to_json(results: list[tuple[str, Validated]]) -> dict[str, Any]:
    files = [
        {
            "file": file,
            "kind": result.kind,
            "valid": result.ok,
            "problems": [problem.to_json() for problem in result.problems],
        }
        for file, result in results
    ]
    return {
        "valid": all(result.ok for _, result in results),
        "files": files,
        "summary": {
            "files": len(results),
            "invalid": sum(1 for _, result in results if not result.ok),
            "errors": sum(len(result.errors) for _, result in results),
            "warnings": sum(1 for _, result in results for p in result.problems if p.severity is Severity.WARNING),
        },
    }


def _run(args: argparse.Namespace, out: Output) -> int:
    if args.rules is not None:
        # Load once, up front: an unknown or broken --rules is a usage error (exit 2).
        args.rules = load_rules(args.rules)
    results: list[tuple[str, Validated]] = []
    for file, problem in _files(args.paths):
        if problem is not None:
            results.append((file, Validated(None, (problem,))))
            continue
        result = validated(file, kind=args.kind, rules=args.rules, max_bytes=args.max_bytes, need_value=False)
        results.append((file, result))
    if args.format == "json":
        out.json(_to_json(results))
    else:
        _render(results, args.lang, out)
    if not all(result.ok for _, result in results):
        return EXIT_FOUND
    if args.strict and any(result.problems for _, result in results):
        return EXIT_FOUND  # valid, but --strict: every problem left is a warning
    return EXIT_OK


COMMAND = Command(
    name="validate",
    help=summary("validate"),
    exits=(
        (EXIT_OK, "every file is valid (warnings allowed, unless --strict)"),
        (EXIT_FOUND, "some file is not valid, or has a warning with --strict"),
        (EXIT_USAGE, "usage error (including an unknown or invalid --rules)"),
    ),
    configure=_configure,
    run=_run,
)
