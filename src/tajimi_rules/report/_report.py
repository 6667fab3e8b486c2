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

>>> from tajimi_rules.report import build_report
>>> report = build_report("examples/tajimi-r4.json", lang="ja")  # doctest: +SKIP
>>> len(report.categories), report.summary.disagree  # doctest: +SKIP
(16, 3)
"""

from __future__ import annotations

import base64
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from fractions import Fraction
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs

from .._arguments import check_rule_set, check_type
from .._files import write_atomically
from .._fractions import format_fraction, format_percent
from .._limits import MAX_REPORT_CATEGORIES, SUGGEST_BUDGET, check_report
from .._texts import TABLE, is_lang, text
from .._version import __version__
from ..checks._check import CategoryCheck, CheckReport, check, item_level
from ..documents._loaders import resolve
from ..model import IMPLEMENTING_MOVES, Evaluation, Level, Name, Rating
from ..rules._explain import Outcome
from ..rules._rules import RuleSet

if TYPE_CHECKING:
    import jinja2

    from ..suggestions import CategorySuggestions, SuggestionReport

__all__ = [
    "CategoryReport",
    "ItemRow",
    "Report",
    "ReportFormat",
    "ReportSummary",
    "build_report",
    "markdown_escape",
    "report_format",
    "rule_set_title",
    "write_report",
]

ReportFormat = Literal["html", "markdown", "pdf"]
"""The formats a report is rendered in."""

_EXTENSIONS: Mapping[str, ReportFormat] = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".pdf": "pdf",
}

_EXTRA_HINT = "install the 'report' extra: pip install 'tajimi-rules[report]'"


class _Texts(Mapping[str, str]):
    """The report's own texts in one language: ``t[key]`` (or ``t.key`` in a template) and ``t(key, **fields)``.

    A key is a message id of the text table without its ``report.`` prefix. Where the rule set
    grades items by the prefectural rate, the keys that speak of the national rate (``rate_column``,
    ``levels_intro``, ``common``, ``chart_alt``) give the prefectural wording.
    """

    def __init__(self, lang: str, rules: RuleSet | None = None) -> None:
        grading = rules.item_grading if rules is not None else None
        prefectural = grading is not None and grading.rate == "prefecture"
        self._lang = lang
        self._ids = {"rate_column": "prefecture_rate" if prefectural else "national_rate"}
        if prefectural:
            self._ids.update({key: f"{key}_prefecture" for key in ("levels_intro", "common", "chart_alt")})

    @property
    def lang(self) -> str:
        """The language of these texts."""
        return self._lang

    def _message(self, key: str) -> str:
        return _PREFIX + self._ids.get(key, key)

    def __call__(self, key: str, /, **fields: Any) -> str:
        """The text ``key`` with its fields filled in."""
        return text(self._message(key), self._lang, **fields)

    def __getitem__(self, key: str) -> str:
        message = self._message(key)
        if message not in TABLE:
            raise KeyError(key)
        return text(message, self._lang)

    def __iter__(self) -> Iterator[str]:
        return iter(_KEYS)

    def __len__(self) -> int:
        return len(_KEYS)


_PREFIX = "report."
_KEYS = tuple(key.removeprefix(_PREFIX) for key in TABLE if key.startswith(_PREFIX) and key.count(".") == 1)


def markdown_escape(text: str) -> str:
    r"""``text`` made inert in Markdown: it renders as the literal text, inside whatever holds it.

    HTML characters become entities and every Markdown punctuation character that can open
    inline structure is escaped (emphasis, code, links and images, tables, headings). Line
    breaks become one space and the spaces and tabs around the value are dropped (Markdown
    would drop them, or read four of them as a code block and two at a line's end as a
    hard break), so a value never starts a block or a table row; other white space at either
    end (an ideographic space) is kept as a character reference. A value that begins like a
    block (``-``, ``+``, ``=``, ``1.``, ``1)``: a list item, a thematic break, a setext
    underline) has its first mark escaped.

    >>> print(markdown_escape("<b>*bold*</b> | x"))
    &lt;b&gt;\*bold\*&lt;/b&gt; \| x
    >>> print(markdown_escape("1. not a list"))
    1\. not a list
    >>> print(markdown_escape("---"))
    \---
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"([\\`*_\[\]|#~!{}])", r"\\\1", text)
    text = re.sub(r"[ \t\f\v]*[\r\n]+[ \t\f\v]*", " ", text).strip(" \t\f\v")
    # Other white space at either end (an ideographic space) is text: as a reference, no parser trims it.
    text = _EDGE_SPACE.sub(lambda match: f"&#x{ord(match[0]):X};", text)
    return _BLOCK_LEAD.sub(r"\1\\", text, count=1)


_EDGE_SPACE = re.compile(r"^\s|\s$")
# Where a backslash makes a line's start literal: before the mark of an ordered-list number
# ("1. "), a bullet ("- ", "+ "), or a line of "-" or "=" (a thematic break or setext underline).
_BLOCK_LEAD = re.compile(r"^(\d{1,9}(?=[.)](?:[ \t]|$))|(?=[-+](?:[ \t]|$))|(?=[-=][-= \t]*$))")


class _Markdown(str):
    """Markdown written by the report itself, inserted without escaping."""

    __slots__ = ()


def report_format(path: str | os.PathLike[str]) -> ReportFormat:
    """The format a report written to ``path`` takes, from its extension (``ValueError`` if unknown).

    A ``path`` that is no ``str`` or :class:`os.PathLike` raises :class:`TypeError`.
    """
    check_type(path, (str, os.PathLike), function="write_report", parameter="path", expected="a str or os.PathLike")
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
    prefecture_rate: str = ""
    """The rate in the prefecture, where the file gives it (shown beside a national grading rate)."""
    number: int = 0
    """The item's number in its category, as the category chart labels a dot where names would crowd."""


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
    """The exact trace: the headline, then every rule with its clauses and fractions."""
    reasons: tuple[str, ...] = ()
    """The explanation in sentences, with percentages (display only), one paragraph per rule."""
    good: tuple[str, ...]
    consider: tuple[str, ...]
    remarks_from_items: bool
    """Whether the 良い点 / 検討点 were derived from the items because the file states none."""
    items: tuple[ItemRow, ...]
    prefecture_column: bool
    """Whether the item table shows the prefecture rate beside the grading's (national) rate."""
    unnamed_items: int
    plans: tuple[str, ...]
    """Plans of the body's own actions only (implementing its items)."""
    outside: tuple[str, ...]
    """Where a target is out of reach of its own actions: what would have to change outside its control."""
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
        """The report in ``format`` as text (``"html"`` or ``"markdown"``; a PDF is :meth:`pdf`)."""
        if format == "pdf":
            raise ValueError("a PDF is bytes: use Report.pdf()")
        return self.html(charts=charts, font=charts) if format == "html" else self.markdown()

    def pdf(self, *, charts: bool = True) -> bytes:
        """The report as a paginated A4 PDF with page numbers, printed from :meth:`html` by headless Chromium.

        The Japanese font is always embedded, so the PDF reads the same everywhere. Raises
        :class:`~tajimi_rules.report.PdfError` where Chromium is missing or fails.
        """
        from ._pdf import print_pdf

        return print_pdf(self.html(charts=charts, font=True), lang=self.lang)


def _base64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _suggestions(evaluation: Evaluation, rules: RuleSet, budget: int) -> SuggestionReport:
    """Every category's smallest plans and the items its rating rests on."""
    from ..suggestions import suggest

    return suggest(evaluation, rules, budget=budget)


def build_report(
    evaluation: Evaluation | Mapping[str, Any] | str | os.PathLike[str],
    rules: RuleSet | str | os.PathLike[str] | Mapping[str, Any] | None = None,
    *,
    lang: str = "en",
    max_categories: int = MAX_REPORT_CATEGORIES,
    budget: int = SUGGEST_BUDGET,
) -> Report:
    """Check ``evaluation`` under ``rules`` and gather everything its report shows, in ``lang``.

    ``rules`` defaults to the evaluation's own ``rules`` id, else ``tajimi-r4``. Raises
    :class:`~tajimi_rules.InvalidDocumentError` for an invalid file, like :func:`~tajimi_rules.check`,
    and, before any work, for an evaluation of more than ``max_categories`` categories, one naming
    more items than a report holds, or one over the suggestions' bounds (``budget`` is their
    search budget; see ``docs/limits.md``).
    """
    if not is_lang(lang):
        raise ValueError(f"lang must be 'en' or 'ja', not {lang!r}")
    loaded, rule_set = resolve(evaluation, rules)
    check_report(len(loaded.categories), sum(len(c.items) for c in loaded.categories), max_categories)
    checked = check(loaded, rule_set)
    planned = _suggestions(loaded, rule_set, budget)
    by_id = {entry.category.id: entry for entry in planned.categories}
    t = _Texts(lang, rule_set)
    categories = tuple(
        _category_report(entry, by_id.get(entry.category.id), rule_set, t, index)
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


_NO_RATING = {Outcome.NO_RULE: "none_gap", Outcome.AMBIGUOUS: "none_overlap", Outcome.EMPTY: "none_empty"}


def _rating_text(entry: CategoryCheck, t: _Texts) -> str:
    if entry.rating is not None:
        return entry.rating.label(t.lang)
    if entry.explanation is None:
        return t["none_unknown"]
    return t[_NO_RATING.get(entry.explanation.outcome, "none_gap")]


def _agreement_text(agrees: bool | None, t: _Texts) -> str:
    if agrees is None:
        return t["not_stated"]
    return ("✓ " + t["agrees"]) if agrees else ("✗ " + t["differs"])


def _percent(rate: Fraction | None, t: _Texts) -> str:
    return format_percent(rate, t["approximately"]) if rate is not None else t["unknown"]


def _items(entry: CategoryCheck, rules: RuleSet, t: _Texts) -> tuple[ItemRow, ...]:
    lang, grading = t.lang, rules.item_grading
    rows = []
    for number, item in enumerate(entry.category.items, start=1):
        level = item_level(item, grading)
        basis = grading.rate_of(item.national_rate, item.prefecture_rate) if grading else item.national_rate
        implemented = item.implemented if item.implemented is not None else (level.implemented if level else None)
        rows.append(
            ItemRow(
                id=item.id,
                name=item.name.label(lang),
                level=level,
                level_text=level.label(lang) if level is not None else t["unknown"],
                implemented=t["unknown"] if implemented is None else t["yes" if implemented else "no"],
                national_rate=_percent(item.national_rate, t),
                note=item.note or "",
                rate=_percent(basis, t),
                prefecture_rate=_percent(item.prefecture_rate, t),
                number=number,
            )
        )
    return tuple(rows)


def _prefecture_column(entry: CategoryCheck, rules: RuleSet) -> bool:
    """A second rate column where the grading goes by the national rate and some item has a prefecture rate."""
    grading = rules.item_grading
    if grading is not None and grading.rate == "prefecture":
        return False
    return any(item.prefecture_rate is not None for item in entry.category.items)


def _cautions(entry: CategoryCheck, rules: RuleSet, t: _Texts) -> tuple[str, ...]:
    """Implementing moves that would lower the rating: the rules' non-monotone spots, reported, not hidden."""
    counts, rating, lang = entry.counts, entry.rating, t.lang
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
        found.append(
            t(
                "caution_text",
                source=source.label(lang),
                target=target.label(lang),
                before=counts.short(),
                after=after.short(),
                rating_after=rated.label(lang) if rated is not None else t["none_gap"],
                rating=rating.label(lang),
            )
        )
    return tuple(found)


def _plans(entry: CategorySuggestions | None, t: _Texts) -> tuple[str, ...]:
    if entry is None:
        return ()
    lang = t.lang
    return tuple(
        t("plan_exact" if suggestion.exact else "plan_at_least", target=suggestion.target.label(lang))
        + f": {suggestion.text(lang)}"
        for suggestion in entry.suggestions
    )


def _outside(entry: CategorySuggestions | None, t: _Texts) -> tuple[str, ...]:
    if entry is None:
        return ()
    lang = t.lang
    return tuple(
        t("plan_exact" if suggestion.exact else "plan_at_least", target=suggestion.target.label(lang)) + f": {line}"
        for suggestion in entry.suggestions
        for line in suggestion.outside(lang)
    )


def _risks(entry: CategorySuggestions | None, t: _Texts) -> tuple[str, ...]:
    if entry is None or entry.rating is None:
        return ()
    if not entry.risks:
        return (t["no_risk"],)
    return tuple(risk.text(t.lang) for risk in entry.risks)


def _category_report(
    entry: CategoryCheck,
    planned: CategorySuggestions | None,
    rules: RuleSet,
    t: _Texts,
    index: int,
) -> CategoryReport:
    category, lang = entry.category, t.lang
    remarks = category.remarks
    good = tuple(remarks.good) if remarks is not None else ()
    consider = tuple(remarks.consider) if remarks is not None else ()
    from_items = remarks is None and planned is not None
    if from_items and planned is not None:
        good, consider = tuple(planned.good_points(lang)), tuple(planned.points_to_consider(lang))
    counts = entry.counts
    explanation = tuple(entry.explanation.lines(lang)) if entry.explanation is not None else (t["unknown_counts"],)
    reasons = (
        tuple(entry.explanation.prose(lang, title=rule_set_title(rules, lang)))
        if entry.explanation is not None
        else (t["unknown_counts"],)
    )
    return CategoryReport(
        check=entry,
        id=category.id,
        anchor=f"category-{index + 1}",
        group=category.group.label(lang),
        name=category.name.label(lang),
        # The Japanese name beside a name shown in another language.
        original_name=_original(category.name, lang),
        counts_text=counts.short() if counts is not None else "?",
        n=str(counts.total) if counts is not None else "?",
        rating_text=_rating_text(entry, t),
        stated_text=entry.stated_rating.label(lang) if entry.stated_rating is not None else "—",
        agreement_text=_agreement_text(entry.agrees, t),
        explanation=explanation,
        reasons=reasons,
        good=good,
        consider=consider,
        remarks_from_items=from_items and bool(good or consider),
        items=_items(entry, rules, t),
        prefecture_column=_prefecture_column(entry, rules),
        unnamed_items=max(0, counts.total - len(category.items)) if counts is not None else 0,
        plans=_plans(planned, t) if _below_best(entry, rules) else (),
        outside=_outside(planned, t) if _below_best(entry, rules) else (),
        risks=_risks(planned, t),
        cautions=_cautions(entry, rules, t),
        page=category.source.page if category.source is not None else None,
    )


def rule_set_title(rules: RuleSet, lang: str) -> str:
    """The rule set's title in ``lang``: its Japanese title in Japanese, where it has one."""
    check_rule_set(rules, "rule_set_title")
    return Name(ja=rules.title_ja or rules.title, en=rules.title).label(lang)


def _below_best(entry: CategoryCheck, rules: RuleSet) -> bool:
    return entry.rating is None or entry.rating.rank < _best_rank(rules)


def _best_rank(rules: RuleSet) -> int:
    return max((rating.rank for rating in rules.ratings), default=-1)


# --------------------------------------------------------------------------- rendering


def _method(report: Report, t: _Texts) -> dict[str, Any]:
    lang, rules = report.lang, report.rules
    grading = rules.item_grading
    if grading is None:
        grading_text = t["no_grading"]
    else:
        grading_text = t(
            f"grading_{grading.rate}",
            comparison=t[f"comparison_{grading.comparison.value}"],
            threshold=format_fraction(grading.threshold),
        )
    levels = [
        (level, level.label(lang), t["yes" if level.implemented else "no"], t["yes" if level.common else "no"])
        for level in Level
    ]
    return {
        "grading": grading_text,
        "combine": t[f"combine_{rules.combine.value}"],
        "rules": [(rule.rating, rule.rating.label(lang), rule.when.describe(lang)) for rule in rules.rules],
        "levels": levels,
    }


def _context(report: Report, overview: str | None, charts: Mapping[str, str]) -> dict[str, Any]:
    municipality = report.evaluation.municipality
    t = _Texts(report.lang, report.rules)
    summary = report.summary
    # The English name, where there is one, follows the Japanese name in an English report.
    shown = f"{municipality.name} ({municipality.name_en})" if municipality.name_en else None
    return {
        "lang": report.lang,
        "t": t,
        "title": report.title,
        "municipality": municipality,
        "municipality_name": Name(ja=municipality.name, en=shown).label(report.lang),
        "survey": report.evaluation.survey,
        "rules": report.rules,
        "rules_title": rule_set_title(report.rules, report.lang),
        "method": _method(report, t),
        "categories": report.categories,
        "groups": _groups(report.categories),
        "tally": t(
            "tally",
            total=summary.total,
            agree=summary.agree,
            disagree=summary.disagree,
            unrated=summary.unrated,
            unstated=summary.unstated,
        ),
        "overview": overview,
        "charts": charts,
        "version": __version__,
        "generated": t("generated", version=__version__),
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
    from ._charts import category_chart, data_uri, has_category_chart, overview_chart, reworded_warnings

    # What matplotlib warns of (a glyph missing from the fonts) comes out as the project's own words.
    with reworded_warnings():
        overview = data_uri(overview_chart(report.check, lang=report.lang))
        # A category with no item of known rate gets no chart: it would only restate the counts,
        # which the summary table and the overview chart already show.
        per_category = {
            category.anchor: data_uri(category_chart(category.check, report.rules, lang=report.lang))
            for category in report.categories
            if has_category_chart(category.check, report.rules)
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


def _write_atomically(path: str | os.PathLike[str], text: str | bytes) -> Path:
    """Write ``text`` (UTF-8) or bytes to ``path`` whole: readers see the old file or the new one, never a part."""
    return write_atomically(path, text.encode("utf-8") if isinstance(text, str) else text)


def write_report(  # noqa: PLR0913 - keyword-only options, each with a default
    evaluation: Evaluation | Mapping[str, Any] | str | os.PathLike[str],
    path: str | os.PathLike[str],
    rules: RuleSet | str | os.PathLike[str] | Mapping[str, Any] | None = None,
    *,
    lang: str = "en",
    charts: bool = True,
    max_categories: int = MAX_REPORT_CATEGORIES,
    budget: int = SUGGEST_BUDGET,
) -> Report:
    """Build the report on ``evaluation`` and write it to ``path``: HTML, Markdown or PDF by the extension.

    The whole report is rendered (a PDF printed) before anything is written, and the file is
    written atomically: a failure leaves no file (and an existing one unchanged). Returns the report.
    ``max_categories`` and ``budget`` are the bounds of :func:`build_report`.
    """
    format_ = report_format(path)
    report = build_report(evaluation, rules, lang=lang, max_categories=max_categories, budget=budget)
    content = report.pdf(charts=charts) if format_ == "pdf" else report.render(format_, charts=charts)
    _write_atomically(path, content)
    return report


def _original(name: Name, lang: str) -> str | None:
    """The Japanese name, where the name shown in ``lang`` differs from it."""
    original = name.ja
    return None if name.label(lang) == original else original
