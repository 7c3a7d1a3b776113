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
  'common.you': 'You',

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
  'notice.too_many_spotlights': 'At most 4 people can be in the spotlight. Remove a '
    + 'spotlight first.',

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

  // --- pre-call device and connection test (precall-ceremony.js)
  'ceremony.title': 'Device and connection test',
  'ceremony.note': 'Before you join, this checks your camera, speakers, microphone and '
    + 'connection. A failed test does not stop you from joining. The results stay on this '
    + 'device.',
  'ceremony.running': 'Testing\u2026',
  'ceremony.passed': 'Passed',
  'ceremony.failed': 'Failed',
  'ceremony.skipped': 'Skipped',
  'ceremony.camera': 'Camera',
  'ceremony.microphone': 'Microphone',
  'ceremony.connectivity': 'Connection',
  'ceremony.speaker': 'Speakers',
  'ceremony.speakerRunning': 'Play the test sound, then say whether you heard it.',
  'ceremony.speakerAsk': 'Did you hear the test sound?',
  'ceremony.speakerPassed': 'You hear sound from your speakers or headphones.',
  'ceremony.speakerFailed': 'You did not hear the test sound. Check that your speakers or '
    + 'headphones are connected, turned on, loud enough and chosen as the sound output in your '
    + 'system settings, then test again.',
  'ceremony.play': 'Play test sound',
  'ceremony.heard': 'Yes, I heard it',
  'ceremony.notHeard': 'No, I did not',
  // read out when a step ends: "Camera: Passed. Your camera sends a picture."
  'ceremony.announce': '{step}: {status}. {detail}',
  'ceremony.cameraRunning': 'Waiting for a picture from your camera\u2026',
  'ceremony.cameraPassed': 'Your camera sends a picture.',
  'ceremony.cameraOff': 'Your camera is off or could not be opened, so it was not tested. '
    + 'Turn it on with Camera on, close other apps that may use it, and test again.',
  'ceremony.cameraTimeout': 'No picture came from your camera within {seconds} seconds. '
    + 'Check that it is connected and not used by another app, then test again.',
  'ceremony.microphoneRunning': 'Say something: the bar shows what your microphone hears.',
  'ceremony.microphonePassed': 'Your microphone picks up sound.',
  'ceremony.microphoneOff': 'Your microphone is off or could not be opened, so it was not '
    + 'tested. Allow the browser to use it, then test again.',
  'ceremony.microphoneMuted': 'Your microphone is muted. Turn it on with Mic on and test '
    + 'again.',
  'ceremony.microphoneTimeout': 'Nothing was heard from your microphone within {seconds} '
    + 'seconds. Check that it is connected and not muted in your system settings, speak, and '
    + 'test again.',
  'ceremony.connectivityRunning': 'Checking the connection to the meeting server and its media '
    + 'relay, and how much data it carries\u2026',
  'ceremony.connectivityPassed': 'The meeting server answers, and its media relay (TURN, over '
    + '{via}) carried {mbps} Mbit/s up and back down: enough for video.',
  'ceremony.connectivityPassedPolling': 'The meeting server answers (through HTTPS polling: '
    + 'WebSockets seem to be blocked, which works but is slower), and its media relay (TURN, '
    + 'over {via}) carried {mbps} Mbit/s up and back down: enough for video.',
  'ceremony.connectivityRefused': 'The meeting server refused the test ({reason}). Reload the '
    + 'page, or ask whoever sent you the link for a new one.',
  'ceremony.connectivityNoSignaling': 'The meeting server could not be reached ({reason}). '
    + 'Check your internet connection; on a company or public network, ask its administrator '
    + 'to allow this site.',
  'ceremony.connectivityNoRelay': 'The meeting server answers, but its media relay (TURN) '
    + 'could not be reached, so audio and video may not get through. A firewall may block '
    + 'it: try another network, or ask the network administrator to allow UDP and TCP to the '
    + 'relay.',
  'ceremony.connectivityNoRelayInTime': 'The meeting server answers, but its media relay '
    + '(TURN) could not be reached within {seconds} seconds, so audio and video may not get '
    + 'through. A firewall may block it: try another network, or ask the network '
    + 'administrator to allow UDP and TCP to the relay.',
  'ceremony.connectivityNoPath': 'The media relay (TURN) gave addresses over {via}, but would '
    + 'not carry data between them, so audio and video may not get through. The meeting server '
    + 'may be set up wrongly: tell whoever runs it.',
  'ceremony.connectivityNoData': 'The media relay (TURN) gave an address over {via}, but no '
    + 'data went through it within {seconds} seconds, so audio and video may not get through. A '
    + 'firewall may block it: try another network, or ask the network administrator to allow '
    + 'UDP and TCP to the relay.',
  'ceremony.connectivitySlow': 'The meeting server answers, but its media relay (TURN, over '
    + '{via}) carried only {mbps} Mbit/s up and back down, less than the {needed} Mbit/s video '
    + 'takes: others may see and hear you poorly. Close programs that use the network or move '
    + 'closer to your Wi-Fi, and test again.',
  'ceremony.connectivityTimeout': 'The meeting server did not answer within {seconds} '
    + 'seconds. Your connection may be slow or blocked by a firewall.',
  'ceremony.connectivitySkipped': 'You skipped the connection test.',
  'ceremony.meterLabel': 'Microphone level',
  'ceremony.summaryPassed': 'All tests passed. You are ready to join.',
  'ceremony.summaryFailed': 'Some tests failed. You can still join the meeting, but others '
    + 'may not see or hear you well.',
  'ceremony.summarySkipped': 'The connection was not tested. You can join the meeting.',
  'ceremony.skip': 'Skip connection test',
  'ceremony.again': 'Test again',

  // --- the devices dialog (device-settings.js)
  'settings.open': 'Settings',
  'pip.button': 'Picture in picture',
  'pip.noVideo': 'There is no video to show in picture-in-picture yet.',
  'pip.refused': 'The browser did not open picture-in-picture.',
  'settings.title': 'Devices',
  'settings.camera': 'Camera',
  'settings.microphone': 'Microphone',
  'settings.speaker': 'Speakers',
  'settings.close': 'Close',
  'settings.device': 'Device {n}',
  'settings.none': 'None found',
  'settings.speakerFailed': 'The sound could not be moved to those speakers. Choose another '
    + 'output, or check your system settings.',

  // --- empty room invitation (invitation.js)
  'invitation.title': 'Waiting for others to join',
  'invitation.linkLabel': 'Meeting link',
  'invitation.copy': 'Copy link',
  'invitation.copied': 'Link copied',
  'invitation.selectToCopy': 'The link is selected: press Ctrl+C (or \u2318C) to copy it',

  // --- reactions (reactions.js)
  'reactions.button': 'Reactions',
  'reactions.menu': 'Send a reaction',
  'reactions.e2eeNote': 'Reactions are not end-to-end encrypted: the server relays them (it '
    + 'keeps none).',
  'reactions.tooFast': 'Too many reactions at once; wait a moment.',
  // said by the announcer: "Ann reacted with Clap"
  'reactions.reacted': '{name} reacted with {reaction}',
  'reactions.youReacted': 'You reacted with {reaction}',
  'reactions.thumbsUp': 'Thumbs up',
  'reactions.thumbsDown': 'Thumbs down',
  'reactions.clap': 'Clap',
  'reactions.raisedHand': 'Raise hand',
  'reactions.heart': 'Heart',
  'reactions.laugh': 'Laugh',
  'reactions.surprised': 'Surprised',
  'reactions.celebrate': 'Celebrate',

  // --- spotlight (spotlight.js, grid.js, people.js)
  'spotlight.add': 'Spotlight',
  'spotlight.addName': 'Spotlight {name}',
  'spotlight.remove': 'Remove spotlight',
  'spotlight.removeName': 'Remove spotlight {name}',
  // after a spotlighted participant's name in the people list
  'spotlight.tag': 'spotlight',
  'spotlight.on': '{name} is in the spotlight',
  'spotlight.off': '{name} is no longer in the spotlight',
  'spotlight.onYou': 'You are in the spotlight',
  'spotlight.offYou': 'You are no longer in the spotlight',

  // --- meeting diagnostics (diagnostics-view.js)
  'diagnostics.button': 'Diagnostics',
  'diagnostics.title': 'Meeting diagnostics',
  'diagnostics.close': 'Close',
  'diagnostics.closeLabel': 'Close meeting diagnostics',
  'diagnostics.privacy': 'Measured in your browser every second while this page is shown. '
    + 'Nothing is sent to the server or stored.',
  'diagnostics.p2p': 'Peer to peer: the audio and video go straight between the browsers '
    + '(P2P), or through the TURN relay when a candidate type is relay.',
  'diagnostics.sfu': 'Through the server: the audio and video go through the SFU. Round '
    + 'trip, jitter and candidate types are of your connection to the server.',
  'diagnostics.someone': 'Participant',
  'diagnostics.good': 'Good',
  'diagnostics.fair': 'Fair',
  'diagnostics.poor': 'Poor',
  // a tile indicator's accessible name, and a participant's level in the panel
  'diagnostics.quality': 'Connection quality: {level}',
  // {causes}: the figures that set a level that is not good, as a list
  'diagnostics.qualityCauses': 'Connection quality: {level} ({causes})',
  'diagnostics.measuring': 'Connection quality: measuring\u2026',
  'diagnostics.causeLoss': 'packet loss',
  'diagnostics.causeRtt': 'round-trip time',
  'diagnostics.causeJitter': 'jitter',
  'diagnostics.causeLimitation': 'video held back',
  'diagnostics.bitrateIn': 'Received',
  'diagnostics.bitrateOut': 'Sent',
  'diagnostics.lossPct': 'Packet loss',
  'diagnostics.rttMs': 'Round-trip time',
  'diagnostics.jitterMs': 'Jitter',
  'diagnostics.video': 'Video received',
  'diagnostics.videoSent': 'Video sent',
  'diagnostics.codecs': 'Codecs',
  'diagnostics.path': 'ICE candidate types (here / other end)',
  'diagnostics.limitation': 'Video held back by',
  'diagnostics.bandwidth': 'bandwidth',
  'diagnostics.cpu': 'CPU',
  'diagnostics.other': 'other',
  'diagnostics.nothing': 'nothing',
  'diagnostics.kbits': '{value} kbit/s',
  'diagnostics.percent': '{value} %',
  'diagnostics.millis': '{value} ms',
  'diagnostics.size': '{width}\u00d7{height}',
  'diagnostics.sizeFps': '{width}\u00d7{height}, {fps} fps',
  'diagnostics.none': 'n/a',
};
