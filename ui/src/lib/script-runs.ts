// Imported first by main.ts, so evaluated before any other module of the bundle: the moment the
// page's script begins to run (it has been fetched and parsed), for the start-up figure.
performance.mark("chuyende:script-runs");
