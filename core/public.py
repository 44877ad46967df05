"""Pages anyone may open without an account: the headers they all send, and their rate limit."""

from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited

from core.network import client_address

PUBLIC_HEADERS = {
    # Kept out of search engines, even when someone posts the link somewhere public.
    "X-Robots-Tag": "noindex, nofollow",
    # The token is in the address: never pass it on to another site.
    "Referrer-Policy": "no-referrer",
    # A revoked link must not linger in a shared cache.
    "Cache-Control": "private, no-store",
}


# A public page with a form (the pulse): a same-origin post must still say where it comes from,
# or Django's CSRF check refuses it ("no-referrer" makes the browser send `Origin: null`). The
# address, token and all, still never goes to another site.
PUBLIC_FORM_HEADERS = {**PUBLIC_HEADERS, "Referrer-Policy": "same-origin"}


def public_page(view):
    """Mark a view as open to anyone and give every answer (404 and 410 included) the
    headers above. The view returns its error pages rather than raising them."""
    return _with_headers(view, PUBLIC_HEADERS)


def public_form_page(view):
    """`public_page` for a page that posts a form to itself."""
    return _with_headers(view, PUBLIC_FORM_HEADERS)


def _with_headers(view, headers: dict[str, str]):
    @login_not_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        for name, value in headers.items():
            response[name] = value
        return response

    return wrapped


def over_rate(request, *, group: str, rate: str | None) -> bool:
    """True when this client address has made more than `rate` requests to `group`
    (django-ratelimit's "count/period"; None: no limit). Counts this request."""
    if not rate:
        return False
    return is_ratelimited(
        request,
        group=group,
        key=lambda _group, req: client_address(req) or "unknown",
        rate=rate,
        method=ALL,
        increment=True,
    )
