"""aiohttp.web adapter: serve a :class:`~smartlead_async.webhooks.WebhookDispatcher`.

::

    dispatcher = WebhookDispatcher({EmailReplied: on_reply}, secret="…")
    app.router.add_post("/hooks/smartlead", webhook_handler(dispatcher))

The body is streamed into :meth:`~smartlead_async.webhooks.WebhookDispatcher.receive`, so the
dispatcher's ``max_body_bytes`` (not the application's ``client_max_size``) bounds it, and the
answer is the dispatcher's status (see :mod:`smartlead_async.webhooks`). After answering 413
early, aiohttp keeps the connection for up to its ``lingering_time`` (10 s unless the runner is
given another), reading and discarding the rest of the body; memory stays bounded.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web

from smartlead_async.webhooks import WebhookDispatcher

__all__ = ["webhook_handler"]

_CHUNK_BYTES = 64 * 1024


def webhook_handler(
    dispatcher: WebhookDispatcher,
) -> Callable[[web.Request], Awaitable[web.Response]]:
    """An aiohttp handler that streams the body to the dispatcher and answers what it decides:
    200 processed or duplicate, 400 malformed, 401 bad secret or signature, 413 too large, 500
    handler failed, 503 the same delivery is in progress (retry later)."""

    async def handle(request: web.Request) -> web.Response:
        result = await dispatcher.receive(
            request.content.iter_chunked(_CHUNK_BYTES), request.headers
        )
        return web.json_response(result.body, status=result.status)

    return handle
