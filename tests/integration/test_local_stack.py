"""infra.local_stack builds every resource of infra/template.yaml and tells the app where each one is."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from infra import local_stack

REGION = "ap-southeast-3"


def client(service: str) -> Any:
    return boto3.client(service, region_name=REGION)


def template_env() -> set[str]:
    return {r["Metadata"]["KantorVirtual"]["env"] for r in local_stack.load_template()["Resources"].values()
            if "env" in r.get("Metadata", {}).get("KantorVirtual", {})}


def test_an_env_var_is_returned_for_every_resource_the_app_needs(aws: dict[str, str]) -> None:
    assert set(aws) == template_env()
    assert {"TABLE_NAME", "FILES_BUCKET", "ARCHIVE_BUCKET", "EVENTS_TOPIC_ARN", "SIGNING_KEY_ID",
            "APPROVAL_STATE_MACHINE_ARN"} <= set(aws)


def test_the_table_has_the_keys_and_three_generic_indexes(aws: dict[str, str]) -> None:
    table = client("dynamodb").describe_table(TableName=aws["TABLE_NAME"])["Table"]
    assert {k["AttributeName"]: k["KeyType"] for k in table["KeySchema"]} == {"pk": "HASH", "sk": "RANGE"}
    indexes = {i["IndexName"]: i for i in table["GlobalSecondaryIndexes"]}
    assert set(indexes) == {"gsi1", "gsi2", "gsi3"}
    for name, index in indexes.items():
        assert [k["AttributeName"] for k in index["KeySchema"]] == [f"{name}pk", f"{name}sk"]
        assert index["Projection"]["ProjectionType"] == "ALL"


def test_the_table_expires_items_by_ttl(aws: dict[str, str]) -> None:
    ttl = client("dynamodb").describe_time_to_live(TableName=aws["TABLE_NAME"])["TimeToLiveDescription"]
    assert (ttl["AttributeName"], ttl["TimeToLiveStatus"]) == ("expires_at", "ENABLED")


@pytest.mark.parametrize("bucket", ["FILES_BUCKET", "ARCHIVE_BUCKET"])
def test_both_buckets_exist_with_versioning(aws: dict[str, str], bucket: str) -> None:
    s3 = client("s3")
    assert s3.get_bucket_versioning(Bucket=aws[bucket])["Status"] == "Enabled"
    assert s3.get_bucket_location(Bucket=aws[bucket])["LocationConstraint"] == REGION


def test_the_archive_bucket_has_object_lock(aws: dict[str, str]) -> None:
    config = client("s3").get_object_lock_configuration(Bucket=aws["ARCHIVE_BUCKET"])["ObjectLockConfiguration"]
    assert config["ObjectLockEnabled"] == "Enabled"


def test_the_files_bucket_allows_browser_uploads(aws: dict[str, str]) -> None:
    rules = client("s3").get_bucket_cors(Bucket=aws["FILES_BUCKET"])["CORSRules"]
    assert set(rules[0]["AllowedMethods"]) == {"GET", "POST"}


def test_the_events_topic_exists(aws: dict[str, str]) -> None:
    arns = [t["TopicArn"] for t in client("sns").list_topics()["Topics"]]
    assert aws["EVENTS_TOPIC_ARN"] in arns


def test_the_signing_key_is_an_ecc_p256_signing_key(aws: dict[str, str]) -> None:
    meta = client("kms").describe_key(KeyId=aws["SIGNING_KEY_ID"])["KeyMetadata"]
    assert (meta["KeySpec"], meta["KeyUsage"]) == ("ECC_NIST_P256", "SIGN_VERIFY")


def test_the_approval_state_machine_has_the_resources_substituted(aws: dict[str, str]) -> None:
    machine = client("stepfunctions").describe_state_machine(stateMachineArn=aws["APPROVAL_STATE_MACHINE_ARN"])
    assert machine["type"] == "STANDARD"
    assert "${" not in machine["definition"]
    assert aws["EVENTS_TOPIC_ARN"] in machine["definition"]
    assert aws["TABLE_NAME"] not in machine["definition"]  # a timer: the app writes the table


def test_the_app_finds_every_resource_through_its_settings(aws: dict[str, str]) -> None:
    from chalicelib.config import get_settings

    settings = get_settings()
    assert (settings.table_name, settings.files_bucket, settings.archive_bucket) == (
        aws["TABLE_NAME"], aws["FILES_BUCKET"], aws["ARCHIVE_BUCKET"])
    assert settings.signing_key_id == aws["SIGNING_KEY_ID"]
    assert settings.approval_state_machine_arn == aws["APPROVAL_STATE_MACHINE_ARN"]
    assert settings.events_topic_arn == aws["EVENTS_TOPIC_ARN"]


def test_a_cancelled_transaction_leaves_every_item_as_it_was(aws: dict[str, str]) -> None:
    """The local stack undoes a cancelled TransactWriteItems from copies of the items it names (not of the table)."""
    db, table = client("dynamodb"), aws["TABLE_NAME"]
    db.put_item(TableName=table, Item={"pk": {"S": "TX"}, "sk": {"S": "A"}, "n": {"N": "1"}})
    db.put_item(TableName=table, Item={"pk": {"S": "TX"}, "sk": {"S": "C"}, "n": {"N": "1"}})
    with pytest.raises(db.exceptions.TransactionCanceledException):
        db.transact_write_items(TransactItems=[
            {"Update": {"TableName": table, "Key": {"pk": {"S": "TX"}, "sk": {"S": "A"}},
                        "UpdateExpression": "SET n = n + :one", "ExpressionAttributeValues": {":one": {"N": "1"}}}},
            {"Put": {"TableName": table, "Item": {"pk": {"S": "TX"}, "sk": {"S": "B"}}}},
            {"Delete": {"TableName": table, "Key": {"pk": {"S": "TX"}, "sk": {"S": "C"}}}},
            {"ConditionCheck": {"TableName": table, "Key": {"pk": {"S": "TX"}, "sk": {"S": "D"}},
                                "ConditionExpression": "attribute_exists(pk)"}},
        ])
    items = db.query(TableName=table, KeyConditionExpression="pk = :pk",
                     ExpressionAttributeValues={":pk": {"S": "TX"}})["Items"]
    assert {(i["sk"]["S"], i["n"]["N"]) for i in items} == {("A", "1"), ("C", "1")}

    db.transact_write_items(TransactItems=[
        {"Update": {"TableName": table, "Key": {"pk": {"S": "TX"}, "sk": {"S": "A"}},
                    "UpdateExpression": "SET n = n + :one", "ExpressionAttributeValues": {":one": {"N": "1"}}}},
        {"Put": {"TableName": table, "Item": {"pk": {"S": "TX"}, "sk": {"S": "B"}, "n": {"N": "7"}}}},
    ])
    items = db.query(TableName=table, KeyConditionExpression="pk = :pk",
                     ExpressionAttributeValues={":pk": {"S": "TX"}})["Items"]
    assert {(i["sk"]["S"], i["n"]["N"]) for i in items} == {("A", "2"), ("B", "7"), ("C", "1")}
