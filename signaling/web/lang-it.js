// Italian (Italiano), formal address (Lei). Keys and placeholders as lang-en.js, the reference.

export default {
  'page.title': 'Riunione Fjord',
  'language.label': 'Lingua',

  'precall.title': 'Tutto pronto per partecipare?',
  'precall.room': 'Stanza',
  'precall.nameLabel': 'Il Suo nome',
  'precall.micOn': 'Microfono attivo',
  'precall.micOff': 'Microfono spento',
  'precall.cameraOn': 'Fotocamera attiva',
  'precall.cameraOff': 'Fotocamera spenta',
  'precall.join': 'Partecipa alla riunione',
  'precall.hintP2p': 'Audio e video vanno direttamente agli altri partecipanti, cifrati; non viene '
    + 'registrato nulla.',
  'precall.hintSfu': 'Audio e video sono cifrati fino al server, che li inoltra agli altri '
    + 'partecipanti: può leggerli ma non conserva nulla; non viene registrato nulla.',
  'precall.hintE2ee': 'Audio e video sono cifrati end-to-end: il server li inoltra agli altri '
    + 'partecipanti ma non può leggerli; non viene registrato nulla.',
  'precall.cloudRecording': 'Questa riunione viene registrata: il server registra l\u2019audio e il '
    + 'video di tutti in un file nello spazio di archiviazione dell\u2019organizzatore. Le riunioni '
    + 'registrate non sono cifrate end-to-end: il server legge audio e video per registrarli.',
  'precall.permissionHelp': 'La fotocamera o il microfono non funzionano?',
  'precall.permissionHelpLink': 'Aiuto per l\u2019accesso a fotocamera e microfono',
  'precall.localRecording': 'Questa riunione può essere registrata: un host può registrarla sul '
    + 'proprio dispositivo (sul server non viene registrato nulla).',
  'precall.viewer': 'Partecipa come spettatore: fotocamera e microfono restano spenti.',
  'precall.enterName': 'Inserisca il Suo nome.',
  'precall.linkNameRefused': 'Il nome nel link non può essere usato: {reason}. Ne inserisca un '
    + 'altro.',
  'precall.nameRefused': 'Questo nome non può essere usato: {reason}.',
  'reason.nameCharacters': 'un nome non può contenere nessuno dei caratteri $ ! < > : ;',
  'reason.nameLength': 'un nome ha al massimo {max} caratteri',
  'reason.repeated': {
    one: 'il link indica {name} {count} volta',
    many: 'il link indica {name} {count} volte',
    other: 'il link indica {name} {count} volte',
  },
  'reason.encoding': '{name} nel link non è UTF-8 valido con codifica percentuale',

  'waiting.title': 'In attesa che un host La faccia entrare',
  'waiting.detail': 'Questa riunione è bloccata. Entrerà non appena un host La farà entrare.',
  'common.leave': 'Esci',
  'common.you': 'Lei',

  'call.label': 'Riunione',
  'call.title': 'Riunione {room}',
  'call.participants': {
    one: '{count} partecipante',
    many: '{count} partecipanti',
    other: '{count} partecipanti',
  },
  'call.timer': 'Tempo nella riunione',
  'call.connecting': 'Connessione in corso\u2026',
  'call.reconnecting': 'Riconnessione in corso\u2026',
  'call.e2ee': 'Cifrata end-to-end. Codice di sicurezza',
  'call.e2eeHint': '(uguale su ogni schermo, altrimenti qualcuno sta ascoltando)',
  'call.recording': 'Registrazione',
  'call.controls': 'Controlli della chiamata',
  'call.mute': 'Disattiva audio',
  'call.unmute': 'Riattiva audio',
  'call.stopCamera': 'Spegni fotocamera',
  'call.startCamera': 'Accendi fotocamera',
  'call.shareScreen': 'Condividi schermo',
  'call.stopSharing': 'Interrompi condivisione',
  'call.lock': 'Blocca stanza',
  'call.unlock': 'Sblocca stanza',
  'call.record': 'Registra',
  'call.stopRecording': 'Interrompi registrazione',
  'call.end': 'Termina riunione',
  'call.hearOthers': 'Clicchi per sentire gli altri',

  'dialog.endTitle': 'Terminare la riunione per tutti?',
  'dialog.endDetail': 'Tutti vengono fatti uscire e nessuno potrà più partecipare a questa '
    + 'riunione.',
  'dialog.cancel': 'Annulla',
  'dialog.recordingTitle': 'Avviare la registrazione di questa riunione?',
  'dialog.recordingDetail': 'Il server registra l\u2019audio e il video di tutti in un file nello '
    + 'spazio di archiviazione dell\u2019organizzatore. Tutti vedono che la riunione viene '
    + 'registrata.',
  'dialog.notNow': 'Non ora',
  'dialog.startRecording': 'Avvia registrazione',

  'ended.left': 'Ha lasciato la riunione',
  'ended.notJoined': 'Non ha partecipato alla riunione',
  'ended.stoppedWaiting': 'Ha smesso di attendere prima che un host La facesse entrare.',
  'ended.leftBeforeJoining': 'Ha lasciato la pagina prima di entrare.',
  'ended.cannotJoin': 'Impossibile partecipare a questa riunione',
  'ended.meetingEnded': 'La riunione è terminata',
  'ended.removed': 'È stato rimosso dalla riunione',
  'ended.noMeeting': 'Nessuna riunione qui',
  'ended.noRoomName': 'Il link non contiene il nome di una stanza. Controlli il link.',
  'ended.linkUnusable': 'Questo link della riunione non può essere usato: {reason}, quindi il ruolo '
    + 'che assegna non è chiaro. Apra il link così come Le è stato dato, oppure ne chieda uno '
    + 'nuovo.',
  'ended.join': 'Partecipa',
  'ended.joinAgain': 'Partecipa di nuovo',
  'ended.askAgain': 'Chiedi di nuovo di entrare',
  'ended.tryAgain': 'Riprova',

  'error.room_full': 'Questa riunione è al completo. Le stanze normali ospitano al massimo '
    + '4 persone.',
  'error.too_many_knocks': 'Troppe persone della Sua rete stanno già aspettando di entrare in '
    + 'questa riunione. Riprovi quando un host avrà risposto loro.',
  'error.invalid_room_key': 'Questo link della riunione non è valido (potrebbe essere scaduto). '
    + 'Ne chieda uno nuovo.',
  'error.meeting_ended': 'Questa riunione è terminata.',
  'error.room_not_found': 'Questa riunione non esiste. Controlli il link.',
  'error.knock_rejected': 'Un host non L\u2019ha fatta entrare.',
  'error.removed': 'Un host L\u2019ha rimossa dalla riunione.',
  'error.e2ee_required': 'Questa riunione è cifrata end-to-end e le sue impostazioni sono cambiate '
    + 'dall\u2019apertura di questa pagina. Ricarichi la pagina per partecipare.',
  'error.e2ee_unavailable': 'Questa riunione non è più cifrata end-to-end, quindi questa pagina non '
    + 'vi ha partecipato. Ricarichi la pagina per partecipare senza cifratura end-to-end.',
  'error.e2ee_unsupported': 'Questa riunione è cifrata end-to-end e questo browser non può cifrare '
    + 'audio e video (non supporta le WebRTC Encoded Transforms). Partecipi da un browser recente '
    + 'basato su Chromium o da Firefox.',
  'error.join_refused': 'Il server della riunione non Le ha permesso di partecipare. Controlli il '
    + 'link o ne chieda uno nuovo.',
  'error.name_refused': 'Il Suo nome non può essere usato. Un nome non deve essere vuoto, non deve '
    + 'contenere caratteri di controllo, override bidirezionali né alcuno dei caratteri '
    + '$ ! < > : ;, e ha al massimo 100 caratteri.',

  'notice.sfu_error': 'Il server multimediale non è riuscito a configurare audio e video. Provi a '
    + 'uscire e a rientrare.',
  'notice.publish_failed': 'Non è stato possibile inviare audio e video. Provi a uscire e a '
    + 'rientrare.',
  'notice.subscribe_failed': 'Non è stato possibile ricevere l\u2019audio e il video degli altri. '
    + 'Provi a rientrare.',
  'notice.rate_limited': 'Troppe azioni insieme; alcune sono state ignorate.',
  'notice.forbidden': 'Solo gli host possono farlo.',
  'notice.chat_disabled': 'La chat è disattivata in questa riunione.',
  'notice.unavailable': 'Il server della riunione è occupato. Nuovo tentativo\u2026',
  'notice.media_lost': 'La connessione multimediale si è interrotta. Riconnessione in corso\u2026',
  'notice.transport_failed': 'La connessione alla riunione si è interrotta. Riconnessione in '
    + 'corso\u2026',
  'notice.muted': 'Un host ha disattivato il Suo microfono. Può riattivarlo Lei stesso.',
  'notice.too_many_spotlights': 'Al massimo 4 persone possono essere in primo piano. Tolga prima '
    + 'qualcuno dal primo piano.',

  'media.screenRefused': 'La condivisione dello schermo è stata annullata o rifiutata.',
  'media.screenFailed': 'Non è stato possibile condividere lo schermo.',
  'media.denied': 'L\u2019accesso alla fotocamera o al microfono è stato negato. Può comunque '
    + 'partecipare e vedere gli altri.',
  'media.notFound': 'Non è stata trovata nessuna fotocamera né alcun microfono.',
  'media.inUse': 'La fotocamera o il microfono sono usati da un\u2019altra applicazione.',
  'media.failed': 'Non è stato possibile avviare la fotocamera o il microfono.',

  'announce.someone': 'Qualcuno',
  'announce.joined': '{name} è entrato',
  'announce.left': '{name} è uscito',
  'announce.knocking': '{name} attende di entrare',
  'announce.sharing': 'Sta condividendo lo schermo',
  'announce.sharingOff': 'Condivisione dello schermo disattivata',
  'announce.micOn': 'Microfono attivo',
  'announce.micOff': 'Microfono spento',
  'announce.cameraOn': 'Fotocamera attiva',
  'announce.cameraOff': 'Fotocamera spenta',
  'announce.recording': 'Questa riunione viene registrata',
  'announce.recordingStopped': 'La registrazione si è interrotta',
  'announce.safetyCode': 'Il codice di sicurezza è cambiato: lo confronti di nuovo con gli altri',
  'announce.soundBlocked': 'Il browser ha bloccato l\u2019audio: prema «{button}»',
  'announce.undecryptable': 'Impossibile decifrare l\u2019audio e il video di {name}',
  'announce.chat': '{name}: {text}',

  'side.label': 'Persone, chat e diagnostica',
  'side.knocking': 'In attesa di entrare',
  'side.people': 'Persone',
  'side.chat': 'Chat',
  'people.you': '{name} (Lei)',
  'people.host': 'host',
  'people.viewer': 'spettatore',
  'people.recorder': 'registratore',
  'people.thisParticipant': 'questo partecipante',
  'people.mute': 'Disattiva audio',
  'people.muteName': 'Disattiva l\u2019audio di {name}',
  'people.remove': 'Rimuovi',
  'people.removeName': 'Rimuovi {name}',
  'people.letIn': 'Fai entrare',
  'people.letInName': 'Fai entrare {name}',
  'people.hold': 'Fai attendere',
  'people.holdName': 'Fai attendere {name}',
  'people.holdMessage': 'Un host La farà entrare a breve.',
  'people.reject': 'Rifiuta',
  'people.rejectName': 'Rifiuta {name}',
  'chat.notEncrypted': 'La chat non è cifrata end-to-end: il server inoltra questi messaggi e può '
    + 'leggerli (non ne conserva nessuno).',
  'chat.placeholder': 'Messaggio a tutti',
  'chat.label': 'Messaggio della chat',
  'chat.send': 'Invia',
  'chat.download': 'Scarica chat',
  'chat.from': '{name}:',
  'chat.delete': 'Elimina',
  'chat.deleteName': 'Elimina il messaggio di {name}',
  'chat.notConnected': 'Non connesso: il messaggio non è stato inviato. Riprovi tra un momento.',
  'chat.bad_message': 'Questo messaggio non può essere inviato: contiene caratteri non consentiti '
    + '(caratteri di controllo o override bidirezionali; gli a capo vanno bene).',
  'chat.too_large': 'Questo messaggio è troppo lungo per essere inviato.',
  'chat.rate_limited': 'Troppi messaggi insieme. Attenda un momento e lo invii di nuovo.',
  'chat.chat_disabled': 'La chat è disattivata in questa riunione.',
  'chat.transcriptTitle': 'Chat della riunione {room}, {date}',

  'tile.screen': '{name} (schermo)',
  'tile.cameraOff': 'La fotocamera è spenta',
  'tile.connecting': 'Connessione in corso\u2026',
  'tile.pausedLastN': 'Video in pausa: non tra chi ha parlato di recente',
  'tile.pausedBandwidth': 'Video in pausa: la Sua connessione è troppo lenta',
  'tile.undecryptable': 'Impossibile decifrare: la chiave di cifratura di questo partecipante non '
    + 'Le è arrivata',
  'tile.unplayable': 'Questo browser non può riprodurre il video di {name} ({codec})',
  'tile.pinTitle': 'Mostra sempre questa fotocamera',
  'tile.pin': 'Fissa',
  'tile.unpin': 'Sblocca',
  'tile.pinName': 'Fissa {name}',
  'tile.unpinName': 'Sblocca {name}',
  'tile.thisCamera': 'questa fotocamera',
  'peer.lost': 'Connessione con {name} persa, nuovo tentativo\u2026',
  'peer.notYet': 'Non ancora connesso con {name}, nuovo tentativo\u2026',
  'peer.none': 'Nessuna connessione con {name}',
  'peer.failed': 'Impossibile connettersi con {name} dopo diversi tentativi. Un firewall o la rete '
    + 'potrebbero bloccare la chiamata: provi a uscire e a rientrare, oppure usi un\u2019altra rete.',
  'peer.back': 'Di nuovo connesso con {name}.',

  'ceremony.title': 'Test di dispositivi e connessione',
  'ceremony.note': 'Prima di partecipare, questo test controlla fotocamera, altoparlanti, '
    + 'microfono e connessione. Un test non superato non Le impedisce di partecipare. I '
    + 'risultati restano su questo dispositivo.',
  'ceremony.running': 'Test in corso\u2026',
  'ceremony.passed': 'Superato',
  'ceremony.failed': 'Non superato',
  'ceremony.skipped': 'Saltato',
  'ceremony.camera': 'Fotocamera',
  'ceremony.microphone': 'Microfono',
  'ceremony.connectivity': 'Connessione',
  'ceremony.speaker': 'Altoparlanti',
  'ceremony.speakerRunning': 'Riproduca il suono di prova, poi indichi se lo ha sentito.',
  'ceremony.speakerAsk': 'Ha sentito il suono di prova?',
  'ceremony.speakerPassed': 'Sente il suono dagli altoparlanti o dalle cuffie.',
  'ceremony.speakerFailed': 'Non ha sentito il suono di prova. Controlli che altoparlanti o '
    + 'cuffie siano collegati, accesi, con volume sufficiente e scelti come uscita audio nelle '
    + 'impostazioni di sistema, poi ripeta il test.',
  'ceremony.play': 'Riproduci suono di prova',
  'ceremony.heard': 'Sì, l’ho sentito',
  'ceremony.notHeard': 'No, non l’ho sentito',
  'ceremony.announce': '{step}: {status}. {detail}',
  'ceremony.cameraRunning': 'In attesa di un\'immagine dalla fotocamera\u2026',
  'ceremony.cameraPassed': 'La Sua fotocamera invia un\'immagine.',
  'ceremony.cameraOff': 'La Sua fotocamera è spenta o non è stato possibile aprirla, quindi non è '
    + 'stata testata. La accenda con «Fotocamera attiva», chiuda le altre app che potrebbero '
    + 'usarla e ripeta il test.',
  'ceremony.cameraTimeout': 'Nessuna immagine è arrivata dalla fotocamera entro {seconds} '
    + 'secondi. Controlli che sia collegata e non usata da un\'altra app, poi ripeta il test.',
  'ceremony.microphoneRunning': 'Dica qualcosa: la barra mostra ciò che sente il microfono.',
  'ceremony.microphonePassed': 'Il Suo microfono capta il suono.',
  'ceremony.microphoneOff': 'Il Suo microfono è spento o non è stato possibile aprirlo, quindi '
    + 'non è stato testato. Consenta al browser di usarlo, poi ripeta il test.',
  'ceremony.microphoneMuted': 'Il Suo microfono è disattivato. Lo attivi con «Microfono attivo» e '
    + 'ripeta il test.',
  'ceremony.microphoneTimeout': 'Non si è sentito nulla dal microfono entro {seconds} secondi. '
    + 'Controlli che sia collegato e non disattivato nelle impostazioni di sistema, parli e '
    + 'ripeta il test.',
  'ceremony.connectivityRunning': 'Verifica della connessione al server della riunione e al suo '
    + 'relay multimediale, e di quanti dati trasporta\u2026',
  'ceremony.connectivityPassed': 'Il server della riunione risponde e il suo relay multimediale '
    + '(TURN, tramite {via}) ha trasportato {mbps} Mbit/s in andata e ritorno: abbastanza per '
    + 'il video.',
  'ceremony.connectivityPassedPolling': 'Il server della riunione risponde (tramite polling '
    + 'HTTPS: i WebSocket sembrano bloccati, il che funziona ma è più lento) e il suo relay '
    + 'multimediale (TURN, tramite {via}) ha trasportato {mbps} Mbit/s in andata e ritorno: '
    + 'abbastanza per il video.',
  'ceremony.connectivityRefused': 'Il server della riunione ha rifiutato il test ({reason}). '
    + 'Ricarichi la pagina oppure chieda un nuovo link a chi Le ha inviato quello attuale.',
  'ceremony.connectivityNoSignaling': 'Impossibile raggiungere il server della riunione '
    + '({reason}). Controlli la connessione a internet; su una rete aziendale o pubblica, chieda '
    + 'all\'amministratore di consentire questo sito.',
  'ceremony.connectivityNoRelay': 'Il server della riunione risponde, ma il suo relay '
    + 'multimediale (TURN) non è raggiungibile, quindi audio e video potrebbero non passare. '
    + 'Potrebbe bloccarlo un firewall: provi un\'altra rete o chieda all\'amministratore di rete di '
    + 'consentire UDP e TCP verso il relay.',
  'ceremony.connectivityNoRelayInTime': 'Il server della riunione risponde, ma il suo relay '
    + 'multimediale (TURN) non è stato raggiunto entro {seconds} secondi, quindi audio e video '
    + 'potrebbero non passare. Potrebbe bloccarlo un firewall: provi un\'altra rete o chieda '
    + 'all\'amministratore di rete di consentire UDP e TCP verso il relay.',
  'ceremony.connectivityNoPath': 'Il relay multimediale (TURN) ha fornito indirizzi tramite '
    + '{via}, ma non ha trasportato dati tra loro, quindi audio e video potrebbero non passare. '
    + 'Il server della riunione potrebbe essere configurato male: lo segnali a chi lo gestisce.',
  'ceremony.connectivityNoData': 'Il relay multimediale (TURN) ha fornito un indirizzo tramite '
    + '{via}, ma entro {seconds} secondi non vi è passato alcun dato, quindi audio e video '
    + 'potrebbero non passare. Potrebbe bloccarlo un firewall: provi un\'altra rete o chieda '
    + 'all\'amministratore di rete di consentire UDP e TCP verso il relay.',
  'ceremony.connectivitySlow': 'Il server della riunione risponde, ma il suo relay multimediale '
    + '(TURN, tramite {via}) ha trasportato solo {mbps} Mbit/s in andata e ritorno, meno dei '
    + '{needed} Mbit/s che servono al video: gli altri potrebbero vederla e sentirla male. '
    + 'Chiuda i programmi che usano la rete o si avvicini al Wi-Fi, e ripeta il test.',
  'ceremony.connectivityTimeout': 'Il server della riunione non ha risposto entro {seconds} '
    + 'secondi. La Sua connessione potrebbe essere lenta o bloccata da un firewall.',
  'ceremony.connectivitySkipped': 'Ha saltato il test della connessione.',
  'ceremony.meterLabel': 'Livello del microfono',
  'ceremony.summaryPassed': 'Tutti i test superati. È pronto per partecipare.',
  'ceremony.summaryFailed': 'Alcuni test non sono stati superati. Può comunque partecipare alla '
    + 'riunione, ma gli altri potrebbero non vederLa o sentirLa bene.',
  'ceremony.summarySkipped': 'La connessione non è stata testata. Può partecipare alla riunione.',
  'ceremony.skip': 'Salta il test della connessione',
  'ceremony.again': 'Ripeti il test',
  'settings.open': 'Impostazioni',
  'pip.button': 'Picture-in-picture',
  'pip.noVideo': 'Non c’è ancora nessun video da mostrare in picture-in-picture.',
  'pip.refused': 'Il browser non ha aperto il picture-in-picture.',
  'settings.title': 'Dispositivi',
  'settings.camera': 'Fotocamera',
  'settings.microphone': 'Microfono',
  'settings.speaker': 'Altoparlanti',
  'settings.close': 'Chiudi',
  'settings.device': 'Dispositivo {n}',
  'settings.none': 'Nessuno trovato',
  'settings.speakerFailed': 'Non è stato possibile spostare l’audio su quegli altoparlanti. '
    + 'Scelga un’altra uscita o controlli le impostazioni di sistema.',

  'invitation.title': 'In attesa che altri partecipino',
  'invitation.linkLabel': 'Link della riunione',
  'invitation.copy': 'Copia link',
  'invitation.copied': 'Link copiato',
  'invitation.selectToCopy': 'Il link è selezionato: prema Ctrl+C (o \u2318C) per copiarlo',

  'reactions.button': 'Reazioni',
  'reactions.menu': 'Invia una reazione',
  'reactions.e2eeNote': 'Le reazioni non sono crittografate end-to-end: il server le inoltra (non '
    + 'ne conserva nessuna).',
  'reactions.tooFast': 'Troppe reazioni insieme; attenda un momento.',
  'reactions.reacted': '{name} ha reagito con {reaction}',
  'reactions.youReacted': 'Ha reagito con {reaction}',
  'reactions.thumbsUp': 'Pollice in su',
  'reactions.thumbsDown': 'Pollice in giù',
  'reactions.clap': 'Applauso',
  'reactions.raisedHand': 'Alza la mano',
  'reactions.heart': 'Cuore',
  'reactions.laugh': 'Risata',
  'reactions.surprised': 'Sorpresa',
  'reactions.celebrate': 'Festa',

  'spotlight.add': 'In primo piano',
  'spotlight.addName': 'Metti in primo piano {name}',
  'spotlight.remove': 'Togli dal primo piano',
  'spotlight.removeName': 'Togli {name} dal primo piano',
  'spotlight.tag': 'in primo piano',
  'spotlight.on': '{name} è in primo piano',
  'spotlight.off': '{name} non è più in primo piano',
  'spotlight.onYou': 'Lei è in primo piano',
  'spotlight.offYou': 'Lei non è più in primo piano',

  'diagnostics.button': 'Diagnostica',
  'diagnostics.title': 'Diagnostica della riunione',
  'diagnostics.close': 'Chiudi',
  'diagnostics.closeLabel': 'Chiudi la diagnostica della riunione',
  'diagnostics.privacy': 'Misurato nel Suo browser ogni secondo mentre questa pagina è visibile. '
    + 'Nulla viene inviato al server o conservato.',
  'diagnostics.p2p': 'Peer to peer: audio e video vanno direttamente tra i browser (P2P), oppure '
    + 'attraverso il relay TURN quando un tipo di candidato è relay.',
  'diagnostics.sfu': 'Attraverso il server: audio e video passano per la SFU. Andata e ritorno, '
    + 'jitter e tipi di candidato si riferiscono alla Sua connessione al server.',
  'diagnostics.someone': 'Partecipante',
  'diagnostics.good': 'Buona',
  'diagnostics.fair': 'Discreta',
  'diagnostics.poor': 'Scarsa',
  'diagnostics.quality': 'Qualità della connessione: {level}',
  'diagnostics.qualityCauses': 'Qualità della connessione: {level} ({causes})',
  'diagnostics.measuring': 'Qualità della connessione: misurazione in corso\u2026',
  'diagnostics.causeLoss': 'perdita di pacchetti',
  'diagnostics.causeRtt': 'tempo di andata e ritorno',
  'diagnostics.causeJitter': 'jitter',
  'diagnostics.causeLimitation': 'video limitato',
  'diagnostics.bitrateIn': 'Ricevuti',
  'diagnostics.bitrateOut': 'Inviati',
  'diagnostics.lossPct': 'Perdita di pacchetti',
  'diagnostics.rttMs': 'Tempo di andata e ritorno',
  'diagnostics.jitterMs': 'Jitter',
  'diagnostics.video': 'Video ricevuto',
  'diagnostics.videoSent': 'Video inviato',
  'diagnostics.codecs': 'Codec',
  'diagnostics.path': 'Tipi di candidato ICE (qui / altro capo)',
  'diagnostics.limitation': 'Video limitato da',
  'diagnostics.bandwidth': 'larghezza di banda',
  'diagnostics.cpu': 'CPU',
  'diagnostics.other': 'altro',
  'diagnostics.nothing': 'nulla',
  'diagnostics.kbits': '{value} kbit/s',
  'diagnostics.percent': '{value} %',
  'diagnostics.millis': '{value} ms',
  'diagnostics.size': '{width}\u00d7{height}',
  'diagnostics.sizeFps': '{width}\u00d7{height}, {fps} fps',
  'diagnostics.none': 'n/d',
};
