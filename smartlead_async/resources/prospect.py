"""``client.prospect``: contact search (SmartProspect) and the lookups its filters take.

Served by its own host, with its own base URL (``SmartleadClient(host_urls=...)``) and rate
gate (docs/api-notes.md, Authentication); paths are relative to the host's
``/api/v1/search-email-leads`` base. Every answer is an envelope ``{"success": ..., "message",
"data"}``; ``success: false`` raises ``OperationFailedError`` (docs/api-notes.md, Success bodies).
A bad key answers 401 ``{"statusCode": 401, "success": false, ...}``.

Two routes spend credits and ask for ``confirm_credits=True``: :meth:`ProspectResource.
fetch_contacts` and :meth:`ProspectResource.find_emails` (402 when the credits run out). The
filter lookups are ``client.prospect.lookups``, saved searches ``client.prospect.searches``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from smartlead_async._endpoints import Endpoint, Paging, Unwrap, calls, helper_of
from smartlead_async._hosts import Host
from smartlead_async._json import JSON
from smartlead_async._pagination import Pager
from smartlead_async._pipeline import Pipeline
from smartlead_async._validation import (
    require_confirmation,
    require_id,
    require_int_range,
    require_text,
)
from smartlead_async.errors import RequestValidationError
from smartlead_async.models.prospect import (
    Contact,
    ContactFilters,
    ContactSearchPage,
    ContactsPage,
    EmailQuery,
    FetchedContacts,
    FoundEmails,
    ReplyAnalytics,
    ReviewedContacts,
    SearchAnalytics,
)
from smartlead_async.resources._base import Resource
from smartlead_async.resources.prospect_lookups import ProspectLookupsResource
from smartlead_async.resources.prospect_searches import ProspectSearchesResource, filters_body

__all__ = [
    "CONTACTS_MAX_LIMIT",
    "CatchAllStatus",
    "ProspectResource",
    "VerificationStatus",
]

_HOST: Host = "prospect"
#: A search page holds 1 to 500 contacts; each filter takes at most 2,000 values.
SEARCH_MAX_LIMIT = 500
SEARCH_MAX_FILTER_VALUES = 2_000
#: Saved contacts are read 1 to 1,000 per page, or at most 200 by id.
CONTACTS_MAX_LIMIT = 1_000
CONTACTS_MAX_IDS = 200
#: One fetch spends credits on at most 10,000 contacts (30,000 on some accounts).
FETCH_MAX_CONTACTS = 30_000
FETCH_MAX_WINDOW = 1_000
#: One find-emails call takes 1 to 10 people.
FIND_EMAILS_MAX = 10

#: Email verification outcomes a saved-contacts read filters by.
VerificationStatus = Literal["valid", "catch_all", "invalid"]
VERIFICATION_STATUSES: tuple[VerificationStatus, ...] = ("valid", "catch_all", "invalid")
#: Catch-all verification outcomes a saved-contacts read filters by.
CatchAllStatus = Literal[
    "catch_all_verified",
    "catch_all_soft_bounced",
    "catch_all_hard_bounced",
    "catch_all_unknown",
    "catch_all_bounced",
]
CATCH_ALL_STATUSES: tuple[CatchAllStatus, ...] = (
    "catch_all_verified",
    "catch_all_soft_bounced",
    "catch_all_hard_bounced",
    "catch_all_unknown",
    "catch_all_bounced",
)

# A search only reads (it records a "recent search"): safe to repeat. Its cursor is a string
# (`scroll_id`), which Paging cannot carry, so the route answers one typed page per call.
SEARCH_CONTACTS = Endpoint(
    "POST",
    "search-contacts",
    ContactSearchPage,
    unwrap=Unwrap.DATA,
    idempotent=True,
    host=_HOST,
)
GET_CONTACTS = Endpoint(
    "POST",
    "get-contacts",
    ContactsPage,
    unwrap=Unwrap.DATA,
    idempotent=True,
    page=Paging(max_limit=CONTACTS_MAX_LIMIT, in_body=True),
    host=_HOST,
)
# Both spend credits: never repeated (docs/api-notes.md, Retries and idempotency).
FETCH_CONTACTS = Endpoint(
    "POST", "fetch-contacts", FetchedContacts, unwrap=Unwrap.DATA, idempotent=False, host=_HOST
)
FIND_EMAILS = Endpoint(
    "POST", "search-contacts/find-emails", FoundEmails, idempotent=False, host=_HOST
)
REVIEW_CONTACTS = Endpoint(
    "PATCH",
    "review-contacts/{filter_id}",
    ReviewedContacts,
    unwrap=Unwrap.DATA,
    idempotent=True,
    host=_HOST,
)
SEARCH_ANALYTICS = Endpoint(
    "GET", "search-analytics", SearchAnalytics, unwrap=Unwrap.DATA, host=_HOST
)
REPLY_ANALYTICS = Endpoint("GET", "reply-analytics", ReplyAnalytics, unwrap=Unwrap.DATA, host=_HOST)


def _one_of(name: str, value: str | None, known: Sequence[str]) -> str | None:
    if value is not None and value not in known:
        raise RequestValidationError(f"{name} must be one of {tuple(known)}, got {value!r}")
    return value


def _adapt_ids(name: str, values: object, *, max_count: int) -> list[JSON]:
    # Contact ("adapt") ids are strings such as "5f22b0c8cff47e0001616f81".
    if isinstance(values, str | bytes) or not isinstance(values, Sequence) or not values:
        raise RequestValidationError(f"{name} must be a non-empty sequence of contact ids")
    if len(values) > max_count:
        raise RequestValidationError(f"{name} takes at most {max_count} ids, got {len(values)}")
    return [require_text(name, value) for value in values]


class ProspectResource(Resource):
    """Prospect (SmartProspect): contact search and the lookups its filters take.

    Attributes:
        lookups: The values the filters take (``client.prospect.lookups``).
        searches: Saved, recent and fetched searches (``client.prospect.searches``).
    """

    def __init__(self, pipeline: Pipeline) -> None:
        super().__init__(pipeline)
        self.lookups = ProspectLookupsResource(self._pipeline)
        self.searches = ProspectSearchesResource(self._pipeline)

    @calls(SEARCH_CONTACTS)
    async def search_contacts(
        self,
        *,
        filters: ContactFilters | None = None,
        limit: int = 100,
        scroll_id: str | None = None,
    ) -> ContactSearchPage:
        """One page (1 to 500 contacts) of a search of the contact database.

        The answer's ``filter_id`` names the search for :meth:`get_contacts` and
        :meth:`fetch_contacts`. For the next page pass the answer's ``scroll_id`` back with the
        same filters; the cursor is a string, so this route answers one page per call rather
        than a pager. Searching spends no credits (emails are not revealed).
        """
        body: dict[str, JSON] = {"limit": require_int_range("limit", limit, 1, SEARCH_MAX_LIMIT)}
        body.update(filters_body(filters, max_values=SEARCH_MAX_FILTER_VALUES))
        if scroll_id is not None:
            body["scroll_id"] = require_text("scroll_id", scroll_id)
        return await self._pipeline.call(SEARCH_CONTACTS, json=body)

    @calls(GET_CONTACTS)
    def get_contacts(
        self,
        filter_id: int,
        *,
        search: str | None = None,
        verification_status: VerificationStatus | None = None,
        catch_all_status: CatchAllStatus | None = None,
        offset: int = 0,
        limit: int = CONTACTS_MAX_LIMIT,
    ) -> Pager[Contact]:
        """The saved contacts of a search, 1 to 1,000 per page (``offset``/``limit`` in the
        body; the answer's ``pagination.hasMore`` ends the walk)."""
        body: dict[str, JSON] = {
            "filter_id": require_id("filter_id", filter_id),
            "search": None if search is None else require_text("search", search),
            "verification_status": _one_of(
                "verification_status", verification_status, VERIFICATION_STATUSES
            ),
            "catch_all_status": _one_of("catch_all_status", catch_all_status, CATCH_ALL_STATUSES),
        }
        body = {key: value for key, value in body.items() if value is not None}
        return self._pipeline.pager(GET_CONTACTS, start=offset, limit=limit, json=body)

    @helper_of(GET_CONTACTS)
    async def get_contacts_by_id(self, contact_ids: Sequence[str]) -> ContactsPage:
        """Saved contacts by their (string) ids, at most 200, in one call.

        The route reads either by ids or by ``filter_id`` (:meth:`get_contacts`), never both.
        """
        body: dict[str, JSON] = {
            "id": _adapt_ids("contact_ids", contact_ids, max_count=CONTACTS_MAX_IDS)
        }
        return await self._pipeline.call(GET_CONTACTS, json=body)

    @calls(FETCH_CONTACTS)
    async def fetch_contacts(
        self,
        filter_id: int,
        *,
        contact_ids: Sequence[str] | None = None,
        limit: int | None = None,
        visual_limit: int | None = None,
        visual_offset: int | None = None,
        confirm_credits: bool = False,
    ) -> FetchedContacts:
        """**Spend credits** to reveal the emails of a search's contacts: the first ``limit``
        matches (1 to 10,000; 30,000 on some accounts), or the contacts ``contact_ids``.

        Pass exactly one of ``contact_ids`` and ``limit``. ``visual_limit`` (1 to 1,000,
        default 10) and ``visual_offset`` choose which fetched contacts the answer shows.
        Refused before sending unless ``confirm_credits=True``; never retried. A credit or limit
        failure may come back as 200 with ``success: false`` (``OperationFailedError``).
        """
        require_confirmation(
            "confirm_credits", confirm_credits, "fetch_contacts spends Prospect credits"
        )
        if (contact_ids is None) == (limit is None):
            raise RequestValidationError(
                "fetch_contacts takes exactly one of contact_ids and limit"
            )
        body: dict[str, JSON] = {"filter_id": require_id("filter_id", filter_id)}
        if contact_ids is not None:
            body["id"] = _adapt_ids("contact_ids", contact_ids, max_count=FETCH_MAX_CONTACTS)
        if limit is not None:
            body["limit"] = require_int_range("limit", limit, 1, FETCH_MAX_CONTACTS)
        if visual_limit is not None:
            body["visual_limit"] = require_int_range(
                "visual_limit", visual_limit, 1, FETCH_MAX_WINDOW
            )
        if visual_offset is not None:
            body["visual_offset"] = require_int_range("visual_offset", visual_offset, 0)
        return await self._pipeline.call(FETCH_CONTACTS, json=body)

    @calls(FIND_EMAILS)
    async def find_emails(
        self, *, contacts: Sequence[EmailQuery], confirm_credits: bool = False
    ) -> FoundEmails:
        """**Spend credits** to find the emails of 1 to 10 people by name and company domain.

        One row per person comes back, in order; ``status`` says ``Found`` or ``Not Found``.
        Refused before sending unless ``confirm_credits=True``; never retried. Out of credits
        answers 402
        (an :class:`~smartlead_async.APIStatusError` with ``status`` 402).
        """
        require_confirmation(
            "confirm_credits", confirm_credits, "find_emails spends Prospect credits"
        )
        if isinstance(contacts, str) or not isinstance(contacts, Sequence) or not contacts:
            raise RequestValidationError("contacts must be a non-empty sequence of EmailQuery")
        if len(contacts) > FIND_EMAILS_MAX:
            raise RequestValidationError(
                f"find_emails takes at most {FIND_EMAILS_MAX} contacts, got {len(contacts)}"
            )
        rows: list[JSON] = []
        for contact in contacts:
            if not isinstance(contact, EmailQuery):
                raise RequestValidationError("contacts must hold EmailQuery items")
            rows.append(
                {
                    "firstName": require_text("first_name", contact.first_name),
                    "lastName": require_text("last_name", contact.last_name),
                    "companyDomain": require_text("company_domain", contact.company_domain),
                }
            )
        return await self._pipeline.call(FIND_EMAILS, json={"contacts": rows})

    @calls(REVIEW_CONTACTS)
    async def review_contacts(self, filter_id: int) -> ReviewedContacts:
        """Re-sync the email metrics and statuses of a search's fetched contacts."""
        return await self._pipeline.call(
            REVIEW_CONTACTS, filter_id=require_id("filter_id", filter_id)
        )

    @calls(SEARCH_ANALYTICS)
    async def search_analytics(self, *, filter_id: int | None = None) -> SearchAnalytics:
        """Leads found, emails fetched and credits; with ``filter_id``, also one search's
        counters (``filter_data``)."""
        query = {"filter_id": None if filter_id is None else require_id("filter_id", filter_id)}
        return await self._pipeline.call(SEARCH_ANALYTICS, query=query)

    @calls(REPLY_ANALYTICS)
    async def reply_analytics(self) -> ReplyAnalytics:
        """Replies this month against last month."""
        return await self._pipeline.call(REPLY_ANALYTICS)
