// The desktop's keyboard habits (issue 17): Ctrl+N makes a new record on the screen's main
// list, Ctrl+F goes to its search, Ctrl+P prints the document shown. A screen (or a view inside
// it) offers an action while it is shown; the one offered last wins, so a topic opened over the
// plan board prints its own document. Esc closes a dialog (see Dialog.svelte).

export type Shortcut = "new" | "search" | "print";

const offered: { shortcut: Shortcut; run: () => void }[] = [];

/** Offers `run` for `shortcut` until the returned function is called (return it from an
 *  `$effect` so it ends with the component). */
export function offerShortcut(shortcut: Shortcut, run: () => void): () => void {
  const entry = { shortcut, run };
  offered.push(entry);
  return () => {
    const i = offered.indexOf(entry);
    if (i >= 0) offered.splice(i, 1);
  };
}

/** The shortcut a key press asks for, if any (Ctrl on Windows and Linux, ⌘ on a Mac). */
export function shortcutOf(e: KeyboardEvent): Shortcut | undefined {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return undefined;
  switch (e.key.toLowerCase()) {
    case "n":
      return "new";
    case "f":
      return "search";
    case "p":
      return "print";
  }
  return undefined;
}

/** Runs the action offered for the key pressed; true when the key was a shortcut (handled
 *  or not: the webview's own print or find must not start over the app). While a dialog is
 *  open the shortcuts wait: the dialog is what the keyboard is working on. */
export function runShortcut(e: KeyboardEvent, fallback: Partial<Record<Shortcut, () => void>> = {}): boolean {
  const shortcut = shortcutOf(e);
  if (!shortcut) return false;
  e.preventDefault();
  if (document.querySelector("[role=dialog]")) return true;
  const entry = [...offered].reverse().find((o) => o.shortcut === shortcut);
  (entry?.run ?? fallback[shortcut])?.();
  return true;
}
