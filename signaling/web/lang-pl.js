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
  'common.you': 'Ty',

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
  'notice.too_many_spotlights': 'Wyróżnione mogą być najwyżej 4 osoby. Najpierw usuń któreś '
    + 'wyróżnienie.',

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

  'side.label': 'Osoby, czat i diagnostyka',
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

  'ceremony.title': 'Test urządzeń i połączenia',
  'ceremony.note': 'Przed dołączeniem ten test sprawdza kamerę, głośniki, mikrofon i połączenie. '
    + 'Nieudany test nie blokuje dołączenia. Wyniki zostają na tym urządzeniu.',
  'ceremony.running': 'Testowanie\u2026',
  'ceremony.passed': 'Zaliczony',
  'ceremony.failed': 'Niezaliczony',
  'ceremony.skipped': 'Pominięty',
  'ceremony.camera': 'Kamera',
  'ceremony.microphone': 'Mikrofon',
  'ceremony.connectivity': 'Połączenie',
  'ceremony.speaker': 'Głośniki',
  'ceremony.speakerRunning': 'Odtwórz dźwięk testowy, a potem powiedz, czy go słyszysz.',
  'ceremony.speakerAsk': 'Czy słyszysz dźwięk testowy?',
  'ceremony.speakerPassed': 'Słyszysz dźwięk z głośników lub słuchawek.',
  'ceremony.speakerFailed': 'Nie słychać dźwięku testowego. Sprawdź, czy głośniki lub słuchawki '
    + 'są podłączone, włączone, wystarczająco głośne i wybrane jako wyjście dźwięku w '
    + 'ustawieniach systemu, i przetestuj ponownie.',
  'ceremony.play': 'Odtwórz dźwięk testowy',
  'ceremony.heard': 'Tak, słyszę',
  'ceremony.notHeard': 'Nie, nie słyszę',
  'ceremony.announce': '{step}: {status}. {detail}',
  'ceremony.cameraRunning': 'Oczekiwanie na obraz z kamery\u2026',
  'ceremony.cameraPassed': 'Kamera przesyła obraz.',
  'ceremony.cameraOff': 'Kamera jest wyłączona lub nie udało się jej otworzyć, więc nie została '
    + 'przetestowana. Włącz ją przyciskiem „Kamera włączona”, zamknij inne aplikacje, które mogą '
    + 'jej używać, i przetestuj ponownie.',
  'ceremony.cameraTimeout': 'W ciągu {seconds} sekund z kamery nie przyszedł żaden obraz. '
    + 'Sprawdź, czy jest podłączona i nie jest używana przez inną aplikację, a potem przetestuj '
    + 'ponownie.',
  'ceremony.microphoneRunning': 'Powiedz coś: pasek pokazuje, co słyszy mikrofon.',
  'ceremony.microphonePassed': 'Mikrofon odbiera dźwięk.',
  'ceremony.microphoneOff': 'Mikrofon jest wyłączony lub nie udało się go otworzyć, więc nie '
    + 'został przetestowany. Zezwól przeglądarce na jego użycie, a potem przetestuj ponownie.',
  'ceremony.microphoneMuted': 'Mikrofon jest wyciszony. Włącz go przyciskiem „Mikrofon włączony” '
    + 'i przetestuj ponownie.',
  'ceremony.microphoneTimeout': 'W ciągu {seconds} sekund z mikrofonu nic nie było słychać. '
    + 'Sprawdź, czy jest podłączony i nie jest wyciszony w ustawieniach systemu, powiedz coś i '
    + 'przetestuj ponownie.',
  'ceremony.connectivityRunning': 'Sprawdzanie połączenia z serwerem spotkań i jego '
    + 'przekaźnikiem mediów oraz ile danych przenosi\u2026',
  'ceremony.connectivityPassed': 'Serwer spotkań odpowiada, a jego przekaźnik mediów (TURN, '
    + 'przez {via}) przeniósł {mbps} Mbit/s w obie strony: wystarczy do wideo.',
  'ceremony.connectivityPassedPolling': 'Serwer spotkań odpowiada (przez odpytywanie HTTPS: '
    + 'WebSockety wydają się zablokowane, co działa, ale wolniej), a jego przekaźnik mediów '
    + '(TURN, przez {via}) przeniósł {mbps} Mbit/s w obie strony: wystarczy do wideo.',
  'ceremony.connectivityRefused': 'Serwer spotkań odrzucił test ({reason}). Wczytaj stronę '
    + 'ponownie albo poproś osobę, która wysłała link, o nowy.',
  'ceremony.connectivityNoSignaling': 'Nie udało się połączyć z serwerem spotkań ({reason}). '
    + 'Sprawdź połączenie z internetem; w sieci firmowej lub publicznej poproś jej administratora '
    + 'o dopuszczenie tej witryny.',
  'ceremony.connectivityNoRelay': 'Serwer spotkań odpowiada, ale jego przekaźnik mediów (TURN) '
    + 'jest nieosiągalny, więc dźwięk i obraz mogą nie docierać. Może go blokować zapora: spróbuj '
    + 'innej sieci albo poproś administratora sieci o dopuszczenie UDP i TCP do przekaźnika.',
  'ceremony.connectivityNoRelayInTime': 'Serwer spotkań odpowiada, ale jego przekaźnik mediów '
    + '(TURN) nie był osiągalny w ciągu {seconds} sekund, więc dźwięk i obraz mogą nie docierać. '
    + 'Może go blokować zapora: spróbuj innej sieci albo poproś administratora sieci o '
    + 'dopuszczenie UDP i TCP do przekaźnika.',
  'ceremony.connectivityNoPath': 'Przekaźnik mediów (TURN) podał adresy przez {via}, ale nie '
    + 'przeniósł między nimi żadnych danych, więc dźwięk i obraz mogą nie docierać. Serwer '
    + 'spotkań może być źle skonfigurowany: powiadom osobę, która nim zarządza.',
  'ceremony.connectivityNoData': 'Przekaźnik mediów (TURN) podał adres przez {via}, ale w ciągu '
    + '{seconds} sekund nie przeszły przez niego żadne dane, więc dźwięk i obraz mogą nie '
    + 'docierać. Może go blokować zapora: spróbuj innej sieci albo poproś administratora sieci '
    + 'o dopuszczenie UDP i TCP do przekaźnika.',
  'ceremony.connectivitySlow': 'Serwer spotkań odpowiada, ale jego przekaźnik mediów (TURN, '
    + 'przez {via}) przeniósł w obie strony tylko {mbps} Mbit/s, mniej niż {needed} Mbit/s '
    + 'potrzebne do wideo: inni mogą cię słabo widzieć i słyszeć. Zamknij programy korzystające '
    + 'z sieci lub przejdź bliżej Wi-Fi i przetestuj ponownie.',
  'ceremony.connectivityTimeout': 'Serwer spotkań nie odpowiedział w ciągu {seconds} sekund. '
    + 'Połączenie może być wolne lub blokowane przez zaporę.',
  'ceremony.connectivitySkipped': 'Test połączenia został pominięty.',
  'ceremony.meterLabel': 'Poziom mikrofonu',
  'ceremony.summaryPassed': 'Wszystkie testy zaliczone. Możesz dołączyć.',
  'ceremony.summaryFailed': 'Niektóre testy się nie powiodły. Nadal możesz dołączyć do spotkania, '
    + 'ale inni mogą cię słabo widzieć lub słyszeć.',
  'ceremony.summarySkipped': 'Połączenie nie zostało przetestowane. Możesz dołączyć do spotkania.',
  'ceremony.skip': 'Pomiń test połączenia',
  'ceremony.again': 'Przetestuj ponownie',
  'settings.open': 'Ustawienia',
  'pip.button': 'Obraz w obrazie',
  'pip.noVideo': 'Nie ma jeszcze wideo do pokazania w trybie obrazu w obrazie.',
  'pip.refused': 'Przeglądarka nie otworzyła obrazu w obrazie.',
  'settings.title': 'Urządzenia',
  'settings.camera': 'Kamera',
  'settings.microphone': 'Mikrofon',
  'settings.speaker': 'Głośniki',
  'settings.close': 'Zamknij',
  'settings.device': 'Urządzenie {n}',
  'settings.none': 'Nie znaleziono',
  'settings.speakerFailed': 'Nie udało się przełączyć dźwięku na te głośniki. Wybierz inne '
    + 'wyjście lub sprawdź ustawienia systemu.',

  'invitation.title': 'Oczekiwanie na dołączenie innych',
  'invitation.linkLabel': 'Link do spotkania',
  'invitation.copy': 'Kopiuj link',
  'invitation.copied': 'Link skopiowany',
  'invitation.selectToCopy': 'Link jest zaznaczony: naciśnij Ctrl+C (lub \u2318C), aby go skopiować',

  'reactions.button': 'Reakcje',
  'reactions.menu': 'Wyślij reakcję',
  'reactions.e2eeNote': 'Reakcje nie są szyfrowane end-to-end: serwer je przekazuje (nie '
    + 'przechowuje żadnych).',
  'reactions.tooFast': 'Za dużo reakcji naraz; poczekaj chwilę.',
  'reactions.reacted': '{name} reaguje: {reaction}',
  'reactions.youReacted': 'Twoja reakcja: {reaction}',
  'reactions.thumbsUp': 'Kciuk w górę',
  'reactions.thumbsDown': 'Kciuk w dół',
  'reactions.clap': 'Brawa',
  'reactions.raisedHand': 'Podnieś rękę',
  'reactions.heart': 'Serce',
  'reactions.laugh': 'Śmiech',
  'reactions.surprised': 'Zaskoczenie',
  'reactions.celebrate': 'Świętowanie',

  'spotlight.add': 'Wyróżnij',
  'spotlight.addName': 'Wyróżnij: {name}',
  'spotlight.remove': 'Usuń wyróżnienie',
  'spotlight.removeName': 'Usuń wyróżnienie: {name}',
  'spotlight.tag': 'wyróżnienie',
  'spotlight.on': '{name}: wyróżnienie dla wszystkich',
  'spotlight.off': '{name}: wyróżnienie usunięte',
  'spotlight.onYou': 'Jesteś wyróżniony dla wszystkich',
  'spotlight.offYou': 'Nie jesteś już wyróżniony',

  'diagnostics.button': 'Diagnostyka',
  'diagnostics.title': 'Diagnostyka spotkania',
  'diagnostics.close': 'Zamknij',
  'diagnostics.closeLabel': 'Zamknij diagnostykę spotkania',
  'diagnostics.privacy': 'Mierzone w przeglądarce co sekundę, gdy ta strona jest widoczna. Nic '
    + 'nie jest wysyłane na serwer ani przechowywane.',
  'diagnostics.p2p': 'Bezpośrednio: dźwięk i obraz płyną wprost między przeglądarkami (P2P) albo '
    + 'przez przekaźnik TURN, gdy typ kandydata to relay.',
  'diagnostics.sfu': 'Przez serwer: dźwięk i obraz płyną przez SFU. Czas w obie strony, jitter i '
    + 'typy kandydatów dotyczą twojego połączenia z serwerem.',
  'diagnostics.someone': 'Uczestnik',
  'diagnostics.good': 'Dobra',
  'diagnostics.fair': 'Średnia',
  'diagnostics.poor': 'Słaba',
  'diagnostics.quality': 'Jakość połączenia: {level}',
  'diagnostics.qualityCauses': 'Jakość połączenia: {level} ({causes})',
  'diagnostics.measuring': 'Jakość połączenia: trwa pomiar\u2026',
  'diagnostics.causeLoss': 'utrata pakietów',
  'diagnostics.causeRtt': 'czas w obie strony',
  'diagnostics.causeJitter': 'jitter',
  'diagnostics.causeLimitation': 'ograniczony obraz',
  'diagnostics.bitrateIn': 'Odebrane',
  'diagnostics.bitrateOut': 'Wysłane',
  'diagnostics.lossPct': 'Utrata pakietów',
  'diagnostics.rttMs': 'Czas w obie strony',
  'diagnostics.jitterMs': 'Jitter',
  'diagnostics.video': 'Odebrany obraz',
  'diagnostics.videoSent': 'Wysłany obraz',
  'diagnostics.codecs': 'Kodeki',
  'diagnostics.path': 'Typy kandydatów ICE (tutaj / druga strona)',
  'diagnostics.limitation': 'Obraz ogranicza',
  'diagnostics.bandwidth': 'przepustowość',
  'diagnostics.cpu': 'procesor',
  'diagnostics.other': 'inne',
  'diagnostics.nothing': 'nic',
  'diagnostics.kbits': '{value} kbit/s',
  'diagnostics.percent': '{value}%',
  'diagnostics.millis': '{value} ms',
  'diagnostics.size': '{width}\u00d7{height}',
  'diagnostics.sizeFps': '{width}\u00d7{height}, {fps} kl./s',
  'diagnostics.none': 'b.d.',
};
