"""The pages a share link opens (/s/<token>/...), and the members' presentation.

A link opens only what it names: its own canvas's board, the results and PDF
of the one assessment it pins, and the presentation. Nothing in a public
address is a database id, so nothing else can be reached by changing one.
Every public answer is marked noindex, sends no referrer and is rate-limited
per client address (settings.SHARE_RATE_LIMIT).
"""

from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from canvas.access import get_canvas
from core.pdf import pdf_download
from core.public import over_rate, public_page
from scorecard.services import message_for, results_for
from sharing.access import public_link
from sharing.models import ShareLink
from sharing.services import note_use
from studio.presentation import SLIDE_COUNT, board_areas, deck, latest_completed
from studio.printing import assessment_printout


def _message(request, title: str, text: str, *, status: int):
    context = {"title": title, "text": text}
    return TemplateResponse(request, "studio/shared_message.html", context, status=status)


def _not_found(request):
    return _message(
        request,
        "This link doesn't lead anywhere",
        "Check that you copied the whole link, or ask the person who sent it for a new one.",
        status=404,
    )


def _open_link(request, token):
    """(link, None) for a link that works now, else (None, the page to answer with)."""
    if over_rate(request, group="share", rate=settings.SHARE_RATE_LIMIT):
        return None, _message(
            request,
            "Too many requests",
            "This address has opened shared pages very often in a short time. "
            "Please wait a little and try again.",
            status=429,
        )
    link = public_link(token)
    if link is None:
        return None, _not_found(request)
    today = link.canvas.organization.today()
    state = link.state(today)
    if link.canvas.trashed_at is not None or state == ShareLink.State.REVOKED:
        return None, _message(
            request,
            "This link no longer works",
            "The people who shared it have withdrawn it. Ask them for a new one if you "
            "still need it.",
            status=410,
        )
    if state == ShareLink.State.EXPIRED:
        return None, _message(
            request,
            "This link has expired",
            "It worked until the day it was given. Ask the person who sent it for a new one.",
            status=410,
        )
    note_use(link)
    return link, None


def _share_context(link: ShareLink) -> dict:
    token = link.token
    return {
        "link": link,
        "canvas": link.canvas,
        "organization": link.canvas.organization,
        "share_urls": {
            "home": reverse("share_home", args=[token]),
            "results": reverse("share_results", args=[token]) if link.results_shown else "",
            "pdf": reverse("share_pdf", args=[token]) if link.pdf_shown else "",
            "present": reverse("share_present", args=[token, 1]) if link.shows_presentation else "",
        },
    }


def _slide_links(slide_urls: list[str], number: int) -> dict:
    return {
        "slide_urls": slide_urls,
        "prev_url": slide_urls[number - 2] if number > 1 else "",
        "next_url": slide_urls[number] if number < len(slide_urls) else "",
    }


def _pinned(link: ShareLink):
    """The link's own assessment, if it is still a completed one of the link's canvas."""
    assessment = link.assessment
    if assessment is None or assessment.canvas_id != link.canvas_id:
        return None
    if not assessment.is_complete:
        return None
    assessment.canvas = link.canvas
    return assessment


@public_page
@require_safe
def share_home(request, token):
    """The link's front page: the board read-only (when it shows the board), and what
    else the link opens."""
    link, refusal = _open_link(request, token)
    if refusal:
        return refusal
    context = _share_context(link)
    if link.shows_board:
        context["areas"] = board_areas(link.canvas)
    return TemplateResponse(request, "studio/shared_board.html", context)


@public_page
@require_safe
def share_results(request, token):
    """The pinned assessment's results, with no names and nothing to change."""
    link, refusal = _open_link(request, token)
    if refusal:
        return refusal
    assessment = _pinned(link) if link.results_shown else None
    if assessment is None:
        return _not_found(request)
    context = _share_context(link) | {
        "assessment": assessment,
        "results": results_for(assessment),
        "message": message_for(assessment),
    }
    return TemplateResponse(request, "studio/shared_results.html", context)


@public_page
@require_safe
def share_pdf(request, token):
    """The pinned assessment's PDF, printed without the team's names."""
    link, refusal = _open_link(request, token)
    if refusal:
        return refusal
    assessment = _pinned(link) if link.pdf_shown else None
    if assessment is None:
        return _not_found(request)
    organization = link.canvas.organization
    printout = assessment_printout(assessment=assessment, organization=organization)
    context = {
        "p": printout,
        "organization": organization,
        "canvas": link.canvas,
        "anonymous": True,
    }
    return pdf_download(request, "pdf/assessment.html", context, filename=printout.filename)


@public_page
@require_safe
def share_present_start(request, token):
    link, refusal = _open_link(request, token)
    if refusal:
        return refusal
    if not link.shows_presentation:
        return _not_found(request)
    return redirect("share_present", token=token, number=1)


@public_page
@require_safe
def share_present(request, token, number):
    """One slide of the presentation, through a link that includes it."""
    link, refusal = _open_link(request, token)
    if refusal:
        return refusal
    if not link.shows_presentation:
        return _not_found(request)
    shown = deck(canvas=link.canvas, assessment=_pinned(link), number=number)
    if shown is None:
        return _not_found(request)
    context = (
        _share_context(link)
        | {
            "deck": shown,
            "public": True,
            "exit_url": reverse("share_home", args=[token]),
        }
        | _slide_links(
            [reverse("share_present", args=[token, n]) for n in range(1, SLIDE_COUNT + 1)], number
        )
    )
    return TemplateResponse(request, "studio/present.html", context)


# Members ------------------------------------------------------------------------------------


@require_safe
def present_start(request, org_slug, canvas_pk):
    get_canvas(request.user, org_slug, canvas_pk)
    return redirect("present", org_slug=org_slug, canvas_pk=canvas_pk, number=1)


@require_safe
def present(request, org_slug, canvas_pk, number):
    """One slide of the presentation, for any member: the latest completed assessment's
    scores and advice."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    shown = deck(canvas=canvas, assessment=latest_completed(canvas), number=number)
    if shown is None:
        return _not_found(request)
    kwargs = {"org_slug": org_slug, "canvas_pk": canvas.pk}
    context = {
        "canvas": canvas,
        "organization": membership.organization,
        "deck": shown,
        "public": False,
        "exit_url": reverse("board", kwargs=kwargs),
    } | _slide_links(
        [reverse("present", kwargs={**kwargs, "number": n}) for n in range(1, SLIDE_COUNT + 1)],
        number,
    )
    return TemplateResponse(request, "studio/present.html", context)
