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
        try:
            from dask.distributed import Client
        except ImportError:
            from resdiff.core.errors import MissingExtra

            raise MissingExtra("--scheduler needs dask.distributed: pip install 'resdiff[dask]'") from None
        client = Client(scheduler)
        try:

            def dask_map(fn: Callable, jobs: Iterable) -> Iterator:
                futures = client.map(fn, list(jobs), pure=False)
                for future in futures:
                    yield future.result()

            yield dask_map
        finally:
            client.close()
        return
    workers = workers or default_workers()
    if workers == 1:
        yield map
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield lambda fn, jobs: pool.map(fn, jobs, chunksize=1)
