from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    """Indicators: a small dynamic business scorecard of drivers and results on a canvas."""

    name = "indicators"
    verbose_name = "Indicators"
