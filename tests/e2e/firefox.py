"""Firefox ESR for the end-to-end tests: start and stop, open a room page, run JavaScript,
read WebRTC stats; and a virtual X display for the one thing headless Firefox cannot do.

Debian's ``firefox-esr`` runs with a temporary profile of its own and is driven over
Marionette (PyPI ``marionette-driver``). Inside the loopback-only test namespace Firefox
gathers no ICE candidate at all while it is in its forced "default address only" mode; a
default camera/microphone permission lifts that mode, and ``media.peerconnection.ice.loopback``
lets it gather 127.0.0.1 host candidates. Fake devices stand in for camera and microphone.
Firefox has no fake screen: ``getDisplayMedia`` needs a real display, so a screen-sharing
Firefox runs (not headless) on an ``Xvfb`` display (:func:`xvfb_display`), where it
shares that display's screen without asking (``media.navigator.permission.disabled``).
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from e2e_support import Participant, poll

from tests.conftest import free_port, stop_process

FIREFOX = Path("/usr/bin/firefox-esr")
XVFB = Path("/usr/bin/Xvfb")

# user.js of every profile. The permissions and the fake devices make getUserMedia (and
# getDisplayMedia, on a display) answer without a prompt: there is no one to click it.
PREFS: dict[str, Any] = {
    "permissions.default.camera": 1,
    "permissions.default.microphone": 1,
    "media.navigator.permission.disabled": True,
    "media.navigator.streams.fake": True,
    "media.peerconnection.ice.loopback": True,
    # Remote tiles play (<video autoplay>) without a gesture on the page.
    "media.autoplay.default": 0,
}

# Chrome context: Firefox's own stats of every peer connection, WebrtcGlobalInformation's
# {"reports": [{"pcid", "transportStats", "inboundRtpStreamStats", ...}]}.
ALL_STATS_JS = """
const resolve = arguments[arguments.length - 1];
WebrtcGlobalInformation.getAllStats((stats) => resolve(JSON.parse(JSON.stringify(stats))));
"""

# Chrome context: the JavaScript errors (not warnings) the browser logged from scripts under
# the URL prefix arguments[0], as "message (source:line)".
SCRIPT_ERRORS_JS = """
const [prefix, resolve] = arguments;
const notErrors = Ci.nsIScriptError.warningFlag | Ci.nsIScriptError.infoFlag;
resolve((Services.console.getMessageArray() || [])
  .filter((m) => m instanceof Ci.nsIScriptError && !(m.flags & notErrors)
          && m.sourceName.startsWith(prefix))
  .map((m) => `${m.errorMessage} (${m.sourceName}:${m.lineNumber})`));
"""


class Firefox:
    """One Firefox ESR process with its own profile under ``workdir``, driven over Marionette.

    :param workdir: a fresh directory for the profile and Firefox's output (``firefox.log``).
    :param display: an X display (``":99"``) to run on instead of headless.
    :raises RuntimeError: Firefox did not open its Marionette port within 60 s.
    """

    def __init__(self, workdir: Path, display: str | None = None) -> None:
        from marionette_driver.marionette import Marionette

        self.profile = workdir / "profile"
        self.profile.mkdir(parents=True)
        self.log_path = workdir / "firefox.log"
        port = free_port()
        prefs = {**PREFS, "marionette.port": port}
        (self.profile / "user.js").write_text(
            "".join(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in prefs.items())
        )
        env = dict(os.environ)
        args = [str(FIREFOX), "-marionette", "-remote-allow-system-access", "-no-remote",
                "-profile", str(self.profile)]
        if display is None:
            args.append("-headless")
        else:
            env["DISPLAY"] = display
        with self.log_path.open("wb") as log:
            # Its own process group: close() ends Firefox's content processes with it.
            self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT,
                                            env=env, start_new_session=True)
        self.marionette = Marionette(host="127.0.0.1", port=port, startup_timeout=60)
        try:
            self.marionette.start_session({"acceptInsecureCerts": True})
        except Exception as exc:
            self.close()
            raise RuntimeError(f"Firefox did not start: {exc}\n"
                               + self.log_path.read_text(errors="replace")[-3000:]) from exc

    def run(self, script: str, *args: Any, timeout: float = 30) -> Any:
        """Run ``script`` (a function body; ``arguments`` holds ``args``) in the page itself
        (no sandbox: it sees the page's globals) and return its JSON-able result; a returned
        promise is awaited for at most ``timeout`` seconds."""
        return self.marionette.execute_script(
            script, script_args=args, sandbox=None, script_timeout=int(timeout * 1000)
        )

    def chrome(self, script: str, *args: Any, timeout: float = 15) -> Any:
        """Run ``script`` in the browser's chrome context (``Services``,
        ``WebrtcGlobalInformation``); an async script: it calls its last argument."""
        m = self.marionette
        with m.using_context(m.CONTEXT_CHROME):
            return m.execute_async_script(script, script_args=args,
                                          script_timeout=int(timeout * 1000))

    def webrtc_stats(self) -> list[dict[str, Any]]:
        """Firefox's own WebRTC stats, one report per peer connection."""
        return self.chrome(ALL_STATS_JS)["reports"]

    def script_errors(self, prefix: str) -> list[str]:
        """Uncaught JavaScript errors of scripts whose URL starts with ``prefix``."""
        return self.chrome(SCRIPT_ERRORS_JS, prefix)

    def int_pref(self, name: str) -> int:
        """The browser's value of the integer preference ``name``."""
        return self.chrome("arguments[1](Services.prefs.getIntPref(arguments[0]));", name)

    def close(self) -> None:
        """End the session, then the whole process group; the profile is deleted."""
        try:
            if self.marionette.session is not None:
                self.marionette.delete_session()
        except Exception:  # the browser may be gone already; it is ended below anyway
            pass
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        except ProcessLookupError:
            pass
        shutil.rmtree(self.profile, ignore_errors=True)


class FirefoxRoomPage(Participant):
    """One participant in Firefox: its own browser with the room page open.

    :raises AssertionError: the page did not set up ``window.fjord`` within 15 s.
    """

    def __init__(self, firefox: Firefox, name: str, url: str) -> None:
        self.firefox = firefox
        self.name = name
        parts = urllib.parse.urlsplit(url)
        self.origin = f"{parts.scheme}://{parts.netloc}/"
        firefox.marionette.navigate(url)
        poll(lambda: firefox.run("return window.fjord !== undefined"), 15)

    def evaluate(self, function: str, arg: Any = None) -> Any:
        return self.firefox.run(f"return ({function})(arguments[0]);", arg)

    @property
    def console_errors(self) -> list[str]:
        """Uncaught errors of the room page's own scripts (Chromium's pages record theirs
        from the console)."""
        return self.firefox.script_errors(self.origin)

    def click(self, selector: str) -> None:
        """Click the element at CSS ``selector`` as a user would (it counts as a user
        gesture, which ``getDisplayMedia`` requires)."""
        from marionette_driver.by import By

        self.firefox.marionette.find_element(By.CSS_SELECTOR, selector).click()


@contextmanager
def xvfb_display() -> Iterator[str]:
    """An ``Xvfb`` X server (1280x720, no TCP listener) for the time of the block; yields
    its display name (``":N"``, a free number Xvfb picked).

    :raises RuntimeError: Xvfb did not report a display within 15 s.
    """
    read_end, write_end = os.pipe()
    process = subprocess.Popen(
        [str(XVFB), "-displayfd", str(write_end), "-screen", "0", "1280x720x24",
         "-nolisten", "tcp"],
        pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], 15)
        number = os.read(read_end, 64).decode().strip() if ready else ""
        if not number.isdigit():
            raise RuntimeError("Xvfb reported no display within 15 s")
        yield f":{number}"
    finally:
        os.close(read_end)
        stop_process(process)

