"""The webhooks package: every public name where it was, event types named once, no aiohttp."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import smartlead_async.errors
import smartlead_async.webhooks
from smartlead_async.models import WebhookEventType
from smartlead_async.webhooks import UnknownEvent, event_class, parse_event

#: The public names of the single-module ``smartlead_async.webhooks`` before it became a package.
FORMER_PUBLIC_NAMES = (
    "MAX_BODY_BYTES",
    "MAX_JSON_DEPTH",
    "DedupeStore",
    "DispatchResult",
    "EmailBounced",
    "EmailLinkClicked",
    "EmailOpened",
    "EmailReplied",
    "EmailSent",
    "InvalidWebhookError",
    "LeadCategoryChange",
    "LeadCategoryUpdated",
    "LeadCorrespondence",
    "LeadUnsubscribed",
    "MemoryDedupe",
    "MissingEventTypeError",
    "ThreadMessage",
    "UnknownEvent",
    "WebhookAuthenticationError",
    "WebhookDispatcher",
    "WebhookError",
    "WebhookEvent",
    "WebhookJSONError",
    "WebhookLeadData",
    "WebhookMessage",
    "delivery_key",
    "parse_event",
    "parse_events",
    "verify_secret_key",
    "verify_signature",
)
WEBHOOK_ERRORS = (
    "WebhookError",
    "InvalidWebhookError",
    "WebhookJSONError",
    "MissingEventTypeError",
    "WebhookAuthenticationError",
)
PACKAGE_DIR = Path(smartlead_async.__file__).parent


def test_every_former_public_name_is_still_exported() -> None:
    missing = [n for n in FORMER_PUBLIC_NAMES if not hasattr(smartlead_async.webhooks, n)]
    assert missing == []
    assert set(FORMER_PUBLIC_NAMES) <= set(smartlead_async.webhooks.__all__)
    assert all(hasattr(smartlead_async.webhooks, n) for n in smartlead_async.webhooks.__all__)


def test_the_webhook_errors_are_the_errors_module_classes() -> None:
    # One class per error: `except smartlead_async.errors.WebhookError` catches what parse raises.
    for name in WEBHOOK_ERRORS:
        assert getattr(smartlead_async.webhooks, name) is getattr(smartlead_async.errors, name)
        assert name in smartlead_async.errors.__all__
    assert issubclass(smartlead_async.errors.WebhookError, smartlead_async.errors.SmartleadError)
    assert issubclass(smartlead_async.errors.WebhookError, ValueError)
    with pytest.raises(smartlead_async.errors.WebhookJSONError):
        parse_event(b"{not json")


@pytest.mark.parametrize("event_type", list(WebhookEventType), ids=str)
def test_every_subscribable_event_type_decodes_into_its_own_class(
    event_type: WebhookEventType,
) -> None:
    # A type added to WebhookEventType without its class would decode as UnknownEvent.
    cls = event_class(event_type.value)
    assert cls is not UnknownEvent
    assert cls.__doc__ is not None
    assert cls.__doc__.startswith(f"``{event_type.value}``")
    event = parse_event(json.dumps({"event_type": event_type.value}))
    assert type(event) is cls
    assert event.event_type is event_type


def test_each_event_class_has_one_event_type() -> None:
    classes = [event_class(t.value) for t in WebhookEventType]
    assert len(set(classes)) == len(classes)
    assert event_class("LEAD_TELEPORTED") is UnknownEvent
    assert type(parse_event('{"event_type": "LEAD_TELEPORTED"}')) is UnknownEvent


def _modules_loaded_by(code: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    loaded: list[str] = json.loads(result.stdout)
    return loaded


# Imports smartlead_async.webhooks (and each of its modules) with the package root's own
# __init__ left out, so only what the webhooks modules import themselves is loaded.
WITHOUT_ROOT = f"""
import json, sys, types
root = types.ModuleType("smartlead_async")
root.__path__ = [{str(PACKAGE_DIR)!r}]
sys.modules["smartlead_async"] = root
import smartlead_async.webhooks
import smartlead_async.webhooks.dispatch, smartlead_async.webhooks.events
import smartlead_async.webhooks.parse
assert "smartlead_async._client" not in sys.modules
print(json.dumps(sorted(sys.modules)))
"""


def test_the_webhooks_modules_import_no_aiohttp() -> None:
    loaded = _modules_loaded_by(WITHOUT_ROOT)
    assert "smartlead_async.webhooks.dispatch" in loaded  # the probe imported the package
    assert [m for m in loaded if m.split(".")[0] in ("aiohttp", "fastapi", "starlette")] == []


def test_importing_smartlead_async_webhooks_does_not_load_aiohttp() -> None:
    loaded = _modules_loaded_by(
        "import json, sys, smartlead_async.webhooks; print(json.dumps(sorted(sys.modules)))"
    )
    assert [m for m in loaded if m.split(".")[0] == "aiohttp"] == []
