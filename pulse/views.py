"""Pulse pages: members open, follow and stop pulses; anyone with the link answers one."""

from django.conf import settings
from django.contrib import messages
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from canvas.access import get_canvas
from core.pdf import pdf_download
from core.public import over_rate, public_form_page, public_page
from orgs.access import require_owner
from pulse.access import get_pulse, public_pulse
from pulse.forms import AnswerForm, PulseOpenForm
from pulse.models import Comment, Pulse
from pulse.pages import (
    PulseItem,
    answer_page,
    canvas_urls,
    public_message,
    pulse_urls,
    results_context,
    thanks_page,
)
from pulse.qr import qr_png, qr_svg
from pulse.results import statements_of
from pulse.services import (
    close_pulse,
    hide_comment,
    open_pulse,
    revoke_pulse,
    submit_response,
)

ANSWERED_COOKIE = "pulse_answered"
ANSWERED_SALT = "pulse.answered"
ANSWERED_MAX_AGE = 60 * 60 * 24 * 400


# Members ------------------------------------------------------------------------------------


@require_safe
def pulse_list(request, org_slug, canvas_pk):
    """The canvas's pulses, newest first, with their state and number of responses."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    today = canvas.organization.today()
    pulses = list(
        Pulse.objects.filter(canvas=canvas)
        .annotate(received=Count("responses"))
        .order_by("-created_at", "-pk")
    )
    items = []
    for pulse in pulses:
        pulse.canvas = canvas
        items.append(
            PulseItem(
                pulse=pulse,
                state=pulse.state(today),
                received=pulse.received,
                urls=pulse_urls(pulse, request),
            )
        )
    context = {
        "canvas": canvas,
        "membership": membership,
        "items": items,
        "canvas_urls": canvas_urls(canvas),
    }
    return TemplateResponse(request, "pulse/list.html", context)


@require_http_methods(["GET", "POST"])
def pulse_open(request, org_slug, canvas_pk):
    """Open a pulse on the canvas (owners and editors)."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    today = canvas.organization.today()
    form = PulseOpenForm(request.POST or None, today=today)
    if request.method == "POST":
        if form.is_valid():
            pulse = open_pulse(canvas=canvas, by=request.user, **form.cleaned_data)
            messages.success(
                request, "The pulse is open. Share its link or QR code with the people you chose."
            )
            return redirect(pulse_urls(pulse)["results"])
        status = 422
    else:
        status = 200
    context = {
        "canvas": canvas,
        "membership": membership,
        "form": form,
        "today": today,
        "canvas_urls": canvas_urls(canvas),
    }
    return TemplateResponse(request, "pulse/open.html", context, status=status)


@require_safe
def pulse_results(request, org_slug, canvas_pk, pulse_pk):
    """One pulse: its link, QR code and state, and the results the anonymity rules allow."""
    pulse, membership = get_pulse(request.user, org_slug, canvas_pk, pulse_pk)
    context = results_context(
        request,
        pulse,
        membership,
        compare_pk=request.GET.get("compare"),
        page=request.GET.get("page", 1),
    )
    return TemplateResponse(request, "pulse/results.html", context)


@require_POST
def pulse_close(request, org_slug, canvas_pk, pulse_pk):
    """Stop taking answers now (owners and editors)."""
    pulse, _ = get_pulse(request.user, org_slug, canvas_pk, pulse_pk, edit=True)
    if close_pulse(pulse=pulse, by=request.user):
        messages.success(request, "The pulse is closed: its link now says so.")
    else:
        messages.info(request, "That pulse had already stopped taking answers.")
    return redirect(pulse_urls(pulse)["results"])


@require_POST
def pulse_revoke(request, org_slug, canvas_pk, pulse_pk):
    """Make the public link stop working at once (owners and editors)."""
    pulse, _ = get_pulse(request.user, org_slug, canvas_pk, pulse_pk, edit=True)
    if revoke_pulse(pulse=pulse, by=request.user):
        messages.success(request, "The link no longer works. The answers already given are kept.")
    else:
        messages.info(request, "That link had already been revoked.")
    return redirect(pulse_urls(pulse)["results"])


@require_POST
def comment_hide(request, org_slug, canvas_pk, pulse_pk, comment_pk):
    """Stop showing a comment (owners only); it is kept."""
    pulse, membership = get_pulse(request.user, org_slug, canvas_pk, pulse_pk)
    require_owner(membership, "hide comments")
    comment = Comment.objects.filter(pulse=pulse, pk=comment_pk).first()
    if comment is None:
        messages.info(request, "That comment is no longer there.")
    else:
        comment.pulse = pulse
        hide_comment(comment=comment, by=request.user)
        messages.success(request, "The comment is hidden. It is kept, but no longer shown.")
    return redirect(pulse_urls(pulse)["results"] + "#comments")


@require_safe
def pulse_qr(request, org_slug, canvas_pk, pulse_pk):
    """The public link as a QR code: SVG, or PNG with ?format=png (downloads with ?download)."""
    pulse, _ = get_pulse(request.user, org_slug, canvas_pk, pulse_pk)
    link = pulse_urls(pulse, request)["public"]
    if request.GET.get("format") == "png":
        response = HttpResponse(qr_png(link), content_type="image/png")
        extension = "png"
    else:
        response = HttpResponse(qr_svg(link), content_type="image/svg+xml")
        extension = "svg"
    if "download" in request.GET:
        name = slugify(pulse.canvas.title) or "pulse"
        response["Content-Disposition"] = f'attachment; filename="pulse-qr-{name}.{extension}"'
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_safe
def pulse_invitation(request, org_slug, canvas_pk, pulse_pk):
    """A printable one-page invitation: what we ask, the QR code, the link, the closing day."""
    pulse, membership = get_pulse(request.user, org_slug, canvas_pk, pulse_pk)
    link = pulse_urls(pulse, request)["public"]
    context = {
        "pulse": pulse,
        "organization": membership.organization,
        "canvas": pulse.canvas,
        "link": link,
        "qr": qr_svg(link, scale=8),
        "statement_count": len(statements_of(pulse)),
    }
    name = slugify(membership.organization.name) or "pulse"
    return pdf_download(
        request, "pdf/pulse_invitation.html", context, filename=f"pulse-invitation-{name}.pdf"
    )


# The public link ------------------------------------------------------------------------------


def _answered(request, pulse: Pulse) -> bool:
    """True if this browser has already answered this pulse (our signed cookie says so)."""
    value = request.get_signed_cookie(
        ANSWERED_COOKIE, default=None, salt=ANSWERED_SALT, max_age=ANSWERED_MAX_AGE
    )
    return value == pulse.token


def _remember_answer(response, pulse: Pulse) -> None:
    response.set_signed_cookie(
        ANSWERED_COOKIE,
        pulse.token,
        salt=ANSWERED_SALT,
        max_age=ANSWERED_MAX_AGE,
        path=f"/p/{pulse.token}/",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _not_found(request):
    return public_message(
        request,
        "This link doesn't lead anywhere",
        "Check that you copied the whole link, or ask the person who sent it for a new one.",
        status=404,
    )


def _stopped(request, pulse: Pulse, state):
    if state == Pulse.State.REVOKED:
        text = "The people who sent this link have withdrawn it. Thank you for wanting to help."
        return public_message(request, "This link no longer works", text, status=410)
    text = "This pulse has stopped taking answers. Thank you for wanting to help."
    return public_message(request, "This pulse has closed", text, status=410, pulse=pulse)


def _rate_limited(request, pulse: Pulse) -> bool:
    """Counts answers (posts) to this pulse from the client's address (core/public.py)."""
    return over_rate(request, group=f"pulse:{pulse.pk}", rate=settings.PULSE_RATE_LIMIT)


def _too_big(request) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > settings.PULSE_MAX_POST_BYTES


@public_form_page
@require_http_methods(["GET", "POST"])
def pulse_answer(request, token):
    """The public answering page: a group, one score per area, a comment, one submit."""
    pulse = public_pulse(token)
    if pulse is None:
        return _not_found(request)
    today = pulse.canvas.organization.today()
    state = pulse.state(today)
    if state != Pulse.State.OPEN:
        return _stopped(request, pulse, state)
    if _answered(request, pulse):
        return thanks_page(request, pulse, today=today, already=True)
    statements = statements_of(pulse)
    if request.method == "POST":
        if _too_big(request):
            return public_message(
                request,
                "That was more than we can take",
                "Your answers were too long to store. Go back, shorten your comment, and send "
                "them again.",
                status=413,
            )
        form = AnswerForm(request.POST, groups=pulse.groups, statements=statements)
        if form.is_robot:
            return redirect("pulse_thanks", token=pulse.token)  # robots get no clue
        if _rate_limited(request, pulse):
            return public_message(
                request,
                "Too many answers from your network",
                "Many answers have come from your network in a short time. Please try again "
                "in an hour.",
                status=429,
            )
        if not form.is_valid():
            return answer_page(request, pulse, form, status=422)
        submit_response(
            pulse=pulse,
            group=form.cleaned_data["group"],
            scores=form.scores(),
            comment=form.cleaned_data["comment"],
            on=today,
        )
        response = redirect("pulse_thanks", token=pulse.token)
        _remember_answer(response, pulse)
        return response
    form = AnswerForm(groups=pulse.groups, statements=statements)
    return answer_page(request, pulse, form)


@public_page
@require_safe
def pulse_thanks(request, token):
    """Thank you; and the overall results, when the owner allows it and five have answered."""
    pulse = public_pulse(token)
    if pulse is None:
        return _not_found(request)
    today = pulse.canvas.organization.today()
    state = pulse.state(today)
    if state == Pulse.State.REVOKED:
        return _stopped(request, pulse, state)
    return thanks_page(request, pulse, today=today)
