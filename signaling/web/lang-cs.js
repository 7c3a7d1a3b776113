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
  'common.you': 'Vy',

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
  'notice.too_many_spotlights': 'Zvýrazněni mohou být nejvýše 4 lidé. Nejprve někomu zvýraznění '
    + 'zrušte.',

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

  'side.label': 'Lidé, chat a diagnostika',
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

  'ceremony.title': 'Test zařízení a připojení',
  'ceremony.note': 'Před připojením tento test zkontroluje vaši kameru, reproduktory, mikrofon a '
    + 'připojení. Neúspěšný test vám v připojení nebrání. Výsledky zůstanou v tomto zařízení.',
  'ceremony.running': 'Probíhá test\u2026',
  'ceremony.passed': 'Úspěšné',
  'ceremony.failed': 'Neúspěšné',
  'ceremony.skipped': 'Přeskočeno',
  'ceremony.camera': 'Kamera',
  'ceremony.microphone': 'Mikrofon',
  'ceremony.connectivity': 'Připojení',
  'ceremony.speaker': 'Reproduktory',
  'ceremony.speakerRunning': 'Přehrajte testovací zvuk a pak řekněte, zda jste ho slyšeli.',
  'ceremony.speakerAsk': 'Slyšeli jste testovací zvuk?',
  'ceremony.speakerPassed': 'Zvuk z reproduktorů nebo sluchátek slyšíte.',
  'ceremony.speakerFailed': 'Testovací zvuk jste neslyšeli. Zkontrolujte, že jsou reproduktory '
    + 'nebo sluchátka připojené, zapnuté, dostatečně hlasité a vybrané jako zvukový výstup v '
    + 'nastavení systému, a otestujte znovu.',
  'ceremony.play': 'Přehrát testovací zvuk',
  'ceremony.heard': 'Ano, slyšel(a) jsem ho',
  'ceremony.notHeard': 'Ne, neslyšel(a)',
  'ceremony.announce': '{step}: {status}. {detail}',
  'ceremony.cameraRunning': 'Čeká se na obraz z vaší kamery\u2026',
  'ceremony.cameraPassed': 'Vaše kamera posílá obraz.',
  'ceremony.cameraOff': 'Vaše kamera je vypnutá nebo ji nešlo otevřít, proto nebyla otestována. '
    + 'Zapněte ji tlačítkem „Kamera zapnutá“, zavřete jiné aplikace, které ji mohou používat, a '
    + 'otestujte znovu.',
  'ceremony.cameraTimeout': 'Z vaší kamery nepřišel během {seconds} sekund žádný obraz. '
    + 'Zkontrolujte, že je připojená a nepoužívá ji jiná aplikace, a otestujte znovu.',
  'ceremony.microphoneRunning': 'Řekněte něco: pruh ukazuje, co váš mikrofon slyší.',
  'ceremony.microphonePassed': 'Váš mikrofon zachytává zvuk.',
  'ceremony.microphoneOff': 'Váš mikrofon je vypnutý nebo ho nešlo otevřít, proto nebyl '
    + 'otestován. Povolte prohlížeči jeho použití a otestujte znovu.',
  'ceremony.microphoneMuted': 'Váš mikrofon je ztlumený. Zapněte ho tlačítkem „Mikrofon zapnutý“ '
    + 'a otestujte znovu.',
  'ceremony.microphoneTimeout': 'Z vašeho mikrofonu nebylo během {seconds} sekund nic slyšet. '
    + 'Zkontrolujte, že je připojený a není ztlumený v nastavení systému, promluvte a otestujte '
    + 'znovu.',
  'ceremony.connectivityRunning': 'Kontroluje se připojení k serveru schůzky a jeho mediálnímu '
    + 'relé a kolik dat přenese\u2026',
  'ceremony.connectivityPassed': 'Server schůzky odpovídá a jeho mediální relé (TURN, přes '
    + '{via}) přeneslo {mbps} Mbit/s tam i zpět: dost pro video.',
  'ceremony.connectivityPassedPolling': 'Server schůzky odpovídá (přes dotazování HTTPS: '
    + 'WebSockety se zdají blokované, což funguje, ale pomaleji) a jeho mediální relé (TURN, '
    + 'přes {via}) přeneslo {mbps} Mbit/s tam i zpět: dost pro video.',
  'ceremony.connectivityRefused': 'Server schůzky test odmítl ({reason}). Načtěte stránku znovu, '
    + 'nebo požádejte toho, kdo vám odkaz poslal, o nový.',
  'ceremony.connectivityNoSignaling': 'Server schůzky je nedostupný ({reason}). Zkontrolujte '
    + 'připojení k internetu; ve firemní nebo veřejné síti požádejte jejího správce, aby tento '
    + 'web povolil.',
  'ceremony.connectivityNoRelay': 'Server schůzky odpovídá, ale jeho mediální relé (TURN) je '
    + 'nedostupné, takže zvuk a video nemusí projít. Možná ho blokuje firewall: zkuste jinou síť, '
    + 'nebo požádejte správce sítě, aby povolil UDP a TCP k relé.',
  'ceremony.connectivityNoRelayInTime': 'Server schůzky odpovídá, ale jeho mediální relé (TURN) '
    + 'nebylo během {seconds} sekund dostupné, takže zvuk a video nemusí projít. Možná ho blokuje '
    + 'firewall: zkuste jinou síť, nebo požádejte správce sítě, aby povolil UDP a TCP k relé.',
  'ceremony.connectivityNoPath': 'Mediální relé (TURN) přidělilo adresy přes {via}, ale '
    + 'nepřeneslo mezi nimi žádná data, takže zvuk a video nemusí projít. Server schůzky je '
    + 'možná špatně nastavený: dejte vědět tomu, kdo ho spravuje.',
  'ceremony.connectivityNoData': 'Mediální relé (TURN) přidělilo adresu přes {via}, ale během '
    + '{seconds} sekund jím neprošla žádná data, takže zvuk a video nemusí projít. Možná ho '
    + 'blokuje firewall: zkuste jinou síť, nebo požádejte správce sítě, aby povolil UDP a TCP k '
    + 'relé.',
  'ceremony.connectivitySlow': 'Server schůzky odpovídá, ale jeho mediální relé (TURN, přes '
    + '{via}) přeneslo tam i zpět jen {mbps} Mbit/s, méně než {needed} Mbit/s, které video '
    + 'potřebuje: ostatní vás možná uvidí a uslyší špatně. Zavřete programy, které používají '
    + 'síť, nebo se přibližte k Wi-Fi a test opakujte.',
  'ceremony.connectivityTimeout': 'Server schůzky neodpověděl do {seconds} sekund. Vaše připojení '
    + 'může být pomalé nebo blokované firewallem.',
  'ceremony.connectivitySkipped': 'Test připojení jste přeskočili.',
  'ceremony.meterLabel': 'Úroveň mikrofonu',
  'ceremony.summaryPassed': 'Všechny testy proběhly úspěšně. Můžete se připojit.',
  'ceremony.summaryFailed': 'Některé testy selhaly. Ke schůzce se přesto můžete připojit, ale '
    + 'ostatní vás možná nebudou dobře vidět nebo slyšet.',
  'ceremony.summarySkipped': 'Připojení nebylo otestováno. Ke schůzce se můžete připojit.',
  'ceremony.skip': 'Přeskočit test připojení',
  'ceremony.again': 'Otestovat znovu',
  'settings.open': 'Nastavení',
  'pip.button': 'Obraz v obraze',
  'pip.noVideo': 'Zatím není žádné video, které by šlo zobrazit jako obraz v obraze.',
  'pip.refused': 'Prohlížeč obraz v obraze neotevřel.',
  'settings.title': 'Zařízení',
  'settings.camera': 'Kamera',
  'settings.microphone': 'Mikrofon',
  'settings.speaker': 'Reproduktory',
  'settings.close': 'Zavřít',
  'settings.device': 'Zařízení {n}',
  'settings.none': 'Nic nenalezeno',
  'settings.speakerFailed': 'Zvuk nešlo přepnout na tyto reproduktory. Vyberte jiný výstup nebo '
    + 'zkontrolujte nastavení systému.',

  'invitation.title': 'Čeká se na připojení dalších',
  'invitation.linkLabel': 'Odkaz na schůzku',
  'invitation.copy': 'Kopírovat odkaz',
  'invitation.copied': 'Odkaz zkopírován',
  'invitation.selectToCopy': 'Odkaz je označený: zkopírujte ho stisknutím Ctrl+C (nebo \u2318C)',

  'reactions.button': 'Reakce',
  'reactions.menu': 'Poslat reakci',
  'reactions.e2eeNote': 'Reakce nejsou koncově šifrované: server je přeposílá (žádné neukládá).',
  'reactions.tooFast': 'Příliš mnoho reakcí najednou; chvíli počkejte.',
  'reactions.reacted': '{name} reaguje: {reaction}',
  'reactions.youReacted': 'Reagovali jste: {reaction}',
  'reactions.thumbsUp': 'Palec nahoru',
  'reactions.thumbsDown': 'Palec dolů',
  'reactions.clap': 'Potlesk',
  'reactions.raisedHand': 'Zvednout ruku',
  'reactions.heart': 'Srdce',
  'reactions.laugh': 'Smích',
  'reactions.surprised': 'Překvapení',
  'reactions.celebrate': 'Oslava',

  'spotlight.add': 'Zvýraznit',
  'spotlight.addName': 'Zvýraznit: {name}',
  'spotlight.remove': 'Zrušit zvýraznění',
  'spotlight.removeName': 'Zrušit zvýraznění: {name}',
  'spotlight.tag': 'zvýrazněno',
  'spotlight.on': '{name}: zvýrazněno pro všechny',
  'spotlight.off': '{name}: zvýraznění zrušeno',
  'spotlight.onYou': 'Jste zvýrazněni pro všechny',
  'spotlight.offYou': 'Už nejste zvýrazněni',

  'diagnostics.button': 'Diagnostika',
  'diagnostics.title': 'Diagnostika schůzky',
  'diagnostics.close': 'Zavřít',
  'diagnostics.closeLabel': 'Zavřít diagnostiku schůzky',
  'diagnostics.privacy': 'Měřeno ve vašem prohlížeči každou sekundu, dokud je tato stránka '
    + 'zobrazená. Nic se neposílá na server ani neukládá.',
  'diagnostics.p2p': 'Přímé spojení: zvuk a video jdou přímo mezi prohlížeči (P2P), nebo přes '
    + 'relé TURN, když je typ kandidáta relay.',
  'diagnostics.sfu': 'Přes server: zvuk a video jdou přes SFU. Doba odezvy, jitter a typy '
    + 'kandidátů se týkají vašeho spojení se serverem.',
  'diagnostics.someone': 'Účastník',
  'diagnostics.good': 'Dobrá',
  'diagnostics.fair': 'Průměrná',
  'diagnostics.poor': 'Špatná',
  'diagnostics.quality': 'Kvalita připojení: {level}',
  'diagnostics.qualityCauses': 'Kvalita připojení: {level} ({causes})',
  'diagnostics.measuring': 'Kvalita připojení: měří se\u2026',
  'diagnostics.causeLoss': 'ztráta paketů',
  'diagnostics.causeRtt': 'doba odezvy',
  'diagnostics.causeJitter': 'jitter',
  'diagnostics.causeLimitation': 'omezené video',
  'diagnostics.bitrateIn': 'Přijato',
  'diagnostics.bitrateOut': 'Odesláno',
  'diagnostics.lossPct': 'Ztráta paketů',
  'diagnostics.rttMs': 'Doba odezvy',
  'diagnostics.jitterMs': 'Jitter',
  'diagnostics.video': 'Přijaté video',
  'diagnostics.videoSent': 'Odeslané video',
  'diagnostics.codecs': 'Kodeky',
  'diagnostics.path': 'Typy kandidátů ICE (zde / druhá strana)',
  'diagnostics.limitation': 'Video omezuje',
  'diagnostics.bandwidth': 'šířka pásma',
  'diagnostics.cpu': 'procesor',
  'diagnostics.other': 'jiné',
  'diagnostics.nothing': 'nic',
  'diagnostics.kbits': '{value} kbit/s',
  'diagnostics.percent': '{value} %',
  'diagnostics.millis': '{value} ms',
  'diagnostics.size': '{width}\u00d7{height}',
  'diagnostics.sizeFps': '{width}\u00d7{height}, {fps} sn./s',
  'diagnostics.none': '–',
};
