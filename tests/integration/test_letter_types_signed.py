"""Every type of the catalogue drafted, approved and signed through the HTTP API with the approval state machine
executing (one stack for the module, one letter per type, the shortest chain: a Kabid drafts, the Kadis approves and
signs); each signed PDF shows its type's required parts in order, and is rendered to
build/screenshots/letter-types/<code>.png for review.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import MOTO_CONFIG, ROOT, TEST_ENV, Api
from tests.integration.archive_flow import pdf_of, pdf_text
from tests.integration.letters_flow import await_step, letter_body
from tests.letter_type_samples import SAMPLES
from tests.support import wait_until

DRAFTER, SIGNER = "kabid.aptika", "kadis.kominfo"
SCREENSHOTS = ROOT / "build" / "screenshots" / "letter-types"
# What a reader of each type looks for, in the order the annex prints it.
REQUIRED: dict[str, list[str]] = {
    "surat_dinas": ["Nomor :", "Hal : Permohonan", "Yth.", "Dengan hormat", "Kepala Dinas", "Tembusan:"],
    "nota_dinas": ["NOTA DINAS", "Yth. :", "Dari :", "Tanggal :", "Nomor :", "Hal : Laporan", "Dengan hormat"],
    "memo": ["MEMO", "Yth. :", "Dari :", "Hal : Pengingat", "Mohon hadir"],
    "undangan": ["Hal : Undangan", "Yth.", "hari/tanggal : Senin, 14 Desember 2026",
                 "waktu : pukul 09.00 WITA s.d. selesai", "tempat : Ruang Rapat", "acara : Rapat koordinasi"],
    "surat_edaran": ["Yth.", "SURAT EDARAN", "NOMOR", "TENTANG", "PENGGUNAAN TANDA TANGAN ELEKTRONIK",
                     "A. Dasar", "B. Isi Edaran", "Ditetapkan di : Denpasar"],
    "surat_tugas": ["SURAT TUGAS", "NOMOR", "Dasar : 1.", "MENUGASKAN:", "Kepada :", "NIP 198503102010011002",
                    "Penata (III/c)", "Untuk : 1.", "14 Desember 2026 s.d. 16 Desember 2026"],
    "surat_perintah": ["SURAT PERINTAH", "Dasar : 1.", "MEMERINTAHKAN:", "Kepada :", "Untuk : 1."],
    "surat_keputusan": ["KEPUTUSAN KEPALA DINAS", "NOMOR", "TENTANG", "TIM PENGELOLA KANTOR VIRTUAL",
                        "DENGAN RAHMAT TUHAN YANG MAHA ESA", "Menimbang : a.", "Mengingat : 1.", "MEMUTUSKAN:",
                        "Menetapkan :", "KESATU :", "KEDUA :", "KETIGA :", "Ditetapkan di : Denpasar",
                        "pada tanggal :"],
    "rancangan_peraturan": ["RANCANGAN", "PERATURAN GUBERNUR BALI", "TENTANG", "GUBERNUR BALI,", "Menimbang",
                            "Mengingat", "MEMUTUSKAN:", "Pasal 1", "Pasal 2", "Ditetapkan di"],
    "instruksi": ["INSTRUKSI KEPALA DINAS", "NOMOR", "TENTANG", "Dalam rangka", "Kepada : 1.", "Untuk :",
                  "KESATU :", "KEDUA :", "Ditetapkan di"],
    "sop": ["STANDAR OPERASIONAL PROSEDUR", "NOMOR", "Nama SOP :", "A. Dasar Hukum", "B. Kualifikasi Pelaksana",
            "Kegiatan Pelaksana", "Menyusun konsep naskah", "Ditetapkan di"],
    "surat_pengantar": ["SURAT PENGANTAR", "NOMOR", "Yth.", "Naskah Dinas yang Dikirimkan", "Salinan kontrak",
                        "Diterima tanggal", "Penerima,"],
    "perjanjian": ["PERJANJIAN KERJA SAMA", "NOMOR", "TENTANG", "Pada hari ini", "selanjutnya disebut PIHAK KESATU",
                   "selanjutnya disebut PIHAK KEDUA", "Pasal 1", "Ruang Lingkup", "Pasal 2", "PIHAK KEDUA,",
                   "PIHAK KESATU,"],
    "surat_kuasa": ["SURAT KUASA", "NOMOR", "Yang bertanda tangan di bawah ini:", "Memberi kuasa kepada:",
                    "Untuk :", "Penerima Kuasa,", "Pemberi Kuasa,"],
    "berita_acara": ["BERITA ACARA", "NOMOR", "TENTANG", "Pada hari ini Senin, 30 November 2026",
                     "Ruang Server", "menyatakan sebagai berikut:", "Saksi-saksi:", "Demikian berita acara"],
    "surat_keterangan": ["SURAT KETERANGAN", "NOMOR", "Yang bertanda tangan di bawah ini:",
                         "dengan ini menerangkan bahwa:", "I Made Sudarsana", "benar pegawai aktif"],
    "pengumuman": ["PENGUMUMAN", "NOMOR", "TENTANG", "PEMELIHARAAN SISTEM", "Diberitahukan bahwa"],
    "notula": ["NOTULA", "TENTANG", "Hari/tanggal : Kamis, 3 Desember 2026", "Pimpinan rapat :", "Peserta : 1.",
               "A. Acara", "B. Pembahasan", "C. Keputusan"],
    "laporan": ["LAPORAN", "TENTANG", "A. Pendahuluan", "B. Kegiatan yang Dilaksanakan", "C. Hasil yang Dicapai",
                "D. Simpulan", "E. Saran"],
    "telaahan_staf": ["TELAAHAN STAF", "Yth. :", "Dari :", "Hal : Kebutuhan", "A. Persoalan", "B. Praanggapan",
                      "C. Fakta yang Mempengaruhi", "D. Analisis", "E. Simpulan", "F. Saran"],
    "rekomendasi": ["REKOMENDASI", "NOMOR", "TENTANG", "Dasar : 1.", "memberikan rekomendasi kepada:",
                    "Untuk :"],
}


@pytest.fixture(scope="module")
def signed_letters() -> Iterator[dict[str, tuple[dict[str, Any], bytes]]]:
    """One stack for the module: every type drafted and submitted, then each approved by its signatory."""
    from moto import mock_aws

    from app import app
    from chalicelib import bootstrap
    from infra import local_stack
    from infra.local_gateway import ProjectTestClient
    from tests import conftest

    with pytest.MonkeyPatch.context() as env, mock_aws(config=MOTO_CONFIG):
        for key, value in {**TEST_ENV, **local_stack.build(prefix="kv-test")}.items():
            env.setenv(key, value)
        bootstrap.reset()
        _restore_province(conftest)
        with ProjectTestClient(app, stage_name="test", project_dir=str(ROOT)) as client:
            api = Api(client)
            ids = {code: _submitted(api, code) for code in SAMPLES}
            for code, letter_id in ids.items():
                await_step(api, SIGNER, letter_id)
                decided = api.post(f"/letters/{letter_id}/decision", {"decision": "approve"}, as_user=SIGNER)
                assert decided.status_code == 200, (code, decided.body)
            yield {code: _signed(api, letter_id) for code, letter_id in ids.items()}
        bootstrap.reset()


def _restore_province(conftest: Any) -> None:
    """The demo province, restored from the worker's seeded copy (seeded now when this module runs first)."""
    from moto.dynamodb.models import dynamodb_backends

    from chalicelib import bootstrap
    from infra import local_stack, seed

    tables = dynamodb_backends[local_stack.ACCOUNT_ID]["ap-southeast-3"].tables
    name = bootstrap.container().settings.table_name
    if "table" not in conftest._seeded:
        conftest._seeded["users"] = seed.seed(bootstrap.container())
        conftest._seeded["table"] = copy.deepcopy(tables[name])
    else:
        tables[name] = copy.deepcopy(conftest._seeded["table"])


def _submitted(api: Api, code: str) -> str:
    sample = SAMPLES[code]
    body = letter_body(type=code, subject=sample["subject"], body=sample.get("body"), fields=sample["fields"],
                       signatory="KADIS")
    created = api.post("/letters", body, as_user=DRAFTER)
    assert created.status_code == 201, (code, created.body)
    submitted = api.post(f"/letters/{created.json_body['id']}/submit", as_user=DRAFTER)
    assert submitted.status_code == 200, (code, submitted.body)
    return str(created.json_body["id"])


def _signed(api: Api, letter_id: str) -> tuple[dict[str, Any], bytes]:
    def sent() -> dict[str, Any] | None:
        letter: dict[str, Any] = api.get(f"/letters/{letter_id}", as_user=SIGNER).json_body
        return letter if letter["state"] == "sent" else None

    letter = wait_until(sent, message=f"{letter_id} to be sent")
    return letter, pdf_of(api, letter_id, who=SIGNER)


@pytest.mark.parametrize("code", list(SAMPLES))
def test_every_type_is_signed_with_its_fields_and_prints_its_required_parts_in_order(signed_letters, code):
    letter, pdf = signed_letters[code]
    assert letter["type"] == code and letter["number"] and letter["fields"] == SAMPLES[code]["fields"]
    text = pdf_text(pdf)
    positions = []
    for part in REQUIRED[code]:
        start = positions[-1] + 1 if positions else 0
        assert part in text[start:], (code, part, text)
        positions.append(text.index(part, start))
    assert "I Gede Pramana Putra" in text and "NIP 197202151998031005" in text
    _screenshot(code, pdf)


def _screenshot(code: str, pdf: bytes) -> None:
    """The PDF's pages one under the other as one PNG."""
    import pypdfium2
    from PIL import Image

    document = pypdfium2.PdfDocument(io.BytesIO(pdf))
    pages = [document[i].render(scale=1.5).to_pil() for i in range(len(document))]
    sheet = Image.new("RGB", (pages[0].width, sum(p.height for p in pages)), "white")
    for i, page in enumerate(pages):
        sheet.paste(page, (0, sum(p.height for p in pages[:i])))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    sheet.save(SCREENSHOTS / f"{code}.png")
