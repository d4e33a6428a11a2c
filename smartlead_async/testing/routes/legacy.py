"""Legacy aliases: request spellings the SDK sends today that SmartLead's own reference says
are wrong or does not document. The route table stays as documented; this one table lets the
fake keep accepting these spellings until the SDK sends the documented ones, then its rows go.

Each body alias names a key path in the body (``a.b``; ``a[].b`` inside array items): the
documented key there becomes optional (the SDK's spelling stands in for it) and, when ``accepts``
is given, the key may also take that shape (or is added with it). Query aliases are extra
parameter names.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from smartlead_async.testing._schema import (
    ARRAY,
    NULL,
    NUMBER,
    OBJECT,
    STRING,
    Query,
    Shape,
    relax,
)
from smartlead_async.testing.routes._base import Route

__all__ = ["LEGACY_BODY", "LEGACY_QUERY", "Alias", "body_shape", "query_names"]


@attrs.frozen
class Alias:
    """One legacy spelling in a request body."""

    path: str
    accepts: Shape | None = None


#: The lead keys of one add-leads row, as the SDK writes imported rows today.
_LEAD_ROW: Shape = {
    "email*": STRING,
    "first_name": STRING | NULL,
    "last_name": STRING | NULL,
    "phone_number": STRING | NULL,
    "company_name": STRING | NULL,
    "website": STRING | NULL,
    "location": STRING | NULL,
    "linkedin_profile": STRING | NULL,
    "company_url": STRING | NULL,
    "custom_fields": OBJECT | NULL,
}

LEGACY_BODY: dict[str, tuple[Alias, ...]] = {
    # The reference nests the schedule under ``schedule`` with ``days``; the SDK sends the
    # flat body the live API is known to take.
    "POST /campaigns/{campaign_id}/schedule": (
        Alias("schedule"),
        Alias("timezone", STRING),
        Alias("days_of_the_week", ARRAY),
        Alias("start_hour", STRING),
        Alias("end_hour", STRING),
        Alias("min_time_btw_emails", NUMBER),
        Alias("max_new_leads_per_day", NUMBER),
        Alias("schedule_start_time", STRING | NULL),
    ),
    # The sequence variants of A/B steps (the reference documents no variants); new steps and
    # new webhooks, mailboxes and clients are sent with a null id.
    "POST /campaigns/{campaign_id}/sequences": (
        Alias("sequences[].id", NULL),
        Alias("sequences[].seq_variants", ARRAY),
        Alias("sequences[].email_body"),
    ),
    # Categories filter category events (the reference lists no ``categories`` here).
    "POST /campaigns/{campaign_id}/webhooks": (Alias("categories", ARRAY), Alias("id", NULL)),
    # The reference marks ``warmup_enabled`` required on save; the SDK sends it only when set.
    "POST /email-accounts/save": (Alias("warmup_enabled"), Alias("id", NULL)),
    # The reference marks ``id`` required (update-only); the SDK also creates with this route.
    "POST /email-accounts/tag-manager": (Alias("id"),),
    "POST /client/save": (Alias("id"), Alias("logo", NULL), Alias("logo_url", NULL)),
}

LEGACY_QUERY: dict[str, Query] = {
    "GET /campaigns/all-leads-activities": ("client_id",),
}


def body_shape(key: str, route: Route) -> Shape | None:
    """The body the fake accepts on a route: the documented one plus its legacy aliases."""
    shape = route.body
    for alias in LEGACY_BODY.get(key, ()):
        if not isinstance(shape, Mapping):
            raise ValueError(f"{key}: legacy aliases need an object body")
        shape = relax(shape, alias.path, alias.accepts)
    return shape


def query_names(key: str, route: Route) -> Query | None:
    """The query parameters the fake accepts on a route, legacy ones included."""
    if route.query is None:
        return None
    return route.query + LEGACY_QUERY.get(key, ())
