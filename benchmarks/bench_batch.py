"""The national batch against pandas doing the same job, at 1x, 4x and 16x the national size.

Run::

    .venv/bin/python benchmarks/bench_batch.py [--rounds 3] [--scales 1,4,16] [--seed 2022]

Needs the ``bench`` extra (pandas, polars) and numpy. Every figure comes from a fresh child
process that runs one job once on a long CSV written beforehand (synthetic answers from
``tests/synthetic.py``: 1,788 bodies at 1x; at 4x and 16x each prefecture has that many times its
municipalities, at most 999, so 16x is 25,796 bodies):

* ``library``: ``read_answers`` -> ``evaluate_answers`` -> ``write_batch`` (what ``tajimi-rules
  batch`` does; ``summary.xlsx`` left out, as pandas writes no workbook);
* ``pandas``: the same job with pandas: read the long CSV, compute the rates (municipalities
  nationally, prefectural governments, each prefecture), grade every answer, count and rate every
  category (the ``tajimi-r4`` rules), score and rank, write one JSON file per body and
  ``summary.csv``, ``national.csv``, ``rates.csv``;
* ``polars summaries``: polars writing only the three summary tables (no file per body).

A child times its job from the first read to the last file written (imports and start-up are
outside) and reports its peak memory (``VmHWM``) less its resident memory just before the job,
per body. Rounds interleave every side at every scale; the best round of each is kept. Printed:
seconds, library / pandas (target at most 0.7 at every scale), memory per body (target: library
at most pandas), the growth exponent of each side (the slope of log time against log bodies),
and the load average.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from fractions import Fraction
from importlib import import_module
from importlib.resources import files
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_RATIO = 0.7
SIDES = ("library", "pandas", "polars summaries")
POINTS = {"advanced": 3, "good": 2, "partly_deficient": 1, "deficient": 0}
LEVELS = ("advanced", "standard", "needs_review", "behind")


def _status(key: str) -> int:
    """A ``/proc/self/status`` figure in KiB (``VmRSS``, ``VmHWM``)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    raise LookupError(key)


def _package_json(*parts: str) -> Any:
    return json.loads(files("tajimi_rules").joinpath(*parts).read_text("utf-8"))


def _normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


def _setup() -> dict[str, Any]:
    """What the pandas and polars jobs know beforehand: the catalog as JSON and the answer texts' meanings."""
    catalog = _package_json("catalogs", "r4.json")
    meaning = {"implemented": 1, "not_implemented": 0, "not_answered": -1}
    texts = {_normalize(text): meaning[kind] for kind, values in catalog["answers"].items() for text in values}
    items = [item for category in catalog["categories"] for item in category["items"]]
    owner = [category["id"] for category in catalog["categories"] for _ in category["items"]]
    prefectures = dict(import_module("tajimi_rules.survey").PREFECTURES)
    return {"catalog": catalog, "texts": texts, "items": items, "owner": owner, "prefectures": prefectures}


# -- the library ---------------------------------------------------------------------------------


def library_job(source: Path, out: Path) -> int:
    """The library's batch; returns the number of bodies."""
    import tajimi_rules as tr  # noqa: PLC0415 - imported in the child that runs this job only

    catalog = tr.survey.load_catalog("r4")
    rules = tr.load_rules("tajimi-r4")
    answers = tr.survey.read_answers(source, catalog)
    assert not answers.errors, answers.errors[:3]
    batch = tr.survey.evaluate_answers(answers, rules)
    tr.survey.write_batch(batch, out, xlsx=False)
    return len(batch.results)


# -- pandas: the same job ------------------------------------------------------------------------


def _rate(done: int, answered: int) -> Any:
    """An exact rate as the evaluation files write it: a float when it is exact, else ``"p/q"``."""
    value = Fraction(done, answered)
    as_float = float(value)
    return as_float if Fraction(repr(as_float)) == value else f"{value.numerator}/{value.denominator}"


def _ratings(np: Any, a: Any, s: Any, r: Any, b: Any) -> Any:
    """The ``tajimi-r4`` rules (first match) over count arrays, with exact integer comparisons."""
    n, done, undone = a + s + r + b, a + s, r + b
    good = 3 * done >= 2 * n
    conditions = [
        (n > 0) & good & (done > 0) & (3 * a >= 2 * done),
        (n > 0) & good,
        (n > 0) & (3 * undone >= n) & (undone > 0) & (3 * b >= 2 * undone),
        n > 0,
    ]
    return np.select(conditions, ["advanced", "good", "deficient", "partly_deficient"], "")


def pandas_job(source: Path, out: Path) -> int:  # noqa: PLR0915 - one job, written as a pandas user would
    """The same job with pandas; returns the number of bodies."""
    pd, np = import_module("pandas"), import_module("numpy")
    setup = _setup()
    catalog, items, prefectures = setup["catalog"], setup["items"], setup["prefectures"]
    item_ids = [item["id"] for item in items]
    frame = pd.read_csv(source, dtype="category", keep_default_na=False, encoding="utf-8")
    # Categories are inferred: codes read as numbers get their leading zeros back.
    frame["code"] = frame["code"].cat.rename_categories(lambda code: str(code).zfill(6))
    texts = frame["answer"].cat.categories
    kinds = np.array([setup["texts"][_normalize(str(text))] for text in texts], dtype=np.int8)
    values = pd.DataFrame({"code": frame["code"], "item": frame["item"], "value": kinds[frame["answer"].cat.codes]})
    wide = values.pivot(index="code", columns="item", values="value").reindex(columns=item_ids)
    wide = wide.fillna(-1).astype(np.int8)
    codes = wide.index.astype(str)
    names = frame.drop_duplicates("code").set_index("code")["name"].astype(str).reindex(wide.index)
    is_prefecture = np.asarray(codes.str[2:5] == "000")
    peers = np.where(is_prefecture, "prefectures", "municipalities")
    local = np.where(is_prefecture, "prefectures", np.asarray(codes.str[:2]))
    implemented, answered = wide.eq(1).astype(np.int64), wide.ge(0).astype(np.int64)
    done, asked = implemented.groupby(peers).sum(), answered.groupby(peers).sum()
    local_done, local_asked = implemented.groupby(local).sum(), answered.groupby(local).sum()
    # Grading: common where the peers' rate is at least 1/2; unknown where no peer answered.
    common = (2 * done >= asked).loc[peers].to_numpy()
    known = (asked > 0).loc[peers].to_numpy()
    grid = wide.to_numpy()
    level = np.select(
        [(grid == 1) & ~common, (grid == 1) & common, (grid == 0) & ~common, (grid == 0) & common], [0, 1, 2, 3], -1
    )
    level[~known] = -1
    owner = pd.Index(setup["owner"])
    categories = [category["id"] for category in catalog["categories"]]
    tallies = [
        pd.DataFrame(level == k, columns=item_ids).T.groupby(owner, sort=False).sum().T.reindex(columns=categories)
        for k in range(4)
    ]
    a, s, r, b = (tally.to_numpy() for tally in tallies)
    n = a + s + r + b
    ratings = _ratings(np, a, s, r, b)
    points = np.vectorize(lambda rating: POINTS.get(rating, 0))(ratings)
    scores = pd.Series(points.sum(axis=1), index=wide.index)
    ranks = scores.groupby(local).rank(method="min", ascending=False).astype(int)
    rank_of = scores.groupby(local).transform("size")
    sizes = np.array([len(category["items"]) for category in catalog["categories"]])
    # One JSON file per body.
    (out / "evaluations").mkdir(parents=True)
    rates = {
        key: [_rate(int(d), int(q)) if q else None for d, q in zip(done.loc[key], asked.loc[key], strict=True)]
        for key in done.index
    }
    shared: dict[tuple[str, int, int], dict[str, Any]] = {}
    spans = np.cumsum([0, *sizes])
    for row, code in enumerate(codes):
        body_peers = peers[row]
        body_categories = []
        for column, category in enumerate(catalog["categories"]):
            if not n[row, column]:
                continue
            chosen = []
            for index in range(spans[column], spans[column + 1]):
                if level[row, index] < 0:
                    continue
                key = (body_peers, index, int(level[row, index]))
                entry = shared.get(key)
                if entry is None:
                    entry = shared[key] = {
                        "id": item_ids[index],
                        "name": items[index]["name"],
                        "level": LEVELS[key[2]],
                        "implemented": key[2] < 2,
                        "national_rate": rates[body_peers][index],
                    }
                chosen.append(entry)
            body_categories.append(
                {
                    "id": category["id"],
                    "group": category["group"],
                    "name": category["name"],
                    "counts": dict(zip(LEVELS, (int(a[row, column]), int(s[row, column]),
                                                int(r[row, column]), int(b[row, column])), strict=True)),
                    "items": chosen,
                    **({"computed_rating": ratings[row, column]} if ratings[row, column] else {}),
                    "source": {"note": f"computed under tajimi-r4; {sizes[column] - n[row, column]} unanswered"},
                }
            )  # fmt: skip
        document = {
            "$schema": "../schemas/evaluation.schema.json",
            "municipality": {"code": code, "name": names.iloc[row], "prefecture": prefectures[code[:2]]},
            "survey": catalog["survey"],
            "rules": "tajimi-r4",
            "categories": body_categories,
        }
        (out / "evaluations" / f"{code}.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    # The summaries.
    long = pd.DataFrame(
        {
            "code": np.repeat(codes, len(categories)),
            "name": np.repeat(names.to_numpy(), len(categories)),
            "category": np.tile(categories, len(codes)),
            "n": n.ravel(),
            "advanced": a.ravel(),
            "standard": s.ravel(),
            "needs_review": r.ravel(),
            "behind": b.ravel(),
            "unanswered": (sizes - n).ravel(),
            "rating": ratings.ravel(),
            "score": np.repeat(scores.to_numpy(), len(categories)),
            "rank": np.repeat(ranks.to_numpy(), len(categories)),
            "rank_of": np.repeat(rank_of.to_numpy(), len(categories)),
        }
    )
    long.to_csv(out / "summary.csv", index=False, encoding="utf-8-sig")
    pd.crosstab(long["category"], long["rating"]).to_csv(out / "national.csv", encoding="utf-8-sig")
    table = pd.concat(
        {
            "national": pd.concat({"implemented": done.stack(), "answered": asked.stack()}, axis=1),
            "local": pd.concat({"implemented": local_done.stack(), "answered": local_asked.stack()}, axis=1),
        }
    )
    table["rate"] = table["implemented"] / table["answered"].where(table["answered"] > 0)
    table.to_csv(out / "rates.csv", encoding="utf-8-sig")
    return len(codes)


# -- polars: the summaries alone -----------------------------------------------------------------


def polars_job(source: Path, out: Path) -> int:
    """The three summary tables with polars (no file per body); returns the number of bodies."""
    pl = import_module("polars")
    setup = _setup()
    out.mkdir(parents=True)
    frame = pl.read_csv(
        source,
        schema_overrides={"code": pl.Utf8, "item": pl.Utf8, "answer": pl.Utf8},
        empty_string_is_null=False,
    )
    texts = frame["answer"].unique().to_list()
    meaning = pl.DataFrame(
        {"answer": texts, "value": [setup["texts"][_normalize(text)] for text in texts]},
        schema={"answer": pl.Utf8, "value": pl.Int8},
    )
    owners = pl.DataFrame({"item": [item["id"] for item in setup["items"]], "category": setup["owner"]})
    prefecture = pl.col("code").str.slice(2, 3) == "000"
    frame = frame.join(meaning, on="answer").with_columns(
        peers=pl.when(prefecture).then(pl.lit("prefectures")).otherwise(pl.lit("municipalities")),
        local=pl.when(prefecture).then(pl.lit("prefectures")).otherwise(pl.col("code").str.slice(0, 2)),
    )
    done, asked = (pl.col("value") == 1).sum().alias("implemented"), (pl.col("value") >= 0).sum().alias("answered")
    national = frame.group_by(["peers", "item"]).agg(done, asked)
    local = frame.group_by(["local", "item"]).agg(done, asked)
    common = 2 * pl.col("implemented") >= pl.col("answered")
    level = (
        pl.when((pl.col("value") < 0) | (pl.col("answered") == 0))
        .then(-1)
        .when(pl.col("value") == 1)
        .then(pl.when(common).then(1).otherwise(0))
        .otherwise(pl.when(common).then(3).otherwise(2))
    )
    graded = frame.join(national, on=["peers", "item"]).join(owners, on="item").with_columns(level=level)
    counts = graded.group_by(["code", "local", "category"]).agg(
        *((pl.col("level") == k).sum().alias(name) for k, name in enumerate(LEVELS)),
        pl.len().alias("size"),
    )
    a, s, r, b = (pl.col(name) for name in LEVELS)
    n, done_, undone = a + s + r + b, a + s, r + b
    rating = (
        pl.when(n == 0)
        .then(pl.lit(""))
        .when((3 * done_ >= 2 * n) & (done_ > 0) & (3 * a >= 2 * done_))
        .then(pl.lit("advanced"))
        .when(3 * done_ >= 2 * n)
        .then(pl.lit("good"))
        .when((3 * undone >= n) & (undone > 0) & (3 * b >= 2 * undone))
        .then(pl.lit("deficient"))
        .otherwise(pl.lit("partly_deficient"))
    )
    points = pl.col("rating").replace_strict(POINTS, default=0, return_dtype=pl.Int64)
    rated = counts.with_columns(n=n, unanswered=pl.col("size") - n, rating=rating)
    scores = (
        rated.group_by(["code", "local"])
        .agg(score=points.sum())
        .with_columns(rank=pl.col("score").rank("min", descending=True).over("local"))
    )
    summary = rated.join(scores.drop("local"), on="code").sort(["code", "category"])
    summary.write_csv(out / "summary.csv")
    summary.group_by(["category", "rating"]).len().pivot(on="rating", index="category", values="len").write_csv(
        out / "national.csv"
    )
    pl.concat([national.rename({"peers": "scope"}), local.rename({"local": "scope"})]).write_csv(out / "rates.csv")
    bodies: int = summary["code"].n_unique()
    return bodies


JOBS: dict[str, Callable[[Path, Path], int]] = {
    "library": library_job,
    "pandas": pandas_job,
    "polars summaries": polars_job,
}


def child(side: str, source: Path, out: Path) -> None:
    """Run one job once in this process and print its figures as JSON."""
    job = JOBS[side]
    if side == "library":
        import tajimi_rules  # noqa: F401, PLC0415 - imported before the job, as pandas and polars are
    else:
        import_module("pandas" if side == "pandas" else "polars")
    import_module("numpy")
    before = _status("VmRSS")
    start = time.perf_counter()
    bodies = job(source, out)
    seconds = time.perf_counter() - start
    peak = _status("VmHWM")
    print(json.dumps({"seconds": seconds, "bodies": bodies, "rss_before_kib": before, "peak_kib": peak}))


def _run_child(side: str, source: Path, out: Path, *, keep: bool = False) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", side, str(source), str(out)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{side} failed:\n{done.stderr}")
    if not keep:
        shutil.rmtree(out, ignore_errors=True)
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def _ratings_and_ranks(summary: Path) -> dict[tuple[str, str], tuple[str, str]]:
    with summary.open(encoding="utf-8-sig", newline="") as stream:
        return {(row["code"], row["category"]): (row["rating"], row["rank"]) for row in csv.DictReader(stream)}


def _check_same_job(root: Path, source: Path) -> None:
    """Run each side once and check that their summaries give every body the same ratings and ranks."""
    found = {}
    for side in SIDES:
        _run_child(side, source, root / side, keep=True)
        found[side] = _ratings_and_ranks(root / side / "summary.csv")
        shutil.rmtree(root / side)
    assert found["pandas"] == found["library"] == found["polars summaries"], "the sides disagree"
    print(f"the three sides agree on all {len(found['library']):,} ratings and ranks")


def _slope(points: list[tuple[float, float]]) -> float:
    """The least-squares slope of log y against log x."""
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def _write_sources(root: Path, scales: list[int], seed: int) -> dict[int, Path]:
    from tests.synthetic import synthetic_answers, write_long_csv  # noqa: PLC0415

    import tajimi_rules as tr  # noqa: PLC0415 - the parent needs the library only to generate the data

    catalog = tr.survey.load_catalog("r4")
    sources = {}
    for scale in scales:
        answers = synthetic_answers(catalog, seed=seed, scale=scale)
        sources[scale] = write_long_csv(answers, root / f"answers-{scale}x.csv", seed=seed)
        size = sources[scale].stat().st_size / 1e6
        print(f"{scale:>2}x: {len(answers.bodies):,} bodies x {len(catalog.items)} items, {size:.0f} MB CSV")
    return sources


def main() -> None:
    """Generate the answers, run every side at every scale in interleaved rounds, print the figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scales", default="1,4,16")
    parser.add_argument("--seed", type=int, default=2022)
    parser.add_argument("--child", nargs=3, metavar=("SIDE", "SOURCE", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        side, source, out = args.child
        child(side, Path(source), Path(out))
        return
    scales = [int(scale) for scale in args.scales.split(",")]
    best: dict[tuple[int, str], dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        sources = _write_sources(root, scales, args.seed)
        _check_same_job(root, sources[scales[0]])
        print(f"load average before: {os.getloadavg()[0]:.2f}")
        for round_number in range(args.rounds):
            # Alternate the order of the sides each round, so that none always runs first.
            order = SIDES if round_number % 2 == 0 else tuple(reversed(SIDES))
            for scale in scales:
                for side in order:
                    found = _run_child(side, sources[scale], root / "out")
                    kept = best.get((scale, side))
                    if kept is None or found["seconds"] < kept["seconds"]:
                        best[scale, side] = found
        load = os.getloadavg()[0]
    _report(best, scales, args.rounds, load)


def _report(best: dict[tuple[int, str], dict[str, Any]], scales: list[int], rounds: int, load: float) -> None:
    print(f"best of {rounds} rounds; 1-minute load average after: {load:.2f}")
    print(f"{'scale':>5} {'bodies':>7} {'library':>9} {'pandas':>9} {'lib/pandas':>10} {'polars summ.':>12}"
          f" {'lib KiB/body':>12} {'pandas KiB/body':>15}")  # fmt: skip
    for scale in scales:
        lib, pan, pol = (best[scale, side] for side in SIDES)
        per_body = [(run["peak_kib"] - run["rss_before_kib"]) / run["bodies"] for run in (lib, pan)]
        ratio = lib["seconds"] / pan["seconds"]
        verdict = f"({'meets' if ratio <= TARGET_RATIO else 'misses'} <= {TARGET_RATIO})"
        print(f"{scale:>4}x {lib['bodies']:>7,} {lib['seconds']:>8.3f}s {pan['seconds']:>8.3f}s {ratio:>9.2f}x"
              f" {pol['seconds']:>11.3f}s {per_body[0]:>12.1f} {per_body[1]:>15.1f}  {verdict}")  # fmt: skip
    if len(scales) > 1:
        for side in SIDES:
            points = [(best[scale, side]["bodies"], best[scale, side]["seconds"]) for scale in scales]
            print(f"growth exponent, {side}: {_slope(points):.2f} (time ~ bodies^k)")


if __name__ == "__main__":
    main()
