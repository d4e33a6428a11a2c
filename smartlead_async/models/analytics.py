"""Campaign analytics and statistics models. Counters often arrive as strings (decoded as ints)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import attrs

from smartlead_async._json import JSON
from smartlead_async._pagination import Envelope
from smartlead_async.models._base import Model, wire_name

__all__ = [
    "ActivityPagination",
    "AnalyticsTag",
    "CampaignAnalytics",
    "CampaignLeadStats",
    "CampaignStatistic",
    "CampaignStatisticsPage",
    "EmailStatusFilter",
    "LeadActivitiesPage",
    "LeadStatistic",
    "LeadStatisticsPage",
    "MailboxStatistic",
    "MailboxStatisticsPage",
    "TopLevelAnalytics",
]


#: The ``email_status`` filter of campaign statistics, as a type that catches typos.
EmailStatusFilter = Literal["opened", "clicked", "replied", "unsubscribed", "bounced"]


@attrs.frozen(kw_only=True)
class AnalyticsTag(Model):
    """A tag as the analytics routes report it."""

    id: int | None = None
    name: str | None = None
    color: str | None = None


@attrs.frozen(kw_only=True)
class CampaignLeadStats(Model):
    """Lead counts by state in a campaign."""

    total: int = 0
    blocked: int = 0
    stopped: int = 0
    completed: int = 0
    inprogress: int = 0
    not_started: int = attrs.field(default=0, metadata=wire_name("notStarted"))
    paused: int = 0
    interested: int = 0
    revenue: float = 0.0


@attrs.frozen(kw_only=True)
class CampaignAnalytics(Model):
    """Lifetime (or, from ``analytics.campaign.by_date``, date-range) counters of a campaign."""

    id: int
    user_id: int | None = None
    created_at: dt.datetime | None = None
    status: str | None = None
    name: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    sent_count: int = 0
    open_count: int = 0
    click_count: int = 0
    reply_count: int = 0
    block_count: int = 0
    total_count: int = 0
    drafted_count: int = 0
    bounce_count: int = 0
    unsubscribed_count: int = 0
    sequence_count: int = 0
    unique_open_count: int = 0
    unique_click_count: int = 0
    unique_sent_count: int = 0
    tags: tuple[AnalyticsTag, ...] = ()
    client_id: int | None = None
    client_name: str | None = None
    client_email: str | None = None
    client_company_name: str | None = None
    send_as_plain_text: bool | None = None
    parent_campaign_id: int | None = None
    campaign_lead_stats: CampaignLeadStats | None = None


@attrs.frozen(kw_only=True)
class CampaignStatistic(Model):
    """One email sent to one lead (a row of ``GET /campaigns/{id}/statistics``)."""

    lead_name: str | None = None
    lead_email: str | None = None
    lead_category: str | None = None
    sequence_number: int | None = None
    email_campaign_seq_id: int | None = None
    seq_variant_id: int | None = None
    email_subject: str | None = None
    email_message: str | None = None
    sent_time: dt.datetime | None = None
    open_time: dt.datetime | None = None
    click_time: dt.datetime | None = None
    reply_time: dt.datetime | None = None
    open_count: int = 0
    click_count: int = 0
    is_unsubscribed: bool = False
    is_bounced: bool = False


@attrs.frozen(kw_only=True)
class CampaignStatisticsPage(Envelope, Model):
    """One page of statistics. ``total_stats`` arrives as a string."""

    total_stats: int | None = None
    offset: int = 0
    limit: int = 100
    data: tuple[CampaignStatistic, ...] = ()

    @property
    def page_items(self) -> tuple[CampaignStatistic, ...]:
        """The rows of the page."""
        return self.data

    @property
    def page_total(self) -> int | None:
        """Rows of the whole campaign (``total_stats``)."""
        return self.total_stats


@attrs.frozen(kw_only=True)
class LeadStatistic(Model):
    """Per-lead engagement counters (a row of ``leads-statistics``)."""

    lead_email: str | None = None
    lead_name: str | None = None
    sent_count: int = 0
    open_count: int = 0
    click_count: int = 0
    reply_count: int = 0


@attrs.frozen(kw_only=True)
class LeadStatisticsPage(Envelope, Model):
    """One page of ``leads-statistics`` (``hasMore`` style)."""

    data: tuple[LeadStatistic, ...] = ()
    has_more: bool = attrs.field(default=False, metadata=wire_name("hasMore"))
    skip: int = 0
    limit: int = 100

    @property
    def page_items(self) -> tuple[LeadStatistic, ...]:
        """The rows of the page."""
        return self.data

    @property
    def page_has_more(self) -> bool | None:
        """``hasMore``: it ends the walk even after a full page."""
        return self.has_more


@attrs.frozen(kw_only=True)
class MailboxStatistic(Model):
    """Per-mailbox counters of a campaign (a row of ``mailbox-statistics``)."""

    email_account_id: int | None = None
    from_email: str | None = None
    sent_count: int = 0
    open_count: int = 0
    click_count: int = 0
    reply_count: int = 0
    bounce_count: int = 0


@attrs.frozen(kw_only=True)
class MailboxStatisticsPage(Envelope, Model):
    """One page of ``mailbox-statistics``."""

    ok: bool = True
    data: tuple[MailboxStatistic, ...] = ()

    @property
    def page_items(self) -> tuple[MailboxStatistic, ...]:
        """The rows of the page."""
        return self.data


@attrs.frozen(kw_only=True)
class TopLevelAnalytics(Model):
    """Date-range counters from ``top-level-analytics-by-date`` (**[weak]** route)."""

    id: int | None = None
    name: str | None = None
    status: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    total_count: int = 0
    sent_count: int = 0
    skipped_count: int = 0
    open_count: int = 0
    click_count: int = 0
    reply_count: int = 0
    positive_reply_count: int = 0
    bounce_count: int = 0
    failed_count: int = 0
    stopped_count: int = 0
    unsubscribed_count: int = 0


@attrs.frozen(kw_only=True)
class ActivityPagination(Model):
    """The ``pagination`` object of ``all-leads-activities``."""

    has_more: bool = False
    offset: int = 0
    limit: int = 0


@attrs.frozen(kw_only=True)
class LeadActivitiesPage(Envelope, Model):
    """One page of account-wide lead activity; rows are passed through as sent."""

    data: tuple[dict[str, JSON], ...] = ()
    pagination: ActivityPagination | None = None

    @property
    def page_items(self) -> tuple[dict[str, JSON], ...]:
        """The activity rows of the page."""
        return self.data

    @property
    def page_has_more(self) -> bool | None:
        """``pagination.has_more``, or the top-level ``hasMore`` that the reference documents
        (docs/api-notes.md, Pagination); ``None`` when neither is sent."""
        if self.pagination is not None:
            return self.pagination.has_more
        flag = self.extra.get("hasMore")
        return flag if isinstance(flag, bool) else None
