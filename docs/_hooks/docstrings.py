"""Griffe extension: the package's reStructuredText-flavoured docstrings, made readable as Markdown.

Doctest examples (``>>>`` lines and their output) become fenced ``pycon`` blocks, and roles
such as ``:class:`~tajimi_rules.Counts``` become code spans, so that the API reference renders
them as code rather than as text or broken links.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:class|func|meth|attr|data|mod|exc|obj):`(~?)([^`]+)`")


def fence_doctests(text: str) -> str:
    """Wrap each run of doctest lines (prompts and their output, up to a blank line) in a code fence."""
    lines = text.splitlines()
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.lstrip().startswith(">>>"):
            indent = line[: len(line) - len(line.lstrip())]
            block = []
            while index < len(lines) and lines[index].strip():
                block.append(lines[index][len(indent) :] if lines[index].startswith(indent) else lines[index])
                index += 1
            out += [f"{indent}```pycon", *(indent + entry for entry in block), f"{indent}```"]
            continue
        out.append(line)
        index += 1
    return "\n".join(out)


def markdown_docstring(text: str) -> str:
    """Roles as code spans, then doctests fenced."""

    def code(match: re.Match[str]) -> str:
        short, target = match.groups()
        return f"`{target.rsplit('.', 1)[-1] if short else target}`"

    return fence_doctests(_ROLE.sub(code, text))


class DoctestFences(griffe.Extension):
    """Rewrite every docstring as it is loaded."""

    def on_instance(self, *, obj: griffe.Object, **_kwargs: Any) -> None:
        """Make ``obj``'s docstring readable as Markdown."""
        if obj.docstring is not None:
            obj.docstring.value = markdown_docstring(obj.docstring.value)
