from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.html import escape

from canvas.areas import AREAS, AreaKey
from canvas.models import Canvas, Note
from orgs.models import Membership
from studio.demo import DEMO_ORG, DEMO_PASSWORD, DEMO_USERS, load_demo
from tests.helpers import canvas_url


def test_board_shows_six_areas_with_notes_in_order(viewer, canvas, client_for):
    canvas.add_note(area=AreaKey.PRODUCTS_SERVICES, text="Second <b>bold</b>", by=viewer)
    Note.objects.filter(canvas=canvas).update(position=1)
    canvas.add_note(area=AreaKey.PRODUCTS_SERVICES, text="First", by=viewer)
    Note.objects.filter(canvas=canvas, text="First").update(position=0)
    body = client_for(viewer).get(canvas_url("board", canvas)).content.decode()
    for area in AREAS:
        assert area.name.replace("&", "&amp;") in body
        assert escape(area.hint) in body
    assert body.index("First") < body.index("Second")
    assert "Second &lt;b&gt;bold&lt;/b&gt;" in body


@pytest.mark.parametrize("notes_per_area", [1, 34])
def test_board_query_count_does_not_grow_with_notes(
    notes_per_area, editor, make_canvas, client_for, django_assert_num_queries
):
    canvas = make_canvas(notes_per_area=notes_per_area)  # 6 or 204 notes
    client = client_for(editor)
    client.get(
        canvas_url("board", canvas)
    )  # open once: the first request after logging in writes the session
    # session, user, membership, canvas, notes; the other apps' panels were built by the
    # first request and are kept until the canvas changes (canvas/panels.py)
    with django_assert_num_queries(5):
        response = client.get(canvas_url("board", canvas))
    assert response.status_code == 200
    assert response.content.decode().count('class="note note-') == 6 * notes_per_area


@pytest.mark.parametrize("notes_per_area", [1, 34])
def test_board_after_a_change_builds_its_panels_once(
    notes_per_area, editor, make_canvas, client_for, django_assert_num_queries
):
    canvas = make_canvas(notes_per_area=notes_per_area)
    client = client_for(editor)
    client.get(canvas_url("board", canvas))
    canvas.touch(editor)  # something changed: the panels are built again, once
    # session, user, membership, canvas, notes, latest scores, a draft assessment,
    # investment & return: settings, cost lines, return lines, learner headcount;
    # customer segments; the latest stakeholder pulse with results; indicators (none here)
    with django_assert_num_queries(14):
        client.get(canvas_url("board", canvas))
    with django_assert_num_queries(5):
        response = client.get(canvas_url("board", canvas))
    assert response.content.decode().count('class="note note-') == 6 * notes_per_area


def test_org_home_query_count_does_not_grow_with_canvases(
    editor, org, make_canvas, client_for, django_assert_num_queries
):
    for n in range(8):
        make_canvas(title=f"Canvas {n}", notes_per_area=2)
    client = client_for(editor)
    url = reverse("org_home", kwargs={"org_slug": org.slug})
    client.get(url)  # open once: the first request after logging in writes the session
    with django_assert_num_queries(5):  # session, user, membership, canvases, note counts
        response = client.get(url)
    body = response.content.decode()
    assert body.count('class="canvas-card"') == 8
    assert "6 of 6 areas filled" in body


def test_create_canvas_with_validation_next_to_the_field(editor, org, client_for):
    client = client_for(editor)
    url = reverse("canvas_create", kwargs={"org_slug": org.slug})
    response = client.post(url, {"title": "   ", "description": "kept text"})
    assert response.status_code == 422
    body = response.content.decode()
    assert 'class="field has-error"' in body
    assert "kept text" in body
    response = client.post(url, {"title": "x" * 121})
    assert response.status_code == 422
    assert "at most 120 characters" in response.content.decode()
    assert Canvas.objects.count() == 0
    response = client.post(
        url, {"title": "  Field academy ", "value_kinds": ["cost_savings", "risk_reduction"]}
    )
    canvas = Canvas.objects.get()
    assert response["Location"] == canvas_url("board", canvas)
    assert canvas.title == "Field academy"
    assert canvas.value_kinds == ["cost_savings", "risk_reduction"]
    assert canvas.created_by == editor
    assert canvas.organization == org


def test_unknown_value_kind_is_rejected(editor, org, client_for):
    response = client_for(editor).post(
        reverse("canvas_create", kwargs={"org_slug": org.slug}),
        {"title": "T", "value_kinds": ["world_peace"]},
    )
    assert response.status_code == 422
    assert Canvas.objects.count() == 0


def test_duplicate_copies_every_note_in_order(editor, make_canvas, client_for):
    original = make_canvas(title="Original", notes_per_area=3)
    response = client_for(editor).post(
        reverse(
            "canvas_duplicate",
            kwargs={"org_slug": original.organization.slug, "canvas_pk": original.pk},
        )
    )
    copy = Canvas.objects.exclude(pk=original.pk).get()
    assert response["Location"] == canvas_url("board", copy)
    assert copy.title == "Original (copy)"
    assert copy.created_by == editor
    original_notes = list(original.notes.values_list("area", "position", "text", "colour"))
    assert list(copy.notes.values_list("area", "position", "text", "colour")) == original_notes
    assert len(original_notes) == 18


def test_owner_deletes_after_confirmation(owner, make_canvas, client_for):
    canvas = make_canvas(notes_per_area=1)
    client = client_for(owner)
    url = reverse(
        "canvas_delete", kwargs={"org_slug": canvas.organization.slug, "canvas_pk": canvas.pk}
    )
    confirm = client.get(url).content.decode()
    assert "6 notes" in confirm
    assert "stays in the trash for 30 days" in confirm
    assert client.post(url).status_code == 302
    assert not Canvas.objects.filter(pk=canvas.pk).exists()
    assert Canvas.everything.trashed().filter(pk=canvas.pk, trashed_by=owner).exists()
    assert Note.objects.filter(canvas_id=canvas.pk).count() == 6  # kept until the purge


def test_editor_cannot_delete(editor, canvas, client_for):
    url = reverse(
        "canvas_delete", kwargs={"org_slug": canvas.organization.slug, "canvas_pk": canvas.pk}
    )
    assert client_for(editor).post(url).status_code == 403
    assert Canvas.objects.filter(pk=canvas.pk).exists()


def test_add_note_appends_and_trims(canvas, owner):
    first = canvas.add_note(area=AreaKey.VALUE_PROPOSITION, text="  one  ", by=owner)
    second = canvas.add_note(area=AreaKey.VALUE_PROPOSITION, text="two", by=owner)
    other = canvas.add_note(area=AreaKey.SERVICE_DELIVERY, text="three", by=owner)
    assert (first.text, first.position, second.position, other.position) == ("one", 0, 1, 0)


@pytest.mark.django_db
def test_demo_loader_is_idempotent_and_complete(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    printed = StringIO()
    call_command("load_demo", stdout=printed)
    for username, *_ in DEMO_USERS:
        assert f"{username} " in printed.getvalue()
    assert DEMO_PASSWORD in printed.getvalue()
    canvas = Canvas.objects.get()
    assert canvas.organization.slug == DEMO_ORG["slug"]
    notes = canvas.notes_by_area()
    assert all(notes[area.key] for area in AREAS)
    assert Membership.objects.filter(organization=canvas.organization).count() == 3
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {"owner", "editor", "viewer"}
    count = Note.objects.count()
    load_demo()
    assert Note.objects.count() == count


@pytest.mark.django_db
def test_demo_loader_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("load_demo")
    assert not Canvas.objects.exists()


@pytest.mark.django_db
def test_duplicate_copies_customers_and_investment_but_not_assessments(client):
    from customers.models import JourneyStage, Persona, Segment
    from investment.models import InvestmentLine, InvestmentSettings, ReturnLine
    from scorecard.models import Assessment

    organization, original, _ = load_demo()
    editor = Membership.objects.get(organization=organization, role="editor").user
    client.force_login(editor)
    client.post(
        reverse(
            "canvas_duplicate", kwargs={"org_slug": organization.slug, "canvas_pk": original.pk}
        )
    )
    copy = Canvas.objects.exclude(pk=original.pk).get()

    def customers(canvas):
        return [
            (
                segment.name,
                segment.kind,
                segment.headcount,
                segment.expected_value,
                segment.position,
                [
                    (
                        persona.name,
                        persona.tech_access,
                        persona.position,
                        [
                            (stage.name, stage.feeling, stage.position)
                            for stage in JourneyStage.objects.filter(persona=persona)
                        ],
                    )
                    for persona in Persona.objects.filter(segment=segment)
                ],
            )
            for segment in Segment.objects.filter(canvas=canvas)
        ]

    def investment(canvas):
        fields = ["label", "position"]
        return (
            list(InvestmentLine.objects.filter(canvas=canvas).values_list(*fields, "hidden")),
            list(ReturnLine.objects.filter(canvas=canvas).values_list(*fields, "confidence")),
            list(InvestmentSettings.objects.filter(canvas=canvas).values_list("period_label")),
        )

    assert customers(copy) == customers(original)
    assert any(segment[5] and segment[5][0][3] for segment in customers(copy))  # stages too
    assert investment(copy) == investment(original)
    assert investment(copy)[0]
    assert investment(copy)[1]
    assert set(Segment.objects.filter(canvas=copy).values_list("version", flat=True)) == {1}
    assert not Assessment.objects.filter(canvas=copy).exists()
