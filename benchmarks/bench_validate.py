"""Files per second for ``validate``: schema and meaning checks on valid national-size evaluations.

Generates evaluation files of the size of a national batch (16 categories, about 80 items,
about 10 KB each), then in one run measures the reference path (jsonschema words and decides)
against the fast path (the ``fast`` extra decides validity, jsonschema words problems only for
invalid files; a valid file is judged on a quick draft read by orjson, never turned into decimals
or structured), from the files' bytes (reading included), beside its baselines: ``json.loads`` alone, the strict
reader alone, and jsonschema-rs alone (``json.loads`` then ``is_valid``: the schema check a user
would write without this package). Run::

    .venv/bin/python benchmarks/bench_validate.py [--files 300] [--rounds 10]

The ways take turns within each round so that the machine's load touches each alike; the best
round of each is kept, and the ratios are printed with the load.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from tajimi_rules.documents._jsonio import read_json
from tajimi_rules.documents._schemas import fast_validator_available
from tajimi_rules.documents._validate import validate
from tajimi_rules.survey import check_digit

# Run as a file, the script sees its own folder: the repository's root holds the benchmarks package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks._timing import interleaved

LEVELS = ("advanced", "standard", "needs_review", "behind")


def evaluation(rng: random.Random, categories: int = 16, items: int = 5) -> dict[str, Any]:
    """One valid evaluation: ``categories`` categories of ``items`` named items, counts agreeing."""
    first_five = f"{rng.randint(1, 47):02d}{rng.randint(100, 999):03d}"
    body = []
    for c in range(categories):
        named = []
        for k in range(items):
            rate = rng.randint(0, 1000)
            common = rate * 2 >= 1000  # the shipped item grading: common at >= 1/2
            implemented = rng.random() < 0.6
            level = LEVELS[(0 if implemented else 2) + (1 if common else 0)]
            named.append(
                {
                    "id": f"i{c:02d}-{k}",
                    "name": {"ja": f"項目{k}"},
                    "level": level,
                    "implemented": implemented,
                    "national_rate": Decimal(rate) / 1000,
                }
            )
        counts = {level: sum(1 for item in named if item["level"] == level) for level in LEVELS}
        body.append(
            {
                "id": f"category-{c:02d}",
                "group": {"ja": "行政サービスの向上・高度化", "en": "Better services"},
                "name": {"ja": f"カテゴリ{c}", "en": f"Category {c}"},
                "counts": counts,
                "stated_rating": rng.choice(("advanced", "good", "partly_deficient", "deficient")),
                "items": named,
            }
        )
    return {
        "$schema": "urn:tajimi-rules:schema:evaluation:1",
        "municipality": {"code": first_five + str(check_digit(first_five)), "name": "某市", "prefecture": "某県"},
        "survey": {"title": "地方公共団体における行政情報化の推進状況調査（令和4年度）", "fiscal_year": 2022},
        "rules": "tajimi-r4",
        "categories": body,
    }


def dumps(value: Any) -> str:
    """Compact JSON with exact decimals written as numbers."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_number)


def _number(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)  # 3 decimal places: the float's repr is the same decimal
    raise TypeError(value)


def main() -> None:
    """Generate the files, check they are valid, and measure every way in interleaved rounds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2022)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    files = [dumps(evaluation(rng)).encode("utf-8") for _ in range(args.files)]
    documents = [read_json(data)[0] for data in files]
    size = sum(map(len, files)) / len(files)
    items = sum(len(c["items"]) for c in documents[0]["categories"])
    print(f"{len(files)} files, {size / 1024:.1f} KB each, 16 categories, {items} items")
    some = max(1, len(files) // 10)  # the reference path is slow: it runs on a slice
    ways: dict[str, Callable[[], int]] = {
        "json.loads alone": lambda: sum(0 for data in files if json.loads(data) is None),
        "strict reader (read_json)": lambda: sum(len(read_json(data)[1]) for data in files),
        "validate, reference path (jsonschema)": lambda: sum(
            len(validate(data, kind="evaluation", fast=False)) for data in files[:some]
        ),
    }
    sizes = dict.fromkeys(ways, len(files))
    sizes["validate, reference path (jsonschema)"] = some
    if fast_validator_available():
        import jsonschema_rs  # noqa: PLC0415 - only with the fast extra

        from tajimi_rules.documents._schemas import schema  # noqa: PLC0415

        rs = jsonschema_rs.validator_for(dict(schema("evaluation")))
        ways["jsonschema-rs alone (json.loads + is_valid)"] = lambda: sum(
            0 if rs.is_valid(json.loads(data)) else 1 for data in files
        )
        ways["tr.validate (fast extra)"] = lambda: sum(len(validate(data, kind="evaluation")) for data in files)
        sizes.update(dict.fromkeys(list(ways)[-2:], len(files)))
    else:
        print("the fast extra (jsonschema-rs) is not installed: only the reference path is measured")

    def no_problems(label: str, found: int) -> None:
        assert found == 0, f"{label}: valid files gave {found} problems"

    best = interleaved(ways, args.rounds, each=no_problems)
    print(f"best of {args.rounds} interleaved rounds, load {os.getloadavg()[0]:.2f} (1-minute average)")
    speed = {label: sizes[label] / seconds for label, seconds in best.items()}
    for label, files_per_second in speed.items():
        print(f"  {label:<46} {files_per_second:>9,.0f} files/s")
    print(f"  strict reader costs {speed['json.loads alone'] / speed['strict reader (read_json)']:.2f}x json.loads")
    if "tr.validate (fast extra)" in speed:
        ratio = speed["tr.validate (fast extra)"] / speed["jsonschema-rs alone (json.loads + is_valid)"]
        print(f"  tr.validate runs at {ratio:.2f}x jsonschema-rs alone (target: at least 0.5x)")
        print(f"  tr.validate: {speed['tr.validate (fast extra)']:,.0f} files/s (target: at least 2,000)")
        reference = speed["validate, reference path (jsonschema)"]
        print(f"  tr.validate is {speed['tr.validate (fast extra)'] / reference:.0f}x the reference path")


if __name__ == "__main__":
    main()
