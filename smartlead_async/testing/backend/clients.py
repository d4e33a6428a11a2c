"""Agency clients and their API keys (key names: letters, digits, spaces, ``-`` and ``_``)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence

import attrs

from smartlead_async.testing._json import JSON
from smartlead_async.testing.backend._common import ApiError, Ids, Table, joi, now, refuse

__all__ = ["ClientStore", "FakeClient", "FakeClientApiKey"]

_KEY_NAME = re.compile(r"^[A-Za-z0-9 _-]+$")
#: Longest code-snippet name the API takes.
MAX_SNIPPET_NAME = 255


def _key_value() -> str:
    return f"cl_live_{uuid.uuid4().hex}"


@attrs.define
class FakeClient:
    """An agency client sub-account."""

    id: int
    name: str
    email: str
    uuid: str
    permission: list[str] = attrs.field(factory=lambda: ["reply_master_inbox"])
    created_at: str = attrs.field(factory=now)
    #: Code snippets by id: ``{"id", "snippet_name", "snippet_code"}``.
    code_integrations: dict[int, dict[str, JSON]] = attrs.field(factory=dict)

    def to_wire(self, user_id: int) -> dict[str, JSON]:
        """The client as ``GET /client/`` returns it (note the API's misspelt keys)."""
        return {
            "id": self.id,
            "name": self.name,
            "email": self.email,
            "uuid": self.uuid,
            "created_at": self.created_at,
            "user_id": user_id,
            "logo": None,
            "logo_url": None,
            "client_permision": {"permission": list(self.permission), "retricted_category": []},
        }

    def details_wire(
        self, user_id: int, *, permissions: bool, credits: bool, code_integrations: bool
    ) -> dict[str, JSON]:
        """The client as ``GET /client/{id}`` returns it, with the parts its flags ask for."""
        row: dict[str, JSON] = {
            "id": self.id,
            "uuid": self.uuid,
            "name": self.name,
            "email": self.email,
            "logo": None,
            "user_id": user_id,
            "created_at": self.created_at,
            "logo_url": None,
            "is_credit_assigned": False,
            "mobile_device_id": None,
            "ga_view_access": False,
            "client_preferences": {},
        }
        if permissions:
            row["client_permissions"] = [
                {"permission": list(self.permission), "retricted_category": []}
            ]
        if credits:
            row["user_client_credit"] = None
        if code_integrations:
            row["client_code_integrations"] = [dict(s) for s in self.code_integrations.values()]
        return row


@attrs.define
class FakeClientApiKey:
    """A client API key; its value is shown only at creation and reset."""

    id: int
    client_id: int
    key_name: str
    api_key: str = attrs.field(factory=_key_value, repr=False)
    status: str = "active"
    created_at: str = attrs.field(factory=now)

    def to_wire(self, *, with_value: bool) -> dict[str, JSON]:
        """The key record, with or without its value."""
        return {
            "id": self.id,
            "client_id": self.client_id,
            "key_name": self.key_name,
            "api_key": self.api_key if with_value else None,
            "status": self.status,
            "created_at": self.created_at,
        }


class ClientStore(Table[int, FakeClient]):
    """Clients by id and their API keys."""

    def __init__(self, ids: Ids) -> None:
        super().__init__()
        self._ids = ids
        self.api_keys: dict[int, FakeClientApiKey] = {}

    def add(self, name: str, email: str, permission: Sequence[str] = ()) -> FakeClient:
        """A new client; emails are unique."""
        if any(c.email == email for c in self._rows.values()):
            raise refuse(400, "Client with this email already exists")
        client = FakeClient(
            id=self._ids(),
            name=name,
            email=email,
            uuid=f"00000000-0000-4000-8000-{self._ids():012d}",
        )
        if permission:
            client.permission = list(permission)
        self._rows[client.id] = client
        return client

    def create_key(self, client_id: JSON, name: JSON) -> FakeClientApiKey:
        """A new key for a client."""
        if not isinstance(client_id, int) or client_id not in self._rows:
            raise refuse(400, f"Invalid clientId - {client_id}")
        if not isinstance(name, str) or not _KEY_NAME.match(name):
            raise joi('"keyName" may hold letters, digits, spaces, - and _', "keyName")
        key = FakeClientApiKey(id=self._ids(), client_id=client_id, key_name=name)
        self.api_keys[key.id] = key
        return key

    def existing_key(self, key_id: int) -> FakeClientApiKey:
        """A key, or the API's 404."""
        key = self.api_keys.get(key_id)
        if key is None:
            raise ApiError(404, {"error": "API key not found"})
        return key

    def reset_key(self, key_id: int) -> FakeClientApiKey:
        """Give a key a new value."""
        key = self.existing_key(key_id)
        key.api_key = _key_value()
        return key

    def find_keys(
        self, client_id: str | None, status: str | None, name_part: str
    ) -> list[FakeClientApiKey]:
        """Keys filtered as ``GET /client/api-key`` filters them."""
        return [
            key
            for key in self.api_keys.values()
            if (not client_id or str(key.client_id) == client_id)
            and (not status or key.status == status)
            and name_part.lower() in key.key_name.lower()
        ]

    def existing(self, client_id: int) -> FakeClient:
        """The client, or the API's 404."""
        client = self._rows.get(client_id)
        if client is None:
            raise ApiError(404, {"ok": False, "message": "Client not found"})
        return client

    def save_snippet(
        self, client: FakeClient, snippet_id: int | None, name: JSON, code: JSON
    ) -> dict[str, JSON]:
        """Add a code snippet (``snippet_id`` None) or change one; only given fields change."""
        if name is not None and (
            not isinstance(name, str) or not 1 <= len(name) <= MAX_SNIPPET_NAME
        ):
            raise joi(
                f'"snippet_name" must hold 1 to {MAX_SNIPPET_NAME} characters', "snippet_name"
            )
        if code is not None and (not isinstance(code, str) or not code):
            raise joi('"snippet_code" is not allowed to be empty', "snippet_code")
        if snippet_id is None:
            new_id = self._ids()
            snippet: dict[str, JSON] = {"id": new_id, "snippet_name": name, "snippet_code": code}
            client.code_integrations[new_id] = snippet
            return snippet
        snippet = client.code_integrations.get(snippet_id) or {}
        if not snippet:
            raise ApiError(404, {"success": False, "message": "Code integration not found"})
        if name is not None:
            snippet["snippet_name"] = name
        if code is not None:
            snippet["snippet_code"] = code
        return snippet
