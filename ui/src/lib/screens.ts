// The main screens, each in a script chunk of its own, read when first opened (issue 18): the
// window's first screen (the sign-in, the first-run set-up, or one of these) then does not wait
// for every other screen's script to be fetched and parsed. Each chunk is read once; the
// promise is kept, so opening a screen again is immediate. Once the first screen is painted,
// the others are read one after the other while the window is idle (`readTheOthersWhenIdle`):
// the first opening of a screen then costs its drawing, not the fetch and parse of its script
// (Kế hoạch's is 63 KB: its first opening took 129 ms against 37 ms later, issue 18).
import type { Component } from "svelte";
import type { Screen } from "./bindings/Screen";

type AnyComponent = Component<any>;

const LOADERS: Record<Screen | "accounts", () => Promise<{ default: AnyComponent }>> = {
  overview: () => import("../screens/Overview.svelte"),
  organisations: () => import("../screens/Organisations.svelte"),
  plans: () => import("../screens/Plans.svelte"),
  sessions: () => import("../screens/Sessions.svelte"),
  documents: () => import("../screens/Documents.svelte"),
  approvals: () => import("../screens/Approvals.svelte"),
  exchange: () => import("../screens/Exchange.svelte"),
  settings: () => import("../screens/Settings.svelte"),
  accounts: () => import("../screens/Accounts.svelte"),
};

const loaded = new Map<Screen | "accounts", Promise<AnyComponent>>();

/** The screen's component, its chunk read the first time it is asked for. */
export function screenComponent(screen: Screen | "accounts"): Promise<AnyComponent> {
  let component = loaded.get(screen);
  if (!component) {
    component = LOADERS[screen]().then((m) => m.default);
    // A chunk that could not be read is asked for again next time (the window says so meanwhile).
    component.catch(() => loaded.delete(screen));
    loaded.set(screen, component);
  }
  return component;
}

/** Reads every screen's chunk not yet read, one at a time, each when the page has had a moment
 *  to itself: a click meanwhile is served first, and a chunk asked for by then is not read twice. */
export function readTheOthersWhenIdle(): void {
  const waiting = (Object.keys(LOADERS) as (Screen | "accounts")[]).filter((s) => !loaded.has(s));
  const next = () => {
    const screen = waiting.shift();
    if (!screen) return;
    setTimeout(() => {
      // A chunk that cannot be read now is left for its first opening, which says why.
      screenComponent(screen).catch(() => {}).finally(next);
    }, 50);
  };
  next();
}
