import pytest
from django.urls import reverse

from customers.models import JourneyStage
from tests.helpers import HX, assert_htmx_partial


def url(name, persona, **kwargs):
    canvas = persona.segment.canvas
    return reverse(
        name,
        kwargs={
            "org_slug": canvas.organization.slug,
            "canvas_pk": canvas.pk,
            "persona_pk": persona.pk,
            **kwargs,
        },
    )


def stage_data(prefix="new", **overrides):
    data = {
        "name": "Tries to log in",
        "touchpoint": "Store tablet",
        "doing": "Waits for the tablet",
        "feeling": "-2",
        "pain_points": "Shared device",
        "opportunities": "Badge sign-in",
    }
    data.update(overrides)
    return {f"{prefix}-{key}": value for key, value in data.items()}


def names(persona):
    return list(persona.stages.order_by("position").values_list("name", flat=True))


def test_add_stage_plain_and_htmx(editor, make_persona, client_for):
    persona = make_persona()
    client = client_for(editor)
    response = client.post(url("stage_create", persona), stage_data())
    assert response.status_code == 302
    assert response["Location"].endswith(url("persona_detail", persona) + "#journey")
    response = client.post(
        url("stage_create", persona), stage_data(name="Learns", feeling="1"), headers=HX
    )
    assert_htmx_partial(response, "customers/persona.html#journey")
    assert response["HX-Retarget"] == "#journey"
    assert names(persona) == ["Tries to log in", "Learns"]
    stage = persona.stages.get(name="Tries to log in")
    assert (stage.feeling, stage.touchpoint, stage.created_by) == (-2, "Store tablet", editor)
    assert '<svg class="emotion-curve"' in response.content.decode()


@pytest.mark.parametrize("htmx", [False, True])
def test_invalid_stage_answers_422_next_to_the_field(htmx, editor, make_persona, client_for):
    persona = make_persona()
    response = client_for(editor).post(
        url("stage_create", persona),
        stage_data(name="", feeling="3", doing="kept doing"),
        headers=HX if htmx else {},
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Name the stage." in body
    assert "kept doing" in body
    assert body.count('class="field has-error"') == 2
    if htmx:
        assert_htmx_partial(response, "customers/persona.html#stage_add_form", status=422)
    assert not JourneyStage.objects.exists()


def test_edit_stage_in_place_and_save(editor, persona, client_for):
    stage = persona.stages.get(position=1)
    client = client_for(editor)
    edit = url("stage_edit", persona, stage_pk=stage.pk)
    response = client.get(edit, headers=HX)
    assert_htmx_partial(response, "customers/persona.html#stage_form")
    assert client.get(edit).status_code == 200
    data = stage_data(prefix=f"st{stage.pk}", version="1", name="Renamed", feeling="0")
    response = client.post(edit, data, headers=HX)
    assert_htmx_partial(response, "customers/persona.html#journey")
    stage.refresh_from_db()
    assert (stage.name, stage.feeling, stage.version) == ("Renamed", 0, 2)
    assert client.post(edit, {**data, f"st{stage.pk}-version": "2"}).status_code == 302


@pytest.mark.parametrize("htmx", [False, True])
def test_stale_stage_edit_answers_409(htmx, owner, editor, persona, client_for):
    stage = persona.stages.get(position=0)
    JourneyStage.objects.filter(pk=stage.pk).update(
        pain_points="Theirs", version=2, updated_by=owner
    )
    response = client_for(editor).post(
        url("stage_edit", persona, stage_pk=stage.pk),
        stage_data(prefix=f"st{stage.pk}", version="1", pain_points="Mine"),
        headers=HX if htmx else {},
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Theirs" in body
    assert "Mine" in body
    assert f'name="st{stage.pk}-version" value="2"' in body
    if htmx:
        assert_htmx_partial(response, "customers/persona.html#stage_form", status=409)


def test_editing_a_removed_stage_keeps_the_text(editor, persona, client_for):
    stage = persona.stages.get(position=0)
    pk = stage.pk
    stage.delete()
    response = client_for(editor).post(
        url("stage_edit", persona, stage_pk=pk),
        stage_data(prefix=f"st{pk}", version="1", opportunities="Keep this idea"),
        headers=HX,
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone removed this stage while you were editing it" in body
    assert "Keep this idea" in body
    assert url("stage_create", persona) in body


def test_move_stage_plain_and_htmx(editor, persona, client_for):
    client = client_for(editor)
    last = persona.stages.get(position=2)
    assert (
        client.post(
            url("stage_move", persona, stage_pk=last.pk), {"position": "0", "version": "1"}
        ).status_code
        == 302
    )
    assert names(persona) == ["Stage 2", "Stage 0", "Stage 1"]
    response = client.post(
        url("stage_move", persona, stage_pk=last.pk), {"position": "1", "version": "1"}, headers=HX
    )
    assert_htmx_partial(response, "customers/persona.html#journey")
    assert names(persona) == ["Stage 0", "Stage 2", "Stage 1"]


def test_remove_stage_plain_and_htmx(editor, persona, client_for):
    client = client_for(editor)
    first, second, _ = persona.stages.order_by("position")
    assert (
        client.post(url("stage_delete", persona, stage_pk=first.pk), {"version": "1"}).status_code
        == 302
    )
    response = client.post(
        url("stage_delete", persona, stage_pk=second.pk), {"version": "1"}, headers=HX
    )
    assert_htmx_partial(response, "customers/persona.html#journey")
    assert names(persona) == ["Stage 2"]
    assert persona.stages.get().position == 0
    gone = client.post(url("stage_delete", persona, stage_pk=second.pk), headers=HX)
    assert gone.status_code == 200
    assert "removed by someone else" in gone.content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [("owner", 302), ("editor", 302), ("viewer", 403), ("outsider", 404)],
)
def test_access_rules(role, status, users, persona, client_for):
    client = client_for(users[role])
    stage = persona.stages.get(position=0)
    assert client.post(url("stage_create", persona), stage_data()).status_code == status
    edit = url("stage_edit", persona, stage_pk=stage.pk)
    assert client.get(edit).status_code == (200 if status == 302 else status)
    assert client.post(edit, stage_data(f"st{stage.pk}", version="1")).status_code == status
    assert (
        client.post(url("stage_move", persona, stage_pk=stage.pk), {"position": "1"}).status_code
        == status
    )
    assert client.post(url("stage_delete", persona, stage_pk=stage.pk)).status_code == status


def test_anonymous_cannot_change_stages(persona, client_for):
    client = client_for(None)
    response = client.post(url("stage_create", persona), stage_data())
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert persona.stages.count() == 3


def test_stage_of_another_persona_is_not_reachable(editor, persona, make_persona, client_for):
    other = make_persona("Other", stages=(0,))
    stage = other.stages.get()
    response = client_for(editor).post(url("stage_delete", persona, stage_pk=stage.pk))
    assert response.status_code == 302
    assert JourneyStage.objects.filter(pk=stage.pk).exists()


@pytest.mark.parametrize("htmx", [False, True])
def test_a_failed_add_it_back_shows_its_errors_in_place(htmx, editor, persona, client_for):
    data = stage_data(name=" ", opportunities="Keep this idea") | {"restore": "1"}
    response = client_for(editor).post(
        url("stage_create", persona), data, headers=HX if htmx else {}
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Name the stage." in body
    assert "Keep this idea" in body
    assert "Someone removed this stage while you were editing it" in body
    assert body.count('id="stage-restored"') == 1
    assert 'name="restore" value="1"' in body
    if htmx:
        assert_htmx_partial(response, "customers/persona.html#stage_form", status=422)
        assert 'id="stage-add-form"' not in body
    else:
        assert body.count('id="stage-add-form"') == 1
        assert body.count('id="id_new-name"') == 1
        assert body.count('id="restored_new-name"') == 1
    assert names(persona) == ["Stage 0", "Stage 1", "Stage 2"]


@pytest.mark.parametrize("version", ["", "x"])
def test_a_garbled_version_is_explained_at_the_top_of_the_form(
    version, editor, persona, client_for
):
    stage = persona.stages.get(position=0)
    response = client_for(editor).post(
        url("stage_edit", persona, stage_pk=stage.pk),
        stage_data(f"st{stage.pk}", version=version, name="Kept name"),
        headers=HX,
    )
    assert_htmx_partial(response, "customers/persona.html#stage_form", status=422)
    body = response.content.decode()
    assert '<p class="form-error">This form was incomplete, so nothing was saved.' in body
    assert 'value="Kept name"' in body
    stage.refresh_from_db()
    assert (stage.name, stage.version) == ("Stage 0", 1)
