"""The blank workshop form, and the PDF benchmark command."""

import importlib
import io
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from canvas.models import Canvas
from orgs.models import Organization
from scorecard.models import Question
from tests.pdf_support import one_render_per_html, pdf_pages, squash


def blank_url(canvas):
    return reverse("scorecard_blank_pdf", kwargs={"org_slug": "acme", "canvas_pk": canvas.pk})


@pytest.mark.parametrize("role", ["owner", "editor", "viewer"])
def test_any_member_may_print_a_blank_form(client_for, users, canvas, question_set, role):
    response = client_for(users[role]).get(blank_url(canvas))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="acme-learning-self-assessment-blank.pdf"'
    )
    pages = pdf_pages(response.content)
    text = squash(" ".join(pages))
    assert squash("Acme Learning") in squash(pages[0])
    assert squash("Evidence and notes") in text
    for question in Question.objects.filter(area__question_set=question_set):
        assert squash(question.text) in text
    assert squash("Date") in text
    assert squash("Names") in text


def test_the_blank_form_is_refused_to_outsiders_and_anonymous(client_for, outsider, canvas):
    assert client_for(outsider).get(blank_url(canvas)).status_code == 404
    response = client_for(None).get(blank_url(canvas))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_bench_pdf_reports_and_cleans_up(db, question_set):
    out = io.StringIO()
    bench_pdf = importlib.import_module("studio.management.commands.bench_pdf")
    with one_render_per_html(bench_pdf) as rendered:  # warm-up, run and download: one HTML
        call_command("bench_pdf", notes=12, runs=1, no_chromium=True, stdout=out)
    assert len(rendered) >= 1
    report = out.getvalue()
    assert "WeasyPrint (ours): median" in report
    assert "served from the cache" in report
    assert "(304)" in report
    assert not Organization.objects.filter(slug__startswith="bench-pdf").exists()
    assert not get_user_model().objects.filter(username__startswith="bench-pdf").exists()
    assert not Canvas.objects.exists()


def test_bench_pdf_without_pypdf_says_what_to_install(db, monkeypatch):
    """pypdf is a dev extra: a production install gets a message, not an ImportError."""
    monkeypatch.setitem(sys.modules, "pypdf", None)  # `import pypdf` now fails
    monkeypatch.delitem(sys.modules, "studio.management.commands.bench_pdf", raising=False)
    importlib.import_module("studio.management.commands.bench_pdf")  # imports without it
    with pytest.raises(CommandError, match=r"pypdf.*pip install -e '\.\[dev\]'"):
        call_command("bench_pdf", runs=1, no_chromium=True)
    assert not Organization.objects.exists()  # it stopped before building anything
