from concurrent.futures import ThreadPoolExecutor

from chalicelib import bootstrap
from chalicelib.adapters import sequences
from chalicelib.adapters.dynamo import Transaction
from chalicelib.domain.classification import BUILTIN
from chalicelib.domain.incoming import IncomingSource
from chalicelib.domain.timefmt import now_wita


def _register_paper_letter(subject: str):
    repo = bootstrap.container().incoming_repo

    def use_case():
        tx = Transaction()
        letter = repo.register(tx, org="DISKOMINFOS", source=IncomingSource.PAPER, source_ref=None,
                               sender_name="Kepala Desa Sanur Kaja", sender_org=None, subject=subject,
                               actor="operator.kominfo", table=BUILTIN)
        tx.commit()
        return letter

    return sequences.with_retries(use_case)


def test_concurrent_registrations_get_distinct_consecutive_agenda_numbers(aws):
    bootstrap.container()
    with ThreadPoolExecutor(max_workers=8) as pool:
        letters = list(pool.map(_register_paper_letter, [f"Surat {i}" for i in range(20)]))
    numbers = sorted(int(letter.agenda_number.split("/")[0]) for letter in letters)
    assert numbers == list(range(1, 21))
    year = now_wita().year
    assert all(letter.agenda_number.endswith(f"/SM/DISKOMINFOS/{year}") for letter in letters)


def test_a_registered_letter_starts_its_audit_trail(aws):
    bootstrap.container()
    letter = _register_paper_letter("Permohonan data")
    trail = bootstrap.container().audit_repo.trail(f"INCOMING#{letter.id}")
    assert [(e.seq, e.action, e.actor) for e in trail] == [(1, "registered", "operator.kominfo")]
    assert bootstrap.container().incoming_repo.get(letter.id).state.value == "registered"
