"""The shipped JSON Schemas: valid, documented, and the same as the repository's schemas/ folder."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

import tajimi_rules as tr

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("kind", ["evaluation", "ruleset"])
def test_schema_is_valid_draft_2020_12(kind):
    """Each schema is itself valid under the Draft 2020-12 meta-schema and documented."""
    schema = tr.documents.schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] and schema["title"] and schema["description"]


def test_top_level_schemas_are_the_package_data():
    """The repository's schemas/ folder holds exactly the package's schema files."""
    shipped = files("tajimi_rules").joinpath("schemas")
    top = ROOT / "schemas"
    names = sorted(p.name for p in top.iterdir() if p.suffix == ".json")
    assert names == sorted(e.name for e in shipped.iterdir() if e.name.endswith(".json"))
    for name in names:
        assert (top / name).read_bytes() == shipped.joinpath(name).read_bytes()


def test_example_is_schema_valid(example_path):
    """The Tajimi example validates against the evaluation schema."""
    jsonschema.validate(json.loads(example_path.read_text("utf-8")), tr.documents.schema("evaluation"))


@pytest.mark.parametrize("rule_set_id", ["tajimi-r4", "tajimi-r4-written"])
def test_shipped_rule_sets_are_schema_valid(rule_set_id):
    """Each shipped rule set validates against the rule-set schema."""
    data = json.loads(files("tajimi_rules").joinpath("rulesets", f"{rule_set_id}.json").read_text("utf-8"))
    jsonschema.validate(data, tr.documents.schema("ruleset"))
