"""The investment & return page and its fragments: htmx and plain posts, access, validation."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from investment.models import InvestmentLine, InvestmentSettings, ReturnLine
from investment.services import add_line, delete_line
from tests.helpers import HX, assert_htmx_partial, canvas_url


def page_url(canvas):
    return canvas_url("investment", canvas)


def add_url(canvas, section):
    return canvas_url("investment_line_add", canvas, section=section)


def line_url(name, line):
    section = "costs" if isinstance(line, InvestmentLine) else "returns"
    return canvas_url(name, line.canvas, section=section, line_pk=line.pk)


def cost_data(prefix="cost-new", **values):
    data = {
        "category": "ld_payroll",
        "cost_type": "auto",
        "label": "Team payroll",
        "amount": "1000",
    }
    data.update(values)
    return {f"{prefix}-{key}": value for key, value in data.items() if value is not None}


def return_data(prefix="return-new", **values):
    data = {
        "kind": "productivity",
        "label": "Faster onboarding",
        "amount": "3000",
        "confidence": "50",
    }
    data.update(values)
    return {f"{prefix}-{key}": value for key, value in data.items() if value is not None}


@pytest.fixture
def cost(canvas, owner):
    return add_line(
        line=InvestmentLine(category="ld_payroll", label="Team payroll", amount=D("1000")),
        canvas=canvas,
        by=owner,
    )


@pytest.fixture
def sme_cost(canvas, owner):
    return add_line(
        line=InvestmentLine(
            category="sme_time",
            hidden=True,
            label="Experts teaching",
            hours=D("10"),
            hourly_rate=D("50"),
            people=6,
        ),
        canvas=canvas,
        by=owner,
    )


@pytest.fixture
def benefit(canvas, owner):
    return add_line(
        line=ReturnLine(kind="revenue", label="More sales", amount=D("8000"), confidence=50),
        canvas=canvas,
        by=owner,
    )


# The page


def test_page_shows_lines_figures_and_roi(viewer, cost, sme_cost, benefit, client_for):
    response = client_for(viewer).get(page_url(cost.canvas))
    assert response.status_code == 200
    assert "HX-Request" in response["Vary"]
    body = response.content.decode()
    assert "Team payroll" in body
    assert "Experts teaching" in body
    assert "More sales" in body
    assert "10 h × €50.00 × 6 people" in body
    assert 'data-figure="total-investment">€4,000.00' in body
    assert 'data-figure="hidden">€3,000.00 <span class="muted">(75.0%)' in body
    assert 'data-figure="roi">0.0%' in body  # 4,000 back for 4,000 in
    assert 'data-figure="bcr">€1.00' in body
    assert "of €8,000.00 claimed" in body
    assert 'class="split-hidden" x="25.0" width="75.0"' in body
    # A viewer reads, but gets no editing controls.
    assert "Add a cost line" not in body
    assert "Delete" not in body


def test_a_return_a_cent_short_shows_as_not_covering_the_investment(
    viewer, canvas, owner, client_for
):
    add_line(
        line=InvestmentLine(category="ld_payroll", label="Payroll", amount=D("100000.00")),
        canvas=canvas,
        by=owner,
    )
    add_line(
        line=ReturnLine(kind="revenue", label="Sales", amount=D("99999.99")),
        canvas=canvas,
        by=owner,
    )
    body = client_for(viewer).get(page_url(canvas)).content.decode()
    assert 'class="roi-headline roi-negative"' in body
    assert 'data-figure="roi">0.0%' in body
    assert "-0.0%" not in body
    assert "does not yet cover the investment" in body
    assert 'data-figure="net-return">-€0.01' in body


def test_empty_page_explains_missing_figures(editor, canvas, client_for):
    body = client_for(editor).get(page_url(canvas)).content.decode()
    assert 'data-figure="roi">Not yet' in body
    assert "ROI isn&#x27;t defined until the investment is entered" in body
    assert "No cost lines yet." in body
    assert "No return lines yet." in body
    assert "Add a cost line" in body


def test_page_figures_as_htmx_fragment(viewer, cost, client_for):
    response = client_for(viewer).get(page_url(cost.canvas), headers=HX)
    assert_htmx_partial(response, "investment/investment.html#figures")
    assert "hx-swap-oob" not in response.content.decode()


def test_learners_reached_by_hand_wins_and_says_so(editor, canvas, cost, client_for, monkeypatch):
    monkeypatch.setattr("investment.services.learner_headcount", lambda canvas: 400)
    client = client_for(editor)
    body = client.get(page_url(canvas)).content.decode()
    assert '400 <span class="muted">(from the canvas&#x27;s learner segments)' in body
    assert 'data-figure="cost-per-learner">€2.50' in body
    InvestmentSettings.objects.create(canvas=canvas, learners_reached=250)
    body = client.get(page_url(canvas)).content.decode()
    assert '250 <span class="muted">(entered by hand)' in body
    assert 'data-figure="cost-per-learner">€4.00' in body


@pytest.mark.parametrize("lines", [1, 25])
def test_page_query_count_does_not_grow_with_lines(
    lines, editor, canvas, owner, client_for, django_assert_num_queries
):
    for n in range(lines):
        add_line(
            line=InvestmentLine(category="travel", label=f"Trip {n}", amount=D(n)),
            canvas=canvas,
            by=owner,
        )
        add_line(
            line=ReturnLine(kind="revenue", label=f"Win {n}", amount=D(n)), canvas=canvas, by=owner
        )
    InvestmentSettings.objects.create(canvas=canvas, learners_reached=100)
    client = client_for(editor)
    client.get(page_url(canvas))  # open once: the first request after logging in writes the session
    # session, user, membership, canvas, settings, cost lines, return lines
    with django_assert_num_queries(7):
        response = client.get(page_url(canvas))
    assert response.content.decode().count('class="line line-costs') == lines


# Access


@pytest.mark.parametrize(
    "who, status",
    [("owner", 200), ("editor", 200), ("viewer", 200), ("outsider", 404), (None, 302)],
)
def test_page_access(who, status, users, canvas, client_for):
    response = client_for(users.get(who)).get(page_url(canvas))
    assert response.status_code == status


@pytest.mark.parametrize("who, status", [("viewer", 403), ("outsider", 404), (None, 302)])
def test_only_editors_change_anything(who, status, users, cost, benefit, client_for):
    canvas = cost.canvas
    client = client_for(users.get(who))
    posts = [
        (add_url(canvas, "costs"), cost_data()),
        (add_url(canvas, "returns"), return_data()),
        (line_url("investment_line_edit", cost), cost_data(f"cost-{cost.pk}", version="1")),
        (line_url("investment_line_move", cost), {"direction": "down"}),
        (line_url("investment_line_delete", benefit), {}),
        (canvas_url("investment_line_restore", canvas), {"token": "x"}),
        (canvas_url("investment_settings", canvas), {"version": "1", "period_label": "FY"}),
    ]
    for target, data in posts:
        assert client.post(target, data).status_code == status, target
    assert client.get(line_url("investment_line_edit", cost)).status_code == status
    assert InvestmentLine.objects.count() == 1
    assert ReturnLine.objects.count() == 1
    assert not InvestmentSettings.objects.exists()


def test_viewer_htmx_change_is_a_message_not_a_swap(viewer, cost, client_for):
    response = client_for(viewer).post(add_url(cost.canvas, "costs"), cost_data(), headers=HX)
    assert response.status_code == 403
    assert response["HX-Retarget"] == "#messages"


def test_other_organizations_line_is_404(editor, cost, make_canvas, other_org, client_for):
    other = make_canvas(title="Theirs", organization=other_org)
    foreign = add_line(
        line=InvestmentLine(category="travel", label="T", amount=1), canvas=other, by=None
    )
    client = client_for(editor)
    wrong = reverse(
        "investment_line_edit",
        kwargs={
            "org_slug": cost.canvas.organization.slug,
            "canvas_pk": cost.canvas.pk,
            "section": "costs",
            "line_pk": foreign.pk,
        },
    )
    assert client.get(wrong).status_code == 404
    assert client.post(add_url(cost.canvas, "nonsense"), cost_data()).status_code == 404


# Adding


def test_add_cost_line_as_plain_post_redirects(editor, canvas, client_for):
    response = client_for(editor).post(add_url(canvas, "costs"), cost_data(label="  Payroll  "))
    line = InvestmentLine.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{page_url(canvas)}#costs-{line.pk}"
    assert line.label == "Payroll"
    assert line.amount == D("1000.00")
    assert not line.hidden
    assert line.updated_by == editor
    assert line.position == 0


def test_add_cost_line_with_htmx_appends_it_and_refreshes_figures(editor, cost, client_for):
    response = client_for(editor).post(
        add_url(cost.canvas, "costs"),
        cost_data(
            category="sme_time",
            label="Experts",
            amount=None,
            hours="2.5",
            hourly_rate="40",
            people="3",
        ),
        headers=HX,
    )
    assert_htmx_partial(response, "investment/investment.html#line_added")
    body = response.content.decode()
    line = InvestmentLine.objects.get(label="Experts")
    assert line.hidden
    assert line.position == 1
    assert line.cost == D("300.00")
    assert 'hx-swap-oob="beforeend:#lines-costs"' in body
    assert f'id="costs-{line.pk}"' in body
    assert (
        'id="investment-figures" aria-labelledby="figures-title" aria-live="polite" hx-swap-oob="true"'
        in body
    )
    assert 'data-figure="total-investment">€1,300.00' in body
    assert 'id="add-costs"' in body
    assert 'value="Experts"' not in body  # a fresh form


def test_direct_or_hidden_can_override_the_category(editor, canvas, client_for):
    client_for(editor).post(
        add_url(canvas, "costs"),
        cost_data(category="sme_time", cost_type="direct", label="Paid SME"),
    )
    client_for(editor).post(
        add_url(canvas, "costs"),
        cost_data(category="travel", cost_type="hidden", label="Site travel"),
    )
    assert not InvestmentLine.objects.get(label="Paid SME").hidden
    assert InvestmentLine.objects.get(label="Site travel").hidden


def test_add_return_line(editor, canvas, client_for):
    response = client_for(editor).post(add_url(canvas, "returns"), return_data(), headers=HX)
    assert_htmx_partial(response, "investment/investment.html#line_added")
    line = ReturnLine.objects.get()
    assert line.confidence == 50
    assert line.adjusted_amount == D("1500.00")
    assert 'data-figure="total-return">€1,500.00' in response.content.decode()


@pytest.mark.parametrize(
    "values, field, message",
    [
        ({"amount": "-5"}, "amount", "Can&#x27;t be negative."),
        (
            {"amount": None},
            "amount",
            "Enter an amount, or hours per person × hourly rate × people.",
        ),
        ({"hours": "3"}, "amount", "not both"),
        (
            {"amount": None, "hours": "3", "people": "2"},
            "hourly_rate",
            "Needed to cost this as time",
        ),
        ({"amount": None, "hours": "-1", "hourly_rate": "2", "people": "2"}, "hours", "negative"),
        ({"amount": "1000000000000"}, "amount", "Keep it under 999,999,999,999.99."),
        ({"amount": "12.345"}, "amount", "two decimal places"),
        (
            {"amount": None, "hours": "9999999", "hourly_rate": "99999", "people": "9999999"},
            None,
            "comes to more than",
        ),
        ({"label": "   "}, "label", "Say what this cost is."),
        ({"category": "bribes"}, "category", "Select a valid choice."),
    ],
)
def test_invalid_cost_line_answers_422_with_the_text_kept(
    values, field, message, editor, canvas, client_for
):
    data = cost_data(label="Kept label", **values) if "label" not in values else cost_data(**values)
    response = client_for(editor).post(add_url(canvas, "costs"), data, headers=HX)
    assert_htmx_partial(response, "investment/investment.html#add_form", status=422)
    body = response.content.decode()
    assert message in body
    if field:
        assert f'id="id_cost-new-{field}_error"' in body
    if "label" not in values:
        assert 'value="Kept label"' in body
    assert not InvestmentLine.objects.exists()


@pytest.mark.parametrize(
    "values, not_said",
    [
        ({"amount": "-5"}, "Enter an amount, or"),
        ({"amount": None, "hours": "-1", "hourly_rate": "2", "people": "2"}, "Needed to cost"),
        ({"amount": "abc", "hours": "2"}, "not both"),
    ],
)
def test_a_cost_field_in_error_is_not_also_judged_by_the_amount_or_time_rule(
    values, not_said, editor, canvas, client_for
):
    response = client_for(editor).post(add_url(canvas, "costs"), cost_data(**values), headers=HX)
    assert response.status_code == 422
    assert not_said not in response.content.decode()


@pytest.mark.parametrize(
    "values, message",
    [
        ({"confidence": "101"}, "100% is as sure as it gets."),
        ({"confidence": "-1"}, "Can&#x27;t be negative."),
        ({"amount": "-1"}, "Can&#x27;t be negative."),
        ({"amount": ""}, "This field is required."),
    ],
)
def test_invalid_return_line_is_rejected(values, message, editor, canvas, client_for):
    response = client_for(editor).post(add_url(canvas, "returns"), return_data(**values))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert "Faster onboarding" in response.content.decode()  # the full page keeps the text
    assert not ReturnLine.objects.exists()


# Editing


def test_edit_form_in_place_and_cancel(editor, cost, client_for):
    client = client_for(editor)
    response = client.get(line_url("investment_line_edit", cost), headers=HX)
    assert_htmx_partial(response, "investment/investment.html#line_form")
    assert f'name="cost-{cost.pk}-version" value="1"' in response.content.decode()
    response = client.get(line_url("investment_line", cost), headers=HX)
    assert_htmx_partial(response, "investment/investment.html#line")
    assert client.get(line_url("investment_line", cost)).status_code == 302


def test_edit_without_js_shows_the_page_with_the_form(editor, cost, client_for):
    response = client_for(editor).get(line_url("investment_line_edit", cost))
    assert response.template_name == "investment/investment.html"
    assert f'name="cost-{cost.pk}-label"' in response.content.decode()


def test_edit_saves_with_htmx_and_refreshes_figures(editor, cost, client_for):
    data = cost_data(f"cost-{cost.pk}", version="1", amount="2500.5", cost_type="hidden")
    response = client_for(editor).post(line_url("investment_line_edit", cost), data, headers=HX)
    assert_htmx_partial(response, "investment/investment.html#line_changed")
    cost.refresh_from_db()
    assert cost.amount == D("2500.50")
    assert cost.hidden
    assert cost.version == 2
    body = response.content.decode()
    assert "€2,500.50" in body
    assert 'hx-swap-oob="true"' in body


def test_edit_as_plain_post_redirects(editor, benefit, client_for):
    data = return_data(f"return-{benefit.pk}", version="1", confidence="80")
    response = client_for(editor).post(line_url("investment_line_edit", benefit), data)
    assert response.status_code == 302
    benefit.refresh_from_db()
    assert benefit.confidence == 80
    assert benefit.kind == "productivity"


def test_invalid_edit_is_422_with_the_form(editor, cost, client_for):
    data = cost_data(f"cost-{cost.pk}", version="1", amount="-3")
    response = client_for(editor).post(line_url("investment_line_edit", cost), data, headers=HX)
    assert_htmx_partial(response, "investment/investment.html#line_form", status=422)
    response = client_for(editor).post(line_url("investment_line_edit", cost), data)
    assert response.status_code == 422
    assert response.template_name == "investment/investment.html"


def test_stale_edit_answers_409_with_both_versions(editor, owner, cost, client_for):
    client_for(owner).post(
        line_url("investment_line_edit", cost),
        cost_data(f"cost-{cost.pk}", version="1", label="Owner's label"),
    )
    data = cost_data(f"cost-{cost.pk}", version="1", label="Editor's label")
    response = client_for(editor).post(line_url("investment_line_edit", cost), data, headers=HX)
    assert_htmx_partial(response, "investment/investment.html#line_form", status=409)
    body = response.content.decode()
    assert "Owner saved a change while you were editing" in body
    assert "Owner&#x27;s label" in body
    assert 'value="Editor&#x27;s label"' in body
    assert f'name="cost-{cost.pk}-version" value="2"' in body
    cost.refresh_from_db()
    assert cost.label == "Owner's label"
    # Saving again keeps the editor's version.
    data[f"cost-{cost.pk}-version"] = "2"
    client_for(editor).post(line_url("investment_line_edit", cost), data, headers=HX)
    cost.refresh_from_db()
    assert cost.label == "Editor's label"


def test_editing_a_deleted_line_says_so_and_keeps_the_values(editor, cost, client_for):
    target, pk = line_url("investment_line_edit", cost), cost.pk
    cost.delete()
    data = cost_data(f"cost-{pk}", version="1", label="My better label")
    response = client_for(editor).post(target, data, headers=HX)
    assert_htmx_partial(response, "investment/investment.html#line_gone", status=409)
    body = response.content.decode()
    assert "Someone deleted this line while you were editing it" in body
    assert 'name="cost-new-label" value="My better label"' in body
    response = client_for(editor).post(target, data)
    assert response.status_code == 302


# Deleting and undoing


def test_delete_with_htmx_offers_undo_and_undo_restores_in_place(
    editor, cost, sme_cost, client_for
):
    client = client_for(editor)
    response = client.post(line_url("investment_line_delete", cost), {"version": 1}, headers=HX)
    assert_htmx_partial(response, "investment/investment.html#line_deleted")
    body = response.content.decode()
    assert "Deleted “Team payroll”." in body
    assert 'data-figure="total-investment">€3,000.00' in body
    # app.js takes the offer away after a while, as it does for notes on the board.
    assert 'class="line line-deleted undo-offer"' in body
    assert 'data-undo-seconds="10"' in body
    assert list(InvestmentLine.objects.values_list("label", "position")) == [
        ("Experts teaching", 0)
    ]
    token = body.split('name="token" value="')[1].split('"')[0]
    response = client.post(
        canvas_url("investment_line_restore", cost.canvas), {"token": token}, headers=HX
    )
    assert_htmx_partial(response, "investment/investment.html#line_changed")
    assert 'data-figure="total-investment">€4,000.00' in response.content.decode()
    restored = InvestmentLine.objects.get(label="Team payroll")
    assert restored.pk == cost.pk
    assert restored.position == 0
    assert restored.amount == D("1000.00")
    assert InvestmentLine.objects.get(label="Experts teaching").position == 1
    # A second undo of the same delete does nothing but say so.
    response = client.post(
        canvas_url("investment_line_restore", cost.canvas), {"token": token}, headers=HX
    )
    assert response["HX-Retarget"] == "#messages"
    assert "already back" in response.content.decode()
    assert InvestmentLine.objects.count() == 2


def test_delete_without_js_redirects_to_an_undo_notice(editor, benefit, client_for):
    client = client_for(editor)
    response = client.post(line_url("investment_line_delete", benefit), {"version": 1})
    assert response.status_code == 302
    assert "?undo=" in response["Location"]
    assert not ReturnLine.objects.exists()
    page = client.get(response["Location"].split("#")[0])
    assert "Deleted “More sales”." in page.content.decode()
    token = response["Location"].split("?undo=")[1].split("#")[0]
    response = client.post(canvas_url("investment_line_restore", benefit.canvas), {"token": token})
    assert response.status_code == 302
    assert ReturnLine.objects.get().confidence == 50


def test_undo_token_is_tied_to_its_canvas(editor, cost, make_canvas, client_for):
    token = delete_line(line=cost, expected_version=cost.version, by=editor).undo_token
    other = make_canvas(title="Other")
    response = client_for(editor).post(
        canvas_url("investment_line_restore", other), {"token": token}
    )
    assert response.status_code == 302
    assert not InvestmentLine.objects.exists()
    response = client_for(editor).post(
        canvas_url("investment_line_restore", other), {"token": "forged"}, headers=HX
    )
    assert "isn&#x27;t valid" in response.content.decode()


def test_deleting_an_already_deleted_line_is_calm(editor, cost, client_for):
    target = line_url("investment_line_delete", cost)
    cost.delete()
    response = client_for(editor).post(target, headers=HX)
    assert_htmx_partial(response, "investment/investment.html#line_already_gone")
    assert client_for(editor).post(target).status_code == 302


# Reordering


def test_move_down_and_up(editor, cost, sme_cost, client_for):
    client = client_for(editor)
    response = client.post(
        line_url("investment_line_move", cost), {"direction": "down", "version": 1}, headers=HX
    )
    assert_htmx_partial(response, "investment/investment.html#lines")
    body = response.content.decode()
    assert body.index("Experts teaching") < body.index("Team payroll")
    assert list(InvestmentLine.objects.order_by("position").values_list("label", flat=True)) == [
        "Experts teaching",
        "Team payroll",
    ]
    response = client.post(
        line_url("investment_line_move", cost), {"direction": "up", "version": 1}
    )
    assert response.status_code == 302
    assert InvestmentLine.objects.get(pk=cost.pk).position == 0
    client.post(line_url("investment_line_move", cost), {"position": "99", "version": 1})
    assert InvestmentLine.objects.get(pk=cost.pk).position == 1


# Settings


def test_settings_save_with_htmx_and_refresh_figures(editor, cost, benefit, client_for):
    data = {
        "version": "1",
        "period_label": " Fiscal year 2027 ",
        "period_is_year": "on",
        "learners_reached": "200",
        "employee_headcount": "4600",
        "ld_staff_headcount": "9",
    }
    response = client_for(editor).post(
        canvas_url("investment_settings", cost.canvas), data, headers=HX
    )
    assert_htmx_partial(response, "investment/investment.html#settings_changed")
    body = response.content.decode()
    settings = InvestmentSettings.objects.get()
    assert settings.period_label == "Fiscal year 2027"
    assert settings.version == 2
    assert settings.updated_by == editor
    assert 'data-figure="staff-ratio">1.96' in body
    assert 'data-figure="cost-per-learner">€5.00' in body
    assert 'data-figure="payback">3.0 months' in body  # 1,000 × 12 / 4,000
    assert "Saved." in body


def test_settings_plain_post_and_not_a_year(editor, cost, benefit, client_for):
    response = client_for(editor).post(
        canvas_url("investment_settings", cost.canvas),
        {"version": "1", "period_label": "Spring term"},
    )
    assert response.status_code == 302
    body = client_for(editor).get(page_url(cost.canvas)).content.decode()
    assert "Payback is shown when the figures cover a year." in body


def test_settings_validation_and_conflict(editor, owner, canvas, client_for):
    response = client_for(editor).post(
        canvas_url("investment_settings", canvas),
        {"version": "1", "employee_headcount": "-4"},
        headers=HX,
    )
    assert response.status_code == 422
    assert (
        "Can&#x27;t be negative." in response.content.decode()
        or "greater than or equal" in response.content.decode()
    )
    client_for(owner).post(
        canvas_url("investment_settings", canvas), {"version": "1", "period_label": "FY27"}
    )
    response = client_for(editor).post(
        canvas_url("investment_settings", canvas),
        {"version": "1", "period_label": "FY28"},
        headers=HX,
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Owner saved a change" in body
    assert "FY27" in body
    assert 'value="FY28"' in body
    assert InvestmentSettings.objects.get().period_label == "FY27"


@pytest.mark.parametrize("lines", [1, 20])
def test_htmx_change_query_count_does_not_grow_with_lines(
    lines, editor, canvas, owner, client_for, django_assert_max_num_queries
):
    for n in range(lines):
        add_line(
            line=InvestmentLine(category="travel", label=f"Trip {n}", amount=D(n)),
            canvas=canvas,
            by=owner,
        )
    client = client_for(editor)
    client.get(page_url(canvas))  # open once: the first request after logging in writes the session
    # (one of them asks whether an indicator fills itself from the figures: none does here;
    # one adds the change to the canvas's feed)
    with django_assert_max_num_queries(22):
        response = client.post(add_url(canvas, "costs"), cost_data(), headers=HX)
    assert response.status_code == 200
