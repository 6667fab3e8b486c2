"""What checking their arguments costs the survey namespace's functions, against the same calls unchecked.

The public functions of :mod:`tajimi_rules.survey` check their arguments before any work. This
measures, in one run:

* ``read_long_csv`` on a national-size long CSV (1,788 bodies, from ``tests/synthetic.py``) given
  as bytes, with its checks and with them left out (the baseline);
* ``evaluate_answers`` on those answers, likewise;
* the per-cell functions over a column of 100,000 cells: ``normalize_answer`` against the same
  expression written inline, ``check_digit`` against the unchecked sum it wraps, and
  ``normalize_code(..., digits=6)`` against ``digits=None`` (the one branch the check adds).

Run::

    .venv/bin/python benchmarks/bench_survey_arguments.py [--rounds 7]

The ways take turns within each round so that the machine's load touches each alike; the best
round of each is kept, and the ratios are printed with the load.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

import tajimi_rules.survey as sv
from tajimi_rules._light._meaning import check_digit_unchecked
from tajimi_rules.survey import _batch, _csv

# Run as a file, the script sees its own folder: the repository's root holds the benchmarks package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks._timing import interleaved

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CELLS = 100_000


def _nothing(*_args: object, **_kwargs: object) -> None:
    return None


@contextmanager
def unchecked(module: ModuleType, *names: str) -> Iterator[None]:
    """``module``'s argument checks ``names`` replaced by a function that checks nothing."""
    saved = {name: getattr(module, name) for name in names}
    for name in names:
        setattr(module, name, _nothing)
    try:
        yield
    finally:
        for name, check in saved.items():
            setattr(module, name, check)


def main() -> None:
    """Build the inputs, then measure each way in interleaved rounds."""
    from tests.synthetic import synthetic_answers, write_long_csv  # noqa: PLC0415 - after the path is set

    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    catalog = sv.load_catalog()
    with tempfile.TemporaryDirectory() as folder:
        data = write_long_csv(synthetic_answers(catalog, seed=2022), Path(folder) / "answers.csv").read_bytes()
    answers = sv.read_long_csv(data, catalog)
    texts = [text for answer in sv.Answer for text in catalog.answers.texts(answer)]
    column = [texts[index % len(texts)] for index in range(CELLS)]
    fives = [f"{index % 47 + 1:02d}{index % 1000:03d}" for index in range(CELLS)]
    codes = [five + str(check_digit_unchecked(five)) for five in fives]

    def csv_unchecked() -> object:
        with unchecked(_csv, "check_source", "check_catalog", "check_optional_str"):
            return sv.read_long_csv(data, catalog)

    def evaluate_unchecked() -> object:
        with unchecked(_batch, "check_type"):
            return sv.evaluate_answers(answers)

    def normalize(text: str) -> str:
        return unicodedata.normalize("NFKC", text).strip().casefold()

    assert csv_unchecked() == sv.read_long_csv(data, catalog)
    assert [sv.normalize_answer(text) for text in texts] == [normalize(text) for text in texts]
    pairs = {
        "read_long_csv (national, bytes)": (csv_unchecked, lambda: sv.read_long_csv(data, catalog), 1),
        "evaluate_answers (national)": (evaluate_unchecked, lambda: sv.evaluate_answers(answers), 1),
        "normalize_answer per cell": (
            lambda: [normalize(text) for text in column],
            lambda: [sv.normalize_answer(text) for text in column],
            CELLS,
        ),
        "check_digit per cell": (
            lambda: [check_digit_unchecked(five) for five in fives],
            lambda: [sv.check_digit(five) for five in fives],
            CELLS,
        ),
        "normalize_code(digits=6) per cell": (
            lambda: [sv.normalize_code(code) for code in codes],
            lambda: [sv.normalize_code(code, digits=6) for code in codes],
            CELLS,
        ),
    }
    ways: dict[str, Callable[[], object]] = {}
    for label, (baseline, checked, _count) in pairs.items():
        ways[f"{label}, unchecked"] = baseline
        ways[f"{label}, checked"] = checked
    best = interleaved(ways, args.rounds)
    print(f"best of {args.rounds} interleaved rounds, load {os.getloadavg()[0]:.2f} (1-minute average)")
    for label, (_baseline, _checked, count) in pairs.items():
        plain, checked_time = best[f"{label}, unchecked"], best[f"{label}, checked"]
        unit, scale = ("ms", 1e3) if count == 1 else ("µs per cell", 1e6 / count)
        print(
            f"{label:36} unchecked {plain * scale:9.3f}  checked {checked_time * scale:9.3f} {unit:12}"
            f"  checked / unchecked {checked_time / plain:6.3f}"
        )


if __name__ == "__main__":
    main()
