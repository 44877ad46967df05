"""What the indicators dashboard shows, and the page and fragments the views answer with.

Every answer comes two ways: the whole page (JavaScript off; any form the user is
in the middle of kept where they left it), or with htmx one of two regions. A
change to one indicator's readings or details answers its card, with the
attention panel and the chain out of band (statuses and root causes follow the
numbers); a change to the list (adding, archiving, deleting, linking) answers the
whole dashboard region.
"""

from dataclasses import dataclass
from typing import Any

from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse

from core.htmx import retarget
from core.versioning import describe_stale_action
from indicators.dashboard import attention, build_cards, chain, drivers_of, unit_label
from indicators.forms import (
    IndicatorForm,
    LinkForm,
    MakeRoomForm,
    ReadingEditForm,
    ReadingForm,
)
from indicators.models import Indicator, Reading
from indicators.rules import MAX_ACTIVE, would_loop
from indicators.services import INDICATOR_UNDO, READING_UNDO, load_dashboard
from indicators.starters import STARTERS
from orgs.models import Membership

TEMPLATE = "indicators/dashboard.html"


def page_url(canvas, anchor: str = "") -> str:
    url = reverse(
        "indicators", kwargs={"org_slug": canvas.organization.slug, "canvas_pk": canvas.pk}
    )
    return f"{url}#{anchor}" if anchor else url


def card_url(canvas, pk: int) -> str:
    return page_url(canvas, f"indicator-{pk}")


def url(name: str, canvas, **kwargs) -> str:
    return reverse(
        name, kwargs={"org_slug": canvas.organization.slug, "canvas_pk": canvas.pk, **kwargs}
    )


def find_indicator(canvas, pk: int) -> Indicator | None:
    """The canvas's indicator, or None when it was deleted."""
    indicator = Indicator.objects.filter(canvas=canvas, pk=pk).select_related("updated_by")
    indicator = indicator.first()
    if indicator is not None:
        indicator.canvas = canvas
    return indicator


def get_indicator(canvas, pk: int) -> Indicator:
    indicator = find_indicator(canvas, pk)
    if indicator is None:
        raise Http404("No such indicator.")
    return indicator


def find_reading(indicator: Indicator, pk: int) -> Reading | None:
    reading = indicator.readings.filter(pk=pk).select_related("updated_by").first()
    if reading is not None:
        reading.indicator = indicator
    return reading


def members_of(membership) -> list:
    """The organization's members, to choose an owner from (one query)."""
    rows = (
        Membership.objects.filter(organization=membership.organization)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user__username")
    )
    return [row.user for row in rows]


@dataclass(frozen=True)
class MakeRoom:
    """The question a full dashboard asks before one more indicator goes on it."""

    name: str  # what is being added or brought back
    action: str  # where the answer posts
    fields: list[tuple[str, str]]  # what was posted, sent again
    form: MakeRoomForm


def make_room(request, canvas, name: str, action: str, active, form=None) -> MakeRoom:
    choices = [(indicator.pk, indicator.name) for indicator in active]
    posted = [
        (key, value)
        for key, values in request.POST.lists()
        if key not in ("csrfmiddlewaretoken", "archive")
        for value in values
    ]
    return MakeRoom(
        name=name,
        action=action,
        fields=posted,
        form=form or MakeRoomForm(indicators=choices, auto_id="room-%s"),
    )


def starter_rows(indicators) -> list[dict]:
    """The starters, each with whether the canvas has it already (an indicator that fills
    itself can be added once)."""
    taken = {indicator.starter for indicator in indicators}
    return [
        {
            "starter": starter,
            "added": starter.key in taken,
            "once": bool(starter.fills_from),
        }
        for starter in STARTERS
    ]


def _link_choices(card, cards, drivers) -> list[tuple[int, str]]:
    """What an indicator could be linked as driving: the others on the dashboard it
    doesn't drive yet and that don't drive it, directly or through others."""
    return [
        (other.pk, other.name)
        for other in cards
        if other.pk != card.pk
        and card.pk not in drivers.get(other.pk, set())
        and not would_loop(card.pk, other.pk, drivers)
    ]


def context(request, canvas, membership, **state) -> dict[str, Any]:
    """The dashboard as it stands, with the state of the request: open forms, conflicts,
    undo offers, messages (`state`)."""
    data = load_dashboard(canvas)
    currency = canvas.organization.currency
    cards = build_cards(data, currency)
    by_pk = {card.pk: card for card in cards}
    drivers = drivers_of(data.links, set(by_pk))
    for card in cards:
        card.drives = [by_pk[result] for result, above in drivers.items() if card.pk in above]
        card.driven_by = [by_pk[pk] for pk in sorted(drivers.get(card.pk, ()))]
    values: dict[str, Any] = {
        "canvas": canvas,
        "membership": membership,
        "currency": currency,
        "cards": cards,
        "attention": attention(cards, data.links),
        "chain": chain(cards, data.links),
        "archived": data.archived,
        "quarter": data.quarter,
        "max_active": MAX_ACTIVE,
        "full": len(cards) >= MAX_ACTIVE,
        "oob": bool(request.htmx),
        "undo_offer_seconds": READING_UNDO.offer_seconds,
    }
    if membership.can_edit:
        today = canvas.organization.today()
        members = members_of(membership)
        values["starters"] = starter_rows(data.indicators)
        values["add_form"] = state.pop("add_form", None) or IndicatorForm(
            members=members, prefix="new"
        )
        # Forms open only where asked for: a bound one to show as it is, (pk, "reading" or
        # "link"), or an empty one for a card whose state says "adding" or "linking".
        open_forms = state.pop("forms", {})
        card_state = state.get("card_state", {})
        for card in cards:
            flags = card_state.get(card.pk, {})
            choices = _link_choices(card, cards, drivers)
            card.can_link = bool(choices)
            if (card.pk, "reading") in open_forms or flags.get("adding"):
                card.open = card.adding = True
                card.reading_form = open_forms.get((card.pk, "reading")) or reading_form(
                    card.indicator, today, currency, focus=True
                )
            if (card.pk, "link") in open_forms or flags.get("linking"):
                card.linking = True
                card.link_form = open_forms.get((card.pk, "link")) or LinkForm(
                    indicators=choices, prefix=f"link-{card.pk}"
                )
        values["today"] = today
    values.update(state)
    _attach(values, by_pk)
    return values


def _attach(values: dict, by_pk: dict) -> None:
    """Put per-card state (`card_state`: pk -> {name: value}) on the cards themselves."""
    for pk, card_state in values.pop("card_state", {}).items():
        card = by_pk.get(pk)
        if card is not None:
            for name, value in card_state.items():
                setattr(card, name, value)


def page(request, canvas, membership, *, status: int = 200, **state) -> TemplateResponse:
    values = context(request, canvas, membership, **state)
    values["oob"] = False
    return TemplateResponse(request, TEMPLATE, values, status=status)


def region(request, canvas, membership, *, status: int = 200, **state) -> TemplateResponse:
    """The whole dashboard region for htmx (the page without JavaScript)."""
    if not request.htmx:
        return page(request, canvas, membership, status=status, **state)
    values = context(request, canvas, membership, **state)
    values["oob"] = False
    response = TemplateResponse(request, f"{TEMPLATE}#dashboard", values, status=status)
    return retarget(response, "#indicators-dashboard")


def add_form_invalid(request, canvas, membership, form) -> TemplateResponse:
    """The form adding an indicator, with what is wrong by each field (422): in its place
    for htmx, on the whole page without JavaScript."""
    if not request.htmx:
        return page(request, canvas, membership, add_form=form, status=422)
    values = {"canvas": canvas, "membership": membership, "add_form": form}
    response = TemplateResponse(request, f"{TEMPLATE}#add_form", values, status=422)
    return retarget(response, "#add-indicator-form")


def card(request, canvas, membership, pk: int, *, status: int = 200, **state):
    """One card, with the attention panel and the chain out of band, for htmx (the page
    without JavaScript). A card no longer on the dashboard answers the whole region."""
    if not request.htmx:
        return page(request, canvas, membership, status=status, **state)
    values = context(request, canvas, membership, **state)
    found = next((item for item in values["cards"] if item.pk == pk), None)
    if found is None:
        values["oob"] = False
        response = TemplateResponse(request, f"{TEMPLATE}#dashboard", values, status=status)
        return retarget(response, "#indicators-dashboard")
    values["card"] = found
    response = TemplateResponse(request, f"{TEMPLATE}#card_changed", values, status=status)
    return retarget(response, f"#indicator-{pk}")


# States the views ask for -----------------------------------------------------------------------


def editing(pk: int, form, conflict=None) -> dict:
    return {"card_state": {pk: {"edit_form": form, "conflict": conflict}}}


def stale(canvas, indicator, action: str, posted=None) -> dict:
    """An archive or delete of an indicator someone changed since this person saw it."""
    kwargs = {"indicator_pk": indicator.pk}
    owner = [indicator.owner] if indicator.owner_id else []
    panel = describe_stale_action(
        IndicatorForm(instance=indicator, members=owner),
        indicator,
        action=action,
        noun="indicator",
        keep=(
            card_url(canvas, indicator.pk),
            url("indicator", canvas, **kwargs),
            f"#indicator-{indicator.pk}",
        ),
        ahead=(
            url(f"indicator_{action}", canvas, **kwargs),
            posted or {},
            "#indicators-dashboard",
        ),
    )
    return {"card_state": {indicator.pk: {"stale": panel}}}


def reading_state(pk: int, reading_pk: int, *, manage: bool = True, **values) -> dict:
    """The readings list of card `pk` open (`manage`: with each reading's Correct and
    Delete), with `values` about reading `reading_pk`."""
    return {
        "card_state": {pk: {"open": True, "manage": manage, "reading_pk": reading_pk, **values}}
    }


SHOW = {
    "readings": {"open": True},
    "manage": {"open": True, "manage": True},  # each reading with Correct and Delete
    "add": {"open": True, "adding": True},  # the form that adds a reading
    "link": {"linking": True},  # the form that links it to what it drives
}


def showing(pk: int, what: str) -> dict:
    """Card `pk` showing `what` (a key of SHOW); as it rests otherwise."""
    return {"card_state": {pk: dict(SHOW.get(what, {}))}}


def reading_form(
    indicator: Indicator, today, currency: str, data=None, *, focus: bool = False
) -> ReadingForm:
    """The form that adds a reading to an indicator's card (`focus`: the cursor in its
    value once it shows)."""
    form = ReadingForm(
        data,
        indicator=indicator,
        today=today,
        unit_label=unit_label(indicator.unit, currency),
        prefix=f"reading-{indicator.pk}",
    )
    if focus:
        form.fields["value"].widget.attrs["autofocus"] = True
    return form


def reading_edit_form(reading: Reading, today, currency: str, data=None) -> ReadingEditForm:
    return ReadingEditForm(
        data,
        instance=reading,
        indicator=reading.indicator,
        today=today,
        unit_label=unit_label(reading.indicator.unit, currency),
        prefix=f"r{reading.pk}",
    )


def reading_stale(canvas, reading: Reading, today) -> dict:
    currency = canvas.organization.currency
    kwargs = {"indicator_pk": reading.indicator_id}
    panel = describe_stale_action(
        reading_edit_form(reading, today, currency),
        reading,
        action="delete",
        noun="reading",
        keep=(
            card_url(canvas, reading.indicator_id),
            url("indicator", canvas, **kwargs) + "?show=manage",
            f"#indicator-{reading.indicator_id}",
        ),
        ahead=(
            url("reading_delete", canvas, reading_pk=reading.pk, **kwargs),
            {},
            f"#indicator-{reading.indicator_id}",
        ),
    )
    return reading_state(reading.indicator_id, reading.pk, reading_stale=panel)


def undo_offer(deleted, token: str, kind: str) -> dict:
    """The "Undo" a deleted indicator or reading offers."""
    if kind == "reading":
        label = f"Deleted the reading of {deleted.fields.get('date'):%-d %b %Y}."
        seconds = READING_UNDO.offer_seconds
    else:
        readings = deleted.count("readings")
        label = f"Deleted “{deleted.label}”" + (
            f" with its {readings} reading{'s' if readings != 1 else ''}." if readings else "."
        )
        seconds = INDICATOR_UNDO.offer_seconds
    return {"token": token, "kind": kind, "label": label, "seconds": seconds}
