"""In-memory rate-limit counters that do not start a thread per request.

limits' MemoryStorage sweeps expired counters on a timer of 10 ms that it starts again on
nearly every hit, so under steady traffic each request paid for starting a thread, more than the
counting itself. A counter's expiry is also checked whenever it is read, so sweeping at most once
a second only frees memory a little later and changes no limit. (Pinned limits version: the
hook below is MemoryStorage's private __schedule_expiry.)
"""

from __future__ import annotations

import threading
import time

from limits.storage import MemoryStorage

#: The scheme create_app puts in place of memory:// (limits registers it by this name).
SCHEME = "cluneal-memory"
SWEEP_EVERY_SECONDS = 1.0


class SweptMemoryStorage(MemoryStorage):
    STORAGE_SCHEME = [SCHEME]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options):
        self._last_sweep = time.monotonic()
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    def _MemoryStorage__schedule_expiry(self) -> None:  # noqa: N802  (overrides the private hook)
        now = time.monotonic()
        if now - self._last_sweep >= SWEEP_EVERY_SECONDS and not self.timer.is_alive():
            self._last_sweep = now
            self.timer = threading.Timer(0.01, self._MemoryStorage__expire_events)
            self.timer.daemon = True
            self.timer.start()
