// Danish (Dansk). Keys and placeholders as lang-en.js, the reference.

export default {
  'page.title': 'Fjord-møde',
  'language.label': 'Sprog',

  'precall.title': 'Klar til at deltage?',
  'precall.room': 'Rum',
  'precall.nameLabel': 'Dit navn',
  'precall.micOn': 'Mikrofon til',
  'precall.micOff': 'Mikrofon fra',
  'precall.cameraOn': 'Kamera til',
  'precall.cameraOff': 'Kamera fra',
  'precall.join': 'Deltag i mødet',
  'precall.hintP2p': 'Din lyd og video går krypteret direkte til de andre deltagere; intet '
    + 'optages.',
  'precall.hintSfu': 'Din lyd og video krypteres til serveren, som sender dem videre til de andre '
    + 'deltagere: den kan læse dem, men gemmer intet; intet optages.',
  'precall.hintE2ee': 'Din lyd og video er end-to-end-krypteret: serveren sender dem videre til de '
    + 'andre deltagere, men kan ikke læse dem; intet optages.',
  'precall.cloudRecording': 'Dette møde optages: serveren optager alles lyd og video i en fil i '
    + 'arrangørens lager. Optagne møder er ikke end-to-end-krypterede: serveren læser lyden og '
    + 'videoen for at optage dem.',
  'precall.permissionHelp': 'Virker kameraet eller mikrofonen ikke?',
  'precall.permissionHelpLink': 'Få hjælp til adgang til kamera og mikrofon',
  'precall.localRecording': 'Dette møde kan blive optaget: en vært kan optage det på sin egen enhed '
    + '(intet optages på serveren).',
  'precall.viewer': 'Du deltager som tilskuer: dit kamera og din mikrofon forbliver slukket.',
  'precall.enterName': 'Indtast dit navn.',
  'precall.linkNameRefused': 'Navnet i linket kan ikke bruges: {reason}. Indtast et andet.',
  'precall.nameRefused': 'Dette navn kan ikke bruges: {reason}.',
  'reason.nameCharacters': 'et navn må ikke indeholde nogen af $ ! < > : ;',
  'reason.nameLength': 'et navn har højst {max} tegn',
  'reason.repeated': {
    one: 'linket angiver {name} {count} gang',
    other: 'linket angiver {name} {count} gange',
  },
  'reason.encoding': '{name} i linket er ikke gyldig procentkodet UTF-8',

  'waiting.title': 'Venter på, at en vært lukker dig ind',
  'waiting.detail': 'Dette møde er låst. Du deltager, så snart en vært lukker dig ind.',
  'common.leave': 'Forlad',
  'common.you': 'You',

  'call.label': 'Møde',
  'call.title': 'Møde {room}',
  'call.participants': {
    one: '{count} deltager',
    other: '{count} deltagere',
  },
  'call.timer': 'Tid i mødet',
  'call.connecting': 'Forbinder\u2026',
  'call.reconnecting': 'Genopretter forbindelsen\u2026',
  'call.e2ee': 'End-to-end-krypteret. Sikkerhedskode',
  'call.e2eeHint': '(den samme på alle skærme, ellers lytter nogen med)',
  'call.recording': 'Optager',
  'call.controls': 'Opkaldsknapper',
  'call.mute': 'Slå lyd fra',
  'call.unmute': 'Slå lyd til',
  'call.stopCamera': 'Sluk kamera',
  'call.startCamera': 'Tænd kamera',
  'call.shareScreen': 'Del skærm',
  'call.stopSharing': 'Stop deling',
  'call.lock': 'Lås rummet',
  'call.unlock': 'Lås rummet op',
  'call.record': 'Optag',
  'call.stopRecording': 'Stop optagelse',
  'call.end': 'Afslut mødet',
  'call.hearOthers': 'Klik for at høre de andre',

  'dialog.endTitle': 'Afslut mødet for alle?',
  'dialog.endDetail': 'Alle sendes ud, og ingen kan deltage i mødet igen.',
  'dialog.cancel': 'Annuller',
  'dialog.recordingTitle': 'Start optagelse af dette møde?',
  'dialog.recordingDetail': 'Serveren optager alles lyd og video i en fil i arrangørens lager. '
    + 'Alle kan se, at mødet optages.',
  'dialog.notNow': 'Ikke nu',
  'dialog.startRecording': 'Start optagelse',

  'ended.left': 'Du har forladt mødet',
  'ended.notJoined': 'Du deltog ikke i mødet',
  'ended.stoppedWaiting': 'Du holdt op med at vente, før en vært lukkede dig ind.',
  'ended.leftBeforeJoining': 'Du gik, før du deltog.',
  'ended.cannotJoin': 'Kan ikke deltage i dette møde',
  'ended.meetingEnded': 'Mødet er slut',
  'ended.removed': 'Du er blevet fjernet fra mødet',
  'ended.noMeeting': 'Intet møde her',
  'ended.noRoomName': 'Linket har intet rumnavn. Tjek linket.',
  'ended.linkUnusable': 'Dette mødelink kan ikke bruges: {reason}, så det er uklart, hvilken rolle '
    + 'det giver. Åbn linket, som du fik det, eller bed om et nyt.',
  'ended.join': 'Deltag',
  'ended.joinAgain': 'Deltag igen',
  'ended.askAgain': 'Bed om at komme ind igen',
  'ended.tryAgain': 'Prøv igen',

  'error.room_full': 'Mødet er fuldt. Almindelige rum har plads til højst 4 personer.',
  'error.too_many_knocks': 'For mange personer fra dit netværk venter allerede på at blive lukket '
    + 'ind i mødet. Prøv igen, når en vært har svaret dem.',
  'error.invalid_room_key': 'Dette mødelink er ikke gyldigt (det kan være udløbet). Bed om et nyt '
    + 'link.',
  'error.meeting_ended': 'Dette møde er slut.',
  'error.room_not_found': 'Dette møde findes ikke. Tjek linket.',
  'error.knock_rejected': 'En vært lukkede dig ikke ind.',
  'error.removed': 'En vært har fjernet dig fra mødet.',
  'error.e2ee_required': 'Mødet er end-to-end-krypteret, og dets indstillinger er ændret, siden '
    + 'siden blev åbnet. Genindlæs siden for at deltage.',
  'error.e2ee_unavailable': 'Mødet er ikke længere end-to-end-krypteret, så siden deltog ikke. '
    + 'Genindlæs siden for at deltage uden end-to-end-kryptering.',
  'error.e2ee_unsupported': 'Mødet er end-to-end-krypteret, og denne browser kan ikke kryptere lyd '
    + 'og video (den mangler WebRTC Encoded Transforms). Deltag fra en aktuel Chromium-baseret '
    + 'browser eller Firefox.',
  'error.join_refused': 'Mødeserveren afviste at lukke dig ind. Tjek linket, eller bed om et nyt.',
  'error.name_refused': 'Dit navn kan ikke bruges. Et navn må ikke være tomt, må ikke indeholde '
    + 'kontroltegn, retningstilsidesættelser eller nogen af $ ! < > : ;, og har højst 100 tegn.',

  'notice.sfu_error': 'Medieserveren kunne ikke konfigurere din lyd og video. Prøv at forlade '
    + 'mødet og deltage igen.',
  'notice.publish_failed': 'Din lyd og video kunne ikke sendes. Prøv at forlade mødet og deltage '
    + 'igen.',
  'notice.subscribe_failed': 'De andres lyd og video kunne ikke modtages. Prøv at deltage igen.',
  'notice.rate_limited': 'For mange handlinger på én gang; nogle blev ignoreret.',
  'notice.forbidden': 'Kun værter kan gøre det.',
  'notice.chat_disabled': 'Chatten er slået fra i dette møde.',
  'notice.unavailable': 'Mødeserveren er optaget. Prøver igen\u2026',
  'notice.media_lost': 'Medieforbindelsen blev afbrudt. Genopretter forbindelsen\u2026',
  'notice.transport_failed': 'Forbindelsen til mødet blev afbrudt. Genopretter forbindelsen\u2026',
  'notice.muted': 'En vært har slået din mikrofon fra. Du kan selv slå den til igen.',
  'notice.too_many_spotlights': 'At most 4 people can be in the spotlight. Remove a spotlight '
    + 'first.',

  'media.screenRefused': 'Skærmdeling blev annulleret eller afvist.',
  'media.screenFailed': 'Skærmen kunne ikke deles.',
  'media.denied': 'Adgang til kamera eller mikrofon blev afvist. Du kan stadig deltage og se de '
    + 'andre.',
  'media.notFound': 'Der blev ikke fundet noget kamera eller nogen mikrofon.',
  'media.inUse': 'Kameraet eller mikrofonen bruges af et andet program.',
  'media.failed': 'Kameraet eller mikrofonen kunne ikke startes.',

  'announce.someone': 'Nogen',
  'announce.joined': '{name} deltager nu',
  'announce.left': '{name} gik',
  'announce.knocking': '{name} venter på at blive lukket ind',
  'announce.sharing': 'Du deler din skærm',
  'announce.sharingOff': 'Skærmdeling fra',
  'announce.micOn': 'Mikrofon til',
  'announce.micOff': 'Mikrofon fra',
  'announce.cameraOn': 'Kamera til',
  'announce.cameraOff': 'Kamera fra',
  'announce.recording': 'Mødet optages',
  'announce.recordingStopped': 'Optagelsen er stoppet',
  'announce.safetyCode': 'Sikkerhedskoden er ændret: sammenlign den med de andre igen',
  'announce.soundBlocked': 'Browseren blokerede lyden: tryk på \u201d{button}\u201d',
  'announce.undecryptable': 'Lyd og video fra {name} kan ikke dekrypteres',
  'announce.chat': '{name}: {text}',

  'side.label': 'Personer og chat',
  'side.knocking': 'Venter på at komme ind',
  'side.people': 'Personer',
  'side.chat': 'Chat',
  'people.you': '{name} (dig)',
  'people.host': 'vært',
  'people.viewer': 'tilskuer',
  'people.recorder': 'optagelse',
  'people.thisParticipant': 'denne deltager',
  'people.mute': 'Slå lyd fra',
  'people.muteName': 'Slå lyden fra for {name}',
  'people.remove': 'Fjern',
  'people.removeName': 'Fjern {name}',
  'people.letIn': 'Luk ind',
  'people.letInName': 'Luk {name} ind',
  'people.hold': 'Lad vente',
  'people.holdName': 'Lad {name} vente',
  'people.holdMessage': 'En vært lukker dig ind om lidt.',
  'people.reject': 'Afvis',
  'people.rejectName': 'Afvis {name}',
  'chat.notEncrypted': 'Chatten er ikke end-to-end-krypteret: serveren videresender beskederne og '
    + 'kan læse dem (den gemmer ingen).',
  'chat.placeholder': 'Besked til alle',
  'chat.label': 'Chatbesked',
  'chat.send': 'Send',
  'chat.download': 'Download chat',
  'chat.from': '{name}:',
  'chat.delete': 'Slet',
  'chat.deleteName': 'Slet besked fra {name}',
  'chat.notConnected': 'Ikke forbundet: beskeden blev ikke sendt. Prøv igen om lidt.',
  'chat.bad_message': 'Beskeden kan ikke sendes: den indeholder tegn, der ikke er tilladt '
    + '(kontroltegn eller retningstilsidesættelser; linjeskift er i orden).',
  'chat.too_large': 'Beskeden er for lang til at blive sendt.',
  'chat.rate_limited': 'For mange beskeder på én gang. Vent lidt, og send den igen.',
  'chat.chat_disabled': 'Chatten er slået fra i dette møde.',
  'chat.transcriptTitle': 'Chat fra mødet {room}, {date}',

  'tile.screen': '{name} (skærm)',
  'tile.cameraOff': 'Kameraet er slukket',
  'tile.connecting': 'Forbinder\u2026',
  'tile.pausedLastN': 'Video sat på pause: ikke blandt de seneste talere',
  'tile.pausedBandwidth': 'Video sat på pause: din forbindelse er for langsom',
  'tile.undecryptable': 'Kan ikke dekryptere: deltagerens krypteringsnøgle er ikke nået frem til '
    + 'dig',
  'tile.unplayable': 'Denne browser kan ikke afspille videoen fra {name} ({codec})',
  'tile.pinTitle': 'Vis altid dette kamera',
  'tile.pin': 'Fastgør',
  'tile.unpin': 'Frigør',
  'tile.pinName': 'Fastgør {name}',
  'tile.unpinName': 'Frigør {name}',
  'tile.thisCamera': 'dette kamera',
  'peer.lost': 'Forbindelsen til {name} blev afbrudt, prøver igen\u2026',
  'peer.notYet': 'Kan endnu ikke forbinde til {name}, prøver igen\u2026',
  'peer.none': 'Ingen forbindelse til {name}',
  'peer.failed': 'Kunne ikke forbinde til {name} efter flere forsøg. En firewall eller netværket '
    + 'blokerer måske opkaldet: prøv at forlade mødet og deltage igen, eller brug et andet netværk.',
  'peer.back': 'Forbundet til {name} igen.',

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
