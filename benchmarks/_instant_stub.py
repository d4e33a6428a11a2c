"""A minimal, instant SmartLead stub for benchmarks: run it in its own process.

It speaks just enough HTTP/1.1 (keep-alive, ``Content-Length`` bodies) to answer, at once:

* ``POST .../leads``: every row uploaded (the rows are counted by their ``"email"`` keys, so the
  body is never parsed);
* any other ``GET``: a small campaign object (the small-GET figure);
* ``GET /__stats``: ``{"posts", "gets", "first_post"}`` (``first_post`` is ``time.time()`` of the
  first add-leads request since the last ``POST /__reset``), for the CLI's first-request figure.

It does as little as possible per request, so that the client's CPU is what a benchmark measures.

    python benchmarks/_instant_stub.py [--port 0]      # prints "listening <port>"
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time

CAMPAIGN = json.dumps({"id": 1, "name": "bench", "status": "ACTIVE", "user_id": 7}).encode()


def _added(rows: int) -> bytes:
    return json.dumps(
        {
            "ok": True,
            "upload_count": rows,
            "total_leads": rows,
            "already_added_to_campaign": 0,
            "duplicate_count": 0,
            "invalid_email_count": 0,
            "invalid_emails": [],
            "unsubscribed_leads": [],
            "block_count": 0,
            "bounce_count": 0,
            "is_lead_limit_exhausted": False,
        }
    ).encode()


_ADDED = {rows: _added(rows) for rows in range(101)}


class Stats:
    def __init__(self) -> None:
        self.posts = 0
        self.gets = 0
        self.first_post: float | None = None


def _response(body: bytes) -> bytes:
    head = (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
        + str(len(body)).encode()
        + b"\r\n\r\n"
    )
    return head + body


class StubProtocol(asyncio.Protocol):
    def __init__(self, stats: Stats) -> None:
        self.stats = stats
        self.buffer = b""
        self.transport: asyncio.WriteTransport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = self.buffer[:end]
            start = head.lower().find(b"content-length:")
            length = 0
            if start >= 0:
                stop = head.find(b"\r\n", start)
                length = int(head[start + 15 : stop if stop >= 0 else None])
            if len(self.buffer) < end + 4 + length:
                return
            body = self.buffer[end + 4 : end + 4 + length]
            self.buffer = self.buffer[end + 4 + length :]
            assert self.transport is not None
            self.transport.write(self.answer(head, body))

    def answer(self, head: bytes, body: bytes) -> bytes:
        stats = self.stats
        request_line = head[: head.find(b"\r\n")]
        if request_line.startswith(b"GET /__stats"):
            data = {"posts": stats.posts, "gets": stats.gets, "first_post": stats.first_post}
            return _response(json.dumps(data).encode())
        if request_line.startswith(b"POST /__reset"):
            self.stats.__init__()  # type: ignore[misc]
            return _response(b"{}")
        if request_line.startswith(b"POST"):
            if stats.first_post is None:
                stats.first_post = time.time()
            stats.posts += 1
            return _response(_ADDED[min(body.count(b'"email"'), 100)])
        stats.gets += 1
        return _response(CAMPAIGN)


async def serve(port: int) -> None:
    stats = Stats()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: StubProtocol(stats), "127.0.0.1", port)
    print(f"listening {server.sockets[0].getsockname()[1]}", flush=True)
    async with server:
        await server.serve_forever()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    try:
        import uvloop  # noqa: PLC0415  (optional: the stub is only faster with it)
    except ImportError:
        asyncio.run(serve(args.port))
    else:
        uvloop.run(serve(args.port))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
