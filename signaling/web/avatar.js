// A participant's avatar (Whereby's avatarUrl), as the server accepted it: an https image on
// one of the operator's avatar domains (signaling/avatars.py), which the page's CSP alone
// lets it load. Shown only once it has loaded: until then, and when it cannot load (a broken
// or missing image), the page shows what it shows without one.

export class Avatar {
  /** @param {string} className the img's class */
  constructor(className) {
    this.url = null;
    this.img = document.createElement('img');
    this.img.className = `avatar ${className}`;
    // Decorative: the participant's name is always beside it.
    this.img.alt = '';
    // The avatar's host learns nothing of the room: no Referer (the page's URL names the
    // room, and a host's link its room key), whatever the page's own policy.
    this.img.referrerPolicy = 'no-referrer';
    this.img.decoding = 'async';
    this.img.hidden = true;
    this.img.addEventListener('load', () => { this.img.hidden = this.url === null; });
    this.img.addEventListener('error', () => { this.img.hidden = true; });
  }

  /** Show the image at `url` (a string), or none (null). */
  show(url) {
    const next = typeof url === 'string' && /^https:\/\//i.test(url) ? url : null;
    if (next === this.url) return;
    this.url = next;
    this.img.hidden = true;
    if (next) this.img.src = next;
    else this.img.removeAttribute('src');
  }
}
