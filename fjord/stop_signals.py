"""How the server roles take the signals a service manager or a terminal sends.

From the first line of a role's command (:func:`startup_signals`) until its event loop
takes them over, SIGHUP is ignored and SIGTERM is remembered: start-up (data dir,
migrations, SFU worker processes) finishes whole, and the role then stops at once, exiting 0
as it does when stopped while running. A second SIGTERM during start-up ends it at once with
the signal's default (status 143). Before the command runs (interpreter start, imports) the
default holds too. Once running, SIGTERM and SIGINT go to :func:`graceful_stop`'s
event or, for the HTTPS roles, to uvicorn's servers (:func:`fjord.serve.stop_on_signals`).
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from types import FrameType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import uvicorn

_stop_requested = threading.Event()
"""A SIGTERM came while the role was starting."""


def startup_signals() -> None:
    """The first thing a server role does: SIGHUP ignored (a reload sent while it started
    ended it with "Hangup"), SIGTERM remembered (it ended it with "Terminated", status 143,
    and could cut off a worker process being spawned). Worker processes inherit the ignored
    SIGHUP and start with SIGTERM's default. Only the main thread may set them (a command
    invoked from another thread, as tests do, leaves them)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, _remember_stop)


def _remember_stop(signum: int, frame: FrameType | None) -> None:
    if _stop_requested.is_set():
        # The second: stop now, as the signal's default would (status 143; the SFU workers
        # follow, exit_with_parent). An exception raised here could be caught on its way
        # out of whatever start-up was doing.
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)
        return
    _stop_requested.set()


def stopped_while_starting() -> bool:
    """Whether a SIGTERM came before the role's loop took the signal over."""
    return _stop_requested.is_set()


def graceful_stop() -> asyncio.Event:
    """An event SIGTERM or SIGINT sets (a service manager's or a terminal's stop), for a role
    to close its sockets and exit 0 rather than die of the signal; already set when a
    SIGTERM came during start-up. Call it in the loop."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    if stopped_while_starting():
        stop.set()
    return stop


async def stop_when(event: asyncio.Event, servers: list[uvicorn.Server]) -> None:
    """Stop ``servers`` (requests in flight drain) once ``event`` is set: a failure that
    ends a running role (an SFU worker its supervisor gave up on, the node id taken by
    another process), as a SIGTERM would."""
    await event.wait()
    for server in servers:
        server.should_exit = True
