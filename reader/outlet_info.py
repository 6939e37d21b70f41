"""What the UI says about an outlet's bias label, and the coverage of a result set.

Qt-free (like ``article_html``): tooltips, the reading view's "About this label"
lines, the coverage counts per lean, and the checks the outlet dialog runs.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Iterable

from reader.outlet_tokens import BIAS_TOKENS
from reader.outlets import LEANS
from reader.outlet_tokens import OWNERSHIP_TOKENS
from reader.outlets import UNRATED
from reader.outlets import Outlet

UNKNOWN = "unknown"
# Coverage bar segments, left to right: the index's ``bias`` tokens (BIAS_TOKENS)...
SEGMENTS = BIAS_TOKENS
SEGMENT_LABELS = {"left": "Left", "lean-left": "Lean left", "center": "Center", "lean-right": "Lean right",
                  "right": "Right", "mixed": "Mixed", UNRATED: "Unrated", UNKNOWN: "Unknown"}
# ...or its ``ownership`` tokens, when the bar shows ownership.
OWNERSHIP_SEGMENTS = OWNERSHIP_TOKENS
OWNERSHIP_LABELS = {"public": "Public", "state-funded": "State-funded", "private": "Private",
                    "non-profit": "Non-profit", "other": "Other", UNKNOWN: "Unknown"}
# The values a user may give an outlet in the dialog (5-point scale + mixed + unrated).
LABEL_VALUES = (*LEANS, UNRATED)

LEAN_LEGEND = (
    "Articles of the result set by the lean of their outlet, as the outlet's rating says.\n"
    "Ratings: AllSides Media Bias Ratings (snapshots of 2019-10, 2020-10 and 2021-02; CC BY-NC 4.0),\n"
    "or your own label (Tools ▸ Edit Outlet Label…). Hover a chip for who rated the outlet and when.\n"
    "Mixed: AllSides rates the outlet as mixing views (a rating, not a gap).\n"
    "Unrated: the outlet is known, but no rating covers it (most outlets outside the US).\n"
    "Unknown: the article's outlet could not be identified (Tools ▸ Set Article Outlet…).")
OWNERSHIP_LEGEND = (
    "Articles of the result set by who owns or funds their outlet (the outlet registry's facts).\n"
    "Public: a public broadcaster under its own law. State-funded: funded or run by a government.\n"
    "Private, Non-profit: as they say. Other: ownership on record but none of these.\n"
    "Unknown: no ownership on record, or the outlet could not be identified.")


def bias_label(token: str | None) -> str:
    """The chip text of a ``bias`` token: always the words, never colour alone. It is the
    indexed token, which is what ``bias:`` finds (a label changed since the article was
    indexed shows once the library is re-labelled)."""
    token = (token or UNKNOWN).lower()
    return SEGMENT_LABELS.get(token, token.replace("-", " ").capitalize())


def ownership_label(token: str | None) -> str:
    token = (token or UNKNOWN).lower()
    return OWNERSHIP_LABELS.get(token, token.replace("-", " ").capitalize())


def coverage_counts(tokens: Iterable[str | None], segments: Iterable[str] = SEGMENTS) -> dict[str, int]:
    """Articles per segment from each article's indexed token: a segment's count is
    exactly what clicking it (``bias:<token>``, ``ownership:<token>``) will show."""
    counts = dict.fromkeys(segments, 0)
    for token in tokens:
        token = (token or UNKNOWN).lower()
        key = token if token in counts else UNKNOWN
        counts[key] = counts.get(key, 0) + 1
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
