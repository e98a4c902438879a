"""--scheduler against misbehaving Dask endpoints: a bad address, a closed port, a port that speaks
HTTP, a scheduler without workers. Each is one line within its deadline, never a hang or a traceback."""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from resdiff.core import limits
from resdiff.core.errors import SchedulerFailed
from resdiff.system.pool import executor


@pytest.mark.parametrize("address", ["http://localhost:8786", "localhost", "tcp://:8786", "tcp://host:port", "\x1b[2J"])
def test_a_bad_address_is_one_line(address: str):
    started = time.monotonic()
    with pytest.raises(SchedulerFailed, match="not a Dask scheduler address") as err, executor(scheduler=address):
        pass
    assert time.monotonic() - started < 2 and "\x1b" not in str(err.value)


@pytest.fixture
def short_limits(monkeypatch: pytest.MonkeyPatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr(limits, "SCHEDULER_CONNECT_SECONDS", 2.0)
    monkeypatch.setattr(limits, "SCHEDULER_FIRST_TASK_SECONDS", 2.0)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_closed_port_is_an_error_within_the_deadline(short_limits):
    started = time.monotonic()
    with (
        pytest.raises(SchedulerFailed, match="no Dask scheduler answered"),
        executor(scheduler=f"tcp://127.0.0.1:{_free_port()}"),
    ):
        pass
    assert time.monotonic() - started < 20


def test_a_port_that_speaks_http_is_an_error_within_the_deadline(short_limits):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.end_headers()

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        started = time.monotonic()
        with (
            pytest.raises(SchedulerFailed, match="no Dask scheduler answered"),
            executor(scheduler=f"tcp://127.0.0.1:{httpd.server_address[1]}"),
        ):
            pass
        assert time.monotonic() - started < 20
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_scheduler_without_workers_is_an_error_within_the_deadline(short_limits):
    from distributed import LocalCluster

    with LocalCluster(n_workers=0, processes=False, protocol="tcp://", dashboard_address=None) as cluster:
        started = time.monotonic()
        with pytest.raises(SchedulerFailed, match="has no workers"), executor(scheduler=cluster.scheduler_address):
            pass
        assert time.monotonic() - started < 20


def test_a_working_cluster_maps_in_order(short_limits):
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, protocol="tcp://", dashboard_address=None
    ) as cluster:
        with executor(scheduler=cluster.scheduler_address) as run:
            assert list(run(abs, [-3, 1, -2])) == [3, 1, 2]
