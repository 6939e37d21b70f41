"""``--dask SPEC``: a client of a running scheduler, or of a LocalCluster started here."""
from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from typing import Any, Iterator

from reader.cluster import ClusterUnavailable, require_dask

CONNECT_TIMEOUT_S = 20
# a local scheduler's HTTP endpoint on a free port of this machine only (the default, 8787,
# is often taken by another Dask, and the dashboard is not needed)
LOCAL_SCHEDULER = {"dashboard_address": "127.0.0.1:0"}
_LOCAL = re.compile(r"local:(\d{1,3})")


def parse_spec(spec: str) -> int | str:
    """``local:N`` -> N workers to start here; anything else is a scheduler address."""
    spec = spec.strip()
    if spec.startswith("local"):
        m = _LOCAL.fullmatch(spec)
        if m is None or not 1 <= int(m.group(1)) <= 256:
            raise ClusterUnavailable(f"--dask {spec}: write local:N with N workers, 1 to 256 (local:2)")
        return int(m.group(1))
    if not spec or any(c.isspace() for c in spec):
        raise ClusterUnavailable(f"--dask {spec!r}: give a scheduler address (tcp://host:8786) or local:N")
    return spec


@contextmanager
def dask_client(spec: str) -> Iterator[Any]:
    """A connected ``distributed.Client``; a LocalCluster started here is closed on the way out.

    Local workers are processes with one thread each: spaCy holds the GIL, so
    threads in one process would not analyse in parallel. Each loads spaCy once.
    """
    target = parse_spec(spec)
    require_dask()
    from distributed import Client, LocalCluster

    cluster = None
    try:
        if isinstance(target, int):
            cluster = LocalCluster(n_workers=target, threads_per_worker=1, processes=True,
                                   dashboard_address=None, scheduler_kwargs=LOCAL_SCHEDULER,
                                   silence_logs=logging.ERROR)
            client = Client(cluster, set_as_default=False)
        else:
            client = Client(target, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        if cluster is not None:
            cluster.close()
        raise ClusterUnavailable(f"cannot reach the Dask scheduler at {spec}: {exc}") from None
    try:
        _check_workers(client, spec)
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _check_workers(client: Any, spec: str) -> None:
    """Workers must be there and run Parallax, else every task would fail or wait forever."""
    from reader import __version__
    from reader.cluster.work import worker_version

    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT_S)
    except TimeoutError:
        raise ClusterUnavailable(f"the Dask scheduler at {spec} has no workers") from None
    try:
        versions = client.run(worker_version)
    except Exception as exc:  # noqa: BLE001 - a worker that cannot import reader
        raise ClusterUnavailable(f"the workers at {spec} cannot run Parallax ({type(exc).__name__}: {exc}); "
                                 "install parallax-reader on every worker") from None
    other = sorted({v for v in versions.values() if v != __version__})
    if other:
        raise ClusterUnavailable(f"the workers at {spec} run Parallax {', '.join(other)}, this is {__version__}: "
                                 "records would differ; install the same version everywhere")
