"""Short display names of outlets, for a column too narrow for the registry's full name.

The registry names outlets in full ("Radio Free Europe/Radio Liberty"); its aliases
often hold the name readers use ("RFE/RL", "WaPo"). Qt-free.
"""
from __future__ import annotations

import re

from reader.outlets import Outlet

_ABBREVIATION = re.compile(r"^[A-Z0-9][A-Z0-9/&.\-]{1,9}$")  # RFE/RL, BBC, NPR, DW
_BLEND = re.compile(r"^[A-Z][a-z]+[A-Z][A-Za-z]*$")  # WaPo, HuffPost


def short_name(outlet: Outlet | None) -> str | None:
    """The registry's first alias that is an abbreviation or a blended name (the order
    it lists them in is its preference), else the name without a leading "The"; None
    when nothing is shorter than the name."""
    if outlet is None:
        return None
    name = outlet.name
    short = [a for a in outlet.aliases if len(a) < len(name) and (_ABBREVIATION.match(a) or _BLEND.match(a))]
    if short:
        return short[0]
    if name.lower().startswith("the ") and len(name) > 8:
        return name[4:]
    return None
