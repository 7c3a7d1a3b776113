// Czech (Čeština), formal address (vy). Keys and placeholders as lang-en.js, the reference.

export default {
  'page.title': 'Schůzka Fjord',
  'language.label': 'Jazyk',

  'precall.title': 'Připraveni se připojit?',
  'precall.room': 'Místnost',
  'precall.nameLabel': 'Vaše jméno',
  'precall.micOn': 'Mikrofon zapnutý',
  'precall.micOff': 'Mikrofon vypnutý',
  'precall.cameraOn': 'Kamera zapnutá',
  'precall.cameraOff': 'Kamera vypnutá',
  'precall.join': 'Připojit se ke schůzce',
  'precall.hintP2p': 'Váš zvuk a obraz jdou šifrovaně přímo k ostatním účastníkům; nic se '
    + 'nenahrává.',
  'precall.hintSfu': 'Váš zvuk a obraz jsou šifrovány na server, který je předává ostatním '
    + 'účastníkům: může je číst, ale nic neuchovává; nic se nenahrává.',
  'precall.hintE2ee': 'Váš zvuk a obraz jsou koncově šifrovány: server je předává ostatním '
    + 'účastníkům, ale nemůže je číst; nic se nenahrává.',
  'precall.cloudRecording': 'Tato schůzka se nahrává: server nahrává zvuk a obraz všech do souboru '
    + 'v úložišti organizátora. Nahrávané schůzky nejsou koncově šifrované: server zvuk a obraz '
    + 'čte, aby je mohl nahrát.',
  'precall.permissionHelp': 'Nefunguje kamera nebo mikrofon?',
  'precall.permissionHelpLink': 'Nápověda k přístupu ke kameře a mikrofonu',
  'precall.localRecording': 'Tato schůzka může být nahrávána: hostitel ji může nahrát na vlastním '
    + 'zařízení (na serveru se nic nenahrává).',
  'precall.viewer': 'Připojujete se jako divák: vaše kamera a mikrofon zůstanou vypnuté.',
  'precall.enterName': 'Zadejte své jméno.',
  'precall.linkNameRefused': 'Jméno z odkazu nelze použít: {reason}. Zadejte jiné.',
  'precall.nameRefused': 'Toto jméno nelze použít: {reason}.',
  'reason.nameCharacters': 'jméno nesmí obsahovat žádný ze znaků $ ! < > : ;',
  'reason.nameLength': 'jméno má nejvýše {max} znaků',
  'reason.repeated': {
    one: 'odkaz uvádí {name} {count}krát',
    few: 'odkaz uvádí {name} {count}krát',
    many: 'odkaz uvádí {name} {count}krát',
    other: 'odkaz uvádí {name} {count}krát',
  },
  'reason.encoding': '{name} v odkazu není platné procentově kódované UTF-8',

  'waiting.title': 'Čekání, až vás hostitel pustí dovnitř',
  'waiting.detail': 'Tato schůzka je zamčená. Připojíte se, jakmile vás hostitel pustí dovnitř.',
  'common.leave': 'Odejít',
  'common.you': 'You',

  'call.label': 'Schůzka',
  'call.title': 'Schůzka {room}',
  'call.participants': {
    one: '{count} účastník',
    few: '{count} účastníci',
    many: '{count} účastníka',
    other: '{count} účastníků',
  },
  'call.timer': 'Čas ve schůzce',
  'call.connecting': 'Připojování\u2026',
  'call.reconnecting': 'Opětovné připojování\u2026',
  'call.e2ee': 'Koncově šifrováno. Bezpečnostní kód',
  'call.e2eeHint': '(na každé obrazovce stejný, jinak někdo odposlouchává)',
  'call.recording': 'Nahrávání',
  'call.controls': 'Ovládání hovoru',
  'call.mute': 'Ztlumit',
  'call.unmute': 'Zrušit ztlumení',
  'call.stopCamera': 'Vypnout kameru',
  'call.startCamera': 'Zapnout kameru',
  'call.shareScreen': 'Sdílet obrazovku',
  'call.stopSharing': 'Ukončit sdílení',
  'call.lock': 'Zamknout místnost',
  'call.unlock': 'Odemknout místnost',
  'call.record': 'Nahrávat',
  'call.stopRecording': 'Zastavit nahrávání',
  'call.end': 'Ukončit schůzku',
  'call.hearOthers': 'Klikněte, abyste slyšeli ostatní',

  'dialog.endTitle': 'Ukončit schůzku pro všechny?',
  'dialog.endDetail': 'Všichni budou odpojeni a nikdo se k této schůzce už nebude moci připojit.',
  'dialog.cancel': 'Zrušit',
  'dialog.recordingTitle': 'Spustit nahrávání této schůzky?',
  'dialog.recordingDetail': 'Server nahrává zvuk a obraz všech do souboru v úložišti '
    + 'organizátora. Všichni vidí, že se schůzka nahrává.',
  'dialog.notNow': 'Teď ne',
  'dialog.startRecording': 'Spustit nahrávání',

  'ended.left': 'Opustili jste schůzku',
  'ended.notJoined': 'Ke schůzce jste se nepřipojili',
  'ended.stoppedWaiting': 'Přestali jste čekat dřív, než vás hostitel pustil dovnitř.',
  'ended.leftBeforeJoining': 'Odešli jste před připojením.',
  'ended.cannotJoin': 'K této schůzce se nelze připojit',
  'ended.meetingEnded': 'Schůzka skončila',
  'ended.removed': 'Byli jste ze schůzky odebráni',
  'ended.noMeeting': 'Tady žádná schůzka není',
  'ended.noRoomName': 'Odkaz neobsahuje název místnosti. Zkontrolujte odkaz.',
  'ended.linkUnusable': 'Tento odkaz na schůzku nelze použít: {reason}, takže není jasné, jakou roli '
    + 'uděluje. Otevřete odkaz tak, jak jste ho dostali, nebo požádejte o nový.',
  'ended.join': 'Připojit se',
  'ended.joinAgain': 'Připojit se znovu',
  'ended.askAgain': 'Znovu požádat o vstup',
  'ended.tryAgain': 'Zkusit znovu',

  'error.room_full': 'Tato schůzka je plná. Běžné místnosti pojmou nejvýše 4 osoby.',
  'error.too_many_knocks': 'Na vpuštění do této schůzky už čeká příliš mnoho lidí z vaší sítě. '
    + 'Zkuste to znovu, až jim hostitel odpoví.',
  'error.invalid_room_key': 'Tento odkaz na schůzku není platný (možná vypršel). Požádejte o nový '
    + 'odkaz.',
  'error.meeting_ended': 'Tato schůzka skončila.',
  'error.room_not_found': 'Tato schůzka neexistuje. Zkontrolujte odkaz.',
  'error.knock_rejected': 'Hostitel vás nepustil dovnitř.',
  'error.removed': 'Hostitel vás ze schůzky odebral.',
  'error.e2ee_required': 'Tato schůzka je koncově šifrovaná a její nastavení se od otevření této '
    + 'stránky změnilo. Načtěte stránku znovu, abyste se připojili.',
  'error.e2ee_unavailable': 'Tato schůzka už není koncově šifrovaná, proto se k ní tato stránka '
    + 'nepřipojila. Načtěte stránku znovu a připojte se bez koncového šifrování.',
  'error.e2ee_unsupported': 'Tato schůzka je koncově šifrovaná a tento prohlížeč neumí šifrovat zvuk '
    + 'a obraz (chybí mu WebRTC Encoded Transforms). Připojte se z aktuálního prohlížeče založeného '
    + 'na Chromiu nebo z Firefoxu.',
  'error.join_refused': 'Server schůzky vás odmítl připojit. Zkontrolujte odkaz nebo požádejte o '
    + 'nový.',
  'error.name_refused': 'Vaše jméno nelze použít. Jméno nesmí být prázdné, nesmí obsahovat řídicí '
    + 'znaky, přepisy směru textu ani žádný ze znaků $ ! < > : ; a má nejvýše 100 znaků.',

  'notice.sfu_error': 'Mediální server nedokázal nastavit váš zvuk a obraz. Zkuste odejít a znovu '
    + 'se připojit.',
  'notice.publish_failed': 'Váš zvuk a obraz nebylo možné odeslat. Zkuste odejít a znovu se '
    + 'připojit.',
  'notice.subscribe_failed': 'Zvuk a obraz ostatních nebylo možné přijmout. Zkuste se připojit '
    + 'znovu.',
  'notice.rate_limited': 'Příliš mnoho akcí najednou; některé byly ignorovány.',
  'notice.forbidden': 'To mohou udělat jen hostitelé.',
  'notice.chat_disabled': 'Chat je v této schůzce vypnutý.',
  'notice.unavailable': 'Server schůzky je zaneprázdněný. Zkouší se to znovu\u2026',
  'notice.media_lost': 'Mediální spojení se přerušilo. Opětovné připojování\u2026',
  'notice.transport_failed': 'Spojení se schůzkou se přerušilo. Opětovné připojování\u2026',
  'notice.muted': 'Hostitel ztlumil váš mikrofon. Ztlumení můžete sami zrušit.',
  'notice.too_many_spotlights': 'At most 4 people can be in the spotlight. Remove a spotlight '
    + 'first.',

  'media.screenRefused': 'Sdílení obrazovky bylo zrušeno nebo odmítnuto.',
  'media.screenFailed': 'Obrazovku nebylo možné sdílet.',
  'media.denied': 'Přístup ke kameře nebo mikrofonu byl odepřen. Přesto se můžete připojit a '
    + 'ostatní vidět.',
  'media.notFound': 'Nebyla nalezena žádná kamera ani mikrofon.',
  'media.inUse': 'Kameru nebo mikrofon používá jiná aplikace.',
  'media.failed': 'Kameru nebo mikrofon nebylo možné spustit.',

  'announce.someone': 'Někdo',
  'announce.joined': 'Připojuje se: {name}',
  'announce.left': 'Odchází: {name}',
  'announce.knocking': 'Čeká na vpuštění: {name}',
  'announce.sharing': 'Sdílíte svou obrazovku',
  'announce.sharingOff': 'Sdílení obrazovky vypnuto',
  'announce.micOn': 'Mikrofon zapnutý',
  'announce.micOff': 'Mikrofon vypnutý',
  'announce.cameraOn': 'Kamera zapnutá',
  'announce.cameraOff': 'Kamera vypnutá',
  'announce.recording': 'Tato schůzka se nahrává',
  'announce.recordingStopped': 'Nahrávání se zastavilo',
  'announce.safetyCode': 'Bezpečnostní kód se změnil: porovnejte ho znovu s ostatními',
  'announce.soundBlocked': 'Prohlížeč zablokoval zvuk: stiskněte \u201e{button}\u201c',
  'announce.undecryptable': 'Zvuk a obraz nelze dešifrovat: {name}',
  'announce.chat': '{name}: {text}',

  'side.label': 'Lidé a chat',
  'side.knocking': 'Čekají na vpuštění',
  'side.people': 'Lidé',
  'side.chat': 'Chat',
  'people.you': '{name} (vy)',
  'people.host': 'hostitel',
  'people.viewer': 'divák',
  'people.recorder': 'nahrávání',
  'people.thisParticipant': 'tento účastník',
  'people.mute': 'Ztlumit',
  'people.muteName': 'Ztlumit: {name}',
  'people.remove': 'Odebrat',
  'people.removeName': 'Odebrat: {name}',
  'people.letIn': 'Pustit dovnitř',
  'people.letInName': 'Pustit dovnitř: {name}',
  'people.hold': 'Nechat čekat',
  'people.holdName': 'Nechat čekat: {name}',
  'people.holdMessage': 'Hostitel vás za chvíli pustí dovnitř.',
  'people.reject': 'Odmítnout',
  'people.rejectName': 'Odmítnout: {name}',
  'chat.notEncrypted': 'Chat není koncově šifrovaný: server tyto zprávy předává a může je číst '
    + '(žádné neuchovává).',
  'chat.placeholder': 'Zpráva pro všechny',
  'chat.label': 'Zpráva chatu',
  'chat.send': 'Odeslat',
  'chat.download': 'Stáhnout chat',
  'chat.from': '{name}:',
  'chat.delete': 'Smazat',
  'chat.deleteName': 'Smazat zprávu od: {name}',
  'chat.notConnected': 'Nepřipojeno: zpráva nebyla odeslána. Zkuste to za chvíli znovu.',
  'chat.bad_message': 'Tuto zprávu nelze odeslat: obsahuje nepovolené znaky (řídicí znaky nebo '
    + 'přepisy směru textu; zalomení řádků jsou v pořádku).',
  'chat.too_large': 'Tato zpráva je příliš dlouhá na odeslání.',
  'chat.rate_limited': 'Příliš mnoho zpráv najednou. Chvíli počkejte a odešlete ji znovu.',
  'chat.chat_disabled': 'Chat je v této schůzce vypnutý.',
  'chat.transcriptTitle': 'Chat ze schůzky {room}, {date}',

  'tile.screen': '{name} (obrazovka)',
  'tile.cameraOff': 'Kamera je vypnutá',
  'tile.connecting': 'Připojování\u2026',
  'tile.pausedLastN': 'Video pozastaveno: není mezi posledními mluvčími',
  'tile.pausedBandwidth': 'Video pozastaveno: vaše připojení je příliš pomalé',
  'tile.undecryptable': 'Nelze dešifrovat: šifrovací klíč tohoto účastníka k vám nedorazil',
  'tile.unplayable': 'Tento prohlížeč nemůže přehrát video ({codec}): {name}',
  'tile.pinTitle': 'Vždy zobrazovat tuto kameru',
  'tile.pin': 'Připnout',
  'tile.unpin': 'Odepnout',
  'tile.pinName': 'Připnout: {name}',
  'tile.unpinName': 'Odepnout: {name}',
  'tile.thisCamera': 'tato kamera',
  'peer.lost': 'Spojení ztraceno ({name}), zkouší se to znovu\u2026',
  'peer.notYet': 'Zatím nelze navázat spojení ({name}), zkouší se to znovu\u2026',
  'peer.none': 'Bez spojení: {name}',
  'peer.failed': 'Spojení ({name}) se nepodařilo navázat ani po několika pokusech. Hovor možná '
    + 'blokuje firewall nebo síť: zkuste odejít a znovu se připojit, nebo použijte jinou síť.',
  'peer.back': 'Znovu připojeno: {name}.',

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
