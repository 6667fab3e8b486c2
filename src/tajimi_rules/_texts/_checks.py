"""Checking evaluations and comparing two of them: why an item changed level, and the diff's problem."""

from __future__ import annotations

# Not ``typing.TYPE_CHECKING``: importing typing costs the start-up of every command.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from . import Table

TEXTS: Table = {
    "checks.change.added": {"en": "answered only in the new evaluation", "ja": "新たに回答"},
    "checks.change.removed": {"en": "not answered in the new evaluation", "ja": "新しい評価に回答なし"},
    "checks.change.now_does": {"en": "the body now does it", "ja": "実施するようになった"},
    "checks.change.stopped": {"en": "the body no longer does it", "ja": "実施しなくなった"},
    # ``rates`` is " 2/5 → 1/2" or empty, ``limit`` " 1/2" or empty: each brings its own leading space.
    "checks.change.rate_reached": {
        "en": "the rate{rates} reached{limit}",
        "ja": "実施率{rates} が基準{limit} に達した",
    },
    "checks.change.rate_fell": {
        "en": "the rate{rates} fell below{limit}",
        "ja": "実施率{rates} が基準{limit} を下回った",
    },
    "checks.change.separator": {"en": "; ", "ja": "、"},
}

PROBLEMS: Table = {
    "diff.different_bodies": {
        "en": "the two evaluations are of different bodies",
        "ja": "二つの評価の団体が異なる",
    },
}
