// The start-up figure of issue 18: the first screen tells the shell once it has painted the
// data it read (two animation frames later: the frame with the data is on screen by then).
// scripts/startup-memory.sh times launch → this, beside an empty Tauri window doing the same.
import { api } from "./api";

let told = false;

/** Called by a screen the window can open on, when its first data is shown. Once per start. */
export function firstScreenPainted(): void {
  if (told) return;
  told = true;
  requestAnimationFrame(() => requestAnimationFrame(() => api.firstScreenPainted().catch(() => {})));
}
