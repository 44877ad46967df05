"""The self-assessment PDF with the stakeholder pulse: one line on page 1, a page of results,
both as stored when the assessment was completed."""

from datetime import timedelta

import pytest
from django.urls import reverse

from pulse.models import Pulse
from pulse.services import close_pulse
from studio.assessments import PULSE_KEY
from studio.sample import build_sample_assessment
from tests.pdf_support import pdf_pages, squash


def pdf_url(assessment):
    return reverse(
        "scorecard_pdf",
        kwargs={
            "org_slug": assessment.canvas.organization.slug,
            "canvas_pk": assessment.canvas_id,
            "pk": assessment.pk,
        },
    )


@pytest.fixture
def closed_pulse(canvas, make_pulse, respond, editor):
    pulse = make_pulse(canvas)
    respond(pulse, 6, group="learners", score=2, comment="Never printed")
    respond(pulse, 5, group="line_managers", score=3)
    respond(pulse, 4, group="senior_leaders", score=4)
    close_pulse(pulse=pulse, by=editor)
    return pulse


def test_completing_stores_the_latest_closed_pulse(canvas, owner, question_set, closed_pulse):
    assessment = build_sample_assessment(canvas=canvas, by=owner, notes=6)
    record = assessment.canvas_snapshot[PULSE_KEY]
    assert record["pulse_id"] == closed_pulse.pk
    assert record["responses"] == 15
    assert [group["label"] for group in record["groups"]] == ["Learners"]
    assert record["others"]["count"] == 9  # line managers + senior leaders (4 alone)
    assert "Never printed" not in str(record)  # comments are not kept


def test_open_revoked_or_small_pulses_are_not_used(
    canvas,
    owner,
    editor,
    question_set,
    make_pulse,
    respond,
):
    open_one = make_pulse(canvas)
    respond(open_one, 10)
    small = make_pulse(canvas)
    respond(small, 4)
    close_pulse(pulse=small, by=editor)
    assessment = build_sample_assessment(canvas=canvas, by=owner, notes=6)
    assert assessment.canvas_snapshot[PULSE_KEY] is None
    # A pulse whose closing day passed counts as closed.
    Pulse.objects.filter(pk=open_one.pk).update(
        closes_on=canvas.organization.today() - timedelta(days=1)
    )
    later = build_sample_assessment(canvas=canvas, by=owner, notes=0)
    assert later.canvas_snapshot[PULSE_KEY]["pulse_id"] == open_one.pk


def test_the_pdf_says_it_on_page_1_and_adds_a_page(
    canvas,
    owner,
    question_set,
    closed_pulse,
    client_for,
    respond,
):
    assessment = build_sample_assessment(canvas=canvas, by=owner, notes=30)
    pdf = client_for(owner).get(pdf_url(assessment)).content
    pages = pdf_pages(pdf)
    first = squash(pages[0])
    team = round(assessment.overall_score)
    assert squash(f"Our stakeholders score us 47; we score ourselves {team}") in first
    assert squash("the widest gap is") in first
    pulse_pages = [i for i, page in enumerate(pages) if "What stakeholders said" in page]
    assert len(pulse_pages) == 1
    page = squash(pages[pulse_pages[0]])
    assert squash("Learners (6)") in page
    assert squash("Other groups together (9)") in page
    assert squash("Senior leaders") not in page
    assert squash("Never printed") not in squash(" ".join(pages))

    # More answers after completion don't change the printout.
    closed_pulse.closed_at = None
    closed_pulse.save()
    respond(closed_pulse, 20, group="senior_leaders", score=5)
    close_pulse(pulse=closed_pulse, by=owner)
    again = client_for(owner).get(pdf_url(assessment)).content
    assert pdf_pages(again) == pages


def test_page_1_still_fits_on_one_page_with_the_pulse_line(
    canvas, owner, question_set, closed_pulse, client_for
):
    assessment = build_sample_assessment(canvas=canvas, by=owner, notes=60)
    pages = pdf_pages(client_for(owner).get(pdf_url(assessment)).content)
    assert "Our stakeholders score us" in pages[0].replace("\n", " ")
    assert "Area by area" not in pages[0]
    assert "Top three actions" in pages[0].replace("\n", " ")


def test_an_assessment_without_a_pulse_prints_as_before(canvas, owner, question_set, client_for):
    assessment = build_sample_assessment(canvas=canvas, by=owner, notes=6)
    assert assessment.canvas_snapshot[PULSE_KEY] is None
    text = " ".join(pdf_pages(client_for(owner).get(pdf_url(assessment)).content))
    assert "stakeholders" not in text.lower()
