// Adaptive stream (docs/signaling.md, "Adaptive stream"): tell the SFU how each received
// video is shown, so it sends a thumbnail a small simulcast layer and a hidden tile nothing.
//
// Each remote tile is watched with an IntersectionObserver (on screen or not) and a
// ResizeObserver (its size, in device pixels); a hidden tab shows nothing
// (document.visibilityState). Changes are gathered and sent as one `video-viewport` at
// most every FLUSH_MS, with only the streams whose state changed: at most MAX_MESSAGES of
// MAX_STREAMS tiles each per flush, the rest at the next flush, so a room of hundreds of
// tiles never goes over the server's limit (5 per second) and loses nothing.

/** Least time between two flushes. */
export const FLUSH_MS = 400;
/** `video-viewport` messages per flush: 2 per 400 ms is the server's 5 per second. */
const MAX_MESSAGES = 2;
/** Tiles one message describes at most (the server's limit). */
const MAX_STREAMS = 64;
/** Largest size the server takes, in device pixels. */
const MAX_PIXELS = 16384;
/**
 * Whereby's `lowData=on`: every tile is reported as fitting in this (device pixels, aspect
 * kept), so the SFU sends each camera at its lowest simulcast encoding (160x90 for the web
 * client's 640x360 camera, 320x180 for a 1280x720 one: docs/signaling.md, "Adaptive
 * stream"); a shared screen's encodings are all of one size and it still gets its full one.
 */
const LOW_DATA_SIZE = { width: 160, height: 90 };

export class ViewportReporter {
  /**
   * @param {(msg: object) => void} send sends a signaling message
   * @param {{lowData?: boolean}} [options] lowData: report tiles as at most LOW_DATA_SIZE
   */
  constructor(send, { lowData = false } = {}) {
    this.send = send;
    this.lowData = lowData;
    /** @type {Map<Element, {streamId: string, inView: boolean, width: number, height: number}>} */
    this.tiles = new Map();
    /** streamId -> the `{visible, width, height}` last sent */
    this.sent = new Map();
    this.timer = null;
    this.intersections = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        const tile = this.tiles.get(entry.target);
        if (tile) tile.inView = entry.isIntersecting;
      }
      this.schedule();
    });
    this.resizes = new ResizeObserver((entries) => {
      const ratio = window.devicePixelRatio || 1;
      for (const entry of entries) {
        const tile = this.tiles.get(entry.target);
        if (!tile) continue;
        const box = entry.contentBoxSize?.[0];
        const width = box ? box.inlineSize : entry.contentRect.width;
        const height = box ? box.blockSize : entry.contentRect.height;
        const scale = this.lowData
          ? Math.min(1, LOW_DATA_SIZE.width / (width * ratio || 1),
            LOW_DATA_SIZE.height / (height * ratio || 1))
          : 1;
        tile.width = Math.min(MAX_PIXELS, Math.round(width * ratio * scale));
        tile.height = Math.min(MAX_PIXELS, Math.round(height * ratio * scale));
      }
      this.schedule();
    });
    this.onVisibility = () => this.schedule();
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  /** Report the tile `el` as showing received stream `streamId` (msid stream id). */
  watch(el, streamId) {
    const tile = this.tiles.get(el);
    if (tile && tile.streamId === streamId) return;
    if (tile) this.unwatch(el);
    this.tiles.set(el, { streamId, inView: false, width: 0, height: 0 });
    this.intersections.observe(el);
    this.resizes.observe(el);
  }

  /** Stop reporting the tile `el` (its stream is gone: nothing to tell). */
  unwatch(el) {
    const tile = this.tiles.get(el);
    if (!tile) return;
    this.tiles.delete(el);
    this.sent.delete(tile.streamId);
    this.intersections.unobserve(el);
    this.resizes.unobserve(el);
  }

  schedule() {
    if (this.timer === null) this.timer = setTimeout(() => this.flush(), FLUSH_MS);
  }

  /**
   * Send what changed since the last message (nothing when nothing did); what does not fit
   * in MAX_MESSAGES messages stays unsent and goes at the next flush.
   */
  flush() {
    this.timer = null;
    const pageVisible = document.visibilityState === 'visible';
    const changed = [];
    let more = false;
    for (const tile of this.tiles.values()) {
      const visible = pageVisible && tile.inView && tile.width > 0 && tile.height > 0;
      const state = { visible, width: tile.width, height: tile.height };
      const last = this.sent.get(tile.streamId);
      if (last && last.visible === visible
          && (!visible || (last.width === state.width && last.height === state.height))) {
        continue;
      }
      if (changed.length === MAX_MESSAGES * MAX_STREAMS) {
        more = true;
        break;
      }
      this.sent.set(tile.streamId, state);
      changed.push({ streamId: tile.streamId, ...state });
    }
    for (let i = 0; i < changed.length; i += MAX_STREAMS) {
      this.send({ type: 'video-viewport', streams: changed.slice(i, i + MAX_STREAMS) });
    }
    if (more) this.schedule();
  }

  close() {
    clearTimeout(this.timer);
    this.timer = null;
    this.intersections.disconnect();
    this.resizes.disconnect();
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.tiles.clear();
    this.sent.clear();
  }
}
