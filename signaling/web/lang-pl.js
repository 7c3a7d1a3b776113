// Polish (Polski), addressing the user as Polish software does (Ty), with impersonal forms
// where they read as well. Keys and placeholders as lang-en.js, the reference.

export default {
  'page.title': 'Spotkanie Fjord',
  'language.label': 'Język',

  'precall.title': 'Wszystko gotowe do dołączenia?',
  'precall.room': 'Pokój',
  'precall.nameLabel': 'Imię i nazwisko',
  'precall.micOn': 'Mikrofon włączony',
  'precall.micOff': 'Mikrofon wyłączony',
  'precall.cameraOn': 'Kamera włączona',
  'precall.cameraOff': 'Kamera wyłączona',
  'precall.join': 'Dołącz do spotkania',
  'precall.hintP2p': 'Dźwięk i obraz trafiają bezpośrednio do pozostałych uczestników, '
    + 'zaszyfrowane; nic nie jest nagrywane.',
  'precall.hintSfu': 'Dźwięk i obraz są szyfrowane do serwera, który przekazuje je pozostałym '
    + 'uczestnikom: może je odczytać, ale niczego nie przechowuje; nic nie jest nagrywane.',
  'precall.hintE2ee': 'Dźwięk i obraz są szyfrowane end-to-end: serwer przekazuje je pozostałym '
    + 'uczestnikom, ale nie może ich odczytać; nic nie jest nagrywane.',
  'precall.cloudRecording': 'To spotkanie jest nagrywane: serwer nagrywa dźwięk i obraz wszystkich '
    + 'do pliku w magazynie organizatora. Nagrywane spotkania nie są szyfrowane end-to-end: serwer '
    + 'odczytuje dźwięk i obraz, aby je nagrać.',
  'precall.permissionHelp': 'Kamera lub mikrofon nie działa?',
  'precall.permissionHelpLink': 'Pomoc dotycząca dostępu do kamery i mikrofonu',
  'precall.localRecording': 'To spotkanie może być nagrywane: gospodarz może je nagrać na własnym '
    + 'urządzeniu (na serwerze nic nie jest nagrywane).',
  'precall.viewer': 'Dołączasz jako widz: kamera i mikrofon pozostają wyłączone.',
  'precall.enterName': 'Wpisz swoje imię.',
  'precall.linkNameRefused': 'Nie można użyć imienia z linku: {reason}. Wpisz inne.',
  'precall.nameRefused': 'Nie można użyć tego imienia: {reason}.',
  'reason.nameCharacters': 'imię nie może zawierać żadnego ze znaków $ ! < > : ;',
  'reason.nameLength': 'imię może mieć najwyżej {max} znaków',
  'reason.repeated': {
    one: 'link podaje {name} {count} raz',
    few: 'link podaje {name} {count} razy',
    many: 'link podaje {name} {count} razy',
    other: 'link podaje {name} {count} razy',
  },
  'reason.encoding': '{name} w linku nie jest poprawnym UTF-8 zakodowanym procentowo',

  'waiting.title': 'Oczekiwanie na wpuszczenie przez gospodarza',
  'waiting.detail': 'To spotkanie jest zablokowane. Dołączysz, gdy tylko gospodarz Cię wpuści.',
  'common.leave': 'Opuść',
  'common.you': 'You',

  'call.label': 'Spotkanie',
  'call.title': 'Spotkanie {room}',
  'call.participants': {
    one: '{count} osoba',
    few: '{count} osoby',
    many: '{count} osób',
    other: '{count} osoby',
  },
  'call.timer': 'Czas na spotkaniu',
  'call.connecting': 'Łączenie\u2026',
  'call.reconnecting': 'Ponowne łączenie\u2026',
  'call.e2ee': 'Szyfrowanie end-to-end. Kod bezpieczeństwa',
  'call.e2eeHint': '(taki sam na każdym ekranie, w przeciwnym razie ktoś podsłuchuje)',
  'call.recording': 'Nagrywanie',
  'call.controls': 'Sterowanie rozmową',
  'call.mute': 'Wycisz',
  'call.unmute': 'Wyłącz wyciszenie',
  'call.stopCamera': 'Wyłącz kamerę',
  'call.startCamera': 'Włącz kamerę',
  'call.shareScreen': 'Udostępnij ekran',
  'call.stopSharing': 'Zatrzymaj udostępnianie',
  'call.lock': 'Zablokuj pokój',
  'call.unlock': 'Odblokuj pokój',
  'call.record': 'Nagrywaj',
  'call.stopRecording': 'Zatrzymaj nagrywanie',
  'call.end': 'Zakończ spotkanie',
  'call.hearOthers': 'Kliknij, aby usłyszeć innych',

  'dialog.endTitle': 'Zakończyć spotkanie dla wszystkich?',
  'dialog.endDetail': 'Wszyscy zostaną rozłączeni i nikt nie będzie mógł ponownie dołączyć do tego '
    + 'spotkania.',
  'dialog.cancel': 'Anuluj',
  'dialog.recordingTitle': 'Rozpocząć nagrywanie tego spotkania?',
  'dialog.recordingDetail': 'Serwer nagrywa dźwięk i obraz wszystkich do pliku w magazynie '
    + 'organizatora. Wszyscy widzą, że spotkanie jest nagrywane.',
  'dialog.notNow': 'Nie teraz',
  'dialog.startRecording': 'Rozpocznij nagrywanie',

  'ended.left': 'Opuszczono spotkanie',
  'ended.notJoined': 'Nie dołączono do spotkania',
  'ended.stoppedWaiting': 'Przerwano oczekiwanie, zanim gospodarz Cię wpuścił.',
  'ended.leftBeforeJoining': 'Wyjście nastąpiło przed dołączeniem.',
  'ended.cannotJoin': 'Nie można dołączyć do tego spotkania',
  'ended.meetingEnded': 'Spotkanie się zakończyło',
  'ended.removed': 'Usunięto Cię ze spotkania',
  'ended.noMeeting': 'Nie ma tu spotkania',
  'ended.noRoomName': 'Link nie zawiera nazwy pokoju. Sprawdź link.',
  'ended.linkUnusable': 'Nie można użyć tego linku do spotkania: {reason}, więc nie wiadomo, jaką '
    + 'rolę nadaje. Otwórz link w takiej postaci, w jakiej go otrzymano, albo poproś o nowy.',
  'ended.join': 'Dołącz',
  'ended.joinAgain': 'Dołącz ponownie',
  'ended.askAgain': 'Poproś ponownie o wpuszczenie',
  'ended.tryAgain': 'Spróbuj ponownie',

  'error.room_full': 'To spotkanie jest pełne. Zwykłe pokoje mieszczą najwyżej 4 osoby.',
  'error.too_many_knocks': 'Zbyt wiele osób z Twojej sieci czeka już na wpuszczenie na to '
    + 'spotkanie. Spróbuj ponownie, gdy gospodarz im odpowie.',
  'error.invalid_room_key': 'Ten link do spotkania jest nieprawidłowy (mógł wygasnąć). Poproś o '
    + 'nowy link.',
  'error.meeting_ended': 'To spotkanie się zakończyło.',
  'error.room_not_found': 'To spotkanie nie istnieje. Sprawdź link.',
  'error.knock_rejected': 'Gospodarz Cię nie wpuścił.',
  'error.removed': 'Gospodarz usunął Cię ze spotkania.',
  'error.e2ee_required': 'To spotkanie jest szyfrowane end-to-end, a jego ustawienia zmieniły się od '
    + 'otwarcia tej strony. Odśwież stronę, aby dołączyć.',
  'error.e2ee_unavailable': 'To spotkanie nie jest już szyfrowane end-to-end, więc ta strona do '
    + 'niego nie dołączyła. Odśwież stronę, aby dołączyć bez szyfrowania end-to-end.',
  'error.e2ee_unsupported': 'To spotkanie jest szyfrowane end-to-end, a ta przeglądarka nie potrafi '
    + 'szyfrować dźwięku i obrazu (brakuje jej WebRTC Encoded Transforms). Dołącz z aktualnej '
    + 'przeglądarki opartej na Chromium lub z Firefoksa.',
  'error.join_refused': 'Serwer spotkania nie pozwolił Ci dołączyć. Sprawdź link albo poproś o '
    + 'nowy.',
  'error.name_refused': 'Nie można użyć Twojego imienia. Imię nie może być puste ani zawierać '
    + 'znaków sterujących, znaków zmiany kierunku tekstu ani żadnego ze znaków $ ! < > : ;, i może '
    + 'mieć najwyżej 100 znaków.',

  'notice.sfu_error': 'Serwer multimediów nie mógł skonfigurować dźwięku i obrazu. Spróbuj opuścić '
    + 'spotkanie i dołączyć ponownie.',
  'notice.publish_failed': 'Nie udało się wysłać dźwięku i obrazu. Spróbuj opuścić spotkanie i '
    + 'dołączyć ponownie.',
  'notice.subscribe_failed': 'Nie udało się odebrać dźwięku i obrazu innych osób. Spróbuj dołączyć '
    + 'ponownie.',
  'notice.rate_limited': 'Zbyt wiele działań naraz; część została pominięta.',
  'notice.forbidden': 'Tylko gospodarze mogą to zrobić.',
  'notice.chat_disabled': 'Czat jest wyłączony na tym spotkaniu.',
  'notice.unavailable': 'Serwer spotkania jest zajęty. Ponawianie\u2026',
  'notice.media_lost': 'Utracono połączenie multimediów. Ponowne łączenie\u2026',
  'notice.transport_failed': 'Utracono połączenie ze spotkaniem. Ponowne łączenie\u2026',
  'notice.muted': 'Gospodarz wyciszył Twój mikrofon. Możesz samodzielnie wyłączyć wyciszenie.',
  'notice.too_many_spotlights': 'At most 4 people can be in the spotlight. Remove a spotlight '
    + 'first.',

  'media.screenRefused': 'Udostępnianie ekranu zostało anulowane lub odrzucone.',
  'media.screenFailed': 'Nie udało się udostępnić ekranu.',
  'media.denied': 'Odmówiono dostępu do kamery lub mikrofonu. Nadal można dołączyć i widzieć '
    + 'innych.',
  'media.notFound': 'Nie znaleziono kamery ani mikrofonu.',
  'media.inUse': 'Kamera lub mikrofon jest używany przez inną aplikację.',
  'media.failed': 'Nie udało się uruchomić kamery lub mikrofonu.',

  'announce.someone': 'Ktoś',
  'announce.joined': 'Dołącza: {name}',
  'announce.left': 'Wychodzi: {name}',
  'announce.knocking': 'Czeka na wpuszczenie: {name}',
  'announce.sharing': 'Udostępniasz swój ekran',
  'announce.sharingOff': 'Udostępnianie ekranu wyłączone',
  'announce.micOn': 'Mikrofon włączony',
  'announce.micOff': 'Mikrofon wyłączony',
  'announce.cameraOn': 'Kamera włączona',
  'announce.cameraOff': 'Kamera wyłączona',
  'announce.recording': 'To spotkanie jest nagrywane',
  'announce.recordingStopped': 'Nagrywanie zostało zatrzymane',
  'announce.safetyCode': 'Kod bezpieczeństwa się zmienił: porównaj go ponownie z innymi',
  'announce.soundBlocked': 'Przeglądarka zablokowała dźwięk: naciśnij \u201e{button}\u201d',
  'announce.undecryptable': 'Nie można odszyfrować dźwięku i obrazu: {name}',
  'announce.chat': '{name}: {text}',

  'side.label': 'Osoby i czat',
  'side.knocking': 'Czekają na wpuszczenie',
  'side.people': 'Osoby',
  'side.chat': 'Czat',
  'people.you': '{name} (Ty)',
  'people.host': 'gospodarz',
  'people.viewer': 'widz',
  'people.recorder': 'nagrywanie',
  'people.thisParticipant': 'ten uczestnik',
  'people.mute': 'Wycisz',
  'people.muteName': 'Wycisz: {name}',
  'people.remove': 'Usuń',
  'people.removeName': 'Usuń: {name}',
  'people.letIn': 'Wpuść',
  'people.letInName': 'Wpuść: {name}',
  'people.hold': 'Wstrzymaj',
  'people.holdName': 'Wstrzymaj: {name}',
  'people.holdMessage': 'Gospodarz za chwilę Cię wpuści.',
  'people.reject': 'Odrzuć',
  'people.rejectName': 'Odrzuć: {name}',
  'chat.notEncrypted': 'Czat nie jest szyfrowany end-to-end: serwer przekazuje te wiadomości i może '
    + 'je odczytać (nie przechowuje żadnej).',
  'chat.placeholder': 'Wiadomość do wszystkich',
  'chat.label': 'Wiadomość czatu',
  'chat.send': 'Wyślij',
  'chat.download': 'Pobierz czat',
  'chat.from': '{name}:',
  'chat.delete': 'Usuń',
  'chat.deleteName': 'Usuń wiadomość od: {name}',
  'chat.notConnected': 'Brak połączenia: wiadomość nie została wysłana. Spróbuj ponownie za chwilę.',
  'chat.bad_message': 'Nie można wysłać tej wiadomości: zawiera niedozwolone znaki (znaki sterujące '
    + 'lub znaki zmiany kierunku tekstu; podziały wierszy są dozwolone).',
  'chat.too_large': 'Ta wiadomość jest za długa, aby ją wysłać.',
  'chat.rate_limited': 'Zbyt wiele wiadomości naraz. Odczekaj chwilę i wyślij ją ponownie.',
  'chat.chat_disabled': 'Czat jest wyłączony na tym spotkaniu.',
  'chat.transcriptTitle': 'Czat ze spotkania {room}, {date}',

  'tile.screen': '{name} (ekran)',
  'tile.cameraOff': 'Kamera jest wyłączona',
  'tile.connecting': 'Łączenie\u2026',
  'tile.pausedLastN': 'Wideo wstrzymane: poza ostatnio mówiącymi',
  'tile.pausedBandwidth': 'Wideo wstrzymane: Twoje połączenie jest zbyt wolne',
  'tile.undecryptable': 'Nie można odszyfrować: klucz szyfrowania tego uczestnika do Ciebie nie '
    + 'dotarł',
  'tile.unplayable': 'Ta przeglądarka nie może odtworzyć wideo ({codec}): {name}',
  'tile.pinTitle': 'Zawsze pokazuj tę kamerę',
  'tile.pin': 'Przypnij',
  'tile.unpin': 'Odepnij',
  'tile.pinName': 'Przypnij: {name}',
  'tile.unpinName': 'Odepnij: {name}',
  'tile.thisCamera': 'ta kamera',
  'peer.lost': 'Utracono połączenie z: {name}, ponawianie\u2026',
  'peer.notYet': 'Jeszcze brak połączenia z: {name}, ponawianie\u2026',
  'peer.none': 'Brak połączenia z: {name}',
  'peer.failed': 'Nie udało się połączyć z: {name} po kilku próbach. Zapora sieciowa lub sieć może '
    + 'blokować rozmowę: spróbuj opuścić spotkanie i dołączyć ponownie albo użyj innej sieci.',
  'peer.back': 'Ponownie połączono z: {name}.',

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
