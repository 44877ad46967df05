"""Cost per learner, per segment: investment & return's figure, shown on the segment list."""

from decimal import Decimal

import pytest
from django.urls import reverse

from customers.models import SegmentKind
from investment.models import InvestmentLine, InvestmentSettings


def segments_page(client, canvas):
    return client.get(
        reverse(
            "segment_list", kwargs={"org_slug": canvas.organization.slug, "canvas_pk": canvas.pk}
        )
    ).content.decode()


@pytest.fixture
def investment(canvas):
    return InvestmentLine.objects.create(
        canvas=canvas, category="ld_payroll", label="Team", amount=Decimal("48000")
    )


def test_learner_segments_show_their_share_of_the_investment(
    viewer, canvas, make_segment, investment, client_for
):
    make_segment("Stores", headcount=1200)
    make_segment("Warehouses", headcount=400)
    make_segment("Managers", kind=SegmentKind.LINE_MANAGERS, headcount=90)
    body = segments_page(client_for(viewer), canvas)
    # 48,000 over 1,600 learners from the segments: 30 per learner.
    assert "cost per learner reached at <strong>€30.00</strong>" in body
    assert "1,600 learners, from the canvas&#x27;s learner segments" in body
    assert (
        "About <strong>€36,000.00</strong> of the investment reaches these 1,200 learners" in body
    )
    assert "About <strong>€12,000.00</strong> of the investment reaches these 400 learners" in body
    assert body.count('class="segment-cost"') == 2  # not for line managers


def test_a_hand_entered_learners_reached_wins(viewer, canvas, make_segment, investment, client_for):
    make_segment("Stores", headcount=1200)
    InvestmentSettings.objects.create(canvas=canvas, learners_reached=4800)
    body = segments_page(client_for(viewer), canvas)
    assert "<strong>€10.00</strong> (4,800 learners, entered by hand)" in body
    assert (
        "About <strong>€12,000.00</strong> of the investment reaches these 1,200 learners" in body
    )


def test_no_cost_figures_without_investment(viewer, canvas, make_segment, client_for):
    make_segment("Stores", headcount=1200)
    body = segments_page(client_for(viewer), canvas)
    assert "cost-summary" not in body
    assert "segment-cost" not in body


def test_fewer_learners_entered_by_hand_than_in_the_segments_share_the_investment(
    viewer, canvas, make_segment, investment, client_for
):
    make_segment("Stores", headcount=1200)
    make_segment("Warehouses", headcount=400)
    InvestmentSettings.objects.create(canvas=canvas, learners_reached=1000)
    body = segments_page(client_for(viewer), canvas)
    assert "<strong>€48.00</strong> (1,000 learners, entered by hand)" in body
    assert "The learner segments hold more people than that (1,600)" in body
    # Not 48 x 1,200 = 57,600 (more than the whole 48,000): a share by headcount.
    assert (
        "About <strong>€36,000.00</strong> of the investment reaches these 1,200 learners, "
        "at €30.00 per learner" in body
    )
    assert "About <strong>€12,000.00</strong> of the investment reaches these 400 learners" in body
