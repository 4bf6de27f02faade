"""Fixtures of the attack tests: a server that counts what is fetched, and a secret file."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest


class Canary:
    """A local HTTP server that records every request made to it; it should record none."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        canary = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                canary.requests.append(self.path)
                body = b'<!ENTITY leak "FETCHED">' if self.path.endswith(".dtd") else b"FETCHED"
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="session")
def canary_server() -> Iterator[Canary]:
    server = Canary()
    yield server
    server.close()


@pytest.fixture
def canary(canary_server: Canary) -> Iterator[Canary]:
    """The counting server, its record emptied; the test fails if anything was fetched."""
    canary_server.requests.clear()
    yield canary_server
    assert canary_server.requests == [], f"fetched: {canary_server.requests}"


SECRET = "SECRET-8c1f0e"


@pytest.fixture(scope="session")
def secret(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A local file an XXE would read; its text must never appear in a report."""
    path = tmp_path_factory.mktemp("secret") / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path
