"""FastAPI integration (``pip install 'smartlead-async[fastapi]'``).

* :func:`smartlead_lifespan` owns one :class:`SmartleadClient` for the app's lifetime;
* :func:`get_smartlead` is the dependency that hands it to your endpoints;
* :class:`ModelResponse` answers with a model, or a list of models, as the wire JSON;
* :func:`smartlead_webhook_router` receives SmartLead webhooks into a
  :class:`~smartlead_async.webhooks.WebhookDispatcher`.

::

    app = FastAPI(lifespan=smartlead_lifespan())
    hooks = WebhookDispatcher(secret=os.environ["SMARTLEAD_WEBHOOK_SECRET"])

    @hooks.on(EmailReplied)
    async def on_reply(event: EmailReplied) -> None: ...

    app.include_router(smartlead_webhook_router("/hooks/smartlead", hooks))

    @app.get("/campaigns")
    async def campaigns(sl: Annotated[SmartleadClient, Depends(get_smartlead)]) -> ModelResponse:
        return ModelResponse(await sl.campaigns.list())
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable, Iterable, Mapping

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.background import BackgroundTask

from smartlead_async._client import SmartleadClient
from smartlead_async._json import JSON
from smartlead_async.models import Model
from smartlead_async.webhooks import WebhookDispatcher

__all__ = ["ModelResponse", "get_smartlead", "smartlead_lifespan", "smartlead_webhook_router"]

_STATE_KEY = "smartlead"


def smartlead_lifespan(
    client_factory: Callable[[], SmartleadClient] = SmartleadClient,
) -> Callable[[FastAPI], contextlib.AbstractAsyncContextManager[None]]:
    """A lifespan that opens one client at start-up and closes it at shutdown.

    Args:
        client_factory: Builds the client, e.g. ``lambda: SmartleadClient(base_url=...)``; the
            default reads the key from ``SMARTLEAD_API_KEY``.
    """

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with client_factory() as client:
            setattr(app.state, _STATE_KEY, client)
            yield

    return lifespan


def get_smartlead(request: Request) -> SmartleadClient:
    """Dependency: the app's client (from :func:`smartlead_lifespan`)."""
    client = getattr(request.app.state, _STATE_KEY, None)
    if not isinstance(client, SmartleadClient):
        raise RuntimeError("no SmartleadClient on app.state: use lifespan=smartlead_lifespan()")
    return client


class ModelResponse(JSONResponse):
    """A JSON response holding a model, or a list of models, in their wire form.

    FastAPI cannot serialise attrs models itself (a handler returning one answers 500), and a
    return annotation naming a model fails when the route is declared. Return this instead, and
    annotate the handler with it, which also keeps FastAPI from building a response model::

        @app.get("/campaigns")
        async def campaigns(sl: ...) -> ModelResponse:
            return ModelResponse(await sl.campaigns.list())

    The body is :meth:`Model.to_dict() <smartlead_async.models.Model.to_dict>` of the model (a
    list of those for an iterable): wire key names, ISO-8601 datetimes, enum values, ``extra``
    keys kept. ``Model.from_dict`` on the other end decodes it back.

    Raises:
        TypeError: ``content`` is not a model or an iterable of models (an un-awaited call, say).
    """

    def __init__(
        self,
        content: Model | Iterable[Model],
        status_code: int = 200,
        headers: Mapping[str, str] | None = None,
        background: BackgroundTask | None = None,
    ) -> None:
        super().__init__(_wire(content), status_code, headers, background=background)


def _wire(content: Model | Iterable[Model]) -> JSON:
    if isinstance(content, Model):
        return content.to_dict()
    if not isinstance(content, Iterable):
        raise TypeError(f"ModelResponse takes a model or models, not {type(content).__name__}")
    items: list[JSON] = []
    for item in content:
        if not isinstance(item, Model):
            raise TypeError(f"ModelResponse takes models, not {type(item).__name__}")
        items.append(item.to_dict())
    return items


def smartlead_webhook_router(path: str, dispatcher: WebhookDispatcher) -> APIRouter:
    """A router with one POST endpoint that streams deliveries into ``dispatcher``.

    The body is read chunk by chunk through
    :meth:`~smartlead_async.webhooks.WebhookDispatcher.receive`, never past the dispatcher's
    ``max_body_bytes``. Answers 200 when processed or a duplicate, 400 for a malformed body,
    401 for a bad secret or signature, 413 for a body over the cap, 500 (with no detail) when a
    handler raised and 503 while the same delivery is being handled, so that SmartLead retries
    those two.
    """
    router = APIRouter(tags=["smartlead"])

    @router.post(path, include_in_schema=False)
    async def receive(request: Request) -> JSONResponse:
        result = await dispatcher.receive(request.stream(), request.headers)
        return JSONResponse(result.body, status_code=result.status)

    return router
