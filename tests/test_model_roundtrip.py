"""Models travel: every response model becomes plain JSON (``to_dict``) and comes back equal
(``from_dict``), wire names, datetimes, enums and ``extra`` keys included."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import json
import pkgutil
import types
import typing
from types import ModuleType

import attrs
import cattrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import smartlead_async.models
import smartlead_async.webhooks
from smartlead_async._convert import _is_json, _is_scalar_union
from smartlead_async._json import JSON
from smartlead_async.models import (
    Campaign,
    CampaignStatus,
    EmailAccount,
    Model,
    OpenStrEnum,
    WebhookEventType,
)
from smartlead_async.models.common import Acknowledgement
from smartlead_async.webhooks import EmailReplied, LeadCorrespondence, WebhookMessage


def _models_of(package: ModuleType) -> list[type[Model]]:
    found: list[type[Model]] = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        found += [
            cls
            for _, cls in inspect.getmembers(module, inspect.isclass)
            if issubclass(cls, Model) and cls.__module__ == module.__name__
        ]
    return found


MODELS = _models_of(smartlead_async.models) + _models_of(smartlead_async.webhooks)


def test_the_walk_finds_the_response_and_event_models() -> None:
    # A walk that found nothing would make the property below vacuous.
    names = {cls.__name__ for cls in MODELS}
    assert {"Campaign", "Lead", "EmailAccount", "EmailReplied", "UnknownEvent"} <= names
    assert len(MODELS) >= 70


SCALARS: st.SearchStrategy[JSON] = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8)
)
JSON_VALUES: st.SearchStrategy[JSON] = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
OFFSETS = st.integers(-14 * 60, 14 * 60).map(lambda m: dt.timezone(dt.timedelta(minutes=m)))
DATETIMES = st.datetimes(min_value=dt.datetime(1900, 1, 1), timezones=st.just(dt.UTC) | OFFSETS)


def _enum_values(enum_type: type[OpenStrEnum]) -> st.SearchStrategy[OpenStrEnum]:
    # Known members, and values SmartLead may add later (kept as pseudo-members).
    return st.sampled_from(list(enum_type)) | st.text(max_size=8).map(enum_type)


def _strategy(type_: object) -> st.SearchStrategy[object]:
    if _is_json(type_) or _is_scalar_union(type_):
        return JSON_VALUES if _is_json(type_) else SCALARS
    origin, args = typing.get_origin(type_), typing.get_args(type_)
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*(_strategy(arg) for arg in args))
    if origin is tuple:
        return st.lists(_strategy(args[0]), max_size=3).map(tuple)
    if origin is dict:
        return st.dictionaries(st.text(max_size=5), _strategy(args[1]), max_size=3)
    simple: dict[object, st.SearchStrategy[object]] = {
        type(None): st.none(),
        bool: st.booleans(),
        int: st.integers(),
        float: st.floats(allow_nan=False, allow_infinity=False),
        str: st.text(max_size=8),
        dt.datetime: DATETIMES,
        dt.date: st.dates(),
    }
    if type_ in simple:
        return simple[type_]
    if isinstance(type_, type) and issubclass(type_, OpenStrEnum):
        return _enum_values(type_)
    if isinstance(type_, type) and attrs.has(type_):
        return _instances(type_)
    raise AssertionError(f"no strategy for {type_!r}: teach this test the new field type")


def _instances(cls: type) -> st.SearchStrategy[object]:
    hints = typing.get_type_hints(cls)
    fields = {f.name: _strategy(hints[f.name]) for f in attrs.fields(cls) if f.name != "extra"}
    if issubclass(cls, Acknowledgement):
        # Only a body that says it succeeded builds one.
        fields["ok"] = st.just(True)
        fields["success"] = st.sampled_from([None, True])
    if issubclass(cls, Model):
        wire = {f.metadata.get("wire", f.name) for f in attrs.fields(cls)}
        fields["extra"] = st.dictionaries(
            # Python names too: `lead_correspondence` is an unknown key where the wire says
            # `leadCorrespondence`, and must come back as one.
            st.sampled_from([f.name for f in attrs.fields(cls)]) | st.text(max_size=6),
            JSON_VALUES,
            max_size=3,
        ).map(lambda extra: {k: v for k, v in extra.items() if k not in wire})
    return st.fixed_dictionaries(fields).flatmap(lambda kwargs: _accepted(cls, kwargs))


def _accepted(cls: type, kwargs: dict[str, object]) -> st.SearchStrategy[object]:
    # Models with an invariant of their own (a result saying `success: false`, a block-list
    # answer with neither counters nor a success flag) refuse some field values: skip those.
    try:
        return st.just(cls(**kwargs))
    except ValueError:
        return st.nothing()


def _plain(value: object) -> bool:
    """JSON's own types only: no enum members, tuples, datetimes or models left."""
    if type(value) is dict:
        return all(type(k) is str and _plain(v) for k, v in value.items())
    if type(value) is list:
        return all(_plain(v) for v in value)
    return type(value) in (str, int, float, bool, type(None))


@pytest.mark.parametrize("model", MODELS, ids=lambda c: c.__name__)
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_model_round_trips_through_plain_json(
    model: type[Model], data: st.DataObject
) -> None:
    original = data.draw(_instances(model))
    assert isinstance(original, model)
    wire = original.to_dict()
    assert _plain(wire), wire
    # Through real JSON text, as it travels between services.
    back = model.from_dict(json.loads(json.dumps(wire)))
    assert type(back) is model
    assert back == original
    assert back.extra == original.extra
    assert back.to_dict() == wire


def test_to_dict_uses_wire_names_iso_datetimes_enum_values_and_keeps_extra() -> None:
    replied = EmailReplied(
        event_type=WebhookEventType.EMAIL_REPLY,
        campaign_id=7,
        event_timestamp=dt.datetime(2025, 3, 1, 9, 30, tzinfo=dt.UTC),
        reply_message=WebhookMessage(text="Yes please"),
        lead_correspondence=LeadCorrespondence(target_lead_email="a@x.io"),
        lead_email_alias="a@x.io",
        extra={"brand_new": {"nested": [1, 2]}},
    )
    wire = replied.to_dict()
    assert wire["leadCorrespondence"] == {
        "targetLeadEmail": "a@x.io",
        "replyReceivedFrom": None,
        "repliedCompanyDomain": None,
        "forwardedFrom": None,
    }
    assert "lead_correspondence" not in wire
    assert wire["lead_email"] == "a@x.io"
    assert "lead_email_alias" not in wire
    assert wire["event_timestamp"] == "2025-03-01T09:30:00+00:00"
    assert type(wire["event_type"]) is str
    assert wire["event_type"] == "EMAIL_REPLY"
    assert wire["brand_new"] == {"nested": [1, 2]}
    assert isinstance(wire["reply_message"], dict)
    assert wire["reply_message"]["text"] == "Yes please"
    assert wire["cc_emails"] == []


def test_an_unknown_enum_value_travels_as_its_string() -> None:
    campaign = Campaign.from_dict({"id": 1, "status": "ARCHIVED"})
    assert campaign.status is not None
    assert not campaign.status.is_known
    wire = campaign.to_dict()
    assert type(wire["status"]) is str
    assert wire["status"] == "ARCHIVED"
    assert Campaign.from_dict(wire).status == CampaignStatus("ARCHIVED")


def test_a_declared_field_wins_over_an_extra_key_of_the_same_name() -> None:
    # extra is only ever filled with undeclared keys; one set by hand must not shadow a field.
    campaign = Campaign(id=1, name="real", extra={"name": "shadow", "other": 1})
    wire = campaign.to_dict()
    assert (wire["name"], wire["other"]) == ("real", 1)


def test_from_dict_is_the_lenient_decoder() -> None:
    account = EmailAccount.from_dict(
        {"id": "14", "from_email": "me@x.io", "is_smtp_success": "true", "new_key": 1}
    )
    assert account.id == 14
    assert account.is_smtp_success is True
    assert account.extra == {"new_key": 1}


def test_from_dict_refuses_what_does_not_fit() -> None:
    with pytest.raises(cattrs.BaseValidationError):
        Campaign.from_dict({"id": "not a number"})
    with pytest.raises(cattrs.BaseValidationError):
        Campaign.from_dict({"name": "no id"})
    with pytest.raises(TypeError, match="JSON object"):
        Campaign.from_dict(["id", 1])  # type: ignore[arg-type]
