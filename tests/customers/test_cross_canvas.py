"""Ids from another canvas of the same organization, put in this canvas's URLs.

Every lookup is scoped to the canvas in the URL, so canvas B's segments,
personas and stages are out of reach from canvas A's pages: a 404, or the
answer the edit flows give for a record that is not (or no longer) on this
canvas (the plain page redirects with a notice, htmx gets the region with it,
a save gets 409 with the text kept). Nothing of canvas B ever changes.
"""

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from customers.models import JourneyStage, Persona, Segment
from tests.customers.test_persona_views import persona_data
from tests.customers.test_segment_views import segment_data
from tests.customers.test_stage_views import stage_data
from tests.helpers import HX

# Which ids go in canvas A's URL; `mine` is canvas A's persona, `theirs` canvas B's.
IDS = {
    "their persona": lambda mine, theirs: {"persona_pk": theirs.pk},
    "their segment": lambda mine, theirs: {"segment_pk": theirs.segment_id},
    "their persona and stage": lambda mine, theirs: {
        "persona_pk": theirs.pk,
        "stage_pk": theirs.stages.first().pk,
    },
    "my persona, their stage": lambda mine, theirs: {
        "persona_pk": mine.pk,
        "stage_pk": theirs.stages.first().pk,
    },
}

# What is posted, from canvas B's records.
DATA = {
    None: lambda theirs: {},
    "persona": lambda theirs: persona_data(version="1", segment=str(theirs.segment_id)),
    "segment": lambda theirs: segment_data(f"s{theirs.segment_id}", version="1"),
    "stage": lambda theirs: stage_data(),
    "stage edit": lambda theirs: stage_data(f"st{theirs.stages.first().pk}", version="1"),
    "move": lambda theirs: {"position": "1"},
}

# (view, method, ids, data, status without htmx, status with htmx)
CASES = [
    ("persona_detail", "get", "their persona", None, 404, 404),
    ("persona_card", "get", "their persona", None, 404, 404),
    ("persona_edit", "get", "their persona", None, 404, 404),
    ("persona_edit", "post", "their persona", "persona", 409, 409),  # text kept, nothing saved
    ("persona_duplicate", "post", "their persona", None, 404, 404),
    ("persona_delete", "get", "their persona", None, 404, 404),
    ("persona_delete", "post", "their persona", None, 302, 302),  # "removed already"
    ("persona_create", "get", "their segment", None, 404, 404),
    ("persona_create", "post", "their segment", "persona", 404, 404),
    ("stage_create", "post", "their persona", "stage", 404, 404),
    ("segment_edit", "get", "their segment", None, 302, 200),
    ("segment_edit", "post", "their segment", "segment", 409, 409),
    ("segment_move", "post", "their segment", "move", 302, 200),
    ("segment_delete", "get", "their segment", None, 302, 200),
    ("segment_delete", "post", "their segment", None, 302, 200),
    ("stage_edit", "get", "their persona and stage", None, 404, 404),
    ("stage_edit", "post", "their persona and stage", "stage edit", 404, 404),
    ("stage_move", "post", "their persona and stage", "move", 404, 404),
    ("stage_delete", "post", "their persona and stage", None, 404, 404),
    ("stage_edit", "get", "my persona, their stage", None, 302, 200),
    ("stage_edit", "post", "my persona, their stage", "stage edit", 409, 409),
    ("stage_move", "post", "my persona, their stage", "move", 302, 200),
    ("stage_delete", "post", "my persona, their stage", None, 302, 200),
]


@pytest.fixture
def two_canvases(canvas, make_canvas, make_segment, make_persona):
    mine = make_persona("Mine", on=make_segment("Segment A"), stages=(0, 1))
    canvas_b = make_canvas("Canvas B")
    theirs = make_persona("Theirs", on=make_segment("Segment B", on=canvas_b), stages=(1, -1))
    return canvas, mine, theirs


def every_customer_record() -> dict:
    return {
        model.__name__: [
            model_to_dict(obj) | {"pk": obj.pk, "version": obj.version, "at": obj.position}
            for obj in model.objects.order_by("pk")
        ]
        for model in (Segment, Persona, JourneyStage)
    }


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize(
    ("view", "method", "ids", "data", "status", "htmx_status"),
    CASES,
    ids=[f"{view}-{method}-{ids}" for view, method, ids, *_ in CASES],
)
def test_another_canvas_of_the_same_organization_is_out_of_reach(
    htmx, view, method, ids, data, status, htmx_status, owner, two_canvases, client_for
):
    canvas, mine, theirs = two_canvases
    kwargs = {"org_slug": canvas.organization.slug, "canvas_pk": canvas.pk}
    target = reverse(view, kwargs=kwargs | IDS[ids](mine, theirs))
    before = every_customer_record()
    client = client_for(owner)
    headers = HX if htmx else {}
    if method == "get":
        response = client.get(target, headers=headers)
    else:
        response = client.post(target, DATA[data](theirs), headers=headers)

    assert response.status_code == (htmx_status if htmx else status)
    if response.status_code == 302:
        assert f"/canvases/{canvas.pk}/" in response["Location"]
    body = response.content.decode()
    assert "Segment B" not in body
    assert "Theirs" not in body
    assert every_customer_record() == before
