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
  'common.you': 'You',

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
  'notice.too_many_spotlights': 'At most 4 people can be in the spotlight. Remove a spotlight '
    + 'first.',

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

  'side.label': 'Persone e chat',
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
