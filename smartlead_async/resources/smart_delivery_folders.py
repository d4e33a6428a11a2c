"""``client.smart_delivery.folders``: folders that group placement tests."""

from __future__ import annotations

from smartlead_async._endpoints import Endpoint, Unwrap, calls
from smartlead_async._json import JSON
from smartlead_async._pagination import Pager, Rows
from smartlead_async._validation import require_text
from smartlead_async.models.smart_delivery import SmartDeliveryMessage, SpamTestFolder
from smartlead_async.resources._base import Resource
from smartlead_async.resources._delivery import ALL_AT_ONCE, Key, require_key

__all__ = ["SmartDeliveryFoldersResource"]

LIST_FOLDERS = Endpoint(
    "GET",
    "spam-test/folder",
    Rows[SpamTestFolder],
    unwrap=Unwrap.ROWS,
    page=ALL_AT_ONCE,
    host="smart_delivery",
)
# A repeated create could make the folder twice.
CREATE_FOLDER = Endpoint(
    "POST", "spam-test/folder", SpamTestFolder, idempotent=False, host="smart_delivery"
)
GET_FOLDER = Endpoint(
    "GET",
    "spam-test/folder/{folder_id}",
    SpamTestFolder,
    empty_is_not_found=True,
    host="smart_delivery",
)
DELETE_FOLDER = Endpoint(
    "DELETE",
    "spam-test/folder/{folder_id}",
    SmartDeliveryMessage,
    idempotent=True,
    host="smart_delivery",
)


class SmartDeliveryFoldersResource(Resource):
    """Folders of placement tests (Smart Delivery host)."""

    @calls(LIST_FOLDERS)
    def list(self) -> Pager[SpamTestFolder]:
        """Every test folder (``GET /spam-test/folder``; one page: the page documents no paging)."""
        return self._pipeline.pager(LIST_FOLDERS)

    @calls(CREATE_FOLDER)
    async def create(self, *, name: str) -> SpamTestFolder:
        """Create a test folder (``POST /spam-test/folder``).

        SmartLead's page documents no body; ``{"name": ...}`` is what its example answer echoes
        and what older clients send (docs/api-notes.md, Smart Delivery).
        """
        body: dict[str, JSON] = {"name": require_text("name", name)}
        return await self._pipeline.call(CREATE_FOLDER, json=body)

    @calls(GET_FOLDER)
    async def get(self, folder_id: Key) -> SpamTestFolder:
        """One test folder (``GET /spam-test/folder/{folderId}``)."""
        return await self._pipeline.call(GET_FOLDER, folder_id=require_key("folder_id", folder_id))

    @calls(DELETE_FOLDER)
    async def delete(self, folder_id: Key) -> SmartDeliveryMessage:
        """Delete an (empty) test folder (``DELETE /spam-test/folder/{folderId}``)."""
        return await self._pipeline.call(
            DELETE_FOLDER, folder_id=require_key("folder_id", folder_id)
        )
