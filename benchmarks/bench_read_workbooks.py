"""Reading the national set of published workbooks: python-calamine beside openpyxl (read-only).

Run::

    .venv/bin/python benchmarks/bench_read_workbooks.py [--repeat 3] [--seed 2022]

The set is generated in MIC's shape (``tests/mic_workbooks.py``): 47 prefectures and 1,741
municipalities, 5 survey sections of 2 sheets each (10 sheets per population, 20 files' worth of
sheets), 12 item columns per sheet (about 120 items, pairs included), a header block, totals
rows, 5-digit codes in some sections. Both readers read the same zip through the same drafted
layout with ``read_workbooks``; the rounds are interleaved (calamine, openpyxl, calamine, ...)
and the best time of each is reported, with their ratio. Target: the national read in at most
3 s with the chosen reader (the default, the fastest installed).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

# The MIC-shaped workbook generator is a test fixture, kept beside the tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.mic_workbooks import sections, write_set

from tajimi_rules.survey import parse_catalog
from tajimi_rules.survey._draft import draft_layout
from tajimi_rules.survey._layout import load_layout
from tajimi_rules.survey._workbooks import available_readers, read_workbooks

TARGET_SECONDS = 3.0
MUNICIPALITIES = 1741


def main(argv: list[str] | None = None) -> int:
    """Generate the national set, read it with each installed reader in interleaved rounds, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2022)
    args = parser.parse_args(argv)
    readers = available_readers()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "national.zip"
        started = time.perf_counter()
        layout_sections = sections(sheets_per_section=(2, 2, 2, 2, 2), columns=12)
        write_set(path, municipalities=MUNICIPALITIES, seed=args.seed, layout=layout_sections)
        print(f"generated {path.stat().st_size:,} bytes in {time.perf_counter() - started:.1f} s")
        layout_json, catalog_json = draft_layout(path)
        layout, catalog = load_layout(layout_json), parse_catalog(catalog_json)
        print(f"{len(layout.sheets)} sheets, {len(catalog.items)} items, readers: {', '.join(readers)}")
        best: dict[str, float] = {}
        for _ in range(args.repeat):
            for reader in readers:
                started = time.perf_counter()
                read = read_workbooks(path, layout, catalog, reader=reader)
                elapsed = time.perf_counter() - started
                best[reader] = min(best.get(reader, elapsed), elapsed)
                assert read.errors == (), read.errors[:3]
                assert len(read.answers.bodies) == 47 + MUNICIPALITIES
        for name, seconds in best.items():
            print(f"{name:>9}: best {seconds:.2f} s of {args.repeat}")
        if len(best) == 2:
            print(f"openpyxl / calamine = {best['openpyxl'] / best['calamine']:.1f}x")
        chosen = readers[0]
        ok = best[chosen] <= TARGET_SECONDS
        print(f"chosen {chosen}: {best[chosen]:.2f} s, target {TARGET_SECONDS} s: {'met' if ok else 'MISSED'}")
        return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
