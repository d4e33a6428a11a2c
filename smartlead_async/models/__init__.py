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
    BlockListEntry,
    BlockListResult,
    CampaignLead,
    CampaignLeadsPage,
    Lead,
    LeadCampaign,
    LeadCampaignData,
    LeadCategory,
    LeadImportSettings,
    LeadInput,
    LeadStatus,
    ManualCompleteResult,
    MessageHistory,
    MessageHistoryItem,
    NextSequence,
    SequenceStatus,
)
from smartlead_async.models.webhooks import Webhook

__all__ = [
    "AddLeadsResult",
    "BlockListEntry",
    "BlockListResult",
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
    "LeadCampaign",
    "LeadCampaignData",
    "LeadCategory",
    "LeadImportSettings",
    "LeadInput",
    "LeadStatus",
    "ManualCompleteResult",
    "MessageHistory",
    "MessageHistoryItem",
    "Model",
    "NextSequence",
    "OkResponse",
    "OpenStrEnum",
    "SequenceStatus",
    "WarmupDetails",
    "WarmupStatus",
    "Webhook",
]
