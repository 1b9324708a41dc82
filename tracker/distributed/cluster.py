"""A Dask client from what the user names: `local`, `local:N`, or a scheduler's address.

`local` starts a LocalCluster on this machine, one worker process per core
(`local:N`: N workers), each with one thread: extraction is pure Python, so
threads in one process would only take turns.  It listens on 127.0.0.1,
serves no dashboard, and keeps its own logs quiet (a worker restarted, a
heartbeat lost as it shuts down): what a user needs, a partition that
failed, the scan reports itself.  Anything else is the address of a running scheduler
(`tcp://host:8786`), which may be on Kubernetes, YARN or an HPC scheduler.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from distributed import Client

CONNECT_TIMEOUT = "10s"
INSTALL = "pip install 'tracker[dask]'"


class ClusterError(Exception):
    """The scheduler's name is not understood, or it cannot be reached."""


class MissingDask(ClusterError, ImportError):
    """dask or distributed is not installed: an ImportError to Python callers, a usage error on the command line."""


def require_dask(what: str) -> None:
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as err:
        raise MissingDask(f"{what} needs dask and distributed, which are not installed ({err.name}): {INSTALL}") \
            from None


def local_workers(scheduler: str) -> int | None:
    """N for `local:N`, this machine's cores for `local`, None for a scheduler's address."""
    if scheduler == "local":
        return os.cpu_count() or 1
    if not scheduler.startswith("local:"):
        return None
    count = scheduler.removeprefix("local:")
    if not count.isdigit() or int(count) < 1:
        raise ClusterError(f"--dask {scheduler}: expected local, local:N with N workers (N >= 1), "
                           "or a scheduler address such as tcp://host:8786")
    return int(count)


@contextmanager
def connect(scheduler: str) -> Iterator[Client]:
    require_dask("--dask")
    from distributed import Client, LocalCluster

    workers = local_workers(scheduler)
    if workers is not None:
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None, silence_logs=logging.CRITICAL) as cluster, Client(cluster) as client:
            yield client
        return
    if "://" not in scheduler:
        raise ClusterError(f"--dask {scheduler}: expected local, local:N, or a scheduler address such as "
                           "tcp://host:8786")
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as err:
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from None
    with client:
        yield client
