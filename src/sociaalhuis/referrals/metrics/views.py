"""Referral figures: the loop metrics page (chart and table) and its XLSX export.

The authorization matrix lets the policy coordinator and the administrator in
(``referrals.metrics``). Only the administrator sees exact numbers; the policy
coordinator sees statistics only, so small counts are withheld (``metrics.visible_table``)
in the page, the chart and the spreadsheet alike.

The figures are counts, never a person, so reading or exporting them is not written to
the access log; the export is not cached anywhere on the way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from io import BytesIO
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from sociaalhuis.accounts.queries import workspace_of
from sociaalhuis.accounts.roles import Role
from sociaalhuis.core import tenancy
from sociaalhuis.referrals.metrics import figures as loop_metrics
from sociaalhuis.referrals.metrics import visibility
from sociaalhuis.referrals.metrics.figures import GROUPING_LABELS, FiguresFilter
from sociaalhuis.referrals.metrics.forms import FiguresFilterForm
from sociaalhuis.referrals.metrics.visibility import Kind, Shown, Table

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


HIDDEN_NOTE = gettext_noop(
    "“hidden”: a number withheld as well, because with the totals it would give a small "
    "number away."
)


def _day(day: date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def _describe(figures_filter: FiguresFilter) -> str:
    period = figures_filter.period
    return _("Referrals sent from %(start)s until %(end)s. Grouped by: %(grouping)s.") % {
        "start": _day(period.start),
        "end": _day(period.end),
        "grouping": GROUPING_LABELS[figures_filter.grouping],
    }


def _table(request: HttpRequest, figures_filter: FiguresFilter) -> Table:
    municipality = workspace_of(request).municipality
    total_label = (
        _("All of %(municipality)s") % {"municipality": municipality.name}
        if municipality is not None
        else _("All referrals")
    )
    # Someone who is also the administrator here may see the exact numbers.
    exact = tenancy.current().has_role(Role.MUNICIPALITY_ADMIN)
    return visibility.visible_table(
        loop_metrics.loop_figures(figures_filter), exact=exact, total_label=total_label
    )


def _filter_values(figures_filter: FiguresFilter) -> dict[str, str]:
    return {
        "date_from": figures_filter.period.start.strftime("%d/%m/%Y"),
        "date_to": figures_filter.period.end.strftime("%d/%m/%Y"),
        "grouping": figures_filter.grouping.value,
    }


def _filter_query(figures_filter: FiguresFilter) -> str:
    """The applied filter as a query string, so the export counts what the page shows."""
    return urlencode(_filter_values(figures_filter))


# --- The chart ------------------------------------------------------------------------------

# At most this many groups in the chart (the largest); the table below has them all.
CHART_GROUPS = 15
BAR_HEIGHT = 16
BAR_STEP = 20  # bar plus the gap below it
LABEL_HEIGHT = 22
GROUP_GAP = 14
# The longest bar takes this share of the width; the number is printed beside it.
LONGEST_BAR = 60.0
LABEL_CHARACTERS = 32  # fits a 360 px wide screen


@dataclass(frozen=True)
class ChartBar:
    series: str  # CSS modifier: sent, completed, declined
    y: int
    width: str  # a percentage for the SVG width attribute; "" when no bar is drawn
    text: str
    text_x: str
    text_y: int


@dataclass(frozen=True)
class ChartGroup:
    label: str
    label_y: int
    bars: list[ChartBar]


@dataclass(frozen=True)
class Chart:
    height: int
    groups: list[ChartGroup]
    bar_height: int
    left_out: int  # groups not drawn (beyond CHART_GROUPS)


def _series() -> list[tuple[str, str]]:
    return [
        # "Label: number", as the number may be the text "< 5" (no plural to agree with).
        ("sent", _("Sent: %(number)s")),
        ("completed", _("Completed: %(number)s")),
        ("declined", _("Declined: %(number)s")),
    ]


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"


def _percent(value: float) -> str:
    # SVG wants a dot, whatever the language of the page: never localised.
    return f"{value:.2f}%"


def chart_of(table: Table) -> Chart:
    """A horizontal bar chart of sent, completed and declined per group.

    Sizes are percentages of the chart's width, so the bars follow the screen and the
    text keeps its size. A withheld figure draws no bar, only its "< 5".
    """
    rows = table.rows[:CHART_GROUPS]
    series = _series()
    visible = [
        value
        for row in rows
        for key, _text in series
        if isinstance(value := row.cell(key).value, int | float)
    ]
    largest = max(visible, default=0) or 1
    groups = []
    step = LABEL_HEIGHT + len(series) * BAR_STEP + GROUP_GAP
    for index, row in enumerate(rows):
        top = index * step
        bars = []
        for position, (key, text) in enumerate(series):
            shown = row.cell(key)
            y = top + LABEL_HEIGHT + position * BAR_STEP
            width = 0.0
            if shown.value:
                width = max(LONGEST_BAR * float(shown.value) / largest, 0.5)
            bars.append(
                ChartBar(
                    series=key,
                    y=y,
                    width=_percent(width) if width else "",
                    text=text % {"number": shown.text},
                    text_x=_percent(width),
                    text_y=y + BAR_HEIGHT - 3,
                )
            )
        groups.append(ChartGroup(label=_short(row.label), label_y=top + 16, bars=bars))
    return Chart(
        height=max(len(rows) * step - GROUP_GAP, 0),
        groups=groups,
        bar_height=BAR_HEIGHT,
        left_out=max(len(table.rows) - CHART_GROUPS, 0),
    )


# The figures of the whole municipality shown above the chart.
HEADLINE = ("sent", "completed", "closure_rate", "median_days_to_acceptance")


# --- The page ---------------------------------------------------------------------------------


def _page(request: HttpRequest, form: FiguresFilterForm, *, status: int = 200) -> HttpResponse:
    figures_filter = form.to_filter()
    table = _table(request, figures_filter)
    invalid = form.is_bound and not form.is_valid()
    if not invalid:
        # Show the period that was counted, also where a date was left empty.
        form = FiguresFilterForm(initial=_filter_values(figures_filter))
    return render(
        request,
        "referrals/metrics.html",
        {
            "form": form,
            "invalid": invalid,
            "table": table,
            "chart": chart_of(table),
            "description": _describe(figures_filter),
            "headline": [
                (column.label, table.total.cell(column.key))
                for column in table.columns
                if column.key in HEADLINE
            ],
            "grouping_label": GROUPING_LABELS[figures_filter.grouping],
            "export_query": _filter_query(figures_filter),
            "small_text": visibility.SMALL_TEXT,
            "hidden_text": visibility.HIDDEN_TEXT,
            "hidden_note": HIDDEN_NOTE,
        },
        status=status,
    )


@require_GET
@never_cache
def metrics(request: HttpRequest) -> HttpResponse:
    return _page(request, FiguresFilterForm(request.GET or None))


# --- The spreadsheet --------------------------------------------------------------------------

NUMBER_FORMATS = {Kind.COUNT: "#,##0", Kind.RATE: "0.0%", Kind.DAYS: "0.0"}


def _put(sheet: Worksheet, row: int, column: int, value: Any, *, bold: bool = False) -> Cell:
    cell = sheet.cell(row=row, column=column)
    assert isinstance(cell, Cell)  # never a merged cell: this module merges none
    cell.value = value
    if isinstance(value, str):
        # Names come from partners: "=HYPERLINK(...)" must stay text, never a formula.
        cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
    return cell


def _put_shown(
    sheet: Worksheet, row: int, column: int, shown: Shown, *, bold: bool = False
) -> None:
    if shown.withheld:
        cell = _put(sheet, row, column, shown.withheld, bold=bold)
        cell.alignment = Alignment(horizontal="right")
        return
    value = shown.value
    if value is not None and shown.kind == Kind.DAYS:
        value = round(float(value), 1)
    cell = _put(sheet, row, column, value, bold=bold)
    cell.number_format = NUMBER_FORMATS[shown.kind]


def _sheet_title(title: str) -> str:
    # Excel: at most 31 characters, none of []:*?/\
    return "".join(char for char in title if char not in "[]:*?/\\")[:31]


def _widths(sheet: Worksheet, widths: list[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _notes(table: Table, municipality: str) -> list[str]:
    lines = [
        _("Referral figures"),
        _("Municipality: %(name)s") % {"name": municipality},
        _describe(table.figures_filter),
        _("Made on %(when)s")
        % {"when": date_format(timezone.localtime(), "SHORT_DATETIME_FORMAT")},
    ]
    if not table.exact:
        lines.append(
            _(
                "%(small)s: a number from 1 to 4, not shown so that no one can be recognised. "
                "%(hidden)s: a rate or median computed from such a number."
            )
            % {"small": visibility.SMALL_TEXT, "hidden": visibility.HIDDEN_TEXT}
        )
        lines.append(_(HIDDEN_NOTE))
    return lines


def _figures_sheet(sheet: Worksheet, table: Table, municipality: str) -> None:
    sheet.title = _sheet_title(_("Figures"))
    notes = _notes(table, municipality)
    for index, line in enumerate(notes, start=1):
        _put(sheet, index, 1, line, bold=index == 1)
    header = len(notes) + 2
    _put(sheet, header, 1, str(GROUPING_LABELS[table.figures_filter.grouping]), bold=True)
    for position, column in enumerate(table.columns, start=2):
        cell = _put(sheet, header, position, str(column.label), bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for offset, row in enumerate([*table.rows, table.total], start=1):
        _put(sheet, header + offset, 1, row.label, bold=row.is_total)
        for position, shown in enumerate(row.cells, start=2):
            _put_shown(sheet, header + offset, position, shown, bold=row.is_total)
    sheet.freeze_panes = f"B{header + 1}"
    _widths(sheet, [48] + [14] * len(table.columns))


def _reasons_sheet(sheet: Worksheet, table: Table) -> None:
    sheet.title = _sheet_title(_("Reasons per partner"))
    _put(sheet, 1, 1, _("Why referrals were declined or not completed"), bold=True)
    _put(sheet, 2, 1, _describe(table.figures_filter))
    headers = [
        _("Partner organisation"),
        _("Declined"),
        _("Not completed"),
        *(str(column.label) for column in table.reason_columns),
        _("Bottleneck: no capacity"),
    ]
    for position, text in enumerate(headers, start=1):
        cell = _put(sheet, 4, position, text, bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for offset, reason_row in enumerate(table.reason_rows, start=5):
        _put(sheet, offset, 1, reason_row.label)
        cells = [
            reason_row.declined,
            reason_row.not_completed,
            *(shown for _code, shown in reason_row.by_reason),
        ]
        for position, shown in enumerate(cells, start=2):
            _put_shown(sheet, offset, position, shown)
        _put(sheet, offset, len(headers), _("yes") if reason_row.bottleneck else "")
    sheet.freeze_panes = "B5"
    _widths(sheet, [48] + [14] * (len(headers) - 1))


def workbook_of(table: Table, municipality: str) -> bytes:
    book = Workbook()
    book.properties.creator = settings.SOCIAALHUIS_PLATFORM_NAME
    # A new workbook's active sheet is its one worksheet (openpyxl types it loosely).
    _figures_sheet(book.active, table, municipality)  # type: ignore[arg-type]
    _reasons_sheet(book.create_sheet(), table)
    output = BytesIO()
    book.save(output)
    return output.getvalue()


@require_GET
@never_cache
def metrics_xlsx(request: HttpRequest) -> HttpResponse:
    form = FiguresFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        # Export nothing else than what was asked: show the page with the message.
        return _page(request, form, status=400)
    table = _table(request, form.to_filter())
    workspace_municipality = workspace_of(request).municipality
    name = workspace_municipality.name if workspace_municipality else ""
    slug = workspace_municipality.slug if workspace_municipality else "municipality"
    response = HttpResponse(workbook_of(table, name), content_type=XLSX_TYPE)
    filename = f"referral-figures-{slug}-{timezone.localdate():%Y-%m-%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
