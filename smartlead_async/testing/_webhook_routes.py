"""Webhook routes of the fake, and the emission of events to registered webhooks."""

from __future__ import annotations

import collections
import datetime as dt
import uuid
from collections.abc import Mapping

from aiohttp import web

from smartlead_async._json import JSON
from smartlead_async.testing._base import FakeBase, Route
from smartlead_async.testing._http import (
    answer,
)
from smartlead_async.testing._state import (
    FakeCampaign,
    FakeConversation,
    FakeLead,
    WebhookDelivery,
)
from smartlead_async.testing._webhooks import EVENT_TYPES, build_payload, deliver


class WebhookRoutes(FakeBase):
    """Webhook routes of the fake, and the emission of events to registered webhooks."""

    def _webhooks_routes(self) -> list[Route]:
        return [
            ("POST", "/webhook/create", self._create_global_webhook),
            ("GET", "/webhook/{webhook_id:\\d+}", self._get_global_webhook),
            ("PUT", "/webhook/update/{webhook_id:\\d+}", self._update_global_webhook),
            ("DELETE", "/webhook/delete/{webhook_id:\\d+}", self._delete_global_webhook),
            ("GET", "/campaigns/{campaign_id:\\d+}/webhooks", self._list_webhooks),
            ("POST", "/campaigns/{campaign_id:\\d+}/webhooks", self._upsert_webhook),
            ("DELETE", "/campaigns/{campaign_id:\\d+}/webhooks", self._delete_webhook),
            ("GET", "/campaigns/{campaign_id:\\d+}/webhooks/summary", self._webhook_summary),
            (
                "POST",
                "/campaigns/{campaign_id:\\d+}/webhooks/retrigger-failed-events",
                self._retrigger_webhooks,
            ),
        ]

    async def _list_webhooks(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        return answer(self.state.webhooks.get(campaign.id, []))

    async def _upsert_webhook(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        body = await self._body(request)
        url = body.get("webhook_url")
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            return answer({"error": f"Invalid webhook_url - {url}"}, status=400)
        event_types = body.get("event_types") or []
        unknown = [e for e in event_types if e not in EVENT_TYPES]
        if not isinstance(event_types, list) or not event_types or unknown:
            return answer({"error": f"Invalid event_types - {unknown or event_types}"}, status=400)
        hooks = self.state.webhooks.setdefault(campaign.id, [])
        existing = next((h for h in hooks if h["id"] == body.get("id")), None)
        if body.get("id") is not None and existing is None:
            return answer({"error": "Webhook not found"}, status=404)
        if existing is None:
            existing = self.state.add_webhook(campaign.id, str(body.get("name") or ""), url, [])
        existing |= {
            "name": body.get("name", existing["name"]),
            "webhook_url": url,
            "event_types": list(event_types),
            "categories": list(body.get("categories") or []),
            "updated_at": dt.datetime.now(dt.UTC).isoformat(),
        }
        echo = {k: existing[k] for k in ("name", "webhook_url", "event_types", "categories")}
        return answer({"ok": True, "id": existing["id"], "email_campaign_id": campaign.id, **echo})

    async def _delete_webhook(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        webhook_id = (await self._body(request)).get("id")
        hooks = self.state.webhooks.get(campaign.id, [])
        remaining = [h for h in hooks if h["id"] != webhook_id]
        if len(remaining) == len(hooks):
            return answer({"error": "Webhook not found"}, status=404)
        self.state.webhooks[campaign.id] = remaining
        return answer({"ok": True})

    def _deliveries_of(self, campaign: FakeCampaign) -> list[WebhookDelivery]:
        return [
            d for d in self.state.webhook_deliveries if d.payload.get("campaign_id") == campaign.id
        ]

    async def _webhook_summary(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
        for delivery in self._deliveries_of(campaign):
            ok = delivery.status is not None and delivery.status < 400
            counts[delivery.event_type]["sent"] += 1
            counts[delivery.event_type]["success" if ok else "failed"] += 1
        summary = [{"event_type": event, **dict(c)} for event, c in sorted(counts.items())]
        time_range = {"from": request.query.get("fromTime"), "to": request.query.get("toTime")}
        return answer({"data": {"summary": summary, "timeRange": time_range}})

    async def _retrigger_webhooks(self, request: web.Request) -> web.Response:
        campaign = self._existing_campaign(request)
        failed = [d for d in self._deliveries_of(campaign) if d.status is None or d.status >= 400]
        hooks = {h["id"]: h for h in self.state.webhooks.get(campaign.id, [])}
        if self._webhook_session is None:
            raise RuntimeError("the fake server is not running")
        for delivery in failed:
            webhook = hooks.get(delivery.webhook_id)
            if webhook is not None:
                retried = await deliver(
                    self._webhook_session,
                    webhook=webhook,
                    payload=delivery.payload,
                    signing_secret=self.signing_secret,
                    request_id=delivery.request_id,
                )
                self.state.webhook_deliveries.append(retried)
        return answer({"ok": True, "message": f"{len(failed)} events queued for retry"})

    async def emit(
        self,
        event_type: str,
        *,
        campaign_id: int,
        lead_email: str,
        sequence_number: int = 1,
        extra: Mapping[str, JSON] | None = None,
    ) -> list[WebhookDelivery]:
        """POST ``event_type`` for one lead to every webhook of the campaign subscribed to it.

        The flat payload of docs/api-notes.md#webhook-events (envelope, event fields, deprecated
        aliases). ``LEAD_CATEGORY_UPDATED`` only goes to webhooks whose ``categories`` name the new
        category (``Interested`` unless ``extra`` says otherwise) or that list none. Every delivery
        is recorded in ``state.webhook_deliveries`` and returned.
        """
        campaign = self.state.campaigns.get(campaign_id)
        if campaign is None:
            raise KeyError(f"no campaign {campaign_id} in the fake")
        email = lead_email.strip().lower()
        lead, membership = self.state.leads.get(email), campaign.leads.get(email)
        if lead is None or membership is None:
            raise KeyError(f"{lead_email} is not a lead of campaign {campaign_id}")
        if self._webhook_session is None:
            raise RuntimeError("the fake server is not running")
        # One event, one stats id, whichever webhooks receive it.
        stats_id = str(uuid.uuid4())
        self._record_statistic(campaign, lead, event_type, sequence_number, stats_id)
        accounts = self.state.campaign_email_accounts.get(campaign_id, [])
        sender = (
            str(self.state.email_accounts[accounts[0]]["from_email"])
            if accounts
            else "sender@outbound.example"
        )
        deliveries = []
        for webhook in self.state.webhooks.get(campaign_id, []):
            subscribed = webhook.get("event_types")
            if not isinstance(subscribed, list) or event_type not in subscribed:
                continue
            payload = build_payload(
                event_type,
                webhook=webhook,
                campaign=campaign,
                lead=lead,
                map_id=membership.map_id,
                from_email=sender,
                secret_key=self.webhook_secret,
                sequence_number=sequence_number,
                stats_id=stats_id,
                extra=extra,
            )
            categories = webhook.get("categories")
            if (
                event_type == "LEAD_CATEGORY_UPDATED"
                and isinstance(categories, list)
                and categories
                and payload.get("category") not in categories
            ):
                continue
            delivery = await deliver(
                self._webhook_session,
                webhook=webhook,
                payload=payload,
                signing_secret=self.signing_secret,
            )
            self.state.webhook_deliveries.append(delivery)
            deliveries.append(delivery)
        return deliveries

    def _record_statistic(
        self,
        campaign: FakeCampaign,
        lead: FakeLead,
        event_type: str,
        sequence_number: int,
        stats_id: str,
    ) -> None:
        """Keep statistics, analytics and the master inbox in step with emitted events."""
        now = dt.datetime.now(dt.UTC).isoformat()
        membership = campaign.leads[lead.email]
        convo = self.state.conversations.setdefault(
            membership.map_id, FakeConversation(campaign_id=campaign.id, email=lead.email)
        )
        convo.stats_ids.add(stats_id)
        if event_type == "EMAIL_REPLY":
            convo.last_reply_time = now
            convo.unread = True
        row = campaign.statistics.setdefault(
            lead.email,
            {
                "lead_name": lead.fields.get("first_name"),
                "lead_email": lead.email,
                "lead_category": None,
                "sequence_number": sequence_number,
                "email_campaign_seq_id": None,
                "seq_variant_id": None,
                "email_subject": "",
                "email_message": "",
                "sent_time": now,
                "open_time": None,
                "click_time": None,
                "reply_time": None,
                "open_count": 0,
                "click_count": 0,
                "is_unsubscribed": False,
                "is_bounced": False,
            },
        )
        if event_type == "EMAIL_OPEN":
            row["open_time"] = now
            row["open_count"] = int(str(row["open_count"])) + 1
        elif event_type == "EMAIL_LINK_CLICK":
            row["click_time"] = now
            row["click_count"] = int(str(row["click_count"])) + 1
        elif event_type == "EMAIL_REPLY":
            row["reply_time"] = now
        elif event_type == "EMAIL_BOUNCE":
            row["is_bounced"] = True
        elif event_type == "LEAD_UNSUBSCRIBED":
            row["is_unsubscribed"] = True

    async def simulate_activity(
        self,
        campaign_id: int,
        *,
        open_rate: float = 0.6,
        click_rate: float = 0.2,
        reply_rate: float = 0.1,
        unsubscribe_rate: float = 0.0,
        bounce_rate: float = 0.0,
    ) -> list[WebhookDelivery]:
        """Send step 1 to every lead of a campaign and emit what follows, from the seeded source.

        Each lead gets ``EMAIL_SENT``; then, by the given shares, ``EMAIL_BOUNCE`` (and nothing
        else), ``EMAIL_OPEN``, ``EMAIL_LINK_CLICK`` (only after an open), ``EMAIL_REPLY`` and
        ``LEAD_UNSUBSCRIBED``. Lead states follow: sent leads go ``INPROGRESS``, bounced ones
        ``BLOCKED``, unsubscribed ones are flagged.
        """
        campaign = self.state.campaigns[campaign_id]
        deliveries: list[WebhookDelivery] = []
        for email, membership in list(campaign.leads.items()):
            events = ["EMAIL_SENT"]
            membership.status = "INPROGRESS"
            if self._rng.random() < bounce_rate:
                events.append("EMAIL_BOUNCE")
                membership.status = "BLOCKED"
            else:
                if self._rng.random() < open_rate:
                    events.append("EMAIL_OPEN")
                    if self._rng.random() < click_rate:
                        events.append("EMAIL_LINK_CLICK")
                if self._rng.random() < reply_rate:
                    events.append("EMAIL_REPLY")
                if self._rng.random() < unsubscribe_rate:
                    events.append("LEAD_UNSUBSCRIBED")
                    self.state.leads[email].is_unsubscribed = True
            for event_type in events:
                deliveries += await self.emit(event_type, campaign_id=campaign_id, lead_email=email)
        return deliveries

    def _global_webhook(self, request: web.Request) -> dict[str, JSON]:
        webhook = self.state.global_webhooks.get(int(request.match_info["webhook_id"]))
        if webhook is None:
            raise web.HTTPNotFound(
                text='{"error": "Webhook not found"}', content_type="application/json"
            )
        return webhook

    async def _create_global_webhook(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        url = body.get("webhook_url")
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            return answer({"error": f"Invalid webhook_url - {url}"}, status=400)
        webhook_id = self.state.next_id()
        self.state.global_webhooks[webhook_id] = {"id": webhook_id, **body}
        return answer({"ok": True, "webhook_id": webhook_id})

    async def _get_global_webhook(self, request: web.Request) -> web.Response:
        return answer(self._global_webhook(request))

    async def _update_global_webhook(self, request: web.Request) -> web.Response:
        webhook = self._global_webhook(request)
        webhook |= await self._body(request)
        return answer({"ok": True, **webhook})

    async def _delete_global_webhook(self, request: web.Request) -> web.Response:
        webhook = self._global_webhook(request)
        del self.state.global_webhooks[int(str(webhook["id"]))]
        return answer({"ok": True})
