"""HTTP helpers of the fake: JSON answers, Joi-style errors, paging, route names."""

from __future__ import annotations

import json

from aiohttp import web

from smartlead_async._json import JSON

API_ROOT = "/api/v1"
CAMPAIGN_NOT_FOUND = {"error": "Campaign not found - Invalid campaign_id."}


def answer(body: object, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    return web.json_response(body, status=status, headers=headers)


def joi_body(message: str, key: str) -> dict[str, JSON]:
    return {
        "statusCode": 400,
        "error": "Bad Request",
        "message": message,
        "validation": {"source": "payload", "keys": [key]},
    }


def joi_error(message: str, key: str) -> web.Response:
    return answer(joi_body(message, key), status=400)


def page_params(request: web.Request, *, max_limit: int) -> tuple[int, int]:
    """offset/limit from the query, validated like the API (400 with a Joi body otherwise)."""
    try:
        offset = int(request.query.get("offset", "0"))
        limit = int(request.query.get("limit", str(max_limit)))
    except ValueError:
        offset, limit = -1, -1
    if offset < 0 or not 1 <= limit <= max_limit:
        raise web.HTTPBadRequest(
            text=json.dumps(joi_body(f'"limit" must be within 1..{max_limit}', "limit")),
            content_type="application/json",
        )
    return offset, limit


def route_key(route: web.AbstractRoute) -> str:
    """``"METHOD /path/{param}"`` relative to the API root: how faults name routes."""
    path = route.resource.canonical.removeprefix(API_ROOT) if route.resource else ""
    return f"{route.method} {path}"
