// French (Français), formal address (vous). Keys and placeholders as lang-en.js, the reference.

export default {
  'page.title': 'Réunion Fjord',
  'language.label': 'Langue',

  'precall.title': 'Tout est prêt pour rejoindre ?',
  'precall.room': 'Salle',
  'precall.nameLabel': 'Votre nom',
  'precall.micOn': 'Micro activé',
  'precall.micOff': 'Micro coupé',
  'precall.cameraOn': 'Caméra activée',
  'precall.cameraOff': 'Caméra coupée',
  'precall.join': 'Rejoindre la réunion',
  'precall.hintP2p': 'Votre son et votre vidéo vont directement aux autres participants, '
    + 'chiffrés ; rien n\u2019est enregistré.',
  'precall.hintSfu': 'Votre son et votre vidéo sont chiffrés jusqu\u2019au serveur, qui les '
    + 'transmet aux autres participants : il peut les lire mais ne conserve rien ; rien n\u2019est '
    + 'enregistré.',
  'precall.hintE2ee': 'Votre son et votre vidéo sont chiffrés de bout en bout : le serveur les '
    + 'transmet aux autres participants mais ne peut pas les lire ; rien n\u2019est enregistré.',
  'precall.cloudRecording': 'Cette réunion est enregistrée : le serveur enregistre le son et la '
    + 'vidéo de chacun dans un fichier de l\u2019espace de stockage de l\u2019organisateur. Les '
    + 'réunions enregistrées ne sont pas chiffrées de bout en bout : le serveur lit le son et la '
    + 'vidéo pour les enregistrer.',
  'precall.permissionHelp': 'La caméra ou le micro ne fonctionne pas ?',
  'precall.permissionHelpLink': 'Obtenir de l\u2019aide sur l\u2019accès à la caméra et au micro',
  'precall.localRecording': 'Cette réunion peut être enregistrée : un hôte peut l\u2019enregistrer '
    + 'sur son propre appareil (rien n\u2019est enregistré sur le serveur).',
  'precall.viewer': 'Vous rejoignez en tant que spectateur : votre caméra et votre micro restent '
    + 'coupés.',
  'precall.enterName': 'Veuillez saisir votre nom.',
  'precall.linkNameRefused': 'Le nom indiqué dans le lien ne peut pas être utilisé : {reason}. '
    + 'Saisissez-en un autre.',
  'precall.nameRefused': 'Ce nom ne peut pas être utilisé : {reason}.',
  'reason.nameCharacters': 'un nom ne peut contenir aucun des caractères $ ! < > : ;',
  'reason.nameLength': 'un nom comporte au plus {max} caractères',
  'reason.repeated': {
    one: 'le lien donne {name} {count} fois',
    many: 'le lien donne {name} {count} fois',
    other: 'le lien donne {name} {count} fois',
  },
  'reason.encoding': '{name} dans le lien n\u2019est pas de l\u2019UTF-8 valide encodé en '
    + 'pourcentage',

  'waiting.title': 'En attente qu\u2019un hôte vous laisse entrer',
  'waiting.detail': 'Cette réunion est verrouillée. Vous la rejoindrez dès qu\u2019un hôte vous '
    + 'laissera entrer.',
  'common.leave': 'Quitter',
  'common.you': 'You',

  'call.label': 'Réunion',
  'call.title': 'Réunion {room}',
  'call.participants': {
    one: '{count} participant',
    many: '{count} participants',
    other: '{count} participants',
  },
  'call.timer': 'Temps passé dans la réunion',
  'call.connecting': 'Connexion\u2026',
  'call.reconnecting': 'Reconnexion\u2026',
  'call.e2ee': 'Chiffré de bout en bout. Code de sécurité',
  'call.e2eeHint': '(identique sur tous les écrans, sinon quelqu\u2019un écoute)',
  'call.recording': 'Enregistrement',
  'call.controls': 'Commandes de l\u2019appel',
  'call.mute': 'Couper le micro',
  'call.unmute': 'Activer le micro',
  'call.stopCamera': 'Couper la caméra',
  'call.startCamera': 'Activer la caméra',
  'call.shareScreen': 'Partager l\u2019écran',
  'call.stopSharing': 'Arrêter le partage',
  'call.lock': 'Verrouiller la salle',
  'call.unlock': 'Déverrouiller la salle',
  'call.record': 'Enregistrer',
  'call.stopRecording': 'Arrêter l\u2019enregistrement',
  'call.end': 'Terminer la réunion',
  'call.hearOthers': 'Cliquez pour entendre les autres',

  'dialog.endTitle': 'Terminer la réunion pour tout le monde ?',
  'dialog.endDetail': 'Tout le monde est déconnecté, et personne ne pourra plus rejoindre cette '
    + 'réunion.',
  'dialog.cancel': 'Annuler',
  'dialog.recordingTitle': 'Commencer l\u2019enregistrement de cette réunion ?',
  'dialog.recordingDetail': 'Le serveur enregistre le son et la vidéo de chacun dans un fichier '
    + 'de l\u2019espace de stockage de l\u2019organisateur. Tout le monde voit que la réunion est '
    + 'enregistrée.',
  'dialog.notNow': 'Pas maintenant',
  'dialog.startRecording': 'Commencer l\u2019enregistrement',

  'ended.left': 'Vous avez quitté la réunion',
  'ended.notJoined': 'Vous n\u2019avez pas rejoint la réunion',
  'ended.stoppedWaiting': 'Vous avez cessé d\u2019attendre avant qu\u2019un hôte vous laisse '
    + 'entrer.',
  'ended.leftBeforeJoining': 'Vous avez quitté la page avant de rejoindre la réunion.',
  'ended.cannotJoin': 'Impossible de rejoindre cette réunion',
  'ended.meetingEnded': 'La réunion est terminée',
  'ended.removed': 'Vous avez été retiré de la réunion',
  'ended.noMeeting': 'Aucune réunion ici',
  'ended.noRoomName': 'Le lien ne contient pas de nom de salle. Vérifiez le lien.',
  'ended.linkUnusable': 'Ce lien de réunion ne peut pas être utilisé : {reason}, le rôle qu\u2019il '
    + 'donne n\u2019est donc pas clair. Ouvrez le lien tel qu\u2019il vous a été donné, ou demandez-en '
    + 'un nouveau.',
  'ended.join': 'Rejoindre',
  'ended.joinAgain': 'Rejoindre à nouveau',
  'ended.askAgain': 'Redemander à entrer',
  'ended.tryAgain': 'Réessayer',

  'error.room_full': 'Cette réunion est complète. Les salles normales accueillent au plus '
    + '4 personnes.',
  'error.too_many_knocks': 'Trop de personnes de votre réseau attendent déjà d\u2019entrer dans '
    + 'cette réunion. Réessayez quand un hôte leur aura répondu.',
  'error.invalid_room_key': 'Ce lien de réunion n\u2019est pas valide (il a peut-être expiré). '
    + 'Demandez un nouveau lien.',
  'error.meeting_ended': 'Cette réunion est terminée.',
  'error.room_not_found': 'Cette réunion n\u2019existe pas. Vérifiez le lien.',
  'error.knock_rejected': 'Un hôte ne vous a pas laissé entrer.',
  'error.removed': 'Un hôte vous a retiré de la réunion.',
  'error.e2ee_required': 'Cette réunion est chiffrée de bout en bout et ses paramètres ont changé '
    + 'depuis l\u2019ouverture de cette page. Rechargez la page pour la rejoindre.',
  'error.e2ee_unavailable': 'Cette réunion n\u2019est plus chiffrée de bout en bout, cette page ne '
    + 'l\u2019a donc pas rejointe. Rechargez la page pour la rejoindre sans chiffrement de bout en '
    + 'bout.',
  'error.e2ee_unsupported': 'Cette réunion est chiffrée de bout en bout, et ce navigateur ne peut '
    + 'pas chiffrer le son et la vidéo (il lui manque les WebRTC Encoded Transforms). Rejoignez-la '
    + 'depuis un navigateur récent basé sur Chromium ou depuis Firefox.',
  'error.join_refused': 'Le serveur de réunion a refusé de vous laisser entrer. Vérifiez le lien, '
    + 'ou demandez-en un nouveau.',
  'error.name_refused': 'Votre nom ne peut pas être utilisé. Un nom ne doit pas être vide, ne doit '
    + 'contenir ni caractères de contrôle, ni forçages bidirectionnels, ni aucun des caractères '
    + '$ ! < > : ;, et comporte au plus 100 caractères.',

  'notice.sfu_error': 'Le serveur média n\u2019a pas pu configurer votre son et votre vidéo. '
    + 'Essayez de quitter la réunion puis de la rejoindre.',
  'notice.publish_failed': 'Votre son et votre vidéo n\u2019ont pas pu être envoyés. Essayez de '
    + 'quitter la réunion puis de la rejoindre.',
  'notice.subscribe_failed': 'Le son et la vidéo des autres n\u2019ont pas pu être reçus. Essayez '
    + 'de rejoindre à nouveau.',
  'notice.rate_limited': 'Trop d\u2019actions à la fois ; certaines ont été ignorées.',
  'notice.forbidden': 'Seuls les hôtes peuvent faire cela.',
  'notice.chat_disabled': 'Le chat est désactivé dans cette réunion.',
  'notice.unavailable': 'Le serveur de réunion est occupé. Nouvelle tentative\u2026',
  'notice.media_lost': 'La connexion média a été perdue. Reconnexion\u2026',
  'notice.transport_failed': 'La connexion à la réunion a été perdue. Reconnexion\u2026',
  'notice.muted': 'Un hôte a coupé votre micro. Vous pouvez le réactiver vous-même.',
  'notice.too_many_spotlights': 'At most 4 people can be in the spotlight. Remove a spotlight '
    + 'first.',

  'media.screenRefused': 'Le partage d\u2019écran a été annulé ou refusé.',
  'media.screenFailed': 'L\u2019écran n\u2019a pas pu être partagé.',
  'media.denied': 'L\u2019accès à la caméra ou au micro a été refusé. Vous pouvez tout de même '
    + 'rejoindre la réunion et voir les autres.',
  'media.notFound': 'Aucune caméra ni aucun micro n\u2019a été trouvé.',
  'media.inUse': 'La caméra ou le micro est utilisé par une autre application.',
  'media.failed': 'La caméra ou le micro n\u2019a pas pu être démarré.',

  'announce.someone': 'Quelqu\u2019un',
  'announce.joined': '{name} a rejoint la réunion',
  'announce.left': '{name} a quitté la réunion',
  'announce.knocking': '{name} demande à entrer',
  'announce.sharing': 'Vous partagez votre écran',
  'announce.sharingOff': 'Partage d\u2019écran arrêté',
  'announce.micOn': 'Micro activé',
  'announce.micOff': 'Micro coupé',
  'announce.cameraOn': 'Caméra activée',
  'announce.cameraOff': 'Caméra coupée',
  'announce.recording': 'Cette réunion est enregistrée',
  'announce.recordingStopped': 'L\u2019enregistrement est arrêté',
  'announce.safetyCode': 'Le code de sécurité a changé : comparez-le à nouveau avec les autres',
  'announce.soundBlocked': 'Le navigateur a bloqué le son : appuyez sur « {button} »',
  'announce.undecryptable': 'Impossible de déchiffrer le son et la vidéo de {name}',
  'announce.chat': '{name} : {text}',

  'side.label': 'Personnes et chat',
  'side.knocking': 'En attente d\u2019entrer',
  'side.people': 'Personnes',
  'side.chat': 'Chat',
  'people.you': '{name} (vous)',
  'people.host': 'hôte',
  'people.viewer': 'spectateur',
  'people.recorder': 'enregistreur',
  'people.thisParticipant': 'ce participant',
  'people.mute': 'Couper le micro',
  'people.muteName': 'Couper le micro de {name}',
  'people.remove': 'Retirer',
  'people.removeName': 'Retirer {name}',
  'people.letIn': 'Faire entrer',
  'people.letInName': 'Faire entrer {name}',
  'people.hold': 'Faire patienter',
  'people.holdName': 'Faire patienter {name}',
  'people.holdMessage': 'Un hôte va vous laisser entrer dans un instant.',
  'people.reject': 'Refuser',
  'people.rejectName': 'Refuser {name}',
  'chat.notEncrypted': 'Le chat n\u2019est pas chiffré de bout en bout : le serveur relaie ces '
    + 'messages et peut les lire (il n\u2019en conserve aucun).',
  'chat.placeholder': 'Message à tout le monde',
  'chat.label': 'Message du chat',
  'chat.send': 'Envoyer',
  'chat.download': 'Télécharger le chat',
  'chat.from': '{name} :',
  'chat.delete': 'Supprimer',
  'chat.deleteName': 'Supprimer le message de {name}',
  'chat.notConnected': 'Non connecté : le message n\u2019a pas été envoyé. Réessayez dans un '
    + 'instant.',
  'chat.bad_message': 'Ce message ne peut pas être envoyé : il contient des caractères non '
    + 'autorisés (caractères de contrôle ou forçages bidirectionnels ; les retours à la ligne sont '
    + 'acceptés).',
  'chat.too_large': 'Ce message est trop long pour être envoyé.',
  'chat.rate_limited': 'Trop de messages à la fois. Attendez un instant et renvoyez-le.',
  'chat.chat_disabled': 'Le chat est désactivé dans cette réunion.',
  'chat.transcriptTitle': 'Chat de la réunion {room}, {date}',

  'tile.screen': '{name} (écran)',
  'tile.cameraOff': 'La caméra est coupée',
  'tile.connecting': 'Connexion\u2026',
  'tile.pausedLastN': 'Vidéo en pause : pas parmi les derniers intervenants',
  'tile.pausedBandwidth': 'Vidéo en pause : votre connexion est trop lente',
  'tile.undecryptable': 'Déchiffrement impossible : la clé de chiffrement de ce participant ne '
    + 'vous est pas parvenue',
  'tile.unplayable': 'Ce navigateur ne peut pas lire la vidéo de {name} ({codec})',
  'tile.pinTitle': 'Toujours afficher cette caméra',
  'tile.pin': 'Épingler',
  'tile.unpin': 'Désépingler',
  'tile.pinName': 'Épingler {name}',
  'tile.unpinName': 'Désépingler {name}',
  'tile.thisCamera': 'cette caméra',
  'peer.lost': 'Connexion avec {name} perdue, nouvelle tentative\u2026',
  'peer.notYet': 'Pas encore de connexion avec {name}, nouvelle tentative\u2026',
  'peer.none': 'Aucune connexion avec {name}',
  'peer.failed': 'Impossible de se connecter à {name} après plusieurs tentatives. Un pare-feu ou '
    + 'le réseau bloque peut-être l\u2019appel : essayez de quitter la réunion puis de la '
    + 'rejoindre, ou utilisez un autre réseau.',
  'peer.back': 'De nouveau connecté à {name}.',

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
