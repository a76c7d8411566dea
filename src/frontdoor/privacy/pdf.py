"""HTML to PDF with xhtml2pdf (as governance does): pure Python, no system libraries."""

from __future__ import annotations

import io


class PdfError(RuntimeError):
    """xhtml2pdf could not lay the page out."""


def render(html: str) -> bytes:
    # Imported here: xhtml2pdf brings ReportLab, which every process need not load.
    from xhtml2pdf import pisa

    out = io.BytesIO()
    result = pisa.CreatePDF(html, dest=out, encoding="utf-8")
    if result.err:
        raise PdfError(f"xhtml2pdf reported {result.err} error(s)")
    return out.getvalue()
