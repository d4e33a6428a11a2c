"""Seeded, reproducible fault injection for the fake server."""

from __future__ import annotations

import enum
import random
from collections.abc import Sequence

import attrs

__all__ = ["FaultKind", "Faults"]


class FaultKind(enum.Enum):
    """What can go wrong with one request.

    ``DROP`` closes the connection before the handler runs: nothing is applied, and the client
    cannot tell. ``LOST_RESPONSE`` runs the handler (state changes are committed), then closes the
    connection instead of answering: the case that loses or duplicates data in naive clients.
    """

    HTTP_500 = "500"
    HTTP_502 = "502"
    HTTP_503 = "503"
    HTTP_429 = "429"
    DROP = "drop"
    LOST_RESPONSE = "lost_response"

    @property
    def status(self) -> int | None:
        """The HTTP status answered for this fault, or ``None`` when no answer is sent."""
        return int(self.value) if self.value.isdigit() else None


def _share(_instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{attribute.name} must be in [0, 1], got {value!r}")


def _kinds(value: Sequence[FaultKind | str]) -> tuple[FaultKind, ...]:
    return tuple(FaultKind(kind) for kind in value)


@attrs.frozen
class Faults:
    """A share of requests that fail, and how.

    Args:
        rate: Share of requests (0 to 1) that get a fault.
        kinds: Faults to choose from, uniformly. Defaults to all of them.
    """

    rate: float = attrs.field(default=0.0, validator=_share)
    kinds: tuple[FaultKind, ...] = attrs.field(default=tuple(FaultKind), converter=_kinds)

    def __attrs_post_init__(self) -> None:
        if not self.kinds:
            raise ValueError("kinds must name at least one FaultKind")

    def pick(self, rng: random.Random) -> FaultKind | None:
        """Decide the fault of one request (``None``: serve it normally)."""
        if self.rate <= 0.0 or rng.random() >= self.rate:
            return None
        return rng.choice(self.kinds)
