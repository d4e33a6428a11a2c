"""The README's API rules, checked over every public resource method.

Each rule is the attack a new method would make by copying the wrong neighbour: a positional
filter, a list route answering a plain list, an eighth spelling of a time window, an untyped
mutation, a get that answers ``None``. Exceptions live in the documented tables below, each with
its reason; a method that stops needing its exception must leave the table.
"""

from __future__ import annotations

import ast
import contextlib
import inspect
import pathlib
import typing
import warnings
from collections.abc import Callable, Iterator

import pytest

import smartlead_async
from smartlead_async import SmartleadClient
from smartlead_async._endpoints import Endpoint, endpoint_of, endpoint_rows
from smartlead_async._pagination import Pager
from smartlead_async.models.common import DataResult
from smartlead_async.resources import RESOURCES
from smartlead_async.resources._base import deprecated_target

#: Methods that answer SmartLead's payload as documented-but-opaque data, with the reason.
OPAQUE_RESULTS: dict[str, str] = {
    **{
        f"analytics.{name}": "account analytics: the reference's examples are illustrative and "
        "the payload's keys vary with the filters; kept verbatim"
        for name, _ in inspect.getmembers(RESOURCES["analytics"], inspect.isfunction)
        if not name.startswith("_")
    },
    "analytics.campaign.sequences": "sequence analytics: undocumented per-step keys",
    "leads.campaign_overview": "per-campaign overview: the reference documents no schema",
    "leads.sequence_details": "sequence details: the reference documents no schema",
    "email_accounts.fetch_messages": "a mailbox's messages, proxied live from the provider",
    "email_accounts.fetch_messages_multi": "messages of several mailboxes, proxied live",
}

#: Routes that take offset/limit but whose answer documents no row list to page over.
UNPAGED_OFFSET_ROUTES: dict[str, str] = {
    f"analytics.{name}": "opaque analytics payload: no documented row list or total to page by"
    for name in (
        "campaign_overall_stats",
        "client_overall_stats",
        "mailbox_domain_wise_health_metrics",
        "mailbox_name_wise_health_metrics",
    )
}

#: Names that spell a time window some other way than ``start=``/``end=``.
OTHER_WINDOW_SPELLINGS = frozenset(
    {
        "start_date",
        "end_date",
        "dates",
        "replied_between",
        "from_time",
        "to_time",
        "since",
        "until",
        "sent_after",
        "sent_before",
        "created_at_gt",
        "last_sent_time_gt",
        "event_time_gt",
    }
)


def public_methods() -> Iterator[tuple[str, Callable[..., object]]]:
    for attribute, cls in RESOURCES.items():
        for name, member in inspect.getmembers(cls, inspect.isfunction):
            if not name.startswith("_") and deprecated_target(member) is None:
                yield f"{attribute}.{name}", member


METHODS = dict(public_methods())


def hints(method: Callable[..., object]) -> dict[str, object]:
    module = inspect.getmodule(method)
    return typing.get_type_hints(method, vars(module) if module else None)


def test_the_walk_sees_every_resource_method() -> None:
    # A walk that found nothing would pass every rule below.
    assert len(METHODS) > 130
    assert "leads.block_list.add" in METHODS
    assert "campaigns.create" in METHODS


@pytest.mark.parametrize("name", sorted(METHODS))
def test_ids_are_positional_and_everything_else_keyword_only(name: str) -> None:
    parameters = list(inspect.signature(METHODS[name]).parameters.values())[1:]
    for parameter in parameters:
        is_id = parameter.name.endswith(("_id", "_ids"))
        if parameter.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD:
            assert is_id, f"{name}: {parameter.name} must be keyword-only"
        else:
            assert parameter.kind is inspect.Parameter.KEYWORD_ONLY, f"{name}: {parameter}"


@pytest.mark.parametrize("name", sorted(METHODS))
def test_list_routes_return_a_pager(name: str) -> None:
    method = METHODS[name]
    returned = typing.get_origin(hints(method)["return"]) or hints(method)["return"]
    endpoint = endpoint_of(method)
    if endpoint is not None and endpoint.page is not None and not _is_helper(method):
        assert returned is Pager, f"{name} pages {endpoint.path} but returns {returned}"
    # No route answers a plain list: a list route's result is a pager.
    assert returned not in (list, tuple), f"{name} returns a plain {returned}"
    parameters = inspect.signature(method).parameters
    if {"offset", "limit"} <= set(parameters) and name not in UNPAGED_OFFSET_ROUTES:
        assert returned is Pager, f"{name} takes offset/limit but returns {returned}"


@pytest.mark.parametrize("name", sorted(METHODS))
def test_one_time_window_convention(name: str) -> None:
    parameters = inspect.signature(METHODS[name]).parameters
    assert not OTHER_WINDOW_SPELLINGS & set(parameters), f"{name}: use start=/end="
    assert ("start" in parameters) == ("end" in parameters), f"{name}: a window has two ends"


@pytest.mark.parametrize("name", sorted(METHODS))
def test_results_are_typed(name: str) -> None:
    returned = hints(METHODS[name])["return"]
    untyped = returned is DataResult or typing.get_origin(returned) is dict or returned is dict
    assert untyped == (name in OPAQUE_RESULTS), (
        f"{name} returns {returned}: type it, or document why it is opaque in OPAQUE_RESULTS"
    )


@pytest.mark.parametrize("name", sorted(METHODS))
def test_get_by_key_raises_not_found_instead_of_answering_none(name: str) -> None:
    returned = hints(METHODS[name])["return"]
    assert type(None) not in typing.get_args(returned), f"{name} may return None"


@pytest.mark.parametrize("name", sorted(METHODS))
def test_many_helpers_are_named_after_their_single_item_method(name: str) -> None:
    if not name.endswith("_many"):
        return
    single = name.removesuffix("_many")
    assert single in METHODS, f"{name} has no single-item method {single}"
    assert endpoint_of(METHODS[name]) == endpoint_of(METHODS[single])
    assert _is_helper(METHODS[name])


def test_create_or_update_is_called_save() -> None:
    assert not [name for name in METHODS if name.rsplit(".", 1)[-1].startswith("upsert")]


def test_every_route_method_declares_its_endpoint() -> None:
    undeclared = [name for name, method in METHODS.items() if endpoint_of(method) is None]
    assert undeclared == []


def _is_helper(method: Callable[..., object]) -> bool:
    return getattr(method, "__smartlead_helper_of__", None) is not None


def test_no_resource_module_passes_idempotent_or_decodes_by_hand() -> None:
    # Retry safety and decoding are facts of the route (its Endpoint), never of one call.
    root = pathlib.Path(smartlead_async.__file__).parent / "resources"
    offenders = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                name = node.func.id if isinstance(node.func, ast.Name) else None
                if name != "Endpoint" and any(k.arg == "idempotent" for k in node.keywords):
                    offenders.append(f"{path.name}:{node.lineno} passes idempotent=")
            # `self._pipeline.send(...)`, `.decode(...)`: below the route's own rules.
            if (
                isinstance(node, ast.Attribute)
                and node.attr in HAND_DECODING
                and isinstance(node.value, ast.Attribute)
                and node.value.attr == "_pipeline"
            ):
                offenders.append(f"{path.name}:{node.lineno} uses _pipeline.{node.attr}")
            if isinstance(node, ast.Name) and node.id in {"success_payload", "not_found"}:
                offenders.append(f"{path.name}:{node.lineno} uses {node.id}")
    assert offenders == []


#: The pipeline's lower levels: a resource that reaches them decodes by hand.
HAND_DECODING = frozenset({"request_json", "request", "request_text", "send", "decode"})


def test_documented_exceptions_name_real_methods() -> None:
    assert set(OPAQUE_RESULTS) <= set(METHODS)
    assert set(UNPAGED_OFFSET_ROUTES) <= set(METHODS)


RENAMES = {
    "leads.delete_many_from_campaign": "leads.delete_from_campaign_many",
    "leads.get_many_by_email": "leads.get_by_email_many",
    "leads.unsubscribe_many_from_campaign": "leads.unsubscribe_from_campaign_many",
    "leads.add_to_block_list": "leads.block_list.add",
    "leads.add_many_to_block_list": "leads.block_list.add_many",
    "leads.remove_from_block_list": "leads.block_list.remove",
    "email_accounts.add_many_to_campaign": "email_accounts.add_to_campaign_many",
    "email_accounts.fetch_messages_many": "email_accounts.fetch_messages_multi",
    "webhooks.upsert": "webhooks.save",
    "campaigns.analytics": "analytics.campaign.summary",
    "campaigns.analytics_by_date": "analytics.campaign.by_date",
    "campaigns.statistics": "analytics.campaign.statistics",
    "campaigns.lead_statistics": "analytics.campaign.lead_statistics",
    "campaigns.mailbox_statistics": "analytics.campaign.mailbox_statistics",
    "campaigns.sequence_analytics": "analytics.campaign.sequences",
    "campaigns.top_level_analytics_by_date": "analytics.campaign.top_level",
    "campaigns.all_leads_activities": "analytics.campaign.lead_activities",
}


def _resolve(root: object, dotted: str) -> object:
    for part in dotted.split("."):
        root = getattr(root, part)
    return root


@pytest.mark.parametrize(("old", "new"), sorted(RENAMES.items()))
async def test_renamed_methods_keep_a_deprecated_alias(old: str, new: str) -> None:
    async with SmartleadClient("k", base_url="http://127.0.0.1:9/api/v1/", max_retries=0) as client:
        alias = _resolve(client, old)
        target = _resolve(client, new)
        assert callable(alias)
        assert deprecated_target(getattr(alias, "__func__", alias)) == new.rsplit(".", 1)[-1]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            # Called without arguments the alias warns first; the new method may then refuse.
            with contextlib.suppress(TypeError):
                result = alias()
                assert type(result).__name__ in {"Pager", "coroutine"}
                if inspect.iscoroutine(result):
                    result.close()
        assert [str(w.message) for w in caught if w.category is DeprecationWarning] == [
            f"{old.rsplit('.', 1)[-1]} is deprecated; use {new} instead"
        ]
        assert callable(target)


def test_endpoint_rows_skip_deprecated_aliases() -> None:
    routes = [method for _, method in endpoint_rows(RESOURCES)]
    for old in RENAMES:
        assert f"client.{old}" not in routes


def test_endpoint_is_the_whole_route_description() -> None:
    # Every route's result type is declared, so no method needs to pick one by hand.
    for endpoint, _ in endpoint_rows(RESOURCES):
        assert isinstance(endpoint, Endpoint)
        assert endpoint.result is not None
