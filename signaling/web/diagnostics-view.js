// Meeting diagnostics on screen (Whereby's callQualityMonitoring): the Diagnostics button in
// the top bar, the panel it opens in the side panel (per participant: bitrates, loss, round
// trip, jitter, video, codecs, ICE candidate types) and the connection-quality indicator on
// each tile. The figures come from diagnostics.js (call-quality.js computes them); the
// words from the catalog (i18n.js, `diagnostics.`). Built with textContent only. What stays
// on screen carries its key (localize), so a language switch retranslates it; the panel's
// levels and figures are written anew at each render, about every second while it is open.
//
// The panel is no live region: its figures change every second, and read out they would
// drown the call. A screen reader reads them when the user goes there; the tile indicators'
// names ("Connection quality: Poor") say the level in words, not by colour alone.

import {
  LANGUAGES, language, localize, localizeAttribute, t,
} from './i18n.js';

/** The figures a row shows, in this order (a figure the row's object lacks is left out). */
const FIGURES = ['bitrateIn', 'bitrateOut', 'lossPct', 'rttMs', 'jitterMs', 'video', 'codecs',
  'path', 'limitation'];

/** The catalog key of each quality level, of each cause of a level that is not good, and of
 * each reason the browser gives for holding its video back. */
const LEVELS = { good: 'diagnostics.good', fair: 'diagnostics.fair', poor: 'diagnostics.poor' };
const CAUSES = {
  lossPct: 'diagnostics.causeLoss', rttMs: 'diagnostics.causeRtt',
  jitterMs: 'diagnostics.causeJitter', limitation: 'diagnostics.causeLimitation',
};
const LIMITATIONS = {
  bandwidth: 'diagnostics.bandwidth', cpu: 'diagnostics.cpu', other: 'diagnostics.other',
};

/** `value` in the page's language's digits, `digits` decimals, without grouping (a
 * bitrate of 1500 kbit/s reads as one figure). */
function number(value, digits = 0) {
  return new Intl.NumberFormat(LANGUAGES[language()].tag, {
    useGrouping: false, minimumFractionDigits: digits, maximumFractionDigits: digits,
  }).format(value);
}

/** A figure's value as shown ('n/a' for null: not measured yet, or nothing to measure). */
function formatFigure(name, value) {
  if (name === 'limitation') {
    if (!value) return t('diagnostics.nothing');
    return Object.hasOwn(LIMITATIONS, value) ? t(LIMITATIONS[value]) : value;
  }
  if (value === null || value === undefined) return t('diagnostics.none');
  switch (name) {
    case 'bitrateIn':
    case 'bitrateOut':
      return t('diagnostics.kbits', { value: number(Math.round(value)) });
    case 'lossPct':
      return t('diagnostics.percent', { value: number(value, value < 10 ? 1 : 0) });
    case 'rttMs':
    case 'jitterMs':
      return t('diagnostics.millis', { value: number(Math.round(value)) });
    case 'video': {
      const size = { width: number(value.width), height: number(value.height) };
      return value.fps === null ? t('diagnostics.size', size)
        : t('diagnostics.sizeFps', { ...size, fps: number(Math.round(value.fps)) });
    }
    case 'codecs':
      return value.length > 0 ? value.join(', ') : t('diagnostics.none');
    case 'path': {
      if (!value.local) return t('diagnostics.none');
      // ICE's candidate types (host, srflx, relay) and transports are the standard's terms.
      const local = value.relayProtocol ? `${value.local} (${value.relayProtocol})` : value.local;
      return `${local} / ${value.remote ?? t('diagnostics.none')}`;
    }
    default:
      return String(value);
  }
}

const el = (tag, className, text) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
};

const setText = (node, text) => {
  if (node.textContent !== text) node.textContent = text;
};

export class DiagnosticsView {
  /**
   * @param {{button: HTMLButtonElement, panel: HTMLElement, title: HTMLElement,
   *   close: HTMLButtonElement, topology: HTMLElement, privacy: HTMLElement,
   *   list: HTMLElement, grid: import('./grid.js').VideoGrid}} elements room.html's
   *   diagnostics elements and the video grid, whose tiles get the indicators
   * @param {() => void} onOpen called when the panel opens (its figures are due at once)
   */
  constructor({ button, panel, title, close, topology, privacy, list, grid }, onOpen) {
    Object.assign(this, { button, panel, title, topology, privacy, list, grid, onOpen });
    this.closeButton = close;
    /** @type {Map<string, {item: HTMLElement, name: HTMLElement, status: HTMLElement,
     *   figures: HTMLElement, values: Map<string, HTMLElement>}>} panel rows by id */
    this.rows = new Map();
    localize(button, 'diagnostics.button');
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-controls', panel.id);
    localize(title, 'diagnostics.title');
    localize(close, 'diagnostics.close');
    localizeAttribute(close, 'aria-label', 'diagnostics.closeLabel');
    localize(privacy, 'diagnostics.privacy');
    button.addEventListener('click', () => (this.isOpen ? this.close(true) : this.open()));
    close.addEventListener('click', () => this.close(true));
    panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.close(true);
    });
  }

  get isOpen() {
    return !this.panel.hidden;
  }

  /** Show the panel and move the keyboard there (its heading), so the figures are next. */
  open() {
    this.panel.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    this.title.focus();
    this.onOpen();
  }

  /** Hide the panel; `returnFocus`: the focus goes back to the button (it was in the panel
   * or on the button), not lost on the page's start. */
  close(returnFocus = false) {
    const inside = this.panel.contains(document.activeElement);
    this.panel.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
    if (returnFocus || inside) this.button.focus();
  }

  /**
   * Show the newest figures.
   * @param {'p2p'|'sfu'|null} topology
   * @param {{id: string, name: string, self: boolean, figures: object}[]} rows the own tile
   *   ('self') first; `figures` from call-quality.js (receivedFigures, sentFigures)
   */
  render(topology, rows) {
    for (const row of rows) this.renderIndicator(row.id, row.figures.quality.level);
    if (!this.isOpen) return;
    setText(this.topology, topology === 'p2p' || topology === 'sfu'
      ? t(`diagnostics.${topology}`) : '');
    const ids = new Set(rows.map((r) => r.id));
    for (const [id, row] of [...this.rows]) {
      if (!ids.has(id)) {
        row.item.remove();
        this.rows.delete(id);
      }
    }
    rows.forEach((row, index) => {
      const shown = this.row(row.id);
      setText(shown.name, row.self ? t('people.you', { name: row.name || { key: 'common.you' } })
        : row.name || t('diagnostics.someone'));
      this.renderRow(shown, row);
      if (this.list.children[index] !== shown.item) {
        this.list.insertBefore(shown.item, this.list.children[index] ?? null);
      }
    });
  }

  /** Take every indicator off the tiles and empty the panel (the call ended). */
  clear() {
    for (const tile of this.grid.tiles.values()) {
      tile.el.querySelector(':scope > .tile__quality')?.remove();
    }
    this.list.replaceChildren();
    this.rows.clear();
    if (this.isOpen) this.close();
  }

  /** The tile of `id` shows `level` (hidden while not measured). */
  renderIndicator(id, level) {
    const tile = this.grid.tiles.get(id);
    if (!tile) return;
    let badge = tile.el.querySelector(':scope > .tile__quality');
    if (!badge) {
      badge = el('span', 'tile__quality');
      badge.setAttribute('role', 'img');
      tile.el.append(badge);
    }
    badge.hidden = level === null;
    if (level === null || badge.dataset.level === level) return;
    badge.dataset.level = level;
    localize(badge, LEVELS[level]);
    const args = { level: { key: LEVELS[level] } };
    localizeAttribute(badge, 'aria-label', 'diagnostics.quality', args);
    localizeAttribute(badge, 'title', 'diagnostics.quality', args);
  }

  /** The panel row of `id`, made on first use: a heading, the level, a list of figures. */
  row(id) {
    let row = this.rows.get(id);
    if (row) return row;
    const item = el('li', 'diagnostics__item');
    item.dataset.participantId = id;
    const name = el('h3', 'diagnostics__name');
    const status = el('p', 'diagnostics__status');
    const figures = el('dl', 'diagnostics__figures');
    item.append(name, status, figures);
    row = { item, name, status, figures, values: new Map() };
    this.rows.set(id, row);
    return row;
  }

  renderRow(shown, { self, figures }) {
    const { level, causes } = figures.quality;
    let status = t('diagnostics.measuring');
    if (level !== null) {
      const args = { level: { key: LEVELS[level] } };
      const named = causes.map((c) => t(CAUSES[c])).join(', ');
      status = causes.length === 0 ? t('diagnostics.quality', args)
        : t('diagnostics.qualityCauses', { ...args, causes: named });
    }
    setText(shown.status, status);
    shown.status.dataset.level = level ?? '';
    const names = FIGURES.filter((name) => name in figures);
    if ([...shown.values.keys()].join() !== names.join()) {
      shown.figures.replaceChildren();
      shown.values.clear();
      for (const name of names) {
        const label = el('dt', 'diagnostics__label');
        localize(label, `diagnostics.${name === 'video' && self ? 'videoSent' : name}`);
        const value = el('dd', 'diagnostics__value');
        value.dataset.figure = name;
        shown.figures.append(label, value);
        shown.values.set(name, value);
      }
    }
    for (const name of names) setText(shown.values.get(name), formatFigure(name, figures[name]));
  }
}
