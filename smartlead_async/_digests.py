"""A compact set of email digests, for deduping inputs of millions of rows in flat memory."""

from __future__ import annotations

import array
import hashlib
import sys

_MASK = (1 << 64) - 1
#: Python's own string hash is a keyed 64-bit SipHash on 64-bit builds, cached on the string:
#: as good a digest as blake2b's for dedupe inside one process, at a fraction of the cost.
_WIDE_HASH = sys.hash_info.width >= 64


def email_digest(email: str) -> int:
    """A 64-bit digest of an (already normalised) email; collisions are ~1e-8 at 1M emails.

    The digest is this process's own (it changes between runs): compare it only with digests
    made by the same process.
    """
    if _WIDE_HASH:
        return hash(email) & _MASK
    return int.from_bytes(hashlib.blake2b(email.encode(), digest_size=8).digest(), "big")


class DigestSet:
    """A set of 64-bit digests in one flat array (open addressing, linear probing).

    A ``set[int]`` costs ~70 bytes a member (the int object plus its hash-table slot); this costs
    16 to 32 bytes, which is what keeps a million-row import's memory small.
    """

    def __init__(self, capacity: int = 1024) -> None:
        self._table = _empty(capacity)
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def __contains__(self, digest: object) -> bool:
        if not isinstance(digest, int):
            return False
        return self._table[_probe(self._table, digest or 1)] != 0

    def add(self, digest: int) -> bool:
        """Add ``digest``; False if it was already there. (0 and 1 count as one digest.)"""
        if not _insert(self._table, digest or 1):  # 0 marks an empty slot
            return False
        self._count += 1
        if self._count * 2 > len(self._table):
            # Rehash straight from the old array: listing the members first would cost the
            # ~40 bytes per int object this class exists to avoid.
            old, self._table = self._table, _empty(len(self._table) * 2)
            for held in old:
                if held:
                    _insert(self._table, held)
        return True


def _empty(capacity: int) -> array.array[int]:
    return array.array("Q", [0]) * (1 << max(capacity - 1, 1).bit_length())


def _probe(table: array.array[int], digest: int) -> int:
    """The slot holding ``digest``, or the empty slot where it would go."""
    mask = len(table) - 1
    slot = digest & mask
    while (held := table[slot]) != 0 and held != digest:
        slot = (slot + 1) & mask
    return slot


def _insert(table: array.array[int], digest: int) -> bool:
    slot = _probe(table, digest)
    if table[slot]:
        return False
    table[slot] = digest
    return True
