"""The text layer: one table of messages, every id in every language, with the same fields."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

import tajimi_rules
from tajimi_rules._texts import LANGS, TABLE, resolve_lang, text


def _fields(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("message_id", sorted(TABLE))
def test_every_message_has_every_language_with_the_same_fields(message_id):
    """Each message id has a template in every language, and all of them use the same fields."""
    templates = TABLE[message_id]
    assert set(templates) == set(LANGS)
    assert len({frozenset(_fields(template)) for template in templates.values()}) == 1


def test_english_plurals():
    """``{n:plural:item:items}`` writes the singular for one and the plural otherwise."""
    assert [text("demo.items", "en", count=n) for n in (0, 1, 2)] == ["0 items", "1 item", "2 items"]


@pytest.mark.parametrize(
    ("given", "environ", "expected"),
    [
        ("en", {"LANG": "ja_JP.UTF-8"}, "en"),
        (None, {"TAJIMI_RULES_LANG": "ja"}, "ja"),
        (None, {"TAJIMI_RULES_LANG": "en", "LANG": "ja_JP.UTF-8"}, "en"),
        (None, {"LANG": "ja_JP.UTF-8"}, "ja"),
        (None, {"LC_ALL": "C.UTF-8", "LANG": "ja_JP.UTF-8"}, "en"),
        (None, {"LC_MESSAGES": "ja_JP", "LANG": "C"}, "ja"),
        (None, {}, "en"),
    ],
)
def test_language_follows_argument_then_variable_then_locale(given, environ, expected):
    """An explicit language wins, then ``TAJIMI_RULES_LANG``, then the POSIX locale, then English."""
    assert resolve_lang(given, environ) == expected


def test_no_code_outside_the_text_layer_tests_the_language():
    """No module outside ``_texts`` branches on the language: every language-specific text is in the table."""
    package = Path(tajimi_rules.__file__).parent
    branch = re.compile(r"""\blang\s*[!=]=\s*["']|\bif ja\b|["']ja["']\s+if\b|\bja\s+else\b""")
    offending = [
        f"{path.relative_to(package)}:{number}"
        for path in sorted(package.rglob("*.py"))
        if "_texts" not in path.parts
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if branch.search(line)
    ]
    assert offending == []
