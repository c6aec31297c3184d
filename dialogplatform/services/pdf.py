"""HTML to PDF with WeasyPrint, for documentation reports on A4.

Reports contain user text, so the renderer fetches nothing from the
network or the disk: charts are data: URIs already, and the stylesheet is
handed over directly.
"""
from pathlib import Path

STYLESHEET = Path(__file__).resolve().parent.parent / "static" / "report.css"


def html_to_pdf(html: str) -> bytes:
    # Imported here: WeasyPrint is slow to import and only reports need it.
    import weasyprint
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"})
    document = weasyprint.HTML(string=html, url_fetcher=fetcher, base_url=".")
    return document.write_pdf(stylesheets=[weasyprint.CSS(filename=str(STYLESHEET))])
