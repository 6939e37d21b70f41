"""The outlet classes the index files and filters by: ``bias`` (the lean on the rater's own
five-point scale, plus mixed, unrated and unknown) and ``ownership`` (public, state-funded,
private, non-profit...), and the spellings a user may type for them in a query."""
from __future__ import annotations

import re

from reader.outlets import UNKNOWN, UNRATED, Outlet, normalize_lean

# The index's ``bias`` tokens: the outlet's lean on its own (AllSides-style) scale, then
# "unrated" (an outlet the registry knows without a rating) and "unknown" (no outlet
# identified). Spaces become hyphens so a token is one keyword: bias:lean-left.
BIAS_TOKENS = ("left", "lean-left", "center", "lean-right", "right", "mixed", UNRATED, UNKNOWN)


def lean_token(lean: str | None) -> str:
    """The token of a lean ("lean left" -> "lean-left"); None (no outlet) -> "unknown"."""
    if lean is None:
        return UNKNOWN
    token = lean.replace(" ", "-")
    return token if token in BIAS_TOKENS else UNRATED


def bias_token(outlet: Outlet | None) -> str:
    """Token for the index field ``bias`` (one of ``BIAS_TOKENS``)."""
    return UNKNOWN if outlet is None else lean_token(outlet.lean)


def bias_value(text: str) -> str | None:
    """A ``bias:`` value as a user may write it ("lean left", "Lean-Left", "left-center",
    "centre", "not rated") as its token; None when it names no class."""
    v = " ".join(text.strip().lower().replace("_", " ").replace("-", " ").split())
    if v in ("unknown", "unknown outlet", "unidentified"):
        return UNKNOWN
    if v in ("unrated", "not rated", "no rating"):
        return UNRATED
    try:
        return lean_token(normalize_lean(v))
    except ValueError:
        pass
    try:  # "left center" was "left-center" before the hyphen went
        return lean_token(normalize_lean(v.replace(" ", "-")))
    except ValueError:
        return None


# Ownership classes for the index field ``ownership`` and the coverage bar, from the
# registry's free-text ownership ("public international broadcaster", "private news agency").
OWNERSHIP_TOKENS = ("public", "state-funded", "private", "non-profit", "other", UNKNOWN)


def ownership_value(text: str) -> str | None:
    """An ``ownership:`` value as a user may write it ("state funded", "Nonprofit")."""
    v = "-".join(text.strip().lower().replace("_", " ").replace("-", " ").split())
    v = {"nonprofit": "non-profit", "state": "state-funded", "government": "state-funded",
         "government-funded": "state-funded", "public-broadcaster": "public", "commercial": "private"}.get(v, v)
    return v if v in OWNERSHIP_TOKENS else None


def ownership_token(outlet: Outlet | None) -> str:
    """The ownership class of an outlet: public (a public broadcaster under its own law),
    state-funded (funded or run by a government), private, non-profit, other (stated but
    none of these), unknown (no outlet, or no ownership on record)."""
    text = (outlet.ownership if outlet is not None else "").lower()
    if not text.strip():
        return UNKNOWN
    if re.search(r"\b(state|government)\b", text) or "government-funded" in text or "state-" in text:
        return "state-funded"
    if re.search(r"\bpublic\b", text) and "publicly traded" not in text:
        return "public"
    if re.search(r"non-?profit|not-for-profit|charit|cooperative|co-operative|trust\b", text):
        return "non-profit"
    if re.search(r"\b(private|privately|commercial|company|corporation|publicly traded)\b", text):
        return "private"
    return "other"
