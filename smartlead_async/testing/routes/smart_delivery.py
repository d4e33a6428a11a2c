"""Smart Delivery host routes (inbox-placement tests); more arrive with the coverage work."""

from __future__ import annotations

from smartlead_async.testing._json import JSON
from smartlead_async.testing.routes._base import Call, Reply

#: Seed-provider groups of the one region the fake knows.
_GROUPS: list[JSON] = [
    {"group_id": "gmail_na", "group_name": "Gmail", "provider_count": 150},
    {"group_id": "outlook_na", "group_name": "Outlook", "provider_count": 120},
]


def seed_providers(call: Call) -> Reply:
    return {"region_id": "na-1", "region_name": "North America", "groups": list(_GROUPS)}


def create_folder(call: Call) -> Reply:
    folder = call.state.smart_delivery.create_folder(call.text("name", "Folder"))
    return folder.to_wire(call.state.user_id)


def get_folder(call: Call) -> Reply:
    folder = call.state.smart_delivery.existing_folder(call.id("folderId"))
    return folder.to_wire(call.state.user_id)
