"""fetch against a misbehaving server on 127.0.0.1: every answer is one clean error within the deadline."""

from __future__ import annotations

import gzip
import socket
import socketserver
import struct
import threading
import time

import pytest

from resdiff.core.errors import FetchFailed
from resdiff.store.fetch import Policy, download_url

DEADLINE = 1.5
POLICY = Policy(timeout=DEADLINE, attempts=1, backoff=0.01, max_bytes=200_000)
PDF = b"%PDF-1.4\n" + b"0" * 5000 + b"\n%%EOF\n"


class Hostile(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        sock: socket.socket = self.request
        request = b""
        try:
            while b"\r\n\r\n" not in request:
                chunk = sock.recv(4096)
                if not chunk:
                    return
                request += chunk
            path = request.split(b" ")[1].decode()
            getattr(self, "case_" + path.strip("/").replace("-", "_"))(sock)
        except OSError:  # the client gave up: expected in half of these cases
            pass

    @staticmethod
    def drip(sock: socket.socket, data: bytes, every: float = 0.2) -> None:
        for b in data:
            sock.sendall(bytes([b]))
            time.sleep(every)

    def case_drip_headers(self, sock):
        sock.sendall(b"HTTP/1.1 200 OK\r\n")
        self.drip(sock, b"X-Slow: " + b"a" * 200 + b"\r\n\r\n")

    def case_drip_body(self, sock):
        sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: 5000\r\n\r\n%PDF-")
        self.drip(sock, b"0" * 5000)

    def case_garbage(self, sock):
        sock.sendall(b"\x00\xffgarbage that is no status line\r\n\r\n")

    def case_many_headers(self, sock):
        sock.sendall(b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-H%d: v\r\n" % k for k in range(500)) + b"\r\n" + PDF)

    def case_huge_header(self, sock):
        sock.sendall(b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * 200_000 + b"\r\n\r\n" + PDF)

    def case_reset_chunked(self, sock):
        sock.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n100\r\n%PDF-" + b"0" * 50)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close with RST
        sock.close()

    def case_bad_chunk(self, sock):
        sock.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n%PDF-\r\n0\r\n\r\n")

    def case_short_body(self, sock):
        sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 9000\r\n\r\n" + PDF[:100])

    def case_bad_length(self, sock):
        sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n" + PDF)

    def case_loop_a(self, sock):
        sock.sendall(b"HTTP/1.1 302 Found\r\nLocation: /loop-b\r\nContent-Length: 0\r\n\r\n")

    def case_loop_b(self, sock):
        sock.sendall(b"HTTP/1.1 302 Found\r\nLocation: /loop-a\r\nContent-Length: 0\r\n\r\n")

    def case_no_location(self, sock):
        sock.sendall(b"HTTP/1.1 302 Found\r\nContent-Length: 0\r\n\r\n")

    def case_gzip(self, sock):
        body = gzip.compress(PDF)
        sock.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Encoding: gzip\r\n"
            b"Content-Length: %d\r\n\r\n" % len(body) + body
        )

    def case_gzip_bomb(self, sock):
        body = gzip.compress(b"%PDF-" + b"0" * 20_000_000)
        sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n" % len(body) + body)

    def case_bad_gzip(self, sock):
        sock.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 20\r\n\r\n" + b"\x1f\x8b" + b"x" * 18
        )

    def case_brotli(self, sock):
        sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Encoding: br\r\nContent-Length: 5\r\n\r\n%PDF-")

    def case_silent(self, sock):
        time.sleep(DEADLINE * 3)

    def case_close(self, sock):
        sock.close()


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


@pytest.fixture(scope="module")
def base():
    server = Server(("127.0.0.1", 0), Hostile)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "case, message",
    [
        ("drip-headers", f"no answer within {DEADLINE:g} s"),
        ("drip-body", f"no answer within {DEADLINE:g} s"),
        ("silent", f"no answer within {DEADLINE:g} s"),
        ("garbage", "malformed answer"),
        ("many-headers", "malformed answer"),
        ("huge-header", "malformed answer"),
        ("reset-chunked", "cut short|no answer"),
        ("bad-chunk", "malformed answer|cut short"),
        ("short-body", "cut short"),
        ("loop-a", "a redirect loop: .*/loop-a -> .*/loop-b -> .*/loop-a"),
        ("no-location", "without a Location"),
        ("gzip-bomb", "over the limit of 200000 bytes once decompressed"),
        ("bad-gzip", "damaged gzip body"),
        ("brotli", "Content-Encoding 'br'"),
        ("close", "malformed answer|no answer"),
    ],
)
def test_a_misbehaving_server_gets_one_clean_error_within_the_deadline(base: str, case: str, message: str):
    started = time.monotonic()
    with pytest.raises(FetchFailed, match=message) as failure:
        download_url(f"{base}/{case}", POLICY)
    assert time.monotonic() - started < DEADLINE + 2
    assert "\n" not in str(failure.value) and "Traceback" not in str(failure.value)


def test_a_gzip_encoded_pdf_is_accepted(base: str):
    got = download_url(f"{base}/gzip", POLICY)
    assert got.data == PDF


def test_a_negative_content_length_is_read_to_the_end(base: str):
    assert download_url(f"{base}/bad-length", POLICY).data == PDF


def test_a_malformed_answer_is_retried_then_reported(base: str):
    started = time.monotonic()
    with pytest.raises(FetchFailed, match="after 2 attempts"):
        download_url(f"{base}/garbage", Policy(timeout=DEADLINE, attempts=2, backoff=0.05))
    assert time.monotonic() - started < 2 * DEADLINE + 2
