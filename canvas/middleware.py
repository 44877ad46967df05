from django.urls import Resolver404, resolve

from canvas.live import quick_answer
from core.live import TICKET_HEADER


class LiveFeedMiddleware:
    """Answer an open board's "anything new?" before sessions and users are loaded.

    Open boards poll their feed about once a second (canvas/live.py). When the poll's
    ticket holds and nothing changed, the 304 costs no query (shared cache) or one by
    primary key, instead of the session's, the user's and the membership's. Every other
    request, and any poll that may get something, goes on through the usual checks.
    Sits before SessionMiddleware, after the security headers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "GET" and TICKET_HEADER in request.headers:
            try:
                match = resolve(request.path_info)
            except Resolver404:
                match = None
            if match is not None and match.url_name == "board_live":
                response = quick_answer(request, match.kwargs["canvas_pk"])
                if response is not None:
                    return response
        return self.get_response(request)
