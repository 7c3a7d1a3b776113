// Japanese (日本語), polite style (です・ます). Whereby's code is jp (the BCP 47 tag ja is
// taken too). Keys and placeholders as lang-en.js, the reference.

export default {
  'page.title': 'Fjord ミーティング',
  'language.label': '言語',

  'precall.title': '参加の準備はできましたか？',
  'precall.room': 'ルーム',
  'precall.nameLabel': 'お名前',
  'precall.micOn': 'マイク オン',
  'precall.micOff': 'マイク オフ',
  'precall.cameraOn': 'カメラ オン',
  'precall.cameraOff': 'カメラ オフ',
  'precall.join': 'ミーティングに参加',
  'precall.hintP2p': '音声と映像は暗号化されて、ほかの参加者に直接届きます。何も録画されません。',
  'precall.hintSfu': '音声と映像はサーバーまで暗号化され、サーバーがほかの参加者に転送します。'
    + 'サーバーは内容を読み取れますが、何も保存しません。何も録画されません。',
  'precall.hintE2ee': '音声と映像はエンドツーエンドで暗号化されています。サーバーはほかの参加者に'
    + '転送しますが、内容を読み取ることはできません。何も録画されません。',
  'precall.cloudRecording': 'このミーティングは録画されます。サーバーが全員の音声と映像を主催者の'
    + 'ストレージ内のファイルに録画します。録画されるミーティングはエンドツーエンドで暗号化されません。'
    + 'サーバーは録画のために音声と映像を読み取ります。',
  'precall.permissionHelp': 'カメラやマイクが動作しませんか？',
  'precall.permissionHelpLink': 'カメラとマイクへのアクセスに関するヘルプ',
  'precall.localRecording': 'このミーティングは録画される場合があります。ホストが自分のデバイスで'
    + '録画できます（サーバーでは何も録画されません）。',
  'precall.viewer': '視聴者として参加します。カメラとマイクはオフのままです。',
  'precall.enterName': 'お名前を入力してください。',
  'precall.linkNameRefused': 'リンクの名前は使用できません: {reason}。別の名前を入力してください。',
  'precall.nameRefused': 'この名前は使用できません: {reason}。',
  'reason.nameCharacters': '名前に $ ! < > : ; を含めることはできません',
  'reason.nameLength': '名前は {max} 文字以内です',
  'reason.repeated': {
    other: 'リンクに {name} が {count} 回指定されています',
  },
  'reason.encoding': 'リンクの {name} が有効なパーセントエンコードの UTF-8 ではありません',

  'waiting.title': 'ホストが入室を許可するのを待っています',
  'waiting.detail': 'このミーティングはロックされています。ホストが許可するとすぐに参加できます。',
  'common.leave': '退出',
  'common.you': 'You',

  'call.label': 'ミーティング',
  'call.title': 'ミーティング {room}',
  'call.participants': {
    other: '参加者 {count} 人',
  },
  'call.timer': 'ミーティングの経過時間',
  'call.connecting': '接続しています\u2026',
  'call.reconnecting': '再接続しています\u2026',
  'call.e2ee': 'エンドツーエンドで暗号化されています。セキュリティコード',
  'call.e2eeHint': '（全員の画面で同じはずです。違う場合は誰かが盗聴しています）',
  'call.recording': '録画中',
  'call.controls': '通話の操作',
  'call.mute': 'ミュート',
  'call.unmute': 'ミュート解除',
  'call.stopCamera': 'カメラを停止',
  'call.startCamera': 'カメラを開始',
  'call.shareScreen': '画面を共有',
  'call.stopSharing': '共有を停止',
  'call.lock': 'ルームをロック',
  'call.unlock': 'ルームのロックを解除',
  'call.record': '録画',
  'call.stopRecording': '録画を停止',
  'call.end': 'ミーティングを終了',
  'call.hearOthers': 'クリックしてほかの参加者の音声を聞く',

  'dialog.endTitle': '全員のミーティングを終了しますか？',
  'dialog.endDetail': '全員が退出させられ、このミーティングには誰も再参加できなくなります。',
  'dialog.cancel': 'キャンセル',
  'dialog.recordingTitle': 'このミーティングの録画を開始しますか？',
  'dialog.recordingDetail': 'サーバーが全員の音声と映像を主催者のストレージ内のファイルに録画します。'
    + 'ミーティングが録画されていることは全員に表示されます。',
  'dialog.notNow': '今はしない',
  'dialog.startRecording': '録画を開始',

  'ended.left': 'ミーティングから退出しました',
  'ended.notJoined': 'ミーティングに参加しませんでした',
  'ended.stoppedWaiting': 'ホストが入室を許可する前に待機をやめました。',
  'ended.leftBeforeJoining': '参加する前に退出しました。',
  'ended.cannotJoin': 'このミーティングに参加できません',
  'ended.meetingEnded': 'ミーティングは終了しました',
  'ended.removed': 'ミーティングから削除されました',
  'ended.noMeeting': 'ここにはミーティングがありません',
  'ended.noRoomName': 'リンクにルーム名がありません。リンクを確認してください。',
  'ended.linkUnusable': 'このミーティングのリンクは使用できません: {reason}。そのため、リンクが与える'
    + '役割がわかりません。受け取ったままのリンクを開くか、新しいリンクを依頼してください。',
  'ended.join': '参加',
  'ended.joinAgain': 'もう一度参加',
  'ended.askAgain': 'もう一度入室をリクエスト',
  'ended.tryAgain': 'もう一度試す',

  'error.room_full': 'このミーティングは満員です。通常のルームには最大 4 人まで参加できます。',
  'error.too_many_knocks': 'お使いのネットワークから、このミーティングへの入室を待っている人が多すぎ'
    + 'ます。ホストがその人たちに応答してから、もう一度お試しください。',
  'error.invalid_room_key': 'このミーティングのリンクは無効です（期限切れの可能性があります）。'
    + '新しいリンクを依頼してください。',
  'error.meeting_ended': 'このミーティングは終了しました。',
  'error.room_not_found': 'このミーティングは存在しません。リンクを確認してください。',
  'error.knock_rejected': 'ホストが入室を許可しませんでした。',
  'error.removed': 'ホストによってミーティングから削除されました。',
  'error.e2ee_required': 'このミーティングはエンドツーエンドで暗号化されており、このページを開いた後に'
    + '設定が変更されました。参加するにはページを再読み込みしてください。',
  'error.e2ee_unavailable': 'このミーティングはエンドツーエンドで暗号化されなくなったため、このページは'
    + '参加しませんでした。エンドツーエンド暗号化なしで参加するには、ページを再読み込みしてください。',
  'error.e2ee_unsupported': 'このミーティングはエンドツーエンドで暗号化されていますが、このブラウザーは'
    + '音声と映像を暗号化できません（WebRTC Encoded Transforms に対応していません）。最新の '
    + 'Chromium ベースのブラウザーか Firefox から参加してください。',
  'error.join_refused': 'ミーティングサーバーが参加を拒否しました。リンクを確認するか、新しいリンクを'
    + '依頼してください。',
  'error.name_refused': 'お名前を使用できません。名前は空にできず、制御文字、双方向オーバーライド、'
    + '$ ! < > : ; のいずれも含めることはできません。また、100 文字以内です。',

  'notice.sfu_error': 'メディアサーバーが音声と映像を設定できませんでした。退出してもう一度参加して'
    + 'みてください。',
  'notice.publish_failed': '音声と映像を送信できませんでした。退出してもう一度参加してみてください。',
  'notice.subscribe_failed': 'ほかの参加者の音声と映像を受信できませんでした。もう一度参加してみて'
    + 'ください。',
  'notice.rate_limited': '一度に操作が多すぎます。一部は無視されました。',
  'notice.forbidden': 'この操作はホストのみが行えます。',
  'notice.chat_disabled': 'このミーティングではチャットがオフになっています。',
  'notice.unavailable': 'ミーティングサーバーが混み合っています。再試行しています\u2026',
  'notice.media_lost': 'メディアの接続が切れました。再接続しています\u2026',
  'notice.transport_failed': 'ミーティングへの接続が切れました。再接続しています\u2026',
  'notice.muted': 'ホストがあなたのマイクをミュートしました。ご自身でミュートを解除できます。',
  'notice.too_many_spotlights': 'At most 4 people can be in the spotlight. Remove a spotlight '
    + 'first.',

  'media.screenRefused': '画面共有がキャンセルまたは拒否されました。',
  'media.screenFailed': '画面を共有できませんでした。',
  'media.denied': 'カメラまたはマイクへのアクセスが拒否されました。参加してほかの参加者を見ることは'
    + 'できます。',
  'media.notFound': 'カメラもマイクも見つかりませんでした。',
  'media.inUse': 'カメラまたはマイクが別のアプリケーションで使用されています。',
  'media.failed': 'カメラまたはマイクを起動できませんでした。',

  'announce.someone': '誰か',
  'announce.joined': '{name} さんが参加しました',
  'announce.left': '{name} さんが退出しました',
  'announce.knocking': '{name} さんが入室を待っています',
  'announce.sharing': '画面を共有しています',
  'announce.sharingOff': '画面共有オフ',
  'announce.micOn': 'マイク オン',
  'announce.micOff': 'マイク オフ',
  'announce.cameraOn': 'カメラ オン',
  'announce.cameraOff': 'カメラ オフ',
  'announce.recording': 'このミーティングは録画されています',
  'announce.recordingStopped': '録画が停止しました',
  'announce.safetyCode': 'セキュリティコードが変わりました。もう一度ほかの参加者と照合してください',
  'announce.soundBlocked': 'ブラウザーが音声をブロックしました。「{button}」を押してください',
  'announce.undecryptable': '{name} さんの音声と映像を復号できません',
  'announce.chat': '{name}: {text}',

  'side.label': '参加者とチャット',
  'side.knocking': '入室待ち',
  'side.people': '参加者',
  'side.chat': 'チャット',
  'people.you': '{name}（あなた）',
  'people.host': 'ホスト',
  'people.viewer': '視聴者',
  'people.recorder': '録画',
  'people.thisParticipant': 'この参加者',
  'people.mute': 'ミュート',
  'people.muteName': '{name} をミュート',
  'people.remove': '削除',
  'people.removeName': '{name} を削除',
  'people.letIn': '入室を許可',
  'people.letInName': '{name} の入室を許可',
  'people.hold': '待機させる',
  'people.holdName': '{name} を待機させる',
  'people.holdMessage': 'まもなくホストが入室を許可します。',
  'people.reject': '拒否',
  'people.rejectName': '{name} を拒否',
  'chat.notEncrypted': 'チャットはエンドツーエンドで暗号化されていません。サーバーがこれらのメッセージを'
    + '中継し、内容を読み取れます（保存はしません）。',
  'chat.placeholder': '全員へのメッセージ',
  'chat.label': 'チャットメッセージ',
  'chat.send': '送信',
  'chat.download': 'チャットをダウンロード',
  'chat.from': '{name}:',
  'chat.delete': '削除',
  'chat.deleteName': '{name} のメッセージを削除',
  'chat.notConnected': '接続されていません。メッセージは送信されませんでした。しばらくしてからもう一度'
    + 'お試しください。',
  'chat.bad_message': 'このメッセージは送信できません。使用できない文字（制御文字または双方向'
    + 'オーバーライド。改行は使用できます）が含まれています。',
  'chat.too_large': 'このメッセージは長すぎて送信できません。',
  'chat.rate_limited': '一度に送るメッセージが多すぎます。少し待ってからもう一度送信してください。',
  'chat.chat_disabled': 'このミーティングではチャットがオフになっています。',
  'chat.transcriptTitle': 'ミーティング {room} のチャット、{date}',

  'tile.screen': '{name}（画面）',
  'tile.cameraOff': 'カメラはオフです',
  'tile.connecting': '接続しています\u2026',
  'tile.pausedLastN': 'ビデオ一時停止中: 最近の発言者に含まれていません',
  'tile.pausedBandwidth': 'ビデオ一時停止中: 接続が遅すぎます',
  'tile.undecryptable': '復号できません: この参加者の暗号鍵が届いていません',
  'tile.unplayable': 'このブラウザーでは {name} のビデオ（{codec}）を再生できません',
  'tile.pinTitle': 'このカメラを常に表示',
  'tile.pin': 'ピン留め',
  'tile.unpin': 'ピン留めを解除',
  'tile.pinName': '{name} をピン留め',
  'tile.unpinName': '{name} のピン留めを解除',
  'tile.thisCamera': 'このカメラ',
  'peer.lost': '{name} との接続が切れました。再試行しています\u2026',
  'peer.notYet': '{name} にまだ接続できません。再試行しています\u2026',
  'peer.none': '{name} との接続なし',
  'peer.failed': '何度か試しましたが {name} に接続できませんでした。ファイアウォールまたはネットワークが'
    + '通話をブロックしている可能性があります。退出してもう一度参加するか、別のネットワークを'
    + '使用してください。',
  'peer.back': '{name} に再接続しました。',

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
