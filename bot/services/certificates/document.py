"""The certificate as a PDF: A4 landscape, fonts embedded, a QR code to verify it.

Pure CPU work with no database: callers run it in a worker thread (the outbox's content
reader and /sertifikat do), never on the event loop."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import reportlab
import segno
from reportlab.lib.colors import Color, black
from reportlab.lib.utils import ImageReader
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

Label = Callable[..., str]
_FONTS = Path(reportlab.__file__).parent / "fonts"
REGULAR, BOLD = "CertVera", "CertVeraBold"
NAVY = Color(0.07, 0.18, 0.38)
GOLD = Color(0.72, 0.56, 0.18)


@dataclass(frozen=True, slots=True)
class CertificateFacts:
    number: str
    organisation: str  # the issuing body, e.g. "BPSDM Provinsi Sulawesi Selatan"
    holder: str
    nip: str
    program: str
    jp: Decimal
    start: date
    end: date
    organiser: str
    issued: date
    verify_url: str  # the deep link t.me/<bot>?start=cek_<number>


@lru_cache(maxsize=1)
def _register_fonts() -> None:
    # TrueType fonts are embedded (as subsets) in every PDF that uses them: the file
    # prints the same everywhere, whatever fonts the reader's machine has.
    pdfmetrics.registerFont(TTFont(REGULAR, str(_FONTS / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(_FONTS / "VeraBd.ttf")))


def _fit(canvas: Canvas, text: str, font: str, size: float, width: float) -> float:
    """The font size at most `size` at which `text` fits `width`."""
    while size > 8 and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def _qr(canvas: Canvas, data: str, x: float, y: float, side: float) -> None:
    """The QR code as an embedded black-and-white image, 10 pixels a module: sharp when
    printed, and readable back from the file (the tests decode it)."""
    canvas.drawImage(ImageReader(io.BytesIO(qr_png(data))), x, y, side, side)


def certificate_pdf(facts: CertificateFacts, label: Label, fmt_date: Callable[[date], str],
                    fmt_jp: Callable[[Decimal], str]) -> bytes:
    """The certificate's PDF (`label`: catalogue texts in the holder's language)."""
    _register_fonts()
    out = io.BytesIO()
    width, height = landscape(A4)
    canvas = Canvas(out, pagesize=(width, height), pageCompression=1, initialFontName=REGULAR,
                    initialFontSize=12)
    canvas.setTitle(label("cert.pdf.title") + " " + facts.number)
    canvas.setAuthor(facts.organisation)
    canvas.setSubject(facts.program)
    # Frame: a navy border and a thin gold line inside it.
    canvas.setStrokeColor(NAVY)
    canvas.setLineWidth(6)
    canvas.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(1.5)
    canvas.rect(17 * mm, 17 * mm, width - 34 * mm, height - 34 * mm)

    center, text_width = width / 2, width - 70 * mm
    canvas.setFillColor(NAVY)
    canvas.setFont(BOLD, 16)
    canvas.drawCentredString(center, height - 35 * mm, facts.organisation.upper())
    canvas.setFont(BOLD, 34)
    canvas.drawCentredString(center, height - 55 * mm, label("cert.pdf.title").upper())
    canvas.setFillColor(black)
    canvas.setFont(REGULAR, 12)
    canvas.drawCentredString(center, height - 64 * mm, label("cert.pdf.number", number=facts.number))
    canvas.drawCentredString(center, height - 80 * mm, label("cert.pdf.given_to"))
    size = _fit(canvas, facts.holder, BOLD, 28, text_width)
    canvas.setFont(BOLD, size)
    canvas.drawCentredString(center, height - 95 * mm, facts.holder)
    canvas.setFont(REGULAR, 13)
    canvas.drawCentredString(center, height - 104 * mm, label("cert.pdf.nip", nip=facts.nip))
    canvas.drawCentredString(center, height - 118 * mm, label("cert.pdf.completed"))
    size = _fit(canvas, facts.program, BOLD, 18, text_width)
    canvas.setFont(BOLD, size)
    canvas.setFillColor(NAVY)
    canvas.drawCentredString(center, height - 128 * mm, facts.program)
    canvas.setFillColor(black)
    canvas.setFont(REGULAR, 12)
    dates = (fmt_date(facts.start) if facts.start == facts.end
             else f"{fmt_date(facts.start)} – {fmt_date(facts.end)}")
    canvas.drawCentredString(center, height - 138 * mm,
                             label("cert.pdf.when", dates=dates, jp=fmt_jp(facts.jp)))
    canvas.drawCentredString(center, height - 146 * mm,
                             label("cert.pdf.organiser", organiser=facts.organiser))
    # Bottom left: where and when issued; bottom right: the QR code to verify.
    canvas.setFont(REGULAR, 10)
    canvas.drawString(30 * mm, 38 * mm, label("cert.pdf.issued", date=fmt_date(facts.issued)))
    canvas.drawString(30 * mm, 32 * mm, label("cert.pdf.electronic"))
    side = 34 * mm
    _qr(canvas, facts.verify_url, width - 30 * mm - side, 26 * mm, side)
    canvas.setFont(REGULAR, 8)
    canvas.drawRightString(width - 30 * mm, 23 * mm, label("cert.pdf.scan"))
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def qr_png(data: str, scale: int = 10) -> bytes:
    """A QR code as PNG (check-in codes for the projector)."""
    out = io.BytesIO()
    segno.make(data, error="m", micro=False).save(out, kind="png", scale=scale, border=4)
    return out.getvalue()
