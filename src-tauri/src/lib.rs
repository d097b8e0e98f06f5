//! The desktop shell: opens the database in the data folder and hands IPC calls to the domain
//! library. No rule lives here; see `chuyende-domain`.

mod commands;
mod log;
mod startup;
mod state;
mod window_place;

use tauri::Manager;

pub use state::AppState;

pub fn run() {
    startup::started();
    startup::choose_painting();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_notification::init())
        // The OS tells the shell which files were dropped (the page only hears of it): those,
        // and the files chosen in the dialog, are the ones the import command will read.
        .on_window_event(|window, event| match event {
            tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) => {
                if let Some(state) = window.try_state::<AppState>() {
                    state.offer(paths);
                }
            }
            tauri::WindowEvent::Moved(_) | tauri::WindowEvent::Resized(_) => {
                window_place::moved(window.app_handle());
            }
            _ => {}
        })
        .on_webview_event(|webview, event| {
            if let tauri::WebviewEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                if let Some(state) = webview.try_state::<AppState>() {
                    state.offer(paths);
                }
            }
        })
        .setup(|app| {
            // Tauri, GTK and the plugins have started: the shell's first step, for the log.
            let setup_begins = startup::since_start();
            // CHUYENDE_DATA_DIR wins; otherwise the OS per-user data folder of this app.
            let data_dir = chuyende::paths::resolve_data_dir(|| app.path().app_data_dir().ok());
            // A folder named in CHUYENDE_DATA_DIR must exist (mistyped, or a USB stick not
            // plugged in: an empty new database there would look like lost data); the OS's
            // own folder is made on first start.
            let named =
                std::env::var_os(chuyende::paths::DATA_DIR_ENV).is_some_and(|v| !v.is_empty());
            let must_exist = named && data_dir.as_ref().is_some_and(|d| !d.is_dir());
            // Started again on data a window already shows: that window comes to the front and
            // this start ends, before it has a window of its own (see chuyende::instance).
            if let Some(dir) = data_dir.as_deref().filter(|_| !must_exist) {
                if chuyende::instance::bring_running_window_forward(dir) {
                    eprintln!(
                        "Chuyên Đề đang mở với thư mục dữ liệu này: đã đưa cửa sổ đó lên trước."
                    );
                    std::process::exit(0);
                }
            }
            window_place::remember(app, data_dir.as_deref().filter(|_| !must_exist))?;
            main_window(app, data_dir.as_deref().filter(|_| !must_exist))?;
            let window_made = startup::since_start();
            startup::window_made(setup_begins, window_made);
            let handle = app.handle().clone();
            let state = AppState::open(data_dir, must_exist, move || bring_forward(&handle));
            // The log exists from here on: the shell's steps so far, for the start-up figure.
            tracing::info!(setup_begins, window_made, "the window is made");
            app.manage(state);
            // What need not precede the window, once its first screen is painted.
            let handle = app.handle().clone();
            startup::after_first_paint(move || {
                let state = handle.state::<AppState>();
                check_trail(&state);
                // The workstation's key, made here on a new data folder rather than at the
                // first opening of Cài đặt or Trao đổi (an fsync'd write: 30 ms, issue 18).
                if let Ok(db) = state.db() {
                    if !db.is_read_only() {
                        let _ = db.workstation();
                    }
                }
                if let Some(backup) = backup_in_background(&state, BackupWhen::IfDue) {
                    let _ = backup.join();
                }
            });
            Ok(())
        })
        // Every `#[tauri::command]` in src/commands, listed by build.rs (see command_manifest.rs).
        .invoke_handler(include!(concat!(env!("OUT_DIR"), "/handlers.rs")))
        .build(tauri::generate_context!())
        .expect("the window could not start")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                // At exit, a backup of the day's work (waited for: the process ends after).
                if let Some(handle) =
                    backup_in_background(&app.state::<AppState>(), BackupWhen::Now)
                {
                    let _ = handle.join();
                }
            }
        });
}

enum BackupWhen {
    IfDue,
    Now,
}

/// The automatic backups: at start when the last is older than a day (once the first screen is
/// painted: it need not delay the window), and at exit. On a thread of its own: the online
/// backup does not block the window's writes.
fn backup_in_background(state: &AppState, when: BackupWhen) -> Option<std::thread::JoinHandle<()>> {
    let db = state.db().ok().filter(|db| !db.is_read_only())?;
    let dir = state.db_folder()?;
    Some(std::thread::spawn(move || {
        let result = match when {
            BackupWhen::IfDue => db.backup_if_due(&dir).map(|_| ()),
            BackupWhen::Now => db.backup_in_rotation(&dir).map(|_| ()),
        };
        if let Err(e) = result {
            chuyende::logging::log_failure(&e);
        }
    }))
}

/// The check of the audit trail and the outline originals at start (`chuyende verify`, bounded
/// to the newest entries and a few seconds: see `Limits::AT_START`), on its own read-only
/// connection, once the first screen is painted, so the window opens and works meanwhile. The
/// window asks for its report (`trail_check`) until it has one, and warns when something was
/// changed outside the app.
fn check_trail(state: &AppState) {
    let Ok(db) = state.db() else { return };
    match db.verify_trail(chuyende::audit::verify::Limits::AT_START) {
        Ok(report) => {
            if !report.is_intact() {
                tracing::warn!("the trail check at start: {}", report.summary);
            }
            *state.trail.lock().unwrap_or_else(|p| p.into_inner()) = Some(report);
        }
        Err(e) => chuyende::logging::log_failure(&e),
    }
}

/// What a second start on the same data asks of this window: to be seen, in front.
fn bring_forward(app: &tauri::AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
        tracing::info!("a second start brought the window forward");
    }
}

/// The main window. Made here rather than in tauri.conf.json so that the webview keeps its
/// storage (unsaved form drafts, the chosen text size) in the same data folder as the database:
/// one folder to back up, and `CHUYENDE_DATA_DIR` isolates it completely.
fn main_window(app: &tauri::App, data_dir: Option<&std::path::Path>) -> tauri::Result<()> {
    let mut builder = tauri::WebviewWindowBuilder::new(app, "main", tauri::WebviewUrl::default())
        .title("Chuyên Đề")
        .inner_size(1280.0, 820.0)
        .min_inner_size(960.0, 600.0);
    // In a folder that cannot be written the webview keeps its storage in its default place:
    // the data then opens read-only instead of the window failing to start.
    if let Some(dir) = data_dir.filter(|d| !d.exists() || chuyende::fsutil::folder_is_writable(d)) {
        builder = builder.data_directory(dir.join("webview"));
    }
    builder.build()?;
    Ok(())
}
