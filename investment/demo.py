"""Demo investment & return for the sample canvas: believable numbers for a retail academy.

Called from `studio.demo.load_demo`. It adds lines only to a canvas that has
none, so running the demo loader again changes nothing. The numbers tell the
story leaders meet in real life: the experts' teaching time costs more than
the learning team's whole payroll, and most of the investment is hidden.
"""

from decimal import Decimal

from canvas.models import Canvas
from investment.figures import InvestmentCategory as Category
from investment.figures import ReturnKind as Kind
from investment.figures import hidden_by_default
from investment.models import InvestmentLine, InvestmentSettings, ReturnLine
from investment.services import add_line

DEMO_PERIOD = "Fiscal year 2027"
DEMO_EMPLOYEES = 4600
DEMO_LD_STAFF = Decimal("9")

# category, label, amount, or (hours per person, hourly rate, people)
DEMO_COSTS = (
    (Category.LD_PAYROLL, "Learning team payroll (9 people, with benefits)", "780000", None),
    (Category.TRAVEL, "Facilitators' travel to stores and warehouses", "64000", None),
    (Category.THIRD_PARTY, "Forklift certification partner", "145000", None),
    (Category.THIRD_PARTY, "Vendor content library licences", "58000", None),
    (Category.TECHNOLOGY, "Learning platform and store tablet app", "92000", None),
    (Category.SME_TIME, "Floor buddies coaching new store staff", None, ("30", "22", 1100)),
    (Category.SME_TIME, "Warehouse experts teaching the forklift course", None, ("120", "48", 18)),
    (
        Category.LEARNER_TIME,
        "Associates' time off the floor for learning",
        None,
        ("12", "21", 4200),
    ),
    (Category.MANAGER_TIME, "Shift leads running coaching huddles", None, ("26", "32", 380)),
)

# kind, label, amount, confidence (%)
DEMO_RETURNS = (
    (Kind.REVENUE, "Gross margin on add-on sales from product knowledge cards", "3200000", 50),
    (Kind.PRODUCTIVITY, "New store staff productive 6 days sooner (1,100 hires)", "1108800", 80),
    (Kind.COST_AVOIDANCE, "180 fewer leavers in their first 90 days", "810000", 70),
    (Kind.RISK_REDUCTION, "22 fewer lost-time incidents in the warehouses", "836000", 90),
    (Kind.COST_AVOIDANCE, "40 unused vendor courses retired", "120000", 100),
)


def load_investment_demo(canvas: Canvas, *, by) -> None:
    """Give the demo canvas its period, headcounts, cost lines and return lines."""
    InvestmentSettings.objects.get_or_create(
        canvas=canvas,
        defaults={
            "period_label": DEMO_PERIOD,
            "period_is_year": True,
            "employee_headcount": DEMO_EMPLOYEES,
            "ld_staff_headcount": DEMO_LD_STAFF,
            "updated_by": by,
        },
    )
    if not InvestmentLine.objects.filter(canvas=canvas).exists():
        for category, label, amount, time in DEMO_COSTS:
            hours, rate, people = time or (None, None, None)
            line = InvestmentLine(
                category=category,
                hidden=hidden_by_default(category),
                label=label,
                amount=Decimal(amount) if amount else None,
                hours=Decimal(hours) if hours else None,
                hourly_rate=Decimal(rate) if rate else None,
                people=people,
            )
            add_line(line=line, canvas=canvas, by=by)
    if not ReturnLine.objects.filter(canvas=canvas).exists():
        for kind, label, amount, confidence in DEMO_RETURNS:
            line = ReturnLine(kind=kind, label=label, amount=Decimal(amount), confidence=confidence)
            add_line(line=line, canvas=canvas, by=by)
