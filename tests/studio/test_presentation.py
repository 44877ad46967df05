"""The presentation: six area slides in the canvas's telling order, then the summary."""

import pytest
from django.test import Client
from django.urls import reverse

from sharing.services import create_share_link
from studio.presentation import SLIDE_COUNT, SLIDE_ORDER
from tests.helpers import canvas_url

TITLES = [
    "Value proposition",
    "Products &amp; services",
    "Customer segments",
    "Service delivery model",
    "Strategy &amp; governance",
    "Investment &amp; return",
    "Summary",
]


@pytest.fixture
def presented(canvas, owner, take_assessment):
    canvas.add_note(area="value_proposition", text="Skills the business asks for", by=owner)
    canvas.add_note(area="service_delivery", text="Workshops on site", by=owner)
    assessment = take_assessment(canvas, [1, 2, 3, 4, 5, 4] * 10)
    return canvas, assessment


def slide_url(canvas, number):
    return canvas_url("present", canvas, number=number)


def test_the_order_is_the_order_a_canvas_is_told():
    assert [str(key) for key in SLIDE_ORDER] == [
        "value_proposition",
        "products_services",
        "customer_segments",
        "service_delivery",
        "strategy_governance",
        "investment_return",
    ]
    assert SLIDE_COUNT == 7


@pytest.mark.parametrize("role", ["owner", "editor", "viewer"])
def test_every_member_pages_through_all_slides_without_javascript(
    client_for, users, role, presented
):
    canvas, _ = presented
    client = client_for(users[role])
    for number, title in enumerate(TITLES, start=1):
        response = client.get(slide_url(canvas, number))
        assert response.status_code == 200
        body = response.content.decode()
        assert f'<h1 id="slide-title">{title}</h1>' in body
        assert f"{number} of 7" in body
        assert ('rel="prev"' in body) == (number > 1)
        assert ('rel="next"' in body) == (number < 7)
        if number > 1:
            assert slide_url(canvas, number - 1) in body
        if number < 7:
            assert slide_url(canvas, number + 1) in body
        assert canvas_url("board", canvas) in body  # leaving goes back to the board
        assert ' style="' not in body
        assert "js/present.js" in body


def test_an_area_slide_shows_its_notes_score_and_advice(client_for, owner, presented):
    canvas, assessment = presented
    body = client_for(owner).get(slide_url(canvas, 1)).content.decode()
    assert "Skills the business asks for" in body
    assert "Workshops on site" not in body
    from scorecard.services import results_for

    area = results_for(assessment).result.area("value_proposition")
    assert f'<span class="slide-figure">{area.display}</span>' in body
    assert area.advice and area.advice.replace("'", "&#x27;") in body


def test_the_summary_shows_overall_weakest_actions_and_roi(client_for, owner, presented):
    canvas, assessment = presented
    from scorecard.services import results_for

    results = results_for(assessment)
    body = client_for(owner).get(slide_url(canvas, 7)).content.decode()
    assert f'<span class="slide-figure">{results.result.overall_display}</span>' in body
    assert results.result.weakest[0].name.replace("&", "&amp;") in body
    assert "Top actions" in body and "Return on investment" in body
    assert results.checklist[0].action.title.replace("'", "&#x27;")[:30] in body
    assert "ROI isn" in body  # no investment entered: says why there is no ROI


def test_without_an_assessment_the_slides_say_so(client_for, owner, canvas):
    body = client_for(owner).get(slide_url(canvas, 2)).content.decode()
    assert "No completed self-assessment yet" in body


@pytest.mark.parametrize("number", [0, 8])
def test_slides_out_of_range_are_404(client_for, owner, canvas, number):
    assert client_for(owner).get(slide_url(canvas, number)).status_code == 404


def test_the_start_goes_to_slide_one(client_for, owner, canvas):
    response = client_for(owner).get(canvas_url("present_start", canvas))
    assert response.status_code == 302 and response["Location"] == slide_url(canvas, 1)


def test_another_organization_and_anonymous_visitors_cannot_present(client_for, outsider, canvas):
    assert client_for(outsider).get(slide_url(canvas, 1)).status_code == 404
    anonymous = client_for(None).get(slide_url(canvas, 1))
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]


def test_a_share_link_presents_its_pinned_assessment(presented, owner, take_assessment):
    canvas, pinned = presented
    take_assessment(canvas, 5)  # a later one, all fives: the link still shows the pinned one
    link = create_share_link(
        canvas=canvas, by=owner, shows_board=False, assessment=pinned, shows_presentation=True
    )
    from scorecard.services import results_for

    overall = results_for(pinned).result.overall_display
    assert overall != 100
    body = Client().get(reverse("share_present", args=[link.token, 7])).content.decode()
    assert f'<span class="slide-figure">{overall}</span>' in body
    assert reverse("share_home", args=[link.token]) in body  # leaving goes to the link's page
    assert reverse("share_present", args=[link.token, 6]) in body


def test_a_share_link_without_an_assessment_presents_no_scores(canvas, owner, take_assessment):
    take_assessment(canvas, 3)
    link = create_share_link(canvas=canvas, by=owner, shows_presentation=True)
    body = Client().get(reverse("share_present", args=[link.token, 1])).content.decode()
    assert "No self-assessment is shared with this link." in body
    assert "slide-figure" not in body


@pytest.mark.parametrize(
    "values, heading, tag",
    [
        (3, "No single weakest link", "Level at the lowest score"),  # six areas level
        (5, "No single weakest link", "Level at the lowest score"),
        ([5, 5, 5, 4] + [5] * 40, "Lowest-scoring area", "Lowest-scoring area"),
        ([1, 2, 2, 2] + [4] * 40, "Weakest link", "Weakest link"),
    ],
    ids=["six-level", "all-strong", "strong-band", "one-weak"],
)
def test_every_screen_names_the_lowest_area_as_its_band_and_ties_allow(
    client_for, owner, canvas, take_assessment, values, heading, tag
):
    """The results page, shared results and the presentation use the report's words: a
    strong organization has a lowest-scoring area, and six areas level have no single
    weakest link."""
    assessment = take_assessment(canvas, values)
    link = create_share_link(canvas=canvas, by=owner, assessment=assessment, shows_results=True)
    client = client_for(owner)
    kwargs = {"org_slug": canvas.organization.slug, "canvas_pk": canvas.pk}
    pages = {
        "results": client.get(reverse("scorecard_results", kwargs=kwargs | {"pk": assessment.pk})),
        "shared": client.get(reverse("share_results", args=[link.token])),
        "summary": client.get(reverse("present", kwargs=kwargs | {"number": SLIDE_COUNT})),
    }
    for name, response in pages.items():
        text = " ".join(response.content.decode().split())
        assert response.status_code == 200, name
        assert f">{heading}<" in text, name
        if heading != "Weakest link":
            assert "your weakest link" not in text.lower(), name
        if name != "summary":
            assert f'class="weakest-tag">{tag}<' in text, name
    if values == 5:
        assert "Strengthen" not in pages["results"].content.decode()
