// Portuguese (Português), as written in Portugal, formal address. Keys and placeholders as
// lang-en.js, the reference.

export default {
  'page.title': 'Reunião Fjord',
  'language.label': 'Idioma',

  'precall.title': 'Tudo pronto para entrar?',
  'precall.room': 'Sala',
  'precall.nameLabel': 'O seu nome',
  'precall.micOn': 'Microfone ligado',
  'precall.micOff': 'Microfone desligado',
  'precall.cameraOn': 'Câmara ligada',
  'precall.cameraOff': 'Câmara desligada',
  'precall.join': 'Entrar na reunião',
  'precall.hintP2p': 'O seu áudio e vídeo vão diretamente para os outros participantes, '
    + 'encriptados; nada é gravado.',
  'precall.hintSfu': 'O seu áudio e vídeo são encriptados até ao servidor, que os reencaminha para '
    + 'os outros participantes: pode lê-los, mas não guarda nada; nada é gravado.',
  'precall.hintE2ee': 'O seu áudio e vídeo são encriptados ponto a ponto: o servidor reencaminha-os '
    + 'para os outros participantes, mas não os consegue ler; nada é gravado.',
  'precall.cloudRecording': 'Esta reunião é gravada: o servidor grava o áudio e o vídeo de todos '
    + 'num ficheiro no armazenamento do organizador. As reuniões gravadas não são encriptadas ponto '
    + 'a ponto: o servidor lê o áudio e o vídeo para os gravar.',
  'precall.permissionHelp': 'A câmara ou o microfone não funcionam?',
  'precall.permissionHelpLink': 'Obter ajuda com o acesso à câmara e ao microfone',
  'precall.localRecording': 'Esta reunião pode ser gravada: um anfitrião pode gravá-la no seu '
    + 'próprio dispositivo (nada é gravado no servidor).',
  'precall.viewer': 'Vai entrar como espectador: a sua câmara e o seu microfone ficam desligados.',
  'precall.enterName': 'Introduza o seu nome.',
  'precall.linkNameRefused': 'O nome indicado na ligação não pode ser usado: {reason}. Introduza '
    + 'outro.',
  'precall.nameRefused': 'Este nome não pode ser usado: {reason}.',
  'reason.nameCharacters': 'um nome não pode conter nenhum dos caracteres $ ! < > : ;',
  'reason.nameLength': 'um nome tem no máximo {max} caracteres',
  'reason.repeated': {
    one: 'a ligação indica {name} {count} vez',
    many: 'a ligação indica {name} {count} vezes',
    other: 'a ligação indica {name} {count} vezes',
  },
  'reason.encoding': '{name} na ligação não é UTF-8 válido com codificação percentual',

  'waiting.title': 'À espera que um anfitrião o deixe entrar',
  'waiting.detail': 'Esta reunião está trancada. Entrará assim que um anfitrião o deixar entrar.',
  'common.leave': 'Sair',
  'common.you': 'You',

  'call.label': 'Reunião',
  'call.title': 'Reunião {room}',
  'call.participants': {
    one: '{count} participante',
    many: '{count} participantes',
    other: '{count} participantes',
  },
  'call.timer': 'Tempo na reunião',
  'call.connecting': 'A ligar\u2026',
  'call.reconnecting': 'A restabelecer a ligação\u2026',
  'call.e2ee': 'Encriptada ponto a ponto. Código de segurança',
  'call.e2eeHint': '(igual em todos os ecrãs; caso contrário, alguém está a ouvir)',
  'call.recording': 'A gravar',
  'call.controls': 'Controlos da chamada',
  'call.mute': 'Desativar som',
  'call.unmute': 'Ativar som',
  'call.stopCamera': 'Desligar câmara',
  'call.startCamera': 'Ligar câmara',
  'call.shareScreen': 'Partilhar ecrã',
  'call.stopSharing': 'Parar partilha',
  'call.lock': 'Trancar sala',
  'call.unlock': 'Destrancar sala',
  'call.record': 'Gravar',
  'call.stopRecording': 'Parar gravação',
  'call.end': 'Terminar reunião',
  'call.hearOthers': 'Clique para ouvir os outros',

  'dialog.endTitle': 'Terminar a reunião para todos?',
  'dialog.endDetail': 'Todos saem da reunião e ninguém poderá voltar a entrar nela.',
  'dialog.cancel': 'Cancelar',
  'dialog.recordingTitle': 'Começar a gravar esta reunião?',
  'dialog.recordingDetail': 'O servidor grava o áudio e o vídeo de todos num ficheiro no '
    + 'armazenamento do organizador. Todos veem que a reunião está a ser gravada.',
  'dialog.notNow': 'Agora não',
  'dialog.startRecording': 'Começar a gravar',

  'ended.left': 'Saiu da reunião',
  'ended.notJoined': 'Não entrou na reunião',
  'ended.stoppedWaiting': 'Deixou de esperar antes de um anfitrião o deixar entrar.',
  'ended.leftBeforeJoining': 'Saiu antes de entrar.',
  'ended.cannotJoin': 'Não é possível entrar nesta reunião',
  'ended.meetingEnded': 'A reunião terminou',
  'ended.removed': 'Foi removido da reunião',
  'ended.noMeeting': 'Não há nenhuma reunião aqui',
  'ended.noRoomName': 'A ligação não tem nome de sala. Verifique a ligação.',
  'ended.linkUnusable': 'Esta ligação da reunião não pode ser usada: {reason}, por isso não é claro '
    + 'que função atribui. Abra a ligação tal como lhe foi dada ou peça uma nova.',
  'ended.join': 'Entrar',
  'ended.joinAgain': 'Entrar novamente',
  'ended.askAgain': 'Pedir novamente para entrar',
  'ended.tryAgain': 'Tentar novamente',

  'error.room_full': 'Esta reunião está cheia. As salas normais têm no máximo 4 pessoas.',
  'error.too_many_knocks': 'Demasiadas pessoas da sua rede já estão à espera de entrar nesta '
    + 'reunião. Tente novamente quando um anfitrião lhes tiver respondido.',
  'error.invalid_room_key': 'Esta ligação da reunião não é válida (pode ter expirado). Peça uma '
    + 'nova ligação.',
  'error.meeting_ended': 'Esta reunião terminou.',
  'error.room_not_found': 'Esta reunião não existe. Verifique a ligação.',
  'error.knock_rejected': 'Um anfitrião não o deixou entrar.',
  'error.removed': 'Um anfitrião removeu-o da reunião.',
  'error.e2ee_required': 'Esta reunião é encriptada ponto a ponto e as definições mudaram desde que '
    + 'esta página foi aberta. Recarregue a página para entrar.',
  'error.e2ee_unavailable': 'Esta reunião já não é encriptada ponto a ponto, por isso esta página '
    + 'não entrou. Recarregue a página para entrar sem encriptação ponto a ponto.',
  'error.e2ee_unsupported': 'Esta reunião é encriptada ponto a ponto e este navegador não consegue '
    + 'encriptar áudio e vídeo (não tem WebRTC Encoded Transforms). Entre a partir de um navegador '
    + 'atual baseado no Chromium ou do Firefox.',
  'error.join_refused': 'O servidor da reunião recusou a sua entrada. Verifique a ligação ou peça '
    + 'uma nova.',
  'error.name_refused': 'O seu nome não pode ser usado. Um nome não pode estar vazio, não pode '
    + 'conter caracteres de controlo, substituições bidirecionais nem nenhum dos caracteres '
    + '$ ! < > : ;, e tem no máximo 100 caracteres.',

  'notice.sfu_error': 'O servidor multimédia não conseguiu configurar o seu áudio e vídeo. Tente '
    + 'sair e voltar a entrar.',
  'notice.publish_failed': 'Não foi possível enviar o seu áudio e vídeo. Tente sair e voltar a '
    + 'entrar.',
  'notice.subscribe_failed': 'Não foi possível receber o áudio e o vídeo dos outros. Tente voltar '
    + 'a entrar.',
  'notice.rate_limited': 'Demasiadas ações de uma vez; algumas foram ignoradas.',
  'notice.forbidden': 'Só os anfitriões podem fazer isso.',
  'notice.chat_disabled': 'O chat está desativado nesta reunião.',
  'notice.unavailable': 'O servidor da reunião está ocupado. A tentar novamente\u2026',
  'notice.media_lost': 'A ligação multimédia perdeu-se. A restabelecer a ligação\u2026',
  'notice.transport_failed': 'A ligação à reunião perdeu-se. A restabelecer a ligação\u2026',
  'notice.muted': 'Um anfitrião desativou o seu microfone. Pode voltar a ativá-lo.',
  'notice.too_many_spotlights': 'At most 4 people can be in the spotlight. Remove a spotlight '
    + 'first.',

  'media.screenRefused': 'A partilha de ecrã foi cancelada ou recusada.',
  'media.screenFailed': 'Não foi possível partilhar o ecrã.',
  'media.denied': 'O acesso à câmara ou ao microfone foi recusado. Pode mesmo assim entrar e ver os '
    + 'outros.',
  'media.notFound': 'Não foi encontrada nenhuma câmara nem nenhum microfone.',
  'media.inUse': 'A câmara ou o microfone está a ser usado por outra aplicação.',
  'media.failed': 'Não foi possível iniciar a câmara ou o microfone.',

  'announce.someone': 'Alguém',
  'announce.joined': '{name} entrou',
  'announce.left': '{name} saiu',
  'announce.knocking': '{name} está à espera para entrar',
  'announce.sharing': 'Está a partilhar o seu ecrã',
  'announce.sharingOff': 'Partilha de ecrã desativada',
  'announce.micOn': 'Microfone ligado',
  'announce.micOff': 'Microfone desligado',
  'announce.cameraOn': 'Câmara ligada',
  'announce.cameraOff': 'Câmara desligada',
  'announce.recording': 'Esta reunião está a ser gravada',
  'announce.recordingStopped': 'A gravação parou',
  'announce.safetyCode': 'O código de segurança mudou: compare-o novamente com os outros',
  'announce.soundBlocked': 'O navegador bloqueou o som: prima «{button}»',
  'announce.undecryptable': 'Não é possível desencriptar o áudio e o vídeo de {name}',
  'announce.chat': '{name}: {text}',

  'side.label': 'Pessoas e chat',
  'side.knocking': 'À espera para entrar',
  'side.people': 'Pessoas',
  'side.chat': 'Chat',
  'people.you': '{name} (você)',
  'people.host': 'anfitrião',
  'people.viewer': 'espectador',
  'people.recorder': 'gravador',
  'people.thisParticipant': 'este participante',
  'people.mute': 'Desativar som',
  'people.muteName': 'Desativar o som de {name}',
  'people.remove': 'Remover',
  'people.removeName': 'Remover {name}',
  'people.letIn': 'Deixar entrar',
  'people.letInName': 'Deixar entrar {name}',
  'people.hold': 'Pôr em espera',
  'people.holdName': 'Pôr {name} em espera',
  'people.holdMessage': 'Um anfitrião vai deixá-lo entrar dentro de momentos.',
  'people.reject': 'Recusar',
  'people.rejectName': 'Recusar {name}',
  'chat.notEncrypted': 'O chat não é encriptado ponto a ponto: o servidor reencaminha estas '
    + 'mensagens e pode lê-las (não guarda nenhuma).',
  'chat.placeholder': 'Mensagem para todos',
  'chat.label': 'Mensagem do chat',
  'chat.send': 'Enviar',
  'chat.download': 'Transferir chat',
  'chat.from': '{name}:',
  'chat.delete': 'Eliminar',
  'chat.deleteName': 'Eliminar a mensagem de {name}',
  'chat.notConnected': 'Sem ligação: a mensagem não foi enviada. Tente novamente dentro de momentos.',
  'chat.bad_message': 'Esta mensagem não pode ser enviada: contém caracteres não permitidos '
    + '(caracteres de controlo ou substituições bidirecionais; as quebras de linha são aceites).',
  'chat.too_large': 'Esta mensagem é demasiado longa para ser enviada.',
  'chat.rate_limited': 'Demasiadas mensagens de uma vez. Aguarde um momento e envie-a novamente.',
  'chat.chat_disabled': 'O chat está desativado nesta reunião.',
  'chat.transcriptTitle': 'Chat da reunião {room}, {date}',

  'tile.screen': '{name} (ecrã)',
  'tile.cameraOff': 'A câmara está desligada',
  'tile.connecting': 'A ligar\u2026',
  'tile.pausedLastN': 'Vídeo em pausa: não está entre quem falou recentemente',
  'tile.pausedBandwidth': 'Vídeo em pausa: a sua ligação é demasiado lenta',
  'tile.undecryptable': 'Não é possível desencriptar: a chave de encriptação deste participante não '
    + 'lhe chegou',
  'tile.unplayable': 'Este navegador não consegue reproduzir o vídeo de {name} ({codec})',
  'tile.pinTitle': 'Mostrar sempre esta câmara',
  'tile.pin': 'Fixar',
  'tile.unpin': 'Desafixar',
  'tile.pinName': 'Fixar {name}',
  'tile.unpinName': 'Desafixar {name}',
  'tile.thisCamera': 'esta câmara',
  'peer.lost': 'Ligação a {name} perdida, a tentar novamente\u2026',
  'peer.notYet': 'Ainda sem ligação a {name}, a tentar novamente\u2026',
  'peer.none': 'Sem ligação a {name}',
  'peer.failed': 'Não foi possível ligar a {name} após várias tentativas. Uma firewall ou a rede '
    + 'podem estar a bloquear a chamada: tente sair e voltar a entrar, ou use outra rede.',
  'peer.back': 'Novamente ligado a {name}.',

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
