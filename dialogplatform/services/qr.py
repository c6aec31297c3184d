"""QR codes (segno) for posters and for joining a live session from a phone."""
import segno
from markupsafe import Markup


def qr_svg(data: str, *, scale: int = 8, title: str = "") -> Markup:
    """An inline SVG QR code (no scripts, no styles), dark on white."""
    code = segno.make(data, error="m")
    svg = code.svg_inline(scale=scale, dark="#000", light="#fff", title=title or None, svgclass="qr-code",
                          lineclass=None, omitsize=False)
    return Markup(svg)
