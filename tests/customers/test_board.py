"""The customer-segments area of the board: segments, links and value-alignment warnings."""

import pytest
from django.urls import reverse

from customers.models import SegmentKind


def board(client, canvas):
    return client.get(
        reverse("board", kwargs={"org_slug": canvas.organization.slug, "canvas_pk": canvas.pk})
    )


def test_board_lists_segments_and_warns_about_misaligned_value(
    viewer, canvas, make_segment, client_for
):
    make_segment(
        "Line managers",
        kind=SegmentKind.LINE_MANAGERS,
        headcount=1380,
        expected_value=["risk_reduction"],
    )
    body = board(client_for(viewer), canvas).content.decode()
    area = body[body.index('id="area-customer_segments"') :]
    area = area[: area.index("</section>")]
    assert 'Line managers</a> <span class="muted">· Line managers · 1,380</span>' in area
    assert "Line managers expect risk reduction; the canvas does not offer it." in area
    assert "The canvas offers skills development; no customer segment expects it." in area
    segments_url = reverse("segment_list", kwargs={"org_slug": "acme", "canvas_pk": canvas.pk})
    assert f'href="{segments_url}#segment-' in area


def test_board_invites_to_describe_segments_when_there_are_none(viewer, canvas, client_for):
    body = board(client_for(viewer), canvas).content.decode()
    assert "Describe your customer segments" in body
    assert "no customer segment expects" not in body  # nothing to compare against yet


@pytest.mark.parametrize("stored", ["risk_reduction", {"risk_reduction": 1}, 7])
def test_a_malformed_expected_value_does_not_break_the_pages(
    stored, viewer, editor, canvas, make_segment, client_for
):
    """Saved through the admin or a script before validation existed: read as nothing."""
    segment = make_segment("Line managers", kind=SegmentKind.LINE_MANAGERS)
    segment.__class__.objects.filter(pk=segment.pk).update(expected_value=stored)
    assert board(client_for(viewer), canvas).status_code == 200
    kwargs = {"org_slug": canvas.organization.slug, "canvas_pk": canvas.pk}
    page = client_for(viewer).get(reverse("segment_list", kwargs=kwargs))
    assert page.status_code == 200
    assert "no kind of value listed yet" in page.content.decode()
    edit = client_for(editor).get(
        reverse("segment_edit", kwargs=kwargs | {"segment_pk": segment.pk})
    )
    assert edit.status_code == 200
