"""Thin framework adapters over :class:`smartlead_async.webhooks.WebhookDispatcher`."""
