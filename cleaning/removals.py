"""What the cleaning removed, counted per rule, so that over-cleaning shows in the build stats."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

# Characters that end a sentence (closing quotes and brackets included, so they stay with it).
SENTENCE_END = "。！？；…”’」』）)!?;"


@dataclass
class Removals:
    """Per rule name: whole lines dropped, pieces cut from inside lines, and characters removed by both."""

    lines: Counter = field(default_factory=Counter)
    cuts: Counter = field(default_factory=Counter)
    chars: Counter = field(default_factory=Counter)

    def line(self, rule: str, text: str) -> None:
        """Record a whole line dropped by `rule`."""
        self.lines[rule] += 1
        self.chars[rule] += len(text)

    def cut(self, rule: str, chars: int, times: int = 1) -> None:
        """Record `times` pieces of `chars` characters in all cut from inside lines by `rule`."""
        if times and chars:
            self.cuts[rule] += times
            self.chars[rule] += chars

    def merge(self, other: Removals) -> Removals:
        self.lines.update(other.lines)
        self.cuts.update(other.cuts)
        self.chars.update(other.chars)
        return self

    def __bool__(self) -> bool:
        return bool(self.chars or self.lines or self.cuts)

    def as_dict(self) -> dict[str, dict[str, int]]:
        """{rule: {"lines": n, "cuts": n, "chars": n}} for stats files."""
        names = sorted(set(self.lines) | set(self.cuts) | set(self.chars))
        return {n: {"lines": self.lines[n], "cuts": self.cuts[n], "chars": self.chars[n]} for n in names}
