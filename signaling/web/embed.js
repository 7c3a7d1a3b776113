// <fjord-embed room="https://fjord.example/room-name?roomKey=..."> for customers' pages.
//
// A classic script (no module, no CORS needed): <script src="https://<fjord>/assets/embed.js">.
// The element wraps an iframe of the room page, allowed to use the camera, microphone and
// screen capture, and speaks the postMessage API (docs/signaling.md, "Embedding"):
//   commands (methods): toggleCamera(), toggleMicrophone(), toggleScreenshare(), leave(),
//                       knock(), endMeeting(), startRecording(), stopRecording()
//                       -> {type: 'fjord-command', command}
//   events (DOM CustomEvents on the element, detail = data): ready, join, leave,
//                       participant_join, participant_leave, knock, meeting_end,
//                       recording_status_change ({status: recording|stopped}), error
//                       (the room cannot be joined: {code}; also sent by the 404 page)
// Messages go only to the room's origin and are accepted only from the iframe at that
// origin. The room page itself answers only this page's origin (passed as embedOrigin),
// and its CSP frame-ancestors lets only the organization's allowed origins frame it.
(() => {
  if (window.customElements.get('fjord-embed')) return;

  const PASSED = {
    'display-name': 'displayName', audio: 'audio', video: 'video',
    'precall-review': 'precallReview',
  };
  const COMMANDS = {
    toggleCamera: 'toggle_camera', toggleMicrophone: 'toggle_microphone',
    toggleScreenshare: 'toggle_screenshare', leave: 'leave', knock: 'knock',
    endMeeting: 'end_meeting', startRecording: 'start_recording', stopRecording: 'stop_recording',
  };

  class FjordEmbed extends HTMLElement {
    connectedCallback() {
      if (this.iframe) return;
      const room = new URL(this.getAttribute('room') || '', window.location.href);
      if (room.protocol !== 'https:' && room.hostname !== 'localhost') return;
      for (const [attr, param] of Object.entries(PASSED)) {
        const value = this.getAttribute(attr);
        if (value !== null) room.searchParams.set(param, value);
      }
      room.searchParams.set('embedOrigin', window.location.origin);
      this.roomOrigin = room.origin;
      const iframe = document.createElement('iframe');
      iframe.allow = `camera ${room.origin}; microphone ${room.origin}; `
        + `display-capture ${room.origin}; autoplay ${room.origin}; fullscreen`;
      iframe.title = 'Video meeting';
      iframe.src = room.toString();
      iframe.setAttribute('style', 'border:0;width:100%;height:100%;min-height:360px');
      this.iframe = iframe;
      this.onMessage = (event) => {
        if (event.source !== iframe.contentWindow || event.origin !== this.roomOrigin) return;
        const msg = event.data;
        if (!msg || msg.type !== 'fjord-event' || typeof msg.event !== 'string') return;
        this.dispatchEvent(new CustomEvent(msg.event, { detail: msg.data ?? {} }));
      };
      window.addEventListener('message', this.onMessage);
      this.append(iframe);
    }

    disconnectedCallback() {
      window.removeEventListener('message', this.onMessage);
      this.iframe?.remove();
      this.iframe = null;
    }

    command(name) {
      this.iframe?.contentWindow?.postMessage({ type: 'fjord-command', command: name },
        this.roomOrigin);
    }
  }
  for (const [method, command] of Object.entries(COMMANDS)) {
    FjordEmbed.prototype[method] = function send() { this.command(command); };
  }
  window.customElements.define('fjord-embed', FjordEmbed);
})();
