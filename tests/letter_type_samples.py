"""A valid draft of every letter type of the catalogue: the subject, the free text where the type has one and its
fields, as an office would write them (shared by the unit tests of the catalogue and the signing walk).
"""

from __future__ import annotations

from typing import Any

NIPS = ("198503102010011002", "199001152015032004", "197712312005011003")
PEOPLE = [{"nama": "I Made Sudarsana, S.Kom.", "nip": NIPS[0], "pangkat_golongan": "Penata Tingkat I (III/d)",
           "jabatan": "Pranata Komputer Ahli Muda"},
          {"nama": "Ni Luh Putu Ayu Lestari, S.T.", "nip": NIPS[1], "pangkat_golongan": "Penata (III/c)",
           "jabatan": "Analis Sistem Informasi"},
          {"nama": "Komang Ariawan", "jabatan": "Tenaga Pendukung Teknis"}]
DASAR = ["Peraturan Gubernur Bali Nomor 80 Tahun 2018 tentang Pelindungan dan Penggunaan Bahasa, Aksara, dan "
         "Sastra Bali", "Dokumen Pelaksanaan Anggaran Dinas Komunikasi, Informatika dan Statistika Tahun 2026"]
MENIMBANG = ["bahwa untuk mempercepat layanan persuratan perlu dibentuk Tim Pengelola Kantor Virtual;",
             "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan Keputusan "
             "Kepala Dinas tentang Tim Pengelola Kantor Virtual;"]
MENGINGAT = ["Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
             "Peraturan Menteri Dalam Negeri Nomor 1 Tahun 2023 tentang Tata Naskah Dinas di Lingkungan "
             "Pemerintah Daerah;"]

SAMPLES: dict[str, dict[str, Any]] = {
    "surat_dinas": {"subject": "Permohonan dukungan jaringan",
                    "body": "Dengan hormat, bersama ini kami sampaikan permohonan dukungan jaringan.", "fields": {}},
    "nota_dinas": {"subject": "Laporan gangguan server", "body": "Dengan hormat, kami laporkan gangguan server.",
                   "fields": {}},
    "memo": {"subject": "Pengingat rapat", "body": "Mohon hadir tepat waktu pada rapat staf besok.", "fields": {}},
    "undangan": {"subject": "Undangan rapat koordinasi satu data",
                 "body": "Dengan hormat, kami mengundang Bapak/Ibu untuk hadir pada:",
                 "fields": {"hari_tanggal": "2026-12-14", "waktu": {"mulai": "09:00", "selesai": "selesai"},
                            "tempat": "Ruang Rapat Lantai 2 Diskominfos", "acara": "Rapat koordinasi Satu Data Bali",
                            "catatan": "Peserta membawa laptop"}},
    "surat_edaran": {"subject": "Penggunaan tanda tangan elektronik",
                     "body": "Sehubungan dengan penerapan Kantor Virtual, dengan ini disampaikan hal-hal berikut.",
                     "fields": {"dasar": DASAR[:1], "isi": ["Setiap naskah dinas ditandatangani secara elektronik.",
                                                            "Naskah kertas hanya untuk keadaan darurat."]}},
    "surat_tugas": {"subject": "Pendampingan aplikasi di Kabupaten Gianyar",
                    "fields": {"dasar": DASAR, "pegawai": PEOPLE,
                               "untuk": ["Melaksanakan pendampingan aplikasi Kantor Virtual di Kabupaten Gianyar.",
                                         "Melaporkan hasil pelaksanaan tugas kepada Kepala Dinas."],
                               "periode": {"mulai": "2026-12-14", "selesai": "2026-12-16"}}},
    "surat_perintah": {"subject": "Piket pengamanan jaringan akhir tahun",
                       "fields": {"dasar": DASAR[1:], "pegawai": PEOPLE[:2],
                                  "untuk": ["Melaksanakan piket pengamanan jaringan."],
                                  "periode": {"mulai": "2026-12-30", "selesai": "2027-01-01"}}},
    "surat_keputusan": {"subject": "Tim Pengelola Kantor Virtual",
                        "fields": {"menimbang": MENIMBANG, "mengingat": MENGINGAT,
                                   "menetapkan": "KEPUTUSAN KEPALA DINAS TENTANG TIM PENGELOLA KANTOR VIRTUAL.",
                                   "diktum": ["Membentuk Tim Pengelola Kantor Virtual dengan susunan sebagaimana "
                                              "tercantum dalam Lampiran.",
                                              "Tim bertugas mengelola layanan persuratan elektronik.",
                                              "Keputusan ini mulai berlaku pada tanggal ditetapkan."]}},
    "rancangan_peraturan": {"subject": "Tata Kelola Kantor Virtual",
                            "fields": {"jenis": "Peraturan Gubernur", "menimbang": MENIMBANG[:1],
                                       "mengingat": MENGINGAT,
                                       "pasal": ["Dalam Peraturan Gubernur ini yang dimaksud dengan Kantor Virtual "
                                                 "adalah sistem persuratan elektronik Pemerintah Provinsi Bali.",
                                                 "Peraturan Gubernur ini mulai berlaku pada tanggal diundangkan."]}},
    "instruksi": {"subject": "Percepatan penggunaan Kantor Virtual",
                  "body": "Dalam rangka percepatan transformasi digital, dengan ini menginstruksikan:",
                  "fields": {"untuk": ["Menggunakan Kantor Virtual untuk seluruh naskah dinas.",
                                       "Melaporkan pelaksanaan Instruksi ini setiap bulan."]}},
    "sop": {"subject": "Penerbitan Naskah Dinas Elektronik",
            "fields": {"dasar_hukum": MENGINGAT, "kualifikasi_pelaksana": ["Memahami tata naskah dinas"],
                       "peralatan": ["Komputer", "Jaringan internet"],
                       "peringatan": ["Naskah yang belum diparaf tidak dapat ditandatangani"],
                       "langkah": [{"kegiatan": "Menyusun konsep naskah", "pelaksana": "Staf", "waktu": "30 menit",
                                    "output": "Konsep"},
                                   {"kegiatan": "Memaraf konsep", "pelaksana": "Kepala Seksi", "waktu": "1 hari"},
                                   {"kegiatan": "Menandatangani naskah", "pelaksana": "Kepala Dinas"}]}},
    "surat_pengantar": {"subject": "Pengiriman dokumen kontrak",
                        "fields": {"daftar": [{"naskah": "Salinan kontrak pengadaan server", "banyaknya": "2 berkas",
                                               "keterangan": "Dikirim dengan hormat untuk diarsipkan"},
                                              {"naskah": "Berita acara serah terima", "banyaknya": "1 berkas"}]}},
    "perjanjian": {"subject": "Pemanfaatan Jaringan Intra Pemerintah",
                   "body": "Para pihak sepakat untuk mengadakan perjanjian kerja sama dengan ketentuan sebagai berikut.",
                   "fields": {"pihak": [{"nama": "I Gede Pramana Putra", "jabatan": "Kepala Dinas Komunikasi, "
                                         "Informatika dan Statistika Provinsi Bali"},
                                        {"nama": "Dr. Ketut Wirawan", "jabatan": "Direktur Utama",
                                         "instansi": "PT Jaringan Bali Digital", "alamat": "Jl. Teuku Umar 1"}],
                              "pasal": [{"judul": "Ruang Lingkup", "isi": "Pemanfaatan jaringan intra pemerintah."},
                                        {"judul": "Jangka Waktu", "isi": "Perjanjian berlaku selama dua tahun."}]}},
    "surat_kuasa": {"subject": "Kuasa pengambilan sertifikat elektronik",
                    "fields": {"pemberi": {"nama": "I Gede Pramana Putra", "nip": "197202151998031005",
                                           "jabatan": "Kepala Dinas"},
                               "penerima": PEOPLE[0],
                               "untuk": "Mengambil sertifikat elektronik di Balai Sertifikasi Elektronik."}},
    "berita_acara": {"subject": "Serah terima perangkat server",
                     "fields": {"tanggal": "2026-11-30", "tempat": "Ruang Server Diskominfos",
                                "pihak": PEOPLE[:2], "isi": ["Pihak kesatu menyerahkan dua unit server.",
                                                             "Pihak kedua menerima dalam keadaan baik."],
                                "saksi": ["Komang Ariawan"]}},
    "surat_keterangan": {"subject": "Keterangan aktif bekerja",
                         "body": "Yang bersangkutan benar pegawai aktif pada Dinas Komunikasi, Informatika dan "
                                 "Statistika Provinsi Bali.", "fields": {"orang": PEOPLE[0]}},
    "pengumuman": {"subject": "Pemeliharaan sistem",
                   "body": "Diberitahukan bahwa Kantor Virtual tidak dapat diakses pada 20 Desember 2026.",
                   "fields": {}},
    "notula": {"subject": "Rapat evaluasi layanan",
               "fields": {"tanggal": "2026-12-03", "waktu": "10:00", "tempat": "Ruang Rapat",
                          "pimpinan": "Kepala Bidang Aplikasi Informatika", "notulis": "Ni Luh Putu Ayu Lestari",
                          "peserta": ["Kepala Seksi Layanan", "Pranata Komputer"], "acara": ["Evaluasi layanan"],
                          "pembahasan": ["Tingkat penggunaan naik 40 persen."],
                          "keputusan": ["Pelatihan operator dilaksanakan Januari 2027."]}},
    "laporan": {"subject": "Pelaksanaan pendampingan di Kabupaten Gianyar",
                "fields": {"pendahuluan": "Pendampingan dilaksanakan berdasarkan Surat Tugas Kepala Dinas.",
                           "kegiatan": ["Pelatihan operator", "Pemasangan aplikasi"],
                           "hasil": ["Dua puluh operator terlatih"], "simpulan": "Pendampingan berjalan baik.",
                           "saran": ["Pendampingan lanjutan pada triwulan I"]}},
    "telaahan_staf": {"subject": "Kebutuhan penambahan kapasitas penyimpanan",
                      "fields": {"persoalan": "Kapasitas penyimpanan arsip elektronik hampir penuh.",
                                 "praanggapan": ["Jumlah naskah bertambah 20 persen per tahun."],
                                 "fakta": ["Sisa kapasitas 8 persen.", "Anggaran perubahan tersedia."],
                                 "analisis": "Tanpa penambahan, kapasitas habis dalam tiga bulan.",
                                 "simpulan": "Perlu penambahan kapasitas.",
                                 "saran": "Mengusulkan penambahan kapasitas pada anggaran perubahan."}},
    "rekomendasi": {"subject": "Rekomendasi penggunaan aplikasi",
                    "fields": {"dasar": DASAR[:1], "kepada": {"nama": "Dinas Komunikasi dan Informatika Kabupaten "
                                                                      "Gianyar", "alamat": "Jl. Ciung Wanara 1"},
                               "untuk": "Menggunakan aplikasi Kantor Virtual sebagai aplikasi persuratan."}},
}
