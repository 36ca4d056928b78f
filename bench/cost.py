"""What one letter's life costs on AWS, from counted calls: `python -m bench.cost`.

Runs the real flow under moto as the tests do (state machine executing): a draft addressed to a position of the
own org and to two other orgs (cc one unit), submitted, three decisions (the third signs), the copies delivered,
the events the deployed `on_event` subscription receives (its filter policy is read from infra/template.yaml)
handed to `on_event`, and the next run of the scheduled staff-alert delivery (the e-mails of the notifications the
life marked due, claimed by moving the delivery's cursor past them; held alerts `ALERTHELD#…`). Every AWS
call is counted, and every DynamoDB call is priced as DynamoDB prices it:

- writes: 1 WRU per started KB of the larger of the item before and after (read from moto's table around the
  call), 2 per KB for each item of a `TransactWriteItems` (condition checks too); plus, for each global secondary
  index the item is in before or after (all three project ALL), 1 WRU per KB, 2 writes when its index key changes;
- reads: per started 4 KB of what a call returns, halved for eventually consistent reads, doubled in
  `TransactGetItems`; a COUNT Query is priced as one unit.

moto's Step Functions task tokens are 36-character ids; AWS's are opaque strings of up to 1,024 characters that
carry the execution's identity. The state machine runs here with tokens of that documented maximum, so an item
that stores one is priced at the size it would have on AWS (none does since the review waits became timers; this
is how that cost was found, and it keeps a token that comes back from being priced as moto's).

Lambda GB-s and log volume cannot be measured under moto: they come from the assumptions in `ASSUMED`, except
the signing request, which adds the PDF rendering time measured here. Prices: `PRICES` (Asia Pacific (Jakarta),
ap-southeast-3, on demand; the table in docs/cost.md is printed from it). Exits 1 over the targets of issue 15
(at most 90 WRU and $0.30 per 1,000 letters, the staff alerts' e-mails apart: `OUTSIDE_TARGET`).
"""

from __future__ import annotations

import json
import math
import os
import secrets
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from botocore import handlers

from tests import support  # noqa: I001 - first: registers the AWS call counter before any session exists
from tests.conftest import MOTO_CONFIG, ROOT, TEST_ENV

os.environ.update(TEST_ENV)
os.environ.pop("AWS_ENDPOINT_URL", None)

from moto import mock_aws  # noqa: E402
from moto.stepfunctions.parser.asl.eval import states as sfn_states  # noqa: E402

from chalicelib import bootstrap  # noqa: E402
from chalicelib.domain.staff_alerts import DUE_LAG  # noqa: E402
from chalicelib.domain.timefmt import now_wita  # noqa: E402
from infra import local_stack, seed  # noqa: E402

TASK_TOKEN_CHARS = 1024  # the documented maximum length of a Step Functions task token
sfn_states.long_uid = lambda: secrets.token_urlsafe(TASK_TOKEN_CHARS)[:TASK_TOKEN_CHARS]  # moto's are uuids

TARGET_WRU = 90
TARGET_PER_1000 = 0.30
KB = 1024

# (item, unit, USD per unit, how the quantity per letter is obtained) — ap-southeast-3 list prices, on demand.
PRICES: dict[str, tuple[str, float]] = {
    "api": ("API Gateway REST requests", 4.25 / 1e6),
    "lambda_requests": ("Lambda requests", 0.20 / 1e6),
    "lambda_gbs": ("Lambda duration (x86), GB-s", 0.0000166667),
    "wru": ("DynamoDB on-demand write request units", 0.74 / 1e6),
    "rru": ("DynamoDB on-demand read request units", 0.15 / 1e6),
    "transitions": ("Step Functions Standard state transitions", 0.030 / 1e3),
    "sns": ("SNS publishes (64 KB each)", 0.50 / 1e6),
    "ses": ("SES e-mails (staff alerts)", 0.10 / 1e3),
    "kms": ("KMS requests (asymmetric Sign)", 0.15 / 1e4),
    "s3_put": ("S3 PUT/POST/LIST requests", 0.0055 / 1e3),
    "s3_get": ("S3 GET/HEAD requests", 0.00044 / 1e3),
    "logs_gb": ("CloudWatch Logs ingested, GB", 0.67),
}

# Not in issue 15's target: e-mails go out as people's preferences ask (default: every alert to a seat with an
# e-mail address), a service the province chooses, priced here so that the choice is visible.
OUTSIDE_TARGET = ("ses",)

# What moto cannot tell: billed duration per invocation (512 MB functions) and log lines per invocation.
ASSUMED = {"memory_gb": 0.5, "api_seconds": 0.15, "authorizer_seconds": 0.02, "event_seconds": 0.15,
           "log_kb_per_invocation": 1.5}

_local = threading.local()


# ---------------------------------------------------------------- sizes and units (DynamoDB's rules)


def value_size(value: dict[str, Any]) -> int:
    """Bytes of one attribute value in DynamoDB's wire shape ({'S': ...}, {'N': ...}, {'M': ...}, ...)."""
    (kind, v), = value.items()
    if kind == "S":
        return len(v.encode())
    if kind == "N":
        return len(str(v).lstrip("-").replace(".", "")) // 2 + 1
    if kind == "B":
        return len(v)
    if kind in ("BOOL", "NULL"):
        return 1
    if kind == "SS":
        return sum(len(s.encode()) for s in v)
    if kind == "NS":
        return sum(len(str(n)) // 2 + 1 for n in v)
    if kind == "L":
        return 3 + sum(1 + value_size(x) for x in v)
    if kind == "M":
        return 3 + sum(1 + len(k.encode()) + value_size(x) for k, x in v.items())
    return len(json.dumps(v))


def item_size(item: dict[str, Any] | None) -> int:
    """Bytes of an item: attribute names plus values."""
    return sum(len(name.encode()) + value_size(v) for name, v in (item or {}).items())


def item_kind(key: dict[str, Any]) -> str:
    """A label for the kind of an item: 'ALERT' for the staff alerts' own items (`ALERTHELD#…`, `ALERTSENT#…`),
    else the first word of its sort key ('#ARCHIVE' → 'ARCHIVE', 'AUDIT#…' → 'AUDIT').
    """
    sort = next((v.get("S", "") for name, v in key.items() if name == "sk"), "")
    if next((v.get("S", "") for name, v in key.items() if name == "pk"), "").startswith("ALERT"):
        return "ALERT"
    if sort[:1].isdigit():
        return "NOTIFICATION"  # sorted by moment
    return sort.lstrip("#").split("#", 1)[0] or "?"


def write_units(size: int) -> int:
    """WRU of one write: per started KB, at least 1."""
    return max(1, math.ceil(size / KB))


def read_units(size: int, consistent: bool) -> float:
    """RRU of one read: per started 4 KB; half for an eventually consistent read."""
    units = max(1, math.ceil(size / (4 * KB)))
    return units if consistent else units / 2


# ---------------------------------------------------------------- the meter (botocore hooks)


class Meter:
    """Counts calls, write and read units, SNS event types, rendered seconds."""

    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()
        self.wru: Counter[str] = Counter()  # table | transaction | index
        self.wru_by_item: Counter[str] = Counter()  # by the kind of item (its sort key's first word)
        self.writes_by_item: Counter[str] = Counter()
        self.largest: dict[str, int] = {}  # bytes of the largest item written, by kind
        self.rru = 0.0
        self.event_types: Counter[str] = Counter()
        self.render_seconds = 0.0


_meters: list[Meter] = []
_lock = threading.Lock()


@contextmanager
def metering() -> Iterator[Meter]:
    """Meter the AWS calls made inside the block (by any thread, but not inside `unmetered`)."""
    meter = Meter()
    _meters.append(meter)
    try:
        yield meter
    finally:
        _meters.remove(meter)


@contextmanager
def unmetered() -> Iterator[None]:
    """Calls of this thread that stand in for AWS plumbing (the local event pump) are not counted."""
    _local.off = True
    try:
        yield
    finally:
        _local.off = False


def _active() -> bool:
    return bool(_meters) and not getattr(_local, "off", False)


def _moto_table(name: str) -> Any:
    from moto.dynamodb.models import dynamodb_backends

    for regions in dynamodb_backends.values():
        for backend in regions.values():
            if name in backend.tables:
                return backend.tables[name]
    return None


def _stored(table: Any, key: dict[str, Any]) -> dict[str, Any] | None:
    """The item as moto holds it now (wire shape), without touching moto's defaultdicts."""
    from moto.dynamodb.models.dynamo_type import DynamoType

    hashed = table.items.get(DynamoType(key[table.hash_key_attr])) if table.hash_key_attr in key else None
    if hashed is None:
        return None
    item = hashed.get(DynamoType(key[table.range_key_attr])) if table.range_key_attr else hashed
    return item.to_json()["Attributes"] if item is not None else None


def _writes(operation: str, params: dict[str, Any]) -> list[tuple[str, dict[str, Any], bool]]:
    """(table, key or item, transactional) of every item a write call touches."""
    if operation in ("PutItem",):
        return [(params["TableName"], params["Item"], False)]
    if operation in ("UpdateItem", "DeleteItem"):
        return [(params["TableName"], params["Key"], False)]
    if operation == "TransactWriteItems":
        out = []
        for entry in params["TransactItems"]:
            (_kind, action), = entry.items()
            out.append((action["TableName"], action.get("Key") or action["Item"], True))
        return out
    if operation == "BatchWriteItem":
        return [(table, (r.get("PutRequest") or {}).get("Item") or r["DeleteRequest"]["Key"], False)
                for table, requests in params["RequestItems"].items() for r in requests]
    return []


def _before(model: Any = None, params: Any = None, context: Any = None, **_: Any) -> None:
    if model is None or context is None or not _active():
        return
    context["bench_cost_params"] = params or {}  # the API parameters; after-call does not get them
    if model.service_model.service_name != "dynamodb":
        return
    touched = []
    for table_name, key_or_item, transactional in _writes(model.name, params or {}):
        table = _moto_table(table_name)
        if table is None:
            continue
        key = {a: key_or_item[a] for a in (table.hash_key_attr, table.range_key_attr) if a and a in key_or_item}
        touched.append((table, key, transactional, _stored(table, key)))
    context["bench_cost_touched"] = touched


def _index_units(table: Any, old: dict[str, Any] | None, new: dict[str, Any] | None) -> int:
    units = 0
    for index in table.global_indexes:
        names = index.schema_key_attrs
        old_key = tuple(str(old.get(n)) for n in names) if old and all(n in old for n in names) else None
        new_key = tuple(str(new.get(n)) for n in names) if new and all(n in new for n in names) else None
        if old_key and new_key and old_key == new_key:
            units += write_units(max(item_size(old), item_size(new)))
        else:
            units += (write_units(item_size(old)) if old_key else 0) + (write_units(item_size(new)) if new_key else 0)
    return units


def _after(model: Any = None, parsed: Any = None, context: Any = None, **_: Any) -> None:
    if model is None or not _active():
        return
    params = (context or {}).get("bench_cost_params", {})
    service, operation = model.service_model.service_name, model.name
    with _lock:
        for meter in _meters:
            meter.calls[f"{service}:{operation}"] += 1
    if service == "sns" and operation == "Publish":
        kind = ((params or {}).get("MessageAttributes") or {}).get("type", {}).get("StringValue", "?")
        with _lock:
            for meter in _meters:
                meter.event_types[kind] += 1
    if service != "dynamodb":
        return
    wru: Counter[str] = Counter()
    by_item: Counter[str] = Counter()
    writes: Counter[str] = Counter()
    sizes: dict[str, int] = {}
    for table, key, transactional, old in (context or {}).get("bench_cost_touched", []):
        new = _stored(table, key)
        size = max(item_size(old), item_size(new))
        units = write_units(size) * (2 if transactional else 1)
        wru["transaction" if transactional else "table"] += units
        if old != new:
            wru["index"] += (index := _index_units(table, old, new))
            units += index
        by_item[item_kind(key)] += units
        writes[item_kind(key)] += 1
        sizes[item_kind(key)] = max(sizes.get(item_kind(key), 0), size)
    rru = _read_units(operation, params or {}, parsed or {})
    with _lock:
        for meter in _meters:
            meter.wru.update(wru)
            meter.wru_by_item.update(by_item)
            meter.writes_by_item.update(writes)
            for kind, size in sizes.items():
                meter.largest[kind] = max(meter.largest.get(kind, 0), size)
            meter.rru += rru


def _read_units(operation: str, params: dict[str, Any], parsed: dict[str, Any]) -> float:
    consistent = bool(params.get("ConsistentRead"))
    if operation == "GetItem":
        return read_units(item_size(parsed.get("Item")), consistent)
    if operation in ("Query", "Scan"):
        return read_units(sum(item_size(i) for i in parsed.get("Items", [])), consistent)
    if operation == "BatchGetItem":
        return sum(read_units(item_size(i), bool(params["RequestItems"][t].get("ConsistentRead")))
                   for t, items in parsed.get("Responses", {}).items() for i in items)
    if operation == "TransactGetItems":
        return sum(2 * read_units(item_size(r.get("Item")), True) for r in parsed.get("Responses", []))
    return 0.0


# botocore emits these on every call of every client; registered like tests/support.py's counter.
handlers.BUILTIN_HANDLERS.append(("before-parameter-build", _before))
handlers.BUILTIN_HANDLERS.append(("after-call", _after))


# ---------------------------------------------------------------- the flow


def subscribed_types() -> set[str]:
    """Event types the deployed OnEvent subscription lets through (its filter policy in infra/template.yaml)."""
    text = (ROOT / "infra" / "template.yaml").read_text()
    block = text.split("FilterPolicy:", 1)[1].split("type:", 1)[1]
    types = set()
    for line in block.splitlines()[1:]:
        stripped = line.strip()
        if not stripped.startswith("- "):
            break
        types.add(stripped[2:].strip())
    return types


class Events:
    """The SNS → on_event subscription with its filter policy; the relay's own SQS calls are not counted."""

    def __init__(self, topic_arn: str) -> None:
        from app import on_event
        from infra.event_pump import EventPump

        with unmetered():
            self.pump = EventPump(topic_arn, on_event, region=TEST_ENV["AWS_REGION"], queue_name="bench-cost")
        self.types = subscribed_types()
        self.invocations = 0

    def deliver(self) -> None:
        """Hand each queued event the filter lets through to on_event, until none is left."""
        from app import on_event

        while True:
            with unmetered():
                messages = self.pump.sqs.receive_message(QueueUrl=self.pump.queue_url,
                                                         MaxNumberOfMessages=10).get("Messages", [])
            if not messages:
                return
            for message in messages:
                envelope = json.loads(message["Body"])
                kind = envelope.get("MessageAttributes", {}).get("type", {}).get("Value")
                if kind in self.types:
                    self.invocations += 1
                    on_event({"Records": [{"EventSource": "aws:sns", "Sns": {
                        "Message": envelope["Message"], "MessageAttributes": envelope.get("MessageAttributes", {}),
                        "TopicArn": envelope.get("TopicArn"), "MessageId": envelope.get("MessageId")}}]}, None)
                with unmetered():
                    self.pump.sqs.delete_message(QueueUrl=self.pump.queue_url, ReceiptHandle=message["ReceiptHandle"])


def transitions(letter_id: str) -> int:
    """State transitions of the letter (every state entered, summed over all its executions: one per wait)."""
    from tests.integration.letters_flow import finished, state_transitions

    with unmetered():
        assert finished(letter_id, 1) == "ABORTED"
        return state_transitions(letter_id)


def staff_alerts() -> dict[str, int]:
    """The scheduled staff-alert delivery's run after the life: what the notifications the life marked due cost
    to send, with the delivery cursor's read and its one move (its invocation runs every minute whatever the
    letters: a fixed cost, docs/cost.md). Run `DUE_LAG` after the life's last write, as the first run that may
    claim it does, or as at 09:00 WITA (later still) when that falls in the default quiet hours (21:00–06:00), so
    the figures do not depend on the hour of the run.
    """
    moment = now_wita() + DUE_LAG + timedelta(seconds=1)
    if not 6 <= moment.hour < 21:
        moment = (moment + timedelta(hours=12)).replace(hour=9, minute=0, second=0, microsecond=0)
    return bootstrap.container().staff_alerts.deliver_due(moment)


def letter_life(api: Any, events: Events) -> tuple[Meter, dict[str, Any]]:
    """Draft → submit → three decisions (the third signs) → copies and reactions; metered."""
    from chalicelib.adapters import pdf
    from tests.integration.letters_flow import CHAIN, DRAFTER, await_step, letter_body

    body = letter_body(addressees=[{"kind": "position", "code": "SEKRETARIS"}, {"kind": "org", "code": "BIROUMUM"},
                                   {"kind": "org", "code": "SETDA"}])
    users = [DRAFTER, *(who for who, _ in CHAIN)]
    for user in users:
        api.token(user)
    render, rendered = pdf.render_letter_pages, [0.0]

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return render(*args, **kwargs)
        finally:
            rendered[0] += time.perf_counter() - start

    pdf.render_letter_pages = timed  # type: ignore[assignment]
    requests = 0

    def call(method: str, path: str, user: str, payload: Any = None, expect: int = 200) -> Any:
        nonlocal requests
        requests += 1
        response = api.call(method, path, as_user=user, body=payload)
        assert response.status_code == expect, (path, response.status_code, response.body)
        return response.json_body

    try:
        with metering() as meter:
            letter_id = call("POST", "/letters", DRAFTER, body, 201)["id"]
            call("POST", f"/letters/{letter_id}/submit", DRAFTER)
            for who, _position in CHAIN:
                with unmetered():
                    await_step(api, who, letter_id)  # polling stands in for the reviewer's one look below
                call("GET", "/approvals", who)
                call("POST", f"/letters/{letter_id}/decision", who, {"decision": "approve"})
            steps = transitions(letter_id)
            events.deliver()
            alerts = staff_alerts()
    finally:
        pdf.render_letter_pages = render  # type: ignore[assignment]
    meter.render_seconds = rendered[0]
    signed = api.get(f"/letters/{letter_id}", as_user=DRAFTER).json_body
    assert signed["state"] == "sent", signed["state"]
    return meter, {"requests": requests, "users": len(users), "transitions": steps, "events": events.invocations,
                   "alerts": alerts, "letter": signed}


def quantities(meter: Meter, flow: dict[str, Any]) -> dict[str, float]:
    """Per letter, the priced quantities of `PRICES`."""
    calls = meter.calls
    invocations = flow["requests"] + flow["users"] + flow["events"]
    seconds = (flow["requests"] * ASSUMED["api_seconds"] + flow["users"] * ASSUMED["authorizer_seconds"]
               + flow["events"] * ASSUMED["event_seconds"] + meter.render_seconds)
    return {
        "api": flow["requests"],
        "lambda_requests": invocations,
        "lambda_gbs": seconds * ASSUMED["memory_gb"],
        "wru": sum(meter.wru.values()),
        "rru": meter.rru,
        "transitions": flow["transitions"],
        "sns": support.calls_to(calls, "sns"),
        "ses": calls["ses:SendEmail"],
        "kms": support.calls_to(calls, "kms"),
        "s3_put": calls["s3:PutObject"],
        "s3_get": calls["s3:GetObject"] + calls["s3:HeadObject"],
        "logs_gb": invocations * ASSUMED["log_kb_per_invocation"] / (1024 * 1024),
    }


def seed_orgs() -> list[str]:
    """The orgs of the demo province."""
    return [org["code"] for org in seed.ORGS]


def province_at_work(orgs: int) -> None:
    """Counters of `orgs` more orgs of the province at work this month (a letter signed, a submission answered, a
    disposition open each), so the province's monev items have the size they have in a deployed province.
    """
    from chalicelib.adapters import dynamo, monitoring_repo

    at = now_wita().isoformat()
    for i in range(orgs):
        tx = dynamo.Transaction()
        monitoring_repo.count(tx, f"OPD{i:02d}", at, gauges={"dispositions_open": 1},
                              figures={"letters_drafted": 1, "letters_signed": 1, "letter_signing_count": 1,
                                       "letter_signing_seconds": 3600, "verification_count": 1,
                                       "submissions_answered_on_time": 1})
        tx.commit()


def run(other_orgs: int = 0) -> tuple[Meter, dict[str, Any]]:
    """The metered letter life on a fresh embedded stack (with `other_orgs` more orgs' counters at work)."""
    from app import app
    from infra.local_gateway import ProjectTestClient
    from tests.conftest import Api

    with mock_aws(config=MOTO_CONFIG):
        env = local_stack.build(prefix="kv-cost")
        os.environ.update(env)
        bootstrap.reset()
        seed.seed(bootstrap.container())
        province_at_work(other_orgs)
        events = Events(env["EVENTS_TOPIC_ARN"])
        with ProjectTestClient(app, stage_name="test", project_dir=str(ROOT)) as client:
            result = letter_life(Api(client), events)
        bootstrap.reset()
    return result


def main() -> int:
    """Print the counted calls, the units and the price table; 1 when over a target. `--orgs N`: in a province
    of N orgs at work (the seed's orgs plus counters of more), where the province's monev items are larger.
    """
    other_orgs = int(sys.argv[sys.argv.index("--orgs") + 1]) - len(seed_orgs()) if "--orgs" in sys.argv else 0
    meter, flow = run(max(0, other_orgs))
    q = quantities(meter, flow)
    print("one letter's life: draft, submit, 3 decisions (the third signs), delivered to 1 position, 1 unit (cc) "
          f"and 2 other orgs{f', in a province of {len(seed_orgs()) + other_orgs} orgs at work' if other_orgs else ''}")
    print(f"  API requests {flow['requests']}, users (authorizer runs) {flow['users']}, on_event invocations "
          f"{flow['events']}, state transitions {flow['transitions']}, PDF rendering {meter.render_seconds:.2f} s")
    print(f"  staff alerts (the scheduled delivery's first run {DUE_LAG.seconds // 60} min later, or at 09:00 WITA "
          f"after quiet hours; one cursor move): {flow['alerts']['sent']} e-mails sent, {flow['alerts']['held']} held")
    print("  AWS calls: " + ", ".join(f"{k}×{n}" for k, n in sorted(meter.calls.items())))
    print("  events published: " + ", ".join(f"{k}×{n}" for k, n in sorted(meter.event_types.items())))
    print(f"  DynamoDB write units {q['wru']:.0f} (single writes {meter.wru['table']}, transactions "
          f"{meter.wru['transaction']}, index updates {meter.wru['index']}); read units {q['rru']:.1f}")
    print("  write units by item (units/writes): " + ", ".join(
        f"{k} {n}/{meter.writes_by_item[k]} ({meter.largest[k]:,} B)" for k, n in meter.wru_by_item.most_common()))
    print("\n| item | per letter | per 1,000 letters | price (ap-southeast-3) | cost per 1,000 letters |")
    print("|---|---|---|---|---|")
    costs = {key: q[key] * price * 1000 for key, (_label, price) in PRICES.items()}
    for key, (label, price) in PRICES.items():
        print(f"| {label} | {q[key]:.6g} | {q[key] * 1000:,.6g} | ${price:.10g} | ${costs[key]:.4f} |")
    total = sum(cost for key, cost in costs.items() if key not in OUTSIDE_TARGET)
    print(f"| **total** (without the e-mails) | | | | **${total:.2f}** |")
    print(f"| **total** with the e-mails | | | | **${total + sum(costs[k] for k in OUTSIDE_TARGET):.2f}** |")
    ok = q["wru"] <= TARGET_WRU and total <= TARGET_PER_1000
    print(f"\ntargets: <= {TARGET_WRU} WRU ({q['wru']:.0f}), <= ${TARGET_PER_1000:.2f} per 1,000 letters without "
          f"the e-mails (${total:.2f}): {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
