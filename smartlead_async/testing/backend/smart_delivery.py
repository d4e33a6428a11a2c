"""Smart Delivery (inbox-placement tests): seed providers, test folders, tests and their reports.

SmartLead's pages for this host document no request parameters: the keys read here are the
ones the SDK sends, named after the pages' example answers (docs/api-notes.md, Smart Delivery).

The fake delivers a test's email to every seed mailbox of its providers, from every sender,
when the test is created: one :class:`FakeSeedReply` per (sender, seed mailbox). Where each
reply lands, and how each sender fares in the DKIM, SPF, rDNS and blacklist checks, is derived
from the names alone (a CRC, not Python's per-process salted ``hash``): the same providers and
senders give the same reports on every run, and every report adds up the same replies.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import attrs

from smartlead_async.testing._json import JSON
from smartlead_async.testing.backend._common import Ids, Table, joi, now, record_id, refuse

__all__ = [
    "REGION",
    "SEED_PROVIDERS",
    "FakeSeed",
    "FakeSeedProvider",
    "FakeSeedReply",
    "FakeSpamTest",
    "FakeTestFolder",
    "FakeTestSender",
    "SmartDeliveryStore",
]

#: The one seed region the fake knows: (region_id, region_name).
REGION = ("na-1", "North America")
#: The fake runs each test once, when it is created, and delivers every seed email at once.
_RUN_DONE = "completed"
#: The create keys echoed in a test's answers as sent (the names of the pages' examples).
_ECHOED = (
    "description",
    "spam_filters",
    "link_checker",
    "campaign_id",
    "sequence_mapping_id",
    "all_email_sent_without_time_gap",
    "min_time_btwn_emails",
    "min_time_unit",
    "is_warmup",
    "test_with_sl_account",
)
_SCHEDULE_ECHOED = ("schedule_start_time", "test_end_date", "every_days")


def _score(*parts: object) -> int:
    """0..99, the same for the same parts on every run."""
    return zlib.crc32("|".join(map(str, parts)).encode()) % 100


@attrs.frozen
class FakeSeedProvider:
    """A group of seed mailboxes at one mailbox provider (``GET /spam-test/seed/providers``)."""

    group_id: str
    group_name: str
    domain: str
    seed_count: int

    @property
    def seeds(self) -> tuple[FakeSeed, ...]:
        """The group's seed mailboxes."""
        return tuple(
            FakeSeed(f"{self.group_id}_seed_{n}", f"seed{n}@{self.domain}", self)
            for n in range(1, self.seed_count + 1)
        )

    def to_wire(self) -> dict[str, JSON]:
        """The group object."""
        return {
            "group_id": self.group_id,
            "group_name": self.group_name,
            "provider_count": self.seed_count,
        }


@attrs.frozen
class FakeSeed:
    """One seed mailbox."""

    id: str
    email: str
    provider: FakeSeedProvider


#: The seed providers of :data:`REGION`, by group id.
SEED_PROVIDERS = {
    p.group_id: p
    for p in (
        FakeSeedProvider("gmail_na", "Gmail", "gmail.com", 3),
        FakeSeedProvider("outlook_na", "Outlook", "outlook.com", 2),
    )
}


@attrs.frozen
class FakeTestSender:
    """A sending mailbox of a test; its domain's checks are derived from the domain name."""

    id: int
    email: str

    @property
    def domain(self) -> str:
        """The address's domain."""
        return self.email.rpartition("@")[2]

    def passes(self, check: str) -> bool:
        """Whether the sender's domain passes ``check`` (``dkim``, ``spf``, ``rdns``): about
        nine domains in ten do."""
        return _score(self.domain, check) >= 10

    @property
    def authenticated(self) -> bool:
        """DKIM and SPF both pass."""
        return self.passes("dkim") and self.passes("spf")

    @property
    def domain_blacklisted(self) -> bool:
        """The sender's domain is on a blacklist (about one domain in twenty)."""
        return _score(self.domain, "domain-blacklist") < 5

    @property
    def ip(self) -> str:
        """The sending IP (from the documentation range 192.0.2.0/24), one per domain."""
        return f"192.0.2.{_score(self.domain, 'ip') + 1}"

    @property
    def ip_blacklisted(self) -> bool:
        """The sending IP is on Spamhaus (about one IP in ten)."""
        return _score(self.ip, "ip-blacklist") < 10

    def check(self, flag: str) -> bool:
        """A per-seed report's flag (``dkim_verified``, ``spf_verified``, ``rdns_verified``,
        ``domain_blacklisted``)."""
        return self.domain_blacklisted if flag == "domain_blacklisted" else self.passes(flag[:-9])


#: The flags of the per-seed check reports.
SEED_CHECKS = frozenset({"dkim_verified", "spf_verified", "rdns_verified", "domain_blacklisted"})


@attrs.frozen
class FakeSeedReply:
    """One seed mailbox's copy of a test email: where it landed and how long it took."""

    id: int
    sender: FakeTestSender
    seed: FakeSeed

    @property
    def placement(self) -> str:
        """``inbox``, ``tab`` or ``spam``; a sender failing DKIM or SPF lands in spam more."""
        score = _score(self.sender.email, self.seed.email) + (
            0 if self.sender.authenticated else 40
        )
        return "inbox" if score < 70 else "tab" if score < 85 else "spam"

    @property
    def delivery_seconds(self) -> int:
        """Seconds from send to the seed mailbox."""
        return 20 + _score(self.sender.email, self.seed.email, "delay")


def _counts(replies: Iterable[FakeSeedReply]) -> Counter[str]:
    return Counter(reply.placement for reply in replies)


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _rates(replies: Sequence[FakeSeedReply]) -> dict[str, float]:
    # A tab (Gmail's Promotions, say) is still the inbox: the rates, as in the pages' examples,
    # add up to 100 over inbox, spam and bounces (the fake's seeds never bounce).
    counts = _counts(replies)
    return {
        "inbox_rate": _percent(counts["inbox"] + counts["tab"], len(replies)),
        "spam_rate": _percent(counts["spam"], len(replies)),
        "bounce_rate": 0.0,
    }


def _tally(replies: Sequence[FakeSeedReply]) -> dict[str, int]:
    counts = _counts(replies)
    return {
        "inbox_count": counts["inbox"],
        "tab_count": counts["tab"],
        "spam_count": counts["spam"],
        "failed_count": 0,
        "total_email_count": len(replies),
    }


@attrs.frozen
class FakeTestFolder:
    """A folder of inbox-placement tests."""

    id: int
    name: str
    created_at: str = attrs.field(factory=now)

    def to_wire(self, user_id: int) -> dict[str, JSON]:
        """The folder object."""
        return {
            "id": self.id,
            "name": self.name,
            "user_id": user_id,
            "client_id": None,
            "created_at": self.created_at,
            "updated_at": self.created_at,
        }


@attrs.define
class FakeSpamTest:
    """An inbox-placement test, manual or automated (``test_type``), and what its run found.

    Attributes:
        settings: The create keys its answers echo, as sent (``None`` when not sent).
        scheduler_cron_value: An automated test's schedule, as a cron string.
    """

    id: int
    test_type: str
    test_name: str
    folder_id: int | None
    providers: tuple[FakeSeedProvider, ...]
    senders: tuple[FakeTestSender, ...]
    replies: tuple[FakeSeedReply, ...]
    settings: dict[str, JSON]
    scheduler_cron_value: str | None = None
    status: str = "active"
    created_at: str = attrs.field(factory=now)
    updated_at: str = attrs.field(default=attrs.Factory(lambda self: self.created_at, True))

    def to_wire(self, user_id: int) -> dict[str, JSON]:
        """The test, as its create and get routes answer it."""
        wire: dict[str, JSON] = {
            "id": self.id,
            "test_name": self.test_name,
            "test_type": self.test_type,
            "status": self.status,
            "folder_id": self.folder_id,
            **self.settings,
            "has_seed_mapping": True,
            "email_track_id": f"track_{self.id}",
            # The pages' examples name one provider; the test's first stands for them.
            "provider_id": self.providers[0].group_id,
            "client_id": None,
            "user_id": user_id,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }
        if self.test_type == "automated":
            wire["scheduler_cron_value"] = self.scheduler_cron_value
        return wire

    def summary_row(self) -> dict[str, JSON]:
        """The test's row in the test list; a manual test's one run starts when it is made."""
        return {
            "spam_test_id": self.id,
            "test_name": self.test_name,
            "test_type": self.test_type,
            "status": self.status,
            "schedule_start_time": self.settings.get("schedule_start_time", self.created_at),
            "test_end_date": self.settings.get("test_end_date"),
            "every_days": self.settings.get("every_days"),
            "current_test_run_no": 1,
        }

    def placement_report(self, by: str) -> dict[str, JSON]:
        """Placement by ``provider`` (each provider group) or ``region`` (the seed region)."""
        groups: dict[str, list[FakeSeedReply]] = {}
        for reply in self.replies:
            name = reply.seed.provider.group_name if by == "provider" else REGION[1]
            groups.setdefault(name, []).append(reply)
        result: list[JSON] = []
        for name, replies in groups.items():
            row: dict[str, JSON] = {
                by: name,
                **_rates(replies),
                "mailbox_count": len({reply.seed for reply in replies}),
            }
            if by == "provider":  # as in the pages' examples: the region rows have no times
                delays = [reply.delivery_seconds for reply in replies]
                row["avg_delivery_time_seconds"] = round(sum(delays) / len(delays))
            result.append(row)
        return {"overallTotalCount": len(self.replies), "status": _RUN_DONE, "result": result}

    def sender_rows(self, user_id: int) -> list[JSON]:
        """The test's sending accounts."""
        return [
            {
                "id": sender.id,
                "spam_test_id": self.id,
                "from_email": sender.email,
                "created_at": self.created_at,
                "updated_at": self.created_at,
                "client_id": None,
                "user_id": user_id,
            }
            for sender in self.senders
        ]

    def spam_filter_rows(self) -> list[JSON]:
        """Per sender, the providers' spam filters its spam placements tripped, and why (none
        when the test was made with ``spam_filters`` false)."""
        rows: list[JSON] = []
        for sender in self.senders:
            hits: list[JSON] = []
            for provider in self.providers if self.settings["spam_filters"] is not False else ():
                replies = [
                    r for r in self.replies if (r.sender, r.seed.provider) == (sender, provider)
                ]
                spam = _counts(replies)["spam"]
                if spam:
                    hits.append(
                        {
                            "filter": f"{provider.group_name} Spam Filter",
                            "triggered_count": spam,
                            "trigger_percentage": _percent(spam, len(replies)),
                            "reasons": _reasons(sender),
                        }
                    )
            rows.append({"from_email": sender.email, "spam_filter_details": hits})
        return rows

    def seed_check_rows(self, flag: str) -> list[JSON]:
        """Per sender and seed mailbox, one check's flag (see :data:`SEED_CHECKS`)."""
        if flag not in SEED_CHECKS:
            raise ValueError(f"unknown seed check {flag!r}")
        seeds = [seed for provider in self.providers for seed in provider.seeds]
        return [
            {
                "from_email": sender.email,
                "seed_accounts": [
                    {
                        "id": seed.id,
                        "email": seed.email,
                        "esp": seed.provider.group_name,
                        flag: sender.check(flag),
                    }
                    for seed in seeds
                ],
            }
            for sender in self.senders
        ]

    def blacklist_rows(self) -> list[JSON]:
        """Per seed reply, whether the sending IP is on Spamhaus."""
        return [
            {
                "reply_id": reply.id,
                "reply": {"from_email": reply.sender.email},
                "to_email": reply.seed.email,
                "domain": reply.seed.provider.domain,
                "blacklist_type_value": "spamhaus",
                "total_blacklist": int(reply.sender.ip_blacklisted),
                "rdns": f"mail.{reply.sender.domain}",
                "ip": reply.sender.ip,
                "details": (
                    f"IP {'' if reply.sender.ip_blacklisted else 'not '}listed on Spamhaus"
                ),
            }
            for reply in self.replies
        ]

    def email_content(self) -> dict[str, JSON]:
        """The email the test sent (made up from its name, campaign and sequence step)."""
        subject = self.test_name
        text = (
            f"The email of sequence step {self.settings['sequence_mapping_id']} "
            f"of campaign {self.settings['campaign_id']}."
        )
        html = f"<html><body><p>{text}</p></body></html>"
        raw = (
            f"From: {self.senders[0].email}\nSubject: {subject}\nContent-Type: text/html\n\n{html}"
        )
        return {
            "spamTest": self.id,
            "subject": subject,
            "text": text,
            "html": html,
            "rawEmailContent": raw,
        }

    def sending_ip_rows(self) -> list[JSON]:
        """The test's sending IPs (one per sender domain)."""
        by_ip = {sender.ip: sender for sender in self.senders}
        return [
            {
                "ip": ip,
                "blacklisted": sender.ip_blacklisted,
                "summary": (
                    "IP listed on Spamhaus"
                    if sender.ip_blacklisted
                    else "IP reputation is good with no blacklist listings"
                ),
                "whois_data": {
                    "isp": "Fake Hosting",
                    "location": "United States",
                    "reverse_dns": f"mail.{sender.domain}",
                    "organization": sender.domain,
                },
                "created_at": self.created_at,
            }
            for ip, sender in by_ip.items()
        ]

    def schedule_history(self) -> list[JSON]:
        """The test's runs (the fake's one run, made when the test was)."""
        counts = _tally(self.replies)
        return [
            {
                "spam_test_id": self.id,
                "test_run_no": 1,
                "status": _RUN_DONE,
                "inbox_count": counts["inbox_count"],
                "tab_count": counts["tab_count"],
                "spam_count": counts["spam_count"],
                "reply_hour_interval_start": 0,
                "reply_hour_interval_end": 24,
                "adjusted_total_email_count": len(self.replies),
            }
        ]

    def reply_headers(self, reply_id: str) -> dict[str, JSON]:
        """The raw headers of one seed reply, or a 404."""
        reply = next((r for r in self.replies if r.id == record_id(reply_id)), None)
        if reply is None:
            raise refuse(404, "Reply not found")
        sender, seed = reply.sender, reply.seed
        verdict = {check: "pass" if sender.passes(check) else "fail" for check in ("dkim", "spf")}
        received = dt.datetime.fromisoformat(self.created_at)
        return {
            "Return-Path": f"<{sender.email}>",
            "Received": (
                f"from mail.{sender.domain} ([{sender.ip}]) by mx.{seed.provider.domain} "
                f"with SMTP id {reply.id}; {email.utils.format_datetime(received)}"
            ),
            # Spelt as the page's example spells it, which SmartLead may send verbatim
            # (docs/api-notes.md, Smart Delivery); mail servers write ``Received-SPF``.
            "Reveived-Spf": f"{verdict['spf']} (domain of {sender.email}) client-ip={sender.ip};",
            "Authentication-Results": (
                f"mx.{seed.provider.domain}; dkim={verdict['dkim']} header.d={sender.domain}; "
                f"spf={verdict['spf']} smtp.mailfrom={sender.email}"
            ),
        }


def _reasons(sender: FakeTestSender) -> list[JSON]:
    """Why a sender's email was filtered: its failed checks, else its content."""
    failed: list[JSON] = [
        reason
        for reason, bad in (
            ("Missing DKIM signature", not sender.passes("dkim")),
            ("SPF check failed", not sender.passes("spf")),
            ("Sender domain blacklisted", sender.domain_blacklisted),
        )
        if bad
    ]
    return failed or ["Content flagged as promotional"]


def _text(body: Mapping[str, JSON], key: str) -> str:
    value = body.get(key)
    if value is None:
        raise joi(f'"{key}" is required', key)
    if not isinstance(value, str) or not value.strip():
        raise joi(f'"{key}" must be a non-empty string', key)
    return value


def _items(body: Mapping[str, JSON], key: str) -> list[JSON]:
    value = body.get(key)
    if value is None:
        raise joi(f'"{key}" is required', key)
    if not isinstance(value, list) or not value:
        raise joi(f'"{key}" must be a non-empty array', key)
    return value


def _providers(body: Mapping[str, JSON]) -> tuple[FakeSeedProvider, ...]:
    # Group ids of the seed-provider route; the SDK also takes numbers, which name none here.
    ids = _items(body, "provider_ids")
    unknown = [str(i) for i in ids if not (isinstance(i, str) and i in SEED_PROVIDERS)]
    if unknown:
        raise refuse(404, f"Seed provider not found: {', '.join(unknown)}")
    return tuple(SEED_PROVIDERS[i] for i in dict.fromkeys(i for i in ids if isinstance(i, str)))


def _senders(body: Mapping[str, JSON]) -> list[str]:
    addresses = _items(body, "sender_accounts")
    if not all(isinstance(a, str) and "@" in a for a in addresses):
        raise joi('"sender_accounts" must be an array of email addresses', "sender_accounts")
    return list(dict.fromkeys(a.strip().lower() for a in addresses if isinstance(a, str)))


def _cron(start: str, days: JSON) -> str:
    """The schedule as the page's example writes it (``0 10 * * 0``: minute, hour, weekdays)."""
    try:
        first = dt.datetime.fromisoformat(start)
    except ValueError:
        raise joi('"schedule_start_time" must be a valid date', "schedule_start_time") from None
    if not isinstance(days, list) or not days or not all(record_id(d) in range(7) for d in days):
        raise joi('"days" must be a non-empty array of weekdays 0..6', "days")
    weekdays = sorted({record_id(d) for d in days})
    return f"{first.minute} {first.hour} * * {','.join(str(d) for d in weekdays)}"


class SmartDeliveryStore(Table[int, FakeTestFolder]):
    """Test folders by id (the mapping) and placement tests by id (:attr:`tests`)."""

    def __init__(self, ids: Ids) -> None:
        super().__init__()
        self._ids = ids
        #: Placement tests by id, in the order they were made.
        self.tests: dict[int, FakeSpamTest] = {}

    def create_folder(self, name: str) -> FakeTestFolder:
        """A new folder."""
        folder = FakeTestFolder(self._ids(), name)
        self._rows[folder.id] = folder
        return folder

    def existing_folder(self, folder_id: JSON) -> FakeTestFolder:
        """A folder by id (a number, or its digits as text), or a 404."""
        folder = self._rows.get(record_id(folder_id))
        if folder is None:
            raise refuse(404, "Folder not found")
        return folder

    def delete_folder(self, folder_id: JSON) -> None:
        """Delete an empty folder (the page says so; a folder with tests is refused)."""
        folder = self.existing_folder(folder_id)
        if any(test.folder_id == folder.id for test in self.tests.values()):
            raise refuse(400, "Folder is not empty: delete or move its tests first")
        del self._rows[folder.id]

    def create_test(self, test_type: str, body: Mapping[str, JSON]) -> FakeSpamTest:
        """A new ``manual`` or ``automated`` test from a create body, run at once.

        Needs ``test_name``, ``provider_ids`` (group ids of :data:`SEED_PROVIDERS`; unknown
        ones are a 404) and ``sender_accounts``; an automated test also its
        ``schedule_start_time`` and ``days`` (its cron value). ``folder_id``, when sent, must
        name a folder.
        """
        name = _text(body, "test_name")
        providers = _providers(body)
        emails = _senders(body)
        folder = None if body.get("folder_id") is None else self.existing_folder(body["folder_id"])
        cron = None
        if test_type == "automated":
            cron = _cron(_text(body, "schedule_start_time"), body.get("days"))
        senders = tuple(FakeTestSender(self._ids(), address) for address in emails)
        replies = tuple(
            FakeSeedReply(self._ids(), sender, seed)
            for sender in senders
            for provider in providers
            for seed in provider.seeds
        )
        echoed = _ECHOED + (_SCHEDULE_ECHOED if test_type == "automated" else ())
        test = FakeSpamTest(
            id=self._ids(),
            test_type=test_type,
            test_name=name,
            folder_id=None if folder is None else folder.id,
            providers=providers,
            senders=senders,
            replies=replies,
            settings={key: body.get(key) for key in echoed},
            scheduler_cron_value=cron,
        )
        self.tests[test.id] = test
        return test

    def finish_run(self, test: FakeSpamTest) -> None:
        """Mark a manual test's one run finished: the fake delivers it at creation, so only the
        creation's own answer shows it active (as the create example does)."""
        test.status, test.updated_at = _RUN_DONE, now()

    def existing_test(self, test_id: JSON) -> FakeSpamTest:
        """A test by id (a number, or its digits as text), or a 404."""
        test = self.tests.get(record_id(test_id))
        if test is None:
            raise refuse(404, "Spam test not found")
        return test

    def stop_test(self, test_id: JSON) -> FakeSpamTest:
        """Stop an automated test (again: no change); its results stay. A manual test is
        refused: the page stops automated tests only."""
        test = self.existing_test(test_id)
        if test.test_type != "automated":
            raise refuse(400, "Only an automated test can be stopped")
        if test.status != "stopped":
            test.status, test.updated_at = "stopped", now()
        return test

    def delete_tests(self, test_ids: JSON) -> None:
        """Delete tests by id, all or none: one unknown id is a 404 and nothing is deleted."""
        if not isinstance(test_ids, list) or not test_ids:
            raise joi('"spamTestIds" must be a non-empty array', "spamTestIds")
        tests = [self.existing_test(test_id) for test_id in test_ids]
        for test in tests:
            self.tests.pop(test.id, None)

    def tests_of_type(self, test_type: str | None) -> list[FakeSpamTest]:
        """The tests, oldest first; only ``manual`` or ``automated`` ones when asked."""
        return [t for t in self.tests.values() if test_type in (None, t.test_type)]

    def sender_report(self, test_id: JSON) -> list[JSON]:
        """Per sender of one test, its placement over every test it sent in."""
        rows: list[JSON] = []
        for sender in self.existing_test(test_id).senders:
            tests = [t for t in self.tests.values() if sender.email in _emails(t)]
            replies = [r for t in tests for r in t.replies if r.sender.email == sender.email]
            rates = _rates(replies)
            details: dict[str, JSON] = {
                "sender_name": sender.email.partition("@")[0],
                "tests_count": len(tests),
                **{f"avg_{key}": value for key, value in rates.items()},
                "reputation_score": round(rates["inbox_rate"] / 10, 1),
                "last_test_date": max(t.created_at for t in tests),
            }
            rows.append({"email": sender.email, "details": details})
        return rows

    def mailbox_summary(self) -> list[JSON]:
        """Per sender and provider, placement over every test (the placement score counts the
        primary inbox only, as the page's example does)."""
        groups: dict[tuple[str, FakeSeedProvider], list[FakeSeedReply]] = {}
        for reply in self._replies():
            groups.setdefault((reply.sender.email, reply.seed.provider), []).append(reply)
        rows: list[JSON] = []
        for (address, provider), replies in groups.items():
            tally = _tally(replies)
            rows.append(
                {
                    "id": f"{provider.group_id}:{address}",
                    "from_email": address,
                    "esp": provider.group_name,
                    **tally,
                    "placement_score": _percent(tally["inbox_count"], len(replies)),
                }
            )
        return rows

    def mailbox_counts(self) -> dict[str, JSON]:
        """Placement totals over every test."""
        return {**_tally(list(self._replies()))}

    def _replies(self) -> Iterable[FakeSeedReply]:
        return (reply for test in self.tests.values() for reply in test.replies)


def _emails(test: FakeSpamTest) -> set[str]:
    return {sender.email for sender in test.senders}
