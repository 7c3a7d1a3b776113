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
  'common.you': 'आप',

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
  'notice.too_many_spotlights': 'ज़्यादा से ज़्यादा 4 लोग स्पॉटलाइट में हो सकते हैं। पहले कोई '
    + 'स्पॉटलाइट हटाएँ।',

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

  'side.label': 'लोग, चैट और डायग्नोस्टिक्स',
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

  'ceremony.title': 'डिवाइस और कनेक्शन टेस्ट',
  'ceremony.note': 'शामिल होने से पहले यह टेस्ट आपका कैमरा, स्पीकर, माइक्रोफ़ोन और कनेक्शन '
    + 'जाँचता है। टेस्ट विफल होने पर भी आप शामिल हो सकते हैं। नतीजे इसी डिवाइस पर रहते हैं।',
  'ceremony.running': 'जाँच हो रही है\u2026',
  'ceremony.passed': 'सफल',
  'ceremony.failed': 'विफल',
  'ceremony.skipped': 'छोड़ा गया',
  'ceremony.camera': 'कैमरा',
  'ceremony.microphone': 'माइक्रोफ़ोन',
  'ceremony.connectivity': 'कनेक्शन',
  'ceremony.speaker': 'स्पीकर',
  'ceremony.speakerRunning': 'टेस्ट साउंड चलाएँ, फिर बताएँ कि आपने उसे सुना या नहीं।',
  'ceremony.speakerAsk': 'क्या आपने टेस्ट साउंड सुना?',
  'ceremony.speakerPassed': 'आपको अपने स्पीकर या हेडफ़ोन से आवाज़ सुनाई देती है।',
  'ceremony.speakerFailed': 'आपने टेस्ट साउंड नहीं सुना। जाँचें कि आपके स्पीकर या हेडफ़ोन जुड़े '
    + 'हुए हैं, चालू हैं, आवाज़ काफ़ी है और सिस्टम सेटिंग में साउंड आउटपुट के रूप में चुने गए '
    + 'हैं, फिर दोबारा टेस्ट करें।',
  'ceremony.play': 'टेस्ट साउंड चलाएँ',
  'ceremony.heard': 'हाँ, सुना',
  'ceremony.notHeard': 'नहीं, नहीं सुना',
  'ceremony.announce': '{step}: {status}। {detail}',
  'ceremony.cameraRunning': 'आपके कैमरे से तस्वीर का इंतज़ार\u2026',
  'ceremony.cameraPassed': 'आपका कैमरा तस्वीर भेज रहा है।',
  'ceremony.cameraOff': 'आपका कैमरा बंद है या खुल नहीं सका, इसलिए उसकी जाँच नहीं हुई। "कैमरा '
    + 'चालू" से उसे चालू करें, उसे इस्तेमाल कर सकने वाले दूसरे ऐप बंद करें, और फिर से जाँचें।',
  'ceremony.cameraTimeout': '{seconds} सेकंड में आपके कैमरे से कोई तस्वीर नहीं आई। देखें कि वह '
    + 'जुड़ा है और कोई दूसरा ऐप उसे इस्तेमाल नहीं कर रहा, फिर से जाँचें।',
  'ceremony.microphoneRunning': 'कुछ बोलें: पट्टी दिखाती है कि आपका माइक्रोफ़ोन क्या सुन रहा है।',
  'ceremony.microphonePassed': 'आपका माइक्रोफ़ोन आवाज़ पकड़ रहा है।',
  'ceremony.microphoneOff': 'आपका माइक्रोफ़ोन बंद है या खुल नहीं सका, इसलिए उसकी जाँच नहीं हुई। '
    + 'ब्राउज़र को उसे इस्तेमाल करने दें, फिर से जाँचें।',
  'ceremony.microphoneMuted': 'आपका माइक्रोफ़ोन म्यूट है। "माइक चालू" से उसे चालू करें और फिर से '
    + 'जाँचें।',
  'ceremony.microphoneTimeout': '{seconds} सेकंड में आपके माइक्रोफ़ोन से कुछ सुनाई नहीं दिया। '
    + 'देखें कि वह जुड़ा है और सिस्टम सेटिंग में म्यूट नहीं है, बोलें, और फिर से जाँचें।',
  'ceremony.connectivityRunning': 'मीटिंग सर्वर और उसके मीडिया रिले से कनेक्शन, और वह कितना '
    + 'डेटा ले जाता है, जाँचा जा रहा है\u2026',
  'ceremony.connectivityPassed': 'मीटिंग सर्वर जवाब दे रहा है और उसके मीडिया रिले (TURN, {via} '
    + 'से) ने आने-जाने में {mbps} Mbit/s पहुँचाए: वीडियो के लिए काफ़ी।',
  'ceremony.connectivityPassedPolling': 'मीटिंग सर्वर जवाब दे रहा है (HTTPS पोलिंग से: '
    + 'WebSocket ब्लॉक लगते हैं, जो काम करता है पर धीमा है) और उसके मीडिया रिले (TURN, {via} '
    + 'से) ने आने-जाने में {mbps} Mbit/s पहुँचाए: वीडियो के लिए काफ़ी।',
  'ceremony.connectivityRefused': 'मीटिंग सर्वर ने टेस्ट अस्वीकार कर दिया ({reason})। पेज फिर से '
    + 'लोड करें, या जिसने आपको लिंक भेजा उससे नया लिंक माँगें।',
  'ceremony.connectivityNoSignaling': 'मीटिंग सर्वर तक पहुँचा नहीं जा सका ({reason})। अपना '
    + 'इंटरनेट कनेक्शन जाँचें; कंपनी या सार्वजनिक नेटवर्क पर उसके व्यवस्थापक से इस साइट को अनुमति '
    + 'देने को कहें।',
  'ceremony.connectivityNoRelay': 'मीटिंग सर्वर जवाब दे रहा है, पर उसके मीडिया रिले (TURN) तक '
    + 'पहुँचा नहीं जा सका, इसलिए ऑडियो और वीडियो शायद न पहुँचें। शायद कोई फ़ायरवॉल उसे रोक रहा '
    + 'है: दूसरा नेटवर्क आज़माएँ, या नेटवर्क व्यवस्थापक से रिले तक UDP और TCP की अनुमति देने को '
    + 'कहें।',
  'ceremony.connectivityNoRelayInTime': 'मीटिंग सर्वर जवाब दे रहा है, पर {seconds} सेकंड में उसके '
    + 'मीडिया रिले (TURN) तक पहुँचा नहीं जा सका, इसलिए ऑडियो और वीडियो शायद न पहुँचें। शायद कोई '
    + 'फ़ायरवॉल उसे रोक रहा है: दूसरा नेटवर्क आज़माएँ, या नेटवर्क व्यवस्थापक से रिले तक UDP और '
    + 'TCP की अनुमति देने को कहें।',
  'ceremony.connectivityNoPath': 'मीडिया रिले (TURN) ने {via} से पते दिए, पर उनके बीच कोई डेटा '
    + 'नहीं पहुँचाया, इसलिए ऑडियो और वीडियो शायद न पहुँचें। शायद मीटिंग सर्वर ठीक से सेट नहीं '
    + 'है: उसे चलाने वाले को बताएँ।',
  'ceremony.connectivityNoData': 'मीडिया रिले (TURN) ने {via} से एक पता दिया, पर {seconds} '
    + 'सेकंड में उससे कोई डेटा नहीं गुज़रा, इसलिए ऑडियो और वीडियो शायद न पहुँचें। शायद कोई '
    + 'फ़ायरवॉल उसे रोक रहा है: दूसरा नेटवर्क आज़माएँ, या नेटवर्क व्यवस्थापक से रिले तक UDP और '
    + 'TCP की अनुमति देने को कहें।',
  'ceremony.connectivitySlow': 'मीटिंग सर्वर जवाब दे रहा है, पर उसके मीडिया रिले (TURN, {via} '
    + 'से) ने आने-जाने में केवल {mbps} Mbit/s पहुँचाए, वीडियो के लिए ज़रूरी {needed} Mbit/s से '
    + 'कम: दूसरे लोग आपको ठीक से देख-सुन नहीं पाएँगे। नेटवर्क इस्तेमाल करने वाले प्रोग्राम बंद '
    + 'करें या अपने Wi-Fi के पास जाएँ, और फिर से टेस्ट करें।',
  'ceremony.connectivityTimeout': 'मीटिंग सर्वर ने {seconds} सेकंड में जवाब नहीं दिया। आपका '
    + 'कनेक्शन धीमा हो सकता है या फ़ायरवॉल उसे रोक रहा हो सकता है।',
  'ceremony.connectivitySkipped': 'आपने कनेक्शन टेस्ट छोड़ दिया।',
  'ceremony.meterLabel': 'माइक्रोफ़ोन स्तर',
  'ceremony.summaryPassed': 'सभी टेस्ट सफल रहे। आप शामिल होने के लिए तैयार हैं।',
  'ceremony.summaryFailed': 'कुछ टेस्ट विफल रहे। आप फिर भी मीटिंग में शामिल हो सकते हैं, पर हो '
    + 'सकता है दूसरे आपको ठीक से न देख या सुन पाएँ।',
  'ceremony.summarySkipped': 'कनेक्शन की जाँच नहीं हुई। आप मीटिंग में शामिल हो सकते हैं।',
  'ceremony.skip': 'कनेक्शन टेस्ट छोड़ें',
  'ceremony.again': 'फिर से जाँचें',
  'settings.open': 'सेटिंग',
  'pip.button': 'पिक्चर-इन-पिक्चर',
  'pip.noVideo': 'पिक्चर-इन-पिक्चर में दिखाने के लिए अभी कोई वीडियो नहीं है।',
  'pip.refused': 'ब्राउज़र ने पिक्चर-इन-पिक्चर नहीं खोला।',
  'settings.title': 'डिवाइस',
  'settings.camera': 'कैमरा',
  'settings.microphone': 'माइक्रोफ़ोन',
  'settings.speaker': 'स्पीकर',
  'settings.close': 'बंद करें',
  'settings.device': 'डिवाइस {n}',
  'settings.none': 'कोई नहीं मिला',
  'settings.speakerFailed': 'आवाज़ उन स्पीकर पर नहीं भेजी जा सकी। कोई दूसरा आउटपुट चुनें या अपनी '
    + 'सिस्टम सेटिंग जाँचें।',

  'invitation.title': 'दूसरों के शामिल होने का इंतज़ार',
  'invitation.linkLabel': 'मीटिंग लिंक',
  'invitation.copy': 'लिंक कॉपी करें',
  'invitation.copied': 'लिंक कॉपी हो गया',
  'invitation.selectToCopy': 'लिंक चुना गया है: कॉपी करने के लिए Ctrl+C (या \u2318C) दबाएँ',

  'reactions.button': 'प्रतिक्रियाएँ',
  'reactions.menu': 'प्रतिक्रिया भेजें',
  'reactions.e2eeNote': 'प्रतिक्रियाएँ एंड-टू-एंड एन्क्रिप्टेड नहीं हैं: सर्वर उन्हें आगे भेजता '
    + 'है (कोई भी नहीं रखता)।',
  'reactions.tooFast': 'एक साथ बहुत सारी प्रतिक्रियाएँ; थोड़ा रुकें।',
  'reactions.reacted': '{name} ने {reaction} से प्रतिक्रिया दी',
  'reactions.youReacted': 'आपने {reaction} से प्रतिक्रिया दी',
  'reactions.thumbsUp': 'अंगूठा ऊपर',
  'reactions.thumbsDown': 'अंगूठा नीचे',
  'reactions.clap': 'ताली',
  'reactions.raisedHand': 'हाथ उठाएँ',
  'reactions.heart': 'दिल',
  'reactions.laugh': 'हँसी',
  'reactions.surprised': 'हैरानी',
  'reactions.celebrate': 'जश्न',

  'spotlight.add': 'स्पॉटलाइट करें',
  'spotlight.addName': '{name} को स्पॉटलाइट करें',
  'spotlight.remove': 'स्पॉटलाइट हटाएँ',
  'spotlight.removeName': '{name} से स्पॉटलाइट हटाएँ',
  'spotlight.tag': 'स्पॉटलाइट',
  'spotlight.on': '{name} स्पॉटलाइट में हैं',
  'spotlight.off': '{name} अब स्पॉटलाइट में नहीं हैं',
  'spotlight.onYou': 'आप स्पॉटलाइट में हैं',
  'spotlight.offYou': 'आप अब स्पॉटलाइट में नहीं हैं',

  'diagnostics.button': 'डायग्नोस्टिक्स',
  'diagnostics.title': 'मीटिंग डायग्नोस्टिक्स',
  'diagnostics.close': 'बंद करें',
  'diagnostics.closeLabel': 'मीटिंग डायग्नोस्टिक्स बंद करें',
  'diagnostics.privacy': 'जब तक यह पेज दिख रहा है, आपके ब्राउज़र में हर सेकंड मापा जाता है। सर्वर '
    + 'को कुछ नहीं भेजा जाता और कुछ भी सहेजा नहीं जाता।',
  'diagnostics.p2p': 'पीयर टू पीयर: ऑडियो और वीडियो सीधे ब्राउज़रों के बीच (P2P) जाते हैं, या जब '
    + 'कोई कैंडिडेट टाइप relay हो तो TURN रिले से होकर।',
  'diagnostics.sfu': 'सर्वर से होकर: ऑडियो और वीडियो SFU से होकर जाते हैं। राउंड ट्रिप, जिटर और '
    + 'कैंडिडेट टाइप सर्वर से आपके कनेक्शन के हैं।',
  'diagnostics.someone': 'प्रतिभागी',
  'diagnostics.good': 'अच्छी',
  'diagnostics.fair': 'ठीक-ठाक',
  'diagnostics.poor': 'खराब',
  'diagnostics.quality': 'कनेक्शन गुणवत्ता: {level}',
  'diagnostics.qualityCauses': 'कनेक्शन गुणवत्ता: {level} ({causes})',
  'diagnostics.measuring': 'कनेक्शन गुणवत्ता: मापी जा रही है\u2026',
  'diagnostics.causeLoss': 'पैकेट लॉस',
  'diagnostics.causeRtt': 'राउंड-ट्रिप समय',
  'diagnostics.causeJitter': 'जिटर',
  'diagnostics.causeLimitation': 'वीडियो सीमित',
  'diagnostics.bitrateIn': 'प्राप्त',
  'diagnostics.bitrateOut': 'भेजा गया',
  'diagnostics.lossPct': 'पैकेट लॉस',
  'diagnostics.rttMs': 'राउंड-ट्रिप समय',
  'diagnostics.jitterMs': 'जिटर',
  'diagnostics.video': 'प्राप्त वीडियो',
  'diagnostics.videoSent': 'भेजा गया वीडियो',
  'diagnostics.codecs': 'कोडेक',
  'diagnostics.path': 'ICE कैंडिडेट टाइप (यहाँ / दूसरी ओर)',
  'diagnostics.limitation': 'वीडियो को सीमित कर रहा है',
  'diagnostics.bandwidth': 'बैंडविड्थ',
  'diagnostics.cpu': 'CPU',
  'diagnostics.other': 'अन्य',
  'diagnostics.nothing': 'कुछ नहीं',
  'diagnostics.kbits': '{value} kbit/s',
  'diagnostics.percent': '{value}%',
  'diagnostics.millis': '{value} ms',
  'diagnostics.size': '{width}\u00d7{height}',
  'diagnostics.sizeFps': '{width}\u00d7{height}, {fps} fps',
  'diagnostics.none': 'लागू नहीं',
};
