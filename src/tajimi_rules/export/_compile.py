"""Compile a rule set's data to JavaScript, SQL and spreadsheet formulas.

One walk over the predicates serves every target, as :mod:`tajimi_rules.rules` compiles them to
Python: a share ``num/den ⋚ p/q`` becomes the integer comparison ``q * num ⋚ p * den``, guarded by
``den > 0`` unless the denominator is every level (an undefined share satisfies no comparison;
n = 0 is ruled out before any rule is tested, and never rated); ``all`` / ``any`` / ``not`` become
the target's own and / or / not, an empty ``all`` true and an empty ``any`` false. The targets differ
only in how they spell a count, a sum, a product and the logic; nothing here names a threshold, a
category or a rating: those come from the rule set.

Each compiler first checks that every product stays in the target's exact integer range
(:func:`~tajimi_rules.export.check_range`) and refuses the rule set otherwise.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

import attrs

from .._arguments import check_rule_set
from ..model import Level
from ..rules import AllOf, AnyOf, Combine, Predicate, RuleSet, Share
from ._bounds import MAX_COUNT, Target, check_range

__all__ = [
    "COLUMNS",
    "NO_RATING",
    "excel_formula",
    "javascript_functions",
    "javascript_module",
    "js_literal",
    "sql_case",
    "sql_view",
]

COLUMNS: tuple[str, ...] = tuple(level.value for level in Level)
"""The names of the four counts, best level first: the JavaScript keys and the SQL columns."""

NO_RATING = "none"
"""What a spreadsheet formula writes where the rules give no rating (JavaScript gives null, SQL NULL)."""

_ALL = tuple(Level)


@attrs.frozen
class _Spelling:
    """How one target writes counts, sums, comparisons and logic."""

    count: Callable[[Level], str]
    product: Callable[[int, str], str]
    and_: Callable[[Sequence[str]], str]
    or_: Callable[[Sequence[str]], str]
    not_: Callable[[str], str]
    true: str
    false: str
    gap: str = " "
    """The space around operators (none in spreadsheet formulas, where a space between references intersects)."""
    everything: str | None = None
    """How the target names the sum of all four counts, where it has a name for it."""

    def total(self, levels: tuple[Level, ...]) -> str:
        if levels == _ALL and self.everything is not None:
            return self.everything
        if len(levels) == 1:
            return self.count(levels[0])
        return "(" + f"{self.gap}+{self.gap}".join(self.count(level) for level in levels) + ")"

    def share(self, share: Share) -> str:
        numerator, denominator = self.total(share.of), self.total(share.in_)
        p, q = share.threshold.numerator, share.threshold.denominator
        gap = self.gap
        compare = f"{self.product(q, numerator)}{gap}{share.comparison.symbol}{gap}{self.product(p, denominator)}"
        if share.in_ == _ALL:
            return compare
        return self.and_([f"{denominator}{gap}>{gap}0", compare])

    def expression(self, predicate: Predicate) -> str:
        if isinstance(predicate, Share):
            return self.share(predicate)
        if isinstance(predicate, AllOf):
            parts = [self.expression(part) for part in predicate.predicates]
            return self.and_(parts) if parts else self.true
        if isinstance(predicate, AnyOf):
            parts = [self.expression(part) for part in predicate.predicates]
            return self.or_(parts) if parts else self.false
        return self.not_(self.expression(predicate.predicate))


# --------------------------------------------------------------------------- JavaScript


_JS_VARIABLE = {Level.ADVANCED: "a", Level.STANDARD: "s", Level.NEEDS_REVIEW: "r", Level.BEHIND: "b"}


def js_literal(value: object) -> str:
    """A JSON value as a JavaScript literal that is also safe inside an HTML ``<script>``."""
    dumped = json.dumps(value, ensure_ascii=True)
    return dumped.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class _Leaves:
    """JavaScript: every share computed once into a constant, so an explanation can show its numbers."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.names: list[str] = []
        self.spelling = _Spelling(
            count=_JS_VARIABLE.__getitem__,
            product=lambda k, term: term if k == 1 else f"{k} * {term}",
            and_=lambda parts: "(" + " && ".join(parts) + ")",
            or_=lambda parts: "(" + " || ".join(parts) + ")",
            not_=lambda part: f"!{part}",
            true="true",
            false="false",
            everything="n",
        )

    def expression(self, predicate: Predicate) -> str:
        if isinstance(predicate, Share):
            index = len(self.names)
            name = f"h{index}"
            total = self.spelling.total
            self.lines.append(
                f"  const {name} = [{total(predicate.of)}, {total(predicate.in_)}, {self.spelling.share(predicate)}];"
            )
            self.names.append(name)
            return f"{name}[2]"
        if isinstance(predicate, AllOf):
            parts = [self.expression(part) for part in predicate.predicates]
            return self.spelling.and_(parts) if parts else "true"
        if isinstance(predicate, AnyOf):
            parts = [self.expression(part) for part in predicate.predicates]
            return self.spelling.or_(parts) if parts else "false"
        return f"!{self.expression(predicate.predicate)}"


def javascript_functions(rules: RuleSet) -> str:
    """The rule set as JavaScript declarations: ``id``, ``title``, ``combine``, ``rate``, ``matches``, ``explain``.

    ``rate(counts)`` takes ``{advanced, standard, needs_review, behind}`` (whole numbers from 0 to
    100,000; anything else throws a ``RangeError``) and gives the rating id or ``null``;
    ``matches(counts)`` the indices of the rules whose condition holds; ``explain(counts)`` each
    rule's outcome and every share's ``[numerator, denominator, holds]``, left to right.
    """
    check_rule_set(rules, "javascript_functions")
    check_range(rules, Target.JS)
    leaves = _Leaves()
    tests: list[str] = []
    shares_per_rule: list[list[str]] = []
    for rule in rules.rules:
        before = len(leaves.names)
        tests.append(leaves.expression(rule.when))
        shares_per_rule.append(leaves.names[before:])
    ratings = [rule.rating.value for rule in rules.rules]
    decide = (
        "  for (let i = 0; i < t.length; i++) if (t[i]) return RATINGS[i];\n  return null;"
        if rules.combine is Combine.FIRST_MATCH
        else "  const found = new Set(RATINGS.filter((_, i) => t[i]));\n"
        "  return found.size === 1 ? [...found][0] : null;"
    )
    leaf_lists = ", ".join("[" + ", ".join(names) + "]" for names in shares_per_rule)
    return f"""\
const id = {js_literal(rules.id)};
const title = {js_literal(rules.title)};
const combine = {js_literal(rules.combine.value)};
const RATINGS = {js_literal(ratings)};
const MAX_COUNT = {MAX_COUNT};

function counted(counts) {{
  const values = {js_literal(list(COLUMNS))}.map((key) => counts[key]);
  for (const value of values) {{
    if (!Number.isInteger(value) || value < 0 || value > MAX_COUNT) {{
      throw new RangeError("each count must be a whole number from 0 to " + MAX_COUNT + ", found " + value);
    }}
  }}
  return values;
}}

function evaluate(a, s, r, b) {{
  const n = a + s + r + b;
{chr(10).join(leaves.lines)}
  return [[{", ".join(tests)}], [{leaf_lists}]];
}}

function tests(counts) {{
  const [a, s, r, b] = counted(counts);
  return a + s + r + b > 0 ? evaluate(a, s, r, b)[0] : RATINGS.map(() => false);
}}

function rate(counts) {{
  const t = tests(counts);
{decide}
}}

function matches(counts) {{
  return tests(counts).flatMap((holds, index) => (holds ? [index] : []));
}}

function explain(counts) {{
  const [a, s, r, b] = counted(counts);
  const n = a + s + r + b;
  const rating = rate(counts);
  if (n <= 0) return {{ rating, outcome: "empty", rules: [] }};
  const [t, shares] = evaluate(a, s, r, b);
  const outcome = rating !== null ? "rated" : t.some((holds) => holds) ? "ambiguous" : "no_rule";
  const decided = rating === null ? null : combine === "first_match" ? t.indexOf(true) : RATINGS.indexOf(rating);
  return {{
    rating, outcome, decided_by: decided,
    rules: t.map((holds, index) => ({{ index, rating: RATINGS[index], holds, shares: shares[index] }})),
  }};
}}
"""


def javascript_module(rules: RuleSet) -> str:
    """The rule set as an ES module exporting ``rate``, ``matches``, ``explain``, ``id``, ``title``, ``combine``.

    >>> from tajimi_rules import load_rules
    >>> javascript_module(load_rules("tajimi-r4")).splitlines()[-1]
    'export { id, title, combine, rate, matches, explain };'
    """
    check_rule_set(rules, "javascript_module")
    header = f"// {rules.id}: compiled by tajimi-rules from the rule set's data; do not edit.\n"
    return header + javascript_functions(rules) + "\nexport { id, title, combine, rate, matches, explain };\n"


# --------------------------------------------------------------------------- SQL


def _sql_spelling() -> _Spelling:
    return _Spelling(
        count=lambda level: level.value,
        # The literal is cast to 64 bits so DuckDB's 32-bit INTEGER columns cannot overflow.
        product=lambda k, term: term if k == 1 else f"CAST({k} AS BIGINT) * {term}",
        and_=lambda parts: "(" + " AND ".join(parts) + ")",
        or_=lambda parts: "(" + " OR ".join(parts) + ")",
        not_=lambda part: f"(NOT {part})",
        true="(1 = 1)",
        false="(1 = 0)",
    )


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def sql_case(rules: RuleSet) -> str:
    """The rule set as one SQL ``CASE`` expression over the columns of the four counts (:data:`COLUMNS`).

    It gives the rating id, or NULL where the rules give none, where a count is NULL, and where n = 0.
    Only standard SQL is used (``CASE``, ``CAST … AS BIGINT``, ``AND``/``OR``/``NOT``), so it runs in
    SQLite and DuckDB alike.
    """
    check_rule_set(rules, "sql_case")
    check_range(rules, Target.SQL)
    spelling = _sql_spelling()
    null = " OR ".join(f"{column} IS NULL" for column in COLUMNS)
    lines = ["CASE", f"  WHEN {null} THEN NULL", f"  WHEN {' + '.join(COLUMNS)} <= 0 THEN NULL"]
    tests = [spelling.expression(rule.when) for rule in rules.rules]
    if rules.combine is Combine.FIRST_MATCH:
        lines += [
            f"  WHEN {test} THEN {_quote(rule.rating.value)}" for rule, test in zip(rules.rules, tests, strict=True)
        ]
    else:
        for rating in rules.ratings:
            mine = [test for rule, test in zip(rules.rules, tests, strict=True) if rule.rating is rating]
            others = [test for rule, test in zip(rules.rules, tests, strict=True) if rule.rating is not rating]
            condition = spelling.or_(mine)
            if others:
                condition = spelling.and_([condition, spelling.not_(spelling.or_(others))])
            lines.append(f"  WHEN {condition} THEN {_quote(rating.value)}")
    lines += ["  ELSE NULL", "END"]
    return "\n".join(lines)


def sql_view(rules: RuleSet, *, table: str = "categories", view: str = "rated_categories") -> str:
    """A SQL script: the ``CASE`` expression, and a ``CREATE VIEW`` that adds a ``rating`` column to ``table``."""
    check_rule_set(rules, "sql_view")
    case = sql_case(rules)
    indented = "\n".join("  " + line for line in case.splitlines())
    return (
        f"-- {rules.id}: compiled by tajimi-rules from the rule set's data; do not edit.\n"
        f"-- The rating of counts in the columns {', '.join(COLUMNS)} (NULL: no rating).\n"
        f"-- Example: CREATE TABLE {table} (id TEXT, {', '.join(c + ' INTEGER' for c in COLUMNS)});\n"
        f"CREATE VIEW {view} AS\nSELECT *,\n{indented} AS rating\nFROM {table};\n"
    )


# --------------------------------------------------------------------------- spreadsheet formulas


def excel_formula(rules: RuleSet, cells: Sequence[str]) -> str:
    """A spreadsheet formula (without the leading ``=``) rating the counts in ``cells`` (four cell references).

    It gives the rating id, :data:`NO_RATING` where the rules give none (n = 0 included), ``""``
    where a count is blank, and ``"invalid"`` where a count is not a whole number from 0 to 100,000.
    First match picks the lowest-numbered holding rule with ``MIN``; exclusive rules count the
    ratings that hold and give one only when exactly one does. No ``LET``, ``IFS`` or array
    formulas: it runs unchanged in Excel and LibreOffice.
    """
    check_rule_set(rules, "excel_formula")
    check_range(rules, Target.XLSX)
    if len(cells) != len(COLUMNS):
        raise ValueError("give one cell for each of the four levels")
    cell = dict(zip(Level, cells, strict=True))
    spelling = _Spelling(
        count=cell.__getitem__,
        product=lambda k, term: term if k == 1 else f"{k}*{term}",
        and_=lambda parts: "AND(" + ",".join(parts) + ")",
        or_=lambda parts: "OR(" + ",".join(parts) + ")",
        not_=lambda part: f"NOT({part})",
        true="TRUE()",
        false="FALSE()",
        gap="",
    )
    tests = [spelling.expression(rule.when) for rule in rules.rules]
    if rules.combine is Combine.FIRST_MATCH:
        sentinel = len(tests) + 1
        first = "MIN(" + ",".join(f"IF({test},{i + 1},{sentinel})" for i, test in enumerate(tests)) + ")"
        names = ",".join(_formula_text(rule.rating.value) for rule in rules.rules)
        decide = f'CHOOSE({first},{names},"{NO_RATING}")'
    else:
        ratings = rules.ratings
        holds = [
            "OR(" + ",".join(test for rule, test in zip(rules.rules, tests, strict=True) if rule.rating is r) + ")"
            for r in ratings
        ]
        count = "(" + "+".join(f"IF({h},1,0)" for h in holds) + ")"
        which = "MAX(" + ",".join(f"IF({h},{i + 1},0)" for i, h in enumerate(holds)) + ")"
        names = ",".join(_formula_text(r.value) for r in ratings)
        decide = f'IF({count}=1,CHOOSE({which},{names}),"{NO_RATING}")'
    blank = "OR(" + ",".join(f"ISBLANK({c})" for c in cells) + ")"
    invalid = "OR(" + ",".join(f"NOT(ISNUMBER({c}))" for c in cells) + ")"
    out_of_range = "OR(" + ",".join(f"{c}<0,{c}>{MAX_COUNT},{c}<>INT({c})" for c in cells) + ")"
    total = "+".join(cells)
    return f'IF({blank},"",IF({invalid},"invalid",IF({out_of_range},"invalid",IF({total}<=0,"{NO_RATING}",{decide}))))'


def _formula_text(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'
