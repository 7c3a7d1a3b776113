// Hungarian (Magyar), formal address (Ön). Keys and placeholders as lang-en.js, the
// reference.

export default {
  'page.title': 'Fjord-megbeszélés',
  'language.label': 'Nyelv',

  'precall.title': 'Készen áll a csatlakozásra?',
  'precall.room': 'Terem',
  'precall.nameLabel': 'Az Ön neve',
  'precall.micOn': 'Mikrofon be',
  'precall.micOff': 'Mikrofon ki',
  'precall.cameraOn': 'Kamera be',
  'precall.cameraOff': 'Kamera ki',
  'precall.join': 'Csatlakozás a megbeszéléshez',
  'precall.hintP2p': 'Hangja és videója titkosítva, közvetlenül jut el a többi résztvevőhöz; '
    + 'semmi sem kerül rögzítésre.',
  'precall.hintSfu': 'Hangja és videója titkosítva jut el a szerverig, amely továbbítja őket a többi '
    + 'résztvevőnek: a szerver olvashatja őket, de semmit sem tárol; semmi sem kerül rögzítésre.',
  'precall.hintE2ee': 'Hangja és videója végponttól végpontig titkosított: a szerver továbbítja '
    + 'őket a többi résztvevőnek, de nem tudja olvasni őket; semmi sem kerül rögzítésre.',
  'precall.cloudRecording': 'Ezt a megbeszélést rögzítik: a szerver mindenki hangját és videóját '
    + 'egy fájlba rögzíti a szervező tárhelyén. A rögzített megbeszélések nem végponttól végpontig '
    + 'titkosítottak: a szerver a rögzítéshez olvassa a hangot és a videót.',
  'precall.permissionHelp': 'Nem működik a kamera vagy a mikrofon?',
  'precall.permissionHelpLink': 'Segítség a kamera- és mikrofonhozzáféréshez',
  'precall.localRecording': 'Ezt a megbeszélést rögzíthetik: egy házigazda a saját eszközén '
    + 'rögzítheti (a szerveren semmi sem kerül rögzítésre).',
  'precall.viewer': 'Nézőként csatlakozik: kamerája és mikrofonja kikapcsolva marad.',
  'precall.enterName': 'Adja meg a nevét.',
  'precall.linkNameRefused': 'A hivatkozásban szereplő név nem használható: {reason}. Adjon meg '
    + 'másikat.',
  'precall.nameRefused': 'Ez a név nem használható: {reason}.',
  'reason.nameCharacters': 'a név nem tartalmazhatja a következő karakterek egyikét sem: '
    + '$ ! < > : ;',
  'reason.nameLength': 'a név legfeljebb {max} karakteres lehet',
  'reason.repeated': {
    one: 'a hivatkozás {count} alkalommal adja meg ezt: {name}',
    other: 'a hivatkozás {count} alkalommal adja meg ezt: {name}',
  },
  'reason.encoding': 'a hivatkozásban szereplő {name} nem érvényes, százalékkódolt UTF-8',

  'waiting.title': 'Várakozás, hogy egy házigazda beengedje',
  'waiting.detail': 'Ez a megbeszélés zárolva van. Amint egy házigazda beengedi, csatlakozik.',
  'common.leave': 'Kilépés',
  'common.you': 'Ön',

  'call.label': 'Megbeszélés',
  'call.title': 'Megbeszélés: {room}',
  'call.participants': {
    one: '{count} résztvevő',
    other: '{count} résztvevő',
  },
  'call.timer': 'A megbeszélésen töltött idő',
  'call.connecting': 'Csatlakozás\u2026',
  'call.reconnecting': 'Újracsatlakozás\u2026',
  'call.e2ee': 'Végponttól végpontig titkosítva. Biztonsági kód',
  'call.e2eeHint': '(minden képernyőn ugyanaz, különben valaki lehallgat)',
  'call.recording': 'Felvétel',
  'call.controls': 'Hívásvezérlők',
  'call.mute': 'Némítás',
  'call.unmute': 'Némítás feloldása',
  'call.stopCamera': 'Kamera kikapcsolása',
  'call.startCamera': 'Kamera bekapcsolása',
  'call.shareScreen': 'Képernyő megosztása',
  'call.stopSharing': 'Megosztás leállítása',
  'call.lock': 'Terem zárolása',
  'call.unlock': 'Terem feloldása',
  'call.record': 'Felvétel',
  'call.stopRecording': 'Felvétel leállítása',
  'call.end': 'Megbeszélés befejezése',
  'call.hearOthers': 'Kattintson, hogy hallja a többieket',

  'dialog.endTitle': 'Befejezi a megbeszélést mindenki számára?',
  'dialog.endDetail': 'Mindenki kikerül, és senki sem csatlakozhat újra ehhez a megbeszéléshez.',
  'dialog.cancel': 'Mégse',
  'dialog.recordingTitle': 'Elindítja a megbeszélés rögzítését?',
  'dialog.recordingDetail': 'A szerver mindenki hangját és videóját egy fájlba rögzíti a szervező '
    + 'tárhelyén. Mindenki látja, hogy a megbeszélést rögzítik.',
  'dialog.notNow': 'Most nem',
  'dialog.startRecording': 'Rögzítés indítása',

  'ended.left': 'Kilépett a megbeszélésről',
  'ended.notJoined': 'Nem csatlakozott a megbeszéléshez',
  'ended.stoppedWaiting': 'Abbahagyta a várakozást, mielőtt egy házigazda beengedte volna.',
  'ended.leftBeforeJoining': 'A csatlakozás előtt kilépett.',
  'ended.cannotJoin': 'Nem lehet csatlakozni ehhez a megbeszéléshez',
  'ended.meetingEnded': 'A megbeszélés véget ért',
  'ended.removed': 'Eltávolították a megbeszélésről',
  'ended.noMeeting': 'Itt nincs megbeszélés',
  'ended.noRoomName': 'A hivatkozásban nincs teremnév. Ellenőrizze a hivatkozást.',
  'ended.linkUnusable': 'Ez a megbeszélés-hivatkozás nem használható: {reason}, így nem egyértelmű, '
    + 'milyen szerepet ad. Nyissa meg a hivatkozást úgy, ahogy kapta, vagy kérjen újat.',
  'ended.join': 'Csatlakozás',
  'ended.joinAgain': 'Újracsatlakozás',
  'ended.askAgain': 'Belépés újbóli kérése',
  'ended.tryAgain': 'Újrapróbálás',

  'error.room_full': 'Ez a megbeszélés megtelt. A normál termekben legfeljebb 4 ember lehet.',
  'error.too_many_knocks': 'Az Ön hálózatáról túl sokan várnak már bebocsátásra ebbe a '
    + 'megbeszélésbe. Próbálja újra, miután egy házigazda válaszolt nekik.',
  'error.invalid_room_key': 'Ez a megbeszélés-hivatkozás érvénytelen (lehet, hogy lejárt). Kérjen új '
    + 'hivatkozást.',
  'error.meeting_ended': 'Ez a megbeszélés véget ért.',
  'error.room_not_found': 'Ez a megbeszélés nem létezik. Ellenőrizze a hivatkozást.',
  'error.knock_rejected': 'Egy házigazda nem engedte be.',
  'error.removed': 'Egy házigazda eltávolította a megbeszélésről.',
  'error.e2ee_required': 'Ez a megbeszélés végponttól végpontig titkosított, és a beállításai '
    + 'megváltoztak az oldal megnyitása óta. A csatlakozáshoz töltse be újra az oldalt.',
  'error.e2ee_unavailable': 'Ez a megbeszélés már nem végponttól végpontig titkosított, ezért ez az '
    + 'oldal nem csatlakozott. Töltse be újra az oldalt, hogy végponttól végpontig tartó '
    + 'titkosítás nélkül csatlakozzon.',
  'error.e2ee_unsupported': 'Ez a megbeszélés végponttól végpontig titkosított, és ez a böngésző nem '
    + 'tudja titkosítani a hangot és a videót (hiányoznak belőle a WebRTC Encoded Transforms '
    + 'funkciók). Csatlakozzon egy friss, Chromium-alapú böngészőből vagy Firefoxból.',
  'error.join_refused': 'A megbeszélés szervere nem engedte csatlakozni. Ellenőrizze a hivatkozást, '
    + 'vagy kérjen újat.',
  'error.name_refused': 'A neve nem használható. A név nem lehet üres, nem tartalmazhat '
    + 'vezérlőkaraktereket, irányfelülírásokat vagy a $ ! < > : ; karakterek egyikét, és legfeljebb '
    + '100 karakteres lehet.',

  'notice.sfu_error': 'A médiaszerver nem tudta beállítani a hangját és a videóját. Próbáljon '
    + 'kilépni és újra csatlakozni.',
  'notice.publish_failed': 'A hangját és a videóját nem sikerült elküldeni. Próbáljon kilépni és '
    + 'újra csatlakozni.',
  'notice.subscribe_failed': 'A többiek hangját és videóját nem sikerült fogadni. Próbáljon újra '
    + 'csatlakozni.',
  'notice.rate_limited': 'Túl sok művelet egyszerre; némelyiket figyelmen kívül hagytuk.',
  'notice.forbidden': 'Ezt csak házigazdák tehetik meg.',
  'notice.chat_disabled': 'A csevegés ki van kapcsolva ezen a megbeszélésen.',
  'notice.unavailable': 'A megbeszélés szervere foglalt. Újrapróbálkozás\u2026',
  'notice.media_lost': 'A médiakapcsolat megszakadt. Újracsatlakozás\u2026',
  'notice.transport_failed': 'A kapcsolat a megbeszéléssel megszakadt. Újracsatlakozás\u2026',
  'notice.muted': 'Egy házigazda elnémította a mikrofonját. A némítást Ön is feloldhatja.',
  'notice.too_many_spotlights': 'Legfeljebb 4 személy lehet kiemelve. Előbb szüntessen meg egy '
    + 'kiemelést.',

  'media.screenRefused': 'A képernyőmegosztást megszakították vagy elutasították.',
  'media.screenFailed': 'A képernyőt nem sikerült megosztani.',
  'media.denied': 'A kamerához vagy a mikrofonhoz való hozzáférést elutasították. Így is '
    + 'csatlakozhat, és láthatja a többieket.',
  'media.notFound': 'Nem található kamera vagy mikrofon.',
  'media.inUse': 'A kamerát vagy a mikrofont egy másik alkalmazás használja.',
  'media.failed': 'A kamerát vagy a mikrofont nem sikerült elindítani.',

  'announce.someone': 'Valaki',
  'announce.joined': '{name} csatlakozott',
  'announce.left': '{name} kilépett',
  'announce.knocking': '{name} bebocsátásra vár',
  'announce.sharing': 'Ön megosztja a képernyőjét',
  'announce.sharingOff': 'Képernyőmegosztás kikapcsolva',
  'announce.micOn': 'Mikrofon be',
  'announce.micOff': 'Mikrofon ki',
  'announce.cameraOn': 'Kamera be',
  'announce.cameraOff': 'Kamera ki',
  'announce.recording': 'Ezt a megbeszélést rögzítik',
  'announce.recordingStopped': 'A felvétel leállt',
  'announce.safetyCode': 'A biztonsági kód megváltozott: hasonlítsa össze újra a többiekével',
  'announce.soundBlocked': 'A böngésző letiltotta a hangot: nyomja meg ezt: \u201e{button}\u201d',
  'announce.undecryptable': 'Nem lehet visszafejteni a hangot és a videót: {name}',
  'announce.chat': '{name}: {text}',

  'side.label': 'Résztvevők, csevegés és diagnosztika',
  'side.knocking': 'Bebocsátásra várnak',
  'side.people': 'Résztvevők',
  'side.chat': 'Csevegés',
  'people.you': '{name} (Ön)',
  'people.host': 'házigazda',
  'people.viewer': 'néző',
  'people.recorder': 'felvétel',
  'people.thisParticipant': 'ez a résztvevő',
  'people.mute': 'Némítás',
  'people.muteName': 'Némítás: {name}',
  'people.remove': 'Eltávolítás',
  'people.removeName': 'Eltávolítás: {name}',
  'people.letIn': 'Beengedés',
  'people.letInName': 'Beengedés: {name}',
  'people.hold': 'Várakoztatás',
  'people.holdName': 'Várakoztatás: {name}',
  'people.holdMessage': 'Egy házigazda hamarosan beengedi.',
  'people.reject': 'Elutasítás',
  'people.rejectName': 'Elutasítás: {name}',
  'chat.notEncrypted': 'A csevegés nem végponttól végpontig titkosított: a szerver továbbítja ezeket '
    + 'az üzeneteket, és olvashatja őket (egyiket sem tárolja).',
  'chat.placeholder': 'Üzenet mindenkinek',
  'chat.label': 'Csevegőüzenet',
  'chat.send': 'Küldés',
  'chat.download': 'Csevegés letöltése',
  'chat.from': '{name}:',
  'chat.delete': 'Törlés',
  'chat.deleteName': 'Üzenet törlése, küldő: {name}',
  'chat.notConnected': 'Nincs kapcsolat: az üzenet nem ment el. Próbálja újra egy pillanat múlva.',
  'chat.bad_message': 'Ez az üzenet nem küldhető el: nem engedélyezett karaktereket tartalmaz '
    + '(vezérlőkaraktereket vagy irányfelülírásokat; a sortörés megengedett).',
  'chat.too_large': 'Ez az üzenet túl hosszú az elküldéshez.',
  'chat.rate_limited': 'Túl sok üzenet egyszerre. Várjon egy kicsit, és küldje el újra.',
  'chat.chat_disabled': 'A csevegés ki van kapcsolva ezen a megbeszélésen.',
  'chat.transcriptTitle': 'A(z) {room} megbeszélés csevegése, {date}',

  'tile.screen': '{name} (képernyő)',
  'tile.cameraOff': 'A kamera ki van kapcsolva',
  'tile.connecting': 'Csatlakozás\u2026',
  'tile.pausedLastN': 'Videó szüneteltetve: nincs a legutóbbi beszélők között',
  'tile.pausedBandwidth': 'Videó szüneteltetve: a kapcsolata túl lassú',
  'tile.undecryptable': 'Nem lehet visszafejteni: ennek a résztvevőnek a titkosítási kulcsa nem '
    + 'érkezett meg Önhöz',
  'tile.unplayable': 'Ez a böngésző nem tudja lejátszani a videót ({codec}): {name}',
  'tile.pinTitle': 'Ez a kamera mindig látszódjon',
  'tile.pin': 'Rögzítés',
  'tile.unpin': 'Rögzítés feloldása',
  'tile.pinName': 'Rögzítés: {name}',
  'tile.unpinName': 'Rögzítés feloldása: {name}',
  'tile.thisCamera': 'ez a kamera',
  'peer.lost': 'A kapcsolat megszakadt ({name}), újrapróbálkozás\u2026',
  'peer.notYet': 'Még nincs kapcsolat ({name}), újrapróbálkozás\u2026',
  'peer.none': 'Nincs kapcsolat: {name}',
  'peer.failed': 'Több próbálkozás után sem sikerült kapcsolódni ({name}). Lehet, hogy tűzfal vagy '
    + 'a hálózat blokkolja a hívást: próbáljon kilépni és újra csatlakozni, vagy használjon másik '
    + 'hálózatot.',
  'peer.back': 'Újra kapcsolódva: {name}.',

  'ceremony.title': 'Eszköz- és kapcsolatteszt',
  'ceremony.note': 'Csatlakozás előtt ez a teszt ellenőrzi a kameráját, a hangszóróit, a '
    + 'mikrofonját és a kapcsolatát. A sikertelen teszt nem akadályozza meg a csatlakozást. Az '
    + 'eredmények ezen az eszközön maradnak.',
  'ceremony.running': 'Tesztelés\u2026',
  'ceremony.passed': 'Sikeres',
  'ceremony.failed': 'Sikertelen',
  'ceremony.skipped': 'Kihagyva',
  'ceremony.camera': 'Kamera',
  'ceremony.microphone': 'Mikrofon',
  'ceremony.connectivity': 'Kapcsolat',
  'ceremony.speaker': 'Hangszórók',
  'ceremony.speakerRunning': 'Játssza le a teszthangot, majd jelezze, hogy hallotta-e.',
  'ceremony.speakerAsk': 'Hallotta a teszthangot?',
  'ceremony.speakerPassed': 'Hallja a hangszórói vagy a fejhallgatója hangját.',
  'ceremony.speakerFailed': 'Nem hallotta a teszthangot. Ellenőrizze, hogy a hangszórói vagy a '
    + 'fejhallgatója csatlakoztatva van, be van kapcsolva, elég hangos, és a '
    + 'rendszerbeállításokban ez a kiválasztott hangkimenet, majd teszteljen újra.',
  'ceremony.play': 'Teszthang lejátszása',
  'ceremony.heard': 'Igen, hallottam',
  'ceremony.notHeard': 'Nem hallottam',
  'ceremony.announce': '{step}: {status}. {detail}',
  'ceremony.cameraRunning': 'Várakozás a kamera képére\u2026',
  'ceremony.cameraPassed': 'A kamerája képet küld.',
  'ceremony.cameraOff': 'A kamerája ki van kapcsolva, vagy nem sikerült megnyitni, ezért nem lett '
    + 'tesztelve. Kapcsolja be a „Kamera be” gombbal, zárja be a többi alkalmazást, amely '
    + 'használhatja, és teszteljen újra.',
  'ceremony.cameraTimeout': '{seconds} másodpercen belül nem érkezett kép a kamerájából. '
    + 'Ellenőrizze, hogy csatlakoztatva van-e, és nem használja-e más alkalmazás, majd teszteljen '
    + 'újra.',
  'ceremony.microphoneRunning': 'Mondjon valamit: a sáv mutatja, mit hall a mikrofonja.',
  'ceremony.microphonePassed': 'A mikrofonja érzékeli a hangot.',
  'ceremony.microphoneOff': 'A mikrofonja ki van kapcsolva, vagy nem sikerült megnyitni, ezért '
    + 'nem lett tesztelve. Engedélyezze a böngészőnek a használatát, majd teszteljen újra.',
  'ceremony.microphoneMuted': 'A mikrofonja némítva van. Kapcsolja be a „Mikrofon be” gombbal, és '
    + 'teszteljen újra.',
  'ceremony.microphoneTimeout': '{seconds} másodpercen belül semmi sem hallatszott a '
    + 'mikrofonjából. Ellenőrizze, hogy csatlakoztatva van-e, és nincs-e némítva a '
    + 'rendszerbeállításokban, beszéljen, és teszteljen újra.',
  'ceremony.connectivityRunning': 'A kapcsolat ellenőrzése a megbeszélés szerverével és '
    + 'médiatovábbítójával, és hogy mennyi adatot visz át\u2026',
  'ceremony.connectivityPassed': 'A megbeszélés szervere válaszol, és a médiatovábbítója (TURN, '
    + 'ezen keresztül: {via}) oda-vissza {mbps} Mbit/s-ot vitt át: ez elég a videóhoz.',
  'ceremony.connectivityPassedPolling': 'A megbeszélés szervere válaszol (HTTPS-lekérdezéssel: '
    + 'úgy tűnik, a WebSocketek le vannak tiltva; ez működik, de lassabb), és a '
    + 'médiatovábbítója (TURN, ezen keresztül: {via}) oda-vissza {mbps} Mbit/s-ot vitt át: ez '
    + 'elég a videóhoz.',
  'ceremony.connectivityRefused': 'A megbeszélés szervere elutasította a tesztet ({reason}). '
    + 'Töltse újra az oldalt, vagy kérjen új linket attól, aki elküldte.',
  'ceremony.connectivityNoSignaling': 'A megbeszélés szervere nem érhető el ({reason}). '
    + 'Ellenőrizze az internetkapcsolatát; céges vagy nyilvános hálózaton kérje meg a '
    + 'rendszergazdát, hogy engedélyezze ezt a webhelyet.',
  'ceremony.connectivityNoRelay': 'A megbeszélés szervere válaszol, de a médiatovábbítója (TURN) '
    + 'nem érhető el, így a hang és a kép lehet, hogy nem jut át. Lehet, hogy tűzfal blokkolja: '
    + 'próbáljon másik hálózatot, vagy kérje meg a hálózat rendszergazdáját, hogy engedélyezze az '
    + 'UDP-t és a TCP-t a továbbító felé.',
  'ceremony.connectivityNoRelayInTime': 'A megbeszélés szervere válaszol, de a médiatovábbítója '
    + '(TURN) {seconds} másodpercen belül nem volt elérhető, így a hang és a kép lehet, hogy nem '
    + 'jut át. Lehet, hogy tűzfal blokkolja: próbáljon másik hálózatot, vagy kérje meg a hálózat '
    + 'rendszergazdáját, hogy engedélyezze az UDP-t és a TCP-t a továbbító felé.',
  'ceremony.connectivityNoPath': 'A médiatovábbító (TURN) adott címeket ezen keresztül: {via}, '
    + 'de nem vitt át adatot közöttük, így a hang és a kép lehet, hogy nem jut át. Lehet, hogy '
    + 'a megbeszélés szervere rosszul van beállítva: szóljon annak, aki üzemelteti.',
  'ceremony.connectivityNoData': 'A médiatovábbító (TURN) adott címet ezen keresztül: {via}, de '
    + '{seconds} másodpercen belül nem jutott át rajta adat, így a hang és a kép lehet, hogy '
    + 'nem jut át. Lehet, hogy tűzfal blokkolja: próbáljon másik hálózatot, vagy kérje meg a '
    + 'hálózat rendszergazdáját, hogy engedélyezze az UDP-t és a TCP-t a továbbító felé.',
  'ceremony.connectivitySlow': 'A megbeszélés szervere válaszol, de a médiatovábbítója (TURN, '
    + 'ezen keresztül: {via}) oda-vissza csak {mbps} Mbit/s-ot vitt át, kevesebbet, mint a '
    + 'videóhoz szükséges {needed} Mbit/s: a többiek rosszul láthatják és hallhatják Önt. Zárja '
    + 'be a hálózatot használó programokat, vagy menjen közelebb a Wi-Fi-hez, és teszteljen '
    + 'újra.',
  'ceremony.connectivityTimeout': 'A megbeszélés szervere {seconds} másodpercen belül nem '
    + 'válaszolt. Lehet, hogy a kapcsolata lassú, vagy tűzfal blokkolja.',
  'ceremony.connectivitySkipped': 'Kihagyta a kapcsolattesztet.',
  'ceremony.meterLabel': 'Mikrofonszint',
  'ceremony.summaryPassed': 'Minden teszt sikeres. Csatlakozhat.',
  'ceremony.summaryFailed': 'Néhány teszt sikertelen. Ettől még csatlakozhat a megbeszéléshez, de '
    + 'lehet, hogy a többiek nem látják vagy hallják jól.',
  'ceremony.summarySkipped': 'A kapcsolat nem lett tesztelve. Csatlakozhat a megbeszéléshez.',
  'ceremony.skip': 'Kapcsolatteszt kihagyása',
  'ceremony.again': 'Újratesztelés',
  'settings.open': 'Beállítások',
  'pip.button': 'Kép a képben',
  'pip.noVideo': 'Még nincs videó, amelyet kép a képben módban meg lehetne jeleníteni.',
  'pip.refused': 'A böngésző nem nyitotta meg a kép a képben nézetet.',
  'settings.title': 'Eszközök',
  'settings.camera': 'Kamera',
  'settings.microphone': 'Mikrofon',
  'settings.speaker': 'Hangszórók',
  'settings.close': 'Bezárás',
  'settings.device': '{n}. eszköz',
  'settings.none': 'Nem található',
  'settings.speakerFailed': 'A hangot nem sikerült ezekre a hangszórókra átirányítani. Válasszon '
    + 'másik kimenetet, vagy ellenőrizze a rendszerbeállításokat.',

  'invitation.title': 'Várakozás a többiek csatlakozására',
  'invitation.linkLabel': 'A megbeszélés linkje',
  'invitation.copy': 'Link másolása',
  'invitation.copied': 'Link kimásolva',
  'invitation.selectToCopy': 'A link ki van jelölve: a másoláshoz nyomja meg a Ctrl+C (vagy \u2318C) '
    + 'billentyűt',

  'reactions.button': 'Reakciók',
  'reactions.menu': 'Reakció küldése',
  'reactions.e2eeNote': 'A reakciók nincsenek végpontok között titkosítva: a szerver továbbítja '
    + 'őket (egyet sem tárol).',
  'reactions.tooFast': 'Túl sok reakció egyszerre; várjon egy kicsit.',
  'reactions.reacted': '{name} reakciója: {reaction}',
  'reactions.youReacted': 'Az Ön reakciója: {reaction}',
  'reactions.thumbsUp': 'Tetszik',
  'reactions.thumbsDown': 'Nem tetszik',
  'reactions.clap': 'Taps',
  'reactions.raisedHand': 'Kézfeltartás',
  'reactions.heart': 'Szív',
  'reactions.laugh': 'Nevetés',
  'reactions.surprised': 'Meglepetés',
  'reactions.celebrate': 'Ünneplés',

  'spotlight.add': 'Kiemelés',
  'spotlight.addName': 'Kiemelés: {name}',
  'spotlight.remove': 'Kiemelés megszüntetése',
  'spotlight.removeName': 'Kiemelés megszüntetése: {name}',
  'spotlight.tag': 'kiemelve',
  'spotlight.on': '{name} kiemelve mindenkinek',
  'spotlight.off': '{name} már nincs kiemelve',
  'spotlight.onYou': 'Ön ki van emelve mindenkinek',
  'spotlight.offYou': 'Ön már nincs kiemelve',

  'diagnostics.button': 'Diagnosztika',
  'diagnostics.title': 'A megbeszélés diagnosztikája',
  'diagnostics.close': 'Bezárás',
  'diagnostics.closeLabel': 'A megbeszélés diagnosztikájának bezárása',
  'diagnostics.privacy': 'A böngészőjében mérve másodpercenként, amíg ez az oldal látható. Semmi '
    + 'sem kerül a szerverre, és semmi sem tárolódik.',
  'diagnostics.p2p': 'Közvetlen kapcsolat: a hang és a kép közvetlenül a böngészők között halad '
    + '(P2P), vagy a TURN-továbbítón át, ha egy jelölttípus relay.',
  'diagnostics.sfu': 'A szerveren át: a hang és a kép az SFU-n halad át. A körbejárási idő, a '
    + 'jitter és a jelölttípusok az Ön szerverkapcsolatára vonatkoznak.',
  'diagnostics.someone': 'Résztvevő',
  'diagnostics.good': 'Jó',
  'diagnostics.fair': 'Közepes',
  'diagnostics.poor': 'Gyenge',
  'diagnostics.quality': 'Kapcsolat minősége: {level}',
  'diagnostics.qualityCauses': 'Kapcsolat minősége: {level} ({causes})',
  'diagnostics.measuring': 'Kapcsolat minősége: mérés\u2026',
  'diagnostics.causeLoss': 'csomagvesztés',
  'diagnostics.causeRtt': 'körbejárási idő',
  'diagnostics.causeJitter': 'jitter',
  'diagnostics.causeLimitation': 'visszafogott videó',
  'diagnostics.bitrateIn': 'Fogadott',
  'diagnostics.bitrateOut': 'Küldött',
  'diagnostics.lossPct': 'Csomagvesztés',
  'diagnostics.rttMs': 'Körbejárási idő',
  'diagnostics.jitterMs': 'Jitter',
  'diagnostics.video': 'Fogadott videó',
  'diagnostics.videoSent': 'Küldött videó',
  'diagnostics.codecs': 'Kodekek',
  'diagnostics.path': 'ICE-jelölttípusok (itt / túloldal)',
  'diagnostics.limitation': 'A videót visszafogja',
  'diagnostics.bandwidth': 'sávszélesség',
  'diagnostics.cpu': 'processzor',
  'diagnostics.other': 'egyéb',
  'diagnostics.nothing': 'semmi',
  'diagnostics.kbits': '{value} kbit/s',
  'diagnostics.percent': '{value}%',
  'diagnostics.millis': '{value} ms',
  'diagnostics.size': '{width}\u00d7{height}',
  'diagnostics.sizeFps': '{width}\u00d7{height}, {fps} kép/s',
  'diagnostics.none': 'n. a.',
};
