// Whereby's `floatSelf` and `autoHideSelfView`: the own camera floated small over the bottom
// right of the video area (room.css, `.grid[data-float-self]`; grid.js leaves it out of the
// grid's count), and, with both, hidden while the user rests and shown again when the
// pointer moves or a key is pressed.

/** Rest (no pointer move, press or key) after which the floating own view hides. */
export const AUTO_HIDE_MS = 4000;

/** Float the own view out of the grid `grid` (read by grid.js and room.css). */
export function floatSelfView(grid) {
  grid.dataset.floatSelf = 'on';
}

/**
 * Hide the floating own view in `grid` after AUTO_HIDE_MS of rest; any pointer move or
 * press, or key, shows it again (and starts the wait over).
 * @param {HTMLElement} grid
 */
export function autoHideSelfView(grid) {
  let timer = null;
  const show = () => {
    if (grid.dataset.selfHidden) delete grid.dataset.selfHidden;
    clearTimeout(timer);
    timer = setTimeout(() => { grid.dataset.selfHidden = 'true'; }, AUTO_HIDE_MS);
  };
  for (const type of ['pointermove', 'pointerdown', 'keydown']) {
    document.addEventListener(type, show, { passive: true });
  }
  show();
}
