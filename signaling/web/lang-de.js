// German (Deutsch), formal address (Sie). Keys and placeholders as lang-en.js, the reference.

export default {
  'page.title': 'Fjord-Besprechung',
  'language.label': 'Sprache',

  'precall.title': 'Bereit zum Beitreten?',
  'precall.room': 'Raum',
  'precall.nameLabel': 'Ihr Name',
  'precall.micOn': 'Mikrofon an',
  'precall.micOff': 'Mikrofon aus',
  'precall.cameraOn': 'Kamera an',
  'precall.cameraOff': 'Kamera aus',
  'precall.join': 'Besprechung beitreten',
  'precall.hintP2p': 'Ihr Ton und Bild gehen verschlüsselt direkt an die anderen Teilnehmenden; '
    + 'nichts wird aufgezeichnet.',
  'precall.hintSfu': 'Ihr Ton und Bild werden verschlüsselt an den Server übertragen, der sie an '
    + 'die anderen Teilnehmenden weiterleitet: Er kann sie lesen, speichert aber nichts; nichts '
    + 'wird aufgezeichnet.',
  'precall.hintE2ee': 'Ihr Ton und Bild sind Ende-zu-Ende-verschlüsselt: Der Server leitet sie an '
    + 'die anderen Teilnehmenden weiter, kann sie aber nicht lesen; nichts wird aufgezeichnet.',
  'precall.cloudRecording': 'Diese Besprechung wird aufgezeichnet: Der Server zeichnet Ton und '
    + 'Bild aller Teilnehmenden in eine Datei im Speicher des Veranstalters auf. Aufgezeichnete '
    + 'Besprechungen sind nicht Ende-zu-Ende-verschlüsselt: Der Server liest Ton und Bild, um sie '
    + 'aufzuzeichnen.',
  'precall.permissionHelp': 'Kamera oder Mikrofon funktionieren nicht?',
  'precall.permissionHelpLink': 'Hilfe zum Zugriff auf Kamera und Mikrofon',
  'precall.localRecording': 'Diese Besprechung kann aufgezeichnet werden: Ein Host kann sie auf '
    + 'dem eigenen Gerät aufzeichnen (auf dem Server wird nichts aufgezeichnet).',
  'precall.viewer': 'Sie nehmen als Zuschauer teil: Ihre Kamera und Ihr Mikrofon bleiben aus.',
  'precall.enterName': 'Bitte geben Sie Ihren Namen ein.',
  'precall.linkNameRefused': 'Der Name im Link kann nicht verwendet werden: {reason}. Bitte geben '
    + 'Sie einen anderen ein.',
  'precall.nameRefused': 'Dieser Name kann nicht verwendet werden: {reason}.',
  'reason.nameCharacters': 'Ein Name darf keines der Zeichen $ ! < > : ; enthalten',
  'reason.nameLength': 'Ein Name hat höchstens {max} Zeichen',
  'reason.repeated': {
    one: 'Der Link enthält {name} {count}-mal',
    other: 'Der Link enthält {name} {count}-mal',
  },
  'reason.encoding': '{name} im Link ist kein gültiges prozentkodiertes UTF-8',

  'waiting.title': 'Warten, bis ein Host Sie hereinlässt',
  'waiting.detail': 'Diese Besprechung ist gesperrt. Sie treten bei, sobald ein Host Sie '
    + 'hereinlässt.',
  'common.leave': 'Verlassen',
  'common.you': 'Sie',

  'call.label': 'Besprechung',
  'call.title': 'Besprechung {room}',
  'call.participants': {
    one: '{count} Person',
    other: '{count} Personen',
  },
  'call.timer': 'Zeit in der Besprechung',
  'call.connecting': 'Verbindung wird hergestellt\u2026',
  'call.reconnecting': 'Verbindung wird wiederhergestellt\u2026',
  'call.e2ee': 'Ende-zu-Ende-verschlüsselt. Sicherheitscode',
  'call.e2eeHint': '(auf jedem Bildschirm gleich, sonst hört jemand mit)',
  'call.recording': 'Aufnahme',
  'call.controls': 'Anrufsteuerung',
  'call.mute': 'Stummschalten',
  'call.unmute': 'Stummschaltung aufheben',
  'call.stopCamera': 'Kamera ausschalten',
  'call.startCamera': 'Kamera einschalten',
  'call.shareScreen': 'Bildschirm teilen',
  'call.stopSharing': 'Teilen beenden',
  'call.lock': 'Raum sperren',
  'call.unlock': 'Raum entsperren',
  'call.record': 'Aufnehmen',
  'call.stopRecording': 'Aufnahme beenden',
  'call.end': 'Besprechung beenden',
  'call.hearOthers': 'Klicken, um die anderen zu hören',

  'dialog.endTitle': 'Besprechung für alle beenden?',
  'dialog.endDetail': 'Alle werden hinausgeschickt, und niemand kann dieser Besprechung erneut '
    + 'beitreten.',
  'dialog.cancel': 'Abbrechen',
  'dialog.recordingTitle': 'Aufzeichnung dieser Besprechung starten?',
  'dialog.recordingDetail': 'Der Server zeichnet Ton und Bild aller Teilnehmenden in eine Datei '
    + 'im Speicher des Veranstalters auf. Alle sehen, dass die Besprechung aufgezeichnet wird.',
  'dialog.notNow': 'Jetzt nicht',
  'dialog.startRecording': 'Aufzeichnung starten',

  'ended.left': 'Sie haben die Besprechung verlassen',
  'ended.notJoined': 'Sie sind der Besprechung nicht beigetreten',
  'ended.stoppedWaiting': 'Sie haben aufgehört zu warten, bevor ein Host Sie hereingelassen hat.',
  'ended.leftBeforeJoining': 'Sie haben die Seite vor dem Beitreten verlassen.',
  'ended.cannotJoin': 'Beitritt zu dieser Besprechung nicht möglich',
  'ended.meetingEnded': 'Die Besprechung ist beendet',
  'ended.removed': 'Sie wurden aus der Besprechung entfernt',
  'ended.noMeeting': 'Hier gibt es keine Besprechung',
  'ended.noRoomName': 'Der Link enthält keinen Raumnamen. Bitte prüfen Sie den Link.',
  'ended.linkUnusable': 'Dieser Besprechungslink kann nicht verwendet werden: {reason}, daher ist '
    + 'unklar, welche Rolle er vergibt. Öffnen Sie den Link so, wie Sie ihn erhalten haben, oder '
    + 'bitten Sie um einen neuen.',
  'ended.join': 'Beitreten',
  'ended.joinAgain': 'Erneut beitreten',
  'ended.askAgain': 'Erneut um Einlass bitten',
  'ended.tryAgain': 'Erneut versuchen',

  'error.room_full': 'Diese Besprechung ist voll. Normale Räume fassen höchstens 4 Personen.',
  'error.too_many_knocks': 'Zu viele Personen aus Ihrem Netzwerk warten bereits auf Einlass in '
    + 'diese Besprechung. Versuchen Sie es erneut, sobald ein Host ihnen geantwortet hat.',
  'error.invalid_room_key': 'Dieser Besprechungslink ist ungültig (er ist vielleicht abgelaufen). '
    + 'Bitten Sie um einen neuen Link.',
  'error.meeting_ended': 'Diese Besprechung ist beendet.',
  'error.room_not_found': 'Diese Besprechung existiert nicht. Bitte prüfen Sie den Link.',
  'error.knock_rejected': 'Ein Host hat Sie nicht hereingelassen.',
  'error.removed': 'Ein Host hat Sie aus der Besprechung entfernt.',
  'error.e2ee_required': 'Diese Besprechung ist Ende-zu-Ende-verschlüsselt, und ihre Einstellungen '
    + 'haben sich geändert, seit diese Seite geöffnet wurde. Laden Sie die Seite neu, um '
    + 'beizutreten.',
  'error.e2ee_unavailable': 'Diese Besprechung ist nicht mehr Ende-zu-Ende-verschlüsselt, daher '
    + 'ist diese Seite ihr nicht beigetreten. Laden Sie die Seite neu, um ohne '
    + 'Ende-zu-Ende-Verschlüsselung beizutreten.',
  'error.e2ee_unsupported': 'Diese Besprechung ist Ende-zu-Ende-verschlüsselt, und dieser Browser '
    + 'kann Ton und Bild nicht verschlüsseln (ihm fehlen WebRTC Encoded Transforms). Treten Sie '
    + 'mit einem aktuellen Chromium-basierten Browser oder mit Firefox bei.',
  'error.join_refused': 'Der Besprechungsserver hat Ihren Beitritt abgelehnt. Prüfen Sie den Link '
    + 'oder bitten Sie um einen neuen.',
  'error.name_refused': 'Ihr Name kann nicht verwendet werden. Ein Name darf nicht leer sein, '
    + 'keine Steuerzeichen, Richtungsumkehrungen oder eines der Zeichen $ ! < > : ; enthalten und '
    + 'hat höchstens 100 Zeichen.',

  'notice.sfu_error': 'Der Medienserver konnte Ihren Ton und Ihr Bild nicht einrichten. '
    + 'Verlassen Sie die Besprechung und treten Sie erneut bei.',
  'notice.publish_failed': 'Ihr Ton und Bild konnten nicht gesendet werden. Verlassen Sie die '
    + 'Besprechung und treten Sie erneut bei.',
  'notice.subscribe_failed': 'Ton und Bild der anderen konnten nicht empfangen werden. Treten Sie '
    + 'erneut bei.',
  'notice.rate_limited': 'Zu viele Aktionen auf einmal; einige wurden ignoriert.',
  'notice.forbidden': 'Das können nur Hosts.',
  'notice.chat_disabled': 'Der Chat ist in dieser Besprechung ausgeschaltet.',
  'notice.unavailable': 'Der Besprechungsserver ist ausgelastet. Neuer Versuch\u2026',
  'notice.media_lost': 'Die Medienverbindung wurde unterbrochen. Verbindung wird '
    + 'wiederhergestellt\u2026',
  'notice.transport_failed': 'Die Verbindung zur Besprechung wurde unterbrochen. Verbindung wird '
    + 'wiederhergestellt\u2026',
  'notice.muted': 'Ein Host hat Ihr Mikrofon stummgeschaltet. Sie können die Stummschaltung '
    + 'selbst aufheben.',
  'notice.too_many_spotlights': 'Höchstens 4 Personen können im Rampenlicht stehen. Nehmen Sie '
    + 'zuerst jemanden aus dem Rampenlicht.',

  'media.screenRefused': 'Die Bildschirmfreigabe wurde abgebrochen oder abgelehnt.',
  'media.screenFailed': 'Der Bildschirm konnte nicht geteilt werden.',
  'media.denied': 'Der Zugriff auf Kamera oder Mikrofon wurde verweigert. Sie können trotzdem '
    + 'beitreten und die anderen sehen.',
  'media.notFound': 'Es wurde keine Kamera und kein Mikrofon gefunden.',
  'media.inUse': 'Die Kamera oder das Mikrofon wird von einer anderen Anwendung verwendet.',
  'media.failed': 'Die Kamera oder das Mikrofon konnte nicht gestartet werden.',

  'announce.someone': 'Jemand',
  'announce.joined': '{name} ist beigetreten',
  'announce.left': '{name} hat die Besprechung verlassen',
  'announce.knocking': '{name} wartet auf Einlass',
  'announce.sharing': 'Sie teilen Ihren Bildschirm',
  'announce.sharingOff': 'Bildschirmfreigabe aus',
  'announce.micOn': 'Mikrofon an',
  'announce.micOff': 'Mikrofon aus',
  'announce.cameraOn': 'Kamera an',
  'announce.cameraOff': 'Kamera aus',
  'announce.recording': 'Diese Besprechung wird aufgezeichnet',
  'announce.recordingStopped': 'Die Aufzeichnung wurde beendet',
  'announce.safetyCode': 'Der Sicherheitscode hat sich geändert: Vergleichen Sie ihn erneut mit '
    + 'den anderen',
  'announce.soundBlocked': 'Der Browser hat den Ton blockiert: Drücken Sie „{button}“',
  'announce.undecryptable': 'Ton und Bild von {name} können nicht entschlüsselt werden',
  'announce.chat': '{name}: {text}',

  'side.label': 'Personen, Chat und Diagnose',
  'side.knocking': 'Warten auf Einlass',
  'side.people': 'Personen',
  'side.chat': 'Chat',
  'people.you': '{name} (Sie)',
  'people.host': 'Host',
  'people.viewer': 'Zuschauer',
  'people.recorder': 'Aufzeichnung',
  'people.thisParticipant': 'diese Person',
  'people.mute': 'Stummschalten',
  'people.muteName': '{name} stummschalten',
  'people.remove': 'Entfernen',
  'people.removeName': '{name} entfernen',
  'people.letIn': 'Hereinlassen',
  'people.letInName': '{name} hereinlassen',
  'people.hold': 'Warten lassen',
  'people.holdName': '{name} warten lassen',
  'people.holdMessage': 'Ein Host lässt Sie gleich herein.',
  'people.reject': 'Ablehnen',
  'people.rejectName': '{name} ablehnen',
  'chat.notEncrypted': 'Der Chat ist nicht Ende-zu-Ende-verschlüsselt: Der Server leitet diese '
    + 'Nachrichten weiter und kann sie lesen (er speichert keine).',
  'chat.placeholder': 'Nachricht an alle',
  'chat.label': 'Chatnachricht',
  'chat.send': 'Senden',
  'chat.download': 'Chat herunterladen',
  'chat.from': '{name}:',
  'chat.delete': 'Löschen',
  'chat.deleteName': 'Nachricht von {name} löschen',
  'chat.notConnected': 'Keine Verbindung: Die Nachricht wurde nicht gesendet. Versuchen Sie es '
    + 'gleich noch einmal.',
  'chat.bad_message': 'Diese Nachricht kann nicht gesendet werden: Sie enthält unzulässige '
    + 'Zeichen (Steuerzeichen oder Richtungsumkehrungen; Zeilenumbrüche sind erlaubt).',
  'chat.too_large': 'Diese Nachricht ist zu lang zum Senden.',
  'chat.rate_limited': 'Zu viele Nachrichten auf einmal. Warten Sie kurz und senden Sie sie '
    + 'erneut.',
  'chat.chat_disabled': 'Der Chat ist in dieser Besprechung ausgeschaltet.',
  'chat.transcriptTitle': 'Chat der Besprechung {room}, {date}',

  'tile.screen': '{name} (Bildschirm)',
  'tile.cameraOff': 'Kamera ist aus',
  'tile.connecting': 'Verbindung wird hergestellt\u2026',
  'tile.pausedLastN': 'Video angehalten: nicht unter den letzten Sprechenden',
  'tile.pausedBandwidth': 'Video angehalten: Ihre Verbindung ist zu langsam',
  'tile.undecryptable': 'Entschlüsselung nicht möglich: Der Schlüssel dieser Person hat Sie noch '
    + 'nicht erreicht',
  'tile.unplayable': 'Dieser Browser kann das Video von {name} nicht abspielen ({codec})',
  'tile.pinTitle': 'Diese Kamera immer zeigen',
  'tile.pin': 'Anheften',
  'tile.unpin': 'Lösen',
  'tile.pinName': '{name} anheften',
  'tile.unpinName': '{name} lösen',
  'tile.thisCamera': 'diese Kamera',
  'peer.lost': 'Verbindung zu {name} unterbrochen, neuer Versuch\u2026',
  'peer.notYet': 'Noch keine Verbindung zu {name}, neuer Versuch\u2026',
  'peer.none': 'Keine Verbindung zu {name}',
  'peer.failed': 'Nach mehreren Versuchen keine Verbindung zu {name}. Eine Firewall oder das '
    + 'Netzwerk blockiert möglicherweise den Anruf: Verlassen Sie die Besprechung und treten Sie '
    + 'erneut bei, oder nutzen Sie ein anderes Netzwerk.',
  'peer.back': 'Wieder mit {name} verbunden.',

  'ceremony.title': 'Geräte- und Verbindungstest',
  'ceremony.note': 'Vor dem Beitreten prüft dieser Test Ihre Kamera, Ihre Lautsprecher, Ihr '
    + 'Mikrofon und Ihre Verbindung. Ein fehlgeschlagener Test hindert Sie nicht am Beitreten. '
    + 'Die Ergebnisse bleiben auf diesem Gerät.',
  'ceremony.running': 'Wird getestet\u2026',
  'ceremony.passed': 'Bestanden',
  'ceremony.failed': 'Fehlgeschlagen',
  'ceremony.skipped': 'Übersprungen',
  'ceremony.camera': 'Kamera',
  'ceremony.microphone': 'Mikrofon',
  'ceremony.connectivity': 'Verbindung',
  'ceremony.speaker': 'Lautsprecher',
  'ceremony.speakerRunning': 'Spielen Sie den Testton ab und sagen Sie dann, ob Sie ihn gehört '
    + 'haben.',
  'ceremony.speakerAsk': 'Haben Sie den Testton gehört?',
  'ceremony.speakerPassed': 'Sie hören Ton aus Ihren Lautsprechern oder Kopfhörern.',
  'ceremony.speakerFailed': 'Sie haben den Testton nicht gehört. Prüfen Sie, ob Ihre '
    + 'Lautsprecher oder Kopfhörer angeschlossen, eingeschaltet und laut genug sind und in den '
    + 'Systemeinstellungen als Audioausgabe gewählt sind, und testen Sie erneut.',
  'ceremony.play': 'Testton abspielen',
  'ceremony.heard': 'Ja, gehört',
  'ceremony.notHeard': 'Nein, nicht gehört',
  'ceremony.announce': '{step}: {status}. {detail}',
  'ceremony.cameraRunning': 'Warten auf ein Bild Ihrer Kamera\u2026',
  'ceremony.cameraPassed': 'Ihre Kamera sendet ein Bild.',
  'ceremony.cameraOff': 'Ihre Kamera ist aus oder konnte nicht geöffnet werden, daher wurde sie '
    + 'nicht getestet. Schalten Sie sie mit „Kamera an“ ein, schließen Sie andere Apps, die sie '
    + 'verwenden könnten, und testen Sie erneut.',
  'ceremony.cameraTimeout': 'Innerhalb von {seconds} Sekunden kam kein Bild von Ihrer Kamera. '
    + 'Prüfen Sie, ob sie angeschlossen ist und nicht von einer anderen App verwendet wird, und '
    + 'testen Sie dann erneut.',
  'ceremony.microphoneRunning': 'Sagen Sie etwas: Der Balken zeigt, was Ihr Mikrofon hört.',
  'ceremony.microphonePassed': 'Ihr Mikrofon nimmt Ton auf.',
  'ceremony.microphoneOff': 'Ihr Mikrofon ist aus oder konnte nicht geöffnet werden, daher wurde '
    + 'es nicht getestet. Erlauben Sie dem Browser, es zu verwenden, und testen Sie dann erneut.',
  'ceremony.microphoneMuted': 'Ihr Mikrofon ist stummgeschaltet. Schalten Sie es mit „Mikrofon '
    + 'an“ ein und testen Sie erneut.',
  'ceremony.microphoneTimeout': 'Innerhalb von {seconds} Sekunden war von Ihrem Mikrofon nichts '
    + 'zu hören. Prüfen Sie, ob es angeschlossen und in Ihren Systemeinstellungen nicht '
    + 'stummgeschaltet ist, sprechen Sie und testen Sie erneut.',
  'ceremony.connectivityRunning': 'Die Verbindung zum Besprechungsserver und seinem '
    + 'Medien-Relay und die übertragbare Datenmenge werden geprüft\u2026',
  'ceremony.connectivityPassed': 'Der Besprechungsserver antwortet, und sein Medien-Relay '
    + '(TURN, über {via}) hat {mbps} Mbit/s hin und zurück übertragen: genug für Video.',
  'ceremony.connectivityPassedPolling': 'Der Besprechungsserver antwortet (über HTTPS-Polling: '
    + 'WebSockets scheinen blockiert zu sein; das funktioniert, ist aber langsamer), und sein '
    + 'Medien-Relay (TURN, über {via}) hat {mbps} Mbit/s hin und zurück übertragen: genug für '
    + 'Video.',
  'ceremony.connectivityRefused': 'Der Besprechungsserver hat den Test abgelehnt ({reason}). '
    + 'Laden Sie die Seite neu oder bitten Sie die Person, die Ihnen den Link geschickt hat, um '
    + 'einen neuen.',
  'ceremony.connectivityNoSignaling': 'Der Besprechungsserver war nicht erreichbar ({reason}). '
    + 'Prüfen Sie Ihre Internetverbindung; in einem Firmen- oder öffentlichen Netzwerk bitten Sie '
    + 'dessen Administrator, diese Website zuzulassen.',
  'ceremony.connectivityNoRelay': 'Der Besprechungsserver antwortet, aber sein Medien-Relay '
    + '(TURN) war nicht erreichbar, daher kommen Audio und Video möglicherweise nicht durch. Eine '
    + 'Firewall blockiert es eventuell: Versuchen Sie ein anderes Netzwerk oder bitten Sie den '
    + 'Netzwerkadministrator, UDP und TCP zum Relay zuzulassen.',
  'ceremony.connectivityNoRelayInTime': 'Der Besprechungsserver antwortet, aber sein Medien-Relay '
    + '(TURN) war innerhalb von {seconds} Sekunden nicht erreichbar, daher kommen Audio und Video '
    + 'möglicherweise nicht durch. Eine Firewall blockiert es eventuell: Versuchen Sie ein '
    + 'anderes Netzwerk oder bitten Sie den Netzwerkadministrator, UDP und TCP zum Relay '
    + 'zuzulassen.',
  'ceremony.connectivityNoPath': 'Das Medien-Relay (TURN) hat Adressen über {via} vergeben, '
    + 'aber keine Daten zwischen ihnen übertragen, daher kommen Audio und Video möglicherweise '
    + 'nicht durch. Der Besprechungsserver ist vielleicht falsch eingerichtet: Sagen Sie es '
    + 'dem, der ihn betreibt.',
  'ceremony.connectivityNoData': 'Das Medien-Relay (TURN) hat eine Adresse über {via} vergeben, '
    + 'aber innerhalb von {seconds} Sekunden kamen keine Daten hindurch, daher kommen Audio und '
    + 'Video möglicherweise nicht durch. Eine Firewall blockiert es eventuell: Versuchen Sie '
    + 'ein anderes Netzwerk oder bitten Sie den Netzwerkadministrator, UDP und TCP zum Relay '
    + 'zuzulassen.',
  'ceremony.connectivitySlow': 'Der Besprechungsserver antwortet, aber sein Medien-Relay (TURN, '
    + 'über {via}) hat hin und zurück nur {mbps} Mbit/s übertragen, weniger als die {needed} '
    + 'Mbit/s, die Video braucht: Andere sehen und hören Sie möglicherweise schlecht. Schließen '
    + 'Sie Programme, die das Netzwerk nutzen, oder gehen Sie näher an Ihr WLAN, und testen Sie '
    + 'erneut.',
  'ceremony.connectivityTimeout': 'Der Besprechungsserver hat nicht innerhalb von {seconds} '
    + 'Sekunden geantwortet. Ihre Verbindung ist möglicherweise langsam oder wird von einer '
    + 'Firewall blockiert.',
  'ceremony.connectivitySkipped': 'Sie haben den Verbindungstest übersprungen.',
  'ceremony.meterLabel': 'Mikrofonpegel',
  'ceremony.summaryPassed': 'Alle Tests bestanden. Sie können beitreten.',
  'ceremony.summaryFailed': 'Einige Tests sind fehlgeschlagen. Sie können der Besprechung '
    + 'trotzdem beitreten, aber andere sehen oder hören Sie möglicherweise schlecht.',
  'ceremony.summarySkipped': 'Die Verbindung wurde nicht getestet. Sie können der Besprechung '
    + 'beitreten.',
  'ceremony.skip': 'Verbindungstest überspringen',
  'ceremony.again': 'Erneut testen',
  'settings.open': 'Einstellungen',
  'pip.button': 'Bild-in-Bild',
  'pip.noVideo': 'Es gibt noch kein Video, das im Bild-in-Bild gezeigt werden kann.',
  'pip.refused': 'Der Browser hat Bild-in-Bild nicht geöffnet.',
  'settings.title': 'Geräte',
  'settings.camera': 'Kamera',
  'settings.microphone': 'Mikrofon',
  'settings.speaker': 'Lautsprecher',
  'settings.close': 'Schließen',
  'settings.device': 'Gerät {n}',
  'settings.none': 'Keine gefunden',
  'settings.speakerFailed': 'Der Ton konnte nicht auf diese Lautsprecher umgeleitet werden. '
    + 'Wählen Sie eine andere Ausgabe oder prüfen Sie die Systemeinstellungen.',

  'invitation.title': 'Warten auf weitere Teilnehmende',
  'invitation.linkLabel': 'Besprechungslink',
  'invitation.copy': 'Link kopieren',
  'invitation.copied': 'Link kopiert',
  'invitation.selectToCopy': 'Der Link ist markiert: Drücken Sie Strg+C (oder \u2318C), um ihn zu '
    + 'kopieren',

  'reactions.button': 'Reaktionen',
  'reactions.menu': 'Reaktion senden',
  'reactions.e2eeNote': 'Reaktionen sind nicht Ende-zu-Ende-verschlüsselt: Der Server leitet sie '
    + 'weiter (er speichert keine).',
  'reactions.tooFast': 'Zu viele Reaktionen auf einmal; warten Sie einen Moment.',
  'reactions.reacted': '{name} hat mit {reaction} reagiert',
  'reactions.youReacted': 'Sie haben mit {reaction} reagiert',
  'reactions.thumbsUp': 'Daumen hoch',
  'reactions.thumbsDown': 'Daumen runter',
  'reactions.clap': 'Applaus',
  'reactions.raisedHand': 'Hand heben',
  'reactions.heart': 'Herz',
  'reactions.laugh': 'Lachen',
  'reactions.surprised': 'Überrascht',
  'reactions.celebrate': 'Feiern',

  'spotlight.add': 'Ins Rampenlicht',
  'spotlight.addName': '{name} ins Rampenlicht',
  'spotlight.remove': 'Aus dem Rampenlicht',
  'spotlight.removeName': '{name} aus dem Rampenlicht',
  'spotlight.tag': 'im Rampenlicht',
  'spotlight.on': '{name} steht im Rampenlicht',
  'spotlight.off': '{name} steht nicht mehr im Rampenlicht',
  'spotlight.onYou': 'Sie stehen im Rampenlicht',
  'spotlight.offYou': 'Sie stehen nicht mehr im Rampenlicht',

  'diagnostics.button': 'Diagnose',
  'diagnostics.title': 'Besprechungsdiagnose',
  'diagnostics.close': 'Schließen',
  'diagnostics.closeLabel': 'Besprechungsdiagnose schließen',
  'diagnostics.privacy': 'Jede Sekunde in Ihrem Browser gemessen, solange diese Seite angezeigt '
    + 'wird. Nichts wird an den Server gesendet oder gespeichert.',
  'diagnostics.p2p': 'Peer-to-Peer: Audio und Video gehen direkt zwischen den Browsern (P2P) oder '
    + 'über das TURN-Relay, wenn ein Kandidatentyp relay ist.',
  'diagnostics.sfu': 'Über den Server: Audio und Video laufen über die SFU. Umlaufzeit, Jitter '
    + 'und Kandidatentypen beziehen sich auf Ihre Verbindung zum Server.',
  'diagnostics.someone': 'Teilnehmer',
  'diagnostics.good': 'Gut',
  'diagnostics.fair': 'Mittel',
  'diagnostics.poor': 'Schlecht',
  'diagnostics.quality': 'Verbindungsqualität: {level}',
  'diagnostics.qualityCauses': 'Verbindungsqualität: {level} ({causes})',
  'diagnostics.measuring': 'Verbindungsqualität: wird gemessen\u2026',
  'diagnostics.causeLoss': 'Paketverlust',
  'diagnostics.causeRtt': 'Umlaufzeit',
  'diagnostics.causeJitter': 'Jitter',
  'diagnostics.causeLimitation': 'Video gedrosselt',
  'diagnostics.bitrateIn': 'Empfangen',
  'diagnostics.bitrateOut': 'Gesendet',
  'diagnostics.lossPct': 'Paketverlust',
  'diagnostics.rttMs': 'Umlaufzeit',
  'diagnostics.jitterMs': 'Jitter',
  'diagnostics.video': 'Video empfangen',
  'diagnostics.videoSent': 'Video gesendet',
  'diagnostics.codecs': 'Codecs',
  'diagnostics.path': 'ICE-Kandidatentypen (hier / Gegenseite)',
  'diagnostics.limitation': 'Video gedrosselt durch',
  'diagnostics.bandwidth': 'Bandbreite',
  'diagnostics.cpu': 'CPU',
  'diagnostics.other': 'Sonstiges',
  'diagnostics.nothing': 'nichts',
  'diagnostics.kbits': '{value} kbit/s',
  'diagnostics.percent': '{value} %',
  'diagnostics.millis': '{value} ms',
  'diagnostics.size': '{width}\u00d7{height}',
  'diagnostics.sizeFps': '{width}\u00d7{height}, {fps} fps',
  'diagnostics.none': 'k. A.',
};
