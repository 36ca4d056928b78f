"""Signing allocates gap-free numbers per org and year, also when many letters are signed at once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from chalicelib import bootstrap
from chalicelib.domain.identity import Principal, Role
from chalicelib.domain.timefmt import now_wita
from tests.integration.letters_flow import letter_body

KADIS = Principal(username="kadis.kominfo", role=Role.EMPLOYEE, org="DISKOMINFOS", position="KADIS")


def test_parallel_signings_get_distinct_consecutive_numbers(province):
    """Twenty signings on eight threads race for the number (`python -m bench.circulars parallel` does fifty)."""
    letters = bootstrap.container().letters
    to_staff = [{"kind": "position", "code": "SEKRETARIS"}]
    ids = [letters.create(KADIS, letter_body(subject=f"Surat edaran {i}", type="surat_edaran", addressees=to_staff, cc=[]),
                          None)[1]["id"] for i in range(20)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        signed = list(pool.map(lambda letter_id: letters.submit(KADIS, letter_id), ids))  # the drafter signs

    year = now_wita().year
    assert all(s["state"] == "sent" for s in signed)
    assert all(s["number"].startswith("000.1.2/") and s["number"].endswith(f"/DISKOMINFOS/{year}") for s in signed)
    assert sorted(int(s["number"].split("/")[1]) for s in signed) == list(range(1, 21))
    assert all(letters.verify(KADIS, s["id"])["valid"] for s in signed[:3])
