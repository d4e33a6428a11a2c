"""Redis-backed sharing for many processes on one key (``pip install 'smartlead-async[redis]'``).

* :class:`RedisRateGate` / :func:`redis_rate_gate`: one rate gate for every process of a key;
* :class:`RedisDedupe`: webhook dedupe across workers (claim, complete, release).

Names are imported on first use, so that importing one does not load the other's dependencies.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from smartlead_async.redis._dedupe import RedisDedupe
    from smartlead_async.redis._gate import RedisRateGate, redis_rate_gate

__all__ = ["RedisDedupe", "RedisRateGate", "redis_rate_gate"]

_HOMES = {
    "RedisRateGate": "smartlead_async.redis._gate",
    "redis_rate_gate": "smartlead_async.redis._gate",
    "RedisDedupe": "smartlead_async.redis._dedupe",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
