"""Which row of an add-leads batch went where: attribution from counters, and read-back.

The add-leads answer names rows only for invalid emails (``invalid_emails``) and, on most
accounts, unsubscribed leads (``unsubscribed_leads`` as a list). Everything else is a count:
``upload_count`` → UPLOADED, ``already_added_to_campaign`` → ALREADY_IN_CAMPAIGN,
``duplicate_count`` → DUPLICATE_IN_INPUT, ``block_count`` → BLOCKED, ``bounce_count`` → BOUNCED,
``lead_import_stopped_count`` → NOT_SENT (lead credits exhausted). When the remaining rows of a
batch all fall in one bucket, each row gets that outcome. Otherwise the batch is *ambiguous*: its
rows are listed with the exact counts, because the answer does not say which row went where. Rows
the server acknowledged without counting them at all (a 200 with ``total_leads: 0``) are
UNCONFIRMED.

:func:`resolve` narrows an ambiguous batch with read-backs, cheapest first:

1. repeats inside the batch are DUPLICATE_IN_INPUT (no request);
2. rows whose email or domain is on the global block list are BLOCKED (the block list is read
   once per import, at most 1,000 entries a request);
3. rows whose email is in the campaign are UPLOADED, ALREADY_IN_CAMPAIGN or DUPLICATE_IN_INPUT,
   the others NOT_SENT, BOUNCED or UNCONFIRMED; membership is read by whichever costs fewer
   requests, one look-up per email (``GET /leads/?email=``) or the campaign's lead pages.

A step is applied only when its matches agree with the server's count exactly; what still cannot
be told apart (UPLOADED from ALREADY_IN_CAMPAIGN: both are in the campaign) stays an ambiguous
group with exact counts.
"""

from __future__ import annotations

import enum
from collections.abc import Awaitable, Callable, Iterable

import attrs

from smartlead_async._json import JSON
from smartlead_async.models.leads import AddLeadsResult

__all__ = ["AmbiguousBatch", "Membership", "RowOutcome", "RowResult", "attribute", "resolve"]


class RowOutcome(enum.StrEnum):
    """What happened to one input row.

    Final outcomes (:attr:`is_final`) will not change if the row is sent again: UPLOADED,
    ALREADY_IN_CAMPAIGN, DUPLICATE_IN_INPUT, INVALID, BLOCKED, BOUNCED, UNSUBSCRIBED. Open ones
    may: NOT_SENT (never sent, or lead credits ran out), FAILED (refused, not stored) and
    UNCONFIRMED (the last attempt may or may not have been stored).
    """

    UPLOADED = "uploaded"
    ALREADY_IN_CAMPAIGN = "already_in_campaign"
    DUPLICATE_IN_INPUT = "duplicate_in_input"
    INVALID = "invalid"
    BLOCKED = "blocked"
    BOUNCED = "bounced"
    UNSUBSCRIBED = "unsubscribed"
    NOT_SENT = "not_sent"
    FAILED = "failed"
    UNCONFIRMED = "unconfirmed"

    @property
    def is_final(self) -> bool:
        """True when sending the row again cannot change its outcome."""
        return self not in _OPEN


_OPEN = frozenset({RowOutcome.NOT_SENT, RowOutcome.FAILED, RowOutcome.UNCONFIRMED})
#: Outcomes whose email is in the campaign after the batch.
_IN_CAMPAIGN = frozenset(
    {RowOutcome.UPLOADED, RowOutcome.ALREADY_IN_CAMPAIGN, RowOutcome.DUPLICATE_IN_INPUT}
)


@attrs.frozen
class RowResult:
    """One input row that was not simply uploaded.

    Attributes:
        row: Position in the input, from 0.
        email: The row's email as given (``None`` when missing, or for rows never read back
            because the import had stopped).
        outcome: What happened.
        reason: Why, in words (validation message, server error, …).
    """

    row: int
    email: str | None
    outcome: RowOutcome
    reason: str = ""


@attrs.frozen
class AmbiguousBatch:
    """Rows whose individual outcomes the API does not reveal; ``counts`` is exact.

    Each row is listed as UNCONFIRMED, its reason naming the group's counts ("one of 2 uploaded,
    1 blocked"). :attr:`is_open` tells whether any of them may need to be sent again; when it is
    False every row is final, whichever outcome it had.
    """

    rows: tuple[RowResult, ...]
    counts: dict[RowOutcome, int]

    @property
    def is_open(self) -> bool:
        """True when some row of the group may have an open outcome."""
        return any(not outcome.is_final for outcome in self.counts)


@attrs.define  # not frozen: a frozen attrs class costs twice as much to build, once per row
class SentRow:
    """One row as sent: input position, the email as given, the wire form, and ``key``: the
    email SmartLead dedupes on (the wire's normalised email, case-folded), worked out once."""

    index: int
    email: str | None
    wire: dict[str, JSON]
    key: str = attrs.field(eq=False)

    @key.default
    def _key_of_wire(self) -> str:
        return str(self.wire.get("email", "")).lower()


#: What SmartLead's counter for each outcome means, as a row's reason.
_REASONS = {
    RowOutcome.ALREADY_IN_CAMPAIGN: "already in the campaign",
    RowOutcome.DUPLICATE_IN_INPUT: "same email earlier in the batch",
    RowOutcome.BLOCKED: "on the global block list (email or domain)",
    RowOutcome.BOUNCED: "bounced before",
    RowOutcome.UNSUBSCRIBED: "unsubscribed",
    RowOutcome.NOT_SENT: "lead credits exhausted",
    RowOutcome.UNCONFIRMED: "acknowledged, but not counted by SmartLead",
}

_COUNTERS = (
    ("upload_count", RowOutcome.UPLOADED),
    ("already_added_to_campaign", RowOutcome.ALREADY_IN_CAMPAIGN),
    ("duplicate_count", RowOutcome.DUPLICATE_IN_INPUT),
    ("block_count", RowOutcome.BLOCKED),
    ("bounce_count", RowOutcome.BOUNCED),
    ("lead_import_stopped_count", RowOutcome.NOT_SENT),
)


@attrs.define
class Attribution:
    """A batch mapped onto its rows: named outcomes, ambiguous groups, uploaded rows."""

    named: list[RowResult]
    ambiguous: list[AmbiguousBatch]
    uploaded_rows: list[SentRow]

    def extend(self, other: Attribution) -> None:
        """Add ``other``'s rows and groups to this one."""
        self.named += other.named
        self.ambiguous += other.ambiguous
        self.uploaded_rows += other.uploaded_rows


def attribute(batch: list[SentRow], response: AddLeadsResult) -> Attribution:
    """Map one add-leads answer onto the batch's rows (see the module docs)."""
    invalid = {email.lower() for email in response.invalid_emails}
    unsubscribed = {email.lower() for email in response.unsubscribed_emails}
    named: list[RowResult] = []
    remaining = batch  # the rows left to the counters: all of them unless some are named
    if invalid or unsubscribed:
        remaining = []
        for row in batch:
            if row.key in invalid:
                named.append(
                    RowResult(row.index, row.email, RowOutcome.INVALID, "refused by SmartLead")
                )
            elif row.key in unsubscribed:
                named.append(
                    RowResult(row.index, row.email, RowOutcome.UNSUBSCRIBED, "unsubscribed")
                )
            else:
                remaining.append(row)
    counts = {outcome: int(getattr(response, field)) for field, outcome in _COUNTERS}
    if not response.unsubscribed_emails:
        counts[RowOutcome.UNSUBSCRIBED] = response.unsubscribed_count
    counts = {outcome: count for outcome, count in counts.items() if count}
    counted = sum(counts.values())
    if counted != len(remaining):
        # Fewer: acknowledged but not counted (a 200 with total_leads 0). More: the counters
        # include rows named above, or are inconsistent; either way trust the rows we sent.
        shortfall = len(remaining) - counted
        counts = counts if shortfall > 0 else {}
        counts[RowOutcome.UNCONFIRMED] = shortfall if shortfall > 0 else len(remaining)
    result = Attribution(named, [], [])
    _settle(result, remaining, counts)
    return result


def _settle(result: Attribution, rows: list[SentRow], counts: dict[RowOutcome, int]) -> None:
    """Give ``rows`` their outcome when ``counts`` has one bucket; else keep them ambiguous."""
    if not rows:
        return
    if len(counts) <= 1:
        outcome = next(iter(counts), RowOutcome.UPLOADED)
        if outcome is RowOutcome.UPLOADED:
            result.uploaded_rows += rows
        else:
            result.named += [
                RowResult(row.index, row.email, outcome, _REASONS.get(outcome, "")) for row in rows
            ]
        return
    reason = "one of " + ", ".join(f"{n} {outcome.value}" for outcome, n in counts.items())
    unknown = tuple(RowResult(row.index, row.email, RowOutcome.UNCONFIRMED, reason) for row in rows)
    result.ambiguous.append(AmbiguousBatch(unknown, dict(counts)))


#: Reads the campaign's membership of some emails back: returns those that are in it.
Membership = Callable[[list[str]], Awaitable[set[str]]]
#: Reads the global block list (lower-cased emails and domains).
BlockList = Callable[[], Awaitable[frozenset[str]]]


async def resolve(
    result: Attribution,
    batch: Iterable[SentRow],
    *,
    block_list: BlockList,
    in_campaign: Membership,
) -> None:
    """Narrow every ambiguous group of ``result`` in place, with read-backs (module docs)."""
    by_index = {row.index: row for row in batch}
    for group in list(result.ambiguous):
        rows = [by_index[r.row] for r in group.rows]
        # Settled into a scratch result, merged only once every read-back answered: a read-back
        # that fails or is cancelled leaves the group exactly as it was.
        settled = Attribution([], [], [])
        await _resolve_group(settled, rows, dict(group.counts), block_list, in_campaign)
        result.ambiguous.remove(group)
        result.extend(settled)


async def _resolve_group(
    result: Attribution,
    rows: list[SentRow],
    counts: dict[RowOutcome, int],
    block_list: BlockList,
    in_campaign: Membership,
) -> None:
    if counts.get(RowOutcome.DUPLICATE_IN_INPUT):
        repeats = _repeats(rows)
        rows, counts = _peel(result, rows, counts, repeats, RowOutcome.DUPLICATE_IN_INPUT)
    if counts.get(RowOutcome.BLOCKED) and len(counts) > 1:
        entries = await block_list()
        hits = [row for row in rows if _blocked(row.key, entries)]
        rows, counts = _peel(result, rows, counts, hits, RowOutcome.BLOCKED)
    inside = {o: n for o, n in counts.items() if o in _IN_CAMPAIGN}
    if len(counts) > 1 and inside and len(inside) < len(counts):
        members = await in_campaign([row.key for row in rows])
        found = [row for row in rows if row.key in members]
        if len(found) == sum(inside.values()):
            outside = [row for row in rows if row.key not in members]
            _settle(result, found, inside)
            _settle(result, outside, {o: n for o, n in counts.items() if o not in _IN_CAMPAIGN})
            return
    _settle(result, rows, counts)


def _peel(
    result: Attribution,
    rows: list[SentRow],
    counts: dict[RowOutcome, int],
    hits: list[SentRow],
    outcome: RowOutcome,
) -> tuple[list[SentRow], dict[RowOutcome, int]]:
    """Give ``hits`` ``outcome`` when they match its count exactly; return what is left."""
    if len(hits) != counts[outcome]:
        return rows, counts
    taken = {row.index for row in hits}
    result.named += [
        RowResult(row.index, row.email, outcome, _REASONS.get(outcome, "")) for row in hits
    ]
    left = {o: n for o, n in counts.items() if o is not outcome}
    rest = [row for row in rows if row.index not in taken]
    if len(left) == 1:
        _settle(result, rest, left)
        return [], {}
    return rest, left


def _repeats(rows: list[SentRow]) -> list[SentRow]:
    """Rows whose email appeared earlier in ``rows`` (SmartLead keeps the first copy)."""
    seen: set[str] = set()
    repeats = []
    for row in rows:
        if row.key in seen:
            repeats.append(row)
        seen.add(row.key)
    return repeats


def _blocked(email: str, entries: frozenset[str]) -> bool:
    return email in entries or email.rpartition("@")[2] in entries
