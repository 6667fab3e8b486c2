"""Files per second for ``validate``: schema and meaning checks on valid national-size evaluations.

Generates evaluation files of the size of a national batch (16 categories, about 80 items,
about 10 KB each), then in one run measures the reference path (jsonschema words and decides)
against the fast path (the ``fast`` extra decides validity, jsonschema words problems only for
invalid files), both on already parsed documents (schema + meaning checks) and from the files'
bytes (reading included). Run::

    .venv/bin/python benchmarks/bench_validate.py [--files 300] [--repeat 3]

Prints files per second; the best of ``--repeat`` runs is reported for each path.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from tajimi_rules.documents._jsonio import read_json
from tajimi_rules.documents._schemas import fast_validator_available
from tajimi_rules.documents._validate import validate
from tajimi_rules.survey import check_digit

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


def rate(label: str, run: Callable[[], int], count: int, repeat: int) -> float:
    """Best files-per-second over ``repeat`` runs of ``run`` (which returns problems found)."""
    best = 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        found = run()
        elapsed = time.perf_counter() - start
        assert found == 0, f"{label}: valid files gave {found} problems"
        best = max(best, count / elapsed)
    print(f"{label:<48} {best:>9,.0f} files/s")
    return best


def main() -> None:
    """Generate the files, check they are valid, and measure both paths."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2022)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    files = [dumps(evaluation(rng)).encode("utf-8") for _ in range(args.files)]
    documents = [read_json(data)[0] for data in files]
    size = sum(map(len, files)) / len(files)
    items = sum(len(c["items"]) for c in documents[0]["categories"])
    print(f"{len(files)} files, {size / 1024:.1f} KB each, 16 categories, {items} items")
    if not fast_validator_available():
        print("the fast extra (jsonschema-rs) is not installed: only the reference path is measured")
    # The reference path is slow: measure it on a slice so a run stays short.
    some = max(1, len(files) // 10)

    def checks(docs: list[Any], fast: bool) -> Callable[[], int]:
        return lambda: sum(len(validate(doc, kind="evaluation", fast=fast)) for doc in docs)

    def whole(data: list[bytes], fast: bool) -> Callable[[], int]:
        return lambda: sum(len(validate(blob, kind="evaluation", fast=fast)) for blob in data)

    print("schema + meaning checks (parsed documents)")
    reference = rate("  jsonschema (reference) path", checks(documents[:some], False), some, args.repeat)
    if fast_validator_available():
        quick = rate("  fast path", checks(documents, True), len(documents), args.repeat)
        print(f"  speed-up: {quick / reference:.1f}x")
    print("read + schema + meaning checks (file bytes)")
    reference = rate("  jsonschema (reference) path", whole(files[:some], False), some, args.repeat)
    if fast_validator_available():
        quick = rate("  fast path", whole(files, True), len(files), args.repeat)
        print(f"  speed-up: {quick / reference:.1f}x")


if __name__ == "__main__":
    main()
