//! How long the window takes to show its first screen with data (issue 18's start-up figure),
//! and where that time goes.
//!
//! The page calls `first_screen_painted` once, two animation frames after its first screen
//! drew the data it read (see ui/src/lib/startup.ts), with the moments of its own start (see
//! [`PageStart`]). The shell logs them on one timeline with its own steps, in milliseconds
//! since it started; with `CHUYENDE_STARTUP_MARK=1` it also prints [`MARK`] on standard output,
//! for `scripts/startup-memory.sh`, which times launch → mark itself (so that loading the
//! binary and its libraries count too) and does the same with an empty Tauri window.

use std::sync::{Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The line the start-up script waits for; the empty window (src-tauri/crates/empty-window)
/// prints the same.
pub const MARK: &str = "chuyende-startup: first screen painted";

/// The line before [`MARK`] that gives the start's moments, `name=ms` since the shell started
/// (setup_begins, window_made, page_begins, html, script_runs, first_data, drawn, first_frame,
/// painted), so that the script sets them beside the empty window's, which prints the same.
pub const MOMENTS: &str = "chuyende-startup: moments";

/// Tauri, GTK and the plugins have started (the setup hook begins), and the window is made.
static SHELL: OnceLock<(u64, u64)> = OnceLock::new();

/// Called by the setup hook once the window is made.
pub fn window_made(setup_begins: u64, window_made: u64) {
    let _ = SHELL.set((setup_begins, window_made));
}

/// When the shell started, on its own clock and on the wall clock (the page's moments come as
/// wall-clock milliseconds: its `performance.timeOrigin` plus its marks).
static STARTED: OnceLock<(Instant, f64)> = OnceLock::new();

/// The environment variable that makes WebKitGTK paint the page with Skia on the CPU.
pub const CPU_PAINTING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// On Linux, WebKitGTK paints with the CPU unless whoever starts the window says otherwise.
///
/// Why: WebKitGTK paints with Skia on the GPU by default, and on a machine whose OpenGL is
/// Mesa's software renderer (llvmpipe: virtual machines, the office PCs without a working
/// driver, CI's Xvfb) every new kind of drawing first has its shaders compiled by LLVM. Measured
/// with `perf` on the first screen (issue 18): 130 ms of LLVM in WebKit's painting thread for
/// this app's first frame (its borders, buttons and tables), 15 ms for the empty window's one
/// line; with CPU painting the first frame took 59 ms instead of 163 ms and the web process
/// 20 MB less. The window's pages are text, tables and forms, which the CPU paints well: WPE
/// WebKit made CPU painting its default on low-powered devices for the same reason. Someone
/// who sets the variable (to 0, to paint on the GPU) is obeyed. Windows's WebView2 is not
/// concerned.
///
/// Must be called before any thread exists (it sets the process's environment, which WebKit
/// reads when its processes start and passes on to them).
pub fn choose_painting() {
    if cfg!(target_os = "linux") && std::env::var_os(CPU_PAINTING).is_none() {
        std::env::set_var(CPU_PAINTING, "1");
    }
}

/// Called first thing in `run()`.
pub fn started() {
    STARTED.get_or_init(|| (Instant::now(), epoch_ms(SystemTime::now())));
}

/// Milliseconds since the shell started.
pub fn since_start() -> u64 {
    STARTED.get().map_or(0, |(at, _)| at.elapsed().as_millis() as u64)
}

fn epoch_ms(t: SystemTime) -> f64 {
    t.duration_since(UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// Whether the first screen is painted, for the work that waits for it (see [`after_first_paint`]).
static PAINTED: (Mutex<bool>, Condvar) = (Mutex::new(false), Condvar::new());

/// The longest the work of [`after_first_paint`] waits: a window that opens on a screen which does
/// not report its paint (one chosen the time before, say) must still get its checks and backup.
const PAINT_WAIT: Duration = Duration::from_secs(3);

/// Runs `work` on a thread of its own once the first screen is painted (at most [`PAINT_WAIT`]
/// after now): what need not precede the window (the trail check, the backup when one is due)
/// then does not take the two cores WebKit needs to start its processes and draw the first
/// screen.
pub fn after_first_paint(work: impl FnOnce() + Send + 'static) {
    std::thread::spawn(move || {
        let (painted, told) = &PAINTED;
        let guard = painted.lock().unwrap_or_else(|p| p.into_inner());
        drop(told.wait_timeout_while(guard, PAINT_WAIT, |painted| !*painted));
        work();
    });
}

/// The page's own start, as wall-clock milliseconds (None: the page could not tell).
#[derive(Debug, Default)]
pub struct PageStart {
    /// The page began loading (`performance.timeOrigin`).
    pub navigation: Option<f64>,
    /// index.html received.
    pub html: Option<f64>,
    /// The script bundle received (the first script resource's `responseEnd`).
    pub script_loaded: Option<f64>,
    /// The bundle's first module runs (it has been parsed).
    pub script_runs: Option<f64>,
    /// The first screen has its data and asks to be told when it is on screen.
    pub first_data: Option<f64>,
    /// Its elements are made (the screen's DOM is built: the framework's work is done).
    pub drawn: Option<f64>,
    /// The first animation frame after that begins (style, layout and paint of the screen follow).
    pub first_frame: Option<f64>,
}

/// The first screen is painted: log it (once) with the page's moments, and print the mark when
/// asked.
pub fn first_screen_painted(page: PageStart) {
    static ONCE: OnceLock<()> = OnceLock::new();
    if ONCE.set(()).is_err() {
        return;
    }
    let (painted, told) = &PAINTED;
    *painted.lock().unwrap_or_else(|p| p.into_inner()) = true;
    told.notify_all();
    let since = |wall: Option<f64>| -> Option<i64> {
        let (_, start) = STARTED.get()?;
        wall.map(|w| (w - start).round() as i64)
    };
    tracing::info!(
        ms = since_start(),
        page_begins = since(page.navigation),
        html = since(page.html),
        script_loaded = since(page.script_loaded),
        script_runs = since(page.script_runs),
        first_data = since(page.first_data),
        drawn = since(page.drawn),
        first_frame = since(page.first_frame),
        "the first screen is painted with its data (the page's moments in ms since the shell started)"
    );
    if std::env::var_os("CHUYENDE_STARTUP_MARK").is_some_and(|v| !v.is_empty()) {
        use std::io::Write;
        let (setup_begins, made) = SHELL
            .get()
            .copied()
            .map_or((None, None), |(s, w)| (Some(s as i64), Some(w as i64)));
        let moments = [
            ("setup_begins", setup_begins),
            ("window_made", made),
            ("page_begins", since(page.navigation)),
            ("html", since(page.html)),
            ("script_runs", since(page.script_runs)),
            ("first_data", since(page.first_data)),
            ("drawn", since(page.drawn)),
            ("first_frame", since(page.first_frame)),
            ("painted", Some(since_start() as i64)),
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
