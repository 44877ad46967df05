"""A canvas's indicators dashboard, and the htmx fragments that change it.

Every change works as a plain form post that redirects (JavaScript off) and, with
htmx, answers the card it changed (with the attention panel and the chain out of
band) or the whole dashboard region (indicators/pages.py). Edits follow the one edit
protocol (core/versioning.py); writes go through indicators/services.py.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from canvas.access import get_canvas
from core.htmx import tell
from core.undo import UndoError
from core.versioning import Outcome, VersionForm, edit_record, saving
from indicators import pages, services
from indicators.forms import (
    IndicatorEditForm,
    IndicatorForm,
    LinkForm,
    MakeRoomForm,
    StarterForm,
)
from indicators.models import Indicator

NOT_UNDERSTOOD = "That request wasn't understood; nothing changed. Reload the page and try again."
GONE = "Someone deleted this indicator meanwhile, so nothing changed."
READING_GONE = "Someone deleted this reading meanwhile, so nothing changed."


@require_GET
@vary_on_headers("HX-Request")
def indicators_page(request, org_slug, canvas_pk):
    """The dashboard: what needs attention, the chain of drivers and results, each
    indicator's status, trend, sparkline and target, and adding indicators.

    `?undo=<token>&kind=indicator|reading` (after a delete without JavaScript) offers Undo;
    `?card=<indicator pk>&show=add|manage|link` opens a card's form to add a reading, its
    readings to correct or delete one, or the form that links it (JavaScript off).
    """
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    state = {}
    card = request.GET.get("card", "")
    if card.isdigit() and len(card) < 12 and membership.can_edit:
        state = pages.showing(int(card), request.GET.get("show", ""))
    undo = None
    token, kind = request.GET.get("undo", ""), request.GET.get("kind", "indicator")
    if token and membership.can_edit:
        try:
            undo = pages.undo_offer(
                services.read_undo(token, kind=kind, canvas=canvas), token, kind
            )
        except UndoError as error:
            messages.warning(request, str(error))
    return pages.region(request, canvas, membership, undo=undo, **state)


def _archive_choice(request, canvas):
    """The indicator the person chose to archive to make room (None: no choice sent),
    and the choice's form (invalid: they must choose again)."""
    active = list(canvas.indicators.active())
    if "archive" not in request.POST:
        return None, None, active
    form = MakeRoomForm(
        request.POST, indicators=[(item.pk, item.name) for item in active], auto_id="room-%s"
    )
    chosen = next((item for item in active if form.is_valid() and item.pk == form.chosen()), None)
    return chosen, form, active


@require_POST
@vary_on_headers("HX-Request")
def indicator_add(request, org_slug, canvas_pk):
    """Add an indicator of the person's own; on a full dashboard, ask which to archive."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    form = IndicatorForm(request.POST, members=pages.members_of(membership), prefix="new")
    if not form.is_valid():
        return pages.add_form_invalid(request, canvas, membership, form)
    return _add(request, canvas, membership, form.instance, pages.url("indicator_add", canvas))


@require_POST
@vary_on_headers("HX-Request")
def indicator_starter(request, org_slug, canvas_pk):
    """Add a starter indicator with one click; on a full dashboard, ask which to archive."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    form = StarterForm(request.POST)
    if not form.is_valid():
        return tell(request, NOT_UNDERSTOOD, to=pages.page_url(canvas), level="error", status=422)
    indicator = services.starter_indicator(form.cleaned_data["starter"])
    return _add(request, canvas, membership, indicator, pages.url("indicator_starter", canvas))


def _add(request, canvas, membership, indicator: Indicator, action: str):
    chosen, room_form, active = _archive_choice(request, canvas)
    try:
        indicator = services.add_indicator(
            indicator=indicator, canvas=canvas, by=request.user, archive=chosen
        )
    except services.DashboardFull:
        room = pages.make_room(request, canvas, indicator.name, action, active, room_form)
        status = 422 if "archive" in request.POST else 200
        return pages.region(request, canvas, membership, make_room=room, status=status)
    except services.Refused as error:
        return tell(request, str(error), to=pages.page_url(canvas), level="warning", status=409)
    done = f"Added “{indicator.name}”" + (f" and archived “{chosen.name}”." if chosen else ".")
    if not request.htmx:
        messages.success(request, done)
        return redirect(pages.card_url(canvas, indicator.pk))
    return pages.region(request, canvas, membership, notice=done, focus=indicator.pk)


@require_GET
@vary_on_headers("HX-Request")
def indicator_detail(request, org_slug, canvas_pk, indicator_pk):
    """One card as the dashboard shows it (what "Cancel" goes back to); `?show=readings`
    opens its readings, `manage` with a way to correct or delete each, `add` with the form
    that adds one, `link` with the form that links it to what it drives."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    indicator = pages.get_indicator(canvas, indicator_pk)
    if not request.htmx:
        return redirect(pages.card_url(canvas, indicator.pk))
    opened = pages.showing(indicator.pk, request.GET.get("show", ""))
    return pages.card(request, canvas, membership, indicator.pk, **opened)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def indicator_edit(request, org_slug, canvas_pk, indicator_pk):
    """Edit an indicator in its card; a stale save answers 409 with both versions."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    members = pages.members_of(membership)
    if request.method == "GET":
        indicator = pages.get_indicator(canvas, indicator_pk)
        form = IndicatorEditForm(instance=indicator, members=members, prefix=f"i{indicator.pk}")
        return pages.card(
            request, canvas, membership, indicator.pk, **pages.editing(indicator.pk, form)
        )
    indicator = pages.find_indicator(canvas, indicator_pk)
    form = IndicatorEditForm(
        request.POST,
        instance=indicator or Indicator(canvas=canvas),
        members=members,
        prefix=f"i{indicator_pk}",
    )
    edit = edit_record(
        form, indicator, save=saving(services.edit_indicator, indicator=indicator, by=request.user)
    )
    if edit.gone:
        return tell(
            request,
            GONE + " Add it again if you still need it.",
            to=pages.page_url(canvas, "add-indicator"),
            level="error",
            status=409,
        )
    if not edit.saved:
        state = pages.editing(indicator_pk, edit.form, edit.conflict)
        return pages.card(request, canvas, membership, indicator_pk, status=edit.status, **state)
    if not request.htmx:
        messages.success(request, f"Saved “{edit.record.name}”.")
        return redirect(pages.card_url(canvas, indicator_pk))
    return pages.card(request, canvas, membership, indicator_pk)


def _versioned_action(request, canvas, indicator_pk):
    """The indicator and the version the person saw, or an answer when there's none."""
    indicator = pages.find_indicator(canvas, indicator_pk)
    if indicator is None:
        return None, None, tell(request, GONE, to=pages.page_url(canvas), level="warning")
    form = VersionForm(request.POST)
    if not form.is_valid():
        answer = tell(request, NOT_UNDERSTOOD, to=pages.page_url(canvas), level="error", status=422)
        return None, None, answer
    return indicator, form.cleaned_data["version"], None


@require_POST
@vary_on_headers("HX-Request")
def indicator_archive(request, org_slug, canvas_pk, indicator_pk):
    """Take an indicator off the dashboard, keeping its readings and links."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    indicator, version, answer = _versioned_action(request, canvas, indicator_pk)
    if answer:
        return answer
    result = services.archive_indicator(
        indicator=indicator, expected_version=version, by=request.user
    )
    if result.outcome is Outcome.GONE:
        return tell(request, GONE, to=pages.page_url(canvas), level="warning")
    if result.outcome is Outcome.CONFLICT:
        state = pages.stale(canvas, result.record, "archive")
        return pages.card(request, canvas, membership, indicator.pk, status=409, **state)
    done = f"Archived “{indicator.name}”: its readings are kept."
    if not request.htmx:
        messages.success(request, done)
        return redirect(pages.page_url(canvas, "archived"))
    return pages.region(request, canvas, membership, notice=done)


@require_POST
@vary_on_headers("HX-Request")
def indicator_reactivate(request, org_slug, canvas_pk, indicator_pk):
    """Put an archived indicator back on the dashboard; on a full one, ask which to archive."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    indicator, version, answer = _versioned_action(request, canvas, indicator_pk)
    if answer:
        return answer
    chosen, room_form, active = _archive_choice(request, canvas)
    try:
        result = services.reactivate_indicator(
            indicator=indicator, expected_version=version, by=request.user, archive=chosen
        )
    except services.DashboardFull:
        action = pages.url("indicator_reactivate", canvas, indicator_pk=indicator.pk)
        room = pages.make_room(request, canvas, indicator.name, action, active, room_form)
        status = 422 if "archive" in request.POST else 200
        return pages.region(request, canvas, membership, make_room=room, status=status)
    if result.outcome is not Outcome.SAVED:
        return tell(
            request,
            GONE
            if result.outcome is Outcome.GONE
            else "Someone changed this indicator meanwhile; nothing changed. Try again.",
            to=pages.page_url(canvas, "archived"),
            level="warning",
            status=409,
        )
    done = f"“{indicator.name}” is back on the dashboard."
    if not request.htmx:
        messages.success(request, done)
        return redirect(pages.card_url(canvas, indicator.pk))
    return pages.region(request, canvas, membership, notice=done, focus=indicator.pk)


@require_POST
@vary_on_headers("HX-Request")
def indicator_delete(request, org_slug, canvas_pk, indicator_pk):
    """Delete an indicator with its readings and links, offering Undo. One someone changed
    since the person saw it is not deleted: the conflict panel shows it as it is now."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    indicator, version, answer = _versioned_action(request, canvas, indicator_pk)
    if answer:
        return answer
    result = services.delete_indicator(
        indicator=indicator, expected_version=version, by=request.user
    )
    if result.outcome is Outcome.GONE:
        return tell(request, GONE, to=pages.page_url(canvas), level="warning")
    if result.outcome is Outcome.CONFLICT:
        state = pages.stale(canvas, result.record, "delete")
        return pages.card(request, canvas, membership, indicator.pk, status=409, **state)
    if not request.htmx:
        return redirect(f"{pages.page_url(canvas)}?undo={result.undo_token}&kind=indicator#undo")
    deleted = services.read_undo(result.undo_token, kind="indicator", canvas=canvas)
    undo = pages.undo_offer(deleted, result.undo_token, "indicator")
    return pages.region(request, canvas, membership, undo=undo)


@require_POST
@vary_on_headers("HX-Request")
def indicators_undo(request, org_slug, canvas_pk):
    """Undo a delete: the indicator (with its readings and links) or the reading is back."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    kind = "reading" if request.POST.get("kind") == "reading" else "indicator"
    try:
        deleted = services.read_undo(request.POST.get("token", ""), kind=kind, canvas=canvas)
        if kind == "reading":
            record = services.restore_reading(deleted=deleted, canvas=canvas, by=request.user)
        else:
            record = services.restore_indicator(deleted=deleted, canvas=canvas, by=request.user)
    except UndoError as error:
        return tell(request, str(error), to=pages.page_url(canvas), level="warning", status=409)
    if kind == "reading":
        if not request.htmx:
            messages.success(request, "The reading is back.")
            return redirect(pages.card_url(canvas, record.indicator_id))
        state = pages.reading_state(record.indicator_id, record.pk)
        return pages.card(request, canvas, membership, record.indicator_id, **state)
    done = f"“{record.name}” is back" + (
        "." if record.is_active else ", archived: the dashboard is full."
    )
    if not request.htmx:
        messages.success(request, done)
        return redirect(
            pages.card_url(canvas, record.pk)
            if record.is_active
            else pages.page_url(canvas, "archived")
        )
    return pages.region(request, canvas, membership, notice=done)


# Readings ---------------------------------------------------------------------------------


@require_POST
@vary_on_headers("HX-Request")
def reading_add(request, org_slug, canvas_pk, indicator_pk):
    """Add a reading in the indicator's card; errors show by the fields."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    indicator = pages.find_indicator(canvas, indicator_pk)
    if indicator is None:
        return tell(request, GONE, to=pages.page_url(canvas), level="warning", status=409)
    if indicator.fills_from:
        to = pages.card_url(canvas, indicator.pk)
        return tell(request, services.FILLS_ITSELF, to=to, level="warning", status=422)
    today = canvas.organization.today()
    form = pages.reading_form(indicator, today, canvas.organization.currency, request.POST)
    if not form.is_valid():
        state = {
            "forms": {(indicator.pk, "reading"): form},
            "card_state": {indicator.pk: {"open": True}},
        }
        return pages.card(request, canvas, membership, indicator.pk, status=422, **state)
    try:
        reading = services.add_reading(indicator=indicator, by=request.user, **form.cleaned_data)
    except services.Refused as error:
        return tell(
            request,
            str(error),
            to=pages.card_url(canvas, indicator.pk),
            level="warning",
            status=409,
        )
    if not request.htmx:
        messages.success(
            request, f"Added the reading of {reading.date:%-d %b %Y} to “{indicator.name}”."
        )
        return redirect(pages.card_url(canvas, indicator.pk))
    state = pages.reading_state(indicator.pk, reading.pk, manage=False, adding=True)
    return pages.card(request, canvas, membership, indicator.pk, **state)


def _reading(request, canvas, indicator_pk, reading_pk):
    indicator = pages.get_indicator(canvas, indicator_pk)
    return indicator, pages.find_reading(indicator, reading_pk)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def reading_edit(request, org_slug, canvas_pk, indicator_pk, reading_pk):
    """Correct a reading in place; a stale save answers 409 with both versions."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    indicator, reading = _reading(request, canvas, indicator_pk, reading_pk)
    today = canvas.organization.today()
    if reading is None:
        state = pages.reading_state(indicator.pk, reading_pk, reading_message=READING_GONE)
        return pages.card(request, canvas, membership, indicator.pk, status=409, **state)
    if reading.automatic or indicator.fills_from:
        return tell(
            request,
            services.FILLS_ITSELF,
            to=pages.card_url(canvas, indicator.pk),
            level="warning",
            status=422,
        )
    if request.method == "GET":
        state = pages.reading_state(
            indicator.pk,
            reading.pk,
            reading_edit=pages.reading_edit_form(reading, today, canvas.organization.currency),
        )
        return pages.card(request, canvas, membership, indicator.pk, **state)
    form = pages.reading_edit_form(reading, today, canvas.organization.currency, request.POST)
    try:
        edit = edit_record(
            form, reading, save=saving(services.edit_reading, reading=reading, by=request.user)
        )
    except services.Refused as error:
        form.add_error("date", str(error))
        state = pages.reading_state(indicator.pk, reading.pk, reading_edit=form)
        return pages.card(request, canvas, membership, indicator.pk, status=422, **state)
    if edit.gone:
        state = pages.reading_state(indicator.pk, reading_pk, reading_message=READING_GONE)
        return pages.card(request, canvas, membership, indicator.pk, status=409, **state)
    if not edit.saved:
        state = pages.reading_state(
            indicator.pk, reading.pk, reading_edit=edit.form, reading_conflict=edit.conflict
        )
        return pages.card(request, canvas, membership, indicator.pk, status=edit.status, **state)
    if not request.htmx:
        messages.success(request, "Reading corrected.")
        return redirect(pages.card_url(canvas, indicator.pk))
    return pages.card(
        request, canvas, membership, indicator.pk, **pages.reading_state(indicator.pk, reading.pk)
    )


@require_POST
@vary_on_headers("HX-Request")
def reading_delete(request, org_slug, canvas_pk, indicator_pk, reading_pk):
    """Delete a reading, offering Undo; one someone corrected since is not deleted."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    indicator, reading = _reading(request, canvas, indicator_pk, reading_pk)
    if reading is None:
        state = pages.reading_state(indicator.pk, reading_pk, reading_message=READING_GONE)
        return pages.card(request, canvas, membership, indicator.pk, **state)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return tell(
            request,
            NOT_UNDERSTOOD,
            to=pages.card_url(canvas, indicator.pk),
            level="error",
            status=422,
        )
    try:
        result = services.delete_reading(
            reading=reading, expected_version=form.cleaned_data["version"], by=request.user
        )
    except services.Refused as error:
        return tell(
            request,
            str(error),
            to=pages.card_url(canvas, indicator.pk),
            level="warning",
            status=422,
        )
    if result.outcome is Outcome.GONE:
        state = pages.reading_state(indicator.pk, reading_pk, reading_message=READING_GONE)
        return pages.card(request, canvas, membership, indicator.pk, **state)
    if result.outcome is Outcome.CONFLICT:
        result.record.indicator = indicator
        state = pages.reading_stale(canvas, result.record, canvas.organization.today())
        return pages.card(request, canvas, membership, indicator.pk, status=409, **state)
    if not request.htmx:
        return redirect(f"{pages.page_url(canvas)}?undo={result.undo_token}&kind=reading#undo")
    deleted = services.read_undo(result.undo_token, kind="reading", canvas=canvas)
    offer = pages.undo_offer(deleted, result.undo_token, "reading")
    state = pages.reading_state(indicator.pk, reading_pk, reading_undo=offer)
    return pages.card(request, canvas, membership, indicator.pk, **state)


# Links ------------------------------------------------------------------------------------


@require_POST
@vary_on_headers("HX-Request")
def link_add(request, org_slug, canvas_pk, indicator_pk):
    """Link an indicator to one it drives; the chain never loops."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    driver = pages.get_indicator(canvas, indicator_pk)
    choices = [(item.pk, item.name) for item in canvas.indicators.active().exclude(pk=driver.pk)]
    form = LinkForm(request.POST, indicators=choices, prefix=f"link-{driver.pk}")
    if not form.is_valid():
        state = {"forms": {(driver.pk, "link"): form}}
        return pages.card(request, canvas, membership, driver.pk, status=422, **state)
    result = pages.get_indicator(canvas, form.chosen())
    try:
        services.link(driver=driver, result=result, by=request.user)
    except services.Refused as error:
        form.add_error("result", str(error))
        state = {"forms": {(driver.pk, "link"): form}}
        return pages.card(request, canvas, membership, driver.pk, status=422, **state)
    done = f"“{driver.name}” now drives “{result.name}”."
    if not request.htmx:
        messages.success(request, done)
        return redirect(pages.page_url(canvas, "indicators-chain"))
    return pages.region(request, canvas, membership, notice=done)


@require_POST
@vary_on_headers("HX-Request")
def link_remove(request, org_slug, canvas_pk, indicator_pk):
    """Remove the link from this indicator to the one it drives (`result`)."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    driver = pages.get_indicator(canvas, indicator_pk)
    choices = [(item.pk, item.name) for item in canvas.indicators.exclude(pk=driver.pk)]
    form = LinkForm(request.POST, indicators=choices)
    if not form.is_valid():
        return tell(request, NOT_UNDERSTOOD, to=pages.page_url(canvas), level="error", status=422)
    result = pages.get_indicator(canvas, form.chosen())
    services.unlink(driver=driver, result=result, by=request.user)
    done = f"“{driver.name}” no longer drives “{result.name}”."
    if not request.htmx:
        messages.success(request, done)
        return redirect(pages.page_url(canvas, "indicators-chain"))
    return pages.region(request, canvas, membership, notice=done)
