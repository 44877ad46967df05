from django.apps import AppConfig


class SharingConfig(AppConfig):
    """Read-only share links: a canvas (and one pinned assessment) for people without an account."""

    name = "sharing"
    verbose_name = "Share links"
