"""How many script runs execute the app's Python code at the same time in one server process.

Streamlit runs each session's script in its own thread, and only one thread runs Python code at a time (the
GIL). With many sessions busy at once, every waiting thread wakes every 5 ms to ask for the GIL: at 15
overlapping runs that was ~15,000 futex calls a second, a quarter of a core of kernel time, and CPU caches
emptied by 5 ms slices of the other runs; a run cost ~290 ms of CPU instead of ~180 ms alone. A run waiting
here sleeps on a lock until its turn instead (first come, roughly first served), so a busy server spends its
CPU on the runs. VNGOV_PARALLEL_RUNS (default ``PARALLEL``, 1) sets how many run together; 0 = no limit. On this
2-core machine, 20 busy sessions: 1 at a time gave 5.3 runs/s (190 ms of CPU a run), 2 at a time 4.4, no limit ~3.7.

A run whose cost a visitor decides (checking an uploaded file: up to the upload limit, linear in its size)
steps ``aside()`` for that part: the slot goes to the next run meanwhile, so one visitor's large file does not
stall every other session, and the run queues again for a slot afterwards.
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager

PARALLEL = 1


def _limit() -> int:
    try:
        return max(0, int(os.environ.get("VNGOV_PARALLEL_RUNS", PARALLEL)))
    except ValueError:
        return PARALLEL


_SLOTS = threading.BoundedSemaphore(_limit()) if _limit() else None
_HELD = threading.local()  # .n: 1 while this thread holds a slot (a turn inside a turn takes no second one)


@contextmanager
def turn():
    """Hold one of the slots for the block (a script run): released however it ends (rerun, stop, error)."""
    if _SLOTS is None or getattr(_HELD, "n", 0):
        yield
        return
    _SLOTS.acquire()
    _HELD.n = 1
    try:
        yield
    finally:
        _HELD.n = 0
        _SLOTS.release()


@contextmanager
def aside():
    """Give this thread's slot to others for the block (if it holds one), then wait for a slot again."""
    if _SLOTS is None or not getattr(_HELD, "n", 0):
        yield
        return
    _HELD.n = 0
    _SLOTS.release()
    try:
        yield
    finally:
        _SLOTS.acquire()
        _HELD.n = 1
