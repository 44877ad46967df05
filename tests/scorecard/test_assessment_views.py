"""Taking an assessment and reading its results: every endpoint, both ways, with access rules."""

import pytest

from scorecard.models import ActionTick, Answer, Assessment
from scorecard.services import record_answer, start_or_resume_assessment
from tests.helpers import HX, assert_htmx_partial
from tests.scorecard.conftest import url


def rating(question, value):
    return {f"q{question.pk}-value": str(value)}


def evidence(question, text, version):
    return {f"q{question.pk}-evidence": text, f"q{question.pk}-version": str(version)}


# History and start -----------------------------------------------------------------------------


def test_history_invites_editors_to_start(editor, canvas, client_for, question_set):
    body = client_for(editor).get(url("scorecard_history", canvas=canvas)).content.decode()
    assert "Start the assessment" in body
    assert "No assessments yet." in body


def test_viewer_sees_history_without_a_start_button(viewer, canvas, client_for, take_assessment):
    take_assessment(canvas, 4)
    response = client_for(viewer).get(url("scorecard_history", canvas=canvas))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Start the assessment" not in body
    assert "See results" in body
    assert ">75<" in body


def test_history_with_a_draft_leads_with_continue(editor, draft, questions, client_for):
    record_answer(assessment=draft, question=questions[0], value=4, by=editor)
    body = client_for(editor).get(url("scorecard_history", canvas=draft.canvas)).content.decode()
    head = body[body.index('class="results-head"') : body.index('class="history-layout"')]
    assert "An assessment is in progress" in head
    assert "1 of 24 statements answered" in head
    assert f'class="button primary" href="{url("scorecard_take", draft)}"' in head
    assert "Continue the assessment" in head
    assert "Start the assessment" not in body
    assert body.count('class="button primary"') == 1  # one obvious next step


def test_viewer_history_with_a_draft_has_no_continue(viewer, draft, client_for):
    body = client_for(viewer).get(url("scorecard_history", canvas=draft.canvas)).content.decode()
    assert "Continue" not in body
    assert "Results appear here when an editor completes it." in body


@pytest.mark.parametrize(("who", "status"), [("outsider", 404), (None, 302)])
def test_history_is_private(who, status, users, canvas, client_for):
    client = client_for(users.get(who))
    assert client.get(url("scorecard_history", canvas=canvas)).status_code == status


def test_start_creates_one_draft_with_an_answer_per_statement(editor, canvas, client_for):
    client = client_for(editor)
    response = client.post(url("scorecard_start", canvas=canvas))
    assessment = Assessment.objects.get()
    assert response["Location"] == url("scorecard_take", assessment)
    assert assessment.started_by == editor
    assert not assessment.is_complete
    assert Answer.objects.filter(assessment=assessment, value__isnull=True).count() == 24
    # starting again resumes the same draft
    again = client.post(url("scorecard_start", canvas=canvas))
    assert again["Location"] == url("scorecard_take", assessment)
    assert Assessment.objects.count() == 1


@pytest.mark.parametrize(("who", "status"), [("viewer", 403), ("outsider", 404)])
def test_only_editors_start(who, status, users, canvas, client_for):
    response = client_for(users[who]).post(url("scorecard_start", canvas=canvas))
    assert response.status_code == status
    assert not Assessment.objects.exists()


# The assessment page ---------------------------------------------------------------------------


def test_take_page_shows_six_areas_and_progress(owner, draft, questions, client_for):
    record_answer(assessment=draft, question=questions[0], value=4, by=owner)
    record_answer(assessment=draft, question=questions[1], value=0, by=owner)
    body = client_for(owner).get(url("scorecard_take", draft)).content.decode()
    assert "2 of 24</strong> answered" in body  # "not sure" counts as answered
    assert body.count('class="assess-area"') == 6
    assert body.count('type="radio"') == 24 * 6
    assert f'name="q{questions[0].pk}-value" value="4" checked' in body


@pytest.mark.parametrize(("who", "status"), [("viewer", 403), ("outsider", 404), (None, 302)])
def test_take_page_is_for_editors(who, status, users, draft, client_for):
    assert client_for(users.get(who)).get(url("scorecard_take", draft)).status_code == status


def test_completed_assessment_page_leads_to_results(editor, canvas, take_assessment, client_for):
    assessment = take_assessment(canvas, 3)
    response = client_for(editor).get(url("scorecard_take", assessment))
    assert response["Location"] == url("scorecard_results", assessment)


def test_two_editors_see_each_others_answers_on_reload(owner, editor, draft, questions, client_for):
    client_for(owner).post(
        url("scorecard_answer", draft, question_pk=questions[0].pk), rating(questions[0], 5)
    )
    body = client_for(editor).get(url("scorecard_take", draft)).content.decode()
    assert f'name="q{questions[0].pk}-value" value="5" checked' in body
    assert "Answered by Owner" in body


# One rating at a time ------------------------------------------------------------------------


def test_answer_with_htmx_returns_the_statement_and_progress(editor, draft, questions, client_for):
    question = questions[3]
    response = client_for(editor).post(
        url("scorecard_answer", draft, question_pk=question.pk), rating(question, 2), headers=HX
    )
    assert_htmx_partial(response, "scorecard/take.html#rating")
    body = response.content.decode()
    assert f'name="q{question.pk}-value" value="2" checked' in body
    assert 'id="progress" class="assess-progress" hx-swap-oob="true"' in body
    assert "1 of 24</strong>" in body
    assert "Saved" in body
    answer = Answer.objects.get(assessment=draft, question=question)
    assert answer.value == 2
    assert answer.answered_by == editor


def test_answer_without_js_redirects_back_to_the_statement(editor, draft, questions, client_for):
    question = questions[0]
    response = client_for(editor).post(
        url("scorecard_answer", draft, question_pk=question.pk), rating(question, 0)
    )
    assert response["Location"] == url("scorecard_take", draft) + f"#question-{question.pk}"
    assert Answer.objects.get(assessment=draft, question=question).value == 0


def test_answer_can_be_changed(editor, draft, questions, client_for):
    client = client_for(editor)
    endpoint = url("scorecard_answer", draft, question_pk=questions[0].pk)
    client.post(endpoint, rating(questions[0], 1), headers=HX)
    client.post(endpoint, rating(questions[0], 5), headers=HX)
    assert Answer.objects.get(assessment=draft, question=questions[0]).value == 5


@pytest.mark.parametrize("value", ["6", "", "abc"])
def test_invalid_answer_is_422_both_ways(value, editor, draft, questions, client_for):
    client = client_for(editor)
    question = questions[0]
    endpoint = url("scorecard_answer", draft, question_pk=question.pk)
    response = client.post(endpoint, {f"q{question.pk}-value": value}, headers=HX)
    assert_htmx_partial(response, "scorecard/take.html#rating", status=422)
    assert "Choose one of the options." in response.content.decode()
    plain = client.post(endpoint, {f"q{question.pk}-value": value})
    assert plain.status_code == 422
    assert plain.template_name == "scorecard/take.html"
    assert Answer.objects.get(assessment=draft, question=question).value is None


@pytest.mark.parametrize(("who", "status"), [("viewer", 403), ("outsider", 404)])
def test_only_editors_answer(who, status, users, draft, questions, client_for):
    question = questions[0]
    endpoint = url("scorecard_answer", draft, question_pk=question.pk)
    client = client_for(users[who])
    assert client.post(endpoint, rating(question, 4), headers=HX).status_code == status
    assert client.post(endpoint, rating(question, 4)).status_code == status
    assert Answer.objects.get(assessment=draft, question=question).value is None


def test_viewer_htmx_denial_goes_to_the_message_area(viewer, draft, questions, client_for):
    response = client_for(viewer).post(
        url("scorecard_answer", draft, question_pk=questions[0].pk),
        rating(questions[0], 4),
        headers=HX,
    )
    assert response["HX-Retarget"] == "#messages"


def test_answers_of_a_completed_assessment_cannot_change(
    editor, canvas, take_assessment, questions, client_for
):
    assessment = take_assessment(canvas, 3)
    response = client_for(editor).post(
        url("scorecard_answer", assessment, question_pk=questions[0].pk), rating(questions[0], 5)
    )
    assert response.status_code == 403
    assert "complete" in response.content.decode()
    assert Answer.objects.get(assessment=assessment, question=questions[0]).value == 3


@pytest.fixture
def completed_meanwhile(monkeypatch, owner):
    """Someone completes the assessment just after the view checked it is a draft."""
    from scorecard import views
    from scorecard.services import complete_assessment

    def complete_now(assessment):
        complete_assessment(assessment=Assessment.objects.get(pk=assessment.pk), by=owner)

    monkeypatch.setattr(views, "_require_draft", complete_now)


@pytest.mark.parametrize("htmx", [True, False])
def test_an_answer_racing_completion_is_refused(
    htmx, editor, draft, questions, client_for, completed_meanwhile
):
    from scorecard.services import results_for

    record_answer(assessment=draft, question=questions[0], value=2, by=editor)
    response = client_for(editor).post(
        url("scorecard_answer", draft, question_pk=questions[0].pk),
        rating(questions[0], 5),
        headers=HX if htmx else {},
    )
    assert response.status_code == 403
    assert "completed this assessment a moment ago" in response.content.decode()
    if htmx:
        assert response["HX-Retarget"] == "#messages"
    assert Answer.objects.get(assessment=draft, question=questions[0]).value == 2
    draft.refresh_from_db()
    assert results_for(draft).result.area_scores() == draft.area_scores


def test_a_note_racing_completion_is_refused(
    editor, draft, questions, client_for, completed_meanwhile
):
    question = questions[0]
    response = client_for(editor).post(
        url("scorecard_evidence", draft, question_pk=question.pk),
        evidence(question, "Too late", 1),
        headers=HX,
    )
    assert response.status_code == 403
    assert response["HX-Retarget"] == "#messages"
    assert "this change was not saved" in response.content.decode()
    answer = Answer.objects.get(assessment=draft, question=question)
    assert (answer.evidence, answer.version) == ("", 1)


def test_services_refuse_writes_to_an_assessment_completed_meanwhile(
    owner, editor, draft, questions
):
    from scorecard.services import AssessmentCompleted, complete_assessment, save_evidence

    stale = Assessment.objects.get(pk=draft.pk)  # loaded while it was still a draft
    answer = Answer.objects.get(assessment=draft, question=questions[0])
    complete_assessment(assessment=draft, by=owner)
    with pytest.raises(AssessmentCompleted):
        record_answer(assessment=stale, question=questions[0], value=5, by=editor)
    answer.assessment = stale
    with pytest.raises(AssessmentCompleted):
        save_evidence(answer=answer, text="Too late", expected_version=1, by=editor)
    answer.refresh_from_db()
    assert (answer.value, answer.evidence, answer.version) == (None, "", 1)


def test_unknown_statement_is_404(editor, draft, client_for):
    response = client_for(editor).post(
        url("scorecard_answer", draft, question_pk=999999), {"q999999-value": "3"}
    )
    assert response.status_code == 404


# Evidence notes --------------------------------------------------------------------------


def test_evidence_saves_with_htmx(editor, draft, questions, client_for):
    question = questions[2]
    response = client_for(editor).post(
        url("scorecard_evidence", draft, question_pk=question.pk),
        evidence(question, "  The quarterly review minutes.  ", 1),
        headers=HX,
    )
    assert_htmx_partial(response, "scorecard/take.html#evidence")
    assert "Note saved" in response.content.decode()
    answer = Answer.objects.get(assessment=draft, question=question)
    assert (answer.evidence, answer.version, answer.updated_by) == (
        "The quarterly review minutes.",
        2,
        editor,
    )


def test_evidence_saves_without_js(editor, draft, questions, client_for):
    question = questions[2]
    response = client_for(editor).post(
        url("scorecard_evidence", draft, question_pk=question.pk), evidence(question, "Minutes", 1)
    )
    assert response["Location"] == url("scorecard_take", draft) + f"#question-{question.pk}"
    assert Answer.objects.get(assessment=draft, question=question).evidence == "Minutes"


def test_stale_evidence_is_a_409_with_both_texts(owner, editor, draft, questions, client_for):
    question = questions[2]
    endpoint = url("scorecard_evidence", draft, question_pk=question.pk)
    client_for(owner).post(endpoint, evidence(question, "Owner's evidence", 1), headers=HX)
    client = client_for(editor)
    response = client.post(endpoint, evidence(question, "Editor's evidence", 1), headers=HX)
    assert_htmx_partial(response, "scorecard/take.html#evidence", status=409)
    body = response.content.decode()
    assert "Owner saved a change while you were editing" in body
    assert "Owner&#x27;s evidence" in body
    assert "Editor&#x27;s evidence" in body
    assert f'name="q{question.pk}-version" value="2"' in body  # rebased: saving again keeps mine
    assert Answer.objects.get(assessment=draft, question=question).evidence == "Owner's evidence"
    again = client.post(endpoint, evidence(question, "Editor's evidence", 2), headers=HX)
    assert again.status_code == 200
    assert Answer.objects.get(assessment=draft, question=question).evidence == "Editor's evidence"


def test_stale_evidence_without_js_shows_the_page_with_the_conflict(
    owner, editor, draft, questions, client_for
):
    question = questions[2]
    endpoint = url("scorecard_evidence", draft, question_pk=question.pk)
    client_for(owner).post(endpoint, evidence(question, "First", 1))
    response = client_for(editor).post(endpoint, evidence(question, "Second", 1))
    assert response.status_code == 409
    assert response.template_name == "scorecard/take.html"
    assert 'class="conflict"' in response.content.decode()


def test_too_long_evidence_is_422_and_kept(editor, draft, questions, client_for):
    question = questions[2]
    text = "x" * 1001
    response = client_for(editor).post(
        url("scorecard_evidence", draft, question_pk=question.pk),
        evidence(question, text, 1),
        headers=HX,
    )
    assert response.status_code == 422
    assert text in response.content.decode()
    assert Answer.objects.get(assessment=draft, question=question).evidence == ""


@pytest.mark.parametrize(("who", "status"), [("viewer", 403), ("outsider", 404)])
def test_only_editors_write_evidence(who, status, users, draft, questions, client_for):
    question = questions[0]
    response = client_for(users[who]).post(
        url("scorecard_evidence", draft, question_pk=question.pk), evidence(question, "x", 1)
    )
    assert response.status_code == status


# The whole page as one form (JavaScript off) ----------------------------------------------


def whole_form(questions, values, **extra):
    data = {}
    for question, value in zip(questions, values, strict=False):
        if value is not None:
            data[f"q{question.pk}-value"] = str(value)
        data[f"q{question.pk}-shown"] = ""
        data[f"q{question.pk}-evidence"] = ""
        data[f"q{question.pk}-evidence_shown"] = ""
        data[f"q{question.pk}-version"] = "1"
    data.update(extra)
    return data


def test_whole_form_post_saves_answers_and_evidence(editor, draft, questions, client_for):
    data = whole_form(questions, [4] * 10)
    data[f"q{questions[0].pk}-evidence"] = "Board minutes"
    response = client_for(editor).post(url("scorecard_take", draft), data)
    assert response["Location"] == url("scorecard_take", draft)
    assert Answer.objects.filter(assessment=draft, value=4).count() == 10
    assert Answer.objects.get(assessment=draft, question=questions[0]).evidence == "Board minutes"


def test_whole_form_post_keeps_answers_others_gave_meanwhile(
    owner, editor, draft, questions, client_for
):
    record_answer(assessment=draft, question=questions[0], value=2, by=owner)
    data = whole_form(questions[:1], [2])  # the editor's page showed 2 too: unchanged by them
    data[f"q{questions[0].pk}-shown"] = "2"
    record_answer(assessment=draft, question=questions[0], value=5, by=owner)  # owner changes it
    client_for(editor).post(url("scorecard_take", draft), data)
    assert Answer.objects.get(assessment=draft, question=questions[0]).value == 5


def test_whole_form_post_leaves_notes_others_saved_meanwhile(
    owner, editor, draft, questions, client_for
):
    question = questions[0]
    client_for(owner).post(
        url("scorecard_evidence", draft, question_pk=question.pk),
        evidence(question, "Owner's evidence", 1),
        headers=HX,
    )
    data = whole_form(questions, [4] * 24)  # the editor's page still shows Q1 empty, version 1
    response = client_for(editor).post(url("scorecard_take", draft), data)
    assert response.status_code == 302
    answer = Answer.objects.get(assessment=draft, question=question)
    assert (answer.evidence, answer.version, answer.value) == ("Owner's evidence", 2, 4)


def test_whole_form_post_with_a_real_note_conflict_loses_nothing(
    owner, editor, draft, questions, client_for
):
    question = questions[0]
    client_for(owner).post(
        url("scorecard_evidence", draft, question_pk=question.pk),
        evidence(question, "Owner's evidence", 1),
        headers=HX,
    )
    data = whole_form(questions, [4] * 24, complete="1")
    data[f"q{question.pk}-evidence"] = "Editor's evidence"
    data[f"q{questions[1].pk}-evidence"] = "Another note"
    client = client_for(editor)
    response = client.post(url("scorecard_take", draft), data)
    assert response.status_code == 409
    assert response.template_name == "scorecard/take.html"
    body = response.content.decode()
    assert "Owner saved a change while you were editing" in body
    assert "Owner&#x27;s evidence" in body
    assert "Editor&#x27;s evidence" in body
    assert "Not completed yet." in body
    assert f'<a href="#question-{question.pk}">' in body
    assert "someone else changed the note" in body
    draft.refresh_from_db()
    assert not draft.is_complete
    assert Answer.objects.get(assessment=draft, question=question).evidence == "Owner's evidence"
    # everything else this editor changed is saved
    assert Answer.objects.filter(assessment=draft, value=4).count() == 24
    assert Answer.objects.get(assessment=draft, question=questions[1]).evidence == "Another note"
    # the page now shows the owner's note as the base: saving again keeps the editor's
    assert f'name="q{question.pk}-version" value="2"' in body
    assert f'name="q{question.pk}-evidence_shown" value="Owner&#x27;s evidence"' in body
    assert f'name="q{question.pk}-unresolved" value="Editor&#x27;s evidence"' in body
    again = whole_form(questions, [], complete="1")
    again[f"q{question.pk}-evidence"] = "Editor's evidence"
    again[f"q{question.pk}-evidence_shown"] = "Owner's evidence"
    again[f"q{question.pk}-version"] = "2"
    again[f"q{question.pk}-unresolved"] = "Editor's evidence"
    again[f"q{questions[1].pk}-evidence"] = "Another note"  # as saved: unchanged now
    again[f"q{questions[1].pk}-evidence_shown"] = "Another note"
    # "Mark complete" again does not settle the conflict: the note's own button does.
    response = client.post(url("scorecard_take", draft), again)
    assert response.status_code == 409
    assert "Not completed yet." in response.content.decode()
    assert Answer.objects.get(assessment=draft, question=question).evidence == "Owner's evidence"
    del again["complete"]
    response = client.post(url("scorecard_take", draft), {**again, "save_evidence": question.pk})
    assert response.status_code == 302
    assert Answer.objects.get(assessment=draft, question=question).evidence == "Editor's evidence"
    again[f"q{question.pk}-version"] = "3"
    again[f"q{question.pk}-evidence_shown"] = "Editor's evidence"
    del again[f"q{question.pk}-unresolved"]
    response = client.post(url("scorecard_take", draft), {**again, "complete": "1"})
    assert response["Location"] == url("scorecard_results", draft)


def test_whole_form_compares_notes_whatever_the_line_breaks(editor, draft, questions, client_for):
    question = questions[0]
    Answer.objects.filter(assessment=draft, question=question).update(evidence="One\nTwo")
    data = whole_form(questions[:1], [None])
    data[f"q{question.pk}-evidence"] = "One\r\nTwo"  # how browsers send a textarea
    data[f"q{question.pk}-evidence_shown"] = "One\nTwo"
    assert client_for(editor).post(url("scorecard_take", draft), data).status_code == 302
    assert Answer.objects.get(assessment=draft, question=question).version == 1


def test_viewer_cannot_post_the_whole_form(viewer, draft, questions, client_for):
    data = whole_form(questions, [5] * 24, complete="1")
    data[f"q{questions[0].pk}-evidence"] = "Viewer's note"
    response = client_for(viewer).post(url("scorecard_take", draft), data)
    assert response.status_code == 403
    assert "can&#x27;t" in response.content.decode() or "can't" in response.content.decode()
    assert not Answer.objects.filter(assessment=draft, value__isnull=False).exists()
    assert not Answer.objects.exclude(evidence="").exists()
    draft.refresh_from_db()
    assert not draft.is_complete


def test_whole_form_complete_warns_then_completes(editor, draft, questions, client_for):
    client = client_for(editor)
    data = whole_form(questions, [3] * 20, complete="1")
    response = client.post(url("scorecard_take", draft), data)
    assert response.status_code == 200
    assert "4 statements still unanswered" in response.content.decode()
    draft.refresh_from_db()
    assert not draft.is_complete
    response = client.post(url("scorecard_take", draft), whole_form(questions, [], confirm="1"))
    assert response["Location"] == url("scorecard_results", draft)
    draft.refresh_from_db()
    assert draft.is_complete
    assert draft.completed_by == editor


# Completing ----------------------------------------------------------------------------------


def test_complete_with_htmx_warns_when_answers_are_missing(editor, draft, client_for):
    response = client_for(editor).post(url("scorecard_complete", draft), headers=HX)
    assert_htmx_partial(response, "scorecard/take.html#complete_response")
    assert "24 statements still unanswered" in response.content.decode()
    assert not Assessment.objects.get().is_complete


def test_plain_complete_with_missing_answers_shows_the_warning_page(
    editor, draft, questions, client_for
):
    record_answer(assessment=draft, question=questions[0], value=4, by=editor)
    response = client_for(editor).post(url("scorecard_complete", draft))
    assert response.status_code == 200
    assert response.template_name == "scorecard/take.html"
    body = response.content.decode()
    assert "23 statements still unanswered" in body
    assert "Complete anyway" in body
    assert not Assessment.objects.get().is_complete


def test_complete_with_htmx_saves_a_note_typed_but_not_saved(editor, draft, questions, client_for):
    for question in questions:
        record_answer(assessment=draft, question=question, value=3, by=editor)
    data = whole_form(questions, [3] * 24, complete="1")
    for question in questions:
        data[f"q{question.pk}-shown"] = "3"
    data[f"q{questions[5].pk}-evidence"] = "Typed, then Mark complete"
    response = client_for(editor).post(url("scorecard_complete", draft), data, headers=HX)
    assert response["HX-Redirect"] == url("scorecard_results", draft)
    draft.refresh_from_db()
    assert draft.is_complete
    answer = Answer.objects.get(assessment=draft, question=questions[5])
    assert answer.evidence == "Typed, then Mark complete"


def test_complete_with_htmx_saves_notes_before_warning(editor, draft, questions, client_for):
    data = whole_form(questions, [4], complete="1")
    data[f"q{questions[0].pk}-evidence"] = "Typed"
    response = client_for(editor).post(url("scorecard_complete", draft), data, headers=HX)
    assert_htmx_partial(response, "scorecard/take.html#complete_response")
    body = response.content.decode()
    assert "23 statements still unanswered" in body
    # the saved note comes back out of band, at its new version
    assert f'id="evidence-{questions[0].pk}" hx-swap-oob="true"' in body
    assert f'name="q{questions[0].pk}-version" value="2"' in body
    assert "Note saved" in body
    answer = Answer.objects.get(assessment=draft, question=questions[0])
    assert (answer.value, answer.evidence) == (4, "Typed")


def test_complete_with_htmx_stops_on_a_note_conflict(owner, editor, draft, questions, client_for):
    question = questions[0]
    client_for(owner).post(
        url("scorecard_evidence", draft, question_pk=question.pk),
        evidence(question, "Owner's evidence", 1),
        headers=HX,
    )
    data = whole_form(questions, [4] * 24, complete="1")
    data[f"q{question.pk}-evidence"] = "Editor's evidence"
    response = client_for(editor).post(url("scorecard_complete", draft), data, headers=HX)
    assert_htmx_partial(response, "scorecard/take.html#complete_response", status=409)
    body = response.content.decode()
    assert "Not completed yet." in body
    assert f'<a href="#question-{question.pk}">' in body  # names the statement to look at
    assert body.count('<li><a href="#question-') == 1
    assert f'id="evidence-{question.pk}" hx-swap-oob="true"' in body
    assert "Owner&#x27;s evidence" in body
    assert "Editor&#x27;s evidence" in body
    draft.refresh_from_db()
    assert not draft.is_complete
    assert Answer.objects.get(assessment=draft, question=question).evidence == "Owner's evidence"


def test_complete_queued_behind_a_note_conflict_does_not_overwrite_the_other_note(
    owner, editor, draft, questions, client_for
):
    """Typing a note and pressing "Mark complete": the note's save meets a conflict, and
    the queued complete request then posts the form as the conflict left it (the
    other note's version, this person's text). It must stop on the conflict too."""
    question = questions[0]
    client_for(owner).post(
        url("scorecard_evidence", draft, question_pk=question.pk),
        evidence(question, "Owner's evidence", 1),
        headers=HX,
    )
    client = client_for(editor)
    response = client.post(
        url("scorecard_evidence", draft, question_pk=question.pk),
        evidence(question, "Editor's evidence", 1),
        headers=HX,
    )
    assert response.status_code == 409
    marker = f'name="q{question.pk}-unresolved" value="Editor&#x27;s evidence"'
    assert marker in response.content.decode()
    data = whole_form(questions, [4] * 24, complete="1")
    data[f"q{question.pk}-evidence"] = "Editor's evidence"
    data[f"q{question.pk}-evidence_shown"] = "Owner's evidence"
    data[f"q{question.pk}-version"] = "2"
    data[f"q{question.pk}-unresolved"] = "Editor's evidence"
    response = client.post(url("scorecard_complete", draft), data, headers=HX)
    assert response.status_code == 409
    assert "Not completed yet." in response.content.decode()
    assert marker in response.content.decode()
    draft.refresh_from_db()
    assert not draft.is_complete
    assert Answer.objects.get(assessment=draft, question=question).evidence == "Owner's evidence"
    # Pressing "Save note" (its own request, without the marker) keeps the editor's note.
    response = client.post(
        url("scorecard_evidence", draft, question_pk=question.pk),
        evidence(question, "Editor's evidence", 2),
        headers=HX,
    )
    assert response.status_code == 200
    assert Answer.objects.get(assessment=draft, question=question).evidence == "Editor's evidence"


def test_complete_with_htmx_confirmed_redirects_to_results(editor, draft, client_for):
    response = client_for(editor).post(
        url("scorecard_complete", draft), {"confirm": "1"}, headers=HX
    )
    assert response["HX-Redirect"] == url("scorecard_results", draft)
    assert "HX-Request" in response["Vary"]


def test_complete_stores_scores_and_a_canvas_snapshot(editor, canvas, draft, questions, client_for):
    canvas.add_note(area="value_proposition", text="Faster onboarding", by=editor)
    for question in questions:
        record_answer(assessment=draft, question=question, value=5, by=editor)
    response = client_for(editor).post(url("scorecard_complete", draft))
    assert response["Location"] == url("scorecard_results", draft)
    draft.refresh_from_db()
    assert draft.overall_score == 100
    assert set(draft.area_scores.values()) == {100}
    assert draft.canvas_snapshot["title"] == canvas.title
    assert draft.canvas_snapshot["areas"][0]["notes"] == [
        {"text": "Faster onboarding", "colour": "yellow"}
    ]
    # later edits to the canvas don't change what was assessed
    canvas.add_note(area="value_proposition", text="Added later", by=editor)
    body = client_for(editor).get(url("scorecard_results", draft)).content.decode()
    assert "Faster onboarding" in body
    assert "Added later" not in body


@pytest.mark.parametrize(("who", "status"), [("viewer", 403), ("outsider", 404)])
def test_only_editors_complete(who, status, users, draft, client_for):
    response = client_for(users[who]).post(url("scorecard_complete", draft), {"confirm": "1"})
    assert response.status_code == status
    assert not Assessment.objects.get().is_complete


# Results -------------------------------------------------------------------------------------


def test_viewer_reads_results(viewer, canvas, take_assessment, client_for):
    values = [4] * 20 + [1, 2, 2, 0]  # investment & return comes last
    assessment = take_assessment(canvas, values)
    response = client_for(viewer).get(url("scorecard_results", assessment))
    assert response.status_code == 200
    body = response.content.decode()
    assert "<svg" in body
    assert 'class="radar"' in body
    assert "<caption>Area scores</caption>" in body
    assert ">Weakest link<" in body
    assert "Investment &amp; return" in body
    assert "What to do next" in body
    assert "you answered 1 (strongly disagree)" in body
    assert "you answered 2 (disagree)" in body
    assert "Mark as done" not in body  # viewers don't tick
    assert "This is the first completed assessment" in body


def test_low_confidence_says_not_sure_does_not_count(editor, canvas, take_assessment, client_for):
    assessment = take_assessment(canvas, [4, 0, 0, 0] + [3] * 20)
    body = client_for(editor).get(url("scorecard_results", assessment)).content.decode()
    assert "1 of 4 rated 1 to 5, 3 not sure." in body
    assert "fewer than half were rated 1 to 5 (“not sure” doesn't count)" in body
    assert "Rated 1 to 5 (“not sure” not counted)" in body


def test_results_say_not_scored_never_zero(editor, canvas, take_assessment, client_for):
    assessment = take_assessment(canvas, [0] * 4 + [3] * 20)
    body = client_for(editor).get(url("scorecard_results", assessment)).content.decode()
    assert "Not scored" in body
    assert "Value proposition: not scored" in body  # the radar's text description


@pytest.mark.parametrize(
    ("who", "location"), [("editor", "scorecard_take"), ("viewer", "scorecard_history")]
)
def test_results_of_a_draft_lead_elsewhere(who, location, users, canvas, draft, client_for):
    response = client_for(users[who]).get(url("scorecard_results", draft))
    expected = (
        url(location, draft) if location == "scorecard_take" else url(location, canvas=canvas)
    )
    assert response["Location"] == expected


def test_results_are_private(outsider, canvas, take_assessment, client_for):
    assessment = take_assessment(canvas, 3)
    assert client_for(outsider).get(url("scorecard_results", assessment)).status_code == 404


def test_a_second_assessment_shows_the_change(editor, canvas, take_assessment, client_for):
    take_assessment(canvas, 3)
    second = take_assessment(canvas, [4] * 24)
    body = client_for(editor).get(url("scorecard_results", second)).content.decode()
    assert "Change since last time" in body
    assert "up 25" in body
    assert 'class="overall-row"' in body
    assert body.count("<circle") >= 2 + 6  # two history points and six radar dots


def test_results_query_count_stays_constant(
    editor, canvas, take_assessment, client_for, django_assert_num_queries
):
    first = url("scorecard_results", take_assessment(canvas, [2] * 24))
    client = client_for(editor)
    client.get(first)  # open once: the first request after logging in writes the session
    # session, user, membership, canvas, assessment, set areas, questions, answers, ticks,
    # the canvas's completed assessments, the headline and ask
    with django_assert_num_queries(11):
        client.get(first)
    for n in range(5):
        take_assessment(canvas, [1 + n % 5] * 24)
    latest = Assessment.objects.completed().latest("completed_at")
    ActionTick.objects.create(assessment=latest, key="area:value_proposition", ticked_by=editor)
    latest_url = url("scorecard_results", latest, canvas=canvas)
    with django_assert_num_queries(11):
        response = client.get(latest_url)
    assert response.status_code == 200
    assert "Change since last time" in response.content.decode()


def test_take_page_query_count_stays_constant(
    editor, canvas, draft, questions, client_for, django_assert_num_queries
):
    client = client_for(editor)
    take_url = url("scorecard_take", draft)
    client.get(take_url)  # open once: the first request after logging in writes the session
    # session, user, membership, canvas, assessment, answers, set areas, questions
    with django_assert_num_queries(8):
        client.get(take_url)
    for question in questions:
        record_answer(assessment=draft, question=question, value=3, by=editor)
        Answer.objects.filter(assessment=draft, question=question).update(evidence="Seen")
    with django_assert_num_queries(8):
        response = client.get(take_url)
    assert "24 of 24</strong>" in response.content.decode()


# Ticking actions -----------------------------------------------------------------------------


@pytest.fixture
def low_assessment(canvas, take_assessment):
    return take_assessment(canvas, [2] * 24)


def test_tick_with_htmx_records_who_and_when(editor, low_assessment, client_for):
    key = "area:value_proposition"
    response = client_for(editor).post(
        url("scorecard_tick", low_assessment), {"key": key, "done": "1"}, headers=HX
    )
    assert_htmx_partial(response, "scorecard/results.html#action")
    assert "ticked by Editor" in response.content.decode()
    tick = ActionTick.objects.get()
    assert (tick.key, tick.ticked_by) == (key, editor)


def test_tick_partial_says_when_it_was_ticked(editor, low_assessment, client_for):
    from django.utils import dateformat, timezone

    response = client_for(editor).post(
        url("scorecard_tick", low_assessment),
        {"key": "area:value_proposition", "done": "1"},
        headers=HX,
    )
    ticked_at = timezone.localtime(ActionTick.objects.get().ticked_at)
    when = dateformat.format(ticked_at, "j M Y, H:i")
    assert f"ticked by Editor on {when}" in response.content.decode()


def test_untick_with_htmx(editor, low_assessment, client_for):
    client = client_for(editor)
    endpoint = url("scorecard_tick", low_assessment)
    client.post(endpoint, {"key": "area:value_proposition", "done": "1"}, headers=HX)
    response = client.post(endpoint, {"key": "area:value_proposition"}, headers=HX)
    assert_htmx_partial(response, "scorecard/results.html#action")
    body = response.content.decode()
    assert "Mark as done:" in body
    assert "ticked by" not in body
    assert "is-done" not in body
    assert not ActionTick.objects.exists()


def test_tick_and_untick_without_js(editor, low_assessment, client_for):
    client = client_for(editor)
    endpoint = url("scorecard_tick", low_assessment)
    response = client.post(endpoint, {"key": "area:value_proposition", "done": "1"})
    assert response["Location"] == url("scorecard_results", low_assessment) + "#actions"
    assert ActionTick.objects.count() == 1
    client.post(endpoint, {"key": "area:value_proposition"})
    assert ActionTick.objects.count() == 0


def test_tick_unknown_action_is_404(editor, low_assessment, client_for):
    response = client_for(editor).post(
        url("scorecard_tick", low_assessment), {"key": "area:nonsense", "done": "1"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize(("who", "status"), [("viewer", 403), ("outsider", 404)])
def test_only_editors_tick(who, status, users, low_assessment, client_for):
    response = client_for(users[who]).post(
        url("scorecard_tick", low_assessment), {"key": "area:value_proposition", "done": "1"}
    )
    assert response.status_code == status
    assert not ActionTick.objects.exists()


# The board -----------------------------------------------------------------------------------


def test_board_shows_latest_area_scores_linking_to_advice(
    viewer, canvas, take_assessment, client_for
):
    take_assessment(canvas, 2)
    latest = take_assessment(canvas, [5] * 4 + [3] * 20)
    body = (
        client_for(viewer)
        .get(f"/o/{canvas.organization.slug}/canvases/{canvas.pk}/")
        .content.decode()
    )
    assert "Self-assessment results" in body
    assert "Assess this canvas" not in body
    assert body.count('class="score-badge') == 6
    assert f"{url('scorecard_results', latest)}#advice-value_proposition" in body
    assert "Score 100" in body
    assert "Score 50" in body


def test_board_without_assessments_has_no_badges(viewer, canvas, client_for):
    body = (
        client_for(viewer)
        .get(f"/o/{canvas.organization.slug}/canvases/{canvas.pk}/")
        .content.decode()
    )
    assert "score-badge" not in body


def test_board_leads_editors_back_into_a_draft(editor, viewer, canvas, client_for, question_set):
    board = f"/o/{canvas.organization.slug}/canvases/{canvas.pk}/"
    body = client_for(editor).get(board).content.decode()
    assert f'href="{url("scorecard_history", canvas=canvas)}">Assess this canvas<' in body
    draft, _ = start_or_resume_assessment(canvas=canvas, by=editor)
    body = client_for(editor).get(board).content.decode()
    assert f'href="{url("scorecard_take", draft)}">Continue the assessment<' in body
    body = client_for(viewer).get(board).content.decode()
    assert "Continue the assessment" not in body
    assert "Self-assessment results" in body


def test_resume_keeps_answers(editor, canvas, draft, questions):
    record_answer(assessment=draft, question=questions[0], value=4, by=editor)
    resumed, created = start_or_resume_assessment(canvas=canvas, by=editor)
    assert not created
    assert resumed == draft
    assert Answer.objects.get(assessment=resumed, question=questions[0]).value == 4
