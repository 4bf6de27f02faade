"""Tests of disclosure_report.validate."""
