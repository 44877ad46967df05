"""Demo indicators for the sample canvas: a year of readings that tell a story.

Called from `studio.demo.load_demo`, after investment & return (three indicators fill
themselves from its figures). It adds indicators only to a canvas that has none, so
running the demo loader again changes nothing. The story: learners rate the store
onboarding path highly, yet fewer of them use it of their own accord, and time to
competence, the result it drives, has slipped to red. The dashboard names voluntary
use as the likely root cause, and the behaviour check calls out the good ratings.
"""

import datetime
from decimal import Decimal

from canvas.models import Canvas
from indicators.models import Reading
from indicators.services import add_indicator, link, starter_indicator

# starter, name (or "" for the starter's), target, readings oldest first (one a month,
# the last this month; fewer readings are spread over the last months), and extras.
DEMO_INDICATORS = (
    (
        "satisfaction",
        "Learner satisfaction with store onboarding",
        80,
        (78, 80, 81, 83, 84, 85, 86, 86, 87, 88, 88, 89),
        {"owner": "eddie"},
    ),
    (
        "recommendations",
        "Associates recommending the onboarding path",
        70,
        (58, 61, 63, 66, 68, 71, 72, 73),
        {},
    ),
    (
        "voluntary_use",
        "Voluntary use of store onboarding",
        60,
        (35, 38, 41, 44, 47, 49, 51, 50, 46, 41, 36, 31),
        {"owner": "eddie", "baseline": 35},
    ),
    (
        "time_to_competence",
        "Time to competence, new store staff",
        14,
        (21, 20, 19, 17, 16, 15, 14, 14, 15, 16, 18, 19),
        {"owner_name": "Store operations", "baseline": 21},
    ),
    (
        "return_visits",
        "Return visits to product knowledge cards",
        40,
        (22, 25, 27, 30, 32, 33, 35, 36, 37, 38, 39, 39),
        {},
    ),
    (
        "learning_share",
        "",
        60,
        (44, 47, 49, 52),
        {"red_threshold": 45},
    ),
    ("scrap_learning", "", 15, (32, 28, 25, 22, 18, 14), {"baseline": 32}),
    ("cost_per_learner", "", 800, (910, 880, 845), {}),
    ("hidden_share", "", 50, (72, 70, 68), {"amber_threshold": 55, "red_threshold": 70}),
)
DEMO_LINKS = (
    ("satisfaction", "voluntary_use"),
    ("recommendations", "voluntary_use"),
    ("voluntary_use", "time_to_competence"),
    ("return_visits", "learning_share"),
    ("scrap_learning", "cost_per_learner"),
)


def _months_back(day: datetime.date, months: int) -> datetime.date:
    """The first of the month `months` before `day`'s month."""
    index = day.year * 12 + day.month - 1 - months
    return datetime.date(index // 12, index % 12 + 1, 1)


def load_indicators_demo(canvas: Canvas, *, by, members: dict) -> None:
    """Give the demo canvas its indicators, a year of readings and the links between them.
    `members` maps the demo's usernames to their users (the owners)."""
    if canvas.indicators.exists():
        return
    today = canvas.organization.today()
    made = {}
    for key, name, target, values, extra in DEMO_INDICATORS:
        indicator = starter_indicator(key)
        indicator.name = name or indicator.name
        indicator.target = Decimal(target)
        owner = extra.get("owner")
        indicator.owner = members.get(owner) if owner else None
        indicator.owner_name = extra.get("owner_name", "")
        for field in ("baseline", "amber_threshold", "red_threshold"):
            if field in extra:
                setattr(indicator, field, Decimal(extra[field]))
        indicator = add_indicator(indicator=indicator, canvas=canvas, by=by)
        made[key] = indicator
        # Those that fill themselves got today's reading from the figures: theirs start
        # earlier, once a quarter.
        step, last = (3, 3) if indicator.fills_from else (1, 0)
        days = [_months_back(today, last + step * n) for n in range(len(values))][::-1]
        Reading.objects.bulk_create(
            Reading(
                indicator=indicator,
                date=day,
                value=Decimal(value),
                automatic=bool(indicator.fills_from),
                note="Filled in from investment & return." if indicator.fills_from else "",
                updated_by=by,
            )
            for day, value in zip(days, values, strict=True)
        )
    for driver, result in DEMO_LINKS:
        link(driver=made[driver], result=made[result], by=by)
