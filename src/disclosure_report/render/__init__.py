"""Render a report in the official layout (being written)."""
