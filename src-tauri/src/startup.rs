//! How long the window takes to show its first screen with data (issue 18's start-up figure).
//!
//! The page calls `first_screen_painted` once, two animation frames after its first screen
//! drew the data it read (see ui/src/lib/startup.ts). The shell logs the time since it started;
//! with `CHUYENDE_STARTUP_MARK=1` it also prints [`MARK`] on standard output, for
//! `scripts/startup-memory.sh`, which times launch → mark itself (so that loading the binary
//! and its libraries count too) and does the same with an empty Tauri window.

use std::sync::OnceLock;
use std::time::Instant;

/// The line the start-up script waits for; the empty window (src-tauri/crates/empty-window)
/// prints the same.
pub const MARK: &str = "chuyende-startup: first screen painted";

static STARTED: OnceLock<Instant> = OnceLock::new();

/// Called first thing in `run()`.
pub fn started() {
    STARTED.get_or_init(Instant::now);
}

/// The first screen is painted: log it (once), and print the mark when asked.
pub fn first_screen_painted() {
    static ONCE: OnceLock<()> = OnceLock::new();
    if ONCE.set(()).is_err() {
        return;
    }
    let since_start = STARTED.get().map(Instant::elapsed).unwrap_or_default();
    tracing::info!(
        ms = since_start.as_millis() as u64,
        "the first screen is painted with its data"
    );
    if std::env::var_os("CHUYENDE_STARTUP_MARK").is_some_and(|v| !v.is_empty()) {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{MARK}");
        let _ = out.flush();
    }
}
