"""DigestSet behaves as a set of 64-bit ints across growth, collisions and the zero digest."""

from __future__ import annotations

import random

from smartlead_async._digests import DigestSet, email_digest


def test_matches_a_python_set_through_many_growths() -> None:
    rng = random.Random(3)
    values = [rng.getrandbits(64) for _ in range(20_000)]
    values += values[:5_000]  # repeats
    values += [v & ~0xFFFF for v in values[:2_000]]  # same low bits: forces probing
    digests, reference = DigestSet(capacity=2), set[int]()
    for value in values:
        assert digests.add(value) is (value not in reference)
        reference.add(value)
    assert len(digests) == len(reference)


def test_zero_is_a_member_like_any_other() -> None:
    digests = DigestSet()
    assert digests.add(0) is True
    assert digests.add(0) is False
    assert len(digests) == 1


def test_email_digest_is_stable_and_spreads() -> None:
    assert email_digest("a@b.io") == email_digest("a@b.io")
    assert len({email_digest(f"p{i}@x.io") for i in range(10_000)}) == 10_000


def test_membership_without_adding() -> None:
    digests = DigestSet(capacity=4)
    members = [email_digest(f"m{i}@x.io") for i in range(1_000)]  # grows the table many times
    for digest in members:
        digests.add(digest)
    assert all(digest in digests for digest in members)
    assert sum(email_digest(f"o{i}@x.io") in digests for i in range(1_000)) == 0
    assert len(digests) == 1_000  # looking did not add
    assert "m1@x.io" not in digests  # only digests are members
