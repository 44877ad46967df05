"""The indicators dashboard and its fragments: each view with htmx and as a plain post,
access, validation, conflicts, undo, and queries as readings grow."""

import datetime
from decimal import Decimal as D

import pytest

from indicators.models import Indicator, Link, Reading
from indicators.rules import MAX_ACTIVE
from investment.models import InvestmentLine, InvestmentSettings
from investment.services import add_line
from tests.helpers import HX, assert_htmx_partial, canvas_url, hidden_fields

PAGE = "indicators/dashboard.html"


def page_url(canvas):
    return canvas_url("indicators", canvas)


def url(name, indicator, **kwargs):
    return canvas_url(name, indicator.canvas, indicator_pk=indicator.pk, **kwargs)


def indicator_data(prefix="new", **values):
    data = {
        "name": "Voluntary use of coaching",
        "area": "products_services",
        "kind": "driver",
        "measures": "use",
        "unit": "percent",
        "direction": "higher",
        "target": "60",
        "baseline": "40",
        "amber_threshold": "",
        "red_threshold": "",
        "owner_id": "",
        "owner_name": "",
    }
    data.update(values)
    return {f"{prefix}-{key}": value for key, value in data.items()}


def reading_data(indicator, prefix=None, **values):
    prefix = prefix or f"reading-{indicator.pk}"
    data = {"date": indicator.canvas.organization.today().isoformat(), "value": "42", "note": ""}
    data.update(values)
    return {f"{prefix}-{key}": value for key, value in data.items()}


# The page ---------------------------------------------------------------------------------


def test_the_dashboard_names_the_red_result_its_root_cause_and_the_behaviour_check(
    viewer, chain, client_for
):
    response = client_for(viewer).get(page_url(chain["use"].canvas))
    assert response.status_code == 200
    assert "HX-Request" in response["Vary"]
    body = response.content.decode()
    attention = body.split('id="indicators-attention"')[1].split("</section>")[0]
    assert "Time to competence</a> is red: 19 days against a target of 14 days." in attention
    assert "Up 3 days from 16 days, worse." in attention
    assert (
        f'Likely root cause:</strong> <a href="#indicator-{chain["use"].pk}">Voluntary use</a> '
        "(red, 31% against a target of 60%)" in attention
    )
    assert "Behaviour doesn't lie." in attention
    assert "the offering is falling short despite good ratings" in attention
    # Each card: status in words and an icon, trend arrow, sparkline, target.
    card = body.split(f'id="indicator-{chain["use"].pk}"')[1].split("</li>")[0]
    assert 'class="status-badge badge-red"' in card and "✕</span> Red</p>" in card
    assert "↓</span> Down 19 pts from 50%, <strong>worse</strong>" in card
    assert (
        '<svg class="spark"' in card
        and 'aria-label="The last 2 readings, oldest first: 50%, 31%"' in card
    )
    assert "<dt>Target</dt><dd>60%</dd>" in card
    # The chain as a diagram, with both links, and a weak link where both ends are red.
    chain_panel = body.split('id="indicators-chain"')[1].split("</section>")[0]
    assert chain_panel.count('class="chain-node') == 3
    assert chain_panel.count("chain-curve-weak") == 1
    # A viewer reads only.
    assert "Add an indicator" not in body and "Archive" not in body and "Add reading" not in body


def test_an_empty_dashboard_says_how_to_start(editor, canvas, client_for):
    body = client_for(editor).get(page_url(canvas)).content.decode()
    assert "No indicators yet." in body
    assert "Starters, one click each" in body
    assert body.count('name="starter"') == 10


def test_the_dashboard_as_an_htmx_fragment(viewer, chain, client_for):
    response = client_for(viewer).get(page_url(chain["use"].canvas), headers=HX)
    assert_htmx_partial(response, f"{PAGE}#dashboard")


@pytest.mark.parametrize("readings", [1, 10_000])
def test_dashboard_queries_do_not_grow_with_readings(
    readings, editor, chain, client_for, django_assert_num_queries
):
    use = chain["use"]
    start = datetime.date(1995, 1, 1)
    Reading.objects.bulk_create(
        Reading(indicator=use, date=start + datetime.timedelta(days=n), value=D(n % 90))
        for n in range(readings)
    )
    client = client_for(editor)
    client.get(page_url(use.canvas))  # the first request after logging in writes the session
    # session, user, membership, canvas, the indicators with their
    # first reading and count, links, latest readings, the quarter's readings, members
    with django_assert_num_queries(9):
        response = client.get(page_url(use.canvas))
    body = response.content.decode()
    assert f'Readings <span class="muted">({readings + 2})</span>' in body
    assert body.count('class="spark"') == 3


@pytest.mark.parametrize(
    "who, status",
    [("owner", 200), ("editor", 200), ("viewer", 200), ("outsider", 404), (None, 302)],
)
def test_page_access(who, status, users, canvas, client_for):
    assert client_for(users.get(who)).get(page_url(canvas)).status_code == status


@pytest.mark.parametrize("who, status", [("viewer", 403), ("outsider", 404), (None, 302)])
def test_only_editors_change_anything(who, status, users, chain, client_for):
    use, competence = chain["use"], chain["competence"]
    reading = use.readings.first()
    client = client_for(users.get(who))
    posts = [
        (canvas_url("indicator_add", use.canvas), indicator_data()),
        (canvas_url("indicator_starter", use.canvas), {"starter": "return_visits"}),
        (url("indicator_edit", use), indicator_data(f"i{use.pk}", version="1")),
        (url("indicator_archive", use), {"version": "1"}),
        (url("indicator_reactivate", use), {"version": "1"}),
        (url("indicator_delete", use), {"version": "1"}),
        (canvas_url("indicators_undo", use.canvas), {"token": "x", "kind": "reading"}),
        (url("reading_add", use), reading_data(use)),
        (url("reading_edit", use, reading_pk=reading.pk), reading_data(use, f"r{reading.pk}")),
        (url("reading_delete", use, reading_pk=reading.pk), {"version": "1"}),
        (url("link_add", competence), {f"link-{competence.pk}-result": use.pk}),
        (url("link_remove", use), {"result": competence.pk}),
    ]
    before = (Indicator.objects.count(), Reading.objects.count(), Link.objects.count())
    for target, data in posts:
        assert client.post(target, data).status_code == status, target
        response = client.post(target, data, headers=HX)
        if who is None:  # htmx is sent to the login page as a whole
            assert response["HX-Redirect"].startswith("/login/"), target
        else:
            assert response.status_code == status, target
    assert client.get(url("indicator_edit", use)).status_code == status
    assert (Indicator.objects.count(), Reading.objects.count(), Link.objects.count()) == before
    assert Indicator.objects.get(pk=use.pk).version == 1


def test_another_organizations_indicator_is_404(
    editor, make_indicator, make_canvas, other_org, canvas, client_for
):
    theirs = make_indicator("Theirs", on=make_canvas("Theirs", organization=other_org))
    client = client_for(editor)
    mine = canvas_url("indicator_edit", canvas, indicator_pk=theirs.pk)
    assert client.get(mine).status_code == 404
    assert client.get(mine, headers=HX).status_code == 404
    # A change to it reads as one to an indicator deleted meanwhile: nothing to find.
    add = canvas_url("reading_add", canvas, indicator_pk=theirs.pk)
    assert client.post(add, {}).status_code == 302
    response = client.post(add, {}, headers=HX)
    assert (
        response.status_code == 409
        and "Someone deleted this indicator" in response.content.decode()
    )
    assert not theirs.readings.exists()


# Adding indicators ------------------------------------------------------------------------


def test_add_an_indicator_as_a_plain_post(editor, canvas, client_for):
    response = client_for(editor).post(
        canvas_url("indicator_add", canvas),
        indicator_data(name="  Coaching use  ", owner_name="Store ops"),
    )
    indicator = Indicator.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{page_url(canvas)}#indicator-{indicator.pk}"
    assert (indicator.name, indicator.target, indicator.owner_name) == (
        "Coaching use",
        D(60),
        "Store ops",
    )
    assert indicator.updated_by == editor


def test_add_an_indicator_with_htmx_with_a_member_as_owner(editor, viewer, canvas, client_for):
    data = indicator_data(owner_id=str(viewer.pk))
    response = client_for(editor).post(canvas_url("indicator_add", canvas), data, headers=HX)
    assert_htmx_partial(response, f"{PAGE}#dashboard")
    assert response["HX-Retarget"] == "#indicators-dashboard"
    assert Indicator.objects.get().owner == viewer
    assert "Added “Voluntary use of coaching”." in response.content.decode()


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"name": "   "}, "name", "Give the indicator a name."),
        ({"target": ""}, "target", "This field is required."),
        ({"target": "1e309"}, "target", "Keep it under 100,000,000,000,000."),
        ({"target": "Infinity"}, "target", "Enter a number, like 42 or 12.5."),
        ({"amber_threshold": "65"}, "amber_threshold", "Amber starts at the target or below it"),
        (
            {"owner_id": "1", "owner_name": "Someone"},
            "owner_name",
            "Choose a member or type a name, not both.",
        ),
        ({"owner_id": "987654"}, "owner_id", "Select a valid choice."),
    ],
)
def test_an_invalid_indicator_says_why_by_the_field(
    changes, field, message, editor, canvas, client_for
):
    client = client_for(editor)
    if changes.get("owner_id") == "1":
        changes["owner_id"] = str(editor.pk)
    for headers in ({}, HX):
        response = client.post(
            canvas_url("indicator_add", canvas), indicator_data(**changes), headers=headers
        )
        assert response.status_code == 422
        body = response.content.decode()
        error = body.split(f'id="id_new-{field}_error"')[1].split("</p>")[0]
        assert message in error
        assert 'value="Voluntary use of coaching"' in body or changes.get("name")
    assert_htmx_partial(response, f"{PAGE}#add_form", status=422)  # the form alone, in place
    assert response["HX-Retarget"] == "#add-indicator-form"
    assert not Indicator.objects.exists()


def test_a_starter_in_one_click_plain_and_htmx(editor, canvas, client_for):
    client = client_for(editor)
    response = client.post(canvas_url("indicator_starter", canvas), {"starter": "voluntary_use"})
    first = Indicator.objects.get()
    assert response["Location"] == f"{page_url(canvas)}#indicator-{first.pk}"
    assert (first.name, first.kind, first.measures, first.target) == (
        "Voluntary use",
        "driver",
        "use",
        D(60),
    )
    response = client.post(
        canvas_url("indicator_starter", canvas), {"starter": "time_to_competence"}, headers=HX
    )
    assert_htmx_partial(response, f"{PAGE}#dashboard")
    assert Indicator.objects.filter(
        starter="time_to_competence", unit="days", direction="lower"
    ).exists()
    response = client.post(
        canvas_url("indicator_starter", canvas), {"starter": "nonsense"}, headers=HX
    )
    assert response.status_code == 422 and response["HX-Retarget"] == "#messages"


def test_a_starter_that_fills_itself_takes_its_first_reading_and_says_so(
    editor, canvas, owner, client_for
):
    add_line(
        line=InvestmentLine(category="ld_payroll", label="Team", amount=D(60_000)),
        canvas=canvas,
        by=owner,
    )
    add_line(
        line=InvestmentLine(category="sme_time", hidden=True, label="Experts", amount=D(40_000)),
        canvas=canvas,
        by=owner,
    )
    InvestmentSettings.objects.create(canvas=canvas, learners_reached=500)
    client = client_for(editor)
    client.post(canvas_url("indicator_starter", canvas), {"starter": "hidden_share"})
    client.post(canvas_url("indicator_starter", canvas), {"starter": "cost_per_learner"})
    hidden = Indicator.objects.get(fills_from="hidden_share")
    assert list(hidden.readings.values_list("value", "automatic")) == [(D("40.0"), True)]
    per_learner = Indicator.objects.get(fills_from="cost_per_learner")
    assert per_learner.readings.get().value == D("200.00")
    body = client.get(page_url(canvas)).content.decode()
    assert "Fills itself from investment &amp; return’s hidden share of the investment." in body
    assert "Set a target to see whether it is on track." in body  # cost per learner has none
    card = body.split(f'id="indicator-{hidden.pk}"')[1].split("</li>\n      \n")[0]
    assert "Add reading" not in card and "Correct or delete a reading" not in card
    # Once per canvas: the starter shows it's there, and a second one is refused.
    assert body.count("On this canvas") == 2
    response = client.post(
        canvas_url("indicator_starter", canvas), {"starter": "hidden_share"}, headers=HX
    )
    assert response.status_code == 409
    assert Indicator.objects.filter(fills_from="hidden_share").count() == 1


def test_a_full_dashboard_asks_which_indicator_to_archive(
    editor, make_indicator, canvas, client_for
):
    active = [make_indicator(f"Indicator {n}") for n in range(MAX_ACTIVE)]
    client = client_for(editor)
    data = indicator_data(name="The thirteenth")
    for headers in ({}, HX):
        response = client.post(canvas_url("indicator_add", canvas), data, headers=headers)
        assert response.status_code == 200
        body = response.content.decode()
        assert "Make room for “The thirteenth”" in body
        assert "Choose the indicator to archive." not in body  # asked, not yet refused
        assert body.count('name="archive"') == MAX_ACTIVE
        assert '<input type="hidden" name="new-name" value="The thirteenth">' in body
    assert Indicator.objects.count() == MAX_ACTIVE
    response = client.post(
        canvas_url("indicator_add", canvas), {**data, "archive": "nonsense"}, headers=HX
    )
    assert (
        response.status_code == 422
        and "Choose the indicator to archive." in response.content.decode()
    )
    response = client.post(
        canvas_url("indicator_add", canvas), {**data, "archive": active[3].pk}, headers=HX
    )
    assert response.status_code == 200
    assert "Added “The thirteenth” and archived “Indicator 3”." in response.content.decode()
    assert Indicator.objects.active().count() == MAX_ACTIVE
    assert not Indicator.objects.get(pk=active[3].pk).is_active
    # A starter on the full dashboard asks the same, without JavaScript too.
    response = client.post(canvas_url("indicator_starter", canvas), {"starter": "recommendations"})
    assert "Make room for “Recommendations”" in response.content.decode()


# Editing, archiving, deleting -------------------------------------------------------------


def test_edit_an_indicator_in_its_card(editor, chain, client_for):
    use = chain["use"]
    client = client_for(editor)
    response = client.get(url("indicator_edit", use), headers=HX)
    assert_htmx_partial(response, f"{PAGE}#card_changed")
    assert response["HX-Retarget"] == f"#indicator-{use.pk}"
    assert 'value="Voluntary use"' in response.content.decode()
    data = indicator_data(f"i{use.pk}", name="Voluntary use", target="30", version="1")
    response = client.post(url("indicator_edit", use), data, headers=HX)
    assert_htmx_partial(response, f"{PAGE}#card_changed")
    body = response.content.decode()
    assert "badge-on_target" in body  # 31% against a target of 30 now
    assert 'id="indicators-attention" aria-labelledby="attention-title" hx-swap-oob="true"' in body
    assert Indicator.objects.get(pk=use.pk).version == 2
    # Without JavaScript: the page with the form, and a redirect once saved.
    assert (
        f'id="indicator-{use.pk}-form"' in client.get(url("indicator_edit", use)).content.decode()
    )
    data = indicator_data(f"i{use.pk}", name="Voluntary use", target="35", version="2")
    response = client.post(url("indicator_edit", use), data)
    assert response["Location"] == f"{page_url(use.canvas)}#indicator-{use.pk}"


def test_an_edit_over_someone_elses_answers_the_conflict_with_both_versions(
    editor, chain, client_for
):
    use = chain["use"]
    client = client_for(editor)
    client.post(
        url("indicator_edit", use), indicator_data(f"i{use.pk}", name="Theirs", version="1")
    )
    for headers in ({}, HX):
        response = client.post(
            url("indicator_edit", use),
            indicator_data(f"i{use.pk}", name="Mine", version="1"),
            headers=headers,
        )
        assert response.status_code == 409
        body = response.content.decode()
        assert "saved a change while you were editing" in body
        assert 'value="Mine"' in body and f'name="i{use.pk}-version" value="2"' in body
    assert Indicator.objects.get(pk=use.pk).name == "Theirs"


def test_an_invalid_edit_is_422_in_the_card(editor, chain, client_for):
    use = chain["use"]
    data = indicator_data(f"i{use.pk}", red_threshold="61", version="1")
    response = client_for(editor).post(url("indicator_edit", use), data, headers=HX)
    assert_htmx_partial(response, f"{PAGE}#card_changed", status=422)
    assert "Red starts at the amber threshold (60) or below it." in response.content.decode()


def test_archive_and_bring_back(editor, chain, client_for):
    use = chain["use"]
    client = client_for(editor)
    response = client.post(url("indicator_archive", use), {"version": "1"})
    assert response["Location"] == f"{page_url(use.canvas)}#archived"
    use.refresh_from_db()
    assert not use.is_active and use.readings.count() == 2
    body = client.get(page_url(use.canvas)).content.decode()
    assert 'Archived <span class="muted">(1)</span>' in body
    assert "Voluntary use</a> (red" not in body  # no longer the root cause on the dashboard
    response = client.post(url("indicator_reactivate", use), {"version": "2"}, headers=HX)
    assert_htmx_partial(response, f"{PAGE}#dashboard")
    assert "“Voluntary use” is back on the dashboard." in response.content.decode()
    assert Indicator.objects.get(pk=use.pk).is_active


def test_bringing_one_back_to_a_full_dashboard_asks_which_to_archive(
    editor, make_indicator, client_for
):
    spare = make_indicator("Spare")
    client = client_for(editor)
    client.post(url("indicator_archive", spare), {"version": "1"})
    others = [make_indicator(f"Indicator {n}") for n in range(MAX_ACTIVE)]
    response = client.post(url("indicator_reactivate", spare), {"version": "2"}, headers=HX)
    assert "Make room for “Spare”" in response.content.decode()
    response = client.post(
        url("indicator_reactivate", spare), {"version": "2", "archive": others[0].pk}
    )
    assert response.status_code == 302
    assert Indicator.objects.get(pk=spare.pk).is_active
    assert not Indicator.objects.get(pk=others[0].pk).is_active


def test_delete_an_indicator_then_undo_with_its_readings_and_links(editor, chain, client_for):
    use = chain["use"]
    client = client_for(editor)
    response = client.post(url("indicator_delete", use), {"version": "1"}, headers=HX)
    assert_htmx_partial(response, f"{PAGE}#dashboard")
    body = response.content.decode()
    assert "Deleted “Voluntary use” with its 2 readings." in body
    assert not Indicator.objects.filter(pk=use.pk).exists() and Link.objects.count() == 0
    token = hidden_fields(body, canvas_url("indicators_undo", use.canvas))["token"]
    response = client.post(
        canvas_url("indicators_undo", use.canvas), {"token": token, "kind": "indicator"}
    )
    assert response["Location"] == f"{page_url(use.canvas)}#indicator-{use.pk}"
    assert Indicator.objects.get(pk=use.pk).readings.count() == 2
    assert Link.objects.count() == 2
    response = client.post(
        canvas_url("indicators_undo", use.canvas), {"token": token, "kind": "indicator"}, headers=HX
    )
    assert response.status_code == 409 and response["HX-Retarget"] == "#messages"


def test_delete_without_javascript_offers_undo_on_the_page(editor, chain, client_for):
    use = chain["use"]
    client = client_for(editor)
    response = client.post(url("indicator_delete", use), {"version": "1"})
    assert "?undo=" in response["Location"] and "kind=indicator#undo" in response["Location"]
    body = client.get(response["Location"]).content.decode()
    assert 'id="undo"' in body and "Deleted “Voluntary use” with its 2 readings." in body


def test_a_stale_delete_shows_the_indicator_as_it_is_now(editor, chain, client_for):
    use = chain["use"]
    client = client_for(editor)
    client.post(
        url("indicator_edit", use), indicator_data(f"i{use.pk}", name="Renamed", version="1")
    )
    response = client.post(url("indicator_delete", use), {"version": "1"}, headers=HX)
    assert response.status_code == 409
    body = response.content.decode()
    assert "changed this indicator after you opened the page, so it was not deleted." in body
    assert hidden_fields(body, url("indicator_delete", use)) == {"version": "2"}
    assert Indicator.objects.filter(pk=use.pk).exists()


# Readings ---------------------------------------------------------------------------------


def test_add_a_reading_in_place_and_the_status_follows(editor, chain, client_for):
    use = chain["use"]
    client = client_for(editor)
    response = client.post(
        url("reading_add", use), reading_data(use, value="65", note="Campaign"), headers=HX
    )
    assert_htmx_partial(response, f"{PAGE}#card_changed")
    body = response.content.decode()
    assert "badge-on_target" in body and "↑</span> Up 34 pts from 31%" in body
    assert 'id="indicators-chain"' in body  # the chain and attention follow, out of band
    reading = use.readings.get(note="Campaign")
    assert (reading.value, reading.updated_by) == (D(65), editor)
    response = client.post(url("reading_add", use), reading_data(use, date="2020-01-01", value="5"))
    assert response["Location"] == f"{page_url(use.canvas)}#indicator-{use.pk}"


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"value": ""}, "value", "This field is required."),
        ({"value": "NaN"}, "value", "Enter a number"),
        ({"date": "2999-01-01"}, "date", "Readings are for days that have come"),
        ({"date": "today"}, "date", "Pick a day."),
        ({"date": "1890-01-01"}, "date", "Pick a day from 1990 on."),
        ({"date": "taken"}, "date", "There is already a reading for that day: correct it instead."),
    ],
)
def test_an_invalid_reading_says_why_and_keeps_what_was_typed(
    changes, field, message, editor, chain, client_for
):
    use = chain["use"]
    if changes.get("date") == "taken":
        changes = {"date": use.readings.first().date.isoformat()}
    client = client_for(editor)
    for headers in ({}, HX):
        response = client.post(
            url("reading_add", use), reading_data(use, note="Kept", **changes), headers=headers
        )
        assert response.status_code == 422
        body = response.content.decode()
        assert message in body.split(f'id="id_reading-{use.pk}-{field}_error"')[1].split("</p>")[0]
        assert 'value="Kept"' in body
    assert use.readings.count() == 2


def test_correct_a_reading_in_place(editor, chain, client_for):
    use = chain["use"]
    reading = use.readings.order_by("date").last()
    client = client_for(editor)
    response = client.get(url("indicator", use) + "?show=manage", headers=HX)
    assert 'Correct<span class="visually-hidden">' in response.content.decode()
    response = client.get(url("reading_edit", use, reading_pk=reading.pk), headers=HX)
    assert_htmx_partial(response, f"{PAGE}#card_changed")
    assert f'id="reading-{reading.pk}-form"' in response.content.decode()
    data = reading_data(
        use, f"r{reading.pk}", date=reading.date.isoformat(), value="58", version="1"
    )
    response = client.post(url("reading_edit", use, reading_pk=reading.pk), data, headers=HX)
    assert_htmx_partial(response, f"{PAGE}#card_changed")
    assert "badge-amber" in response.content.decode()
    reading.refresh_from_db()
    assert (reading.value, reading.version) == (D(58), 2)
    data[f"r{reading.pk}-version"] = "1"
    response = client.post(
        url("reading_edit", use, reading_pk=reading.pk), {**data, f"r{reading.pk}-value": "20"}
    )
    assert (
        response.status_code == 409
        and "saved a change while you were editing" in response.content.decode()
    )
    assert Reading.objects.get(pk=reading.pk).value == D(58)
    data[f"r{reading.pk}-version"] = "2"
    response = client.post(url("reading_edit", use, reading_pk=reading.pk), data)
    assert response["Location"] == f"{page_url(use.canvas)}#indicator-{use.pk}"


def test_moving_a_reading_onto_a_day_with_one_is_refused(editor, chain, client_for):
    use = chain["use"]
    first, last = use.readings.order_by("date")
    data = reading_data(use, f"r{last.pk}", date=first.date.isoformat(), version="1")
    response = client_for(editor).post(
        url("reading_edit", use, reading_pk=last.pk), data, headers=HX
    )
    assert response.status_code == 422
    assert "There is already a reading for that day" in response.content.decode()


def test_delete_a_reading_then_undo(editor, chain, client_for):
    use = chain["use"]
    reading = use.readings.order_by("date").last()
    client = client_for(editor)
    response = client.post(
        url("reading_delete", use, reading_pk=reading.pk), {"version": "1"}, headers=HX
    )
    assert_htmx_partial(response, f"{PAGE}#card_changed")
    body = response.content.decode()
    assert f"Deleted the reading of {reading.date:%-d %b %Y}." in body
    assert "badge-amber" not in body and "The first reading" in body  # 50% is the latest now
    token = hidden_fields(body, canvas_url("indicators_undo", use.canvas))["token"]
    response = client.post(
        canvas_url("indicators_undo", use.canvas), {"token": token, "kind": "reading"}, headers=HX
    )
    assert_htmx_partial(response, f"{PAGE}#card_changed")
    assert Reading.objects.get(pk=reading.pk).value == D(31)
    # Without JavaScript: a redirect offering Undo on the page.
    response = client.post(url("reading_delete", use, reading_pk=reading.pk), {"version": "1"})
    assert "kind=reading#undo" in response["Location"]
    assert "Deleted the reading of" in client.get(response["Location"]).content.decode()


def test_a_reading_deleted_meanwhile_says_so_in_its_place(editor, chain, client_for):
    use = chain["use"]
    reading = use.readings.first()
    Reading.objects.filter(pk=reading.pk).delete()
    response = client_for(editor).post(
        url("reading_delete", use, reading_pk=reading.pk), {"version": "1"}, headers=HX
    )
    assert "Someone deleted this reading meanwhile" in response.content.decode()


def test_readings_that_fill_themselves_are_not_typed_over(editor, canvas, owner, client_for):
    add_line(
        line=InvestmentLine(category="travel", label="Trips", amount=D(100)),
        canvas=canvas,
        by=owner,
    )
    client = client_for(editor)
    client.post(canvas_url("indicator_starter", canvas), {"starter": "hidden_share"})
    hidden = Indicator.objects.get()
    reading = hidden.readings.get()
    for target in (
        url("reading_add", hidden),
        url("reading_delete", hidden, reading_pk=reading.pk),
    ):
        response = client.post(target, {**reading_data(hidden), "version": "1"}, headers=HX)
        assert response.status_code in (409, 422)
        assert "fills itself from investment &amp; return" in response.content.decode()
    assert client.get(url("reading_edit", hidden, reading_pk=reading.pk)).status_code == 302
    assert hidden.readings.count() == 1


# Links ------------------------------------------------------------------------------------


def test_link_a_driver_to_a_result_and_remove_it(editor, make_indicator, client_for):
    driver, result = (
        make_indicator("Return visits"),
        make_indicator("Share of learning", kind="result"),
    )
    client = client_for(editor)
    response = client.post(
        url("link_add", driver), {f"link-{driver.pk}-result": result.pk}, headers=HX
    )
    assert_htmx_partial(response, f"{PAGE}#dashboard")
    assert "“Return visits” now drives “Share of learning”." in response.content.decode()
    assert Link.objects.filter(driver=driver, result=result).exists()
    response = client.post(url("link_remove", driver), {"result": result.pk})
    assert response["Location"] == f"{page_url(driver.canvas)}#indicators-chain"
    assert not Link.objects.exists()


def test_a_link_that_would_loop_is_refused_by_the_field(editor, chain, client_for):
    competence, satisfaction = chain["competence"], chain["satisfaction"]
    data = {f"link-{competence.pk}-result": satisfaction.pk}
    for headers in ({}, HX):
        response = client_for(editor).post(url("link_add", competence), data, headers=headers)
        assert response.status_code == 422
        assert "the chain can&#x27;t go round in a loop" in response.content.decode()
    assert Link.objects.count() == 2


def test_the_other_ways_in_plain_and_htmx(editor, chain, client_for):
    """Views the tests above drive one way only: the card's detail, archiving with htmx,
    linking without JavaScript and unlinking with htmx."""
    use, satisfaction, competence = chain["use"], chain["satisfaction"], chain["competence"]
    client = client_for(editor)
    response = client.get(url("indicator", use))
    assert response["Location"] == f"{page_url(use.canvas)}#indicator-{use.pk}"
    response = client.get(url("indicator", use) + "?show=readings", headers=HX)
    assert_htmx_partial(response, f"{PAGE}#card_changed")
    assert f'id="indicator-{use.pk}-readings" open' in response.content.decode()
    response = client.post(
        url("link_add", satisfaction), {f"link-{satisfaction.pk}-result": competence.pk}
    )
    assert response["Location"] == f"{page_url(use.canvas)}#indicators-chain"
    response = client.post(url("link_remove", satisfaction), {"result": competence.pk}, headers=HX)
    assert_htmx_partial(response, f"{PAGE}#dashboard")
    assert (
        "“Learner satisfaction” no longer drives “Time to competence”." in response.content.decode()
    )
    response = client.post(url("indicator_archive", satisfaction), {"version": "1"}, headers=HX)
    assert_htmx_partial(response, f"{PAGE}#dashboard")
    body = response.content.decode()
    assert "Archived “Learner satisfaction”: its readings are kept." in body
    assert "Behaviour doesn't lie." not in body  # its partner is off the dashboard
    assert Link.objects.count() == 2  # the archived indicator keeps its links
