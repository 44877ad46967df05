"""Indicator services: readings that fill themselves from investment & return, the
dashboard's limit, undo, links and copies."""

import datetime
from decimal import Decimal as D

import pytest
from django.utils import timezone

from core.undo import UndoError
from customers.models import SegmentKind
from customers.services import add_segment, edit_segment
from indicators.models import Indicator, Link, Reading
from indicators.rules import MAX_ACTIVE
from indicators.services import (
    DashboardFull,
    Refused,
    add_indicator,
    delete_indicator,
    delete_reading,
    link,
    read_undo,
    record_investment_figures,
    restore_indicator,
    restore_reading,
    starter_indicator,
)
from investment.models import InvestmentLine
from investment.services import add_line, delete_line, edit_line, save_settings
from orgs.models import Organization
from studio.services import duplicate_canvas


def cost(canvas, by, amount, *, hidden=False):
    category = "sme_time" if hidden else "ld_payroll"
    line = InvestmentLine(category=category, hidden=hidden, label="Cost", amount=D(amount))
    return add_line(line=line, canvas=canvas, by=by)


def values(indicator):
    return list(indicator.readings.order_by("date").values_list("date", "value", "automatic"))


@pytest.fixture
def hidden_share(canvas, owner):
    return add_indicator(indicator=starter_indicator("hidden_share"), canvas=canvas, by=owner)


def test_figures_that_change_record_todays_reading_once_a_day(canvas, owner, hidden_share):
    today = canvas.organization.today()
    assert values(hidden_share) == []  # nothing invested yet: no figure to record
    cost(canvas, owner, 600)
    payroll = InvestmentLine.objects.get()
    assert values(hidden_share) == [(today, D("0.0"), True)]
    experts = cost(canvas, owner, 400, hidden=True)
    assert values(hidden_share) == [(today, D("40.0"), True)]  # today's, corrected
    edit_line(line=payroll, expected_version=1, changes={"label": "Payroll"}, by=owner)
    assert Reading.objects.get().version == 2  # the figure didn't move: nothing written
    delete_line(line=experts, expected_version=1, by=owner)
    assert values(hidden_share) == [(today, D("0.0"), True)]


def test_a_later_day_gets_a_reading_of_its_own_so_there_is_a_trend(
    canvas, owner, hidden_share, monkeypatch
):
    cost(canvas, owner, 500)
    cost(canvas, owner, 500, hidden=True)
    tomorrow = canvas.organization.today() + datetime.timedelta(days=1)
    monkeypatch.setattr(Organization, "today", lambda self: tomorrow)
    cost(canvas, owner, 1000, hidden=True)
    assert [value for _, value, _ in values(hidden_share)] == [D("50.0"), D("75.0")]


def test_headcounts_and_segments_move_the_cost_per_learner(canvas, owner):
    indicator = add_indicator(
        indicator=starter_indicator("cost_per_learner"), canvas=canvas, by=owner
    )
    cost(canvas, owner, 1000)
    assert values(indicator) == []  # no learners reached yet
    segment = add_segment(canvas=canvas, by=owner, name="Stores", kind=SegmentKind.LEARNERS)
    edit_segment(segment=segment, expected_version=1, changes={"headcount": 200}, by=owner)
    assert values(indicator)[-1][1] == D("5.00")
    save_settings(canvas=canvas, expected_version=1, changes={"learners_reached": 100}, by=owner)
    assert values(indicator)[-1][1] == D("10.00")
    assert len(values(indicator)) == 1


def test_staff_per_thousand_and_archived_indicators_keep_recording(canvas, owner):
    indicator = add_indicator(
        indicator=starter_indicator("staff_per_thousand"), canvas=canvas, by=owner
    )
    Indicator.objects.filter(pk=indicator.pk).update(archived_at=timezone.now())
    changes = {"employee_headcount": 4000, "ld_staff_headcount": D("8.5")}
    save_settings(canvas=canvas, expected_version=1, changes=changes, by=owner)
    assert values(indicator)[0][1] == D("2.13")


def test_the_hook_costs_one_query_without_indicators_that_fill_themselves(
    canvas, make_indicator, django_assert_num_queries
):
    make_indicator("Typed in by hand")
    with django_assert_num_queries(1):
        record_investment_figures(canvas=canvas, by=None)


def test_the_dashboard_holds_twelve_and_makes_room_only_with_one_of_its_own(
    canvas, owner, make_indicator, make_canvas
):
    active = [make_indicator(f"Indicator {n}") for n in range(MAX_ACTIVE)]
    elsewhere = make_indicator("Elsewhere", on=make_canvas("Other"))
    with pytest.raises(DashboardFull):
        add_indicator(indicator=starter_indicator("recommendations"), canvas=canvas, by=owner)
    with pytest.raises(DashboardFull):
        add_indicator(
            indicator=starter_indicator("recommendations"),
            canvas=canvas,
            by=owner,
            archive=elsewhere,
        )
    assert Indicator.objects.filter(canvas=canvas).count() == MAX_ACTIVE
    added = add_indicator(
        indicator=starter_indicator("recommendations"), canvas=canvas, by=owner, archive=active[0]
    )
    assert (
        added.is_active and Indicator.objects.filter(canvas=canvas).active().count() == MAX_ACTIVE
    )
    assert Indicator.objects.get(pk=active[0].pk).version == 2  # archiving is a change


def test_an_undone_delete_leaves_out_links_to_indicators_deleted_since(chain, owner):
    use, competence = chain["use"], chain["competence"]
    result = delete_indicator(indicator=use, expected_version=1, by=owner)
    delete_indicator(indicator=competence, expected_version=1, by=owner)
    canvas = use.canvas
    restored = restore_indicator(
        deleted=read_undo(result.undo_token, kind="indicator", canvas=canvas),
        canvas=canvas,
        by=owner,
    )
    assert restored.readings.count() == 2
    assert list(Link.objects.values_list("driver", "result")) == [
        (chain["satisfaction"].pk, use.pk)
    ]
    with pytest.raises(UndoError):
        restore_indicator(
            deleted=read_undo(result.undo_token, kind="indicator", canvas=canvas),
            canvas=canvas,
            by=owner,
        )


def test_an_indicator_undone_onto_a_full_dashboard_comes_back_archived(
    canvas, owner, make_indicator
):
    first = make_indicator("First")
    token = delete_indicator(indicator=first, expected_version=1, by=owner).undo_token
    for n in range(MAX_ACTIVE):
        make_indicator(f"Indicator {n}")
    restored = restore_indicator(
        deleted=read_undo(token, kind="indicator", canvas=canvas), canvas=canvas, by=owner
    )
    assert not restored.is_active
    assert Indicator.objects.get(pk=first.pk).archived_at is not None


def test_a_deleted_reading_cannot_come_back_over_a_new_one_for_its_day(chain, owner, read):
    use = chain["use"]
    reading = use.readings.order_by("date").last()
    token = delete_reading(reading=reading, expected_version=1, by=owner).undo_token
    read(use, 99, last=reading.date)
    with pytest.raises(UndoError, match="has a reading again"):
        restore_reading(
            deleted=read_undo(token, kind="reading", canvas=use.canvas), canvas=use.canvas, by=owner
        )


def test_links_stay_on_one_canvas_and_never_loop(chain, owner, make_indicator, make_canvas):
    elsewhere = make_indicator("Elsewhere", on=make_canvas("Other"))
    with pytest.raises(Refused, match="same canvas"):
        link(driver=chain["use"], result=elsewhere, by=owner)
    with pytest.raises(Refused, match="loop"):
        link(driver=chain["competence"], result=chain["satisfaction"], by=owner)
    with pytest.raises(Refused, match="already drives"):
        link(driver=chain["use"], result=chain["competence"], by=owner)
    assert Link.objects.count() == 2


def test_duplicating_a_canvas_copies_its_indicators_readings_and_links(chain, owner):
    copy = duplicate_canvas(canvas=chain["use"].canvas, by=owner)
    copied = {indicator.name: indicator for indicator in copy.indicators.all()}
    assert set(copied) == {"Learner satisfaction", "Voluntary use", "Time to competence"}
    assert values(copied["Voluntary use"]) == values(chain["use"])
    assert set(Link.objects.filter(driver__canvas=copy).values_list("driver", "result")) == {
        (copied["Learner satisfaction"].pk, copied["Voluntary use"].pk),
        (copied["Voluntary use"].pk, copied["Time to competence"].pk),
    }
