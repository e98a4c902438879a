"""One HTTP GET with a total deadline and a size limit, for :mod:`resdiff.store.fetch`.

urllib's timeout bounds each read of the socket, not the request: a server that sends one byte
a second (in the headers or the body) keeps it waiting forever. Here a watchdog shuts the
connection down when the deadline passes, whatever phase the request is in (connecting,
reading headers, reading the body), so one request never takes longer than its deadline.
Redirects are followed (at most :data:`MAX_REDIRECTS`, loops named); a body sent with
``Content-Encoding: gzip`` or ``deflate`` is decompressed, the size limit applying after
decompression too; a malformed answer (garbage status line, too many or too long headers, a
body cut short) is one :class:`NoAnswer`, never an exception from the standard library.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from resdiff.core.errors import DownloadRefused, HTTPStatusError, NoAnswer

MAX_REDIRECTS = 5
_REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(frozen=True)
class Response:
    final_url: str
    content_type: str
    data: bytes


def get(url: str, headers: dict[str, str], deadline: float, max_bytes: int) -> Response:
    """GET ``url`` within ``deadline`` seconds in all, following redirects; at most ``max_bytes``
    of (decompressed) body."""
    end = time.monotonic() + deadline
    visited = [url]
    for _ in range(MAX_REDIRECTS + 1):
        status, location, response = _get_once(url, headers, end, deadline, max_bytes)
        if response is not None:
            return response
        if status not in _REDIRECTS:
            raise HTTPStatusError(status, location)
        if not location:
            raise NoAnswer(f"a redirect (HTTP {status}) without a Location")
        url = urljoin(url, location)
        if url in visited:
            raise DownloadRefused(f"a redirect loop: {' -> '.join(visited + [url])}")
        visited.append(url)
    raise DownloadRefused(f"more than {MAX_REDIRECTS} redirects: {' -> '.join(visited)}")


def _get_once(
    url: str, headers: dict[str, str], end: float, deadline: float, max_bytes: int
) -> tuple[int, str, Response | None]:
    """One request: (status, Location or reason, None) for a redirect or an error status, else
    (200, '', the response)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DownloadRefused(f"not an http(s) address: {url!r}")
    left = end - time.monotonic()
    if left <= 0:
        raise NoAnswer(f"no answer within {deadline:g} s (connecting, headers and body)")
    kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    try:
        conn = kind(parts.hostname, parts.port, timeout=left)
    except (ValueError, http.client.InvalidURL) as e:
        raise DownloadRefused(f"not a valid address {url!r} ({e})") from None
    expired = threading.Event()

    def abort() -> None:
        expired.set()
        sock = conn.sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    watchdog = threading.Timer(left, abort)
    watchdog.daemon = True
    watchdog.start()
    try:
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        conn.request("GET", path, headers={**headers, "Accept-Encoding": "gzip, deflate"})
        resp = conn.getresponse()
        if resp.status in _REDIRECTS:
            return resp.status, resp.getheader("Location", ""), None
        if not 200 <= resp.status < 300:
            return resp.status, resp.reason or "", None
        encoding = (resp.getheader("Content-Encoding") or "identity").strip().lower()
        length = resp.getheader("Content-Length", "")
        if encoding == "identity" and length.isdigit() and int(length) > max_bytes:
            raise DownloadRefused(f"the file is {int(length)} bytes, over the limit of {max_bytes}")
        body = bytearray()
        while chunk := resp.read(1 << 16):
            body += chunk
            if len(body) > max_bytes:
                raise DownloadRefused(f"the file is over the limit of {max_bytes} bytes")
        if expired.is_set():
            raise NoAnswer(f"no answer within {deadline:g} s (connecting, headers and body)")
        if resp.length:  # http.client's reads in pieces do not notice a body shorter than announced
            raise NoAnswer(
                f"the answer was cut short ({len(body)} bytes received, {len(body) + resp.length} announced)"
            )
        data = _decoded(bytes(body), encoding, max_bytes)
        return 200, "", Response(url, resp.getheader("Content-Type", ""), data)
    except (http.client.HTTPException, OSError, ValueError) as e:
        # The socket's own timeout (set to the time left) and the watchdog end at the same moment;
        # on a loaded machine the socket's may win, before the watchdog's thread has run.
        if expired.is_set() or time.monotonic() >= end:
            raise NoAnswer(f"no answer within {deadline:g} s (connecting, headers and body)") from None
        raise NoAnswer(_describe(e)) from None
    finally:
        watchdog.cancel()
        conn.close()


def _decoded(data: bytes, encoding: str, max_bytes: int) -> bytes:
    if encoding in ("identity", ""):
        return data
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise DownloadRefused(
            f"the server sent the file with Content-Encoding {encoding!r}, which resdiff does not read"
        )
    try:
        d = zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib, recognised from the header
        out = d.decompress(data, max_bytes + 1)
    except zlib.error as e:
        raise NoAnswer(f"a damaged {encoding} body ({e})") from None
    if len(out) > max_bytes or d.unconsumed_tail:
        raise DownloadRefused(f"the file is over the limit of {max_bytes} bytes once decompressed")
    return out


def _describe(e: Exception) -> str:
    if isinstance(e, http.client.IncompleteRead):
        return f"the answer was cut short ({len(e.partial)} bytes received)"
    if isinstance(e, http.client.BadStatusLine):
        return "a malformed answer (not an HTTP status line)"
    if isinstance(e, http.client.LineTooLong):
        return "a malformed answer (a header line too long)"
    if isinstance(e, http.client.HTTPException):
        return f"a malformed answer ({type(e).__name__}: {str(e)[:100]})"
    if isinstance(e, socket.timeout):
        return "no answer (timed out)"
    if isinstance(e, OSError):
        return f"no answer ({e.strerror or e})"
    return f"a malformed answer ({str(e)[:100]})"
