"""What the dashboard and the board's summaries show, built from loaded rows: each
indicator's card (status, trend, sparkline, quarter), what needs attention (off-target
results with their root causes, the behaviour check) and the chain diagram.

No queries here: `indicators.services.load_dashboard` and `load_board_indicators`
read the rows; the rules are `indicators/rules.py`'s, the drawings `drawing.py`'s.
Numbers are worded here once, so the page, the board and the diagram agree.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from canvas.areas import AREAS_BY_KEY
from core.formats import format_money, person_name
from indicators import rules
from indicators.drawing import Box, ChainLayout, Sparkline, chain_layout, sparkline, wrap
from indicators.models import Indicator, Reading
from indicators.rules import Direction, QuarterChange, Status, Thresholds, Trend, Unit

# Wording numbers ------------------------------------------------------------------------------


def _number(value: Decimal, places: int = 2) -> str:
    """12,500 · 31.5 · 0.25: thousands separated, at most `places` decimals, no trailing 0."""
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def format_value(value: Decimal | None, unit: str, currency: str) -> str:
    """A reading as people read it: 31.5%, 1,240, 14 days, $796.22, 1.96."""
    if value is None:
        return ""
    if unit == Unit.PERCENT:
        return f"{_number(value, 1)}%"
    if unit == Unit.DAYS:
        text = _number(value, 1)
        return f"{text} day" if text == "1" else f"{text} days"
    if unit == Unit.MONEY:
        return format_money(value, currency, whole_from=10_000)
    return _number(value)


def unit_label(unit: str, currency: str) -> str:
    """What a value is counted in, for a form's label: %, days, EUR; "" for a count or ratio."""
    return {Unit.PERCENT: "%", Unit.DAYS: "days", Unit.MONEY: currency}.get(unit, "")


def format_change(change: Decimal, unit: str, currency: str) -> str:
    """A change with its sign: +4.5 pts, -3 days, +$12.00, +0.15."""
    sign = "+" if change > 0 else "-" if change < 0 else ""
    size = abs(change)
    if unit == Unit.PERCENT:
        text = _number(size, 1)
        text = f"{text} pt" if text == "1" else f"{text} pts"
    elif unit == Unit.DAYS:
        text = _number(size, 1)
        text = f"{text} day" if text == "1" else f"{text} days"
    elif unit == Unit.MONEY:
        text = format_money(size, currency, whole_from=10_000)
    else:
        text = _number(size)
    return sign + text


def better_word(better: bool | None) -> str:
    return "no change" if better is None else "better" if better else "worse"


# Cards ----------------------------------------------------------------------------------------


@dataclass
class ReadingRow:
    reading: Reading
    value_text: str


@dataclass
class Card:
    """One indicator as the dashboard shows it."""

    indicator: Indicator
    currency: str
    status: Status
    baseline: Decimal | None  # entered, or the first reading
    thresholds: Thresholds | None
    readings: list[ReadingRow] = field(default_factory=list)  # newest first
    trend: Trend | None = None
    quarter: QuarterChange | None = None
    spark: Sparkline | None = None

    # What the page adds for its forms and states (indicators/pages.py).
    drives: Sequence["Card"] = ()
    driven_by: Sequence["Card"] = ()
    reading_form = link_form = edit_form = conflict = stale = None
    open = False  # its readings list shows open
    manage = False  # ... with a way to correct or delete each reading
    reading_pk = None  # the reading the states below are about
    reading_edit = reading_conflict = reading_stale = reading_undo = reading_message = None

    @property
    def pk(self) -> int:
        return self.indicator.pk

    @property
    def name(self) -> str:
        return self.indicator.name

    @property
    def latest(self) -> Reading | None:
        return self.readings[0].reading if self.readings else None

    def words(self, value: Decimal | None) -> str:
        return format_value(value, self.indicator.unit, self.currency)

    @property
    def value_text(self) -> str:
        return self.readings[0].value_text if self.readings else ""

    @property
    def target_text(self) -> str:
        return self.words(self.indicator.target)

    @property
    def baseline_text(self) -> str:
        if self.indicator.baseline is not None:
            return self.words(self.indicator.baseline)
        if self.baseline is not None:
            return f"{self.words(self.baseline)} (first reading)"
        return "the first reading"

    @property
    def area_name(self) -> str:
        area = AREAS_BY_KEY.get(self.indicator.area)
        return area.name if area else ""

    @property
    def owner_text(self) -> str:
        if self.indicator.owner_id:
            return person_name(self.indicator.owner)
        return self.indicator.owner_name

    @property
    def thresholds_text(self) -> str:
        """Amber below 60% · red below 54%  (or "above" when lower is better)."""
        if self.thresholds is None:
            return ""
        side = "below" if self.indicator.direction == Direction.HIGHER else "above"
        amber, red = self.thresholds.amber, self.thresholds.red
        if amber == red:
            return f"Red {side} {self.words(red)}"
        return f"Amber {side} {self.words(amber)} · red {side} {self.words(red)}"

    @property
    def target_phrase(self) -> str:
        """How the value compares: "against a target of 60%"."""
        if self.indicator.target is None:
            return "no target set yet"
        return f"against a target of {self.target_text}"

    @property
    def trend_text(self) -> str:
        if self.trend is None:
            return ""
        previous = self.readings[1].value_text
        if self.trend.arrow == "flat":
            return f"Same as the previous reading ({previous})"
        move = "Up" if self.trend.arrow == "up" else "Down"
        change = format_change(abs(self.trend.change), self.indicator.unit, self.currency)
        return f"{move} {change.lstrip('+')} from {previous}"

    @property
    def trend_word(self) -> str:
        return better_word(self.trend.better) if self.trend else ""

    @property
    def quarter_text(self) -> str:
        if self.quarter is None:
            return ""
        change = format_change(self.quarter.change, self.indicator.unit, self.currency)
        return "no change" if not self.quarter.change else change

    @property
    def quarter_word(self) -> str:
        return better_word(self.quarter.better) if self.quarter else ""

    @property
    def spark_label(self) -> str:
        values = ", ".join(row.value_text for row in reversed(self.readings))
        count = len(self.readings)
        return f"The last {count} readings, oldest first: {values}" if count > 1 else values

    @property
    def more_readings(self) -> int:
        """Readings older than those the card lists."""
        return max(0, getattr(self.indicator, "reading_count", 0) or 0) - len(self.readings)


def indicator_status(indicator: Indicator, latest: Decimal | None) -> tuple[Status, Decimal | None]:
    """An indicator's status for its latest value, and the baseline it was judged with
    (the one entered, else the first reading, annotated as `first_value`)."""
    baseline = indicator.baseline
    if baseline is None:
        baseline = getattr(indicator, "first_value", None)
    return (
        rules.status(
            latest,
            target=indicator.target,
            direction=indicator.direction,
            baseline=baseline,
            amber=indicator.amber_threshold,
            red=indicator.red_threshold,
        ),
        baseline,
    )


def build_card(
    indicator: Indicator, recent: Sequence[Reading], quarter_points, quarter, currency: str
) -> Card:
    """The card of an indicator from its latest readings (newest first) and the readings
    around the last quarter."""
    latest = recent[0].value if recent else None
    state, baseline = indicator_status(indicator, latest)
    lines = None
    if indicator.target is not None:
        lines = rules.thresholds(
            target=indicator.target,
            direction=indicator.direction,
            baseline=baseline,
            amber=indicator.amber_threshold,
            red=indicator.red_threshold,
        )
    unit = indicator.unit
    card = Card(
        indicator=indicator,
        currency=currency,
        status=state,
        baseline=baseline,
        thresholds=lines,
        readings=[
            ReadingRow(reading, format_value(reading.value, unit, currency)) for reading in recent
        ],
    )
    if len(recent) > 1:
        card.trend = rules.trend(recent[0].value, recent[1].value, indicator.direction)
    card.quarter = rules.quarter_change(quarter_points, quarter, indicator.direction)
    card.spark = sparkline([reading.value for reading in reversed(recent)], indicator.target)
    return card


def build_cards(data, currency: str) -> list[Card]:
    """The dashboard's cards: its active indicators, in their order."""
    return [
        build_card(
            indicator,
            data.recent.get(indicator.pk, []),
            data.quarter_readings.get(indicator.pk, []),
            data.quarter,
            currency,
        )
        for indicator in data.active
    ]


# What needs attention -------------------------------------------------------------------------


@dataclass
class Finding:
    """An off-target result and what the chain says about it."""

    card: Card
    causes: list[Card]
    along: list[Card]
    unread: list[Card]
    has_drivers: bool


@dataclass
class Gap:
    """The behaviour check: rated well, used little."""

    satisfaction: Card
    behaviour: Card


@dataclass
class Attention:
    counts: list[tuple[Status, int]]  # in the order of STATUS_ORDER, none left out
    findings: list[Finding]  # off-target results, red first
    drivers: list[Card]  # off-target indicators that are not results, red first
    gaps: list[Gap]

    @property
    def total(self) -> int:
        return sum(count for _, count in self.counts)

    @property
    def all_clear(self) -> bool:
        return not (self.findings or self.drivers or self.gaps)

    @property
    def off_target(self) -> int:
        return sum(count for state, count in self.counts if state.off_target)


STATUS_ORDER = (Status.RED, Status.AMBER, Status.ON_TARGET, Status.NO_READING, Status.NO_TARGET)


def drivers_of(links: Iterable[tuple[int, int]], present: set[int]) -> dict[int, set[int]]:
    """For each indicator, those linked as driving it (both on the dashboard)."""
    drivers: dict[int, set[int]] = {}
    for driver, result in links:
        if driver in present and result in present:
            drivers.setdefault(result, set()).add(driver)
    return drivers


def _severity(card: Card) -> int:
    return rules.SEVERITY.get(card.status, 9)


def attention(cards: Sequence[Card], links: Sequence[tuple[int, int]]) -> Attention:
    """Which indicators are off target, the likely root cause of each off-target result,
    and the behaviour check."""
    by_pk = {card.pk: card for card in cards}
    drivers = drivers_of(links, set(by_pk))
    statuses = {card.pk: card.status for card in cards}
    counts = [(state, sum(1 for card in cards if card.status is state)) for state in STATUS_ORDER]
    off = sorted((card for card in cards if card.status.off_target), key=_severity)
    findings = []
    for card in off:
        if not card.indicator.is_result:
            continue
        cause = rules.root_cause(card.pk, drivers=drivers, statuses=statuses)
        findings.append(
            Finding(
                card=card,
                causes=[by_pk[pk] for pk in cause.causes],
                along=[by_pk[pk] for pk in cause.along],
                unread=[by_pk[pk] for pk in cause.unread],
                has_drivers=bool(drivers.get(card.pk)),
            )
        )
    measured = {
        card.pk: rules.Measured(measures=card.indicator.measures, status=card.status)
        for card in cards
    }
    gaps = [
        Gap(satisfaction=by_pk[rated], behaviour=by_pk[used])
        for rated, used in rules.behaviour_gaps(
            measured, [(a, b) for a, b in links if a in by_pk and b in by_pk]
        )
    ]
    return Attention(
        counts=counts,
        findings=findings,
        drivers=[card for card in off if not card.indicator.is_result],
        gaps=gaps,
    )


# The chain diagram ----------------------------------------------------------------------------


@dataclass
class ChainBox:
    box: Box
    card: Card
    lines: list[str]  # the name, in lines that fit the box

    @property
    def name_y(self) -> int:
        """The first line's baseline below the box's top: the name and the status line
        centred in the box together."""
        return (self.box.height - LINE_HEIGHT * (len(self.lines) + 1)) // 2 + 13

    @property
    def value_y(self) -> int:
        """The status line's baseline, below the name's lines."""
        return self.name_y + LINE_HEIGHT * len(self.lines)

    @property
    def status(self) -> str:
        return self.card.status.value


@dataclass
class ChainCurve:
    path: str
    driver: Card
    result: Card

    @property
    def weak(self) -> bool:
        """Both ends off target: the chain is weak here."""
        return self.driver.status.off_target and self.result.status.off_target


@dataclass
class Chain:
    layout: ChainLayout
    boxes: list[ChainBox]
    curves: list[ChainCurve]

    @property
    def width(self) -> int:
        return self.layout.width

    @property
    def height(self) -> int:
        return self.layout.height


LINE_CHARACTERS = 22  # of a name in a box, at the diagram's type size
LINE_HEIGHT = 16


def chain(cards: Sequence[Card], links: Sequence[tuple[int, int]]) -> Chain | None:
    """The linked indicators as a diagram; None while nothing is linked."""
    by_pk = {card.pk: card for card in cards}
    layout = chain_layout([card.pk for card in cards], links)
    if layout is None:
        return None
    return Chain(
        layout=layout,
        boxes=[
            ChainBox(box, by_pk[box.node], wrap(by_pk[box.node].name, LINE_CHARACTERS))
            for box in layout.boxes
        ],
        curves=[
            ChainCurve(curve.path, by_pk[curve.driver], by_pk[curve.result])
            for curve in layout.curves
        ],
    )


# The board's summary per area -----------------------------------------------------------------


@dataclass
class AreaSummary:
    """An area's indicators on the board: each with its status and latest value, and the
    likely root cause of each of its off-target results."""

    cards: list[Card]
    findings: list[Finding]


def board_summaries(
    indicators: Sequence[Indicator], links: Sequence[tuple[int, int]], currency: str
) -> dict[str, AreaSummary]:
    """For each area with active indicators, its summary (from `load_board_indicators`:
    each indicator annotated with `latest_value` and `first_value`)."""
    cards = []
    for indicator in indicators:
        latest = getattr(indicator, "latest_value", None)
        state, baseline = indicator_status(indicator, latest)
        card = Card(
            indicator=indicator,
            currency=currency,
            status=state,
            baseline=baseline,
            thresholds=None,
        )
        if latest is not None:
            card.readings = [ReadingRow(Reading(value=latest), card.words(latest))]
        cards.append(card)
    findings = {finding.card.pk: finding for finding in attention(cards, links).findings}
    summaries: dict[str, AreaSummary] = {}
    for card in cards:
        summary = summaries.setdefault(card.indicator.area, AreaSummary([], []))
        summary.cards.append(card)
        if card.pk in findings:
            summary.findings.append(findings[card.pk])
    return summaries
