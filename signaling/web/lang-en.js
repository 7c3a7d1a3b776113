// English: the reference catalog of the meeting page's words (i18n.js). Every other
// lang-<code>.js has exactly these keys, and in each entry the same {placeholders}
// (tests/signaling/test_i18n_catalogs.py). An entry with plural forms is an object of the
// forms Intl.PluralRules names for the language (English: one, other), picked by {count}.
// A new string: add it here, use it by its key (room.html `data-i18n`, or `t`/`localize` in
// the script), and add it to every other catalog (signaling/web/README.md, "Languages").

export default {
  'page.title': 'Fjord meeting',
  'language.label': 'Language',

  // --- pre-call screen
  'precall.title': 'Ready to join?',
  'precall.room': 'Room',
  'precall.nameLabel': 'Your name',
  'precall.micOn': 'Mic on',
  'precall.micOff': 'Mic off',
  'precall.cameraOn': 'Camera on',
  'precall.cameraOff': 'Camera off',
  'precall.join': 'Join meeting',
  'precall.hintP2p': 'Your audio and video go straight to the other participants, encrypted; '
    + 'nothing is recorded.',
  'precall.hintSfu': 'Your audio and video are encrypted to the server, which forwards them '
    + 'to the other participants: it can read them but keeps nothing; nothing is recorded.',
  'precall.hintE2ee': 'Your audio and video are end-to-end encrypted: the server forwards '
    + 'them to the other participants but cannot read them; nothing is recorded.',
  'precall.cloudRecording': 'This meeting is recorded: the server records everyone\'s audio '
    + 'and video into a file in the organizer\'s storage. Recorded meetings are not '
    + 'end-to-end encrypted: the server reads the audio and video to record them.',
  'precall.permissionHelp': 'Camera or microphone not working?',
  'precall.permissionHelpLink': 'Get help with camera and microphone access',
  'precall.localRecording': 'This meeting may be recorded: a host can record it on their own '
    + 'device (nothing is recorded on the server).',
  'precall.viewer': 'You are joining as a viewer: your camera and microphone stay off.',
  'precall.enterName': 'Please enter your name.',
  'precall.linkNameRefused': 'The name in the link cannot be used: {reason}. Enter another.',
  'precall.nameRefused': 'This name cannot be used: {reason}.',
  // why a name or a link parameter cannot be used, put in as {reason}
  'reason.nameCharacters': 'a name cannot contain any of $ ! < > : ;',
  'reason.nameLength': 'a name has at most {max} characters',
  'reason.repeated': {
    one: 'the link gives {name} {count} time',
    other: 'the link gives {name} {count} times',
  },
  'reason.encoding': 'the link\'s {name} is not valid percent-encoded UTF-8',

  // --- knocking screen
  'waiting.title': 'Waiting for a host to let you in',
  'waiting.detail': 'This meeting is locked. You will join as soon as a host lets you in.',
  'common.leave': 'Leave',

  // --- the call
  'call.label': 'Meeting',
  'call.title': 'Meeting {room}',
  'call.participants': {
    one: '{count} participant',
    other: '{count} participants',
  },
  'call.timer': 'Time in the meeting',
  'call.connecting': 'Connecting\u2026',
  'call.reconnecting': 'Reconnecting\u2026',
  'call.e2ee': 'End-to-end encrypted. Safety code',
  'call.e2eeHint': '(the same on every screen, or someone is listening in)',
  'call.recording': 'Recording',
  'call.controls': 'Call controls',
  'call.mute': 'Mute',
  'call.unmute': 'Unmute',
  'call.stopCamera': 'Stop camera',
  'call.startCamera': 'Start camera',
  'call.shareScreen': 'Share screen',
  'call.stopSharing': 'Stop sharing',
  'call.lock': 'Lock room',
  'call.unlock': 'Unlock room',
  'call.record': 'Record',
  'call.stopRecording': 'Stop recording',
  'call.end': 'End meeting',
  'call.hearOthers': 'Click to hear the others',

  // --- dialogs
  'dialog.endTitle': 'End the meeting for everyone?',
  'dialog.endDetail': 'Everyone is sent out, and nobody can join this meeting again.',
  'dialog.cancel': 'Cancel',
  'dialog.recordingTitle': 'Start recording this meeting?',
  'dialog.recordingDetail': 'The server records everyone\'s audio and video into a file in the '
    + 'organizer\'s storage. Everyone sees that the meeting is being recorded.',
  'dialog.notNow': 'Not now',
  'dialog.startRecording': 'Start recording',

  // --- ended screen
  'ended.left': 'You left the meeting',
  'ended.notJoined': 'You did not join the meeting',
  'ended.stoppedWaiting': 'You stopped waiting before a host let you in.',
  'ended.leftBeforeJoining': 'You left before joining.',
  'ended.cannotJoin': 'Cannot join this meeting',
  'ended.meetingEnded': 'The meeting has ended',
  'ended.removed': 'You were removed from the meeting',
  'ended.noMeeting': 'No meeting here',
  'ended.noRoomName': 'The link has no room name. Check the link.',
  'ended.linkUnusable': 'This meeting link cannot be used: {reason}, so the role it gives is '
    + 'unclear. Open the link as it was given, or ask for a new one.',
  'ended.join': 'Join',
  'ended.joinAgain': 'Join again',
  'ended.askAgain': 'Ask to join again',
  'ended.tryAgain': 'Try again',

  // --- errors that end the session, by the server's error code (room-errors.js)
  'error.room_full': 'This meeting is full. Normal rooms hold at most 4 people.',
  'error.too_many_knocks': 'Too many people from your network are already waiting to be let '
    + 'into this meeting. Try again once a host has answered them.',
  'error.invalid_room_key': 'This meeting link is not valid (it may have expired). Ask for a '
    + 'new link.',
  'error.meeting_ended': 'This meeting has ended.',
  'error.room_not_found': 'This meeting does not exist. Check the link.',
  'error.knock_rejected': 'A host did not let you in.',
  'error.removed': 'A host removed you from the meeting.',
  'error.e2ee_required': 'This meeting is end-to-end encrypted and its settings changed since '
    + 'this page opened. Reload the page to join.',
  'error.e2ee_unavailable': 'This meeting is no longer end-to-end encrypted, so this page did '
    + 'not join it. Reload the page to join without end-to-end encryption.',
  'error.e2ee_unsupported': 'This meeting is end-to-end encrypted, and this browser cannot '
    + 'encrypt audio and video (it lacks WebRTC encoded transforms). Join from a current '
    + 'Chromium-based browser or Firefox.',
  'error.join_refused': 'The meeting server refused to let you join. Check the link, or ask '
    + 'for a new one.',
  'error.name_refused': 'Your name cannot be used. A name must not be blank, must not contain '
    + 'control characters, bidirectional overrides or any of $ ! < > : ;, and has at most 100 '
    + 'characters.',

  // --- passing notices, by error code where the server sent one
  'notice.sfu_error': 'The media server could not set up your audio and video. Try leaving '
    + 'and joining again.',
  'notice.publish_failed': 'Your audio and video could not be sent. Try leaving and joining '
    + 'again.',
  'notice.subscribe_failed': 'The others\u2019 audio and video could not be received. Try '
    + 'rejoining.',
  'notice.rate_limited': 'Too many actions at once; some were ignored.',
  'notice.forbidden': 'Only hosts can do that.',
  'notice.chat_disabled': 'Chat is turned off in this meeting.',
  'notice.unavailable': 'The meeting server is busy. Retrying\u2026',
  'notice.media_lost': 'The media connection was lost. Reconnecting\u2026',
  'notice.transport_failed': 'The connection to the meeting was lost. Reconnecting\u2026',
  'notice.muted': 'A host muted your microphone. You can unmute yourself.',

  // --- camera, microphone and screen (media.js)
  'media.screenRefused': 'Screen sharing was cancelled or refused.',
  'media.screenFailed': 'The screen could not be shared.',
  'media.denied': 'Camera or microphone access was refused. You can still join and see the '
    + 'others.',
  'media.notFound': 'No camera or microphone was found.',
  'media.inUse': 'The camera or microphone is in use by another application.',
  'media.failed': 'The camera or microphone could not be started.',

  // --- said to screen readers (room.js announce)
  'announce.someone': 'Someone',
  'announce.joined': '{name} joined',
  'announce.left': '{name} left',
  'announce.knocking': '{name} is waiting to be let in',
  'announce.sharing': 'You are sharing your screen',
  'announce.sharingOff': 'Screen sharing off',
  'announce.micOn': 'Microphone on',
  'announce.micOff': 'Microphone off',
  'announce.cameraOn': 'Camera on',
  'announce.cameraOff': 'Camera off',
  'announce.recording': 'This meeting is being recorded',
  'announce.recordingStopped': 'The recording stopped',
  'announce.safetyCode': 'The safety code changed: compare it with the others again',
  'announce.soundBlocked': 'The browser blocked the sound: press "{button}"',
  'announce.undecryptable': 'Cannot decrypt the audio and video of {name}',
  'announce.chat': '{name}: {text}',

  // --- side panel: people, knocks, chat
  'side.label': 'People, chat and diagnostics',
  'side.knocking': 'Knocking',
  'side.people': 'People',
  'side.chat': 'Chat',
  'people.you': '{name} (you)',
  'people.host': 'host',
  'people.viewer': 'viewer',
  'people.recorder': 'recorder',
  'people.thisParticipant': 'this participant',
  'people.mute': 'Mute',
  'people.muteName': 'Mute {name}',
  'people.remove': 'Remove',
  'people.removeName': 'Remove {name}',
  'people.letIn': 'Let in',
  'people.letInName': 'Let in {name}',
  'people.hold': 'Hold',
  'people.holdName': 'Hold {name}',
  'people.holdMessage': 'A host will let you in shortly.',
  'people.reject': 'Reject',
  'people.rejectName': 'Reject {name}',
  'chat.notEncrypted': 'Chat is not end-to-end encrypted: the server relays these messages and '
    + 'can read them (it keeps none).',
  'chat.placeholder': 'Message everyone',
  'chat.label': 'Chat message',
  'chat.send': 'Send',
  'chat.download': 'Download chat',
  'chat.from': '{name}:',
  'chat.delete': 'Delete',
  'chat.deleteName': 'Delete message from {name}',
  'chat.notConnected': 'Not connected: the message was not sent. Try again in a moment.',
  'chat.bad_message': 'This message cannot be sent: it contains characters that are not '
    + 'allowed (control characters or bidirectional overrides; line breaks are fine).',
  'chat.too_large': 'This message is too long to send.',
  'chat.rate_limited': 'Too many messages at once. Wait a moment and send it again.',
  'chat.chat_disabled': 'Chat is turned off in this meeting.',
  'chat.transcriptTitle': 'Chat of the meeting {room}, {date}',

  // --- tiles (grid.js, participants.js)
  'tile.screen': '{name} (screen)',
  'tile.cameraOff': 'Camera is off',
  'tile.connecting': 'Connecting\u2026',
  'tile.pausedLastN': 'Video paused: not among the recent speakers',
  'tile.pausedBandwidth': 'Video paused: your connection is too slow',
  'tile.undecryptable': 'Cannot decrypt: this participant\'s encryption key has not reached you',
  'tile.unplayable': 'This browser cannot play {name}\'s video ({codec})',
  'tile.pinTitle': 'Always show this camera',
  'tile.pin': 'Pin',
  'tile.unpin': 'Unpin',
  'tile.pinName': 'Pin {name}',
  'tile.unpinName': 'Unpin {name}',
  'tile.thisCamera': 'this camera',
  'peer.lost': 'Connection to {name} lost, retrying\u2026',
  'peer.notYet': 'Cannot connect to {name} yet, retrying\u2026',
  'peer.none': 'No connection to {name}',
  'peer.failed': 'Could not connect to {name} after several tries. A firewall or the network '
    + 'may be blocking the call: try leaving and joining again, or another network.',
  'peer.back': 'Connected to {name} again.',
};
