"""Typed seeding: put records in the fake directly (``fake.seed``), bypassing the API's checks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from smartlead_async.testing._json import JSON
from smartlead_async.testing.backend import (
    FakeCampaign,
    FakeCampaignLead,
    FakeClient,
    FakeEmailAccount,
    FakeLeadList,
    FakeSchedule,
    FakeState,
    FakeWebhook,
)
from smartlead_async.testing.backend.webhooks import CAMPAIGN_EVENT_TYPES

__all__ = ["Seeder"]


class Seeder:
    """Seeding helpers of one fake; every helper returns the typed record it created."""

    def __init__(self, state: FakeState) -> None:
        self._state = state

    def campaign(
        self,
        name: str = "Campaign",
        *,
        client_id: int | None = None,
        status: str = "DRAFTED",
        leads: Iterable[str] = (),
    ) -> FakeCampaign:
        """A campaign in ``status`` (DRAFTED, ACTIVE, PAUSED, STOPPED…) holding ``leads``."""
        campaign = self._state.campaigns.create(name, client_id)
        campaign.status = status
        for email in leads:
            self._state.leads.enroll(campaign, email)
        return campaign

    def startable_campaign(
        self,
        name: str = "Campaign",
        *,
        sender: str | FakeEmailAccount = "sender@outbound.example",
        leads: Iterable[str] = (),
        timezone: str = "America/New_York",
    ) -> FakeCampaign:
        """A DRAFTED campaign the API lets you start: a weekday 09:00-18:00 schedule, a
        one-step sequence and a connected sender (created, or the mailbox given)."""
        campaign = self.campaign(name, leads=leads)
        campaign.schedule = FakeSchedule(
            timezone=timezone,
            days_of_the_week=(1, 2, 3, 4, 5),
            start_hour="09:00",
            end_hour="18:00",
        )
        self._state.campaigns.save_sequences(
            campaign,
            [
                {
                    "seq_number": 1,
                    "seq_delay_details": {"delay_in_days": 0},
                    "subject": "Hello {{first_name}}",
                    "email_body": "<p>Hi {{first_name}}</p>",
                }
            ],
        )
        mailbox = sender if isinstance(sender, FakeEmailAccount) else self.email_account(sender)
        self._state.email_accounts.link(campaign.id, [mailbox.id])
        return campaign

    def email_account(
        self,
        from_email: str,
        *,
        connected: bool = True,
        client_id: int | None = None,
        warmup_reputation: str = "100%",
        **fields: JSON,
    ) -> FakeEmailAccount:
        """A mailbox; ``connected=False`` makes its SMTP and IMAP checks fail (for reconnects).
        ``fields`` are further wire keys of the account object."""
        account = self._state.email_accounts.add(from_email, **fields)
        account.client_id = client_id
        account.warmup_reputation = warmup_reputation
        account.is_smtp_success = account.is_imap_success = connected
        return account

    def lead(self, campaign: FakeCampaign, email: str, **fields: JSON) -> FakeCampaignLead:
        """A lead of ``campaign`` with lead ``fields`` (``first_name``, ``custom_fields``…)."""
        return self._state.leads.enroll(campaign, email, {"email": email, **fields})

    def webhook(
        self,
        campaign: FakeCampaign,
        url: str,
        *,
        event_types: Sequence[str] = CAMPAIGN_EVENT_TYPES,
        name: str = "webhook",
    ) -> FakeWebhook:
        """A campaign webhook subscribed to ``event_types`` (all of them by default)."""
        return self._state.webhooks.add(campaign.id, name, url, event_types)

    def client(self, name: str, email: str) -> FakeClient:
        """An agency client."""
        return self._state.clients.add(name, email)

    def lead_list(self, name: str, emails: Iterable[str] = ()) -> FakeLeadList:
        """A lead list holding ``emails`` (account leads are created for them)."""
        lead_list = self._state.lead_lists.create(name)
        self._state.lead_lists.add(
            lead_list, [self._state.leads.account_lead(email).email for email in emails]
        )
        return lead_list
