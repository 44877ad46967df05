"""htmx answers every app gives the same way.

The rule for status codes lives in templates/base.html's `htmx-config`: 422
(invalid input) and 409 (edit conflict, or the record was deleted) carry the
fragment to swap, with what the user typed; other errors leave the page as it
is. A message that isn't about one fragment goes to the page's message area.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse


def retarget(response: HttpResponse, target: str, swap: str = "outerHTML") -> HttpResponse:
    """Swap the answer into `target` instead of where the request came from."""
    response["HX-Retarget"] = target
    response["HX-Reswap"] = swap
    return response


@dataclass(frozen=True)
class Flash:
    """A message shown in the page's message area (`base.html#flash`)."""

    text: str
    tags: str = "info"

    def __str__(self) -> str:
        return self.text


def flash(request, text: str, *, level: str = "info", status: int = 200) -> TemplateResponse:
    """An htmx answer that adds a message to the page's message area, changing nothing else."""
    response = TemplateResponse(
        request, "base.html#flash", {"message": Flash(text, level)}, status=status
    )
    return retarget(response, "#messages", "beforeend")


LEVELS = {"info": messages.INFO, "success": messages.SUCCESS, "warning": messages.WARNING}
LEVELS["error"] = messages.ERROR


def tell(request, text: str, *, to: str, level: str = "info", status: int = 200) -> HttpResponse:
    """Say something without changing the page: a flash for htmx, else a message and a
    redirect to `to` (a URL)."""
    if request.htmx:
        return flash(request, text, level=level, status=status)
    messages.add_message(request, LEVELS[level], text)
    return redirect(to)
