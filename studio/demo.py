"""The demo organization `make run` loads: believable data to explore the product with."""

from django.contrib.auth import get_user_model
from django.db import transaction

from canvas.areas import AreaKey, ValueKind
from canvas.models import Canvas, NoteColour
from customers.demo import load_customers_demo
from indicators.demo import load_indicators_demo
from investment.demo import load_investment_demo
from orgs.models import Membership, Organization
from pulse.demo import load_pulse_demo

DEMO_PASSWORD = "lmc-demo-2026"
DEMO_ORG = {"slug": "northwind", "name": "Northwind Learning", "currency": "USD"}
DEMO_USERS = (
    # username, first name, last name, role
    ("olivia", "Olivia", "Reyes", Membership.Role.OWNER),
    ("eddie", "Eddie", "Mensah", Membership.Role.EDITOR),
    ("vera", "Vera", "Lindqvist", Membership.Role.VIEWER),
)
DEMO_CANVAS_TITLE = "Northwind Academy: 2027 plan"
DEMO_NOTES = {
    AreaKey.VALUE_PROPOSITION: [
        (
            "New store staff serve customers confidently in their first two weeks.",
            NoteColour.YELLOW,
        ),
        (
            "Fewer safety incidents in warehouses through short, on-shift refreshers.",
            NoteColour.PINK,
        ),
        ("Managers coach their teams instead of sending them on courses.", NoteColour.GREEN),
    ],
    AreaKey.PRODUCTS_SERVICES: [
        ("Store onboarding path: 10 short modules plus a buddy on the floor.", NoteColour.YELLOW),
        ("Forklift and manual-handling certification (compliance).", NoteColour.PINK),
        (
            "Coaching toolkit for shift leads: conversation cards and 15-minute huddles.",
            NoteColour.GREEN,
        ),
        ("Product knowledge cards on the store tablets.", NoteColour.BLUE),
    ],
    AreaKey.CUSTOMER_SEGMENTS: [
        (
            "Store associates on fixed shifts, little computer time at work (4,200 people).",
            NoteColour.YELLOW,
        ),
        ("Shift leads and store managers (380).", NoteColour.GREEN),
        ("Regional directors: meetings all day, irregular schedules (24).", NoteColour.PURPLE),
        ("Warehouse SMEs who teach the forklift course.", NoteColour.BLUE),
    ],
    AreaKey.SERVICE_DELIVERY: [
        ("Team of 9: 3 designers, 4 facilitators, 1 platform admin, 1 analyst.", NoteColour.YELLOW),
        ("Certification delivered by an external partner; we own the standard.", NoteColour.BLUE),
        ("Curate vendor content instead of building generic skills courses.", NoteColour.GREEN),
    ],
    AreaKey.STRATEGY_GOVERNANCE: [
        ("Quarterly learning council with the COO and two regional directors.", NoteColour.PURPLE),
        (
            "Five-indicator dashboard: time to competence, incidents, voluntary use, "
            "reach, cost per learner.",
            NoteColour.YELLOW,
        ),
        ("Monthly one-page update in the operations newsletter.", NoteColour.GREY),
    ],
    AreaKey.INVESTMENT_RETURN: [
        ("Direct spend: payroll, vendors and the learning platform.", NoteColour.YELLOW),
        ("Hidden: SMEs' teaching time and associates' time off the floor.", NoteColour.PINK),
        ("Return: faster time to competence and fewer lost-time incidents.", NoteColour.GREEN),
    ],
}


@transaction.atomic
def load_demo() -> tuple[Organization, Canvas, list[tuple[str, str]]]:
    """Create (or bring back) the demo organization. Safe to run any number of times.

    Returns the organization, the sample canvas, and (username, role) pairs.
    """
    organization, _ = Organization.objects.update_or_create(
        slug=DEMO_ORG["slug"],
        defaults={"name": DEMO_ORG["name"], "currency": DEMO_ORG["currency"]},
    )
    user_model = get_user_model()
    logins = []
    users = {}
    owner = None
    for username, first, last, role in DEMO_USERS:
        user, _ = user_model.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.com"},
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        Membership.objects.update_or_create(
            user=user, organization=organization, defaults={"role": role}
        )
        logins.append((username, role.label))
        users[username] = user
        if role == Membership.Role.OWNER:
            owner = user

    canvas = Canvas.objects.filter(organization=organization, title=DEMO_CANVAS_TITLE).first()
    if canvas is None:
        canvas = Canvas.objects.create(
            organization=organization,
            title=DEMO_CANVAS_TITLE,
            description=(
                "How Northwind's learning team serves 4,600 people across 120 stores and "
                "6 warehouses, and what it asks the business to invest."
            ),
            value_kinds=[
                ValueKind.SKILLS_DEVELOPMENT,
                ValueKind.RISK_REDUCTION,
                ValueKind.PERFORMANCE_SUPPORT,
            ],
            created_by=owner,
            updated_by=owner,
        )
    if not canvas.notes.exists():
        for area, notes in DEMO_NOTES.items():
            for text, colour in notes:
                canvas.add_note(area=area, text=text, colour=colour, by=owner)
    load_customers_demo(canvas, by=owner)
    load_investment_demo(canvas, by=owner)
    load_pulse_demo(canvas, by=owner)
    load_indicators_demo(canvas, by=owner, members=users)
    return organization, canvas, logins
