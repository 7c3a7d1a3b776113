// Greek (Ελληνικά), formal address (εσείς). Keys and placeholders as lang-en.js, the
// reference.

export default {
  'page.title': 'Σύσκεψη Fjord',
  'language.label': 'Γλώσσα',

  'precall.title': 'Έτοιμοι να συνδεθείτε;',
  'precall.room': 'Αίθουσα',
  'precall.nameLabel': 'Το όνομά σας',
  'precall.micOn': 'Μικρόφωνο ενεργό',
  'precall.micOff': 'Μικρόφωνο ανενεργό',
  'precall.cameraOn': 'Κάμερα ενεργή',
  'precall.cameraOff': 'Κάμερα ανενεργή',
  'precall.join': 'Συμμετοχή στη σύσκεψη',
  'precall.hintP2p': 'Ο ήχος και το βίντεό σας πηγαίνουν κρυπτογραφημένα απευθείας στους άλλους '
    + 'συμμετέχοντες· τίποτα δεν καταγράφεται.',
  'precall.hintSfu': 'Ο ήχος και το βίντεό σας κρυπτογραφούνται ως τον διακομιστή, που τα προωθεί '
    + 'στους άλλους συμμετέχοντες: μπορεί να τα διαβάσει, αλλά δεν κρατά τίποτα· τίποτα δεν '
    + 'καταγράφεται.',
  'precall.hintE2ee': 'Ο ήχος και το βίντεό σας είναι κρυπτογραφημένα από άκρο σε άκρο: ο '
    + 'διακομιστής τα προωθεί στους άλλους συμμετέχοντες, αλλά δεν μπορεί να τα διαβάσει· τίποτα '
    + 'δεν καταγράφεται.',
  'precall.cloudRecording': 'Αυτή η σύσκεψη καταγράφεται: ο διακομιστής καταγράφει τον ήχο και το '
    + 'βίντεο όλων σε ένα αρχείο στον χώρο αποθήκευσης του διοργανωτή. Οι συσκέψεις που '
    + 'καταγράφονται δεν είναι κρυπτογραφημένες από άκρο σε άκρο: ο διακομιστής διαβάζει τον ήχο '
    + 'και το βίντεο για να τα καταγράψει.',
  'precall.permissionHelp': 'Δεν λειτουργεί η κάμερα ή το μικρόφωνο;',
  'precall.permissionHelpLink': 'Βοήθεια για την πρόσβαση σε κάμερα και μικρόφωνο',
  'precall.localRecording': 'Αυτή η σύσκεψη μπορεί να καταγραφεί: ένας οικοδεσπότης μπορεί να την '
    + 'καταγράψει στη δική του συσκευή (τίποτα δεν καταγράφεται στον διακομιστή).',
  'precall.viewer': 'Συνδέεστε ως θεατής: η κάμερα και το μικρόφωνό σας μένουν ανενεργά.',
  'precall.enterName': 'Πληκτρολογήστε το όνομά σας.',
  'precall.linkNameRefused': 'Το όνομα στον σύνδεσμο δεν μπορεί να χρησιμοποιηθεί: {reason}. '
    + 'Πληκτρολογήστε άλλο.',
  'precall.nameRefused': 'Αυτό το όνομα δεν μπορεί να χρησιμοποιηθεί: {reason}.',
  'reason.nameCharacters': 'ένα όνομα δεν μπορεί να περιέχει κανέναν από τους χαρακτήρες '
    + '$ ! < > : ;',
  'reason.nameLength': 'ένα όνομα έχει το πολύ {max} χαρακτήρες',
  'reason.repeated': {
    one: 'ο σύνδεσμος δίνει το {name} {count} φορά',
    other: 'ο σύνδεσμος δίνει το {name} {count} φορές',
  },
  'reason.encoding': 'το {name} στον σύνδεσμο δεν είναι έγκυρο UTF-8 με κωδικοποίηση ποσοστού',

  'waiting.title': 'Αναμονή για να σας αφήσει να μπείτε ένας οικοδεσπότης',
  'waiting.detail': 'Αυτή η σύσκεψη είναι κλειδωμένη. Θα συνδεθείτε μόλις σας αφήσει να μπείτε '
    + 'ένας οικοδεσπότης.',
  'common.leave': 'Αποχώρηση',
  'common.you': 'You',

  'call.label': 'Σύσκεψη',
  'call.title': 'Σύσκεψη {room}',
  'call.participants': {
    one: '{count} συμμετέχων',
    other: '{count} συμμετέχοντες',
  },
  'call.timer': 'Χρόνος στη σύσκεψη',
  'call.connecting': 'Σύνδεση\u2026',
  'call.reconnecting': 'Επανασύνδεση\u2026',
  'call.e2ee': 'Κρυπτογράφηση από άκρο σε άκρο. Κωδικός ασφαλείας',
  'call.e2eeHint': '(ίδιος σε κάθε οθόνη, αλλιώς κάποιος κρυφακούει)',
  'call.recording': 'Καταγραφή',
  'call.controls': 'Χειριστήρια κλήσης',
  'call.mute': 'Σίγαση',
  'call.unmute': 'Κατάργηση σίγασης',
  'call.stopCamera': 'Απενεργοποίηση κάμερας',
  'call.startCamera': 'Ενεργοποίηση κάμερας',
  'call.shareScreen': 'Κοινή χρήση οθόνης',
  'call.stopSharing': 'Διακοπή κοινής χρήσης',
  'call.lock': 'Κλείδωμα αίθουσας',
  'call.unlock': 'Ξεκλείδωμα αίθουσας',
  'call.record': 'Καταγραφή',
  'call.stopRecording': 'Διακοπή καταγραφής',
  'call.end': 'Τερματισμός σύσκεψης',
  'call.hearOthers': 'Κάντε κλικ για να ακούσετε τους άλλους',

  'dialog.endTitle': 'Τερματισμός της σύσκεψης για όλους;',
  'dialog.endDetail': 'Όλοι αποσυνδέονται και κανείς δεν μπορεί να συνδεθεί ξανά σε αυτή τη '
    + 'σύσκεψη.',
  'dialog.cancel': 'Ακύρωση',
  'dialog.recordingTitle': 'Έναρξη καταγραφής αυτής της σύσκεψης;',
  'dialog.recordingDetail': 'Ο διακομιστής καταγράφει τον ήχο και το βίντεο όλων σε ένα αρχείο στον '
    + 'χώρο αποθήκευσης του διοργανωτή. Όλοι βλέπουν ότι η σύσκεψη καταγράφεται.',
  'dialog.notNow': 'Όχι τώρα',
  'dialog.startRecording': 'Έναρξη καταγραφής',

  'ended.left': 'Αποχωρήσατε από τη σύσκεψη',
  'ended.notJoined': 'Δεν συνδεθήκατε στη σύσκεψη',
  'ended.stoppedWaiting': 'Σταματήσατε να περιμένετε πριν σας αφήσει να μπείτε ένας οικοδεσπότης.',
  'ended.leftBeforeJoining': 'Αποχωρήσατε πριν συνδεθείτε.',
  'ended.cannotJoin': 'Δεν είναι δυνατή η σύνδεση σε αυτή τη σύσκεψη',
  'ended.meetingEnded': 'Η σύσκεψη έληξε',
  'ended.removed': 'Αφαιρεθήκατε από τη σύσκεψη',
  'ended.noMeeting': 'Δεν υπάρχει σύσκεψη εδώ',
  'ended.noRoomName': 'Ο σύνδεσμος δεν έχει όνομα αίθουσας. Ελέγξτε τον σύνδεσμο.',
  'ended.linkUnusable': 'Αυτός ο σύνδεσμος σύσκεψης δεν μπορεί να χρησιμοποιηθεί: {reason}, οπότε '
    + 'δεν είναι σαφές ποιον ρόλο δίνει. Ανοίξτε τον σύνδεσμο όπως σας δόθηκε ή ζητήστε νέο.',
  'ended.join': 'Συμμετοχή',
  'ended.joinAgain': 'Νέα συμμετοχή',
  'ended.askAgain': 'Νέο αίτημα εισόδου',
  'ended.tryAgain': 'Δοκιμάστε ξανά',

  'error.room_full': 'Αυτή η σύσκεψη είναι πλήρης. Οι κανονικές αίθουσες χωρούν έως 4 άτομα.',
  'error.too_many_knocks': 'Πάρα πολλά άτομα από το δίκτυό σας περιμένουν ήδη να μπουν σε αυτή τη '
    + 'σύσκεψη. Δοκιμάστε ξανά όταν ένας οικοδεσπότης τους έχει απαντήσει.',
  'error.invalid_room_key': 'Αυτός ο σύνδεσμος σύσκεψης δεν είναι έγκυρος (ίσως έχει λήξει). Ζητήστε '
    + 'νέο σύνδεσμο.',
  'error.meeting_ended': 'Αυτή η σύσκεψη έληξε.',
  'error.room_not_found': 'Αυτή η σύσκεψη δεν υπάρχει. Ελέγξτε τον σύνδεσμο.',
  'error.knock_rejected': 'Ένας οικοδεσπότης δεν σας άφησε να μπείτε.',
  'error.removed': 'Ένας οικοδεσπότης σας αφαίρεσε από τη σύσκεψη.',
  'error.e2ee_required': 'Αυτή η σύσκεψη είναι κρυπτογραφημένη από άκρο σε άκρο και οι ρυθμίσεις '
    + 'της άλλαξαν από τότε που άνοιξε αυτή η σελίδα. Φορτώστε ξανά τη σελίδα για να συνδεθείτε.',
  'error.e2ee_unavailable': 'Αυτή η σύσκεψη δεν είναι πλέον κρυπτογραφημένη από άκρο σε άκρο, οπότε '
    + 'αυτή η σελίδα δεν συνδέθηκε. Φορτώστε ξανά τη σελίδα για να συνδεθείτε χωρίς κρυπτογράφηση '
    + 'από άκρο σε άκρο.',
  'error.e2ee_unsupported': 'Αυτή η σύσκεψη είναι κρυπτογραφημένη από άκρο σε άκρο και αυτό το '
    + 'πρόγραμμα περιήγησης δεν μπορεί να κρυπτογραφήσει ήχο και βίντεο (δεν διαθέτει WebRTC '
    + 'Encoded Transforms). Συνδεθείτε από ένα σύγχρονο πρόγραμμα περιήγησης βασισμένο στο '
    + 'Chromium ή από τον Firefox.',
  'error.join_refused': 'Ο διακομιστής της σύσκεψης δεν σας επέτρεψε να συνδεθείτε. Ελέγξτε τον '
    + 'σύνδεσμο ή ζητήστε νέο.',
  'error.name_refused': 'Το όνομά σας δεν μπορεί να χρησιμοποιηθεί. Ένα όνομα δεν μπορεί να είναι '
    + 'κενό, δεν μπορεί να περιέχει χαρακτήρες ελέγχου, παρακάμψεις κατεύθυνσης κειμένου ή κανέναν '
    + 'από τους χαρακτήρες $ ! < > : ; και έχει το πολύ 100 χαρακτήρες.',

  'notice.sfu_error': 'Ο διακομιστής πολυμέσων δεν μπόρεσε να ρυθμίσει τον ήχο και το βίντεό σας. '
    + 'Δοκιμάστε να αποχωρήσετε και να συνδεθείτε ξανά.',
  'notice.publish_failed': 'Δεν ήταν δυνατή η αποστολή του ήχου και του βίντεό σας. Δοκιμάστε να '
    + 'αποχωρήσετε και να συνδεθείτε ξανά.',
  'notice.subscribe_failed': 'Δεν ήταν δυνατή η λήψη του ήχου και του βίντεο των άλλων. Δοκιμάστε '
    + 'να συνδεθείτε ξανά.',
  'notice.rate_limited': 'Πάρα πολλές ενέργειες ταυτόχρονα· ορισμένες αγνοήθηκαν.',
  'notice.forbidden': 'Μόνο οι οικοδεσπότες μπορούν να το κάνουν αυτό.',
  'notice.chat_disabled': 'Η συνομιλία είναι απενεργοποιημένη σε αυτή τη σύσκεψη.',
  'notice.unavailable': 'Ο διακομιστής της σύσκεψης είναι απασχολημένος. Νέα προσπάθεια\u2026',
  'notice.media_lost': 'Η σύνδεση πολυμέσων χάθηκε. Επανασύνδεση\u2026',
  'notice.transport_failed': 'Η σύνδεση με τη σύσκεψη χάθηκε. Επανασύνδεση\u2026',
  'notice.muted': 'Ένας οικοδεσπότης έθεσε σε σίγαση το μικρόφωνό σας. Μπορείτε να καταργήσετε τη '
    + 'σίγαση μόνοι σας.',
  'notice.too_many_spotlights': 'At most 4 people can be in the spotlight. Remove a spotlight '
    + 'first.',

  'media.screenRefused': 'Η κοινή χρήση οθόνης ακυρώθηκε ή απορρίφθηκε.',
  'media.screenFailed': 'Δεν ήταν δυνατή η κοινή χρήση της οθόνης.',
  'media.denied': 'Η πρόσβαση στην κάμερα ή στο μικρόφωνο απορρίφθηκε. Μπορείτε και πάλι να '
    + 'συνδεθείτε και να βλέπετε τους άλλους.',
  'media.notFound': 'Δεν βρέθηκε κάμερα ή μικρόφωνο.',
  'media.inUse': 'Η κάμερα ή το μικρόφωνο χρησιμοποιείται από άλλη εφαρμογή.',
  'media.failed': 'Δεν ήταν δυνατή η εκκίνηση της κάμερας ή του μικροφώνου.',

  'announce.someone': 'Κάποιος',
  'announce.joined': 'Συνδέθηκε: {name}',
  'announce.left': 'Αποχώρησε: {name}',
  'announce.knocking': 'Περιμένει να μπει: {name}',
  'announce.sharing': 'Μοιράζεστε την οθόνη σας',
  'announce.sharingOff': 'Η κοινή χρήση οθόνης σταμάτησε',
  'announce.micOn': 'Μικρόφωνο ενεργό',
  'announce.micOff': 'Μικρόφωνο ανενεργό',
  'announce.cameraOn': 'Κάμερα ενεργή',
  'announce.cameraOff': 'Κάμερα ανενεργή',
  'announce.recording': 'Αυτή η σύσκεψη καταγράφεται',
  'announce.recordingStopped': 'Η καταγραφή σταμάτησε',
  'announce.safetyCode': 'Ο κωδικός ασφαλείας άλλαξε: συγκρίνετέ τον ξανά με τους άλλους',
  'announce.soundBlocked': 'Το πρόγραμμα περιήγησης μπλόκαρε τον ήχο: πατήστε «{button}»',
  'announce.undecryptable': 'Δεν είναι δυνατή η αποκρυπτογράφηση ήχου και βίντεο: {name}',
  'announce.chat': '{name}: {text}',

  'side.label': 'Άτομα και συνομιλία',
  'side.knocking': 'Αναμένουν είσοδο',
  'side.people': 'Άτομα',
  'side.chat': 'Συνομιλία',
  'people.you': '{name} (εσείς)',
  'people.host': 'οικοδεσπότης',
  'people.viewer': 'θεατής',
  'people.recorder': 'καταγραφή',
  'people.thisParticipant': 'αυτός ο συμμετέχων',
  'people.mute': 'Σίγαση',
  'people.muteName': 'Σίγαση: {name}',
  'people.remove': 'Αφαίρεση',
  'people.removeName': 'Αφαίρεση: {name}',
  'people.letIn': 'Είσοδος',
  'people.letInName': 'Είσοδος: {name}',
  'people.hold': 'Αναμονή',
  'people.holdName': 'Αναμονή: {name}',
  'people.holdMessage': 'Ένας οικοδεσπότης θα σας αφήσει να μπείτε σε λίγο.',
  'people.reject': 'Απόρριψη',
  'people.rejectName': 'Απόρριψη: {name}',
  'chat.notEncrypted': 'Η συνομιλία δεν είναι κρυπτογραφημένη από άκρο σε άκρο: ο διακομιστής '
    + 'αναμεταδίδει αυτά τα μηνύματα και μπορεί να τα διαβάσει (δεν κρατά κανένα).',
  'chat.placeholder': 'Μήνυμα προς όλους',
  'chat.label': 'Μήνυμα συνομιλίας',
  'chat.send': 'Αποστολή',
  'chat.download': 'Λήψη συνομιλίας',
  'chat.from': '{name}:',
  'chat.delete': 'Διαγραφή',
  'chat.deleteName': 'Διαγραφή μηνύματος από: {name}',
  'chat.notConnected': 'Χωρίς σύνδεση: το μήνυμα δεν στάλθηκε. Δοκιμάστε ξανά σε λίγο.',
  'chat.bad_message': 'Αυτό το μήνυμα δεν μπορεί να σταλεί: περιέχει μη επιτρεπόμενους χαρακτήρες '
    + '(χαρακτήρες ελέγχου ή παρακάμψεις κατεύθυνσης κειμένου· οι αλλαγές γραμμής επιτρέπονται).',
  'chat.too_large': 'Αυτό το μήνυμα είναι πολύ μεγάλο για να σταλεί.',
  'chat.rate_limited': 'Πάρα πολλά μηνύματα ταυτόχρονα. Περιμένετε λίγο και στείλτε το ξανά.',
  'chat.chat_disabled': 'Η συνομιλία είναι απενεργοποιημένη σε αυτή τη σύσκεψη.',
  'chat.transcriptTitle': 'Συνομιλία της σύσκεψης {room}, {date}',

  'tile.screen': '{name} (οθόνη)',
  'tile.cameraOff': 'Η κάμερα είναι ανενεργή',
  'tile.connecting': 'Σύνδεση\u2026',
  'tile.pausedLastN': 'Το βίντεο σε παύση: όχι μεταξύ όσων μίλησαν πρόσφατα',
  'tile.pausedBandwidth': 'Το βίντεο σε παύση: η σύνδεσή σας είναι πολύ αργή',
  'tile.undecryptable': 'Δεν είναι δυνατή η αποκρυπτογράφηση: το κλειδί κρυπτογράφησης αυτού του '
    + 'συμμετέχοντα δεν έχει φτάσει σε εσάς',
  'tile.unplayable': 'Αυτό το πρόγραμμα περιήγησης δεν μπορεί να αναπαραγάγει το βίντεο ({codec}): '
    + '{name}',
  'tile.pinTitle': 'Να εμφανίζεται πάντα αυτή η κάμερα',
  'tile.pin': 'Καρφίτσωμα',
  'tile.unpin': 'Ξεκαρφίτσωμα',
  'tile.pinName': 'Καρφίτσωμα: {name}',
  'tile.unpinName': 'Ξεκαρφίτσωμα: {name}',
  'tile.thisCamera': 'αυτή η κάμερα',
  'peer.lost': 'Η σύνδεση χάθηκε ({name}), νέα προσπάθεια\u2026',
  'peer.notYet': 'Δεν υπάρχει ακόμη σύνδεση ({name}), νέα προσπάθεια\u2026',
  'peer.none': 'Χωρίς σύνδεση: {name}',
  'peer.failed': 'Δεν ήταν δυνατή η σύνδεση ({name}) μετά από αρκετές προσπάθειες. Ένα τείχος '
    + 'προστασίας ή το δίκτυο ίσως μπλοκάρει την κλήση: δοκιμάστε να αποχωρήσετε και να συνδεθείτε '
    + 'ξανά ή χρησιμοποιήστε άλλο δίκτυο.',
  'peer.back': 'Συνδεθήκατε ξανά: {name}.',

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
