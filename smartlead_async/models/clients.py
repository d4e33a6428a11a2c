"""Agency client (sub-account) models (catalog section 8)."""

from __future__ import annotations

import datetime as dt

import attrs

from smartlead_async.models._base import Model, wire_name

__all__ = ["Client", "ClientPermission"]


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
