import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from customers.demo import FRONTLINE, LEADER
from customers.models import JourneyStage, Persona, Schedule, Segment, TechAccess
from studio.demo import load_demo

pytestmark = pytest.mark.django_db


def test_demo_has_two_contrasting_personas_with_journeys_and_is_idempotent():
    _, canvas, _ = load_demo()
    load_demo()
    frontline = Persona.objects.get(name=FRONTLINE["name"])
    leader = Persona.objects.get(name=LEADER["name"])
    assert (frontline.schedule, frontline.tech_access) == (Schedule.FIXED_SHIFTS, TechAccess.LITTLE)
    assert (leader.schedule, leader.tech_access) == (Schedule.FLEXIBLE, TechAccess.LAPTOP)
    assert frontline.segment.kind == "learners"
    assert leader.segment.kind == "senior_leaders"
    assert frontline.stages.count() == len(FRONTLINE["stages"])
    assert leader.stages.count() == len(LEADER["stages"])
    assert Segment.objects.filter(canvas=canvas).count() == 3
    assert Persona.objects.count() == 2
    assert JourneyStage.objects.count() == len(FRONTLINE["stages"]) + len(LEADER["stages"])
    positions = list(frontline.stages.order_by("position").values_list("position", flat=True))
    assert positions == list(range(len(FRONTLINE["stages"])))


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("root", "root@example.com", "pw-123456789")
    client.force_login(user)
    return client


def test_admin_lists_and_opens_segments_personas_and_stages(admin_client):
    load_demo()
    persona = Persona.objects.get(name=FRONTLINE["name"])
    stage = persona.stages.first()
    pages = [
        reverse("admin:customers_segment_changelist"),
        reverse("admin:customers_segment_change", args=[persona.segment_id]),
        reverse("admin:customers_persona_changelist"),
        reverse("admin:customers_persona_change", args=[persona.pk]),
        reverse("admin:customers_journeystage_changelist"),
        reverse("admin:customers_journeystage_change", args=[stage.pk]),
        reverse("admin:customers_segment_changelist") + "?q=store",
    ]
    for url in pages:
        response = admin_client.get(url)
        assert response.status_code == 200, url
    body = admin_client.get(reverse("admin:customers_persona_change", args=[persona.pk]))
    assert stage.name in body.content.decode()


def test_loading_the_demo_over_an_older_demo_keeps_its_records():
    """Demos loaded before the frontline persona had little computer access load again."""
    load_demo()
    Persona.objects.filter(name=FRONTLINE["name"]).update(tech_access=TechAccess.SHARED)
    load_demo()
    assert Persona.objects.count() == 2
    assert Persona.objects.get(name=FRONTLINE["name"]).tech_access == TechAccess.SHARED


def segment_admin_data(segment, persona, **overrides):
    data = {
        "canvas": str(segment.canvas_id),
        "name": segment.name,
        "kind": segment.kind,
        "headcount": str(segment.headcount or ""),
        "expectations": segment.expectations,
        "expected_value": ["risk_reduction", "cost_savings"],
        "experience": "",
        "value_to_them": "",
        "personas-TOTAL_FORMS": "1",
        "personas-INITIAL_FORMS": "1",
        "personas-MIN_NUM_FORMS": "0",
        "personas-MAX_NUM_FORMS": "1000",
        "personas-0-id": str(persona.pk),
        "personas-0-segment": str(segment.pk),
        "personas-0-name": persona.name,
        "personas-0-role": persona.role,
        "personas-0-tech_access": persona.tech_access,
        "personas-0-schedule": persona.schedule,
        "personas-0-location": persona.location,
    }
    return data | overrides


def test_admin_picks_expected_value_from_the_value_kinds(admin_client, segment):
    page = admin_client.get(reverse("admin:customers_segment_change", args=[segment.pk]))
    body = page.content.decode()
    checkboxes = re.findall(r'<input type="checkbox" name="expected_value"[^>]*>', body)
    assert len(checkboxes) == 4
    assert [box for box in checkboxes if " checked" in box] == [
        next(box for box in checkboxes if 'value="skills_development"' in box)
    ]


def test_admin_saves_bump_versions_so_a_stale_form_gets_a_conflict(
    admin_client, editor, segment, persona
):
    """An admin's change is a change like any other: the app's open forms must not undo it."""
    segment_position, persona_position = segment.position, persona.position
    data = segment_admin_data(
        segment, persona, name="Renamed by admin", position="7", **{"personas-0-role": "Lead"}
    )
    response = admin_client.post(reverse("admin:customers_segment_change", args=[segment.pk]), data)
    assert response.status_code == 302
    segment.refresh_from_db()
    persona.refresh_from_db()
    assert (segment.name, segment.version, segment.position) == (
        "Renamed by admin",
        2,
        segment_position,  # read-only in the admin
    )
    assert segment.expected_value == ["risk_reduction", "cost_savings"]
    assert segment.updated_by.username == "root"
    assert (persona.role, persona.version, persona.position) == ("Lead", 2, persona_position)

    # Someone who opened the segment before the admin's save gets a conflict.
    stale = Client()
    stale.force_login(editor)
    kwargs = {"org_slug": segment.canvas.organization.slug, "canvas_pk": segment.canvas_id}
    answer = stale.post(
        reverse("segment_edit", kwargs=kwargs | {"segment_pk": segment.pk}),
        {
            f"s{segment.pk}-name": "Mine",
            f"s{segment.pk}-kind": "learners",
            f"s{segment.pk}-version": "1",
        },
    )
    assert answer.status_code == 409
    segment.refresh_from_db()
    assert segment.name == "Renamed by admin"


def test_admin_saves_of_personas_and_stages_bump_versions(admin_client, persona):
    stage = persona.stages.get(position=1)
    response = admin_client.post(
        reverse("admin:customers_journeystage_change", args=[stage.pk]),
        {"persona": str(persona.pk), "name": "Renamed", "feeling": "0", "touchpoint": ""},
    )
    assert response.status_code == 302
    stage.refresh_from_db()
    assert (stage.name, stage.version, stage.position) == ("Renamed", 2, 1)


def test_admin_adds_a_persona_at_the_end_of_its_segment(admin_client, segment, persona):
    response = admin_client.post(
        reverse("admin:customers_persona_add"),
        {
            "segment": str(segment.pk),
            "name": "Daniel Okafor",
            "avatar_colour": "teal",
            "stages-TOTAL_FORMS": "0",
            "stages-INITIAL_FORMS": "0",
            "stages-MIN_NUM_FORMS": "0",
            "stages-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302
    added = Persona.objects.get(name="Daniel Okafor")
    assert (added.position, added.version, added.created_by.username) == (1, 1, "root")


def test_admin_refuses_an_unknown_value_kind(admin_client, segment, persona):
    data = segment_admin_data(segment, persona, expected_value=["world_peace"])
    response = admin_client.post(reverse("admin:customers_segment_change", args=[segment.pk]), data)
    assert response.status_code == 200  # the form again, with the error
    segment.refresh_from_db()
    assert (segment.expected_value, segment.version) == (["skills_development"], 1)


def test_admin_delete_closes_the_gap_in_the_segment_list(admin_client, make_segment, canvas):
    first, second, third = (make_segment(name=name) for name in ["A", "B", "C"])
    response = admin_client.post(
        reverse("admin:customers_segment_delete", args=[second.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    rows = list(canvas.segments.order_by("position").values_list("name", "position"))
    assert rows == [("A", 0), ("C", 1)]
