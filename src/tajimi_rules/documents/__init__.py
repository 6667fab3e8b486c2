"""Reading every document kind: strict JSON, schemas, structure, meaning, and loading."""

from ._loaders import (
    DEFAULT_RULES,
    builtin_rule_sets,
    load_evaluation,
    load_rules,
    parse_evaluation,
    parse_rules,
    resolve,
)
from ._schemas import schema
from ._validate import validate

__all__ = [
    "DEFAULT_RULES",
    "builtin_rule_sets",
    "load_evaluation",
    "load_rules",
    "parse_evaluation",
    "parse_rules",
    "resolve",
    "schema",
    "validate",
]
