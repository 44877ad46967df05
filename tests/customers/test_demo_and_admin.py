import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from canvas.demo import load_demo
from customers.demo import FRONTLINE, LEADER
from customers.models import JourneyStage, Persona, Schedule, Segment, TechAccess

pytestmark = pytest.mark.django_db


def test_demo_has_two_contrasting_personas_with_journeys_and_is_idempotent():
    _, canvas, _ = load_demo()
    load_demo()
    frontline = Persona.objects.get(name=FRONTLINE["name"])
    leader = Persona.objects.get(name=LEADER["name"])
    assert (frontline.schedule, frontline.tech_access) == (Schedule.FIXED_SHIFTS, TechAccess.SHARED)
    assert (leader.schedule, leader.tech_access) == (Schedule.FLEXIBLE, TechAccess.LAPTOP)
    assert frontline.segment.kind == "learners" and leader.segment.kind == "senior_leaders"
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
