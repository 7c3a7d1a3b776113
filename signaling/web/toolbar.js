// Whereby's `toolbarText=off`: the call's toolbar buttons show an icon each (room.css,
// `.controls[data-text="off"]`) and no text. The text stays in each button, unseen (its
// font size is 0), so it is still the button's accessible name, and it is copied to the
// button's tooltip (title), kept in step as the labels change (Mute / Unmute).

/** Make the buttons of the toolbar `nav` icon-only. */
export function iconOnlyToolbar(nav) {
  nav.dataset.text = 'off';
  const sync = () => {
    // The toolbar's own buttons (.btn), not the reactions menu's: their text is an emoji,
    // their tooltip their name (reactions.js).
    for (const button of nav.querySelectorAll('button.btn')) {
      const label = button.textContent.trim();
      if (button.title !== label) button.title = label;
    }
  };
  // Titles are attributes, which the observer does not watch: no loop.
  new MutationObserver(sync).observe(nav, { subtree: true, childList: true,
    characterData: true });
  sync();
}
