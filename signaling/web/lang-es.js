// Spanish (Español), formal address (usted). Keys and placeholders as lang-en.js, the reference.

export default {
  'page.title': 'Reunión de Fjord',
  'language.label': 'Idioma',

  'precall.title': '¿Todo listo para unirse?',
  'precall.room': 'Sala',
  'precall.nameLabel': 'Su nombre',
  'precall.micOn': 'Micrófono activado',
  'precall.micOff': 'Micrófono desactivado',
  'precall.cameraOn': 'Cámara activada',
  'precall.cameraOff': 'Cámara desactivada',
  'precall.join': 'Unirse a la reunión',
  'precall.hintP2p': 'Su audio y su vídeo van directamente a los demás participantes, cifrados; '
    + 'no se graba nada.',
  'precall.hintSfu': 'Su audio y su vídeo se cifran hasta el servidor, que los reenvía a los demás '
    + 'participantes: puede leerlos, pero no guarda nada; no se graba nada.',
  'precall.hintE2ee': 'Su audio y su vídeo están cifrados de extremo a extremo: el servidor los '
    + 'reenvía a los demás participantes, pero no puede leerlos; no se graba nada.',
  'precall.cloudRecording': 'Esta reunión se graba: el servidor graba el audio y el vídeo de '
    + 'todos en un archivo del almacenamiento del organizador. Las reuniones grabadas no están '
    + 'cifradas de extremo a extremo: el servidor lee el audio y el vídeo para grabarlos.',
  'precall.permissionHelp': '¿No funciona la cámara o el micrófono?',
  'precall.permissionHelpLink': 'Obtener ayuda con el acceso a la cámara y al micrófono',
  'precall.localRecording': 'Esta reunión puede grabarse: un anfitrión puede grabarla en su propio '
    + 'dispositivo (no se graba nada en el servidor).',
  'precall.viewer': 'Se une como espectador: su cámara y su micrófono permanecen desactivados.',
  'precall.enterName': 'Introduzca su nombre.',
  'precall.linkNameRefused': 'El nombre del enlace no se puede usar: {reason}. Introduzca otro.',
  'precall.nameRefused': 'Este nombre no se puede usar: {reason}.',
  'reason.nameCharacters': 'un nombre no puede contener ninguno de $ ! < > : ;',
  'reason.nameLength': 'un nombre tiene como máximo {max} caracteres',
  'reason.repeated': {
    one: 'el enlace indica {name} {count} vez',
    many: 'el enlace indica {name} {count} veces',
    other: 'el enlace indica {name} {count} veces',
  },
  'reason.encoding': '{name} del enlace no es UTF-8 válido codificado con porcentajes',

  'waiting.title': 'Esperando a que un anfitrión le deje entrar',
  'waiting.detail': 'Esta reunión está bloqueada. Se unirá en cuanto un anfitrión le deje entrar.',
  'common.leave': 'Salir',
  'common.you': 'Usted',

  'call.label': 'Reunión',
  'call.title': 'Reunión {room}',
  'call.participants': {
    one: '{count} participante',
    many: '{count} participantes',
    other: '{count} participantes',
  },
  'call.timer': 'Tiempo en la reunión',
  'call.connecting': 'Conectando\u2026',
  'call.reconnecting': 'Reconectando\u2026',
  'call.e2ee': 'Cifrado de extremo a extremo. Código de seguridad',
  'call.e2eeHint': '(el mismo en todas las pantallas; si no, alguien está escuchando)',
  'call.recording': 'Grabando',
  'call.controls': 'Controles de la llamada',
  'call.mute': 'Silenciar',
  'call.unmute': 'Activar sonido',
  'call.stopCamera': 'Detener cámara',
  'call.startCamera': 'Iniciar cámara',
  'call.shareScreen': 'Compartir pantalla',
  'call.stopSharing': 'Dejar de compartir',
  'call.lock': 'Bloquear sala',
  'call.unlock': 'Desbloquear sala',
  'call.record': 'Grabar',
  'call.stopRecording': 'Detener grabación',
  'call.end': 'Finalizar reunión',
  'call.hearOthers': 'Haga clic para oír a los demás',

  'dialog.endTitle': '¿Finalizar la reunión para todos?',
  'dialog.endDetail': 'Todos salen de la reunión y nadie podrá volver a unirse a ella.',
  'dialog.cancel': 'Cancelar',
  'dialog.recordingTitle': '¿Empezar a grabar esta reunión?',
  'dialog.recordingDetail': 'El servidor graba el audio y el vídeo de todos en un archivo del '
    + 'almacenamiento del organizador. Todos ven que la reunión se está grabando.',
  'dialog.notNow': 'Ahora no',
  'dialog.startRecording': 'Empezar a grabar',

  'ended.left': 'Ha salido de la reunión',
  'ended.notJoined': 'No se ha unido a la reunión',
  'ended.stoppedWaiting': 'Dejó de esperar antes de que un anfitrión le dejara entrar.',
  'ended.leftBeforeJoining': 'Salió antes de unirse.',
  'ended.cannotJoin': 'No se puede unir a esta reunión',
  'ended.meetingEnded': 'La reunión ha finalizado',
  'ended.removed': 'Le han retirado de la reunión',
  'ended.noMeeting': 'Aquí no hay ninguna reunión',
  'ended.noRoomName': 'El enlace no tiene nombre de sala. Compruebe el enlace.',
  'ended.linkUnusable': 'Este enlace de reunión no se puede usar: {reason}, así que no está claro '
    + 'qué función otorga. Abra el enlace tal como se lo dieron o pida uno nuevo.',
  'ended.join': 'Unirse',
  'ended.joinAgain': 'Volver a unirse',
  'ended.askAgain': 'Volver a pedir entrar',
  'ended.tryAgain': 'Reintentar',

  'error.room_full': 'Esta reunión está completa. Las salas normales admiten como máximo '
    + '4 personas.',
  'error.too_many_knocks': 'Demasiadas personas de su red ya están esperando para entrar en esta '
    + 'reunión. Vuelva a intentarlo cuando un anfitrión les haya respondido.',
  'error.invalid_room_key': 'Este enlace de reunión no es válido (puede que haya caducado). Pida '
    + 'un enlace nuevo.',
  'error.meeting_ended': 'Esta reunión ha finalizado.',
  'error.room_not_found': 'Esta reunión no existe. Compruebe el enlace.',
  'error.knock_rejected': 'Un anfitrión no le ha dejado entrar.',
  'error.removed': 'Un anfitrión le ha retirado de la reunión.',
  'error.e2ee_required': 'Esta reunión está cifrada de extremo a extremo y su configuración ha '
    + 'cambiado desde que se abrió esta página. Vuelva a cargar la página para unirse.',
  'error.e2ee_unavailable': 'Esta reunión ya no está cifrada de extremo a extremo, así que esta '
    + 'página no se ha unido. Vuelva a cargar la página para unirse sin cifrado de extremo a '
    + 'extremo.',
  'error.e2ee_unsupported': 'Esta reunión está cifrada de extremo a extremo y este navegador no '
    + 'puede cifrar audio ni vídeo (le faltan las WebRTC Encoded Transforms). Únase desde un '
    + 'navegador actual basado en Chromium o desde Firefox.',
  'error.join_refused': 'El servidor de la reunión no le ha permitido unirse. Compruebe el enlace '
    + 'o pida uno nuevo.',
  'error.name_refused': 'Su nombre no se puede usar. Un nombre no puede estar vacío ni contener '
    + 'caracteres de control, anulaciones bidireccionales ni ninguno de $ ! < > : ;, y tiene como '
    + 'máximo 100 caracteres.',

  'notice.sfu_error': 'El servidor multimedia no pudo configurar su audio y su vídeo. Pruebe a '
    + 'salir y volver a unirse.',
  'notice.publish_failed': 'No se pudieron enviar su audio y su vídeo. Pruebe a salir y volver a '
    + 'unirse.',
  'notice.subscribe_failed': 'No se pudieron recibir el audio y el vídeo de los demás. Pruebe a '
    + 'volver a unirse.',
  'notice.rate_limited': 'Demasiadas acciones a la vez; se han ignorado algunas.',
  'notice.forbidden': 'Solo los anfitriones pueden hacer eso.',
  'notice.chat_disabled': 'El chat está desactivado en esta reunión.',
  'notice.unavailable': 'El servidor de la reunión está ocupado. Reintentando\u2026',
  'notice.media_lost': 'Se perdió la conexión multimedia. Reconectando\u2026',
  'notice.transport_failed': 'Se perdió la conexión con la reunión. Reconectando\u2026',
  'notice.muted': 'Un anfitrión ha silenciado su micrófono. Puede volver a activarlo usted mismo.',
  'notice.too_many_spotlights': 'Como máximo 4 personas pueden estar destacadas. Quite primero un '
    + 'destacado.',

  'media.screenRefused': 'Se canceló o se rechazó compartir la pantalla.',
  'media.screenFailed': 'No se pudo compartir la pantalla.',
  'media.denied': 'Se denegó el acceso a la cámara o al micrófono. Aun así puede unirse y ver a '
    + 'los demás.',
  'media.notFound': 'No se encontró ninguna cámara ni ningún micrófono.',
  'media.inUse': 'Otra aplicación está usando la cámara o el micrófono.',
  'media.failed': 'No se pudo iniciar la cámara o el micrófono.',

  'announce.someone': 'Alguien',
  'announce.joined': '{name} se ha unido',
  'announce.left': '{name} ha salido',
  'announce.knocking': '{name} está esperando para entrar',
  'announce.sharing': 'Está compartiendo su pantalla',
  'announce.sharingOff': 'Pantalla compartida desactivada',
  'announce.micOn': 'Micrófono activado',
  'announce.micOff': 'Micrófono desactivado',
  'announce.cameraOn': 'Cámara activada',
  'announce.cameraOff': 'Cámara desactivada',
  'announce.recording': 'Esta reunión se está grabando',
  'announce.recordingStopped': 'La grabación se ha detenido',
  'announce.safetyCode': 'El código de seguridad ha cambiado: vuelva a compararlo con los demás',
  'announce.soundBlocked': 'El navegador ha bloqueado el sonido: pulse «{button}»',
  'announce.undecryptable': 'No se pueden descifrar el audio y el vídeo de {name}',
  'announce.chat': '{name}: {text}',

  'side.label': 'Personas, chat y diagnóstico',
  'side.knocking': 'Esperando para entrar',
  'side.people': 'Personas',
  'side.chat': 'Chat',
  'people.you': '{name} (usted)',
  'people.host': 'anfitrión',
  'people.viewer': 'espectador',
  'people.recorder': 'grabadora',
  'people.thisParticipant': 'este participante',
  'people.mute': 'Silenciar',
  'people.muteName': 'Silenciar a {name}',
  'people.remove': 'Retirar',
  'people.removeName': 'Retirar a {name}',
  'people.letIn': 'Dejar entrar',
  'people.letInName': 'Dejar entrar a {name}',
  'people.hold': 'Hacer esperar',
  'people.holdName': 'Hacer esperar a {name}',
  'people.holdMessage': 'Un anfitrión le dejará entrar en breve.',
  'people.reject': 'Rechazar',
  'people.rejectName': 'Rechazar a {name}',
  'chat.notEncrypted': 'El chat no está cifrado de extremo a extremo: el servidor retransmite '
    + 'estos mensajes y puede leerlos (no guarda ninguno).',
  'chat.placeholder': 'Mensaje para todos',
  'chat.label': 'Mensaje del chat',
  'chat.send': 'Enviar',
  'chat.download': 'Descargar chat',
  'chat.from': '{name}:',
  'chat.delete': 'Eliminar',
  'chat.deleteName': 'Eliminar mensaje de {name}',
  'chat.notConnected': 'Sin conexión: el mensaje no se ha enviado. Vuelva a intentarlo en un '
    + 'momento.',
  'chat.bad_message': 'Este mensaje no se puede enviar: contiene caracteres no permitidos '
    + '(caracteres de control o anulaciones bidireccionales; los saltos de línea sí se permiten).',
  'chat.too_large': 'Este mensaje es demasiado largo para enviarlo.',
  'chat.rate_limited': 'Demasiados mensajes a la vez. Espere un momento y vuelva a enviarlo.',
  'chat.chat_disabled': 'El chat está desactivado en esta reunión.',
  'chat.transcriptTitle': 'Chat de la reunión {room}, {date}',

  'tile.screen': '{name} (pantalla)',
  'tile.cameraOff': 'La cámara está desactivada',
  'tile.connecting': 'Conectando\u2026',
  'tile.pausedLastN': 'Vídeo en pausa: no está entre quienes han hablado recientemente',
  'tile.pausedBandwidth': 'Vídeo en pausa: su conexión es demasiado lenta',
  'tile.undecryptable': 'No se puede descifrar: la clave de cifrado de este participante no le ha '
    + 'llegado',
  'tile.unplayable': 'Este navegador no puede reproducir el vídeo de {name} ({codec})',
  'tile.pinTitle': 'Mostrar siempre esta cámara',
  'tile.pin': 'Fijar',
  'tile.unpin': 'Dejar de fijar',
  'tile.pinName': 'Fijar a {name}',
  'tile.unpinName': 'Dejar de fijar a {name}',
  'tile.thisCamera': 'esta cámara',
  'peer.lost': 'Se perdió la conexión con {name}; reintentando\u2026',
  'peer.notYet': 'Aún no hay conexión con {name}; reintentando\u2026',
  'peer.none': 'Sin conexión con {name}',
  'peer.failed': 'No se pudo conectar con {name} tras varios intentos. Puede que un cortafuegos o '
    + 'la red estén bloqueando la llamada: pruebe a salir y volver a unirse, o use otra red.',
  'peer.back': 'De nuevo conectado con {name}.',

  'ceremony.title': 'Prueba de dispositivos y conexión',
  'ceremony.note': 'Antes de unirse, esta prueba comprueba su cámara, sus altavoces, su '
    + 'micrófono y su conexión. Una prueba fallida no le impide unirse. Los resultados se quedan '
    + 'en este dispositivo.',
  'ceremony.running': 'Probando\u2026',
  'ceremony.passed': 'Superada',
  'ceremony.failed': 'Fallida',
  'ceremony.skipped': 'Omitida',
  'ceremony.camera': 'Cámara',
  'ceremony.microphone': 'Micrófono',
  'ceremony.connectivity': 'Conexión',
  'ceremony.speaker': 'Altavoces',
  'ceremony.speakerRunning': 'Reproduzca el sonido de prueba y luego indique si lo ha oído.',
  'ceremony.speakerAsk': '¿Ha oído el sonido de prueba?',
  'ceremony.speakerPassed': 'Oye el sonido de sus altavoces o auriculares.',
  'ceremony.speakerFailed': 'No ha oído el sonido de prueba. Compruebe que sus altavoces o '
    + 'auriculares están conectados, encendidos, con volumen suficiente y elegidos como salida '
    + 'de sonido en la configuración del sistema, y vuelva a probar.',
  'ceremony.play': 'Reproducir sonido de prueba',
  'ceremony.heard': 'Sí, lo he oído',
  'ceremony.notHeard': 'No, no lo he oído',
  'ceremony.announce': '{step}: {status}. {detail}',
  'ceremony.cameraRunning': 'Esperando una imagen de su cámara\u2026',
  'ceremony.cameraPassed': 'Su cámara envía imagen.',
  'ceremony.cameraOff': 'Su cámara está apagada o no se pudo abrir, así que no se ha probado. '
    + 'Enciéndala con «Cámara activada», cierre otras aplicaciones que puedan usarla y vuelva a '
    + 'probar.',
  'ceremony.cameraTimeout': 'No llegó ninguna imagen de su cámara en {seconds} segundos. '
    + 'Compruebe que está conectada y que no la usa otra aplicación, y vuelva a probar.',
  'ceremony.microphoneRunning': 'Diga algo: la barra muestra lo que oye su micrófono.',
  'ceremony.microphonePassed': 'Su micrófono capta sonido.',
  'ceremony.microphoneOff': 'Su micrófono está apagado o no se pudo abrir, así que no se ha '
    + 'probado. Permita que el navegador lo use y vuelva a probar.',
  'ceremony.microphoneMuted': 'Su micrófono está silenciado. Actívelo con «Micrófono activado» y '
    + 'vuelva a probar.',
  'ceremony.microphoneTimeout': 'No se oyó nada de su micrófono en {seconds} segundos. Compruebe '
    + 'que está conectado y que no está silenciado en la configuración del sistema, hable y '
    + 'vuelva a probar.',
  'ceremony.connectivityRunning': 'Comprobando la conexión con el servidor de reuniones y su '
    + 'relé de medios, y cuántos datos transporta\u2026',
  'ceremony.connectivityPassed': 'El servidor de reuniones responde y su relé de medios (TURN, '
    + 'por {via}) transportó {mbps} Mbit/s de ida y vuelta: suficiente para vídeo.',
  'ceremony.connectivityPassedPolling': 'El servidor de reuniones responde (mediante sondeo '
    + 'HTTPS: los WebSockets parecen estar bloqueados, lo que funciona pero es más lento) y su '
    + 'relé de medios (TURN, por {via}) transportó {mbps} Mbit/s de ida y vuelta: suficiente '
    + 'para vídeo.',
  'ceremony.connectivityRefused': 'El servidor de reuniones rechazó la prueba ({reason}). '
    + 'Recargue la página o pida un enlace nuevo a quien le envió el enlace.',
  'ceremony.connectivityNoSignaling': 'No se pudo contactar con el servidor de reuniones '
    + '({reason}). Compruebe su conexión a internet; en una red de empresa o pública, pida a su '
    + 'administrador que permita este sitio.',
  'ceremony.connectivityNoRelay': 'El servidor de reuniones responde, pero no se pudo contactar '
    + 'con su relé de medios (TURN), así que puede que el audio y el vídeo no lleguen. Puede que '
    + 'lo bloquee un cortafuegos: pruebe otra red o pida al administrador de la red que permita '
    + 'UDP y TCP hacia el relé.',
  'ceremony.connectivityNoRelayInTime': 'El servidor de reuniones responde, pero no se pudo '
    + 'contactar con su relé de medios (TURN) en {seconds} segundos, así que puede que el audio y '
    + 'el vídeo no lleguen. Puede que lo bloquee un cortafuegos: pruebe otra red o pida al '
    + 'administrador de la red que permita UDP y TCP hacia el relé.',
  'ceremony.connectivityNoPath': 'El relé de medios (TURN) dio direcciones por {via}, pero no '
    + 'transportó datos entre ellas, así que puede que el audio y el vídeo no lleguen. Puede '
    + 'que el servidor de reuniones esté mal configurado: avise a quien lo administra.',
  'ceremony.connectivityNoData': 'El relé de medios (TURN) dio una dirección por {via}, pero no '
    + 'pasaron datos por él en {seconds} segundos, así que puede que el audio y el vídeo no '
    + 'lleguen. Puede que lo bloquee un cortafuegos: pruebe otra red o pida al administrador de '
    + 'la red que permita UDP y TCP hacia el relé.',
  'ceremony.connectivitySlow': 'El servidor de reuniones responde, pero su relé de medios '
    + '(TURN, por {via}) solo transportó {mbps} Mbit/s de ida y vuelta, menos de los {needed} '
    + 'Mbit/s que necesita el vídeo: puede que los demás le vean y oigan mal. Cierre los '
    + 'programas que usan la red o acérquese a su wifi, y vuelva a probar.',
  'ceremony.connectivityTimeout': 'El servidor de reuniones no respondió en {seconds} segundos. '
    + 'Puede que su conexión sea lenta o esté bloqueada por un cortafuegos.',
  'ceremony.connectivitySkipped': 'Ha omitido la prueba de conexión.',
  'ceremony.meterLabel': 'Nivel del micrófono',
  'ceremony.summaryPassed': 'Todas las pruebas superadas. Ya puede unirse.',
  'ceremony.summaryFailed': 'Algunas pruebas han fallado. Puede unirse a la reunión igualmente, '
    + 'pero puede que los demás no le vean o no le oigan bien.',
  'ceremony.summarySkipped': 'No se ha probado la conexión. Puede unirse a la reunión.',
  'ceremony.skip': 'Omitir la prueba de conexión',
  'ceremony.again': 'Volver a probar',
  'settings.open': 'Configuración',
  'pip.button': 'Imagen en imagen',
  'pip.noVideo': 'Todavía no hay vídeo que mostrar en imagen en imagen.',
  'pip.refused': 'El navegador no abrió la imagen en imagen.',
  'settings.title': 'Dispositivos',
  'settings.camera': 'Cámara',
  'settings.microphone': 'Micrófono',
  'settings.speaker': 'Altavoces',
  'settings.close': 'Cerrar',
  'settings.device': 'Dispositivo {n}',
  'settings.none': 'No se encontró ninguno',
  'settings.speakerFailed': 'No se pudo enviar el sonido a esos altavoces. Elija otra salida o '
    + 'revise la configuración del sistema.',

  'invitation.title': 'Esperando a que se unan otros',
  'invitation.linkLabel': 'Enlace de la reunión',
  'invitation.copy': 'Copiar enlace',
  'invitation.copied': 'Enlace copiado',
  'invitation.selectToCopy': 'El enlace está seleccionado: pulse Ctrl+C (o \u2318C) para copiarlo',

  'reactions.button': 'Reacciones',
  'reactions.menu': 'Enviar una reacción',
  'reactions.e2eeNote': 'Las reacciones no están cifradas de extremo a extremo: el servidor las '
    + 'reenvía (no guarda ninguna).',
  'reactions.tooFast': 'Demasiadas reacciones a la vez; espere un momento.',
  'reactions.reacted': '{name} ha reaccionado con {reaction}',
  'reactions.youReacted': 'Ha reaccionado con {reaction}',
  'reactions.thumbsUp': 'Pulgar arriba',
  'reactions.thumbsDown': 'Pulgar abajo',
  'reactions.clap': 'Aplausos',
  'reactions.raisedHand': 'Levantar la mano',
  'reactions.heart': 'Corazón',
  'reactions.laugh': 'Risa',
  'reactions.surprised': 'Sorpresa',
  'reactions.celebrate': 'Celebrar',

  'spotlight.add': 'Destacar',
  'spotlight.addName': 'Destacar a {name}',
  'spotlight.remove': 'Quitar destacado',
  'spotlight.removeName': 'Quitar destacado de {name}',
  'spotlight.tag': 'destacado',
  'spotlight.on': '{name} está destacado',
  'spotlight.off': '{name} ya no está destacado',
  'spotlight.onYou': 'Usted está destacado',
  'spotlight.offYou': 'Usted ya no está destacado',

  'diagnostics.button': 'Diagnóstico',
  'diagnostics.title': 'Diagnóstico de la reunión',
  'diagnostics.close': 'Cerrar',
  'diagnostics.closeLabel': 'Cerrar el diagnóstico de la reunión',
  'diagnostics.privacy': 'Medido en su navegador cada segundo mientras se muestra esta página. No '
    + 'se envía nada al servidor ni se guarda.',
  'diagnostics.p2p': 'Entre pares: el audio y el vídeo van directamente entre los navegadores '
    + '(P2P), o a través del relé TURN cuando un tipo de candidato es relay.',
  'diagnostics.sfu': 'A través del servidor: el audio y el vídeo pasan por la SFU. Ida y vuelta, '
    + 'fluctuación y tipos de candidato son los de su conexión con el servidor.',
  'diagnostics.someone': 'Participante',
  'diagnostics.good': 'Buena',
  'diagnostics.fair': 'Regular',
  'diagnostics.poor': 'Mala',
  'diagnostics.quality': 'Calidad de la conexión: {level}',
  'diagnostics.qualityCauses': 'Calidad de la conexión: {level} ({causes})',
  'diagnostics.measuring': 'Calidad de la conexión: midiendo\u2026',
  'diagnostics.causeLoss': 'pérdida de paquetes',
  'diagnostics.causeRtt': 'tiempo de ida y vuelta',
  'diagnostics.causeJitter': 'fluctuación',
  'diagnostics.causeLimitation': 'vídeo limitado',
  'diagnostics.bitrateIn': 'Recibido',
  'diagnostics.bitrateOut': 'Enviado',
  'diagnostics.lossPct': 'Pérdida de paquetes',
  'diagnostics.rttMs': 'Tiempo de ida y vuelta',
  'diagnostics.jitterMs': 'Fluctuación',
  'diagnostics.video': 'Vídeo recibido',
  'diagnostics.videoSent': 'Vídeo enviado',
  'diagnostics.codecs': 'Códecs',
  'diagnostics.path': 'Tipos de candidato ICE (aquí / otro extremo)',
  'diagnostics.limitation': 'Vídeo limitado por',
  'diagnostics.bandwidth': 'ancho de banda',
  'diagnostics.cpu': 'CPU',
  'diagnostics.other': 'otro',
  'diagnostics.nothing': 'nada',
  'diagnostics.kbits': '{value} kbit/s',
  'diagnostics.percent': '{value} %',
  'diagnostics.millis': '{value} ms',
  'diagnostics.size': '{width}\u00d7{height}',
  'diagnostics.sizeFps': '{width}\u00d7{height}, {fps} fps',
  'diagnostics.none': 'n/d',
};
