// Meeting diagnostics on screen (Whereby's callQualityMonitoring): the Diagnostics button in
// the top bar, the panel it opens in the side panel (per participant: bitrates, loss, round
// trip, jitter, video, codecs, ICE candidate types) and the connection-quality indicator on
// each tile. The figures come from diagnostics.js (call-quality.js computes them); the
// words from diagnostics-text.js. Built with textContent only.
//
// The panel is no live region: its figures change every second, and read out they would
// drown the call. A screen reader reads them when the user goes there; the tile indicators'
// names ("Connection quality: Poor") say the level in words, not by colour alone.

import { DIAGNOSTICS_TEXT as TEXT } from './diagnostics-text.js';

/** The figures a row shows, in this order (a figure the row's object lacks is left out). */
const FIGURES = ['bitrateIn', 'bitrateOut', 'lossPct', 'rttMs', 'jitterMs', 'video', 'codecs',
  'path', 'limitation'];

/** A figure's value as shown ('n/a' for null: not measured yet, or nothing to measure). */
function formatFigure(name, value) {
  if (name === 'limitation') {
    return value ? (TEXT.limitation[value] ?? value) : TEXT.limitation.none;
  }
  if (value === null || value === undefined) return TEXT.none;
  switch (name) {
    case 'bitrateIn':
    case 'bitrateOut':
      return TEXT.kbits(value);
    case 'lossPct':
      return TEXT.percent(value);
    case 'rttMs':
    case 'jitterMs':
      return TEXT.millis(value);
    case 'video':
      return TEXT.video(value);
    case 'codecs':
      return value.length > 0 ? value.join(', ') : TEXT.none;
    case 'path':
      return value.local ? TEXT.path(TEXT.candidate(value.local, value.relayProtocol),
        value.remote ?? TEXT.none) : TEXT.none;
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
    button.textContent = TEXT.button;
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-controls', panel.id);
    title.textContent = TEXT.title;
    close.textContent = TEXT.close;
    close.setAttribute('aria-label', TEXT.closeLabel);
    privacy.textContent = TEXT.privacy;
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
    setText(this.topology, TEXT.topology[topology] ?? '');
    const ids = new Set(rows.map((r) => r.id));
    for (const [id, row] of [...this.rows]) {
      if (!ids.has(id)) {
        row.item.remove();
        this.rows.delete(id);
      }
    }
    rows.forEach((row, index) => {
      const shown = this.row(row.id);
      setText(shown.name, row.self ? TEXT.you(row.name) : row.name || TEXT.someone);
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
    badge.textContent = TEXT.level[level];
    badge.setAttribute('aria-label', TEXT.tileLabel(TEXT.level[level]));
    badge.title = TEXT.tileLabel(TEXT.level[level]);
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
    setText(shown.status, level === null ? TEXT.measuring
      : TEXT.status(TEXT.level[level], causes.map((c) => TEXT.causes[c])));
    shown.status.dataset.level = level ?? '';
    const names = FIGURES.filter((name) => name in figures);
    if ([...shown.values.keys()].join() !== names.join()) {
      shown.figures.replaceChildren();
      shown.values.clear();
      for (const name of names) {
        const label = name === 'video' && self ? TEXT.figures.videoSent : TEXT.figures[name];
        const value = el('dd', 'diagnostics__value');
        value.dataset.figure = name;
        shown.figures.append(el('dt', 'diagnostics__label', label), value);
        shown.values.set(name, value);
      }
    }
    for (const name of names) setText(shown.values.get(name), formatFigure(name, figures[name]));
  }
}
