"""The app's addresses plus the bare page (config/bench_wsgi.py, `manage.py bench_board`)."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

from canvas.models import Note

BARE = engines["django"].from_string(
    "<!doctype html><html lang=en><title>Notes</title><ul>"
    "{% for note in notes %}<li>{{ note.text }}</li>{% endfor %}</ul></html>"
)


@login_not_required
def bare_notes(request, canvas_pk):
    """A canvas's notes as a plain list: one query, one loop, no login."""
    notes = Note.objects.filter(canvas_id=canvas_pk).order_by("area", "position", "pk")
    return HttpResponse(BARE.render({"notes": notes}, request))


urlpatterns = [
    path("bench/bare/<int:canvas_pk>/", bare_notes, name="bench_bare"),
    path("", include("config.urls")),
]
