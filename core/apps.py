from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Machinery every app shares (no models of its own): versioned saves and the edit
    protocol, ordering, copying, undo, htmx responses, PDFs, number and money formats."""

    name = "core"
    verbose_name = "Core"
