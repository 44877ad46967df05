import time
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout

from core.formats import format_duration
from core.live import is_poll

SIGNED_IN_AT = "accounts_signed_in_at"
LAST_SEEN_AT = "accounts_last_seen_at"
# Writing the session on every request would cost a database write each time; the idle
# clock is moved on at most once a minute instead.
LAST_SEEN_STEP = 60


class SessionLimitsMiddleware:
    """End a session after SESSION_IDLE_TIMEOUT seconds without a request, and
    SESSION_COOKIE_AGE seconds after signing in however busy it has been. An open board's
    polls (core.live.is_poll) don't count as a request here: only what the person does.

    Both clocks live in the session. A session without them (just signed in)
    starts them now. Signing in again as the same user keeps the session's
    data, so the absolute limit still counts from the first sign-in.
    Once signed out here, the request goes on as anonymous: pages send the
    person to the login page (htmx requests get HX-Redirect, core.middleware).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self.check(request)
        return self.get_response(request)

    def check(self, request) -> None:
        session = request.session
        now = time.time()
        signed_in_at = session.get(SIGNED_IN_AT)
        last_seen_at = session.get(LAST_SEEN_AT)
        if signed_in_at is None or last_seen_at is None:
            session[SIGNED_IN_AT] = session[LAST_SEEN_AT] = now
            return
        if now - signed_in_at > settings.SESSION_COOKIE_AGE:
            limit = duration(settings.SESSION_COOKIE_AGE)
            self.end(request, f"You've been logged out: a sign-in lasts at most {limit}.")
        elif now - last_seen_at > settings.SESSION_IDLE_TIMEOUT:
            idle = duration(settings.SESSION_IDLE_TIMEOUT)
            self.end(request, f"You've been logged out after {idle} without activity.")
        elif now - last_seen_at > LAST_SEEN_STEP and not is_poll(request):
            session[LAST_SEEN_AT] = now  # an open board's polls are not the person's activity

    @staticmethod
    def end(request, message: str) -> None:
        logout(request)
        messages.info(request, f"{message} Please log in again.")


def duration(seconds: int) -> str:
    return format_duration(timedelta(seconds=seconds))
