"""The demo province: three orgs with a staff → eselon IV → III → II chain, operators, admins, an auditor, public users;
above them the Gubernur (PEMPROV). Each perangkat daerah is coordinated by an Asisten of the Setda, the Setda by the
Gubernur (`coordinated_by`), so an OPD letter can climb to the Sekda or the Gubernur.

Seeded through the same services as the API (so every rule applies). Used by `make run` and the tests.
All people and NIPs are fictional.
"""

from __future__ import annotations

from typing import Any

from chalicelib.bootstrap import Container
from chalicelib.domain.identity import Principal, Role

SYSTEM = Principal(username="system-seed", role=Role.ADMIN)
CITY = "Denpasar"

ORGS: list[dict[str, Any]] = [
    {
        "code": "PEMPROV",
        "name": "Pemerintah Provinsi Bali",
        "address": "Jl. Basuki Rahmat No. 1, Niti Mandala Renon, Denpasar 80235",
        "units": [("PEMPROV", "Gubernur Bali", None)],
        "positions": [("GUBERNUR", "Gubernur Bali", "I", "PEMPROV", None)],
        "people": [("gubernur", "I Ketut Widnyana Sudibya", "196507201990031009", "GUBERNUR", "employee")],
    },
    {
        "code": "SETDA",
        "coordinated_by": "PEMPROV/GUBERNUR",
        "name": "Sekretariat Daerah Provinsi Bali",
        "address": "Jl. Basuki Rahmat No. 1, Niti Mandala Renon, Denpasar 80235",
        "units": [
            ("SETDA", "Sekretariat Daerah", None),
            ("ASPEM", "Asisten Pemerintahan dan Kesejahteraan Rakyat", "SETDA"),
            ("TAPEM", "Bagian Tata Pemerintahan", "ASPEM"),
            ("ASADM", "Asisten Administrasi Umum", "SETDA"),
            ("OTDA", "Subbagian Otonomi Daerah", "TAPEM"),
        ],
        "positions": [
            ("SEKDA", "Sekretaris Daerah Provinsi Bali", "I", "SETDA", None),
            ("ASISTEN1", "Asisten Pemerintahan dan Kesejahteraan Rakyat", "II", "ASPEM", "SEKDA"),
            ("ASISTEN3", "Asisten Administrasi Umum", "II", "ASADM", "SEKDA"),
            ("KABAG-TAPEM", "Kepala Bagian Tata Pemerintahan", "III", "TAPEM", "ASISTEN1"),
            ("KASUBBAG-OTDA", "Kepala Subbagian Otonomi Daerah", "IV", "OTDA", "KABAG-TAPEM"),
            ("STAF-OTDA", "Analis Kebijakan Subbagian Otonomi Daerah", "staff", "OTDA", "KASUBBAG-OTDA"),
            ("OPERATOR-SETDA", "Pengelola Persuratan Sekretariat Daerah", "staff", "SETDA", "KASUBBAG-OTDA"),
        ],
        "people": [
            ("sekda", "Dewa Made Indra Wirawan", "196801121994031006", "SEKDA", "employee"),
            ("asisten1", "I Gusti Ayu Sri Utami", "197004201996032003", "ASISTEN1", "employee"),
            ("asisten3", "I Made Rentin Wibawa", "197101181997031008", "ASISTEN3", "employee"),
            ("kabag.tapem", "I Wayan Sudarsana", "197506102000121002", "KABAG-TAPEM", "employee"),
            ("kasubbag.otda", "Ni Luh Putu Ariani", "198003142005012004", "KASUBBAG-OTDA", "employee"),
            ("staf.otda", "I Komang Adi Saputra", "199108222015031001", "STAF-OTDA", "employee"),
            ("operator.setda", "Ni Kadek Dwi Lestari", "199205052019022003", "OPERATOR-SETDA", "operator"),
        ],
    },
    {
        "code": "DISKOMINFOS",
        "coordinated_by": "SETDA/ASISTEN3",
        "name": "Dinas Komunikasi, Informatika dan Statistika Provinsi Bali",
        "address": "Jl. D.I. Panjaitan No. 7, Niti Mandala Renon, Denpasar 80235",
        "units": [
            ("DISKOMINFOS", "Dinas Komunikasi, Informatika dan Statistika", None),
            ("APTIKA", "Bidang Aplikasi Informatika", "DISKOMINFOS"),
            ("LAYANAN", "Seksi Layanan E-Government", "APTIKA"),
            ("SEKRETARIAT", "Sekretariat", "DISKOMINFOS"),
        ],
        "positions": [
            ("KADIS", "Kepala Dinas Komunikasi, Informatika dan Statistika", "II", "DISKOMINFOS", None),
            ("KABID-APTIKA", "Kepala Bidang Aplikasi Informatika", "III", "APTIKA", "KADIS"),
            ("SEKRETARIS", "Sekretaris Dinas", "III", "SEKRETARIAT", "KADIS"),
            ("KASI-LAYANAN", "Kepala Seksi Layanan E-Government", "IV", "LAYANAN", "KABID-APTIKA"),
            ("PRANATA-KOMPUTER", "Pranata Komputer", "staff", "LAYANAN", "KASI-LAYANAN"),
            ("ANALIS-SISTEM", "Analis Sistem Informasi", "staff", "LAYANAN", "KASI-LAYANAN"),
            ("OPERATOR-KOMINFO", "Pengadministrasi Persuratan", "staff", "SEKRETARIAT", "SEKRETARIS"),
        ],
        "people": [
            ("kadis.kominfo", "I Gede Pramana Putra", "197202151998031005", "KADIS", "employee"),
            ("kabid.aptika", "Ni Made Sri Widiastuti", "197609232002122001", "KABID-APTIKA", "employee"),
            ("sekretaris.kominfo", "I Nyoman Sutama", "197411302001121003", "SEKRETARIS", "employee"),
            ("kasi.layanan", "I Ketut Arya Wiguna", "198305172008011007", "KASI-LAYANAN", "employee"),
            ("staf.kominfo", "Ni Putu Ayu Kartika", "199402282019032008", "PRANATA-KOMPUTER", "employee"),
            ("analis.kominfo", "I Made Dwi Permana", "199607072020121004", "ANALIS-SISTEM", "employee"),
            ("operator.kominfo", "Ni Komang Tri Yuliani", "199010102014022002", "OPERATOR-KOMINFO", "operator"),
        ],
    },
    {
        "code": "BIROUMUM",
        "coordinated_by": "SETDA/ASISTEN3",
        "name": "Biro Umum dan Protokol Sekretariat Daerah Provinsi Bali",
        "address": "Jl. Basuki Rahmat No. 1, Niti Mandala Renon, Denpasar 80235",
        "units": [
            ("BIROUMUM", "Biro Umum dan Protokol", None),
            ("TU", "Bagian Tata Usaha", "BIROUMUM"),
            ("PERSURATAN", "Subbagian Persuratan dan Arsip", "TU"),
        ],
        "positions": [
            ("KARO", "Kepala Biro Umum dan Protokol", "II", "BIROUMUM", None),
            ("KABAG-TU", "Kepala Bagian Tata Usaha", "III", "TU", "KARO"),
            ("KASUBBAG-PERSURATAN", "Kepala Subbagian Persuratan dan Arsip", "IV", "PERSURATAN", "KABAG-TU"),
            ("STAF-PERSURATAN", "Pengelola Arsip", "staff", "PERSURATAN", "KASUBBAG-PERSURATAN"),
            ("OPERATOR-BIROUMUM", "Pengadministrasi Umum", "staff", "PERSURATAN", "KASUBBAG-PERSURATAN"),
        ],
        "people": [
            ("karo.umum", "Anak Agung Gede Agung Kusuma", "197108081997031004", "KARO", "employee"),
            ("kabag.tu", "Ni Wayan Suartini", "197712122003122005", "KABAG-TU", "employee"),
            ("kasubbag.persuratan", "I Putu Eka Mahendra", "198501012010011009", "KASUBBAG-PERSURATAN", "employee"),
            ("staf.biroumum", "Ni Kadek Ratna Dewi", "199503152020122006", "STAF-PERSURATAN", "employee"),
            ("operator.biroumum", "I Kadek Agus Wirawan", "199306062018031002", "OPERATOR-BIROUMUM", "operator"),
        ],
    },
]

OTHER_USERS: list[dict[str, Any]] = [
    {"username": "admin", "full_name": "Administrator Provinsi", "role": "admin", "email": "admin@baliprov.go.id"},
    {"username": "admin.kominfo", "full_name": "I Wayan Gede Santika", "role": "admin", "org": "DISKOMINFOS",
     "email": "admin.kominfo@baliprov.go.id"},
    {"username": "inspektur", "full_name": "Inspektur Provinsi", "role": "auditor",
     "email": "inspektur@baliprov.go.id"},
    {"username": "warga", "full_name": "Ni Luh Gede Sukmawati", "role": "public", "email": "sukmawati@example.com",
     "phone": "081234567890"},
    {"username": "usaha", "full_name": "I Made Bagus Wirajaya", "role": "public", "email": "info@example.co.id",
     "phone": "081298765432",
     "extra": {"sender_type": "business", "company_name": "PT Bali Digital Nusantara", "nib": "9120301234567"}},
]


def seed(c: Container) -> dict[str, list[str]]:
    """Create the demo province; returns the usernames by role."""
    service = c.org_admin
    by_role: dict[str, list[str]] = {}
    for org in ORGS:
        service.create_org(SYSTEM, {"code": org["code"], "name": org["name"], "address": org["address"],
                                    "city": CITY, "number_format": "{classification}/{seq}/{org_code}/{year}",
                                    "max_review_steps": 3, "email": None, "phone": None, "website": None,
                                    "coordinated_by": org.get("coordinated_by")}, None)
        for code, name, parent in org["units"]:
            service.create_unit(SYSTEM, org["code"], {"code": code, "name": name, "parent": parent}, None)
        for code, title, level, unit, reports_to in org["positions"]:
            service.create_position(SYSTEM, org["code"], {"code": code, "title": title, "level": level,
                                                          "unit": unit, "reports_to": reports_to}, None)
        for username, full_name, nip, position, role in org["people"]:
            service.create_user(SYSTEM, {"username": username, "full_name": full_name, "role": role,
                                         "org": org["code"], "position": position, "nip": nip,
                                         "email": f"{username}@baliprov.go.id", "phone": None, "extra": None}, None)
            by_role.setdefault(role, []).append(username)
    c.distribution_lists.create(SYSTEM, {
        "id": "SELURUH-PERANGKAT-DAERAH", "name": "Seluruh Perangkat Daerah",
        "description": "Setiap perangkat daerah Pemerintah Provinsi Bali (surat edaran, undangan)",
        "members": [{"kind": "org", "code": org["code"]} for org in ORGS if org["code"] != "PEMPROV"]}, None)
    for user in OTHER_USERS:
        data = {"org": None, "position": None, "nip": None, "email": None, "phone": None, "extra": None, **user}
        service.create_user(SYSTEM, data, None)
        by_role.setdefault(user["role"], []).append(user["username"])
    return by_role
