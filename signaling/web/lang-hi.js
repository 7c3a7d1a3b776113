// Hindi (हिन्दी), formal address (आप). Keys and placeholders as lang-en.js, the reference.

export default {
  'page.title': 'Fjord मीटिंग',
  'language.label': 'भाषा',

  'precall.title': 'जुड़ने के लिए तैयार हैं?',
  'precall.room': 'रूम',
  'precall.nameLabel': 'आपका नाम',
  'precall.micOn': 'माइक चालू',
  'precall.micOff': 'माइक बंद',
  'precall.cameraOn': 'कैमरा चालू',
  'precall.cameraOff': 'कैमरा बंद',
  'precall.join': 'मीटिंग में शामिल हों',
  'precall.hintP2p': 'आपका ऑडियो और वीडियो एन्क्रिप्ट होकर सीधे दूसरे प्रतिभागियों तक जाता है; कुछ भी '
    + 'रिकॉर्ड नहीं होता।',
  'precall.hintSfu': 'आपका ऑडियो और वीडियो सर्वर तक एन्क्रिप्ट होकर जाता है, जो उन्हें दूसरे '
    + 'प्रतिभागियों को भेजता है: सर्वर उन्हें पढ़ सकता है पर कुछ भी नहीं रखता; कुछ भी रिकॉर्ड नहीं होता।',
  'precall.hintE2ee': 'आपका ऑडियो और वीडियो एंड-टू-एंड एन्क्रिप्टेड है: सर्वर उन्हें दूसरे प्रतिभागियों '
    + 'को भेजता है पर उन्हें पढ़ नहीं सकता; कुछ भी रिकॉर्ड नहीं होता।',
  'precall.cloudRecording': 'यह मीटिंग रिकॉर्ड की जा रही है: सर्वर सभी का ऑडियो और वीडियो आयोजक के '
    + 'स्टोरेज में एक फ़ाइल में रिकॉर्ड करता है। रिकॉर्ड की गई मीटिंग एंड-टू-एंड एन्क्रिप्टेड नहीं होतीं: '
    + 'रिकॉर्ड करने के लिए सर्वर ऑडियो और वीडियो पढ़ता है।',
  'precall.permissionHelp': 'कैमरा या माइक्रोफ़ोन काम नहीं कर रहा?',
  'precall.permissionHelpLink': 'कैमरा और माइक्रोफ़ोन की अनुमति के लिए मदद पाएँ',
  'precall.localRecording': 'यह मीटिंग रिकॉर्ड की जा सकती है: कोई होस्ट इसे अपने डिवाइस पर रिकॉर्ड कर '
    + 'सकता है (सर्वर पर कुछ भी रिकॉर्ड नहीं होता)।',
  'precall.viewer': 'आप दर्शक के रूप में जुड़ रहे हैं: आपका कैमरा और माइक्रोफ़ोन बंद रहेंगे।',
  'precall.enterName': 'कृपया अपना नाम दर्ज करें।',
  'precall.linkNameRefused': 'लिंक में दिया गया नाम इस्तेमाल नहीं किया जा सकता: {reason}। कोई दूसरा '
    + 'नाम दर्ज करें।',
  'precall.nameRefused': 'यह नाम इस्तेमाल नहीं किया जा सकता: {reason}।',
  'reason.nameCharacters': 'नाम में $ ! < > : ; में से कोई भी वर्ण नहीं हो सकता',
  'reason.nameLength': 'नाम में अधिकतम {max} वर्ण हो सकते हैं',
  'reason.repeated': {
    one: 'लिंक में {name} {count} बार दिया गया है',
    other: 'लिंक में {name} {count} बार दिया गया है',
  },
  'reason.encoding': 'लिंक में {name} मान्य प्रतिशत-एन्कोडेड UTF-8 नहीं है',

  'waiting.title': 'किसी होस्ट के आपको अंदर आने देने की प्रतीक्षा है',
  'waiting.detail': 'यह मीटिंग लॉक है। जैसे ही कोई होस्ट आपको अंदर आने देगा, आप जुड़ जाएँगे।',
  'common.leave': 'छोड़ें',
  'common.you': 'You',

  'call.label': 'मीटिंग',
  'call.title': 'मीटिंग {room}',
  'call.participants': {
    one: '{count} प्रतिभागी',
    other: '{count} प्रतिभागी',
  },
  'call.timer': 'मीटिंग में बिताया समय',
  'call.connecting': 'कनेक्ट हो रहा है\u2026',
  'call.reconnecting': 'फिर से कनेक्ट हो रहा है\u2026',
  'call.e2ee': 'एंड-टू-एंड एन्क्रिप्टेड। सुरक्षा कोड',
  'call.e2eeHint': '(हर स्क्रीन पर एक जैसा, वरना कोई सुन रहा है)',
  'call.recording': 'रिकॉर्डिंग',
  'call.controls': 'कॉल नियंत्रण',
  'call.mute': 'म्यूट करें',
  'call.unmute': 'अनम्यूट करें',
  'call.stopCamera': 'कैमरा बंद करें',
  'call.startCamera': 'कैमरा चालू करें',
  'call.shareScreen': 'स्क्रीन शेयर करें',
  'call.stopSharing': 'शेयर करना बंद करें',
  'call.lock': 'रूम लॉक करें',
  'call.unlock': 'रूम अनलॉक करें',
  'call.record': 'रिकॉर्ड करें',
  'call.stopRecording': 'रिकॉर्डिंग बंद करें',
  'call.end': 'मीटिंग समाप्त करें',
  'call.hearOthers': 'दूसरों को सुनने के लिए क्लिक करें',

  'dialog.endTitle': 'सभी के लिए मीटिंग समाप्त करें?',
  'dialog.endDetail': 'सभी को बाहर कर दिया जाएगा, और कोई भी इस मीटिंग में फिर से नहीं जुड़ पाएगा।',
  'dialog.cancel': 'रद्द करें',
  'dialog.recordingTitle': 'इस मीटिंग की रिकॉर्डिंग शुरू करें?',
  'dialog.recordingDetail': 'सर्वर सभी का ऑडियो और वीडियो आयोजक के स्टोरेज में एक फ़ाइल में रिकॉर्ड '
    + 'करता है। सभी देखते हैं कि मीटिंग रिकॉर्ड की जा रही है।',
  'dialog.notNow': 'अभी नहीं',
  'dialog.startRecording': 'रिकॉर्डिंग शुरू करें',

  'ended.left': 'आपने मीटिंग छोड़ दी',
  'ended.notJoined': 'आप मीटिंग में शामिल नहीं हुए',
  'ended.stoppedWaiting': 'किसी होस्ट के आपको अंदर आने देने से पहले आपने प्रतीक्षा बंद कर दी।',
  'ended.leftBeforeJoining': 'आप जुड़ने से पहले ही चले गए।',
  'ended.cannotJoin': 'इस मीटिंग में शामिल नहीं हो सकते',
  'ended.meetingEnded': 'मीटिंग समाप्त हो गई है',
  'ended.removed': 'आपको मीटिंग से हटा दिया गया',
  'ended.noMeeting': 'यहाँ कोई मीटिंग नहीं है',
  'ended.noRoomName': 'लिंक में रूम का नाम नहीं है। लिंक जाँचें।',
  'ended.linkUnusable': 'यह मीटिंग लिंक इस्तेमाल नहीं किया जा सकता: {reason}, इसलिए यह स्पष्ट नहीं कि '
    + 'यह कौन-सी भूमिका देता है। लिंक को वैसे ही खोलें जैसे आपको मिला था, या नया लिंक माँगें।',
  'ended.join': 'शामिल हों',
  'ended.joinAgain': 'फिर से शामिल हों',
  'ended.askAgain': 'फिर से अंदर आने का अनुरोध करें',
  'ended.tryAgain': 'फिर से कोशिश करें',

  'error.room_full': 'यह मीटिंग भर गई है। सामान्य रूम में अधिकतम 4 लोग हो सकते हैं।',
  'error.too_many_knocks': 'आपके नेटवर्क से बहुत सारे लोग पहले से इस मीटिंग में आने की प्रतीक्षा कर रहे '
    + 'हैं। किसी होस्ट के उन्हें जवाब देने के बाद फिर से कोशिश करें।',
  'error.invalid_room_key': 'यह मीटिंग लिंक मान्य नहीं है (शायद इसकी समय-सीमा खत्म हो गई है)। नया लिंक '
    + 'माँगें।',
  'error.meeting_ended': 'यह मीटिंग समाप्त हो गई है।',
  'error.room_not_found': 'यह मीटिंग मौजूद नहीं है। लिंक जाँचें।',
  'error.knock_rejected': 'किसी होस्ट ने आपको अंदर नहीं आने दिया।',
  'error.removed': 'किसी होस्ट ने आपको मीटिंग से हटा दिया।',
  'error.e2ee_required': 'यह मीटिंग एंड-टू-एंड एन्क्रिप्टेड है और यह पेज खुलने के बाद इसकी सेटिंग बदल गई '
    + 'हैं। शामिल होने के लिए पेज फिर से लोड करें।',
  'error.e2ee_unavailable': 'यह मीटिंग अब एंड-टू-एंड एन्क्रिप्टेड नहीं है, इसलिए यह पेज इसमें शामिल नहीं '
    + 'हुआ। एंड-टू-एंड एन्क्रिप्शन के बिना शामिल होने के लिए पेज फिर से लोड करें।',
  'error.e2ee_unsupported': 'यह मीटिंग एंड-टू-एंड एन्क्रिप्टेड है, और यह ब्राउज़र ऑडियो और वीडियो '
    + 'एन्क्रिप्ट नहीं कर सकता (इसमें WebRTC Encoded Transforms नहीं हैं)। किसी नए Chromium-आधारित '
    + 'ब्राउज़र या Firefox से शामिल हों।',
  'error.join_refused': 'मीटिंग सर्वर ने आपको शामिल होने से मना कर दिया। लिंक जाँचें, या नया लिंक माँगें।',
  'error.name_refused': 'आपका नाम इस्तेमाल नहीं किया जा सकता। नाम खाली नहीं हो सकता, उसमें नियंत्रण वर्ण, '
    + 'दिशा बदलने वाले वर्ण या $ ! < > : ; में से कोई भी वर्ण नहीं हो सकता, और उसमें अधिकतम 100 वर्ण हो '
    + 'सकते हैं।',

  'notice.sfu_error': 'मीडिया सर्वर आपका ऑडियो और वीडियो सेट नहीं कर सका। मीटिंग छोड़कर फिर से शामिल '
    + 'होकर देखें।',
  'notice.publish_failed': 'आपका ऑडियो और वीडियो भेजा नहीं जा सका। मीटिंग छोड़कर फिर से शामिल होकर '
    + 'देखें।',
  'notice.subscribe_failed': 'दूसरों का ऑडियो और वीडियो प्राप्त नहीं हो सका। फिर से शामिल होकर देखें।',
  'notice.rate_limited': 'एक साथ बहुत सारी कार्रवाइयाँ; कुछ को अनदेखा किया गया।',
  'notice.forbidden': 'यह केवल होस्ट कर सकते हैं।',
  'notice.chat_disabled': 'इस मीटिंग में चैट बंद है।',
  'notice.unavailable': 'मीटिंग सर्वर व्यस्त है। फिर से कोशिश की जा रही है\u2026',
  'notice.media_lost': 'मीडिया कनेक्शन टूट गया। फिर से कनेक्ट हो रहा है\u2026',
  'notice.transport_failed': 'मीटिंग से कनेक्शन टूट गया। फिर से कनेक्ट हो रहा है\u2026',
  'notice.muted': 'किसी होस्ट ने आपका माइक्रोफ़ोन म्यूट कर दिया। आप इसे खुद अनम्यूट कर सकते हैं।',
  'notice.too_many_spotlights': 'At most 4 people can be in the spotlight. Remove a spotlight '
    + 'first.',

  'media.screenRefused': 'स्क्रीन शेयर करना रद्द या अस्वीकार किया गया।',
  'media.screenFailed': 'स्क्रीन शेयर नहीं की जा सकी।',
  'media.denied': 'कैमरा या माइक्रोफ़ोन की अनुमति नहीं मिली। आप फिर भी शामिल होकर दूसरों को देख सकते हैं।',
  'media.notFound': 'कोई कैमरा या माइक्रोफ़ोन नहीं मिला।',
  'media.inUse': 'कैमरा या माइक्रोफ़ोन किसी दूसरे ऐप्लिकेशन में इस्तेमाल हो रहा है।',
  'media.failed': 'कैमरा या माइक्रोफ़ोन शुरू नहीं किया जा सका।',

  'announce.someone': 'कोई',
  'announce.joined': '{name} शामिल हुए',
  'announce.left': '{name} चले गए',
  'announce.knocking': '{name} अंदर आने की प्रतीक्षा कर रहे हैं',
  'announce.sharing': 'आप अपनी स्क्रीन शेयर कर रहे हैं',
  'announce.sharingOff': 'स्क्रीन शेयर करना बंद',
  'announce.micOn': 'माइक्रोफ़ोन चालू',
  'announce.micOff': 'माइक्रोफ़ोन बंद',
  'announce.cameraOn': 'कैमरा चालू',
  'announce.cameraOff': 'कैमरा बंद',
  'announce.recording': 'यह मीटिंग रिकॉर्ड की जा रही है',
  'announce.recordingStopped': 'रिकॉर्डिंग बंद हो गई',
  'announce.safetyCode': 'सुरक्षा कोड बदल गया: इसे फिर से दूसरों से मिलाएँ',
  'announce.soundBlocked': 'ब्राउज़र ने आवाज़ रोक दी: “{button}” दबाएँ',
  'announce.undecryptable': '{name} का ऑडियो और वीडियो डिक्रिप्ट नहीं किया जा सकता',
  'announce.chat': '{name}: {text}',

  'side.label': 'लोग और चैट',
  'side.knocking': 'अंदर आने की प्रतीक्षा',
  'side.people': 'लोग',
  'side.chat': 'चैट',
  'people.you': '{name} (आप)',
  'people.host': 'होस्ट',
  'people.viewer': 'दर्शक',
  'people.recorder': 'रिकॉर्डर',
  'people.thisParticipant': 'यह प्रतिभागी',
  'people.mute': 'म्यूट करें',
  'people.muteName': '{name} को म्यूट करें',
  'people.remove': 'हटाएँ',
  'people.removeName': '{name} को हटाएँ',
  'people.letIn': 'अंदर आने दें',
  'people.letInName': '{name} को अंदर आने दें',
  'people.hold': 'प्रतीक्षा कराएँ',
  'people.holdName': '{name} को प्रतीक्षा कराएँ',
  'people.holdMessage': 'कोई होस्ट जल्द ही आपको अंदर आने देगा।',
  'people.reject': 'अस्वीकार करें',
  'people.rejectName': '{name} को अस्वीकार करें',
  'chat.notEncrypted': 'चैट एंड-टू-एंड एन्क्रिप्टेड नहीं है: सर्वर ये संदेश आगे भेजता है और उन्हें पढ़ '
    + 'सकता है (वह कोई संदेश नहीं रखता)।',
  'chat.placeholder': 'सभी को संदेश',
  'chat.label': 'चैट संदेश',
  'chat.send': 'भेजें',
  'chat.download': 'चैट डाउनलोड करें',
  'chat.from': '{name}:',
  'chat.delete': 'मिटाएँ',
  'chat.deleteName': '{name} का संदेश मिटाएँ',
  'chat.notConnected': 'कनेक्ट नहीं है: संदेश नहीं भेजा गया। थोड़ी देर में फिर से कोशिश करें।',
  'chat.bad_message': 'यह संदेश नहीं भेजा जा सकता: इसमें ऐसे वर्ण हैं जिनकी अनुमति नहीं है (नियंत्रण वर्ण '
    + 'या दिशा बदलने वाले वर्ण; नई पंक्तियाँ ठीक हैं)।',
  'chat.too_large': 'यह संदेश भेजने के लिए बहुत लंबा है।',
  'chat.rate_limited': 'एक साथ बहुत सारे संदेश। थोड़ा रुककर इसे फिर से भेजें।',
  'chat.chat_disabled': 'इस मीटिंग में चैट बंद है।',
  'chat.transcriptTitle': 'मीटिंग {room} की चैट, {date}',

  'tile.screen': '{name} (स्क्रीन)',
  'tile.cameraOff': 'कैमरा बंद है',
  'tile.connecting': 'कनेक्ट हो रहा है\u2026',
  'tile.pausedLastN': 'वीडियो रुका है: हाल के वक्ताओं में नहीं',
  'tile.pausedBandwidth': 'वीडियो रुका है: आपका कनेक्शन बहुत धीमा है',
  'tile.undecryptable': 'डिक्रिप्ट नहीं हो सकता: इस प्रतिभागी की एन्क्रिप्शन कुंजी आप तक नहीं पहुँची है',
  'tile.unplayable': 'यह ब्राउज़र {name} का वीडियो ({codec}) नहीं चला सकता',
  'tile.pinTitle': 'यह कैमरा हमेशा दिखाएँ',
  'tile.pin': 'पिन करें',
  'tile.unpin': 'अनपिन करें',
  'tile.pinName': '{name} को पिन करें',
  'tile.unpinName': '{name} को अनपिन करें',
  'tile.thisCamera': 'यह कैमरा',
  'peer.lost': '{name} से कनेक्शन टूट गया, फिर से कोशिश की जा रही है\u2026',
  'peer.notYet': '{name} से अभी कनेक्ट नहीं हो पा रहा, फिर से कोशिश की जा रही है\u2026',
  'peer.none': '{name} से कोई कनेक्शन नहीं',
  'peer.failed': 'कई बार कोशिश करने के बाद भी {name} से कनेक्ट नहीं हो सका। शायद कोई फ़ायरवॉल या नेटवर्क '
    + 'कॉल को रोक रहा है: मीटिंग छोड़कर फिर से शामिल होकर देखें, या कोई दूसरा नेटवर्क इस्तेमाल करें।',
  'peer.back': '{name} से फिर से कनेक्ट हो गए।',

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
