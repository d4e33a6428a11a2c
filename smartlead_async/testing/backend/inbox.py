"""The master inbox: one conversation per lead and campaign, fed by recorded reply events.

Views answer at most 20 conversations per call (the API description's limit).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from smartlead_async.testing._json import JSON
from smartlead_async.testing.backend._common import ApiError, now, refuse
from smartlead_async.testing.backend.campaigns import FakeCampaign
from smartlead_async.testing.backend.leads import FakeCampaignLead

__all__ = ["INBOX_MAX_LIMIT", "VIEWS", "FakeConversation", "InboxStore"]

INBOX_MAX_LIMIT = 20
VIEWS = (
    "inbox-replies",
    "unread-replies",
    "snoozed",
    "important",
    "scheduled",
    "reminders",
    "archived",
    "sent",
)


@attrs.define
class FakeConversation:
    """Master-inbox state of one lead in one campaign (keyed by its map id)."""

    campaign_id: int
    email: str
    last_reply_time: str | None = None
    unread: bool = False
    revenue: float = 0.0
    team_member_id: int | None = None
    notes: list[str] = attrs.field(factory=list)
    tasks: list[dict[str, JSON]] = attrs.field(factory=list)
    reminders: list[dict[str, JSON]] = attrs.field(factory=list)
    sent_replies: list[dict[str, JSON]] = attrs.field(factory=list)
    stats_ids: set[str] = attrs.field(factory=set)

    def in_view(self, view: str) -> bool:
        """Whether the conversation shows in an inbox view (the fake fills four of them)."""
        return {
            "inbox-replies": self.last_reply_time is not None,
            "unread-replies": self.unread,
            "reminders": bool(self.reminders),
            "sent": bool(self.sent_replies),
        }.get(view, False)


class InboxStore:
    """Conversations by lead map id."""

    def __init__(self) -> None:
        self.conversations: dict[int, FakeConversation] = {}

    def find(
        self, campaigns: Mapping[int, FakeCampaign], map_id: int
    ) -> tuple[FakeCampaign, FakeCampaignLead, FakeConversation]:
        """The campaign, membership and conversation of a map id (created on first use)."""
        for campaign in campaigns.values():
            for email, membership in campaign.leads.items():
                if membership.map_id == map_id:
                    convo = self.conversations.setdefault(
                        map_id, FakeConversation(campaign_id=campaign.id, email=email)
                    )
                    return campaign, membership, convo
        raise ApiError(404, {"ok": False, "message": "Lead not found"})

    def view(self, view: str, campaign_ids: Iterable[int] | None) -> list[int]:
        """Map ids in a view, newest reply first."""
        wanted = set(campaign_ids or ())
        picked = [
            (convo.last_reply_time or "", map_id)
            for map_id, convo in self.conversations.items()
            if (not wanted or convo.campaign_id in wanted) and convo.in_view(view)
        ]
        return [map_id for _, map_id in sorted(picked, reverse=True)]

    def reply(self, campaign_id: int, stats_id: str, email_body: str) -> None:
        """Queue a reply in the thread of ``stats_id``; the conversation is read."""
        convo = next(
            (
                c
                for c in self.conversations.values()
                if c.campaign_id == campaign_id and stats_id in c.stats_ids
            ),
            None,
        )
        if convo is None:
            raise refuse(400, f"Invalid email_stats_id - {stats_id}")
        convo.sent_replies.append(
            {"type": "SENT", "stats_id": stats_id, "email_body": email_body, "time": now()}
        )
        convo.unread = False
