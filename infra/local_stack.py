"""Build the resources of infra/template.yaml on an AWS endpoint (moto in `make run` and the tests).

The deployment creates the same resources with CloudFormation; this reads the same template so the
local stack, the tests and production cannot drift apart. It returns the environment variables
through which the app finds each resource (Metadata.KantorVirtual.env of each resource).
"""

from __future__ import annotations

import json
import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

import boto3
import yaml

INFRA = Path(__file__).resolve().parent
TEMPLATE = INFRA / "template.yaml"
ACCOUNT_ID = "123456789012"


class _CfnLoader(yaml.SafeLoader):
    """YAML loader that keeps CloudFormation's short-form intrinsics (!Ref, !GetAtt, !Sub …) as dicts."""


def _intrinsic(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    name = "Ref" if suffix == "Ref" else f"Fn::{suffix}"
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
        if suffix == "GetAtt":
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {name: value}


_CfnLoader.add_multi_constructor("!", _intrinsic)


def parse_template(text: str) -> dict[str, Any]:
    """A CloudFormation template in YAML or JSON, intrinsics as their long form."""
    return yaml.load(text, Loader=_CfnLoader)  # noqa: S506 - SafeLoader subclass


@lru_cache(maxsize=1)
def load_template() -> dict[str, Any]:
    """The parsed template (intrinsics as their long form)."""
    return parse_template(TEMPLATE.read_text())


def resources_of(kind: str) -> dict[str, dict[str, Any]]:
    """Resources of one CloudFormation type, by logical id."""
    return {name: r for name, r in load_template()["Resources"].items() if r["Type"] == kind}


def physical_name(prefix: str, logical_id: str) -> str:
    """Deterministic local name of a resource: prefix plus the logical id in kebab case."""
    return f"{prefix}-{re.sub(r'(?<!^)(?=[A-Z])', '-', logical_id).lower()}"


@lru_cache(maxsize=4)
def _session(region: str) -> boto3.session.Session:
    # Reused across builds (tests build a stack per test): the service models are parsed once.
    return boto3.session.Session(region_name=region)


def build(prefix: str = "kantor-virtual-local", region: str = "ap-southeast-3",
          endpoint_url: str | None = None) -> dict[str, str]:
    """Create every table, bucket, topic, key and state machine of the template; return the app's env."""
    session = _session(region)

    def client(service: str) -> Any:
        return session.client(service, endpoint_url=endpoint_url)

    refs: dict[str, str] = {}
    arns: dict[str, str] = {}
    for name, res in resources_of("AWS::DynamoDB::Table").items():
        refs[name], arns[name] = _table(client("dynamodb"), physical_name(prefix, name), res["Properties"])
    for name, res in resources_of("AWS::S3::Bucket").items():
        refs[name] = _bucket(client("s3"), physical_name(prefix, name), res["Properties"], region)
        arns[name] = f"arn:aws:s3:::{refs[name]}"
    for name, _res in resources_of("AWS::SNS::Topic").items():
        refs[name] = arns[name] = client("sns").create_topic(Name=physical_name(prefix, name))["TopicArn"]
    for name, res in resources_of("AWS::KMS::Key").items():
        refs[name], arns[name] = _key(client("kms"), physical_name(prefix, name), res["Properties"])
    for name, res in resources_of("AWS::Cognito::UserPool").items():
        refs[name], arns[name] = _user_pool(client("cognito-idp"), physical_name(prefix, name), res["Properties"])
    for name, res in resources_of("AWS::Cognito::UserPoolClient").items():
        props = res["Properties"]
        refs[name] = arns[name] = client("cognito-idp").create_user_pool_client(
            UserPoolId=_resolve(props["UserPoolId"], refs), ClientName=physical_name(prefix, name),
            GenerateSecret=props.get("GenerateSecret", False), ExplicitAuthFlows=props.get("ExplicitAuthFlows", []),
        )["UserPoolClient"]["ClientId"]
    for _name, res in resources_of("AWS::Cognito::UserPoolGroup").items():
        props = res["Properties"]
        client("cognito-idp").create_group(UserPoolId=_resolve(props["UserPoolId"], refs), GroupName=props["GroupName"],
                                           Precedence=props.get("Precedence", 0))
    for name, res in resources_of("AWS::SES::EmailIdentity").items():
        # The deployment verifies the sender's domain by DNS; the embedded SES only needs the address verified.
        refs[name] = arns[name] = _parameter_default(res["Properties"]["EmailIdentity"])
        client("ses").verify_email_identity(EmailAddress=refs[name])
    for name, res in resources_of("AWS::StepFunctions::StateMachine").items():
        definition = _definition(res, refs)
        arn = client("stepfunctions").create_state_machine(
            name=physical_name(prefix, name), definition=definition,
            roleArn=f"arn:aws:iam::{ACCOUNT_ID}:role/{physical_name(prefix, name)}-role",
            type=res["Properties"].get("StateMachineType", "STANDARD"),
        )["stateMachineArn"]
        refs[name] = arns[name] = arn
    env = {}
    for name, res in load_template()["Resources"].items():
        meta = res.get("Metadata", {}).get("KantorVirtual")
        if meta and "env" in meta:
            env[meta["env"]] = refs[name] if meta.get("value", "Ref") == "Ref" else arns[name]
    return env


def _parameter_default(value: Any) -> str:
    """A `!Ref` to a template parameter, resolved to the parameter's default (the local value)."""
    if isinstance(value, dict) and "Ref" in value:
        return str(load_template()["Parameters"][value["Ref"]]["Default"])
    return str(value)


def _table(dynamodb: Any, name: str, props: dict[str, Any]) -> tuple[str, str]:
    args = {k: props[k] for k in ("AttributeDefinitions", "KeySchema", "BillingMode")}
    if props.get("GlobalSecondaryIndexes"):
        args["GlobalSecondaryIndexes"] = props["GlobalSecondaryIndexes"]
    arn = dynamodb.create_table(TableName=name, **args)["TableDescription"]["TableArn"]
    ttl = props.get("TimeToLiveSpecification")
    if ttl:
        dynamodb.update_time_to_live(TableName=name, TimeToLiveSpecification=ttl)
    return name, arn


def _bucket(s3: Any, name: str, props: dict[str, Any], region: str) -> str:
    args: dict[str, Any] = {"Bucket": name, "CreateBucketConfiguration": {"LocationConstraint": region}}
    if props.get("ObjectLockEnabled"):
        args["ObjectLockEnabledForBucket"] = True
    s3.create_bucket(**args)
    if "VersioningConfiguration" in props:
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration=props["VersioningConfiguration"])
    if "CorsConfiguration" in props:
        rules = [{k: v for k, v in {
            "AllowedMethods": r["AllowedMethods"], "AllowedOrigins": r["AllowedOrigins"],
            "AllowedHeaders": r.get("AllowedHeaders"), "MaxAgeSeconds": r.get("MaxAge"),
        }.items() if v is not None} for r in props["CorsConfiguration"]["CorsRules"]]
        s3.put_bucket_cors(Bucket=name, CORSConfiguration={"CORSRules": rules})
    return name


def _user_pool(cognito: Any, name: str, props: dict[str, Any]) -> tuple[str, str]:
    # Custom attributes are what the app reads (custom:org, custom:position); the rest is policy moto ignores.
    pool = cognito.create_user_pool(PoolName=name, Schema=props.get("Schema", []),
                                    AutoVerifiedAttributes=props.get("AutoVerifiedAttributes", []))["UserPool"]
    return pool["Id"], pool["Arn"]


def _key(kms: Any, alias: str, props: dict[str, Any]) -> tuple[str, str]:
    meta = kms.create_key(KeySpec=props.get("KeySpec", "SYMMETRIC_DEFAULT"),
                          KeyUsage=props.get("KeyUsage", "ENCRYPT_DECRYPT"),
                          Description=props.get("Description", ""))["KeyMetadata"]
    kms.create_alias(AliasName=f"alias/{alias}", TargetKeyId=meta["KeyId"])
    return meta["KeyId"], meta["Arn"]


def _definition(res: dict[str, Any], refs: dict[str, str]) -> str:
    """The ASL file with `${Name}` substituted as CloudFormation's DefinitionSubstitutions would."""
    text = (INFRA / res["Metadata"]["KantorVirtual"]["definition_file"]).read_text()
    for key, value in res["Properties"].get("DefinitionSubstitutions", {}).items():
        text = text.replace("${" + key + "}", _resolve(value, refs))
    json.loads(text)  # a broken substitution must fail here, not inside an execution
    return text


def _resolve(value: Any, refs: dict[str, str]) -> str:
    if isinstance(value, dict) and "Ref" in value:
        return refs[value["Ref"]]
    if isinstance(value, str):
        return value
    raise ValueError(f"unsupported substitution {value!r}")


def gateway_responses() -> dict[str, dict[str, Any]]:
    """API Gateway's error responses of the template, by response type."""
    return {r["Properties"]["ResponseType"]: r["Properties"]
            for r in resources_of("AWS::ApiGateway::GatewayResponse").values()}


_moto_lock = threading.RLock()


def serialize_moto_dynamodb() -> None:
    """Make moto's in-memory DynamoDB take one request at a time.

    Real DynamoDB applies each request atomically; moto's TransactWriteItems deep-copies tables while
    other threads write to them and fails with 'dictionary changed size during iteration'. Serializing
    the fake keeps every request atomic, as in AWS, so concurrency tests exercise our conditions.
    """
    from moto.dynamodb.responses import DynamoHandler

    if getattr(DynamoHandler.call_action, "_serialized", False):
        return
    original = DynamoHandler.call_action

    def call_action(self: Any) -> Any:
        with _moto_lock:
            return original(self)

    call_action._serialized = True  # type: ignore[attr-defined]
    DynamoHandler.call_action = call_action  # type: ignore[method-assign]
    _copy_tables_once_per_transaction()


def _copy_tables_once_per_transaction() -> None:
    """Moto 5.2 backs up every table a TransactWriteItems touches by deep-copying the whole table (once per item of
    the transaction), to put it back if the transaction is cancelled: a transaction's cost grew with the table, and
    with it every numbering race on the local stack and every test. A transaction can only change the items it
    names (each at most once), so this keeps a copy of just those items and puts them back on a cancellation:
    same outcome, time proportional to the transaction, not to the table.
    """
    import copy
    import types

    from moto.dynamodb import models
    from moto.dynamodb.models import DynamoDBBackend
    from moto.dynamodb.models.table import Table

    original = DynamoDBBackend.transact_write_items
    if getattr(original, "_copies_items", False):
        return

    def no_table_copy(obj: Any, memo: Any = None) -> Any:
        return obj if isinstance(obj, Table) else copy.deepcopy(obj, memo)

    def transact_write_items(self: Any, transact_items: list[dict[str, Any]]) -> Any:
        with _moto_lock:  # the module's `copy` is swapped for this call only; DynamoDB requests run one at a time
            saved = _saved_items(self, transact_items)
            models.copy = types.SimpleNamespace(deepcopy=no_table_copy)  # type: ignore[attr-defined]
            try:
                return original(self, transact_items)
            except Exception:
                for table, hash_key, range_key, item in saved:
                    _put_back(table, hash_key, range_key, item)
                raise
            finally:
                models.copy = copy  # type: ignore[attr-defined]

    transact_write_items._copies_items = True  # type: ignore[attr-defined]
    DynamoDBBackend.transact_write_items = transact_write_items  # type: ignore[method-assign]


def _saved_items(backend: Any, transact_items: list[dict[str, Any]]) -> list[tuple[Any, Any, Any, Any]]:
    """(table, hash key, range key, a copy of the item or None) for every item a transaction names."""
    import copy

    from moto.dynamodb.models.dynamo_type import DynamoType

    saved = []
    for entry in transact_items[:100]:
        op = next(iter(entry.values()), None)
        table = backend.tables.get(op.get("TableName")) if isinstance(op, dict) else None
        if table is None:
            continue  # moto answers for an unknown table itself
        key = op.get("Item") if "Item" in op else op.get("Key")
        if not isinstance(key, dict) or table.hash_key_attr not in key:
            continue  # invalid: cancelled before anything is written
        hash_key = DynamoType(key[table.hash_key_attr])
        range_key = DynamoType(key[table.range_key_attr]) if table.range_key_attr in key else None
        if range_key is None and table.has_range_key:
            continue
        saved.append((table, hash_key, range_key, copy.deepcopy(table.get_item(hash_key, range_key))))
    return saved


def _put_back(table: Any, hash_key: Any, range_key: Any, item: Any) -> None:
    """Restore one item as it was before a cancelled transaction (absent when `item` is None)."""
    if range_key is None:
        if item is None:
            table.items.pop(hash_key, None)
        else:
            table.items[hash_key] = item
        return
    if item is None:
        table.items.get(hash_key, {}).pop(range_key, None)
    else:
        table.items[hash_key][range_key] = item


def untrack_moto_models() -> None:
    """Stop moto from keeping every model object it ever created (the long-running `make run` only).

    moto's BaseModel appends each new instance to a class-level list (`instances_tracked`, for its server's
    dashboard) that is never pruned; DynamoDB's TransactWriteItems deep-copies the whole table for its rollback,
    and each copy landed on that list: `make run` grew by about 0.3 MB per request (bench/run_memory.py). The
    instances are still created and used as before; only the list no longer holds them.
    """
    from moto.core import model_instances
    from moto.core.common_models import BaseModel

    if getattr(BaseModel.__new__, "_untracked", False):
        return

    def new(cls: type, *args: Any, **kwargs: Any) -> Any:
        return super(BaseModel, cls).__new__(cls)  # type: ignore[misc]

    new._untracked = True  # type: ignore[attr-defined]
    BaseModel.__new__ = staticmethod(new)  # type: ignore[assignment]
    model_instances.reset_model_data()  # what was tracked while the stack started

