"""Benchmarks of Sociaal Huis: ``python -m benchmarks [name ...] [-- options]``."""
