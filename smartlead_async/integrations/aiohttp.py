"""aiohttp.web adapter: serve a :class:`~smartlead_async.webhooks.WebhookDispatcher`.

::

    dispatcher = WebhookDispatcher({EmailReplied: on_reply}, secret="…")
    app.router.add_post("/hooks/smartlead", webhook_handler(dispatcher))
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web

from smartlead_async.webhooks import WebhookDispatcher

__all__ = ["webhook_handler"]


def webhook_handler(
    dispatcher: WebhookDispatcher,
) -> Callable[[web.Request], Awaitable[web.Response]]:
    """An aiohttp handler that reads the raw body and answers what the dispatcher decides."""

    async def handle(request: web.Request) -> web.Response:
        result = await dispatcher.dispatch(await request.read(), request.headers)
        return web.json_response(result.body, status=result.status)

    return handle
