"""Campaign sequence models: steps read back, and steps to save."""

from __future__ import annotations

import datetime as dt

import attrs

from smartlead_async.models._base import Model, wire_name

__all__ = [
    "SequenceDelay",
    "SequenceStep",
    "SequenceStepInput",
    "SequenceVariant",
    "SequenceVariantInput",
]


@attrs.frozen(kw_only=True)
class SequenceDelay(Model):
    """Delay before a step. Read as ``delayInDays`` (written as ``delay_in_days``)."""

    delay_in_days: int | None = attrs.field(default=None, metadata=wire_name("delayInDays"))


@attrs.frozen(kw_only=True)
class SequenceVariant(Model):
    """An A/B variant of a step."""

    id: int
    is_deleted: bool | None = None
    subject: str | None = None
    email_body: str | None = None
    email_campaign_seq_id: int | None = None
    variant_label: str | None = None


@attrs.frozen(kw_only=True)
class SequenceStep(Model):
    """A step of a campaign's sequence. With variants, ``subject``/``email_body`` are empty."""

    id: int
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    email_campaign_id: int | None = None
    seq_number: int | None = None
    seq_delay_details: SequenceDelay | None = None
    subject: str | None = None
    email_body: str | None = None
    sequence_variants: tuple[SequenceVariant, ...] = ()


@attrs.frozen(kw_only=True)
class SequenceVariantInput:
    """A variant to save. Pass ``id`` to update an existing one."""

    subject: str
    email_body: str
    variant_label: str
    id: int | None = None


@attrs.frozen(kw_only=True)
class SequenceStepInput:
    """A step to save: either ``subject`` + ``email_body``, or ``variants`` (A/B test).

    An empty ``subject`` sends the step as a reply in the same thread. Pass ``id`` to update an
    existing step; saving replaces the whole sequence (steps left out are deleted).
    """

    seq_number: int
    delay_in_days: int = 0
    subject: str | None = None
    email_body: str | None = None
    variants: tuple[SequenceVariantInput, ...] = ()
    id: int | None = None
