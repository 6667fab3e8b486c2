"""MkDocs hook: reference pages generated from the package itself, so they cannot drift from it.

A page holds a marker comment, replaced at build time:

* ``<!-- generated: schema KIND -->``: the JSON format of ``KIND`` (``evaluation``, ``ruleset``,
  ``catalog``), read from the schema the package ships;
* ``<!-- generated: cli -->``: every command's help, as ``tajimi-rules COMMAND --help`` prints it;
* ``<!-- generated: problem-codes -->``: every problem code the package can report.

The same functions are imported by ``tests/test_docs.py``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
from collections.abc import Iterator, Mapping
from importlib.resources import files
from pathlib import Path
from typing import Any

import tajimi_rules
from tajimi_rules._cli import build_parser, commands

MARKER = re.compile(r"<!--\s*generated:\s*([a-z-]+)(?:\s+([a-z-]+))?\s*-->")

_PREFIXES = {
    "answers": "survey answers (CSV or spreadsheet) that cannot be read as given",
    "category": "a category's own content",
    "counts": "counts that disagree with the items",
    "diff": "two evaluations that cannot be compared",
    "document": "what kind of document a file is, and references it makes",
    "file": "reading the file itself",
    "fraction": "a rate or threshold that is not an exact fraction in range",
    "item": "an item's own content",
    "json": "JSON syntax and the limits the reader enforces",
    "mapping": "a spreadsheet column mapping",
    "model": "a value the model refuses",
    "municipality": "the local-government code",
    "rules": "which rule set is meant",
    "ruleset": "a rule set's meaning",
    "schema": "the JSON Schema: one code per schema keyword that failed",
    "share": "a share predicate of a rule set",
    "survey": "the survey",
    "text": "text that looks misread (mixed scripts, homoglyphs)",
}

_KEYWORDS = frozenset(
    {
        "type", "enum", "const", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "required", "additionalProperties",
        "anyOf", "oneOf", "allOf", "not", "minProperties", "maxProperties", "propertyNames", "contains",
        "format", "multipleOf", "dependentRequired", "if", "then", "else",
    }
)  # fmt: skip


def on_page_markdown(markdown: str, **_kwargs: Any) -> str:
    """Replace each marker of a page with the text it names."""
    return expand(markdown)


def expand(markdown: str) -> str:
    """``markdown`` with every ``<!-- generated: ... -->`` marker replaced."""

    def replace(match: re.Match[str]) -> str:
        what, argument = match.group(1), match.group(2)
        if what == "schema" and argument:
            return schema_markdown(argument)
        if what == "cli":
            return cli_markdown()
        if what == "problem-codes":
            return problem_codes_markdown()
        raise ValueError(f"unknown generated section: {match.group(0)}")

    return MARKER.sub(replace, markdown)


# --------------------------------------------------------------------------- JSON formats


def load_schema(kind: str) -> dict[str, Any]:
    """The schema the package ships for ``kind``."""
    text = files("tajimi_rules").joinpath("schemas", f"{kind}.schema.json").read_text("utf-8")
    value: dict[str, Any] = json.loads(text)
    return value


def _anchor(kind: str, path: str) -> str:
    return f"{kind}-" + re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")


def _inline_object(node: Mapping[str, Any]) -> bool:
    return isinstance(node.get("properties"), Mapping) and "$ref" not in node


def _type(node: Mapping[str, Any], kind: str, path: str) -> str:
    if "$ref" in node:
        name = str(node["$ref"]).rsplit("/", 1)[-1]
        return f"[{name}](#{_anchor(kind, name)})"
    if _inline_object(node):
        return f"[object](#{_anchor(kind, path)})"
    if "const" in node:
        return f"`{json.dumps(node['const'], ensure_ascii=False)}`"
    if "enum" in node:
        return ", ".join(f"`{json.dumps(value, ensure_ascii=False)}`" for value in node["enum"])
    for key in ("anyOf", "oneOf"):
        if key in node:
            return " or ".join(_type(part, kind, path) for part in node[key])
    type_ = node.get("type")
    if type_ == "array":
        items = node.get("items")
        return f"array of {_type(items, kind, path + '[]')}" if isinstance(items, Mapping) else "array"
    if isinstance(type_, list):
        return " or ".join(str(k) for k in type_)
    return str(type_) if type_ is not None else "any"


def _limits(node: Mapping[str, Any]) -> str:
    parts = []
    for key, text in (
        ("minimum", "≥ {}"),
        ("maximum", "≤ {}"),
        ("minLength", "length ≥ {}"),
        ("maxLength", "length ≤ {}"),
        ("minItems", "≥ {} items"),
        ("maxItems", "≤ {} items"),
        ("pattern", "matches `{}`"),
    ):
        if key in node:
            parts.append(text.format(node[key]))
    return ", ".join(parts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _nested(node: Mapping[str, Any], path: str) -> list[tuple[str, Mapping[str, Any]]]:
    """The inline objects under ``node``'s properties (and array items), with their paths."""
    found: list[tuple[str, Mapping[str, Any]]] = []
    properties = node.get("properties")
    if not isinstance(properties, Mapping):
        return found
    for name, value in properties.items():
        if not isinstance(value, Mapping):
            continue
        child_path = f"{path}.{name}" if path else str(name)
        items = value.get("items")
        if _inline_object(value):
            found += [(child_path, value), *_nested(value, child_path)]
        elif isinstance(items, Mapping) and _inline_object(items):
            found += [(child_path + "[]", items), *_nested(items, child_path + "[]")]
    return found


def _properties(node: Mapping[str, Any], kind: str, path: str) -> list[str]:
    properties = node.get("properties")
    if not isinstance(properties, Mapping) or not properties:
        return []
    required = set(node.get("required", ()))
    rows = ["| key | type | required | limits | description |", "| --- | --- | --- | --- | --- |"]
    for name, value in properties.items():
        child = value if isinstance(value, Mapping) else {}
        child_path = f"{path}.{name}" if path else str(name)
        description = str(child.get("description", child.get("title", "")))
        rows.append(
            f"| `{name}` | {_cell(_type(child, kind, child_path))} | {'yes' if name in required else ''} | "
            f"{_cell(_limits(child))} | {_cell(description)} |"
        )
    if node.get("additionalProperties") is False:
        rows += ["", "No other keys are allowed."]
    return rows


def _section(title: str, anchor: str, node: Mapping[str, Any], kind: str, path: str) -> list[str]:
    lines = ["", f"### `{title}` {{ #{anchor} }}", ""]
    description = node.get("description") or node.get("title")
    if description:
        lines += [str(description), ""]
    table = _properties(node, kind, path)
    lines += table if table else [f"Type: {_type(node, kind, path)}. {_limits(node)}".rstrip(". ") + "."]
    examples = node.get("examples")
    if examples:
        shown = ", ".join(f"`{json.dumps(e, ensure_ascii=False)}`" for e in examples)
        lines += ["", f"Examples: {shown}."]
    return lines


def schema_markdown(kind: str) -> str:
    """The format of ``kind`` documents as Markdown: top-level keys, nested objects, then each definition."""
    schema = load_schema(kind)
    lines = [
        f"Schema id: `{schema.get('$id', '')}` (the package's `schemas/{kind}.schema.json`).",
        "",
        str(schema.get("description", "")),
        "",
        *_properties(schema, kind, ""),
    ]
    for path, node in _nested(schema, ""):
        lines += _section(path, _anchor(kind, path), node, kind, path)
    for name, definition in schema.get("$defs", {}).items():
        lines += _section(name, _anchor(kind, name), definition, kind, name)
        for path, node in _nested(definition, name):
            lines += _section(path, _anchor(kind, path), node, kind, path)
    return "\n".join(lines)


# --------------------------------------------------------------------------- command line


@contextlib.contextmanager
def _columns(width: int) -> Iterator[None]:
    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(width)
    try:
        yield
    finally:
        if previous is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = previous


def cli_markdown() -> str:
    """Every command: what it does, its exit statuses (from its module), and its ``--help``."""
    with _columns(100):
        parser = build_parser()
        lines = ["```text", parser.format_help().rstrip(), "```"]
        subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        for command in commands():
            module = sys.modules[command.run.__module__]
            lines += ["", f"## `tajimi-rules {command.name}`", ""]
            doc = (module.__doc__ or command.help).strip()
            lines += [_rest_to_markdown(doc), ""]
            lines += ["```text", subparsers.choices[command.name].format_help().rstrip(), "```"]
    return "\n".join(lines)


def _rest_to_markdown(text: str) -> str:
    """The few reStructuredText habits of the docstrings, as Markdown."""
    text = re.sub(r":[a-z]+:`~?([^`]+)`", r"`\1`", text)
    return text.replace("``", "`")


# --------------------------------------------------------------------------- problem codes


def problem_codes() -> dict[str, set[str]]:
    """Every problem code the package's source can report, with the modules that report it."""
    found: dict[str, set[str]] = {}
    package = Path(tajimi_rules.__file__).parent
    for path in sorted(package.rglob("*.py")):
        module = "tajimi_rules." + ".".join(path.relative_to(package).with_suffix("").parts)
        for code in re.findall(r"""\bcode=["']([a-z_]+\.[a-z_.]+)["']""", path.read_text("utf-8")):
            found.setdefault(code, set()).add(module)
    for kind in ("evaluation", "ruleset", "catalog"):
        for keyword in _schema_keywords(load_schema(kind)):
            found.setdefault(f"schema.{keyword}", set()).add("tajimi_rules.documents._schemas")
    return found


def _schema_keywords(node: Any) -> Iterator[str]:
    if isinstance(node, Mapping):
        for key, value in node.items():
            if key in _KEYWORDS:
                yield key
            if key not in ("examples", "const", "enum", "default"):
                yield from _schema_keywords(value)
    elif isinstance(node, list):
        for value in node:
            yield from _schema_keywords(value)


def problem_codes_markdown() -> str:
    """The problem codes as Markdown tables, one per family."""
    codes = problem_codes()
    families: dict[str, list[str]] = {}
    for code in sorted(codes):
        families.setdefault(code.split(".", 1)[0], []).append(code)
    lines: list[str] = []
    for family, members in families.items():
        lines += ["", f"### `{family}.*`", "", _sentence(_PREFIXES.get(family, "")), ""]
        lines += ["| code | reported by |", "| --- | --- |"]
        lines += [f"| `{code}` | {', '.join(f'`{m}`' for m in sorted(codes[code]))} |" for code in members]
    return "\n".join(lines).strip()


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "." if text else ""
