"""``client.clients``: agency clients and their API keys."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from smartlead_async._endpoints import Endpoint, Paging, Unwrap, calls
from smartlead_async._json import JSON
from smartlead_async._pagination import Pager, Rows
from smartlead_async._validation import (
    normalize_email,
    require_id,
    require_optional_id,
    require_text,
)
from smartlead_async.errors import RequestValidationError
from smartlead_async.models.clients import (
    Client,
    ClientApiKey,
    ClientApiKeyList,
    ClientCreated,
    ClientDetails,
    CodeSnippet,
)
from smartlead_async.models.common import OkResponse
from smartlead_async.resources._base import Resource

__all__ = ["ClientsResource"]

_ALL_AT_ONCE = Paging(max_limit=None)
LIST_CLIENTS = Endpoint("GET", "client/", Rows[Client], unwrap=Unwrap.ROWS, page=_ALL_AT_ONCE)
CREATE_CLIENT = Endpoint("POST", "client/save", ClientCreated)
GET_CLIENT = Endpoint("GET", "client/{client_id}", ClientDetails, unwrap=Unwrap.DATA)
# A replay would add the snippet twice.
ADD_CODE_SNIPPET = Endpoint(
    "POST",
    "client/{client_id}/code-integrations",
    CodeSnippet,
    unwrap=Unwrap.DATA,
    acknowledged=True,
)
UPDATE_CODE_SNIPPET = Endpoint(
    "PATCH",
    "client/{client_id}/code-integrations/{integration_id}",
    CodeSnippet,
    unwrap=Unwrap.DATA,
    idempotent=True,
    acknowledged=True,
)
# The key record sits in `data`; an answer without it is refused (the value is shown only once).
CREATE_API_KEY = Endpoint("POST", "client/api-key", ClientApiKey, unwrap=Unwrap.DATA)
LIST_API_KEYS = Endpoint("GET", "client/api-key", ClientApiKeyList, page=_ALL_AT_ONCE)
DELETE_API_KEY = Endpoint("DELETE", "client/api-key/{key_id}", OkResponse, idempotent=True)
RESET_API_KEY = Endpoint("PUT", "client/api-key/reset/{key_id}", ClientApiKey, unwrap=Unwrap.DATA)
#: A client's access level (others are undocumented).
Permission = Literal["reply_master_inbox", "full_access"]
PERMISSIONS: tuple[Permission, ...] = ("reply_master_inbox", "full_access")
_KEY_NAME = re.compile(r"^[A-Za-z0-9 _-]+$")
_MAX_SNIPPET_NAME = 255


class ClientsResource(Resource):
    """Agency clients (sub-accounts) and their API keys."""

    @calls(LIST_CLIENTS)
    def list(self) -> Pager[Client]:
        """Every client of the agency (``GET /client/``; one page: the route is not paged)."""
        return self._pipeline.pager(LIST_CLIENTS)

    @calls(CREATE_CLIENT)
    async def create(
        self,
        *,
        name: str,
        email: str,
        password: str,
        permission: Sequence[Permission] = ("reply_master_inbox",),
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
        return await self._pipeline.call(CREATE_CLIENT, json=body)

    @calls(GET_CLIENT)
    async def get(
        self,
        client_id: int,
        *,
        include_permissions: bool = False,
        include_credits: bool = False,
        include_code_integrations: bool = False,
        include_whitelabel: bool = False,
    ) -> ClientDetails:
        """One client by id (``GET /client/{id}``); an unknown id raises ``NotFoundError``.

        The flags add the client's permissions, credits, code snippets and white-label details.
        """
        require_id("client_id", client_id)
        query = {
            "includePermissions": True if include_permissions else None,
            "includeCredits": True if include_credits else None,
            "includeCodeIntegrations": True if include_code_integrations else None,
            "includeWhitelabel": True if include_whitelabel else None,
        }
        return await self._pipeline.call(GET_CLIENT, query=query, client_id=client_id)

    @calls(ADD_CODE_SNIPPET)
    async def add_code_snippet(self, client_id: int, *, name: str, code: str) -> CodeSnippet:
        """Add a code snippet to a client (``POST /client/{client_id}/code-integrations``);
        the answer carries only the new snippet's ``id``. Not retried after an ambiguous
        failure (it could add two)."""
        require_id("client_id", client_id)
        body: dict[str, JSON] = {
            "snippet_name": _snippet_name(name),
            "snippet_code": _snippet_code(code),
        }
        return await self._pipeline.call(ADD_CODE_SNIPPET, json=body, client_id=client_id)

    @calls(UPDATE_CODE_SNIPPET)
    async def update_code_snippet(
        self,
        client_id: int,
        integration_id: int,
        *,
        name: str | None = None,
        code: str | None = None,
    ) -> CodeSnippet:
        """Rename a client's code snippet or replace its code; only what you pass is sent."""
        require_id("client_id", client_id)
        require_id("integration_id", integration_id)
        body: dict[str, JSON] = {}
        if name is not None:
            body["snippet_name"] = _snippet_name(name)
        if code is not None:
            body["snippet_code"] = _snippet_code(code)
        if not body:
            raise RequestValidationError("update_code_snippet needs a name or a code to change")
        return await self._pipeline.call(
            UPDATE_CODE_SNIPPET, json=body, client_id=client_id, integration_id=integration_id
        )

    @calls(CREATE_API_KEY)
    async def create_api_key(self, client_id: int, *, name: str) -> ClientApiKey:
        """Create an API key for a client. The key value is shown only now (and on reset)."""
        body: dict[str, JSON] = {
            "clientId": require_id("client_id", client_id),
            "keyName": _key_name(name),
        }
        return await self._pipeline.call(CREATE_API_KEY, json=body)

    @calls(LIST_API_KEYS)
    def list_api_keys(
        self, *, client_id: int | None = None, active: bool | None = None, name: str | None = None
    ) -> Pager[ClientApiKey]:
        """Client API keys, filtered by client, status and (partial) name (one page)."""
        query = {
            "clientId": require_optional_id("client_id", client_id),
            "status": None if active is None else ("active" if active else "inactive"),
            "keyName": name,
        }
        return self._pipeline.pager(LIST_API_KEYS, query=query)

    @calls(DELETE_API_KEY)
    async def delete_api_key(self, key_id: int) -> OkResponse:
        """Delete a client API key."""
        return await self._pipeline.call(DELETE_API_KEY, key_id=require_id("key_id", key_id))

    @calls(RESET_API_KEY)
    async def reset_api_key(self, key_id: int) -> ClientApiKey:
        """Regenerate a client API key's value (same record); the new value is returned once."""
        return await self._pipeline.call(RESET_API_KEY, key_id=require_id("key_id", key_id))


def _key_name(value: str) -> str:
    if not isinstance(value, str) or not _KEY_NAME.match(value):
        raise RequestValidationError(
            f"key names take letters, digits, spaces, '-' and '_' only, got {value!r}"
        )
    return value


def _snippet_name(value: str) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > _MAX_SNIPPET_NAME:
        raise RequestValidationError(f"snippet names are 1 to {_MAX_SNIPPET_NAME} characters")
    return value


def _snippet_code(value: str) -> str:
    if not isinstance(value, str) or not value:
        raise RequestValidationError("snippet code must be a non-empty string")
    return value
