"""Typed models of SmartLead's wire shapes (frozen attrs classes)."""

from smartlead_async.models._base import Model, OpenStrEnum
from smartlead_async.models.campaigns import (
    Campaign,
    CampaignStatus,
    CampaignStatusUpdate,
    CampaignTag,
    CreatedCampaign,
)
from smartlead_async.models.clients import Client, ClientPermission
from smartlead_async.models.common import OkResponse
from smartlead_async.models.email_accounts import (
    EmailAccount,
    EmailAccountType,
    WarmupDetails,
    WarmupStatus,
)
from smartlead_async.models.leads import (
    AddLeadsResult,
    CampaignLead,
    CampaignLeadsPage,
    Lead,
    LeadCampaignData,
    LeadImportSettings,
    LeadInput,
    LeadStatus,
)
from smartlead_async.models.webhooks import Webhook

__all__ = [
    "AddLeadsResult",
    "Campaign",
    "CampaignLead",
    "CampaignLeadsPage",
    "CampaignStatus",
    "CampaignStatusUpdate",
    "CampaignTag",
    "Client",
    "ClientPermission",
    "CreatedCampaign",
    "EmailAccount",
    "EmailAccountType",
    "Lead",
    "LeadCampaignData",
    "LeadImportSettings",
    "LeadInput",
    "LeadStatus",
    "Model",
    "OkResponse",
    "OpenStrEnum",
    "WarmupDetails",
    "WarmupStatus",
    "Webhook",
]
