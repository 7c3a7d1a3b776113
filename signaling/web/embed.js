// <whereby-embed room="https://fjord.example/room-name?roomKey=..."> for customers' pages,
// Whereby's embed element (its attributes, events and commands; docs/whereby-compatibility.md).
// <fjord-embed> is the same element under Fjord's earlier name, which also reads the
// earlier kebab-case attributes (display-name, precall-review).
//
// A classic script (no module, no CORS needed): <script src="https://<fjord>/assets/embed.js">.
// `room` must be an absolute https URL (http only on localhost); otherwise nothing is embedded.
// The element wraps an iframe of the room page, allowed to use the camera, microphone and
// screen capture (an attribute changed later that changes the room's URL renders a new
// iframe, as Whereby's element then loads its iframe again), and speaks Whereby's
// postMessage protocol:
//   commands (methods): toggleCamera(enabled?), toggleMicrophone(enabled?),
//     toggleScreenshare(enabled?), toggleChat(enabled?), togglePeople(enabled?),
//     leaveRoom(), endMeeting(), knock(), cancelKnock(), startRecording(),
//     stopRecording(), openSettings(pane?)  -> {command, args} to the room
//     Commands of features Fjord lacks (streaming, transcription, breakout
//     rooms) are ignored with a console warning.
//   events (DOM CustomEvents on the element): {type, payload} from the room, payload as
//     the CustomEvent's detail (ready, join, leave, participant_join, camera_toggle, ...).
// Messages go only to the room's origin and are accepted only from the iframe at that
// origin. The room page itself answers only this page's origin (passed as embedOrigin),
// and its CSP frame-ancestors lets only the organization's allowed origins frame it.
(() => {
  if (window.customElements.get('fjord-embed')) return; // this script ran already
  /** Another script's <whereby-embed>: Whereby's own (@whereby.com/browser-sdk/embed), which
   * takes only whereby.com room URLs, if the customer still imports it. */
  const taken = window.customElements.get('whereby-embed') !== undefined;

  /** Attributes passed as URL parameters of the same (camelCase) name, as Whereby does. */
  const PASSED = [
    'displayName', 'lang', 'metadata', 'externalId', 'avatarUrl', 'groups',
    'virtualBackgroundUrl', 'cameraEffect', 'emojiSkinTone',
    // Whereby's boolean attributes ("on"/"off")
    'aec', 'agc', 'audio', 'audioDenoiser', 'autoHideSelfView', 'autoSpotlight', 'background',
    'bottomToolbar', 'breakout', 'callQualityMonitoring', 'cameraAccess', 'chat', 'embed',
    'emptyRoomInvitation', 'floatSelf', 'help', 'hideLegend', 'leaveButton', 'locking',
    'localization', 'logo', 'lowData', 'moreButton', 'participantCount', 'personality',
    'pipButton', 'precallCeremony', 'precallCeremonyCanSkip', 'precallPermissionsHelpLink',
    'precallReview', 'people', 'reactions', 'recording', 'roomIntegrations', 'screenshare',
    'settingsButton', 'skipMediaPermissionPrompt', 'subgridLabels', 'timer',
    'toolbarDarkText', 'toolbarText', 'topToolbar', 'video',
    // In Whereby's attribute documentation though its element does not pass them on: passed,
    // so that the room page honours them (docs/whereby-compatibility.md).
    'chatDownload', 'highlightActiveSpeaker', 'precallPermissionHelpLink',
  ];
  /** Whereby's attributes: observed (a change renders the room again) and, as on Whereby's
   * element, properties too (`element.room = url`, as Angular's and Lit's property bindings
   * and scripts set it, sets the attribute). */
  const ATTRIBUTES = ['room', 'minimal', 'title', ...PASSED].map((name) => name.toLowerCase());
  /** Fjord's earlier attribute names (<fjord-embed>). */
  const LEGACY = { 'display-name': 'displayName', 'precall-review': 'precallReview' };
  const COMMANDS = {
    toggleCamera: 'toggle_camera', toggleMicrophone: 'toggle_microphone',
    toggleScreenshare: 'toggle_screenshare', toggleChat: 'toggle_chat',
    togglePeople: 'toggle_people', leaveRoom: 'leave_room', endMeeting: 'end_meeting',
    knock: 'knock', cancelKnock: 'cancel_knock',
    startRecording: 'start_recording', stopRecording: 'stop_recording',
    openSettings: 'open_settings',
  };
  const UNSUPPORTED = [
    'startStreaming', 'stopStreaming',
    'startLiveTranscription', 'stopLiveTranscription', 'toggleBreakout',
  ];

  // As Whereby's element: a block box that its iframe fills, so that the page's height and
  // width apply (a custom element is inline, and an inline box takes no height: the room
  // stayed 360 px tall whatever the page asked). :where() weighs nothing, so any rule of the
  // page wins, and `hidden` still hides it. A constructed sheet, which a page's CSP does not
  // block (it blocked the iframe's style attribute: a 300x150 room with a border).
  const STYLE = ':where(whereby-embed:not([hidden]), fjord-embed:not([hidden])) '
    + '{ display: block; } '
    + ':where(whereby-embed > iframe, fjord-embed > iframe) '
    + '{ border: 0; width: 100%; height: 100%; min-height: 360px; }';
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  } catch {
    const style = document.createElement('style');
    style.textContent = STYLE;
    document.head.append(style);
  }

  class WherebyEmbed extends HTMLElement {
    /** As Whereby's element: changing one of these re-renders the room (a new iframe). */
    static get observedAttributes() {
      return [...ATTRIBUTES, ...Object.keys(LEGACY)];
    }

    connectedCallback() {
      this.live = true;
      if (!this.iframe) this.render();
    }

    attributeChangedCallback(name, oldValue, newValue) {
      // Before connectedCallback (the parser's and an upgrade's first attributes) the
      // connection renders them all at once.
      if (!this.live || oldValue === newValue) return;
      // As Whereby's element, which updates its iframe in place: a change that leaves the
      // room's URL as it was (the title, a parameter the room URL sets itself) keeps the
      // call; a new iframe would take the participant out and back in.
      if (this.iframe && this.roomSource()?.href === this.iframe.src) {
        this.iframe.title = this.frameTitle();
        return;
      }
      this.unrender();
      this.render();
    }

    /** The room page's URL for the element's attributes; null for no usable `room`. */
    roomSource() {
      // An absolute https URL (http on localhost, for development), as Whereby's element
      // wants: never resolved against this page, which would then embed itself.
      let room = null;
      try {
        room = new URL(this.getAttribute('room') || '');
      } catch {
        return null;
      }
      if (!(room.protocol === 'https:'
          || (room.protocol === 'http:' && room.hostname === 'localhost'))) {
        return null;
      }
      const params = {};
      for (const [attr, param] of Object.entries(LEGACY)) {
        if (this.hasAttribute(attr)) params[param] = this.getAttribute(attr);
      }
      for (const name of PASSED) {
        if (this.hasAttribute(name)) params[name] = this.getAttribute(name);
      }
      // Whereby: the minimal attribute is the room's `embed` parameter.
      if (this.hasAttribute('minimal')) params.embed = this.getAttribute('minimal');
      for (const [name, value] of Object.entries(params)) {
        if (!room.searchParams.has(name)) room.searchParams.set(name, value);
      }
      room.searchParams.set('embedOrigin', window.location.origin);
      return room;
    }

    frameTitle() {
      return this.getAttribute('title') || 'Video calling component';
    }

    render() {
      const room = this.roomSource();
      if (!room) {
        this.refuse();
        return;
      }
      this.roomOrigin = room.origin;
      const iframe = document.createElement('iframe');
      iframe.allow = `camera ${room.origin}; microphone ${room.origin}; `
        + `display-capture ${room.origin}; autoplay ${room.origin}; fullscreen; `
        // The empty room's Copy link button (invitation.js) writes the room's link.
        + `clipboard-write ${room.origin}`;
      iframe.title = this.frameTitle();
      iframe.src = room.toString();
      this.iframe = iframe;
      this.onMessage = (event) => {
        if (event.source !== iframe.contentWindow || event.origin !== this.roomOrigin) return;
        const msg = event.data;
        if (!msg || typeof msg.type !== 'string') return;
        this.dispatchEvent(new CustomEvent(msg.type, { detail: msg.payload ?? {} }));
      };
      window.addEventListener('message', this.onMessage);
      this.append(iframe);
    }

    /** No usable room URL: say so in the element and the console (Whereby's element shows
     * "Missing room attribute" or "Could not parse room URL"), embed nothing. */
    refuse() {
      const text = 'whereby-embed: the room attribute must be the meeting\'s https:// room URL '
        + '(roomUrl, hostRoomUrl or viewerRoomUrl); nothing embedded';
      console.warn(text);
      this.message = document.createElement('p');
      this.message.textContent = text;
      this.append(this.message);
    }

    unrender() {
      window.removeEventListener('message', this.onMessage);
      this.iframe?.remove();
      this.iframe = null;
      this.message?.remove();
      this.message = null;
    }

    disconnectedCallback() {
      this.live = false;
      this.unrender();
    }

    postCommand(command, args = []) {
      this.iframe?.contentWindow?.postMessage({ command, args }, this.roomOrigin);
    }
  }
  for (const [method, command] of Object.entries(COMMANDS)) {
    WherebyEmbed.prototype[method] = function send(...args) {
      this.postCommand(command, args.slice(0, 1));
    };
  }
  for (const method of UNSUPPORTED) {
    WherebyEmbed.prototype[method] = function unsupported() {
      console.warn(`whereby-embed: ${method}() is not supported by this server (Fjord); ignored`);
    };
  }
  // Properties of the attributes' lowercase names, as Whereby's element (heresy) defines them:
  // null removes the attribute. Not `title` and `lang`, which HTMLElement reflects already.
  for (const name of ATTRIBUTES.filter((attr) => !(attr in HTMLElement.prototype))) {
    Object.defineProperty(WherebyEmbed.prototype, name, {
      configurable: true,
      get() { return this.getAttribute(name); },
      set(value) {
        if (value == null) this.removeAttribute(name);
        else this.setAttribute(name, value);
      },
    });
  }
  // Fjord's earlier command name.
  WherebyEmbed.prototype.leave = WherebyEmbed.prototype.leaveRoom;
  if (taken) {
    console.warn('fjord: <whereby-embed> is already defined by another script (Whereby\'s own '
      + '@whereby.com/browser-sdk/embed?), whose element cannot embed this server\'s rooms: '
      + 'remove it, or use <fjord-embed>');
  } else {
    window.customElements.define('whereby-embed', WherebyEmbed);
  }
  window.customElements.define('fjord-embed', class FjordEmbed extends WherebyEmbed {});
})();
