"""Agency client (sub-account) models (docs/api-notes.md, Clients)."""

from __future__ import annotations

import datetime as dt

import attrs

from smartlead_async._json import JSON
from smartlead_async._pagination import Envelope
from smartlead_async.models._base import Model, wire_name

__all__ = [
    "Client",
    "ClientApiKey",
    "ClientApiKeyList",
    "ClientApiKeyResult",
    "ClientCreated",
    "ClientDetails",
    "ClientPermission",
    "CodeSnippet",
]


@attrs.frozen(kw_only=True)
class ClientPermission(Model):
    """What a client may do. The wire key ``retricted_category`` is misspelt by the API."""

    permission: tuple[str, ...] = ()
    restricted_category: tuple[str, ...] = attrs.field(
        default=(), metadata=wire_name("retricted_category")
    )


@attrs.frozen(kw_only=True)
class Client(Model):
    """An agency client. The wire key ``client_permision`` is misspelt by the API."""

    id: int
    name: str | None = None
    email: str | None = None
    uuid: str | None = None
    created_at: dt.datetime | None = None
    user_id: int | None = None
    logo: str | None = None
    logo_url: str | None = None
    client_permission: ClientPermission | None = attrs.field(
        default=None, metadata=wire_name("client_permision")
    )


@attrs.frozen(kw_only=True)
class CodeSnippet(Model):
    """A client's code snippet (a "code integration": HTML/JS shown in the client's pages).
    Creating or changing one answers only its ``id``."""

    id: int
    snippet_name: str | None = None
    snippet_code: str | None = None


@attrs.frozen(kw_only=True)
class ClientDetails(Client):
    """One client as ``GET /client/{id}`` answers it; the ``include_*`` flags of
    ``client.clients.get`` add ``client_permissions``, ``user_client_credit``,
    ``client_code_integrations`` and ``user`` (white-label details)."""

    is_credit_assigned: bool | None = None
    mobile_device_id: str | None = None
    ga_view_access: bool | None = None
    client_preferences: JSON = None
    client_permissions: tuple[ClientPermission, ...] = ()
    client_code_integrations: tuple[CodeSnippet, ...] = ()
    user_client_credit: JSON = None
    user: JSON = None


def _redacted(value: object) -> str:
    return "None" if value is None else "'***'"


@attrs.frozen(kw_only=True)
class ClientCreated(Model):
    """The answer to creating a client. The API echoes the password; it is hidden in reprs."""

    ok: bool = True
    client_id: int | None = attrs.field(default=None, metadata=wire_name("clientId"))
    name: str | None = None
    email: str | None = None
    password: str | None = attrs.field(default=None, repr=_redacted)


@attrs.frozen(kw_only=True)
class ClientApiKey(Model):
    """An API key of an agency client. ``api_key`` is only returned at creation and reset, and
    is hidden in reprs."""

    id: int
    client_id: int | None = None
    key_name: str | None = None
    api_key: str | None = attrs.field(default=None, repr=_redacted)
    status: str | None = None
    created_at: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class ClientApiKeyResult(Model):
    """The answer to creating or resetting a client API key."""

    ok: bool = True
    data: ClientApiKey | None = None


@attrs.frozen(kw_only=True)
class ClientApiKeyList(Model, Envelope):
    """The answer to listing client API keys."""

    message: str | None = None
    data: tuple[ClientApiKey, ...] = ()

    @property
    def page_items(self) -> tuple[ClientApiKey, ...]:
        """The keys."""
        return self.data
