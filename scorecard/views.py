"""The self-assessment: history, taking it (htmx or one plain form post), results, actions."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import normalize_newlines
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from canvas.access import get_canvas
from canvas.areas import AREAS_BY_KEY
from core.pdf import pdf_download
from core.versioning import Conflict, describe_conflict, rebind_to_current_version
from scorecard.charts import trend
from scorecard.forms import EvidenceForm, RatingForm, TickForm
from scorecard.models import Answer, Assessment, Question
from scorecard.printing import blank_form, blank_pdf_filename
from scorecard.scoring import display_score
from scorecard.services import (
    AssessmentCompleted,
    complete_assessment,
    person_name,
    record_answer,
    results_for,
    save_evidence,
    set_areas,
    start_or_resume_assessment,
    tick_action,
)

RATING_OPTIONS = [(value, label) for value, label in Answer.SCALE] + [(Answer.NOT_SURE, "Not sure")]
STATUS = {"invalid": 422, "conflict": 409}  # of a form post that saved not everything


def _get_assessment(request, org_slug, canvas_pk, pk, *, edit=False):
    """An assessment of a canvas of the user's organization (outsiders 404, viewers 403)."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=edit)
    assessment = (
        Assessment.objects.filter(canvas=canvas, pk=pk)
        .select_related("question_set", "started_by", "completed_by")
        .first()
    )
    if assessment is None:
        raise Http404("No such assessment.")
    assessment.canvas = canvas
    return assessment, membership


def _require_draft(assessment: Assessment) -> None:
    if assessment.is_complete:
        raise AssessmentCompleted(
            "This assessment is complete, so its answers can't change any more. "
            "Start a new assessment to record what has changed."
        )


def _urls(assessment: Assessment) -> dict[str, str]:
    kwargs = {
        "org_slug": assessment.canvas.organization.slug,
        "canvas_pk": assessment.canvas_id,
        "pk": assessment.pk,
    }
    return {
        name: reverse(f"scorecard_{name}", kwargs=kwargs)
        for name in ("take", "complete", "results", "tick")
    }


# History and starting ------------------------------------------------------------------------


def assessment_history(request, org_slug, canvas_pk):
    """Every assessment of a canvas, a trend of the overall score, and a way to start one."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    assessments = list(
        Assessment.objects.filter(canvas=canvas)
        .select_related("started_by", "completed_by", "question_set")
        .order_by("-started_at", "-pk")
    )
    for assessment in assessments:
        assessment.canvas = canvas
        assessment.overall_display = display_score(assessment.overall_score)
        assessment.taken_by = person_name(assessment.started_by)
    completed = sorted((a for a in assessments if a.is_complete), key=lambda a: a.completed_at)
    draft = next((a for a in assessments if not a.is_complete), None)
    if draft is not None and membership.can_edit:
        draft.progress = _progress(draft)
    context = {
        "canvas": canvas,
        "membership": membership,
        "assessments": assessments,
        "draft": draft,
        "trend": trend([(f"{a.completed_at:%d %b %Y}", a.overall_display) for a in completed]),
    }
    return TemplateResponse(request, "scorecard/history.html", context)


@require_POST
def assessment_start(request, org_slug, canvas_pk):
    """Start an assessment of the canvas, or resume the one in progress."""
    canvas, _ = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    assessment, created = start_or_resume_assessment(canvas=canvas, by=request.user)
    if not created:
        messages.info(request, "An assessment is already in progress; carry on where it stands.")
    return redirect("scorecard_take", org_slug=org_slug, canvas_pk=canvas.pk, pk=assessment.pk)


# Taking it ---------------------------------------------------------------------------------


@dataclass
class QuestionItem:
    question: Question
    answer: Answer
    evidence_form: EvidenceForm
    conflict: Conflict | None = None
    rating_error: str = ""
    saved: bool = False

    @property
    def answer_url(self) -> str:
        return self._url("scorecard_answer")

    @property
    def evidence_url(self) -> str:
        return self._url("scorecard_evidence")

    def _url(self, name: str) -> str:
        assessment = self.answer.assessment
        return reverse(
            name,
            kwargs={
                "org_slug": assessment.canvas.organization.slug,
                "canvas_pk": assessment.canvas_id,
                "pk": assessment.pk,
                "question_pk": self.question.pk,
            },
        )


@dataclass
class AreaSection:
    key: str
    name: str
    hint: str
    items: list[QuestionItem] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return sum(1 for item in self.items if item.answer.value is not None)


def _evidence_form(answer: Answer) -> EvidenceForm:
    return EvidenceForm(
        prefix=f"q{answer.question_id}",
        initial={"evidence": answer.evidence, "version": answer.version},
    )


def _answers(assessment: Assessment) -> dict[int, Answer]:
    answers = {}
    for answer in assessment.answers.select_related("answered_by"):
        answer.assessment = assessment
        answers[answer.question_id] = answer
    return answers


def _sections(assessment: Assessment, answers: dict[int, Answer]) -> list[AreaSection]:
    sections = []
    for area in set_areas(assessment.question_set):
        section = AreaSection(
            key=area.area, name=area.get_area_display(), hint=AREAS_BY_KEY[area.area].hint
        )
        for question in area.questions.all():
            answer = answers.get(question.pk) or Answer(
                assessment=assessment, question=question, version=1
            )
            answer.assessment = assessment
            section.items.append(
                QuestionItem(question=question, answer=answer, evidence_form=_evidence_form(answer))
            )
        sections.append(section)
    return sections


@dataclass(frozen=True)
class Progress:
    answered: int
    total: int

    @property
    def unanswered(self) -> int:
        return self.total - self.answered

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 0


def _progress_of(sections: list[AreaSection]) -> Progress:
    return Progress(
        answered=sum(section.answered for section in sections),
        total=sum(len(section.items) for section in sections),
    )


def _progress(assessment: Assessment) -> Progress:
    total = Question.objects.filter(area__question_set_id=assessment.question_set_id).count()
    answered = assessment.answers.filter(value__isnull=False).count()
    return Progress(answered=answered, total=total)


def _take_response(
    request,
    assessment,
    membership,
    sections,
    *,
    status=200,
    confirm_complete=False,
    not_completed=False,
):
    context = {
        "assessment": assessment,
        "canvas": assessment.canvas,
        "membership": membership,
        "sections": sections,
        "progress": _progress_of(sections),
        "rating_options": RATING_OPTIONS,
        "urls": _urls(assessment),
        "confirm_complete": confirm_complete,
        "not_completed": not_completed,
        "attention": _needs_attention(sections) if not_completed else [],
    }
    return TemplateResponse(request, "scorecard/take.html", context, status=status)


def _needs_attention(sections: list[AreaSection]) -> list[QuestionItem]:
    """The statements a whole-form post stopped on: a rating or note to fix, or a conflict."""
    return [
        item
        for item in _items(sections)
        if item.conflict or item.rating_error or item.evidence_form.errors
    ]


@require_http_methods(["GET", "POST"])
def assessment_take(request, org_slug, canvas_pk, pk):
    """The assessment page. GET shows it; POST saves the whole form (for pages without JS).

    A POST with `complete` also completes the assessment (after a warning when
    answers are missing).
    """
    assessment, membership = _get_assessment(request, org_slug, canvas_pk, pk, edit=True)
    if assessment.is_complete:
        return redirect(_urls(assessment)["results"])
    answers = _answers(assessment)
    sections = _sections(assessment, answers)
    if request.method == "GET":
        return _take_response(request, assessment, membership, sections)

    outcome = _save_changes(request, assessment, sections)
    completing = "complete" in request.POST or "confirm" in request.POST
    if outcome != "saved":
        return _take_response(
            request,
            assessment,
            membership,
            sections,
            status=STATUS[outcome],
            not_completed=completing,
        )
    if completing:
        return _complete(request, assessment, membership, sections)
    messages.success(request, "Your answers are saved.")
    return redirect(_urls(assessment)["take"])


def _save_changes(request, assessment, sections) -> str:
    """Save what this person changed on the page: "saved", "invalid" or "conflict".

    The page posts every rating and note, with what it showed (`-shown`,
    `-evidence_shown`). Only what differs from that is this person's change;
    everything else may be older than what others saved meanwhile, and stays.
    """
    invalid = conflicted = False
    for item in _items(sections):
        prefix = f"q{item.question.pk}"
        rating = RatingForm(request.POST, prefix=prefix)
        shown = request.POST.get(f"{prefix}-shown", "")
        if rating.is_valid():
            value = rating.cleaned_data["value"]
            if value != "" and str(value) != shown and value != item.answer.value:
                record_answer(
                    assessment=assessment, question=item.question, value=value, by=request.user
                )
                item.answer.value = value
        else:
            item.rating_error = "Choose one of the options."
            invalid = True
        if _evidence_edited(request.POST, prefix):
            chosen = request.POST.get("save_evidence") == str(item.question.pk)
            outcome = _save_evidence(request, item, chosen=chosen)
            invalid = invalid or outcome == "invalid"
            conflicted = conflicted or outcome == "conflict"
    return "invalid" if invalid else "conflict" if conflicted else "saved"


def _items(sections: list[AreaSection]) -> list[QuestionItem]:
    return [item for section in sections for item in section.items]


def _evidence_edited(data, prefix: str) -> bool:
    """Whether the person changed this note on the page (not merely posted it back)."""
    key = f"{prefix}-evidence"
    if key not in data:
        return False
    shown = data.get(f"{prefix}-evidence_shown")
    if shown is None:  # a form that doesn't say what it showed: treat the note as written
        return True
    return _plain(data[key]) != _plain(shown)


def _plain(text: str) -> str:
    return normalize_newlines(text).strip()


def _save_evidence(request, item: QuestionItem, *, chosen: bool = True) -> str:
    """Save one evidence note from a form post: "saved", "unchanged", "invalid" or "conflict".

    A note shown in conflict carries `-unresolved` (the text it was shown with). Only
    the note's own save (`chosen`: its button, or the note saved on its own) or an edit
    of that text settles it; a whole-form post that merely carries it along, such as
    "Mark complete" queued behind the save that met the conflict, stops again on it.
    """
    prefix = f"q{item.question.pk}"
    form = EvidenceForm(request.POST, prefix=prefix)
    item.evidence_form = form
    if not form.is_valid():
        return "invalid"
    text = form.cleaned_data["evidence"]
    answer = item.answer
    unresolved = request.POST.get(f"{prefix}-unresolved")
    if not chosen and unresolved is not None and _plain(unresolved) == _plain(text):
        return _evidence_conflict(item, form, text)
    expected = form.cleaned_data["version"]
    if text == answer.evidence and expected == answer.version:
        item.saved = True  # what they see is what is stored
        return "unchanged"
    if answer.pk and save_evidence(
        answer=answer, text=text, expected_version=expected, by=request.user
    ):
        item.evidence_form = _evidence_form(answer)
        item.saved = True
        return "saved"
    return _evidence_conflict(item, form, text)


def _evidence_conflict(item: QuestionItem, form, text: str) -> str:
    """Show the stored note beside this person's text, unless they already agree."""
    answer = item.answer
    current = Answer.objects.select_related("updated_by").filter(pk=answer.pk).first()
    if current is None:
        raise Http404("That statement is no longer part of this assessment.")
    current.assessment = answer.assessment
    if current.evidence == text:  # someone saved the very same text: nothing to resolve
        item.answer = current
        item.evidence_form = _evidence_form(current)
        item.saved = True
        return "unchanged"
    item.conflict = describe_conflict(form, current, ["evidence"])
    item.evidence_form = rebind_to_current_version(form, current)
    item.answer = current
    return "conflict"


def _question_item(assessment, question_pk) -> QuestionItem:
    answer = (
        Answer.objects.filter(assessment=assessment, question_id=question_pk)
        .select_related("question", "answered_by")
        .first()
    )
    if answer is None:
        raise Http404("That statement is not part of this assessment.")
    answer.assessment = assessment
    return QuestionItem(
        question=answer.question, answer=answer, evidence_form=_evidence_form(answer)
    )


def _item_context(assessment, membership, item, **extra):
    return {
        "assessment": assessment,
        "canvas": assessment.canvas,
        "membership": membership,
        "item": item,
        "rating_options": RATING_OPTIONS,
        **extra,
    }


@require_POST
@vary_on_headers("HX-Request")
def answer_save(request, org_slug, canvas_pk, pk, question_pk):
    """Save one rating the moment it is clicked; htmx gets the statement back and the progress."""
    assessment, membership = _get_assessment(request, org_slug, canvas_pk, pk, edit=True)
    _require_draft(assessment)
    item = _question_item(assessment, question_pk)
    form = RatingForm(request.POST, prefix=f"q{item.question.pk}")
    if not form.is_valid() or form.cleaned_data["value"] == "":
        item.rating_error = "Choose one of the options."
        if request.htmx:
            return TemplateResponse(
                request,
                "scorecard/take.html#rating",
                _item_context(assessment, membership, item, progress=_progress(assessment)),
                status=422,
            )
        answers = _answers(assessment)
        sections = _sections(assessment, answers)
        for section_item in (i for s in sections for i in s.items):
            if section_item.question.pk == item.question.pk:
                section_item.rating_error = item.rating_error
        return _take_response(request, assessment, membership, sections, status=422)
    value = form.cleaned_data["value"]
    record_answer(assessment=assessment, question=item.question, value=value, by=request.user)
    if not request.htmx:
        return redirect(f"{_urls(assessment)['take']}#question-{item.question.pk}")
    item.answer.value = value
    item.answer.answered_by = request.user
    item.saved = True
    context = _item_context(assessment, membership, item, progress=_progress(assessment), oob=True)
    return TemplateResponse(request, "scorecard/take.html#rating", context)


@require_POST
@vary_on_headers("HX-Request")
def evidence_save(request, org_slug, canvas_pk, pk, question_pk):
    """Save one evidence note if nobody changed it meanwhile (409 with both versions if so)."""
    assessment, membership = _get_assessment(request, org_slug, canvas_pk, pk, edit=True)
    _require_draft(assessment)
    item = _question_item(assessment, question_pk)
    outcome = _save_evidence(request, item)
    status = STATUS.get(outcome, 200)
    if request.htmx:
        context = _item_context(assessment, membership, item)
        return TemplateResponse(request, "scorecard/take.html#evidence", context, status=status)
    if status == 200:
        if outcome == "saved":
            messages.success(request, "Evidence note saved.")
        return redirect(f"{_urls(assessment)['take']}#question-{item.question.pk}")
    sections = _sections(assessment, _answers(assessment))
    for index, section in enumerate(sections):
        sections[index].items = [
            item if i.question.pk == item.question.pk else i for i in section.items
        ]
    return _take_response(request, assessment, membership, sections, status=status)


@require_POST
@vary_on_headers("HX-Request")
def assessment_complete(request, org_slug, canvas_pk, pk):
    """Complete the assessment; when answers are missing, warn first and let people confirm.

    The page's "Mark complete" posts the whole form, so a note typed but not yet
    saved is saved first (or, if someone changed it meanwhile, shown as a conflict
    and the assessment is not completed). htmx gets the complete panel back, with
    the notes it saved or stopped on swapped in out of band.
    """
    assessment, membership = _get_assessment(request, org_slug, canvas_pk, pk, edit=True)
    if assessment.is_complete:
        return _to_results(request, assessment)
    sections = _sections(assessment, _answers(assessment))
    outcome = _save_changes(request, assessment, sections)
    if outcome != "saved":
        if request.htmx:
            return _complete_panel(
                request, assessment, membership, sections, status=STATUS[outcome]
            )
        return _take_response(
            request, assessment, membership, sections, status=STATUS[outcome], not_completed=True
        )
    return _complete(request, assessment, membership, sections)


def _complete_panel(request, assessment, membership, sections, *, status=200, progress=None):
    """The complete panel, plus every note this request saved or stopped on (out of band)."""
    touched = [
        item
        for item in _items(sections)
        if item.saved or item.conflict or item.evidence_form.errors
    ]
    context = {
        "assessment": assessment,
        "membership": membership,
        "progress": progress,
        "urls": _urls(assessment),
        "confirm_complete": progress is not None,
        "not_completed": status != 200,
        "attention": _needs_attention(sections),
        "touched": touched,
        "oob": True,
    }
    return TemplateResponse(
        request, "scorecard/take.html#complete_response", context, status=status
    )


def _complete(request, assessment, membership, sections):
    """Complete once this person's changes are saved; first a warning when answers are
    missing (counted in the database: others may have answered meanwhile)."""
    progress = _progress(assessment)
    if progress.unanswered and not request.POST.get("confirm"):
        if request.htmx:
            return _complete_panel(request, assessment, membership, sections, progress=progress)
        return _take_response(request, assessment, membership, sections, confirm_complete=True)
    complete_assessment(assessment=assessment, by=request.user)
    messages.success(request, "Assessment complete. Here is where you stand.")
    return _to_results(request, assessment)


def _to_results(request, assessment):
    url = _urls(assessment)["results"]
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


# Results -----------------------------------------------------------------------------------


def assessment_results(request, org_slug, canvas_pk, pk):
    """Overall score, radar, areas, weakest link, actions, change since last time, history."""
    assessment, membership = _get_assessment(request, org_slug, canvas_pk, pk)
    if not assessment.is_complete:
        if membership.can_edit:
            return redirect(_urls(assessment)["take"])
        messages.info(
            request, "That assessment is still in progress; results appear when it is complete."
        )
        return redirect("scorecard_history", org_slug=org_slug, canvas_pk=canvas_pk)
    context = {
        "assessment": assessment,
        "canvas": assessment.canvas,
        "membership": membership,
        "results": results_for(assessment),
        "urls": _urls(assessment),
    }
    return TemplateResponse(request, "scorecard/results.html", context)


@require_POST
@vary_on_headers("HX-Request")
def action_tick(request, org_slug, canvas_pk, pk):
    """Tick or untick one action on the checklist; it records who and when."""
    assessment, membership = _get_assessment(request, org_slug, canvas_pk, pk, edit=True)
    if not assessment.is_complete:
        raise Http404("That assessment has no results yet.")
    form = TickForm(request.POST)
    if not form.is_valid():
        raise Http404("No such action.")
    results = results_for(assessment)
    item = next((i for i in results.checklist if i.action.key == form.cleaned_data["key"]), None)
    if item is None:
        raise Http404("No such action.")
    tick = tick_action(
        assessment=assessment, key=item.action.key, done=form.cleaned_data["done"], by=request.user
    )
    if not request.htmx:
        return redirect(f"{_urls(assessment)['results']}#actions")
    item = type(item)(action=item.action, tick=tick)
    context = {
        "assessment": assessment,
        "membership": membership,
        "item": item,
        "urls": _urls(assessment),
    }
    return TemplateResponse(request, "scorecard/results.html#action", context)


# Printing ----------------------------------------------------------------------------------


@require_safe
def blank_assessment_pdf(request, org_slug, canvas_pk):
    """The current statements with boxes to tick by hand and room for notes."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    organization = membership.organization
    context = {"form": blank_form(), "organization": organization, "canvas": canvas}
    return pdf_download(
        request, "pdf/blank_assessment.html", context, filename=blank_pdf_filename(organization)
    )
