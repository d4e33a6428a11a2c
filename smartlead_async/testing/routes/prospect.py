"""Prospect host routes (contact search): lookups, searches, fetched contacts and analytics.

Every answer is the host's envelope ``{"success", "message", "data"}``. Query values arrive as
strings matching the reference's patterns (``limit`` ``^[1-9][0-9]*$``, ``offset`` and ids
``^[0-9]+$``); the paged lookups add ``pagination{limit, offset, page, count}`` (``count``: the
rows of this page, docs/api-notes.md, Smart Senders and Prospect).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from smartlead_async.testing._json import JSON
from smartlead_async.testing.backend import joi
from smartlead_async.testing.backend.prospect import FakeSearch, ProspectStore
from smartlead_async.testing.routes._base import Call, Reply, rows_page

_RETRIEVED = "Data retrieved successfully"
_DIGITS = re.compile(r"^[0-9]+$")
_POSITIVE = re.compile(r"^[1-9][0-9]*$")
#: Page sizes of the paged lookups (default, most), of the unpaged ones and of search lists.
_LOOKUP_PAGE = (10, 100)
_LIST_DEFAULT = 100
_SEARCHES_DEFAULT = 10
_MAX_TEXT = 255


def _store(call: Call) -> ProspectStore:
    return call.state.prospect


def _query_int(call: Call, name: str, pattern: re.Pattern[str]) -> int | None:
    text = call.query.get(name)
    if text is None:
        return None
    if not pattern.match(text):
        message = (
            f'"{name}" with value "{text}" fails to match the required pattern: {pattern.pattern}'
        )
        raise joi(message, name, source="query")
    return int(text)


def _window(call: Call, default: int, most: int | None = None) -> tuple[int, int]:
    """offset/limit of the query (strings), within the route's bounds."""
    offset = _query_int(call, "offset", _DIGITS) or 0
    limit = _query_int(call, "limit", _POSITIVE) or default
    if most is not None and limit > most:
        raise joi(f'"limit" must be less than or equal to {most}', "limit", source="query")
    return offset, limit


def _search(call: Call, name: str = "search") -> str:
    """A text filter of the query, 1 to 255 characters ("" when absent)."""
    text = call.query.get(name)
    if text is None:
        return ""
    if not 1 <= len(text) <= _MAX_TEXT:
        message = f'"{name}" length must be between 1 and {_MAX_TEXT} characters'
        raise joi(message, name, source="query")
    return text


def _names(call: Call, name: str) -> list[str]:
    """A comma-separated query filter."""
    return [part.strip() for part in _search(call, name).split(",") if part.strip()]


def _ok(data: JSON, message: str = _RETRIEVED) -> dict[str, JSON]:
    return {"success": True, "message": message, "data": data}


def _paged(call: Call, rows: Sequence[JSON], **echo: JSON) -> Reply:
    offset, limit = _window(call, *_LOOKUP_PAGE)
    shown = rows_page(rows, offset, limit)
    pagination: dict[str, JSON] = {
        "limit": limit,
        "offset": offset,
        "page": offset // limit + 1,
        "count": len(shown),
    }
    return {**_ok(shown), "pagination": pagination, "search": call.query.get("search"), **echo}


def _listed(call: Call, rows: Sequence[JSON], message: str = _RETRIEVED) -> Reply:
    # Company names, domains, job titles and keywords: no pagination block, no maximum.
    offset, limit = _window(call, _LIST_DEFAULT)
    return _ok(rows_page(rows, offset, limit), message)


# Lookups.
def countries(call: Call) -> Reply:
    return _paged(call, _store(call).countries(_search(call)))


def states(call: Call) -> Reply:
    return _paged(call, _store(call).states(_search(call), _names(call, "country")))


def cities(call: Call) -> Reply:
    rows = _store(call).cities(_search(call), _names(call, "state"), _names(call, "country"))
    return _paged(call, rows)


def companies(call: Call) -> Reply:
    return _listed(call, _store(call).company_names(_search(call)))


def domains(call: Call) -> Reply:
    return _listed(call, _store(call).domains(_search(call)))


def departments(call: Call) -> Reply:
    return _paged(call, _store(call).departments(_search(call)))


def levels(call: Call) -> Reply:
    return _paged(call, _store(call).levels(_search(call)))


def industries(call: Call) -> Reply:
    nested = call.query.get("withSubIndustry", "false")
    if nested not in ("true", "false"):
        raise joi('"withSubIndustry" must be a boolean', "withSubIndustry", source="query")
    rows = _store(call).industries(_search(call), with_sub_industries=nested == "true")
    return _paged(call, rows)


def sub_industries(call: Call) -> Reply:
    industry_id = _query_int(call, "industry_id", _DIGITS)
    rows = _store(call).sub_industries(_search(call), industry_id)
    return _paged(call, rows, industry_id=industry_id)


def revenues(call: Call) -> Reply:
    return _ok(_store(call).revenues())


def head_counts(call: Call) -> Reply:
    return _paged(call, _store(call).head_counts(_search(call)))


def job_titles(call: Call) -> Reply:
    return _listed(call, _store(call).job_titles(_search(call)))


def keywords(call: Call) -> Reply:
    return _listed(call, _store(call).keywords(_search(call)), "Keywords retrieved successfully")


# Contacts.
def search_contacts(call: Call) -> Reply:
    page = _store(call).search_contacts(call.object())
    return _ok(page, "Contacts searched successfully")


def get_contacts(call: Call) -> Reply:
    return _ok(_store(call).get_contacts(call.object()))


def fetch_contacts(call: Call) -> Reply:
    return _ok(_store(call).fetch_contacts(call.object()))


def find_emails(call: Call) -> Reply:
    return _ok(_store(call).find_emails(call.rows("contacts")), "Find emails completed")


def review_contacts(call: Call) -> Reply:
    return _ok(_store(call).review(call.id("filter_id")), "Contacts reviewed successfully")


# Searches.
def _searches(call: Call, key: str, rows: Sequence[JSON]) -> Reply:
    offset, limit = _window(call, _SEARCHES_DEFAULT)
    return _ok({key: rows_page(rows, offset, limit), "totalCount": len(rows)})


def _wire(searches: Sequence[FakeSearch]) -> list[JSON]:
    return [search.to_wire() for search in searches]


def saved_searches(call: Call) -> Reply:
    return _searches(call, "savedSearches", _wire(_store(call).saved()))


def recent_searches(call: Call) -> Reply:
    return _searches(call, "recentSearches", _wire(_store(call).recent()))


def fetched_searches(call: Call) -> Reply:
    store = _store(call)
    rows: list[JSON] = [
        store.fetched_wire(search, call.state.user_id) for search in store.fetched_searches()
    ]
    return _searches(call, "fetchedLeads", rows)


def save_search(call: Call) -> Reply:
    _store(call).save_search(call.object())
    return {"success": True, "message": "Search saved successfully"}


def rename_saved_search(call: Call) -> Reply:
    _store(call).rename(call.id("id"), call.text("search_string"), fetched=False)
    return {"success": True, "message": "Saved search updated successfully"}


def rename_fetched_search(call: Call) -> Reply:
    _store(call).rename(call.id("id"), call.text("search_string"), fetched=True)
    return {"success": True, "message": "Fetched lead updated successfully"}


# Analytics.
def search_analytics(call: Call) -> Reply:
    filter_id = _query_int(call, "filter_id", _DIGITS)
    return _ok(_store(call).search_analytics(filter_id))


def reply_analytics(call: Call) -> Reply:
    # Replies land in the master inbox; the store counts those from emails it revealed.
    replies = ((c.email, c.last_reply_time) for c in call.state.conversations.values())
    return _ok(_store(call).reply_analytics(replies))
