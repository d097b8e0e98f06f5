// Typed calls to the Rust commands (src-tauri/src/commands). The payload types are generated
// from the Rust types (./bindings, checked by a Rust test), so the two sides cannot drift.
// Every failure arrives as an ErrorPayload: a code, a Vietnamese message, maybe a field.
import { invoke } from "@tauri-apps/api/core";
import type { AppStatus } from "./bindings/AppStatus";
import type { Departure } from "./bindings/Departure";
import type { ErrorPayload } from "./bindings/ErrorPayload";
import type { Member } from "./bindings/Member";
import type { MemberDraft } from "./bindings/MemberDraft";
import type { MemberId } from "./bindings/MemberId";
import type { Organisation } from "./bindings/Organisation";
import type { OrganisationDraft } from "./bindings/OrganisationDraft";
import type { OrganisationId } from "./bindings/OrganisationId";

export type {
  AppStatus, Departure, ErrorPayload, Member, MemberDraft, MemberId,
  Organisation, OrganisationDraft, OrganisationId,
};

/** Turns anything thrown by invoke into an ErrorPayload the screens can show. */
export function asError(e: unknown): ErrorPayload {
  if (e && typeof e === "object" && "message" in e && "code" in e) return e as ErrorPayload;
  return { code: "internal", message: `Đã xảy ra lỗi không mong muốn: ${String(e)}`, field: null };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw asError(e);
  }
}

export const api = {
  appStatus: () => call<AppStatus>("app_status"),

  organisations: (includeRetired: boolean) =>
    call<Organisation[]>("list_organisations", { includeRetired }),
  createOrganisation: (draft: OrganisationDraft) =>
    call<Organisation>("create_organisation", { draft }),
  updateOrganisation: (id: OrganisationId, draft: OrganisationDraft) =>
    call<Organisation>("update_organisation", { id, draft }),
  retireOrganisation: (id: OrganisationId, on: string) =>
    call<Organisation>("retire_organisation", { id, on }),

  members: (organisationId: OrganisationId | null, includeMoved: boolean) =>
    call<Member[]>("list_members", { organisationId, includeMoved }),
  createMember: (draft: MemberDraft) => call<Member>("create_member", { draft }),
  updateMember: (id: MemberId, draft: MemberDraft) => call<Member>("update_member", { id, draft }),
  recordDeparture: (id: MemberId, departure: Departure) =>
    call<Member>("record_departure", { id, departure }),
  reinstateMember: (id: MemberId) => call<Member>("reinstate_member", { id }),
};
