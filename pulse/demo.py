"""A closed stakeholder pulse with believable answers, for the demo organization."""

from datetime import timedelta

from django.utils import timezone

from pulse.models import Group, Pulse
from pulse.services import close_pulse, open_pulse, submit_response

# (group, how many, scores per area in canvas order; None is "not sure")
DEMO_ANSWERS = (
    (Group.LEARNERS, 9, (3, 4, 2, 2, 3, 3)),
    (Group.LEARNERS, 5, (4, 3, 3, 2, None, 3)),
    (Group.LINE_MANAGERS, 6, (3, 3, 3, 3, 2, 2)),
    (Group.SENIOR_LEADERS, 3, (2, 3, None, 3, 3, 2)),
    (Group.SMES, 2, (4, 4, 3, 2, 3, None)),
)
DEMO_COMMENTS = (
    "The store onboarding modules are short and useful. The tablet cards are often out of date.",
    "I never know what is on offer for shift leads until someone tells me.",
    "Booking the forklift refresher takes weeks.",
    "More coaching, fewer slide decks please.",
)
AREA_KEYS = (
    "value_proposition",
    "products_services",
    "customer_segments",
    "service_delivery",
    "strategy_governance",
    "investment_return",
)


def load_pulse_demo(canvas, *, by) -> Pulse | None:
    """A closed pulse with 25 responses on the canvas, unless it has a pulse already."""
    if canvas.pulses.exists():
        return None
    today = canvas.organization.today()
    pulse = open_pulse(
        canvas=canvas,
        groups=[Group.LEARNERS, Group.LINE_MANAGERS, Group.SENIOR_LEADERS, Group.SMES],
        closes_on=today + timedelta(days=14),
        intro="Help us plan next year's learning: six quick statements, no names.",
        show_results_to_respondents=True,
        by=by,
    )
    comments = iter(DEMO_COMMENTS)
    index = 0
    for group, count, scores in DEMO_ANSWERS:
        for _ in range(count):
            submit_response(
                pulse=pulse,
                group=group,
                scores=dict(zip(AREA_KEYS, scores, strict=True)),
                comment=next(comments, "") if index % 5 == 0 else "",
                on=today - timedelta(days=max(0, 6 - index // 4)),
            )
            index += 1
    close_pulse(pulse=pulse, by=by)
    Pulse.objects.filter(pk=pulse.pk).update(created_at=timezone.now() - timedelta(days=7))
    return pulse
