"""A small HTTP/1.1 client on asyncio streams: keep-alive when the server allows it, nothing else.

The load generator needs exactly this and no more, and the project's virtualenv carries no asynchronous HTTP
client (httpx, aiohttp). Gunicorn's sync workers close every connection after one answer (``Connection: close``),
so most requests open a connection of their own on loopback; a server that keeps connections alive gets them
reused. A connection is never shared by two requests at a time.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field

MAX_HEADER_BYTES = 64 * 1024


class HTTPError(Exception):
    """The server's answer could not be read (closed early, malformed)."""


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    reused: bool = False
    """Whether the request went over a connection kept from an earlier request."""
    cookies: dict[str, str] = field(default_factory=dict)
    """Name and value of each Set-Cookie (attributes left out)."""
    sent_at: float = 0.0
    """The event loop's time when the request was written, after a connection was free."""


@dataclass
class _Connection:
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    used: int = 0

    def close(self) -> None:
        # Closing a broken socket may fail in any way; it is gone either way.
        with contextlib.suppress(Exception):
            self.writer.close()


@dataclass
class ConnectionPool:
    """At most ``limit`` connections to one host, each used by one request at a time; idle ones are reused.

    ``acquire`` waits while all ``limit`` connections are busy: the caller bounds that wait with its own
    timeout (the load generator's deadline from the intended send time), so a wait is counted, never hidden.
    """

    host: str
    port: int
    limit: int = 100
    _idle: list[_Connection] = field(default_factory=list)
    _open: int = 0
    _freed: asyncio.Condition | None = None
    opened: int = 0
    """Connections opened so far (a measure of how often the server closed them)."""

    def _condition(self) -> asyncio.Condition:
        if self._freed is None:
            self._freed = asyncio.Condition()
        return self._freed

    async def acquire(self) -> _Connection:
        freed = self._condition()
        async with freed:
            while not self._idle and self._open >= self.limit:
                await freed.wait()
            if self._idle:
                return self._idle.pop()
            self._open += 1
        try:
            reader, writer = await asyncio.open_connection(self.host, self.port, limit=MAX_HEADER_BYTES)
        except BaseException:
            await self._release(None)
            raise
        self.opened += 1
        return _Connection(reader, writer)

    async def _release(self, connection: _Connection | None, *, keep: bool = False) -> None:
        freed = self._condition()
        async with freed:
            if connection is not None and keep:
                self._idle.append(connection)
            else:
                if connection is not None:
                    connection.close()
                self._open -= 1
            freed.notify()

    async def get(
        self, path: str, headers: dict[str, str] | None = None, on_sent: Callable[[float], None] | None = None
    ) -> Response:
        """One GET over a pooled connection. Raises OSError, HTTPError or asyncio.CancelledError (a timeout).
        ``on_sent`` is told the loop's time when the request goes out (also when no answer comes)."""
        return await self.request("GET", path, headers, on_sent=on_sent)

    async def request(
        self,
        method: str,
        path: str,
        headers: dict[str, str] | None = None,
        body: bytes = b"",
        on_sent: Callable[[float], None] | None = None,
    ) -> Response:
        connection = await self.acquire()
        sent_at = asyncio.get_running_loop().time()
        if on_sent is not None:
            on_sent(sent_at)
        reused = connection.used > 0
        keep = False
        try:
            lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", "Connection: keep-alive"]
            lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
            if body or method not in ("GET", "HEAD"):
                lines.append(f"Content-Length: {len(body)}")
            connection.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
            await connection.writer.drain()
            response = await _read_response(connection.reader)
            response.reused = reused
            response.sent_at = sent_at
            connection.used += 1
            keep = response.headers.get("connection", "").lower() != "close"
            return response
        finally:
            # A cancelled or failed request leaves the connection in an unknown state: it is closed, not reused.
            await self._release(connection, keep=keep)

    async def close(self) -> None:
        freed = self._condition()
        async with freed:
            for connection in self._idle:
                connection.close()
                self._open -= 1
            self._idle.clear()


async def _read_response(reader: asyncio.StreamReader) -> Response:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as error:
        raise HTTPError("connection closed before the answer's headers") from error
    except asyncio.LimitOverrunError as error:
        raise HTTPError("headers too long") from error
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    parts = status_line.split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
        raise HTTPError(f"malformed status line {status_line!r}")
    status = int(parts[1])
    headers: dict[str, str] = {}
    cookies: dict[str, str] = {}
    for line in header_lines:
        if ":" in line:
            name, value = line.split(":", 1)
            name = name.strip().lower()
            value = value.strip()
            if name == "set-cookie":
                cookie_name, _, cookie_value = value.split(";", 1)[0].partition("=")
                cookies[cookie_name.strip()] = cookie_value.strip()
            # Repeated headers (Set-Cookie, Vary) are joined; the generator reads only single-valued ones.
            headers[name] = f"{headers[name]}, {value}" if name in headers else value
    if status in (204, 304) or 100 <= status < 200:
        body = b""
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        body = await _read_chunked(reader)
    elif "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    else:  # the body runs until the server closes the connection
        body = await reader.read()
        headers["connection"] = "close"
    return Response(status=status, headers=headers, body=body, cookies=cookies)


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    chunks = []
    while True:
        size_line = await reader.readline()
        size = int(size_line.split(b";")[0].strip() or b"0", 16)
        if size == 0:
            while (await reader.readline()) not in (b"\r\n", b""):
                pass  # trailers
            return b"".join(chunks)
        chunks.append(await reader.readexactly(size))
        await reader.readexactly(2)
