"""Investment & return figures: pure Decimal arithmetic, no database.

Plain values go in (one `InvestmentItem` per cost line, one `ReturnItem` per
return line, the canvas's period and headcounts) and a frozen `Figures`
comes out. Every edge case has an answer instead of an error: a ratio that
cannot be computed (no investment, no return, no learners) is `None`, and
`Figures` says in words why. Money is rounded to cents, ratios to the places
the page shows, always half up, so the same inputs give the same figures on
the page, on the board and in the PDF.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from django.db import models

CENT = Decimal("0.01")
TENTH = Decimal("0.1")
HUNDRED = Decimal(100)
ZERO = Decimal(0)
# Wide enough for any sum of stored amounts (14 digits each) and any ratio of them.
PRECISION = 60


class InvestmentCategory(models.TextChoices):
    LD_PAYROLL = "ld_payroll", "L&D payroll"
    TRAVEL = "travel", "Travel"
    THIRD_PARTY = "third_party", "Third-party spend"
    TECHNOLOGY = "technology", "Technology & platforms"
    FACILITIES = "facilities", "Facilities"
    SME_TIME = "sme_time", "Subject-matter experts' time"
    LEARNER_TIME = "learner_time", "Learners' time away from work"
    MANAGER_TIME = "manager_time", "Managers' time"
    OTHER = "other", "Other"


# Costs that sit in other departments' budgets, so the L&D budget never shows them.
HIDDEN_BY_DEFAULT = frozenset(
    {InvestmentCategory.SME_TIME, InvestmentCategory.LEARNER_TIME, InvestmentCategory.MANAGER_TIME}
)


def hidden_by_default(category: str) -> bool:
    """Whether a category's cost usually hides in other budgets."""
    return category in HIDDEN_BY_DEFAULT


class ReturnKind(models.TextChoices):
    COST_AVOIDANCE = "cost_avoidance", "Cost avoidance"
    PRODUCTIVITY = "productivity", "Productivity"
    RISK_REDUCTION = "risk_reduction", "Risk reduction"
    REVENUE = "revenue", "Revenue"
    OTHER = "other", "Other"


class LearnersSource(models.TextChoices):
    HAND = "hand", "entered by hand"
    SEGMENTS = "segments", "from the canvas's learner segments"


@dataclass(frozen=True)
class InvestmentItem:
    category: str
    hidden: bool
    amount: Decimal


@dataclass(frozen=True)
class ReturnItem:
    kind: str
    amount: Decimal
    confidence: int = 100


@dataclass(frozen=True)
class Share:
    """One category's (or kind's) part of a total."""

    key: str
    label: str
    amount: Decimal
    percent: Decimal | None


@dataclass(frozen=True)
class Figures:
    """Everything the page, the board and the PDF say about investment and return."""

    period_label: str
    period_is_year: bool
    total_investment: Decimal
    direct_investment: Decimal
    hidden_investment: Decimal
    hidden_share: Decimal | None  # percent of total investment, one place
    direct_share: Decimal | None
    investment_by_category: tuple[Share, ...]
    claimed_return: Decimal  # before confidence
    total_return: Decimal  # confidence-adjusted
    return_by_kind: tuple[Share, ...]
    net_return: Decimal
    roi_percent: Decimal | None  # (return - investment) / investment, one place
    benefit_cost_ratio: Decimal | None  # return / investment, two places
    payback_months: Decimal | None  # one place, only for a year-long period
    learners_reached: int | None
    learners_source: str | None
    cost_per_learner: Decimal | None
    employee_headcount: int | None
    ld_staff_headcount: Decimal | None
    ld_staff_per_thousand: Decimal | None  # two places
    investment_line_count: int = 0
    return_line_count: int = 0

    @property
    def has_investment(self) -> bool:
        return self.total_investment > 0

    @property
    def has_return(self) -> bool:
        return self.total_return > 0

    @property
    def is_empty(self) -> bool:
        return not (self.investment_line_count or self.return_line_count)

    @property
    def period_name(self) -> str:
        return self.period_label or ("the year" if self.period_is_year else "the period")

    @property
    def learners_source_label(self) -> str:
        return LearnersSource(self.learners_source).label if self.learners_source else ""

    @property
    def covers_investment(self) -> bool | None:
        """Whether the confidence-adjusted return is at least the investment; None with none.

        Judged on the exact net return, never on the rounded ROI: 99,999.99 back
        on 100,000.00 invested rounds to an ROI of 0.0% but does not cover it.
        """
        if not self.has_investment:
            return None
        return self.net_return >= 0

    @property
    def roi_tone(self) -> str:
        """How the ROI reads at a glance: "positive", "negative", or "" when not defined."""
        if self.roi_percent is None:
            return ""
        return "positive" if self.covers_investment else "negative"

    @property
    def roi_explanation(self) -> str:
        """Why the ROI is what it is, in one sentence."""
        if not self.has_investment:
            return "ROI isn't defined until the investment is entered: add the cost lines first."
        if not self.claimed_return:
            return "No return entered yet, so every unit invested is, for now, a cost."
        if not self.total_return:
            return "Every return line has 0% confidence, so none of it counts yet."
        if not self.covers_investment:
            return "The confidence-adjusted return does not yet cover the investment."
        if not self.net_return:
            return "The confidence-adjusted return exactly covers the investment."
        return "The confidence-adjusted return covers the investment."

    @property
    def payback_explanation(self) -> str:
        if not self.period_is_year:
            return "Payback is shown when the figures cover a year."
        if not self.has_investment:
            return "Nothing invested yet."
        if not self.has_return:
            return "With no return, the investment does not pay back."
        if self.total_return < self.total_investment:
            covered = (self.total_return * 100 / self.total_investment).quantize(Decimal(1))
            return (
                f"Does not pay back within the year: the year's confidence-adjusted return "
                f"covers {covered}% of the investment."
            )
        return ""

    @property
    def payback_sentence(self) -> str:
        """The payback time, saying what it means; "" when there is none to show."""
        if self.payback_months is None:
            return ""
        return (
            f"Pays back in {self.payback_months} months: the year's return, earned evenly, "
            "covers the investment by then."
        )

    @property
    def cost_per_learner_explanation(self) -> str:
        if self.learners_reached is None:
            return "Enter how many learners the investment reaches to see the cost per learner."
        if self.learners_reached == 0:
            return "No learners reached, so there is no cost per learner."
        return ""

    @property
    def staff_ratio_explanation(self) -> str:
        if self.employee_headcount is None or self.ld_staff_headcount is None:
            return "Enter both the employee and the L&D staff headcount to see this ratio."
        if self.employee_headcount == 0:
            return "The ratio needs at least one employee."
        return ""


def _round(value: Decimal, places: Decimal) -> Decimal:
    return value.quantize(places, rounding=ROUND_HALF_UP)


def _checked(value, name: str) -> Decimal:
    try:
        value = Decimal(value)
    except (InvalidOperation, TypeError, ValueError) as error:
        raise ValueError(f"{name} must be a number, not {value!r}.") from error
    if not value.is_finite():
        raise ValueError(f"{name} must be a finite number.")
    if value < 0:
        raise ValueError(f"{name} cannot be negative.")
    return value


def line_cost(
    *,
    amount: Decimal | None = None,
    hours: Decimal | None = None,
    hourly_rate: Decimal | None = None,
    people: int | None = None,
) -> Decimal:
    """A cost line's money: its amount, or hours x hourly rate x people, to the cent.

    A line with neither costs nothing (the form never lets one be saved).
    """
    with localcontext() as context:
        context.prec = PRECISION
        if amount is not None:
            return _round(_checked(amount, "amount"), CENT)
        if hours is None or hourly_rate is None or people is None:
            return ZERO.quantize(CENT)
        product = (
            _checked(hours, "hours")
            * _checked(hourly_rate, "hourly rate")
            * _checked(people, "people")
        )
        return _round(product, CENT)


def adjusted_return(amount: Decimal, confidence: int) -> Decimal:
    """A return line discounted by how confident its author is, to the cent."""
    with localcontext() as context:
        context.prec = PRECISION
        confidence_value = _checked(confidence, "confidence")
        if confidence_value > HUNDRED:
            raise ValueError("confidence cannot be more than 100%.")
        return _round(_checked(amount, "return") * confidence_value / HUNDRED, CENT)


def percent_of(part: Decimal, whole: Decimal) -> Decimal | None:
    """`part` as a percentage of `whole` to one place, or None when `whole` is zero."""
    if not whole:
        return None
    with localcontext() as context:
        context.prec = PRECISION
        return _round(part * HUNDRED / whole, TENTH)


def roi_percent(total_return: Decimal, investment: Decimal) -> Decimal | None:
    """(return - investment) / investment as a percentage; None with no investment.

    A loss too small to show rounds to 0.0, never to -0.0; whether the return
    covers the investment is `Figures.covers_investment`'s call, not the sign's.
    """
    if not investment:
        return None
    with localcontext() as context:
        context.prec = PRECISION
        percent = _round((total_return - investment) * HUNDRED / investment, TENTH)
    return percent.copy_abs() if percent.is_zero() else percent


def benefit_cost_ratio(total_return: Decimal, investment: Decimal) -> Decimal | None:
    """Return per unit invested, two places; None with no investment."""
    if not investment:
        return None
    with localcontext() as context:
        context.prec = PRECISION
        return _round(total_return / investment, CENT)


def payback_months(
    total_return: Decimal, investment: Decimal, *, period_is_year: bool
) -> Decimal | None:
    """Months until a year's return, earned evenly, covers the investment.

    None when the period is not a year, nothing was invested, or the year's return does
    not cover the investment (then there is no payback within the period to speak of,
    and a negative ROI is never shown beside a payback time).
    """
    if not period_is_year or not investment or not total_return or total_return < investment:
        return None
    with localcontext() as context:
        context.prec = PRECISION
        return _round(investment * 12 / total_return, TENTH)


def cost_per_learner(investment: Decimal, learners: int | None) -> Decimal | None:
    """Investment divided by learners reached, to the cent; None with no learners."""
    if not learners:
        return None
    with localcontext() as context:
        context.prec = PRECISION
        return _round(investment / _checked(learners, "learners reached"), CENT)


def staff_per_thousand(ld_staff: Decimal | None, employees: int | None) -> Decimal | None:
    """L&D staff per 1,000 employees, two places; None unless both are known."""
    if ld_staff is None or not employees:
        return None
    with localcontext() as context:
        context.prec = PRECISION
        return _round(
            _checked(ld_staff, "L&D staff") * 1000 / _checked(employees, "employees"), CENT
        )


def _shares(totals: dict[str, Decimal], labels: dict[str, str], whole: Decimal) -> tuple:
    order = list(labels)

    def rank(pair: tuple[str, Decimal]) -> tuple:
        key, amount = pair
        return (-amount, order.index(key) if key in order else len(order), key)

    return tuple(
        Share(key=key, label=labels.get(key, key), amount=amount, percent=percent_of(amount, whole))
        for key, amount in sorted(totals.items(), key=rank)
    )


def compute_figures(
    *,
    investments: Sequence[InvestmentItem],
    returns: Sequence[ReturnItem],
    period_label: str = "",
    period_is_year: bool = True,
    learners_reached: int | None = None,
    learners_source: str | None = None,
    employee_headcount: int | None = None,
    ld_staff_headcount: Decimal | None = None,
) -> Figures:
    """Every investment & return figure for one canvas's period."""
    with localcontext() as context:
        context.prec = PRECISION
        direct = hidden = ZERO.quantize(CENT)
        by_category: dict[str, Decimal] = {}
        for item in investments:
            amount = _round(_checked(item.amount, "investment"), CENT)
            if item.hidden:
                hidden += amount
            else:
                direct += amount
            by_category[item.category] = by_category.get(item.category, ZERO) + amount
        total_investment = direct + hidden

        claimed = total_return = ZERO.quantize(CENT)
        by_kind: dict[str, Decimal] = {}
        for item in returns:
            claimed += _round(_checked(item.amount, "return"), CENT)
            adjusted = adjusted_return(item.amount, item.confidence)
            total_return += adjusted
            by_kind[item.kind] = by_kind.get(item.kind, ZERO) + adjusted

    if learners_reached is None:
        learners_source = None

    return Figures(
        period_label=period_label.strip(),
        period_is_year=period_is_year,
        total_investment=total_investment,
        direct_investment=direct,
        hidden_investment=hidden,
        hidden_share=percent_of(hidden, total_investment),
        direct_share=percent_of(direct, total_investment),
        investment_by_category=_shares(
            by_category, dict(InvestmentCategory.choices), total_investment
        ),
        claimed_return=claimed,
        total_return=total_return,
        return_by_kind=_shares(by_kind, dict(ReturnKind.choices), total_return),
        net_return=total_return - total_investment,
        roi_percent=roi_percent(total_return, total_investment),
        benefit_cost_ratio=benefit_cost_ratio(total_return, total_investment),
        payback_months=payback_months(
            total_return, total_investment, period_is_year=period_is_year
        ),
        learners_reached=learners_reached,
        learners_source=learners_source,
        cost_per_learner=cost_per_learner(total_investment, learners_reached),
        employee_headcount=employee_headcount,
        ld_staff_headcount=ld_staff_headcount,
        ld_staff_per_thousand=staff_per_thousand(ld_staff_headcount, employee_headcount),
        investment_line_count=len(investments),
        return_line_count=len(returns),
    )
