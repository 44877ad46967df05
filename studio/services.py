"""Workflows that write to several domain apps at once, each in one transaction."""

from django.db import transaction

from canvas.models import Canvas
from core.retry import retry_on_conflict
from customers.services import copy_customers
from indicators.services import copy_indicators
from investment.services import copy_investment


@retry_on_conflict
@transaction.atomic
def duplicate_canvas(*, canvas: Canvas, by) -> Canvas:
    """A copy of the canvas with its notes, customer segments (personas, journeys),
    investment & return and indicators (readings, links); assessments stay with the
    original.

    Raises Canvas.DoesNotExist if the canvas went to the trash (or was deleted) meanwhile:
    a canvas in the trash is never copied."""
    if not Canvas.objects.select_for_update().filter(pk=canvas.pk).exists():
        raise Canvas.DoesNotExist("The canvas is in the trash.")
    copy = canvas.duplicate(by=by)
    copy_customers(source=canvas, to=copy, by=by)
    copy_investment(source=canvas, to=copy, by=by)
    copy_indicators(source=canvas, to=copy, by=by)
    return copy
