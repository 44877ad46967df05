from django.apps import AppConfig


class PulseConfig(AppConfig):
    """The stakeholder pulse: a short anonymous survey of how the business sees L&D."""

    name = "pulse"
    verbose_name = "Stakeholder pulse"
