// Swedish (Svenska). Keys and placeholders as lang-en.js, the reference.

export default {
  'page.title': 'Fjord-möte',
  'language.label': 'Språk',

  'precall.title': 'Redo att ansluta?',
  'precall.room': 'Rum',
  'precall.nameLabel': 'Ditt namn',
  'precall.micOn': 'Mikrofon på',
  'precall.micOff': 'Mikrofon av',
  'precall.cameraOn': 'Kamera på',
  'precall.cameraOff': 'Kamera av',
  'precall.join': 'Anslut till mötet',
  'precall.hintP2p': 'Ditt ljud och din video går krypterade direkt till de andra deltagarna; '
    + 'ingenting spelas in.',
  'precall.hintSfu': 'Ditt ljud och din video krypteras till servern, som vidarebefordrar dem till '
    + 'de andra deltagarna: den kan läsa dem men sparar ingenting; ingenting spelas in.',
  'precall.hintE2ee': 'Ditt ljud och din video är end-to-end-krypterade: servern vidarebefordrar '
    + 'dem till de andra deltagarna men kan inte läsa dem; ingenting spelas in.',
  'precall.cloudRecording': 'Det här mötet spelas in: servern spelar in allas ljud och video till en '
    + 'fil i arrangörens lagring. Inspelade möten är inte end-to-end-krypterade: servern läser ljudet '
    + 'och videon för att spela in dem.',
  'precall.permissionHelp': 'Fungerar inte kameran eller mikrofonen?',
  'precall.permissionHelpLink': 'Få hjälp med åtkomst till kamera och mikrofon',
  'precall.localRecording': 'Det här mötet kan spelas in: en värd kan spela in det på sin egen '
    + 'enhet (ingenting spelas in på servern).',
  'precall.viewer': 'Du ansluter som åskådare: din kamera och mikrofon förblir avstängda.',
  'precall.enterName': 'Ange ditt namn.',
  'precall.linkNameRefused': 'Namnet i länken kan inte användas: {reason}. Ange ett annat.',
  'precall.nameRefused': 'Det här namnet kan inte användas: {reason}.',
  'reason.nameCharacters': 'ett namn får inte innehålla något av $ ! < > : ;',
  'reason.nameLength': 'ett namn har högst {max} tecken',
  'reason.repeated': {
    one: 'länken anger {name} {count} gång',
    other: 'länken anger {name} {count} gånger',
  },
  'reason.encoding': '{name} i länken är inte giltig procentkodad UTF-8',

  'waiting.title': 'Väntar på att en värd släpper in dig',
  'waiting.detail': 'Det här mötet är låst. Du ansluter så snart en värd släpper in dig.',
  'common.leave': 'Lämna',
  'common.you': 'You',

  'call.label': 'Möte',
  'call.title': 'Möte {room}',
  'call.participants': {
    one: '{count} deltagare',
    other: '{count} deltagare',
  },
  'call.timer': 'Tid i mötet',
  'call.connecting': 'Ansluter\u2026',
  'call.reconnecting': 'Återansluter\u2026',
  'call.e2ee': 'End-to-end-krypterat. Säkerhetskod',
  'call.e2eeHint': '(samma på varje skärm, annars lyssnar någon)',
  'call.recording': 'Spelar in',
  'call.controls': 'Samtalskontroller',
  'call.mute': 'Stäng av ljud',
  'call.unmute': 'Slå på ljud',
  'call.stopCamera': 'Stäng av kamera',
  'call.startCamera': 'Slå på kamera',
  'call.shareScreen': 'Dela skärm',
  'call.stopSharing': 'Sluta dela',
  'call.lock': 'Lås rummet',
  'call.unlock': 'Lås upp rummet',
  'call.record': 'Spela in',
  'call.stopRecording': 'Stoppa inspelning',
  'call.end': 'Avsluta mötet',
  'call.hearOthers': 'Klicka för att höra de andra',

  'dialog.endTitle': 'Avsluta mötet för alla?',
  'dialog.endDetail': 'Alla skickas ut, och ingen kan ansluta till mötet igen.',
  'dialog.cancel': 'Avbryt',
  'dialog.recordingTitle': 'Börja spela in det här mötet?',
  'dialog.recordingDetail': 'Servern spelar in allas ljud och video till en fil i arrangörens '
    + 'lagring. Alla ser att mötet spelas in.',
  'dialog.notNow': 'Inte nu',
  'dialog.startRecording': 'Börja spela in',

  'ended.left': 'Du har lämnat mötet',
  'ended.notJoined': 'Du anslöt inte till mötet',
  'ended.stoppedWaiting': 'Du slutade vänta innan en värd släppte in dig.',
  'ended.leftBeforeJoining': 'Du lämnade innan du anslöt.',
  'ended.cannotJoin': 'Det går inte att ansluta till mötet',
  'ended.meetingEnded': 'Mötet har avslutats',
  'ended.removed': 'Du har tagits bort från mötet',
  'ended.noMeeting': 'Inget möte här',
  'ended.noRoomName': 'Länken saknar rumsnamn. Kontrollera länken.',
  'ended.linkUnusable': 'Den här möteslänken kan inte användas: {reason}, så det är oklart vilken '
    + 'roll den ger. Öppna länken som du fick den, eller be om en ny.',
  'ended.join': 'Anslut',
  'ended.joinAgain': 'Anslut igen',
  'ended.askAgain': 'Be att få komma in igen',
  'ended.tryAgain': 'Försök igen',

  'error.room_full': 'Mötet är fullt. Vanliga rum rymmer högst 4 personer.',
  'error.too_many_knocks': 'För många personer från ditt nätverk väntar redan på att släppas in i '
    + 'mötet. Försök igen när en värd har svarat dem.',
  'error.invalid_room_key': 'Den här möteslänken är inte giltig (den kan ha gått ut). Be om en ny '
    + 'länk.',
  'error.meeting_ended': 'Mötet har avslutats.',
  'error.room_not_found': 'Mötet finns inte. Kontrollera länken.',
  'error.knock_rejected': 'En värd släppte inte in dig.',
  'error.removed': 'En värd har tagit bort dig från mötet.',
  'error.e2ee_required': 'Mötet är end-to-end-krypterat och dess inställningar har ändrats sedan '
    + 'sidan öppnades. Ladda om sidan för att ansluta.',
  'error.e2ee_unavailable': 'Mötet är inte längre end-to-end-krypterat, så sidan anslöt inte. Ladda '
    + 'om sidan för att ansluta utan end-to-end-kryptering.',
  'error.e2ee_unsupported': 'Mötet är end-to-end-krypterat och den här webbläsaren kan inte kryptera '
    + 'ljud och video (den saknar WebRTC Encoded Transforms). Anslut från en aktuell '
    + 'Chromium-baserad webbläsare eller Firefox.',
  'error.join_refused': 'Mötesservern släppte inte in dig. Kontrollera länken eller be om en ny.',
  'error.name_refused': 'Ditt namn kan inte användas. Ett namn får inte vara tomt, får inte '
    + 'innehålla styrtecken, dubbelriktade åsidosättningar eller något av $ ! < > : ;, och har högst '
    + '100 tecken.',

  'notice.sfu_error': 'Medieservern kunde inte konfigurera ditt ljud och din video. Försök att '
    + 'lämna och ansluta igen.',
  'notice.publish_failed': 'Ditt ljud och din video kunde inte skickas. Försök att lämna och '
    + 'ansluta igen.',
  'notice.subscribe_failed': 'De andras ljud och video kunde inte tas emot. Försök att ansluta '
    + 'igen.',
  'notice.rate_limited': 'För många åtgärder på en gång; några ignorerades.',
  'notice.forbidden': 'Bara värdar kan göra det.',
  'notice.chat_disabled': 'Chatten är avstängd i det här mötet.',
  'notice.unavailable': 'Mötesservern är upptagen. Försöker igen\u2026',
  'notice.media_lost': 'Medieanslutningen bröts. Återansluter\u2026',
  'notice.transport_failed': 'Anslutningen till mötet bröts. Återansluter\u2026',
  'notice.muted': 'En värd har stängt av din mikrofon. Du kan slå på den själv.',
  'notice.too_many_spotlights': 'At most 4 people can be in the spotlight. Remove a spotlight '
    + 'first.',

  'media.screenRefused': 'Skärmdelningen avbröts eller nekades.',
  'media.screenFailed': 'Skärmen kunde inte delas.',
  'media.denied': 'Åtkomst till kamera eller mikrofon nekades. Du kan ändå ansluta och se de '
    + 'andra.',
  'media.notFound': 'Ingen kamera eller mikrofon hittades.',
  'media.inUse': 'Kameran eller mikrofonen används av ett annat program.',
  'media.failed': 'Kameran eller mikrofonen kunde inte startas.',

  'announce.someone': 'Någon',
  'announce.joined': '{name} anslöt',
  'announce.left': '{name} lämnade',
  'announce.knocking': '{name} väntar på att släppas in',
  'announce.sharing': 'Du delar din skärm',
  'announce.sharingOff': 'Skärmdelning av',
  'announce.micOn': 'Mikrofon på',
  'announce.micOff': 'Mikrofon av',
  'announce.cameraOn': 'Kamera på',
  'announce.cameraOff': 'Kamera av',
  'announce.recording': 'Mötet spelas in',
  'announce.recordingStopped': 'Inspelningen har stoppats',
  'announce.safetyCode': 'Säkerhetskoden har ändrats: jämför den med de andra igen',
  'announce.soundBlocked': 'Webbläsaren blockerade ljudet: tryck på \u201d{button}\u201d',
  'announce.undecryptable': 'Det går inte att dekryptera ljud och video från {name}',
  'announce.chat': '{name}: {text}',

  'side.label': 'Personer och chatt',
  'side.knocking': 'Väntar på att komma in',
  'side.people': 'Personer',
  'side.chat': 'Chatt',
  'people.you': '{name} (du)',
  'people.host': 'värd',
  'people.viewer': 'åskådare',
  'people.recorder': 'inspelning',
  'people.thisParticipant': 'den här deltagaren',
  'people.mute': 'Stäng av ljud',
  'people.muteName': 'Stäng av ljudet för {name}',
  'people.remove': 'Ta bort',
  'people.removeName': 'Ta bort {name}',
  'people.letIn': 'Släpp in',
  'people.letInName': 'Släpp in {name}',
  'people.hold': 'Låt vänta',
  'people.holdName': 'Låt {name} vänta',
  'people.holdMessage': 'En värd släpper in dig snart.',
  'people.reject': 'Neka',
  'people.rejectName': 'Neka {name}',
  'chat.notEncrypted': 'Chatten är inte end-to-end-krypterad: servern vidarebefordrar meddelandena '
    + 'och kan läsa dem (den sparar inga).',
  'chat.placeholder': 'Meddelande till alla',
  'chat.label': 'Chattmeddelande',
  'chat.send': 'Skicka',
  'chat.download': 'Ladda ned chatten',
  'chat.from': '{name}:',
  'chat.delete': 'Radera',
  'chat.deleteName': 'Radera meddelande från {name}',
  'chat.notConnected': 'Inte ansluten: meddelandet skickades inte. Försök igen om en stund.',
  'chat.bad_message': 'Meddelandet kan inte skickas: det innehåller tecken som inte är tillåtna '
    + '(styrtecken eller dubbelriktade åsidosättningar; radbrytningar går bra).',
  'chat.too_large': 'Meddelandet är för långt för att skickas.',
  'chat.rate_limited': 'För många meddelanden på en gång. Vänta en stund och skicka det igen.',
  'chat.chat_disabled': 'Chatten är avstängd i det här mötet.',
  'chat.transcriptTitle': 'Chatt från mötet {room}, {date}',

  'tile.screen': '{name} (skärm)',
  'tile.cameraOff': 'Kameran är av',
  'tile.connecting': 'Ansluter\u2026',
  'tile.pausedLastN': 'Video pausad: inte bland de senaste talarna',
  'tile.pausedBandwidth': 'Video pausad: din anslutning är för långsam',
  'tile.undecryptable': 'Kan inte dekryptera: deltagarens krypteringsnyckel har inte nått dig',
  'tile.unplayable': 'Den här webbläsaren kan inte spela upp videon från {name} ({codec})',
  'tile.pinTitle': 'Visa alltid den här kameran',
  'tile.pin': 'Fäst',
  'tile.unpin': 'Lossa',
  'tile.pinName': 'Fäst {name}',
  'tile.unpinName': 'Lossa {name}',
  'tile.thisCamera': 'den här kameran',
  'peer.lost': 'Anslutningen till {name} bröts, försöker igen\u2026',
  'peer.notYet': 'Kan inte ansluta till {name} än, försöker igen\u2026',
  'peer.none': 'Ingen anslutning till {name}',
  'peer.failed': 'Kunde inte ansluta till {name} efter flera försök. En brandvägg eller nätverket '
    + 'kan blockera samtalet: försök att lämna och ansluta igen, eller använd ett annat nätverk.',
  'peer.back': 'Ansluten till {name} igen.',

  'ceremony.title': 'Device and connection test',
  'ceremony.note': 'Before you join, this checks your camera, microphone and connection. A failed '
    + 'test does not stop you from joining. The results stay on this device.',
  'ceremony.running': 'Testing\u2026',
  'ceremony.passed': 'Passed',
  'ceremony.failed': 'Failed',
  'ceremony.skipped': 'Skipped',
  'ceremony.camera': 'Camera',
  'ceremony.microphone': 'Microphone',
  'ceremony.connectivity': 'Connection',
  'ceremony.announce': '{step}: {status}. {detail}',
  'ceremony.cameraRunning': 'Waiting for a picture from your camera\u2026',
  'ceremony.cameraPassed': 'Your camera sends a picture.',
  'ceremony.cameraOff': 'Your camera is off or could not be opened, so it was not tested. Turn it '
    + 'on with Camera on, close other apps that may use it, and test again.',
  'ceremony.cameraTimeout': 'No picture came from your camera within {seconds} seconds. Check '
    + 'that it is connected and not used by another app, then test again.',
  'ceremony.microphoneRunning': 'Say something: the bar shows what your microphone hears.',
  'ceremony.microphonePassed': 'Your microphone picks up sound.',
  'ceremony.microphoneOff': 'Your microphone is off or could not be opened, so it was not tested. '
    + 'Allow the browser to use it, then test again.',
  'ceremony.microphoneMuted': 'Your microphone is muted. Turn it on with Mic on and test again.',
  'ceremony.microphoneTimeout': 'Nothing was heard from your microphone within {seconds} seconds. '
    + 'Check that it is connected and not muted in your system settings, speak, and test again.',
  'ceremony.connectivityRunning': 'Checking the connection to the meeting server and its media '
    + 'relay\u2026',
  'ceremony.connectivityPassed': 'The meeting server answers and its media relay (TURN) is '
    + 'reachable over {via}.',
  'ceremony.connectivityPassedPolling': 'The meeting server answers (through HTTPS polling: '
    + 'WebSockets seem to be blocked, which works but is slower) and its media relay (TURN) is '
    + 'reachable over {via}.',
  'ceremony.connectivityRefused': 'The meeting server refused the test ({reason}). Reload the '
    + 'page, or ask whoever sent you the link for a new one.',
  'ceremony.connectivityNoSignaling': 'The meeting server could not be reached ({reason}). Check '
    + 'your internet connection; on a company or public network, ask its administrator to allow '
    + 'this site.',
  'ceremony.connectivityNoRelay': 'The meeting server answers, but its media relay (TURN) could '
    + 'not be reached, so audio and video may not get through. A firewall may block it: try '
    + 'another network, or ask the network administrator to allow UDP and TCP to the relay.',
  'ceremony.connectivityNoRelayInTime': 'The meeting server answers, but its media relay (TURN) '
    + 'could not be reached within {seconds} seconds, so audio and video may not get through. A '
    + 'firewall may block it: try another network, or ask the network administrator to allow UDP '
    + 'and TCP to the relay.',
  'ceremony.connectivityTimeout': 'The meeting server did not answer within {seconds} seconds. '
    + 'Your connection may be slow or blocked by a firewall.',
  'ceremony.connectivitySkipped': 'You skipped the connection test.',
  'ceremony.meterLabel': 'Microphone level',
  'ceremony.summaryPassed': 'All tests passed. You are ready to join.',
  'ceremony.summaryFailed': 'Some tests failed. You can still join the meeting, but others may '
    + 'not see or hear you well.',
  'ceremony.summarySkipped': 'The connection was not tested. You can join the meeting.',
  'ceremony.skip': 'Skip connection test',
  'ceremony.again': 'Test again',

  'invitation.title': 'Waiting for others to join',
  'invitation.linkLabel': 'Meeting link',
  'invitation.copy': 'Copy link',
  'invitation.copied': 'Link copied',
  'invitation.selectToCopy': 'The link is selected: press Ctrl+C (or \u2318C) to copy it',

  'reactions.button': 'Reactions',
  'reactions.menu': 'Send a reaction',
  'reactions.e2eeNote': 'Reactions are not end-to-end encrypted: the server relays them (it keeps '
    + 'none).',
  'reactions.tooFast': 'Too many reactions at once; wait a moment.',
  'reactions.reacted': '{name} reacted with {reaction}',
  'reactions.thumbsUp': 'Thumbs up',
  'reactions.thumbsDown': 'Thumbs down',
  'reactions.clap': 'Clap',
  'reactions.raisedHand': 'Raise hand',
  'reactions.heart': 'Heart',
  'reactions.laugh': 'Laugh',
  'reactions.surprised': 'Surprised',
  'reactions.celebrate': 'Celebrate',

  'spotlight.add': 'Spotlight',
  'spotlight.addName': 'Spotlight {name}',
  'spotlight.remove': 'Remove spotlight',
  'spotlight.removeName': 'Remove spotlight {name}',
  'spotlight.tag': 'spotlight',
  'spotlight.on': '{name} is in the spotlight',
  'spotlight.off': '{name} is no longer in the spotlight',
  'spotlight.onYou': 'You are in the spotlight',
  'spotlight.offYou': 'You are no longer in the spotlight',

  'diagnostics.button': 'Diagnostics',
  'diagnostics.title': 'Meeting diagnostics',
  'diagnostics.close': 'Close',
  'diagnostics.closeLabel': 'Close meeting diagnostics',
  'diagnostics.privacy': 'Measured in your browser every second while this page is shown. Nothing '
    + 'is sent to the server or stored.',
  'diagnostics.p2p': 'Peer to peer: the audio and video go straight between the browsers (P2P), '
    + 'or through the TURN relay when a candidate type is relay.',
  'diagnostics.sfu': 'Through the server: the audio and video go through the SFU. Round trip, '
    + 'jitter and candidate types are of your connection to the server.',
  'diagnostics.someone': 'Participant',
  'diagnostics.good': 'Good',
  'diagnostics.fair': 'Fair',
  'diagnostics.poor': 'Poor',
  'diagnostics.quality': 'Connection quality: {level}',
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
