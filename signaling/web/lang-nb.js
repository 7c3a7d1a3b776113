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
};
