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
  'common.you': 'Deg',

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
  'notice.too_many_spotlights': 'Høyst 4 personer kan være i rampelyset. Fjern først noen fra '
    + 'rampelyset.',

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

  'side.label': 'Personer, chat og diagnostikk',
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

  'ceremony.title': 'Test av enheter og tilkobling',
  'ceremony.note': 'Før du blir med, sjekker denne testen kameraet, høyttalerne, mikrofonen og '
    + 'tilkoblingen din. En mislykket test hindrer deg ikke i å bli med. Resultatene blir på '
    + 'denne enheten.',
  'ceremony.running': 'Tester\u2026',
  'ceremony.passed': 'Bestått',
  'ceremony.failed': 'Mislyktes',
  'ceremony.skipped': 'Hoppet over',
  'ceremony.camera': 'Kamera',
  'ceremony.microphone': 'Mikrofon',
  'ceremony.connectivity': 'Tilkobling',
  'ceremony.speaker': 'Høyttalere',
  'ceremony.speakerRunning': 'Spill av testlyden, og si så om du hørte den.',
  'ceremony.speakerAsk': 'Hørte du testlyden?',
  'ceremony.speakerPassed': 'Du hører lyd fra høyttalerne eller hodetelefonene dine.',
  'ceremony.speakerFailed': 'Du hørte ikke testlyden. Sjekk at høyttalerne eller hodetelefonene '
    + 'er koblet til, slått på, høye nok og valgt som lydutgang i systeminnstillingene, og test '
    + 'på nytt.',
  'ceremony.play': 'Spill av testlyd',
  'ceremony.heard': 'Ja, jeg hørte den',
  'ceremony.notHeard': 'Nei, det gjorde jeg ikke',
  'ceremony.announce': '{step}: {status}. {detail}',
  'ceremony.cameraRunning': 'Venter på bilde fra kameraet ditt\u2026',
  'ceremony.cameraPassed': 'Kameraet ditt sender bilde.',
  'ceremony.cameraOff': 'Kameraet ditt er av eller kunne ikke åpnes, så det ble ikke testet. Slå '
    + 'det på med «Kamera på», lukk andre apper som kan bruke det, og test på nytt.',
  'ceremony.cameraTimeout': 'Det kom ikke noe bilde fra kameraet ditt innen {seconds} sekunder. '
    + 'Sjekk at det er tilkoblet og ikke brukes av en annen app, og test på nytt.',
  'ceremony.microphoneRunning': 'Si noe: søylen viser hva mikrofonen din hører.',
  'ceremony.microphonePassed': 'Mikrofonen din fanger opp lyd.',
  'ceremony.microphoneOff': 'Mikrofonen din er av eller kunne ikke åpnes, så den ble ikke testet. '
    + 'La nettleseren bruke den, og test på nytt.',
  'ceremony.microphoneMuted': 'Mikrofonen din er dempet. Slå den på med «Mikrofon på» og test på '
    + 'nytt.',
  'ceremony.microphoneTimeout': 'Ingenting ble hørt fra mikrofonen din innen {seconds} sekunder. '
    + 'Sjekk at den er tilkoblet og ikke dempet i systeminnstillingene, snakk, og test på nytt.',
  'ceremony.connectivityRunning': 'Sjekker tilkoblingen til møteserveren og medierelét, og hvor '
    + 'mye data det bærer\u2026',
  'ceremony.connectivityPassed': 'Møteserveren svarer, og medierelét (TURN, over {via}) bar '
    + '{mbps} Mbit/s fram og tilbake: nok for video.',
  'ceremony.connectivityPassedPolling': 'Møteserveren svarer (via HTTPS-polling: WebSockets ser '
    + 'ut til å være blokkert, noe som virker, men er tregere), og medierelét (TURN, over '
    + '{via}) bar {mbps} Mbit/s fram og tilbake: nok for video.',
  'ceremony.connectivityRefused': 'Møteserveren avviste testen ({reason}). Last inn siden på '
    + 'nytt, eller be den som sendte deg lenken, om en ny.',
  'ceremony.connectivityNoSignaling': 'Møteserveren kunne ikke nås ({reason}). Sjekk '
    + 'internettilkoblingen; på et bedrifts- eller offentlig nettverk kan du be administratoren '
    + 'tillate dette nettstedet.',
  'ceremony.connectivityNoRelay': 'Møteserveren svarer, men medierelét (TURN) kunne ikke nås, så '
    + 'lyd og video kommer kanskje ikke fram. En brannmur blokkerer det kanskje: prøv et annet '
    + 'nettverk, eller be nettverksadministratoren tillate UDP og TCP til relét.',
  'ceremony.connectivityNoRelayInTime': 'Møteserveren svarer, men medierelét (TURN) kunne ikke '
    + 'nås innen {seconds} sekunder, så lyd og video kommer kanskje ikke fram. En brannmur '
    + 'blokkerer det kanskje: prøv et annet nettverk, eller be nettverksadministratoren tillate '
    + 'UDP og TCP til relét.',
  'ceremony.connectivityNoPath': 'Medierelét (TURN) ga adresser over {via}, men bar ingen data '
    + 'mellom dem, så lyd og video kommer kanskje ikke fram. Møteserveren er kanskje satt opp '
    + 'feil: si fra til den som driver den.',
  'ceremony.connectivityNoData': 'Medierelét (TURN) ga en adresse over {via}, men ingen data '
    + 'kom gjennom det innen {seconds} sekunder, så lyd og video kommer kanskje ikke fram. En '
    + 'brannmur blokkerer det kanskje: prøv et annet nettverk, eller be '
    + 'nettverksadministratoren tillate UDP og TCP til relét.',
  'ceremony.connectivitySlow': 'Møteserveren svarer, men medierelét (TURN, over {via}) bar bare '
    + '{mbps} Mbit/s fram og tilbake, mindre enn de {needed} Mbit/s video trenger: andre kan se '
    + 'og høre deg dårlig. Lukk programmer som bruker nettverket, eller flytt deg nærmere '
    + 'wifi-en, og test igjen.',
  'ceremony.connectivityTimeout': 'Møteserveren svarte ikke innen {seconds} sekunder. '
    + 'Tilkoblingen din kan være treg eller blokkert av en brannmur.',
  'ceremony.connectivitySkipped': 'Du hoppet over tilkoblingstesten.',
  'ceremony.meterLabel': 'Mikrofonnivå',
  'ceremony.summaryPassed': 'Alle testene er bestått. Du er klar til å bli med.',
  'ceremony.summaryFailed': 'Noen tester mislyktes. Du kan likevel bli med i møtet, men andre ser '
    + 'eller hører deg kanskje dårlig.',
  'ceremony.summarySkipped': 'Tilkoblingen ble ikke testet. Du kan bli med i møtet.',
  'ceremony.skip': 'Hopp over tilkoblingstesten',
  'ceremony.again': 'Test på nytt',
  'settings.open': 'Innstillinger',
  'pip.button': 'Bilde-i-bilde',
  'pip.noVideo': 'Det er ingen video å vise som bilde-i-bilde ennå.',
  'pip.refused': 'Nettleseren åpnet ikke bilde-i-bilde.',
  'settings.title': 'Enheter',
  'settings.camera': 'Kamera',
  'settings.microphone': 'Mikrofon',
  'settings.speaker': 'Høyttalere',
  'settings.close': 'Lukk',
  'settings.device': 'Enhet {n}',
  'settings.none': 'Ingen funnet',
  'settings.speakerFailed': 'Lyden kunne ikke flyttes til de høyttalerne. Velg en annen utgang, '
    + 'eller sjekk systeminnstillingene.',

  'invitation.title': 'Venter på at andre skal bli med',
  'invitation.linkLabel': 'Møtelenke',
  'invitation.copy': 'Kopier lenke',
  'invitation.copied': 'Lenken er kopiert',
  'invitation.selectToCopy': 'Lenken er merket: trykk Ctrl+C (eller \u2318C) for å kopiere den',

  'reactions.button': 'Reaksjoner',
  'reactions.menu': 'Send en reaksjon',
  'reactions.e2eeNote': 'Reaksjoner er ikke ende-til-ende-kryptert: serveren videresender dem '
    + '(den lagrer ingen).',
  'reactions.tooFast': 'For mange reaksjoner på en gang; vent litt.',
  'reactions.reacted': '{name} reagerte med {reaction}',
  'reactions.youReacted': 'Du reagerte med {reaction}',
  'reactions.thumbsUp': 'Tommel opp',
  'reactions.thumbsDown': 'Tommel ned',
  'reactions.clap': 'Klapp',
  'reactions.raisedHand': 'Rekk opp hånden',
  'reactions.heart': 'Hjerte',
  'reactions.laugh': 'Latter',
  'reactions.surprised': 'Overrasket',
  'reactions.celebrate': 'Feire',

  'spotlight.add': 'Rampelys',
  'spotlight.addName': 'Sett {name} i rampelyset',
  'spotlight.remove': 'Fjern fra rampelyset',
  'spotlight.removeName': 'Fjern {name} fra rampelyset',
  'spotlight.tag': 'i rampelyset',
  'spotlight.on': '{name} er i rampelyset',
  'spotlight.off': '{name} er ikke lenger i rampelyset',
  'spotlight.onYou': 'Du er i rampelyset',
  'spotlight.offYou': 'Du er ikke lenger i rampelyset',

  'diagnostics.button': 'Diagnostikk',
  'diagnostics.title': 'Møtediagnostikk',
  'diagnostics.close': 'Lukk',
  'diagnostics.closeLabel': 'Lukk møtediagnostikk',
  'diagnostics.privacy': 'Måles i nettleseren din hvert sekund mens denne siden vises. Ingenting '
    + 'sendes til serveren eller lagres.',
  'diagnostics.p2p': 'Node til node: lyd og video går rett mellom nettleserne (P2P), eller '
    + 'gjennom TURN-relét når en kandidattype er relay.',
  'diagnostics.sfu': 'Gjennom serveren: lyd og video går gjennom SFU-en. Tur-retur, jitter og '
    + 'kandidattyper gjelder tilkoblingen din til serveren.',
  'diagnostics.someone': 'Deltaker',
  'diagnostics.good': 'God',
  'diagnostics.fair': 'Middels',
  'diagnostics.poor': 'Dårlig',
  'diagnostics.quality': 'Tilkoblingskvalitet: {level}',
  'diagnostics.qualityCauses': 'Tilkoblingskvalitet: {level} ({causes})',
  'diagnostics.measuring': 'Tilkoblingskvalitet: måler\u2026',
  'diagnostics.causeLoss': 'pakketap',
  'diagnostics.causeRtt': 'tur-retur-tid',
  'diagnostics.causeJitter': 'jitter',
  'diagnostics.causeLimitation': 'video begrenset',
  'diagnostics.bitrateIn': 'Mottatt',
  'diagnostics.bitrateOut': 'Sendt',
  'diagnostics.lossPct': 'Pakketap',
  'diagnostics.rttMs': 'Tur-retur-tid',
  'diagnostics.jitterMs': 'Jitter',
  'diagnostics.video': 'Video mottatt',
  'diagnostics.videoSent': 'Video sendt',
  'diagnostics.codecs': 'Kodeker',
  'diagnostics.path': 'ICE-kandidattyper (her / andre ende)',
  'diagnostics.limitation': 'Video begrenset av',
  'diagnostics.bandwidth': 'båndbredde',
  'diagnostics.cpu': 'CPU',
  'diagnostics.other': 'annet',
  'diagnostics.nothing': 'ingenting',
  'diagnostics.kbits': '{value} kbit/s',
  'diagnostics.percent': '{value} %',
  'diagnostics.millis': '{value} ms',
  'diagnostics.size': '{width}\u00d7{height}',
  'diagnostics.sizeFps': '{width}\u00d7{height}, {fps} fps',
  'diagnostics.none': '–',
};
