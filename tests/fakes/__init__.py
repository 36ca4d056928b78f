"""In-memory fakes of the ports the services depend on: dicts behind the same methods, with the same conditional
writes (a duplicate create, a stale version or a decided step raise the same domain errors as DynamoDB's
adapters), so the use cases run in unit tests without moto.
"""
