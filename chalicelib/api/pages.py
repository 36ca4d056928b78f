"""Pages for people: what a phone shows when it opens a QR code or a tracking link.

The QR code on a signed letter and the link in a sender's email or SMS open the same URLs as the API. A browser
asks for `text/html` and gets a small page in Indonesian; every other client keeps getting JSON. The pages are
built from the very dictionaries the API answers (so they show nothing the JSON does not), escape every value,
and carry no scripts and no external resources.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Any

from chalice import Response

from chalicelib.domain.timefmt import WITA, indonesian_date

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f6f8;color:#1c2733}
main{max-width:34rem;margin:0 auto;padding:1.5rem 1rem}
h1{font-size:1.25rem;margin:.2rem 0 1rem}
.card{background:#fff;border-radius:.6rem;padding:1rem 1.2rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}
.badge{display:inline-block;padding:.35rem .7rem;border-radius:.4rem;font-weight:600}
.ok{background:#e3f6e8;color:#15602b}.bad{background:#fde7e7;color:#8a1c1c}.info{background:#e8eef9;color:#1e3f7a}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.35rem .9rem;margin:1rem 0 0}
dt{color:#5b6b7b}dd{margin:0;overflow-wrap:anywhere}
ol{padding-left:1.2rem}li{margin:.5rem 0}small{color:#5b6b7b}
footer{margin-top:1rem;font-size:.85rem;color:#5b6b7b}
"""


def wants_html(accept: str | None) -> bool:
    """True when the client prefers an HTML page to JSON (a browser), by the Accept header's order and q-values."""
    best_html = best_json = -1.0
    for position, part in enumerate((accept or "").split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        score = quality - position / 1000  # earlier wins among equals
        if media in ("text/html", "application/xhtml+xml"):
            best_html = max(best_html, score)
        elif media in ("application/json", "*/*", "application/*"):
            best_json = max(best_json, score)
    return best_html > 0 and best_html > best_json


def _page(title: str, content: str, status: int) -> Response:
    html = (f'<!doctype html><html lang="id"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f'<meta name="robots" content="noindex"><title>{escape(title)} · Kantor Virtual</title>'
            f'<style>{_STYLE}</style></head><body><main>{content}'
            f'<footer>Kantor Virtual · layanan persuratan elektronik pemerintah daerah</footer></main></body></html>')
    return Response(body=html, status_code=status, headers={"Content-Type": "text/html; charset=utf-8",
                                                            "Cache-Control": "no-store",
                                                            "Content-Security-Policy": "default-src 'none'; "
                                                            "style-src 'unsafe-inline'"})


def _when(value: str | None) -> str:
    """An ISO timestamp as '29 November 2026 14.05 WITA' (Bali time)."""
    if not value:
        return "-"
    try:
        moment = datetime.fromisoformat(value).astimezone(WITA)
    except ValueError:
        return escape(value)
    return f"{indonesian_date(moment)} {moment:%H.%M} WITA"


def _rows(rows: list[tuple[str, Any]]) -> str:
    return "<dl>" + "".join(f"<dt>{escape(k)}</dt><dd>{escape(str(v))}</dd>" for k, v in rows
                            if v not in (None, "")) + "</dl>"


def verification_page(shown: dict[str, Any]) -> Response:
    """The page a phone shows after scanning the QR code of a signed letter."""
    if shown["valid"]:
        verdict = '<span class="badge ok">✓ Dokumen sah</span>'
        explain = ("Surat ini ditandatangani secara elektronik dan isinya tidak berubah sejak ditandatangani. "
                   "Bandingkan nomor, tanggal dan hal di bawah dengan surat yang Anda pegang.")
    else:
        verdict = '<span class="badge bad">✗ Dokumen tidak dapat dipastikan keasliannya</span>'
        explain = ("Tanda tangan elektronik atau isi catatan surat ini tidak cocok. Jangan mengandalkan surat ini; "
                   "hubungi instansi penerbit.")
    signer = shown.get("signer") or {}
    title = signer.get("title")
    if title and signer.get("on_behalf_of"):
        title = f"a.n. {signer['on_behalf_of']}, {title}"
    rows = [("Nomor", shown.get("number")), ("Tanggal", shown.get("date")), ("Instansi", shown.get("org_name")),
            ("Hal", shown.get("subject")), ("Penandatangan", title), ("Nama", signer.get("name")),
            ("Ditandatangani", _when(shown.get("signed_at")))]
    rows.append(("Jenis tanda tangan", shown.get("signature_label")))
    certified = shown.get("certified") or {}
    if certified:
        rows += [("Nama pada sertifikat", certified.get("signer_name")),
                 ("Subjek sertifikat", certified.get("certificate_subject")),
                 ("Penerbit sertifikat", certified.get("certificate_issuer")),
                 ("Waktu penandatanganan (TSA)", _when(certified.get("signed_at"))),
                 ("Dokumen sejak ditandatangani", "tidak berubah" if certified.get("unchanged") else "BERUBAH"),
                 ("Sertifikat tepercaya", "ya" if certified.get("trusted") else "TIDAK")]
    note = ("<p><small>Surat bersifat terbatas: isi dan penandatangan tidak ditampilkan.</small></p>"
            if shown.get("restricted") else "")
    content = (f'<h1>Verifikasi surat elektronik</h1><div class="card">{verdict}<p>{escape(explain)}</p>'
               f'{_rows(rows)}{note}</div>')
    return _page("Verifikasi surat", content, 200)


def tracking_page(tracked: dict[str, Any]) -> Response:
    """The page the link in a sender's email or SMS opens."""
    kind = "Proposal" if tracked.get("kind") == "proposal" else "Surat"
    steps = "".join(
        f"<li><strong>{escape(e['label'])}</strong><br><small>{_when(e.get('at'))}</small>"
        + (f"<br>Unit: {escape(e['unit'])}" if e.get("unit") else "")
        + (f"<br>Keterangan: {escape(e['reason'])}" if e.get("reason") else "") + "</li>"
        for e in tracked.get("timeline", []))
    latest = tracked["timeline"][-1]["label"] if tracked.get("timeline") else tracked.get("status", "")
    rows = [("Kode lacak", tracked.get("code")), ("Jenis", kind), ("Tujuan", tracked.get("org_name")),
            ("Dikirim", _when(tracked.get("submitted_at"))), ("Diperbarui", _when(tracked.get("updated_at")))]
    reply = tracked.get("reply")
    if reply:
        rows += [("Surat balasan", reply.get("number")), ("Tanggal balasan", reply.get("date"))]
    note = ("<p><small>Surat balasan telah dikirim ke email Anda (bila ada) dan dapat diunduh dengan kode lacak "
            "dan kode rahasia pengajuan.</small></p>" if reply else "")
    content = (f'<h1>Status pengajuan</h1><div class="card"><span class="badge info">{escape(latest)}</span>'
               f'{_rows(rows)}{note}<h2 style="font-size:1rem;margin-top:1.2rem">Riwayat</h2><ol>{steps}</ol>'
               f'</div>')
    return _page("Status pengajuan", content, 200)


def not_found_page(what: str) -> Response:
    """The same answer for every unknown code, as the JSON 404 is."""
    messages = {"verify": ("Verifikasi surat elektronik",
                           "Kode verifikasi tidak dikenal. Periksa kembali kode pada surat, atau hubungi instansi "
                           "penerbit: surat dengan kode yang tidak dikenal tidak dapat dianggap sah."),
                "track": ("Status pengajuan", "Kode lacak tidak dikenal. Periksa kembali kode yang Anda terima "
                          "lewat email atau SMS (contoh: KV-7Q4M-92XD).")}
    title, text = messages[what]
    return _page(title, f'<h1>{escape(title)}</h1><div class="card"><span class="badge bad">Tidak ditemukan</span>'
                        f'<p>{escape(text)}</p></div>', 404)
