"""Tests of disclosure_report.serialise."""
