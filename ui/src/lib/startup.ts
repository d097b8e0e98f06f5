// The start-up figure of issue 18: the first screen tells the shell once it has painted the
// data it read (two animation frames later: the frame with the data is on screen by then), with
// the moments of the page's own start, so that the shell's log shows where the time went.
// scripts/startup-memory.sh times launch → this, beside an empty Tauri window doing the same.
import { tick } from "svelte";
import { api } from "./api";
import { readTheOthersWhenIdle } from "./screens";

let told = false;

/** Called by a screen the window can open on, when its first data is shown. Once per start. */
export function firstScreenPainted(): void {
  if (told) return;
  told = true;
  const firstData = performance.now();
  // The moments between, to tell the framework's work (making the elements) from the browser's
  // (style, layout, paint of the first frame).
  let drawn: number | undefined;
  let firstFrame: number | undefined;
  tick().then(() => (drawn = performance.now()));
  requestAnimationFrame(() => {
    firstFrame = performance.now();
    requestAnimationFrame(() => {
      // Wall-clock milliseconds: the shell puts them on its own timeline.
      const origin = performance.timeOrigin;
      const at = (ms: number | undefined) => (ms === undefined || ms <= 0 ? null : origin + ms);
      const page = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
      const script = performance.getEntriesByType("resource")
        .find((r) => (r as PerformanceResourceTiming).initiatorType === "script") as PerformanceResourceTiming | undefined;
      const runs = performance.getEntriesByName("chuyende:script-runs")[0];
      api.firstScreenPainted(origin, at(page?.responseEnd), at(script?.responseEnd), at(runs?.startTime), at(firstData),
        at(drawn), at(firstFrame))
        .catch(() => {});
      // The other screens' scripts, now that the first is on screen (lib/screens.ts).
      setTimeout(readTheOthersWhenIdle, 500);
    });
  });
}
