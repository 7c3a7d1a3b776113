"""The meeting page's URL parameters as the link gives them (signaling/web/room-inputs.js,
``linkParameter``, and ``readLink`` for the room key), run under Node as
test_display_name_page.py runs the name rule.

Tester finding: a ``displayName`` or ``roomKey`` given twice was taken from its first
occurrence without a word, and a broken percent-encoding (``%E0%A4%A``) showed a replacement
character in the name. As the page already does for a value it cannot use (Whereby's name
rule: the pre-call screen says why and asks; ``externalId``, ``metadata``: a console warning
naming the parameter, docs/whereby-compatibility.md), such a parameter is not used and the
page says so, naming it; a ``roomKey`` that cannot be used stops the page before it joins
(room.js ``refuseLink``: with neither value nor without one, since the role is unknown).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

WEB = Path(__file__).parents[2] / "signaling" / "web"

NODE_READER = r"""
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const dir = process.argv[1];
const warnings = [];
console.warn = (...args) => warnings.push(args.join(' '));
let elements = {};  // what applyWherebyParams marks hidden, by id
globalThis.document = { getElementById: (id) => (elements[id] ??= { dataset: {} }) };
(async () => {
  const { linkParameter, readLink } = await import(`${dir}/room-inputs.js`);
  const { PrecallScreen } = await import(`${dir}/precall.js`);
  const { readWherebyParams, applyWherebyParams } = await import(`${dir}/whereby-params.js`);
  const out = cases.map((search) => {
    warnings.length = 0;
    elements = {};
    const params = new URLSearchParams(search);
    const whereby = readWherebyParams(search);
    const precall = new PrecallScreen({ whereby }, search);
    applyWherebyParams(params, search);
    return {
      displayName: (({ value, problem }) => ({ value, problem }))(
        linkParameter(search, 'displayName')),
      roomKey: (({ roomKey, roomKeyProblem }) => ({ value: roomKey, problem: roomKeyProblem }))(
        readLink({ pathname: '/room', search })),
      precall: { name: precall.displayName, refused: precall.nameRefused },
      externalId: whereby.externalId,
      metadata: whereby.metadata,
      avatarUrl: whereby.avatarUrl,
      on: {
        audio: precall.wantMic, video: precall.wantCamera, precallReview: !precall.skip,
        logo: whereby.logo, background: whereby.background,
        cameraAccess: whereby.cameraAccess,
      },
      timer: whereby.timer,
      lowData: whereby.lowData,
      chatDownload: whereby.chatDownload,
      callQualityMonitoring: whereby.callQualityMonitoring,
      permissionHelpLink: whereby.permissionHelpLink,
      reactions: whereby.reactions,
      emojiSkinTone: whereby.emojiSkinTone,
      audioConstraints: whereby.audioConstraints,
      highlightSpeaker: elements.grid?.dataset.highlightSpeaker ?? null,
      hidden: Object.keys(elements).filter((id) => elements[id].dataset.wherebyHidden)
        .sort(),
      warnings: [...warnings],
    };
  });
  console.log(JSON.stringify(out));
})();
"""

CASES = [
    "?displayName=Ada",
    "?displayName=Ada&displayName=Bob",
    "?displayName=%E0%A4%A",
    "?displayName=%E0%A4%A4",
    "?displayName=Ada+Lovelace",
    "?display%4Eame=Ada&displayName=Bo",
    "?displayName=50%",
    "?a=1&?displayName=x",
    "?displayName",
    "",
    "?roomKey=a.b.c",
    "?roomKey=a.b.c&roomKey=d.e.f",
    "?roomKey=a.b.c%E0",
    "?externalId=crm-1&externalId=crm-2&metadata=%FF",
    "?externalId=crm-1&metadata=a%20b",
    "?video=off&video=on&audio=on&audio=off&precallReview=off&precallReview=off",
    "?video=off&audio=off&precallReview=off&logo=off&background=off",
    "?logo=off&logo=off&background=on&background=off&cameraAccess=off&cameraAccess=on",
    "?chat=off&chat=on&people=off&leaveButton=on&leaveButton=off",
    "?minimal&minimal=off",
    "?minimal",
    "?video=of%66",
    "?autoHideSelfView",
    "?timer=on&timer=on&lowData=on&aec=off&aec=off&highlightActiveSpeaker=off"
    "&highlightActiveSpeaker=off&floatSelf&floatSelf",
    "?timer=on&agc=off&highlightActiveSpeaker=off",
    "?chatDownload=on&chatDownload=on&precallPermissionHelpLink=https://a.test/"
    "&precallPermissionHelpLink=https://b.test/",
    "?chatDownload=on&precallPermissionsHelpLink=https%3A%2F%2Fhelp.test%2Fcam",
    "?precallPermissionHelpLink=javascript:alert(1)&precallPermissionsHelpLink=https://b.test/",
    "?hideLegend&hideLegend=on",
    "?subgridLabels=off",
    "?subgridLabels=on",
    "?subgridLabels=yes",
    "?reactions=off&emojiSkinTone=medium-light",
    "?reactions=on&emojiSkinTone=default",
    "?reactions=off&reactions=off&emojiSkinTone=dark&emojiSkinTone=dark",
    "?reactions=no&emojiSkinTone=Medium",
    "?minimal&emojiSkinTone=%F0%9F%8F%BD",
    "?emptyRoomInvitation=off",
    "?emptyRoomInvitation=on&emptyRoomInvitation=nope",
    "?avatarUrl=https%3A%2F%2Fa.test%2Fada.png",
    "?avatarUrl=https://a.test/ada.png&avatarUrl=https://b.test/bo.png",
    "?callQualityMonitoring=off",
    "?callQualityMonitoring=on",
    "?callQualityMonitoring=off&callQualityMonitoring=off",
]
TWICE = "the link gives displayName 2 times"
BROKEN = "the link's displayName is not valid percent-encoded UTF-8"


@pytest.fixture(scope="module")
def read(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """What the page reads from each of CASES (the page's modules copied beside a
    package.json that makes them ES modules, as the browser loads them: all of them, so
    that a module importing another needs no change here)."""
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "Node.js is needed (Debian nodejs; make test installs it)"
    web = tmp_path_factory.mktemp("web") / "web"
    shutil.copytree(WEB, web, ignore=shutil.ignore_patterns("*.html", "*.css", "*.md"))
    (web / "package.json").write_text('{"type": "module"}')
    out = subprocess.run([node, "-e", NODE_READER, str(web)], input=json.dumps(CASES),
                         text=True, capture_output=True, timeout=30, check=True)
    return dict(zip(CASES, json.loads(out.stdout), strict=True))


@pytest.mark.parametrize(("search", "value", "problem"), [
    ("?displayName=Ada", "Ada", ""),
    ("?displayName=%E0%A4%A4", "\u0924", ""),
    ("?displayName=Ada+Lovelace", "Ada Lovelace", ""),
    ("?displayName", "", ""),
    ("", None, ""),
    ("?a=1&?displayName=x", None, ""),  # its key is "?displayName"
    ("?displayName=Ada&displayName=Bob", None, TWICE),
    ("?display%4Eame=Ada&displayName=Bo", None, TWICE),  # the same key, encoded
    ("?displayName=%E0%A4%A", None, BROKEN),
    ("?displayName=50%", None, BROKEN),
])
def test_a_parameter_is_read_once_and_whole(read: dict[str, dict], search: str,
                                            value: str | None, problem: str) -> None:
    assert read[search]["displayName"] == {"value": value, "problem": problem}


@pytest.mark.parametrize(("search", "problem"), [
    ("?displayName=Ada&displayName=Bob", TWICE),
    ("?displayName=%E0%A4%A", BROKEN),
])
def test_the_pre_call_screen_refuses_such_a_display_name_naming_it(
        read: dict[str, dict], search: str, problem: str) -> None:
    """Not the first value, nor a name with U+FFFD: no name, and the pre-call screen says
    why (``The name in the link cannot be used: <refused>. Enter another.``, also with
    precallReview=off), with a console warning naming the parameter."""
    assert read[search]["precall"] == {"name": "", "refused": problem}
    assert f"fjord: URL parameter displayName not used: {problem}" in read[search]["warnings"]


def test_a_usable_display_name_is_still_taken(read: dict[str, dict]) -> None:
    assert read["?displayName=Ada+Lovelace"]["precall"] == {"name": "Ada Lovelace",
                                                            "refused": ""}
    assert read["?displayName=%E0%A4%A4"]["precall"] == {"name": "\u0924", "refused": ""}


def test_a_room_key_given_twice_or_broken_is_not_used(read: dict[str, dict]) -> None:
    """room.js stops the page on such a problem (refuseLink) with a message naming
    ``roomKey``; a single key is read as given."""
    assert read["?roomKey=a.b.c"]["roomKey"] == {"value": "a.b.c", "problem": ""}
    assert read["?roomKey=a.b.c&roomKey=d.e.f"]["roomKey"] == {
        "value": None, "problem": "the link gives roomKey 2 times"}
    assert read["?roomKey=a.b.c%E0"]["roomKey"] == {
        "value": None, "problem": "the link's roomKey is not valid percent-encoded UTF-8"}


def test_external_id_and_metadata_follow_the_same_rule(read: dict[str, dict]) -> None:
    """Not used, with the console warning naming each, as a value of the wrong format."""
    page = read["?externalId=crm-1&externalId=crm-2&metadata=%FF"]
    assert (page["externalId"], page["metadata"]) == (None, None)
    assert page["warnings"] == [
        "fjord: URL parameter externalId not used: the link gives externalId 2 times",
        "fjord: URL parameter metadata not used: the link's metadata is not valid "
        "percent-encoded UTF-8"]
    fine = read["?externalId=crm-1&metadata=a%20b"]
    assert (fine["externalId"], fine["metadata"], fine["warnings"]) == ("crm-1", "a b", [])


ALL_ON = {"audio": True, "video": True, "precallReview": True, "logo": True,
          "background": True, "cameraAccess": True}


def test_an_on_off_parameter_given_twice_is_not_used(read: dict[str, dict]) -> None:
    """Tester finding: ``video=off&video=on`` took the first value (URLSearchParams.get)
    where the page refuses every other repeated parameter (linkParameter): which one the
    link meant is unknown. Now such a parameter is not used (the default, on), and a
    console warning names it, as for externalId and metadata."""
    page = read["?video=off&video=on&audio=on&audio=off&precallReview=off&precallReview=off"]
    assert page["on"] == ALL_ON
    assert page["warnings"] == [
        f"fjord: URL parameter {name} not used: the link gives {name} 2 times"
        for name in ("audio", "video", "precallReview")]
    page = read["?logo=off&logo=off&background=on&background=off&cameraAccess=off"
                "&cameraAccess=on"]
    assert page["on"] == ALL_ON and len(page["warnings"]) == 3


def test_a_repeated_parameter_hides_nothing(read: dict[str, dict]) -> None:
    page = read["?chat=off&chat=on&people=off&leaveButton=on&leaveButton=off"]
    assert page["hidden"] == ["people"]
    assert page["warnings"] == [
        f"fjord: URL parameter {name} not used: the link gives {name} 2 times"
        for name in ("chat", "leaveButton")]
    assert read["?minimal&minimal=off"]["hidden"] == []
    assert read["?minimal"]["hidden"] == ["chat", "diagnostics-button", "empty-room-invitation",
                                          "leave-button", "participant-count", "pip-button",
                                          "reactions", "screen-button", "settings-button"]


def test_on_off_parameters_given_once_still_apply(read: dict[str, dict]) -> None:
    page = read["?video=off&audio=off&precallReview=off&logo=off&background=off"]
    assert page["on"] == {**ALL_ON, "audio": False, "video": False, "precallReview": False,
                          "logo": False, "background": False}
    assert page["warnings"] == []
    assert read["?video=of%66"]["on"]["video"] is False  # as URLSearchParams decodes it


def test_auto_hide_self_view_without_float_self_is_named(read: dict[str, dict]) -> None:
    """Whereby: autoHideSelfView "must be used with floatSelf for this feature to work"."""
    assert read["?autoHideSelfView"]["warnings"] == [
        "fjord: URL parameter autoHideSelfView not used: it needs floatSelf"]


def test_the_newly_honoured_parameters_follow_the_same_rule(read: dict[str, dict]) -> None:
    """The parameters honoured since 2026-12-07 (timer, lowData, aec, agc, audioDenoiser,
    highlightActiveSpeaker and the flags) are read once too: given twice, not used."""
    page = read["?timer=on&timer=on&lowData=on&aec=off&aec=off&highlightActiveSpeaker=off"
                "&highlightActiveSpeaker=off&floatSelf&floatSelf"]
    assert (page["timer"], page["lowData"], page["audioConstraints"]) == (False, True, True)
    assert page["highlightSpeaker"] is None
    assert page["warnings"] == [
        f"fjord: URL parameter {name} not used: the link gives {name} 2 times"
        for name in ("aec", "highlightActiveSpeaker", "timer", "floatSelf")]
    page = read["?timer=on&agc=off&highlightActiveSpeaker=off"]
    assert (page["timer"], page["lowData"], page["highlightSpeaker"]) == (True, False, "off")
    assert page["audioConstraints"] == {"echoCancellation": True, "autoGainControl": False,
                                        "noiseSuppression": True}
    assert page["warnings"] == []


def test_chat_download_and_the_help_link_follow_the_same_rule(read: dict[str, dict]) -> None:
    """chatDownload and the pre-call help link (both names) are read once too: given twice,
    not used and named. The help link is https only: another is not used, and named, and the
    other name's link is taken instead."""
    page = read["?chatDownload=on&chatDownload=on&precallPermissionHelpLink=https://a.test/"
                "&precallPermissionHelpLink=https://b.test/"]
    assert (page["chatDownload"], page["permissionHelpLink"]) == (False, None)
    assert page["warnings"] == [
        f"fjord: URL parameter {name} not used: the link gives {name} 2 times"
        for name in ("precallPermissionHelpLink", "chatDownload")]
    page = read["?chatDownload=on&precallPermissionsHelpLink=https%3A%2F%2Fhelp.test%2Fcam"]
    assert (page["chatDownload"], page["permissionHelpLink"]) == (True, "https://help.test/cam")
    assert page["warnings"] == []
    page = read["?precallPermissionHelpLink=javascript:alert(1)"
                "&precallPermissionsHelpLink=https://b.test/"]
    assert page["permissionHelpLink"] == "https://b.test/"
    assert page["warnings"] == ["fjord: URL parameter precallPermissionHelpLink not used: "
                                "it must have an https:// URL"]


def test_hide_legend_follows_the_same_rule(read: dict[str, dict]) -> None:
    """hideLegend, taken as toolbarText=off since 2026-12-07, is read once too."""
    assert read["?hideLegend&hideLegend=on"]["warnings"] == [
        "fjord: URL parameter hideLegend not used: the link gives hideLegend 2 times"]


@pytest.mark.parametrize("search", ["?subgridLabels=off", "?subgridLabels=on"])
def test_subgrid_labels_are_taken_without_a_warning(read: dict[str, dict],
                                                    search: str) -> None:
    """subgridLabels asks for name labels in Whereby's subgrid: Fjord has none, and every
    tile of its one grid shows the name, so either value is already so (it was named as
    not supported). Another value is named as neither on nor off, as for the others."""
    assert read[search]["warnings"] == []
    assert read[search]["hidden"] == []
    assert read["?subgridLabels=yes"]["warnings"] == [
        "fjord: URL parameters neither on nor off, taken as on: subgridLabels"]


TONES = "default, light, medium-light, medium, medium-dark, dark"


def test_reactions_and_the_skin_tone_follow_the_same_rule(read: dict[str, dict]) -> None:
    """``reactions`` and ``emojiSkinTone``, honoured since 2026-12-07 (named as not supported
    before): ``reactions`` is on unless ``off``, read once; ``emojiSkinTone`` is one of
    Fjord's names of the Fitzpatrick tones (Whereby documents none), read once; another
    value of either is not used and named. ``minimal`` hides the Reactions button too."""
    page = read["?reactions=off&emojiSkinTone=medium-light"]
    assert (page["reactions"], page["emojiSkinTone"], page["warnings"]) == (
        False, "medium-light", [])
    page = read["?reactions=on&emojiSkinTone=default"]
    assert (page["reactions"], page["emojiSkinTone"], page["warnings"]) == (True, "default", [])
    page = read["?reactions=off&reactions=off&emojiSkinTone=dark&emojiSkinTone=dark"]
    assert (page["reactions"], page["emojiSkinTone"]) == (True, None)
    assert page["warnings"] == [
        f"fjord: URL parameter {name} not used: the link gives {name} 2 times"
        for name in ("emojiSkinTone", "reactions")]
    page = read["?reactions=no&emojiSkinTone=Medium"]
    assert (page["reactions"], page["emojiSkinTone"]) == (True, None)
    assert page["warnings"] == [
        f"fjord: URL parameter emojiSkinTone not used: it must have one of the values {TONES}",
        "fjord: URL parameters neither on nor off, taken as on: reactions"]
    page = read["?minimal&emojiSkinTone=%F0%9F%8F%BD"]  # the modifier itself: not a name
    assert page["emojiSkinTone"] is None and "reactions" in page["hidden"]
    assert page["warnings"] == [
        f"fjord: URL parameter emojiSkinTone not used: it must have one of the values {TONES}"]


def test_empty_room_invitation_off_hides_the_panel(read: dict[str, dict]) -> None:
    """Whereby's emptyRoomInvitation, shown unless off (Whereby's documentation gives no
    default), is an on/off parameter like the others."""
    assert read["?emptyRoomInvitation=off"]["hidden"] == ["empty-room-invitation"]
    assert read["?emptyRoomInvitation=off"]["warnings"] == []
    twice = read["?emptyRoomInvitation=on&emptyRoomInvitation=nope"]
    assert twice["hidden"] == [] and twice["warnings"] == [
        "fjord: URL parameter emptyRoomInvitation not used: the link gives "
        "emptyRoomInvitation 2 times"]


def test_avatar_url_is_read_once_and_left_to_the_server(read: dict[str, dict]) -> None:
    """The page sends avatarUrl as given (the server alone knows the allowed domains and
    checks it), unless the link gives it twice: which one was meant is unknown."""
    page = read["?avatarUrl=https%3A%2F%2Fa.test%2Fada.png"]
    assert (page["avatarUrl"], page["warnings"]) == ("https://a.test/ada.png", [])
    page = read["?avatarUrl=https://a.test/ada.png&avatarUrl=https://b.test/bo.png"]
    assert page["avatarUrl"] is None
    assert page["warnings"] == [
        "fjord: URL parameter avatarUrl not used: the link gives avatarUrl 2 times"]


def test_call_quality_monitoring_is_on_unless_off(read: dict[str, dict]) -> None:
    """Whereby's callQualityMonitoring (the meeting diagnostics) was named as not supported.
    It is on without the parameter (Whereby documents it as show/hide, with no default);
    ``off`` hides the Diagnostics button and panel (and the page makes no indicator: it
    reads no statistics); given twice, it is not used (so on) and named."""
    assert read[""]["callQualityMonitoring"] is True
    page = read["?callQualityMonitoring=on"]
    assert (page["callQualityMonitoring"], page["hidden"], page["warnings"]) == (True, [], [])
    page = read["?callQualityMonitoring=off"]
    assert page["callQualityMonitoring"] is False
    assert page["hidden"] == ["diagnostics", "diagnostics-button"]
    assert page["warnings"] == []
    page = read["?callQualityMonitoring=off&callQualityMonitoring=off"]
    assert (page["callQualityMonitoring"], page["hidden"]) == (True, [])
    assert page["warnings"] == ["fjord: URL parameter callQualityMonitoring not used: the link "
                                "gives callQualityMonitoring 2 times"]
