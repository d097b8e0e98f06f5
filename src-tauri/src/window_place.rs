//! The window reopens where it was left, at the size it had (issue 17), through
//! tauri-plugin-window-state. The plugin writes its file when the app exits normally; a window
//! ended otherwise (killed, a power cut, a session that ends the process) would forget. So the
//! place is also written half a second after the person last moved or resized the window.

use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::Duration;

use tauri::{AppHandle, Manager};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

/// How long the window must keep still before its place is written: a drag is one write.
const SETTLE: Duration = Duration::from_millis(500);

/// Tells the writer the window moved or was resized.
pub struct Moved(Mutex<Sender<()>>);

/// Registers the plugin (its file in the data folder, so that CHUYENDE_DATA_DIR isolates it
/// as it does the webview's storage; a path that is not UTF-8 keeps it in the OS's config
/// folder) and starts the writer. Before the main window is made: the plugin restores it.
pub fn remember(app: &tauri::App, data_dir: Option<&std::path::Path>) -> tauri::Result<()> {
    let mut builder = tauri_plugin_window_state::Builder::default();
    if let Some(file) =
        data_dir.and_then(|d| d.join("window-state.json").to_str().map(String::from))
    {
        builder = builder.with_filename(file);
    }
    app.handle().plugin(builder.build())?;
    let (moved, settled) = channel::<()>();
    let handle = app.handle().clone();
    std::thread::spawn(move || {
        while settled.recv().is_ok() {
            loop {
                match settled.recv_timeout(SETTLE) {
                    Ok(()) => continue,
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            if let Err(e) = handle.save_window_state(StateFlags::all()) {
                tracing::warn!("the window's place was not saved: {e}");
            }
        }
    });
    app.manage(Moved(Mutex::new(moved)));
    Ok(())
}

/// Called on every move and resize of a window.
pub fn moved(app: &AppHandle) {
    if let Some(moved) = app.try_state::<Moved>() {
        let _ = moved.0.lock().unwrap_or_else(|p| p.into_inner()).send(());
    }
}
