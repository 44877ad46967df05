"""Stale removes and moves of segments, personas and journey stages (the conflict panel,
"gone", "go ahead"), and undo of a removal, which brings back everything that went with it."""

import pytest
from django.core import signing

from core.undo import UndoError
from core.versioning import Outcome
from customers import services
from customers.models import JourneyStage, Persona, Segment
from tests.helpers import HX, assert_htmx_partial, canvas_url, hidden_fields


def snapshot(model):
    return list(model.objects.order_by("pk").values())


def everything():
    return [snapshot(model) for model in (Segment, Persona, JourneyStage)]


def changed(record, by, **changes):
    """Someone (`by`) saves a change to `record`: its version goes up."""
    edit = {
        Segment: services.edit_segment,
        Persona: services.edit_persona,
        JourneyStage: services.edit_stage,
    }[type(record)]
    noun = type(record).__name__.lower().replace("journeystage", "stage")
    result = edit(
        **{noun: record, "expected_version": record.version, "changes": changes, "by": by}
    )
    assert result.saved
    return result.record


@pytest.fixture
def two_segments(make_segment):
    return make_segment("Store associates"), make_segment("Regional directors")


# Segments ---------------------------------------------------------------------------------


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
def test_stale_segment_remove_keeps_everything_and_shows_theirs(
    htmx, canvas, segment, persona, owner, editor, client_for
):
    changed(segment, owner, name="Store teams")
    before = everything()
    client = client_for(editor)
    target = canvas_url("segment_delete", canvas, segment_pk=segment.pk)
    response = client.post(target, {"version": "1"}, headers=HX if htmx else {})
    body = response.content.decode()
    if htmx:
        assert_htmx_partial(response, "customers/segments.html#segments", 409)
        assert response["HX-Retarget"] == "#segments"
    else:  # JavaScript off: the confirmation page, with both choices as plain forms
        assert response.status_code == 409
        assert response.template_name == "customers/segment_delete.html"
        assert "hx-post" not in body.split('class="conflict')[1]
    assert "Owner changed this segment after you opened the page, so it was not removed." in body
    assert "Store teams" in body
    assert hidden_fields(body, target) == {"version": "2"}
    assert "Keep it as it is" in body
    assert "Remove anyway" in body
    assert everything() == before


def test_the_confirmation_page_of_a_stale_link_shows_the_conflict(
    canvas, segment, owner, editor, client_for
):
    changed(segment, owner, name="Store teams")
    target = canvas_url("segment_delete", canvas, segment_pk=segment.pk)
    page = client_for(editor).get(target + "?version=1").content.decode()
    assert "so it was not removed" in page
    assert hidden_fields(page, target) == {"version": "2"}
    fresh = client_for(editor).get(target + "?version=2").content.decode()
    assert "so it was not removed" not in fresh
    assert hidden_fields(fresh, target) == {"version": "2"}


def test_the_segments_page_sends_each_segments_version(
    canvas, two_segments, owner, editor, client_for
):
    first, second = two_segments
    changed(second, owner, name="Directors")
    body = client_for(editor).get(canvas_url("segment_list", canvas)).content.decode()
    delete = canvas_url("segment_delete", canvas, segment_pk=second.pk)
    assert f'href="{delete}?version=2"' in body
    assert 'hx-vals=\'{"version": "2"}\'' in body
    move = canvas_url("segment_move", canvas, segment_pk=second.pk)
    assert hidden_fields(body, move) == {"version": "2", "position": "0"}


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
def test_stale_segment_move_moves_nothing_then_go_ahead(
    htmx, canvas, two_segments, owner, editor, client_for
):
    first, second = two_segments
    changed(second, owner, headcount=40)
    client = client_for(editor)
    target = canvas_url("segment_move", canvas, segment_pk=second.pk)
    headers = HX if htmx else {}
    response = client.post(target, {"version": "1", "position": "0"}, headers=headers)
    assert response.status_code == 409
    body = response.content.decode()
    assert "so it was not moved" in body
    assert "Move anyway" in body
    assert "Headcount" in body
    assert list(canvas.segments.order_by("position").values_list("pk", flat=True)) == [
        first.pk,
        second.pk,
    ]
    response = client.post(target, hidden_fields(body, target), headers=headers)
    assert response.status_code == (200 if htmx else 302)
    assert list(canvas.segments.order_by("position").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
@pytest.mark.parametrize("view", ["segment_delete", "segment_move"])
def test_acting_on_a_segment_removed_meanwhile_says_so(
    htmx, view, canvas, segment, editor, client_for
):
    target = canvas_url(view, canvas, segment_pk=segment.pk)
    Segment.objects.filter(pk=segment.pk).delete()
    client = client_for(editor)
    response = client.post(target, {"version": "1", "position": "0"}, headers=HX if htmx else {})
    if htmx:
        assert_htmx_partial(response, "customers/segments.html#segments")
        body = response.content.decode()
    else:
        body = client.get(response["Location"]).content.decode()
    assert "Someone else removed that segment already" in body


def test_go_ahead_removes_and_undo_brings_back_personas_and_stages(
    canvas, segment, make_persona, owner, editor, client_for, make_segment
):
    amira = make_persona("Amira Haddad", stages=(1, -2, 2))
    ben = make_persona("Ben Ode", stages=(0,))
    changed(amira.stages.get(position=1), owner, name="Edited stage")  # version 2
    after = make_segment("After")
    changed(segment, owner, name="Store teams")
    before = everything()
    client = client_for(editor)
    target = canvas_url("segment_delete", canvas, segment_pk=segment.pk)
    stale = client.post(target, {"version": "1"}, headers=HX)
    response = client.post(target, hidden_fields(stale.content.decode(), target), headers=HX)
    assert_htmx_partial(response, "customers/segments.html#segments")
    body = response.content.decode()
    assert "Removed the segment “Store teams” with 2 personas and their journeys." in body
    assert 'data-undo-seconds="10"' in body
    assert not Persona.objects.exists()
    assert not JourneyStage.objects.exists()
    fields = hidden_fields(body, canvas_url("customers_undo", canvas))
    assert fields["kind"] == "segment"

    # Meanwhile the canvas changes: a new segment, and the remaining one moves.
    make_segment("Newcomers")
    services.move_segment(segment=after, expected_version=after.version, position=1, by=owner)
    response = client.post(canvas_url("customers_undo", canvas), fields, headers=HX)
    assert_htmx_partial(response, "customers/segments.html#segments")
    restored = everything()
    assert [row for row in restored[0] if row["id"] == segment.pk] == [
        {**before[0][0], "updated_by_id": editor.pk, "updated_at": restored[0][0]["updated_at"]}
    ]
    assert restored[1] == before[1]  # personas: ids, positions, versions, dates, authors
    assert restored[2] == before[2]  # and every stage of their journeys
    assert {amira.pk, ben.pk} == set(Persona.objects.values_list("pk", flat=True))
    assert list(canvas.segments.order_by("position").values_list("name", flat=True)) == [
        "Store teams",
        "Newcomers",
        "After",
    ]
    again = client.post(canvas_url("customers_undo", canvas), fields, headers=HX)
    assert again.status_code == 409
    assert "already back" in again.content.decode()


def test_remove_and_undo_without_javascript(canvas, segment, persona, editor, client_for):
    client = client_for(editor)
    target = canvas_url("segment_delete", canvas, segment_pk=segment.pk)
    response = client.post(target, {"version": "1"})
    assert response["Location"] == canvas_url("segment_list", canvas) + "#undo"
    page = client.get(response["Location"]).content.decode()
    assert "with 1 persona and their journeys" in page
    fields = hidden_fields(page, canvas_url("customers_undo", canvas))
    assert "customers-undo" not in client.session  # offered once
    response = client.post(canvas_url("customers_undo", canvas), fields)
    assert response.status_code == 302
    assert Persona.objects.get().stages.count() == 3


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
def test_forged_foreign_or_expired_undo_tokens_are_refused(
    htmx, canvas, segment, persona, editor, client_for, make_canvas, monkeypatch
):
    result = services.remove_segment(segment=segment, expected_version=1, by=editor)
    token = result.undo_token
    other = make_canvas("Other")
    client = client_for(editor)
    headers = HX if htmx else {}
    data = signing.loads(token, salt=f"core.undo.segment.{canvas.pk}")
    data["children"]["personas"][0]["fields"]["name"] = "Injected"
    forged = signing.dumps(data, salt="not-the-real-salt", compress=True)
    attempts = [
        (canvas, {"kind": "segment", "token": forged}),
        (canvas, {"kind": "persona", "token": token}),  # a segment's token as a persona's
        (other, {"kind": "segment", "token": token}),
        (canvas, {"kind": "nothing", "token": token}),
    ]
    for on, fields in attempts:
        response = client.post(canvas_url("customers_undo", on), fields, headers=headers)
        assert response.status_code in ((409, 422) if htmx else (302,))
    monkeypatch.setattr(
        "customers.services.SEGMENT_UNDO",
        services.SEGMENT_UNDO.__class__(noun="segment", valid_seconds=-1),
    )
    with pytest.raises(UndoError, match="too late"):
        services.restore_segment(canvas=canvas, token=token, by=editor)
    assert not Segment.objects.exists()
    assert not Persona.objects.exists()


# Personas ---------------------------------------------------------------------------------


def test_stale_persona_remove_shows_the_conflict_then_go_ahead_and_undo(
    canvas, segment, persona, owner, editor, client_for
):
    changed(persona, owner, role="Shift lead")
    client = client_for(editor)
    target = canvas_url("persona_delete", canvas, persona_pk=persona.pk)
    confirm = client.get(target + "?version=1").content.decode()
    assert "Owner changed this persona after you opened the page, so it was not removed." in confirm
    response = client.post(target, {"version": "1"})
    assert response.status_code == 409
    body = response.content.decode()
    assert "Shift lead" in body
    assert Persona.objects.filter(pk=persona.pk).exists()
    response = client.post(target, hidden_fields(body, target))
    assert response.status_code == 302
    assert not Persona.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Removed Amira Haddad and their journey." in page
    fields = hidden_fields(page, canvas_url("customers_undo", canvas))
    response = client.post(canvas_url("customers_undo", canvas), fields)
    back = Persona.objects.get()
    assert (back.pk, back.version, back.role) == (persona.pk, 2, "Shift lead")
    assert back.stages.count() == 3


def test_removing_a_persona_someone_removed_meanwhile_says_so(
    canvas, segment, persona, owner, editor, client_for
):
    """The editor confirms a removal the owner beat them to: the segments page says the
    persona went already, and nothing else changes."""
    client = client_for(editor)
    target = canvas_url("persona_delete", canvas, persona_pk=persona.pk)
    assert client.get(target + "?version=1").status_code == 200  # the confirmation, open
    client_for(owner).post(target, {"version": "1"})
    assert not Persona.objects.exists()
    response = client.post(target, {"version": "1"})
    assert response.status_code == 302
    assert response["Location"] == canvas_url("segment_list", canvas)
    page = client.get(response["Location"]).content.decode()
    assert "Someone else removed that persona already." in page
    assert Segment.objects.filter(pk=segment.pk).exists()


def test_persona_undo_after_their_segment_went_says_why(canvas, segment, persona, editor):
    token = services.remove_persona(persona=persona, expected_version=1, by=editor).undo_token
    services.remove_segment(segment=segment, expected_version=1, by=editor)
    with pytest.raises(UndoError, match="Their segment was removed"):
        services.restore_persona(canvas=canvas, token=token, by=editor)


def test_persona_remove_without_a_version_changes_nothing(canvas, persona, editor, client_for):
    target = canvas_url("persona_delete", canvas, persona_pk=persona.pk)
    response = client_for(editor).post(target, {"version": "nope"})
    assert response.status_code == 302
    assert Persona.objects.exists()


# Journey stages ---------------------------------------------------------------------------


def stage_url(name, persona, stage):
    return canvas_url(name, persona.segment.canvas, persona_pk=persona.pk, stage_pk=stage.pk)


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
@pytest.mark.parametrize("view", ["stage_delete", "stage_move"])
def test_stale_stage_remove_or_move_does_nothing_then_go_ahead(
    htmx, view, canvas, persona, owner, editor, client_for
):
    stage = persona.stages.get(position=2)
    changed(stage, owner, doing="Asks a colleague")
    before = everything()
    client = client_for(editor)
    target = stage_url(view, persona, stage)
    headers = HX if htmx else {}
    response = client.post(target, {"version": "1", "position": "0"}, headers=headers)
    body = response.content.decode()
    if htmx:
        assert_htmx_partial(response, "customers/persona.html#journey", 409)
        assert response["HX-Retarget"] == "#journey"
    else:
        assert response.status_code == 409
        assert response.template_name == "customers/persona.html"
    assert "Owner changed this stage after you opened the page" in body
    assert "Asks a colleague" in body
    assert everything() == before
    response = client.post(target, hidden_fields(body, target), headers=headers)
    assert response.status_code == (200 if htmx else 302)
    if view == "stage_delete":
        assert not JourneyStage.objects.filter(pk=stage.pk).exists()
    else:
        assert persona.stages.get(position=0).pk == stage.pk


def test_stage_remove_offers_undo(canvas, persona, editor, client_for):
    stage = persona.stages.get(position=1)
    client = client_for(editor)
    response = client.post(stage_url("stage_delete", persona, stage), {"version": "1"}, headers=HX)
    assert_htmx_partial(response, "customers/persona.html#journey")
    body = response.content.decode()
    assert "Removed the stage “Stage 1”." in body
    fields = hidden_fields(body, canvas_url("customers_undo", canvas))
    response = client.post(canvas_url("customers_undo", canvas), fields, headers=HX)
    assert_htmx_partial(response, "customers/persona.html#journey")
    assert list(persona.stages.order_by("position").values_list("pk", flat=True))[1] == stage.pk


def test_acting_on_a_stage_removed_meanwhile_says_so(canvas, persona, editor, client_for):
    stage = persona.stages.first()
    JourneyStage.objects.filter(pk=stage.pk).delete()
    for view in ("stage_delete", "stage_move"):
        response = client_for(editor).post(
            stage_url(view, persona, stage), {"version": "1", "position": "0"}, headers=HX
        )
        assert_htmx_partial(response, "customers/persona.html#journey")
        assert "removed by someone else" in response.content.decode()


def test_service_outcomes(canvas, segment, persona, owner, editor):
    stage = persona.stages.first()
    changed(stage, owner, name="New name")
    assert services.move_stage(stage=stage, expected_version=1, position=2, by=editor).outcome is (
        Outcome.CONFLICT
    )
    assert services.remove_stage(stage=stage, expected_version=1, by=editor).outcome is (
        Outcome.CONFLICT
    )
    assert services.remove_persona(persona=persona, expected_version=1, by=editor).saved
    assert services.remove_stage(stage=stage, expected_version=2, by=editor).outcome is (
        Outcome.GONE
    )
