"""The outbox sender's connections to Telegram: HTTP/1.1 keep-alive, many at once, cheap.

Paid broadcasts go at up to 1,000 messages/s, which leaves about 1 ms of CPU per message
for everything. httpx (PTB's HTTPXRequest) spent several times that with many requests
open at once: its connection pool walks every connection, with a system call each, on
every request and every answer (quadratic in the connections; 50 ms of latency at
1,000/s keeps 50+ of them busy), and looks for an optional module on each request. This
request class keeps only what the sender needs: form-encoded POSTs (exactly the bodies
HTTPXRequest sends) over plain or TLS connections, idle ones kept on a stack (O(1) to
take and give back), answers by Content-Length or chunked. Errors reach PTB as they do
from HTTPXRequest: TimedOut, NetworkError, and PTB turns the status codes into
Forbidden, RetryAfter, BadRequest. Uploads of files (not sent by the outbox; media go by
file_id) are handed to an HTTPXRequest.
"""

from __future__ import annotations

import asyncio
import ssl
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from telegram._utils.defaultvalue import DefaultValue
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData

IDLE_EXPIRY = 20.0  # seconds an idle connection is kept (servers close theirs later)


@dataclass
class _Connection:
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    idle_since: float = 0.0

    def usable(self, now: float) -> bool:
        return (not self.reader.at_eof() and not self.writer.is_closing()
                and now - self.idle_since < IDLE_EXPIRY)

    def close(self) -> None:
        self.writer.close()


class KeepAliveRequest(BaseRequest):
    """A PTB request of `size` connections at most (requests beyond wait for one)."""

    def __init__(self, size: int, *, connect_timeout: float = 5.0, read_timeout: float = 5.0,
                 write_timeout: float = 5.0, pool_timeout: float = 30.0) -> None:
        self.size = size
        self._timeouts = {"connect": connect_timeout, "read": read_timeout,
                          "write": write_timeout, "pool": pool_timeout}
        self._idle: dict[tuple[str, str, int], list[_Connection]] = {}
        self._slots: asyncio.Semaphore | None = None
        self._ssl: ssl.SSLContext | None = None
        self._uploads = HTTPXRequest(connection_pool_size=4, media_write_timeout=60.0)

    @property
    def read_timeout(self) -> float | None:
        return self._timeouts["read"]

    async def initialize(self) -> None:
        await self._uploads.initialize()

    async def shutdown(self) -> None:
        for stack in self._idle.values():
            for connection in stack:
                connection.close()
        self._idle.clear()
        await self._uploads.shutdown()

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE, write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE, pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if request_data is not None and request_data.contains_files:
            return await self._uploads.do_request(url, method, request_data, read_timeout,
                                                  write_timeout, connect_timeout, pool_timeout)
        body = urlencode(request_data.json_parameters).encode() if request_data else b""
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.size)
        try:
            await asyncio.wait_for(self._slots.acquire(), self._timeout("pool", pool_timeout))
        except TimeoutError as exc:
            raise TimedOut("Pool timeout: all connections are busy") from exc
        try:
            return await self._exchange(url, method, body, read_timeout, write_timeout,
                                        connect_timeout)
        finally:
            self._slots.release()

    def _timeout(self, kind: str, given: Any) -> float | None:
        if isinstance(given, DefaultValue):
            return self._timeouts[kind]
        return given  # type: ignore[no-any-return]

    async def _exchange(self, url: str, method: str, body: bytes, read_timeout: Any,
                        write_timeout: Any, connect_timeout: Any) -> tuple[int, bytes]:
        parts = urlsplit(url)
        tls = parts.scheme == "https"
        host = parts.hostname or ""
        port = parts.port or (443 if tls else 80)
        origin = (parts.scheme, host, port)
        connection = self._take(origin)
        if connection is None:
            connection = await self._connect(host, port, tls,
                                             self._timeout("connect", connect_timeout))
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        head = (f"{method} {target} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
                f"Accept: */*\r\nUser-Agent: asn-corpu-bot outbox\r\n")
        if body or method == "POST":
            head += ("Content-Type: application/x-www-form-urlencoded\r\n"
                     f"Content-Length: {len(body)}\r\n")
        keep = False
        try:
            connection.writer.write(head.encode("latin-1") + b"\r\n" + body)
            await asyncio.wait_for(connection.writer.drain(),
                                   self._timeout("write", write_timeout))
            status, payload, keep = await asyncio.wait_for(
                _read_response(connection.reader), self._timeout("read", read_timeout))
        except TimeoutError as exc:
            raise TimedOut from exc
        except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
            raise NetworkError(f"Request failed: {exc!r}") from exc
        finally:
            if keep:
                connection.idle_since = time.monotonic()
                self._idle.setdefault(origin, []).append(connection)
            else:
                connection.close()
        return status, payload

    def _take(self, origin: tuple[str, str, int]) -> _Connection | None:
        stack = self._idle.get(origin)
        now = time.monotonic()
        while stack:
            connection = stack.pop()  # the most recent: the least likely to be closed
            if connection.usable(now):
                return connection
            connection.close()
        return None

    async def _connect(self, host: str, port: int, tls: bool, timeout: float | None) -> _Connection:
        if tls and self._ssl is None:
            self._ssl = _ssl_context()
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection(host, port, ssl=self._ssl if tls else None), timeout)
        except TimeoutError as exc:
            raise TimedOut("Connect timeout") from exc
        except OSError as exc:
            raise NetworkError(f"Connection failed: {exc!r}") from exc
        return _Connection(reader, writer)


def _ssl_context() -> ssl.SSLContext:
    try:
        import certifi  # what httpx verifies against

        return ssl.create_default_context(cafile=certifi.where())
    except ImportError:  # pragma: no cover - the system's certificates
        return ssl.create_default_context()


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes, bool]:
    """(status, body, whether the connection may be used again)."""
    status_line = await reader.readline()
    if not status_line:
        raise asyncio.IncompleteReadError(b"", None)
    version, status, *_ = status_line.decode("latin-1").split(" ", 2)
    headers: dict[str, str] = {}
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n"):
            break
        if not line:
            raise asyncio.IncompleteReadError(b"", None)
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        chunks = []
        while True:
            size = int((await reader.readline()).split(b";", 1)[0], 16)
            chunk = await reader.readexactly(size + 2)  # with its CRLF
            if size == 0:
                break
            chunks.append(chunk[:-2])
        payload = b"".join(chunks)
    elif "content-length" in headers:
        payload = await reader.readexactly(int(headers["content-length"]))
    else:
        payload = await reader.read()  # to the end: the connection is done
        return int(status), payload, False
    connection = headers.get("connection", "").lower()
    keep = connection != "close" and (version == "HTTP/1.1" or connection == "keep-alive")
    return int(status), payload, keep
