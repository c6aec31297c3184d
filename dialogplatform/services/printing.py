"""Print pieces of the formats (posters, cards) as PDF, with WeasyPrint.

Like the reports, the renderer fetches nothing from the network or the
disk: images are inline (SVG) or data: URIs, the stylesheet is handed over
as text. The page count comes with the file, so a view or a test can hold
a piece to its promise (e.g. a poster is one A4 page).
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class PrintedPdf:
    data: bytes
    pages: int


def pdf(html: str, css: str = "") -> PrintedPdf:
    # Imported here: WeasyPrint is slow to import and only print pieces need it.
    import weasyprint
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"})
    stylesheets = [weasyprint.CSS(string=css, url_fetcher=fetcher)] if css else []
    document = weasyprint.HTML(string=html, url_fetcher=fetcher, base_url=".").render(stylesheets=stylesheets)
    return PrintedPdf(document.write_pdf(), len(document.pages))
