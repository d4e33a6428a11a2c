"""The master inbox: one conversation per lead and campaign, fed by recorded reply events.

Views answer at most 20 conversations per call (the API description's limit).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from smartlead_async.testing._json import JSON
from smartlead_async.testing.backend._common import ApiError, joi, now, refuse
from smartlead_async.testing.backend.campaigns import FakeCampaign
from smartlead_async.testing.backend.leads import FakeCampaignLead

__all__ = ["INBOX_MAX_LIMIT", "SAVED_VIEW_FILTERS", "VIEWS", "FakeConversation", "InboxStore"]

INBOX_MAX_LIMIT = 20
#: The filter keys a saved view may hold (any other key is a 400), and its longest name.
SAVED_VIEW_FILTERS = frozenset(
    {
        "search",
        "leadCategories",
        "emailStatus",
        "campaignId",
        "emailAccountId",
        "campaignTeamMemberId",
        "campaignTagId",
        "campaignClientId",
        "replyTimeBetween",
        "subSequenceId",
    }
)
MAX_SAVED_VIEW_NAME = 255
VIEWS = (
    "inbox-replies",
    "unread-replies",
    "snoozed",
    "important",
    "scheduled",
    "reminders",
    "archived",
    "sent",
    "assigned-me",
    "views",
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
    #: Reply stats ids marked "not a reply" (ignore-reply).
    ignored_replies: set[str] = attrs.field(factory=set)

    def in_view(self, view: str) -> bool:
        """Whether the conversation shows in an inbox view (the fake fills four of them)."""
        return {
            "inbox-replies": self.last_reply_time is not None,
            "unread-replies": self.unread,
            "reminders": bool(self.reminders),
            "sent": bool(self.sent_replies),
            # The fake has one user: a conversation with a team member is assigned to "me".
            "assigned-me": self.team_member_id is not None,
            # A custom view holds every conversation its filters let through.
            "views": True,
        }.get(view, False)


class InboxStore:
    """Conversations by lead map id."""

    def __init__(self) -> None:
        self.conversations: dict[int, FakeConversation] = {}
        #: Saved views by id, as ``POST /master-inbox/saved-views`` answers them.
        self.saved_views: dict[int, dict[str, JSON]] = {}
        #: Untracked replies by id (replies no campaign lead was matched to); tests seed them.
        self.untracked: dict[str, dict[str, JSON]] = {}
        self._next_view = 1

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
        message_id = f"<{stats_id}-{len(convo.sent_replies) + 1}@reply.smartlead.fake>"
        convo.sent_replies.append(
            {
                "type": "SENT",
                "stats_id": stats_id,
                "email_body": email_body,
                "time": now(),
                "message_id": message_id,
            }
        )
        convo.unread = False

    def reply_status(self, message_id: str) -> dict[str, JSON]:
        """Where a reply sent through the API stands (the fake sends them at once)."""
        for convo in self.conversations.values():
            for sent in convo.sent_replies:
                if sent.get("message_id") == message_id:
                    return {
                        "message_id": message_id,
                        "status": "COMPLETED",
                        "status_message": "Email sent successfully!",
                        "event_time": sent.get("time"),
                        "scheduled_time": None,
                        "email_stats_id": sent.get("stats_id"),
                    }
        raise ApiError(404, {"ok": False, "message": "Reply not found"})

    def ignore_reply(self, stats_id: str, ignore: bool) -> int:
        """Stop (or start again) counting a reply as one; how many replies changed."""
        for convo in self.conversations.values():
            if stats_id in convo.stats_ids:
                if ignore:
                    convo.ignored_replies.add(stats_id)
                else:
                    convo.ignored_replies.discard(stats_id)
                return 1
        return 0

    def save_view(self, name: str, filters: Mapping[str, JSON], limited: bool) -> dict[str, JSON]:
        """A new saved view; its filters take only the views' own keys."""
        if not 1 <= len(name) <= MAX_SAVED_VIEW_NAME:
            raise joi(f'"name" must hold 1 to {MAX_SAVED_VIEW_NAME} characters', "name")
        unknown = sorted(set(filters) - SAVED_VIEW_FILTERS)
        if unknown:
            raise joi(f'"filters.{unknown[0]}" is not allowed', f"filters.{unknown[0]}")
        moment = now()
        view: dict[str, JSON] = {
            "id": self._next_view,
            "name": name,
            "filters": dict(filters),
            "limitedAccess": limited,
            "teamMemberId": None,
            "clientId": None,
            "createdAt": moment,
            "updatedAt": moment,
        }
        self._next_view += 1
        self.saved_views[self._next_view - 1] = view
        return view

    def associate_untracked(
        self, campaigns: Mapping[int, FakeCampaign], campaign_id: int, map_id: int, reply_id: str
    ) -> str:
        """File an untracked reply under a campaign lead's conversation; its message id."""
        campaign = campaigns.get(campaign_id)
        if campaign is None or not any(m.map_id == map_id for m in campaign.leads.values()):
            raise refuse(404, "Lead not found in this campaign")
        reply = self.untracked.pop(reply_id, None)
        if reply is None:
            raise refuse(404, "Untracked reply not found")
        _, _, convo = self.find(campaigns, map_id)
        convo.last_reply_time = now()
        convo.unread = True
        return str(reply.get("message_id") or f"<{reply_id}@untracked.smartlead.fake>")
