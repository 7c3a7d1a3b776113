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
  'common.you': 'You',

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
  'notice.too_many_spotlights': 'At most 4 people can be in the spotlight. Remove a spotlight '
    + 'first.',

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

  'side.label': 'Résztvevők és csevegés',
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
