"""Tasks that run on their own after the code that started them has moved on."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import TypeVar

__all__ = ["Background"]

T = TypeVar("T")


class Background:
    """Holds the tasks it starts until they finish.

    The event loop keeps only weak references to tasks, so a task nobody holds can be collected
    before it ends; closing a connection or recording a webhook's completion must not vanish so.
    """

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[object]] = set()

    def start(self, work: Coroutine[object, object, T]) -> asyncio.Task[T]:
        """Run ``work`` in a task of the running loop, held until it is done."""
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def wait(self) -> None:
        """Wait for every task started so far (their errors are theirs to report)."""
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
