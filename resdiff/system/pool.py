"""Run the per-pair work over many pairs: in this process, a process pool, or a Dask cluster.

The work on a pair is a pure function of two stored versions (they travel with the job, so a
worker needs no store and no shared disk), and the map over the pairs takes an executor:
``concurrent.futures`` by default, ``dask.distributed`` with a scheduler address (the optional
extra ``resdiff[dask]``). Results come back in the order of the jobs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

Mapper = Callable[[Callable[[Any], Any], Iterable[Any]], Iterable[Any]]


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


@contextmanager
def executor(workers: int | None = None, scheduler: str | None = None) -> Iterator[Mapper]:
    """A ``map(fn, jobs)`` that runs ``fn`` on the jobs, in order.

    ``scheduler``: the address of a Dask scheduler (``tcp://host:8786``) to run on a cluster;
    otherwise a process pool of ``workers`` processes (default: the CPUs this process may use),
    or this process alone when ``workers`` is 1.
    """
    if scheduler:
        with _dask_map(scheduler) as dask_map:
            yield dask_map
        return
    workers = workers or default_workers()
    if workers == 1:
        yield map
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield lambda fn, jobs: pool.map(fn, jobs, chunksize=1)


@contextmanager
def _dask_map(address: str) -> Iterator[Mapper]:
    """The map over a Dask cluster, within deadlines: connecting, finding a worker and the first
    result each take at most their limit (:mod:`resdiff.core.limits`), and a failure is one
    :class:`~resdiff.core.errors.SchedulerFailed`, never a wait without end or a traceback."""
    from resdiff.core import limits
    from resdiff.core.errors import MissingExtra, SchedulerFailed, quoted

    where = _scheduler_address(address)
    try:
        from dask.distributed import Client
    except ImportError:
        raise MissingExtra("--scheduler needs dask.distributed: pip install 'resdiff[dask]'") from None
    import logging

    logging.getLogger("distributed").setLevel(logging.CRITICAL)  # its diary is not the user's to read
    import threading

    # Dask's own timeout does not bound every handshake (a port that speaks HTTP keeps it waiting):
    # the client is made in a thread of its own, given up on at the deadline.
    made: list = []

    def connect() -> None:
        try:
            made.append(Client(where, timeout=limits.SCHEDULER_CONNECT_SECONDS, set_as_default=False))
        except Exception as e:  # noqa: BLE001 - whatever the handshake met (HTTP, a closed port) is one line
            made.append(e)

    thread = threading.Thread(target=connect, daemon=True)
    thread.start()
    thread.join(limits.SCHEDULER_CONNECT_SECONDS + 2)
    client = made[0] if made else TimeoutError()
    if isinstance(client, Exception):
        raise SchedulerFailed(
            f"no Dask scheduler answered at {quoted(address)} within {limits.SCHEDULER_CONNECT_SECONDS:g} s "
            f"({type(client).__name__}{': ' + str(client)[:120] if str(client) else ''})"
        ) from None
    try:
        try:
            client.wait_for_workers(1, timeout=limits.SCHEDULER_FIRST_TASK_SECONDS)
        except Exception:  # noqa: BLE001 - a TimeoutError, or the scheduler gone meanwhile
            raise SchedulerFailed(
                f"the Dask scheduler at {quoted(address)} has no workers "
                f"(none joined within {limits.SCHEDULER_FIRST_TASK_SECONDS:g} s); start one with `dask worker {where}`"
            ) from None

        def dask_map(fn: Callable, jobs: Iterable) -> Iterator:
            futures = client.map(fn, list(jobs), pure=False)
            for k, future in enumerate(futures):
                if k:
                    yield future.result()
                    continue
                try:
                    first = future.result(timeout=limits.SCHEDULER_FIRST_TASK_SECONDS)
                except TimeoutError:
                    raise SchedulerFailed(
                        f"the Dask cluster at {quoted(address)} returned no result within "
                        f"{limits.SCHEDULER_FIRST_TASK_SECONDS:g} s"
                    ) from None
                yield first

        yield dask_map
    finally:
        client.close(timeout=limits.SCHEDULER_CONNECT_SECONDS)


def _scheduler_address(address: str) -> str:
    """``address`` as Dask reads it (``tcp://host:port``; ``host:port`` means tcp), or a one-line
    error for anything else.

    >>> _scheduler_address("localhost:8786"), _scheduler_address("tls://10.0.0.1:8786")
    ('tcp://localhost:8786', 'tls://10.0.0.1:8786')
    """
    from urllib.parse import urlsplit

    from resdiff.core.errors import SchedulerFailed, quoted

    if address.startswith("inproc://"):  # a cluster in this process (tests, notebooks)
        return address
    full = address if "://" in address else f"tcp://{address}"
    try:
        parts = urlsplit(full)
        port = parts.port
    except ValueError:
        port, parts = None, None
    if parts is None or parts.scheme not in ("tcp", "tls") or not parts.hostname or port is None:
        raise SchedulerFailed(
            f"not a Dask scheduler address: {quoted(address)} (give tcp://HOST:PORT, e.g. tcp://localhost:8786)"
        )
    return f"{parts.scheme}://{parts.netloc}"
