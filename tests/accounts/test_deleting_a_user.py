"""Deleting a user keeps everything they made; the pages name them "a former member"."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import reverse

from canvas.areas import AreaKey
from canvas.models import Canvas, Note
from canvas.services import edit_note
from customers.models import JourneyStage, Persona, Segment, SegmentKind
from customers.services import add_persona, add_segment, add_stage
from investment.models import InvestmentLine, InvestmentSettings, ReturnLine
from investment.services import add_line, save_settings, settings_for
from orgs.models import Membership
from scorecard.models import ActionTick, Answer, Assessment, Question
from scorecard.services import (
    complete_assessment,
    ensure_default_question_set,
    record_answer,
    save_evidence,
    start_or_resume_assessment,
    tick_action,
)
from tests.helpers import HX, canvas_url
from tests.pdf_support import stand_in_renders

FORMER = "a former member"


def test_no_link_to_a_user_deletes_work_with_them():
    """Every foreign key to the user model in our apps lets go (SET_NULL); only a
    membership, which is the person's place in the organization, goes with them."""
    ours = {"core", "accounts", "orgs", "canvas", "customers", "investment", "scorecard", "studio"}
    links = [
        (model, field)
        for model in apps.get_models()
        if model._meta.app_label in ours
        for field in model._meta.get_fields()
        if isinstance(field, models.ForeignKey)
        and field.remote_field.model._meta.label == settings.AUTH_USER_MODEL
    ]
    assert len(links) >= 15
    for model, field in links:
        expected = models.CASCADE if model is Membership else models.SET_NULL
        assert field.remote_field.on_delete is expected, f"{model.__name__}.{field.name}"


@pytest.fixture
def leaver(make_user, org):
    user = make_user("leaver", last_name="Vaughan")
    Membership.objects.create(user=user, organization=org, role=Membership.Role.EDITOR)
    return user


@pytest.fixture
def work(leaver, org):
    """One of every kind of record, made (and last changed) by the leaver."""
    canvas = Canvas.objects.create(
        organization=org, title="Leaver's canvas", created_by=leaver, updated_by=leaver
    )
    note = canvas.add_note(area=AreaKey.PRODUCTS_SERVICES, text="Coaching circles", by=leaver)
    segment = add_segment(canvas=canvas, by=leaver, name="Store staff", kind=SegmentKind.LEARNERS)
    persona = add_persona(segment=segment, by=leaver, name="Amira Haddad")
    stage = add_stage(persona=persona, by=leaver, name="First week", feeling=1)
    cost = add_line(
        line=InvestmentLine(category="travel", label="Trips", amount=Decimal(900)),
        canvas=canvas,
        by=leaver,
    )
    gain = add_line(
        line=ReturnLine(kind="revenue", label="Upsell", amount=Decimal(2000)),
        canvas=canvas,
        by=leaver,
    )
    save_settings(
        canvas=canvas,
        expected_version=settings_for(canvas).version,
        changes={"learners_reached": 40},
        by=leaver,
    )
    ensure_default_question_set()
    completed, _ = start_or_resume_assessment(canvas=canvas, by=leaver)
    for question in Question.objects.filter(area__question_set=completed.question_set):
        record_answer(assessment=completed, question=question, value=1, by=leaver)
    answer = completed.answers.first()
    save_evidence(
        answer=answer, text="We asked the team", expected_version=answer.version, by=leaver
    )
    complete_assessment(assessment=completed, by=leaver)
    tick_action(assessment=completed, key="area:value_proposition", done=True, by=leaver)
    draft, _ = start_or_resume_assessment(canvas=canvas, by=leaver)
    record_answer(
        assessment=draft,
        question=Question.objects.filter(area__question_set=draft.question_set).first(),
        value=4,
        by=leaver,
    )
    canvas.touch(leaver)
    return {
        "canvas": canvas,
        "note": note,
        "segment": segment,
        "persona": persona,
        "stage": stage,
        "cost": cost,
        "gain": gain,
        "completed": completed,
        "draft": draft,
    }


@pytest.fixture
def gone(leaver, work):
    leaver.delete()
    return work


def test_every_record_they_made_stays(gone):
    canvas = Canvas.objects.get(pk=gone["canvas"].pk)
    assert (canvas.created_by, canvas.updated_by) == (None, None)
    assert Note.objects.get(pk=gone["note"].pk).text == "Coaching circles"
    assert Segment.objects.get(pk=gone["segment"].pk).created_by is None
    assert Persona.objects.get(pk=gone["persona"].pk).name == "Amira Haddad"
    assert JourneyStage.objects.get(pk=gone["stage"].pk).name == "First week"
    assert InvestmentLine.objects.get(pk=gone["cost"].pk).amount == Decimal(900)
    assert ReturnLine.objects.get(pk=gone["gain"].pk).updated_by is None
    assert InvestmentSettings.objects.get(canvas=canvas).learners_reached == 40
    completed = Assessment.objects.get(pk=gone["completed"].pk)
    assert completed.is_complete
    assert (completed.started_by, completed.completed_by) == (None, None)
    assert Answer.objects.filter(assessment=completed).count() == 24
    assert Answer.objects.filter(assessment=completed, evidence="We asked the team").exists()
    assert ActionTick.objects.get(assessment=completed).ticked_by is None
    assert Assessment.objects.filter(pk=gone["draft"].pk).exists()


def test_the_board_and_org_home_name_a_former_member(gone, client_for, owner, org):
    client = client_for(owner)
    board = client.get(canvas_url("board", gone["canvas"]))
    assert board.status_code == 200
    assert f"by {FORMER}" in board.content.decode()
    assert "Coaching circles" in board.content.decode()
    home = client.get(reverse("org_home", args=[org.slug]))
    assert f"by {FORMER}" in home.content.decode()


def test_customer_pages_keep_their_segments_personas_and_stages(gone, client_for, owner):
    client = client_for(owner)
    canvas = gone["canvas"]
    segments = client.get(canvas_url("segment_list", canvas))
    assert segments.status_code == 200
    assert "Store staff" in segments.content.decode()
    persona = client.get(canvas_url("persona_detail", canvas, persona_pk=gone["persona"].pk))
    assert persona.status_code == 200
    assert "First week" in persona.content.decode()


def test_the_investment_page_keeps_its_lines(gone, client_for, owner):
    response = client_for(owner).get(canvas_url("investment", gone["canvas"]))
    assert response.status_code == 200
    assert "Trips" in response.content.decode()
    assert "Upsell" in response.content.decode()


def test_assessments_name_a_former_member(gone, client_for, owner):
    client = client_for(owner)
    canvas = gone["canvas"]
    history = client.get(canvas_url("scorecard_history", canvas)).content.decode()
    assert f"Started by {FORMER}" in history
    assert f"<td>{FORMER}</td>" in history

    results_url = canvas_url("scorecard_results", canvas, pk=gone["completed"].pk)
    results = client.get(results_url).content.decode()
    assert f"Started by {FORMER}" in results
    assert f"completed by {FORMER}" in results
    assert f"ticked by {FORMER}" in results

    take = client.get(canvas_url("scorecard_take", canvas, pk=gone["draft"].pk))
    assert take.status_code == 200
    assert f"Started by {FORMER}" in take.content.decode()
    assert f"Answered by {FORMER}" in take.content.decode()

    with stand_in_renders() as printed:
        pdf = client.get(canvas_url("scorecard_pdf", canvas, pk=gone["completed"].pk))
    assert pdf.status_code == 200
    assert FORMER in printed[0]


def test_a_conflict_with_their_last_edit_names_a_former_member(leaver, work, client_for, owner):
    note = work["note"]
    seen_version = note.version
    edit_note(note=note, expected_version=seen_version, changes={"text": "Their text"}, by=leaver)
    leaver.delete()
    prefix = f"note-{note.pk}"
    response = client_for(owner).post(
        canvas_url("note_edit", work["canvas"], note_pk=note.pk),
        {
            f"{prefix}-text": "My text",
            f"{prefix}-colour": "yellow",
            f"{prefix}-version": seen_version,
            f"{prefix}-area": note.area,
        },
        headers=HX,
    )
    assert response.status_code == 409
    assert "A former member saved a change while you were editing" in response.content.decode()


@pytest.mark.parametrize("kind", ["cost", "segment", "stage"])
def test_a_stale_delete_of_their_last_change_names_a_former_member(
    kind, leaver, work, client_for, owner
):
    """The owner opened the page before the leaver's last change to a cost line, a segment
    or a journey stage; the leaver's account is gone since. The delete stops, and the panel
    names who changed it as "a former member"."""
    from customers.services import edit_segment, edit_stage
    from investment.services import edit_line

    record = work[kind]
    seen_version = record.version
    edit, route, key, field = {
        "cost": (edit_line, "investment_line_delete", "line_pk", "label"),
        "segment": (edit_segment, "segment_delete", "segment_pk", "name"),
        "stage": (edit_stage, "stage_delete", "stage_pk", "name"),
    }[kind]
    argument = {"cost": "line", "segment": "segment", "stage": "stage"}[kind]
    edit(**{argument: record}, expected_version=seen_version, changes={field: "Theirs"}, by=leaver)
    leaver.delete()
    kwargs = {key: record.pk}
    if kind == "cost":
        kwargs["section"] = "costs"
    if kind == "stage":
        kwargs["persona_pk"] = work["persona"].pk
    response = client_for(owner).post(
        canvas_url(route, work["canvas"], **kwargs), {"version": seen_version}, headers=HX
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "A former member changed this" in body
    assert "after you opened the page, so it was not" in body
    assert type(record).objects.filter(pk=record.pk).exists()
