"""Output shared by the benchmark scripts: a plain-text table per row shape, and a JSON file."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any


def print_table(rows: Sequence[Mapping[str, Any]]) -> None:
    """Print ``rows`` as tables, one per distinct set of columns, in first-seen order."""
    shapes: dict[tuple[str, ...], list[Mapping[str, Any]]] = {}
    for row in rows:
        shapes.setdefault(tuple(row), []).append(row)
    for headers, group in shapes.items():
        widths = [max(len(h), *(len(str(r[h])) for r in group)) for h in headers]
        print(" | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
        print("-+-".join("-" * w for w in widths))
        for row in group:
            print(" | ".join(str(row[h]).ljust(w) for h, w in zip(headers, widths, strict=True)))
        print()


def write_json(path: str | None, data: object) -> None:
    """Write ``data`` to ``path`` (if one was given) for machine-readable comparisons."""
    if path:
        with open(path, "w") as handle:
            json.dump(data, handle, indent=2)
