"""How often files that may change on disk (templates, static assets) are looked at again."""

from __future__ import annotations

import time
from collections.abc import Callable

RECHECK_SECONDS = 1.0


class Recheck:
    """Says when a file is due for another look on disk: at most once per `seconds` per name.

    Every page reads a few templates and assets; a stat of each on every request costs more than
    the rest of their lookup, while an edit is still picked up within a second.
    """

    def __init__(self, seconds: float = RECHECK_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds, self.clock = seconds, clock
        self.last: dict[str, float] = {}

    def due(self, name: str) -> bool:
        """True (and the look counted as taken now) when `name` was not looked at in the last `seconds`."""
        now = self.clock()
        last = self.last.get(name)
        if last is not None and now - last < self.seconds:
            return False
        self.last[name] = now
        return True
