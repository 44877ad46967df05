"""The one way the project makes PDFs: a Django template rendered by WeasyPrint.

Every PDF (persona cards, the printed self-assessment, the printable canvas)
goes through `render_pdf`, so every PDF gets the same safe URL fetcher:

- `file:` URLs are served only when they point inside the project's static
  files (`{% static %}` paths resolve to them); anything else on disk is refused;
- `http:`, `https:` and every other scheme are refused, so nothing is fetched
  over the network and no redirect can ever be followed;
- `data:` URLs are accepted up to `MAX_DATA_URL_BYTES`.

User text reaches WeasyPrint only through Django's auto-escaping templates.

`pdf_download` is what views use: it renders the template to HTML (cheap),
names that HTML by a hash (the ETag), answers 304 when the browser already has
it, and otherwise serves the PDF from Django's cache, rendering it (the
expensive part) only for content it has never seen, and caching it only if
it is no bigger than `MAX_CACHED_PDF_BYTES`.
"""

import base64
import contextlib
import hashlib
import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpResponse, HttpResponseNotModified
from django.template.loader import render_to_string
from django.utils.http import parse_etags

# WeasyPrint logs every rendering step at INFO; keep the logs for what matters.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

from weasyprint import HTML  # noqa: E402
from weasyprint import __version__ as weasyprint_version  # noqa: E402
from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: E402

logger = logging.getLogger(__name__)

MAX_DATA_URL_BYTES = 256 * 1024
# Relative and root-relative URLs in templates resolve against this base, so
# "/static/css/print.css" becomes "file:///static/css/print.css" and is looked
# up among the static files rather than read from /static on disk.
BASE_URL = "file:///"
# Rendered PDFs are kept this long in Django's cache (CACHE_URL; Redis in production).
PDF_CACHE_SECONDS = 60 * 60 * 24 * 7
# Bigger PDFs are rendered each time rather than cached, so that a worker's
# local-memory cache (MAX_ENTRIES of them, config/settings.py) stays small
# whatever people print: the self-assessment with 60 notes is about 50 KB.
# The ETag still spares the browser a second download of an unchanged one.
MAX_CACHED_PDF_BYTES = 512 * 1024
# Bump when the renderer's output changes for the same HTML (fetcher, options).
RENDERER_REVISION = "1"


class RefusedURL(ValueError):
    """The PDF asked for something outside the project's static files."""


def static_roots() -> list[Path]:
    """Every directory static files may be served from, resolved."""
    roots = [Path(root) for root in getattr(settings, "STATICFILES_DIRS", [])]
    roots = [Path(root[1]) if isinstance(root, tuple | list) else root for root in roots]
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location:
                roots.append(Path(location))
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    return [root.resolve() for root in roots]


def _inside(path: Path, roots: list[Path]) -> bool:
    return any(path == root or path.is_relative_to(root) for root in roots)


def _static_prefix() -> str:
    """The path part of STATIC_URL, e.g. "/static/"."""
    prefix = urlsplit(settings.STATIC_URL).path
    return "/" + prefix.strip("/") + "/"


def resolve_static_path(url: str) -> Path:
    """The file a `file:` URL stands for, if it is one of the project's static files.

    Raises RefusedURL for anything else: paths outside the static directories
    (including through `..` or symlinks), missing files, directories.
    """
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        raise RefusedURL(f"Refusing a file URL on another host: {url}")
    path = unquote(parts.path)
    roots = static_roots()
    candidates: list[Path] = []
    prefix = _static_prefix()
    if path.startswith(prefix):
        relative = path[len(prefix) :]
        try:
            found = finders.find(relative)
        except SuspiciousFileOperation as error:
            raise RefusedURL(f"Refusing a path that leaves the static files: {url}") from error
        if found:
            candidates.append(Path(found))
        if settings.STATIC_ROOT:
            with contextlib.suppress(SuspiciousFileOperation, NotImplementedError):
                candidates.append(Path(staticfiles_storage.path(relative)))
    candidates.append(Path(url2pathname(path)))
    for candidate in candidates:
        resolved = candidate.resolve()
        if _inside(resolved, roots) and resolved.is_file():
            return resolved
    raise RefusedURL(f"Refusing a file outside the project's static files: {url}")


def decode_data_url(url: str) -> tuple[bytes, str]:
    """The bytes and media type of a small `data:` URL; RefusedURL if it is too big or broken."""
    # Base64 grows data by a third: refuse before decoding anything large.
    if len(url) > MAX_DATA_URL_BYTES * 4 // 3 + 1024:
        raise RefusedURL(f"Refusing a data URL over {MAX_DATA_URL_BYTES // 1024} KB.")
    header, sep, payload = url[len("data:") :].partition(",")
    if not sep:
        raise RefusedURL("Refusing a malformed data URL.")
    media_type, *params = header.split(";")
    try:
        if "base64" in params:
            body = base64.b64decode(payload, validate=False)
        else:
            body = unquote(payload).encode()
    except ValueError as error:
        raise RefusedURL("Refusing a malformed data URL.") from error
    if len(body) > MAX_DATA_URL_BYTES:
        raise RefusedURL(f"Refusing a data URL over {MAX_DATA_URL_BYTES // 1024} KB.")
    return body, media_type or "text/plain"


class StaticFilesFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves only static files and small data URLs."""

    def __init__(self):
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False, timeout=1)

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            body, media_type = decode_data_url(url)
            return URLFetcherResponse(url, body, {"Content-Type": media_type})
        if scheme == "file":
            path = resolve_static_path(url)
            media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                path.as_uri(), path.read_bytes(), {"Content-Type": media_type}
            )
        logger.warning("PDF rendering refused %s", url[:200])
        raise RefusedURL(
            f"Refusing to fetch {url[:200]}: PDFs only use the project's static files."
        )

    def open(self, url, data=None, timeout=None):
        # Never fall through to urllib's own openers.
        target = url.full_url if hasattr(url, "full_url") else url
        return self.fetch(target)


_fetcher: StaticFilesFetcher | None = None


def _shared_fetcher() -> StaticFilesFetcher:
    # Building a fetcher sets up an SSL context (about 20 ms) that ours never uses:
    # build it once. It keeps no state between fetches.
    global _fetcher
    if _fetcher is None:
        _fetcher = StaticFilesFetcher()
    return _fetcher


def render_html_to_pdf(html: str) -> bytes:
    """PDF bytes for an HTML string, fetching only static files."""
    return HTML(string=html, base_url=BASE_URL, url_fetcher=_shared_fetcher()).write_pdf()


def render_pdf(template_name: str, context: dict, *, request=None) -> bytes:
    """Render a Django template (auto-escaped, like every page) to PDF bytes."""
    return render_html_to_pdf(render_to_string(template_name, context, request=request))


def _print_css_digest() -> str:
    """A hash of the print stylesheet, so a changed stylesheet never serves an old PDF."""
    try:
        css = resolve_static_path("file:///static/css/print.css").read_bytes()
    except RefusedURL:
        return "no-print-css"
    return hashlib.sha256(css).hexdigest()


def content_etag(html: str) -> str:
    """A strong ETag naming the PDF this HTML prints as: same HTML, same PDF."""
    digest = hashlib.sha256()
    for part in (RENDERER_REVISION, weasyprint_version, _print_css_digest(), html):
        digest.update(part.encode())
        digest.update(b"\0")
    return f'"{digest.hexdigest()[:40]}"'


def cached_pdf(html: str, *, etag: str | None = None) -> bytes:
    """The PDF for this HTML from Django's cache, rendered and stored on a miss.

    PDFs over `MAX_CACHED_PDF_BYTES` are not stored.
    """
    key = f"pdf:{(etag or content_etag(html)).strip(chr(34))}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_html_to_pdf(html)
        if len(pdf) <= MAX_CACHED_PDF_BYTES:
            cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf


def _browser_has(request, etag: str) -> bool:
    """True when the request's If-None-Match names this ETag (weak comparison, as RFC 9110 says)."""
    known = parse_etags(request.headers.get("If-None-Match", ""))
    return "*" in known or etag in {tag.removeprefix("W/") for tag in known}


def pdf_download(
    request, template_name: str, context: dict, *, filename: str, inline: bool = False
) -> HttpResponse:
    """A view's PDF answer: 304 when the browser's copy is current, else the (cached) PDF.

    The template is rendered without the request, so the HTML (and its ETag)
    depends only on the content. Call it after the access checks: the ETag
    names content, not who may see it. Responses are private to the browser
    and revalidated each time (`no-cache`), so access is checked on every
    request.
    """
    html = render_to_string(template_name, context)
    etag = content_etag(html)
    headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
    if _browser_has(request, etag):
        response = HttpResponseNotModified()
    else:
        response = pdf_response(cached_pdf(html, etag=etag), filename=filename, inline=inline)
    for name, value in headers.items():
        response[name] = value
    return response


def pdf_response(pdf: bytes, *, filename: str, inline: bool = False) -> HttpResponse:
    """An HTTP response that downloads (or, inline, displays) a PDF."""
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Content-Length"] = str(len(pdf))
    return response
