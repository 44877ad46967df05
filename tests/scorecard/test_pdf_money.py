"""The self-assessment PDF prints money and hours as a boardroom reader expects: whole
amounts from 10,000 up in its tables (core.formats.WHOLE_FROM), compact figures on page 1
("$3.2M"), hours without ".00", and no payback time beside an ROI that doesn't cover the
investment (investment.figures.payback_months)."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from canvas.models import Canvas
from investment.figures import InvestmentCategory as Category
from investment.figures import ReturnKind as Kind
from investment.models import InvestmentLine, InvestmentSettings, ReturnLine
from investment.services import add_line
from orgs.models import Membership, Organization
from scorecard.models import Question
from scorecard.services import (
    complete_assessment,
    ensure_default_question_set,
    record_answer,
    start_or_resume_assessment,
)
from tests.pdf_support import pdf_pages, squash

# The marker has pytest-django create the test database; the module's one PDF is built in
# a transaction of its own (`pages`), rolled back before the tests read it.
pytestmark = pytest.mark.django_db

# category, label, amount, or (hours per person, hourly rate, people); the costs add up to
# $3,201,754.83: $1,292,694.83 direct, $1,909,060.00 hidden (59.6%).
COSTS = (
    (Category.LD_PAYROLL, "Learning team payroll", "1234567.89", None),
    (Category.THIRD_PARTY, "Certification partner", "48250.40", None),
    (Category.TECHNOLOGY, "Tablet app licences", "9876.54", None),
    (Category.SME_TIME, "Floor buddies coaching new staff", None, ("30", "22.50", 1100)),
    (Category.LEARNER_TIME, "Associates' time off the floor", None, ("12", "21", 4200)),
    (Category.MANAGER_TIME, "Shift leads running huddles", None, ("26", "32", 130)),
)
# kind, label, amount, confidence: $2,399,385.67 counted, 75% of the investment, so the
# ROI is -25.1% and there is no payback within the year.
RETURNS = (
    (Kind.REVENUE, "Margin on add-on sales", "3000000", 50),
    (Kind.PRODUCTIVITY, "New staff productive sooner", "1108800", 80),
    (Kind.COST_AVOIDANCE, "Retired vendor courses", "12345.67", 100),
)


def build_assessment():
    """A completed assessment, in US dollars, of a canvas with the lines above."""
    org = Organization.objects.create(name="Acme Learning", slug="acme", currency="USD")
    owner = get_user_model().objects.create_user(username="owner", first_name="Owner")
    Membership.objects.create(user=owner, organization=org, role=Membership.Role.OWNER)
    canvas = Canvas.objects.create(
        organization=org, title="Acme Academy", created_by=owner, updated_by=owner
    )
    InvestmentSettings.objects.create(
        canvas=canvas, period_label="Fiscal year 2027", period_is_year=True, updated_by=owner
    )
    for category, label, amount, time in COSTS:
        hours, rate, people = time or (None, None, None)
        line = InvestmentLine(
            category=category,
            hidden=time is not None,
            label=label,
            amount=Decimal(amount) if amount else None,
            hours=Decimal(hours) if hours else None,
            hourly_rate=Decimal(rate) if rate else None,
            people=people,
        )
        add_line(line=line, canvas=canvas, by=owner)
    for kind, label, amount, confidence in RETURNS:
        line = ReturnLine(kind=kind, label=label, amount=Decimal(amount), confidence=confidence)
        add_line(line=line, canvas=canvas, by=owner)
    question_set = ensure_default_question_set()
    assessment, _ = start_or_resume_assessment(canvas=canvas, by=owner)
    for question in Question.objects.filter(area__question_set=question_set):
        record_answer(assessment=assessment, question=question, value=3, by=owner)
    complete_assessment(assessment=assessment, by=owner)
    return owner, assessment


@pytest.fixture(scope="module")
def pages(django_db_setup, django_db_blocker):
    """The PDF's pages as text, rendered once for the module; the data is rolled back."""
    # Only ever on a test database (the marker above has pytest-django create it): the
    # conftest's SQLite file test.sqlite3, or PostgreSQL's test_<name>.
    assert Path(str(connection.settings_dict["NAME"])).name.startswith("test")
    with django_db_blocker.unblock(), transaction.atomic():
        owner, assessment = build_assessment()
        client = Client()
        client.force_login(owner)
        url = reverse(
            "scorecard_pdf",
            kwargs={"org_slug": "acme", "canvas_pk": assessment.canvas_id, "pk": assessment.pk},
        )
        response = client.get(url)
        transaction.set_rollback(True)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return pdf_pages(response.content)


def amounts_with_cents(text: str) -> list[Decimal]:
    """Every dollar amount printed with cents, as a number."""
    return [
        Decimal(whole.replace(",", "") + "." + cents)
        for whole, cents in re.findall(r"\$(\d{1,3}(?:,\d{3})*)\.(\d\d)", text)
    ]


def test_table_amounts_from_10_000_up_print_without_cents(pages):
    text = squash(" ".join(pages))
    for amount in (
        "$1,234,568",  # 1,234,567.89, rounded half up
        "$48,250",  # 48,250.40
        "$742,500",  # 30 h × $22.50 × 1,100 people
        "$1,292,695",  # direct investment
        "$1,909,060",  # hidden investment
        "$3,201,755",  # total investment
        "$3,000,000(50%)$1,500,000",  # claimed (confidence), counted
        "$12,346",  # 12,345.67
        "$2,399,386",  # total return
        "-$802,369",  # net return
    ):
        assert squash(amount) in text, amount
    for cents in ("$1,234,567.89", "$48,250.40", "$3,201,754.83", "$12,345.67", "$742,500.00"):
        assert squash(cents) not in text, cents
    large = [amount for amount in amounts_with_cents(text) if abs(amount) >= 10_000]
    assert not large, large
    # Below 10,000 the cents stay: a line's amount, an hourly rate, the ratio.
    for amount in ("$9,876.54", "$22.50", "$21.00", "every $1.00 invested brings back $0.75"):
        assert squash(amount) in text, amount


def test_page_one_prints_compact_figures(pages):
    first = squash(pages[0])
    assert squash("Total investment $3.2M") in first
    assert squash("59.6% hidden in other budgets ($1.9M)") in first
    assert squash("Return $2.4M") in first
    assert "$3,201,75" not in first  # neither the amount in full nor with cents
    assert "$2,399,38" not in first


def test_hours_print_without_zero_decimals(pages):
    text = squash(" ".join(pages))
    for line in (
        "30 h × $22.50 × 1,100 people",
        "12 h × $21.00 × 4,200 people",
        "26 h × $32.00 × 130 people",
    ):
        assert squash(line) in text, line
    assert not re.search(r"\d\.00h×", text), re.findall(r"[\d.]+h×", text)


def test_a_negative_roi_prints_no_payback_beside_it(pages):
    """The year's return covers 75% of the investment: the ROI is -25.1%, and no page says
    when it "pays back", on page 1 beside the ROI or in the figures' table."""
    text = squash(" ".join(pages))
    assert squash("ROI -25.1%") in squash(pages[0])
    assert squash("Return on investment -25.1%") in text
    assert (
        squash(
            "Payback Does not pay back within the year: the year's confidence-adjusted return "
            "covers 75% of the investment."
        )
        in text
    )
    assert "paysback" not in text
