"""``client.clients``: agency clients and their API keys (catalog section 8)."""

from __future__ import annotations

import builtins
import re
from collections.abc import Sequence

from smartlead_async._endpoints import Endpoint, calls
from smartlead_async._json import JSON
from smartlead_async._validation import (
    normalize_email,
    require_id,
    require_optional_id,
    require_text,
)
from smartlead_async.errors import RequestValidationError, ResponseDecodeError
from smartlead_async.models.clients import (
    Client,
    ClientApiKey,
    ClientApiKeyList,
    ClientApiKeyResult,
    ClientCreated,
)
from smartlead_async.models.common import OkResponse
from smartlead_async.resources._base import Resource

__all__ = ["ClientsResource"]

LIST_CLIENTS = Endpoint("GET", "client/")
CREATE_CLIENT = Endpoint("POST", "client/save")
CREATE_API_KEY = Endpoint("POST", "client/api-key")
LIST_API_KEYS = Endpoint("GET", "client/api-key")
DELETE_API_KEY = Endpoint("DELETE", "client/api-key/{key_id}")
RESET_API_KEY = Endpoint("PUT", "client/api-key/reset/{key_id}")
PERMISSIONS = ("reply_master_inbox", "full_access")
_KEY_NAME = re.compile(r"^[A-Za-z0-9 _-]+$")


class ClientsResource(Resource):
    """Agency clients (sub-accounts) and their API keys."""

    @calls(LIST_CLIENTS)
    async def list(self) -> builtins.list[Client]:
        """Every client of the agency (``GET /client/``; not paginated)."""
        return await self._pipeline.request(LIST_CLIENTS.spec(), builtins.list[Client])

    @calls(CREATE_CLIENT)
    async def create(
        self,
        name: str,
        *,
        email: str,
        password: str,
        permission: Sequence[str] = ("reply_master_inbox",),
        logo: str | None = None,
        logo_url: str | None = None,
    ) -> ClientCreated:
        """Create an agency client (``POST /client/save``); ``email`` must be unique.

        ``permission`` holds ``reply_master_inbox`` or ``full_access`` (others undocumented).
        """
        if isinstance(permission, str) or not permission:
            raise RequestValidationError("permission must be a non-empty sequence")
        unknown = [p for p in permission if p not in PERMISSIONS]
        if unknown:
            raise RequestValidationError(f"unknown permissions {unknown}; known: {PERMISSIONS}")
        body: dict[str, JSON] = {
            "name": require_text("name", name),
            "email": normalize_email(email),
            "password": require_text("password", password),
            "permission": list[JSON](permission),
            "logo": logo,
            "logo_url": logo_url,
        }
        return await self._pipeline.request(CREATE_CLIENT.spec(json=body), ClientCreated)

    @calls(CREATE_API_KEY)
    async def create_api_key(self, client_id: int, name: str) -> ClientApiKey:
        """Create an API key for a client. The key value is shown only now (and on reset)."""
        body: dict[str, JSON] = {
            "clientId": require_id("client_id", client_id),
            "keyName": _key_name(name),
        }
        result = await self._pipeline.request(CREATE_API_KEY.spec(json=body), ClientApiKeyResult)
        return _key_of(result)

    @calls(LIST_API_KEYS)
    async def list_api_keys(
        self, *, client_id: int | None = None, active: bool | None = None, name: str | None = None
    ) -> builtins.list[ClientApiKey]:
        """Client API keys, filtered by client, status and (partial) name."""
        query = {
            "clientId": require_optional_id("client_id", client_id),
            "status": None if active is None else ("active" if active else "inactive"),
            "keyName": name,
        }
        result = await self._pipeline.request(LIST_API_KEYS.spec(query=query), ClientApiKeyList)
        return builtins.list(result.data)

    @calls(DELETE_API_KEY)
    async def delete_api_key(self, key_id: int) -> OkResponse:
        """Delete a client API key."""
        spec = DELETE_API_KEY.spec(key_id=require_id("key_id", key_id))
        return await self._pipeline.request(spec, OkResponse)

    @calls(RESET_API_KEY)
    async def reset_api_key(self, key_id: int) -> ClientApiKey:
        """Regenerate a client API key's value (same record); the new value is returned once."""
        spec = RESET_API_KEY.spec(key_id=require_id("key_id", key_id))
        return _key_of(await self._pipeline.request(spec, ClientApiKeyResult))


def _key_name(value: str) -> str:
    if not isinstance(value, str) or not _KEY_NAME.match(value):
        raise RequestValidationError(
            f"key names take letters, digits, spaces, '-' and '_' only, got {value!r}"
        )
    return value


def _key_of(result: ClientApiKeyResult) -> ClientApiKey:
    if result.data is None:
        raise ResponseDecodeError(
            "the API answered without the key record", payload=None, expected="ClientApiKey"
        )
    return result.data
