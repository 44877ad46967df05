"""Applying what someone posted on the assessment page: ratings and evidence notes.

The page works as one plain form (without JavaScript) and, with htmx, one
statement at a time. Either way each evidence note goes through the one edit
protocol (`core.versioning.edit_record`) and every write through
`scorecard.services`.
"""

from django.http import Http404
from django.utils.text import normalize_newlines

from core.versioning import Edit, Outcome, SaveResult, edit_record
from scorecard.forms import EvidenceForm, RatingForm
from scorecard.models import Assessment
from scorecard.pages import AreaSection, QuestionItem, evidence_form, items_of
from scorecard.services import record_answer, save_evidence, stored_note

RATING_ERROR = "Choose one of the options."


def save_changes(data, *, assessment: Assessment, sections: list[AreaSection], by) -> int:
    """Save what this person changed on the page; the status to answer with: 200 (saved),
    422 (a rating or note to fix) or 409 (a note someone else changed meanwhile).

    The page posts every rating and note, with what it showed (`-shown`,
    `-evidence_shown`). Only what differs from that is this person's change;
    everything else may be older than what others saved meanwhile, and stays.
    Each statement's item says how its post went, for the page to show.
    """
    invalid = conflicted = False
    for item in items_of(sections):
        rating = RatingForm(data, prefix=item.prefix)
        shown = data.get(f"{item.prefix}-shown", "")
        if rating.is_valid():
            value = rating.cleaned_data["value"]
            if value != "" and str(value) != shown and value != item.answer.value:
                record_answer(assessment=assessment, question=item.question, value=value, by=by)
                item.answer.value = value
        else:
            item.rating_error = RATING_ERROR
            invalid = True
        if evidence_edited(data, item.prefix):
            chosen = data.get("save_evidence") == str(item.question.pk)
            edit = save_note(data, item, by=by, chosen=chosen)
            invalid = invalid or edit.invalid
            conflicted = conflicted or edit.conflict is not None
    return 422 if invalid else 409 if conflicted else 200


def evidence_edited(data, prefix: str) -> bool:
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


def save_note(data, item: QuestionItem, *, by, chosen: bool = True) -> Edit:
    """Save one statement's evidence note from a form post, through the edit protocol.

    `item` then shows the outcome: the saved note (`saved`, and `written` if this
    post wrote it), the form with its errors, or the conflict panel beside the
    stored note. A note someone deleted meanwhile is a 404.

    A note shown in conflict carries `-unresolved` (the text it was shown with). Only
    the note's own save (`chosen`: its button, or the note saved on its own) or an edit
    of that text settles it; a whole-form post that merely carries it along, such as
    "Mark complete" queued behind the save that met the conflict, stops again on it.
    """
    answer = item.answer
    unresolved = data.get(f"{item.prefix}-unresolved")

    def save(form: EvidenceForm) -> SaveResult:
        text, expected = form.cleaned_data["evidence"], form.cleaned_data["version"]
        if not chosen and unresolved is not None and _plain(unresolved) == _plain(text):
            return stored_note(answer)
        if text == answer.evidence and expected == answer.version:
            return SaveResult(Outcome.SAVED, answer)  # what they see is what is stored
        if answer.pk is None:
            return SaveResult(Outcome.GONE, None)
        result = save_evidence(answer=answer, text=text, expected_version=expected, by=by)
        item.written = result.saved
        return result

    form = EvidenceForm(data, prefix=item.prefix)
    edit = edit_record(form, answer, save=save)
    if edit.gone:
        raise Http404("That statement is no longer part of this assessment.")
    item.evidence_form = edit.form
    if edit.invalid:
        return edit
    edit.record.assessment = answer.assessment
    item.answer = edit.record
    if edit.conflict is not None:
        item.conflict = edit.conflict
        return edit
    item.saved = True
    if edit.record is not answer or item.written:  # stored by someone, or by this post
        item.evidence_form = evidence_form(edit.record)
    return edit


def save_rating(data, item: QuestionItem, *, assessment: Assessment, by) -> bool:
    """Save one statement's rating as clicked (the last click wins). False, with the
    item saying why, when no valid option was posted."""
    form = RatingForm(data, prefix=item.prefix)
    if not form.is_valid() or form.cleaned_data["value"] == "":
        item.rating_error = RATING_ERROR
        return False
    value = form.cleaned_data["value"]
    record_answer(assessment=assessment, question=item.question, value=value, by=by)
    item.answer.value = value
    item.answer.answered_by = by
    item.saved = True
    return True
