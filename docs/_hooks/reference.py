"""MkDocs hook: reference pages generated from the package itself, so they cannot drift from it.

A page holds a marker comment, replaced at build time:

* ``<!-- generated: schema KIND -->``: the JSON format of ``KIND`` (``evaluation``, ``ruleset``,
  ``catalog``), read from the schema the package ships;
* ``<!-- generated: cli -->``: every command's help, as ``tajimi-rules COMMAND --help`` prints it;
* ``<!-- generated: problem-codes -->``: every problem code the package can report, with its
  English and Japanese message, read from the package's text table.

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
from typing import Any

from tajimi_rules._cli import build_parser, commands
from tajimi_rules._texts import PROBLEM_CODES, TABLE

MARKER = re.compile(r"<!--\s*generated:\s*([a-z-]+)(?:\s+([a-z-]+))?\s*-->")

_PREFIXES = {
    "answers": "survey answers (CSV or spreadsheet) that cannot be read as given",
    "category": "a category's own content",
    "chart": "warnings raised while drawing a report's charts, in the project's words",
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


def problem_codes() -> dict[str, Mapping[str, str]]:
    """Every problem code in the package's text table, with its message in each language."""
    return {code: dict(TABLE[code]) for code in sorted(PROBLEM_CODES)}


def _forms(code: str) -> list[str]:
    """The phrases a code whose message takes several forms is written with (``counts.too_many_items`` ...)."""
    family = code.split(".", 1)[0] + "."
    return [key for key in sorted(TABLE) if key.startswith(family) and key not in PROBLEM_CODES]


def _template(template: str) -> str:
    template = re.sub(r"\{\w+:plural:\w+:(\w+)\}", r"\1", template)
    shown = re.sub(r"\{(\w+)(?:![rsa])?(?::[^}]*)?\}", r"‹\1›", template)
    return f"`{_cell(shown)}`" if shown else ""


def problem_codes_markdown() -> str:
    """The problem codes as Markdown tables, one per family, each with its English and Japanese message."""
    codes = problem_codes()
    families: dict[str, list[str]] = {}
    for code in codes:
        families.setdefault(code.split(".", 1)[0], []).append(code)
    lines: list[str] = []
    for family, members in families.items():
        lines += ["", f"### `{family}.*`", "", _sentence(_PREFIXES.get(family, "")), ""]
        lines += ["| code | message | 日本語 |", "| --- | --- | --- |"]
        for code in members:
            templates = codes[code]
            if templates["en"] == "{detail}" and (forms := _forms(code)):
                for form in forms:
                    lines.append(f"| `{code}` | {_template(TABLE[form]['en'])} | {_template(TABLE[form]['ja'])} |")
                continue
            lines.append(f"| `{code}` | {_template(templates['en'])} | {_template(templates['ja'])} |")
    return "\n".join(lines).strip()


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "." if text else ""
