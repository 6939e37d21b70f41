"""Resolving he/she/it to an earlier person or organisation, by recency and gender.

Speakers are usually reintroduced by pronoun right after they were named
("Weinbaum says ... “...,” he says."). The candidate is the most recent
person in subject position before the pronoun (speakers count as subjects),
skipping people whose gender is known to differ.
"""
from __future__ import annotations

from bisect import bisect_left, insort

WINDOW = 4000  # characters back that a pronoun may reach


class Memory:
    """Earlier mentions of people and organisations, by position in the text."""

    def __init__(self) -> None:
        self.people: list[tuple[int, str, bool]] = []  # (position, canonical, subject or speaker)
        self.orgs: list[tuple[int, str, str]] = []  # (position, name, type)
        self.gender: dict[str, str] = {}

    def add_person(self, pos: int, name: str, subject: bool, gender: str | None = None) -> None:
        insort(self.people, (pos, name, subject))
        if gender:
            self.gender.setdefault(name, gender)

    def add_org(self, pos: int, name: str, kind: str) -> None:
        insort(self.orgs, (pos, name, kind))

    def resolve(self, word: str, pos: int) -> tuple[str, str] | None:
        """(name, type) that a pronoun at pos refers to, or None."""
        low = word.lower()
        if low in ("he", "she"):
            want = "m" if low == "he" else "f"
            lo, hi = bisect_left(self.people, (pos - WINDOW + 1,)), bisect_left(self.people, (pos,))
            cands = [(p, n, s) for p, n, s in self.people[lo:hi] if self.gender.get(n, want) == want]
            if not cands:
                return None
            subj = [c for c in cands if c[2]]
            best = subj[-1] if subj else cands[-1]
            self.gender.setdefault(best[1], want)
            return best[1], "person"
        if low == "it":
            lo, hi = bisect_left(self.orgs, (pos - WINDOW + 1,)), bisect_left(self.orgs, (pos,))
            cands = self.orgs[lo:hi]
            return (cands[-1][1], cands[-1][2]) if cands else None
        return None
