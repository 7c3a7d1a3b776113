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
  'common.you': 'Vous',

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
  'notice.too_many_spotlights': 'Au plus 4 personnes peuvent être mises en avant. Retirez d’abord '
    + 'une mise en avant.',

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

  'side.label': 'Personnes, chat et diagnostics',
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

  'ceremony.title': 'Test des appareils et de la connexion',
  'ceremony.note': 'Avant que vous rejoigniez, ce test vérifie votre caméra, vos haut-parleurs, '
    + 'votre micro et votre connexion. Un test échoué ne vous empêche pas de rejoindre. Les '
    + 'résultats restent sur cet appareil.',
  'ceremony.running': 'Test en cours\u2026',
  'ceremony.passed': 'Réussi',
  'ceremony.failed': 'Échoué',
  'ceremony.skipped': 'Ignoré',
  'ceremony.camera': 'Caméra',
  'ceremony.microphone': 'Micro',
  'ceremony.connectivity': 'Connexion',
  'ceremony.speaker': 'Haut-parleurs',
  'ceremony.speakerRunning': 'Lancez le son de test, puis dites si vous l’avez entendu.',
  'ceremony.speakerAsk': 'Avez-vous entendu le son de test ?',
  'ceremony.speakerPassed': 'Vous entendez le son de vos haut-parleurs ou de votre casque.',
  'ceremony.speakerFailed': 'Vous n’avez pas entendu le son de test. Vérifiez que vos '
    + 'haut-parleurs ou votre casque sont branchés, allumés, assez forts et choisis comme sortie '
    + 'audio dans les réglages du système, puis testez à nouveau.',
  'ceremony.play': 'Lancer le son de test',
  'ceremony.heard': 'Oui, je l’ai entendu',
  'ceremony.notHeard': 'Non, je ne l’ai pas entendu',
  'ceremony.announce': '{step} : {status}. {detail}',
  'ceremony.cameraRunning': 'En attente d’une image de votre caméra\u2026',
  'ceremony.cameraPassed': 'Votre caméra envoie une image.',
  'ceremony.cameraOff': 'Votre caméra est coupée ou n’a pas pu être ouverte : elle n’a donc pas '
    + 'été testée. Activez-la avec « Caméra activée », fermez les autres applications qui '
    + 'pourraient l’utiliser, puis testez à nouveau.',
  'ceremony.cameraTimeout': 'Aucune image n’est venue de votre caméra en {seconds} secondes. '
    + 'Vérifiez qu’elle est branchée et qu’aucune autre application ne l’utilise, puis testez à '
    + 'nouveau.',
  'ceremony.microphoneRunning': 'Dites quelque chose : la barre montre ce que votre micro entend.',
  'ceremony.microphonePassed': 'Votre micro capte le son.',
  'ceremony.microphoneOff': 'Votre micro est coupé ou n’a pas pu être ouvert : il n’a donc pas '
    + 'été testé. Autorisez le navigateur à l’utiliser, puis testez à nouveau.',
  'ceremony.microphoneMuted': 'Votre micro est coupé. Activez-le avec « Micro activé » et testez '
    + 'à nouveau.',
  'ceremony.microphoneTimeout': 'Rien n’a été entendu de votre micro en {seconds} secondes. '
    + 'Vérifiez qu’il est branché et qu’il n’est pas coupé dans les réglages de votre système, '
    + 'parlez, puis testez à nouveau.',
  'ceremony.connectivityRunning': 'Vérification de la connexion au serveur de réunion et à son '
    + 'relais média, et du débit qu’il transporte\u2026',
  'ceremony.connectivityPassed': 'Le serveur de réunion répond, et son relais média (TURN, en '
    + '{via}) a transporté {mbps} Mbit/s à l’aller et au retour : assez pour la vidéo.',
  'ceremony.connectivityPassedPolling': 'Le serveur de réunion répond (par interrogation HTTPS '
    + ': les WebSockets semblent bloqués, ce qui fonctionne mais plus lentement), et son relais '
    + 'média (TURN, en {via}) a transporté {mbps} Mbit/s à l’aller et au retour : assez pour la '
    + 'vidéo.',
  'ceremony.connectivityRefused': 'Le serveur de réunion a refusé le test ({reason}). Rechargez '
    + 'la page, ou demandez un nouveau lien à la personne qui vous l’a envoyé.',
  'ceremony.connectivityNoSignaling': 'Le serveur de réunion est injoignable ({reason}). Vérifiez '
    + 'votre connexion internet ; sur un réseau d’entreprise ou public, demandez à son '
    + 'administrateur d’autoriser ce site.',
  'ceremony.connectivityNoRelay': 'Le serveur de réunion répond, mais son relais média (TURN) est '
    + 'injoignable : le son et la vidéo risquent de ne pas passer. Un pare-feu le bloque '
    + 'peut-être : essayez un autre réseau, ou demandez à l’administrateur réseau d’autoriser UDP '
    + 'et TCP vers le relais.',
  'ceremony.connectivityNoRelayInTime': 'Le serveur de réunion répond, mais son relais média '
    + '(TURN) n’a pas été joint en {seconds} secondes : le son et la vidéo risquent de ne pas '
    + 'passer. Un pare-feu le bloque peut-être : essayez un autre réseau, ou demandez à '
    + 'l’administrateur réseau d’autoriser UDP et TCP vers le relais.',
  'ceremony.connectivityNoPath': 'Le relais média (TURN) a fourni des adresses en {via}, mais '
    + 'n’a pas transporté de données entre elles : le son et la vidéo risquent de ne pas '
    + 'passer. Le serveur de réunion est peut-être mal configuré : prévenez la personne qui '
    + 'l’administre.',
  'ceremony.connectivityNoData': 'Le relais média (TURN) a fourni une adresse en {via}, mais '
    + 'aucune donnée ne l’a traversé en {seconds} secondes : le son et la vidéo risquent de ne '
    + 'pas passer. Un pare-feu le bloque peut-être : essayez un autre réseau, ou demandez à '
    + 'l’administrateur réseau d’autoriser UDP et TCP vers le relais.',
  'ceremony.connectivitySlow': 'Le serveur de réunion répond, mais son relais média (TURN, en '
    + '{via}) n’a transporté que {mbps} Mbit/s à l’aller et au retour, moins que les {needed} '
    + 'Mbit/s qu’exige la vidéo : les autres risquent de mal vous voir et vous entendre. Fermez '
    + 'les programmes qui utilisent le réseau ou rapprochez-vous de votre Wi-Fi, puis refaites '
    + 'le test.',
  'ceremony.connectivityTimeout': 'Le serveur de réunion n’a pas répondu en {seconds} secondes. '
    + 'Votre connexion est peut-être lente ou bloquée par un pare-feu.',
  'ceremony.connectivitySkipped': 'Vous avez ignoré le test de connexion.',
  'ceremony.meterLabel': 'Niveau du micro',
  'ceremony.summaryPassed': 'Tous les tests sont réussis. Vous pouvez rejoindre la réunion.',
  'ceremony.summaryFailed': 'Certains tests ont échoué. Vous pouvez tout de même rejoindre la '
    + 'réunion, mais les autres risquent de mal vous voir ou vous entendre.',
  'ceremony.summarySkipped': 'La connexion n’a pas été testée. Vous pouvez rejoindre la réunion.',
  'ceremony.skip': 'Ignorer le test de connexion',
  'ceremony.again': 'Tester à nouveau',
  'settings.open': 'Paramètres',
  'pip.button': 'Image dans l’image',
  'pip.noVideo': 'Il n’y a pas encore de vidéo à afficher en image dans l’image.',
  'pip.refused': 'Le navigateur n’a pas ouvert l’image dans l’image.',
  'settings.title': 'Appareils',
  'settings.camera': 'Caméra',
  'settings.microphone': 'Micro',
  'settings.speaker': 'Haut-parleurs',
  'settings.close': 'Fermer',
  'settings.device': 'Appareil {n}',
  'settings.none': 'Aucun trouvé',
  'settings.speakerFailed': 'Le son n’a pas pu passer sur ces haut-parleurs. Choisissez une '
    + 'autre sortie ou vérifiez les réglages du système.',

  'invitation.title': 'En attente d’autres participants',
  'invitation.linkLabel': 'Lien de la réunion',
  'invitation.copy': 'Copier le lien',
  'invitation.copied': 'Lien copié',
  'invitation.selectToCopy': 'Le lien est sélectionné : appuyez sur Ctrl+C (ou \u2318C) pour le copier',

  'reactions.button': 'Réactions',
  'reactions.menu': 'Envoyer une réaction',
  'reactions.e2eeNote': 'Les réactions ne sont pas chiffrées de bout en bout : le serveur les '
    + 'relaie (il n’en conserve aucune).',
  'reactions.tooFast': 'Trop de réactions à la fois ; patientez un instant.',
  'reactions.reacted': '{name} a réagi : {reaction}',
  'reactions.youReacted': 'Vous avez réagi : {reaction}',
  'reactions.thumbsUp': 'Pouce levé',
  'reactions.thumbsDown': 'Pouce baissé',
  'reactions.clap': 'Applaudir',
  'reactions.raisedHand': 'Lever la main',
  'reactions.heart': 'Cœur',
  'reactions.laugh': 'Rire',
  'reactions.surprised': 'Surpris',
  'reactions.celebrate': 'Fête',

  'spotlight.add': 'Mettre en avant',
  'spotlight.addName': 'Mettre en avant {name}',
  'spotlight.remove': 'Retirer la mise en avant',
  'spotlight.removeName': 'Retirer la mise en avant de {name}',
  'spotlight.tag': 'mis en avant',
  'spotlight.on': '{name} est mis en avant',
  'spotlight.off': '{name} n’est plus mis en avant',
  'spotlight.onYou': 'Vous êtes mis en avant',
  'spotlight.offYou': 'Vous n’êtes plus mis en avant',

  'diagnostics.button': 'Diagnostics',
  'diagnostics.title': 'Diagnostics de la réunion',
  'diagnostics.close': 'Fermer',
  'diagnostics.closeLabel': 'Fermer les diagnostics de la réunion',
  'diagnostics.privacy': 'Mesuré dans votre navigateur chaque seconde tant que cette page est '
    + 'affichée. Rien n’est envoyé au serveur ni conservé.',
  'diagnostics.p2p': 'Pair à pair : le son et la vidéo vont directement d’un navigateur à l’autre '
    + '(P2P), ou passent par le relais TURN quand un type de candidat est relay.',
  'diagnostics.sfu': 'Par le serveur : le son et la vidéo passent par le SFU. Aller-retour, gigue '
    + 'et types de candidats concernent votre connexion au serveur.',
  'diagnostics.someone': 'Participant',
  'diagnostics.good': 'Bonne',
  'diagnostics.fair': 'Moyenne',
  'diagnostics.poor': 'Mauvaise',
  'diagnostics.quality': 'Qualité de connexion : {level}',
  'diagnostics.qualityCauses': 'Qualité de connexion : {level} ({causes})',
  'diagnostics.measuring': 'Qualité de connexion : mesure en cours\u2026',
  'diagnostics.causeLoss': 'perte de paquets',
  'diagnostics.causeRtt': 'temps aller-retour',
  'diagnostics.causeJitter': 'gigue',
  'diagnostics.causeLimitation': 'vidéo bridée',
  'diagnostics.bitrateIn': 'Reçu',
  'diagnostics.bitrateOut': 'Envoyé',
  'diagnostics.lossPct': 'Perte de paquets',
  'diagnostics.rttMs': 'Temps aller-retour',
  'diagnostics.jitterMs': 'Gigue',
  'diagnostics.video': 'Vidéo reçue',
  'diagnostics.videoSent': 'Vidéo envoyée',
  'diagnostics.codecs': 'Codecs',
  'diagnostics.path': 'Types de candidats ICE (ici / autre extrémité)',
  'diagnostics.limitation': 'Vidéo bridée par',
  'diagnostics.bandwidth': 'la bande passante',
  'diagnostics.cpu': 'le processeur',
  'diagnostics.other': 'autre',
  'diagnostics.nothing': 'rien',
  'diagnostics.kbits': '{value} kbit/s',
  'diagnostics.percent': '{value} %',
  'diagnostics.millis': '{value} ms',
  'diagnostics.size': '{width}\u00d7{height}',
  'diagnostics.sizeFps': '{width}\u00d7{height}, {fps} i/s',
  'diagnostics.none': 'n.d.',
};
