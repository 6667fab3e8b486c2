"""The SQL port: the exported ``CASE`` expression rates as the Python engine does, in SQLite and DuckDB.

SQLite is the standard library's; DuckDB is the ``duckdb`` package (in the ``test`` extra), and its
tests are skipped where it is not installed. Columns are declared ``INTEGER``, which DuckDB holds in
32 bits: the expression's own 64-bit casts keep the nine-digit products exact.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tajimi_rules as tr
from tajimi_rules._cli import main
from tajimi_rules.export import COLUMNS, sql_case, sql_view

from .strategies import rule_sets as small_rule_sets
from .test_export_js import SUITE, any_counts, conformance, wide_rule_sets

CREATE = f"CREATE TABLE categories (id INTEGER, {', '.join(c + ' INTEGER' for c in COLUMNS)})"


def rate_all(connection: Any, rule_set: tr.RuleSet, vectors: Sequence[Sequence[int | None]]) -> list[str | None]:
    """Rate ``vectors`` with the rule set's ``CASE`` expression in one query."""
    connection.execute("DROP TABLE IF EXISTS categories")
    connection.execute(CREATE)
    connection.executemany(
        "INSERT INTO categories VALUES (?, ?, ?, ?, ?)", [(i, *vector) for i, vector in enumerate(vectors)]
    )
    rows = connection.execute(f"SELECT id, {sql_case(rule_set)} AS rating FROM categories ORDER BY id").fetchall()
    return [rating for _, rating in rows]


def engines() -> list[Any]:
    found: list[Any] = [pytest.param(sqlite3.connect, id="sqlite")]
    try:
        import duckdb  # noqa: PLC0415 - optional

        found.append(pytest.param(lambda _: duckdb.connect(), id="duckdb"))
    except ImportError:
        found.append(
            pytest.param(
                None, id="duckdb", marks=pytest.mark.skip(reason="duckdb is not installed (pip install duckdb)")
            )
        )
    return found


def python_rating(rule_set: tr.RuleSet, vector: list[int]) -> str | None:
    rating = rule_set.rate(tr.Counts(*vector))
    return rating.value if rating else None


@pytest.mark.parametrize("connect", engines())
def test_every_conformance_case(connect):
    """The SQL expression rates every case of the conformance suite as expected, for both shipped rule sets."""
    rule_sets, cases, expected = conformance()
    connection = connect(":memory:")
    passed = 0
    for index, rule_set in enumerate(rule_sets):
        mine = [(vector, want) for (i, vector), want in zip(cases, expected, strict=True) if i == index]
        answers = rate_all(connection, rule_set, [vector for vector, _ in mine])
        assert answers == [want for _, want in mine], rule_set.id
        passed += len(mine)
    assert passed == 4064


@pytest.mark.parametrize("connect", engines())
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), rule_sets=st.lists(st.one_of(small_rule_sets(), wide_rule_sets()), min_size=5, max_size=5))
def test_generated_rule_sets(connect, data, rule_sets):
    """On generated rule sets (nine-digit thresholds, counts up to 100,000) SQL agrees with the Python engine."""
    connection = connect(":memory:")
    for rule_set in rule_sets:
        vectors = [*data.draw(st.lists(any_counts, min_size=15, max_size=15)), [0, 0, 0, 0]]
        assert rate_all(connection, rule_set, list(vectors)) == [python_rating(rule_set, v) for v in vectors]


@pytest.mark.parametrize("connect", engines())
def test_null_counts_give_null(connect, practised):
    """A NULL count gives a NULL rating, as does n = 0; 1/8/5/4 is partly deficient."""
    connection = connect(":memory:")
    answers = rate_all(connection, practised, [[None, 1, 1, 1], [0, 0, 0, 0], [1, 8, 5, 4]])
    assert answers == [None, None, "partly_deficient"]


def test_the_view_rates_gis_in_sqlite(tmp_path):
    """``export tajimi-r4 --to sql`` writes a script whose view rates 1/8/5/4 partly deficient in SQLite."""
    script = tmp_path / "r4.sql"
    assert main(["export", "tajimi-r4", "--to", "sql", "--out", str(script), "--lang", "en"]) == 0
    assert "CREATE VIEW" in script.read_text(encoding="utf-8")
    with sqlite3.connect(tmp_path / "r4.db") as connection:
        connection.execute(CREATE)
        connection.execute("INSERT INTO categories VALUES (1, 1, 8, 5, 4)")
        connection.executescript(script.read_text(encoding="utf-8"))
        assert connection.execute("SELECT rating FROM rated_categories").fetchall() == [("partly_deficient",)]


@pytest.mark.skipif(
    shutil.which("sqlite3") is None, reason="the sqlite3 shell is not installed (apt-get install sqlite3)"
)
def test_the_view_rates_gis_in_the_sqlite3_shell(tmp_path):
    """The ``sqlite3`` shell reads the exported script and its view rates 1/8/5/4 partly deficient."""
    script = tmp_path / "r4.sql"
    assert main(["export", "tajimi-r4", "--to", "sql", "--out", str(script)]) == 0
    commands = f"{CREATE};\nINSERT INTO categories VALUES (1, 1, 8, 5, 4);\n" + script.read_text(encoding="utf-8")
    commands += "SELECT id, rating FROM rated_categories;\n"
    result = subprocess.run(["sqlite3", ":memory:"], input=commands, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "1|partly_deficient"


def test_the_view_names_its_table_and_view(practised):
    """``sql_view`` builds a view over the given table, holding the same ``CASE`` expression."""
    script = sql_view(practised, table="answers", view="rated")
    assert "CREATE VIEW rated AS" in script and "FROM answers;" in script
    assert all(line.strip() in script for line in sql_case(practised).splitlines())


def test_only_rating_ids_are_strings_in_the_sql():
    """The SQL's only string literals are rating ids of the enum: no text of the rule-set file reaches it."""
    document = json.loads(SUITE.read_text(encoding="utf-8"))
    assert set(document["rule_sets"]) == {"tajimi-r4", "tajimi-r4-written"}
    case = sql_case(tr.load_rules("tajimi-r4-written"))
    strings = {part.split("'")[0] for part in case.split("THEN '")[1:]}
    assert strings == {rating.value for rating in tr.Rating}
