"""Benchmarks: AWS calls per request (`python -m bench.requests`) and import cost (`python -m bench.import_cost`)."""
