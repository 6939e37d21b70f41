"""Link policy: nothing is followed by itself; only explicit clicks on http(s) links
open, and they open in the system browser, never inside the app."""
from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from reader.render.article_html import is_openable_url  # the pure policy, Qt-free

__all__ = ["is_openable_url", "open_external"]


def open_external(url: str) -> bool:
    """Open ``url`` in the system browser if the policy allows it; returns whether it did."""
    if not is_openable_url(url):
        return False
    qurl = QUrl(url.strip(), QUrl.ParsingMode.StrictMode)
    if not qurl.isValid() or qurl.scheme().lower() not in ("http", "https"):
        return False
    return bool(QDesktopServices.openUrl(qurl))
