// How the page calls a Rust command. The typed wrappers in ./api.ts are generated from the
// commands themselves. Every failure arrives as an ErrorPayload: a code, a Vietnamese message,
// maybe a field.
import { invoke } from "@tauri-apps/api/core";
import type { ErrorPayload } from "./bindings/ErrorPayload";

export type { ErrorPayload };

/** Turns anything thrown by invoke into an ErrorPayload the screens can show. */
export function asError(e: unknown): ErrorPayload {
  if (e && typeof e === "object" && "message" in e && "code" in e) return e as ErrorPayload;
  // Tauri's own refusal of an argument (an empty date, a number not typed) is technical
  // English: say what to do instead.
  if (typeof e === "string" && e.startsWith("invalid args")) {
    return { code: "internal", message: "Có ô chưa điền đúng (thường là ngày tháng): hãy kiểm tra lại rồi lưu.", field: null };
  }
  return { code: "internal", message: `Đã xảy ra lỗi không mong muốn: ${String(e)}`, field: null };
}

/** What a profile of the window (the large-data E2E, tests/e2e/large.rs) puts on the page to
 * see the commands: their number still running, and each one's start and end (Performance API
 * times). Absent in normal use. It cannot wrap `__TAURI_INTERNALS__.invoke` instead: tauri
 * defines that read-only. */
type IpcProfile = { running: number; calls: { command: string; start: number; end?: number }[] };

export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  const profile = (globalThis as { __chuyendeIpc?: IpcProfile }).__chuyendeIpc;
  const timed = profile && { command, start: performance.now(), end: undefined as number | undefined };
  if (profile && timed) {
    profile.running++;
    profile.calls.push(timed);
  }
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw asError(e);
  } finally {
    if (profile && timed) {
      timed.end = performance.now();
      profile.running--;
    }
  }
}
