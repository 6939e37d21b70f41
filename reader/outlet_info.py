"""What the UI says about an outlet's bias label, and the coverage of a result set.

Qt-free (like ``article_html``): tooltips, the reading view's "About this label"
lines, the coverage counts per lean, and the checks the outlet dialog runs.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Callable
from typing import Iterable

from reader.outlets import LEANS
from reader.outlets import UNRATED
from reader.outlets import Outlet
from reader.outlets import lean3_of

UNKNOWN = "unknown"
# Coverage bar segments, left to right; "mixed" and "unrated" share one segment.
SEGMENTS = ("left", "lean left", "center", "lean right", "right", "unrated", "unknown")
SEGMENT_LABELS = {"left": "Left", "lean left": "Lean left", "center": "Center",
                  "lean right": "Lean right", "right": "Right", "unrated": "Mixed/unrated",
                  "unknown": "Unknown"}
# The values a user may give an outlet in the dialog (5-point scale + mixed + unrated).
LABEL_VALUES = (*LEANS, UNRATED)


def segment_of(lean: str | None) -> str:
    """The coverage segment of an outlet's lean (None: not in the registry):
    the 5-point lean, "unrated" or "unknown"."""
    if lean is None:
        return UNKNOWN
    return "unrated" if lean in ("mixed", UNRATED) else lean


def segment_token(segment: str) -> str:
    """The ``bias:`` search token a segment filters by (the index keeps 3 leans)."""
    if segment in ("unrated", UNKNOWN):
        return segment
    return lean3_of(segment)


CHIP_LABELS = {"left": "Left", "lean left": "Lean left", "center": "Center",
               "lean right": "Lean right", "right": "Right"}


def chip_label(lean: str | None, token: str) -> str:
    """Chip text: the registry's 5-point lean (None: not in the registry) when it
    agrees with the indexed token."""
    token = (token or UNKNOWN).lower()
    segment = segment_of(lean)
    if lean is not None and segment_token(segment) == token:
        if lean == "mixed":
            return "Mixed"
        return CHIP_LABELS.get(segment, "Unrated")
    return {"left": "Left", "center": "Center", "right": "Right", "unrated": "Unrated"}.get(token, "Unknown")


def coverage_counts(articles: Iterable[tuple[str | None, str | None]],
                    lean_of: Callable[[str], str | None]) -> dict[str, int]:
    """Articles per segment from (outlet name, indexed ``bias`` token) pairs, with
    ``lean_of`` giving an outlet name's lean (None: not in the registry).

    The registry refines the index's 3-way token into the 5-point lean; when the
    two disagree (labels changed since indexing) the index wins, so a segment's
    count is what clicking it (``bias:<token>``) will show.
    """
    counts = dict.fromkeys(SEGMENTS, 0)
    cache: dict[str, str | None] = {}
    for name, token in articles:
        token = (token or UNKNOWN).lower()
        segment = UNKNOWN
        if name:
            if name not in cache:
                cache[name] = lean_of(name)
            segment = segment_of(cache[name])
        if segment_token(segment) != token:
            segment = token if token in SEGMENTS else UNKNOWN
        counts[segment] += 1
    return counts


def label_details(outlet: Outlet | None, fallback_name: str = "") -> list[tuple[str, str]]:
    """(field, value) lines: rating source, scale, value, date, URL, ownership, country…"""
    if outlet is None and not fallback_name:  # no outlet identified: not the same as one without a rating
        return [("Outlet", "Unknown"),
                ("Why", "the article's file names no outlet (Parallax does not guess one from the text); "
                        "use Tools ▸ Set Outlet… to say who published it.")]
    if outlet is None:
        return [("Label", "Unrated"),
                ("Why", f"{fallback_name} is not in the outlet registry; use Tools ▸ Edit Outlet Label… "
                        "to add it with a label.")]
    rows: list[tuple[str, str]] = [("Outlet", outlet.name)]
    rating = outlet.current_rating
    if rating is not None and outlet.lean != UNRATED:
        rows += [("Label", outlet.lean.title()), ("Source", _source(rating.source)),
                 ("Scale", rating.scale), ("Rated", rating.date or "undated")]
        if rating.url:
            rows.append(("URL", rating.url))
        if rating.note and rating.source.lower() == "user":
            rows.append(("Note", rating.note))
    else:
        rows += [("Label", "Unrated"),
                 ("Why", outlet.unrated_reason or "no rating is available for this outlet")]
    if outlet.ownership:
        rows.append(("Ownership", outlet.ownership))
    if outlet.ownership_note:
        rows.append(("About", outlet.ownership_note))
    if outlet.country:
        rows.append(("Country", outlet.country))
    return rows


def _source(source: str) -> str:
    return "you (your own label)" if source.lower() == "user" else source


def label_tooltip(outlet: Outlet | None, fallback_name: str = "") -> str:
    """Plain-text tooltip for a bias chip."""
    return "\n".join(f"{k}: {v}" for k, v in label_details(outlet, fallback_name))


def _short(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def about_label_html(outlet: Outlet | None, muted: str, fallback_name: str = "",
                     limit: int = 110) -> str:
    """The reading view's small "About this label" paragraph (escaped; no links).

    Long values (reasons, ownership notes) are shortened; hovering the paragraph
    shows every detail in full.
    """
    details = label_details(outlet, fallback_name)
    parts = [f"<b>{html.escape(k)}:</b> {html.escape(_short(v, limit))}" for k, v in details
             if k != "Outlet"]
    full = html.escape("\n".join(f"{k}: {v}" for k, v in details), quote=True)
    return (f'<p style="color:{muted}; font-size:small"><span title="{full}"><b>About this label</b> — '
            + " · ".join(parts) + "</span></p>")


@dataclass(frozen=True)
class LabelForm:
    """What the outlet dialog collects; ``validate`` says what is wrong, if anything."""

    outlet: str
    value: str
    note: str = ""
    url: str = ""

    def problems(self) -> list[str]:
        found = []
        if not self.outlet.strip():
            found.append("Name the outlet.")
        if self.value not in LABEL_VALUES:
            found.append(f"Choose a label: {', '.join(LABEL_VALUES)}.")
        if self.url.strip() and not self.url.strip().lower().startswith(("http://", "https://")):
            found.append("The source URL must start with http:// or https://.")
        if len(self.note) > 500:
            found.append("Keep the note under 500 characters.")
        return found
