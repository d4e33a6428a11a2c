"""Campaign webhook subscription models (catalog section 6)."""

from __future__ import annotations

import datetime as dt

import attrs

from smartlead_async.models._base import Model

__all__ = ["Webhook"]


@attrs.frozen(kw_only=True)
class Webhook(Model):
    """A campaign webhook: where SmartLead posts which events (and, for category updates, which
    lead categories, by name)."""

    id: int
    name: str | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    webhook_url: str | None = None
    email_campaign_id: int | None = None
    event_types: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
