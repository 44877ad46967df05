"""The printed self-assessment: what page 1 says, what follows, who may download it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from canvas.areas import AREAS
from core.templatetags.formats import money_print
from investment.demo import load_investment_demo
from investment.models import InvestmentLine, InvestmentSettings
from investment.services import load_investment
from scorecard.models import Answer, Assessment, Question, QuestionArea
from scorecard.services import results_for
from studio.printing import assessment_printout
from studio.sample import build_sample_assessment
from tests.pdf_support import counting_renders, page_sizes, pdf_pages, pdf_text, squash


@pytest.fixture
def sample(canvas, owner, question_set):
    """A completed assessment of a canvas with 60 notes, investment lines and an earlier one."""
    return build_sample_assessment(canvas=canvas, by=owner, notes=60)


def pdf_url(assessment):
    return reverse(
        "scorecard_pdf",
        kwargs={
            "org_slug": assessment.canvas.organization.slug,
            "canvas_pk": assessment.canvas_id,
            "pk": assessment.pk,
        },
    )


def download(client, assessment, **headers):
    return client.get(pdf_url(assessment), headers=headers)


def test_the_pdf_prints_what_an_executive_needs(client_for, owner, sample):
    response = download(client_for(owner), sample)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    day = sample.completed_at.date()
    assert response["Content-Disposition"] == (
        f'attachment; filename="acme-learning-self-assessment-{day:%Y-%m-%d}.pdf"'
    )
    results = results_for(sample)
    weakest = results.result.weakest[0]
    top_action = results.checklist[0].action
    evidence = next(q.evidence for row in results.areas for q in row.questions if q.evidence)
    text = squash(pdf_text(pdf))
    assert squash("Acme Learning") in text
    assert squash(f"{results.result.overall_display} / 100") in text
    assert squash(weakest.name) in text
    assert squash(top_action.title) in text
    assert squash(evidence) in text


def test_page_one_is_the_executive_summary_on_one_page(client_for, owner, sample):
    pages = pdf_pages(download(client_for(owner), sample).content)
    results = results_for(sample)
    first = squash(pages[0])

    for words in (
        "Acme Learning",
        "Acme Academy",
        f"{sample.completed_at:%-d %B %Y}",
        "Taken by Owner",
        "Overall score",
        f"{results.result.overall_display}/ 100",
        "Weakest link",
        results.result.weakest[0].name,
        "Top three actions",
        f"Investment & return when assessed ({sample.completed_at:%-d %b %Y}), Fiscal year 2027",
        "Total investment",
        "Hidden share",
        "ROI",
        f"from {results.comparison.overall.before} on",  # change since last time
        "Behind this page",  # the summary's last element
    ):
        assert squash(words) in first, words
    for item in results.checklist[:3]:
        assert squash(item.action.title)[:40] in first
    # The radar is the same SVG as on screen: every area's name is drawn on page 1.
    for area in AREAS:
        assert all(squash(part) in first for part in area.name.split())
    second = pages[1]
    assert second.lstrip().startswith("Area by area")
    assert "Behind this page" not in second
    assert "Top three actions" not in second


def test_the_details_follow_the_summary(client_for, owner, sample):
    pdf = download(client_for(owner), sample).content
    pages = pdf_pages(pdf)
    text = squash(" ".join(pages))
    for row in results_for(sample).areas:
        assert squash(row.name) in text
        assert squash(row.questions[0].text) in text
    for words in ("Everything to do next", "Direct investment", "Hidden investment"):
        assert squash(words) in text
    assert squash("Learning team payroll (9 people, with benefits)") in text
    assert squash("The canvas as it was when assessed") in text
    # Each of the 60 notes printed, none cut off, in the board's shape on one A4 sheet.
    for note in sample.canvas_snapshot["areas"][0]["notes"]:
        assert squash(note["text"]) in text
    sizes = page_sizes(pdf)
    width, height = sizes[0]
    assert height > width  # the summary and details are portrait
    landscape = [i for i, (w, h) in enumerate(sizes) if w > h]
    assert squash("The canvas as it was when assessed") in squash(pages[landscape[0]])
    assert landscape == [len(pages) - 1]
    sheet = squash(pages[-1])
    for row in results_for(sample).areas:
        assert squash(row.name) in sheet
        assert squash(f"{row.score.display} of 100") in sheet  # the assessed score, in its area


def test_investment_prints_as_it_was_when_assessed(client_for, owner, sample):
    """The figures stored at completion print; a changed line since doesn't, and a short
    line on page 1 and on the investment page says today's differ, and by how much."""
    completed = f"{timezone.localtime(sample.completed_at):%-d %b %Y}"
    heading = squash(f"Investment & return when assessed ({completed}), Fiscal year 2027")
    before = pdf_pages(download(client_for(owner), sample).content)
    assert heading in squash(before[0])
    assert "differ" not in " ".join(before)
    stored = results_for(sample).snapshot["investment"]
    first = InvestmentLine.objects.filter(canvas=sample.canvas).order_by("position").first()
    first.label = "Renamed after the assessment"
    first.amount = (first.amount or 0) + 1000
    first.save()

    pages = pdf_pages(download(client_for(owner), sample).content)
    assert heading in squash(pages[0])
    assert squash("Today's figures differ from these") in squash(pages[0])
    details = squash(" ".join(pages[1:]))
    assert stored["investment_lines"][0]["label"] in " ".join(pages[1:])
    assert "Renamed after the assessment" not in " ".join(pages)
    today = load_investment(sample.canvas).figures
    assert squash(f"Today's figures differ: {money_print(today.total_investment, 'EUR')}") in (
        details
    )


def test_an_assessment_that_kept_no_figures_prints_todays(client_for, owner, sample):
    """Assessments completed before they kept figures print today's, and say so."""
    snapshot = dict(sample.canvas_snapshot)
    del snapshot["investment"]
    Assessment.objects.filter(pk=sample.pk).update(canvas_snapshot=snapshot)
    pages = pdf_pages(download(client_for(owner), sample).content)
    today = timezone.localdate()
    heading = squash(f"Investment & return today ({today:%-d %b %Y}), Fiscal year 2027")
    assert heading in squash(pages[0])
    assert squash("completed before assessments kept their figures") in squash(" ".join(pages))


def test_the_stored_figures_read_back_as_they_were(owner, sample):
    """What an assessment keeps rebuilds the very lines and figures it read."""
    from investment.services import investment_from_record, investment_record

    now = load_investment(sample.canvas)
    again = investment_from_record(investment_record(sample.canvas))
    assert again.figures == now.figures
    assert [line.cost for line in again.investment_lines] == [
        line.cost for line in now.investment_lines
    ]
    assert [line.get_kind_display() for line in again.return_lines] == [
        line.get_kind_display() for line in now.return_lines
    ]


def test_the_snapshot_is_printed_not_the_canvas_as_edited_since(client_for, owner, sample):
    sample.canvas.add_note(area="value_proposition", text="Added after the assessment", by=owner)
    text = pdf_text(download(client_for(owner), sample).content)
    assert "Added after the assessment" not in text


def test_page_one_stays_one_page_with_the_longest_words_allowed(
    client_for, owner, org, canvas, question_set, take_assessment
):
    org.name = "Acme Learning and Development Services for Operations, Retail, Warehousing " + (
        "and Corporate Functions"
    )
    org.save()
    canvas.title = "T" * 60 + " " + "Long canvas title " * 3
    canvas.save()
    QuestionArea.objects.filter(question_set=question_set).update(
        advice_low="Advise at length. " * 55  # 990 characters per area
    )
    Question.objects.filter(area__question_set=question_set).update(
        text="Statement " * 29 + "end.", advice="Question advice at length. " * 37
    )
    load_investment_demo(canvas, by=owner)
    InvestmentSettings.objects.filter(canvas=canvas).update(
        period_label="P" * 25 + " period" * 5
    )  # 60, the most allowed
    assessment = take_assessment(canvas, 1)  # every area ties as the weakest link
    # Figures changed since completion: page 1 gets its line more.
    InvestmentSettings.objects.filter(canvas=canvas).update(employee_headcount=12345)
    pdf = download(client_for(owner), assessment).content
    pages = pdf_pages(pdf)
    assert "Behind this page" in pages[0]
    assert squash("6 areas share the lowest score, 0 / 100") in squash(pages[0])
    # The longest period label is cut short on page 1; the date it is labelled with is not.
    completed = timezone.localtime(assessment.completed_at)
    assert squash(f"Investment & return when assessed ({completed:%-d %b %Y}), PPPP") in squash(
        pages[0]
    )
    assert squash("Today's figures differ from these") in squash(pages[0])
    assert pages[1].lstrip().startswith("Area by area")


def test_a_draft_prints_with_a_draft_mark(client_for, editor, draft, questions):
    Answer.objects.filter(assessment=draft, question=questions[0]).update(
        value=4, evidence="Seen in the April survey."
    )
    response = download(client_for(editor), draft)
    assert response.status_code == 200
    assert "-self-assessment-draft-" in response["Content-Disposition"]
    pages = pdf_pages(response.content)
    assert "Draft" in pages[0]
    assert "Not complete" in pages[0]
    assert squash("Change since last time shows once it is complete") in squash(pages[0])
    assert all("DRAFT" in page for page in pages)  # in every page's footer
    text = squash(" ".join(pages))
    assert squash("Seen in the April survey.") in text
    assert squash("The canvas as it stands now") in text


def test_a_complete_assessment_has_no_draft_mark(client_for, owner, sample):
    text = pdf_text(download(client_for(owner), sample).content)
    assert "DRAFT" not in text
    assert "Not complete" not in text


@pytest.mark.parametrize("role", ["owner", "editor", "viewer"])
def test_every_member_may_download(client_for, users, sample, role):
    response = download(client_for(users[role]), sample)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_an_outsider_gets_a_404(client_for, outsider, sample):
    assert download(client_for(outsider), sample).status_code == 404


def test_anonymous_people_are_sent_to_log_in(client_for, sample):
    response = download(client_for(None), sample)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_another_canvas_assessment_is_a_404(client_for, owner, sample, make_canvas):
    other = make_canvas("Other")
    url = reverse(
        "scorecard_pdf", kwargs={"org_slug": "acme", "canvas_pk": other.pk, "pk": sample.pk}
    )
    assert client_for(owner).get(url).status_code == 404


def test_only_get_and_head(client_for, owner, sample):
    assert client_for(owner).post(pdf_url(sample)).status_code == 405


def test_an_unchanged_assessment_is_rendered_once(client_for, owner, sample):
    client = client_for(owner)
    with counting_renders() as renders:
        first = download(client, sample)
        second = download(client, sample)
    assert first.content == second.content
    assert first["ETag"] == second["ETag"]
    assert len(renders) == 1  # the second came from the cache
    assert "private" in first["Cache-Control"]
    assert "no-cache" in first["Cache-Control"]


def test_a_conditional_get_answers_304_without_rendering(client_for, viewer, sample):
    client = client_for(viewer)
    with counting_renders() as renders:
        etag = download(client, sample)["ETag"]
        not_modified = download(client, sample, if_none_match=etag)
        weak = download(client, sample, if_none_match=f"W/{etag}")
        other = download(client, sample, if_none_match='"something-else"')
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == etag
    assert weak.status_code == 304
    assert other.status_code == 200  # served from the cache, not rendered again
    assert len(renders) == 1


def test_the_etag_is_checked_after_access(client_for, outsider, owner, sample):
    etag = download(client_for(owner), sample)["ETag"]
    assert download(client_for(outsider), sample, if_none_match=etag).status_code == 404


def test_changed_content_is_rendered_again(client_for, editor, draft, questions):
    client = client_for(editor)
    with counting_renders() as renders:
        before = download(client, draft)
        Answer.objects.filter(assessment=draft, question=questions[0]).update(value=5)
        after = download(client, draft, if_none_match=before["ETag"])
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert len(renders) == 2


def test_the_printout_reads_in_constant_queries(
    owner, org, make_canvas, question_set, django_assert_max_num_queries
):
    def printout_queries(notes):
        canvas = make_canvas(f"Canvas {notes}")
        assessment = build_sample_assessment(canvas=canvas, by=owner, notes=notes)
        assessment = Assessment.objects.select_related(
            "question_set", "started_by", "completed_by", "canvas__organization"
        ).get(pk=assessment.pk)
        with django_assert_max_num_queries(12) as captured:
            assessment_printout(assessment=assessment, organization=org)
        return len(captured)

    assert printout_queries(6) == printout_queries(60)
