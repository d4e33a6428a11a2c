"""The converter: catalog samples decode strictly; lenient decoding keeps what it does not know."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
import types
import typing

import attrs
import cattrs
import pytest

import smartlead_async.models
from smartlead_async import SmartleadClient
from smartlead_async import _convert as convert_module
from smartlead_async._convert import CONVERTER, make_converter, to_wire
from smartlead_async.models import (
    AddLeadsResult,
    Campaign,
    CampaignLeadsPage,
    CampaignStatus,
    CreatedCampaign,
    Lead,
    LeadImportSettings,
    LeadInput,
    LeadStatus,
    OkResponse,
)
from smartlead_async.webhooks import EmailOpened, parse_event
from smartlead_async.webhooks import parse as webhooks_parse

from . import samples

STRICT = make_converter(strict=True)
LENIENT = make_converter()


@pytest.mark.parametrize(
    ("payload", "model"),
    [
        (samples.CAMPAIGN_HC, Campaign),
        (samples.CAMPAIGN_WITH_TAGS, Campaign),
        (samples.CREATED_CAMPAIGN, CreatedCampaign),
        (samples.ADD_LEADS_RESULT, AddLeadsResult),
        (samples.ADD_LEADS_RESULT_HC, AddLeadsResult),
        (samples.CAMPAIGN_LEADS_PAGE, CampaignLeadsPage),
        (samples.LEAD_BY_EMAIL, Lead),
        ({"ok": True, "data": "success"}, OkResponse),
    ],
)
def test_catalog_samples_decode_with_the_strict_converter(payload: object, model: type) -> None:
    decoded: object = STRICT.structure(payload, model)
    assert isinstance(decoded, model)


def test_campaign_sample_values() -> None:
    campaign = STRICT.structure(samples.CAMPAIGN_HC, Campaign)
    assert campaign.id == 372
    assert campaign.status is CampaignStatus.ACTIVE
    assert campaign.track_settings == ("DONT_REPLY_TO_AN_EMAIL",)
    assert campaign.created_at == dt.datetime(2022, 5, 26, 3, 47, 31, 448094, tzinfo=dt.UTC)
    assert isinstance(campaign.scheduler_cron_value, str)
    tagged = STRICT.structure(samples.CAMPAIGN_WITH_TAGS, Campaign)
    assert tagged.tags[0].tag_name == "x"
    assert tagged.scheduler_cron_value == {
        "tz": "Australia/Sydney",
        "days": [1, 2, 3, 4, 5],
        "endHour": "23:00",
        "startHour": "10:00",
    }


def test_string_counts_and_ids_become_ints() -> None:
    page = STRICT.structure(samples.CAMPAIGN_LEADS_PAGE, CampaignLeadsPage)
    assert page.total_leads == 823
    assert page.data[0].status is LeadStatus.INPROGRESS
    assert page.data[0].lead.id == 423
    lead = STRICT.structure(samples.LEAD_BY_EMAIL, Lead)
    assert lead.id == 627657
    assert lead.lead_campaign_data[0].campaign_lead_map_id == 2
    assert lead.created_at is not None
    assert lead.created_at.tzinfo is not None


def test_unsubscribed_leads_is_read_either_way() -> None:
    as_list = STRICT.structure(samples.ADD_LEADS_RESULT, AddLeadsResult)
    as_count = STRICT.structure(samples.ADD_LEADS_RESULT_HC, AddLeadsResult)
    assert (as_list.unsubscribed_count, as_list.unsubscribed_emails) == (1, ("a@x.com",))
    assert (as_count.unsubscribed_count, as_count.unsubscribed_emails) == (1, ())


def test_lenient_converter_keeps_unknown_keys_and_enum_values() -> None:
    payload = {"id": 1, "status": "ARCHIVED", "brand_new_field": {"x": 1}}
    campaign = LENIENT.structure(payload, Campaign)
    assert campaign.extra == {"brand_new_field": {"x": 1}}
    assert campaign.status == "ARCHIVED"
    assert campaign.status is not None
    assert not campaign.status.is_known
    assert isinstance(campaign.status, CampaignStatus)
    assert CampaignStatus.ACTIVE.is_known
    # Unknown values are not cached on the enum class (untrusted input must not grow it).
    assert "ARCHIVED" not in CampaignStatus._value2member_map_


def test_strict_converter_refuses_unknown_keys_and_enum_values() -> None:
    with pytest.raises(cattrs.BaseValidationError):
        STRICT.structure({"id": 1, "brand_new_field": 1}, Campaign)
    with pytest.raises(cattrs.BaseValidationError):
        STRICT.structure({"id": 1, "status": "ARCHIVED"}, Campaign)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (True, True),
        (False, False),
        ("true", True),
        ("false", False),
        ("FALSE", False),
        (1, True),
        (0, False),
    ],
)
def test_booleans_are_parsed_not_truthiness(raw: object, expected: bool) -> None:
    # OkResponse refuses ok: false outright, so the flag is read on a model that does not.
    assert LENIENT.structure({"ok": raw, "id": 1}, CreatedCampaign).ok is expected


@pytest.mark.parametrize("raw", ["maybe", 2, None, 1.5])
def test_ambiguous_booleans_are_refused(raw: object) -> None:
    with pytest.raises(cattrs.BaseValidationError):
        LENIENT.structure({"ok": raw, "id": 1}, CreatedCampaign)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2022-11-08T07:06:35.990Z", dt.datetime(2022, 11, 8, 7, 6, 35, 990000, tzinfo=dt.UTC)),
        ("2023-10-16 10:33:02.000Z", dt.datetime(2023, 10, 16, 10, 33, 2, tzinfo=dt.UTC)),
        ("2022-05-26T03:47:31", dt.datetime(2022, 5, 26, 3, 47, 31, tzinfo=dt.UTC)),
        (1_700_000_000, dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)),
        (1_700_000_000_000, dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)),
    ],
)
def test_datetimes_are_always_tz_aware(raw: object, expected: dt.datetime) -> None:
    created = LENIENT.structure({"id": 1, "created_at": raw}, CreatedCampaign).created_at
    assert created == expected
    assert created is not None
    assert created.tzinfo is not None


@pytest.mark.parametrize("raw", ["12.5", True, "abc", [1]])
def test_bad_ints_are_refused(raw: object) -> None:
    with pytest.raises(cattrs.BaseValidationError):
        LENIENT.structure({"id": raw}, CreatedCampaign)


def _model_classes() -> list[type]:
    classes: list[type] = []
    for info in pkgutil.iter_modules(smartlead_async.models.__path__):
        module = importlib.import_module(f"smartlead_async.models.{info.name}")
        classes += [
            c for _, c in inspect.getmembers(module, attrs.has) if c.__module__ == module.__name__
        ]
    return classes


@pytest.mark.parametrize("model", _model_classes(), ids=lambda c: c.__name__)
def test_every_optional_field_has_a_default(model: type) -> None:
    # cattrs treats Optional as nullable, not omittable: a missing key without default fails.
    hints = typing.get_type_hints(model)
    for field in attrs.fields(model):
        hint = hints[field.name]
        args = typing.get_args(hint)
        nullable = type(None) in args and typing.get_origin(hint) in (typing.Union, types.UnionType)
        if nullable:
            assert field.default is not attrs.NOTHING, f"{model.__name__}.{field.name}"


def test_request_models_unstructure_without_unset_fields() -> None:
    lead = LeadInput(email="a@b.co", first_name="A", custom_fields={"Title": "CTO"})
    assert to_wire(LENIENT, lead) == {
        "email": "a@b.co",
        "first_name": "A",
        "custom_fields": {"Title": "CTO"},
    }
    settings = LeadImportSettings(ignore_global_block_list=False)
    assert to_wire(LENIENT, settings) == {"ignore_global_block_list": False}


def test_every_client_decodes_with_the_one_shared_lenient_converter() -> None:
    # A converter per client rebuilds every model's hooks on its first decode: the cost the
    # client-per-request pattern would pay on every request (benchmarks/bench_converter.py).
    first, second = SmartleadClient("key-one"), SmartleadClient("key-two")
    assert first._pipeline.converter is CONVERTER
    assert second._pipeline.converter is CONVERTER
    # The shared one is the lenient one: unknown keys are kept, not refused.
    assert first._pipeline.decode({"id": 1, "new": 2}, Campaign).extra == {"new": 2}


def test_webhooks_and_models_decode_with_the_shared_converter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[type] = []

    class Spy:
        def structure(self, obj: object, cl: type) -> object:
            seen.append(cl)
            return CONVERTER.structure(obj, cl)

    assert vars(webhooks_parse)["CONVERTER"] is CONVERTER  # imported there, not re-exported
    monkeypatch.setattr(webhooks_parse, "CONVERTER", Spy())
    monkeypatch.setattr(convert_module, "CONVERTER", Spy())
    parse_event('{"event_type": "EMAIL_OPEN"}')
    Campaign.from_dict({"id": 1})
    assert seen == [EmailOpened, Campaign]
