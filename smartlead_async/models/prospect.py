"""Prospect (SmartProspect) models: lookups, contacts, searches and analytics.

Every answer of the Prospect host is an envelope ``{"success": true, "message": ..., "data":
...}``; the paged lookups add ``pagination{limit, offset, page, count}`` beside ``data``.
Contact and search rows use camelCase keys (``firstName``); search records use snake_case
(``search_string``). The Python names are snake_case throughout.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import attrs

from smartlead_async._json import JSON
from smartlead_async._pagination import Envelope
from smartlead_async.models._base import Model, wire_name

__all__ = [
    "City",
    "CityPage",
    "CompanyDomain",
    "CompanyDomainPage",
    "CompanyName",
    "CompanyNamePage",
    "Contact",
    "ContactCompany",
    "ContactFilters",
    "ContactSearchPage",
    "ContactsPage",
    "ContactsPagination",
    "Country",
    "CountryPage",
    "Department",
    "DepartmentPage",
    "EmailQuery",
    "FetchDetails",
    "FetchMetrics",
    "FetchedContacts",
    "FetchedSearchesPage",
    "FoundEmail",
    "FoundEmails",
    "HeadCount",
    "HeadCountPage",
    "Industry",
    "IndustryPage",
    "JobTitle",
    "JobTitlePage",
    "Keyword",
    "KeywordPage",
    "Level",
    "LevelPage",
    "LookupPagination",
    "MonthlyReplies",
    "MonthlyTrend",
    "ProspectCredits",
    "RecentSearchesPage",
    "ReplyAnalytics",
    "Revenue",
    "RevenuePage",
    "ReviewedContacts",
    "SavedSearch",
    "SavedSearchesPage",
    "SearchAnalytics",
    "SearchTotals",
    "State",
    "StatePage",
    "SubIndustry",
    "SubIndustryPage",
]


@attrs.frozen(kw_only=True)
class _ProspectAnswer(Model):
    """The envelope flags every Prospect answer carries (``success: false`` raises before
    decoding: docs/api-notes.md, Success bodies)."""

    success: bool | None = None
    message: str | None = None


@attrs.frozen(kw_only=True)
class LookupPagination(Model):
    """The ``pagination`` block of a paged lookup. ``count`` is sent as the reference shows it;
    whether it counts the page or every match is not documented, so pagers do not use it."""

    limit: int | None = None
    offset: int | None = None
    page: int | None = None
    count: int | None = None


@attrs.frozen(kw_only=True)
class _LookupPage(_ProspectAnswer, Envelope):
    pagination: LookupPagination | None = None


@attrs.frozen(kw_only=True)
class Country(Model):
    """A country, as the lookup route lists it."""

    id: int | None = None
    country_name: str | None = None


@attrs.frozen(kw_only=True)
class State(Model):
    """A state or region, as the lookup route lists it."""

    id: int | None = None
    state_name: str | None = None


@attrs.frozen(kw_only=True)
class City(Model):
    """A city, as the lookup route lists it."""

    id: int | None = None
    city_name: str | None = None


@attrs.frozen(kw_only=True)
class Department(Model):
    """A department, as the lookup route lists it."""

    id: int | None = None
    department_name: str | None = None


@attrs.frozen(kw_only=True)
class Level(Model):
    """A seniority level, as the lookup route lists it."""

    id: int | None = None
    level_name: str | None = None


@attrs.frozen(kw_only=True)
class Industry(Model):
    """An industry, as the lookup route lists it (``sub_industry_list`` is filled only with
    ``with_sub_industries=True``)."""

    id: int | None = None
    industry_name: str | None = None
    sub_industry_list: tuple[SubIndustry, ...] = ()


@attrs.frozen(kw_only=True)
class SubIndustry(Model):
    """A sub-industry, as the lookup route lists it."""

    id: int | None = None
    sub_industry_name: str | None = None
    industry_id: int | None = None


@attrs.frozen(kw_only=True)
class HeadCount(Model):
    """A company-size range, such as ``11-50``, as the lookup route lists it."""

    id: int | None = None
    head_count: str | None = None


@attrs.frozen(kw_only=True)
class Revenue(Model):
    """A revenue range, such as ``$1M-$10M``, as the lookup route lists it."""

    id: int | None = None
    revenue: str | None = None


@attrs.frozen(kw_only=True)
class CompanyName(Model):
    """A company name, as the lookup route lists it."""

    company_name: str | None = None


@attrs.frozen(kw_only=True)
class CompanyDomain(Model):
    """A company domain, as the lookup route lists it."""

    domain_name: str | None = None


@attrs.frozen(kw_only=True)
class JobTitle(Model):
    """A job title, as the lookup route lists it."""

    job_title: str | None = None


@attrs.frozen(kw_only=True)
class Keyword(Model):
    """A company keyword, as the lookup route lists it."""

    keyword: str | None = None


@attrs.frozen(kw_only=True)
class CountryPage(_LookupPage):
    """A page of the Country lookup."""

    data: tuple[Country, ...] = ()

    @property
    def page_items(self) -> tuple[Country, ...]:
        """The rows of the page."""
        return self.data


@attrs.frozen(kw_only=True)
class StatePage(_LookupPage):
    """A page of the State lookup."""

    data: tuple[State, ...] = ()

    @property
    def page_items(self) -> tuple[State, ...]:
        """The rows of the page."""
        return self.data


@attrs.frozen(kw_only=True)
class CityPage(_LookupPage):
    """A page of the City lookup."""

    data: tuple[City, ...] = ()

    @property
    def page_items(self) -> tuple[City, ...]:
        """The rows of the page."""
        return self.data


@attrs.frozen(kw_only=True)
class DepartmentPage(_LookupPage):
    """A page of the Department lookup."""

    data: tuple[Department, ...] = ()

    @property
    def page_items(self) -> tuple[Department, ...]:
        """The rows of the page."""
        return self.data


@attrs.frozen(kw_only=True)
class LevelPage(_LookupPage):
    """A page of the Level lookup."""

    data: tuple[Level, ...] = ()

    @property
    def page_items(self) -> tuple[Level, ...]:
        """The rows of the page."""
        return self.data


@attrs.frozen(kw_only=True)
class IndustryPage(_LookupPage):
    """A page of the Industry lookup."""

    data: tuple[Industry, ...] = ()

    @property
    def page_items(self) -> tuple[Industry, ...]:
        """The rows of the page."""
        return self.data


@attrs.frozen(kw_only=True)
class SubIndustryPage(_LookupPage):
    """A page of the SubIndustry lookup."""

    data: tuple[SubIndustry, ...] = ()

    @property
    def page_items(self) -> tuple[SubIndustry, ...]:
        """The rows of the page."""
        return self.data


@attrs.frozen(kw_only=True)
class HeadCountPage(_LookupPage):
    """A page of the HeadCount lookup."""

    data: tuple[HeadCount, ...] = ()

    @property
    def page_items(self) -> tuple[HeadCount, ...]:
        """The rows of the page."""
        return self.data


@attrs.frozen(kw_only=True)
class RevenuePage(_ProspectAnswer, Envelope):
    """A page of the Revenue lookup."""

    data: tuple[Revenue, ...] = ()

    @property
    def page_items(self) -> tuple[Revenue, ...]:
        """The rows of the page."""
        return self.data


@attrs.frozen(kw_only=True)
class CompanyNamePage(_ProspectAnswer, Envelope):
    """A page of the CompanyName lookup."""

    data: tuple[CompanyName, ...] = ()

    @property
    def page_items(self) -> tuple[CompanyName, ...]:
        """The rows of the page."""
        return self.data


@attrs.frozen(kw_only=True)
class CompanyDomainPage(_ProspectAnswer, Envelope):
    """A page of the CompanyDomain lookup."""

    data: tuple[CompanyDomain, ...] = ()

    @property
    def page_items(self) -> tuple[CompanyDomain, ...]:
        """The rows of the page."""
        return self.data


@attrs.frozen(kw_only=True)
class JobTitlePage(_ProspectAnswer, Envelope):
    """A page of the JobTitle lookup."""

    data: tuple[JobTitle, ...] = ()

    @property
    def page_items(self) -> tuple[JobTitle, ...]:
        """The rows of the page."""
        return self.data


@attrs.frozen(kw_only=True)
class KeywordPage(_ProspectAnswer, Envelope):
    """A page of the Keyword lookup."""

    data: tuple[Keyword, ...] = ()

    @property
    def page_items(self) -> tuple[Keyword, ...]:
        """The rows of the page."""
        return self.data


# --- contacts --------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ContactCompany(Model):
    """The employer of a contact."""

    name: str | None = None
    website: str | None = None


@attrs.frozen(kw_only=True)
class Contact(Model):
    """A contact of the Prospect database (``id`` is its adapt id, a string).

    Search answers carry the profile; ``email``, ``verification_status`` and ``status`` are
    filled once the contact's email was fetched.
    """

    id: str | None = None
    first_name: str | None = attrs.field(default=None, metadata=wire_name("firstName"))
    last_name: str | None = attrs.field(default=None, metadata=wire_name("lastName"))
    full_name: str | None = attrs.field(default=None, metadata=wire_name("fullName"))
    title: str | None = None
    company: ContactCompany | None = None
    department: tuple[str, ...] = ()
    level: str | None = None
    industry: str | None = None
    sub_industry: str | None = attrs.field(default=None, metadata=wire_name("subIndustry"))
    company_head_count: str | None = attrs.field(
        default=None, metadata=wire_name("companyHeadCount")
    )
    company_revenue: str | None = attrs.field(default=None, metadata=wire_name("companyRevenue"))
    country: str | None = None
    state: str | None = None
    city: str | None = None
    address: str | None = None
    linkedin: str | None = None
    email: str | None = None
    email_deliverability: float | None = attrs.field(
        default=None, metadata=wire_name("emailDeliverability")
    )
    verification_status: str | None = attrs.field(
        default=None, metadata=wire_name("verificationStatus")
    )
    status: str | None = None


@attrs.frozen(kw_only=True)
class ContactSearchPage(Model):
    """One page of a contact search (``data`` of the answer).

    Attributes:
        contacts: The contacts of this page.
        scroll_id: The cursor of the next page: pass it back as ``scroll_id=`` with the same
            filters. A string, so this route has no :class:`~smartlead_async.Pager`.
        filter_id: The search's id, for ``client.prospect.get_contacts`` and
            ``client.prospect.fetch_contacts``.
        total_count: Every match of the search.
    """

    contacts: tuple[Contact, ...] = attrs.field(default=(), metadata=wire_name("list"))
    scroll_id: str | None = None
    filter_id: int | None = None
    total_count: int | None = None


@attrs.frozen(kw_only=True)
class ContactsPagination(Model):
    """The ``pagination`` block of the saved-contacts answer."""

    filter_id: int | None = attrs.field(default=None, metadata=wire_name("filterId"))
    limit: int | None = None
    offset: int | None = None
    total: int | None = None
    has_more: bool | None = attrs.field(default=None, metadata=wire_name("hasMore"))


@attrs.frozen(kw_only=True)
class ContactsPage(Model, Envelope):
    """A page of a search's saved contacts (``data`` of the get-contacts answer)."""

    contacts: tuple[Contact, ...] = attrs.field(default=(), metadata=wire_name("list"))
    pagination: ContactsPagination | None = None
    total_count: int | None = attrs.field(default=None, metadata=wire_name("totalCount"))

    @property
    def page_items(self) -> tuple[Contact, ...]:
        """The contacts."""
        return self.contacts

    @property
    def page_total(self) -> int | None:
        """``pagination.total``, else ``totalCount``."""
        total = self.pagination.total if self.pagination is not None else None
        return total if total is not None else self.total_count

    @property
    def page_has_more(self) -> bool | None:
        """``pagination.hasMore``."""
        return self.pagination.has_more if self.pagination is not None else None


@attrs.frozen(kw_only=True)
class FetchMetrics(Model):
    """Email-fetch counters of a search."""

    total_contacts: int | None = attrs.field(default=None, metadata=wire_name("totalContacts"))
    total_emails: int | None = attrs.field(default=None, metadata=wire_name("totalEmails"))
    no_email_found: int | None = attrs.field(default=None, metadata=wire_name("noEmailFound"))
    invalid_emails: int | None = attrs.field(default=None, metadata=wire_name("invalidEmails"))
    catch_all_emails: int | None = attrs.field(default=None, metadata=wire_name("catchAllEmails"))
    verified_emails: int | None = attrs.field(default=None, metadata=wire_name("verifiedEmails"))
    completed: int | None = None


@attrs.frozen(kw_only=True)
class FetchedContacts(Model):
    """The answer to fetching emails (``data``): a window of the fetched contacts and the
    fetch's counters."""

    contacts: tuple[Contact, ...] = attrs.field(default=(), metadata=wire_name("list"))
    total_count: int | None = None
    visual_limit: int | None = None
    visual_offset: int | None = None
    metrics: FetchMetrics | None = None


@attrs.frozen(kw_only=True)
class FoundEmail(Model):
    """One person of a find-emails call: ``email`` is empty when ``status`` is ``Not Found``."""

    first_name: str | None = attrs.field(default=None, metadata=wire_name("firstName"))
    last_name: str | None = attrs.field(default=None, metadata=wire_name("lastName"))
    company_domain: str | None = attrs.field(default=None, metadata=wire_name("companyDomain"))
    email: str | None = attrs.field(default=None, metadata=wire_name("email_id"))
    status: str | None = None
    verification_status: str | None = None


@attrs.frozen(kw_only=True)
class FoundEmails(_ProspectAnswer):
    """The answer to a find-emails call: one row per person asked for, in order."""

    data: tuple[FoundEmail, ...] = ()


@attrs.frozen(kw_only=True)
class FetchDetails(Model):
    """What fetching a search's emails produced."""

    metrics: FetchMetrics | None = None
    leads_found: int | None = None
    email_fetched: int | None = None
    catch_all_status_list: tuple[str, ...] = ()
    verification_status_list: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class ReviewedContacts(Model):
    """The answer to re-syncing a search's contacts (``data``)."""

    filter_id: int | None = None
    records_updated: int | None = None
    fetch_details: FetchDetails | None = None


# --- searches --------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class SavedSearch(Model):
    """A saved, recent or fetched search. ``filter_details`` holds the search's filters as
    sent (wire keys such as ``companyDomain``)."""

    id: int | None = None
    user_id: int | None = None
    search_string: str | None = None
    filter_details: JSON = None
    type: str | None = None
    include_owned: bool | None = None
    is_saved: bool | None = None
    is_fetched: bool | None = None
    fetch_details: FetchDetails | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class _SearchesPage(Model, Envelope):
    total_count: int | None = attrs.field(default=None, metadata=wire_name("totalCount"))

    @property
    def page_total(self) -> int | None:
        """``totalCount``."""
        return self.total_count


@attrs.frozen(kw_only=True)
class SavedSearchesPage(_SearchesPage):
    """A page of saved searches (``data`` of the answer)."""

    searches: tuple[SavedSearch, ...] = attrs.field(default=(), metadata=wire_name("savedSearches"))

    @property
    def page_items(self) -> tuple[SavedSearch, ...]:
        """The searches."""
        return self.searches


@attrs.frozen(kw_only=True)
class RecentSearchesPage(_SearchesPage):
    """A page of recent searches (``data`` of the answer)."""

    searches: tuple[SavedSearch, ...] = attrs.field(
        default=(), metadata=wire_name("recentSearches")
    )

    @property
    def page_items(self) -> tuple[SavedSearch, ...]:
        """The searches."""
        return self.searches


@attrs.frozen(kw_only=True)
class FetchedSearchesPage(_SearchesPage):
    """A page of searches whose emails were fetched (``data`` of the answer)."""

    searches: tuple[SavedSearch, ...] = attrs.field(default=(), metadata=wire_name("fetchedLeads"))

    @property
    def page_items(self) -> tuple[SavedSearch, ...]:
        """The searches."""
        return self.searches


# --- analytics -------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class MonthlyTrend(Model):
    """A counter this month against last month."""

    current: int | None = None
    previous_month: int | None = attrs.field(default=None, metadata=wire_name("previousMonth"))
    percentage_change: float | None = attrs.field(
        default=None, metadata=wire_name("percentageChange")
    )
    percentage_change_text: str | None = attrs.field(
        default=None, metadata=wire_name("percentageChangeText")
    )
    trend: str | None = None
    total: int | None = None


@attrs.frozen(kw_only=True)
class ProspectCredits(Model):
    """The account's email-fetch credits."""

    available: int | None = None
    total: int | None = None
    used: int | None = None


@attrs.frozen(kw_only=True)
class SearchTotals(Model):
    """Counters of one search (``filterData``, with ``filter_id=``)."""

    leads_found: int | None = attrs.field(default=None, metadata=wire_name("leadsFound"))
    emails_fetched: int | None = attrs.field(default=None, metadata=wire_name("emailsFetched"))


@attrs.frozen(kw_only=True)
class SearchAnalytics(Model):
    """Leads found, emails fetched and credits (``data`` of the search-analytics answer)."""

    leads_found: MonthlyTrend | None = attrs.field(default=None, metadata=wire_name("leadsFound"))
    emails_fetched: MonthlyTrend | None = attrs.field(
        default=None, metadata=wire_name("emailsFetched")
    )
    available_credits: ProspectCredits | None = attrs.field(
        default=None, metadata=wire_name("availableCredits")
    )
    leads_found_today: int | None = attrs.field(default=None, metadata=wire_name("leadsFoundToday"))
    filter_data: SearchTotals | None = attrs.field(default=None, metadata=wire_name("filterData"))
    max_daily_fetch_limit: int | None = attrs.field(
        default=None, metadata=wire_name("maxDailyFetchLimit")
    )
    max_single_fetch_limit: int | None = attrs.field(
        default=None, metadata=wire_name("maxSingleFetchLimit")
    )


@attrs.frozen(kw_only=True)
class MonthlyReplies(Model):
    """Replies of one month."""

    replied: int | None = None


@attrs.frozen(kw_only=True)
class ReplyAnalytics(Model):
    """Replies this month against last month (``data`` of the reply-analytics answer)."""

    current_month: MonthlyReplies | None = attrs.field(
        default=None, metadata=wire_name("currentMonth")
    )
    previous_month: MonthlyReplies | None = attrs.field(
        default=None, metadata=wire_name("previousMonth")
    )
    percentage_change: str | None = None
    trend: str | None = None


# --- request shapes --------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ContactFilters:
    """The filters of a contact search (and of a saved search), each a list of values (at most
    2,000 per filter on a search). ``None`` leaves a filter out.

    ``title``/``company_name``/``company_domain`` match partially unless the matching
    ``*_exact_match`` flag is set; ``include_*``/``exclude_*`` add or remove values;
    ``dont_display_owned_contact`` hides contacts the account already fetched.
    """

    name: Sequence[str] | None = None
    first_name: Sequence[str] | None = attrs.field(default=None, metadata=wire_name("firstName"))
    last_name: Sequence[str] | None = attrs.field(default=None, metadata=wire_name("lastName"))
    title: Sequence[str] | None = None
    exclude_title: Sequence[str] | None = attrs.field(
        default=None, metadata=wire_name("excludeTitle")
    )
    include_title: Sequence[str] | None = attrs.field(
        default=None, metadata=wire_name("includeTitle")
    )
    exclude_company: Sequence[str] | None = attrs.field(
        default=None, metadata=wire_name("excludeCompany")
    )
    exclude_company_domain: Sequence[str] | None = attrs.field(
        default=None, metadata=wire_name("excludeCompanyDomain")
    )
    include_company: Sequence[str] | None = attrs.field(
        default=None, metadata=wire_name("includeCompany")
    )
    include_company_domain: Sequence[str] | None = attrs.field(
        default=None, metadata=wire_name("includeCompanyDomain")
    )
    department: Sequence[str] | None = None
    level: Sequence[str] | None = None
    company_name: Sequence[str] | None = attrs.field(
        default=None, metadata=wire_name("companyName")
    )
    company_domain: Sequence[str] | None = attrs.field(
        default=None, metadata=wire_name("companyDomain")
    )
    company_keyword: Sequence[str] | None = attrs.field(
        default=None, metadata=wire_name("companyKeyword")
    )
    company_head_count: Sequence[str] | None = attrs.field(
        default=None, metadata=wire_name("companyHeadCount")
    )
    company_revenue: Sequence[str] | None = attrs.field(
        default=None, metadata=wire_name("companyRevenue")
    )
    company_industry: Sequence[str] | None = attrs.field(
        default=None, metadata=wire_name("companyIndustry")
    )
    company_sub_industry: Sequence[str] | None = attrs.field(
        default=None, metadata=wire_name("companySubIndustry")
    )
    city: Sequence[str] | None = None
    state: Sequence[str] | None = None
    country: Sequence[str] | None = None
    dont_display_owned_contact: bool | None = attrs.field(
        default=None, metadata=wire_name("dontDisplayOwnedContact")
    )
    title_exact_match: bool | None = attrs.field(
        default=None, metadata=wire_name("titleExactMatch")
    )
    company_exact_match: bool | None = attrs.field(
        default=None, metadata=wire_name("companyExactMatch")
    )
    company_domain_exact_match: bool | None = attrs.field(
        default=None, metadata=wire_name("companyDomainExactMatch")
    )


@attrs.frozen(kw_only=True)
class EmailQuery:
    """One person to find an email for: all three fields are required."""

    first_name: str = attrs.field(metadata=wire_name("firstName"))
    last_name: str = attrs.field(metadata=wire_name("lastName"))
    company_domain: str = attrs.field(metadata=wire_name("companyDomain"))
