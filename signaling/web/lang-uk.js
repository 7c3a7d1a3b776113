// Ukrainian (Українська), formal address (ви). Keys and placeholders as lang-en.js, the
// reference.

export default {
  'page.title': 'Зустріч Fjord',
  'language.label': 'Мова',

  'precall.title': 'Готові приєднатися?',
  'precall.room': 'Кімната',
  'precall.nameLabel': 'Ваше ім\u2019я',
  'precall.micOn': 'Мікрофон увімкнено',
  'precall.micOff': 'Мікрофон вимкнено',
  'precall.cameraOn': 'Камеру увімкнено',
  'precall.cameraOff': 'Камеру вимкнено',
  'precall.join': 'Приєднатися до зустрічі',
  'precall.hintP2p': 'Ваші звук і відео йдуть зашифрованими безпосередньо до інших учасників; '
    + 'нічого не записується.',
  'precall.hintSfu': 'Ваші звук і відео шифруються до сервера, який пересилає їх іншим учасникам: '
    + 'він може їх прочитати, але нічого не зберігає; нічого не записується.',
  'precall.hintE2ee': 'Ваші звук і відео наскрізно зашифровані: сервер пересилає їх іншим '
    + 'учасникам, але не може їх прочитати; нічого не записується.',
  'precall.cloudRecording': 'Ця зустріч записується: сервер записує звук і відео всіх учасників у '
    + 'файл у сховищі організатора. Записувані зустрічі не мають наскрізного шифрування: сервер '
    + 'читає звук і відео, щоб їх записати.',
  'precall.permissionHelp': 'Камера чи мікрофон не працюють?',
  'precall.permissionHelpLink': 'Довідка щодо доступу до камери й мікрофона',
  'precall.localRecording': 'Цю зустріч можуть записувати: організатор може записати її на власному '
    + 'пристрої (на сервері нічого не записується).',
  'precall.viewer': 'Ви приєднуєтеся як глядач: ваші камера й мікрофон залишаються вимкненими.',
  'precall.enterName': 'Введіть своє ім\u2019я.',
  'precall.linkNameRefused': 'Ім\u2019я з посилання не можна використати: {reason}. Введіть інше.',
  'precall.nameRefused': 'Це ім\u2019я не можна використати: {reason}.',
  'reason.nameCharacters': 'ім\u2019я не може містити жодного з символів $ ! < > : ;',
  'reason.nameLength': 'ім\u2019я має не більше {max} символів',
  'reason.repeated': {
    one: 'посилання містить {name} {count} раз',
    few: 'посилання містить {name} {count} рази',
    many: 'посилання містить {name} {count} разів',
    other: 'посилання містить {name} {count} раза',
  },
  'reason.encoding': '{name} у посиланні не є коректним UTF-8 з відсотковим кодуванням',

  'waiting.title': 'Очікування, поки організатор вас упустить',
  'waiting.detail': 'Ця зустріч заблокована. Ви приєднаєтеся, щойно організатор вас упустить.',
  'common.leave': 'Вийти',
  'common.you': 'You',

  'call.label': 'Зустріч',
  'call.title': 'Зустріч {room}',
  'call.participants': {
    one: '{count} учасник',
    few: '{count} учасники',
    many: '{count} учасників',
    other: '{count} учасника',
  },
  'call.timer': 'Час у зустрічі',
  'call.connecting': 'З\u2019єднання\u2026',
  'call.reconnecting': 'Повторне з\u2019єднання\u2026',
  'call.e2ee': 'Наскрізне шифрування. Код безпеки',
  'call.e2eeHint': '(однаковий на всіх екранах, інакше хтось підслуховує)',
  'call.recording': 'Запис',
  'call.controls': 'Керування викликом',
  'call.mute': 'Вимкнути звук',
  'call.unmute': 'Увімкнути звук',
  'call.stopCamera': 'Вимкнути камеру',
  'call.startCamera': 'Увімкнути камеру',
  'call.shareScreen': 'Показати екран',
  'call.stopSharing': 'Припинити показ',
  'call.lock': 'Заблокувати кімнату',
  'call.unlock': 'Розблокувати кімнату',
  'call.record': 'Записати',
  'call.stopRecording': 'Зупинити запис',
  'call.end': 'Завершити зустріч',
  'call.hearOthers': 'Натисніть, щоб чути інших',

  'dialog.endTitle': 'Завершити зустріч для всіх?',
  'dialog.endDetail': 'Усіх буде від\u2019єднано, і ніхто більше не зможе приєднатися до цієї '
    + 'зустрічі.',
  'dialog.cancel': 'Скасувати',
  'dialog.recordingTitle': 'Почати запис цієї зустрічі?',
  'dialog.recordingDetail': 'Сервер записує звук і відео всіх учасників у файл у сховищі '
    + 'організатора. Усі бачать, що зустріч записується.',
  'dialog.notNow': 'Не зараз',
  'dialog.startRecording': 'Почати запис',

  'ended.left': 'Ви вийшли із зустрічі',
  'ended.notJoined': 'Ви не приєдналися до зустрічі',
  'ended.stoppedWaiting': 'Ви припинили очікування, перш ніж організатор вас упустив.',
  'ended.leftBeforeJoining': 'Ви вийшли, не приєднавшись.',
  'ended.cannotJoin': 'Неможливо приєднатися до цієї зустрічі',
  'ended.meetingEnded': 'Зустріч завершилася',
  'ended.removed': 'Вас видалено із зустрічі',
  'ended.noMeeting': 'Тут немає зустрічі',
  'ended.noRoomName': 'У посиланні немає назви кімнати. Перевірте посилання.',
  'ended.linkUnusable': 'Це посилання на зустріч не можна використати: {reason}, тому незрозуміло, '
    + 'яку роль воно надає. Відкрийте посилання в тому вигляді, у якому ви його отримали, або '
    + 'попросіть нове.',
  'ended.join': 'Приєднатися',
  'ended.joinAgain': 'Приєднатися знову',
  'ended.askAgain': 'Знову попросити впустити',
  'ended.tryAgain': 'Спробувати знову',

  'error.room_full': 'Ця зустріч заповнена. Звичайні кімнати вміщують не більше 4 осіб.',
  'error.too_many_knocks': 'Забагато людей із вашої мережі вже чекають, щоб їх упустили на цю '
    + 'зустріч. Спробуйте знову, коли організатор їм відповість.',
  'error.invalid_room_key': 'Це посилання на зустріч недійсне (можливо, термін його дії минув). '
    + 'Попросіть нове посилання.',
  'error.meeting_ended': 'Ця зустріч завершилася.',
  'error.room_not_found': 'Такої зустрічі не існує. Перевірте посилання.',
  'error.knock_rejected': 'Організатор вас не впустив.',
  'error.removed': 'Організатор видалив вас із зустрічі.',
  'error.e2ee_required': 'Ця зустріч має наскрізне шифрування, і її налаштування змінилися після '
    + 'відкриття цієї сторінки. Перезавантажте сторінку, щоб приєднатися.',
  'error.e2ee_unavailable': 'Ця зустріч більше не має наскрізного шифрування, тому ця сторінка до '
    + 'неї не приєдналася. Перезавантажте сторінку, щоб приєднатися без наскрізного шифрування.',
  'error.e2ee_unsupported': 'Ця зустріч має наскрізне шифрування, а цей браузер не може шифрувати '
    + 'звук і відео (йому бракує WebRTC Encoded Transforms). Приєднайтеся з актуального браузера '
    + 'на основі Chromium або з Firefox.',
  'error.join_refused': 'Сервер зустрічі не дозволив вам приєднатися. Перевірте посилання або '
    + 'попросіть нове.',
  'error.name_refused': 'Ваше ім\u2019я не можна використати. Ім\u2019я не може бути порожнім, '
    + 'містити керівні символи, перевизначення напрямку тексту чи будь-який із символів '
    + '$ ! < > : ;, і має не більше 100 символів.',

  'notice.sfu_error': 'Медіасервер не зміг налаштувати ваші звук і відео. Спробуйте вийти й '
    + 'приєднатися знову.',
  'notice.publish_failed': 'Не вдалося надіслати ваші звук і відео. Спробуйте вийти й приєднатися '
    + 'знову.',
  'notice.subscribe_failed': 'Не вдалося отримати звук і відео інших. Спробуйте приєднатися знову.',
  'notice.rate_limited': 'Забагато дій одночасно; деякі проігноровано.',
  'notice.forbidden': 'Це можуть робити лише організатори.',
  'notice.chat_disabled': 'Чат у цій зустрічі вимкнено.',
  'notice.unavailable': 'Сервер зустрічі зайнятий. Повторна спроба\u2026',
  'notice.media_lost': 'Медіаз\u2019єднання втрачено. Повторне з\u2019єднання\u2026',
  'notice.transport_failed': 'З\u2019єднання із зустріччю втрачено. Повторне з\u2019єднання\u2026',
  'notice.muted': 'Організатор вимкнув ваш мікрофон. Ви можете самі його увімкнути.',
  'notice.too_many_spotlights': 'At most 4 people can be in the spotlight. Remove a spotlight '
    + 'first.',

  'media.screenRefused': 'Показ екрана скасовано або відхилено.',
  'media.screenFailed': 'Не вдалося показати екран.',
  'media.denied': 'Доступ до камери чи мікрофона заборонено. Ви все одно можете приєднатися й '
    + 'бачити інших.',
  'media.notFound': 'Не знайдено жодної камери чи мікрофона.',
  'media.inUse': 'Камера чи мікрофон використовується іншою програмою.',
  'media.failed': 'Не вдалося запустити камеру чи мікрофон.',

  'announce.someone': 'Хтось',
  'announce.joined': 'Приєднується: {name}',
  'announce.left': 'Виходить: {name}',
  'announce.knocking': 'Чекає, щоб його впустили: {name}',
  'announce.sharing': 'Ви показуєте свій екран',
  'announce.sharingOff': 'Показ екрана вимкнено',
  'announce.micOn': 'Мікрофон увімкнено',
  'announce.micOff': 'Мікрофон вимкнено',
  'announce.cameraOn': 'Камеру увімкнено',
  'announce.cameraOff': 'Камеру вимкнено',
  'announce.recording': 'Ця зустріч записується',
  'announce.recordingStopped': 'Запис зупинено',
  'announce.safetyCode': 'Код безпеки змінився: знову порівняйте його з іншими',
  'announce.soundBlocked': 'Браузер заблокував звук: натисніть «{button}»',
  'announce.undecryptable': 'Неможливо розшифрувати звук і відео: {name}',
  'announce.chat': '{name}: {text}',

  'side.label': 'Люди й чат',
  'side.knocking': 'Чекають на вхід',
  'side.people': 'Люди',
  'side.chat': 'Чат',
  'people.you': '{name} (ви)',
  'people.host': 'організатор',
  'people.viewer': 'глядач',
  'people.recorder': 'запис',
  'people.thisParticipant': 'цей учасник',
  'people.mute': 'Вимкнути звук',
  'people.muteName': 'Вимкнути звук: {name}',
  'people.remove': 'Видалити',
  'people.removeName': 'Видалити: {name}',
  'people.letIn': 'Впустити',
  'people.letInName': 'Впустити: {name}',
  'people.hold': 'Притримати',
  'people.holdName': 'Притримати: {name}',
  'people.holdMessage': 'Організатор незабаром вас упустить.',
  'people.reject': 'Відхилити',
  'people.rejectName': 'Відхилити: {name}',
  'chat.notEncrypted': 'Чат не має наскрізного шифрування: сервер пересилає ці повідомлення й може '
    + 'їх прочитати (він жодного не зберігає).',
  'chat.placeholder': 'Повідомлення для всіх',
  'chat.label': 'Повідомлення чату',
  'chat.send': 'Надіслати',
  'chat.download': 'Завантажити чат',
  'chat.from': '{name}:',
  'chat.delete': 'Видалити',
  'chat.deleteName': 'Видалити повідомлення від: {name}',
  'chat.notConnected': 'Немає з\u2019єднання: повідомлення не надіслано. Спробуйте ще раз за мить.',
  'chat.bad_message': 'Це повідомлення не можна надіслати: воно містить недозволені символи '
    + '(керівні символи чи перевизначення напрямку тексту; розриви рядків дозволені).',
  'chat.too_large': 'Це повідомлення задовге для надсилання.',
  'chat.rate_limited': 'Забагато повідомлень одночасно. Зачекайте мить і надішліть його знову.',
  'chat.chat_disabled': 'Чат у цій зустрічі вимкнено.',
  'chat.transcriptTitle': 'Чат зустрічі {room}, {date}',

  'tile.screen': '{name} (екран)',
  'tile.cameraOff': 'Камеру вимкнено',
  'tile.connecting': 'З\u2019єднання\u2026',
  'tile.pausedLastN': 'Відео призупинено: немає серед тих, хто нещодавно говорив',
  'tile.pausedBandwidth': 'Відео призупинено: ваше з\u2019єднання надто повільне',
  'tile.undecryptable': 'Неможливо розшифрувати: ключ шифрування цього учасника до вас не дійшов',
  'tile.unplayable': 'Цей браузер не може відтворити відео ({codec}): {name}',
  'tile.pinTitle': 'Завжди показувати цю камеру',
  'tile.pin': 'Закріпити',
  'tile.unpin': 'Відкріпити',
  'tile.pinName': 'Закріпити: {name}',
  'tile.unpinName': 'Відкріпити: {name}',
  'tile.thisCamera': 'ця камера',
  'peer.lost': 'З\u2019єднання втрачено ({name}), повторна спроба\u2026',
  'peer.notYet': 'Ще немає з\u2019єднання ({name}), повторна спроба\u2026',
  'peer.none': 'Немає з\u2019єднання: {name}',
  'peer.failed': 'Не вдалося з\u2019єднатися ({name}) після кількох спроб. Можливо, виклик блокує '
    + 'брандмауер або мережа: спробуйте вийти й приєднатися знову або скористайтеся іншою мережею.',
  'peer.back': 'Знову з\u2019єднано: {name}.',

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
  'reactions.youReacted': 'You reacted with {reaction}',
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
