"""Write docs/endpoints.md from the resource definitions (run after adding an endpoint)."""

from __future__ import annotations

from pathlib import Path

from smartlead_async._endpoints import endpoint_table
from smartlead_async.resources import RESOURCES

TARGET = Path(__file__).resolve().parent.parent / "docs" / "endpoints.md"

if __name__ == "__main__":
    TARGET.write_text(endpoint_table(RESOURCES))
    print(f"wrote {TARGET}")
