import pytest

from customers.models import Persona
from tests.helpers import HX, canvas_url
from tests.pdf_support import pdf_pages, pdf_text


def persona_data(**overrides):
    data = {
        "name": "Amira Haddad",
        "role": "Store associate",
        "description": "Early shift, shares a tablet.",
        "tech_access": "shared",
        "schedule": "fixed_shifts",
        "location": "on_site",
        "goals": "Answer customers\nMove up",
        "challenges": "No computer",
        "channels": "Huddles",
        "not_them": "Not an evening learner",
        "avatar_initials": "",
        "avatar_colour": "coral",
    }
    data.update(overrides)
    return data


def test_persona_page_reads_like_a_portrait(viewer, canvas, make_persona, client_for):
    persona = make_persona(
        role="Store associate",
        goals="Answer customers\n- Move <up>",
        schedule="fixed_shifts",
        stages=(1, -2, 2),
    )
    response = client_for(viewer).get(canvas_url("persona_detail", canvas, persona_pk=persona.pk))
    body = response.content.decode()
    assert response.status_code == 200
    assert '<h1 id="persona-name">Amira Haddad</h1>' in body
    assert "<li>Move &lt;up&gt;</li>" in body
    assert "Fixed shifts" in body
    assert "Nothing ruled out yet." in body
    assert '<svg class="emotion-curve"' in body
    assert "Moment that matters" in body
    assert "Edit persona" not in body
    assert "Add a stage" not in body  # viewer reads only
    assert "Download PDF card" in body


@pytest.mark.parametrize("stage_count", [1, 30])
def test_persona_page_query_count_is_constant(
    stage_count, editor, canvas, make_persona, client_for, django_assert_num_queries
):
    persona = make_persona(stages=[(n % 5) - 2 for n in range(stage_count)])
    client = client_for(editor)
    url = canvas_url("persona_detail", canvas, persona_pk=persona.pk)
    client.get(url)  # open once: the first request after logging in writes the session
    # session, user, membership, canvas, persona + segment, stages
    with django_assert_num_queries(6):
        response = client.get(url)
    assert response.content.decode().count('class="stage-card') == stage_count


def test_editor_creates_a_persona(editor, canvas, segment, client_for):
    client = client_for(editor)
    create = canvas_url("persona_create", canvas, segment_pk=segment.pk)
    assert client.get(create).status_code == 200
    response = client.post(create, persona_data())
    persona = Persona.objects.get()
    assert response["Location"] == canvas_url("persona_detail", canvas, persona_pk=persona.pk)
    assert (persona.segment, persona.tech_access, persona.initials) == (segment, "shared", "AH")


def test_invalid_persona_keeps_the_text_with_errors_by_the_fields(
    editor, canvas, segment, client_for
):
    response = client_for(editor).post(
        canvas_url("persona_create", canvas, segment_pk=segment.pk),
        persona_data(name=" ", schedule="whenever", avatar_initials="A!", goals="kept goal"),
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Give the persona a name." in body
    assert "kept goal" in body
    assert "Use letters or digits only." in body
    assert body.count('class="field has-error"') == 3
    assert not Persona.objects.exists()


def test_edit_persona_and_conflict(owner, editor, canvas, persona, client_for):
    client = client_for(editor)
    edit = canvas_url("persona_edit", canvas, persona_pk=persona.pk)
    assert 'name="version" value="1"' in client.get(edit).content.decode()
    response = client.post(edit, persona_data(name="Amira H.", version="1"))
    assert response.status_code == 302
    persona.refresh_from_db()
    assert (persona.name, persona.version) == ("Amira H.", 2)
    Persona.objects.filter(pk=persona.pk).update(goals="Their goals", version=3, updated_by=owner)
    response = client.post(edit, persona_data(goals="My goals", version="2"))
    assert response.status_code == 409
    body = response.content.decode()
    assert "Their goals" in body
    assert "My goals" in body
    assert 'name="version" value="3"' in body
    assert "Owner saved a change while you were editing" in body


def test_editing_a_removed_persona_keeps_the_text(editor, canvas, segment, persona, client_for):
    edit = canvas_url("persona_edit", canvas, persona_pk=persona.pk)
    persona.delete()
    response = client_for(editor).post(
        edit, persona_data(goals="Precious words", version="1", segment=str(segment.pk))
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone removed this persona while you were editing it" in body
    assert "Precious words" in body
    assert canvas_url("persona_create", canvas, segment_pk=segment.pk) in body


def test_duplicate_opens_the_variant(editor, canvas, persona, client_for):
    response = client_for(editor).post(
        canvas_url("persona_duplicate", canvas, persona_pk=persona.pk)
    )
    copy = Persona.objects.exclude(pk=persona.pk).get()
    assert response["Location"] == canvas_url("persona_detail", canvas, persona_pk=copy.pk)
    assert copy.name == "Amira Haddad (variant)"
    assert copy.stages.count() == 3


def test_remove_persona_after_confirmation(editor, canvas, persona, client_for):
    client = client_for(editor)
    delete = canvas_url("persona_delete", canvas, persona_pk=persona.pk)
    assert "3 stages" in client.get(delete).content.decode()
    response = client.post(delete, {"version": persona.version})
    assert response["Location"] == canvas_url("segment_list", canvas) + "#undo"
    assert not Persona.objects.exists()


def test_persona_card_pdf(viewer, canvas, make_persona, client_for):
    persona = make_persona(
        role="Store associate <script>alert(1)</script>",
        goals="Answer customers without help",
        stages=(1, -2, 2),
    )
    response = client_for(viewer).get(canvas_url("persona_card", canvas, persona_pk=persona.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="acme-persona-amira-haddad.pdf"'
    assert response.content.startswith(b"%PDF")
    pages = pdf_pages(response.content)
    text = " ".join(pages)
    assert len(pages) == 1
    for expected in (
        "Amira Haddad",
        "<script>alert(1)</script>",  # escaped in the HTML, so printed as text
        "Answer customers without help",
        "Frustrated",
        "Acme Learning · Acme Academy",
        "Page 1 of 1",
    ):
        assert expected in text, expected
    assert "moment that matters" in " ".join(text.split()).lower()


def test_unchanged_persona_card_is_not_sent_again(viewer, canvas, make_persona, client_for):
    persona = make_persona(stages=(1, -1))
    client = client_for(viewer)
    card = canvas_url("persona_card", canvas, persona_pk=persona.pk)
    etag = client.get(card)["ETag"]
    assert client.get(card, headers={"If-None-Match": etag}).status_code == 304
    persona.goals = "Something new"
    persona.save()
    assert client.get(card, headers={"If-None-Match": etag}).status_code == 200


@pytest.mark.parametrize(
    ("role", "read", "write"),
    [("owner", 200, 302), ("editor", 200, 302), ("viewer", 200, 403), ("outsider", 404, 404)],
)
def test_access_rules(role, read, write, users, canvas, segment, persona, client_for):
    client = client_for(users[role])
    assert (
        client.get(canvas_url("persona_detail", canvas, persona_pk=persona.pk)).status_code == read
    )
    assert client.get(canvas_url("persona_card", canvas, persona_pk=persona.pk)).status_code == read
    edit_get = 200 if write == 302 else write
    assert (
        client.get(canvas_url("persona_edit", canvas, persona_pk=persona.pk)).status_code
        == edit_get
    )
    assert (
        client.get(canvas_url("persona_create", canvas, segment_pk=segment.pk)).status_code
        == edit_get
    )
    assert (
        client.post(
            canvas_url("persona_edit", canvas, persona_pk=persona.pk), persona_data(version="1")
        )
    ).status_code == write
    assert (
        client.post(canvas_url("persona_create", canvas, segment_pk=segment.pk), persona_data())
    ).status_code == write
    assert (
        client.post(canvas_url("persona_duplicate", canvas, persona_pk=persona.pk)).status_code
        == write
    )
    assert (
        client.post(canvas_url("persona_delete", canvas, persona_pk=persona.pk)).status_code
        == write
    )


def test_anonymous_cannot_download_the_card(canvas, persona, client_for):
    response = client_for(None).get(canvas_url("persona_card", canvas, persona_pk=persona.pk))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_persona_card_survives_hostile_text(viewer, canvas, make_persona, client_for):
    long_word = "x" * 500
    persona = make_persona(
        name="Zoë 李雷 🙂",
        description=f"<script>alert('x')</script> {long_word}",
        goals="学习新技能\nללמוד מהר יותר\n🚀 ship it",
        not_them='<img src="file:///etc/passwd">',
        stages=(2, -2, 0, -1) * 6,
    )
    response = client_for(viewer).get(canvas_url("persona_card", canvas, persona_pk=persona.pk))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "<script>alert('x')</script>" in text
    assert '<img src="file:///etc/passwd">' in text
    assert response["Content-Disposition"] == 'attachment; filename="acme-persona-zoe.pdf"'


def test_persona_page_htmx_renders_the_journey_region(viewer, canvas, persona, client_for):
    response = client_for(viewer).get(
        canvas_url("persona_detail", canvas, persona_pk=persona.pk), headers=HX
    )
    assert response.status_code == 200
    assert response.template_name == "customers/persona.html#journey"
    assert "HX-Request" in response["Vary"]
    body = response.content.decode()
    assert body.lstrip().startswith('<section class="journey" id="journey"')
    assert "<html" not in body
    assert '<svg class="emotion-curve"' in body


@pytest.mark.parametrize("segment_value", ["²", "٣", "-1", "", "abc", "99999999999999999999"])
def test_a_removed_persona_with_an_odd_segment_value_still_keeps_the_text(
    segment_value, editor, canvas, persona, client_for
):
    edit = canvas_url("persona_edit", canvas, persona_pk=persona.pk)
    persona.delete()
    response = client_for(editor).post(
        edit, persona_data(goals="Precious words", version="1", segment=segment_value)
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Precious words" in body
    assert "Its segment is gone too" in body


@pytest.mark.parametrize("version", ["", "abc", "0"])
def test_a_garbled_version_is_explained_at_the_top_of_the_form(
    version, editor, canvas, persona, client_for
):
    response = client_for(editor).post(
        canvas_url("persona_edit", canvas, persona_pk=persona.pk),
        persona_data(name="Kept name", version=version),
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert '<p class="form-error">This form was incomplete, so nothing was saved.' in body
    assert 'value="Kept name"' in body
    persona.refresh_from_db()
    assert (persona.name, persona.version) == ("Amira Haddad", 1)


@pytest.mark.parametrize("headers", [{}, HX], ids=["plain", "htmx"])
def test_adding_to_a_segment_removed_while_the_service_waited_says_so(
    headers, editor, canvas, segment, client_for, monkeypatch
):
    """The view found the segment; by the time the service held the lock it was gone
    (core/ordering.py raises the model's DoesNotExist): a readable 404, nothing added."""
    from customers import services

    def removed_meanwhile(**kwargs):
        raise type(segment).DoesNotExist("The segment was removed.")

    monkeypatch.setattr(services, "add_persona", removed_meanwhile)
    response = client_for(editor).post(
        canvas_url("persona_create", canvas, segment_pk=segment.pk), persona_data(), headers=headers
    )
    assert response.status_code == 404
    assert "Someone removed what you were working on" in response.content.decode()
    if headers:
        assert response["HX-Retarget"] == "#messages"
    assert not Persona.objects.exists()
