"""What can be wrong with an index, each with a sentence for the user.

Apart from ``store`` (which opens Whoosh) so the window can tell these apart
before Whoosh is imported.
"""
from __future__ import annotations


class IndexProblem(Exception):
    """An index that cannot be used as it is; ``str()`` is for the user."""

    rebuildable = True


class IndexMissing(IndexProblem):
    pass


class IndexCorrupt(IndexProblem):
    pass


class IndexVersionMismatch(IndexProblem):
    pass


class IndexBusy(IndexProblem):
    rebuildable = False
