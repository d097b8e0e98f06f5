// Where the secretary is working: the screen and the organisation last chosen. The library
// keeps it in the database (last_place), so the window reopens there, and every screen that
// shows one organisation starts from the same choice.
import { untrack } from "svelte";
import { api, type ErrorPayload, type Organisation, type OrganisationId, type Place } from "./api";

export const place: Place = $state({ screen: "organisations", organisation_id: null });

// What was chosen while the place was still being read (the navigation answers at once): it
// wins over the place the window opens on, and is stored once that place is known, so a quick
// first click neither jumps back to Tổng quan nor forgets the organisation last chosen.
let loaded = false;
const chosenBeforeLoad: Partial<Place> = {};

/** Reads the place the window opens on; on failure the window opens as on a first start. */
export async function loadPlace(): Promise<void> {
  try {
    const start = await api.lastPlace();
    untrack(() => Object.assign(place, start, chosenBeforeLoad));
  } catch {
    // The place is a convenience: never stop the window for it.
  }
  loaded = true;
  if (Object.keys(chosenBeforeLoad).length) api.setLastPlace($state.snapshot(place)).catch(() => {});
}

/** Remembers a change of screen or organisation. */
export function remember(change: Partial<Place>): void {
  untrack(() => {
    if (Object.entries(change).every(([k, v]) => place[k as keyof Place] === v)) return;
    Object.assign(place, change);
    if (!loaded) {
      Object.assign(chosenBeforeLoad, change);
      return;
    }
    api.setLastPlace($state.snapshot(place)).catch(() => {});
  });
}

/** The organisation a screen opens on: the one last chosen if it is listed, else the first
 *  cell (a cell secretary's own), else the first organisation. */
export function initialOrganisation(organisations: Organisation[]): OrganisationId | undefined {
  const chosen = place.organisation_id;
  if (chosen !== null && organisations.some((o) => o.id === chosen)) return chosen;
  return organisations.find((o) => o.kind === "cell" && !o.retired_on)?.id ?? organisations[0]?.id;
}

/** A document refused because a mandatory part is empty (the library's `incomplete` error):
 *  the settings screen opens on the organisation, says what is missing and puts the cursor in
 *  the first field to fill. */
export const settingsRequest: { organisation_id: OrganisationId | null; field: string | null; message: string | null } = $state({
  organisation_id: null,
  field: null,
  message: null,
});

/** Opens the settings for an `incomplete` error and returns true; false for any other error. */
export function openSettingsIfIncomplete(e: ErrorPayload, organisationId: OrganisationId | undefined): boolean {
  if (e.code !== "incomplete" || organisationId === undefined) return false;
  Object.assign(settingsRequest, { organisation_id: organisationId, field: e.field, message: e.message });
  remember({ screen: "settings", organisation_id: organisationId });
  return true;
}
