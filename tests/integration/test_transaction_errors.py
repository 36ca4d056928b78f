import pytest

from chalicelib import bootstrap
from chalicelib.adapters.dynamo import Transaction
from chalicelib.adapters.sequences import SequenceItem, sequence_key
from chalicelib.domain.errors import Conflict, NotFound


class PutFailed(Conflict):
    """The error the failed put stands for."""


def test_a_failed_put_raises_its_own_error_when_a_check_was_added_after_it(aws):
    bootstrap.container()
    SequenceItem(*sequence_key("X"), value=1).save()
    tx = Transaction()
    tx.put(SequenceItem(*sequence_key("X"), value=2), condition=SequenceItem.pk.does_not_exist(),
           on_condition_failed=lambda: PutFailed("put"))
    SequenceItem(*sequence_key("Y"), value=1).save()
    tx.check(SequenceItem, *sequence_key("Y"), condition=SequenceItem.pk.exists(),
             on_condition_failed=lambda: NotFound("check"))
    with pytest.raises(PutFailed):
        tx.commit()
