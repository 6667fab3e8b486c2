"""The largest input each documented resource bound admits, timed beside the ordinary case, in one run.

Run: ``python benchmarks/bench_bounds.py [--repeat 2] [--only NAME,...]``.

Each case runs one command in-process (``tajimi_rules._cli.main``) on the largest input its
bounds admit (``docs/limits.md``); its baseline is the same command on the shipped example
(``examples/tajimi-r4.json``, the shipped rule sets at the default ``--max-items``). Within
each round the baseline and the cases take turns, so the machine's load touches each alike;
the best round is kept. The promise measured: every case finishes within 60 s on the shared
2-core machine. Inputs come from ``tests/large_inputs.py`` and are written to a temporary
directory.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tajimi_rules import _limits as limits
from tajimi_rules._cli import main
from tajimi_rules._cli._common import Output

# The inputs are built by a test helper, kept beside the tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.large_inputs import evaluation_document, rule_set_document

EXAMPLE = str(Path(__file__).resolve().parent.parent / "examples" / "tajimi-r4.json")


def _run(*argv: str) -> Callable[[], int]:
    def run() -> int:
        out = Output(io.StringIO(), io.StringIO())
        status = main(list(argv), out=out)
        if status not in (0, 1):
            raise SystemExit(f"{' '.join(argv)} exited {status}: {out.stderr.getvalue()[-2000:]}")  # type: ignore[attr-defined]
        return status

    return run


def _write(directory: Path, name: str, document: object) -> str:
    path = directory / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return str(path)


def cases(directory: Path) -> dict[str, tuple[Callable[[], int], Callable[[], int]]]:
    """Each case by name: (the ordinary run, the largest run its bounds admit)."""
    # 512 shares (MAX_SHARES) over 64 distinct thresholds (MAX_SHARE_FORMS).
    wide = _write(directory, "wide.json", rule_set_document(8, limits.MAX_SHARES // 8, thresholds=64))
    # 61 thresholds of its own, and tajimi-r4's 3: MAX_SHARE_FORMS together.
    wide61 = _write(directory, "wide61.json", rule_set_document(8, limits.MAX_SHARES // 8, thresholds=61))
    big = limits.SUGGEST_ITEMS // 4
    one_big = _write(directory, "one-big.json", evaluation_document(1, (big, big, big, big)))
    per_category = limits.SUGGEST_ITEMS // 4 // 20
    twenty = _write(directory, "twenty.json", evaluation_document(20, (per_category,) * 4))
    labelled = _write(
        directory, "labelled.json", evaluation_document(limits.MAX_REPORT_CATEGORIES, (10, 10, 10, 10), items=40)
    )
    per_level = limits.SUGGEST_ITEMS // 4 // limits.MAX_REPORT_CATEGORIES
    heavy = _write(
        directory, "heavy.json", evaluation_document(limits.MAX_REPORT_CATEGORIES, (per_level,) * 4, items=40)
    )
    items = limits.MAX_REPORT_ITEMS // 2
    dotted = _write(directory, "dotted.json", evaluation_document(2, (items // 4,) * 4, items=items))
    html = str(directory / "report.html")
    lint = _run("lint-rules", "tajimi-r4")
    suggest = _run("suggest", EXAMPLE)
    report = _run("report", EXAMPLE, "--out", html)
    return {
        "lint-rules tajimi-r4 at MAX_ITEMS": (
            lint,
            _run("lint-rules", "tajimi-r4", "--max-items", str(limits.MAX_ITEMS)),
        ),
        "lint-rules 512 shares, 64 thresholds, at its largest --max-items": (
            lint,
            _run("lint-rules", wide, "--max-items", str(limits.largest_max_items(64))),
        ),
        "diff-rules shipped sets at MAX_ITEMS": (
            _run("diff-rules", "tajimi-r4", "tajimi-r4-written"),
            _run("diff-rules", "tajimi-r4", "tajimi-r4-written", "--max-items", str(limits.MAX_ITEMS)),
        ),
        "diff-rules 61 + 3 thresholds at the largest --max-items": (
            _run("diff-rules", "tajimi-r4", "tajimi-r4-written"),
            _run("diff-rules", wide61, "tajimi-r4", "--max-items", str(limits.largest_max_items(64))),
        ),
        "suggest one category of SUGGEST_ITEMS": (suggest, _run("suggest", one_big)),
        "suggest 20 categories, SUGGEST_ITEMS in all, 512-share rules": (
            suggest,
            _run("suggest", twenty, "--rules", wide),
        ),
        "report MAX_REPORT_CATEGORIES categories of 40 labelled items": (
            report,
            _run("report", labelled, "--out", html),
        ),
        "report MAX_REPORT_ITEMS items in 2 categories": (report, _run("report", dotted, "--out", html)),
        "report MAX_REPORT_CATEGORIES of 40 labelled items, SUGGEST_ITEMS in all, 512-share rules": (
            report,
            _run("report", heavy, "--rules", wide, "--out", html),
        ),
    }


def _timed(run: Callable[[], int]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main_() -> None:
    """Print the load, then one line per case: its best time and its baseline's."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=2, help="rounds (default: 2)")
    parser.add_argument("--only", default="", help="comma-separated substrings of the case names to run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        found = cases(Path(temporary))
        chosen = {
            name: pair for name, pair in found.items() if not args.only or any(o in name for o in args.only.split(","))
        }
        best = {name: [float("inf"), float("inf")] for name in chosen}
        print(f"load {os.getloadavg()[0]:.2f} (1-minute average) at the start", flush=True)
        for _ in range(args.repeat):
            for name, (ordinary, largest) in chosen.items():
                best[name][0] = min(best[name][0], _timed(ordinary))
                best[name][1] = min(best[name][1], _timed(largest))
                print(f"  {name}: {best[name][1]:.2f} s so far", file=sys.stderr, flush=True)
        for name, (usual, most) in best.items():
            print(f"{name}: {most:.2f} s ({most / usual:.1f}x the ordinary case, {usual:.2f} s)")
        print(f"load {os.getloadavg()[0]:.2f} (1-minute average) at the end")


if __name__ == "__main__":
    main_()
