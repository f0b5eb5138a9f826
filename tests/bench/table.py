"""One row per figure, each beside a baseline measured in the same run; printed as a table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass
class Row:
    """A measured figure, its baseline, their ratio and whether it meets its target.

    `ok` is None for an informative figure that has no target.
    """

    name: str
    value: float
    unit: str
    baseline: float | None = None
    baseline_unit: str = ""
    ratio: float | None = None
    target: str = ""
    ok: bool | None = None

    @property
    def verdict(self) -> str:
        return "info" if self.ok is None else ("PASS" if self.ok else "FAIL")


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def format_table(rows: Sequence[Row]) -> str:
    """The rows as an aligned text table: numbers right-aligned, one line per row."""
    header = ("figure", "value", "unit", "baseline", "unit", "ratio", "target", "result")
    cells = [
        (row.name, _number(row.value), row.unit, _number(row.baseline), row.baseline_unit,
         "-" if row.ratio is None else f"{row.ratio:.2f}x", row.target or "-", row.verdict)
        for row in rows
    ]
    widths = [max(len(str(line[i])) for line in (header, *cells)) for i in range(len(header))]
    right = {1, 3, 5}

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.rjust(w) if i in right else v.ljust(w)
                         for i, (v, w) in enumerate(zip(values, widths, strict=True))).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(c) for c in cells)])


def print_table(rows: Sequence[Row]) -> None:
    print(format_table(rows))
    failed = [row.name for row in rows if row.ok is False]
    if failed:
        print(f"\nFAIL: {len(failed)} target(s) not met: {'; '.join(failed)}")
    elif any(row.ok for row in rows):
        print("\nAll targets met.")
