"""What can be wrong with an index, each with a sentence for the user.

Apart from ``store`` (which opens Whoosh) so the window can tell these apart
before Whoosh is imported.
"""
from __future__ import annotations

DAMAGED = "The library index is damaged."


class IndexProblem(Exception):
    """An index that cannot be used as it is; ``str()`` is for the user."""

    rebuildable = True


class IndexMissing(IndexProblem):
    pass


class IndexCorrupt(IndexProblem):
    pass


class IndexDamaged(IndexCorrupt):
    """Files of the index are missing, cut short or not what Parallax wrote.

    ``str()`` is always the one sentence ``DAMAGED``; ``detail`` says what was
    found, for the log.
    """

    def __init__(self, detail: str = "") -> None:
        super().__init__(DAMAGED)
        self.detail = detail

    def __reduce__(self):  # crosses the index job's process boundary with its detail
        return (type(self), (self.detail,))


class IndexVersionMismatch(IndexProblem):
    pass


class IndexBusy(IndexProblem):
    rebuildable = False


class IndexUnwritable(IndexProblem):
    """The index folder cannot be written (read-only, no permission, disk full)."""

    rebuildable = False
