"""Where a request comes from."""

import ipaddress

from django.conf import settings


def client_address(request) -> str | None:
    """The client's IP address, as login throttling (django-axes) and the stakeholder
    pulse's rate limit count it: the one place that reads it.

    Without a proxy it is the connection's address (`REMOTE_ADDR`). With
    `BEHIND_TLS_PROXY` on, our one TLS proxy appends the address it saw to
    `X-Forwarded-For`, so the right-most entry is the one to trust: anything to
    its left was sent by the client and may be invented. The header is never
    read when the setting is off, since then anyone could write it.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    if not settings.BEHIND_TLS_PROXY:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    last = forwarded.rsplit(",", 1)[-1].strip()
    try:
        return str(ipaddress.ip_address(last))
    except ValueError:
        return remote
