"""Texts shared by every family: language names, and the labels of levels and ratings."""

from __future__ import annotations

# Not ``typing.TYPE_CHECKING``: importing typing costs the start-up of every command.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from . import Table

TEXTS: Table = {
    "lang.name": {"en": "English", "ja": "日本語"},
    "demo.items": {"en": "{count} {count:plural:item:items}", "ja": "{count}項目"},
    # Item levels, as the source document names them.
    "level.advanced": {"en": "advanced", "ja": "先進的"},
    "level.standard": {"en": "standard", "ja": "普通"},
    "level.needs_review": {"en": "needs review", "ja": "検討が必要"},
    "level.behind": {"en": "behind", "ja": "遅れている"},
    # Category ratings, as the source document names them.
    "rating.advanced": {"en": "advanced", "ja": "先進的"},
    "rating.good": {"en": "good", "ja": "良好"},
    "rating.partly_deficient": {"en": "partly deficient", "ja": "やや不備あり"},
    "rating.deficient": {"en": "deficient", "ja": "不備あり"},
    # A wrong argument to a public function (the exception's message, written in English).
    "argument.type": {
        "en": "{function}() argument {parameter} must be {expected}, not {found}",
        "ja": "{function}() の引数 {parameter} は {expected} でなければならない（渡されたのは {found}）",
    },
    "argument.value": {
        "en": "{function}() argument {parameter} must be {expected}, not {found}",
        "ja": "{function}() の引数 {parameter} は {expected} でなければならない（渡されたのは {found}）",
    },
    "argument.one_of": {"en": "one of {options}", "ja": "{options} のいずれか"},
    "argument.int_at_least": {"en": "an int of at least {minimum}", "ja": "{minimum} 以上の int"},
}

PROBLEMS: Table = {}
