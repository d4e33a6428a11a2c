"""Smart Delivery host routes: seed providers, test folders, placement tests and their reports."""

from __future__ import annotations

from smartlead_async.testing._json import JSON
from smartlead_async.testing.backend import joi
from smartlead_async.testing.backend.smart_delivery import REGION, SEED_PROVIDERS, FakeSpamTest
from smartlead_async.testing.routes._base import Call, Reply, rows_page

#: The test list's ``testType`` filter → the tests' own ``test_type``.
_LIST_TYPES = {"manual": "manual", "schedule": "automated"}
#: The test list's page when the body names none (the size older clients ask for).
_DEFAULT_LIMIT = 10


def _test(call: Call) -> FakeSpamTest:
    return call.state.smart_delivery.existing_test(call.params["spamTestId"])


def seed_providers(call: Call) -> Reply:
    groups: list[JSON] = [provider.to_wire() for provider in SEED_PROVIDERS.values()]
    return {"region_id": REGION[0], "region_name": REGION[1], "groups": groups}


def list_folders(call: Call) -> Reply:
    return [folder.to_wire(call.state.user_id) for folder in call.state.smart_delivery.values()]


def create_folder(call: Call) -> Reply:
    folder = call.state.smart_delivery.create_folder(call.text("name", "Folder"))
    return folder.to_wire(call.state.user_id)


def get_folder(call: Call) -> Reply:
    folder = call.state.smart_delivery.existing_folder(call.params["folderId"])
    return folder.to_wire(call.state.user_id)


def delete_folder(call: Call) -> Reply:
    call.state.smart_delivery.delete_folder(call.params["folderId"])
    return {"message": "Folder deleted successfully"}


def create_manual_test(call: Call) -> Reply:
    test = call.state.smart_delivery.create_test("manual", call.object())
    answer = test.to_wire(call.state.user_id)
    call.state.smart_delivery.finish_run(test)
    return answer


def create_automated_test(call: Call) -> Reply:
    test = call.state.smart_delivery.create_test("automated", call.object())
    return test.to_wire(call.state.user_id)


def get_test(call: Call) -> Reply:
    return _test(call).to_wire(call.state.user_id)


def stop_test(call: Call) -> Reply:
    call.state.smart_delivery.stop_test(call.params["spamTestId"])
    return {"message": "Test stopped successfully"}


def delete_tests(call: Call) -> Reply:
    call.state.smart_delivery.delete_tests(call.field("spamTestIds"))
    return {"message": "Tests deleted successfully"}


def list_tests(call: Call) -> Reply:
    # Paging in the body and the filter in the query, as the SDK sends them; the page
    # documents neither (docs/api-notes.md, Smart Delivery).
    name = call.query.get("testType")
    if name is not None and name not in _LIST_TYPES:
        raise joi('"testType" must be one of [manual, schedule]', "testType", source="query")
    offset, limit = call.number("offset"), call.number("limit")
    offset = 0 if offset is None else offset
    limit = _DEFAULT_LIMIT if limit is None else limit
    if offset < 0 or limit < 1:
        raise joi('"limit" must be at least 1 and "offset" at least 0', "limit")
    tests = call.state.smart_delivery.tests_of_type(_LIST_TYPES.get(name or ""))
    return rows_page([test.summary_row() for test in tests], offset, limit)


def by_provider(call: Call) -> Reply:
    return _test(call).placement_report("provider")


def by_region(call: Call) -> Reply:
    return _test(call).placement_report("region")


def by_sender(call: Call) -> Reply:
    return call.state.smart_delivery.sender_report(call.params["spamTestId"])


def sender_accounts(call: Call) -> Reply:
    return _test(call).sender_rows(call.state.user_id)


def spam_filters(call: Call) -> Reply:
    return _test(call).spam_filter_rows()


def dkim(call: Call) -> Reply:
    return _test(call).seed_check_rows("dkim_verified")


def spf(call: Call) -> Reply:
    return _test(call).seed_check_rows("spf_verified")


def rdns(call: Call) -> Reply:
    return _test(call).seed_check_rows("rdns_verified")


def domain_blacklist(call: Call) -> Reply:
    return _test(call).seed_check_rows("domain_blacklisted")


def ip_blacklist(call: Call) -> Reply:
    # The per-reply rows of one of the route's two pages (docs/api-notes.md, Smart Delivery).
    return _test(call).blacklist_rows()


def email_content(call: Call) -> Reply:
    return _test(call).email_content()


def sending_ips(call: Call) -> Reply:
    return _test(call).sending_ip_rows()


def schedule_history(call: Call) -> Reply:
    return _test(call).schedule_history()


def reply_headers(call: Call) -> Reply:
    return _test(call).reply_headers(call.params["replyId"])


def mailbox_summary(call: Call) -> Reply:
    return call.state.smart_delivery.mailbox_summary()


def mailbox_counts(call: Call) -> Reply:
    return call.state.smart_delivery.mailbox_counts()
