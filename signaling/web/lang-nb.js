// Norwegian Bokmål (Norsk bokmål). Keys and placeholders as lang-en.js, the reference.

export default {
  'page.title': 'Fjord-møte',
  'language.label': 'Språk',

  'precall.title': 'Klar til å bli med?',
  'precall.room': 'Rom',
  'precall.nameLabel': 'Navnet ditt',
  'precall.micOn': 'Mikrofon på',
  'precall.micOff': 'Mikrofon av',
  'precall.cameraOn': 'Kamera på',
  'precall.cameraOff': 'Kamera av',
  'precall.join': 'Bli med i møtet',
  'precall.hintP2p': 'Lyden og videoen din går kryptert rett til de andre deltakerne; ingenting '
    + 'tas opp.',
  'precall.hintSfu': 'Lyden og videoen din krypteres til serveren, som sender dem videre til de '
    + 'andre deltakerne: den kan lese dem, men lagrer ingenting; ingenting tas opp.',
  'precall.hintE2ee': 'Lyden og videoen din er ende-til-ende-kryptert: serveren sender dem videre '
    + 'til de andre deltakerne, men kan ikke lese dem; ingenting tas opp.',
  'precall.cloudRecording': 'Dette møtet tas opp: serveren tar opp alles lyd og video i en fil i '
    + 'arrangørens lagring. Møter som tas opp, er ikke ende-til-ende-kryptert: serveren leser lyden '
    + 'og videoen for å ta dem opp.',
  'precall.permissionHelp': 'Virker ikke kameraet eller mikrofonen?',
  'precall.permissionHelpLink': 'Få hjelp med tilgang til kamera og mikrofon',
  'precall.localRecording': 'Dette møtet kan bli tatt opp: en vert kan ta det opp på sin egen enhet '
    + '(ingenting tas opp på serveren).',
  'precall.viewer': 'Du blir med som tilskuer: kameraet og mikrofonen din forblir av.',
  'precall.enterName': 'Skriv inn navnet ditt.',
  'precall.linkNameRefused': 'Navnet i lenken kan ikke brukes: {reason}. Skriv inn et annet.',
  'precall.nameRefused': 'Dette navnet kan ikke brukes: {reason}.',
  'reason.nameCharacters': 'et navn kan ikke inneholde noen av $ ! < > : ;',
  'reason.nameLength': 'et navn har maks {max} tegn',
  'reason.repeated': {
    one: 'lenken oppgir {name} {count} gang',
    other: 'lenken oppgir {name} {count} ganger',
  },
  'reason.encoding': '{name} i lenken er ikke gyldig prosentkodet UTF-8',

  'waiting.title': 'Venter på at en vert slipper deg inn',
  'waiting.detail': 'Dette møtet er låst. Du blir med så snart en vert slipper deg inn.',
  'common.leave': 'Forlat',
  'common.you': 'You',

  'call.label': 'Møte',
  'call.title': 'Møte {room}',
  'call.participants': {
    one: '{count} deltaker',
    other: '{count} deltakere',
  },
  'call.timer': 'Tid i møtet',
  'call.connecting': 'Kobler til\u2026',
  'call.reconnecting': 'Kobler til på nytt\u2026',
  'call.e2ee': 'Ende-til-ende-kryptert. Sikkerhetskode',
  'call.e2eeHint': '(den samme på alle skjermer, ellers lytter noen med)',
  'call.recording': 'Tar opp',
  'call.controls': 'Samtalekontroller',
  'call.mute': 'Slå av lyd',
  'call.unmute': 'Slå på lyd',
  'call.stopCamera': 'Slå av kamera',
  'call.startCamera': 'Slå på kamera',
  'call.shareScreen': 'Del skjerm',
  'call.stopSharing': 'Stopp deling',
  'call.lock': 'Lås rommet',
  'call.unlock': 'Lås opp rommet',
  'call.record': 'Ta opp',
  'call.stopRecording': 'Stopp opptak',
  'call.end': 'Avslutt møtet',
  'call.hearOthers': 'Klikk for å høre de andre',

  'dialog.endTitle': 'Avslutte møtet for alle?',
  'dialog.endDetail': 'Alle sendes ut, og ingen kan bli med i møtet igjen.',
  'dialog.cancel': 'Avbryt',
  'dialog.recordingTitle': 'Starte opptak av dette møtet?',
  'dialog.recordingDetail': 'Serveren tar opp alles lyd og video i en fil i arrangørens lagring. '
    + 'Alle ser at møtet tas opp.',
  'dialog.notNow': 'Ikke nå',
  'dialog.startRecording': 'Start opptak',

  'ended.left': 'Du har forlatt møtet',
  'ended.notJoined': 'Du ble ikke med i møtet',
  'ended.stoppedWaiting': 'Du sluttet å vente før en vert slapp deg inn.',
  'ended.leftBeforeJoining': 'Du gikk før du ble med.',
  'ended.cannotJoin': 'Kan ikke bli med i dette møtet',
  'ended.meetingEnded': 'Møtet er avsluttet',
  'ended.removed': 'Du ble fjernet fra møtet',
  'ended.noMeeting': 'Ingen møter her',
  'ended.noRoomName': 'Lenken har ikke noe romnavn. Sjekk lenken.',
  'ended.linkUnusable': 'Denne møtelenken kan ikke brukes: {reason}, så det er uklart hvilken rolle '
    + 'den gir. Åpne lenken slik du fikk den, eller be om en ny.',
  'ended.join': 'Bli med',
  'ended.joinAgain': 'Bli med igjen',
  'ended.askAgain': 'Be om å komme inn igjen',
  'ended.tryAgain': 'Prøv igjen',

  'error.room_full': 'Møtet er fullt. Vanlige rom har plass til maks 4 personer.',
  'error.too_many_knocks': 'For mange personer fra nettverket ditt venter allerede på å bli sluppet '
    + 'inn i møtet. Prøv igjen når en vert har svart dem.',
  'error.invalid_room_key': 'Denne møtelenken er ikke gyldig (den kan ha utløpt). Be om en ny '
    + 'lenke.',
  'error.meeting_ended': 'Dette møtet er avsluttet.',
  'error.room_not_found': 'Dette møtet finnes ikke. Sjekk lenken.',
  'error.knock_rejected': 'En vert slapp deg ikke inn.',
  'error.removed': 'En vert fjernet deg fra møtet.',
  'error.e2ee_required': 'Møtet er ende-til-ende-kryptert, og innstillingene er endret siden siden '
    + 'ble åpnet. Last inn siden på nytt for å bli med.',
  'error.e2ee_unavailable': 'Møtet er ikke lenger ende-til-ende-kryptert, så siden ble ikke med. '
    + 'Last inn siden på nytt for å bli med uten ende-til-ende-kryptering.',
  'error.e2ee_unsupported': 'Møtet er ende-til-ende-kryptert, og denne nettleseren kan ikke kryptere '
    + 'lyd og video (den mangler WebRTC Encoded Transforms). Bli med fra en oppdatert '
    + 'Chromium-basert nettleser eller Firefox.',
  'error.join_refused': 'Møteserveren slapp deg ikke inn. Sjekk lenken, eller be om en ny.',
  'error.name_refused': 'Navnet ditt kan ikke brukes. Et navn kan ikke være tomt, kan ikke '
    + 'inneholde kontrolltegn, retningsoverstyringer eller noen av $ ! < > : ;, og har maks '
    + '100 tegn.',

  'notice.sfu_error': 'Medieserveren kunne ikke sette opp lyden og videoen din. Prøv å forlate '
    + 'møtet og bli med igjen.',
  'notice.publish_failed': 'Lyden og videoen din kunne ikke sendes. Prøv å forlate møtet og bli med '
    + 'igjen.',
  'notice.subscribe_failed': 'Lyden og videoen til de andre kunne ikke mottas. Prøv å bli med '
    + 'igjen.',
  'notice.rate_limited': 'For mange handlinger på én gang; noen ble ignorert.',
  'notice.forbidden': 'Bare verter kan gjøre det.',
  'notice.chat_disabled': 'Chatten er slått av i dette møtet.',
  'notice.unavailable': 'Møteserveren er opptatt. Prøver igjen\u2026',
  'notice.media_lost': 'Medieforbindelsen ble brutt. Kobler til på nytt\u2026',
  'notice.transport_failed': 'Forbindelsen til møtet ble brutt. Kobler til på nytt\u2026',
  'notice.muted': 'En vert har slått av mikrofonen din. Du kan slå den på igjen selv.',
  'notice.too_many_spotlights': 'At most 4 people can be in the spotlight. Remove a spotlight '
    + 'first.',

  'media.screenRefused': 'Skjermdelingen ble avbrutt eller avvist.',
  'media.screenFailed': 'Skjermen kunne ikke deles.',
  'media.denied': 'Tilgang til kamera eller mikrofon ble avvist. Du kan likevel bli med og se de '
    + 'andre.',
  'media.notFound': 'Fant ikke noe kamera eller noen mikrofon.',
  'media.inUse': 'Kameraet eller mikrofonen brukes av et annet program.',
  'media.failed': 'Kameraet eller mikrofonen kunne ikke startes.',

  'announce.someone': 'Noen',
  'announce.joined': '{name} ble med',
  'announce.left': '{name} gikk',
  'announce.knocking': '{name} venter på å bli sluppet inn',
  'announce.sharing': 'Du deler skjermen din',
  'announce.sharingOff': 'Skjermdeling av',
  'announce.micOn': 'Mikrofon på',
  'announce.micOff': 'Mikrofon av',
  'announce.cameraOn': 'Kamera på',
  'announce.cameraOff': 'Kamera av',
  'announce.recording': 'Møtet tas opp',
  'announce.recordingStopped': 'Opptaket er stoppet',
  'announce.safetyCode': 'Sikkerhetskoden er endret: sammenlign den med de andre igjen',
  'announce.soundBlocked': 'Nettleseren blokkerte lyden: trykk på «{button}»',
  'announce.undecryptable': 'Kan ikke dekryptere lyden og videoen fra {name}',
  'announce.chat': '{name}: {text}',

  'side.label': 'Personer og chat',
  'side.knocking': 'Venter på å komme inn',
  'side.people': 'Personer',
  'side.chat': 'Chat',
  'people.you': '{name} (deg)',
  'people.host': 'vert',
  'people.viewer': 'tilskuer',
  'people.recorder': 'opptak',
  'people.thisParticipant': 'denne deltakeren',
  'people.mute': 'Slå av lyd',
  'people.muteName': 'Slå av lyden for {name}',
  'people.remove': 'Fjern',
  'people.removeName': 'Fjern {name}',
  'people.letIn': 'Slipp inn',
  'people.letInName': 'Slipp inn {name}',
  'people.hold': 'La vente',
  'people.holdName': 'La {name} vente',
  'people.holdMessage': 'En vert slipper deg inn om litt.',
  'people.reject': 'Avvis',
  'people.rejectName': 'Avvis {name}',
  'chat.notEncrypted': 'Chatten er ikke ende-til-ende-kryptert: serveren videresender meldingene og '
    + 'kan lese dem (den lagrer ingen).',
  'chat.placeholder': 'Melding til alle',
  'chat.label': 'Chatmelding',
  'chat.send': 'Send',
  'chat.download': 'Last ned chatten',
  'chat.from': '{name}:',
  'chat.delete': 'Slett',
  'chat.deleteName': 'Slett meldingen fra {name}',
  'chat.notConnected': 'Ikke tilkoblet: meldingen ble ikke sendt. Prøv igjen om litt.',
  'chat.bad_message': 'Meldingen kan ikke sendes: den inneholder tegn som ikke er tillatt '
    + '(kontrolltegn eller retningsoverstyringer; linjeskift går fint).',
  'chat.too_large': 'Meldingen er for lang til å sendes.',
  'chat.rate_limited': 'For mange meldinger på én gang. Vent litt, og send den igjen.',
  'chat.chat_disabled': 'Chatten er slått av i dette møtet.',
  'chat.transcriptTitle': 'Chat fra møtet {room}, {date}',

  'tile.screen': '{name} (skjerm)',
  'tile.cameraOff': 'Kameraet er av',
  'tile.connecting': 'Kobler til\u2026',
  'tile.pausedLastN': 'Video satt på pause: ikke blant de siste som snakket',
  'tile.pausedBandwidth': 'Video satt på pause: forbindelsen din er for treg',
  'tile.undecryptable': 'Kan ikke dekryptere: krypteringsnøkkelen til denne deltakeren har ikke nådd '
    + 'deg',
  'tile.unplayable': 'Denne nettleseren kan ikke spille av videoen fra {name} ({codec})',
  'tile.pinTitle': 'Vis alltid dette kameraet',
  'tile.pin': 'Fest',
  'tile.unpin': 'Løsne',
  'tile.pinName': 'Fest {name}',
  'tile.unpinName': 'Løsne {name}',
  'tile.thisCamera': 'dette kameraet',
  'peer.lost': 'Forbindelsen til {name} ble brutt, prøver igjen\u2026',
  'peer.notYet': 'Kan ikke koble til {name} ennå, prøver igjen\u2026',
  'peer.none': 'Ingen forbindelse til {name}',
  'peer.failed': 'Kunne ikke koble til {name} etter flere forsøk. En brannmur eller nettverket '
    + 'blokkerer kanskje samtalen: prøv å forlate møtet og bli med igjen, eller bruk et annet '
    + 'nettverk.',
  'peer.back': 'Koblet til {name} igjen.',

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
