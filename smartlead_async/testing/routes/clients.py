"""Client routes (``client.clients``): agency clients and their API keys."""

from __future__ import annotations

from smartlead_async.testing.routes._base import Call, Reply


def list_clients(call: Call) -> Reply:
    return [client.to_wire(call.state.user_id) for client in call.state.clients.values()]


def create(call: Call) -> Reply:
    permission = [str(p) for p in call.items("permission")]
    client = call.state.clients.add(call.text("name"), call.text("email"), permission)
    return {
        "ok": True,
        "clientId": client.id,
        "name": client.name,
        "email": client.email,
        "password": call.field("password"),
    }


def create_api_key(call: Call) -> Reply:
    key = call.state.clients.create_key(call.field("clientId"), call.field("keyName"))
    return {"ok": True, "data": key.to_wire(with_value=True)}


def list_api_keys(call: Call) -> Reply:
    keys = call.state.clients.find_keys(
        call.query.get("clientId"), call.query.get("status"), call.query.get("keyName", "")
    )
    # Values are shown only at creation and reset.
    return {"data": [key.to_wire(with_value=False) for key in keys]}


def delete_api_key(call: Call) -> Reply:
    key = call.state.clients.existing_key(call.id("key_id"))
    del call.state.clients.api_keys[key.id]
    return {"ok": True}


def reset_api_key(call: Call) -> Reply:
    key = call.state.clients.reset_key(call.id("key_id"))
    return {"ok": True, "data": key.to_wire(with_value=True)}


def get(call: Call) -> Reply:
    client = call.state.clients.existing(call.id("client_id"))
    row = client.details_wire(
        call.state.user_id,
        permissions=call.query.get("includePermissions") == "true",
        credits=call.query.get("includeCredits") == "true",
        code_integrations=call.query.get("includeCodeIntegrations") == "true",
    )
    return {"ok": True, "data": row}


def add_code_snippet(call: Call) -> Reply:
    client = call.state.clients.existing(call.id("client_id"))
    snippet = call.state.clients.save_snippet(
        client, None, call.field("snippet_name"), call.field("snippet_code")
    )
    return {"success": True, "data": {"id": snippet["id"]}}


def update_code_snippet(call: Call) -> Reply:
    client = call.state.clients.existing(call.id("client_id"))
    snippet = call.state.clients.save_snippet(
        client, call.id("integration_id"), call.field("snippet_name"), call.field("snippet_code")
    )
    return {"success": True, "data": {"id": snippet["id"]}}
