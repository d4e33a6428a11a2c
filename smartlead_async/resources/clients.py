"""``client.clients``: agency clients (catalog section 8)."""

from __future__ import annotations

from smartlead_async._endpoints import Endpoint, calls
from smartlead_async.models.clients import Client
from smartlead_async.resources._base import Resource

__all__ = ["ClientsResource"]

LIST_CLIENTS = Endpoint("GET", "client/")


class ClientsResource(Resource):
    """Read the agency's clients (sub-accounts)."""

    @calls(LIST_CLIENTS)
    async def list(self) -> list[Client]:
        """Every client of the agency (``GET /client/``; not paginated)."""
        return await self._pipeline.request(LIST_CLIENTS.spec(), list[Client])
