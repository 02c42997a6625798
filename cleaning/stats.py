"""One stats record for a build: what every step did, counted by step and by what it counted."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Stats:
    """Counters keyed "step/what" (pages, lines removed by a rule, characters repaired ...)."""

    counts: Counter = field(default_factory=Counter)

    def add(self, step: str, what: str, n: int = 1) -> None:
        if n:
            self.counts[f"{step}/{what}"] += n

    def add_all(self, step: str, counts: dict[str, int]) -> None:
        for what, n in counts.items():
            self.add(step, what, n)

    def merge(self, other: Stats) -> None:
        self.counts.update(other.counts)

    def by_step(self) -> dict[str, dict[str, int]]:
        """{step: {what: n}}, sorted, for the manifest and the report."""
        out: dict[str, dict[str, int]] = {}
        for key in sorted(self.counts):
            step, what = key.split("/", 1)
            out.setdefault(step, {})[what] = int(self.counts[key])
        return out

    @classmethod
    def from_steps(cls, data: dict[str, dict[str, int]]) -> Stats:
        stats = cls()
        for step, counts in data.items():
            stats.add_all(step, counts)
        return stats
