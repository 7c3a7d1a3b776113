// Whereby's picture-in-picture button (`pipButton=off` hides it; `pip_toggle` tells an
// embedding page): the call's most relevant video in the browser's floating window, which
// stays on top while the user works in other windows. The window shows one video element
// of its own (#pip-video, muted: the tiles play the sound), whose stream follows the call:
// a spotlighted participant, else a shared screen, else the active speaker, else anyone
// whose video arrives, else the page's own camera. Following is a change of its stream, so
// the window stays open while participants come and go. Where the browser has no
// picture-in-picture (document.pictureInPictureEnabled false), there is no button.

import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);

/** How often the window's video is chosen again while it is open (ms). */
const FOLLOW_MS = 1000;
/** How long a click waits for the chosen stream's first frame's size (ms). */
const METADATA_WAIT_MS = 3000;

export class PictureInPicture {
  /** @param {object} app the RoomApp: its grid, emit and announce */
  constructor(app) {
    this.app = app;
    this.video = $('pip-video');
    this.button = $('pip-button');
    /** The follow timer while the window is open, else null. */
    this.timer = null;
  }

  bind() {
    if (!document.pictureInPictureEnabled) {
      this.button.hidden = true;
      return;
    }
    this.button.addEventListener('click', () => this.toggle());
    this.video.addEventListener('enterpictureinpicture', () => this.opened());
    this.video.addEventListener('leavepictureinpicture', () => this.closed());
  }

  /** Open the window, or close it if open (the button; Whereby's pip_toggle follows). */
  async toggle() {
    if (document.pictureInPictureElement === this.video) {
      await this.close();
      return;
    }
    const stream = this.choose();
    if (!stream) {
      this.app.announce(t('pip.noVideo'));
      return;
    }
    this.show(stream);
    try {
      // metadata first: the browser refuses a video that has no size yet (not waiting
      // longer than the click's user activation lasts)
      if (this.video.readyState < HTMLMediaElement.HAVE_METADATA) {
        await new Promise((resolve) => {
          this.video.addEventListener('loadedmetadata', resolve, { once: true });
          setTimeout(resolve, METADATA_WAIT_MS);
        });
      }
      await this.video.requestPictureInPicture();
    } catch (err) {
      console.warn('fjord: picture-in-picture refused by the browser:', err && err.name);
      this.video.srcObject = null; // nothing plays it now
      this.app.announce(t('pip.refused'));
    }
  }

  /** Close the window (leaving the call, or the button). */
  async close() {
    if (document.pictureInPictureElement !== this.video) return;
    await document.exitPictureInPicture().catch(() => {});
  }

  opened() {
    this.button.setAttribute('aria-pressed', 'true');
    this.timer = setInterval(() => this.follow(), FOLLOW_MS);
    this.app.emit('pip_toggle', { open: true });
  }

  closed() {
    clearInterval(this.timer);
    this.timer = null;
    this.button.setAttribute('aria-pressed', 'false');
    this.video.srcObject = null;
    this.app.emit('pip_toggle', { open: false });
  }

  /** While the window is open: show what is most relevant now, if it is another stream. */
  follow() {
    const stream = this.choose();
    if (stream && stream !== this.video.srcObject) this.show(stream);
  }

  show(stream) {
    this.video.srcObject = stream;
    this.video.play().catch(() => {});
  }

  /** The stream the window shows: the first tile with video of a spotlighted participant,
   * a shared screen, the active speaker, anyone else, then the page's own; null if none. */
  choose() {
    const grid = this.app.grid;
    const showing = [...grid.tiles.values()].filter((tile) => tile.stream
      && !tile.el.classList.contains('tile--no-video'));
    const rank = (tile) => {
      if (tile.local) return 4;
      if (grid.spotlit.includes(tile.id)) return 0;
      if (tile.id.endsWith(':screen')) return 1;
      return grid.speakers[0] === tile.id ? 2 : 3;
    };
    showing.sort((a, b) => rank(a) - rank(b));
    return showing[0]?.stream ?? null;
  }
}
