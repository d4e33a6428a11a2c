"""``client.clients``: agency clients (catalog section 8)."""

from __future__ import annotations

from smartlead_async._request import RequestSpec
from smartlead_async.models.clients import Client
from smartlead_async.resources._base import Resource

__all__ = ["ClientsResource"]


class ClientsResource(Resource):
    """Read the agency's clients (sub-accounts)."""

    async def list(self) -> list[Client]:
        """Every client of the agency (``GET /client/``; not paginated)."""
        return await self._pipeline.request(RequestSpec("GET", "client/"), list[Client])
