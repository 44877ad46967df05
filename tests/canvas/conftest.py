"""Fixtures for the board's live-editing tests."""

import pytest

from canvas.areas import AreaKey
from tests.helpers import canvas_url


@pytest.fixture
def note(canvas, owner):
    return canvas.add_note(area=AreaKey.PRODUCTS_SERVICES, text="Onboarding path", by=owner)


@pytest.fixture
def url(canvas):
    """`url(name, **kwargs)` for a canvas route of the `canvas` fixture."""

    def build(name, **kwargs):
        return canvas_url(name, canvas, **kwargs)

    return build


def area_texts(canvas, area):
    return list(canvas.notes.filter(area=area).order_by("position").values_list("text", flat=True))


def positions(canvas, area):
    return list(
        canvas.notes.filter(area=area).order_by("position").values_list("position", flat=True)
    )
