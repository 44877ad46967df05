"""Stale deletes and moves of cost and return lines: a line someone changed since the
person saw it stays; the conflict panel shows it as it is now, to keep or act on anyway."""

from decimal import Decimal as D

import pytest

from investment.models import InvestmentLine
from investment.services import add_line, edit_line
from tests.helpers import HX, assert_htmx_partial, canvas_url, hidden_fields


def line_url(name, line):
    return canvas_url(name, line.canvas, section="costs", line_pk=line.pk)


@pytest.fixture
def lines(canvas, owner):
    return [
        add_line(
            line=InvestmentLine(category="ld_payroll", label=label, amount=D("1000")),
            canvas=canvas,
            by=owner,
        )
        for label in ("Team payroll", "Platform licence")
    ]


def rewrite(line, by):
    result = edit_line(
        line=line, expected_version=line.version, changes={"label": "Payroll, all staff"}, by=by
    )
    assert result.saved


def stored():
    return list(InvestmentLine.objects.order_by("position").values_list("label", "version"))


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
def test_stale_delete_keeps_the_line_and_shows_theirs(htmx, lines, owner, editor, client_for):
    line = lines[0]
    rewrite(line, owner)
    target = line_url("investment_line_delete", line)
    response = client_for(editor).post(target, {"version": "1"}, headers=HX if htmx else {})
    body = response.content.decode()
    if htmx:
        assert_htmx_partial(response, "investment/investment.html#line_stale", 409)
        assert response["HX-Retarget"] == f"#costs-{line.pk}"
    else:
        assert response.status_code == 409
        assert response.template_name == "investment/investment.html"
        assert "<html" in body
    assert "Owner changed this cost line after you opened the page, so it was not deleted." in body
    assert "Payroll, all staff" in body
    assert hidden_fields(body, target) == {"version": "2"}
    assert stored() == [("Payroll, all staff", 2), ("Platform licence", 1)]


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
def test_stale_move_moves_nothing_then_go_ahead(htmx, lines, owner, editor, client_for):
    line = lines[0]
    rewrite(line, owner)
    target = line_url("investment_line_move", line)
    headers = HX if htmx else {}
    client = client_for(editor)
    response = client.post(target, {"version": "1", "direction": "down"}, headers=headers)
    assert response.status_code == 409
    body = response.content.decode()
    assert "so it was not moved" in body
    assert hidden_fields(body, target) == {"position": "1", "version": "2"}
    assert stored()[0][0] == "Payroll, all staff"
    response = client.post(target, hidden_fields(body, target), headers=headers)
    if htmx:
        assert_htmx_partial(response, "investment/investment.html#lines")
    else:
        assert response.status_code == 302
    assert stored() == [("Platform licence", 1), ("Payroll, all staff", 2)]


def test_go_ahead_deletes_and_offers_undo(lines, owner, editor, client_for):
    line = lines[0]
    rewrite(line, owner)
    client = client_for(editor)
    target = line_url("investment_line_delete", line)
    stale = client.post(target, {"version": "1"}, headers=HX)
    response = client.post(target, hidden_fields(stale.content.decode(), target), headers=HX)
    assert_htmx_partial(response, "investment/investment.html#line_deleted")
    assert stored() == [("Platform licence", 1)]


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
@pytest.mark.parametrize("view", ["investment_line_delete", "investment_line_move"])
def test_acting_on_a_line_deleted_meanwhile_says_so(htmx, view, lines, editor, client_for):
    line = lines[0]
    target = line_url(view, line)
    InvestmentLine.objects.filter(pk=line.pk).delete()
    client = client_for(editor)
    response = client.post(target, {"version": "1", "direction": "up"}, headers=HX if htmx else {})
    if htmx:
        assert_htmx_partial(response, "investment/investment.html#line_already_gone")
        assert response["HX-Retarget"] == f"#costs-{line.pk}"
        body = response.content.decode()
    else:
        body = client.get(response["Location"].split("#")[0]).content.decode()
    assert "Someone else deleted this line already" in body


@pytest.mark.parametrize("data", [{}, {"version": "x"}])
def test_a_delete_or_move_without_a_version_changes_nothing(data, lines, editor, client_for):
    client = client_for(editor)
    for view in ("investment_line_delete", "investment_line_move"):
        response = client.post(line_url(view, lines[0]), {**data, "direction": "down"}, headers=HX)
        assert response.status_code == 422
    assert stored() == [("Team payroll", 1), ("Platform licence", 1)]


def test_the_page_sends_each_lines_version(canvas, lines, owner, editor, client_for):
    rewrite(lines[1], owner)
    body = client_for(editor).get(canvas_url("investment", canvas)).content.decode()
    assert hidden_fields(body, line_url("investment_line_delete", lines[1])) == {"version": "2"}
    assert hidden_fields(body, line_url("investment_line_move", lines[1])) == {"version": "2"}
