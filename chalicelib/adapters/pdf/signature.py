"""The signature block: a.n./u.b. lines, the signatory's title, the QR code to the verification page, name
and NIP; and where a certified signature shows its visible block.
"""

from __future__ import annotations

import io
from typing import Any

from chalicelib.adapters.pdf.fonts import SANS, clean
from chalicelib.domain.document import LetterDocument
from chalicelib.domain.signatures import SignatureBox


def qr_png(payload: str) -> bytes:
    """A QR code (error correction M) as PNG bytes."""
    import segno

    buffer = io.BytesIO()
    segno.make(payload, error="m", micro=False).save(buffer, kind="png", scale=4, border=2)
    return buffer.getvalue()


def draw_signature(pdf: Any, doc: LetterDocument, width: float) -> SignatureBox:
    """The signature block in the right half; returns the space beside the QR code, under its caption, where a
    certified signature shows its visible block.
    """
    if pdf.get_y() > pdf.h - 90:
        pdf.add_page()
    block_x = pdf.l_margin + width / 2
    block_w = width / 2
    lines = [f"a.n. {doc.on_behalf_of}"] if doc.on_behalf_of else []
    if doc.on_behalf_of and doc.by_order_of:  # "a.n. Kepala Dinas / Kepala Bidang … / u.b. / Kepala Seksi …,"
        lines += [doc.by_order_of, "u.b."]
    for line in [*lines, f"{doc.signer_title},"]:
        pdf.set_x(block_x)
        pdf.multi_cell(block_w, 6, clean(line), align="L", new_x="LMARGIN", new_y="NEXT")
    qr_y = pdf.get_y() + 1
    pdf.image(io.BytesIO(qr_png(doc.verification_url)), x=block_x, y=qr_y, w=24, h=24, link=doc.verification_url)
    pdf.set_xy(block_x + 26, qr_y + 6)
    pdf.set_font(SANS, "I", 8)
    pdf.multi_cell(block_w - 26, 4, "Ditandatangani secara elektronik", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(qr_y + 26)
    pdf.set_font(SANS, "BU", 11)
    pdf.set_x(block_x)
    pdf.multi_cell(block_w, 6, clean(doc.signer_name), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(SANS, "", 11)
    if doc.signer_nip:
        pdf.set_x(block_x)
        pdf.cell(block_w, 6, f"NIP {doc.signer_nip}", new_x="LMARGIN", new_y="NEXT")
    return _points_box(pdf, x=block_x + 26, y=qr_y + 10, w=block_w - 26, h=14)


def _points_box(pdf: Any, *, x: float, y: float, w: float, h: float) -> SignatureBox:
    """A rectangle of the current page given in mm from the top left, in PDF points from the bottom left."""
    scale = pdf.k  # points per mm
    return SignatureBox(page=pdf.page, x=round(x * scale, 2), y=round((pdf.h - y - h) * scale, 2),
                        width=round(w * scale, 2), height=round(h * scale, 2))
