"""What recorded events add up to: the counts every statistics and analytics route reports."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from smartlead_async.testing._json import JSON
from smartlead_async.testing.backend.campaigns import FakeCampaign, FakeSentEmail

__all__ = ["STATUS_FILTERS", "counts", "sent_emails"]

#: ``email_status`` filter of the statistics route → what the row must show.
STATUS_FILTERS: dict[str, Callable[[FakeSentEmail], bool]] = {
    "opened": lambda row: row.open_time is not None,
    "clicked": lambda row: row.click_time is not None,
    "replied": lambda row: row.reply_time is not None,
    "bounced": lambda row: row.is_bounced,
    "unsubscribed": lambda row: row.is_unsubscribed,
}


def counts(rows: Iterable[FakeSentEmail]) -> dict[str, JSON]:
    """Sent, opened, clicked, replied, bounced and unsubscribed counts of some send records."""
    listed = list(rows)
    return {
        "sent": len(listed),
        **{name: sum(1 for row in listed if test(row)) for name, test in STATUS_FILTERS.items()},
    }


def sent_emails(campaigns: Iterable[FakeCampaign]) -> list[FakeSentEmail]:
    """Every send record of some campaigns."""
    return [row for campaign in campaigns for row in campaign.statistics.values()]
