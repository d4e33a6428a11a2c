"""The fake as an independent oracle: its own code, its own route table, its own request rules."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from smartlead_async import BadRequestError, SmartleadClient
from smartlead_async._endpoints import endpoint_rows, unnamed_path
from smartlead_async.models import LeadInput
from smartlead_async.resources import RESOURCES
from smartlead_async.testing import FakeSmartlead, FakeState, RateWindow
from smartlead_async.testing._schema import Alternatives, Kind, keys_of
from smartlead_async.testing.backend.leads import AddLeadsOutcome
from smartlead_async.testing.routes import legacy, table
from smartlead_async.testing.routes.table import ROUTES

from .helpers import API_KEY
from .resources.reference import by_route

TESTING = Path(__file__).resolve().parent.parent / "smartlead_async" / "testing"
# The first-party route list, where the project sits beside the shared API material.
#: SDK routes the first-party reference does not document.
OUTSIDE_REFERENCE = {
    "DELETE /campaigns/{campaign_id}/webhooks",
    "DELETE /webhook/delete/{webhook_id}",
    "GET /leads/all",
    "GET /leads/{lead_id}/campaigns",
    "POST /email-accounts/multi/fetch-messages",
    "POST /email-accounts/{email_account_id}/fetch-messages",
    "POST /email-accounts/{email_account_id}/reconnect",
    "POST /leads/campaign/push-to-list",
    "POST /leads/push-to-list",
}


def _imports(path: Path) -> Iterator[str]:
    package = ".".join(path.relative_to(TESTING.parent.parent).with_suffix("").parts)
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level)[0]
                yield f"{base}.{node.module}" if node.module else base
            elif node.module:
                yield node.module


def test_the_fake_imports_nothing_from_the_sdk() -> None:
    # The plugin's smartlead_client fixture builds an SDK client: that is its job, not the fake's.
    offenders = {
        f"{path.relative_to(TESTING)}: {name}"
        for path in TESTING.rglob("*.py")
        if path.name != "pytest_plugin.py"
        for name in _imports(path)
        if name.split(".")[0] == "smartlead_async"
        and not name.startswith("smartlead_async.testing")
    }
    assert offenders == set()


def test_the_fake_serves_with_the_sdk_unimportable(tmp_path: Path) -> None:
    # Load the testing package without running smartlead_async/__init__.py, and refuse every
    # other module of the SDK: the fake must still start, seed and answer.
    script = textwrap.dedent(
        f"""
        import asyncio, importlib.abc, sys, types
        import aiohttp

        class Refuse(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.startswith("smartlead_async.") and not name.startswith(
                    "smartlead_async.testing"
                ):
                    raise ImportError("the fake imported " + name)
                return None

        sys.meta_path.insert(0, Refuse())
        package = types.ModuleType("smartlead_async")
        package.__path__ = [{str(TESTING.parent)!r}]
        sys.modules["smartlead_async"] = package
        from smartlead_async.testing._server import FakeSmartlead
        from smartlead_async.testing._windows import RateWindow

        async def main():
            async with FakeSmartlead(rate_limits=[RateWindow(5, 1.0)]) as fake:
                campaign = fake.seed.startable_campaign("c", leads=["a@x.io"])
                url = f"{{fake.base_url}}/campaigns/{{campaign.id}}/status?api_key={{fake.api_key}}"
                async with aiohttp.ClientSession() as http:
                    async with http.post(url, json={{"status": "START"}}) as response:
                        print(response.status, fake.state.campaigns[campaign.id].status)

        asyncio.run(main())
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.stderr == ""
    assert done.stdout.split() == ["200", "ACTIVE"]


def test_the_route_table_serves_exactly_the_sdk_routes() -> None:
    sdk = {(e.host, e.method, unnamed_path("/" + e.path)) for e, _ in endpoint_rows(RESOURCES)}
    served = {
        (route.host, key.split(" ")[0], unnamed_path(key.split(" ")[1]))
        for key, route in ROUTES.items()
    }
    assert sorted(sdk - served) == []  # every SDK route, on all four hosts, is served
    # Renamed on the wire (the id moved into the body); the fake keeps the old path for now.
    assert sorted(served - sdk) == [("core", "DELETE", "/webhook/delete/{}")]
    assert {host for host, _, _ in served} == {
        "core",
        "prospect",
        "smart_delivery",
        "smart_senders",
    }


def _flatten(shape: object, prefix: str = "") -> dict[str, bool]:
    """Dotted key paths (``a[].b``) of an object shape → whether each is required."""
    flat: dict[str, bool] = {}
    if isinstance(shape, Alternatives):
        for option in shape.options:
            flat |= _flatten(option, prefix)
    elif isinstance(shape, dict):
        for name, (required, inner) in keys_of(shape).items():
            flat[prefix + name] = required
            flat |= _flatten(inner, prefix + name + ".")
    elif isinstance(shape, list):
        flat |= _flatten(shape[0], prefix[:-1] + "[].")
    else:
        assert isinstance(shape, Kind)
    return flat


def _item_path(name: str, arrays: set[str]) -> str:
    head, dot, rest = name.partition(".")
    return f"{head}[].{rest}" if dot and head in arrays else name


def test_route_descriptions_are_the_reference_s() -> None:
    reference = by_route()
    unreferenced = set()
    for key, route in ROUTES.items():
        method, path = key.split(" ", 1)
        row = reference.get((route.host, method, unnamed_path(path)))
        if row is None:
            unreferenced.add(key)
            continue
        # The reference names an object array's item fields `a[].b` or, on Prospect, `a.b`.
        arrays = {f["name"] for f in row["body"] if f["type"] == "object[]"}
        documented = {_item_path(f["name"], arrays): f["required"] for f in row["body"]}
        assert _flatten(route.body or {}) == documented, key
        query = {q["name"] + ("*" if q["required"] else "") for q in row["query"]}
        assert set(route.query or ()) == query, key
    assert unreferenced == OUTSIDE_REFERENCE


def test_legacy_aliases_name_served_routes_and_change_them() -> None:
    for key, aliases in legacy.LEGACY_BODY.items():
        assert key in ROUTES, key
        assert legacy.body_shape(key, ROUTES[key]) != ROUTES[key].body, key
        assert aliases
    for key, names in legacy.LEGACY_QUERY.items():
        route = ROUTES[key]
        assert route.query is not None
        assert not set(names) & {n.rstrip("*") for n in route.query}, key


async def _post(fake: FakeSmartlead, path: str, body: object) -> tuple[int, object]:
    async with aiohttp.ClientSession() as http:
        url = f"{fake.base_url}{path}?api_key={fake.api_key}"
        async with http.post(url, json=body) as response:
            return response.status, await response.json()


def _joi(message: str, key: str, source: str = "payload") -> dict[str, object]:
    return {
        "statusCode": 400,
        "error": "Bad Request",
        "message": message,
        "validation": {"source": source, "keys": [key]},
    }


async def test_an_unknown_or_misspelt_key_gets_a_joi_400_and_changes_nothing() -> None:
    async with FakeSmartlead() as fake:
        status, body = await _post(fake, "/campaigns/create", {"name": "Q1", "nmae": "Q1"})
        assert (status, body) == (400, _joi('"nmae" is not allowed', "nmae"))
        assert fake.state.campaigns == {}
        status, body = await _post(fake, "/campaigns/create", {"name": 7})
        assert (status, body) == (400, _joi('"name" must be a string', "name"))
        campaign = fake.seed.campaign("c")
        status, body = await _post(fake, f"/campaigns/{campaign.id}/status", {})
        assert (status, body) == (400, _joi('"status" is required', "status"))
        rows = {"lead_list": [{"email": "a@x.io"}, {"email": "b@x.io", "firstName": "B"}]}
        status, body = await _post(fake, f"/campaigns/{campaign.id}/leads", rows)
        message = '"lead_list[1].firstName" is not allowed'
        assert (status, body) == (400, _joi(message, "lead_list.1.firstName"))
        assert campaign.leads == {}
        async with aiohttp.ClientSession() as http:
            url = f"{fake.base_url}/leads/?api_key={fake.api_key}&email=a@x.io&emial=a@x.io"
            async with http.get(url) as response:
                assert response.status == 400
                assert await response.json() == _joi('"emial" is not allowed', "emial", "query")


async def test_request_checks_can_be_turned_off() -> None:
    async with FakeSmartlead(check_requests=False) as fake:
        status, _ = await _post(fake, "/campaigns/create", {"name": "Q1", "nmae": "Q1"})
        assert status == 200


async def test_without_its_legacy_alias_the_sdk_s_spelling_fails(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The SDK sends the flat schedule body the live API takes; the reference nests it under
    # `schedule`. Only the alias keeps it passing: without it, the fake catches the SDK.
    async with (
        FakeSmartlead(api_keys=(API_KEY,)) as fake,
        SmartleadClient(API_KEY, base_url=fake.base_url, max_retries=0) as sl,
    ):
        campaign = fake.seed.campaign("c")

        async def schedule() -> None:
            await sl.campaigns.update_schedule(
                campaign.id,
                timezone="UTC",
                days_of_the_week=[1, 2],
                start_hour="09:00",
                end_hour="17:00",
                min_time_btw_emails=10,
                max_new_leads_per_day=20,
            )

        await schedule()
        monkeypatch.delitem(legacy.LEGACY_BODY, "POST /campaigns/{campaign_id}/schedule")
        with pytest.raises(BadRequestError, match=r"is not allowed|is required"):
            await schedule()


async def test_each_host_has_its_own_root_and_answers() -> None:
    async with FakeSmartlead() as fake, aiohttp.ClientSession() as http:
        key = f"api_key={fake.api_key}"
        paths = {
            "smart_delivery": "/spam-test/seed/providers",
            "smart_senders": "/smart-senders/get-vendors",
            "prospect": "/countries",
        }
        for host, path in paths.items():
            async with http.get(f"{fake.base_url_for(host)}{path}?{key}") as response:
                assert response.status == 200, host
            # A host's route is not served under another host's root.
            async with http.get(f"{fake.base_url}{path}?{key}") as response:
                assert response.status == 404, host
        async with http.get(f"{fake.base_url_for('prospect')}/countries?api_key=wrong") as response:
            assert response.status == 401
            assert (await response.json())["message"] == "Unauthorized"
        async with http.get(f"{fake.base_url_for('prospect')}/countries?{key}&limit=2") as response:
            assert [c["id"] for c in (await response.json())["data"]] == [1, 2]
    assert [r.host for r in fake.state.requests] == [
        "smart_delivery",
        "core",
        "smart_senders",
        "core",
        "prospect",
        "core",
        "prospect",
        "prospect",
    ]
    with pytest.raises(ValueError, match="unknown host"):
        fake.base_url_for("smart-delivery")


async def test_smart_delivery_folders_are_created_and_read_back() -> None:
    async with FakeSmartlead() as fake, aiohttp.ClientSession() as http:
        root, key = fake.base_url_for("smart_delivery"), f"api_key={fake.api_key}"
        async with http.post(f"{root}/spam-test/folder?{key}", json={"name": "Q1"}) as response:
            created = await response.json()
        async with http.get(f"{root}/spam-test/folder/{created['id']}?{key}") as response:
            assert (response.status, (await response.json())["name"]) == (200, "Q1")
        async with http.get(f"{root}/spam-test/folder/999999?{key}") as response:
            assert response.status == 404
        async with http.get(f"{root}/spam-test/folder/{created['id']}?{key}&x=1") as response:
            assert response.status == 400  # the page documents no query parameters


async def test_seeded_records_are_typed_and_a_startable_campaign_starts() -> None:
    async with FakeSmartlead(api_keys=(API_KEY,)) as fake:
        sender = fake.seed.email_account("rep@out.example", warmup_reputation="55%")
        ready = fake.seed.startable_campaign("ready", sender=sender, leads=["a@x.io"])
        draft = fake.seed.campaign("draft", leads=["a@x.io"])
        async with SmartleadClient(API_KEY, base_url=fake.base_url, max_retries=0) as sl:
            await sl.campaigns.update_status(ready.id, status="START")
            with pytest.raises(BadRequestError, match="schedule"):
                await sl.campaigns.update_status(draft.id, status="START")
            (listed,) = await sl.email_accounts.list_by_campaign(ready.id)
            await sl.leads.add_to_campaign(draft.id, leads=[LeadInput(email="b@x.io")])
        assert (ready.status, draft.status) == ("ACTIVE", "DRAFTED")
        assert listed.id == sender.id
        assert fake.state.email_accounts[sender.id].to_wire(1)["warmup_details"] == {
            "id": sender.id,
            "warmup_reputation": "55%",
            "status": "ACTIVE",
        }
        assert sorted(draft.leads) == ["a@x.io", "b@x.io"]


async def test_rate_windows_take_the_fake_s_own_rule_type() -> None:
    now = [0.0]
    async with FakeSmartlead(rate_limits=[RateWindow(1, 10.0)], clock=lambda: now[0]) as fake:
        first, _ = await _post(fake, "/campaigns/create", {"name": "a"})
        second, _ = await _post(fake, "/campaigns/create", {"name": "b"})
        now[0] = 10.0
        third, _ = await _post(fake, "/campaigns/create", {"name": "c"})
    assert (first, second, third) == (200, 429, 200)


def test_the_add_leads_rules_run_without_http() -> None:
    state = FakeState(lead_credits=1)
    campaign = state.campaigns.create("rules")
    state.leads.enroll(campaign, "in@x.io")
    state.leads.account_lead("gone@x.io").is_unsubscribed = True
    state.leads.block(["blocked.example"])
    rows = [
        {"email": "new@x.io"},
        {"email": "NEW@x.io "},  # the same address: a duplicate, not a second upload
        {"email": "in@x.io"},
        {"email": "a@blocked.example"},
        {"email": "gone@x.io"},
        {"email": "late@x.io"},  # the one credit is spent
        {"email": "bad@"},
    ]
    outcome = state.leads.add_to_campaign(campaign, rows)
    assert outcome == AddLeadsOutcome(
        total=7,
        uploaded=1,
        already_in_campaign=1,
        duplicates=1,
        invalid_emails=("bad@",),
        unsubscribed=("gone@x.io",),
        blocked=1,
        stopped_by_credits=1,
    )
    assert sorted(campaign.leads) == ["in@x.io", "new@x.io"]
    assert state.lead_credits == 0


def test_no_host_table_shadows_another_s_route() -> None:
    tables = (table._CORE, table._SMART_DELIVERY, table._SMART_SENDERS, table._PROSPECT)
    assert len(ROUTES) == sum(len(rows) for rows in tables)
