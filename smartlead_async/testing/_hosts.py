"""The SmartLead hosts the fake serves, each under its own root on the one server.

Live, they are ``server.smartlead.ai/api/v1`` (core), ``smartdelivery.smartlead.ai/api/v1``,
``smart-senders.smartlead.ai/api/v1`` and ``prospect-api.smartlead.ai/api/v1/search-email-leads``;
all take the same ``api_key`` query parameter.
"""

from __future__ import annotations

from smartlead_async.testing._json import JSON
from smartlead_async.testing.backend.prospect import prospect_error

__all__ = ["HOST_ROOTS", "unauthorized_body"]

#: Host name → the path root its routes live under on the fake.
HOST_ROOTS = {
    "core": "/api/v1",
    "smart_delivery": "/smart-delivery/api/v1",
    "smart_senders": "/smart-senders/api/v1",
    "prospect": "/prospect/api/v1/search-email-leads",
}


def unauthorized_body(host: str) -> JSON:
    """What a host answers a missing or wrong key with (Prospect has its own shape)."""
    if host == "prospect":
        return prospect_error(401, "User not authenticated").body
    return {"message": "Invalid API Key"}
