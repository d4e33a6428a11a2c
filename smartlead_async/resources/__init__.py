"""API resources, one module per area. Methods describe requests; the pipeline runs them.

Each resource module (with the models it uses) is imported on first use, so that a client pays
only for the namespaces it touches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from smartlead_async._lazy import lazy_exports

if TYPE_CHECKING:
    from smartlead_async.resources.analytics import AnalyticsResource
    from smartlead_async.resources.campaigns import CampaignsResource
    from smartlead_async.resources.clients import ClientsResource
    from smartlead_async.resources.email_accounts import EmailAccountsResource
    from smartlead_async.resources.inbox import InboxResource
    from smartlead_async.resources.lead_lists import LeadListsResource
    from smartlead_async.resources.leads import LeadsResource
    from smartlead_async.resources.webhooks import WebhooksResource

    RESOURCES: dict[str, type]

#: ``SmartleadClient`` attribute name → resource class name (its module is the attribute's).
_ATTRIBUTES = {
    "campaigns": "CampaignsResource",
    "leads": "LeadsResource",
    "email_accounts": "EmailAccountsResource",
    "webhooks": "WebhooksResource",
    "clients": "ClientsResource",
    "inbox": "InboxResource",
    "analytics": "AnalyticsResource",
    "lead_lists": "LeadListsResource",
}
_MODULES = {f"{__name__}.{attribute}": (name,) for attribute, name in _ATTRIBUTES.items()}
_resource, __dir__ = lazy_exports(__name__, _MODULES)


def __getattr__(name: str) -> object:
    if name == "RESOURCES":
        # ``SmartleadClient`` attribute name → resource class (the endpoint table is built from
        # it); asking for it imports every resource.
        found = {attribute: _resource(cls) for attribute, cls in _ATTRIBUTES.items()}
        globals()["RESOURCES"] = found
        return found
    return _resource(name)


__all__ = [
    "RESOURCES",
    "AnalyticsResource",
    "CampaignsResource",
    "ClientsResource",
    "EmailAccountsResource",
    "InboxResource",
    "LeadListsResource",
    "LeadsResource",
    "WebhooksResource",
]
