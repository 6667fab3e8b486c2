"""Synthetic national survey answers, for tests and benchmarks.

All 47 prefectures (real JIS X 0401 codes and names) and 1,741 municipalities, 1,788
bodies in all, each with a code whose check digit is valid. Every draw comes from one
:class:`random.Random` seeded by the caller, so a seed gives the same data every time.

Implementation is drawn per body and item on the logistic scale: an item's base rate (drawn
from a wide beta distribution, or given by the caller, e.g. the rates a document states),
shifted by a per-prefecture effect and a per-body effect, with prefectural governments
somewhat ahead of municipalities, and a small share of answers left blank. The answer texts
are drawn from the catalog's own vocabulary, so every spelling it lists is exercised.

>>> from tajimi_rules import load_catalog
>>> answers = synthetic_answers(load_catalog("r4"), seed=1)
>>> len(answers.bodies), sum(body.is_prefecture for body in answers.bodies)
(1788, 47)
"""

from __future__ import annotations

import csv
import io
import math
import os
import random
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType
from typing import Any

from tajimi_rules.documents._jsonio import dumps
from tajimi_rules.documents._meaning import check_digit
from tajimi_rules.model import Answer, Catalog
from tajimi_rules.survey import PREFECTURES, Answers, Body
from tajimi_rules.survey._mapping import column_letters
from tajimi_rules.survey._xlsx import load_openpyxl

__all__ = [
    "MAX_BODY_NUMBER",
    "MUNICIPALITIES",
    "synthetic_answers",
    "synthetic_bodies",
    "write_long_csv",
    "write_wide_xlsx",
]

MUNICIPALITIES: Mapping[str, int] = MappingProxyType({
    "01": 179, "02": 40, "03": 33, "04": 35, "05": 25, "06": 35, "07": 59, "08": 44, "09": 25,
    "10": 35, "11": 63, "12": 54, "13": 62, "14": 33, "15": 30, "16": 15, "17": 19, "18": 17,
    "19": 27, "20": 77, "21": 42, "22": 35, "23": 54, "24": 29, "25": 19, "26": 26, "27": 43,
    "28": 41, "29": 39, "30": 30, "31": 19, "32": 19, "33": 27, "34": 23, "35": 19, "36": 24,
    "37": 17, "38": 20, "39": 34, "40": 60, "41": 20, "42": 21, "43": 45, "44": 18, "45": 26,
    "46": 43, "47": 41,
})  # fmt: skip
"""How many municipalities each prefecture has (1,741 in all, Tokyo's 23 special wards included)."""

_FIRST_MUNICIPALITY = 201


def _code(first_five: str) -> str:
    return first_five + str(check_digit(first_five))


MAX_BODY_NUMBER = 999
"""The highest body number a code can hold: a prefecture has at most 999 municipalities."""


def synthetic_bodies(scale: int = 1) -> tuple[Body, ...]:
    """The 1,788 bodies: per prefecture, the prefectural government then its municipalities.

    Prefectural governments have body number 000 (北海道 is ``010006``); municipalities are
    numbered from 201 upwards and named after their prefecture and number. ``scale`` > 1 gives
    each prefecture ``scale`` times its municipalities, numbered from 001, at most
    :data:`MAX_BODY_NUMBER` (so a large scale gives somewhat fewer than ``scale`` times the bodies).
    """
    bodies: list[Body] = []
    for prefecture_code, prefecture in PREFECTURES.items():
        bodies.append(Body(code=_code(prefecture_code + "000"), name=prefecture, prefecture=prefecture))
        first = _FIRST_MUNICIPALITY if scale == 1 else 1
        count = min(MUNICIPALITIES[prefecture_code] * scale, MAX_BODY_NUMBER + 1 - first)
        for number in range(first, first + count):
            bodies.append(
                Body(
                    code=_code(f"{prefecture_code}{number:03d}"),
                    name=f"{prefecture}第{number}団体",
                    prefecture=prefecture,
                )
            )
    return tuple(bodies)


def _logit(p: float) -> float:
    p = min(max(p, 0.005), 0.995)
    return math.log(p / (1 - p))


def synthetic_answers(
    catalog: Catalog,
    *,
    seed: int = 0,
    base_rates: Mapping[str, Fraction | float] | None = None,
    blank: float = 0.005,
    scale: int = 1,
) -> Answers:
    """Answers of all 1,788 bodies to every item of ``catalog``, deterministic from ``seed``.

    ``base_rates`` sets the rate an item is drawn around (by item id); other items draw
    theirs from Beta(1.1, 1.4). ``blank`` is the share of answers left blank. ``scale`` > 1
    answers for more municipalities per prefecture (see :func:`synthetic_bodies`).
    """
    rng = random.Random(seed)
    items = catalog.items
    given = base_rates or {}
    bases = [_logit(float(given[item.id])) if item.id in given else _logit(rng.betavariate(1.1, 1.4)) for item in items]
    spread = [rng.uniform(0.4, 1.2) for _ in items]
    prefecture_effect = {code: rng.gauss(0.0, 0.35) for code in PREFECTURES}
    bodies = synthetic_bodies(scale)
    rows: list[tuple[Answer, ...]] = []
    implemented, not_implemented, not_answered = (
        Answer.IMPLEMENTED,
        Answer.NOT_IMPLEMENTED,
        Answer.NOT_ANSWERED,
    )
    for body in bodies:
        lift = prefecture_effect[body.prefecture_code] + rng.gauss(0.0, 0.7)
        if body.is_prefecture:
            lift += 1.0
        row = []
        for base, width in zip(bases, spread, strict=True):
            if rng.random() < blank:
                row.append(not_answered)
                continue
            chance = 1.0 / (1.0 + math.exp(-(base + width * lift)))
            row.append(implemented if rng.random() < chance else not_implemented)
        rows.append(tuple(row))
    return Answers(catalog=catalog, bodies=bodies, answers=tuple(rows), file=None)


def _texts(answers: Answers, seed: int) -> tuple[random.Random, dict[Answer, tuple[str, ...]]]:
    vocabulary = answers.catalog.answers
    return random.Random(seed), {answer: vocabulary.texts(answer) for answer in Answer}


def write_long_csv(
    answers: Answers,
    path: str | os.PathLike[str],
    *,
    encoding: str = "utf-8",
    seed: int = 0,
    names: bool = True,
) -> Path:
    """Write ``answers`` as a long CSV (``code,item,answer[,name,prefecture]``).

    Each answer's text is drawn (from ``seed``) among the catalog's texts of its meaning.
    ``encoding`` may be ``"utf-8"``, ``"utf-8-sig"`` (with a byte-order mark) or ``"cp932"``.
    """
    rng, texts = _texts(answers, seed)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(("code", "item", "answer", "name", "prefecture") if names else ("code", "item", "answer"))
    item_ids = [item.id for item in answers.catalog.items]
    choice = rng.choice
    for body, row in zip(answers.bodies, answers.answers, strict=True):
        tail = (body.name, body.prefecture) if names else ()
        for item_id, answer in zip(item_ids, row, strict=True):
            writer.writerow((body.code, item_id, choice(texts[answer]), *tail))
    target = Path(path)
    target.write_bytes(out.getvalue().encode(encoding))
    return target


def write_wide_xlsx(
    answers: Answers,
    path: str | os.PathLike[str],
    mapping_path: str | os.PathLike[str],
    *,
    seed: int = 0,
) -> tuple[Path, Path]:
    """Write ``answers`` as a wide ``.xlsx`` like the published sheets, and its column mapping.

    Two header rows (category names, then item names), then one row per body: code (as a
    number, as spreadsheets keep it, so Hokkaido's codes lose their leading zero), name,
    prefecture, one answer per item (a blank answer is an empty cell). Needs openpyxl.
    """
    openpyxl = load_openpyxl()
    if openpyxl is None:
        raise ModuleNotFoundError("writing .xlsx needs openpyxl: pip install 'tajimi-rules[xlsx]'")
    rng, texts = _texts(answers, seed)
    catalog = answers.catalog
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("回答")
    sheet.append(["", "", "", *(category.name.ja for category in catalog.categories for _ in category.items)])
    sheet.append(["団体コード", "団体名", "都道府県名", *(item.name.ja for item in catalog.items)])
    choice = rng.choice
    for body, row in zip(answers.bodies, answers.answers, strict=True):
        cells: list[Any] = [int(body.code), body.name, body.prefecture]
        cells.extend(choice(texts[answer]) or None for answer in row)
        sheet.append(cells)
    target = Path(path)
    workbook.save(target)
    mapping = {
        "sheet": "回答",
        "first_row": 3,
        "code": "A",
        "name": "B",
        "prefecture": "C",
        "items": {column_letters(4 + index): item.id for index, item in enumerate(catalog.items)},
    }
    mapping_target = Path(mapping_path)
    mapping_target.write_text(dumps(mapping), encoding="utf-8")
    return target, mapping_target
