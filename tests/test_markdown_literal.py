"""Text from input renders as literal text in the Markdown report: it never creates Markdown structure.

Each hostile text is put in one place of an evaluation (a remark, a category name, an item
note, the title), the report is rendered, and a CommonMark parser (markdown-it-py, with GFM
tables and strikethrough) reads it back: the blocks are exactly those of the same report with a
plain text in that place, and the text comes back whole, as one text node, with no emphasis,
code, link, image, HTML or line break made from it. The only changes made to a value are
documented by ``markdown_escape``: line breaks become one space, and spaces and tabs around
the value are dropped.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tajimi_rules.report import build_report
from tajimi_rules.report._report import markdown_escape

pytest.importorskip("jinja2")
markdown_it = pytest.importorskip("markdown_it")

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "tajimi-r4.json"

HOSTILE = {
    "thematic-dashes": "---",
    "thematic-stars": "***",
    "thematic-underscores": "___",
    "thematic-spaced": "- - -",
    "indented-code": "    indented code",
    "tab-code": "\tcode after a tab",
    "heading": "# heading",
    "heading-2": "## heading",
    "blockquote": "> quoted",
    "bullet-dash": "- item",
    "bullet-star": "* item",
    "bullet-plus": "+ item",
    "ordered-dot": "1. first",
    "ordered-paren": "1) first",
    "table-pipes": "a | b | c",
    "table-row": "| a | b |",
    "code-span": "`code`",
    "code-fence": "```python",
    "tilde-fence": "~~~",
    "html-tag": "<b>bold</b>",
    "html-comment": "<!-- hidden -->",
    "entities": "&amp; &lt; &copy; &#42;",
    "inline-link": "[link](http://example.invalid)",
    "reference-definition": "[ref]: http://example.invalid",
    "image": "![image](x.png)",
    "autolink": "<http://example.invalid>",
    "emphasis-underscore": "_em_ and __strong__",
    "emphasis-star": "*em* and **strong**",
    "strikethrough": "~~struck~~",
    "backslashes": "back\\slash \\* \\",
    "trailing-spaces": "hard break follows  ",
    "trailing-backslash": "hard break\\",
    "setext-equals": "===",
    "setext-dashes": "--",
    "setext-after-text": "text\n===",
    "line-break": "one line\nanother line",
    "crlf": "one\r\n\r\ntwo",
    "paragraph-break": "one\n\n    two",
    "around-whitespace": "  leading and trailing  ",
    "braces": "{{ jinja }} {% raw %}",
    "number-dash": "-5 and 1.5",
    "ideographic-space": "\u3000全角の空白で始まる",
}

# Where a text goes, and how to put it there.
PLACES: dict[str, Callable[[dict[str, Any], str], None]] = {
    "good-remark": lambda doc, text: doc["categories"][0]["remarks"]["good"].__setitem__(0, text),
    "consider-remark": lambda doc, text: doc["categories"][0]["remarks"]["consider"].__setitem__(0, text),
    "category-name": lambda doc, text: doc["categories"][0]["name"].update(ja=text, en=text),
    "item-note": lambda doc, text: doc["categories"][0]["items"][0].__setitem__("note", text),
    "title": lambda doc, text: doc.__setitem__("title", text),
}

PLAIN = "plain words"
_PARSER = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
_EXAMPLE_DOC: dict[str, Any] = json.loads(EXAMPLE.read_text("utf-8"))


def literal(text: str) -> str:
    """What a value renders as: line breaks as one space, spaces and tabs around it dropped."""
    return re.sub(r"[ \t\f\v]*[\r\n]+[ \t\f\v]*", " ", text).strip(" \t\f\v")


def _render(place: str, text: str, lang: str = "en") -> list[Any]:
    doc = copy.deepcopy(_EXAMPLE_DOC)
    doc["categories"] = doc["categories"][:1]
    PLACES[place](doc, text)
    return list(_PARSER.parse(build_report(doc, lang=lang).markdown()))


def _blocks(tokens: list[Any]) -> list[tuple[str, str, int]]:
    return [(token.type, token.tag, token.nesting) for token in tokens if token.type != "inline"]


def _texts(tokens: list[Any]) -> list[str]:
    """The content of every inline token made only of text (no emphasis, code, link, HTML or break)."""
    return [
        "".join(child.content for child in token.children or [])
        for token in tokens
        if token.type == "inline" and all(child.type == "text" for child in token.children or [])
    ]


@pytest.fixture(scope="module")
def plain_blocks() -> dict[str, list[tuple[str, str, int]]]:
    """The block structure of the report with a plain text in each place."""
    return {place: _blocks(_render(place, PLAIN)) for place in PLACES}


@pytest.mark.parametrize("place", sorted(PLACES))
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_text_from_input_renders_literally(
    name: str, place: str, plain_blocks: dict[str, list[tuple[str, str, int]]]
) -> None:
    """A hostile text in any place makes no block of its own and comes back whole as one text node."""
    tokens = _render(place, HOSTILE[name])
    assert _blocks(tokens) == plain_blocks[place]
    expected = literal(HOSTILE[name])
    assert any(expected in text for text in _texts(tokens)), (expected, _texts(tokens))


def test_every_text_in_a_japanese_report_renders_literally() -> None:
    """The Japanese report keeps a remark that looks like Markdown as its literal text too."""
    for text in ("---", "    code", "> 引用", "1. 番号"):
        tokens = _render("good-remark", text, lang="ja")
        assert literal(text) in _texts(tokens)


def test_a_plain_value_is_written_as_it_is() -> None:
    """Escaping touches only what Markdown would read: plain words, numbers and rates stay readable."""
    for text in ("plain words", "2/2/2/0", "23.4%", "-5", "1.5", "多治見市"):
        assert markdown_escape(text) == text


def test_a_value_that_starts_a_block_has_its_mark_escaped() -> None:
    """A value that begins like a list item, thematic break or setext underline is escaped at its start."""
    assert [markdown_escape(text) for text in ("---", "- a", "+ a", "1. a", "1) a", "===")] == [
        "\\---",
        "\\- a",
        "\\+ a",
        "1\\. a",
        "1\\) a",
        "\\===",
    ]
