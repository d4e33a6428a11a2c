"""Typed models of SmartLead's wire shapes (frozen attrs classes)."""

from smartlead_async.models._base import Model, OpenStrEnum
from smartlead_async.models.campaigns import (
    Campaign,
    CampaignStatus,
    CampaignStatusUpdate,
    CampaignTag,
    CreatedCampaign,
)
from smartlead_async.models.common import OkResponse
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

__all__ = [
    "AddLeadsResult",
    "Campaign",
    "CampaignLead",
    "CampaignLeadsPage",
    "CampaignStatus",
    "CampaignStatusUpdate",
    "CampaignTag",
    "CreatedCampaign",
    "Lead",
    "LeadCampaignData",
    "LeadImportSettings",
    "LeadInput",
    "LeadStatus",
    "Model",
    "OkResponse",
    "OpenStrEnum",
]
