"""``tajimi-rules check FILE``'s quick route: a plain check of a plain file, on the standard library alone.

The full road (:mod:`tajimi_rules._cli._check`) loads the model, attrs, cattrs and the schema
validator before it reads a byte, which costs most of the command's time. Most checks need
none of it: a valid evaluation under a shipped rule set, asked for as text. This route takes
those, and only those, and writes what the full road writes, byte for byte:

* the command line is ``check FILE`` with nothing beyond ``--rules ID`` (a shipped rule set),
  ``--lang``, ``--explain`` and ``--format text``, spelt out in full;
* the file is a regular file that the strict reader reads on its quick path, without a doubt
  (:func:`~tajimi_rules._light._json.plain_draft`), claims no schema but the evaluation's, passes
  the schema's verdict (:mod:`~tajimi_rules._light._schema`) and the quick meaning check
  (:func:`~tajimi_rules._light._meaning.evaluation_clean`), which finds neither error nor warning;
* the rule set is a shipped one whose rules this route reads (shares, ``all``, ``any``, ``not``);
* every category states its counts, or every item of it its level.

Anything else, and :func:`quick_check` answers ``None`` before it writes anything: the full road
runs, and words every problem. Tests hold the two roads to the same output on the examples, the
broken files and generated documents.
"""

from __future__ import annotations

import os
import stat

from .._fractions import parse_fraction
from .._texts import LANGS, name_in, resolve_lang, text
from ._check_text import CheckLine, render_check
from ._explain import Outcome, decide, headline, rule_text
from ._json import plain_draft
from ._levels import Level, Rating
from ._meaning import common_at, evaluation_clean
from ._schema import names_schema, shipped_schema, verdict_for
from ._shares import ALL_LEVELS, Comparison, compound_text, share_text
from ._shipped import DEFAULT_RULES, builtin_rule_sets, shipped_bytes
from ._terminal import visible_lines

# Not ``typing.TYPE_CHECKING``: importing typing costs the start-up this module saves.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from fractions import Fraction
    from typing import Any, TextIO

    Node = Callable[[tuple[int, int, int, int], str], tuple[bool, str, bool]]
    """A condition compiled for this route: counts and language to (holds, text, is a combination)."""

__all__ = ["quick_check"]

QUICK_MAX_BYTES = 8 * 1024 * 1024
"""Larger files take the full road, which reads them within the bounds of ``docs/limits.md``."""

_FLAGS = {"--explain": "explain"}
_VALUED = {"--rules": "rules", "--lang": "lang", "--format": "format"}


class _DeclinedError(Exception):
    """Something this route does not take: the full road runs instead."""


def _arguments(argv: Sequence[str]) -> dict[str, Any]:
    """The check's arguments when they are plain; :class:`_DeclinedError` otherwise (argparse decides the rest)."""
    found: dict[str, Any] = {"explain": False, "format": "text"}
    files: list[str] = []
    words = list(argv)
    while words:
        word = words.pop(0)
        name, equals, value = word.partition("=")
        if word in _FLAGS:
            found[_FLAGS[word]] = True
        elif name in _VALUED and (equals or words):
            found[_VALUED[name]] = value if equals else words.pop(0)
        elif word.startswith("-") or word == "":
            raise _DeclinedError(word)
        else:
            files.append(word)
    if len(files) != 1 or found["format"] != "text" or found.get("lang", "en") not in LANGS:
        raise _DeclinedError("arguments")
    found["file"] = files[0]
    return found


def _read(path: str) -> bytes:
    """The bytes of a regular file no larger than :data:`QUICK_MAX_BYTES`.

    Opened without blocking, so that a FIFO or a device named as the file never holds the check
    up: anything but a regular file goes to the full road, which says what it is.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except (OSError, ValueError) as error:
        raise _DeclinedError(path) from error
    with open(descriptor, "rb") as stream:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or status.st_size > QUICK_MAX_BYTES:
            raise _DeclinedError(path)
        return stream.read(QUICK_MAX_BYTES + 1)


def _document(data: bytes, kind: str) -> dict[str, Any]:
    """A document of ``kind`` that reads without a doubt, claims its own schema and is valid by it."""
    draft = plain_draft(data)
    verdict = verdict_for(kind)
    if type(draft) is not dict or verdict is None:
        raise _DeclinedError(kind)
    claim = draft.get("$schema")
    if claim is not None and not (
        isinstance(claim, str) and names_schema(claim, shipped_schema(kind)["$id"], f"{kind}.schema.json")
    ):
        raise _DeclinedError("$schema")
    if verdict(draft) is not True:
        raise _DeclinedError(kind)
    return draft


# --------------------------------------------------------------------------- the rules, read plainly


class _Share:
    """A share as the wording reads it (:class:`~tajimi_rules._light._shares.ShareLike`)."""

    __slots__ = ("comparison", "in_", "of", "threshold")

    def __init__(
        self, of: tuple[Level, ...], in_: tuple[Level, ...], comparison: Comparison, threshold: Fraction
    ) -> None:
        self.of, self.in_, self.comparison, self.threshold = of, in_, comparison, threshold


def _levels(names: Sequence[str]) -> tuple[Level, ...]:
    """Distinct levels in the enum's order, as the model keeps them."""
    wanted = set(names)
    return tuple(level for level in Level if level.value in wanted)


def _fraction(value: Any) -> Fraction:
    """A threshold the full road accepts: an exact fraction in [0, 1]."""
    try:
        threshold = parse_fraction(value)
    except ValueError as error:
        raise _DeclinedError("threshold") from error
    if not 0 <= threshold <= 1:
        raise _DeclinedError("threshold")
    return threshold


def _share(body: Mapping[str, Any]) -> Node:
    compared = [comparison for comparison in Comparison if comparison.value in body]
    within = body.get("in", "all")
    of = _levels(body["of"])
    in_ = ALL_LEVELS if within == "all" else _levels(within)
    if len(compared) != 1 or not of or not set(of) <= set(in_):
        raise _DeclinedError("share")
    share = _Share(of, in_, compared[0], _fraction(body[compared[0].value]))
    top = [ALL_LEVELS.index(level) for level in of]
    bottom = [ALL_LEVELS.index(level) for level in in_]

    def node(counts: tuple[int, int, int, int], lang: str) -> tuple[bool, str, bool]:
        numerator, denominator = sum(counts[i] for i in top), sum(counts[i] for i in bottom)
        holds = share.comparison.holds(numerator, denominator, share.threshold)
        return holds, share_text(share, numerator, denominator, holds, lang), False

    return node


def _combination(kind: str, parts: Sequence[Node]) -> Node:
    decide_holds: Callable[[list[bool]], bool] = {"all": all, "any": any, "not": lambda held: not held[0]}[kind]

    def node(counts: tuple[int, int, int, int], lang: str) -> tuple[bool, str, bool]:
        results = [part(counts, lang) for part in parts]
        holds = decide_holds([held for held, _text, _compound in results])
        return holds, compound_text(kind, holds, [(words, compound) for _held, words, compound in results], lang), True

    return node


def _condition(predicate: Mapping[str, Any]) -> Node:
    """A rule's condition compiled for this route; :class:`_DeclinedError` for what it does not read."""
    if len(predicate) != 1:
        raise _DeclinedError("predicate")
    ((kind, body),) = predicate.items()
    if kind == "share":
        return _share(body)
    if kind in ("all", "any"):
        return _combination(kind, [_condition(part) for part in body])
    if kind == "not":
        return _combination(kind, [_condition(body)])
    raise _DeclinedError(kind)


def _common_at(rule_set: Mapping[str, Any]) -> tuple[int, int, bool, str] | None:
    """The item grading as the quick meaning check takes it: threshold, whether strict, and the rate's key."""
    grading = rule_set.get("item_grading")
    if grading is None:
        return None
    ((comparison, value),) = grading["common"].items()
    return common_at(_fraction(value), comparison, grading.get("rate", "national"))


# --------------------------------------------------------------------------- the check


def _counts(category: Mapping[str, Any]) -> tuple[int, int, int, int]:
    """The counts a category is rated on: as stated, else its items' levels counted."""
    stated = category.get("counts")
    if stated is not None:
        return stated["advanced"], stated["standard"], stated["needs_review"], stated["behind"]
    items = category.get("items", ())
    levels = [item.get("level") for item in items]
    if not levels or None in levels:
        raise _DeclinedError("counts")
    return levels.count("advanced"), levels.count("standard"), levels.count("needs_review"), levels.count("behind")


def _explained(
    counts: tuple[int, int, int, int], rules: Sequence[tuple[Rating, Node]], first_match: bool, lang: str
) -> tuple[Rating | None, Outcome, list[str]]:
    """The rating, the outcome and the explanation's lines, as :class:`~tajimi_rules.rules.Explanation` has them."""
    results = [(rating, *condition(counts, lang)) for rating, condition in rules]
    outcome, index = decide(first_match, sum(counts), [(rating, holds) for rating, holds, _t, _c in results])
    matching = tuple(dict.fromkeys(rating for rating, holds, _t, _c in results if holds))
    decided = (index, rules[index][0]) if index is not None else None
    lines = [headline(outcome, counts, matching, decided, lang)]
    lines += ["  " + rule_text(i, rating, holds, words, lang) for i, (rating, holds, words, _c) in enumerate(results)]
    return (decided[1] if decided is not None else None), outcome, lines


def _check_lines(
    evaluation: Mapping[str, Any], rules: Sequence[tuple[Rating, Node]], first_match: bool, lang: str
) -> list[CheckLine]:
    """Each category checked, as the text output shows it."""
    lines: list[CheckLine] = []
    for category in evaluation["categories"]:
        counts = _counts(category)
        rating, outcome, explanation = _explained(counts, rules, first_match, lang)
        names = category["name"]
        lines.append(
            CheckLine(
                id=category["id"],
                name=name_in(lang, names["ja"], names.get("en")),
                counts=counts,
                rating=rating,
                outcome=outcome,
                stated=Rating(category["stated_rating"]) if "stated_rating" in category else None,
                explanation=explanation,
            )
        )
    return lines


def _rule_set(name: str) -> tuple[Mapping[str, Any], list[tuple[Rating, Node]], bool]:
    """A shipped rule set read plainly: its document, its rules compiled, whether the first match decides."""
    document = _document(shipped_bytes("rulesets", name), "ruleset")
    rules = [(Rating(rule["rating"]), _condition(rule["when"])) for rule in document["rules"]]
    return document, rules, document["combine"] == "first_match"


def _lines(arguments: Mapping[str, Any]) -> tuple[list[str], int]:
    """What ``check`` writes and its exit status; :class:`_DeclinedError` wherever the full road must run."""
    lang = resolve_lang(arguments.get("lang"))
    shipped = builtin_rule_sets()
    asked = arguments.get("rules")
    if asked is not None and asked not in shipped:
        raise _DeclinedError("rules")
    evaluation = _document(_read(arguments["file"]), "evaluation")
    named = evaluation.get("rules")
    chosen = asked if asked is not None else named if named in shipped else DEFAULT_RULES
    rule_set, rules, first_match = _rule_set(chosen)
    clean = evaluation_clean(
        evaluation,
        common_at=_common_at(rule_set),
        ratings=tuple(dict.fromkeys(rating for rating, _condition in rules)),
        rule_set_ids=frozenset(shipped),
    )
    if not clean:
        raise _DeclinedError("meaning")
    lines = _check_lines(evaluation, rules, first_match, lang)
    municipality = evaluation["municipality"]
    heading = f"{arguments['file']}: {municipality['name']} ({municipality['code']}) · {evaluation['survey']['title']}"
    rules_line = text("cli.rules_line", lang, id=rule_set["id"], combine=rule_set["combine"], title=rule_set["title"])
    written = render_check(heading, rules_line, lines, lang, arguments["explain"])
    return written, 1 if any(line.notable for line in lines) else 0


def quick_check(argv: Sequence[str], stdout: TextIO) -> int | None:
    """Run ``check`` with ``argv`` (the words after ``check``) on the quick route: its exit status.

    ``None`` when the route does not take this check: nothing has been written, and the full
    road must run. Whatever goes wrong here sends the check there, which says what is wrong.
    """
    try:
        written, status = _lines(_arguments(argv))
    except Exception:
        return None
    stdout.write(visible_lines("\n".join(written)) + "\n")
    return status
