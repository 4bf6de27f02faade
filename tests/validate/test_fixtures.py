"""Every validator code has a fixture (tests/validate/fixtures.py), and the fixture holds."""

from __future__ import annotations

import pytest

from disclosure_report.diagnostics import PARSER_CODES, RULE_CODES

from .fixtures import FIXTURES


def test_every_code_has_a_fixture() -> None:
    missing = sorted(set(RULE_CODES) - set(FIXTURES))
    assert not missing, f"codes without a fixture in tests/validate/fixtures.py: {missing}"
    assert not set(FIXTURES) - set(RULE_CODES)
    assert not set(FIXTURES) & set(PARSER_CODES)  # the parser's codes are the parser tests'


@pytest.mark.parametrize("code", sorted(FIXTURES))
def test_the_fixture_gives_its_findings(code: str) -> None:
    fixture = FIXTURES[code]
    found = [d for d in fixture.run() if d.code == code]
    assert [(d.severity, d.location.path) for d in found] == list(fixture.expected), [
        str(d) for d in found
    ]
    for finding in found:
        for lang in ("zh", "en"):
            assert finding.text(lang, fallback="\0") not in {"", "\0"}, (code, lang)
