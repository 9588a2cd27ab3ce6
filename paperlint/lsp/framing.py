"""LSP's base protocol for a client: Content-Length framed JSON messages over a byte stream.

The server side is pygls's; this is what the test suite's and bench/lsp.py's clients speak.
"""
from __future__ import annotations

import json


def frame(msg: dict) -> bytes:
    """One message as it goes on the wire."""
    body = json.dumps(msg).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read_message(stream) -> dict | None:
    """The next message from a binary stream, or None at its end."""
    headers = {}
    while True:
        line = stream.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        key, _, value = line.decode("ascii").partition(":")
        headers[key.strip().lower()] = value.strip()
    return json.loads(stream.read(int(headers["content-length"])))
