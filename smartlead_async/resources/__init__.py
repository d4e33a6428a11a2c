"""API resources, one module per area. Methods describe requests; the pipeline runs them."""

from smartlead_async.resources.analytics import AnalyticsResource
from smartlead_async.resources.block_list import BlockListResource
from smartlead_async.resources.campaign_analytics import CampaignAnalyticsResource
from smartlead_async.resources.campaigns import CampaignsResource
from smartlead_async.resources.clients import ClientsResource
from smartlead_async.resources.email_accounts import EmailAccountsResource
from smartlead_async.resources.inbox import InboxResource
from smartlead_async.resources.lead_lists import LeadListsResource
from smartlead_async.resources.leads import LeadsResource
from smartlead_async.resources.prospect import ProspectResource
from smartlead_async.resources.smart_delivery import SmartDeliveryResource
from smartlead_async.resources.smart_senders import SmartSendersResource
from smartlead_async.resources.webhooks import WebhooksResource

#: ``SmartleadClient`` attribute name → resource class (the endpoint table is built from it).
RESOURCES: dict[str, type] = {
    "campaigns": CampaignsResource,
    "leads": LeadsResource,
    "leads.block_list": BlockListResource,
    "email_accounts": EmailAccountsResource,
    "webhooks": WebhooksResource,
    "clients": ClientsResource,
    "inbox": InboxResource,
    "analytics": AnalyticsResource,
    "analytics.campaign": CampaignAnalyticsResource,
    "lead_lists": LeadListsResource,
    "smart_delivery": SmartDeliveryResource,
    "smart_senders": SmartSendersResource,
    "prospect": ProspectResource,
}

__all__ = [
    "RESOURCES",
    "AnalyticsResource",
    "BlockListResource",
    "CampaignAnalyticsResource",
    "CampaignsResource",
    "ClientsResource",
    "EmailAccountsResource",
    "InboxResource",
    "LeadListsResource",
    "LeadsResource",
    "ProspectResource",
    "SmartDeliveryResource",
    "SmartSendersResource",
    "WebhooksResource",
]
