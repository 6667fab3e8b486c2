"""The what-if page: an evaluation's report in which items can be toggled and counts moved.

One self-contained HTML file: every category with its named items (a checkbox each, where the
rule set's grading can place the item), number fields for how many of the items the file only
counts are implemented (or given up), and the counts, rating and reason, all recomputed in the
page by the rule set compiled to JavaScript (:func:`~tajimi_rules.export.javascript_functions`).
Nothing is loaded from the network; the Content-Security-Policy allows no source but the page's
own inline script and style, named by their SHA-256 hashes.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
from collections.abc import Mapping
from typing import Any

from .._fractions import format_fraction, format_percent
from .._texts import Lang, text
from ..model import Evaluation, Level, Rating
from ..rules import RuleSet, Share
from ._bounds import shares_of
from ._compile import javascript_functions, js_literal
from ._workbook import MOVES, WhatIfCategory, plan

__all__ = ["interactive_page"]

_STYLE = """
body { font-family: "IPAexGothic", "Noto Sans CJK JP", sans-serif; margin: 2rem auto; max-width: 70rem;
  line-height: 1.5; color: #222; padding: 0 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: .5rem 0; } td, th { border: 1px solid #ccc; padding: .2rem .5rem; }
th { background: #f3f3f3; text-align: left; } .rating { font-weight: bold; }
.advanced { color: #0b6e4f; } .good { color: #1565c0; } .partly_deficient { color: #b26a00; }
.deficient { color: #b71c1c; } .none { color: #666; } .reason { font-family: monospace; white-space: pre-wrap; }
.moves label { display: inline-block; margin-right: 1.5rem; } input[type=number] { width: 4rem; }
"""

_SCRIPT = """
const DATA = __DATA__;
const T = DATA.texts;
const LEVELS = ["advanced", "standard", "needs_review", "behind"];

function levelOf(common, implemented) {
  if (implemented) return common ? "standard" : "advanced";
  return common ? "behind" : "needs_review";
}

function clause(share, numbers) {
  const [num, den, holds] = numbers;
  const mark = holds ? "\\u2713" : "\\u2717";
  const left = share.left + " = " + (den === 0 ? "0/0" : num + "/" + den) + " " + share.op + " " + share.threshold;
  return mark + " " + left + (den === 0 ? ": " + T.empty : "");
}

function reason(counts, result) {
  const short = LEVELS.map((level) => counts[level]).join("/");
  const n = LEVELS.reduce((sum, level) => sum + counts[level], 0);
  const rating = result.rating !== null ? T.ratings[result.rating] : T.none + " (" + T.outcomes[result.outcome] + ")";
  const lines = [T.headline.replace("{counts}", short).replace("{n}", n).replace("{rating}", rating)];
  for (const rule of result.rules) {
    const head = T.rule.replace("{number}", rule.index + 1).replace("{rating}", T.ratings[rule.rating]);
    const parts = rule.shares.map((numbers, k) => clause(DATA.shares[rule.index][k], numbers));
    lines.push("  " + (rule.holds ? "\\u2713 " : "\\u2717 ") + head + ": " + parts.join(T.and));
  }
  return lines.join("\\n");
}

function update(section) {
  const category = DATA.categories[Number(section.dataset.category)];
  const rating = section.querySelector(".rating");
  if (category.counted === null) {
    rating.textContent = T.unknown;
    rating.className = "rating none";
    return;
  }
  const counts = Object.fromEntries(LEVELS.map((level, i) => [level, category.counted[i]]));
  for (const row of section.querySelectorAll("tr[data-item]")) {
    const item = category.items[Number(row.dataset.item)];
    const box = row.querySelector("input");
    if (item.common === null || box === null) continue;
    const level = levelOf(item.common, box.checked);
    row.querySelector(".level").textContent = T.levels[level];
    counts[level] += 1;
  }
  for (const input of section.querySelectorAll("input[data-move]")) {
    const [source, target] = DATA.moves[Number(input.dataset.move)];
    const most = category.counted[LEVELS.indexOf(source)];
    const k = Math.max(0, Math.min(most, Math.floor(Number(input.value) || 0)));
    counts[source] -= k;
    counts[target] += k;
  }
  const result = explain(counts);
  section.querySelector(".counts").textContent = LEVELS.map((level) => counts[level]).join("/");
  section.querySelector(".n").textContent = LEVELS.reduce((sum, level) => sum + counts[level], 0);
  rating.textContent = result.rating !== null ? T.ratings[result.rating] : T.none;
  rating.className = "rating " + (result.rating ?? "none");
  rating.dataset.rating = result.rating ?? "";
  section.querySelector(".reason").textContent = reason(counts, result);
}

for (const section of document.querySelectorAll("section[data-category]")) {
  section.addEventListener("input", () => update(section));
  section.addEventListener("change", () => update(section));
  update(section);
}
document.body.dataset.ready = "true";
"""


def _digest(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def _level_sum(levels: tuple[Level, ...], lang: Lang) -> str:
    if levels == tuple(Level):
        return text("export.level.all", lang)
    names = [text(f"export.level.{level.value}", lang) for level in levels]
    return names[0] if len(names) == 1 else "(" + "+".join(names) + ")"


def _share_text(share: Share, lang: Lang) -> dict[str, str]:
    return {
        "left": f"{_level_sum(share.of, lang)}/{_level_sum(share.in_, lang)}",
        "op": share.comparison.math,
        "threshold": format_fraction(share.threshold),
    }


def _texts(lang: Lang) -> dict[str, Any]:
    return {
        "ratings": {rating.value: text(f"export.rating.{rating.value}", lang) for rating in Rating},
        "levels": {level.value: text(f"export.level.{level.value}", lang) for level in Level},
        "none": text("export.rating.none", lang),
        "unknown": text("export.page.unknown", lang),
        "outcomes": {name: text(f"export.page.outcome.{name}", lang) for name in ("empty", "no_rule", "ambiguous")},
        "headline": text("export.page.headline", lang, counts="{counts}", n="{n}", rating="{rating}"),
        "rule": text("export.page.rule", lang, number="{number}", rating="{rating}"),
        "empty": text("export.page.empty_denominator", lang),
        "and": text("export.page.and", lang),
    }


def _data(rules: RuleSet, categories: tuple[WhatIfCategory, ...], lang: Lang) -> dict[str, Any]:
    return {
        "texts": _texts(lang),
        "moves": [[source.value, target.value] for source, target in MOVES],
        "shares": [[_share_text(share, lang) for _, share in shares_of(rule.when)] for rule in rules.rules],
        "categories": [
            {
                "id": entry.category.id,
                "counted": list(entry.counted) if entry.counted is not None else None,
                "items": [{"id": item.item.id, "common": item.common} for item in entry.items],
            }
            for entry in categories
        ],
    }


def _category_html(index: int, entry: WhatIfCategory, stated: str, lang: Lang) -> list[str]:
    e = html.escape
    category = entry.category
    out = [
        f'<section data-category="{index}" id="{e(category.id)}">',
        f"<h2>{e(category.name.label(lang))}</h2>",
        "<table><tr>"
        f"<th>{e(text('export.page.counts', lang))}</th><th>{e(text('export.page.n', lang))}</th>"
        f"<th>{e(text('export.page.computed', lang))}</th><th>{e(text('export.page.stated', lang))}</th></tr>",
        '<tr><td class="counts"></td><td class="n"></td><td class="rating"></td>'
        f'<td class="stated">{e(stated)}</td></tr></table>',
    ]
    if entry.items:
        out.append(f"<h3>{e(text('export.page.named', lang))}</h3><table>")
        out.append(
            f"<tr><th>{e(text('export.whatif.item.item_name', lang))}</th>"
            f"<th>{e(text('export.whatif.item.implemented', lang))}</th>"
            f"<th>{e(text('export.whatif.item.national_rate', lang))}</th>"
            f"<th>{e(text('export.whatif.item.level', lang))}</th></tr>"
        )
        for number, item in enumerate(entry.items):
            checked = " checked" if item.implemented else ""
            box = (
                f'<input type="checkbox" aria-label="{e(item.item.name.label(lang))}"{checked}>'
                if item.common is not None
                else e(text(f"export.implemented.{'yes' if item.implemented else 'no'}", lang))
                if item.implemented is not None
                else "—"
            )
            rate = item.item.national_rate
            level = item.level
            out.append(
                f'<tr data-item="{number}" data-id="{e(item.item.id)}"><td>{e(item.item.name.label(lang))}</td>'
                f"<td>{box}</td><td>{e(format_percent(rate)) if rate is not None else '—'}</td>"
                f'<td class="level">{e(text(f"export.level.{level.value}", lang)) if level else "—"}</td></tr>'
            )
        out.append("</table>")
    counted = entry.counted
    if counted is not None and counted.total > 0:
        out.append(f'<h3>{e(text("export.page.counted", lang))}: {counted.short()}</h3><p class="moves">')
        for number, (source, target) in enumerate(MOVES):
            label = text(f"export.whatif.category.move_{source.value}_{target.value}", lang)
            out.append(
                f'<label>{e(label)} <input type="number" min="0" max="{counted[source]}" value="0" '
                f'data-move="{number}"></label>'
            )
        out.append("</p>")
    out += [f"<h3>{e(text('export.page.reason', lang))}</h3>", '<div class="reason"></div>']
    remarks = category.remarks
    for key, lines in (("good", remarks.good if remarks else ()), ("consider", remarks.consider if remarks else ())):
        if lines:
            out.append(f"<h3>{e(text(f'export.page.{key}', lang))}</h3><ul>")
            out += [f"<li>{e(line)}</li>" for line in lines]
            out.append("</ul>")
    out.append("</section>")
    return out


def interactive_page(
    evaluation: Evaluation | Mapping[str, Any] | str | os.PathLike[str],
    rules: RuleSet | str | os.PathLike[str] | Mapping[str, Any] | None = None,
    lang: Lang = "en",
) -> str:
    """The what-if page of ``evaluation`` under ``rules`` (default: the evaluation's own), in ``lang``.

    Raises :class:`~tajimi_rules.errors.InvalidDocumentError` for an invalid evaluation or a rule
    set that cannot be compiled to exact JavaScript.
    """
    loaded, rule_set, categories = plan(evaluation, rules)
    # One function scope: the compiled rule set first, then the page's own code; nothing global.
    data = _SCRIPT.replace("__DATA__", js_literal(_data(rule_set, categories, lang)))
    script = '(() => {\n"use strict";\n' + javascript_functions(rule_set) + data + "})();\n"
    policy = f"default-src 'none'; script-src {_digest(script)}; style-src {_digest(_STYLE)}"
    title = text("export.page.title", lang, title=loaded.title or loaded.municipality.name)
    e = html.escape
    body: list[str] = []
    for index, entry in enumerate(categories):
        stated = entry.category.stated_rating
        body += _category_html(index, entry, text(f"export.rating.{stated.value}", lang) if stated else "—", lang)
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{lang}"><head><meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{e(policy)}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{e(title)}</title><style>{_STYLE}</style></head><body>",
            f"<h1>{e(title)}</h1>",
            f"<p>{e(text('export.page.intro', lang, rules=rule_set.id))}</p>",
            *body,
            f"<script>{script}</script>",
            "</body></html>",
            "",
        ]
    )
