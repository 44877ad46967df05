"""The trash across the apps: no page of any app reaches a canvas in the trash, the delete
confirmation counts what goes with it, and a restored canvas comes back whole."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from canvas.models import Canvas
from canvas.services import trash_canvas
from customers.models import JourneyStage, Persona, Segment
from indicators.models import Indicator, Reading
from investment.models import InvestmentLine, InvestmentSettings, ReturnLine
from orgs.models import Membership
from pulse.models import Comment, Pulse
from pulse.models import Response as PulseResponse
from scorecard.models import Answer, Assessment, Question
from scorecard.services import start_or_resume_assessment
from sharing.services import create_share_link
from studio.demo import load_demo
from tests.helpers import HX, canvas_url
from tests.pdf_support import stand_in_renders


def canvas_routes():
    """Every route under a canvas (its pattern has `canvas_pk`), apart from the trash's own."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                if "<int:canvas_pk>" in route and "trash/" not in route:
                    yield pattern.name, route

    return sorted(set(walk(get_resolver().url_patterns)))


@pytest.fixture
def demo(db, take_assessment):
    """The demo canvas, with everything on it, and a completed self-assessment."""
    organization, canvas, _ = load_demo()
    owner = Membership.objects.get(organization=organization, role="owner").user
    editor = Membership.objects.get(organization=organization, role="editor").user
    completed = take_assessment(canvas, 4, by=editor)
    link = create_share_link(canvas=canvas, by=owner, shows_presentation=True)
    return {
        "canvas": canvas,
        "owner": owner,
        "editor": editor,
        "assessment": completed,
        "link": link,
    }


def real_url(route: str, demo) -> str:
    """The route filled with the demo's real records, so only the trash can make it a 404."""
    canvas = demo["canvas"]
    persona = Persona.objects.filter(segment__canvas=canvas, stages__isnull=False).first()
    pulse = Pulse.objects.filter(canvas=canvas).first()  # the demo's
    typed = Indicator.objects.filter(canvas=canvas, fills_from="").first()  # readings typed in
    ids = {
        "org_slug": canvas.organization.slug,
        "canvas_pk": canvas.pk,
        "note_pk": canvas.notes.first().pk,
        "pk": demo["assessment"].pk,
        "question_pk": Question.objects.filter(area__question_set=demo["assessment"].question_set)
        .first()
        .pk,
        "segment_pk": persona.segment_id,
        "persona_pk": persona.pk,
        "stage_pk": persona.stages.first().pk,
        "section": "costs",
        "line_pk": InvestmentLine.objects.filter(canvas=canvas).first().pk,
        "pulse_pk": pulse.pk,
        "comment_pk": Comment.objects.filter(pulse=pulse).first().pk,
        "link_pk": demo["link"].pk,
        "number": 1,
        "indicator_pk": typed.pk,
        "reading_pk": typed.readings.first().pk,
    }
    path = re.sub(r"<\w+:(\w+)>", lambda match: str(ids[match[1]]), route)
    return "/" + path


def test_every_app_has_routes_under_a_canvas():
    names = {name for name, _ in canvas_routes()}
    for expected in (
        "board",
        "indicators",
        "canvas_pdf",
        "canvas_duplicate",
        "segment_list",
        "investment",
        "scorecard_history",
        "scorecard_results",
        "scorecard_pdf",
    ):
        assert expected in names


@pytest.mark.slow
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_no_page_of_any_app_reaches_a_canvas_in_the_trash(demo, client, method, htmx):
    client.force_login(demo["owner"])
    headers = HX if htmx else {}
    routes = [(name, real_url(route, demo)) for name, route in canvas_routes()]
    if method == "get":  # with the canvas live, every page it has is found
        with stand_in_renders():  # what the PDFs print is for their own tests
            live = {name: client.get(url, headers=headers).status_code for name, url in routes}
        assert 404 not in live.values(), live
    trash_canvas(canvas=demo["canvas"], by=demo["owner"])
    before = Canvas.everything.get(pk=demo["canvas"].pk).version
    for name, url in routes:
        response = getattr(client, method)(url, headers=headers)
        assert response.status_code in (404, 405), (name, response.status_code)
    assert Canvas.everything.count() == 1
    assert Canvas.everything.get(pk=demo["canvas"].pk).version == before


def test_delete_confirmation_counts_what_goes_with_the_canvas(demo, client):
    canvas = demo["canvas"]
    start_or_resume_assessment(canvas=canvas, by=demo["editor"])
    client.force_login(demo["owner"])
    page = client.get(canvas_url("canvas_delete", canvas)).content.decode()
    items = re.findall(r"<li>([^<]*)</li>", page.split('class="tally"')[1].split("</ul>")[0])
    expected = [
        f"{canvas.notes.count()} notes",
        "1 completed self-assessment",
        "1 self-assessment in progress",
        f"{Segment.objects.filter(canvas=canvas).count()} customer segments",
        f"{Persona.objects.filter(segment__canvas=canvas).count()} personas",
        f"{JourneyStage.objects.filter(persona__segment__canvas=canvas).count()} journey stages",
        f"{InvestmentLine.objects.filter(canvas=canvas).count()} cost lines",
        f"{ReturnLine.objects.filter(canvas=canvas).count()} return lines",
        "1 stakeholder pulse",
        f"{PulseResponse.objects.filter(pulse__canvas=canvas).count()} pulse responses",
        f"{Indicator.objects.filter(canvas=canvas).count()} indicators",
        f"{Reading.objects.filter(indicator__canvas=canvas).count()} indicator readings",
        "1 share link",
    ]
    assert items == expected
    assert all(not item.startswith("0 ") for item in items)


def test_an_empty_canvas_says_so(owner, canvas, client_for):
    page = client_for(owner).get(canvas_url("canvas_delete", canvas)).content.decode()
    assert "It's empty" in page


def holdings(canvas):
    """Everything a canvas holds, as plain values."""
    return {
        "canvas": Canvas.everything.filter(pk=canvas.pk).values_list(
            "title", "description", "value_kinds", "version"
        )[0],
        "notes": list(canvas.notes.values_list("area", "position", "text", "colour")),
        "assessments": list(
            Assessment.objects.filter(canvas=canvas).values_list(
                "pk", "completed_at", "area_scores", "overall_score", "canvas_snapshot"
            )
        ),
        "answers": Answer.objects.filter(assessment__canvas=canvas).count(),
        "segments": list(Segment.objects.filter(canvas=canvas).values_list("name", "position")),
        "personas": Persona.objects.filter(segment__canvas=canvas).count(),
        "stages": JourneyStage.objects.filter(persona__segment__canvas=canvas).count(),
        "costs": list(InvestmentLine.objects.filter(canvas=canvas).values_list("label", "amount")),
        "returns": list(ReturnLine.objects.filter(canvas=canvas).values_list("label", "amount")),
        "settings": list(InvestmentSettings.objects.filter(canvas=canvas).values()),
        "indicators": list(Indicator.objects.filter(canvas=canvas).values()),
        "readings": list(Reading.objects.filter(indicator__canvas=canvas).values()),
    }


def test_a_restored_canvas_comes_back_whole_with_its_assessment_history(demo, client):
    canvas, owner = demo["canvas"], demo["owner"]
    before = holdings(canvas)
    assert before["assessments"] and before["answers"] and before["stages"] and before["costs"]
    client.force_login(owner)
    client.post(canvas_url("canvas_delete", canvas))
    assert client.get(canvas_url("scorecard_history", canvas)).status_code == 404
    org_slug = canvas.organization.slug
    client.post(reverse("canvas_restore", kwargs={"org_slug": org_slug, "canvas_pk": canvas.pk}))
    assert holdings(canvas) == before
    results = client.get(canvas_url("scorecard_results", canvas, pk=demo["assessment"].pk))
    assert results.status_code == 200
    assert client.get(canvas_url("segment_list", canvas)).status_code == 200
