"""The pulse's link as a QR code, drawn by segno: SVG for pages and print, PNG for slides.

The SVG carries no style attribute and no script, so it fits a strict Content
Security Policy whether it is inlined or served as an image.
"""

import io

import segno

DARK = "#1f2a33"


def qr_svg(url: str, *, scale: int = 6) -> str:
    """An SVG document (with its own XML declaration left out) of a QR code for `url`."""
    code = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        scale=scale,
        border=2,
        dark=DARK,
        xmldecl=False,
        svgns=True,
        title="QR code of the pulse's link",
        nl=False,
    )
    return out.getvalue().decode()


def qr_png(url: str, *, scale: int = 12) -> bytes:
    code = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    code.save(out, kind="png", scale=scale, border=2, dark=DARK)
    return out.getvalue()
