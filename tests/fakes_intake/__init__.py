"""In-memory fakes of the intake ports (chalicelib/services/intake_ports.py), for unit tests without moto."""
