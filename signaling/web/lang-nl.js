// Dutch (Nederlands), formal address (u). Keys and placeholders as lang-en.js, the reference.

export default {
  'page.title': 'Fjord-vergadering',
  'language.label': 'Taal',

  'precall.title': 'Klaar om deel te nemen?',
  'precall.room': 'Ruimte',
  'precall.nameLabel': 'Uw naam',
  'precall.micOn': 'Microfoon aan',
  'precall.micOff': 'Microfoon uit',
  'precall.cameraOn': 'Camera aan',
  'precall.cameraOff': 'Camera uit',
  'precall.join': 'Deelnemen aan vergadering',
  'precall.hintP2p': 'Uw geluid en beeld gaan versleuteld rechtstreeks naar de andere deelnemers; '
    + 'er wordt niets opgenomen.',
  'precall.hintSfu': 'Uw geluid en beeld worden versleuteld naar de server gestuurd, die ze '
    + 'doorstuurt naar de andere deelnemers: die kan ze lezen, maar bewaart niets; er wordt niets '
    + 'opgenomen.',
  'precall.hintE2ee': 'Uw geluid en beeld zijn end-to-end versleuteld: de server stuurt ze door '
    + 'naar de andere deelnemers, maar kan ze niet lezen; er wordt niets opgenomen.',
  'precall.cloudRecording': 'Deze vergadering wordt opgenomen: de server neemt ieders geluid en '
    + 'beeld op in een bestand in de opslag van de organisator. Opgenomen vergaderingen zijn niet '
    + 'end-to-end versleuteld: de server leest het geluid en beeld om ze op te nemen.',
  'precall.permissionHelp': 'Werkt uw camera of microfoon niet?',
  'precall.permissionHelpLink': 'Hulp bij toegang tot camera en microfoon',
  'precall.localRecording': 'Deze vergadering kan worden opgenomen: een host kan haar op het eigen '
    + 'apparaat opnemen (op de server wordt niets opgenomen).',
  'precall.viewer': 'U neemt deel als kijker: uw camera en microfoon blijven uit.',
  'precall.enterName': 'Vul uw naam in.',
  'precall.linkNameRefused': 'De naam in de link kan niet worden gebruikt: {reason}. Vul een andere '
    + 'naam in.',
  'precall.nameRefused': 'Deze naam kan niet worden gebruikt: {reason}.',
  'reason.nameCharacters': 'een naam mag geen van de tekens $ ! < > : ; bevatten',
  'reason.nameLength': 'een naam heeft hoogstens {max} tekens',
  'reason.repeated': {
    one: 'de link geeft {name} {count} keer',
    other: 'de link geeft {name} {count} keer',
  },
  'reason.encoding': '{name} in de link is geen geldige procentgecodeerde UTF-8',

  'waiting.title': 'Wachten tot een host u binnenlaat',
  'waiting.detail': 'Deze vergadering is vergrendeld. U neemt deel zodra een host u binnenlaat.',
  'common.leave': 'Verlaten',
  'common.you': 'You',

  'call.label': 'Vergadering',
  'call.title': 'Vergadering {room}',
  'call.participants': {
    one: '{count} deelnemer',
    other: '{count} deelnemers',
  },
  'call.timer': 'Tijd in de vergadering',
  'call.connecting': 'Verbinden\u2026',
  'call.reconnecting': 'Opnieuw verbinden\u2026',
  'call.e2ee': 'End-to-end versleuteld. Veiligheidscode',
  'call.e2eeHint': '(op elk scherm hetzelfde, anders luistert iemand mee)',
  'call.recording': 'Opname',
  'call.controls': 'Gespreksknoppen',
  'call.mute': 'Dempen',
  'call.unmute': 'Dempen opheffen',
  'call.stopCamera': 'Camera uitzetten',
  'call.startCamera': 'Camera aanzetten',
  'call.shareScreen': 'Scherm delen',
  'call.stopSharing': 'Delen stoppen',
  'call.lock': 'Ruimte vergrendelen',
  'call.unlock': 'Ruimte ontgrendelen',
  'call.record': 'Opnemen',
  'call.stopRecording': 'Opname stoppen',
  'call.end': 'Vergadering beëindigen',
  'call.hearOthers': 'Klik om de anderen te horen',

  'dialog.endTitle': 'De vergadering voor iedereen beëindigen?',
  'dialog.endDetail': 'Iedereen wordt eruit gezet en niemand kan nog aan deze vergadering '
    + 'deelnemen.',
  'dialog.cancel': 'Annuleren',
  'dialog.recordingTitle': 'Opname van deze vergadering starten?',
  'dialog.recordingDetail': 'De server neemt ieders geluid en beeld op in een bestand in de opslag '
    + 'van de organisator. Iedereen ziet dat de vergadering wordt opgenomen.',
  'dialog.notNow': 'Niet nu',
  'dialog.startRecording': 'Opname starten',

  'ended.left': 'U hebt de vergadering verlaten',
  'ended.notJoined': 'U hebt niet aan de vergadering deelgenomen',
  'ended.stoppedWaiting': 'U bent gestopt met wachten voordat een host u binnenliet.',
  'ended.leftBeforeJoining': 'U bent vertrokken voordat u deelnam.',
  'ended.cannotJoin': 'Kan niet aan deze vergadering deelnemen',
  'ended.meetingEnded': 'De vergadering is afgelopen',
  'ended.removed': 'U bent uit de vergadering verwijderd',
  'ended.noMeeting': 'Hier is geen vergadering',
  'ended.noRoomName': 'De link bevat geen ruimtenaam. Controleer de link.',
  'ended.linkUnusable': 'Deze vergaderlink kan niet worden gebruikt: {reason}, dus de rol die hij '
    + 'geeft is onduidelijk. Open de link zoals u hem hebt gekregen, of vraag om een nieuwe.',
  'ended.join': 'Deelnemen',
  'ended.joinAgain': 'Opnieuw deelnemen',
  'ended.askAgain': 'Opnieuw vragen om binnen te komen',
  'ended.tryAgain': 'Opnieuw proberen',

  'error.room_full': 'Deze vergadering is vol. Normale ruimtes bieden plaats aan hoogstens '
    + '4 personen.',
  'error.too_many_knocks': 'Te veel mensen uit uw netwerk wachten al om in deze vergadering te '
    + 'worden binnengelaten. Probeer het opnieuw zodra een host hen heeft geantwoord.',
  'error.invalid_room_key': 'Deze vergaderlink is niet geldig (misschien is hij verlopen). Vraag om '
    + 'een nieuwe link.',
  'error.meeting_ended': 'Deze vergadering is afgelopen.',
  'error.room_not_found': 'Deze vergadering bestaat niet. Controleer de link.',
  'error.knock_rejected': 'Een host heeft u niet binnengelaten.',
  'error.removed': 'Een host heeft u uit de vergadering verwijderd.',
  'error.e2ee_required': 'Deze vergadering is end-to-end versleuteld en de instellingen zijn '
    + 'gewijzigd sinds deze pagina werd geopend. Laad de pagina opnieuw om deel te nemen.',
  'error.e2ee_unavailable': 'Deze vergadering is niet meer end-to-end versleuteld, dus deze pagina '
    + 'heeft niet deelgenomen. Laad de pagina opnieuw om zonder end-to-end versleuteling deel te '
    + 'nemen.',
  'error.e2ee_unsupported': 'Deze vergadering is end-to-end versleuteld en deze browser kan geluid '
    + 'en beeld niet versleutelen (WebRTC Encoded Transforms ontbreken). Neem deel met een recente '
    + 'op Chromium gebaseerde browser of met Firefox.',
  'error.join_refused': 'De vergaderserver heeft u niet toegelaten. Controleer de link of vraag om '
    + 'een nieuwe.',
  'error.name_refused': 'Uw naam kan niet worden gebruikt. Een naam mag niet leeg zijn, mag geen '
    + 'stuurtekens, bidirectionele overschrijvingen of een van de tekens $ ! < > : ; bevatten, en '
    + 'heeft hoogstens 100 tekens.',

  'notice.sfu_error': 'De mediaserver kon uw geluid en beeld niet instellen. Probeer de vergadering '
    + 'te verlaten en opnieuw deel te nemen.',
  'notice.publish_failed': 'Uw geluid en beeld konden niet worden verzonden. Probeer de '
    + 'vergadering te verlaten en opnieuw deel te nemen.',
  'notice.subscribe_failed': 'Het geluid en beeld van de anderen konden niet worden ontvangen. '
    + 'Probeer opnieuw deel te nemen.',
  'notice.rate_limited': 'Te veel acties tegelijk; sommige zijn genegeerd.',
  'notice.forbidden': 'Alleen hosts kunnen dat doen.',
  'notice.chat_disabled': 'De chat staat uit in deze vergadering.',
  'notice.unavailable': 'De vergaderserver is bezet. Opnieuw proberen\u2026',
  'notice.media_lost': 'De mediaverbinding is verbroken. Opnieuw verbinden\u2026',
  'notice.transport_failed': 'De verbinding met de vergadering is verbroken. Opnieuw '
    + 'verbinden\u2026',
  'notice.muted': 'Een host heeft uw microfoon gedempt. U kunt het dempen zelf opheffen.',
  'notice.too_many_spotlights': 'At most 4 people can be in the spotlight. Remove a spotlight '
    + 'first.',

  'media.screenRefused': 'Scherm delen is geannuleerd of geweigerd.',
  'media.screenFailed': 'Het scherm kon niet worden gedeeld.',
  'media.denied': 'Toegang tot camera of microfoon is geweigerd. U kunt toch deelnemen en de '
    + 'anderen zien.',
  'media.notFound': 'Er is geen camera of microfoon gevonden.',
  'media.inUse': 'De camera of microfoon wordt door een andere toepassing gebruikt.',
  'media.failed': 'De camera of microfoon kon niet worden gestart.',

  'announce.someone': 'Iemand',
  'announce.joined': '{name} neemt deel',
  'announce.left': '{name} is vertrokken',
  'announce.knocking': '{name} wacht om binnengelaten te worden',
  'announce.sharing': 'U deelt uw scherm',
  'announce.sharingOff': 'Scherm delen uit',
  'announce.micOn': 'Microfoon aan',
  'announce.micOff': 'Microfoon uit',
  'announce.cameraOn': 'Camera aan',
  'announce.cameraOff': 'Camera uit',
  'announce.recording': 'Deze vergadering wordt opgenomen',
  'announce.recordingStopped': 'De opname is gestopt',
  'announce.safetyCode': 'De veiligheidscode is gewijzigd: vergelijk hem opnieuw met de anderen',
  'announce.soundBlocked': 'De browser heeft het geluid geblokkeerd: druk op \u2018{button}\u2019',
  'announce.undecryptable': 'Het geluid en beeld van {name} kunnen niet worden ontsleuteld',
  'announce.chat': '{name}: {text}',

  'side.label': 'Personen en chat',
  'side.knocking': 'Wacht om binnen te komen',
  'side.people': 'Personen',
  'side.chat': 'Chat',
  'people.you': '{name} (u)',
  'people.host': 'host',
  'people.viewer': 'kijker',
  'people.recorder': 'opname',
  'people.thisParticipant': 'deze deelnemer',
  'people.mute': 'Dempen',
  'people.muteName': '{name} dempen',
  'people.remove': 'Verwijderen',
  'people.removeName': '{name} verwijderen',
  'people.letIn': 'Binnenlaten',
  'people.letInName': '{name} binnenlaten',
  'people.hold': 'Laten wachten',
  'people.holdName': '{name} laten wachten',
  'people.holdMessage': 'Een host laat u zo binnen.',
  'people.reject': 'Weigeren',
  'people.rejectName': '{name} weigeren',
  'chat.notEncrypted': 'De chat is niet end-to-end versleuteld: de server stuurt deze berichten '
    + 'door en kan ze lezen (hij bewaart er geen).',
  'chat.placeholder': 'Bericht aan iedereen',
  'chat.label': 'Chatbericht',
  'chat.send': 'Versturen',
  'chat.download': 'Chat downloaden',
  'chat.from': '{name}:',
  'chat.delete': 'Verwijderen',
  'chat.deleteName': 'Bericht van {name} verwijderen',
  'chat.notConnected': 'Geen verbinding: het bericht is niet verzonden. Probeer het zo opnieuw.',
  'chat.bad_message': 'Dit bericht kan niet worden verzonden: het bevat niet-toegestane tekens '
    + '(stuurtekens of bidirectionele overschrijvingen; regeleinden zijn toegestaan).',
  'chat.too_large': 'Dit bericht is te lang om te verzenden.',
  'chat.rate_limited': 'Te veel berichten tegelijk. Wacht even en verstuur het opnieuw.',
  'chat.chat_disabled': 'De chat staat uit in deze vergadering.',
  'chat.transcriptTitle': 'Chat van vergadering {room}, {date}',

  'tile.screen': '{name} (scherm)',
  'tile.cameraOff': 'Camera staat uit',
  'tile.connecting': 'Verbinden\u2026',
  'tile.pausedLastN': 'Video gepauzeerd: niet bij de recente sprekers',
  'tile.pausedBandwidth': 'Video gepauzeerd: uw verbinding is te traag',
  'tile.undecryptable': 'Kan niet ontsleutelen: de versleutelingssleutel van deze deelnemer heeft '
    + 'u niet bereikt',
  'tile.unplayable': 'Deze browser kan de video van {name} niet afspelen ({codec})',
  'tile.pinTitle': 'Deze camera altijd tonen',
  'tile.pin': 'Vastzetten',
  'tile.unpin': 'Losmaken',
  'tile.pinName': '{name} vastzetten',
  'tile.unpinName': '{name} losmaken',
  'tile.thisCamera': 'deze camera',
  'peer.lost': 'Verbinding met {name} verbroken, opnieuw proberen\u2026',
  'peer.notYet': 'Nog geen verbinding met {name}, opnieuw proberen\u2026',
  'peer.none': 'Geen verbinding met {name}',
  'peer.failed': 'Kon na meerdere pogingen geen verbinding maken met {name}. Een firewall of het '
    + 'netwerk blokkeert mogelijk het gesprek: probeer de vergadering te verlaten en opnieuw deel '
    + 'te nemen, of gebruik een ander netwerk.',
  'peer.back': 'Weer verbonden met {name}.',

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
