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
  'common.you': 'You',

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
  'notice.too_many_spotlights': 'At most 4 people can be in the spotlight. Remove a spotlight '
    + 'first.',

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

  'side.label': 'Personas y chat',
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
