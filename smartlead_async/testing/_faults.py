"""Seeded, reproducible fault injection for the fake server."""

from __future__ import annotations

import enum
import random
from collections.abc import Sequence

import attrs

__all__ = ["TRANSIENT_FAULTS", "FaultKind", "Faults"]


class FaultKind(enum.Enum):
    """What can go wrong with one request.

    ``DROP`` closes the connection before the handler runs: nothing is applied, and the client
    cannot tell. ``LOST_RESPONSE`` runs the handler (state changes are committed), then closes the
    connection instead of answering: the case that loses or duplicates data in naive clients.
    ``MAINTENANCE_PAGE`` answers 200 with an HTML page without running the handler (a proxy in
    front of the API). ``HANG`` never answers. Those two are only used when named: the default
    ``Faults.kinds`` are the transient faults a retry can get past.
    """

    HTTP_500 = "500"
    HTTP_502 = "502"
    HTTP_503 = "503"
    HTTP_429 = "429"
    DROP = "drop"
    LOST_RESPONSE = "lost_response"
    MAINTENANCE_PAGE = "maintenance_page"
    HANG = "hang"

    @property
    def status(self) -> int | None:
        """The HTTP status answered for this fault, or ``None`` when no answer is sent."""
        return int(self.value) if self.value.isdigit() else None


#: The faults a retry can get past: what ``Faults`` picks from unless told otherwise.
TRANSIENT_FAULTS = (
    FaultKind.HTTP_500,
    FaultKind.HTTP_502,
    FaultKind.HTTP_503,
    FaultKind.HTTP_429,
    FaultKind.DROP,
    FaultKind.LOST_RESPONSE,
)


def _share(_instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{attribute.name} must be in [0, 1], got {value!r}")


def _kinds(value: Sequence[FaultKind | str]) -> tuple[FaultKind, ...]:
    return tuple(FaultKind(kind) for kind in value)


@attrs.frozen
class Faults:
    """A share of requests that fail, and how.

    Attributes:
        rate: Share of requests (0 to 1) that get a fault.
        kinds: Faults to choose from, uniformly. Defaults to :data:`TRANSIENT_FAULTS`.
    """

    rate: float = attrs.field(default=0.0, validator=_share)
    kinds: tuple[FaultKind, ...] = attrs.field(default=TRANSIENT_FAULTS, converter=_kinds)

    def __attrs_post_init__(self) -> None:
        if not self.kinds:
            raise ValueError("kinds must name at least one FaultKind")

    def pick(self, rng: random.Random) -> FaultKind | None:
        """Decide the fault of one request (``None``: serve it normally)."""
        if self.rate <= 0.0 or rng.random() >= self.rate:
            return None
        return rng.choice(self.kinds)
