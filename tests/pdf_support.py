"""Helpers shared by the PDF tests: read a PDF back, count renders."""

import contextlib
import functools
import hashlib
import io
import os
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pypdfium2 as pdfium
from django.core.cache import cache
from pypdf import PdfReader

import core.pdf


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page, for asserting what is printed where."""
    return list(_page_texts(pdf))


@functools.lru_cache(maxsize=16)
def _page_texts(pdf: bytes) -> tuple[str, ...]:
    # PDFium reads text a hundred times faster than pypdf (whose extraction takes about as
    # long as WeasyPrint's render); many tests read the very same PDF (served from the
    # app's cache), so each one is read once all the same.
    document = pdfium.PdfDocument(pdf)
    try:
        return tuple(
            page.get_textpage().get_text_bounded().replace("\r\n", "\n") for page in document
        )
    finally:
        document.close()


def pdf_text(pdf: bytes) -> str:
    return " ".join(pdf_pages(pdf))


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) of each page in points."""
    return [
        (float(page.mediabox.width), float(page.mediabox.height))
        for page in PdfReader(io.BytesIO(pdf)).pages
    ]


def squash(text: str) -> str:
    """Text without whitespace, case-folded: PDF extraction breaks lines where they wrapped,
    and some labels print in capitals."""
    return "".join(text.split()).casefold()


@contextmanager
def counting_renders():
    """Count real WeasyPrint renders behind `pdf_download`, starting from an empty cache."""
    cache.clear()
    calls = []
    real = core.pdf.render_html_to_pdf

    def counting(html):
        calls.append(html)
        return real(html)

    with mock.patch.object(core.pdf, "render_html_to_pdf", counting):
        yield calls
    cache.clear()


@contextmanager
def stand_in_renders():
    """Skip WeasyPrint where a test asks who gets a PDF, not what it prints: each render
    answers a small stand-in that starts like a PDF and differs with the HTML. The HTML is
    still rendered from its templates; the list collects it, to assert on."""
    htmls = []

    def stand_in(html):
        htmls.append(html)
        return b"%PDF-stand-in " + hashlib.sha256(html.encode()).hexdigest().encode()

    cache.clear()
    with mock.patch.object(core.pdf, "render_html_to_pdf", stand_in):
        yield htmls
    cache.clear()


@contextmanager
def one_render_per_html(*modules, directory: Path | None = None):
    """Render each distinct HTML once: later renders of the same HTML reuse the PDF.

    The app promises as much (same HTML, same PDF: core.pdf.content_etag); a
    benchmark's warm-up and repeat runs need not pay WeasyPrint again in a test.
    `modules` are those that imported `render_html_to_pdf` by name. With a `directory`
    (one per test run, shared by its workers), a PDF one worker rendered serves the
    others too."""
    real = core.pdf.render_html_to_pdf
    rendered = {}

    def from_directory(html):
        path = directory / f"{hashlib.sha256(html.encode()).hexdigest()}.pdf"
        if path.exists():
            return path.read_bytes()
        pdf = real(html)
        partial = path.with_name(f"{path.name}.{os.getpid()}")
        partial.write_bytes(pdf)
        partial.replace(path)  # whole or not at all, for a worker reading it meanwhile
        return pdf

    def once(html):
        if html not in rendered:
            rendered[html] = from_directory(html) if directory else real(html)
        return rendered[html]

    with contextlib.ExitStack() as stack:
        for module in (core.pdf, *modules):
            stack.enter_context(mock.patch.object(module, "render_html_to_pdf", once))
        yield rendered


LONG_WORD = "Unbreakable" * 45 + "Word"  # 499 characters, no space to break at
HOSTILE_TEXTS = {
    "markup": '<script>alert("x")</script><b>bold?</b> <img src="file:///etc/passwd"> & <style>',
    "long_word": LONG_WORD,
    "emoji": "Learners love it 🎓🚀👩🏽‍🏫 ❤️ 10/10",
    "cjk": "学习与发展团队的价值主张：更快上手 日本語のテキスト 한국어 텍스트",
    "rtl": "צוות הלמידה משרת את העסק · فريق التعلم يخدم الأعمال",
}
