"""The conformance suite: ``[rule set id, counts, expected rating]`` cases for ports of the rules.

``python -m tests.conformance.generate`` writes ``tests/conformance/tajimi-rules-conformance.json``
(``--output PATH`` elsewhere, ``--check`` to compare instead of writing: exit 1 when the file
differs). The file is language-neutral JSON; each case is::

    ["tajimi-r4", [advanced, standard, needs_review, behind], "good"]

with ``null`` where the rule set gives no rating (no items, a gap, or an ambiguous overlap).
For each shipped rule set the cases are: the empty category; every vector with
``1 <= n <=`` :data:`SMALL` on a boundary (some share of the rule set exactly at its threshold,
or with an empty denominator); every :data:`SAMPLE_EVERY`-th other vector up to that size; and,
for large counts, the smallest vector of every cell of the rule set (see
:mod:`tajimi_rules.analysis._analysis`) times :data:`SCALE`, and that vector with one item moved to a
better level. Expected ratings come from :meth:`RuleSet.explain`, which evaluates the
predicates directly rather than through the compiled functions.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any

from tajimi_rules.analysis import MOVE_SETS
from tajimi_rules.analysis._arrangement import Arrangement, rule_shares, scan
from tajimi_rules.documents._loaders import builtin_rule_sets, load_rules
from tajimi_rules.model import Counts, Level
from tajimi_rules.rules._explain import Outcome
from tajimi_rules.rules._rules import RuleSet

__all__ = ["DEFAULT_PATH", "SAMPLE_EVERY", "SCALE", "SMALL", "cases", "document", "main", "render"]

DEFAULT_PATH = Path("tests/conformance/tajimi-rules-conformance.json")
SMALL = 16
SAMPLE_EVERY = 8
SCALE = 1000

Case = tuple[str, tuple[int, int, int, int], str | None]


def _expected(rule_set: RuleSet, counts: Counts) -> str | None:
    explanation = rule_set.explain(counts)
    if explanation.outcome is Outcome.RATED and explanation.decided_by is not None:
        return explanation.decided_by.rating.value
    return None


def _small_vectors(limit: int) -> Iterator[tuple[int, int, int, int]]:
    for n in range(1, limit + 1):
        for a in range(n + 1):
            for s in range(n - a + 1):
                for r in range(n - a - s + 1):
                    yield (a, s, r, n - a - s - r)


def _vectors(rule_set: RuleSet) -> list[tuple[int, int, int, int]]:
    shares = list(dict.fromkeys(rule_shares(rule_set)))
    chosen: list[tuple[int, int, int, int]] = [(0, 0, 0, 0)]
    others = 0
    for vector in _small_vectors(SMALL):
        counts = Counts(*vector)
        on_boundary = any(
            counts.of(share.in_) == 0
            or counts.of(share.of) * share.threshold.denominator == share.threshold.numerator * counts.of(share.in_)
            for share in shares
        )
        if on_boundary:
            chosen.append(vector)
        else:
            if others % SAMPLE_EVERY == 0:
                chosen.append(vector)
            others += 1
    arrangement = Arrangement.of(shares)
    cells, _, _ = scan(arrangement, arrangement.cell_bound())
    levels = list(Level)
    for cell in sorted(cells.values(), key=lambda cell: cell.order):
        large = tuple(SCALE * x for x in cell.witness)
        chosen.append((large[0], large[1], large[2], large[3]))
        for source, target in MOVE_SETS["upward"]:
            moved = list(large)
            moved[levels.index(source)] -= 1
            moved[levels.index(target)] += 1
            if min(moved) >= 0:
                chosen.append((moved[0], moved[1], moved[2], moved[3]))
    return list(dict.fromkeys(chosen))


def cases(rule_set_ids: Sequence[str] | None = None) -> list[Case]:
    """Every case for the given shipped rule sets (default: all of them), in a fixed order."""
    found: list[Case] = []
    for rule_set_id in rule_set_ids or builtin_rule_sets():
        rule_set = load_rules(rule_set_id)
        for vector in _vectors(rule_set):
            found.append((rule_set_id, vector, _expected(rule_set, Counts(*vector))))
    return found


def _digest(rule_set_id: str) -> str:
    data = files("tajimi_rules").joinpath("rulesets", f"{rule_set_id}.json").read_bytes()
    return hashlib.sha256(data).hexdigest()


def document(rule_set_ids: Sequence[str] | None = None) -> dict[str, Any]:
    """The conformance document as a JSON-ready mapping."""
    ids = list(rule_set_ids or builtin_rule_sets())
    return {
        "description": (
            "Conformance cases for the tajimi-rules rule sets: rate each count vector with the named rule "
            "set and compare with the expected rating (null: no rating). A vector is [advanced, standard, "
            "needs_review, behind]; n = their sum; n = 0 is never rated. Thresholds are exact fractions: "
            "compare by cross-multiplying integers, never with floating point."
        ),
        "generator": "python -m tests.conformance.generate",
        "small": SMALL,
        "sample_every": SAMPLE_EVERY,
        "scale": SCALE,
        "rule_sets": {
            rule_set_id: {
                "combine": load_rules(rule_set_id).combine.value,
                "version": load_rules(rule_set_id).version,
                "sha256": _digest(rule_set_id),
            }
            for rule_set_id in ids
        },
        "cases": [[rule_set_id, list(vector), expected] for rule_set_id, vector, expected in cases(ids)],
    }


def render(rule_set_ids: Sequence[str] | None = None) -> str:
    """The conformance file's text: the header indented, one case per line."""
    value = document(rule_set_ids)
    case_lines = ",\n".join("    " + json.dumps(case, ensure_ascii=False) for case in value.pop("cases"))
    head = json.dumps(value, ensure_ascii=False, indent=2)
    return head[:-2] + ',\n  "cases": [\n' + case_lines + "\n  ]\n}\n"


def _write(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder, so a failure leaves nothing half-written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        Path(temporary).chmod(0o644)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def main(argv: Sequence[str] | None = None) -> int:
    """Write (or with ``--check`` compare) the conformance file; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m tests.conformance.generate", description=__doc__)
    parser.add_argument("--output", type=Path, default=DEFAULT_PATH, help=f"default: {DEFAULT_PATH}")
    parser.add_argument("--check", action="store_true", help="compare with the file instead of writing it")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        try:
            current = args.output.read_text(encoding="utf-8")
        except OSError as error:
            print(f"{args.output}: {error.strerror}", file=sys.stderr)
            return 1
        if current != text:
            print(f"{args.output}: out of date; regenerate with python -m tests.conformance.generate", file=sys.stderr)
            return 1
        print(f"{args.output}: up to date")
        return 0
    _write(args.output, text)
    print(f"{args.output}: {text.count(chr(10) + '    [')} cases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
