"""Who is asking, as far as the network tells: the one place that reads a client's address.

Rate limits (the stakeholder pulse's, for one) key on this address. Today it is
REMOTE_ADDR, the address that connected to us. Behind a proxy that connection is
the proxy's, so when the proxy's forwarded header is trusted, this is the one
function to change.
"""

UNKNOWN = "unknown"


def client_address(request) -> str:
    """The client's network address as a string ("unknown" when the server gives none)."""
    return request.META.get("REMOTE_ADDR") or UNKNOWN
