"""The whole national batch: 1,788 bodies x every catalog item, library beside a plain-Python baseline.

Run::

    .venv/bin/python benchmarks/bench_batch.py [--repeat 3] [--seed 2022]

Both sides start from the same long CSV on disk and end with the same set of files written:
one evaluation JSON per body, a summary per body and category, the national rating
distribution and the rates table. The library side is ``read_answers`` -> ``evaluate_answers``
-> ``write_batch`` (what ``tajimi-rules batch`` does). The baseline does the same arithmetic in
plain Python (dicts, integer cross-multiplication, ``json.dumps``, ``csv``) without the
library. Each side runs ``--repeat`` times, alternating; the best time of each is reported.
Target: library under 2 s and within 3x of the baseline.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import shutil
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from fractions import Fraction
from importlib.resources import files
from pathlib import Path
from typing import Any

import tajimi_rules as tr

# The synthetic national answers are a test fixture generator, kept beside the tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.synthetic import synthetic_answers, write_long_csv

TARGET_SECONDS = 2.0
TARGET_RATIO = 3.0


def library(source: Path, out: Path) -> dict[str, float]:
    """The pipeline through the library; returns the seconds of each phase."""
    times: dict[str, float] = {}
    start = time.perf_counter()
    catalog = tr.survey.load_catalog("r4")
    rules = tr.load_rules("tajimi-r4")
    answers = tr.survey.read_answers(source, catalog)
    assert not answers.problems
    times["read"] = time.perf_counter() - start
    mark = time.perf_counter()
    batch = tr.survey.evaluate_answers(answers, rules)
    times["rates+grading+rating"] = time.perf_counter() - mark
    mark = time.perf_counter()
    tr.survey.write_batch(batch, out)
    times["write"] = time.perf_counter() - mark
    times["total"] = time.perf_counter() - start
    return times


def _package_json(*parts: str) -> Any:
    return json.loads(files("tajimi_rules").joinpath(*parts).read_text("utf-8"))


def _rating(a: int, s: int, r: int, b: int) -> str:
    n, done, undone = a + s + r + b, a + s, r + b
    if 3 * done >= 2 * n and done and 3 * a >= 2 * done:
        return "advanced"
    if 3 * done >= 2 * n:
        return "good"
    if undone and 3 * b >= 2 * undone:
        return "deficient"
    return "partly_deficient"


def _rate(done: int, answered: int) -> Any:
    value = Fraction(done, answered)
    as_float = float(value)
    return as_float if Fraction(repr(as_float)) == value else f"{value.numerator}/{value.denominator}"


def _whole(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False)


def _shared_pieces() -> Any:
    """An encoder that encodes each shared item dict once and splices the texts together."""
    texts: dict[int, str] = {}

    def encode(document: dict[str, Any]) -> str:
        categories = []
        for category in document["categories"]:
            items = []
            for item in category["items"]:
                text = texts.get(id(item))
                if text is None:
                    text = texts[id(item)] = json.dumps(item, ensure_ascii=False)
                items.append(text)
            head = json.dumps({k: v for k, v in category.items() if k != "items"}, ensure_ascii=False)
            categories.append(head[:-1] + ', "items": [' + ", ".join(items) + "]}")
        head = json.dumps({k: v for k, v in document.items() if k != "categories"}, ensure_ascii=False)
        return head[:-1] + ', "categories": [' + ", ".join(categories) + "]}"

    return encode


def baseline(  # noqa: C901, PLR0912, PLR0915 - deliberately one plain script, its phases timed inline
    source: Path, out: Path, catalog: dict[str, Any], prefectures: dict[str, str], *, tuned: bool = False
) -> dict[str, float]:
    """The same arithmetic and files in plain Python; returns the seconds of each phase.

    ``tuned``: encode each shared item once and splice (as the library does) instead of
    ``json.dumps`` of each whole document.
    """
    times: dict[str, float] = {}
    start = time.perf_counter()
    meaning = {
        unicodedata.normalize("NFKC", text).strip().casefold(): kind
        for kind, texts in catalog["answers"].items()
        for text in texts
    }
    raw: dict[str, Any] = {}
    answers: dict[str, dict[str, bool]] = defaultdict(dict)
    names: dict[str, str] = {}
    with source.open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.reader(stream)
        next(reader)
        for code, item, answer, name, _prefecture in reader:
            kind = raw.get(answer)
            if kind is None:
                kind = raw[answer] = meaning[unicodedata.normalize("NFKC", answer).strip().casefold()]
            if kind != "not_answered":
                answers[code][item] = kind == "implemented"
            names.setdefault(code, name)
    times["read"] = time.perf_counter() - start
    mark = time.perf_counter()
    items = [item for category in catalog["categories"] for item in category["items"]]
    # Like with like: municipalities ("m") nationally and per prefecture, prefectural governments ("*").
    done: Counter[tuple[str, str]] = Counter()
    answered: Counter[tuple[str, str]] = Counter()
    local_done: Counter[tuple[str, str]] = Counter()
    local_answered: Counter[tuple[str, str]] = Counter()
    for code, body in answers.items():
        peers = "*" if code[2:5] == "000" else "m"
        local_scope = "*" if peers == "*" else code[:2]
        for item_id, implemented in body.items():
            answered[peers, item_id] += 1
            done[peers, item_id] += implemented
            local_answered[local_scope, item_id] += 1
            local_done[local_scope, item_id] += implemented
    common = {key: 2 * done[key] >= answered[key] for key in answered}
    cache: dict[tuple[str, bool, str], dict[str, Any]] = {}
    documents: dict[str, dict[str, Any]] = {}
    rows: list[tuple[Any, ...]] = []
    scores: dict[str, int] = {}
    distribution: dict[str, Counter[str]] = defaultdict(Counter)
    points = {"advanced": 3, "good": 2, "partly_deficient": 1, "deficient": 0}
    for code in sorted(answers):
        body, prefecture = answers[code], code[:2]
        peers = "*" if code[2:5] == "000" else "m"
        place = "*" if peers == "*" else prefecture
        categories, cells, score = [], [], 0
        for category in catalog["categories"]:
            tally = {"advanced": 0, "standard": 0, "needs_review": 0, "behind": 0}
            chosen = []
            for item in category["items"]:
                value = body.get(item["id"])
                if value is None:
                    continue
                key = (item["id"], value, place)
                entry = cache.get(key)
                if entry is None:
                    is_common = common[peers, item["id"]]
                    level = (
                        ("standard" if is_common else "advanced")
                        if value
                        else ("behind" if is_common else "needs_review")
                    )
                    local, national = (place, item["id"]), (peers, item["id"])
                    entry = cache[key] = {
                        "id": item["id"],
                        "name": item["name"],
                        "level": level,
                        "implemented": value,
                        "national_rate": _rate(done[national], answered[national]),
                        "prefecture_rate": _rate(local_done[local], local_answered[local]),
                    }
                tally[entry["level"]] += 1
                chosen.append(entry)
            a, s, r, b = tally.values()
            rating = _rating(a, s, r, b) if chosen else ""
            score += points.get(rating, 0)
            distribution[category["id"]][rating or "unrated"] += 1
            cells.append((category["id"], a + s + r + b, a, s, r, b, len(category["items"]) - len(chosen), rating))
            if chosen:
                categories.append(
                    {
                        "id": category["id"],
                        "group": category["group"],
                        "name": category["name"],
                        "counts": tally,
                        "items": chosen,
                        "stated_rating": rating,
                    }
                )
        scores[code] = score
        documents[code] = {
            "municipality": {"code": code, "name": names[code], "prefecture": prefectures[prefecture]},
            "survey": catalog["survey"],
            "rules": "tajimi-r4",
            "categories": categories,
        }
        rows.extend((code, names[code], prefectures[prefecture], *cell) for cell in cells)
    scopes: dict[str, list[int]] = defaultdict(list)
    for code, score in scores.items():
        scopes["*" if code[2:5] == "000" else code[:2]].append(score)
    times["rates+grading+rating"] = time.perf_counter() - mark
    mark = time.perf_counter()
    (out / "evaluations").mkdir(parents=True)
    encode = _shared_pieces() if tuned else _whole
    for code, document in documents.items():
        (out / "evaluations" / f"{code}.json").write_text(encode(document), encoding="utf-8")
    ranks = {}
    for code, score in scores.items():
        scope = scopes["*" if code[2:5] == "000" else code[:2]]
        ranks[code] = (score, 1 + sum(1 for other in scope if other > score), len(scope))
    text = io.StringIO()
    writer = csv.writer(text)
    for row in rows:
        writer.writerow((*row, *ranks[row[0]]))
    (out / "summary.csv").write_text(text.getvalue(), encoding="utf-8-sig")
    text = io.StringIO()
    writer = csv.writer(text)
    for category_id, tally in distribution.items():
        writer.writerow((category_id, *tally.values()))
    (out / "national.csv").write_text(text.getvalue(), encoding="utf-8-sig")
    text = io.StringIO()
    writer = csv.writer(text)
    for peers in ("m", "*"):
        for item in items:
            writer.writerow((item["id"], "national", peers, done[peers, item["id"]], answered[peers, item["id"]]))
    for prefecture in prefectures:
        for item in items:
            local = (prefecture, item["id"])
            writer.writerow((item["id"], prefecture, local_done[local], local_answered[local]))
    (out / "rates.csv").write_text(text.getvalue(), encoding="utf-8-sig")
    times["write"] = time.perf_counter() - mark
    times["total"] = time.perf_counter() - start
    return times


def _best(runs: list[dict[str, float]]) -> dict[str, float]:
    return min(runs, key=lambda run: run["total"])


def main() -> None:
    """Generate the data set, run both sides ``--repeat`` times, print the best of each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2022)
    args = parser.parse_args()
    catalog = tr.survey.load_catalog("r4")
    catalog_json = _package_json("catalogs", "r4.json")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        answers = synthetic_answers(catalog, seed=args.seed)
        source = write_long_csv(answers, root / "answers.csv")
        rows = len(answers.bodies) * len(catalog.items)
        print(f"data: {len(answers.bodies)} bodies x {len(catalog.items)} items = {rows} answers, "
              f"{source.stat().st_size / 1e6:.1f} MB CSV")  # fmt: skip
        ours: list[dict[str, float]] = []
        plain: list[dict[str, float]] = []
        tuned: list[dict[str, float]] = []
        prefectures = dict(tr.survey.PREFECTURES)
        for attempt in range(args.repeat):
            out = root / f"lib-{attempt}"
            ours.append(library(source, out))
            written = sum(path.stat().st_size for path in out.rglob("*") if path.is_file())
            shutil.rmtree(out)
            for runs, flag in ((plain, False), (tuned, True)):
                out = root / f"base-{attempt}-{flag}"
                runs.append(baseline(source, out, catalog_json, prefectures, tuned=flag))
                shutil.rmtree(out)
        lib, base, fast = _best(ours), _best(plain), _best(tuned)
        print(f"library output: {written / 1e6:.1f} MB; best of {args.repeat} runs each")
        print(f"{'phase':>22}  {'library':>8}  {'baseline':>8}  {'baseline, shared pieces':>23}")
        for name in ("read", "rates+grading+rating", "write", "total"):
            print(f"{name:>22}  {lib[name]:7.3f}s  {base[name]:7.3f}s  {fast[name]:22.3f}s")
        ratio = lib["total"] / min(base["total"], fast["total"])
        print(f"ratio library / faster baseline: {ratio:.2f} (target <= {TARGET_RATIO})")
        verdict = "meets" if lib["total"] < TARGET_SECONDS and ratio <= TARGET_RATIO else "misses"
        print(f"library total {lib['total']:.3f} s {verdict} the target (< {TARGET_SECONDS} s, <= {TARGET_RATIO}x)")


if __name__ == "__main__":
    main()
