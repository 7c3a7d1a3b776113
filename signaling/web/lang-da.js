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
  'common.you': 'Dig',

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
  'notice.too_many_spotlights': 'Højst 4 personer kan være i spotlight. Fjern først et spotlight.',

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

  'side.label': 'Personer, chat og diagnostik',
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

  'ceremony.title': 'Test af enheder og forbindelse',
  'ceremony.note': 'Før du deltager, tjekker denne test dit kamera, dine højttalere, din '
    + 'mikrofon og din forbindelse. En mislykket test forhindrer dig ikke i at deltage. '
    + 'Resultaterne bliver på denne enhed.',
  'ceremony.running': 'Tester\u2026',
  'ceremony.passed': 'Bestået',
  'ceremony.failed': 'Mislykket',
  'ceremony.skipped': 'Sprunget over',
  'ceremony.camera': 'Kamera',
  'ceremony.microphone': 'Mikrofon',
  'ceremony.connectivity': 'Forbindelse',
  'ceremony.speaker': 'Højttalere',
  'ceremony.speakerRunning': 'Afspil testlyden, og sig så, om du hørte den.',
  'ceremony.speakerAsk': 'Hørte du testlyden?',
  'ceremony.speakerPassed': 'Du hører lyd fra dine højttalere eller hovedtelefoner.',
  'ceremony.speakerFailed': 'Du hørte ikke testlyden. Tjek, at dine højttalere eller '
    + 'hovedtelefoner er tilsluttet, tændt, skruet højt nok op og valgt som lydudgang i dine '
    + 'systemindstillinger, og test igen.',
  'ceremony.play': 'Afspil testlyd',
  'ceremony.heard': 'Ja, jeg hørte den',
  'ceremony.notHeard': 'Nej, det gjorde jeg ikke',
  'ceremony.announce': '{step}: {status}. {detail}',
  'ceremony.cameraRunning': 'Venter på et billede fra dit kamera\u2026',
  'ceremony.cameraPassed': 'Dit kamera sender et billede.',
  'ceremony.cameraOff': 'Dit kamera er slukket eller kunne ikke åbnes, så det blev ikke testet. '
    + 'Tænd det med »Kamera til«, luk andre apps, der måske bruger det, og test igen.',
  'ceremony.cameraTimeout': 'Der kom intet billede fra dit kamera inden for {seconds} sekunder. '
    + 'Tjek, at det er tilsluttet og ikke bruges af en anden app, og test så igen.',
  'ceremony.microphoneRunning': 'Sig noget: bjælken viser, hvad din mikrofon hører.',
  'ceremony.microphonePassed': 'Din mikrofon opfanger lyd.',
  'ceremony.microphoneOff': 'Din mikrofon er slukket eller kunne ikke åbnes, så den blev ikke '
    + 'testet. Giv browseren lov til at bruge den, og test så igen.',
  'ceremony.microphoneMuted': 'Din mikrofon er slået fra. Tænd den med »Mikrofon til«, og test '
    + 'igen.',
  'ceremony.microphoneTimeout': 'Der blev ikke hørt noget fra din mikrofon inden for {seconds} '
    + 'sekunder. Tjek, at den er tilsluttet og ikke slået fra i dine systemindstillinger, tal, og '
    + 'test igen.',
  'ceremony.connectivityRunning': 'Tjekker forbindelsen til mødeserveren og dens medierelæ, og '
    + 'hvor meget data det bærer\u2026',
  'ceremony.connectivityPassed': 'Mødeserveren svarer, og dens medierelæ (TURN, over {via}) bar '
    + '{mbps} Mbit/s frem og tilbage: nok til video.',
  'ceremony.connectivityPassedPolling': 'Mødeserveren svarer (via HTTPS-polling: WebSockets ser '
    + 'ud til at være blokeret, hvilket virker, men er langsommere), og dens medierelæ (TURN, '
    + 'over {via}) bar {mbps} Mbit/s frem og tilbage: nok til video.',
  'ceremony.connectivityRefused': 'Mødeserveren afviste testen ({reason}). Genindlæs siden, eller '
    + 'bed den, der sendte dig linket, om et nyt.',
  'ceremony.connectivityNoSignaling': 'Mødeserveren kunne ikke nås ({reason}). Tjek din '
    + 'internetforbindelse; på et firma- eller offentligt netværk skal du bede administratoren om '
    + 'at tillade dette websted.',
  'ceremony.connectivityNoRelay': 'Mødeserveren svarer, men dens medierelæ (TURN) kunne ikke nås, '
    + 'så lyd og video kommer måske ikke igennem. En firewall blokerer det måske: prøv et andet '
    + 'netværk, eller bed netværksadministratoren om at tillade UDP og TCP til relæet.',
  'ceremony.connectivityNoRelayInTime': 'Mødeserveren svarer, men dens medierelæ (TURN) kunne '
    + 'ikke nås inden for {seconds} sekunder, så lyd og video kommer måske ikke igennem. En '
    + 'firewall blokerer det måske: prøv et andet netværk, eller bed netværksadministratoren om '
    + 'at tillade UDP og TCP til relæet.',
  'ceremony.connectivityNoPath': 'Medierelæet (TURN) gav adresser over {via}, men bar ingen '
    + 'data mellem dem, så lyd og video kommer måske ikke igennem. Mødeserveren er måske sat '
    + 'forkert op: sig det til den, der driver den.',
  'ceremony.connectivityNoData': 'Medierelæet (TURN) gav en adresse over {via}, men der kom '
    + 'ingen data igennem det inden for {seconds} sekunder, så lyd og video kommer måske ikke '
    + 'igennem. En firewall blokerer det måske: prøv et andet netværk, eller bed '
    + 'netværksadministratoren om at tillade UDP og TCP til relæet.',
  'ceremony.connectivitySlow': 'Mødeserveren svarer, men dens medierelæ (TURN, over {via}) bar '
    + 'kun {mbps} Mbit/s frem og tilbage, mindre end de {needed} Mbit/s, video kræver: andre '
    + 'ser og hører dig måske dårligt. Luk programmer, der bruger netværket, eller flyt tættere '
    + 'på dit wi-fi, og test igen.',
  'ceremony.connectivityTimeout': 'Mødeserveren svarede ikke inden for {seconds} sekunder. Din '
    + 'forbindelse er måske langsom eller blokeret af en firewall.',
  'ceremony.connectivitySkipped': 'Du sprang forbindelsestesten over.',
  'ceremony.meterLabel': 'Mikrofonniveau',
  'ceremony.summaryPassed': 'Alle test er bestået. Du er klar til at deltage.',
  'ceremony.summaryFailed': 'Nogle test mislykkedes. Du kan stadig deltage i mødet, men andre kan '
    + 'måske ikke se eller høre dig ordentligt.',
  'ceremony.summarySkipped': 'Forbindelsen blev ikke testet. Du kan deltage i mødet.',
  'ceremony.skip': 'Spring forbindelsestest over',
  'ceremony.again': 'Test igen',
  'settings.open': 'Indstillinger',
  'pip.button': 'Billede-i-billede',
  'pip.noVideo': 'Der er endnu ingen video at vise som billede-i-billede.',
  'pip.refused': 'Browseren åbnede ikke billede-i-billede.',
  'settings.title': 'Enheder',
  'settings.camera': 'Kamera',
  'settings.microphone': 'Mikrofon',
  'settings.speaker': 'Højttalere',
  'settings.close': 'Luk',
  'settings.device': 'Enhed {n}',
  'settings.none': 'Ingen fundet',
  'settings.speakerFailed': 'Lyden kunne ikke flyttes til de højttalere. Vælg en anden udgang, '
    + 'eller tjek dine systemindstillinger.',

  'invitation.title': 'Venter på, at andre deltager',
  'invitation.linkLabel': 'Mødelink',
  'invitation.copy': 'Kopiér link',
  'invitation.copied': 'Link kopieret',
  'invitation.selectToCopy': 'Linket er markeret: tryk Ctrl+C (eller \u2318C) for at kopiere det',

  'reactions.button': 'Reaktioner',
  'reactions.menu': 'Send en reaktion',
  'reactions.e2eeNote': 'Reaktioner er ikke end-to-end-krypterede: serveren videresender dem (den '
    + 'gemmer ingen).',
  'reactions.tooFast': 'For mange reaktioner på én gang; vent et øjeblik.',
  'reactions.reacted': '{name} reagerede med {reaction}',
  'reactions.youReacted': 'Du reagerede med {reaction}',
  'reactions.thumbsUp': 'Tommel op',
  'reactions.thumbsDown': 'Tommel ned',
  'reactions.clap': 'Klap',
  'reactions.raisedHand': 'Ræk hånden op',
  'reactions.heart': 'Hjerte',
  'reactions.laugh': 'Grin',
  'reactions.surprised': 'Overrasket',
  'reactions.celebrate': 'Fejr',

  'spotlight.add': 'Spotlight',
  'spotlight.addName': 'Sæt {name} i spotlight',
  'spotlight.remove': 'Fjern spotlight',
  'spotlight.removeName': 'Fjern spotlight fra {name}',
  'spotlight.tag': 'i spotlight',
  'spotlight.on': '{name} er i spotlight',
  'spotlight.off': '{name} er ikke længere i spotlight',
  'spotlight.onYou': 'Du er i spotlight',
  'spotlight.offYou': 'Du er ikke længere i spotlight',

  'diagnostics.button': 'Diagnostik',
  'diagnostics.title': 'Mødediagnostik',
  'diagnostics.close': 'Luk',
  'diagnostics.closeLabel': 'Luk mødediagnostik',
  'diagnostics.privacy': 'Måles i din browser hvert sekund, mens denne side vises. Intet sendes '
    + 'til serveren eller gemmes.',
  'diagnostics.p2p': 'Peer-to-peer: lyd og video går direkte mellem browserne (P2P) eller gennem '
    + 'TURN-relæet, når en kandidattype er relay.',
  'diagnostics.sfu': 'Gennem serveren: lyd og video går gennem SFU\'en. Rundtur, jitter og '
    + 'kandidattyper gælder din forbindelse til serveren.',
  'diagnostics.someone': 'Deltager',
  'diagnostics.good': 'God',
  'diagnostics.fair': 'Middel',
  'diagnostics.poor': 'Dårlig',
  'diagnostics.quality': 'Forbindelseskvalitet: {level}',
  'diagnostics.qualityCauses': 'Forbindelseskvalitet: {level} ({causes})',
  'diagnostics.measuring': 'Forbindelseskvalitet: måler\u2026',
  'diagnostics.causeLoss': 'pakketab',
  'diagnostics.causeRtt': 'rundturstid',
  'diagnostics.causeJitter': 'jitter',
  'diagnostics.causeLimitation': 'video begrænset',
  'diagnostics.bitrateIn': 'Modtaget',
  'diagnostics.bitrateOut': 'Sendt',
  'diagnostics.lossPct': 'Pakketab',
  'diagnostics.rttMs': 'Rundturstid',
  'diagnostics.jitterMs': 'Jitter',
  'diagnostics.video': 'Video modtaget',
  'diagnostics.videoSent': 'Video sendt',
  'diagnostics.codecs': 'Codecs',
  'diagnostics.path': 'ICE-kandidattyper (her / anden ende)',
  'diagnostics.limitation': 'Video begrænset af',
  'diagnostics.bandwidth': 'båndbredde',
  'diagnostics.cpu': 'CPU',
  'diagnostics.other': 'andet',
  'diagnostics.nothing': 'intet',
  'diagnostics.kbits': '{value} kbit/s',
  'diagnostics.percent': '{value} %',
  'diagnostics.millis': '{value} ms',
  'diagnostics.size': '{width}\u00d7{height}',
  'diagnostics.sizeFps': '{width}\u00d7{height}, {fps} fps',
  'diagnostics.none': '–',
};
