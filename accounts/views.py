"""The account pages: log out, the account page with its password change, the page a
locked-out login gets, and the password reset confirmation (Django's, plus lifting the
lockout)."""

from axes.helpers import get_cool_off
from axes.utils import reset as reset_login_failures
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import PasswordChangeForm
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from core.formats import format_duration
from orgs.models import Membership


@require_http_methods(["GET", "POST"])
def log_out(request):
    """POST logs out; GET (a bookmark, a typed URL) asks first, since a link must never
    be able to sign someone out."""
    if request.method == "POST":
        logout(request)
        messages.info(request, "You're logged out.")
        return redirect(settings.LOGOUT_REDIRECT_URL)
    return TemplateResponse(request, "accounts/logout.html")


@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def account(request):
    """Your account: who you are, your organizations, and changing your password.

    A new password signs out every other session of this user (their stored
    password hash no longer matches); this one stays signed in.
    """
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            user = form.save()
            update_session_auth_hash(request, user)
            messages.success(request, "Password changed. You've been logged out everywhere else.")
            return redirect("account")
        status = 422
    else:
        status = 200
    memberships = Membership.objects.for_user(request.user)
    return TemplateResponse(
        request, "accounts/account.html", {"form": form, "memberships": memberships}, status=status
    )


@login_not_required
def locked_out(request, response=None, credentials=None):
    """The answer to a login attempt while its username and address are locked out
    (settings.AXES_LOCKOUT_CALLABLE).

    The same words whether or not the username exists. Every attempt during the
    lockout starts the cool-off again, so it is always the full period from now.
    """
    context = {"wait": format_duration(get_cool_off(request))}
    # Rendered now: axes answers from its middleware, after TemplateResponses are rendered.
    return render(request, "accounts/locked_out.html", context, status=429)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's "choose a new password" step. Choosing one also lifts a lockout on that
    username: whoever can read the account's email may log in straight away."""

    def form_valid(self, form):
        response = super().form_valid(form)
        reset_login_failures(username=form.user.get_username())
        return response
