"""Hostile text in notes, evidence and names prints as text, never as markup, and never fails."""

import pytest
from django.urls import reverse

from canvas.areas import AREAS
from scorecard.models import Answer
from scorecard.services import complete_assessment, record_answer, start_or_resume_assessment
from tests.pdf_support import HOSTILE_TEXTS, LONG_WORD, pdf_pages, squash


@pytest.fixture
def hostile_assessment(org, canvas, owner, questions):
    org.name = "Acme <i>Learning</i> 学习 🎓"
    org.save()
    canvas.title = "Plan <script>alert(1)</script> צוות 🚀"
    canvas.description = HOSTILE_TEXTS["markup"] + "\n" + HOSTILE_TEXTS["rtl"]
    canvas.save()
    for index, area in enumerate(AREAS):
        for text in HOSTILE_TEXTS.values():
            canvas.add_note(area=area.key, text=text, colour="blue" if index % 2 else "", by=owner)
    assessment, _ = start_or_resume_assessment(canvas=canvas, by=owner)
    texts = list(HOSTILE_TEXTS.values())
    for index, question in enumerate(questions):
        record_answer(assessment=assessment, question=question, value=1 + index % 5, by=owner)
        Answer.objects.filter(assessment=assessment, question=question).update(
            evidence=texts[index % len(texts)]
        )
    complete_assessment(assessment=assessment, by=owner)
    return assessment


def test_hostile_content_renders_as_plain_text(client_for, owner, hostile_assessment):
    url = reverse(
        "scorecard_pdf",
        kwargs={
            "org_slug": "acme",
            "canvas_pk": hostile_assessment.canvas_id,
            "pk": hostile_assessment.pk,
        },
    )
    response = client_for(owner).get(url)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    pages = pdf_pages(response.content)
    text = squash(" ".join(pages))
    # Markup is printed as the characters people typed, not interpreted.
    assert squash('<script>alert("x")</script><b>bold?</b>') in text
    assert squash('<img src="file:///etc/passwd">') in text
    assert "root:x:0" not in text
    assert squash("Acme <i>Learning</i> 学习") in squash(pages[0])
    # CJK, emoji-bearing text and right-to-left words come back out of the PDF.
    assert squash("学习与发展团队的价值主张") in text
    assert squash("Learners love it") in text
    assert "צוות" in " ".join(pages) or squash("צוות") in text
    # The 499-character word wraps inside its cell instead of running off the page.
    assert LONG_WORD[:200].casefold() in text.replace("\n", "")


def test_hostile_canvas_prints(client_for, owner, hostile_assessment):
    url = reverse(
        "canvas_pdf", kwargs={"org_slug": "acme", "canvas_pk": hostile_assessment.canvas_id}
    )
    for size in ("a4", "a3"):
        response = client_for(owner).get(url, {"size": size})
        assert response.status_code == 200
        text = squash(" ".join(pdf_pages(response.content)))
        assert squash('<script>alert("x")</script>') in text
        assert squash("한국어 텍스트") in text
