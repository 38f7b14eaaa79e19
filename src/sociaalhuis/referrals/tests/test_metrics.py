"""Referral figures: loop metrics per group, small counts withheld, the XLSX export.

A known set of referrals in Ronse (eight to the cast's partner, one to a colleague, a
draft and one sent long ago that do not count) and a few in Kortrijk that must never
be counted in Ronse.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from io import BytesIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from sociaalhuis.accounts.roles import Role
from sociaalhuis.directory.tests.factories import OrganisationFactory, ServiceFactory
from sociaalhuis.referrals.metrics import figures as metrics
from sociaalhuis.referrals.metrics.disclosure import Cell, Disclosure, State
from sociaalhuis.referrals.metrics.figures import (
    FiguresFilter,
    Grouping,
    LoopCounts,
    Period,
    loop_figures,
)
from sociaalhuis.referrals.metrics.visibility import SMALL_TEXT, Shown, Table, visible_table
from sociaalhuis.referrals.models import ReasonCode, Referral, ReferralStatus, TargetKind
from sociaalhuis.tenants.models import LifeDomain
from sociaalhuis.tenants.tests.factories import LifeDomainFactory
from sociaalhuis.testing import Cast, act_as
from sociaalhuis.testing.examples.referrals import make_referral

S = ReferralStatus
URL = "/referrals/figures/"
XLSX_URL = "/referrals/figures/export.xlsx"
BRUSSELS = ZoneInfo("Europe/Brussels")
ClientFor = Callable[..., Client]


def _day(n: float) -> timedelta:
    return timedelta(days=n)


@pytest.fixture
def base() -> datetime:
    """When the known referrals were sent: a month ago, well inside the last 12 months."""
    return timezone.now().replace(microsecond=0) - _day(30)


@pytest.fixture
def known(cast: Cast, base: datetime) -> dict[str, Any]:
    """The known set in Ronse, plus Kortrijk referrals that must not count there."""
    yesterday = timezone.localdate() - _day(1)
    # (status, accepted after days, closed after days, extra fields)
    partner: list[tuple[str, int | None, int | None, dict[str, Any]]] = [
        (S.COMPLETED, 1, 5, {"got_help": True}),
        (S.COMPLETED, 3, 9, {"got_help": False}),
        (S.DECLINED, None, 2, {"reason_code": ReasonCode.NO_CAPACITY}),
        (S.NOT_COMPLETED, 2, 10, {"reason_code": ReasonCode.NOT_REACHED}),
        (S.CANCELLED, None, 1, {"reason_code": ReasonCode.OTHER, "reason_text": "Moved"}),
        (S.SENT, None, None, {"response_due_on": yesterday}),  # overdue now
        (S.ACCEPTED, 4, None, {}),
        (S.IN_PROGRESS, 1, None, {}),
    ]
    for number, (status, accepted, closed, extra) in enumerate(partner, start=1):
        make_referral(
            cast,
            "ronse",
            reference=f"F2026-{number:04d}",
            status=status,
            sent_at=base,
            accepted_at=None if accepted is None else base + _day(accepted),
            closed_at=None if closed is None else base + _day(closed),
            **extra,
        )
    make_referral(
        cast,
        "ronse",
        reference="F2026-0009",
        status=S.COMPLETED,
        target_kind=TargetKind.COLLEAGUE,
        to_user=cast.user("ronse", Role.SOCIAL_WORKER),
        to_service=None,
        to_organisation=None,
        sent_at=base,
        accepted_at=base + _day(1),
        closed_at=base + _day(3),
        got_help=True,
    )
    # Never counted: a draft, and a referral sent before the period.
    make_referral(cast, "ronse", reference="F2026-0010", status=S.DRAFT)
    make_referral(
        cast,
        "ronse",
        reference="F2026-0011",
        status=S.COMPLETED,
        sent_at=base - _day(400),
        accepted_at=base - _day(399),
        closed_at=base - _day(390),
        got_help=True,
    )
    for number in range(1, 8):
        make_referral(
            cast,
            "kortrijk",
            reference=f"K2026-{number:04d}",
            status=S.COMPLETED,
            sent_at=base,
            accepted_at=base + _day(20),
            closed_at=base + _day(40),
            got_help=True,
        )
    return {"partner": cast.organisations["ronse"]}


def _figures(cast: Cast, **filter_args: Any) -> metrics.LoopFigures:
    with act_as(cast.user("ronse", Role.MUNICIPALITY_ADMIN), cast.ronse):
        return loop_figures(FiguresFilter(**filter_args))


def _group(figures: metrics.LoopFigures, key: Any) -> LoopCounts:
    return next(group.counts for group in figures.groups if group.key == key)


# --- The numbers ---------------------------------------------------------------------------


def test_counts_per_partner_and_for_the_municipality(cast: Cast, known: dict[str, Any]) -> None:
    figures = _figures(cast)
    partner = _group(figures, known["partner"].pk)
    assert partner == LoopCounts(
        sent=8,
        accepted=5,
        declined=1,
        completed=2,
        got_help=1,
        not_completed=1,
        cancelled=1,
        open=3,
        overdue=1,
        closed=5,
        median_days_to_acceptance=2.0,  # 1, 1, 2, 3, 4
        median_days_to_completion=7.0,  # 5, 9
    )
    within = _group(figures, None)
    assert (within.sent, within.completed, within.got_help, within.closed) == (1, 1, 1, 1)
    assert {group.label for group in figures.groups} == {
        known["partner"].name,
        "Within the Sociaal Huis (colleagues and cells)",
    }
    # The municipality's total: the draft, the old referral and Kortrijk do not count.
    total = figures.total
    assert (total.sent, total.accepted, total.completed, total.got_help, total.closed) == (
        9,
        6,
        3,
        2,
        6,
    )
    assert (total.declined, total.not_completed, total.cancelled, total.open, total.overdue) == (
        1,
        1,
        1,
        3,
        1,
    )


def test_loop_closure_rate_and_medians(cast: Cast, known: dict[str, Any]) -> None:
    figures = _figures(cast)
    assert _group(figures, known["partner"].pk).closure_rate == pytest.approx(5 / 8)
    assert figures.total.closure_rate == pytest.approx(6 / 9)
    # Acceptance after 1, 3, 2, 4, 1 (partner) and 1 (colleague) days; completion 5, 9, 3.
    assert figures.total.median_days_to_acceptance == pytest.approx(1.5)
    assert figures.total.median_days_to_completion == pytest.approx(5.0)
    assert LoopCounts().closure_rate is None


def test_other_groupings(cast: Cast, known: dict[str, Any]) -> None:
    by_kind = _figures(cast, grouping=Grouping.TARGET_KIND)
    assert {group.label: group.counts.sent for group in by_kind.groups} == {
        "A service of a partner organisation": 8,
        "A colleague": 1,
    }
    by_service = _figures(cast, grouping=Grouping.SERVICE)
    labels = {group.label: group.counts.sent for group in by_service.groups}
    assert labels[f"Voorbeelddienst {known['partner'].name} ({known['partner'].name})"] == 8
    by_domain = _figures(cast, grouping=Grouping.LIFE_DOMAIN)
    assert [(group.label, group.counts.sent) for group in by_domain.groups] == [
        ("No life domain", 9)
    ]


def test_a_referral_counts_by_the_day_it_was_sent_in_brussels(
    cast: Cast, client_for: ClientFor
) -> None:
    def sent(reference: str, day: date, hour: int, minute: int = 0) -> None:
        at = datetime(day.year, day.month, day.day, hour, minute, tzinfo=BRUSSELS)
        make_referral(cast, "ronse", reference=reference, sent_at=at)

    start, end = date(2025, 3, 1), date(2025, 3, 31)
    sent("P-before", start - _day(1), 23, 59)
    sent("P-first", start, 0, 1)
    sent("P-last", end, 23, 59)
    sent("P-after", end + _day(1), 0, 1)
    figures = _figures(cast, period=Period(start, end))
    assert figures.total.sent == 2
    client = client_for(cast.user("ronse", Role.MUNICIPALITY_ADMIN))
    response = client.get(URL, {"date_from": "01/03/2025", "date_to": "31/03/2025"})
    assert response.status_code == 200
    assert response.context["table"].total.cell("sent").value == 2
    assert "Referrals sent from 01/03/2025 until 31/03/2025" in response.text


def test_reasons_per_partner_mark_no_capacity_as_a_bottleneck(
    cast: Cast, known: dict[str, Any]
) -> None:
    figures = _figures(cast)
    (partner,) = figures.reasons
    assert (partner.label, partner.declined, partner.not_completed) == (
        known["partner"].name,
        1,
        1,
    )
    assert partner.by_reason == {ReasonCode.NO_CAPACITY: 1, ReasonCode.NOT_REACHED: 1}
    table = visible_table(figures, exact=True, total_label="All of Ronse")
    (row,) = table.reason_rows
    assert row.bottleneck
    assert dict(row.by_reason)[ReasonCode.NO_CAPACITY].value == 1
    # A cancellation is the sender's: it is not a reason of the partner.
    assert dict(row.by_reason)[ReasonCode.OTHER].value == 0


# --- Who sees what --------------------------------------------------------------------------


def _cells(table: Table, label: str) -> dict[str, str]:
    row = next(row for row in [*table.rows, table.total] if row.label == label)
    # Texts are formatted when read, in the active language (the request's has ended).
    with translation.override("en"):
        return {
            column.key: cell.text for column, cell in zip(table.columns, row.cells, strict=True)
        }


def test_the_administrator_sees_exact_numbers(
    cast: Cast, known: dict[str, Any], client_for: ClientFor
) -> None:
    client = client_for(cast.user("ronse", Role.MUNICIPALITY_ADMIN))
    response = client.get(URL)
    assert response.status_code == 200
    table: Table = response.context["table"]
    assert table.exact
    partner = _cells(table, known["partner"].name)
    assert partner["declined"] == "1"
    assert partner["completed"] == "2"
    assert partner["closure_rate"] == "62.5%"
    assert partner["median_days_to_completion"] == "7.0"
    within = _cells(table, "Within the Sociaal Huis (colleagues and cells)")
    assert (within["sent"], within["closure_rate"]) == ("1", "100.0%")
    assert _cells(table, "All of Ronse")["sent"] == "9"
    assert ">62.5%<" in response.text
    assert "&lt; 5" not in response.text
    assert "Bottleneck: no capacity" in response.text


def test_the_policy_coordinator_sees_small_counts_as_less_than_five(
    cast: Cast, known: dict[str, Any], client_for: ClientFor
) -> None:
    client = client_for(cast.user("ronse", Role.POLICY_COORDINATOR))
    response = client.get(URL)
    assert response.status_code == 200
    table: Table = response.context["table"]
    assert not table.exact
    partner = _cells(table, known["partner"].name)
    within = _cells(table, "Within the Sociaal Huis (colleagues and cells)")
    total = _cells(table, "All of Ronse")
    # One referral within the Sociaal Huis: "< 5". With only two groups, the partner's
    # 8 sent and 5 accepted and the municipality's 9 and 6 would give that one away
    # (9 - 8, 6 - 5): hidden too, and so are the rates computed from them.
    assert within["sent"] == within["accepted"] == "< 5"
    assert partner["sent"] == partner["accepted"] == "hidden"
    assert "hidden" in (total["sent"], partner["sent"])
    assert "“hidden”: a number withheld as well" in response.text
    assert _pinned(table) == []
    assert partner["open"] == "< 5"
    assert partner["declined"] == "< 5"
    assert partner["completed"] == "< 5"
    assert partner["cancelled"] == "< 5"
    # A rate of a hidden number of referrals would narrow that number down.
    assert partner["closure_rate"] == "hidden"
    # Based on 8 sent and 5 accepted: shown; on 2 completed: withheld.
    assert partner["median_days_to_acceptance"] == "2.0"
    assert partner["median_days_to_completion"] == "n < 5"
    # A group of one referral gives nothing away.
    assert set(within.values()) <= {"< 5", "n < 5", "0", "hidden"}
    assert within["closure_rate"] == "n < 5"
    assert total["completed"] == "< 5"
    # The small group comes last whatever its size, and no bar is drawn for a
    # withheld number.
    assert table.rows[-1].label.startswith("Within the Sociaal Huis")
    assert "&lt; 5" in response.text
    assert response.text.count("figures-chart__bar--sent") == 0
    assert response.text.count("figures-chart__bar--completed") == 0
    reasons = table.reason_rows[0]
    assert reasons.declined.text == "< 5"
    assert reasons.bottleneck


def test_the_order_of_small_groups_gives_nothing_away(cast: Cast) -> None:
    organisations = [
        OrganisationFactory.create(name=f"{letter} partner vzw", serves=[cast.ronse])
        for letter in "ABC"
    ]
    service = ServiceFactory.create(
        organisation=organisations[0], serves=[cast.ronse], name="Dienst"
    )
    for index, organisation in enumerate(organisations):
        for copy in range(index + 1):  # A: 1, B: 2, C: 3 referrals
            make_referral(
                cast,
                "ronse",
                reference=f"O-{index}-{copy}",
                to_service=service,
                to_organisation=organisation,
            )
    figures = _figures(cast)
    coordinator = visible_table(figures, exact=False, total_label="All")
    administrator = visible_table(figures, exact=True, total_label="All")
    assert [row.label for row in coordinator.rows] == [o.name for o in organisations]
    assert [row.label for row in administrator.rows] == [o.name for o in reversed(organisations)]


# --- The spreadsheet ------------------------------------------------------------------------


def _sheet_rows(sheet: Worksheet) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def _table_of(sheet: Worksheet) -> dict[str, dict[str, Any]]:
    """{row label: {column header: value}} from the figures sheet."""
    rows = _sheet_rows(sheet)
    header_index = next(index for index, row in enumerate(rows) if "Sent" in row)
    header = rows[header_index]
    return {
        row[0]: dict(zip(header[1:], row[1:], strict=True))
        for row in rows[header_index + 1 :]
        if row[0]
    }


def test_the_xlsx_withholds_small_counts_for_the_policy_coordinator(
    cast: Cast, known: dict[str, Any], client_for: ClientFor
) -> None:
    client = client_for(cast.user("ronse", Role.POLICY_COORDINATOR))
    response = client.get(XLSX_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    today = timezone.localdate()
    assert response["Content-Disposition"] == (
        f'attachment; filename="referral-figures-ronse-{today:%Y-%m-%d}.xlsx"'
    )
    assert "no-store" in response["Cache-Control"]
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["Figures", "Reasons per partner"]
    figures = _table_of(book["Figures"])
    partner = figures[known["partner"].name]
    assert partner["Sent"] == "hidden"  # 9 - 8 would give the other group's 1 away
    assert partner["Declined"] == "< 5"
    assert partner["Completed"] == "< 5"
    assert partner["Loop closed"] == "hidden"
    assert partner["Median days to acceptance"] == pytest.approx(2.0)
    assert partner["Median days to completion"] == "n < 5"
    within = figures["Within the Sociaal Huis (colleagues and cells)"]
    assert within["Sent"] == "< 5"
    assert figures["All of Ronse"]["Sent"] == "hidden"
    # No cell anywhere holds a withheld number.
    values = [value for row in _sheet_rows(book["Figures"]) for value in row]
    assert 1 not in values[values.index("Partner organisation") :]
    notes = " ".join(str(row[0]) for row in _sheet_rows(book["Figures"])[:6])
    assert "Municipality: Ronse" in notes
    assert "< 5: a number from 1 to 4" in notes
    assert "“hidden”: a number withheld as well" in notes
    reasons = _sheet_rows(book["Reasons per partner"])
    partner_reasons = next(row for row in reasons if row[0] == known["partner"].name)
    assert partner_reasons[1:3] == ("< 5", "< 5")
    assert partner_reasons[-1] == "yes"


def test_the_xlsx_has_exact_numbers_for_the_administrator(
    cast: Cast, known: dict[str, Any], client_for: ClientFor
) -> None:
    client = client_for(cast.user("ronse", Role.MUNICIPALITY_ADMIN))
    response = client.get(XLSX_URL, {"grouping": "partner"})
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    sheet = book["Figures"]
    figures = _table_of(sheet)
    partner = figures[known["partner"].name]
    assert (partner["Sent"], partner["Declined"], partner["Completed"]) == (8, 1, 2)
    assert partner["Median days to acceptance"] == pytest.approx(2.0)
    assert partner["Median days to completion"] == pytest.approx(7.0)
    rate_cell = next(
        cell
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, float) and cell.value == pytest.approx(0.625)
    )
    assert rate_cell.number_format == "0.0%"
    assert figures["All of Ronse"]["Sent"] == 9
    reasons = _sheet_rows(book["Reasons per partner"])
    header = reasons[3]
    partner_reasons = dict(
        zip(header, next(row for row in reasons if row[0] == known["partner"].name), strict=True)
    )
    assert partner_reasons["No capacity"] == 1
    assert partner_reasons["Could not contact the person"] == 1
    assert partner_reasons["Bottleneck: no capacity"] == "yes"


def test_names_in_the_xlsx_stay_text_never_a_formula(cast: Cast, client_for: ClientFor) -> None:
    evil = OrganisationFactory.create(
        name='=HYPERLINK("http://evil.test","x")', serves=[cast.ronse]
    )
    make_referral(
        cast,
        "ronse",
        reference="X-1",
        status=S.DECLINED,
        reason_code=ReasonCode.NO_CAPACITY,
        to_organisation=evil,
    )
    client = client_for(cast.user("ronse", Role.MUNICIPALITY_ADMIN))
    book = load_workbook(BytesIO(client.get(XLSX_URL).content))
    cells = [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value == evil.name
    ]
    assert len(cells) == 2  # the figures and the reasons
    assert {cell.data_type for cell in cells} == {"s"}


# --- Tenancy, access, bad input, queries --------------------------------------------------


def test_another_municipality_is_never_counted(
    cast: Cast, known: dict[str, Any], client_for: ClientFor
) -> None:
    ronse = client_for(cast.user("ronse", Role.MUNICIPALITY_ADMIN)).get(URL)
    assert ronse.context["table"].total.cell("sent").value == 9
    kortrijk = client_for(cast.user("kortrijk", Role.MUNICIPALITY_ADMIN)).get(URL)
    table = kortrijk.context["table"]
    assert table.total.cell("sent").value == 7
    assert [row.label for row in table.rows] == [cast.organisations["kortrijk"].name]
    assert cast.organisations["ronse"].name not in kortrijk.text
    assert cast.organisations["kortrijk"].name not in ronse.text
    assert Referral.unscoped.filter(municipality=cast.kortrijk).count() >= 7


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.RECEPTION, Role.PARTNER_WORKER])
def test_roles_without_the_figures_are_refused(
    cast: Cast, client_for: ClientFor, role: str
) -> None:
    client = client_for(cast.user("ronse", role))
    assert client.get(URL).status_code == 403
    assert client.get(XLSX_URL).status_code == 403


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"date_from": "31/12/2025", "date_to": "01/01/2025"}, "must not be before the start"),
        ({"date_from": "garbage"}, "Enter a valid date."),
        ({"date_to": "31/02/2025"}, "Enter a valid date."),
        ({"date_from": "01/01/1500"}, "Choose a date between 01/01/2000 and 31/12/2099."),
        ({"grouping": "nonsense"}, "Select a valid choice."),
    ],
)
def test_a_bad_filter_gets_a_clear_message(
    cast: Cast, known: dict[str, Any], client_for: ClientFor, query: dict[str, str], message: str
) -> None:
    client = client_for(cast.user("ronse", Role.POLICY_COORDINATOR))
    response = client.get(URL, query)
    assert response.status_code == 200
    assert message in response.text
    assert "Some filters could not be used" in response.text
    # The page still counts: the last 12 months per partner, and says so.
    assert response.context["table"].figures_filter.grouping == Grouping.PARTNER
    export = client.get(XLSX_URL, query)
    assert export.status_code == 400
    assert message in export.text


def test_only_a_start_date_counts_up_to_today(cast: Cast, client_for: ClientFor) -> None:
    client = client_for(cast.user("ronse", Role.MUNICIPALITY_ADMIN))
    response = client.get(URL, {"date_from": "01/01/2024", "grouping": "life_domain"})
    period = response.context["table"].figures_filter.period
    assert (period.start, period.end) == (date(2024, 1, 1), timezone.localdate())
    assert "No referrals were sent in this period." in response.text


def _spread(cast: Cast, size: int, prefix: str, base: datetime) -> None:
    """``size`` referrals over three partners, services and life domains."""
    organisations = [
        OrganisationFactory.create(name=f"Spread {n} vzw", serves=[cast.ronse]) for n in range(3)
    ]
    services = [
        ServiceFactory.create(organisation=o, serves=[cast.ronse], name=f"Dienst {o.name}")
        for o in organisations
    ]
    domains = [
        LifeDomainFactory.create(municipality=cast.ronse, code=f"{prefix}-{n}") for n in range(3)
    ]
    statuses = [S.SENT, S.ACCEPTED, S.COMPLETED, S.DECLINED, S.NOT_COMPLETED]
    for number in range(size):
        which = number % 3
        status = statuses[number % len(statuses)]
        make_referral(
            cast,
            "ronse",
            reference=f"{prefix}-{number:04d}",
            status=status,
            sent_at=base,
            accepted_at=base + _day(1) if status in (S.ACCEPTED, S.COMPLETED) else None,
            closed_at=base + _day(3) if status == S.COMPLETED else None,
            reason_code=ReasonCode.NO_CAPACITY if status == S.DECLINED else "",
            to_service=services[which],
            to_organisation=organisations[which],
            life_domain=domains[which],
        )


@pytest.mark.parametrize("grouping", [grouping.value for grouping in Grouping])
def test_a_fixed_number_of_queries_whatever_the_number_of_referrals(
    cast: Cast, client_for: ClientFor, base: datetime, grouping: str
) -> None:
    client = client_for(cast.user("ronse", Role.MUNICIPALITY_ADMIN))
    client.get(URL)  # the first request of a session settles its municipality
    counts = []
    for size, prefix in ((3, "Q3"), (30, "Q30")):
        _spread(cast, size, prefix, base)
        for url in (URL, XLSX_URL):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url, {"grouping": grouping})
            assert response.status_code == 200
            counts.append(len(captured.captured_queries))
    assert counts[0:2] == counts[2:4]


def test_the_figures_themselves_take_four_queries(
    cast: Cast, base: datetime, django_assert_num_queries: Any
) -> None:
    _spread(cast, 12, "N", base)
    for grouping in (Grouping.PARTNER, Grouping.SERVICE, Grouping.LIFE_DOMAIN):
        coordinator = cast.user("ronse", Role.POLICY_COORDINATOR)
        with (
            act_as(coordinator, cast.ronse),
            django_assert_num_queries(4),
        ):
            figures = loop_figures(FiguresFilter(grouping=grouping))
        assert figures.total.sent == 12
        assert figures.total.median_days_to_completion == pytest.approx(3.0)


def test_the_life_domains_of_another_municipality_never_show(
    cast: Cast, client_for: ClientFor, base: datetime
) -> None:
    wonen = LifeDomain.unscoped.get(municipality=cast.kortrijk, code="wonen")
    make_referral(cast, "kortrijk", reference="K-W-1", sent_at=base, life_domain=wonen)
    make_referral(cast, "ronse", reference="R-W-1", sent_at=base)
    query = {"grouping": "life_domain"}
    ronse = client_for(cast.user("ronse", Role.MUNICIPALITY_ADMIN))
    kortrijk = client_for(cast.user("kortrijk", Role.MUNICIPALITY_ADMIN))
    assert "Wonen-Kortrijk-only" not in ronse.get(URL, query).text
    assert "Wonen-Kortrijk-only" in kortrijk.get(URL, query).text
    ronse_book = load_workbook(BytesIO(ronse.get(XLSX_URL, query).content))
    kortrijk_book = load_workbook(BytesIO(kortrijk.get(XLSX_URL, query).content))
    assert "Wonen-Kortrijk-only" not in _table_of(ronse_book["Figures"])
    assert _table_of(kortrijk_book["Figures"])["Wonen-Kortrijk-only"]["Sent"] == 1


# --- No withheld count follows from the others by subtraction -------------------------------


def _table_of_figures(
    *groups: tuple[str, LoopCounts], total: LoopCounts, reasons: Sequence[Any] = ()
) -> Table:
    figures = metrics.LoopFigures(
        figures_filter=FiguresFilter(),
        groups=[metrics.Group(key=label, label=label, counts=c) for label, c in groups],
        total=total,
        reasons=list(reasons),
    )
    with translation.override("en"):
        return visible_table(figures, exact=False, total_label="All")


def _outcomes(sent: int, **outcomes: int) -> LoopCounts:
    closed = sum(v for k, v in outcomes.items() if k != "open")
    return LoopCounts(sent=sent, closed=closed, **outcomes)


def _reader(table: Table) -> Disclosure:
    """What a reader knows from the page as shown: its texts and the sums between them."""
    reader = Disclosure()

    def cell(key: Any, shown: Shown) -> None:
        state = {SMALL_TEXT: State.SMALL, "hidden": State.HIDDEN}.get(shown.withheld)
        number = shown.value if isinstance(shown.value, int) else 0
        reader.cells[key] = Cell(number, state or State.SHOWN)

    rows = [*table.rows, table.total]
    for row in rows:
        for key in ("sent", *metrics.OUTCOMES, "accepted"):
            cell((row.label, key), row.cell(key))
        rate, sent = row.cell("closure_rate"), row.cell("sent")
        known = isinstance(rate.value, float) and isinstance(sent.value, int)
        closed = round(rate.value * sent.value) if known else 0  # type: ignore[operator]
        reader.cells[(row.label, "closed")] = Cell(closed, State.SHOWN if known else State.UNSHOWN)
        reader.add_sum([(row.label, "sent")], [(row.label, k) for k in metrics.OUTCOMES])
        reader.add_sum(
            [(row.label, "closed")], [(row.label, k) for k in metrics.OUTCOMES if k != "open"]
        )
    for key in ("sent", *metrics.OUTCOMES, "accepted", "closed"):
        reader.add_sum([(table.total.label, key)], [(row.label, key) for row in table.rows])
    for reason_row in table.reason_rows:
        declined, not_completed = ("r", reason_row.label, "d"), ("r", reason_row.label, "n")
        cell(declined, reason_row.declined)
        cell(not_completed, reason_row.not_completed)
        for code, shown in reason_row.by_reason:
            cell(("r", reason_row.label, code), shown)
        reader.add_sum(
            [declined, not_completed], [("r", reason_row.label, c) for c, _ in reason_row.by_reason]
        )
    return reader


def _pinned(table: Table) -> list[Any]:
    return _reader(table).pinned()


def test_a_small_count_alone_in_a_column_cannot_be_worked_out_from_the_total() -> None:
    table = _table_of_figures(
        ("CAW", _outcomes(40, completed=30, open=10)),
        ("Huurdersbond", _outcomes(12, completed=6, open=6)),
        ("Uilenspel", _outcomes(3, completed=3)),
        total=_outcomes(55, completed=39, open=16),
    )
    uilenspel = next(row for row in table.rows if row.label == "Uilenspel")
    assert uilenspel.cell("sent").text == "< 5"
    # 55 - 40 - 12 would give it away: some of these are hidden with it.
    shown = [row.cell("sent").text for row in [*table.rows, table.total]]
    assert shown.count("hidden") >= 1
    assert _pinned(table) == []


def test_a_small_outcome_cannot_be_worked_out_from_the_row_or_the_rate() -> None:
    table = _table_of_figures(
        ("CAW", _outcomes(40, declined=2, completed=28, open=10)),
        ("Huurdersbond", _outcomes(40, declined=10, completed=20, open=10)),
        total=_outcomes(80, declined=12, completed=48, open=20),
    )
    caw = next(row for row in table.rows if row.label == "CAW")
    assert caw.cell("declined").text == "< 5"
    assert _pinned(table) == []


def test_two_small_counts_that_add_up_to_two_are_not_both_one() -> None:
    """The reviewer's case: 52 sent, 50 open, the rest two "< 5" (so 1 and 1)."""
    table = _table_of_figures(
        ("CAW", _outcomes(52, declined=1, completed=1, open=50)),
        ("Huurdersbond", _outcomes(60, completed=30, open=30)),
        total=_outcomes(112, declined=1, completed=31, open=80),
    )
    assert _pinned(table) == []


def test_a_hidden_count_of_at_least_five_does_not_give_its_partner_away() -> None:
    """56 sent, 50 open, "< 5" declined and "hidden" completed: 6 = 1 + 5."""
    table = _table_of_figures(
        ("CAW", _outcomes(56, declined=1, completed=5, open=50)),
        ("Huurdersbond", _outcomes(60, completed=30, open=30)),
        total=_outcomes(116, declined=1, completed=35, open=80),
    )
    assert _pinned(table) == []


def test_a_hidden_total_of_a_row_whose_outcomes_show_is_no_protection() -> None:
    """A (2 sent), B (10 sent, all cancelled), C and D (100 each)."""
    table = _table_of_figures(
        ("A", _outcomes(2, open=2)),
        ("B", _outcomes(10, cancelled=10)),
        ("C", _outcomes(100, completed=100)),
        ("D", _outcomes(100, completed=100)),
        total=_outcomes(212, cancelled=10, completed=200, open=2),
    )
    assert _pinned(table) == []


def test_reasons_that_add_up_to_a_small_gap_are_protected() -> None:
    partner = metrics.PartnerReasons(
        organisation_id=1,
        label="CAW",
        declined=8,
        not_completed=0,
        by_reason={"no_capacity": 4, "not_eligible": 4},
    )
    other = metrics.PartnerReasons(
        organisation_id=2,
        label="Huurdersbond",
        declined=30,
        not_completed=0,
        by_reason={"no_capacity": 28, "other": 2},
    )
    table = _table_of_figures(
        ("CAW", _outcomes(20, declined=8, completed=12)),
        ("Huurdersbond", _outcomes(40, declined=30, completed=10)),
        total=_outcomes(60, declined=38, completed=22),
        reasons=[partner, other],
    )
    assert _pinned(table) == []
    huurdersbond = next(row for row in table.reason_rows if row.label == "Huurdersbond")
    reasons_shown = dict(huurdersbond.by_reason)
    assert reasons_shown["other"].text == "< 5"
    # 30 - 28 would give it away: one of them is hidden with it.
    assert "hidden" in (reasons_shown["no_capacity"].text, huurdersbond.declined.text)


def test_the_administrator_sees_every_number_whatever_the_sums() -> None:
    figures = metrics.LoopFigures(
        figures_filter=FiguresFilter(),
        groups=[metrics.Group(key="CAW", label="CAW", counts=_outcomes(3, completed=3))],
        total=_outcomes(3, completed=3),
        reasons=[],
    )
    table = visible_table(figures, exact=True, total_label="All")
    assert table.rows[0].cell("sent").text == "3"
