"""Benchmarks of disclosure_report (pytest-benchmark); run with ``--benchmark-enable``."""
