"""Reads of the library index that say "the library index is damaged" when it is.

A failure while decoding the index (``OSError``, ``struct.error``,
``zlib.error``, ``TypeError``, ``EOFError``… Whoosh trusts its files) is
checked against the files in full (``integrity.check(deep=True)``, once per
generation): on damaged or unverifiable files it becomes ``IndexDamaged``; on
intact files it is a bug and is raised unchanged. ``guard_reads`` applies this
to every public method of a class (``IndexView`` and its ``Columns``);
``reader.search.guarded`` to Whoosh's searcher. Whoosh-free, so decorating
the view does not load Whoosh before the window has painted.
"""
from __future__ import annotations

import functools
import inspect
import logging
import threading
import types
from pathlib import Path
from typing import Any, Callable, TypeVar

from reader.search import integrity
from reader.search.problems import IndexDamaged, IndexProblem

log = logging.getLogger(__name__)
T = TypeVar("T")

_verdicts: dict[tuple[str, int | None], str | None] = {}  # (folder, generation) -> what check() said
_verdict_lock = threading.Lock()


def damage_of(folder: str | Path, exc: Exception) -> Exception:
    """What to raise for ``exc``, which came out of reading the index in ``folder``:
    ``IndexDamaged`` when its files are damaged or cannot be verified, else ``exc``."""
    from reader.search.view import StaleView  # view.py imports this module

    if isinstance(exc, (IndexProblem, StaleView)):
        return exc
    folder = Path(folder)
    key = (str(folder), integrity.latest_generation(folder.parent))
    with _verdict_lock:  # one full check per generation, however many reads fail
        if key not in _verdicts:
            _verdicts[key] = integrity.check(folder, deep=True, fresh=True)
        verdict = _verdicts[key]
    if verdict == "":
        return exc  # the files are what was written: a bug, not damage
    detail = verdict or f"unverified index, {type(exc).__name__}: {exc}"
    log.warning("the index in %s is damaged: %s", folder, detail, exc_info=exc)
    return IndexDamaged(detail)


def _guard_iterator(folder: Path, items) -> Any:
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001 - decoding errors of every kind
        raise damage_of(folder, exc) from None


def checked_call(folder: Path, fn: Callable[..., T]) -> Callable[..., T]:
    """``fn`` with its failures checked against the index files in ``folder``; generators too."""
    @functools.wraps(fn)
    def call(*args, **kwargs):
        try:
            result = fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - decoding errors of every kind
            raise damage_of(folder, exc) from None
        return _guard_iterator(folder, result) if isinstance(result, types.GeneratorType) else result

    return call


def checked_method(fn: Callable[..., T]) -> Callable[..., T]:
    """A method of an object reading an index (``index_folder`` finds which), checked.

    Cheap when nothing fails (the folder is looked up only then): column reads
    go through here once per painted cell.
    """
    @functools.wraps(fn)
    def method(self, *args, **kwargs):
        try:
            result = fn(self, *args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - decoding errors of every kind
            raise damage_of(index_folder(self), exc) from None
        if type(result) is types.GeneratorType:
            return _guard_iterator(index_folder(self), result)
        return result

    return method


def index_folder(obj: Any) -> Path:
    """The Whoosh folder an index, a searcher, an ``IndexView`` or its ``Columns`` reads."""
    for attr in ("ix", "_ix"):
        ix = getattr(obj, attr, None)
        if ix is not None:
            return Path(ix.storage.folder)
    if getattr(obj, "storage", None) is not None:
        return Path(obj.storage.folder)
    return obj._index_folder  # Columns: set by guard_reads from the searcher it was given


def guard_reads(cls: type[T]) -> type[T]:
    """Class decorator: every public method of ``cls`` (and its constructor) reads through
    ``damage_of``. ``IndexView`` and ``Columns`` use it (``reader.search.view``)."""
    for name, member in list(vars(cls).items()):
        if not inspect.isfunction(member) or (name.startswith("_") and name != "__init__"):
            continue
        if name == "__init__":
            setattr(cls, name, _checked_init(member))
        else:
            setattr(cls, name, checked_method(member))
    return cls


def _checked_init(init: Callable[..., None]) -> Callable[..., None]:
    @functools.wraps(init)
    def method(self, source, *args, **kwargs):
        folder = index_folder(source)  # an index or a searcher
        self._index_folder = folder
        checked_call(folder, init)(self, source, *args, **kwargs)

    return method
