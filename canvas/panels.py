"""The other apps' panels on the board, rendered once per change of the canvas.

The panels (scores, stakeholder pulse, investment figures, segments: studio/panels.py,
through the `board_panels` hook) take several queries to build. They only change when
something on the canvas changes, and every such write records a change in the canvas's
feed (`Canvas.touch`, `Canvas.record_change`): so they are rendered once per feed number
(and role, and the organization's settings they show), kept in the cache, and shared by
every board that opens or polls meanwhile. Whatever a panel shows must therefore change
only through writes that record a change on the canvas.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.template.loader import render_to_string

from canvas.areas import AREAS
from core.hooks import call_hook

KEEP_SECONDS = 10 * 60


@dataclass(frozen=True)
class RenderedPanels:
    areas: dict[str, str]  # each area's panels, as the board's `panels` partial renders them
    assess: dict | None  # the assessment button: its url and label
    links: list[dict]  # the other buttons (pulse, presentation, share)


def board_panels(request, canvas, membership) -> RenderedPanels:
    """Each area's panels as HTML, and the board's buttons, for this canvas as it is now."""
    organization = membership.organization
    key = ":".join(
        str(part)
        for part in (
            "board-panels",
            canvas.pk,
            canvas.feed_seq,
            membership.role,
            organization.slug,
            organization.currency,
            organization.time_zone,
        )
    )
    found = cache.get(key)
    if found is None:
        built = call_hook("board_panels", canvas=canvas, membership=membership)
        area_panels = built.get("area_panels", {})
        context = {"canvas": canvas, "membership": membership}
        areas = {
            area.key: render_to_string(
                "canvas/board.html#panels",
                {**context, "item": {"area": area, "panels": area_panels.get(area.key, [])}},
                request,
            )
            for area in AREAS
        }
        found = RenderedPanels(areas, built.get("assess"), list(built.get("links", ())))
        cache.set(key, found, KEEP_SECONDS)
    return found
