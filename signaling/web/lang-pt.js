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
  'common.you': 'Você',

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
  'notice.too_many_spotlights': 'No máximo 4 pessoas podem estar em destaque. Retire primeiro um '
    + 'destaque.',

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

  'side.label': 'Pessoas, chat e diagnóstico',
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

  'ceremony.title': 'Teste de dispositivos e ligação',
  'ceremony.note': 'Antes de entrar, este teste verifica a sua câmara, as suas colunas, o seu '
    + 'microfone e a sua ligação. Um teste falhado não o impede de entrar. Os resultados ficam '
    + 'neste dispositivo.',
  'ceremony.running': 'A testar\u2026',
  'ceremony.passed': 'Aprovado',
  'ceremony.failed': 'Falhou',
  'ceremony.skipped': 'Ignorado',
  'ceremony.camera': 'Câmara',
  'ceremony.microphone': 'Microfone',
  'ceremony.connectivity': 'Ligação',
  'ceremony.speaker': 'Colunas',
  'ceremony.speakerRunning': 'Reproduza o som de teste e depois diga se o ouviu.',
  'ceremony.speakerAsk': 'Ouviu o som de teste?',
  'ceremony.speakerPassed': 'Ouve o som das suas colunas ou auscultadores.',
  'ceremony.speakerFailed': 'Não ouviu o som de teste. Verifique se as colunas ou os '
    + 'auscultadores estão ligados, com volume suficiente e escolhidos como saída de som nas '
    + 'definições do sistema, e teste novamente.',
  'ceremony.play': 'Reproduzir som de teste',
  'ceremony.heard': 'Sim, ouvi',
  'ceremony.notHeard': 'Não ouvi',
  'ceremony.announce': '{step}: {status}. {detail}',
  'ceremony.cameraRunning': 'À espera de uma imagem da sua câmara\u2026',
  'ceremony.cameraPassed': 'A sua câmara envia imagem.',
  'ceremony.cameraOff': 'A sua câmara está desligada ou não pôde ser aberta, por isso não foi '
    + 'testada. Ligue-a com «Câmara ligada», feche outras aplicações que a possam usar e teste '
    + 'novamente.',
  'ceremony.cameraTimeout': 'Não chegou nenhuma imagem da sua câmara em {seconds} segundos. '
    + 'Verifique se está ligada ao computador e se não está a ser usada por outra aplicação, e '
    + 'teste novamente.',
  'ceremony.microphoneRunning': 'Diga alguma coisa: a barra mostra o que o seu microfone ouve.',
  'ceremony.microphonePassed': 'O seu microfone capta som.',
  'ceremony.microphoneOff': 'O seu microfone está desligado ou não pôde ser aberto, por isso não '
    + 'foi testado. Permita que o navegador o use e teste novamente.',
  'ceremony.microphoneMuted': 'O seu microfone está silenciado. Ligue-o com «Microfone ligado» e '
    + 'teste novamente.',
  'ceremony.microphoneTimeout': 'Não se ouviu nada do seu microfone em {seconds} segundos. '
    + 'Verifique se está ligado ao computador e não silenciado nas definições do sistema, fale e '
    + 'teste novamente.',
  'ceremony.connectivityRunning': 'A verificar a ligação ao servidor de reuniões e ao seu relé '
    + 'de multimédia, e quantos dados transporta\u2026',
  'ceremony.connectivityPassed': 'O servidor de reuniões responde e o seu relé de multimédia '
    + '(TURN, por {via}) transportou {mbps} Mbit/s de ida e volta: suficiente para vídeo.',
  'ceremony.connectivityPassedPolling': 'O servidor de reuniões responde (por consulta HTTPS: '
    + 'os WebSockets parecem estar bloqueados, o que funciona mas é mais lento) e o seu relé de '
    + 'multimédia (TURN, por {via}) transportou {mbps} Mbit/s de ida e volta: suficiente para '
    + 'vídeo.',
  'ceremony.connectivityRefused': 'O servidor de reuniões recusou o teste ({reason}). Recarregue '
    + 'a página ou peça uma nova ligação a quem lha enviou.',
  'ceremony.connectivityNoSignaling': 'Não foi possível contactar o servidor de reuniões '
    + '({reason}). Verifique a sua ligação à internet; numa rede empresarial ou pública, peça ao '
    + 'administrador que permita este site.',
  'ceremony.connectivityNoRelay': 'O servidor de reuniões responde, mas não foi possível '
    + 'contactar o seu relé de multimédia (TURN), por isso o áudio e o vídeo podem não passar. '
    + 'Uma firewall pode estar a bloqueá-lo: experimente outra rede ou peça ao administrador da '
    + 'rede que permita UDP e TCP para o relé.',
  'ceremony.connectivityNoRelayInTime': 'O servidor de reuniões responde, mas não foi possível '
    + 'contactar o seu relé de multimédia (TURN) em {seconds} segundos, por isso o áudio e o '
    + 'vídeo podem não passar. Uma firewall pode estar a bloqueá-lo: experimente outra rede ou '
    + 'peça ao administrador da rede que permita UDP e TCP para o relé.',
  'ceremony.connectivityNoPath': 'O relé de multimédia (TURN) deu endereços por {via}, mas não '
    + 'transportou dados entre eles, por isso o áudio e o vídeo podem não passar. O servidor de '
    + 'reuniões pode estar mal configurado: avise quem o gere.',
  'ceremony.connectivityNoData': 'O relé de multimédia (TURN) deu um endereço por {via}, mas '
    + 'não passaram dados por ele em {seconds} segundos, por isso o áudio e o vídeo podem não '
    + 'passar. Uma firewall pode estar a bloqueá-lo: experimente outra rede ou peça ao '
    + 'administrador da rede que permita UDP e TCP para o relé.',
  'ceremony.connectivitySlow': 'O servidor de reuniões responde, mas o seu relé de multimédia '
    + '(TURN, por {via}) só transportou {mbps} Mbit/s de ida e volta, menos do que os {needed} '
    + 'Mbit/s de que o vídeo precisa: os outros podem vê-lo e ouvi-lo mal. Feche os programas '
    + 'que usam a rede ou aproxime-se do Wi-Fi, e teste de novo.',
  'ceremony.connectivityTimeout': 'O servidor de reuniões não respondeu em {seconds} segundos. A '
    + 'sua ligação pode estar lenta ou bloqueada por uma firewall.',
  'ceremony.connectivitySkipped': 'Ignorou o teste de ligação.',
  'ceremony.meterLabel': 'Nível do microfone',
  'ceremony.summaryPassed': 'Todos os testes foram aprovados. Está pronto para entrar.',
  'ceremony.summaryFailed': 'Alguns testes falharam. Pode entrar na reunião na mesma, mas os '
    + 'outros podem não o ver ou ouvir bem.',
  'ceremony.summarySkipped': 'A ligação não foi testada. Pode entrar na reunião.',
  'ceremony.skip': 'Ignorar o teste de ligação',
  'ceremony.again': 'Testar novamente',
  'settings.open': 'Definições',
  'pip.button': 'Imagem na imagem',
  'pip.noVideo': 'Ainda não há vídeo para mostrar em imagem na imagem.',
  'pip.refused': 'O navegador não abriu a imagem na imagem.',
  'settings.title': 'Dispositivos',
  'settings.camera': 'Câmara',
  'settings.microphone': 'Microfone',
  'settings.speaker': 'Colunas',
  'settings.close': 'Fechar',
  'settings.device': 'Dispositivo {n}',
  'settings.none': 'Nenhum encontrado',
  'settings.speakerFailed': 'Não foi possível passar o som para essas colunas. Escolha outra '
    + 'saída ou verifique as definições do sistema.',

  'invitation.title': 'À espera que outros entrem',
  'invitation.linkLabel': 'Ligação da reunião',
  'invitation.copy': 'Copiar ligação',
  'invitation.copied': 'Ligação copiada',
  'invitation.selectToCopy': 'A ligação está selecionada: prima Ctrl+C (ou \u2318C) para a copiar',

  'reactions.button': 'Reações',
  'reactions.menu': 'Enviar uma reação',
  'reactions.e2eeNote': 'As reações não são encriptadas ponto a ponto: o servidor reencaminha-as '
    + '(não guarda nenhuma).',
  'reactions.tooFast': 'Demasiadas reações de uma vez; aguarde um momento.',
  'reactions.reacted': '{name} reagiu com {reaction}',
  'reactions.youReacted': 'Reagiu com {reaction}',
  'reactions.thumbsUp': 'Polegar para cima',
  'reactions.thumbsDown': 'Polegar para baixo',
  'reactions.clap': 'Aplausos',
  'reactions.raisedHand': 'Levantar a mão',
  'reactions.heart': 'Coração',
  'reactions.laugh': 'Riso',
  'reactions.surprised': 'Surpresa',
  'reactions.celebrate': 'Celebrar',

  'spotlight.add': 'Destacar',
  'spotlight.addName': 'Destacar {name}',
  'spotlight.remove': 'Retirar destaque',
  'spotlight.removeName': 'Retirar destaque de {name}',
  'spotlight.tag': 'em destaque',
  'spotlight.on': '{name} está em destaque',
  'spotlight.off': '{name} já não está em destaque',
  'spotlight.onYou': 'Está em destaque',
  'spotlight.offYou': 'Já não está em destaque',

  'diagnostics.button': 'Diagnóstico',
  'diagnostics.title': 'Diagnóstico da reunião',
  'diagnostics.close': 'Fechar',
  'diagnostics.closeLabel': 'Fechar o diagnóstico da reunião',
  'diagnostics.privacy': 'Medido no seu navegador a cada segundo enquanto esta página é mostrada. '
    + 'Nada é enviado para o servidor nem guardado.',
  'diagnostics.p2p': 'Ponto a ponto: o áudio e o vídeo vão diretamente entre os navegadores '
    + '(P2P), ou através do relé TURN quando um tipo de candidato é relay.',
  'diagnostics.sfu': 'Através do servidor: o áudio e o vídeo passam pela SFU. Ida e volta, jitter '
    + 'e tipos de candidato referem-se à sua ligação ao servidor.',
  'diagnostics.someone': 'Participante',
  'diagnostics.good': 'Boa',
  'diagnostics.fair': 'Razoável',
  'diagnostics.poor': 'Fraca',
  'diagnostics.quality': 'Qualidade da ligação: {level}',
  'diagnostics.qualityCauses': 'Qualidade da ligação: {level} ({causes})',
  'diagnostics.measuring': 'Qualidade da ligação: a medir\u2026',
  'diagnostics.causeLoss': 'perda de pacotes',
  'diagnostics.causeRtt': 'tempo de ida e volta',
  'diagnostics.causeJitter': 'jitter',
  'diagnostics.causeLimitation': 'vídeo limitado',
  'diagnostics.bitrateIn': 'Recebido',
  'diagnostics.bitrateOut': 'Enviado',
  'diagnostics.lossPct': 'Perda de pacotes',
  'diagnostics.rttMs': 'Tempo de ida e volta',
  'diagnostics.jitterMs': 'Jitter',
  'diagnostics.video': 'Vídeo recebido',
  'diagnostics.videoSent': 'Vídeo enviado',
  'diagnostics.codecs': 'Codecs',
  'diagnostics.path': 'Tipos de candidato ICE (aqui / outro lado)',
  'diagnostics.limitation': 'Vídeo limitado por',
  'diagnostics.bandwidth': 'largura de banda',
  'diagnostics.cpu': 'CPU',
  'diagnostics.other': 'outro',
  'diagnostics.nothing': 'nada',
  'diagnostics.kbits': '{value} kbit/s',
  'diagnostics.percent': '{value} %',
  'diagnostics.millis': '{value} ms',
  'diagnostics.size': '{width}\u00d7{height}',
  'diagnostics.sizeFps': '{width}\u00d7{height}, {fps} fps',
  'diagnostics.none': 'n/d',
};
