from django.apps import AppConfig


class StudioConfig(AppConfig):
    """The top layer: pages and workflows that compose every domain app."""

    name = "studio"
    verbose_name = "Studio"
