"""Smart Delivery: inbox-placement (spam) tests, their reports, folders and seed providers.

SmartLead's pages for this host document no request parameters and rebuild their response
examples from an older schema (docs/api-notes.md, Smart Delivery), so every field here is
optional and anything undeclared is kept in ``extra``. Ids are strings on the wire examples
(``"test_001"``, ``"folder_001"``) and numbers in older clients: both decode, as strings.
"""

from __future__ import annotations

import datetime as dt

import attrs

from smartlead_async._json import JSON
from smartlead_async.models._base import Model, OpenStrEnum, wire_name

__all__ = [
    "BlacklistCheck",
    "BlacklistReply",
    "MailboxCounts",
    "MailboxPlacement",
    "PlacementReport",
    "PlacementRow",
    "ReplyHeaders",
    "ScheduleRun",
    "SeedAccountCheck",
    "SeedProviderGroup",
    "SeedRegion",
    "SenderAccountReport",
    "SenderAccountStats",
    "SenderSeedChecks",
    "SenderSpamFilters",
    "SendingIp",
    "SmartDeliveryMessage",
    "SpamFilterHit",
    "SpamTest",
    "SpamTestEmailContent",
    "SpamTestFolder",
    "SpamTestSender",
    "SpamTestStatus",
    "SpamTestSummary",
    "SpamTestType",
    "WhoisData",
]


class SpamTestType(OpenStrEnum):
    """How a placement test runs (``test_type``); other values are kept as sent."""

    MANUAL = "manual"
    AUTOMATED = "automated"


class SpamTestStatus(OpenStrEnum):
    """A placement test's (or one run's) ``status``; other values are kept as sent."""

    ACTIVE = "active"
    COMPLETED = "completed"


@attrs.frozen(kw_only=True)
class SmartDeliveryMessage(Model):
    """The ``{"message": ...}`` answer of the stop and delete routes.

    The answer carries no ``ok`` flag; an answer saying ``ok: false`` or ``success: false`` is
    an :class:`~smartlead_async.OperationFailedError` before it gets here.
    """

    message: str | None = None


@attrs.frozen(kw_only=True)
class SeedProviderGroup(Model):
    """A group of seed mailboxes (a provider within a region) to target in a test."""

    group_id: str | None = None
    group_name: str | None = None
    provider_count: int | None = None


@attrs.frozen(kw_only=True)
class SeedRegion(Model):
    """One region of seed providers (``GET /spam-test/seed/providers``)."""

    region_id: str | None = None
    region_name: str | None = None
    groups: tuple[SeedProviderGroup, ...] = ()


@attrs.frozen(kw_only=True)
class SpamTest(Model):
    """A placement test's configuration and status (create answers and ``GET /spam-test/{id}``).

    Attributes:
        scheduler_cron_value: The schedule of an automated test: a cron string on SmartLead's
            page (``"0 10 * * 0"``), an object (``{tz, days}``) in older clients; kept as sent.
    """

    id: str | None = None
    test_name: str | None = None
    test_type: SpamTestType | None = None
    description: str | None = None
    status: SpamTestStatus | None = None
    folder_id: str | None = None
    campaign_id: str | None = None
    sequence_mapping_id: str | None = None
    provider_id: str | None = None
    spam_filters: bool | None = None
    link_checker: bool | None = None
    all_email_sent_without_time_gap: bool | None = None
    min_time_btwn_emails: int | None = None
    min_time_unit: str | None = None
    is_warmup: bool | None = None
    test_with_sl_account: bool | None = None
    has_seed_mapping: bool | None = None
    email_track_id: str | None = None
    schedule_start_time: dt.datetime | None = None
    test_end_date: dt.datetime | None = None
    every_days: int | None = None
    scheduler_cron_value: JSON = None
    client_id: str | None = None
    user_id: str | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class SpamTestSummary(Model):
    """One row of the test list (``POST /spam-test/report``)."""

    spam_test_id: str | None = None
    test_name: str | None = None
    test_type: SpamTestType | None = None
    status: SpamTestStatus | None = None
    schedule_start_time: dt.datetime | None = None
    test_end_date: dt.datetime | None = None
    every_days: int | None = None
    current_test_run_no: int | None = None


@attrs.frozen(kw_only=True)
class PlacementRow(Model):
    """Placement rates of one provider (provider-wise report) or one region (group-wise)."""

    provider: str | None = None
    region: str | None = None
    inbox_rate: float | None = None
    spam_rate: float | None = None
    bounce_rate: float | None = None
    mailbox_count: int | None = None
    avg_delivery_time_seconds: float | None = None


@attrs.frozen(kw_only=True)
class PlacementReport(Model):
    """The provider-wise or group-wise (geo) report of a test."""

    overall_total_count: int | None = attrs.field(
        default=None, metadata=wire_name("overallTotalCount")
    )
    status: SpamTestStatus | None = None
    result: tuple[PlacementRow, ...] = ()


@attrs.frozen(kw_only=True)
class SenderAccountStats(Model):
    """Placement statistics of one sending account across tests."""

    sender_name: str | None = None
    tests_count: int | None = None
    avg_inbox_rate: float | None = None
    avg_spam_rate: float | None = None
    avg_bounce_rate: float | None = None
    reputation_score: float | None = None
    last_test_date: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class SenderAccountReport(Model):
    """One row of the sender-account-wise report."""

    email: str | None = None
    details: SenderAccountStats | None = None


@attrs.frozen(kw_only=True)
class SpamTestSender(Model):
    """A sending account used by a test (``…/sender-accounts``)."""

    id: str | None = None
    spam_test_id: str | None = None
    from_email: str | None = None
    client_id: str | None = None
    user_id: str | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class SpamFilterHit(Model):
    """How often one spam filter triggered on a sender's test emails, and why."""

    filter: str | None = None
    triggered_count: int | None = None
    trigger_percentage: float | None = None
    reasons: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class SenderSpamFilters(Model):
    """One row of the spam-filter report: a sender and its filter hits."""

    from_email: str | None = None
    spam_filter_details: tuple[SpamFilterHit, ...] = ()


@attrs.frozen(kw_only=True)
class SeedAccountCheck(Model):
    """One seed mailbox's verdict on a sender. Each report fills its own flag: ``dkim_verified``
    (DKIM), ``spf_verified`` (SPF), ``rdns_verified`` (rDNS), ``domain_blacklisted`` (domain
    blacklist)."""

    id: str | None = None
    email: str | None = None
    esp: str | None = None
    dkim_verified: bool | None = None
    spf_verified: bool | None = None
    rdns_verified: bool | None = None
    domain_blacklisted: bool | None = None


@attrs.frozen(kw_only=True)
class SenderSeedChecks(Model):
    """One row of the DKIM, SPF, rDNS and domain-blacklist reports: a sender, per seed."""

    from_email: str | None = None
    seed_accounts: tuple[SeedAccountCheck, ...] = ()


@attrs.frozen(kw_only=True)
class BlacklistReply(Model):
    """The sender of the seed reply a blacklist row is about."""

    from_email: str | None = None


@attrs.frozen(kw_only=True)
class BlacklistCheck(Model):
    """One row of the IP blacklist report.

    SmartLead's two pages for the route disagree: per-reply rows, or one ``{total_blacklist}``
    object (then only :attr:`total_blacklist` is set).
    """

    reply_id: str | None = None
    reply: BlacklistReply | None = None
    to_email: str | None = None
    domain: str | None = None
    blacklist_type_value: str | None = None
    total_blacklist: int | None = None
    rdns: str | None = None
    ip: str | None = None
    details: str | None = None


@attrs.frozen(kw_only=True)
class SpamTestEmailContent(Model):
    """The email a test sent: subject, text, HTML and raw source."""

    spam_test: str | None = attrs.field(default=None, metadata=wire_name("spamTest"))
    subject: str | None = None
    text: str | None = None
    html: str | None = None
    raw_email_content: str | None = attrs.field(default=None, metadata=wire_name("rawEmailContent"))


@attrs.frozen(kw_only=True)
class WhoisData(Model):
    """WHOIS facts about a sending IP."""

    isp: str | None = None
    location: str | None = None
    reverse_dns: str | None = None
    organization: str | None = None


@attrs.frozen(kw_only=True)
class SendingIp(Model):
    """One sending IP of a test (``…/ip-analytics``, titled "IP Details")."""

    ip: str | None = None
    blacklisted: bool | None = None
    summary: str | None = None
    whois_data: WhoisData | None = None
    created_at: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class ScheduleRun(Model):
    """One run of an automated test (``…/schedule-history``)."""

    spam_test_id: str | None = None
    test_run_no: int | None = None
    status: SpamTestStatus | None = None
    inbox_count: int | None = None
    tab_count: int | None = None
    spam_count: int | None = None
    reply_hour_interval_start: int | None = None
    reply_hour_interval_end: int | None = None
    adjusted_total_email_count: int | None = None


@attrs.frozen(kw_only=True)
class ReplyHeaders(Model):
    """The raw headers of one seed reply: a header name → value map.

    The common headers are fields; every other header (SmartLead's page spells one
    ``Reveived-Spf``) is kept in ``extra`` under its name as sent. :attr:`headers` has them all.
    """

    return_path: str | None = attrs.field(default=None, metadata=wire_name("Return-Path"))
    received: tuple[str, ...] = attrs.field(default=(), metadata=wire_name("Received"))
    received_spf: str | None = attrs.field(default=None, metadata=wire_name("Received-SPF"))
    authentication_results: str | None = attrs.field(
        default=None, metadata=wire_name("Authentication-Results")
    )

    @property
    def headers(self) -> dict[str, JSON]:
        """Every header SmartLead sent, by its wire name (headers it did not send left out)."""
        return {key: value for key, value in self.to_dict().items() if value not in (None, [])}


@attrs.frozen(kw_only=True)
class MailboxPlacement(Model):
    """Placement summary of one mailbox (a sender at one provider) across tests."""

    id: str | None = None
    from_email: str | None = None
    esp: str | None = None
    total_email_count: int | None = None
    inbox_count: int | None = None
    tab_count: int | None = None
    spam_count: int | None = None
    failed_count: int | None = None
    placement_score: float | None = None


@attrs.frozen(kw_only=True)
class MailboxCounts(Model):
    """Inbox, spam, tab and failed totals over every test mailbox."""

    inbox_count: int | None = None
    spam_count: int | None = None
    tab_count: int | None = None
    failed_count: int | None = None
    total_email_count: int | None = None


@attrs.frozen(kw_only=True)
class SpamTestFolder(Model):
    """A folder of placement tests."""

    id: str | None = None
    name: str | None = None
    user_id: str | None = None
    client_id: str | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
