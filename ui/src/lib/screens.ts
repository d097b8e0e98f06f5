// The main screens, each in a script chunk of its own, read when first opened (issue 18): the
// window's first screen (the sign-in, the first-run set-up, or one of these) then does not wait
// for every other screen's script to be fetched and parsed. Each chunk is read once; the
// promise is kept, so opening a screen again is immediate.
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
