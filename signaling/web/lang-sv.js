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
  'common.you': 'Du',

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
  'notice.too_many_spotlights': 'Högst 4 personer kan vara i rampljuset. Ta först bort någon ur '
    + 'rampljuset.',

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

  'side.label': 'Personer, chatt och diagnostik',
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

  'ceremony.title': 'Test av enheter och anslutning',
  'ceremony.note': 'Innan du ansluter kontrollerar testet din kamera, dina högtalare, din '
    + 'mikrofon och din anslutning. Ett misslyckat test hindrar dig inte från att ansluta. '
    + 'Resultaten stannar på den här enheten.',
  'ceremony.running': 'Testar\u2026',
  'ceremony.passed': 'Godkänt',
  'ceremony.failed': 'Misslyckades',
  'ceremony.skipped': 'Hoppades över',
  'ceremony.camera': 'Kamera',
  'ceremony.microphone': 'Mikrofon',
  'ceremony.connectivity': 'Anslutning',
  'ceremony.speaker': 'Högtalare',
  'ceremony.speakerRunning': 'Spela upp testljudet och säg sedan om du hörde det.',
  'ceremony.speakerAsk': 'Hörde du testljudet?',
  'ceremony.speakerPassed': 'Du hör ljud från dina högtalare eller hörlurar.',
  'ceremony.speakerFailed': 'Du hörde inte testljudet. Kontrollera att högtalarna eller '
    + 'hörlurarna är anslutna, påslagna, tillräckligt högt inställda och valda som ljudutgång i '
    + 'systeminställningarna, och testa igen.',
  'ceremony.play': 'Spela upp testljud',
  'ceremony.heard': 'Ja, jag hörde det',
  'ceremony.notHeard': 'Nej, jag hörde det inte',
  'ceremony.announce': '{step}: {status}. {detail}',
  'ceremony.cameraRunning': 'Väntar på en bild från din kamera\u2026',
  'ceremony.cameraPassed': 'Din kamera skickar en bild.',
  'ceremony.cameraOff': 'Din kamera är av eller kunde inte öppnas, så den testades inte. Slå på '
    + 'den med ”Kamera på”, stäng andra appar som kan använda den och testa igen.',
  'ceremony.cameraTimeout': 'Ingen bild kom från din kamera inom {seconds} sekunder. Kontrollera '
    + 'att den är ansluten och inte används av en annan app och testa sedan igen.',
  'ceremony.microphoneRunning': 'Säg något: stapeln visar vad din mikrofon hör.',
  'ceremony.microphonePassed': 'Din mikrofon tar upp ljud.',
  'ceremony.microphoneOff': 'Din mikrofon är av eller kunde inte öppnas, så den testades inte. '
    + 'Låt webbläsaren använda den och testa sedan igen.',
  'ceremony.microphoneMuted': 'Din mikrofon är avstängd. Slå på den med ”Mikrofon på” och testa '
    + 'igen.',
  'ceremony.microphoneTimeout': 'Inget hördes från din mikrofon inom {seconds} sekunder. '
    + 'Kontrollera att den är ansluten och inte avstängd i systeminställningarna, tala och testa '
    + 'igen.',
  'ceremony.connectivityRunning': 'Kontrollerar anslutningen till mötesservern och dess '
    + 'mediarelä, och hur mycket data det bär\u2026',
  'ceremony.connectivityPassed': 'Mötesservern svarar och dess mediarelä (TURN, över {via}) bar '
    + '{mbps} Mbit/s fram och tillbaka: nog för video.',
  'ceremony.connectivityPassedPolling': 'Mötesservern svarar (via HTTPS-polling: WebSockets '
    + 'verkar vara blockerade, vilket fungerar men är långsammare) och dess mediarelä (TURN, '
    + 'över {via}) bar {mbps} Mbit/s fram och tillbaka: nog för video.',
  'ceremony.connectivityRefused': 'Mötesservern avvisade testet ({reason}). Ladda om sidan eller '
    + 'be den som skickade länken om en ny.',
  'ceremony.connectivityNoSignaling': 'Mötesservern kunde inte nås ({reason}). Kontrollera din '
    + 'internetanslutning; på ett företags- eller offentligt nätverk, be administratören att '
    + 'tillåta den här webbplatsen.',
  'ceremony.connectivityNoRelay': 'Mötesservern svarar, men dess mediarelä (TURN) kunde inte nås, '
    + 'så ljud och video kanske inte kommer fram. En brandvägg kan blockera det: prova ett annat '
    + 'nätverk eller be nätverksadministratören att tillåta UDP och TCP till reläet.',
  'ceremony.connectivityNoRelayInTime': 'Mötesservern svarar, men dess mediarelä (TURN) kunde '
    + 'inte nås inom {seconds} sekunder, så ljud och video kanske inte kommer fram. En brandvägg '
    + 'kan blockera det: prova ett annat nätverk eller be nätverksadministratören att tillåta UDP '
    + 'och TCP till reläet.',
  'ceremony.connectivityNoPath': 'Mediareläet (TURN) gav adresser över {via}, men bar ingen '
    + 'data mellan dem, så ljud och video kanske inte kommer fram. Mötesservern kan vara '
    + 'felinställd: säg till den som driver den.',
  'ceremony.connectivityNoData': 'Mediareläet (TURN) gav en adress över {via}, men ingen data '
    + 'gick igenom det inom {seconds} sekunder, så ljud och video kanske inte kommer fram. En '
    + 'brandvägg kan blockera det: prova ett annat nätverk eller be nätverksadministratören att '
    + 'tillåta UDP och TCP till reläet.',
  'ceremony.connectivitySlow': 'Mötesservern svarar, men dess mediarelä (TURN, över {via}) bar '
    + 'bara {mbps} Mbit/s fram och tillbaka, mindre än de {needed} Mbit/s som video behöver: '
    + 'andra kan se och höra dig dåligt. Stäng program som använder nätverket eller gå närmare '
    + 'ditt wifi, och testa igen.',
  'ceremony.connectivityTimeout': 'Mötesservern svarade inte inom {seconds} sekunder. Din '
    + 'anslutning kan vara långsam eller blockerad av en brandvägg.',
  'ceremony.connectivitySkipped': 'Du hoppade över anslutningstestet.',
  'ceremony.meterLabel': 'Mikrofonnivå',
  'ceremony.summaryPassed': 'Alla tester godkända. Du är redo att ansluta.',
  'ceremony.summaryFailed': 'Några tester misslyckades. Du kan ändå ansluta till mötet, men andra '
    + 'kanske inte ser eller hör dig bra.',
  'ceremony.summarySkipped': 'Anslutningen testades inte. Du kan ansluta till mötet.',
  'ceremony.skip': 'Hoppa över anslutningstestet',
  'ceremony.again': 'Testa igen',
  'settings.open': 'Inställningar',
  'pip.button': 'Bild-i-bild',
  'pip.noVideo': 'Det finns ingen video att visa som bild-i-bild än.',
  'pip.refused': 'Webbläsaren öppnade inte bild-i-bild.',
  'settings.title': 'Enheter',
  'settings.camera': 'Kamera',
  'settings.microphone': 'Mikrofon',
  'settings.speaker': 'Högtalare',
  'settings.close': 'Stäng',
  'settings.device': 'Enhet {n}',
  'settings.none': 'Ingen hittades',
  'settings.speakerFailed': 'Ljudet kunde inte flyttas till de högtalarna. Välj en annan utgång '
    + 'eller kontrollera systeminställningarna.',

  'invitation.title': 'Väntar på att andra ska ansluta',
  'invitation.linkLabel': 'Möteslänk',
  'invitation.copy': 'Kopiera länk',
  'invitation.copied': 'Länken kopierad',
  'invitation.selectToCopy': 'Länken är markerad: tryck Ctrl+C (eller \u2318C) för att kopiera den',

  'reactions.button': 'Reaktioner',
  'reactions.menu': 'Skicka en reaktion',
  'reactions.e2eeNote': 'Reaktioner är inte end-to-end-krypterade: servern vidarebefordrar dem '
    + '(den sparar inga).',
  'reactions.tooFast': 'För många reaktioner på en gång; vänta en stund.',
  'reactions.reacted': '{name} reagerade med {reaction}',
  'reactions.youReacted': 'Du reagerade med {reaction}',
  'reactions.thumbsUp': 'Tummen upp',
  'reactions.thumbsDown': 'Tummen ner',
  'reactions.clap': 'Applåd',
  'reactions.raisedHand': 'Räck upp handen',
  'reactions.heart': 'Hjärta',
  'reactions.laugh': 'Skratt',
  'reactions.surprised': 'Förvånad',
  'reactions.celebrate': 'Fira',

  'spotlight.add': 'Rampljus',
  'spotlight.addName': 'Sätt {name} i rampljuset',
  'spotlight.remove': 'Ta bort ur rampljuset',
  'spotlight.removeName': 'Ta bort {name} ur rampljuset',
  'spotlight.tag': 'i rampljuset',
  'spotlight.on': '{name} är i rampljuset',
  'spotlight.off': '{name} är inte längre i rampljuset',
  'spotlight.onYou': 'Du är i rampljuset',
  'spotlight.offYou': 'Du är inte längre i rampljuset',

  'diagnostics.button': 'Diagnostik',
  'diagnostics.title': 'Mötesdiagnostik',
  'diagnostics.close': 'Stäng',
  'diagnostics.closeLabel': 'Stäng mötesdiagnostik',
  'diagnostics.privacy': 'Mäts i din webbläsare varje sekund medan sidan visas. Inget skickas '
    + 'till servern eller sparas.',
  'diagnostics.p2p': 'Peer-to-peer: ljud och video går direkt mellan webbläsarna (P2P), eller '
    + 'genom TURN-reläet när en kandidattyp är relay.',
  'diagnostics.sfu': 'Genom servern: ljud och video går genom SFU:n. Tur och retur, jitter och '
    + 'kandidattyper gäller din anslutning till servern.',
  'diagnostics.someone': 'Deltagare',
  'diagnostics.good': 'Bra',
  'diagnostics.fair': 'Godtagbar',
  'diagnostics.poor': 'Dålig',
  'diagnostics.quality': 'Anslutningskvalitet: {level}',
  'diagnostics.qualityCauses': 'Anslutningskvalitet: {level} ({causes})',
  'diagnostics.measuring': 'Anslutningskvalitet: mäter\u2026',
  'diagnostics.causeLoss': 'paketförlust',
  'diagnostics.causeRtt': 'tur och retur-tid',
  'diagnostics.causeJitter': 'jitter',
  'diagnostics.causeLimitation': 'video begränsad',
  'diagnostics.bitrateIn': 'Mottaget',
  'diagnostics.bitrateOut': 'Skickat',
  'diagnostics.lossPct': 'Paketförlust',
  'diagnostics.rttMs': 'Tur och retur-tid',
  'diagnostics.jitterMs': 'Jitter',
  'diagnostics.video': 'Video mottagen',
  'diagnostics.videoSent': 'Video skickad',
  'diagnostics.codecs': 'Kodekar',
  'diagnostics.path': 'ICE-kandidattyper (här / andra änden)',
  'diagnostics.limitation': 'Video begränsad av',
  'diagnostics.bandwidth': 'bandbredd',
  'diagnostics.cpu': 'CPU',
  'diagnostics.other': 'annat',
  'diagnostics.nothing': 'inget',
  'diagnostics.kbits': '{value} kbit/s',
  'diagnostics.percent': '{value} %',
  'diagnostics.millis': '{value} ms',
  'diagnostics.size': '{width}\u00d7{height}',
  'diagnostics.sizeFps': '{width}\u00d7{height}, {fps} fps',
  'diagnostics.none': '–',
};
