//! An empty Tauri 2 window: the floor any Tauri app pays in start-up time and memory, measured
//! beside the app by scripts/startup-memory.sh. Same tauri, same window size, same release
//! profile; no plugins, no database, a page of one line. Like the app it prints the start-up
//! mark when its page says it has painted (with CHUYENDE_STARTUP_MARK set), after the line of
//! its moments, named as the app's are (src-tauri/src/startup.rs), so that the script can set
//! one beside the other.

use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// The same lines as the app's (src-tauri/src/startup.rs).
const MARK: &str = "chuyende-startup: first screen painted";
const MOMENTS: &str = "chuyende-startup: moments";

/// When main began, on its own clock and as wall-clock milliseconds (the page's moments come as
/// wall-clock milliseconds).
static STARTED: OnceLock<(Instant, f64)> = OnceLock::new();
/// The setup hook begins, and the window is made: ms since main began.
static SHELL: OnceLock<(u64, u64)> = OnceLock::new();

fn since_start() -> u64 {
    STARTED
        .get()
        .map_or(0, |(at, _)| at.elapsed().as_millis() as u64)
}

/// The page's moments, wall-clock milliseconds: it began loading, its html was received, the
/// first animation frame began.
#[tauri::command]
fn first_screen_painted(navigation: Option<f64>, html: Option<f64>, first_frame: Option<f64>) {
    if std::env::var_os("CHUYENDE_STARTUP_MARK").is_some_and(|v| !v.is_empty()) {
        use std::io::Write;
        let painted = since_start();
        let since = |wall: Option<f64>| {
            let (_, start) = STARTED.get()?;
            wall.map(|w| (w - start).round() as i64)
        };
        let (setup_begins, made) = SHELL
            .get()
            .copied()
            .map_or((None, None), |(s, w)| (Some(s as i64), Some(w as i64)));
        let moments = [
            ("setup_begins", setup_begins),
            ("window_made", made),
            ("page_begins", since(navigation)),
            ("html", since(html)),
            ("first_frame", since(first_frame)),
            ("painted", Some(painted as i64)),
        ];
        let mut out = std::io::stdout().lock();
        let _ = write!(out, "{MOMENTS}");
        for (name, ms) in moments {
            if let Some(ms) = ms {
                let _ = write!(out, " {name}={ms}");
            }
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "{MARK}");
        let _ = out.flush();
    }
}

fn main() {
    let wall = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    STARTED.get_or_init(|| (Instant::now(), wall));
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![first_screen_painted])
        .setup(|app| {
            let setup_begins = since_start();
            tauri::WebviewWindowBuilder::new(app, "main", tauri::WebviewUrl::default())
                .title("Empty window")
                .inner_size(1280.0, 820.0)
                .build()?;
            let _ = SHELL.set((setup_begins, since_start()));
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the empty window could not start");
}
