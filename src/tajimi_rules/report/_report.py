# ruff: noqa: PLC0415  (Jinja2, matplotlib and the suggestion search load only when a report is built)
"""Reports people read: every category's rating, why, what it would take to move up, in HTML or Markdown.

:func:`build_report` checks an evaluation, plans its improvements and gathers, for each
category, everything the source document shows (the rating, the 良い点 and 検討点) and what
the library adds (the explanation with its numbers, the smallest plans, the items the rating
rests on). :meth:`Report.html` renders one self-contained HTML file (charts embedded as data
URIs, no script, nothing loaded from the network); :meth:`Report.markdown` renders Markdown.
:func:`write_report` writes either, chosen by the file's extension, atomically.

Every text that comes from an input file is escaped: by Jinja2's autoescaping in HTML, and by
:func:`markdown_escape` in Markdown. Jinja2 and matplotlib are the ``report`` extra; they are
imported only when a report is rendered.

>>> from tajimi_rules import build_report
>>> report = build_report("examples/tajimi-r4.json", lang="ja")  # doctest: +SKIP
>>> len(report.categories), report.summary.disagree  # doctest: +SKIP
(16, 3)
"""

from __future__ import annotations

import base64
import os
import re
import tempfile
from collections.abc import Mapping, Sequence
from fractions import Fraction
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs

from .._fractions import format_fraction, format_percent
from .._version import __version__
from ..checks._check import CategoryCheck, CheckReport, check, item_level
from ..documents._loaders import resolve
from ..model import IMPLEMENTING_MOVES, Evaluation, Level, Rating
from ..rules._explain import Outcome
from ..rules._rules import RuleSet

if TYPE_CHECKING:
    import jinja2

    from ..suggestions._suggest import CategorySuggestions, SuggestionReport

__all__ = [
    "CategoryReport",
    "ItemRow",
    "Report",
    "ReportFormat",
    "ReportSummary",
    "build_report",
    "markdown_escape",
    "report_format",
    "write_report",
]

ReportFormat = Literal["html", "markdown"]
"""The formats a report is rendered in."""

_EXTENSIONS: Mapping[str, ReportFormat] = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
}

_EXTRA_HINT = "install the 'report' extra: pip install 'tajimi-rules[report]'"

# Labels of the report itself; every other text comes from the model's own .label(lang).
_TEXT: Mapping[str, Mapping[str, str]] = {
    "en": {
        "summary": "Ratings at a glance",
        "group": "group",
        "category": "category",
        "counts": "a/s/r/b",
        "n": "n",
        "rating": "rating",
        "stated": "stated",
        "agreement": "agreement",
        "agrees": "agrees",
        "differs": "differs",
        "not_stated": "not stated",
        "municipality": "Municipality",
        "survey": "Survey",
        "rule_set": "Rule set",
        "method": "How the ratings are computed",
        "levels_intro": "Each item is placed by two facts: does the body do it, and is it common nationally.",
        "grading": "An item is common when its {rate} implementation rate is {comparison} {threshold}.",
        "rate_national": "national",
        "rate_prefecture": "prefectural",
        "no_grading": "This rule set grades no items: the file's counts or stated levels are used.",
        "combine_first_match": "Rules are tried in order; the first whose condition holds gives the rating.",
        "combine_exclusive": (
            "Rules have no order: where rules of different ratings hold at once, there is no rating."
        ),
        "legend": "a = advanced, s = standard, r = needs review, b = behind, n = a+s+r+b.",
        "overview": "Overall",
        "overview_alt": "Share of items at each level and the rating of every category",
        "explanation": "Why this rating",
        "good": "Good points (良い点)",
        "consider": "Points to consider (検討点)",
        "from_items": "derived from the items, as the file states no remarks",
        "items": "Items",
        "item": "item",
        "level": "level",
        "implemented": "implemented",
        "national_rate": "national rate",
        "prefecture_rate": "prefectural rate",
        "common": "common nationally",
        "common_prefecture": "common in the prefecture",
        "levels_intro_prefecture": (
            "Each item is placed by two facts: does the body do it, and is it common in its prefecture."
        ),
        "chart_alt_prefecture": (
            "Items of {name} by implementation rate in the prefecture and whether they are implemented"
        ),
        "note": "note",
        "yes": "yes",
        "no": "no",
        "unknown": "—",
        "unnamed": "{count} more items are counted but not named in the file.",
        "plan": "Smallest improvement plan",
        "risks": "Items at risk",
        "no_risk": "No single item slipping would lower this rating.",
        "no_plan": "This is the best rating the rule set gives.",
        "caution": "Caution: the rules are not monotone here",
        "caution_text": (
            "Implementing one {source} item (→ {target}) would change {before} into {after}: "
            "{rating_after}, worse than today's {rating}."
        ),
        "chart_alt": "Items of {name} by national implementation rate and whether they are implemented",
        "unknown_counts": "Neither counts nor every item's level is known, so there is no rating.",
        "page": "page {page} of the source document",
        "generated": "Generated by tajimi-rules {version}.",
        "footer": "Every rating is recomputed from the counts with exact fractions; nothing here is a float.",
        "tally": "{total} categories: {agree} agree, {disagree} differ, {unrated} unrated, {unstated} not stated.",
        "contents": "Categories",
        "none_gap": "none (gap)",
        "none_overlap": "none (overlap)",
        "none_empty": "none (no items)",
        "none_unknown": "unknown counts",
    },
    "ja": {
        "summary": "立ち位置評価一覧",
        "group": "分類",
        "category": "カテゴリ",
        "counts": "先/普/検/遅",
        "n": "項目数",
        "rating": "算出した評価",
        "stated": "記載の評価",
        "agreement": "一致",
        "agrees": "一致",
        "differs": "不一致",
        "not_stated": "記載なし",
        "municipality": "団体",
        "survey": "調査",
        "rule_set": "規則集",
        "method": "評価の算出方法",
        "levels_intro": "各項目は、実施しているか、全国的に多く実施されているかの二つで位置づける。",
        "grading": "{rate}実施率が{threshold}{comparison}の項目を「{common}」とする。",
        "rate_national": "全国",
        "rate_prefecture": "県内",
        "no_grading": "この規則集は項目を格付けしない。ファイルの件数または記載の水準を用いる。",
        "combine_first_match": "規則を順に調べ、最初に条件が成り立つ規則の評価とする。",
        "combine_exclusive": "規則に順序はない。異なる評価の規則が同時に成り立つときは評価なしとする。",
        "legend": "先 = 先進的、普 = 普通、検 = 検討が必要、遅 = 遅れている、項目数 = 合計。",
        "overview": "全体",
        "overview_alt": "各評価項目の水準別の割合と評価",
        "explanation": "この評価になる理由",
        "good": "良い点",
        "consider": "検討点",
        "from_items": "ファイルに記述がないため、項目から作成",
        "items": "項目",
        "item": "項目",
        "level": "水準",
        "implemented": "実施",
        "national_rate": "全国実施率",
        "prefecture_rate": "県内実施率",
        "common": "全国的に多い",
        "common_prefecture": "県内で多い",
        "levels_intro_prefecture": "各項目は、実施しているか、県内で多く実施されているかの二つで位置づける。",
        "chart_alt_prefecture": "{name}の項目: 県内実施率と実施の有無",
        "note": "備考",
        "yes": "あり",
        "no": "なし",
        "unknown": "—",
        "unnamed": "ほかに{count}項目が件数に含まれるが、ファイルに項目名の記載がない。",
        "plan": "最小の改善案",
        "risks": "この評価を支える項目",
        "no_risk": "1項目の変化では評価は下がらない。",
        "no_plan": "規則集で最良の評価である。",
        "caution": "注意: ここでは規則が単調でない",
        "caution_text": (
            "「{source}」の1項目を実施する（→{target}）と {before} が {after} となり、"
            "評価は{rating_after}に下がる（現在は{rating}）。"
        ),
        "chart_alt": "{name}の項目: 全国実施率と実施の有無",
        "unknown_counts": "件数も全項目の水準も分からないため、評価はない。",
        "page": "原資料 {page} ページ",
        "generated": "tajimi-rules {version} で作成。",
        "footer": "評価はすべて件数から分数で厳密に算出している。浮動小数点数は使っていない。",
        "tally": "{total}カテゴリ: 一致 {agree}、不一致 {disagree}、評価なし {unrated}、記載なし {unstated}。",
        "contents": "カテゴリ一覧",
        "none_gap": "なし（空白域）",
        "none_overlap": "なし（重複）",
        "none_empty": "なし（項目0）",
        "none_unknown": "件数不明",
    },
}

_COMPARISON_TEXT = {
    "en": {"at_least": "at least", "more_than": "more than"},
    "ja": {"at_least": "以上", "more_than": "超"},
}


def markdown_escape(text: str) -> str:
    r"""``text`` made inert in Markdown: HTML characters as entities, Markdown punctuation escaped.

    Line breaks become spaces, so a value never starts a new block or table row, and a value
    that begins like a list item is escaped at its start.

    >>> print(markdown_escape("<b>*bold*</b> | x"))
    &lt;b&gt;\*bold\*&lt;/b&gt; \| x
    >>> print(markdown_escape("1. not a list"))
    1\. not a list
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"([\\`*_\[\]|#~!{}])", r"\\\1", text)
    text = re.sub(r"\s*[\r\n]+\s*", " ", text)
    return re.sub(r"^(\s*)(\d{0,9})([-+.)])(?=\s|$)", _escape_lead, text)


def _escape_lead(match: re.Match[str]) -> str:
    r"""A leading list marker made literal (``\\-``, ``1\\.``); a lone ``.`` or ``)`` needs nothing."""
    space, digits, mark = match.groups()
    if (mark in ".)") != bool(digits):
        return match.group(0)
    return f"{space}{digits}\\{mark}"


class _Markdown(str):
    """Markdown written by the report itself, inserted without escaping."""

    __slots__ = ()


def report_format(path: str | os.PathLike[str]) -> ReportFormat:
    """The format a report written to ``path`` takes, from its extension (``ValueError`` if unknown)."""
    suffix = Path(path).suffix.lower()
    try:
        return _EXTENSIONS[suffix]
    except KeyError:
        known = ", ".join(_EXTENSIONS)
        raise ValueError(f"a report file must end in one of {known}, not {suffix or 'no extension'!r}") from None


# --------------------------------------------------------------------------- the report's content


@attrs.frozen(kw_only=True)
class ItemRow:
    """One named item of a category, as the report lists it."""

    id: str
    name: str
    level: Level | None
    level_text: str
    implemented: str
    national_rate: str
    note: str
    rate: str = ""
    """The rate the rule set's grading goes by (national or prefectural), as the items table shows it."""


@attrs.frozen(kw_only=True)
class CategoryReport:
    """One category as the report shows it: every text already in the report's language."""

    check: CategoryCheck
    id: str
    anchor: str
    group: str
    name: str
    original_name: str | None
    """The Japanese name, where the report is in English and the name differs."""
    counts_text: str
    n: str
    rating_text: str
    stated_text: str
    agreement_text: str
    explanation: tuple[str, ...]
    good: tuple[str, ...]
    consider: tuple[str, ...]
    remarks_from_items: bool
    """Whether the 良い点 / 検討点 were derived from the items because the file states none."""
    items: tuple[ItemRow, ...]
    unnamed_items: int
    plans: tuple[str, ...]
    risks: tuple[str, ...]
    cautions: tuple[str, ...]
    page: int | None

    @property
    def rating(self) -> Rating | None:
        """The computed rating."""
        return self.check.rating

    @property
    def stated_rating(self) -> Rating | None:
        """The rating the file states."""
        return self.check.stated_rating

    @property
    def agrees(self) -> bool | None:
        """Whether computed and stated agree (``None`` where nothing is stated)."""
        return self.check.agrees

    @property
    def css(self) -> str:
        """The CSS class of the computed rating."""
        return self.rating.value if self.rating is not None else "none"


@attrs.frozen(kw_only=True)
class ReportSummary:
    """How the categories' computed ratings compare with the stated ones."""

    total: int
    agree: int
    disagree: int
    unrated: int
    unstated: int


@attrs.frozen(kw_only=True)
class Report:
    """A report on one evaluation under one rule set, in one language; render it with :meth:`html`."""

    evaluation: Evaluation
    rules: RuleSet
    lang: str
    check: CheckReport
    suggestions: SuggestionReport
    categories: tuple[CategoryReport, ...]
    summary: ReportSummary

    @property
    def title(self) -> str:
        """The evaluation's title, else the municipality's name."""
        return self.evaluation.title or self.evaluation.municipality.name

    def html(self, *, charts: bool = True, font: bool = True) -> str:
        """The report as one self-contained HTML document.

        ``charts``: embed the charts as PNG images. ``font``: embed the Japanese font, cut
        down to the characters the report uses, so it reads the same where no Japanese font
        is installed.
        """
        overview, per_category = _chart_uris(self) if charts else (None, {})
        template = _environment("html").get_template("report.html.j2")
        context = _context(self, overview, per_category)
        page = template.render(context, font=None)
        if not font:
            return page
        from ._charts import font_subset

        return template.render(context, font="data:font/ttf;base64," + _base64(font_subset(page)))

    def markdown(self) -> str:
        """The report as Markdown (no images: each category's items are listed in a table)."""
        return _environment("markdown").get_template("report.md.j2").render(_context(self, None, {}))

    def render(self, format: ReportFormat, *, charts: bool = True) -> str:
        """The report in ``format`` (``"html"`` or ``"markdown"``)."""
        return self.html(charts=charts, font=charts) if format == "html" else self.markdown()


def _base64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _suggestions(evaluation: Evaluation, rules: RuleSet) -> SuggestionReport:
    """Every category's smallest plans and the items its rating rests on."""
    from ..suggestions._suggest import suggest

    return suggest(evaluation, rules)


def build_report(
    evaluation: Evaluation | Mapping[str, Any] | str | os.PathLike[str],
    rules: RuleSet | str | os.PathLike[str] | Mapping[str, Any] | None = None,
    *,
    lang: str = "en",
) -> Report:
    """Check ``evaluation`` under ``rules`` and gather everything its report shows, in ``lang``.

    ``rules`` defaults to the evaluation's own ``rules`` id, else ``tajimi-r4``. Raises
    :class:`~tajimi_rules.InvalidDocumentError` for an invalid file, like :func:`~tajimi_rules.check`.
    """
    if lang not in _TEXT:
        raise ValueError(f"lang must be 'en' or 'ja', not {lang!r}")
    loaded, rule_set = resolve(evaluation, rules)
    checked = check(loaded, rule_set)
    planned = _suggestions(loaded, rule_set)
    by_id = {entry.category.id: entry for entry in planned.categories}
    categories = tuple(
        _category_report(entry, by_id.get(entry.category.id), rule_set, lang, index)
        for index, entry in enumerate(checked.categories)
    )
    summary = ReportSummary(
        total=len(checked.categories),
        agree=len(checked.agreements),
        disagree=len(checked.disagreements),
        unrated=len(checked.unrated),
        unstated=sum(1 for c in checked.categories if c.agrees is None),
    )
    return Report(
        evaluation=loaded,
        rules=rule_set,
        lang=lang,
        check=checked,
        suggestions=planned,
        categories=categories,
        summary=summary,
    )


def _rating_text(entry: CategoryCheck, lang: str) -> str:
    text = _TEXT[lang]
    if entry.rating is not None:
        return entry.rating.label(lang)
    if entry.explanation is None:
        return text["none_unknown"]
    return {
        Outcome.NO_RULE: text["none_gap"],
        Outcome.AMBIGUOUS: text["none_overlap"],
        Outcome.EMPTY: text["none_empty"],
    }.get(entry.explanation.outcome, text["none_gap"])


def _agreement_text(agrees: bool | None, lang: str) -> str:
    text = _TEXT[lang]
    if agrees is None:
        return text["not_stated"]
    return ("✓ " + text["agrees"]) if agrees else ("✗ " + text["differs"])


def _percent(rate: Fraction, lang: str = "en") -> str:
    return format_percent(rate, "約" if lang == "ja" else "≈")


def _labels(lang: str, rules: RuleSet) -> dict[str, str]:
    """The report's labels, naming the rate the grading goes by (national or prefectural)."""
    text = dict(_TEXT[lang])
    grading = rules.item_grading
    text["rate_column"] = text["national_rate"]
    if grading is not None and grading.rate == "prefecture":
        text["rate_column"] = text["prefecture_rate"]
        for key in ("levels_intro", "common", "chart_alt"):
            text[key] = text[f"{key}_prefecture"]
    return text


def _items(entry: CategoryCheck, rules: RuleSet, lang: str) -> tuple[ItemRow, ...]:
    text = _TEXT[lang]
    grading = rules.item_grading
    rows = []
    for item in entry.category.items:
        level = item_level(item, grading)
        basis = grading.rate_of(item.national_rate, item.prefecture_rate) if grading else item.national_rate
        implemented = item.implemented if item.implemented is not None else (level.implemented if level else None)
        rows.append(
            ItemRow(
                id=item.id,
                name=item.name.label(lang),
                level=level,
                level_text=level.label(lang) if level is not None else text["unknown"],
                implemented=text["unknown"] if implemented is None else text["yes" if implemented else "no"],
                national_rate=_percent(item.national_rate, lang) if item.national_rate is not None else text["unknown"],
                note=item.note or "",
                rate=_percent(basis, lang) if basis is not None else text["unknown"],
            )
        )
    return tuple(rows)


def _cautions(entry: CategoryCheck, rules: RuleSet, lang: str) -> tuple[str, ...]:
    """Implementing moves that would lower the rating: the rules' non-monotone spots, reported, not hidden."""
    counts, rating = entry.counts, entry.rating
    if counts is None or rating is None:
        return ()
    found = []
    for source, target in IMPLEMENTING_MOVES:
        if counts[source] == 0:
            continue
        after = counts.moved(source, target)
        rated = rules.rate(after)
        if rated is not None and rated.rank >= rating.rank:
            continue
        rating_after = rated.label(lang) if rated is not None else _TEXT[lang]["none_gap"]
        found.append(
            _TEXT[lang]["caution_text"].format(
                source=source.label(lang),
                target=target.label(lang),
                before=counts.short(),
                after=after.short(),
                rating_after=rating_after,
                rating=rating.label(lang),
            )
        )
    return tuple(found)


def _plans(entry: CategorySuggestions | None, lang: str) -> tuple[str, ...]:
    if entry is None:
        return ()
    lines = []
    for suggestion in entry.suggestions:
        target = suggestion.target.label(lang)
        if lang == "ja":
            head = f"{target}{'' if suggestion.exact else '以上'}へ"
        else:
            head = f"To {'' if suggestion.exact else 'at least '}{target}"
        lines.append(f"{head}: {suggestion.text(lang)}")
    return tuple(lines)


def _risks(entry: CategorySuggestions | None, lang: str) -> tuple[str, ...]:
    if entry is None or entry.rating is None:
        return ()
    if not entry.risks:
        return (_TEXT[lang]["no_risk"],)
    return tuple(risk.text(lang) for risk in entry.risks)


def _category_report(
    entry: CategoryCheck,
    planned: CategorySuggestions | None,
    rules: RuleSet,
    lang: str,
    index: int,
) -> CategoryReport:
    category = entry.category
    remarks = category.remarks
    good = tuple(remarks.good) if remarks is not None else ()
    consider = tuple(remarks.consider) if remarks is not None else ()
    from_items = remarks is None and planned is not None
    if from_items and planned is not None:
        good, consider = tuple(planned.good_points(lang)), tuple(planned.points_to_consider(lang))
    counts = entry.counts
    original = category.name.ja if lang == "en" and category.name.label(lang) != category.name.ja else None
    explanation = (
        tuple(entry.explanation.lines(lang)) if entry.explanation is not None else (_TEXT[lang]["unknown_counts"],)
    )
    named = len(category.items)
    return CategoryReport(
        check=entry,
        id=category.id,
        anchor=f"category-{index + 1}",
        group=category.group.label(lang),
        name=category.name.label(lang),
        original_name=original,
        counts_text=counts.short() if counts is not None else "?",
        n=str(counts.total) if counts is not None else "?",
        rating_text=_rating_text(entry, lang),
        stated_text=entry.stated_rating.label(lang) if entry.stated_rating is not None else "—",
        agreement_text=_agreement_text(entry.agrees, lang),
        explanation=explanation,
        good=good,
        consider=consider,
        remarks_from_items=from_items and bool(good or consider),
        items=_items(entry, rules, lang),
        unnamed_items=max(0, counts.total - named) if counts is not None else 0,
        plans=_plans(planned, lang) if entry.rating is None or entry.rating.rank < _best_rank(rules) else (),
        risks=_risks(planned, lang),
        cautions=_cautions(entry, rules, lang),
        page=category.source.page if category.source is not None else None,
    )


def _best_rank(rules: RuleSet) -> int:
    return max((rating.rank for rating in rules.ratings), default=-1)


# --------------------------------------------------------------------------- rendering


def _method(report: Report) -> dict[str, Any]:
    lang, rules = report.lang, report.rules
    text = _labels(lang, rules)
    grading = rules.item_grading
    if grading is None:
        grading_text = text["no_grading"]
    else:
        grading_text = text["grading"].format(
            rate=text["rate_prefecture" if grading.rate == "prefecture" else "rate_national"],
            comparison=_COMPARISON_TEXT[lang][grading.comparison.value],
            threshold=format_fraction(grading.threshold),
            common=text["common"],
        )
    levels = [
        (
            level,
            level.label(lang),
            text["yes"] if level.implemented else text["no"],
            text["yes"] if level.common else text["no"],
        )
        for level in Level
    ]
    return {
        "grading": grading_text,
        "combine": text[f"combine_{rules.combine.value}"],
        "rules": [(rule.rating, rule.rating.label(lang), rule.when.describe(lang)) for rule in rules.rules],
        "levels": levels,
    }


def _context(report: Report, overview: str | None, charts: Mapping[str, str]) -> dict[str, Any]:
    municipality = report.evaluation.municipality
    survey = report.evaluation.survey
    text = _labels(report.lang, report.rules)
    summary = report.summary
    return {
        "lang": report.lang,
        "t": text,
        "title": report.title,
        "municipality": municipality,
        "municipality_name": (
            f"{municipality.name} ({municipality.name_en})"
            if report.lang == "en" and municipality.name_en
            else municipality.name
        ),
        "survey": survey,
        "rules": report.rules,
        "method": _method(report),
        "categories": report.categories,
        "groups": _groups(report.categories),
        "tally": text["tally"].format(
            total=summary.total,
            agree=summary.agree,
            disagree=summary.disagree,
            unrated=summary.unrated,
            unstated=summary.unstated,
        ),
        "overview": overview,
        "charts": charts,
        "version": __version__,
        "generated": text["generated"].format(version=__version__),
        "md": _Markdown,
    }


def _groups(categories: Sequence[CategoryReport]) -> list[tuple[str, list[CategoryReport]]]:
    """Consecutive categories of the same group, as the source document lists them."""
    groups: list[tuple[str, list[CategoryReport]]] = []
    for category in categories:
        if groups and groups[-1][0] == category.group:
            groups[-1][1].append(category)
        else:
            groups.append((category.group, [category]))
    return groups


def _chart_uris(report: Report) -> tuple[str, dict[str, str]]:
    from ._charts import category_chart, data_uri, overview_chart

    overview = data_uri(overview_chart(report.check, lang=report.lang))
    per_category = {
        category.anchor: data_uri(category_chart(category.check, report.rules, lang=report.lang))
        for category in report.categories
        if category.check.counts is not None or category.items
    }
    return overview, per_category


def _template_source(name: str) -> str:
    return files("tajimi_rules").joinpath("templates", name).read_text("utf-8")


def _markdown_finalize(value: object) -> str:
    """Every ``{{ value }}`` of a Markdown template is escaped unless the template marks it as its own."""
    if value is None:
        return ""
    if isinstance(value, _Markdown):
        return str(value)
    return markdown_escape(str(value))


def _environment(kind: ReportFormat) -> jinja2.Environment:
    try:
        import jinja2
    except ImportError as error:  # pragma: no cover - exercised where the extra is missing
        raise ImportError(f"reports need Jinja2: {_EXTRA_HINT}") from error

    loader = jinja2.FunctionLoader(lambda name: (_template_source(name), None, lambda: True))
    if kind == "html":
        return jinja2.Environment(
            loader=loader,
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
    # Markdown is not HTML: autoescaping would not escape Markdown syntax, so every value goes
    # through markdown_escape instead (finalize runs on each {{ }} expression's result).
    return jinja2.Environment(
        loader=loader,
        autoescape=False,  # noqa: S701
        finalize=_markdown_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


# --------------------------------------------------------------------------- writing


def _write_atomically(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` to ``path`` so that readers see the old file or the whole new one, never a part.

    The text goes to a temporary file in the same directory, is flushed to disk, then renamed
    over ``path``. On any failure the temporary file is removed and ``path`` is untouched.
    """
    target = Path(path)
    data = text.encode("utf-8")
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def write_report(
    evaluation: Evaluation | Mapping[str, Any] | str | os.PathLike[str],
    path: str | os.PathLike[str],
    rules: RuleSet | str | os.PathLike[str] | Mapping[str, Any] | None = None,
    *,
    lang: str = "en",
    charts: bool = True,
) -> Report:
    """Build the report on ``evaluation`` and write it to ``path``, HTML or Markdown by the extension.

    The whole report is rendered before anything is written, and the file is written
    atomically: a failure leaves no file (and an existing one unchanged). Returns the report.
    """
    format_ = report_format(path)
    report = build_report(evaluation, rules, lang=lang)
    _write_atomically(path, report.render(format_, charts=charts))
    return report
