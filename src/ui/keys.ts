/** Keyboard shortcuts act on the page, never while a person types in a field. */
function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** A plain key press (no Ctrl, Alt or Meta) outside any text field or list. */
export function shortcut(event: KeyboardEvent): boolean {
  return !event.ctrlKey && !event.metaKey && !event.altKey && !typing(event.target);
}

/** Space on a focused button (or a draggable stimulus, which Space picks up and drops) is that control's: the page's own Space shortcut then stands aside. */
export function pressesButton(event: KeyboardEvent): boolean {
  return event.key === ' ' && event.target instanceof HTMLElement && (event.target.tagName === 'BUTTON' || event.target.getAttribute('role') === 'button');
}
