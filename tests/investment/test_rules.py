"""A cost line's rules wherever it is saved: the model, the database, the admin, the page's form."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from investment.forms import CostType, InvestmentLineEditForm
from investment.models import InvestmentLine, InvestmentSettings, ReturnLine
from investment.services import add_line

# The model's own rule


def errors_of(line: InvestmentLine) -> dict:
    with pytest.raises(ValidationError) as caught:
        line.full_clean(exclude=["canvas"])
    return caught.value.message_dict


def test_a_line_with_an_amount_or_with_time_is_valid(canvas):
    InvestmentLine(canvas=canvas, category="travel", label="Trips", amount=D("5")).full_clean()
    InvestmentLine(
        canvas=canvas,
        category="sme_time",
        label="Experts",
        hours=D("2"),
        hourly_rate=D("40"),
        people=3,
    ).full_clean()


@pytest.mark.parametrize(
    "values, field, message",
    [
        ({"amount": D("5"), "hours": D("1")}, "amount", "not both"),
        ({}, "amount", "Enter an amount, or hours per person × hourly rate × people."),
        ({"hours": D("1"), "people": 2}, "hourly_rate", "Needed to cost this as time"),
        (
            {"hours": D("9999999"), "hourly_rate": D("99999"), "people": 9999999},
            NON_FIELD_ERRORS,
            "comes to more than 999,999,999,999.99",
        ),
    ],
)
def test_the_model_refuses_both_neither_or_part_of_the_time(canvas, values, field, message):
    line = InvestmentLine(canvas=canvas, category="travel", label="Trips", **values)
    errors = errors_of(line)
    assert any(message in text for text in errors[field]), errors


def test_a_field_that_failed_its_own_check_is_not_judged_twice(canvas):
    line = InvestmentLine(canvas=canvas, category="travel", label="Trips", amount=D("-5"))
    assert errors_of(line) == {"amount": ["Ensure this value is greater than or equal to 0."]}


def test_the_database_refuses_a_line_costed_both_ways_or_neither(canvas):
    for values in ({"amount": D("5"), "hours": D("1")}, {}, {"hours": D("1"), "people": 2}):
        with pytest.raises(IntegrityError), transaction.atomic():
            InvestmentLine.objects.create(canvas=canvas, category="travel", label="X", **values)


# The page's form


def test_the_form_reports_the_rule_once(canvas):
    line = InvestmentLine(canvas=canvas, category="travel", label="Trips", amount=D("5"))
    form = InvestmentLineEditForm(
        {"category": "travel", "cost_type": "auto", "label": "Trips", "version": "1"},
        instance=line,
    )
    assert not form.is_valid()
    assert form.errors == {
        "amount": ["Enter an amount, or hours per person × hourly rate × people."]
    }


@pytest.mark.parametrize(
    "category, hidden, choice",
    [
        ("travel", False, CostType.AUTO),
        ("sme_time", True, CostType.AUTO),
        ("travel", True, CostType.HIDDEN),
        ("sme_time", False, CostType.DIRECT),
    ],
)
def test_the_edit_form_starts_on_as_usual_when_the_flag_is_the_categorys(
    canvas, owner, category, hidden, choice
):
    line = add_line(
        line=InvestmentLine(category=category, hidden=hidden, label="L", amount=D("1")),
        canvas=canvas,
        by=owner,
    )
    assert InvestmentLineEditForm(instance=line)["cost_type"].value() == choice


def test_changing_the_category_of_an_as_usual_line_brings_the_new_default(
    editor, canvas, owner, client_for
):
    line = add_line(
        line=InvestmentLine(category="travel", label="Site visits", amount=D("900")),
        canvas=canvas,
        by=owner,
    )
    url = reverse(
        "investment_line_edit",
        kwargs={
            "org_slug": canvas.organization.slug,
            "canvas_pk": canvas.pk,
            "section": "costs",
            "line_pk": line.pk,
        },
    )
    client = client_for(editor)
    body = client.get(url).content.decode()
    assert '<option value="auto" selected>As usual for the category</option>' in body
    # Posting the form as it started, with only the category changed.
    prefix = f"cost-{line.pk}"
    data = {
        f"{prefix}-version": "1",
        f"{prefix}-category": "sme_time",
        f"{prefix}-cost_type": "auto",
        f"{prefix}-label": "Site visits",
        f"{prefix}-amount": "900",
    }
    assert client.post(url, data).status_code == 302
    line.refresh_from_db()
    assert line.category == "sme_time"
    assert line.hidden


# The admin


def admin_add(admin_client, **values):
    data = {
        "category": "sme_time",
        "cost_type": "auto",
        "label": "Experts teaching",
        "amount": "",
        "hours": "",
        "hourly_rate": "",
        "people": "",
        **values,
    }
    return admin_client.post(reverse("admin:investment_investmentline_add"), data)


def test_admin_add_takes_the_categorys_default_and_goes_at_the_end(admin_client, canvas, owner):
    add_line(
        line=InvestmentLine(category="travel", label="Trips", amount=D("12")),
        canvas=canvas,
        by=owner,
    )
    response = admin_add(admin_client, canvas=canvas.pk, amount="5000")
    assert response.status_code == 302, response.content.decode()
    line = InvestmentLine.objects.get(label="Experts teaching")
    assert line.hidden  # experts' time hides in other budgets
    assert line.position == 1


@pytest.mark.parametrize(
    "values, message",
    [
        ({"amount": "5000", "hours": "2"}, "not both"),
        ({}, "Enter an amount, or hours per person × hourly rate × people."),
        ({"hours": "2", "people": "3"}, "Needed to cost this as time"),
    ],
)
def test_admin_refuses_both_neither_or_part_of_the_time(admin_client, canvas, values, message):
    response = admin_add(admin_client, canvas=canvas.pk, **values)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert body.count(message) == 1
    assert not InvestmentLine.objects.exists()


def test_admin_shows_position_and_version_but_does_not_edit_them(admin_client, canvas, owner):
    line = add_line(
        line=InvestmentLine(category="travel", label="Trips", amount=D("12")),
        canvas=canvas,
        by=owner,
    )
    body = admin_client.get(
        reverse("admin:investment_investmentline_change", args=[line.pk])
    ).content.decode()
    assert 'name="position"' not in body
    assert 'name="version"' not in body
    assert 'name="canvas"' not in body  # a line stays on its canvas
    assert '<option value="auto" selected>As usual for the category</option>' in body
    add_body = admin_client.get(reverse("admin:investment_investmentline_add")).content.decode()
    assert 'name="canvas"' in add_body
    assert 'name="position"' not in add_body


def test_an_admin_change_makes_an_open_edit_on_the_page_conflict(
    admin_client, editor, canvas, owner, client_for
):
    line = add_line(
        line=InvestmentLine(category="travel", label="Trips", amount=D("12")),
        canvas=canvas,
        by=owner,
    )
    response = admin_client.post(
        reverse("admin:investment_investmentline_change", args=[line.pk]),
        {"category": "travel", "cost_type": "hidden", "label": "Trips by train", "amount": "15"},
    )
    assert response.status_code == 302, response.content.decode()
    line.refresh_from_db()
    assert line.version == 2
    assert line.hidden
    assert line.label == "Trips by train"
    assert line.position == 0
    url = reverse(
        "investment_line_edit",
        kwargs={
            "org_slug": canvas.organization.slug,
            "canvas_pk": canvas.pk,
            "section": "costs",
            "line_pk": line.pk,
        },
    )
    prefix = f"cost-{line.pk}"
    stale = {
        f"{prefix}-version": "1",
        f"{prefix}-category": "travel",
        f"{prefix}-cost_type": "auto",
        f"{prefix}-label": "Trips by plane",
        f"{prefix}-amount": "12",
    }
    response = client_for(editor).post(url, stale, HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    line.refresh_from_db()
    assert line.label == "Trips by train"


def test_admin_delete_closes_the_gap(admin_client, canvas, owner):
    first, second, third = (
        add_line(
            line=InvestmentLine(category="travel", label=label, amount=D("1")),
            canvas=canvas,
            by=owner,
        )
        for label in ("One", "Two", "Three")
    )
    response = admin_client.post(
        reverse("admin:investment_investmentline_delete", args=[second.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert list(InvestmentLine.objects.values_list("label", "position")) == [
        ("One", 0),
        ("Three", 1),
    ]


def test_admin_changes_to_return_lines_and_settings_are_new_versions(admin_client, canvas, owner):
    line = add_line(
        line=ReturnLine(kind="revenue", label="Wins", amount=D("30")), canvas=canvas, by=owner
    )
    response = admin_client.post(
        reverse("admin:investment_returnline_change", args=[line.pk]),
        {"kind": "revenue", "label": "Bigger wins", "amount": "40", "confidence": "80"},
    )
    assert response.status_code == 302, response.content.decode()
    line.refresh_from_db()
    assert line.version == 2
    assert line.position == 0
    settings = InvestmentSettings.objects.create(canvas=canvas, period_label="FY")
    response = admin_client.post(
        reverse("admin:investment_investmentsettings_change", args=[settings.pk]),
        {"period_label": "FY 2027", "period_is_year": "on"},
    )
    assert response.status_code == 302, response.content.decode()
    settings.refresh_from_db()
    assert settings.version == 2
    assert settings.period_label == "FY 2027"


# The migration that brought the rule


@pytest.mark.django_db(transaction=True)
def test_the_migration_settles_old_lines_without_changing_their_cost(canvas):
    executor = MigrationExecutor(connection)
    executor.migrate([("scorecard", "0003_investment")])
    try:
        old_apps = executor.loader.project_state([("scorecard", "0003_investment")]).apps
        Line = old_apps.get_model("scorecard", "InvestmentLine")
        common = {"canvas_id": canvas.pk, "category": "travel"}
        both = Line.objects.create(label="Both", amount=D("5"), hours=D("1"), **common)
        neither = Line.objects.create(label="Neither", **common)
        part = Line.objects.create(label="Part", hours=D("1"), people=2, **common)
        time = Line.objects.create(
            label="Time", hours=D("1"), hourly_rate=D("2"), people=3, **common
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    costs = {line.label: (line.amount, line.cost) for line in InvestmentLine.objects.all()}
    assert costs == {
        "Both": (D("5.00"), D("5.00")),
        "Neither": (D("0.00"), D("0.00")),
        "Part": (D("0.00"), D("0.00")),
        "Time": (None, D("6.00")),
    }
    assert InvestmentLine.objects.get(pk=both.pk).hours is None
    assert {neither.pk, part.pk, time.pk} <= set(
        InvestmentLine.objects.values_list("pk", flat=True)
    )
