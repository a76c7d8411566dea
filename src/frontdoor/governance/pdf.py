"""HTML to PDF for the board's papers, with xhtml2pdf: pure Python, no system libraries."""

from __future__ import annotations

import io


class PdfError(RuntimeError):
    """xhtml2pdf could not lay the page out."""


def render(html: str) -> bytes:
    # Imported here, not at the top: xhtml2pdf brings ReportLab, html5lib and svglib, which
    # every web and worker process would otherwise load at start-up for a rare download.
    from xhtml2pdf import pisa

    out = io.BytesIO()
    result = pisa.CreatePDF(html, dest=out, encoding="utf-8")
    if result.err:
        raise PdfError(f"xhtml2pdf reported {result.err} error(s)")
    return out.getvalue()
