"""The printed self-assessment's page layout, measured: no stranded heading, no
near-empty page, table headers whole; ties and band wording; draft and confidence."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from canvas.areas import AREAS
from scorecard.models import Question, QuestionArea
from scorecard.scoring import AreaScore, Band, action_list, weakest_title
from studio.sample import build_sample_assessment
from tests.pdf_support import pdf_pages

AREA_NAMES = tuple(area.name for area in AREAS)


def pdf_url(assessment):
    return reverse(
        "scorecard_pdf",
        kwargs={
            "org_slug": assessment.canvas.organization.slug,
            "canvas_pk": assessment.canvas_id,
            "pk": assessment.pk,
        },
    )


def body_lines(page: str) -> list[str]:
    """A page's lines without the running footer (its last line)."""
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    return lines[:-1]


def lowest_text(pdf: bytes) -> list[tuple[float, float]]:
    """For each page: (how far down its lowest body text sits, the page height), points."""
    found = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        height = float(page.mediabox.height)
        ys = []

        def visit(text, cm, tm, font, size, ys=ys, height=height):
            y = tm[5] * cm[0] if cm[3] < 0 else height - tm[5]
            if text.strip() and y < height - 50:  # not the footer
                ys.append(y)

        page.extract_text(visitor_text=visit)
        found.append((max(ys, default=0), height))
    return found


@pytest.fixture
def long_report(canvas, owner, question_set):
    """A 29-page report: a question set grown to 12 statements an area, evidence of varied
    lengths up to the most allowed (so headings land all over the page) and 120 notes."""
    for area in QuestionArea.objects.filter(question_set=question_set):
        for n in range(8):
            Question.objects.create(
                area=area,
                text=f"Extra statement {n}: " + "how well we do this " * 6,
                advice="Do this better: " + "a concrete step " * 12,
                position=10 + n,
            )
    assessment = build_sample_assessment(canvas=canvas, by=owner, notes=120)
    for index, answer in enumerate(assessment.answers.order_by("pk")):
        words = "Evidence gathered with store managers and the finance partner. "
        answer.evidence = (words * (3 + (index * 7) % 22))[:1000]
        answer.save(update_fields=["evidence"])
    return assessment


@pytest.mark.slow
def test_a_long_report_strands_no_heading_leaves_no_page_nearly_empty_nor_breaks_a_header(
    client_for, owner, long_report
):
    """One test for the three, as the 29 pages take seconds to render."""
    pdf = client_for(owner).get(pdf_url(long_report)).content
    pages = pdf_pages(pdf)
    assert len(pages) == 29
    for number, page in enumerate(pages, 1):
        lines = body_lines(page)
        last = lines[-1] if lines else ""
        assert not last.startswith("Confidence:"), number
        assert not (last.startswith(AREA_NAMES) and "/ 100" in last), (number, last)
        assert last not in ("Area by area", "Everything to do next", "Investment & return"), number
    # Every page but the last of the portrait part and the landscape canvas is at
    # least half full.
    portrait = [(low, height) for low, height in lowest_text(pdf) if height > 800]
    for number, (low, height) in enumerate(portrait[:-1], 1):
        assert low > height * 0.5, f"page {number} is nearly empty"
    # Table headers never break inside a word.
    checklist = next(page for page in pages if "Everything to do next" in page)
    words = checklist.split()
    assert "Done" in words and "Don" not in words


def area(key, score, band_name=None):
    return AreaScore(
        key=key,
        name=key.title(),
        score=score,
        answered=4,
        not_sure=0,
        total=4,
        low_confidence=False,
        advice=f"Advice for {key}.",
    )


def test_three_or_more_level_at_the_bottom_are_not_each_the_weakest_link():
    title = weakest_title("Service delivery", tied=3, overall_band=Band.MIDDLE)
    assert "weakest link" not in title
    assert "one of 3 areas level at the lowest score" in title
    actions = action_list([], {}, [area("a", 40), area("b", 40), area("c", 40)], Band.MIDDLE)
    assert all("weakest link" not in action.title for action in actions)


def test_a_strong_organization_is_not_told_to_strengthen_its_weakest_link():
    for tied in (1, 2, 3):
        title = weakest_title("Strategy", tied=tied, overall_band=Band.HIGH)
        assert "strengthen" not in title.lower()
        assert "weakest link" not in title
    assert weakest_title("Strategy", tied=1, overall_band=Band.LOW).startswith("Strengthen")


def test_page_one_of_a_three_way_tie(client_for, owner, canvas, take_assessment):
    assessment = take_assessment(canvas, 3)  # every area level
    first = pdf_pages(client_for(owner).get(pdf_url(assessment)).content)[0]
    assert "No single weakest link" in first
    assert "6 areas share the lowest score" in first
    assert "your weakest link" not in first


def test_draft_and_low_confidence_say_so_on_page_one(client_for, owner, canvas, take_assessment):
    values = [0, 0, 0, 4] + [4] * 30  # the first area mostly "not sure"
    draft = take_assessment(canvas, values, complete=False)
    first = " ".join(pdf_pages(client_for(owner).get(pdf_url(draft)).content)[0].split())
    assert "Draft. This assessment is not complete" in first
    assert "Low confidence in" in first


def test_statements_answered_match_the_area_table(client_for, owner, canvas, take_assessment):
    values = [0, 4, 4, 4, 2, 0, 5, 3] + [4] * 30  # two "not sure"
    assessment = take_assessment(canvas, values)
    from scorecard.services import results_for

    results = results_for(assessment)
    assert results.result.answered == sum(row.score.responded for row in results.areas)
    first = " ".join(pdf_pages(client_for(owner).get(pdf_url(assessment)).content)[0].split())
    assert f"{results.result.answered} of {results.result.total} statements answered" in first
    assert "2 of them “not sure”" in first


def test_the_radar_draws_the_previous_shape_dashed(client_for, owner, canvas, take_assessment):
    take_assessment(canvas, 2)
    assessment = take_assessment(canvas, 4)
    from scorecard.services import results_for

    radar = results_for(assessment).radar
    assert radar.previous_shape and radar.previous_shape != radar.shape
    first = pdf_pages(client_for(owner).get(pdf_url(assessment)).content)[0]
    assert "Dashed on the chart" in first
