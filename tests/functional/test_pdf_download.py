"""A viewer opens an assessment's results, downloads the PDF, and prints the canvas."""

import pytest
from django.urls import reverse

from scorecard.services import ensure_default_question_set, results_for
from studio.sample import build_sample_assessment
from tests.functional.conftest import log_in
from tests.pdf_support import pdf_text

pytestmark = pytest.mark.browser

# Rendering a report takes WeasyPrint a few seconds on a busy 2-core machine; wait for
# the download that long rather than the page's usual ten seconds.
PDF_WAIT_MS = 60_000


def read_text(path) -> str:
    return pdf_text(path.read_bytes())


def test_download_the_self_assessment_pdf_from_the_results(
    page, transactional_db, org, canvas, owner, viewer
):
    ensure_default_question_set()
    assessment = build_sample_assessment(canvas=canvas, by=owner, notes=12)
    weakest = results_for(assessment).result.weakest[0].name
    log_in(page, "viewer")
    page.goto(
        reverse(
            "scorecard_results",
            kwargs={"org_slug": org.slug, "canvas_pk": canvas.pk, "pk": assessment.pk},
        )
    )

    with page.expect_download(timeout=PDF_WAIT_MS) as download_info:
        page.get_by_role("link", name="Download PDF").click()
    download = download_info.value
    assert download.suggested_filename == (
        f"acme-learning-self-assessment-{assessment.completed_at:%Y-%m-%d}.pdf"
    )
    path = download.path()
    assert path.read_bytes().startswith(b"%PDF")
    text = read_text(path)
    assert "Acme Learning" in text
    assert weakest in text

    page.goto(reverse("board", kwargs={"org_slug": org.slug, "canvas_pk": canvas.pk}))
    with page.expect_download(timeout=PDF_WAIT_MS) as download_info:
        page.get_by_role("link", name="Print canvas", exact=True).click()
    poster = download_info.value
    assert poster.suggested_filename.startswith("acme-learning-canvas-acme-academy-")
    assert "Acme Academy" in read_text(poster.path())
