"""API resources, one module per area. Methods describe requests; the pipeline runs them.

Each resource module (with the models it uses) is imported on first use, so that a client pays
only for the namespaces it touches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from smartlead_async._lazy import lazy_exports

if TYPE_CHECKING:
    from smartlead_async.resources.analytics import AnalyticsResource
    from smartlead_async.resources.block_list import BlockListResource
    from smartlead_async.resources.campaign_analytics import CampaignAnalyticsResource
    from smartlead_async.resources.campaigns import CampaignsResource
    from smartlead_async.resources.clients import ClientsResource
    from smartlead_async.resources.crm import LeadCrmResource
    from smartlead_async.resources.email_accounts import EmailAccountsResource
    from smartlead_async.resources.inbox import InboxResource
    from smartlead_async.resources.lead_categories import LeadCategoriesResource
    from smartlead_async.resources.lead_lists import LeadListsResource
    from smartlead_async.resources.leads import LeadsResource
    from smartlead_async.resources.prompt_templates import PromptTemplatesResource
    from smartlead_async.resources.prospect import ProspectResource
    from smartlead_async.resources.prospect_lookups import ProspectLookupsResource
    from smartlead_async.resources.prospect_searches import ProspectSearchesResource
    from smartlead_async.resources.smart_delivery import SmartDeliveryResource
    from smartlead_async.resources.smart_delivery_folders import SmartDeliveryFoldersResource
    from smartlead_async.resources.smart_delivery_reports import SmartDeliveryReportsResource
    from smartlead_async.resources.smart_senders import SmartSendersResource
    from smartlead_async.resources.webhooks import WebhooksResource

    RESOURCES: dict[str, type]

#: ``SmartleadClient`` attribute path → (module, resource class name).
_ATTRIBUTES = {
    "campaigns": ("campaigns", "CampaignsResource"),
    "leads": ("leads", "LeadsResource"),
    "leads.block_list": ("block_list", "BlockListResource"),
    "leads.lead_categories": ("lead_categories", "LeadCategoriesResource"),
    "leads.crm": ("crm", "LeadCrmResource"),
    "campaigns.prompt_templates": ("prompt_templates", "PromptTemplatesResource"),
    "email_accounts": ("email_accounts", "EmailAccountsResource"),
    "webhooks": ("webhooks", "WebhooksResource"),
    "clients": ("clients", "ClientsResource"),
    "inbox": ("inbox", "InboxResource"),
    "analytics": ("analytics", "AnalyticsResource"),
    "analytics.campaign": ("campaign_analytics", "CampaignAnalyticsResource"),
    "lead_lists": ("lead_lists", "LeadListsResource"),
    "smart_delivery": ("smart_delivery", "SmartDeliveryResource"),
    "smart_delivery.reports": ("smart_delivery_reports", "SmartDeliveryReportsResource"),
    "smart_delivery.folders": ("smart_delivery_folders", "SmartDeliveryFoldersResource"),
    "smart_senders": ("smart_senders", "SmartSendersResource"),
    "prospect": ("prospect", "ProspectResource"),
    "prospect.lookups": ("prospect_lookups", "ProspectLookupsResource"),
    "prospect.searches": ("prospect_searches", "ProspectSearchesResource"),
}
_MODULES = {f"{__name__}.{module}": (name,) for module, name in _ATTRIBUTES.values()}
_resource, __dir__ = lazy_exports(__name__, _MODULES)


def __getattr__(name: str) -> object:
    if name == "RESOURCES":
        # ``SmartleadClient`` attribute path → resource class (the endpoint table is built from
        # it); asking for it imports every resource.
        found = {attribute: _resource(cls) for attribute, (_, cls) in _ATTRIBUTES.items()}
        globals()["RESOURCES"] = found
        return found
    return _resource(name)


__all__ = [
    "RESOURCES",
    "AnalyticsResource",
    "BlockListResource",
    "CampaignAnalyticsResource",
    "CampaignsResource",
    "ClientsResource",
    "EmailAccountsResource",
    "InboxResource",
    "LeadCategoriesResource",
    "LeadCrmResource",
    "LeadListsResource",
    "LeadsResource",
    "PromptTemplatesResource",
    "ProspectLookupsResource",
    "ProspectResource",
    "ProspectSearchesResource",
    "SmartDeliveryFoldersResource",
    "SmartDeliveryReportsResource",
    "SmartDeliveryResource",
    "SmartSendersResource",
    "WebhooksResource",
]
