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
  'common.you': 'U',

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
  'notice.too_many_spotlights': 'Er kunnen hoogstens 4 mensen in de spotlight staan. Haal eerst '
    + 'iemand uit de spotlight.',

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

  'side.label': 'Personen, chat en diagnose',
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

  'ceremony.title': 'Apparaat- en verbindingstest',
  'ceremony.note': 'Voordat u deelneemt, controleert deze test uw camera, luidsprekers, '
    + 'microfoon en verbinding. Een mislukte test houdt u niet tegen. De resultaten blijven op '
    + 'dit apparaat.',
  'ceremony.running': 'Bezig met testen\u2026',
  'ceremony.passed': 'Geslaagd',
  'ceremony.failed': 'Mislukt',
  'ceremony.skipped': 'Overgeslagen',
  'ceremony.camera': 'Camera',
  'ceremony.microphone': 'Microfoon',
  'ceremony.connectivity': 'Verbinding',
  'ceremony.speaker': 'Luidsprekers',
  'ceremony.speakerRunning': 'Speel het testgeluid af en geef dan aan of u het hoorde.',
  'ceremony.speakerAsk': 'Hoorde u het testgeluid?',
  'ceremony.speakerPassed': 'U hoort geluid uit uw luidsprekers of koptelefoon.',
  'ceremony.speakerFailed': 'U hoorde het testgeluid niet. Controleer of uw luidsprekers of '
    + 'koptelefoon zijn aangesloten, aanstaan, hard genoeg staan en in uw systeeminstellingen '
    + 'als geluidsuitvoer zijn gekozen, en test opnieuw.',
  'ceremony.play': 'Testgeluid afspelen',
  'ceremony.heard': 'Ja, gehoord',
  'ceremony.notHeard': 'Nee, niet gehoord',
  'ceremony.announce': '{step}: {status}. {detail}',
  'ceremony.cameraRunning': 'Wachten op beeld van uw camera\u2026',
  'ceremony.cameraPassed': 'Uw camera stuurt beeld.',
  'ceremony.cameraOff': 'Uw camera staat uit of kon niet worden geopend, dus is hij niet getest. '
    + 'Zet hem aan met ‘Camera aan’, sluit andere apps die hem kunnen gebruiken en test opnieuw.',
  'ceremony.cameraTimeout': 'Binnen {seconds} seconden kwam er geen beeld van uw camera. '
    + 'Controleer of hij is aangesloten en niet door een andere app wordt gebruikt, en test dan '
    + 'opnieuw.',
  'ceremony.microphoneRunning': 'Zeg iets: de balk laat zien wat uw microfoon hoort.',
  'ceremony.microphonePassed': 'Uw microfoon vangt geluid op.',
  'ceremony.microphoneOff': 'Uw microfoon staat uit of kon niet worden geopend, dus is hij niet '
    + 'getest. Sta de browser toe hem te gebruiken en test dan opnieuw.',
  'ceremony.microphoneMuted': 'Uw microfoon is gedempt. Zet hem aan met ‘Microfoon aan’ en test '
    + 'opnieuw.',
  'ceremony.microphoneTimeout': 'Binnen {seconds} seconden werd niets gehoord van uw microfoon. '
    + 'Controleer of hij is aangesloten en niet gedempt in uw systeeminstellingen, spreek en test '
    + 'opnieuw.',
  'ceremony.connectivityRunning': 'De verbinding met de vergaderserver en zijn mediarelay, en '
    + 'hoeveel data die draagt, wordt gecontroleerd\u2026',
  'ceremony.connectivityPassed': 'De vergaderserver antwoordt en zijn mediarelay (TURN, via '
    + '{via}) droeg {mbps} Mbit/s heen en terug: genoeg voor video.',
  'ceremony.connectivityPassedPolling': 'De vergaderserver antwoordt (via HTTPS-polling: '
    + 'WebSockets lijken geblokkeerd, wat werkt maar trager is) en zijn mediarelay (TURN, via '
    + '{via}) droeg {mbps} Mbit/s heen en terug: genoeg voor video.',
  'ceremony.connectivityRefused': 'De vergaderserver weigerde de test ({reason}). Laad de pagina '
    + 'opnieuw, of vraag wie u de link stuurde om een nieuwe.',
  'ceremony.connectivityNoSignaling': 'De vergaderserver was niet bereikbaar ({reason}). '
    + 'Controleer uw internetverbinding; vraag op een bedrijfs- of openbaar netwerk de beheerder '
    + 'om deze site toe te staan.',
  'ceremony.connectivityNoRelay': 'De vergaderserver antwoordt, maar zijn mediarelay (TURN) was '
    + 'niet bereikbaar, dus audio en video komen mogelijk niet door. Een firewall blokkeert hem '
    + 'misschien: probeer een ander netwerk, of vraag de netwerkbeheerder UDP en TCP naar de '
    + 'relay toe te staan.',
  'ceremony.connectivityNoRelayInTime': 'De vergaderserver antwoordt, maar zijn mediarelay (TURN) '
    + 'was niet binnen {seconds} seconden bereikbaar, dus audio en video komen mogelijk niet '
    + 'door. Een firewall blokkeert hem misschien: probeer een ander netwerk, of vraag de '
    + 'netwerkbeheerder UDP en TCP naar de relay toe te staan.',
  'ceremony.connectivityNoPath': 'De mediarelay (TURN) gaf adressen via {via}, maar droeg geen '
    + 'data tussen die adressen, dus audio en video komen mogelijk niet door. De vergaderserver '
    + 'is misschien verkeerd ingesteld: laat het de beheerder weten.',
  'ceremony.connectivityNoData': 'De mediarelay (TURN) gaf een adres via {via}, maar er ging '
    + 'binnen {seconds} seconden geen data doorheen, dus audio en video komen mogelijk niet '
    + 'door. Een firewall blokkeert hem misschien: probeer een ander netwerk, of vraag de '
    + 'netwerkbeheerder UDP en TCP naar de relay toe te staan.',
  'ceremony.connectivitySlow': 'De vergaderserver antwoordt, maar zijn mediarelay (TURN, via '
    + '{via}) droeg heen en terug maar {mbps} Mbit/s, minder dan de {needed} Mbit/s die video '
    + 'nodig heeft: anderen zien en horen u mogelijk slecht. Sluit programma’s die het netwerk '
    + 'gebruiken of ga dichter bij uw wifi zitten, en test opnieuw.',
  'ceremony.connectivityTimeout': 'De vergaderserver antwoordde niet binnen {seconds} seconden. '
    + 'Uw verbinding is mogelijk traag of wordt door een firewall geblokkeerd.',
  'ceremony.connectivitySkipped': 'U hebt de verbindingstest overgeslagen.',
  'ceremony.meterLabel': 'Microfoonniveau',
  'ceremony.summaryPassed': 'Alle tests geslaagd. U kunt deelnemen.',
  'ceremony.summaryFailed': 'Sommige tests zijn mislukt. U kunt toch aan de vergadering '
    + 'deelnemen, maar anderen zien of horen u mogelijk slecht.',
  'ceremony.summarySkipped': 'De verbinding is niet getest. U kunt aan de vergadering deelnemen.',
  'ceremony.skip': 'Verbindingstest overslaan',
  'ceremony.again': 'Opnieuw testen',
  'settings.open': 'Instellingen',
  'pip.button': 'Beeld-in-beeld',
  'pip.noVideo': 'Er is nog geen video om in beeld-in-beeld te tonen.',
  'pip.refused': 'De browser heeft beeld-in-beeld niet geopend.',
  'settings.title': 'Apparaten',
  'settings.camera': 'Camera',
  'settings.microphone': 'Microfoon',
  'settings.speaker': 'Luidsprekers',
  'settings.close': 'Sluiten',
  'settings.device': 'Apparaat {n}',
  'settings.none': 'Geen gevonden',
  'settings.speakerFailed': 'Het geluid kon niet naar die luidsprekers. Kies een andere uitvoer '
    + 'of controleer uw systeeminstellingen.',

  'invitation.title': 'Wachten tot anderen deelnemen',
  'invitation.linkLabel': 'Vergaderlink',
  'invitation.copy': 'Link kopiëren',
  'invitation.copied': 'Link gekopieerd',
  'invitation.selectToCopy': 'De link is geselecteerd: druk op Ctrl+C (of \u2318C) om hem te kopiëren',

  'reactions.button': 'Reacties',
  'reactions.menu': 'Een reactie sturen',
  'reactions.e2eeNote': 'Reacties zijn niet end-to-end versleuteld: de server stuurt ze door (hij '
    + 'bewaart er geen).',
  'reactions.tooFast': 'Te veel reacties tegelijk; wacht even.',
  'reactions.reacted': '{name} reageerde met {reaction}',
  'reactions.youReacted': 'U reageerde met {reaction}',
  'reactions.thumbsUp': 'Duim omhoog',
  'reactions.thumbsDown': 'Duim omlaag',
  'reactions.clap': 'Applaus',
  'reactions.raisedHand': 'Hand opsteken',
  'reactions.heart': 'Hart',
  'reactions.laugh': 'Lachen',
  'reactions.surprised': 'Verrast',
  'reactions.celebrate': 'Feest',

  'spotlight.add': 'In de spotlight',
  'spotlight.addName': '{name} in de spotlight',
  'spotlight.remove': 'Uit de spotlight',
  'spotlight.removeName': '{name} uit de spotlight',
  'spotlight.tag': 'in de spotlight',
  'spotlight.on': '{name} staat in de spotlight',
  'spotlight.off': '{name} staat niet meer in de spotlight',
  'spotlight.onYou': 'U staat in de spotlight',
  'spotlight.offYou': 'U staat niet meer in de spotlight',

  'diagnostics.button': 'Diagnose',
  'diagnostics.title': 'Vergaderdiagnose',
  'diagnostics.close': 'Sluiten',
  'diagnostics.closeLabel': 'Vergaderdiagnose sluiten',
  'diagnostics.privacy': 'Elke seconde in uw browser gemeten zolang deze pagina zichtbaar is. Er '
    + 'wordt niets naar de server gestuurd of bewaard.',
  'diagnostics.p2p': 'Peer-to-peer: audio en video gaan rechtstreeks tussen de browsers (P2P), of '
    + 'via de TURN-relay als een kandidaattype relay is.',
  'diagnostics.sfu': 'Via de server: audio en video gaan via de SFU. Rondreistijd, jitter en '
    + 'kandidaattypen gaan over uw verbinding met de server.',
  'diagnostics.someone': 'Deelnemer',
  'diagnostics.good': 'Goed',
  'diagnostics.fair': 'Redelijk',
  'diagnostics.poor': 'Slecht',
  'diagnostics.quality': 'Verbindingskwaliteit: {level}',
  'diagnostics.qualityCauses': 'Verbindingskwaliteit: {level} ({causes})',
  'diagnostics.measuring': 'Verbindingskwaliteit: bezig met meten\u2026',
  'diagnostics.causeLoss': 'pakketverlies',
  'diagnostics.causeRtt': 'rondreistijd',
  'diagnostics.causeJitter': 'jitter',
  'diagnostics.causeLimitation': 'video afgeremd',
  'diagnostics.bitrateIn': 'Ontvangen',
  'diagnostics.bitrateOut': 'Verzonden',
  'diagnostics.lossPct': 'Pakketverlies',
  'diagnostics.rttMs': 'Rondreistijd',
  'diagnostics.jitterMs': 'Jitter',
  'diagnostics.video': 'Video ontvangen',
  'diagnostics.videoSent': 'Video verzonden',
  'diagnostics.codecs': 'Codecs',
  'diagnostics.path': 'ICE-kandidaattypen (hier / andere kant)',
  'diagnostics.limitation': 'Video afgeremd door',
  'diagnostics.bandwidth': 'bandbreedte',
  'diagnostics.cpu': 'CPU',
  'diagnostics.other': 'overig',
  'diagnostics.nothing': 'niets',
  'diagnostics.kbits': '{value} kbit/s',
  'diagnostics.percent': '{value} %',
  'diagnostics.millis': '{value} ms',
  'diagnostics.size': '{width}\u00d7{height}',
  'diagnostics.sizeFps': '{width}\u00d7{height}, {fps} fps',
  'diagnostics.none': 'n.v.t.',
};
