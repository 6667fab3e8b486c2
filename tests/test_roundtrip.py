"""Round trips: model -> JSON -> model is the identity, and what is written is schema-valid."""

from __future__ import annotations

import json
from importlib.resources import files

import jsonschema
import pytest
from hypothesis import given, settings

import tajimi_rules as tr

from .strategies import rule_sets


@pytest.mark.parametrize("rule_set_id", ["tajimi-r4", "tajimi-r4-written"])
def test_shipped_rule_sets_unstructure_to_their_files(rule_set_id):
    """Unstructuring a shipped rule set gives back its file's content."""
    text = files("tajimi_rules").joinpath("rulesets", f"{rule_set_id}.json").read_text("utf-8")
    data = json.loads(text)
    data.pop("$schema")
    assert tr.converter.unstructure(tr.load_rules(rule_set_id)) == data


# No deadline: compiling a drawn rule set can take longer than 200 ms on a loaded machine.
@settings(max_examples=100, deadline=None)
@given(rule_sets())
def test_rule_sets_round_trip_through_json(rule_set):
    """Any rule set survives unstructure -> JSON text -> schema validation -> structure."""
    data = json.loads(json.dumps(tr.converter.unstructure(rule_set)))
    jsonschema.validate(data, tr.documents.schema("ruleset"))
    assert tr.documents.parse_rules(data) == rule_set


def test_example_round_trips(example_path):
    """The Tajimi example survives unstructure -> JSON -> structure, and stays schema-valid."""
    evaluation = tr.load_evaluation(example_path)
    data = json.loads(json.dumps(tr.converter.unstructure(evaluation), ensure_ascii=False))
    jsonschema.validate(data, tr.documents.schema("evaluation"))
    assert tr.documents.parse_evaluation(data) == evaluation


def test_rates_are_written_exactly(example_path):
    """National rates come back as the numbers written in the file."""
    evaluation = tr.load_evaluation(example_path)
    data = tr.converter.unstructure(evaluation)
    rates = [
        item["national_rate"] for c in data["categories"] for item in c.get("items", []) if "national_rate" in item
    ]
    assert 0.234 in rates and 0.092 in rates
