"""AWS calls of a decision: 6 DynamoDB calls (read the letter and the step, the decision's transaction, then the
next step's queue entry and the decision's two notifications as single conditional writes, which cost half of a
transaction's) and 2 Step Functions calls — start the next step's timer, stop its own (a signing: see below, plus
KMS and S3).
"""

from __future__ import annotations

from tests.integration.letters_flow import await_step, draft, submit
from tests.support import calls_to, count_aws_calls


def _decide(api, who, letter_id):
    await_step(api, who, letter_id)
    api.token(who)
    with count_aws_calls() as calls:
        response = api.post(f"/letters/{letter_id}/decision", {"decision": "approve"}, as_user=who)
    assert response.status_code == 200, response.body
    return calls


def test_a_review_decision_and_a_signing_stay_within_their_budget(api, province):
    letter = draft(api)
    submit(api, letter["id"])
    review = _decide(api, "kasi.layanan", letter["id"])
    print("review decision:", dict(review))
    assert calls_to(review, "dynamodb") <= 6 and calls_to(review, "stepfunctions") == 2
    assert review["dynamodb:TransactWriteItems"] == 1 and review["dynamodb:PutItem"] == 2  # the request, the progress
    assert review["dynamodb:UpdateItem"] == 1  # the next step's queue entry
    assert review["stepfunctions:StartExecution"] == review["stepfunctions:StopExecution"] == 1
    assert calls_to(review, "dynamodb") + calls_to(review, "stepfunctions") + calls_to(review, "sns") == sum(
        review.values())
    _decide(api, "kabid.aptika", letter["id"])
    signing = _decide(api, "kadis.kominfo", letter["id"])
    print("signing decision:", dict(signing))
    # GetItem: step, number counter, BIROUMUM's agenda counter. TransactWriteItems of a constant size: the claim
    # of the number, the signing, BIROUMUM's register. Outside any transaction (a single write costs half): the
    # box entries in a batch; a PutItem each for the verification code (just before the signing), the
    # notifications of the drafter and of the addressed and copied positions, the archive entries of the letter
    # and of BIROUMUM's copy, and the record that all copies arrived (the letter.sent reaction then reads it and
    # writes nothing); an UpdateItem each for the unread counts of the inbox and the cc box (with the
    # notification's first write).
    # Two Queries: the letter's head with its parts; the org's letterhead and its details, side by side in the
    # org's partition.
    assert signing["dynamodb:GetItem"] == 3 and signing["dynamodb:TransactWriteItems"] == 3
    assert signing["dynamodb:Query"] == 2
    assert signing["dynamodb:BatchWriteItem"] == 1 and signing["dynamodb:PutItem"] == 7
    assert signing["dynamodb:UpdateItem"] == 2
    assert calls_to(signing, "stepfunctions") == 1
    assert signing["kms:Sign"] == 1 and signing["s3:PutObject"] == 1
