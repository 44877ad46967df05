"""Demo customers for the sample canvas: segments, and two contrasting personas with journeys.

Called from `studio.demo.load_demo`. Safe to run any number of times: records
are found by name and only created when missing; a journey is only written
when the persona has none.
"""

from canvas.areas import ValueKind
from canvas.models import Canvas
from customers.models import (
    AvatarColour,
    Persona,
    Schedule,
    SegmentKind,
    TechAccess,
    WorkLocation,
)
from customers.services import add_persona, add_segment, add_stage

DEMO_SEGMENTS = (
    {
        "name": "Store associates",
        "kind": SegmentKind.LEARNERS,
        "headcount": 4200,
        "expectations": "Feel confident on the floor quickly; learn in short bursts during a shift, "
        "not in a classroom.",
        "expected_value": [ValueKind.SKILLS_DEVELOPMENT, ValueKind.PERFORMANCE_SUPPORT],
        "experience": 2,
        "value_to_them": 4,
    },
    {
        "name": "Shift leads and store managers",
        "kind": SegmentKind.LINE_MANAGERS,
        "headcount": 380,
        "expectations": "New starters who are productive sooner, and help to coach without "
        "leaving the floor.",
        "expected_value": [ValueKind.PERFORMANCE_SUPPORT, ValueKind.RISK_REDUCTION],
        "experience": 3,
        "value_to_them": 3,
    },
    {
        "name": "Regional directors",
        "kind": SegmentKind.SENIOR_LEADERS,
        "headcount": 24,
        "expectations": "Fewer incidents and lower staff turnover costs; short, clear reporting "
        "they can read between meetings.",
        "expected_value": [ValueKind.COST_SAVINGS, ValueKind.RISK_REDUCTION],
        "experience": 3,
        "value_to_them": 2,
    },
)

FRONTLINE = {
    "segment": "Store associates",
    "name": "Amira Haddad",
    "role": "Store associate, fixed early shift",
    "description": "Two years on the shop floor, works 6:00 to 14:30 five days a week. Proud of "
    "knowing the products; shares one store tablet with twelve colleagues.",
    "tech_access": TechAccess.LITTLE,
    "schedule": Schedule.FIXED_SHIFTS,
    "location": WorkLocation.ON_SITE,
    "goals": "Answer customers' questions without calling a supervisor\n"
    "Move up to shift lead within a year\nFinish training inside paid hours",
    "challenges": "No computer of her own at work\nBreaks are short and at fixed times\n"
    "Courses assume a quiet desk and 45 minutes",
    "channels": "Team huddle at the start of the shift\nPosters and QR codes in the break room\n"
    "Her shift lead\nThe store tablet",
    "not_them": "Not someone who will learn at home in the evening\nNot a reader of long emails",
    "avatar_colour": AvatarColour.CORAL,
    "stages": (
        ("Hears about it", "Team huddle", "Shift lead mentions the new product module.", 1, "", ""),
        (
            "Tries to start",
            "Shared store tablet",
            "Waits for the tablet, logs in with a forgotten password.",
            -2,
            "Tablet in use; password reset needs email she doesn't check at work.",
            "Badge sign-in on the tablet; modules under 5 minutes.",
        ),
        (
            "Learns",
            "Store tablet, break room",
            "Watches a 4-minute module during her break.",
            1,
            "Noisy break room.",
            "Captions on every video.",
        ),
        (
            "Uses it on the floor",
            "Product knowledge cards",
            "Answers a customer's question with the card's help.",
            2,
            "",
            "Cards for the ten most-asked questions.",
        ),
        (
            "Gets recognised",
            "Shift lead",
            "Nobody notices she completed the path.",
            -1,
            "Completion is invisible to her manager.",
            "Shift leads see completions and thank people in the huddle.",
        ),
    ),
}

LEADER = {
    "segment": "Regional directors",
    "name": "Daniel Okafor",
    "role": "Regional director, 20 stores",
    "description": "Runs a region of twenty stores and two warehouses. His day is back-to-back "
    "meetings and store visits; his calendar changes by the hour.",
    "tech_access": TechAccess.LAPTOP,
    "schedule": Schedule.FLEXIBLE,
    "location": WorkLocation.TRAVELLING,
    "goals": "Hit the region's safety and turnover targets\nDevelop two store managers into "
    "area roles",
    "challenges": "No hour in the week without a meeting\nGets learning updates as long "
    "reports he never opens",
    "channels": "The monthly operations review\nA one-page summary in his inbox on Monday\n"
    "Ten minutes in the learning council",
    "not_them": "Not a learner in a course catalogue\nNot interested in completion rates",
    "avatar_colour": AvatarColour.INDIGO,
    "stages": (
        (
            "Sets priorities",
            "Learning council",
            "Agrees the quarter's priorities with the learning team.",
            1,
            "",
            "Bring two options with costs, not a catalogue.",
        ),
        (
            "Waits for results",
            "Email",
            "Receives a 20-page training report.",
            -1,
            "Too long to read between meetings.",
            "A one-page summary in business numbers.",
        ),
        (
            "Asked about incidents",
            "Operations review",
            "The COO asks why warehouse incidents rose.",
            -2,
            "He has no learning data to answer with.",
            "A dashboard linking refreshers to incident rates.",
        ),
        (
            "Sees the difference",
            "Store visit",
            "Sees a new associate handle a tricky return confidently.",
            2,
            "",
            "Share the story in the monthly update.",
        ),
    ),
}

STAGE_FIELDS = ("name", "touchpoint", "doing", "feeling", "pain_points", "opportunities")


def load_customers_demo(canvas: Canvas, *, by) -> None:
    """Add the demo segments, personas and journeys to `canvas` where they are missing."""
    segments = {segment.name: segment for segment in canvas.segments.all()}
    for fields in DEMO_SEGMENTS:
        if fields["name"] not in segments:
            segments[fields["name"]] = add_segment(canvas=canvas, by=by, **fields)
    for portrait in (FRONTLINE, LEADER):
        segment = segments[portrait["segment"]]
        segment.canvas = canvas
        fields = {key: value for key, value in portrait.items() if key not in ("segment", "stages")}
        persona = Persona.objects.filter(segment=segment, name=fields["name"]).first()
        if persona is None:
            persona = add_persona(segment=segment, by=by, **fields)
        persona.segment = segment
        if not persona.stages.exists():
            for stage in portrait["stages"]:
                add_stage(persona=persona, by=by, **dict(zip(STAGE_FIELDS, stage, strict=True)))
