"""``tajimi-rules schema --out DIR``: write the JSON Schemas, for editors that validate offline.

An editor (VS Code and others built on its JSON language service) loads the schema a document's
``$schema`` names; it cannot load the schemas' URNs. With the schemas written into a folder, a
document that names one by a relative path (``"../schemas/evaluation.schema.json"``) is
validated, completed and explained on hover without a network. ``validate`` recognises such
paths by the schema file's name, as it recognises the URNs.

Exit statuses: 0 when the schemas were written; 2 when the folder cannot be written.
"""

from __future__ import annotations

import argparse
from importlib.resources import files
from pathlib import Path

from .._texts import text
from ._common import EXIT_OK, EXIT_USAGE, Command, Output, UsageError, add_lang, summary, visible

__all__ = ["COMMAND"]


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", metavar="DIR", required=True, help="folder for the schemas (made if missing)")
    add_lang(parser)


def _run(args: argparse.Namespace, out: Output) -> int:
    folder = Path(args.out)
    sources = sorted(
        (entry for entry in files("tajimi_rules").joinpath("schemas").iterdir() if entry.name.endswith(".schema.json")),
        key=lambda entry: entry.name,
    )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for source in sources:
            (folder / source.name).write_bytes(source.read_bytes())
    except OSError as error:
        raise UsageError("cli.schema.cannot_write", out=args.out, reason=error.strerror or str(error)) from error
    names = ", ".join(source.name for source in sources)
    out.write(visible(text("cli.schema.written", args.lang, out=args.out, count=len(sources), names=names)))
    return EXIT_OK


COMMAND = Command(
    name="schema",
    help=summary("schema"),
    exits=(
        (EXIT_OK, "the schemas were written"),
        (EXIT_USAGE, "the folder cannot be written"),
    ),
    configure=_configure,
    run=_run,
)
