"""``client.smart_delivery.reports``: what placement tests found.

Per-test reports (placement by provider and by region, per sender, authentication checks,
blacklists, the email sent, sending IPs, the runs of an automated test, one seed reply's headers)
and the account-wide mailbox summary and counts. SmartLead documents no parameters for these
routes besides the ids in their paths (docs/api-notes.md, Smart Delivery).
"""

from __future__ import annotations

from typing import TypeVar

from smartlead_async._endpoints import Endpoint, Unwrap, calls
from smartlead_async._pagination import Pager, Rows
from smartlead_async.models.smart_delivery import (
    BlacklistCheck,
    MailboxCounts,
    MailboxPlacement,
    PlacementReport,
    ReplyHeaders,
    ScheduleRun,
    SenderAccountReport,
    SenderSeedChecks,
    SenderSpamFilters,
    SendingIp,
    SpamTestEmailContent,
    SpamTestSender,
)
from smartlead_async.resources._base import Resource
from smartlead_async.resources._delivery import ALL_AT_ONCE, Key, require_key

__all__ = ["SmartDeliveryReportsResource"]

T = TypeVar("T")
_REPORT = "spam-test/report/{spam_test_id}"


def _rows(path: str, row: type[T], *, one_or_many: bool = False) -> Endpoint[Rows[T]]:
    # A report answered as a bare array, every row at once.
    rows: type[Rows[T]] = Rows[row]  # type: ignore[valid-type]
    return Endpoint(
        "GET",
        path,
        rows,
        unwrap=Unwrap.ONE_OR_MANY if one_or_many else Unwrap.ROWS,
        page=ALL_AT_ONCE,
        host="smart_delivery",
    )


# The provider-wise and group-wise reports are reads sent as POSTs: safe to repeat.
PROVIDER_REPORT = Endpoint(
    "POST",
    f"{_REPORT}/providerwise",
    PlacementReport,
    idempotent=True,
    host="smart_delivery",
)
GROUP_REPORT = Endpoint(
    "POST", f"{_REPORT}/groupwise", PlacementReport, idempotent=True, host="smart_delivery"
)
SENDER_ACCOUNT_REPORT = _rows(f"{_REPORT}/sender-account-wise", SenderAccountReport)
SENDER_ACCOUNTS = _rows(f"{_REPORT}/sender-accounts", SpamTestSender)
SPAM_FILTERS = _rows(f"{_REPORT}/spam-filter-details", SenderSpamFilters)
DKIM = _rows(f"{_REPORT}/dkim-details", SenderSeedChecks)
SPF = _rows(f"{_REPORT}/spf-details", SenderSeedChecks)
RDNS = _rows(f"{_REPORT}/rdns-details", SenderSeedChecks)
# Two pages document this route: per-reply rows, or one {total_blacklist} object.
IP_BLACKLIST = _rows(f"{_REPORT}/blacklist", BlacklistCheck, one_or_many=True)
DOMAIN_BLACKLIST = _rows(f"{_REPORT}/domain-blacklist", SenderSeedChecks)
EMAIL_CONTENT = Endpoint(
    "GET",
    f"{_REPORT}/email-content",
    SpamTestEmailContent,
    empty_is_not_found=True,
    host="smart_delivery",
)
SENDING_IPS = _rows(f"{_REPORT}/ip-analytics", SendingIp)
SCHEDULE_HISTORY = _rows(f"{_REPORT}/schedule-history", ScheduleRun)
REPLY_HEADERS = Endpoint(
    "GET",
    f"{_REPORT}/sender-account-wise/{{reply_id}}/email-headers",
    ReplyHeaders,
    empty_is_not_found=True,
    host="smart_delivery",
)
MAILBOX_SUMMARY = _rows("spam-test/report/mailboxes-summary", MailboxPlacement)
MAILBOX_COUNTS = Endpoint(
    "GET", "spam-test/report/mailboxes-count", MailboxCounts, host="smart_delivery"
)


class SmartDeliveryReportsResource(Resource):
    """Reports of placement tests (Smart Delivery host). List reports answer every row at once
    (one page)."""

    @calls(PROVIDER_REPORT)
    async def by_provider(self, spam_test_id: Key) -> PlacementReport:
        """Placement by mailbox provider (``POST …/providerwise``, a read sent as a POST)."""
        return await self._pipeline.call(PROVIDER_REPORT, spam_test_id=_test(spam_test_id))

    @calls(GROUP_REPORT)
    async def by_region(self, spam_test_id: Key) -> PlacementReport:
        """Placement by region or provider group (``POST …/groupwise``, titled "Geo-wise
        Report"; a read sent as a POST)."""
        return await self._pipeline.call(GROUP_REPORT, spam_test_id=_test(spam_test_id))

    @calls(SENDER_ACCOUNT_REPORT)
    def by_sender(self, spam_test_id: Key) -> Pager[SenderAccountReport]:
        """Placement statistics per sending account (``GET …/sender-account-wise``)."""
        return self._pipeline.pager(SENDER_ACCOUNT_REPORT, spam_test_id=_test(spam_test_id))

    @calls(SENDER_ACCOUNTS)
    def sender_accounts(self, spam_test_id: Key) -> Pager[SpamTestSender]:
        """The sending accounts a test used (``GET …/sender-accounts``)."""
        return self._pipeline.pager(SENDER_ACCOUNTS, spam_test_id=_test(spam_test_id))

    @calls(SPAM_FILTERS)
    def spam_filters(self, spam_test_id: Key) -> Pager[SenderSpamFilters]:
        """Spam-filter hits per sender (``GET …/spam-filter-details``)."""
        return self._pipeline.pager(SPAM_FILTERS, spam_test_id=_test(spam_test_id))

    @calls(DKIM)
    def dkim(self, spam_test_id: Key) -> Pager[SenderSeedChecks]:
        """DKIM verdict per sender and seed mailbox (``GET …/dkim-details``; the flag is
        ``dkim_verified``)."""
        return self._pipeline.pager(DKIM, spam_test_id=_test(spam_test_id))

    @calls(SPF)
    def spf(self, spam_test_id: Key) -> Pager[SenderSeedChecks]:
        """SPF verdict per sender and seed mailbox (``GET …/spf-details``; the flag is
        ``spf_verified``)."""
        return self._pipeline.pager(SPF, spam_test_id=_test(spam_test_id))

    @calls(RDNS)
    def rdns(self, spam_test_id: Key) -> Pager[SenderSeedChecks]:
        """Reverse-DNS verdict per sender and seed mailbox (``GET …/rdns-details``; the flag is
        ``rdns_verified``)."""
        return self._pipeline.pager(RDNS, spam_test_id=_test(spam_test_id))

    @calls(IP_BLACKLIST)
    def ip_blacklist(self, spam_test_id: Key) -> Pager[BlacklistCheck]:
        """IP blacklist results (``GET …/blacklist``).

        SmartLead's two pages for this route disagree on the answer (per-reply rows, or one
        ``{total_blacklist}`` object); both decode, the object as a single row.
        """
        return self._pipeline.pager(IP_BLACKLIST, spam_test_id=_test(spam_test_id))

    @calls(DOMAIN_BLACKLIST)
    def domain_blacklist(self, spam_test_id: Key) -> Pager[SenderSeedChecks]:
        """Domain blacklist status per sender and seed mailbox (``GET …/domain-blacklist``; the
        flag is ``domain_blacklisted``)."""
        return self._pipeline.pager(DOMAIN_BLACKLIST, spam_test_id=_test(spam_test_id))

    @calls(EMAIL_CONTENT)
    async def email_content(self, spam_test_id: Key) -> SpamTestEmailContent:
        """Subject, text, HTML and raw source of the test email (``GET …/email-content``)."""
        return await self._pipeline.call(EMAIL_CONTENT, spam_test_id=_test(spam_test_id))

    @calls(SENDING_IPS)
    def sending_ips(self, spam_test_id: Key) -> Pager[SendingIp]:
        """The sending IPs of a test, with reputation and WHOIS facts (``GET …/ip-analytics``,
        titled "IP Details")."""
        return self._pipeline.pager(SENDING_IPS, spam_test_id=_test(spam_test_id))

    @calls(SCHEDULE_HISTORY)
    def schedule_history(self, spam_test_id: Key) -> Pager[ScheduleRun]:
        """The runs of an automated test (``GET …/schedule-history``)."""
        return self._pipeline.pager(SCHEDULE_HISTORY, spam_test_id=_test(spam_test_id))

    @calls(REPLY_HEADERS)
    async def reply_headers(self, spam_test_id: Key, reply_id: Key) -> ReplyHeaders:
        """The raw headers of one seed reply (``GET …/sender-account-wise/{replyId}/
        email-headers``); reply ids are those of :meth:`ip_blacklist` rows."""
        return await self._pipeline.call(
            REPLY_HEADERS,
            spam_test_id=_test(spam_test_id),
            reply_id=require_key("reply_id", reply_id),
        )

    @calls(MAILBOX_SUMMARY)
    def mailbox_summary(self) -> Pager[MailboxPlacement]:
        """Placement per mailbox across tests (``GET /spam-test/report/mailboxes-summary``)."""
        return self._pipeline.pager(MAILBOX_SUMMARY)

    @calls(MAILBOX_COUNTS)
    async def mailbox_counts(self) -> MailboxCounts:
        """Inbox, spam, tab and failed totals (``GET /spam-test/report/mailboxes-count``)."""
        return await self._pipeline.call(MAILBOX_COUNTS)


def _test(value: object) -> Key:
    return require_key("spam_test_id", value)
