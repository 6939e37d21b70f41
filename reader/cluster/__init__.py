"""Analysis away from the library: records files and Dask clusters.

``parallax analyze --out records.jsonl`` writes one analysed article per line
(``records``), on this machine or spread over a Dask cluster (``dispatch``,
``connect``; the workers run ``work``); ``parallax add --records`` imports such
a file without running spaCy. Nothing here imports Qt, and only ``connect``
and ``dispatch`` import Dask, which is an optional extra.
"""
from __future__ import annotations

INSTALL_HINT = 'pip install "parallax-reader[cluster]"'


class ClusterUnavailable(RuntimeError):
    """Dask is not installed, or the scheduler cannot be reached; the message says what to do."""


def require_dask() -> None:
    """Raise ClusterUnavailable with the install command when dask.distributed is missing."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise ClusterUnavailable(
            f"--dask needs dask.distributed, which is not installed; install it with: {INSTALL_HINT}"
        ) from None
