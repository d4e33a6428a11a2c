"""Prospect host routes (contact search); more arrive with the coverage work."""

from __future__ import annotations

from smartlead_async.testing._json import JSON
from smartlead_async.testing.routes._base import Call, Reply

_COUNTRIES = ("United States", "United Kingdom", "Germany", "France", "India")


def countries(call: Call) -> Reply:
    # This host takes offset/limit as strings and pages with a ``pagination`` block.
    limit = int(call.query.get("limit", "10") or 10)
    offset = int(call.query.get("offset", "0") or 0)
    needle = call.query.get("search", "").lower()
    rows: list[JSON] = [
        {"id": i, "country_name": name}
        for i, name in enumerate(_COUNTRIES, start=1)
        if needle in name.lower()
    ]
    shown = rows[offset : offset + limit]
    return {
        "success": True,
        "message": "Data retrieved successfully",
        "data": shown,
        "pagination": {
            "limit": limit,
            "offset": offset,
            "page": offset // limit + 1,
            "count": len(shown),
        },
        "search": call.query.get("search"),
    }
