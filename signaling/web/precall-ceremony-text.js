// What the pre-call device and connectivity test (precall-ceremony.js) says, in one place so
// that a translation catalog can take it over. `{seconds}` is filled in by the caller.

export const CEREMONY_TEXT = {
  title: 'Device and connection test',
  note: 'Before you join, this checks your camera, microphone and connection. A failed test '
    + 'does not stop you from joining. The results stay on this device.',
  running: 'Testing\u2026',
  passed: 'Passed',
  failed: 'Failed',
  skipped: 'Skipped',
  /** Read out (politely) when a step ends: `${step}: ${status}. ${detail}` */
  steps: {
    camera: 'Camera',
    microphone: 'Microphone',
    connectivity: 'Connection',
  },
  camera: {
    running: 'Waiting for a picture from your camera\u2026',
    passed: 'Your camera sends a picture.',
    off: 'Your camera is off or could not be opened, so it was not tested. Turn it on with '
      + 'Camera on, close other apps that may use it, and test again.',
    timeout: 'No picture came from your camera within {seconds} seconds. Check that it is '
      + 'connected and not used by another app, then test again.',
  },
  microphone: {
    running: 'Say something: the bar shows what your microphone hears.',
    passed: 'Your microphone picks up sound.',
    off: 'Your microphone is off or could not be opened, so it was not tested. Allow the '
      + 'browser to use it, then test again.',
    muted: 'Your microphone is muted. Turn it on with Mic on and test again.',
    timeout: 'Nothing was heard from your microphone within {seconds} seconds. Check that '
      + 'it is connected and not muted in your system settings, speak, and test again.',
  },
  connectivity: {
    running: 'Checking the connection to the meeting server and its media relay\u2026',
    passed: 'The meeting server answers and its media relay (TURN) is reachable over {via}.',
    passedPolling: 'The meeting server answers (through HTTPS polling: WebSockets seem to be '
      + 'blocked, which works but is slower) and its media relay (TURN) is reachable over '
      + '{via}.',
    refused: 'The meeting server refused the test ({reason}). Reload the page, or ask '
      + 'whoever sent you the link for a new one.',
    noSignaling: 'The meeting server could not be reached ({reason}). Check your internet '
      + 'connection; on a company or public network, ask its administrator to allow this '
      + 'site.',
    noRelay: 'The meeting server answers, but its media relay (TURN) could not be reached, so '
      + 'audio and video may not get through. A firewall may block it: try another network, '
      + 'or ask the network administrator to allow UDP and TCP to the relay.',
    noRelayInTime: 'The meeting server answers, but its media relay (TURN) could not be '
      + 'reached within {seconds} seconds, so audio and video may not get through. A firewall '
      + 'may block it: try another network, or ask the network administrator to allow UDP '
      + 'and TCP to the relay.',
    timeout: 'The meeting server did not answer within {seconds} seconds. Your connection '
      + 'may be slow or blocked by a firewall.',
    skipped: 'You skipped the connection test.',
  },
  meterLabel: 'Microphone level',
  summaryPassed: 'All tests passed. You are ready to join.',
  summaryFailed: 'Some tests failed. You can still join the meeting, but others may not see '
    + 'or hear you well.',
  summarySkipped: 'The connection was not tested. You can join the meeting.',
  skip: 'Skip connection test',
  again: 'Test again',
};

/** `text` with `{name}` replaced by `values[name]`. */
export function fill(text, values) {
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name])
    : whole));
}
