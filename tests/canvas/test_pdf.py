"""The shared PDF renderer: its URL fetcher serves static files and refuses everything else."""

import base64
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.urls import reverse
from weasyprint.urls import URLFetcher

from core.pdf import (
    MAX_CACHED_PDF_BYTES,
    MAX_DATA_URL_BYTES,
    RefusedURL,
    StaticFilesFetcher,
    cached_pdf,
    content_etag,
    pdf_response,
    render_html_to_pdf,
    render_pdf,
)
from tests.pdf_support import counting_renders, page_sizes, pdf_pages, pdf_text

PRINT_CSS = Path(settings.BASE_DIR) / "static" / "css" / "print.css"


@pytest.fixture
def fetcher():
    return StaticFilesFetcher()


@pytest.fixture
def secret_css(tmp_path):
    """A stylesheet outside the static files that would print a marker if it were read."""
    path = tmp_path / "secret.css"
    path.write_text('body::after { content: "LEAKED-SECRET"; }')
    return path


@pytest.fixture
def local_server():
    """An HTTP server on localhost that records every request.

    `/hop` redirects to `/landed` on the same server, which answers a stylesheet;
    anything else redirects to a static file.
    """
    requests = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            if self.path == "/landed":
                body = b"p { color: red }"
                self.send_response(200)
                self.send_header("Content-Type", "text/css")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            self.send_response(302)
            self.send_header(
                "Location", "/landed" if self.path == "/hop" else "file:///static/css/print.css"
            )
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield SimpleNamespace(url=f"http://127.0.0.1:{server.server_port}", requests=requests)
    server.shutdown()
    server.server_close()


def test_static_files_are_served_by_their_static_url(fetcher):
    response = fetcher.fetch("file:///static/css/print.css")
    assert response.read() == PRINT_CSS.read_bytes()
    assert response.content_type == "text/css"


def test_a_static_file_by_its_real_path_is_served(fetcher):
    assert fetcher.fetch(PRINT_CSS.resolve().as_uri()).read() == PRINT_CSS.read_bytes()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///static/../../../../etc/passwd",
        "file:///static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "file:///static/css/",  # a directory
        "file:///static/css/missing.css",
        "file://otherhost/static/css/print.css",
    ],
)
def test_file_urls_outside_static_are_refused(fetcher, url):
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)


def test_project_files_next_to_static_are_refused(fetcher):
    settings_file = Path(settings.BASE_DIR) / "config" / "settings.py"
    with pytest.raises(RefusedURL):
        fetcher.fetch(settings_file.as_uri())
    with pytest.raises(RefusedURL):
        fetcher.fetch("file:///static/../config/settings.py")


def test_a_symlink_out_of_static_is_refused(fetcher, tmp_path, secret_css, settings):
    static_dir = tmp_path / "static"
    static_dir.mkdir()
    (static_dir / "innocent.css").symlink_to(secret_css)
    settings.STATICFILES_DIRS = [static_dir]
    with pytest.raises(RefusedURL):
        fetcher.fetch("file:///static/innocent.css")
    with pytest.raises(RefusedURL):
        fetcher.fetch((static_dir / "innocent.css").as_uri())


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x.css",
        "https://example.com/logo.png",
        "ftp://example.com/file",
        "javascript:alert(1)",
        "gopher://example.com/",
    ],
)
def test_other_schemes_are_refused(fetcher, url):
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)


def test_http_and_its_redirects_are_never_requested(fetcher, local_server):
    with pytest.raises(RefusedURL):
        fetcher.fetch(local_server.url + "/style.css")
    html = f'<link rel="stylesheet" href="{local_server.url}/style.css"><img src="{local_server.url}/a.png"><p>Hello</p>'
    assert "Hello" in pdf_text(render_html_to_pdf(html))
    assert local_server.requests == []  # nothing left the process, so no redirect was followed


def test_redirects_are_refused_as_such_not_only_for_their_scheme(fetcher, local_server):
    # WeasyPrint's own fetcher follows a redirect to another local URL...
    assert URLFetcher().fetch(local_server.url + "/hop").read() == b"p { color: red }"
    assert local_server.requests == ["/hop", "/landed"]
    local_server.requests.clear()
    # ...ours has no redirect handler at all, so even the urllib opener beneath
    # it, asked directly for http, stops at the 302 instead of following it.
    assert not any(isinstance(h, urllib.request.HTTPRedirectHandler) for h in fetcher.handlers)
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.OpenerDirector.open(fetcher, local_server.url + "/hop", timeout=2)
    refused.value.close()
    assert refused.value.code == 302
    assert local_server.requests == ["/hop"]  # /landed was never asked for
    # And as WeasyPrint calls it, the fetcher asks for nothing over http at all.
    for fetch in (fetcher.fetch, fetcher.open):
        with pytest.raises(RefusedURL):
            fetch(local_server.url + "/hop")
    assert local_server.requests == ["/hop"]


def test_small_data_urls_are_served_and_large_ones_refused(fetcher):
    small = "data:text/css;base64," + base64.b64encode(b"p { color: red }").decode()
    assert fetcher.fetch(small).read() == b"p { color: red }"
    assert fetcher.fetch("data:,hello%20there").read() == b"hello there"
    large = "data:image/png;base64," + base64.b64encode(b"x" * (MAX_DATA_URL_BYTES + 1)).decode()
    with pytest.raises(RefusedURL):
        fetcher.fetch(large)
    with pytest.raises(RefusedURL):
        fetcher.fetch("data:text/plain;base64")  # no comma: malformed


def test_nothing_outside_static_reaches_the_pdf(secret_css, tmp_path, settings):
    html = f'<link rel="stylesheet" href="{secret_css.as_uri()}"><p>Visible</p>'
    text = pdf_text(render_html_to_pdf(html))
    assert "Visible" in text
    assert "LEAKED-SECRET" not in text
    # The same stylesheet inside the static files is read: the refusal above is the fetcher's doing.
    static_dir = tmp_path / "static"
    static_dir.mkdir()
    (static_dir / "allowed.css").write_text(secret_css.read_text())
    settings.STATICFILES_DIRS = [static_dir]
    html = '<link rel="stylesheet" href="/static/allowed.css"><p>Visible</p>'
    assert "LEAKED-SECRET" in pdf_text(render_html_to_pdf(html))


def test_render_pdf_escapes_user_text_and_prints_the_footer():
    context = {
        "organization": SimpleNamespace(name="<b>Acme</b> & Co"),
        "canvas": SimpleNamespace(title='Plan <img src="file:///etc/passwd">'),
    }
    pdf = render_pdf("pdf/base.html", context)
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "<b>Acme</b> & Co" in text
    assert 'Plan <img src="file:///etc/passwd">' in text
    assert "Page 1 of 1" in text


def test_pdf_response_downloads_with_a_file_name():
    response = pdf_response(b"%PDF-1.7 test", filename="acme-card.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="acme-card.pdf"'
    assert pdf_response(b"%PDF", filename="x.pdf", inline=True)["Content-Disposition"].startswith(
        "inline"
    )


# "Print canvas" ------------------------------------------------------------------------------

A4_LONG, A4_SHORT = 842, 595  # points
A3_LONG = 1191


def print_url(canvas):
    return reverse(
        "canvas_pdf", kwargs={"org_slug": canvas.organization.slug, "canvas_pk": canvas.pk}
    )


def test_a_pdf_is_cached_unless_it_is_too_big(monkeypatch):
    with counting_renders() as renders:
        small = cached_pdf("<p>Small</p>")
        assert cached_pdf("<p>Small</p>") == small
        assert len(renders) == 1
        assert len(small) <= MAX_CACHED_PDF_BYTES
        monkeypatch.setattr("core.pdf.MAX_CACHED_PDF_BYTES", len(small) - 1)
        cached_pdf("<p>Large</p>")
        cached_pdf("<p>Large</p>")
        assert len(renders) == 3  # over the limit: rendered again, never stored
        assert cached_pdf("<p>Small</p>") == small
        assert len(renders) == 3  # still cached


def test_the_etag_names_the_content():
    assert content_etag("<p>a</p>") == content_etag("<p>a</p>")
    assert content_etag("<p>a</p>") != content_etag("<p>b</p>")
    assert content_etag("<p>a</p>").startswith('"')


@pytest.mark.parametrize("role", ["owner", "editor", "viewer"])
def test_every_member_may_print_the_canvas(client_for, users, canvas, role):
    canvas.add_note(area="value_proposition", text="Faster onboarding in stores", by=users["owner"])
    response = client_for(users[role]).get(print_url(canvas))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="acme-learning-canvas-acme-academy-' in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert "Acme Academy" in text
    assert "Faster onboarding in stores" in text
    assert "Acme Learning · Acme Academy" in text  # the footer
    width, height = page_sizes(response.content)[0]
    assert (round(width), round(height)) == (A4_LONG, A4_SHORT)


def test_an_outsider_cannot_print_the_canvas(client_for, outsider, canvas):
    assert client_for(outsider).get(print_url(canvas)).status_code == 404


def test_anonymous_people_must_log_in_to_print(client_for, canvas):
    response = client_for(None).get(print_url(canvas))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a3_is_printed_when_chosen(client_for, owner, canvas):
    client = client_for(owner)
    a3 = client.get(print_url(canvas), {"size": "a3"})
    width, height = page_sizes(a3.content)[0]
    assert round(width) == A3_LONG
    assert width > height
    unknown = client.get(print_url(canvas), {"size": "poster-9000"})
    assert round(page_sizes(unknown.content)[0][0]) == A4_LONG


def test_many_notes_in_one_area_are_all_printed_with_every_area_on_every_sheet(
    client_for, owner, make_canvas
):
    canvas = make_canvas("Busy canvas", notes_per_area=0)
    for n in range(40):
        canvas.add_note(
            area="products_services", text=f"Offering number {n} " + "words " * 20, by=owner
        )
    pdf = client_for(owner).get(print_url(canvas)).content
    pages = pdf_pages(pdf)
    text = " ".join(pages)
    for n in range(40):
        assert f"Offering number {n} " in text  # every note printed, none cut off
    for page in pages:  # never a page of one area: the whole board on each sheet
        assert "PRODUCTS & SERVICES" in page.upper()
        assert "VALUE PROPOSITION" in page.upper()
        assert "INVESTMENT & RETURN" in page.upper()
