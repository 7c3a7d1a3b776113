"""Whereby's ``precallPermissionHelpLink``, in Chromium: the embedder's help page, offered on
the pre-call screen when the camera and microphone are refused.

The ``chromium`` fixture's browser grants every page its devices without asking (a fake
permission prompt); these tests use one that asks, where the page's permission settings
refuse them, as a user's browser does after "Block".
"""

from __future__ import annotations

import pytest
from e2e_support import CHROMIUM, CHROMIUM_ARGS, LOOPBACK_ARG, RoomPage, poll, room_url

pytestmark = [pytest.mark.browser, pytest.mark.timeout(90)]


@pytest.fixture(scope="module")
def asking_chromium(playwright_driver):
    """Chromium that asks before it opens the (fake) camera and microphone, as a user's does:
    the ``chromium`` fixture grants every page both without asking, whatever the page's
    permission settings."""
    args = [arg for arg in CHROMIUM_ARGS if arg != "--use-fake-ui-for-media-stream"]
    browser = playwright_driver.chromium.launch(executable_path=str(CHROMIUM),
                                                args=[*args, LOOPBACK_ARG])
    yield browser
    browser.close()


def deny_devices(page: RoomPage, chromium, origin: str) -> None:
    """The user refused the camera and microphone to ``origin`` (in this page's context
    only), as a browser's site settings do: getUserMedia fails with NotAllowedError."""
    target = page.context.new_cdp_session(page.page)
    try:
        context_id = target.send("Target.getTargetInfo")["targetInfo"]["browserContextId"]
    finally:
        target.detach()
    browser = chromium.new_browser_cdp_session()
    try:
        for name in ("camera", "microphone"):
            browser.send("Browser.setPermission", {
                "permission": {"name": name}, "setting": "denied", "origin": origin,
                "browserContextId": context_id})
    finally:
        browser.detach()


HELP_JS = """
() => {
  const box = document.getElementById('precall-permission-help');
  const link = box && box.querySelector('a');
  if (!link) return null;
  return { shown: !!box.checkVisibility && box.checkVisibility(), href: link.href,
           rel: link.rel, target: link.target, text: link.textContent.trim() };
}
"""


@pytest.mark.parametrize("name", ["precallPermissionHelpLink", "precallPermissionsHelpLink"])
def test_permission_help_link_is_offered_when_the_devices_are_refused(
        fjord_server, asking_chromium, name: str) -> None:
    """Whereby's ``precallPermissionHelpLink`` ("custom help link in pre-call review step"),
    and ``precallPermissionsHelpLink``, the name its embed element passes, were ignored with
    a warning. With the camera and microphone refused, the pre-call screen now offers the
    link, opened in a new tab without an opener or a referrer."""
    meeting = fjord_server.create_meeting("normal")
    page = RoomPage(asking_chromium, "refused")
    try:
        deny_devices(page, asking_chromium, fjord_server.base_url)
        page.open(room_url(meeting["roomUrl"], displayName="Refused",
                           **{name: "https://help.example.test/devices?from=fjord"}))
        page.page.locator("#precall").wait_for()
        poll(lambda: (page.evaluate(HELP_JS) or {}).get("shown"), 15)
        assert page.fjord("micOn") is False and page.fjord("cameraOn") is False
        help_link = page.evaluate(HELP_JS)
        assert help_link["href"] == "https://help.example.test/devices?from=fjord", help_link
        assert set(help_link["rel"].split()) == {"noopener", "noreferrer"}, help_link
        assert help_link["target"] == "_blank" and help_link["text"], help_link
        assert not any(name in w for w in page.console_warnings), page.console_warnings
    finally:
        page.close()


def test_permission_help_link_is_only_https_and_only_when_needed(
        fjord_server, chromium, asking_chromium) -> None:
    """A help link that is not https (``javascript:``, ``http:``) is never put on the page:
    a console warning names the parameter. With the devices captured there is nothing to
    help with: the link is not shown."""
    meeting = fjord_server.create_meeting("normal")
    for value in ("javascript:alert(1)", "http://help.example.test/"):
        page = RoomPage(asking_chromium, "bad-link")
        try:
            deny_devices(page, asking_chromium, fjord_server.base_url)
            page.open(room_url(meeting["roomUrl"], displayName="Refused",
                               precallPermissionHelpLink=value))
            page.page.locator("#precall").wait_for()
            poll(lambda p=page: p.fjord("phase") == "precall", 15)
            help_link = page.evaluate(HELP_JS)
            assert help_link is None or (not help_link["shown"]
                                         and help_link["href"] == ""), (value, help_link)
            poll(lambda w=page.console_warnings: any(
                "precallPermissionHelpLink" in line and "https" in line for line in w), 5)
        finally:
            page.close()
    granted = RoomPage(chromium, "granted")
    try:
        granted.open(room_url(meeting["roomUrl"], displayName="Fine",
                              precallPermissionHelpLink="https://help.example.test/"))
        poll(lambda: granted.fjord("phase") == "precall", 15)
        assert granted.fjord("micOn") is True
        assert not granted.evaluate(HELP_JS)["shown"]
        assert granted.console_errors == []
    finally:
        granted.close()
