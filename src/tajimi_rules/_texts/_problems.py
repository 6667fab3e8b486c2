"""Problems found in documents (evaluations, rule sets, catalogs): one template per problem code."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import Table

TEXTS: Table = {}

PROBLEMS: Table = {}
