// What the room page does with each server message (docs/signaling.md, "Server to client"),
// given the page (room.js, `app`) and its parts: the participants, the media engine, chat,
// reactions, spotlights, the people panel. Types it does not know (pong, and those of later
// protocol versions) are left alone.

import { SfuSession } from './group.js';
import { plainText } from './i18n.js';
import { P2PMesh } from './mesh.js';

const $ = (id) => document.getElementById(id);

/** Act on one server message `msg` (an object with a `type`) for the page `app`. */
export function handleMessage(app, msg) {
  switch (msg.type) {
    case 'joined':
      app.onJoined(msg);
      break;
    case 'participant-joined':
      app.participants.add(msg.participant);
      break;
    case 'participant-left':
      app.participants.remove(msg.participantId);
      app.spotlight.drop(msg.participantId);
      break;
    case 'spotlight':
      app.spotlight.take(msg.participantIds);
      break;
    case 'offer':
    case 'answer':
    case 'candidate':
      if (app.engine instanceof P2PMesh) app.engine.handle(msg);
      break;
    case 'publish-answer':
      if (app.engine instanceof SfuSession) app.engine.acceptPublishAnswer(msg.sdp);
      break;
    case 'subscribe-offer':
      if (app.engine instanceof SfuSession) app.engine.acceptSubscribeOffer(msg.sdp);
      break;
    case 'send-encodings':
      if (app.engine instanceof SfuSession) app.engine.setSendEncodings(msg.mid, msg.encodings);
      break;
    case 'error':
      app.onError(String(msg.code ?? 'error'),
        typeof msg.message === 'string' ? msg.message : '');
      break;
    case 'meeting-ended':
      app.emit('meeting_end', {});
      app.onError('meeting_ended');
      break;
    case 'knock-pending':
      app.setPhase('knocking');
      app.emit('knock', {});
      break;
    case 'knock-held':
      plainText($('waiting-detail'), String(msg.message ?? '')); // the host's words
      break;
    case 'knock-rejected':
      app.onError('knock_rejected');
      if (msg.message) plainText($('ended-detail'), String(msg.message)); // the host's
      break;
    case 'knock':
      app.people.addKnock(msg.participant);
      app.announceKnock(msg.participant);
      app.emit('participant_knock', { participantId: msg.participant?.id }); // not `knock`
      break;
    case 'knock-cancelled':
      app.people.removeKnock(msg.participantId);
      break;
    case 'muted':
      app.media.setMic(false);
      app.controls.renderToggles();
      app.notify('notice.muted');
      break;
    case 'removed':
      app.onError('removed');
      break;
    case 'room-locked':
      app.locked = !!msg.locked;
      app.controls.renderHostControls();
      break;
    case 'chat':
      app.chat.add(msg, msg.from === app.selfId);
      break;
    case 'reaction':
      app.reactions.show(msg);
      break;
    case 'chat-deleted':
      app.chat.remove(msg.messageId);
      app.transcript?.remove(msg.messageId);
      break;
    case 'e2ee-key':
      app.e2ee?.receiveKey(msg);
      break;
    case 'recording-status':
      app.setRecording(msg.status === 'recording');
      break;
    case 'video-paused':
      // Last-N or our downlink holds these cameras back: their tiles say so, not
      // "Camera is off".
      if (!Array.isArray(msg.participantIds)) break;
      app.grid.setPaused(msg.participantIds.filter((id) => typeof id === 'string'),
        msg.reason === 'bandwidth' ? 'bandwidth' : 'last_n');
      break;
    case 'active-speaker':
      if (typeof msg.participantId === 'string') {
        app.participants.showActiveSpeaker(msg.participantId);
      }
      break;
    case 'warning': // a field of ours the server did not use (avatarUrl); joined anyway
      app.participants.onWarning(msg);
      break;
    case 'screen-share':
      if (typeof msg.participantId !== 'string') break;
      app.participants.setSharing(msg.participantId, !!msg.active);
      break;
    default:
      break; // pong, and types of later protocol versions
  }
}
