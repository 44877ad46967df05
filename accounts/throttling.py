"""What django-axes counts failed logins under (settings.AXES_USERNAME_CALLABLE)."""

# A username is at most 150 characters (Django's user model); axes keeps 255.
USERNAME_LIMIT = 150


def attempted_username(request, credentials=None) -> str | None:
    """The username a login attempt typed, as axes stores it: cut to what a username can
    be and without NUL characters, so a hostile 100,000-character or binary "username"
    is counted like any other wrong one instead of failing the database write."""
    source = credentials if credentials else getattr(request, "data", request.POST)
    username = source.get("username")
    if username is None:
        return None
    return str(username).replace("\x00", "")[:USERNAME_LIMIT]
