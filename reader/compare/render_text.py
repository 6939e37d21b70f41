"""A comparison as plain text for the terminal (``parallax compare`` without --json)."""
from __future__ import annotations

from typing import Sequence, TextIO

from reader.compare.diff import as_text
from reader.compare.kwic import KwicLine
from reader.compare.report import Comparison
from reader.outlet_info import SEGMENT_LABELS
from reader.safe_text import for_terminal

CELL = 11
NAME = 30


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def _cell(cell) -> str:
    if cell is None or not cell.total:
        return "·"
    text = f"{cell.quoted}q" if cell.quoted else ""
    text += f"+{cell.indirect}r" if cell.indirect else ""
    return f"{text.lstrip('+')} {cell.words}w"


def coverage_lines(c: Comparison) -> list[str]:
    cov = c.coverage
    kinds = " · ".join(f"{k} {n}" for k, n in cov.kinds.items() if n)
    dates = (f"{cov.first_date} – {cov.last_date}" if cov.first_date else "no dates stated")
    if cov.first_date and cov.undated:
        dates += f" ({cov.undated} undated)"
    leans = " · ".join(f"{SEGMENT_LABELS[s]} {n}" for s, n in cov.segments.items() if n)
    lines = [f"{cov.articles} article{'s' if cov.articles != 1 else ''} from {len(cov.outlets)} outlet"
             f"{'s' if len(cov.outlets) != 1 else ''} · {kinds} · {dates}", f"Coverage: {leans}", ""]
    for o in cov.outlets:
        v = c.voices.by_outlet.get(o.outlet)
        owner = f", ownership: {o.ownership}" if o.ownership else ""
        said = (f" — {v.statements} statements, {v.voices} voices ({v.named_voices} named), "
                f"{v.vague} by unnamed or vague sources" if v else "")
        flags = f"  [{'; '.join(v.flags)}]" if v and v.flags else ""
        lines.append(f"  {o.outlet} ({o.chip}{owner}): {o.articles} article{'s' if o.articles != 1 else ''}"
                     f"{said}{flags}")
    return lines


def voices_lines(c: Comparison, limit: int = 40) -> list[str]:
    outlets = c.voices.outlets
    head = " " * NAME + "".join(f"{_short(o, CELL - 1):<{CELL}}" for o in outlets)
    lines = ["Voices (q: quoted statements, r: reported, w: words quoted)", head]
    for row in c.voices.rows[:limit]:
        flag = (" " if row.only_outlet or row.mentioned_by else "") + ("¹" if row.only_outlet else "") \
            + ("*" if row.mentioned_by else "")
        name = _short(row.name + (" (unnamed)" if row.vague else ""), NAME - 3) + flag
        lines.append(f"{name:<{NAME}}" + "".join(f"{_cell(row.cells.get(o)):<{CELL}}" for o in outlets))
    if len(c.voices.rows) > limit:
        lines.append(f"… and {len(c.voices.rows) - limit} more speakers (--json lists them all)")
    lines.append("¹ quoted by one outlet only; * named, but not quoted, by other outlets")
    return lines


def groups_lines(c: Comparison, limit: int = 30) -> list[str]:
    lines = [f"Shared words: {len(c.groups)} group{'s' if len(c.groups) != 1 else ''}"]
    for g in c.groups[:limit]:
        lines.append(f" {g.id}. {' / '.join(g.speakers)} — {', '.join(g.outlets)}")
        for m in g.members:
            st = m.statement
            who = st.named_as + (" — named differently" if m.speaker_differs else "")
            lines.append(f"    {m.relation:<11} {st.outlet} ({who}): “{as_text(m.pieces)}”")
    if len(c.groups) > limit:
        lines.append(f" … and {len(c.groups) - limit} more groups (--json lists them all)")
    return lines


def concordance_lines(lines: Sequence[KwicLine], entity: str, width: int = 40) -> list[str]:
    out = [f"Mentions of “{entity}” by outlet: {len(lines)}"]
    outlet = None
    for ln in lines:
        if ln.outlet != outlet:
            outlet = ln.outlet
            out.append(f"  {outlet}")
        left = ln.left[-width:]
        out.append(f"    {left:>{width}} [{ln.mention}] {ln.right[:width]}")
    return out


def print_comparison(c: Comparison, out: TextIO, kwic_lines: Sequence[KwicLine] | None = None,
                     kwic_entity: str = "") -> None:
    parts = [coverage_lines(c), voices_lines(c), groups_lines(c)]
    if kwic_lines is not None:
        parts.append(concordance_lines(kwic_lines, kwic_entity))
    out.write(for_terminal("\n\n".join("\n".join(p) for p in parts), multiline=True) + "\n")
