"""``client.smart_delivery``: inbox-placement (spam) tests, their reports, the seed lists.

Served by its own host, with its own base URL (``SmartleadClient(host_urls=...)``) and rate
gate (docs/api-notes.md, Authentication). Reports are the sub-resource
``client.smart_delivery.reports``
(:class:`~smartlead_async.resources.smart_delivery_reports.SmartDeliveryReportsResource`), test
folders ``client.smart_delivery.folders``
(:class:`~smartlead_async.resources.smart_delivery_folders.SmartDeliveryFoldersResource`).

SmartLead's pages for this host document paths and methods only: no request body or parameter
besides the ids in the path. The bodies and filters sent here follow the field names of the
pages' example answers and of older clients (docs/api-notes.md, Smart Delivery); methods whose
request shape is guessed say so. ``extra_fields=`` passes further body keys through verbatim.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from smartlead_async._endpoints import Endpoint, Paging, Unwrap, calls
from smartlead_async._json import JSON
from smartlead_async._pagination import Pager, Rows
from smartlead_async._pipeline import Pipeline
from smartlead_async._validation import (
    normalize_email,
    require_confirmation,
    require_id,
    require_int_range,
    require_text,
    require_timezone,
)
from smartlead_async._window import Moment, window
from smartlead_async.errors import RequestValidationError
from smartlead_async.models.smart_delivery import (
    SeedRegion,
    SmartDeliveryMessage,
    SpamTest,
    SpamTestSummary,
)
from smartlead_async.resources._base import Resource
from smartlead_async.resources._delivery import ALL_AT_ONCE, Key, require_key, require_keys
from smartlead_async.resources.smart_delivery_folders import SmartDeliveryFoldersResource
from smartlead_async.resources.smart_delivery_reports import SmartDeliveryReportsResource

__all__ = ["SmartDeliveryResource", "TestListType", "TimeUnit"]

#: The unit of ``min_time_between_emails`` (SmartLead's example answers show ``minutes``).
TimeUnit = Literal["minutes", "hours", "days"]
TIME_UNITS: tuple[TimeUnit, ...] = ("minutes", "hours", "days")
#: The ``testType`` filter of the test list.
TestListType = Literal["manual", "schedule"]
TEST_LIST_TYPES: tuple[TestListType, ...] = ("manual", "schedule")
#: Rows per page of the test list: the SDK's own bound (SmartLead documents none).
TESTS_MAX_LIMIT = 100
_TESTS_DEFAULT_LIMIT = 10

SEED_PROVIDERS = Endpoint(
    "GET",
    "spam-test/seed/providers",
    Rows[SeedRegion],
    unwrap=Unwrap.ONE_OR_MANY,
    page=ALL_AT_ONCE,
    host="smart_delivery",
)
# Each create spends seed credits and sends email: never repeated.
CREATE_MANUAL_TEST = Endpoint(
    "POST", "spam-test/manual", SpamTest, idempotent=False, host="smart_delivery"
)
CREATE_AUTOMATED_TEST = Endpoint(
    "POST", "spam-test/schedule", SpamTest, idempotent=False, host="smart_delivery"
)
GET_TEST = Endpoint(
    "GET", "spam-test/{spam_test_id}", SpamTest, empty_is_not_found=True, host="smart_delivery"
)
STOP_TEST = Endpoint(
    "PUT",
    "spam-test/{spam_test_id}/stop",
    SmartDeliveryMessage,
    idempotent=True,
    host="smart_delivery",
)
DELETE_TESTS = Endpoint(
    "POST", "spam-test/delete", SmartDeliveryMessage, idempotent=True, host="smart_delivery"
)
# A read sent as a POST; paging in the body (docs/api-notes.md, Smart Delivery).
LIST_TESTS = Endpoint(
    "POST",
    "spam-test/report",
    Rows[SpamTestSummary],
    unwrap=Unwrap.ROWS,
    idempotent=True,
    page=Paging(max_limit=TESTS_MAX_LIMIT, in_body=True),
    host="smart_delivery",
)
_COST = (
    "creating a placement test spends Smart Delivery seed credits and sends email to the seed "
    "mailboxes"
)


class SmartDeliveryResource(Resource):
    """Smart Delivery: inbox-placement (spam) tests, their reports and the seed mailbox lists.

    Attributes:
        reports: What tests found (``client.smart_delivery.reports``).
        folders: Test folders (``client.smart_delivery.folders``).
    """

    def __init__(self, pipeline: Pipeline) -> None:
        super().__init__(pipeline)
        self.reports = SmartDeliveryReportsResource(self._pipeline)
        self.folders = SmartDeliveryFoldersResource(self._pipeline)

    @calls(SEED_PROVIDERS)
    def seed_providers(self) -> Pager[SeedRegion]:
        """Seed provider groups per region, to target in a test (``GET /spam-test/seed/
        providers``; one page). SmartLead's page shows one region object; an array of regions
        decodes too."""
        return self._pipeline.pager(SEED_PROVIDERS)

    @calls(CREATE_MANUAL_TEST)
    async def create_manual_test(
        self,
        *,
        confirm_cost: bool = False,
        test_name: str,
        campaign_id: int,
        sequence_mapping_id: int,
        provider_ids: Sequence[Key],
        sender_accounts: Sequence[str],
        description: str | None = None,
        folder_id: Key | None = None,
        spam_filters: bool = True,
        link_checker: bool = True,
        all_email_sent_without_time_gap: bool = False,
        min_time_between_emails: int | None = None,
        min_time_unit: TimeUnit = "minutes",
        is_warmup: bool = False,
        test_with_smartlead_account: bool | None = None,
        extra_fields: Mapping[str, JSON] | None = None,
    ) -> SpamTest:
        """Create a manual placement test (``POST /spam-test/manual``): the email of a
        campaign's sequence step goes from ``sender_accounts`` to the seed mailboxes of
        ``provider_ids`` (see :meth:`seed_providers`).

        **Spends seed credits and sends email**: refused unless ``confirm_cost=True``. Never
        retried after an ambiguous failure.

        The request body is **guessed**: SmartLead's page documents none. The keys are those of
        the page's example answer and of older clients (``test_name``, ``campaign_id``,
        ``sequence_mapping_id``, ``provider_ids``, ``sender_accounts``, ``spam_filters``,
        ``link_checker``, ``all_email_sent_without_time_gap``, ``min_time_btwn_emails``,
        ``min_time_unit``, ``is_warmup``); ``extra_fields`` adds keys verbatim.

        Args:
            confirm_cost: Must be ``True``.
            test_name: The test's name.
            campaign_id: The campaign whose email is tested.
            sequence_mapping_id: The sequence step (its email) of that campaign.
            provider_ids: Seed provider ids to send to.
            sender_accounts: Sending mailboxes (email addresses).
            min_time_between_emails: Gap between test emails (``min_time_btwn_emails``), in
                ``min_time_unit``; not sent when ``None``.
            test_with_smartlead_account: ``test_with_sl_account``; not sent when ``None``.
            extra_fields: Further body keys, sent as given (may not repeat a key set above).

        Raises:
            RequestValidationError: ``confirm_cost`` is not ``True``, or an argument is invalid
                (before anything is sent).
        """
        require_confirmation("confirm_cost", confirm_cost, _COST)
        body = _test_body(
            test_name=test_name,
            campaign_id=campaign_id,
            sequence_mapping_id=sequence_mapping_id,
            provider_ids=provider_ids,
            sender_accounts=sender_accounts,
            description=description,
            folder_id=folder_id,
            spam_filters=spam_filters,
            link_checker=link_checker,
            all_email_sent_without_time_gap=all_email_sent_without_time_gap,
            min_time_between_emails=min_time_between_emails,
            min_time_unit=min_time_unit,
            is_warmup=is_warmup,
            test_with_smartlead_account=test_with_smartlead_account,
        )
        return await self._pipeline.call(CREATE_MANUAL_TEST, json=_merged(body, extra_fields))

    @calls(CREATE_AUTOMATED_TEST)
    async def create_automated_test(
        self,
        *,
        confirm_cost: bool = False,
        test_name: str,
        campaign_id: int,
        sequence_mapping_id: int,
        provider_ids: Sequence[Key],
        sender_accounts: Sequence[str],
        start: Moment,
        end: Moment,
        every_days: int,
        timezone: str,
        days: Sequence[int],
        description: str | None = None,
        folder_id: Key | None = None,
        spam_filters: bool = True,
        link_checker: bool = True,
        all_email_sent_without_time_gap: bool = False,
        min_time_between_emails: int | None = None,
        min_time_unit: TimeUnit = "minutes",
        is_warmup: bool = False,
        test_with_smartlead_account: bool | None = None,
        extra_fields: Mapping[str, JSON] | None = None,
    ) -> SpamTest:
        """Create an automated (recurring) placement test (``POST /spam-test/schedule``).

        **Spends seed credits on every run and sends email**: refused unless
        ``confirm_cost=True``. Never retried after an ambiguous failure. Stop it with
        :meth:`stop_test`.

        The request body is **guessed** (SmartLead's page documents none): the keys of
        :meth:`create_manual_test`, plus ``schedule_start_time`` and ``test_end_date`` (from
        ``start``/``end``, full ISO timestamps), ``every_days``, ``tz`` and ``days``, as the
        page's example answer and older clients name them.

        Args:
            start: First run (a date counts as midnight UTC).
            end: When the runs end (a date counts as its last second, UTC).
            every_days: Days between runs, at least 1.
            timezone: IANA time zone of the schedule (``tz``).
            days: Weekdays to run on, ``0`` (Sunday, as in the cron value of SmartLead's
                example) to ``6``.

        Raises:
            RequestValidationError: ``confirm_cost`` is not ``True``, or an argument is invalid
                (before anything is sent).
        """
        require_confirmation("confirm_cost", confirm_cost, _COST)
        body = _test_body(
            test_name=test_name,
            campaign_id=campaign_id,
            sequence_mapping_id=sequence_mapping_id,
            provider_ids=provider_ids,
            sender_accounts=sender_accounts,
            description=description,
            folder_id=folder_id,
            spam_filters=spam_filters,
            link_checker=link_checker,
            all_email_sent_without_time_gap=all_email_sent_without_time_gap,
            min_time_between_emails=min_time_between_emails,
            min_time_unit=min_time_unit,
            is_warmup=is_warmup,
            test_with_smartlead_account=test_with_smartlead_account,
        )
        first, last = window(start, end, "datetime")
        body["schedule_start_time"] = first
        body["test_end_date"] = last
        body["every_days"] = require_int_range("every_days", every_days, 1)
        body["tz"] = require_timezone(timezone)
        body["days"] = _weekdays(days)
        return await self._pipeline.call(CREATE_AUTOMATED_TEST, json=_merged(body, extra_fields))

    @calls(GET_TEST)
    async def get_test(self, spam_test_id: Key) -> SpamTest:
        """One placement test's configuration and status (``GET /spam-test/{spamTestId}``)."""
        return await self._pipeline.call(
            GET_TEST, spam_test_id=require_key("spam_test_id", spam_test_id)
        )

    @calls(STOP_TEST)
    async def stop_test(self, spam_test_id: Key) -> SmartDeliveryMessage:
        """Stop a running automated test; its results are kept (``PUT /spam-test/{spamTestId}/
        stop``)."""
        return await self._pipeline.call(
            STOP_TEST, spam_test_id=require_key("spam_test_id", spam_test_id)
        )

    @calls(DELETE_TESTS)
    async def delete_tests(self, spam_test_ids: Sequence[Key]) -> SmartDeliveryMessage:
        """Delete placement tests (``POST /spam-test/delete``).

        The body is **guessed** (SmartLead's page documents none): ``{"spamTestIds": [...]}``,
        as older clients send it.
        """
        ids = require_keys("spam_test_ids", spam_test_ids)
        return await self._pipeline.call(DELETE_TESTS, json={"spamTestIds": list[JSON](ids)})

    @calls(LIST_TESTS)
    def list_tests(
        self,
        *,
        test_type: TestListType | None = None,
        offset: int = 0,
        limit: int = _TESTS_DEFAULT_LIMIT,
    ) -> Pager[SpamTestSummary]:
        """Placement tests, ``limit`` (1 to 100) per page (``POST /spam-test/report``, a read
        sent as a POST).

        The paging and filter are **guessed** (SmartLead's page documents no parameter):
        ``{"offset", "limit"}`` in the body and ``?testType=`` (``manual`` or ``schedule``), as
        older clients send them. The default page of 10 is the size those clients ask for; the
        walk ends at the first page shorter than ``limit``, so a server cap below ``limit``
        would end it early.
        """
        if test_type is not None and test_type not in TEST_LIST_TYPES:
            raise RequestValidationError(
                f"test_type must be one of {TEST_LIST_TYPES}, got {test_type!r}"
            )
        return self._pipeline.pager(
            LIST_TESTS, start=offset, limit=limit, query={"testType": test_type}
        )


def _flag(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise RequestValidationError(f"{name} must be True or False, got {value!r}")
    return value


def _test_body(
    *,
    test_name: str,
    campaign_id: int,
    sequence_mapping_id: int,
    provider_ids: Sequence[Key],
    sender_accounts: Sequence[str],
    description: str | None,
    folder_id: Key | None,
    spam_filters: bool,
    link_checker: bool,
    all_email_sent_without_time_gap: bool,
    min_time_between_emails: int | None,
    min_time_unit: TimeUnit,
    is_warmup: bool,
    test_with_smartlead_account: bool | None,
) -> dict[str, JSON]:
    # The keys both create routes share (docs/api-notes.md, Smart Delivery).
    if isinstance(sender_accounts, str) or not isinstance(sender_accounts, Sequence):
        raise RequestValidationError("sender_accounts must be a sequence of email addresses")
    if not sender_accounts:
        raise RequestValidationError("sender_accounts must name at least one mailbox")
    senders = list(
        dict.fromkeys(normalize_email(e, field="sender_accounts") for e in sender_accounts)
    )
    body: dict[str, JSON] = {
        "test_name": require_text("test_name", test_name),
        "campaign_id": require_id("campaign_id", campaign_id),
        "sequence_mapping_id": require_id("sequence_mapping_id", sequence_mapping_id),
        "provider_ids": list[JSON](require_keys("provider_ids", provider_ids)),
        "sender_accounts": list[JSON](senders),
        "spam_filters": _flag("spam_filters", spam_filters),
        "link_checker": _flag("link_checker", link_checker),
        "all_email_sent_without_time_gap": _flag(
            "all_email_sent_without_time_gap", all_email_sent_without_time_gap
        ),
        "is_warmup": _flag("is_warmup", is_warmup),
    }
    if description is not None:
        body["description"] = require_text("description", description)
    if folder_id is not None:
        body["folder_id"] = require_key("folder_id", folder_id)
    if min_time_between_emails is not None:
        if min_time_unit not in TIME_UNITS:
            raise RequestValidationError(
                f"min_time_unit must be one of {TIME_UNITS}, got {min_time_unit!r}"
            )
        body["min_time_btwn_emails"] = require_int_range(
            "min_time_between_emails", min_time_between_emails, 1
        )
        body["min_time_unit"] = min_time_unit
    if test_with_smartlead_account is not None:
        body["test_with_sl_account"] = _flag(
            "test_with_smartlead_account", test_with_smartlead_account
        )
    return body


def _weekdays(days: object) -> list[JSON]:
    if isinstance(days, str | bytes) or not isinstance(days, Sequence) or not days:
        raise RequestValidationError("days must be a non-empty sequence of weekdays 0..6")
    picked = [require_int_range("days", day, 0, 6) for day in days]
    return list[JSON](sorted(set(picked)))


def _merged(body: dict[str, JSON], extra_fields: Mapping[str, JSON] | None) -> dict[str, JSON]:
    if extra_fields is None:
        return body
    if not isinstance(extra_fields, Mapping) or not all(isinstance(k, str) for k in extra_fields):
        raise RequestValidationError("extra_fields must be a mapping of string keys")
    repeated = sorted(set(extra_fields) & set(body))
    if repeated:
        raise RequestValidationError(
            f"extra_fields repeats keys the method sets itself: {repeated}"
        )
    return {**body, **extra_fields}
