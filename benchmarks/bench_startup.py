"""Start-up of the command line against ``python -c "import json"``, in one run, in interleaved rounds.

Run: ``python benchmarks/bench_startup.py [--rounds 15] [--breakdown]``. Each round runs, one after another,

* ``python -c "import json"`` (the baseline: an interpreter that imports one small module),
* ``python -c "import tajimi_rules"``,
* ``tajimi-rules --version``,
* ``tajimi-rules check examples/tajimi-r4.json`` (the console script: a plain check takes the quick route),
* the same check on the full road (the command line, :func:`tajimi_rules._cli.run`), for comparison,
* with ``--breakdown``, ``python -c "import M"`` for each module ``M`` that ``check`` loads
  (:data:`BREAKDOWN`), to show where its time goes,

each as a fresh process, so that the machine's load touches each alike. The best round of each
is kept and the ratios to the baseline are printed, with the load. The console script is the
one installed beside this interpreter (``pip install -e .``).

The processes may write and read compiled bytecode (``PYTHONDONTWRITEBYTECODE`` is dropped from
their environment), as an installed package does, and one untimed round writes it first:
otherwise every run would compile the package's sources again, which no installed copy does.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BREAKDOWN = (
    "tajimi_rules._texts",
    "tajimi_rules._light._json",
    "tajimi_rules._light._schema",
    "tajimi_rules._light._meaning",
    "tajimi_rules._light._check",
    "attrs",
    "cattrs",
    "jsonschema_rs",
    "tajimi_rules._cli._check",
)
"""With ``--breakdown``: what the quick route loads, then what the full road adds, each with what it imports."""


def main() -> None:
    """Time each command in interleaved rounds and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--breakdown", action="store_true", help="also time what check loads, one import at a time")
    args = parser.parse_args()
    script = Path(sys.executable).with_name("tajimi-rules")
    example = str(ROOT / "examples" / "tajimi-r4.json")
    commands = {
        'python -c "import json"': [sys.executable, "-c", "import json"],
        'python -c "import tajimi_rules"': [sys.executable, "-c", "import tajimi_rules"],
        "tajimi-rules --version": [str(script), "--version"],
        "tajimi-rules check examples/tajimi-r4.json": [str(script), "check", example],
        "  the same check on the full road": [
            sys.executable,
            "-c",
            f"import sys\nfrom tajimi_rules._cli import run\nsys.argv = ['tajimi-rules', 'check', {example!r}]\nrun()",
        ],
    }
    if args.breakdown:
        # What check loads, step by step: each import alone, in a fresh interpreter.
        for module in BREAKDOWN:
            commands[f"  import {module}"] = [sys.executable, "-c", f"import {module}"]
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    for command in commands.values():  # the untimed round: bytecode written
        subprocess.run(command, check=False, stdout=subprocess.DEVNULL, cwd=ROOT, env=environment)
    best = dict.fromkeys(commands, float("inf"))
    for _ in range(args.rounds):
        for label, command in commands.items():
            start = time.perf_counter()
            done = subprocess.run(command, check=False, stdout=subprocess.DEVNULL, cwd=ROOT, env=environment)
            best[label] = min(best[label], time.perf_counter() - start)
            # check exits 1 when it finds a stated rating the rules do not give (the example has some)
            assert done.returncode in (0, 1), f"{label} failed with exit status {done.returncode}"
    baseline = best['python -c "import json"']
    print(f"best of {args.rounds} interleaved rounds, load {os.getloadavg()[0]:.2f} (1-minute average)")
    for label, seconds in best.items():
        print(f"  {label:<44} {seconds * 1000:7.1f} ms  {seconds / baseline:5.2f}x")


if __name__ == "__main__":
    main()
